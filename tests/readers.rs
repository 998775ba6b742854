//! Two newsterm processes on one bundle share its marks in the library: each keeps the
//! other's stars, read marks and unstarring and sees them on its own screen. With the
//! library damaged they share the bundle's state file, and never wait for ever on its lock.

use std::collections::BTreeSet;
use std::fs::File;

use rustix::fs::{FlockOperation, flock};

use crate::support::fresh_dir;
use crate::support::state::{damage_library, read_state, read_state_file, start_in, state_file};

/// The sample bundle's story ids, in order.
fn ids() -> Vec<String> {
    let bundle = newsterm::bundle::sample().expect("sample");
    bundle.articles.iter().map(|a| a.id.clone()).collect()
}

fn set(ids: &[&String]) -> BTreeSet<String> {
    ids.iter().map(|id| (*id).clone()).collect()
}

const QUIT: (&str, &str) = ("Q", "\u{1b}[?1049l");

/// The title bar: what it counts.
fn title(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

#[test]
fn two_readers_each_starring_a_story_keep_both_stars() {
    let dir = fresh_dir("two-stars");
    let ids = ids();
    let mut a = start_in(&dir, &[]);
    let mut b = start_in(&dir, &[]);
    a.press("s", "1 starred");
    // B's save takes in A's star, and B shows it.
    b.press("js", "2 starred");
    a.press(QUIT.0, QUIT.1);
    b.press(QUIT.0, QUIT.1);
    assert!(a.finish().0.success() && b.finish().0.success());
    assert_eq!(read_state(&dir).starred, set(&[&ids[0], &ids[1]]));
}

#[test]
fn two_readers_each_reading_a_story_keep_both_read_marks() {
    let dir = fresh_dir("two-reads");
    let ids = ids();
    let mut a = start_in(&dir, &[]);
    let mut b = start_in(&dir, &[]);
    a.press("\r", "7 unread");
    b.press("j\r", "6 unread");
    // Quitting in the other order than they started.
    b.press(QUIT.0, QUIT.1);
    a.press(QUIT.0, QUIT.1);
    assert!(a.finish().0.success() && b.finish().0.success());
    assert_eq!(read_state(&dir).read, set(&[&ids[0], &ids[1]]));
}

#[test]
fn a_star_one_reader_takes_off_stays_off_in_the_other() {
    let dir = fresh_dir("unstar");
    let mut a = start_in(&dir, &[]);
    let mut b = start_in(&dir, &[]);
    a.press("s", "1 starred");
    // B, left alone, comes to show A's star; then takes it off.
    b.wait_until("A's star", |screen| title(screen).contains("1 starred"));
    b.press("s", "Unstarred");
    // And A, left alone, comes to show it off.
    a.wait_until("B's unstarring", |screen| {
        !title(screen).contains("starred")
    });
    a.press(QUIT.0, QUIT.1);
    b.press(QUIT.0, QUIT.1);
    assert!(a.finish().0.success() && b.finish().0.success());
    assert!(read_state(&dir).starred.is_empty());
}

#[test]
fn two_readers_starring_at_the_same_moment_lose_no_star() {
    let dir = fresh_dir("storm");
    let ids = ids();
    let mut a = start_in(&dir, &[]);
    let mut b = start_in(&dir, &[]);
    // A stars the first four stories, B the last four, their keys arriving together.
    a.press_nowait("sjsjsjs");
    b.press_nowait("jjjjsjsjsjs");
    a.wait_for(0, "Headlines 4/8");
    b.wait_for(0, "Headlines 8/8");
    a.press(QUIT.0, QUIT.1);
    b.press(QUIT.0, QUIT.1);
    assert!(a.finish().0.success() && b.finish().0.success());
    assert_eq!(read_state(&dir).starred, ids.iter().cloned().collect());
}

#[test]
fn a_lock_held_elsewhere_delays_the_save_and_never_the_screen() {
    let dir = fresh_dir("held");
    damage_library(&dir);
    let path = state_file(&dir).path;
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("the state folder");
    // The lock file's name is a promise to whatever else reads or writes the file.
    let lock = File::create(format!("{}.lock", path.display())).expect("the lock file");
    flock(&lock, FlockOperation::LockExclusive).expect("locked");
    let mut a = start_in(&dir, &[]);
    a.press("s", "lock is held elsewhere");
    assert!(!path.exists(), "nothing written under another's lock");
    // The screen goes on answering keys while the lock is held.
    a.press("j", "Headlines 2/8");
    drop(lock);
    a.press("j", "Headlines 3/8");
    a.press(QUIT.0, QUIT.1);
    assert!(a.finish().0.success());
    assert_eq!(read_state_file(&dir).starred, set(&[&ids()[0]]));
}

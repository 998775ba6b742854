//! Read state and stars survive sessions, signals and SIGKILL at any moment; a corrupt state
//! file never stops the reader; --no-state writes nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::state::{
    damage_library, library_path, read_state, read_state_file, start_in as start, state_file,
};
use crate::support::{Session, fresh_dir, newsterm};

#[test]
fn read_and_starred_stories_are_there_next_time() {
    let dir = fresh_dir("keep");
    let mut s = start(&dir, &[]);
    s.press("js", "1 starred");
    s.press("j\r", "· Reader");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    let memory = read_state(&dir);
    assert_eq!(memory.starred.len(), 1);
    assert_eq!(memory.read.len(), 1);
    // The next session shows them.
    let mut s = start(&dir, &[]);
    s.wait_for(0, "7 unread · 1 starred");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn a_hang_up_keeps_the_state() {
    let dir = fresh_dir("hup");
    let mut s = start(&dir, &[]);
    s.press("\r", "· Reader");
    s.press_nowait("jjj");
    // Until the scroll has been drawn: the story's title has gone from the top row.
    s.wait_until("the story scrolled", |screen| {
        !screen
            .lines()
            .nth(2)
            .unwrap_or_default()
            .contains("Việt Nam - Hàn Quốc")
    });
    s.kill("HUP");
    let (status, _) = s.finish();
    assert!(!status.success());
    let memory = read_state(&dir);
    assert_eq!(memory.read.len(), 1);
    assert_eq!(memory.places.len(), 1, "the place in the story too");
}

#[test]
fn every_star_shown_on_screen_survives_a_sigkill_at_any_moment() {
    let dir = fresh_dir("kill");
    let ids = ids();
    // The last story stays starred throughout, so the title bar always shows a count.
    let mut s = start(&dir, &[]);
    s.press("Gs", "1 starred");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    let mut next = sequence(0x2545_f491_4f6c_dd1d);
    for round in 0..300 {
        let before = read_state(&dir).starred;
        let story = (next() % 6) as usize;
        let id = &ids[story];
        let will_star = !before.contains(id);
        let count = if will_star {
            before.len() + 1
        } else {
            before.len() - 1
        };
        let mut s = start(&dir, &[]);
        // The count on screen is drawn after the state is saved: from then on it must last.
        s.press(
            &format!("g{}s", "j".repeat(story)),
            &format!("{count} starred"),
        );
        // Then more work that may be cut anywhere: another story toggled, a pause of up to
        // 3 ms, and the kill.
        if round % 2 == 0 {
            s.press_nowait("js");
        }
        std::thread::sleep(Duration::from_micros(next() % 3000));
        s.kill("KILL");
        let _ = s.finish();
        // The library passes its integrity check, and the change that was shown is in it.
        let memory = read_state(&dir);
        assert_eq!(memory.starred.contains(id), will_star, "round {round}");
        assert!(memory.starred.contains(&ids[7]), "round {round}");
    }
}

/// The same with the marks in the JSON state file (the library cannot be opened): the file
/// is replaced whole, so a kill leaves the old file or the new one, never half of either.
#[test]
fn every_star_shown_survives_a_sigkill_when_the_marks_are_in_the_state_file() {
    let dir = fresh_dir("kill-file");
    damage_library(&dir);
    let mut next = sequence(0x9e37_79b9_7f4a_7c15);
    let ids = ids();
    for round in 0..60 {
        let before = if round == 0 {
            Default::default()
        } else {
            read_state_file(&dir).starred
        };
        let story = (next() % 8) as usize;
        let will_star = !before.contains(&ids[story]);
        let count = before.len() + usize::from(will_star) * 2 - 1;
        let mut s = start(&dir, &[]);
        s.wait_for(0, "library not opened");
        let shown = if count == 0 {
            "Unstarred".to_owned()
        } else {
            format!("{count} starred")
        };
        s.press(&format!("g{}s", "j".repeat(story)), &shown);
        std::thread::sleep(Duration::from_micros(next() % 3000));
        s.kill("KILL");
        let _ = s.finish();
        let memory = read_state_file(&dir);
        assert_eq!(
            memory.starred.contains(&ids[story]),
            will_star,
            "round {round}"
        );
        // At most one temporary file can be left by a kill mid-write; it is never read.
        let parent = state_file(&dir).path.parent().unwrap().to_path_buf();
        let temporary: Vec<PathBuf> = std::fs::read_dir(&parent)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                // The atomic writer's names: `.NAME.PID-N.tmp`.
                name.starts_with('.') && name.ends_with(".tmp")
            })
            .collect();
        assert!(temporary.len() <= 1, "{temporary:?}");
        for p in temporary {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// A fixed pseudo-random sequence (xorshift): the same run every time.
fn sequence(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

fn ids() -> Vec<String> {
    newsterm::bundle::sample()
        .expect("sample")
        .articles
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

/// A state file of an earlier version is taken into the library at the first start and
/// left in place as a backup; the marks made after are the library's.
#[test]
fn a_state_file_of_an_earlier_version_is_taken_in_and_left_as_a_backup() {
    let dir = fresh_dir("taken-in");
    let file = state_file(&dir);
    std::fs::create_dir_all(file.path.parent().unwrap()).unwrap();
    let ids = ids();
    let text = format!(
        r#"{{"newsterm_state":1,"read":["{}"],"starred":["{}"],"places":{{}}}}"#,
        ids[1], ids[2]
    );
    std::fs::write(&file.path, &text).unwrap();
    let mut s = start(&dir, &[]);
    s.wait_for(0, "7 unread · 1 starred");
    s.press("\r", "6 unread");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    let memory = read_state(&dir);
    assert_eq!(memory.read.len(), 2);
    assert!(memory.starred.contains(&ids[2]));
    assert_eq!(
        std::fs::read_to_string(&file.path).unwrap(),
        text,
        "left as it was"
    );
}

/// With the library damaged, the marks go to the JSON state file, and a state file that is
/// not state is set aside; neither stops the reader, and the library is never written over.
#[test]
fn a_corrupt_state_file_is_set_aside_and_reading_goes_on() {
    let dir = fresh_dir("corrupt");
    let garbage = damage_library(&dir);
    let file = state_file(&dir);
    std::fs::create_dir_all(file.path.parent().unwrap()).unwrap();
    std::fs::write(&file.path, "{ this is not state").unwrap();
    let mut s = start(&dir, &[]);
    s.wait_for(0, "library not opened");
    s.press("\r", "· Reader");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    assert_eq!(read_state_file(&dir).read.len(), 1);
    assert_eq!(std::fs::read(library_path(&dir)).unwrap(), garbage);
    let aside = std::fs::read_dir(file.path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .contains(".corrupt-")
        })
        .count();
    assert_eq!(aside, 1);
}

#[test]
fn no_state_reads_and_writes_nothing() {
    let dir = fresh_dir("none");
    let mut s = start(&dir, &["--no-state"]);
    s.press("s\r", "· Reader");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    assert!(!dir.join("newsterm").exists());
    assert!(!library_path(&dir).exists(), "no library made");
}

#[test]
fn a_word_pasted_into_the_search_line_searches_and_a_paste_elsewhere_is_not_keys() {
    let dir = fresh_dir("paste");
    let mut s = start(&dir, &[]);
    // Outside the search line, a pasted "q" does not quit, nor do 70,000 of them (more than
    // a paste kept whole).
    s.press_nowait("\u{1b}[200~qqq\u{1b}[201~");
    s.press_nowait(&format!("\u{1b}[200~{}\u{1b}[201~", "q".repeat(70_000)));
    s.press("/", "/");
    s.press(
        "\u{1b}[200~bộ trưởng\u{1b}[201~",
        "1 of 8 match \"bộ trưởng\"",
    );
    s.press("\u{1b}", "Headlines 1/8");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

/// A bundle with a link, written to `dir`.
fn linked_bundle(dir: &Path) -> PathBuf {
    let path = dir.join("linked.json");
    std::fs::write(
        &path,
        r#"{"newsterm": 1, "title": "Links", "articles": [
            {"id": "a", "title": "Tin có link", "url": "https://example.org/tin?id=1&x='2'"}]}"#,
    )
    .expect("a bundle file");
    path
}

#[test]
fn o_starts_the_browser_detached_with_the_link_as_one_argument() {
    let dir = fresh_dir("browser");
    let bundle = linked_bundle(&dir);
    let seen = dir.join("seen.txt");
    let script = dir.script(
        "browser.sh",
        &format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", seen.display()),
    );
    let state = dir.to_string_lossy().into_owned();
    let browser = script.to_string_lossy().into_owned();
    let mut s = Session::start_with(
        80,
        24,
        &[bundle.to_str().unwrap()],
        &[
            ("TERM", "xterm"),
            ("XDG_STATE_HOME", &state),
            ("BROWSER", &browser),
        ],
    );
    s.wait_for(0, "Headlines 1/1");
    s.press("o", "Opening https://example.org");
    for _ in 0..200 {
        if std::fs::read_to_string(&seen).is_ok_and(|t| !t.is_empty()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&seen).unwrap(),
        "https://example.org/tin?id=1&x='2'"
    );
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn y_copies_the_link_with_osc_52_and_through_tmux_says_when_tmux_refused() {
    let dir = fresh_dir("copy");
    let bundle = linked_bundle(&dir);
    let url = "https://example.org/tin?id=1&x='2'";
    let state = dir.to_string_lossy().into_owned();
    for tmux in [None, Some("/tmp/tmux-0/default,1,0")] {
        let mut env = vec![("TERM", "xterm"), ("XDG_STATE_HOME", state.as_str())];
        env.extend(tmux.map(|t| ("TMUX", t)));
        let mut s = Session::start_with(80, 24, &[bundle.to_str().unwrap()], &env);
        s.wait_for(0, "Headlines 1/1");
        let said = if tmux.is_some() {
            // No tmux server at that address: the link goes through as passthrough, and the
            // status bar says so.
            "tmux passthrough"
        } else {
            "Link sent to the terminal's clipboard"
        };
        s.press("y", said);
        s.press("Q", "\u{1b}[?1049l");
        let (status, output) = s.finish();
        assert!(status.success());
        let code = newsterm::app::osc52(url, tmux.is_some());
        let code = String::from_utf8(code).unwrap();
        assert!(output.contains(&code), "{tmux:?}: {output:?}");
    }
}

#[test]
fn print_config_prints_the_defaults_as_a_file_that_reads_back() {
    let out = newsterm(&["--print-config"], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("[keys]") && text.contains("down = [\"j\", \"Down\"]"));
    assert_eq!(
        newsterm::config::parse(&text).expect("reads back"),
        newsterm::config::Config::default()
    );
}

#[test]
fn a_mistake_in_the_config_is_one_line_with_its_line_and_the_terminal_untouched() {
    let dir = fresh_dir("config-bad");
    std::fs::create_dir_all(dir.join("newsterm")).unwrap();
    std::fs::write(
        dir.join("newsterm/config.toml"),
        "theme = \"dark\"\n[keys]\nfly = \"f\"\n",
    )
    .unwrap();
    let home = dir.to_string_lossy().into_owned();
    let s = Session::start_with(
        80,
        24,
        &[],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    let (status, output) = s.finish();
    assert_eq!(status.exit_code(), 2);
    assert!(!output.contains('\u{1b}'), "{output:?}");
    let line = output.trim_end();
    assert!(!line.contains('\n'), "{line}");
    assert!(
        line.contains("config.toml: line 3: unknown action \"fly\""),
        "{line}"
    );
}

#[test]
fn keys_of_ones_own_from_the_config() {
    let dir = fresh_dir("config-keys");
    std::fs::create_dir_all(dir.join("newsterm")).unwrap();
    std::fs::write(
        dir.join("newsterm/config.toml"),
        "theme = \"light\"\n[keys]\ndown = [\"n\"]\nquit = \"Q\"\n",
    )
    .unwrap();
    let home = dir.to_string_lossy().into_owned();
    let mut s = Session::start_with(
        80,
        24,
        &[],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    s.wait_for(0, "Headlines 1/8");
    s.press("n", "Headlines 2/8");
    s.press("?", "n              next headline");
    s.press("?", "Headlines 2/8");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn a_plays_with_the_configured_player_and_a_again_stops_it() {
    let dir = fresh_dir("audio");
    let bundle = dir.join("audio.json");
    std::fs::write(
        &bundle,
        r#"{"newsterm": 1, "title": "Audio", "articles": [
            {"id": "a", "title": "Nghe", "audio": {"url": "https://example.org/a.mp3", "duration_s": 312}},
            {"id": "b", "title": "Ngắn", "audio": {"url": "https://example.org/b.mp3"}}]}"#,
    )
    .expect("a bundle file");
    let heard = dir.join("heard.txt");
    // Plays "forever" unless the address is b.mp3, which ends at once.
    let player = dir.script(
        "player.sh",
        &format!(
            "#!/bin/sh\nprintf '%s %s\\n' \"$$\" \"$1\" >> '{}'\ncase \"$1\" in *b.mp3) exit 0;; esac\nexec sleep 30\n",
            heard.display()
        ),
    );
    std::fs::create_dir_all(dir.join("newsterm")).expect("config dir");
    std::fs::write(
        dir.join("newsterm/config.toml"),
        format!("player = '{}'\n", player.display()),
    )
    .expect("config");
    let home = dir.to_string_lossy().into_owned();
    let mut s = Session::start_with(
        80,
        24,
        &[bundle.to_str().expect("UTF-8")],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    s.wait_for(0, "Headlines 1/2");
    s.press("a", "♪ Playing (5:12): a stops");
    let pid = wait_for_line(&heard, 0);
    assert!(pid.ends_with("https://example.org/a.mp3"), "{pid}");
    let pid = pid.split(' ').next().unwrap_or_default().to_owned();
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "the player runs"
    );
    s.press("a", "Stopped.");
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "the player was stopped"
    );
    // A player that ends by itself: newsterm hears of it (SIGCHLD) and says so.
    s.press("j\r", "· Reader");
    s.press("a", "Audio ended.");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

/// Line `n` of the file at `path`, once it is there.
fn wait_for_line(path: &Path, n: usize) -> String {
    for _ in 0..250 {
        if let Some(line) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.lines().nth(n).map(str::to_owned))
        {
            return line;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} never had line {n}", path.display());
}

#[test]
fn the_status_bar_names_the_keys_of_the_config() {
    let dir = fresh_dir("config-hints");
    std::fs::create_dir_all(dir.join("newsterm")).unwrap();
    std::fs::write(
        dir.join("newsterm/config.toml"),
        "[keys]\nquit = \"x\"\nhelp = \"H\"\n",
    )
    .unwrap();
    let home = dir.to_string_lossy().into_owned();
    let mut s = Session::start_with(
        80,
        24,
        &[],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    // The first status line is a notice (the sample's hint); the keys follow at a key.
    s.press("\r", "· Reader");
    s.wait_for(23, "H help  x quit");
    s.press("H", "H/Esc close help  x quit");
    s.press("x", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn ctrl_c_quits_when_the_config_unbinds_every_quit_key() {
    let dir = fresh_dir("config-no-quit");
    std::fs::create_dir_all(dir.join("newsterm")).unwrap();
    std::fs::write(
        dir.join("newsterm/config.toml"),
        "[keys]\nquit = []\nclose = []\n",
    )
    .unwrap();
    let home = dir.to_string_lossy().into_owned();
    let mut s = Session::start_with(
        80,
        24,
        &[],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    s.wait_for(0, "Headlines 1/8");
    s.press("\u{3}", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

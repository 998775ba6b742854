//! What one change to the reading state costs with a million stories read: bytes written and
//! time per save, median of ROUNDS saves (default 9), for
//!
//! - `pretty, whole (before)`: the memory copied and written pretty-printed, as every save did
//!   before saves merged (`serde_json::to_vec_pretty`, then `atomic::replace_with`);
//! - `compact, merged, file unchanged`: `SharedFile::save` of one star, the file still the one
//!   this reader wrote (no read, the memory written compact under the lock);
//! - `compact, merged, another reader wrote`: two readers saving in turn, so each save reads,
//!   parses and merges the other's file before writing;
//! - `a key that changes nothing`: `SharedFile::save` with no change.
//!
//!   cargo run --release --example state_save -- [ROUNDS] [DIR]
//!
//! DIR (default: the system's temporary folder) should be on the disk the state lives on:
//! every save is synced.

use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant};

use newsterm::state::{Changes, Memory, SharedFile, StateFile};
use serde::Serialize;

const READ: usize = 1_000_000;

/// The file's shape as saves before merging wrote it.
#[derive(Serialize)]
struct Stored {
    newsterm_state: u32,
    #[serde(flatten)]
    memory: Memory,
}

fn memory() -> Memory {
    Memory {
        read: (0..READ).map(|n| format!("story-{n:07}")).collect(),
        ..Memory::default()
    }
}

/// A reader of the state file at `path`, and its memory as opened.
fn reader(path: &Path) -> (SharedFile, Memory) {
    let dir = path.parent().unwrap_or(Path::new("."));
    let home = dir.to_string_lossy().into_owned();
    let mut file = StateFile::for_bundle("Bench", None, |v| {
        (v == "XDG_STATE_HOME").then(|| home.clone())
    })
    .unwrap_or_else(|| fail("no state path"));
    file.path = path.to_path_buf();
    let opened = file.open(0);
    let file = opened.file.unwrap_or_else(|| fail("state file not opened"));
    (SharedFile::new(file), opened.memory)
}

/// Stars (or unstars) story `n` in `memory` and saves it through `file`.
fn star(file: &mut SharedFile, memory: &mut Memory, n: usize) -> Duration {
    let id = format!("story-{n:07}");
    let mut changes = Changes::default();
    changes
        .starred
        .insert(id.clone(), !memory.starred.contains(&id));
    changes.apply_to(memory);
    let start = Instant::now();
    let saved = file
        .save(memory, changes, true)
        .unwrap_or_else(|e| fail(&e.to_string()));
    let took = start.elapsed();
    if let Some(merged) = saved.merged {
        *memory = *merged;
    }
    took
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn fail(why: &str) -> ! {
    eprintln!("state_save: {why}");
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(9);
    let base = args.next().map_or_else(std::env::temp_dir, Into::into);
    let dir = base.join(format!("newsterm-state-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&e.to_string()));
    let path = dir.join("bench.json");
    let start = memory();
    println!("{READ} stories read; median of {rounds} saves of one star each\n");
    println!("| save | bytes written | time per save | time / before |");
    println!("| --- | ---: | ---: | ---: |");
    let mut rows: Vec<(&str, u64, Duration)> = Vec::new();

    let mut mem = start.clone();
    let times = (0..rounds)
        .map(|n| {
            mem.starred.insert(format!("story-{n:07}"));
            let begin = Instant::now();
            let stored = Stored {
                newsterm_state: 1,
                memory: mem.clone(),
            };
            let json = serde_json::to_vec_pretty(&stored).unwrap_or_else(|e| fail(&e.to_string()));
            newsterm::atomic::replace_with(&path, &json).unwrap_or_else(|e| fail(&e.to_string()));
            begin.elapsed()
        })
        .collect();
    rows.push(("pretty, whole (before)", size(&path), median(times)));

    let _ = std::fs::remove_file(&path);
    newsterm::atomic::replace_with(&path, b"{\"newsterm_state\": 1}")
        .unwrap_or_else(|e| fail(&e.to_string()));
    let (mut a, _) = reader(&path);
    let mut mem = start.clone();
    // The first save reads the file as it was opened: not counted.
    let _ = star(&mut a, &mut mem, rounds);
    let times = (0..rounds).map(|n| star(&mut a, &mut mem, n)).collect();
    rows.push((
        "compact, merged, file unchanged",
        size(&path),
        median(times),
    ));

    let (mut b, mut mem_b) = reader(&path);
    let times: Vec<Duration> = (0..rounds)
        .map(|n| {
            let _ = star(&mut b, &mut mem_b, rounds + 1 + n);
            star(&mut a, &mut mem, n)
        })
        .collect();
    rows.push((
        "compact, merged, another reader wrote",
        size(&path),
        median(times),
    ));

    let inode = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.ino());
    let before = inode(&path);
    let begin = Instant::now();
    let _ = a.save(&mem, Changes::default(), true);
    let nothing = begin.elapsed();
    let written = if inode(&path) == before {
        0
    } else {
        size(&path)
    };
    rows.push(("a key that changes nothing", written, nothing));

    let reference = rows.first().map_or(Duration::ZERO, |r| r.2);
    for (what, bytes, time) in rows {
        println!(
            "| {what} | {bytes} | {:.1} ms | {:.2} |",
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() / reference.as_secs_f64().max(f64::MIN_POSITIVE)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

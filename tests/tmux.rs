//! newsterm inside a real tmux, started with tmux's default settings (`-f /dev/null`) in a
//! pseudo-terminal of its own: what a person over SSH inside tmux gets.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::{Session, fresh_dir};

const URL: &str = "https://example.org/tin?id=1&x='2'";

/// A bundle of one story linking to [`URL`].
fn linked_bundle(dir: &Path) -> PathBuf {
    let path = dir.join("linked.json");
    let bundle = format!(
        r#"{{"newsterm": 1, "title": "Links", "articles": [
            {{"id": "a", "title": "Tin có link", "url": "{URL}"}}]}}"#
    );
    std::fs::write(&path, bundle).expect("a bundle file");
    path
}

/// A tmux server of the test's own (its socket in `dir`), killed when the test ends however
/// it ends.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    #[track_caller]
    fn new(dir: &Path) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|out| out.status.success()),
            "these tests run newsterm inside a real tmux: install tmux (apt-get install tmux)"
        );
        Tmux {
            socket: dir.join("tmux.sock"),
        }
    }

    fn socket(&self) -> &str {
        self.socket.to_str().expect("a UTF-8 path")
    }

    /// tmux's default settings, a session running newsterm with `args`, at `cols`x`rows`.
    fn start(&self, cols: u16, rows: u16, args: &[&str]) -> Session {
        let mut command = vec!["-S", self.socket(), "-f", "/dev/null", "new-session"];
        command.push(crate::support::NEWSTERM);
        command.extend(args);
        Session::program(cols, rows, "tmux", &command, &[("TERM", "xterm-256color")])
    }

    /// What `tmux show-buffer` says.
    fn buffer(&self) -> String {
        let out = Command::new("tmux")
            .args(["-S", self.socket(), "show-buffer"])
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-S", self.socket(), "kill-server"])
            .output();
    }
}

#[test]
fn y_inside_tmux_as_installed_puts_the_link_in_its_buffer_and_the_clipboard() {
    let dir = fresh_dir("tmux-copy");
    let bundle = linked_bundle(&dir);
    let tmux = Tmux::new(&dir);
    let mut s = tmux.start(80, 24, &[bundle.to_str().expect("UTF-8 path")]);
    s.wait_for(0, "Headlines 1/1");
    let from = s.output().len();
    s.press("y", "tmux's buffer");
    assert_eq!(tmux.buffer(), URL);
    // tmux passes it on to the terminal it runs in (set-clipboard external): OSC 52 with the
    // link in base64.
    let code = String::from_utf8(newsterm::app::osc52(URL, false)).expect("ASCII");
    let encoded = code
        .trim_start_matches("\u{1b}]52;c;")
        .trim_end_matches('\u{7}');
    // tmux names the selection its own way; the link follows it.
    s.wait_for(from, "\u{1b}]52;");
    let sent = String::from_utf8_lossy(&s.output()[from..]).into_owned();
    assert!(sent.contains(encoded), "OSC 52 with the link: {sent:?}");
    s.press("Q", "\u{1b}[?1049l");
    let (status, _) = s.finish();
    assert!(status.success(), "{status:?}");
}

/// The keys of a first walk through the sample: open, scroll by lines and half pages, page,
/// the reader zoomed to the full width (where the terminal scrolls it), related, follow, back,
/// search, close.
const WALK: [&str; 19] = [
    "\r", "j", "j", "j", "\u{4}", "\u{15}", " ", "k", "z", "j", "\u{4}", "z", "\t", "j", "\r", "h",
    "/", "t", "\u{1b}",
];

/// What is written to the terminal for each of `keys`, each taken once the output is quiet.
fn bytes_per_key(s: &mut Session, keys: &[&str]) -> Vec<Vec<u8>> {
    keys.iter()
        .map(|&key| {
            let from = s.output().len();
            s.press_nowait(key);
            // A loaded machine may take longer than the quiet while to answer at all: the
            // key's bytes are waited for first, so none count towards the next key.
            let asked = std::time::Instant::now();
            while s.output().len() == from && asked.elapsed() < Duration::from_secs(3) {
                s.idle(Duration::from_millis(20));
            }
            // tmux holds a lone Esc for its `escape-time` (500 ms) before passing it on.
            let quiet = if key == "\u{1b}" { 900 } else { 200 };
            s.idle(Duration::from_millis(quiet));
            s.output()[from..].to_vec()
        })
        .collect()
}

/// Room for one redraw of tmux's status line (a row of `cols` and its colours), which its
/// clock asks for once a minute, within whatever key is being measured then.
fn clock(cols: u16) -> usize {
    usize::from(cols) + 48
}

#[test]
fn bytes_per_key_through_tmux_stay_within_one_and_a_half_times_the_direct_ones() {
    for (cols, rows) in [(80, 24), (120, 40), (200, 60)] {
        let mut direct = Session::start(cols, rows, &[]);
        direct.wait_for(0, "Headlines 1/8");
        direct.idle(Duration::from_millis(300));
        let alone = bytes_per_key(&mut direct, &WALK);
        let dir = fresh_dir("tmux-bytes");
        let tmux = Tmux::new(&dir);
        let mut inside = tmux.start(cols, rows, &[]);
        inside.wait_for(0, "Headlines 1/8");
        inside.idle(Duration::from_millis(300));
        let through = bytes_per_key(&mut inside, &WALK);
        let lens = |bytes: &[Vec<u8>]| bytes.iter().map(Vec::len).collect::<Vec<_>>();
        eprintln!("{cols}x{rows} direct {:?}", lens(&alone));
        eprintln!("{cols}x{rows} tmux   {:?}", lens(&through));
        for ((key, a), t) in WALK.iter().zip(&alone).zip(&through) {
            assert!(
                t.len() * 2 <= a.len() * 3 + clock(cols) * 2,
                "{cols}x{rows} {key:?}: {} bytes through tmux, {} direct: {:?}",
                t.len(),
                a.len(),
                String::from_utf8_lossy(t)
            );
        }
        let (a, t) = (
            lens(&alone).iter().sum::<usize>(),
            lens(&through).iter().sum::<usize>(),
        );
        assert!(
            t * 2 <= a * 3,
            "{cols}x{rows}: {t} bytes through tmux, {a} direct"
        );
    }
}

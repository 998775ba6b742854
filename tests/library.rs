//! The library through the real binary and a server on 127.0.0.1: subscriptions refreshed
//! into it (`newsterm refresh`), every story ever seen kept with its marks, failures listed,
//! two readers starring at once, the first frame without the network, and a damaged library
//! that never stops reading and is never written over.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use newsterm::library::{LIBRARY_SCOPE, Library, Selection};
use newsterm::state::Changes;

use crate::support::{
    Reply, Route, Server, Session, TempDir, fresh_dir, newsterm_with, stderr, stdout,
};

/// A reader's folders that outlive one run: settings, library, cache, state.
struct Reader(TempDir);

impl Reader {
    fn new(what: &str) -> Reader {
        Reader(fresh_dir(what))
    }

    fn vars(&self) -> Vec<(&'static str, PathBuf)> {
        ["config", "data", "cache", "state"]
            .into_iter()
            .zip([
                "XDG_CONFIG_HOME",
                "XDG_DATA_HOME",
                "XDG_CACHE_HOME",
                "XDG_STATE_HOME",
            ])
            .map(|(dir, var)| (var, self.0.join(dir)))
            .collect()
    }

    fn run(&self, args: &[&str]) -> Output {
        newsterm_with(args, None, &self.vars())
    }

    fn library_path(&self) -> PathBuf {
        self.0.join("data/newsterm/library.db")
    }

    fn library(&self) -> Library {
        Library::open(&self.library_path()).expect("the library opens")
    }

    /// newsterm in a pseudo-terminal on this reader's folders.
    fn session(&self, cols: u16, rows: u16) -> Session {
        let vars: Vec<(&str, String)> = self
            .vars()
            .into_iter()
            .map(|(k, v)| (k, v.to_string_lossy().into_owned()))
            .collect();
        let mut env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.push(("TERM", "xterm"));
        Session::start_with(cols, rows, &[], &env)
    }
}

fn rss(title: &str, items: &[(&str, &str)]) -> Reply {
    let items: String = items
        .iter()
        .map(|(guid, title)| {
            format!(
                "<item><guid>{guid}</guid><title>{title}</title>\
                 <link>http://example.org/{guid}</link>\
                 <pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>\
                 <description>About {title}.</description></item>"
            )
        })
        .collect();
    Reply::ok(
        "application/rss+xml",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>{items}</channel></rss>"
        ),
    )
}

fn atom(title: &str, entries: &[(&str, &str)]) -> Reply {
    let entries: String = entries
        .iter()
        .map(|(id, title)| {
            format!(
                "<entry><id>urn:{id}</id><title>{title}</title>\
                 <updated>2026-11-03T10:00:00Z</updated><summary>About {title}.</summary></entry>"
            )
        })
        .collect();
    Reply::ok(
        "application/atom+xml",
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title><id>urn:f</id><updated>2026-11-03T10:00:00Z</updated>{entries}</feed>"
        ),
    )
}

fn page() -> Reply {
    Reply::ok(
        "text/html",
        r#"<!doctype html><html><head><title>Blog</title>
        <link rel="alternate" type="application/rss+xml" href="/c.xml"></head><body>Hi</body></html>"#,
    )
}

fn titles(library: &Library) -> BTreeSet<String> {
    library
        .bundle(Selection::All, &|_| None)
        .expect("the library's stories")
        .articles
        .iter()
        .map(|a| a.title.clone())
        .collect()
}

/// The id of the library's story titled `title`.
fn id_of(library: &Library, title: &str) -> String {
    let bundle = library.bundle(Selection::All, &|_| None).expect("stories");
    bundle
        .articles
        .iter()
        .find(|a| a.title == title)
        .map(|a| a.id.clone())
        .unwrap_or_else(|| panic!("no story {title:?}"))
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn assert_intact(path: &Path) {
    let library = Library::open(path).expect("the library opens");
    assert_eq!(library.integrity_check(), Ok(()));
}

#[test]
fn every_story_ever_seen_is_kept_with_its_marks_and_failures_are_listed() {
    let server = Server::start(vec![
        Route::new(
            "/a.xml",
            rss("Feed A", &[("a1", "Apple"), ("a2", "Apricot")]),
        ),
        Route::new("/b.xml", atom("Feed B", &[("b1", "Banana")])),
        Route::new("/blog.html", page()),
        Route::new("/c.xml", rss("Feed C", &[("c1", "Cherry")])),
    ]);
    let reader = Reader::new("library-life");
    for path in ["/a.xml", "/b.xml", "/blog.html"] {
        let out = reader.run(&["add", &server.url(path)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(stdout(&reader.run(&["export"])).contains(&server.url("/c.xml")));
    let out = reader.run(&["refresh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("+4 new from 3 feeds\n"),
        "{}",
        stdout(&out)
    );
    {
        let mut library = reader.library();
        assert_eq!(
            titles(&library),
            set(&["Apple", "Apricot", "Banana", "Cherry"])
        );
        let mut marks = Changes::default();
        marks.read.insert(id_of(&library, "Apple"), true);
        marks.starred.insert(id_of(&library, "Banana"), true);
        library.apply(LIBRARY_SCOPE, &marks).expect("marks kept");
    }
    // The feeds change: Apple leaves A, Avocado arrives; B fails; C moves on to Cranberry.
    server.set(Route::new(
        "/a.xml",
        rss("Feed A", &[("a2", "Apricot"), ("a3", "Avocado")]),
    ));
    server.set(Route::new("/b.xml", Reply::status(500, "down")));
    server.set(Route::new("/c.xml", rss("Feed C", &[("c2", "Cranberry")])));
    let out = reader.run(&["refresh"]);
    assert_eq!(out.status.code(), Some(1), "some feed failed");
    let said = stdout(&out);
    assert!(
        said.contains(&format!("{}: failed: HTTP 500", server.url("/b.xml"))),
        "{said}"
    );
    assert!(
        said.ends_with("+2 new from 3 feeds, 1 feed failed\n"),
        "{said}"
    );
    let library = reader.library();
    assert_eq!(
        titles(&library),
        set(&[
            "Apple",
            "Apricot",
            "Avocado",
            "Banana",
            "Cherry",
            "Cranberry"
        ])
    );
    let memory = library.memory(LIBRARY_SCOPE).expect("marks");
    assert_eq!(memory.read, set(&[&id_of(&library, "Apple")]));
    assert_eq!(memory.starred, set(&[&id_of(&library, "Banana")]));
    let failing: Vec<_> = library
        .feeds()
        .expect("feeds")
        .into_iter()
        .filter(|f| f.failures > 0)
        .collect();
    assert_eq!(failing.len(), 1);
    assert_eq!(failing[0].url, server.url("/b.xml"));
    assert_eq!(failing[0].last_status, Some(500));
    let listed = stdout(&reader.run(&["feeds", "--failed"]));
    assert!(
        listed.contains("FAILED 1 time in a row (HTTP 500)"),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 1, "{listed}");
    // The reader's feed list shows it first, marked, and why it failed.
    let out = reader.run(&["--render", "120x30", "--keys", "F"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let frame = stdout(&out);
    let lines: Vec<&str> = frame.lines().collect();
    assert!(lines[1].contains("Feeds 1/3 · 1 failing"), "{frame}");
    assert!(
        lines[2].contains("✗") && lines[2].contains("failed 1×"),
        "{frame}"
    );
    assert!(
        frame.contains(&format!("{} · failed once: HTTP 500", server.url("/b.xml"))),
        "{frame}"
    );
    // The library as a bundle holds them all, and opens as one.
    let file = reader.0.join("archive.json");
    let out = reader.run(&["export", "--bundle", "-o", &file.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bundle = newsterm::bundle::load_path(&file).expect("a bundle");
    assert_eq!(bundle.articles.len(), 6);
    assert_intact(&reader.library_path());
}

#[test]
fn the_first_frame_comes_from_the_library_without_the_network() {
    let server = Server::start(vec![Route::new(
        "/a.xml",
        rss("Feed A", &[("a1", "Apple"), ("a2", "Apricot")]),
    )]);
    let reader = Reader::new("library-offline");
    assert!(reader.run(&["add", &server.url("/a.xml")]).status.success());
    assert!(reader.run(&["refresh"]).status.success());
    // The server now never answers: the reader opens on what the library holds.
    server.set(Route::new("/a.xml", Reply::Hang));
    let out = reader.run(&["--render", "80x24"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let frame = stdout(&out);
    assert!(
        frame.contains("Apple") && frame.contains("Apricot"),
        "{frame}"
    );
    let mut s = reader.session(80, 24);
    s.wait_for(0, "Apricot");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn two_readers_starring_at_once_lose_no_star() {
    let server = Server::start(vec![Route::new(
        "/a.xml",
        rss(
            "Feed A",
            &[("1", "One"), ("2", "Two"), ("3", "Three"), ("4", "Four")],
        ),
    )]);
    let reader = Reader::new("library-stars");
    assert!(reader.run(&["add", &server.url("/a.xml")]).status.success());
    assert!(reader.run(&["refresh"]).status.success());
    let mut a = reader.session(80, 24);
    let mut b = reader.session(80, 24);
    a.wait_for(0, "Headlines 1/4");
    b.wait_for(0, "Headlines 1/4");
    a.press_nowait("sjs");
    b.press_nowait("jjsjs");
    a.wait_for(0, "Headlines 2/4");
    b.wait_for(0, "Headlines 4/4");
    a.press("Q", "\u{1b}[?1049l");
    b.press("Q", "\u{1b}[?1049l");
    assert!(a.finish().0.success() && b.finish().0.success());
    let library = reader.library();
    assert_eq!(
        library.memory(LIBRARY_SCOPE).expect("marks").starred.len(),
        4
    );
    assert_eq!(library.integrity_check(), Ok(()));
}

#[test]
fn a_damaged_library_is_said_in_one_line_and_never_written_over() {
    let server = Server::start(vec![Route::new(
        "/a.xml",
        rss("Feed A", &[("a1", "Apple")]),
    )]);
    let reader = Reader::new("library-damaged");
    assert!(reader.run(&["add", &server.url("/a.xml")]).status.success());
    let path = reader.library_path();
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("the data folder");
    let garbage = b"not a database: a shopping list\n".repeat(500);
    std::fs::write(&path, &garbage).expect("garbage written");
    let out = reader.run(&["refresh"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("library.db"), "{err}");
    // The reader still shows the feed (from the cache `add` filled), and says why.
    let out = reader.run(&["--render", "80x24"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Apple"), "{}", stdout(&out));
    assert_eq!(std::fs::read(&path).expect("still there"), garbage);
}

#[test]
fn a_large_library_shows_its_newest_stories_first_and_then_every_story() {
    // More stories than the reader reads before its first frame.
    let n = 5_050;
    let items: Vec<(String, String)> = (0..n)
        .map(|i| (format!("g{i}"), format!("Story number {i}")))
        .collect();
    let items: Vec<(&str, &str)> = items
        .iter()
        .map(|(g, t)| (g.as_str(), t.as_str()))
        .collect();
    let server = Server::start(vec![Route::new("/big.xml", rss("Big", &items))]);
    let reader = Reader::new("library-large");
    assert!(
        reader
            .run(&["add", &server.url("/big.xml")])
            .status
            .success()
    );
    assert!(reader.run(&["refresh"]).status.success());
    let mut s = reader.session(100, 30);
    s.wait_for(0, "Headlines 1/5050");
    // A star given at once, whether the whole list has come or not, is kept in both.
    s.press_nowait("s");
    s.wait_for(0, "5050 unread · 1 starred");
    s.press("G", "Headlines 5050/5050");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
    let library = reader.library();
    assert_eq!(
        library.memory(LIBRARY_SCOPE).expect("marks").starred.len(),
        1
    );
    assert_eq!(library.integrity_check(), Ok(()));
}

//! Subscriptions through the real binary: `add` (a feed, or the feeds a page names, from a
//! server on 127.0.0.1), `remove`, `import` of OPML and of newsboat's urls file, `export`,
//! and `--check` of the file, each run keeping the file's other lines as they were.

use std::path::PathBuf;
use std::process::Output;

use newsterm::subs::{Subscription, UrlsFile};

use crate::support::{Reply, Route, Server, TempDir, fresh_dir, newsterm_with, stderr, stdout};

const FEED: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Served</title><link>http://example.org/</link>
<item><title>One</title><link>http://example.org/1</link></item></channel></rss>"#;

/// A settings folder that outlives one run, so runs see each other's subscriptions.
struct Config(TempDir);

impl Config {
    fn new() -> Config {
        Config(fresh_dir("subs"))
    }

    fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        newsterm_with(args, stdin, &[("XDG_CONFIG_HOME", self.0.path())])
    }

    fn urls_path(&self) -> PathBuf {
        self.0.join("newsterm").join("urls")
    }

    fn urls(&self) -> String {
        std::fs::read_to_string(self.urls_path()).unwrap_or_default()
    }

    fn set_urls(&self, text: &str) {
        std::fs::create_dir_all(self.0.join("newsterm")).expect("a folder");
        std::fs::write(self.urls_path(), text).expect("the urls file");
    }
}

/// Exit status 2 and one line on stderr that says `what`.
fn refused(out: &Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(what), "{err}");
}

fn page(links: &str) -> Reply {
    Reply::ok(
        "text/html; charset=utf-8",
        format!(
            "<!doctype html><html><head><title>Blog</title>{links}</head><body>Hi</body></html>"
        ),
    )
}

fn server() -> Server {
    let one = r#"<base href="/blog/"><link rel="alternate" type="application/rss+xml" href="../feed.xml">"#;
    let two = r#"<link rel="alternate" type="application/atom+xml" href="/atom.xml">
        <link rel="alternate" type="application/rss+xml" href="http://other.example/rss">"#;
    Server::start(vec![
        Route::new("/feed.xml", Reply::ok("application/rss+xml", FEED)),
        Route::new("/one.html", page(one)),
        Route::new("/two.html", page(two)),
        Route::new("/none.html", page("")),
    ])
}

#[test]
fn a_feed_is_added_with_its_tags_and_the_file_keeps_its_comments() {
    let server = server();
    let config = Config::new();
    config.set_urls("# my feeds\n\"query:Unread:unread = \\\"yes\\\"\"");
    let feed = server.url("/feed.xml");
    let out = config.run(&["add", &feed, "news", "long reads"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("added {feed}\n"));
    assert_eq!(
        config.urls(),
        format!("# my feeds\n\"query:Unread:unread = \\\"yes\\\"\"\n{feed} news \"long reads\"\n")
    );
    let again = config.run(&["add", &feed], None);
    assert!(again.status.success());
    assert_eq!(stdout(&again), format!("{feed}: already subscribed\n"));
    assert_eq!(server.requests_for("/feed.xml").len(), 1);
}

#[test]
fn a_page_naming_one_feed_adds_it() {
    let server = server();
    let config = Config::new();
    let page = server.url("/one.html");
    let out = config.run(&["add", &page, "blogs"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let feed = server.url("/feed.xml");
    assert_eq!(stdout(&out), format!("added {feed} (found on {page})\n"));
    assert_eq!(config.urls(), format!("{feed} blogs\n"));
}

#[test]
fn a_page_naming_several_feeds_adds_the_first_and_says_how_to_choose() {
    let server = server();
    let config = Config::new();
    let page = server.url("/two.html");
    let out = config.run(&["add", &page], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let atom = server.url("/atom.xml");
    assert_eq!(
        stdout(&out),
        format!(
            "{page} names 2 feeds:\n  1. {atom}\n  2. http://other.example/rss\n\
             added {atom} (found on {page})\n\
             to take another: newsterm remove {atom} && newsterm add http://other.example/rss\n"
        )
    );
    assert_eq!(config.urls(), format!("{atom}\n"));
}

#[test]
fn what_cannot_be_added_is_one_line() {
    let server = server();
    let config = Config::new();
    refused(
        &config.run(&["add", &server.url("/none.html")], None),
        "not a feed, and the page names none",
    );
    refused(
        &config.run(&["add", "file:///etc/passwd"], None),
        "only http:// and https:// addresses can be added",
    );
    // The network's failures are status 1.
    let missing = config.run(&["add", &server.url("/missing.xml")], None);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    assert_eq!(stderr(&missing).lines().count(), 1, "{}", stderr(&missing));
    assert!(!config.urls_path().exists());
}

#[test]
fn remove_takes_out_the_line_and_nothing_else() {
    let config = Config::new();
    let before =
        "# mine\r\nhttps://a.example/f one \"~A\"\n\nexec:make-feed\nhttps://b.example/f\n";
    config.set_urls(before);
    let out = config.run(&["remove", "https://a.example/f"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "removed https://a.example/f\n");
    assert_eq!(
        config.urls(),
        "# mine\r\n\nexec:make-feed\nhttps://b.example/f\n"
    );
    refused(
        &config.run(&["remove", "https://a.example/f"], None),
        "https://a.example/f: not subscribed",
    );
}

const OPML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>From newsboat</title></head>
  <body>
    <outline title="News">
      <outline text="World">
        <outline type="rss" text="Big &amp; Small" xmlUrl="https://e.org/a.xml" category="daily,x/y"/>
      </outline>
    </outline>
    <outline type="rss" text="Made here" xmlUrl="|~/bin/feed --all" category="local"/>
    <outline type="rss" text="https://e.org/dirty" xmlUrl="https://e.org/dirty" filtercmd="~/bin/clean.sh"/>
  </body>
</opml>
"#;

#[test]
fn opml_is_imported_with_folders_categories_commands_and_filters() {
    let config = Config::new();
    config.set_urls("# mine\nhttps://e.org/a.xml old\n");
    let dir = fresh_dir("subs-opml");
    let file = dir.file("feeds.opml", OPML);
    let out = config.run(&["import", file.to_str().expect("UTF-8")], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("feeds.opml: 2 added, 1 already there\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        config.urls(),
        "# mine\nhttps://e.org/a.xml old\n\
         \"exec:~/bin/feed --all\" local \"~Made here\"\n\
         filter:~/bin/clean.sh:https://e.org/dirty\n"
    );
    // Into an empty list, the nested feed has every folder and category as a tag.
    let fresh = Config::new();
    let out = fresh.run(&["import", "-"], Some(OPML.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        fresh
            .urls()
            .starts_with("https://e.org/a.xml News World daily x y \"~Big & Small\"\n"),
        "{}",
        fresh.urls()
    );
}

#[test]
fn a_newsboat_urls_file_is_imported_and_its_query_lines_read() {
    let config = Config::new();
    config.set_urls("# mine\n\"query:Mine:tags # \\\"x\\\"\"\nhttps://a.example/f\n");
    let newsboat = "# newsboat's\nhttps://a.example/f other\n\
        https://b.example/rss tech \"long reads\" \"~B News\"\n\
        \"query:Unread:unread = \\\"yes\\\"\" \"~ignored\"\n\
        \"query:Mine:tags # \\\"x\\\"\"\n";
    let out = config.run(&["import", "-"], Some(newsboat.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "imported standard input: 2 added, 2 already there\n"
    );
    assert_eq!(
        config.urls(),
        "# mine\n\"query:Mine:tags # \\\"x\\\"\"\nhttps://a.example/f\n\
         https://b.example/rss tech \"long reads\" \"~B News\"\n\
         \"query:Unread:unread = \\\"yes\\\"\" \"~ignored\"\n"
    );
    let check = config.run(&["--check"], None);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(
        stdout(&check),
        "urls: ok: 2 feeds, 2 query feeds, 0 lines kept\n"
    );
}

#[test]
fn export_then_import_gives_the_same_subscriptions() {
    let config = Config::new();
    config.set_urls(
        "# comment\nhttps://e.org/a?x=1&y=2 one \"two words\" \"~A <b> & \\\"c\\\"\"\n\
         https://e.org/b\nhttps://e.org/c one \"!hidden\" \"~Café\"\n\
         exec:make-feed --now two\nfilter:clean.sh:https://e.org/d \"~D\"\n\
         \"query:Q:unread = \\\"yes\\\"\"\n",
    );
    let out = config.run(&["export"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let opml = stdout(&out);
    assert!(
        opml.contains("<title>newsterm subscriptions</title>"),
        "{opml}"
    );
    let fresh = Config::new();
    let imported = fresh.run(&["import", "-"], Some(opml.as_bytes()));
    assert!(imported.status.success(), "{}", stderr(&imported));
    let set = |text: &str| {
        let mut subs: Vec<Subscription> = UrlsFile::parse(text)
            .subscriptions()
            .cloned()
            .map(|mut s| {
                s.tags.sort();
                s
            })
            .collect();
        subs.sort_by(|a, b| a.url.cmp(&b.url));
        subs
    };
    assert_eq!(set(&fresh.urls()), set(&config.urls()));
    assert_eq!(set(&config.urls()).len(), 5);
}

#[test]
fn what_is_not_a_subscription_list_is_refused_in_one_line() {
    let config = Config::new();
    config.set_urls("https://a.example/f\n");
    let dir = fresh_dir("subs-bad");
    let rss = dir.file("feed.xml", FEED);
    refused(
        &config.run(&["import", rss.to_str().expect("UTF-8")], None),
        "feed.xml: not OPML: no <opml> at the top",
    );
    refused(
        &config.run(
            &["import", "-"],
            Some(b"<opml version=\"2.0\"><head/></opml>"),
        ),
        "standard input: an OPML file without a <body>",
    );
    refused(
        &config.run(&["import", "-"], Some(b"{\"newsterm\": 1}\n")),
        "standard input:1: neither OPML nor a feed line",
    );
    assert_eq!(config.urls(), "https://a.example/f\n");
    // A mistake in the urls file itself names its line.
    std::fs::write(
        config.urls_path(),
        b"https://a.example/f\nhttps://b.example/\xff\n",
    )
    .expect("write");
    refused(&config.run(&["--check"], None), "urls:2: not UTF-8 text");
}

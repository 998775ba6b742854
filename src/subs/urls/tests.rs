//! The urls file's unit tests: reading newsboat's lines, and writing back every line not
//! removed byte for byte.

use super::*;
use proptest::prelude::*;

const NEWSBOAT: &str = "# my feeds\r\n\
    https://example.org/feed.xml news \"long reads\" \"~Example News\"\n\
    \n\
    http://e.org/rss \"!hidden\" tech # a comment after\n\
    \"query:Unread:unread = \\\"yes\\\"\" queries\n\
    exec:~/bin/make-feed \"~Made\"\n\
    filter:~/bin/clean.sh:https://e.org/dirty.xml\n\
    \"https://broken.example/ tag\n\
    gopher://old.example/feed\n\
    \"query:Odd:rssurl =~ \\\"x\\\"\"\n\
    \t   \n\
    https://last.example/feed";

#[test]
fn newsboat_lines_are_read() {
    let file = UrlsFile::parse(NEWSBOAT);
    let feeds: Vec<&Subscription> = file.feeds().collect();
    assert_eq!(feeds.len(), 3);
    assert_eq!(
        feeds[0],
        &Subscription {
            url: "https://example.org/feed.xml".into(),
            tags: vec!["news".into(), "long reads".into()],
            name: Some("Example News".into()),
        }
    );
    assert_eq!(feeds[1].tags, ["!hidden", "tech"]);
    assert_eq!(feeds[1].name, None);
    assert_eq!(feeds[2].url, "https://last.example/feed");
    let all: Vec<&str> = file.subscriptions().map(|s| s.url.as_str()).collect();
    assert_eq!(all.len(), 6, "{all:?}");
    assert!(all.contains(&"exec:~/bin/make-feed"));
    let unused = file.unused();
    let unused: Vec<(usize, &str)> = unused.iter().map(|u| (u.line, u.reason.as_ref())).collect();
    assert_eq!(
        unused,
        [
            (6, "a command's output (exec:), which newsterm does not run"),
            (7, "a filtered feed (filter:), which newsterm does not run"),
            (8, UNCLOSED),
            (9, "not an http:// or https:// address"),
            (
                10,
                "a query feed not translated: `rssurl` is not translated (newsterm knows unread, \
                 tags, title, feedtitle, author, content and age)"
            ),
        ]
    );
    let queries: Vec<(&str, &str)> = file
        .queries()
        .map(|q| (q.title.as_str(), q.query.as_str()))
        .collect();
    assert_eq!(queries, [("Unread", "unread")]);
}

#[test]
fn every_line_not_removed_is_written_back_byte_for_byte() {
    let mut file = UrlsFile::parse(NEWSBOAT);
    assert_eq!(file.to_text(), NEWSBOAT);
    assert!(file.remove("http://e.org/rss"));
    assert!(!file.remove("http://e.org/rss"));
    let expected = NEWSBOAT.replace("http://e.org/rss \"!hidden\" tech # a comment after\n", "");
    assert_eq!(file.to_text(), expected);
    // A new line goes at the end; the last line gets the ending it lacked.
    assert!(file.add(Subscription {
        url: "https://new.example/f".into(),
        tags: vec!["a b".into(), "c\"d".into()],
        name: Some("New \\ one".into()),
    }));
    assert_eq!(
        file.to_text(),
        format!("{expected}\nhttps://new.example/f \"a b\" \"c\\\"d\" \"~New \\\\ one\"\n")
    );
    // Already there: nothing changes.
    let before = file.to_text();
    assert!(!file.add(Subscription::new("https://example.org/feed.xml")));
    assert_eq!(file.to_text(), before);
}

#[test]
fn quotes_renames_and_comments() {
    let file = UrlsFile::parse(
        "  \"https://e.org/a b\"\t\"x\\ty\" ~Short \"~Second name\" #tag\n#only a comment\n",
    );
    let feeds: Vec<&Subscription> = file.feeds().collect();
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].url, "https://e.org/a b");
    assert_eq!(feeds[0].tags, ["x\ty"]);
    // The first name counts.
    assert_eq!(feeds[0].name.as_deref(), Some("Short"));
    assert!(file.unused().is_empty());
    assert_eq!(UrlsFile::parse("").to_text(), "");
    assert_eq!(UrlsFile::parse("\"\"\n").unused()[0].line, 1);
}

#[test]
fn merging_adds_what_is_new_and_the_query_lines() {
    let mut mine = UrlsFile::parse("# mine\nhttps://a.example/f\n");
    let theirs = UrlsFile::parse(
        "https://a.example/f other\nhttps://b.example/f\n\"query:All:title =~ \\\"x\\\"\"\n# theirs\n",
    );
    let merged = mine.merge(&theirs);
    assert_eq!(
        merged,
        Merged {
            added: 2,
            already: 1
        }
    );
    assert_eq!(
        mine.to_text(),
        "# mine\nhttps://a.example/f\nhttps://b.example/f\n\"query:All:title =~ \\\"x\\\"\"\n"
    );
    assert_eq!(
        mine.merge(&theirs),
        Merged {
            added: 0,
            already: 3
        }
    );
}

#[test]
fn a_missing_file_is_an_empty_list_and_bad_bytes_name_the_line() {
    let dir = crate::scratch::scratch_dir("subs", "load");
    let path = dir.join("config").join("urls");
    assert_eq!(UrlsFile::load(&path).ok(), Some(UrlsFile::default()));
    let mut file = UrlsFile::default();
    assert!(file.add(Subscription::new("https://e.org/f")));
    assert!(file.save(&path).is_ok());
    assert_eq!(UrlsFile::load(&path).ok(), Some(file));
    assert!(std::fs::write(&path, b"https://e.org/f\nhttps://e.org/\xff\n").is_ok());
    let e = UrlsFile::load(&path).map(|_| ()).unwrap_err().to_string();
    assert!(e.ends_with("urls:2: not UTF-8 text"), "{e}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Text for tokens: white space, quotes, backslashes, `#`, `&`, `<` and non-ASCII among them.
fn text() -> impl Strategy<Value = String> {
    "[a-zé日 \t\"\\\\#&<~!\n\r/:.]{1,12}"
}

proptest! {
    #[test]
    fn added_subscriptions_read_back_the_same(
        subs in prop::collection::vec(
            (text(), prop::collection::vec(text(), 0..4), prop::option::of(text())),
            0..6,
        ),
        comment in "[# a-z\"]{0,10}",
    ) {
        let mut file = UrlsFile::parse(&format!("#{comment}\n"));
        let mut added = Vec::new();
        for (url, tags, name) in subs {
            // An address that reads as a query or a comment, and a tag that reads as a name,
            // are not subscriptions as written.
            let url = format!("h{url}");
            let tags: Vec<String> = tags.into_iter().filter(|t| !t.starts_with('~')).collect();
            let sub = Subscription { url, tags, name };
            if file.add(sub.clone()) {
                added.push(sub);
            }
        }
        let again = UrlsFile::parse(&file.to_text());
        prop_assert_eq!(again.to_text(), file.to_text());
        let read: Vec<Subscription> = again.subscriptions().cloned().collect();
        prop_assert_eq!(read, added);
    }

    #[test]
    fn any_text_is_written_back_as_it_was(text in "[ -~\t\r\n\"é#~]{0,200}") {
        prop_assert_eq!(UrlsFile::parse(&text).to_text(), text);
    }
}

#[test]
fn tags_given_to_a_feed_rewrite_its_line_alone_keeping_name_hidden_tags_and_comment() {
    let mut file = UrlsFile::parse(NEWSBOAT);
    let before = file.to_text();
    let written = file.set_tags("http://e.org/rss", &["hidden".into(), "long reads".into()]);
    assert_eq!(written, Some(vec!["!hidden".into(), "long reads".into()]));
    let after = file.to_text();
    let changed: Vec<(&str, &str)> = before
        .split('\n')
        .zip(after.split('\n'))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "http://e.org/rss \"!hidden\" tech # a comment after",
            "http://e.org/rss !hidden \"long reads\" # a comment after"
        )]
    );
    let again = UrlsFile::parse(&after);
    let feed = again.feeds().find(|s| s.url == "http://e.org/rss").unwrap();
    assert_eq!(feed.tags, ["!hidden", "long reads"]);
    // The name stays; no tags at all is a line with the address and the name.
    assert_eq!(
        file.set_tags("https://example.org/feed.xml", &[]),
        Some(vec![])
    );
    assert!(
        file.to_text()
            .contains("\r\nhttps://example.org/feed.xml \"~Example News\"\n")
    );
    assert_eq!(
        file.set_tags("https://not.subscribed/", &["x".into()]),
        None
    );
}

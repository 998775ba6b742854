//! `--plain` through the real binary: the headline list and stories as text, by number and by
//! id, at two widths, a feed, the errors, and never an escape byte.

use crate::support::{fixture, newsterm, newsterm_with, settings, stderr, stdout};

/// `--plain` with `args`, which must succeed; its standard output.
fn plain(args: &[&str]) -> String {
    let mut all = vec!["--plain"];
    all.extend_from_slice(args);
    let out = newsterm(&all, None);
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{all:?}: {}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    text
}

/// Nothing a terminal would take for a command: no escape, no control but the line feed.
fn assert_no_escapes(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} in:\n{text}");
}

#[test]
fn the_sample_as_a_list_and_as_stories() {
    let list = plain(&[]);
    assert!(
        list.lines().nth(2).is_some_and(|l| l.starts_with("1. ")),
        "{list}"
    );
    settings().bind(|| insta::assert_snapshot!("plain_list", list));
    for width in ["60", "100"] {
        let story = plain(&["--story", "1", "--width", width]);
        for line in story.lines() {
            let columns = newsterm::text::width(line);
            assert!(
                columns <= width.parse().unwrap() || !line.contains(' '),
                "{columns} columns at {width}: {line}"
            );
        }
        settings().bind(|| insta::assert_snapshot!(format!("plain_story_1_{width}"), story));
    }
    // The list's width does not matter: one line a story.
    assert_eq!(plain(&["--width", "30"]), list);
}

#[test]
fn a_story_by_its_id_is_the_story_by_its_number() {
    let list = plain(&[]);
    // The sample's third story, named by the id the bundle gives it.
    let bundle = newsterm::bundle::sample().expect("the sample loads");
    let id = bundle.articles[2].id.clone();
    let by_id = plain(&["--story", &id, "--width", "60"]);
    assert_eq!(by_id, plain(&["--story", "3", "--width", "60"]));
    assert_eq!(
        by_id,
        plain(&["--story", &format!("id:{id}"), "--width", "60"])
    );
    let title = newsterm::text::one_line(&bundle.articles[2].title).into_owned();
    assert!(list.contains(&format!("\n3. {title}")), "{list}");
    assert!(by_id.starts_with(&title[..10]), "{by_id}");
    settings().bind(|| insta::assert_snapshot!("plain_story_by_id_60", by_id));
}

#[test]
fn related_stories_are_numbered_with_their_place_in_the_list() {
    let story = plain(&["--story", "1", "--width", "100"]);
    let (_, related) = story
        .split_once("\nRelated stories:\n")
        .expect("the sample's first story has related stories");
    let first = related.lines().next().expect("a related story");
    assert!(first.starts_with("1. "), "{first}");
    // Its `--story` number opens the story it names.
    let number = related
        .split("(--story ")
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .expect("a number in the list");
    let title = first.trim_start_matches("1. ").split(" — ").next().unwrap();
    let opened = plain(&["--story", number, "--width", "100"]);
    assert!(opened.starts_with(&title[..12]), "{title}\n{opened}");
}

#[test]
fn a_feed_as_a_list_and_a_story() {
    let feed = fixture("html-blocks.xml");
    let feed = feed.to_str().expect("a UTF-8 path");
    let list = plain(&[feed]);
    settings().bind(|| insta::assert_snapshot!("plain_feed_list", list));
    let story = plain(&[feed, "--story", "1", "--width", "60"]);
    settings().bind(|| insta::assert_snapshot!("plain_feed_story_60", story));
}

#[test]
fn hostile_text_comes_out_without_escapes() {
    let bundle = br#"{"newsterm":1,"title":"T\u001b]0;owned\u0007","articles":[
        {"id":"a","title":"Evil \u001b[2J\u009b31m title","section":"S\u001b[5m",
         "published":"2026-01-02","lead":"Lead \u001b[1mbold",
         "body":[{"type":"paragraph","text":"Body \u0007\u001bPdcs\u001b\\ end"}],
         "url":"https://example.com/\u001b[0m"}]}"#;
    for args in [&["--plain", "-"][..], &["--plain", "-", "--story", "1"]] {
        let out = newsterm(args, Some(bundle));
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert_no_escapes(&text);
        assert!(text.contains("Evil"), "{text}");
    }
}

#[test]
fn bad_stories_and_widths_are_one_line_and_status_2() {
    for (args, said) in [
        (
            &["--plain", "--story", "99"][..],
            "--story 99: no such story",
        ),
        (&["--plain", "--story", "0"], "--story 0: no such story"),
        (
            &["--plain", "--story", "no-such-id"],
            "--story \"no-such-id\": no story in the list has this id",
        ),
        (&["--plain", "--width", "0"], "\"0\" is not a width"),
        (&["--plain", "--width", "5000"], "\"5000\" is not a width"),
        (&["--plain", "--width", "wide"], "\"wide\" is not a width"),
        (&["--story", "1"], "--plain"),
        (&["--width", "60"], "--plain"),
    ] {
        let out = newsterm(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(said), "{args:?}: {err}");
        if args[0] == "--plain" && !args.contains(&"--width") {
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        }
    }
}

#[test]
fn a_narrow_width_and_no_pager_in_a_pipe() {
    // Standard output is a pipe here: $PAGER is never run, even one that would fail.
    let out = newsterm_with(
        &["--plain", "--story", "2", "--width", "1"],
        None,
        &[("PAGER", "false")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    assert!(text.lines().count() > 10, "{text}");
}

#[test]
fn a_reader_that_closes_the_pipe_ends_it_quietly() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    // A list far longer than a pipe holds, so that newsterm is still writing when the
    // reader goes.
    let articles: Vec<String> = (0..4000)
        .map(|i| {
            format!(r#"{{"id":"s{i}","title":"Story number {i} with a title of some length"}}"#)
        })
        .collect();
    let bundle = format!(
        r#"{{"newsterm":1,"title":"Many","articles":[{}]}}"#,
        articles.join(",")
    );
    let home = crate::support::bin::Home::fresh();
    let mut child = Command::new(crate::support::NEWSTERM)
        .args(["--plain", "-"])
        .envs(home.vars())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsterm starts");
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(bundle.as_bytes())
        .expect("the bundle goes in");
    drop(stdin);
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 8];
    stdout.read_exact(&mut first).expect("some output");
    assert_eq!(&first, "Many —".as_bytes());
    drop(stdout);
    let out = child.wait_with_output().expect("newsterm ends");
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

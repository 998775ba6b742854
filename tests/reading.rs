//! What a new reader meets first, as whole frames from `--render`: going back never quits,
//! search opens what the list shows, marks and markers agree, lists of several feeds.

use crate::support::{newsterm, settings, stdout};

/// The frame `newsterm --render SIZE --keys KEYS ARGS...` prints.
fn render(size: &str, keys: &str, args: &[&str]) -> String {
    let mut all = vec!["--render", size, "--keys", keys];
    all.extend_from_slice(args);
    let out = newsterm(&all, None);
    assert!(out.status.success(), "{all:?}: {out:?}");
    stdout(&out)
}

fn corpus(name: &str) -> String {
    format!("{}/tests/feeds/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn back_from_the_reader_goes_up_to_the_list_at_one_pane_a_time() {
    for back in ["h", "Left", "Backspace", "q", "Esc"] {
        let frame = render("80x6", &format!("Enter {back}"), &[]);
        assert!(
            frame.starts_with(" Ngày Nay · Headlines"),
            "{back}:\n{frame}"
        );
    }
    // Esc twice from a search clears it and stays.
    let frame = render("80x6", "/ h o c Esc Esc", &[]);
    assert!(frame.contains("Nothing to close (Q quits)."), "{frame}");
}

#[test]
fn enter_opens_the_story_the_search_shows() {
    let frame = render("100x14", "/ c o p 2 6 Enter Enter", &[]);
    let listed = frame.lines().find(|l| l.contains("1/1 of 8")).map(|_| ());
    assert!(listed.is_some(), "one match:\n{frame}");
    assert!(!frame.contains("UNESCO"), "{frame}");
    let frame = render("100x8", "j j j / z z z z Enter Enter", &[]);
    assert!(frame.contains("No story matches."), "{frame}");
    assert!(frame.contains("0 of 8 match"), "{frame}");
}

#[test]
fn frames_of_the_first_minutes() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "search_hides_the_open_story",
            "120x10",
            "/ h o c Space s i n h Enter",
        ),
        (
            "search_hides_the_open_story_one_pane",
            "80x6",
            "/ h o c Space s i n h Enter Tab",
        ),
        ("highlight_at_a_cut_title", "33x8", "/ t u y e n"),
        ("marked_unread_in_the_reader", "80x9", "Enter m j"),
        ("reader_counts_the_open_story", "80x6", "j j j Tab"),
        ("starred_and_unread", "80x6", "s j"),
        ("related_cursor", "120x14", "Tab Tab j"),
        ("related_beyond_the_count", "80x6", "Enter 9"),
        ("next_match_without_a_search", "80x6", "Enter n"),
    ];
    settings().bind(|| {
        for (name, size, keys) in cases {
            insta::assert_snapshot!(*name, render(size, keys, &[]), keys);
        }
    });
}

#[test]
fn several_feeds_list_their_source_and_a_short_date() {
    let feeds = [
        "rss2__rss_2.0_bbc.xml",
        "rss2__rss_2.0_spiegel.xml",
        "rss2__rss_2.0_cloudflare.xml",
        "rss2__rss_2.0_reddit.xml",
        "atom__atom_mediarss_youtube_1.xml",
    ]
    .map(corpus);
    let args: Vec<&str> = feeds.iter().map(String::as_str).collect();
    settings().bind(|| {
        for size in ["80x12", "120x12", "200x12"] {
            insta::assert_snapshot!(format!("merged_{size}"), render(size, "", &args));
        }
    });
}

//! `newsterm convert`: bundles round-trip, feeds are written as bundles showing the same
//! stories, a failing source writes nothing, and every hostile bundle that opens converts to an
//! equal one.

use std::path::{Path, PathBuf};

use newsterm::bundle::{self, Bundle};
use newsterm::feed;

use super::story_text;
use crate::support::{fixture, fresh_dir, newsterm, open, text};

#[test]
fn convert_round_trips_bundles_and_writes_feeds_as_bundles() {
    let dir = fresh_dir("convert");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-feed/ngay-nay.json");
    let once = dir.join("once.json");
    let twice = dir.join("twice.json");
    let out = newsterm(
        &[
            "convert",
            sample.to_str().expect("path"),
            "-o",
            once.to_str().expect("path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = newsterm(
        &[
            "convert",
            once.to_str().expect("path"),
            "-o",
            twice.to_str().expect("path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(&once).expect("once"),
        std::fs::read(&twice).expect("twice")
    );
    // Converting the sample gives the sample: the same frames after the same keys.
    for keys in ["", "Enter j j j 3", "? "] {
        let a = newsterm(
            &[
                "--render",
                "120x40",
                "--keys",
                keys,
                sample.to_str().expect("path"),
            ],
            None,
        );
        let b = newsterm(
            &[
                "--render",
                "120x40",
                "--keys",
                keys,
                once.to_str().expect("path"),
            ],
            None,
        );
        assert_eq!(text(&a.stdout), text(&b.stdout), "{keys}");
    }
    // A feed converted opens as a bundle showing the same stories.
    let feed = fixture("rss-cdata-html.xml");
    let out = newsterm(&["convert", feed.to_str().expect("path"), "-o", "-"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let converted = bundle::load_full("converted", &out.stdout).expect("a valid bundle");
    let original = open(&feed).expect("opens");
    assert_eq!(converted.articles.len(), original.articles.len());
    for i in 0..original.articles.len() {
        assert_eq!(story_text(&converted, i), story_text(&original, i));
    }
    // A failing source writes nothing and leaves the old file.
    std::fs::write(&once, "keep me").expect("write");
    let bad = fixture("broken.xml");
    let out = newsterm(
        &[
            "convert",
            feed.to_str().expect("path"),
            bad.to_str().expect("path"),
            "-o",
            once.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&once).expect("old file"), "keep me");
}

/// Converting any bundle the reader opens gives a bundle with the same stories, field for
/// field, and the same frames; converting that again changes nothing.
#[test]
fn every_hostile_bundle_that_opens_converts_to_an_equal_bundle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/opens");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    for path in names {
        let original = open(&path).expect("opens");
        let mut once = Vec::new();
        feed::convert::write(&original, &mut once).expect("writes");
        let converted = bundle::load_full("once", &once).expect("a valid bundle");
        assert_eq!(
            converted.articles.len(),
            original.articles.len(),
            "{path:?}"
        );
        for i in 0..original.articles.len() {
            let (a, b) = (
                original.full_article(i).expect("story"),
                converted.full_article(i).expect("story"),
            );
            assert_eq!(
                (&a.id, &a.title, &a.section, &a.published),
                (&b.id, &b.title, &b.section, &b.published),
                "{path:?} {i}"
            );
            assert_eq!(a.details, b.details, "{path:?} {i}");
            assert_eq!(
                (&a.related, a.related_given),
                (&b.related, b.related_given),
                "{path:?} {i}"
            );
        }
        let mut twice = Vec::new();
        feed::convert::write(&converted, &mut twice).expect("writes");
        assert_eq!(once, twice, "{path:?}");
        let frame = |b: Bundle| crate::support::frame_of(b, 100, 30, "Enter j j Tab Enter");
        // What was repaired with a warning (a broken related id) is written repaired: the
        // converted bundle opens without the warning, so only its title bar differs.
        assert!(converted.warnings.is_empty(), "{path:?}");
        if original.warnings.is_empty() {
            assert_eq!(frame(original), frame(converted), "{path:?}");
        }
    }
}

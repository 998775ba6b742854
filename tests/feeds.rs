//! Feeds (RSS, Atom, JSON Feed) from files and pipes: the real-world corpus opens and reads
//! well, odd encodings and dates come out right, several sources merge, `convert` round-trips,
//! and a bad source is one line while the others still open.

use newsterm::bundle::{Block, Bundle};

use crate::support::{Session, fixture, fresh_dir, newsterm, open, text};

/// `convert`: bundles and feeds written as bundles, read back the same.
mod convert;
/// Feeds from web addresses: fetched, cached, and a source that fails among others.
mod web;

/// Every text a reader sees in story `i`: title, lead and body.
fn story_text(bundle: &Bundle, i: usize) -> String {
    let article = bundle.full_article(i).expect("story exists");
    let mut all = vec![article.title.clone()];
    all.extend(article.lead.clone());
    for block in &article.body {
        all.extend(block.texts().map(str::to_owned));
    }
    all.join("\n")
}

/// The corpus's broken files: a truncated RSS document and bare XML that is no feed.
fn meant_to_fail(name: &str) -> bool {
    name.contains("invalid") || name.starts_with("xml__")
}

#[test]
fn every_valid_feed_of_the_corpus_opens_with_titles_and_text() {
    let dir = fixture("corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml") || n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 68, "{}", names.len());
    for name in &names {
        let path = dir.join(name);
        let opened = open(&path);
        if meant_to_fail(name) {
            let err = opened.expect_err(name).to_string();
            assert!(err.contains(name) && !err.contains('\n'), "{err}");
            continue;
        }
        let bundle = opened.unwrap_or_else(|e| panic!("{name}: {e}"));
        // The same feed through feed-rs alone: how many items, and which have text.
        let bytes = std::fs::read(&path).expect("read");
        let parsed = feed_rs::parser::parse(&bytes[..]).expect("feed-rs reads it");
        assert_eq!(bundle.articles.len(), parsed.entries.len(), "{name}");
        for (i, entry) in parsed.entries.iter().enumerate() {
            let article = &bundle.articles[i];
            assert!(!article.title.trim().is_empty(), "{name} story {i}");
            if let Some(title) = entry
                .title
                .as_ref()
                .filter(|t| !t.content.trim().is_empty())
            {
                // Titles keep their words (HTML titles lose only their tags).
                let first = title
                    .content
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| w.chars().count() > 3 && !w.contains(['&', '<']));
                if let Some(word) = first {
                    let nfc: String =
                        unicode_normalization::UnicodeNormalization::nfc(word).collect();
                    assert!(
                        article.title.contains(&nfc),
                        "{name} {i}: {word} in {}",
                        article.title
                    );
                }
            }
            let has_text = entry
                .content
                .as_ref()
                .and_then(|c| c.body.as_deref())
                .or(entry.summary.as_ref().map(|s| s.content.as_str()))
                .is_some_and(|t| {
                    scraper::Html::parse_fragment(t)
                        .root_element()
                        .text()
                        .any(|s| s.chars().any(char::is_alphanumeric))
                });
            if has_text {
                let full = bundle.full_article(i).expect("story");
                let words = full
                    .lead
                    .iter()
                    .map(String::as_str)
                    .chain(full.body.iter().flat_map(Block::texts));
                let readable: usize = words
                    .map(|t| t.chars().filter(|c| c.is_alphanumeric()).count())
                    .sum();
                assert!(
                    readable > 0,
                    "{name} story {i} has text in the feed but none shown"
                );
            }
            let all = story_text(&bundle, i);
            assert!(
                !all.contains('<') || !all.contains("</"),
                "{name} story {i}: tags left in {all:?}"
            );
            assert!(
                !all.contains("&amp;") && !all.contains("&lt;"),
                "{name} {i}: {all:?}"
            );
        }
    }
}

#[test]
fn every_rss_version_from_0_90_to_2_0_opens() {
    let dir = fixture("versions");
    for (file, version) in [
        ("rdf-0.90.xml", "0.90"),
        ("rss-0.90.xml", "0.90"),
        ("rss-0.91.xml", "0.91"),
        ("rss-0.92.xml", "0.92"),
        ("rss-0.93.xml", "0.93"),
        ("rss-0.94.xml", "0.94"),
        ("rss-2.0.xml", "2.0"),
        ("rss-no-version.xml", "without a version"),
    ] {
        let bundle = open(&dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        // Read from memory too, as `newsterm add` reads a download.
        let bytes = std::fs::read(dir.join(file)).expect("the file");
        assert!(
            newsterm::feed::parse::feed_doc(&bytes, None).is_ok(),
            "{file}"
        );
        assert_eq!(bundle.title, format!("RSS {version} news"), "{file}");
        let titles: Vec<&str> = bundle.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles.len(), 2, "{file}: {titles:?}");
        for n in ["First", "Second"] {
            let title = format!("{n} story in RSS {version}");
            assert!(titles.contains(&title.as_str()), "{file}: {titles:?}");
        }
    }
    // The binary says the same.
    let out = newsterm(
        &["--check", dir.join("rss-0.94.xml").to_str().expect("UTF-8")],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("ok: 2 stories"));
}

#[test]
fn rss_with_cdata_html_becomes_blocks() {
    let bundle = open(&fixture("rss-cdata-html.xml")).expect("opens");
    assert_eq!(bundle.title, "Tin Nhanh & Sâu");
    let story = bundle.full_article(0).expect("story");
    assert_eq!(story.title, "Hà Nội mở thêm 3 tuyến buýt điện");
    assert_eq!(story.authors, ["Minh Anh"]);
    assert_eq!(story.section.as_deref(), Some("Giao thông"));
    assert_eq!(story.published.as_deref(), Some("2026-11-27T01:30:00Z"));
    // The description is the content's excerpt: not shown twice.
    assert_eq!(story.lead, None);
    let body = &story.body;
    assert!(
        matches!(&body[0], Block::Paragraph(t) if t.starts_with("Từ tháng 12") && t.contains("Long Biên, Gia Lâm")),
        "{body:?}"
    );
    assert!(
        body.iter()
            .any(|b| matches!(b, Block::Image { caption, url, alt }
        if caption == "Xe buýt điện chạy thử trên phố Tràng Tiền."
        && url.as_deref() == Some("https://tin.example.org/anh/buyt.jpg")
        && alt.as_deref() == Some("Xe buýt điện"))),
        "{body:?}"
    );
    assert!(
        body.contains(&Block::Heading("Giá vé không đổi".into())),
        "{body:?}"
    );
    assert!(
        body.iter()
            .any(|b| matches!(b, Block::Quote(t) if t.contains("bỏ xe máy"))),
        "{body:?}"
    );
    assert!(
        body.iter()
            .any(|b| matches!(b, Block::List { items, .. } if items.len() == 3)),
        "{body:?}"
    );
    let all = story_text(&bundle, 0);
    assert!(
        !all.contains("track(") && !all.contains("color:red"),
        "{all}"
    );
    assert!(all.contains("https://tin.example.org/lich-trinh"), "{all}");
    // An HTML title keeps its words, loses its tags.
    assert_eq!(
        bundle.articles[1].title,
        "Giá xăng giảm lần thứ ba liên tiếp"
    );
    let podcast = bundle.full_article(2).expect("story");
    assert_eq!(
        podcast.audio.as_ref().and_then(|a| a.url.as_deref()),
        Some("https://tin.example.org/podcast/27-11.mp3")
    );
}

#[test]
fn atom_with_xhtml_content_and_json_feed_read_well() {
    let atom = open(&fixture("atom-xhtml.xml")).expect("opens");
    assert_eq!(atom.title, "Notes & Essays");
    let story = atom.full_article(0).expect("story");
    assert_eq!(story.title, "Terminal UIs, 東京 and 🦀");
    assert_eq!(
        story.url.as_deref(),
        Some("https://blog.example.net/posts/terminal-uis")
    );
    assert_eq!(
        story.lead.as_deref(),
        Some("Why the terminal is still the best place to read.")
    );
    assert!(
        story
            .body
            .contains(&Block::Heading("Wide characters".into())),
        "{:?}",
        story.body
    );
    let all = story_text(&atom, 0);
    assert!(
        all.contains("$ newsterm feed.xml\n$ newsterm convert"),
        "{all}"
    );
    let plain = atom.full_article(1).expect("story");
    assert_eq!(
        plain.lead.as_deref(),
        Some("A plain-text summary with <angle brackets> that are not tags.")
    );

    let json = open(&fixture("jsonfeed.json")).expect("opens");
    assert_eq!(json.title, "Nhật ký JSON");
    let first = json.full_article(0).expect("story");
    assert_eq!(first.lead.as_deref(), Some("Tóm tắt riêng của bài."));
    assert_eq!(first.body.len(), 2);
    // feed-rs keeps an attachment's address and type, not its duration.
    assert_eq!(
        first.audio.as_ref().and_then(|a| a.url.as_deref()),
        Some("https://json.example.com/2.mp3")
    );
    assert_eq!(first.url.as_deref(), Some("https://json.example.com/2"));
    let untitled = json.full_article(1).expect("story");
    assert_eq!(
        untitled.title,
        "Bài không có tiêu đề, chỉ có văn bản thuần."
    );
}

#[test]
fn declared_encodings_are_decoded_and_normalized() {
    let vi = open(&fixture("windows-1258.xml")).expect("opens");
    assert_eq!(vi.title, "Báo Tiếng Việt");
    // windows-1258 writes tones as combining marks; the reader shows NFC.
    assert_eq!(vi.articles[0].title, "Đà Nẵng đón khách quốc tế");
    assert!(
        vi.full_article(0)
            .and_then(|a| a.lead.clone())
            .is_some_and(|l| l.contains("một triệu lượt khách")),
    );
    let de = open(&fixture("iso-8859-1.xml")).expect("opens");
    assert_eq!(de.articles[0].title, "Größere Straßenbahnen für Köln");
    assert!(story_text(&de, 0).contains("Crème brûlée € 5."));
}

#[test]
fn odd_dates_and_missing_fields() {
    let b = open(&fixture("odd-dates-missing-fields.xml")).expect("opens");
    let dates: Vec<Option<&str>> = b.articles.iter().map(|a| a.published.as_deref()).collect();
    assert_eq!(
        &dates[..5],
        [
            Some("2026-11-03T03:00:00Z"),
            Some("2026-11-03T11:00:00Z"),
            Some("2026-11-03T11:00:00Z"),
            Some("2026-11-03T13:00:00Z"),
            None,
        ]
    );
    let titles: Vec<&str> = b.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles[5],
        "An item with no title, no link and no date, only this text."
    );
    assert_eq!(titles[6], "Nothing but a title");
    assert_eq!(titles[7], "http://odd.example.org/only-a-link");
    let ids: std::collections::HashSet<&str> = b.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), b.articles.len(), "ids are unique");
}

#[test]
fn a_broken_feed_is_one_line_and_status_2() {
    for (name, says) in [
        ("broken.xml", "XML error"),
        ("not-a-feed.html", "a web page, not a feed or a bundle"),
    ] {
        let path = fixture(name);
        let out = newsterm(&["--render", "80x24", path.to_str().expect("path")], None);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(name) && err.contains(says), "{err}");
    }
}

#[test]
fn a_feed_reads_from_standard_input() {
    let bytes = std::fs::read(fixture("windows-1258.xml")).expect("fixture");
    let out = newsterm(&["--render", "100x12", "-"], Some(&bytes));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = text(&out.stdout);
    assert!(
        frame.contains("Báo Tiếng Việt") && frame.contains("Đà Nẵng đón khách"),
        "{frame}"
    );
}

#[test]
fn several_sources_merge_newest_first_with_their_names() {
    let (rss, json) = (fixture("rss-cdata-html.xml"), fixture("jsonfeed.json"));
    let out = newsterm(
        &[
            "--render",
            "99x20",
            rss.to_str().expect("path"),
            json.to_str().expect("path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = text(&out.stdout);
    let at = |s: &str| frame.find(s).unwrap_or_else(|| panic!("{s} in\n{frame}"));
    // 27 Nov 08:30 +07, 27 Nov 06:00 +07, 26 Nov 15:00 Z, 25 Nov 10:00 +07, 24 Nov 09:00 Z.
    assert!(at("Hà Nội mở thêm") < at("Bản tin podcast"));
    assert!(at("Bản tin podcast") < at("Giá xăng giảm"));
    assert!(at("Giá xăng giảm") < at("Bài có HTML"));
    assert!(at("Bài có HTML") < at("Bài không có tiêu đề"));
    // Each headline names its source (a list as wide as one pane at a time leaves room).
    let rows: Vec<&str> = frame.lines().collect();
    let row = |title: &str| {
        rows.iter()
            .find(|r| r.contains(title))
            .copied()
            .unwrap_or("")
    };
    assert!(row("Hà Nội mở thêm").contains("Tin Nhanh"), "{frame}");
    assert!(row("Bài có HTML").contains("Nhật ký JSON"), "{frame}");
}

#[test]
fn a_source_that_fails_is_one_line_and_the_others_open() {
    let (good, bad) = (fixture("jsonfeed.json"), fixture("broken.xml"));
    let missing = fixture("no-such-file.xml");
    let out = newsterm(
        &[
            "--render",
            "100x12",
            bad.to_str().expect("path"),
            good.to_str().expect("path"),
            missing.to_str().expect("path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.contains("broken.xml") && err.contains("no-such-file.xml"),
        "{err}"
    );
    assert!(text(&out.stdout).contains("Nhật ký JSON"));
    // None opens: status 2, a line each.
    let out = newsterm(
        &[
            "--check",
            bad.to_str().expect("path"),
            missing.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).lines().count(), 2);
}

#[test]
fn r_reloads_the_feed_keeping_stars_and_the_story_in_the_reader() {
    let dir = fresh_dir("reload");
    let path = dir.join("feed.json");
    let original = std::fs::read_to_string(fixture("jsonfeed.json")).expect("fixture");
    std::fs::write(&path, &original).expect("write");
    let mut s = Session::start(100, 24, &[path.to_str().expect("path")]);
    s.wait_for(0, "Bài có HTML");
    // Star the first story and read the second.
    s.press("s", "*");
    s.press("j\r", "Đoạn thứ hai.");
    // A new story appears in the feed, newer than the others.
    let newer = original.replacen(
        "\"items\": [",
        "\"items\": [{\"id\": \"3\", \"title\": \"Tin mới nhất\", \"content_text\": \"Mới.\", \"date_published\": \"2026-11-28T09:00:00Z\"},",
        1,
    );
    assert_ne!(newer, original);
    std::fs::write(&path, newer).expect("rewrite");
    s.press("r", "Reloaded: 3 stories, 1 more than before.");
    let screen = s.screen_text();
    assert!(screen.contains("Tin mới nhất"), "{screen}");
    // The story in the reader is still the one that was read; the star is still there.
    assert!(screen.contains("Đoạn thứ hai."), "{screen}");
    let starred = screen
        .lines()
        .find(|l| l.contains("Bài có HTML"))
        .unwrap_or_default();
    assert!(starred.contains('*'), "{screen}");
    s.press("q", "");
}

/// Found by fuzzing: a second XML declaration naming another encoding made quick-xml (under
/// feed-rs) panic.
#[test]
fn a_second_xml_declaration_is_refused_not_a_panic() {
    let path = fixture("second-declaration.xml");
    let out = newsterm(&["--check", path.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("an XML declaration after the start"), "{err}");
}

/// On a terminal, a download shows a progress line on stderr before the reader starts.
#[test]
fn a_download_shows_progress_on_a_terminal() {
    use crate::support::{Reply, serve_one};
    let (_server, url) = serve_one(
        "/slow.xml",
        Reply::Slow {
            before_headers: std::time::Duration::ZERO,
            before_body: std::time::Duration::from_millis(700),
            body: std::fs::read(fixture("rss-cdata-html.xml")).expect("fixture"),
        },
    );
    let mut s = Session::start(100, 24, &[url.as_str()]);
    s.wait_for(0, "newsterm: fetching http://127.0.0.1");
    s.wait_for(0, "Hà Nội mở thêm 3 tuyến");
    s.press("q", "");
}

/// Found by fuzzing: feed-rs panicked on an e-mail address followed by a character of more
/// than one byte in an RSS author.
#[test]
fn an_author_address_next_to_a_wide_character_reads() {
    let bundle = open(&fixture("author-email.xml")).expect("opens");
    let story = bundle.full_article(0).expect("story");
    assert_eq!(story.title, "An author written as address–name");
    assert_eq!(story.authors, ["–Dave Example"]);
}

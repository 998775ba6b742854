//! Web pages that are not feeds, opened as stories: a news page built from the sample's own
//! text (its story, its captioned image and two related stories, each a page of the same
//! site) served from 127.0.0.1; the story, the caption and the related panel as a frame;
//! `convert` writing the three pages as a bundle with their links; a page with no article.

use newsterm::bundle::{Block, sample};

use crate::support::serve::{Reply, Route, Server};
use crate::support::{Session, fresh_dir, newsterm, text};

const HTML: &str = "text/html; charset=utf-8";
/// The pages' addresses on the test server: the story, then its two related stories.
const PATHS: [&str; 3] = [
    "/moi-truong/viet-nam-han-quoc-hop-tac-toan-dien-10001.html",
    "/van-hoa/tiep-tuc-sang-tao-thanh-pho-unesco-10002.html",
    "/giao-duc/phong-hoc-5-sao-dien-bien-10003.html",
];

/// A news page as the site writes one: a menu, the story (its lead, a captioned image, its
/// paragraphs), the related stories as cards, a footer. `related`: (path, title, lead).
fn news_page(
    title: &str,
    lead: &str,
    caption: &str,
    paragraphs: &[String],
    related: &[(&str, String, String)],
) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let cards: String = related
        .iter()
        .map(|(path, title, lead)| {
            format!(
                "<div class=\"item\"><a href=\"{path}\"><img src=\"/img/{n}.jpg\" alt=\"{title}\"></a>\
                 <h3><a href=\"{path}\">{title}</a></h3><p class=\"sapo\">{lead}</p></div>\n",
                n = path.len()
            )
        })
        .collect();
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:site_name\" content=\"Ngày Nay\">\
         <link rel=\"alternate\" type=\"application/rss+xml\" href=\"/rss/home.rss\"></head><body>\
         <nav class=\"menu\"><a href=\"/\">Trang chủ</a><a href=\"/moi-truong/\">Môi trường</a></nav>\
         <article class=\"detail\"><h1>{title}</h1><p class=\"sapo\">{lead}</p>\
         <figure><img src=\"/img/main.jpg\"><figcaption>{caption}</figcaption></figure>\n{body}</article>\
         <section class=\"related-news\"><h2>Tin liên quan</h2>\n{cards}</section>\
         <footer><a href=\"/gioi-thieu/ve-chung-toi-va-lien-he-2020.html\">Về chúng tôi và liên hệ</a></footer>\
         </body></html>"
    )
}

/// The three pages, from the sample's first three stories.
fn site() -> Vec<(String, String)> {
    let bundle = sample().expect("the sample");
    let story = bundle.full_article(0).expect("the story");
    let paragraphs: Vec<String> = story
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let caption = story
        .body
        .iter()
        .find_map(|b| match b {
            Block::Image { caption, .. } => Some(caption.clone()),
            _ => None,
        })
        .expect("a caption");
    let titled = |i: usize| {
        let a = bundle.full_article(i).expect("a story");
        (a.title.clone(), a.lead.clone().unwrap_or_default())
    };
    let pages: Vec<(String, String)> = (0..3).map(titled).collect();
    (0..3)
        .map(|i| {
            let related: Vec<(&str, String, String)> = (0..3)
                .filter(|&j| j != i)
                .map(|j| (PATHS[j], pages[j].0.clone(), pages[j].1.clone()))
                .collect();
            let html = news_page(&pages[i].0, &pages[i].1, &caption, &paragraphs, &related);
            (PATHS[i].to_owned(), html)
        })
        .collect()
}

/// A reader's folders kept across runs under `home` (one folder per variable), as the
/// environment newsterm is started with.
fn folders(home: &std::path::Path) -> Vec<(String, String)> {
    [
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
    ]
    .iter()
    .map(|v| (v.to_string(), home.join(v).display().to_string()))
    .collect()
}

fn serve() -> Server {
    Server::start(
        site()
            .into_iter()
            .map(|(path, html)| Route::new(&path, Reply::ok(HTML, html)))
            .collect(),
    )
}

#[test]
fn a_news_page_opens_as_its_story_with_its_caption_and_related_stories() {
    let server = serve();
    let url = server.url(PATHS[0]);
    let out = newsterm(
        &["--render", "120x40", "--keys", "Enter", "--no-state", &url],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = text(&out.stdout);
    assert!(
        frame.contains("Việt Nam - Hàn Quốc hợp tác toàn diện"),
        "{frame}"
    );
    assert!(
        frame.contains("Bộ Tài nguyên và Môi trường Việt Nam và Bộ Môi trường"),
        "the caption: {frame}"
    );
    assert!(frame.contains("Tiếp tục sáng tạo"), "related 1: {frame}");
    assert!(frame.contains("Cận cảnh phòng học"), "related 2: {frame}");
    assert!(!frame.contains("Trang chủ"), "no menu: {frame}");
    // Following a related story and coming back keeps the place in the story.
    let followed = newsterm(
        &[
            "--render",
            "120x40",
            "--keys",
            "Enter Tab j j 1",
            "--no-state",
            &url,
        ],
        None,
    );
    let followed = text(&followed.stdout);
    let title_row = followed.lines().nth(2).unwrap_or_default();
    assert!(
        title_row.contains("Tiếp tục sáng tạo"),
        "the related story is read: {followed}"
    );
    let keys = "Enter Tab j j 1 h";
    let back = newsterm(
        &["--render", "120x40", "--keys", keys, "--no-state", &url],
        None,
    );
    let scrolled = newsterm(
        &[
            "--render",
            "120x40",
            "--keys",
            "Enter Tab j j",
            "--no-state",
            &url,
        ],
        None,
    );
    // The reader pane, row by row (the list's read marks and the hints differ: the related
    // story was read, and the focus is where it was left).
    let reader = |frame: &str| -> Vec<String> {
        frame
            .lines()
            .skip(1)
            .take(34)
            .map(|l| l.chars().skip(39).collect())
            .collect()
    };
    assert_eq!(reader(&text(&back.stdout)), reader(&text(&scrolled.stdout)));
}

#[test]
fn convert_writes_the_pages_as_a_bundle_with_their_links() {
    let server = serve();
    let dir = fresh_dir("pages-convert");
    let out_file = dir.join("site.json");
    let urls: Vec<String> = PATHS.iter().map(|p| server.url(p)).collect();
    let mut args = vec!["convert"];
    args.extend(urls.iter().map(String::as_str));
    args.extend(["-o", out_file.to_str().expect("a path")]);
    let out = newsterm(&args, None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("written")).expect("JSON");
    let articles = written["articles"].as_array().expect("articles");
    assert_eq!(
        articles.len(),
        3,
        "each page once, its teasers joined to it: {written:#}"
    );
    let id_of = |path: &str| {
        articles
            .iter()
            .find(|a| a["url"].as_str().is_some_and(|u| u.ends_with(path)))
            .and_then(|a| a["id"].as_str())
            .expect("the page")
            .to_owned()
    };
    let first = articles
        .iter()
        .find(|a| a["id"] == id_of(PATHS[0]).as_str())
        .expect("the story");
    assert_eq!(
        first["related"],
        serde_json::json!([id_of(PATHS[1]), id_of(PATHS[2])])
    );
    assert!(
        first["body"]
            .as_array()
            .is_some_and(|b| b.iter().any(|x| x["type"] == "image")),
        "the captioned image: {first:#}"
    );
    // The bundle opens as the sample does.
    let opened = newsterm(&["--check", out_file.to_str().expect("a path")], None);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
}

#[test]
fn a_page_without_an_article_says_so_and_names_its_feed() {
    let server = Server::start(vec![Route::new(
        "/",
        Reply::ok(
            HTML,
            "<!doctype html><html><head><link rel=\"alternate\" type=\"application/rss+xml\" \
             href=\"/feed.xml\"></head><body><nav><a href=\"/a\">A</a></nav></body></html>",
        ),
    )]);
    let out = newsterm(&["--render", "80x24", &server.url("/")], None);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("a web page, not a feed or a bundle"),
        "{said}"
    );
    assert!(
        said.contains(&format!("newsterm add {}", server.url("/feed.xml"))),
        "{said}"
    );
}

#[test]
fn a_saved_page_finds_its_related_stories_by_the_address_it_names() {
    let dir = fresh_dir("pages-saved");
    let (_, html) = site().remove(0);
    let canonical = format!(
        "<head><link rel=\"canonical\" href=\"https://ngaynay.example{}\">",
        PATHS[0]
    );
    let saved = dir.join("saved.html");
    std::fs::write(&saved, html.replacen("<head>", &canonical, 1)).expect("written");
    let out = newsterm(
        &[
            "--render",
            "120x40",
            "--keys",
            "Enter",
            "--no-state",
            saved.to_str().expect("a path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let frame = text(&out.stdout);
    assert!(
        frame.contains("Related 2/2") || frame.contains("Related 1/2"),
        "{frame}"
    );
    assert!(frame.contains("Cận cảnh phòng học"), "{frame}");
    // Without an address, a page's links cannot be told to be its site's: no related list.
    std::fs::write(&saved, site().remove(0).1).expect("written");
    let out = newsterm(
        &[
            "--render",
            "120x40",
            "--keys",
            "Enter",
            "--no-state",
            saved.to_str().expect("a path"),
        ],
        None,
    );
    assert!(!text(&out.stdout).contains("Cận cảnh phòng học"));
}

/// A feed of one story whose summary is a line, and whose link is the news page.
fn summary_feed(page: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ngày Nay</title>\
         <item><title>Việt Nam - Hàn Quốc hợp tác</title><link>{page}</link>\
         <guid>story-1</guid><description>Only a summary line.</description></item>\
         </channel></rss>"
    )
}

#[test]
fn f_reads_the_whole_article_once_and_the_library_keeps_it() {
    let (_, html) = site().remove(0);
    let server = Server::start(vec![Route::new(PATHS[0], Reply::ok(HTML, html))]);
    let page = server.url(PATHS[0]);
    server.set(Route::new(
        "/feed.xml",
        Reply::ok("application/rss+xml", summary_feed(&page)),
    ));
    let feed = server.url("/feed.xml");
    let home = fresh_dir("pages-whole");
    let vars = folders(&home);
    let mut env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env.push(("TERM", "xterm-256color"));
    let body = "▣ Bộ Tài nguyên";
    let fetched = || server.requests_for(PATHS[0]).len();

    let mut first = Session::start_with(100, 30, &[&feed], &env);
    first.wait_for(0, "Việt Nam - Hàn Quốc hợp tác");
    first.press("\r", "Only a summary line.");
    first.press("f", body);
    assert_eq!(fetched(), 1);
    first.press("f", "The summary the feed sent");
    assert!(!first.screen_text().contains(body), "the summary again");
    first.press("f", "The whole article (f: the summary).");
    assert!(first.screen_text().contains(body));
    assert_eq!(fetched(), 1, "toggling reads nothing again");
    first.press_nowait("Q");
    let (status, _) = first.finish();
    assert!(status.success());

    let mut again = Session::start_with(100, 30, &[&feed], &env);
    again.wait_for(0, "Việt Nam - Hàn Quốc hợp tác");
    again.press("\r", "Only a summary line.");
    again.press("f", body);
    assert_eq!(fetched(), 1, "the library had it");
    again.press_nowait("Q");
    let _ = again.finish();
}

#[test]
fn a_feed_tagged_full_text_has_its_new_stories_read_whole_as_they_arrive() {
    let (_, html) = site().remove(0);
    let server = Server::start(vec![Route::new(PATHS[0], Reply::ok(HTML, html))]);
    let page = server.url(PATHS[0]);
    server.set(Route::new(
        "/feed.xml",
        Reply::ok("application/rss+xml", summary_feed(&page)),
    ));
    let home = fresh_dir("pages-full-text");
    let vars = folders(&home);
    let urls = home.join("XDG_CONFIG_HOME/newsterm/urls");
    std::fs::create_dir_all(urls.parent().expect("a folder")).expect("made");
    std::fs::write(
        &urls,
        format!("{} news full_text\n", server.url("/feed.xml")),
    )
    .expect("written");
    let env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let fetched = || server.requests_for(PATHS[0]).len();

    for _ in 0..2 {
        let out = crate::support::newsterm_with(&["refresh"], None, &env);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(fetched(), 1, "read whole by the first refresh, and kept");
    let library = newsterm::library::Library::open(&home.join("XDG_DATA_HOME/newsterm/library.db"))
        .expect("the library");
    assert!(library.full_text(&page).expect("read").is_some());

    // Opened, the story shows its whole article at once, from the library.
    let mut env = env;
    env.push(("TERM", "xterm-256color"));
    let mut reader = Session::start_with(100, 30, &["--offline"], &env);
    reader.wait_for(0, "Việt Nam - Hàn Quốc hợp tác");
    reader.press("\r", "▣ Bộ Tài nguyên");
    assert_eq!(fetched(), 1);
    reader.press_nowait("Q");
    let _ = reader.finish();
}

#[test]
fn following_a_related_story_reads_its_page_whole_and_back_returns() {
    let server = serve();
    let url = server.url(PATHS[0]);
    let home = fresh_dir("pages-follow");
    let vars = folders(&home);
    let mut env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    env.push(("TERM", "xterm-256color"));
    let mut reader = Session::start_with(120, 40, &[&url], &env);
    reader.wait_for(0, "╭ Related");
    // The page names the site's feed: the status bar says how to subscribe.
    reader.wait_for(0, "newsterm add");
    reader.press("\r", "▣ Bộ Tài nguyên");
    // The related panel's first story, followed: its page is fetched and read whole (its
    // captioned picture is in its text, not in the teaser the first page gave).
    reader.press(
        "\t1",
        "Tiếp tục sáng tạo, thực hiện cam kết của Thành phố Sáng tạo UNESCO",
    );
    reader.wait_until("the whole related story", |s| {
        s.lines()
            .nth(2)
            .is_some_and(|l| l.contains("Tiếp tục sáng tạo"))
            && s.contains("▣ Bộ Tài nguyên")
    });
    assert_eq!(server.requests_for(PATHS[1]).len(), 1);
    reader.press("h", "Việt Nam - Hàn Quốc hợp tác toàn diện");
    reader.press_nowait("Q");
    let (status, _) = reader.finish();
    assert!(status.success());
}

#[test]
fn a_saved_news_page_as_frames_at_three_sizes() {
    let dir = fresh_dir("pages-frames");
    let (_, html) = site().remove(0);
    let canonical = format!(
        "<head><link rel=\"canonical\" href=\"https://ngaynay.example{}\">",
        PATHS[0]
    );
    let saved = dir.join("saved.html");
    std::fs::write(&saved, html.replacen("<head>", &canonical, 1)).expect("written");
    let path = saved.to_str().expect("a path");
    crate::support::settings().bind(|| {
        // The list, the story with its caption, and the related panel focused.
        for (size, keys) in [
            ("80x24", "Enter"),
            ("120x40", "Enter"),
            ("200x60", "Enter Tab"),
        ] {
            let out = newsterm(
                &["--render", size, "--keys", keys, "--no-state", path],
                None,
            );
            assert!(out.status.success(), "{}", text(&out.stderr));
            insta::assert_snapshot!(format!("page_saved_{size}"), text(&out.stdout));
        }
    });
}

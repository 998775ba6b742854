//! The feed list with folders (tags and saved queries) and what entering them shows, as
//! whole frames at three sizes: a feed under two tags, a failing feed in a folder, the title
//! bar's path, `C`'s question, a query from `--query`, and tagging with `t`.

use newsterm::app::{App, SavedQuery};
use newsterm::bundle::{Article, Bundle, StoryOrigin};
use newsterm::library::{FeedInfo, FeedStatus};

use crate::support::settings;

/// (address, name, tags, failures)
const FEEDS: [(&str, &str, &[&str], i64); 5] = [
    (
        "https://arstechnica.com/feed/",
        "Ars Technica",
        &["tech", "news"],
        0,
    ),
    (
        "https://vnexpress.net/rss/tin-moi-nhat.rss",
        "VnExpress – Tin mới nhất",
        &["news"],
        0,
    ),
    (
        "https://www3.nhk.or.jp/rss/news/cat0.xml",
        "NHKニュース",
        &["news"],
        3,
    ),
    ("https://lwn.net/headlines/rss", "LWN.net", &["tech"], 0),
    ("https://xkcd.com/atom.xml", "xkcd", &[], 0),
];

fn app(cols: u16, rows: u16) -> App {
    let origins = FEEDS
        .iter()
        .map(|(url, name, ..)| StoryOrigin {
            name: (*name).into(),
            feed: Some((*url).into()),
            ..StoryOrigin::default()
        })
        .collect();
    let articles = [0u16, 1, 0, 3, 4, 1, 0, 3, 1, 4]
        .iter()
        .enumerate()
        .map(|(i, &origin)| Article {
            id: format!("s{i}"),
            title: format!("Story {i} from {}", FEEDS[usize::from(origin)].1),
            published: Some(format!("2026-11-{:02}T08:00:00Z", 28 - i)),
            origin,
            ..Article::default()
        })
        .collect();
    let bundle = Bundle {
        title: newsterm::library::TITLE.into(),
        articles,
        origins,
        ..Bundle::default()
    };
    let infos = FEEDS
        .iter()
        .map(|(url, name, tags, failures)| FeedInfo {
            url: (*url).into(),
            name: (*name).into(),
            status: Some(FeedStatus {
                url: (*url).into(),
                title: None,
                last_try: Some(1_764_000_000),
                last_ok: Some(1_763_000_000),
                failures: *failures,
                last_error: (*failures > 0).then(|| "HTTP 503 Service Unavailable".into()),
                last_status: (*failures > 0).then_some(503),
            }),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            hidden: false,
        })
        .collect();
    let query = |title: &str, text: &str| SavedQuery {
        title: title.into(),
        text: text.into(),
        expr: newsterm::query::parse(text).expect("a query"),
    };
    let mut app = App::new(bundle, cols, rows)
        .with_now(newsterm::query::day_start(2026, 11, 28))
        .with_queries(vec![
            query("Unread tech", "unread tag:tech"),
            query("This week", "newer:1w"),
        ]);
    app.apply(newsterm::app::Outcome::Feeds(infos));
    app
}

fn frame(app: App, keys: &str) -> String {
    newsterm::testing::Session::of(app)
        .press(keys)
        .frame()
        .to_string()
}

#[test]
fn folders_queries_and_where_the_list_is_at_every_size() {
    settings().bind(|| {
        for (cols, rows) in [(80, 24), (120, 40), (200, 60)] {
            let states = [
                // The list: queries, tags as folders (Ars Technica under both), the loose
                // feed last; the cursor on the failing feed's folder.
                ("folders", "F j j"),
                // A feed under a folder entered: the title bar's path and its unread.
                ("entered", "F j j j Enter"),
                // A tag entered and its stories marked read, then undone.
                ("tag_marked", "F j j Enter A"),
                ("tag_undone", "F j j Enter A U"),
                // A query entered; C asks before marking everything.
                ("query_asks", "F Enter C"),
                ("sorted_by_unread", "F O"),
                // `t` on a story: the line of tags being typed, then the story's tag a
                // folder of the feed list; `t` on a feed asks for the feed's tags.
                ("story_tag_line", "j t \"climate later\""),
                ("story_tagged", "j t \"climate\" Enter F"),
                // The reader's title names the tags of the story it shows.
                ("story_tags_read", "j t \"climate,later\" Enter Enter"),
                ("feed_tag_line", "F G t \"comics\""),
            ];
            for (name, keys) in states {
                insta::assert_snapshot!(
                    format!("folders_{name}_{cols}x{rows}"),
                    frame(app(cols, rows), keys)
                );
            }
        }
    });
}

#[test]
fn a_query_on_the_command_line_is_the_list_shown() {
    settings().bind(|| {
        let mut app = app(80, 24);
        app.enter_query("tag:news -feed:ars newer:2w")
            .expect("reads");
        insta::assert_snapshot!("folders_command_line_query_80x24", frame(app, ""));
    });
}

//! The library's stories as the reader's bundle, newest first: headline fields from their
//! columns, each story's text (kept as bundle JSON) read by id when it is opened, each feed an
//! origin named as the subscription names it. And the stories as one bundle's JSON, for
//! `newsterm export --bundle`.

use rusqlite::params_from_iter;

use super::{Library, Result};
use crate::bundle::{Article, Bundle, StoredStories, StoryOrigin};
use crate::text::clean;

/// Which stories: all, or those of the feeds at these URLs.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    All,
    Feeds(&'a [String]),
}

/// How a feed is named in the list: the subscription's own name (`"~Name"`) if it gives
/// one, else the feed's title, else its URL.
pub type FeedName<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The title the library's bundle has.
pub const TITLE: &str = "Library";

/// The library's stories as bundle JSON, and for each story the index of its feed in the
/// list of feeds (named) that comes with it.
pub struct Assembled {
    pub bytes: Vec<u8>,
    pub feeds: Vec<String>,
    pub origin_of: Vec<u16>,
}

impl Library {
    /// The stories `selection` picks, newest first, as one bundle's JSON.
    pub fn assemble(&self, selection: Selection<'_>, name: FeedName<'_>) -> Result<Assembled> {
        let run = || -> rusqlite::Result<Assembled> {
            let (feeds, feed_index) = self.feed_names(name)?;
            let mut bytes = Vec::with_capacity(1 << 16);
            bytes.extend_from_slice(b"{\"newsterm\":1,\"title\":");
            bytes.extend_from_slice(
                serde_json::to_string(TITLE)
                    .unwrap_or_else(|_| "\"\"".into())
                    .as_bytes(),
            );
            bytes.extend_from_slice(b",\"articles\":[");
            let mut origin_of = Vec::new();
            let (sql, urls): (String, Vec<&String>) = match selection {
                Selection::All => (
                    "SELECT feed, article FROM stories ORDER BY sort DESC, id DESC".into(),
                    Vec::new(),
                ),
                Selection::Feeds(urls) => (
                    format!(
                        "SELECT s.feed, s.article FROM stories s JOIN feeds f ON f.id = s.feed
                         WHERE f.url IN ({}) ORDER BY s.sort DESC, s.id DESC",
                        vec!["?"; urls.len()].join(",")
                    ),
                    urls.iter().collect(),
                ),
            };
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(urls))?;
            while let Some(row) = rows.next()? {
                let feed: i64 = row.get(0)?;
                let article = row.get_ref(1)?.as_str()?;
                if !origin_of.is_empty() {
                    bytes.push(b',');
                }
                bytes.extend_from_slice(article.as_bytes());
                origin_of.push(feed_index.get(&feed).copied().unwrap_or(0));
            }
            bytes.extend_from_slice(b"]}");
            Ok(Assembled {
                bytes,
                feeds: feeds.into_iter().map(|(name, _)| name).collect(),
                origin_of,
            })
        };
        run().map_err(|e| self.err(&e))
    }

    /// The stories `selection` picks as the bundle the reader shows: their headline fields
    /// only, each story's text read from the library when it is opened (through a
    /// connection of the bundle's own, so the bundle can go to another thread).
    pub fn bundle(&self, selection: Selection<'_>, name: FeedName<'_>) -> Result<Bundle> {
        self.headlines(selection, name, None)
    }

    /// The library's first `n` stories, newest first, as [`Library::bundle`] gives them
    /// all, with [`Bundle::following`] saying how many more there are: the first screen of
    /// a large library, shown before the rest is read.
    pub fn first_headlines(&self, name: FeedName<'_>, n: usize) -> Result<Bundle> {
        let mut bundle = self.headlines(Selection::All, name, Some(n))?;
        if bundle.articles.len() >= n {
            let total: i64 = self
                .conn
                .query_row("SELECT count(*) FROM stories", [], |r| r.get(0))
                .map_err(|e| self.err(&e))?;
            let total = usize::try_from(total).unwrap_or(0);
            bundle.following = total.saturating_sub(bundle.articles.len());
        }
        Ok(bundle)
    }

    fn headlines(
        &self,
        selection: Selection<'_>,
        name: FeedName<'_>,
        limit: Option<usize>,
    ) -> Result<Bundle> {
        let run = || -> rusqlite::Result<Bundle> {
            let (feeds, feed_index) = self.feed_names(name)?;
            let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
            let (sql, urls): (String, Vec<&String>) = match selection {
                Selection::All => (
                    format!(
                        "SELECT {HEADLINE} FROM stories ORDER BY sort DESC, id DESC LIMIT {limit}"
                    ),
                    Vec::new(),
                ),
                Selection::Feeds(urls) => (
                    format!(
                        "SELECT {HEADLINE} FROM stories WHERE feed IN
                            (SELECT id FROM feeds WHERE url IN ({}))
                         ORDER BY sort DESC, id DESC LIMIT {limit}",
                        vec!["?"; urls.len()].join(",")
                    ),
                    urls.iter().collect(),
                ),
            };
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(urls))?;
            let mut articles = Vec::new();
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                let feed: i64 = row.get(1)?;
                let title = clean(row.get_ref(2)?.as_str()?);
                let title = if crate::text::visible(&title).trim().is_empty() {
                    "(no title)".to_owned()
                } else {
                    title
                };
                let text = |i: usize| -> rusqlite::Result<Option<String>> {
                    Ok(row
                        .get_ref(i)?
                        .as_str_or_null()?
                        .map(clean)
                        .filter(|t| !t.trim().is_empty()))
                };
                articles.push(Article {
                    id: id.to_string(),
                    title,
                    section: text(3)?,
                    published: text(4)?,
                    has_body: row.get(5)?,
                    origin: feed_index.get(&feed).copied().unwrap_or(0),
                    ..Article::default()
                });
            }
            let stored = self.stored_stories();
            let mut origins: Vec<StoryOrigin> = feeds
                .into_iter()
                .map(|(name, url)| StoryOrigin {
                    name,
                    source: None,
                    stored: stored.clone(),
                    feed: Some(url),
                })
                .collect();
            if origins.is_empty() {
                origins.push(StoryOrigin {
                    name: TITLE.into(),
                    source: None,
                    stored,
                    feed: None,
                });
            }
            Ok(Bundle {
                title: TITLE.into(),
                articles,
                origins,
                ..Bundle::default()
            })
        };
        run().map_err(|e| self.err(&e))
    }

    /// Each feed's name and address, and its index in that list by its id.
    fn feed_names(
        &self,
        name: FeedName<'_>,
    ) -> rusqlite::Result<(Vec<(String, String)>, FeedIndex)> {
        let mut index = FeedIndex::default();
        let mut feeds = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, url, title FROM feeds ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let url: String = row.get(1)?;
            let title: Option<String> = row.get(2)?;
            let shown = name(&url)
                .or(title.filter(|t| !t.trim().is_empty()))
                .unwrap_or_else(|| url.clone());
            index.insert(id, u16::try_from(feeds.len()).unwrap_or(u16::MAX));
            feeds.push((clean(&shown), url));
        }
        Ok((feeds, index))
    }

    /// A story's JSON by its id, read through a read-only connection of its own.
    fn stored_stories(&self) -> Option<StoredStories> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&self.path, flags).ok()?;
        let _ = conn.busy_timeout(super::BUSY);
        let conn = std::sync::Mutex::new(conn);
        Some(StoredStories(std::sync::Arc::new(move |id: &str| {
            let id: i64 = id.parse().ok()?;
            let conn = conn.lock().ok()?;
            conn.query_row("SELECT article FROM stories WHERE id = ?1", [id], |r| {
                r.get::<_, String>(0)
            })
            .ok()
            .map(String::into_bytes)
        })))
    }
}

/// Each feed's place in the list of feeds, by its id (ids are small and dense: a vector).
#[derive(Default)]
struct FeedIndex(Vec<u16>);

impl FeedIndex {
    fn insert(&mut self, id: i64, at: u16) {
        if let Ok(id) = usize::try_from(id)
            && id < 1 << 24
        {
            if self.0.len() <= id {
                self.0.resize(id + 1, 0);
            }
            self.0[id] = at;
        }
    }

    fn get(&self, id: &i64) -> Option<&u16> {
        usize::try_from(*id).ok().and_then(|id| self.0.get(id))
    }
}

/// The columns a headline is made of, in the order [`Library::bundle`] reads them.
const HEADLINE: &str = "id, feed, title, section, published, has_body";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Doc, DocArticle, DocBlock};
    use crate::library::LIBRARY_SCOPE;
    use crate::state::Changes;

    fn story(id: &str, title: &str, published: &str) -> DocArticle {
        DocArticle {
            id: id.into(),
            title: title.into(),
            url: Some(format!("https://example.org/{id}")),
            published: Some(published.into()),
            body: vec![DocBlock::Paragraph {
                text: format!("The body of {title}."),
            }],
            ..DocArticle::default()
        }
    }

    fn doc(title: &str, articles: Vec<DocArticle>) -> Doc {
        Doc {
            title: title.into(),
            articles,
            ..Doc::default()
        }
    }

    fn library(name: &str) -> Library {
        let dir = crate::scratch::scratch_dir("library-view", name);
        Library::open(&dir.join("library.db")).unwrap()
    }

    #[test]
    fn stories_stay_after_they_leave_their_feed_and_keep_their_marks() {
        let mut lib = library("kept");
        let first = doc(
            "Tech",
            vec![
                story("a", "Alpha", "2026-11-01T10:00:00Z"),
                story("b", "Beta", "2026-11-02T10:00:00Z"),
            ],
        );
        let stored = lib
            .store_feed("https://t.example/feed", &first, 100)
            .unwrap();
        assert_eq!((stored.new, stored.updated), (2, 0));
        let bundle = lib.bundle(Selection::All, &|_| None).unwrap();
        let titles: Vec<&str> = bundle.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Beta", "Alpha"], "newest first");
        let alpha = bundle.articles[1].id.clone();
        let mut changes = Changes::default();
        changes.read.insert(alpha.clone(), true);
        lib.apply(LIBRARY_SCOPE, &changes).unwrap();
        // Alpha leaves the feed; Beta is edited; Gamma is new.
        let mut beta = story("b", "Beta, updated", "2026-11-02T10:00:00Z");
        beta.body.push(DocBlock::Paragraph {
            text: "More.".into(),
        });
        let second = doc(
            "Tech",
            vec![beta, story("c", "Gamma", "2026-11-03T10:00:00Z")],
        );
        let stored = lib
            .store_feed("https://t.example/feed", &second, 200)
            .unwrap();
        assert_eq!((stored.new, stored.updated), (1, 1));
        let bundle = lib.bundle(Selection::All, &|_| None).unwrap();
        let titles: Vec<&str> = bundle.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Gamma", "Beta, updated", "Alpha"]);
        assert_eq!(bundle.articles[2].id, alpha, "the same story keeps its id");
        assert!(lib.memory(LIBRARY_SCOPE).unwrap().read.contains(&alpha));
        let full = bundle.full_article(1).unwrap();
        assert_eq!(full.details.as_ref().map(|d| d.body.len()), Some(2));
        assert_eq!(lib.integrity_check(), Ok(()));
    }

    #[test]
    fn a_story_whose_guid_changed_is_found_by_its_link() {
        let mut lib = library("link");
        let url = "https://t.example/feed";
        lib.store_feed(
            url,
            &doc("T", vec![story("a", "Alpha", "2026-11-01T10:00:00Z")]),
            1,
        )
        .unwrap();
        let mut moved = story("a", "Alpha", "2026-11-01T10:00:00Z");
        moved.id = "new-guid".into();
        let stored = lib.store_feed(url, &doc("T", vec![moved]), 2).unwrap();
        assert_eq!(stored.new, 0);
        assert_eq!(lib.story_count().unwrap(), 1);
    }

    #[test]
    fn two_stories_sharing_a_link_stay_two() {
        let mut lib = library("shared-link");
        let url = "https://t.example/feed";
        let mut a = story("a", "Alpha", "2026-11-01T10:00:00Z");
        let mut b = story("b", "Beta", "2026-11-01T11:00:00Z");
        a.url = Some("https://t.example/".into());
        b.url = Some("https://t.example/".into());
        lib.store_feed(url, &doc("T", vec![a.clone(), b.clone()]), 1)
            .unwrap();
        let stored = lib.store_feed(url, &doc("T", vec![a, b]), 2).unwrap();
        assert_eq!(stored, crate::library::Stored::default());
        assert_eq!(lib.story_count().unwrap(), 2);
    }

    #[test]
    fn each_story_is_named_by_its_feed_and_a_selection_picks_feeds() {
        let mut lib = library("origins");
        lib.store_feed(
            "https://a.example/f",
            &doc("Feed A", vec![story("1", "One", "2026-11-01T00:00:00Z")]),
            1,
        )
        .unwrap();
        lib.store_feed(
            "https://b.example/f",
            &doc("Feed B", vec![story("2", "Two", "2026-11-02T00:00:00Z")]),
            1,
        )
        .unwrap();
        let rename = |url: &str| (url == "https://b.example/f").then(|| "Bee".to_owned());
        let bundle = lib.bundle(Selection::All, &rename).unwrap();
        let names: Vec<&str> = bundle
            .articles
            .iter()
            .map(|a| bundle.origins[usize::from(a.origin)].name.as_str())
            .collect();
        assert_eq!(names, ["Bee", "Feed A"]);
        let only = ["https://a.example/f".to_owned()];
        let bundle = lib.bundle(Selection::Feeds(&only), &rename).unwrap();
        assert_eq!(bundle.articles.len(), 1);
        assert_eq!(bundle.articles[0].title, "One");
    }

    #[test]
    fn the_first_screen_reads_the_newest_stories_and_their_marks_only() {
        let mut lib = library("first");
        let stories: Vec<DocArticle> = (0..10)
            .map(|i| {
                story(
                    &i.to_string(),
                    &format!("S{i}"),
                    &format!("2026-11-{:02}T00:00:00Z", i + 1),
                )
            })
            .collect();
        lib.store_feed("https://a.example/f", &doc("A", stories), 1)
            .unwrap();
        let all = lib.bundle(Selection::All, &|_| None).unwrap();
        let mut changes = Changes::default();
        for i in [1, 8] {
            changes.read.insert(all.articles[i].id.clone(), true);
            changes.starred.insert(all.articles[i].id.clone(), true);
        }
        lib.apply(LIBRARY_SCOPE, &changes).unwrap();
        let first = lib.first_headlines(&|_| None, 3).unwrap();
        let titles: Vec<&str> = first.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["S9", "S8", "S7"]);
        assert_eq!(first.following, 7);
        let memory = lib.memory_of_first(3).unwrap();
        assert_eq!(
            memory.read.iter().collect::<Vec<_>>(),
            [&all.articles[1].id]
        );
        assert_eq!(memory.starred.len(), 1);
        assert_eq!(lib.memory(LIBRARY_SCOPE).unwrap().read.len(), 2);
        let whole = lib.first_headlines(&|_| None, 10).unwrap();
        assert_eq!((whole.articles.len(), whole.following), (10, 0));
    }
}

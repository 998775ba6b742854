//! Stories going into the library: a feed's document stored in one transaction, each story
//! found again if it was seen before (same feed and guid, else link, else title and date)
//! and updated in place, so it keeps its id and with it its read state. A feed's failures
//! are kept beside it.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Library, Result};
use crate::bundle::{Doc, DocArticle};

/// What storing a feed did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    /// Stories never seen before.
    pub new: usize,
    /// Stories seen before whose text changed.
    pub updated: usize,
}

/// A feed's last fetch as the library keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedStatus {
    pub url: String,
    pub title: Option<String>,
    /// When it was last fetched, and last fetched without an error (seconds since 1970).
    pub last_try: Option<i64>,
    pub last_ok: Option<i64>,
    /// Failures in a row (0: the last fetch worked).
    pub failures: i64,
    pub last_error: Option<String>,
    /// The HTTP status of the last failure, when the server answered.
    pub last_status: Option<i64>,
}

/// A subscription as the reader's feed list shows it: its address, its name (the
/// subscription's own, else the feed's title, else the address), and its last fetch when it
/// was ever fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedInfo {
    pub url: String,
    pub name: String,
    pub status: Option<FeedStatus>,
    /// The subscription's tags, the feed list's folders.
    pub tags: Vec<String>,
    /// Kept out of the feed list (newsboat's hidden feeds: a tag written `!tag`); its
    /// stories are still in the headlines, its tag and the queries.
    pub hidden: bool,
}

/// A subscription's tags as the feed list shows them (without newsboat's `!`, each once),
/// and whether a `!` hides the feed.
pub fn shown_tags(tags: &[String]) -> (Vec<String>, bool) {
    let mut hidden = false;
    let mut its: Vec<String> = Vec::new();
    for tag in tags {
        let bare = tag.strip_prefix('!');
        hidden |= bare.is_some();
        let bare = bare.unwrap_or(tag);
        if !bare.is_empty() && !its.iter().any(|t| t == bare) {
            its.push(bare.to_owned());
        }
    }
    (its, hidden)
}

impl FeedInfo {
    /// How its last fetches went, in a few words: `None` when the last one worked.
    pub fn failure(&self) -> Option<String> {
        let status = self.status.as_ref().filter(|s| s.failures > 0)?;
        let times = if status.failures == 1 {
            "once".to_owned()
        } else {
            format!("{} times in a row", status.failures)
        };
        // The error names the status already when it is the server's answer.
        let why = match (status.last_error.as_deref(), status.last_status) {
            (Some(e), Some(c)) if !e.contains(&c.to_string()) => format!(": HTTP {c}: {e}"),
            (Some(e), _) => format!(": {e}"),
            (None, Some(c)) => format!(": HTTP {c}"),
            (None, None) => String::new(),
        };
        Some(format!("failed {times}{why}"))
    }
}

/// A story already in the library, as it is found again.
struct Known {
    id: i64,
    guid: String,
    link: Option<String>,
    title: String,
    published: Option<String>,
    article: String,
}

impl Library {
    /// The feed at `url`'s row, made if it is new.
    fn feed_id(tx: &rusqlite::Transaction<'_>, url: &str) -> rusqlite::Result<i64> {
        if let Some(id) = tx
            .query_row("SELECT id FROM feeds WHERE url = ?1", [url], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        tx.execute("INSERT INTO feeds (url) VALUES (?1)", [url])?;
        Ok(tx.last_insert_rowid())
    }

    /// Stores the stories of the feed at `url` as its latest fetch gave them (`doc`), `now`
    /// being the time of the fetch.
    pub fn store_feed(&mut self, url: &str, doc: &Doc, now: i64) -> Result<Stored> {
        self.write(|tx| {
            let feed = Self::feed_id(tx, url)?;
            tx.execute(
                "UPDATE feeds SET title = ?2, home = ?3, language = ?4, last_try = ?5, last_ok = ?5,
                    failures = 0, last_error = NULL, last_status = NULL WHERE id = ?1",
                params![feed, doc.title, doc.url, doc.language, now],
            )?;
            let known = known_stories(tx, feed)?;
            store_stories(tx, feed, &doc.articles, known, now)
        })
    }

    /// Notes that the feed at `url` answered `304 Not Modified`: nothing new, and not a
    /// failure.
    pub fn feed_unchanged(&mut self, url: &str, now: i64) -> Result<()> {
        self.write(|tx| {
            let feed = Self::feed_id(tx, url)?;
            tx.execute(
                "UPDATE feeds SET last_try = ?2, last_ok = ?2, failures = 0, last_error = NULL,
                    last_status = NULL WHERE id = ?1",
                params![feed, now],
            )?;
            Ok(())
        })
    }

    /// Keeps a failed fetch of the feed at `url`: when, why (and the HTTP status if the
    /// server gave one), and how many in a row. Its stories stay.
    pub fn feed_failed(
        &mut self,
        url: &str,
        error: &str,
        status: Option<u16>,
        now: i64,
    ) -> Result<()> {
        self.write(|tx| {
            let feed = Self::feed_id(tx, url)?;
            tx.execute(
                "UPDATE feeds SET last_try = ?2, failures = failures + 1, last_error = ?3,
                    last_status = ?4 WHERE id = ?1",
                params![feed, now, error, status],
            )?;
            Ok(())
        })
    }

    /// The subscriptions at `urls` as the feed list shows them, in that order, with the
    /// tags `tags` gives each.
    pub fn feed_list(
        &self,
        urls: &[String],
        name: super::FeedName<'_>,
        tags: &dyn Fn(&str) -> Vec<String>,
    ) -> Result<Vec<FeedInfo>> {
        let mut known: HashMap<String, FeedStatus> = self
            .feeds()?
            .into_iter()
            .map(|f| (f.url.clone(), f))
            .collect();
        Ok(urls
            .iter()
            .map(|url| {
                let status = known.remove(url);
                let shown = name(url)
                    .or_else(|| status.as_ref().and_then(|s| s.title.clone()))
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| url.clone());
                let (its, hidden) = shown_tags(&tags(url));
                FeedInfo {
                    url: url.clone(),
                    name: crate::text::clean(&shown),
                    status,
                    tags: its,
                    hidden,
                }
            })
            .collect())
    }

    /// Every feed the library has fetched, with its last fetch, by URL.
    pub fn feeds(&self) -> Result<Vec<FeedStatus>> {
        let read = || -> rusqlite::Result<Vec<FeedStatus>> {
            let mut stmt = self.conn.prepare(
                "SELECT url, title, last_try, last_ok, failures, last_error, last_status
                 FROM feeds ORDER BY url",
            )?;
            stmt.query_map([], |r| {
                Ok(FeedStatus {
                    url: r.get(0)?,
                    title: r.get(1)?,
                    last_try: r.get(2)?,
                    last_ok: r.get(3)?,
                    failures: r.get(4)?,
                    last_error: r.get(5)?,
                    last_status: r.get(6)?,
                })
            })?
            .collect()
        };
        read().map_err(|e| self.err(&e))
    }

    /// Whether the feed at `url` was ever stored (read and its stories kept; storing sets
    /// its title).
    pub fn has_stored(&self, url: &str) -> bool {
        self.conn
            .query_row(
                "SELECT title IS NOT NULL FROM feeds WHERE url = ?1",
                [url],
                |r| r.get::<_, bool>(0),
            )
            .unwrap_or(false)
    }

    /// How many stories the library keeps.
    pub fn story_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(&e))
    }
}

fn known_stories(tx: &rusqlite::Transaction<'_>, feed: i64) -> rusqlite::Result<Vec<Known>> {
    let mut stmt = tx
        .prepare("SELECT id, guid, link, title, published, article FROM stories WHERE feed = ?1")?;
    stmt.query_map([feed], |r| {
        Ok(Known {
            id: r.get(0)?,
            guid: r.get(1)?,
            link: r.get(2)?,
            title: r.get(3)?,
            published: r.get(4)?,
            article: r.get(5)?,
        })
    })?
    .collect()
}

/// Finds each story of the fetch among those known, then updates or inserts it. A known
/// story is matched by link, or by title and date, only when its guid is not among the
/// fetch's (a feed that changed its guids), so two stories that share a link (a feed
/// pointing every item at its home page) stay two.
fn store_stories(
    tx: &rusqlite::Transaction<'_>,
    feed: i64,
    articles: &[DocArticle],
    known: Vec<Known>,
    now: i64,
) -> rusqlite::Result<Stored> {
    let fetched_guids: std::collections::HashSet<&str> =
        articles.iter().map(|a| a.id.as_str()).collect();
    let mut by_guid: HashMap<&str, usize> = HashMap::new();
    let mut by_link: HashMap<&str, usize> = HashMap::new();
    let mut by_title: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (i, k) in known.iter().enumerate() {
        by_guid.insert(k.guid.as_str(), i);
        if !fetched_guids.contains(k.guid.as_str()) {
            if let Some(link) = &k.link {
                by_link.entry(link.as_str()).or_insert(i);
            }
            by_title
                .entry((k.title.as_str(), k.published.as_deref()))
                .or_insert(i);
        }
    }
    let mut taken = vec![false; known.len()];
    let mut next_id: i64 =
        tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM stories", [], |r| {
            r.get(0)
        })?;
    let mut insert = tx.prepare(
        "INSERT INTO stories (id, feed, guid, link, title, published, sort, first_seen,
            last_seen, article, section, has_body)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)",
    )?;
    let mut update = tx.prepare(
        "UPDATE stories SET guid = ?2, link = ?3, title = ?4, published = ?5, sort = ?6,
            last_seen = ?7, article = ?8, section = ?9, has_body = ?10 WHERE id = ?1",
    )?;
    let mut seen = tx.prepare("UPDATE stories SET last_seen = ?2 WHERE id = ?1")?;
    let mut stored = Stored::default();
    for a in articles {
        let found = by_guid
            .get(a.id.as_str())
            .or_else(|| a.url.as_deref().and_then(|l| by_link.get(l)))
            .or_else(|| by_title.get(&(a.title.as_str(), a.published.as_deref())))
            .copied()
            .filter(|&i| !taken[i]);
        let published_sort = a.published.as_deref().and_then(crate::feed::merge::instant);
        match found {
            Some(i) => {
                taken[i] = true;
                let k = &known[i];
                let article = article_json(a, k.id);
                if article == k.article {
                    seen.execute(params![k.id, now])?;
                    continue;
                }
                let sort = published_sort.unwrap_or(now);
                update.execute(params![
                    k.id,
                    a.id,
                    a.url,
                    a.title,
                    a.published,
                    sort,
                    now,
                    article,
                    a.section,
                    !a.body.is_empty()
                ])?;
                stored.updated += 1;
            }
            None => {
                let id = next_id;
                next_id += 1;
                let sort = published_sort.unwrap_or(now);
                insert.execute(params![
                    id,
                    feed,
                    a.id,
                    a.url,
                    a.title,
                    a.published,
                    sort,
                    now,
                    article_json(a, id),
                    a.section,
                    !a.body.is_empty()
                ])?;
                stored.new += 1;
            }
        }
    }
    Ok(stored)
}

/// A story as the library keeps it: bundle JSON with the library's id, without related
/// ids (they named the feed's ids, which the library does not use).
fn article_json(article: &DocArticle, id: i64) -> String {
    let mut kept = article.clone();
    kept.id = id.to_string();
    kept.related = None;
    // Serializing these plain types cannot fail.
    serde_json::to_string(&kept).unwrap_or_default()
}

//! How long stories are kept (`keep_days`, `keep_per_feed` in `config.toml`; by default,
//! forever). Only stories that have left their feed go: one still in the feed would only
//! come back as new. Starred stories are never removed.

use rusqlite::params;

use super::{LIBRARY_SCOPE, Library, LibraryError, Result};

/// The retention settings: `None` keeps everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Keep {
    /// Stories older than this many days (by date, else by when first seen) go.
    pub days: Option<u32>,
    /// Each feed keeps at most this many stories, the newest.
    pub per_feed: Option<u32>,
}

/// A story that may go: left its feed (not in the feed's latest stored fetch) and not
/// starred.
const MAY_GO: &str =
    "last_seen < (SELECT max(s2.last_seen) FROM stories s2 WHERE s2.feed = stories.feed)
    AND CAST(id AS TEXT) NOT IN (SELECT story FROM marks WHERE scope = ?1 AND starred = 1)";

impl Library {
    /// Removes what `keep` lets go, `now` being the time; how many stories went.
    pub fn prune(&mut self, keep: Keep, now: i64) -> Result<usize> {
        if keep == Keep::default() {
            return Ok(0);
        }
        self.refuse_read_only()?;
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| LibraryError::of(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut gone = 0;
        if let Some(days) = keep.days {
            let before = now.saturating_sub(i64::from(days) * 86_400);
            gone += tx
                .execute(
                    &format!("DELETE FROM stories WHERE sort < ?2 AND {MAY_GO}"),
                    params![LIBRARY_SCOPE, before],
                )
                .map_err(fail)?;
        }
        if let Some(most) = keep.per_feed {
            gone += tx
                .execute(
                    &format!(
                        "DELETE FROM stories WHERE id IN (
                            SELECT id FROM (SELECT id, row_number() OVER (
                                PARTITION BY feed ORDER BY sort DESC, id DESC) AS n FROM stories)
                            WHERE n > ?2) AND {MAY_GO}"
                    ),
                    params![LIBRARY_SCOPE, i64::from(most)],
                )
                .map_err(fail)?;
        }
        tx.execute(
            "DELETE FROM marks WHERE scope = ?1
                AND CAST(story AS INTEGER) NOT IN (SELECT id FROM stories)",
            [LIBRARY_SCOPE],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Doc, DocArticle};
    use crate::state::Changes;

    fn story(id: &str, day: u32) -> DocArticle {
        DocArticle {
            id: id.into(),
            title: format!("Story {id}"),
            published: Some(format!("2026-11-{day:02}T00:00:00Z")),
            ..DocArticle::default()
        }
    }

    fn doc(articles: Vec<DocArticle>) -> Doc {
        Doc {
            title: "Feed".into(),
            articles,
            ..Doc::default()
        }
    }

    #[test]
    fn old_stories_that_left_the_feed_go_unless_starred() {
        let dir = crate::scratch::scratch_dir("retention", "days");
        let mut lib = Library::open(&dir.join("library.db")).unwrap();
        let url = "https://f.example/rss";
        lib.store_feed(
            url,
            &doc(vec![story("a", 1), story("b", 2), story("c", 3)]),
            10,
        )
        .unwrap();
        let ids: Vec<String> = lib
            .bundle(crate::library::Selection::All, &|_| None)
            .unwrap()
            .articles
            .iter()
            .map(|a| a.id.clone())
            .collect();
        // Newest first: c, b, a. Star a.
        let mut star = Changes::default();
        star.starred.insert(ids[2].clone(), true);
        lib.apply(LIBRARY_SCOPE, &star).unwrap();
        // Only c is still in the feed; a (starred) and b have left it.
        lib.store_feed(url, &doc(vec![story("c", 3)]), 20).unwrap();
        let now = crate::feed::merge::instant("2026-12-01T00:00:00Z").unwrap();
        let keep = Keep {
            days: Some(7),
            per_feed: None,
        };
        assert_eq!(
            lib.prune(keep, now).unwrap(),
            1,
            "b goes; a is starred, c in the feed"
        );
        let left: Vec<String> = lib
            .bundle(crate::library::Selection::All, &|_| None)
            .unwrap()
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect();
        assert_eq!(left, ["Story c", "Story a"]);
        assert_eq!(lib.integrity_check(), Ok(()));
    }

    #[test]
    fn a_feed_keeps_its_newest_stories() {
        let dir = crate::scratch::scratch_dir("retention", "per-feed");
        let mut lib = Library::open(&dir.join("library.db")).unwrap();
        let url = "https://f.example/rss";
        let all: Vec<DocArticle> = (1..=6).map(|d| story(&d.to_string(), d)).collect();
        lib.store_feed(url, &doc(all), 10).unwrap();
        lib.store_feed(url, &doc(vec![story("6", 6)]), 20).unwrap();
        let keep = Keep {
            days: None,
            per_feed: Some(3),
        };
        assert_eq!(lib.prune(keep, 30).unwrap(), 3);
        assert_eq!(lib.story_count().unwrap(), 3);
        assert_eq!(lib.prune(Keep::default(), 30).unwrap(), 0);
    }
}

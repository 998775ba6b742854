//! The feed list's rows: the saved queries, then each tag as a folder with its feeds under
//! it (a feed with two tags under both), then the feeds without a tag; each with its stories
//! and unread stories counted from the stories shown, and sorted as the user chose.

use std::collections::HashMap;

use super::App;
use super::scope::{Asker, Place};

/// What a row of the feed list stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    Feed,
    /// A tag's folder.
    Tag,
    /// A saved query's folder.
    Query,
}

/// One row of the list: a subscription, a tag or a saved query, and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub kind: RowKind,
    pub name: String,
    /// A feed's address; a query's text; the tag of a tag's folder.
    pub url: String,
    /// The tag's folder the row is shown under (a feed in it).
    pub folder: Option<String>,
    /// How its last fetches went, when the last one failed.
    pub failure: Option<String>,
    /// Failures in a row (0: the last fetch worked); of a folder, its feeds failing.
    pub failures: i64,
    /// Never fetched yet.
    pub new: bool,
    pub stories: usize,
    pub unread: usize,
    /// When its newest story was published (seconds since 1970), if any says.
    pub newest: Option<i64>,
}

impl FeedRow {
    /// The part of the stories entering the row shows, and what the title bar calls it.
    pub(super) fn place(&self, queries: &[super::SavedQuery]) -> Option<(Place, String)> {
        match self.kind {
            RowKind::Feed => {
                let path = match &self.folder {
                    Some(tag) => format!("{tag} › {}", self.name),
                    None => self.name.clone(),
                };
                Some((Place::Feed(self.url.clone()), path))
            }
            RowKind::Tag => Some((Place::Tag(self.url.clone()), self.name.clone())),
            RowKind::Query => queries
                .iter()
                .find(|q| q.title == self.name && q.text == self.url)
                .map(|q| (Place::Query(q.expr.clone()), q.title.clone())),
        }
    }

    /// Whether `other` is the same row (of a list counted again).
    pub(super) fn same(&self, other: &FeedRow) -> bool {
        self.kind == other.kind && self.url == other.url && self.folder == other.folder
    }
}

/// How the feeds (and the tags) are ordered in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FeedOrder {
    #[default]
    Name,
    /// The most unread first.
    Unread,
    /// The newest story first.
    Updated,
}

impl FeedOrder {
    /// The order after this one, as the key that sorts goes round them.
    pub fn next(self) -> FeedOrder {
        match self {
            FeedOrder::Name => FeedOrder::Unread,
            FeedOrder::Unread => FeedOrder::Updated,
            FeedOrder::Updated => FeedOrder::Name,
        }
    }

    /// How the settings and the list's border name it.
    pub fn name(self) -> &'static str {
        match self {
            FeedOrder::Name => "name",
            FeedOrder::Unread => "unread",
            FeedOrder::Updated => "updated",
        }
    }

    /// The order a setting names.
    pub fn named(name: &str) -> Option<FeedOrder> {
        [FeedOrder::Name, FeedOrder::Unread, FeedOrder::Updated]
            .into_iter()
            .find(|o| o.name() == name)
    }

    /// Sorts `rows` in this order; failing feeds first (the most failures first), needing
    /// to be seen to.
    fn sort(self, rows: &mut [FeedRow]) {
        rows.sort_by_cached_key(|r| {
            let name = r.name.to_lowercase();
            let by = match self {
                FeedOrder::Name => 0,
                FeedOrder::Unread => -i64::try_from(r.unread).unwrap_or(i64::MAX),
                FeedOrder::Updated => -r.newest.unwrap_or(i64::MIN + 1),
            };
            (std::cmp::Reverse(r.failures), by, name)
        });
    }
}

impl App {
    /// The feed list's rows as they are now (the feeds with nothing unread left out when
    /// the list hides them).
    pub(super) fn feed_rows(&self) -> Vec<FeedRow> {
        let asker = Asker::new(self);
        let bundle = &self.stories.bundle;
        let by_date = self.session.feed_order == FeedOrder::Updated;
        // Per origin: stories, unread, newest.
        let mut counts = vec![(0usize, 0usize, None::<i64>); bundle.origins.len()];
        for (i, article) in bundle.articles.iter().enumerate() {
            if let Some(count) = counts.get_mut(usize::from(article.origin)) {
                count.0 += 1;
                if !asker.is_read(i) {
                    count.1 += 1;
                }
                // Dates are read only for the order that needs them.
                if by_date && let Some(at) = self.stories.instant(i) {
                    count.2 = count.2.max(Some(at));
                }
            }
        }
        let of_url: HashMap<&str, (usize, usize, Option<i64>)> = bundle
            .origins
            .iter()
            .zip(&counts)
            .filter_map(|(o, c)| Some((o.feed.as_deref()?, *c)))
            .collect();
        let feed_row = |info: &crate::library::FeedInfo, folder: Option<&String>| {
            let (stories, unread, newest) =
                of_url.get(info.url.as_str()).copied().unwrap_or_default();
            FeedRow {
                kind: RowKind::Feed,
                name: info.name.clone(),
                url: info.url.clone(),
                folder: folder.cloned(),
                failure: info.failure(),
                failures: info.status.as_ref().map_or(0, |s| s.failures),
                new: info.status.is_none(),
                stories,
                unread,
                newest,
            }
        };
        let hide_read = self.session.feeds_unread_only;
        let shown = |row: &FeedRow| !hide_read || row.unread > 0 || row.failures > 0;
        let order = self.session.feed_order;
        let mut rows: Vec<FeedRow> = self.query_rows(&asker);
        rows.retain(|r| !hide_read || r.unread > 0);
        // Tags in the order of their first feed, each once, as written (case aside).
        let mut tags: Vec<&String> = Vec::new();
        let ruled = self.session.tag_rules.iter().map(|r| &r.tag);
        let own = self.session.memory.tags.values().flatten();
        let given = self.session.feeds.iter().flat_map(|f| &f.tags);
        for tag in given.chain(ruled).chain(own) {
            if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
                tags.push(tag);
            }
        }
        let mut folders: Vec<(FeedRow, Vec<FeedRow>, bool)> = tags
            .into_iter()
            .map(|tag| {
                let lower = tag.to_lowercase();
                // Hidden feeds are counted in their tag, which shows their stories.
                let (feeds, hidden): (Vec<_>, Vec<_>) = self
                    .session
                    .feeds
                    .iter()
                    .filter(|f| f.tags.iter().any(|t| t.to_lowercase() == lower))
                    .map(|f| (f.hidden, feed_row(f, Some(tag))))
                    .partition(|(hidden, _)| !hidden);
                let feeds: Vec<FeedRow> = feeds.into_iter().map(|(_, row)| row).collect();
                let all = || feeds.iter().chain(hidden.iter().map(|(_, row)| row));
                let (more, more_unread, more_newest) = self.given_only(&asker, tag);
                let folder = FeedRow {
                    kind: RowKind::Tag,
                    name: crate::text::clean(tag),
                    url: tag.clone(),
                    folder: None,
                    failure: None,
                    failures: all().filter(|f| f.failures > 0).count() as i64,
                    new: false,
                    stories: all().map(|f| f.stories).sum::<usize>() + more,
                    unread: all().map(|f| f.unread).sum::<usize>() + more_unread,
                    newest: all().filter_map(|f| f.newest).chain(more_newest).max(),
                };
                (folder, feeds, more > 0)
            })
            .collect();
        folders.sort_by_cached_key(|(folder, _, _)| match order {
            FeedOrder::Name => (0, folder.name.to_lowercase()),
            FeedOrder::Unread => (
                -i64::try_from(folder.unread).unwrap_or(i64::MAX),
                folder.name.to_lowercase(),
            ),
            FeedOrder::Updated => (
                -folder.newest.unwrap_or(i64::MIN + 1),
                folder.name.to_lowercase(),
            ),
        });
        for (folder, mut feeds, ruled) in folders {
            // A tag only hidden feeds have is reached by a query, as in newsboat; one a
            // rule or the reader gives stories is a folder of them.
            if (feeds.is_empty() && !ruled) || !shown(&folder) {
                continue;
            }
            rows.push(folder);
            feeds.retain(|f| shown(f));
            order.sort(&mut feeds);
            rows.extend(feeds);
        }
        let mut loose: Vec<FeedRow> = self
            .session
            .feeds
            .iter()
            .filter(|f| f.tags.is_empty() && !f.hidden)
            .map(|f| feed_row(f, None))
            .filter(|r| shown(r))
            .collect();
        order.sort(&mut loose);
        rows.extend(loose);
        rows
    }

    /// The stories a rule or the reader gives `tag` whose feeds do not have it: how many,
    /// how many unread, the newest's time (when the order needs it).
    fn given_only(&self, asker: &Asker<'_>, tag: &str) -> (usize, usize, Option<i64>) {
        let rules = self.rules_of(tag);
        let lower = tag.to_lowercase();
        let by_hand = self
            .session
            .memory
            .tags
            .values()
            .flatten()
            .any(|t| t.to_lowercase() == lower);
        if rules == 0 && !by_hand {
            return (0, 0, None);
        }
        let by_date = self.session.feed_order == FeedOrder::Updated;
        let mut counts = (0, 0, None);
        for i in 0..self.stories.bundle.articles.len() {
            if asker.given_only(&lower, rules, i) {
                counts.0 += 1;
                if !asker.is_read(i) {
                    counts.1 += 1;
                }
                if by_date {
                    counts.2 = counts.2.max(self.stories.instant(i));
                }
            }
        }
        counts
    }

    /// A row for each saved query: the stories it picks, counted.
    fn query_rows(&self, asker: &Asker<'_>) -> Vec<FeedRow> {
        let count = self.stories.bundle.articles.len();
        self.session
            .queries
            .iter()
            .map(|query| {
                let picked: Vec<usize> = (0..count)
                    .filter(|&i| asker.matches(&query.expr, i))
                    .collect();
                FeedRow {
                    kind: RowKind::Query,
                    name: query.title.clone(),
                    url: query.text.clone(),
                    folder: None,
                    failure: None,
                    failures: 0,
                    new: false,
                    stories: picked.len(),
                    unread: picked.iter().filter(|&&i| !asker.is_read(i)).count(),
                    newest: None,
                }
            })
            .collect()
    }
}

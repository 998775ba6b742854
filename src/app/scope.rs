//! Where the headline list is: the whole of the stories, or one feed, one tag or one query
//! entered from the feed list (or given with `--query`). The stories each keeps, what the
//! title bar calls it (`Tech › Ars Technica`), and what a query asks of a story.

use std::collections::HashMap;

use super::App;
use crate::query::{Expr, Story};

/// A part of the stories the list can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// One feed, by its address.
    Feed(String),
    /// The feeds with this tag.
    Tag(String),
    /// The stories a query picks.
    Query(Expr),
}

/// The part of the stories the list shows, and what the title bar calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entered {
    pub(super) place: Place,
    /// `Tech › Ars Technica`: the folder it was entered from, then its name.
    pub(super) path: String,
}

/// A query's saved name and its text, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedQuery {
    pub title: String,
    pub text: String,
    pub expr: Expr,
}

/// What is the same for every story of a feed, worked out once per look through the
/// stories: its name and its tags, lower-cased; and the tags given to stories by hand,
/// lower-cased, by story id.
pub(super) struct Asker<'a> {
    app: &'a App,
    tags: Vec<Vec<String>>,
    own: HashMap<&'a str, Vec<String>>,
    now: i64,
}

impl<'a> Asker<'a> {
    pub(super) fn new(app: &'a App) -> Self {
        let tags = app
            .stories
            .bundle
            .origins
            .iter()
            .map(|o| {
                app.session
                    .feeds
                    .iter()
                    .find(|f| Some(&f.url) == o.feed.as_ref())
                    .map(|f| f.tags.iter().map(|t| t.to_lowercase()).collect())
                    .unwrap_or_default()
            })
            .collect();
        let own = app
            .session
            .memory
            .tags
            .iter()
            .map(|(id, tags)| {
                let lower = tags.iter().map(|t| t.to_lowercase()).collect();
                (id.as_str(), lower)
            })
            .collect();
        Asker {
            app,
            tags,
            own,
            now: app.session.now,
        }
    }

    /// The tags story `index` was given by hand, lower-cased.
    fn own_tags(&self, index: usize) -> &[String] {
        if self.own.is_empty() {
            return &[];
        }
        self.app
            .stories
            .bundle
            .articles
            .get(index)
            .and_then(|a| self.own.get(a.id.as_str()))
            .map_or(&[], Vec::as_slice)
    }

    /// Whether story `index` has been read.
    pub(super) fn is_read(&self, index: usize) -> bool {
        self.app.stories.is_read(index)
    }

    /// Whether story `index` is in `place`.
    pub(super) fn holds(&self, place: &Place, index: usize) -> bool {
        let Some(article) = self.app.stories.bundle.articles.get(index) else {
            return false;
        };
        let origin = usize::from(article.origin);
        match place {
            Place::Feed(url) => self
                .app
                .stories
                .bundle
                .origins
                .get(origin)
                .is_some_and(|o| o.feed.as_deref() == Some(url)),
            Place::Tag(tag) => {
                let lower = tag.to_lowercase();
                self.tags.get(origin).is_some_and(|t| t.contains(&lower))
                    || self.own_tags(index).contains(&lower)
                    || self
                        .app
                        .ruled()
                        .get(index)
                        .is_some_and(|&bits| bits != 0 && bits & self.app.rules_of(tag) != 0)
            }
            Place::Query(expr) => self.matches(expr, index),
        }
    }

    /// Whether story `index` has tag `lower` (lower-cased) from the rules in `rules` (bits
    /// of [`App::rules_of`]) or by hand, and not from its feed: what a tag's folder counts
    /// beside its feeds.
    pub(super) fn given_only(&self, lower: &str, rules: u64, index: usize) -> bool {
        let Some(article) = self.app.stories.bundle.articles.get(index) else {
            return false;
        };
        let given = (rules != 0
            && self
                .app
                .ruled()
                .get(index)
                .is_some_and(|&bits| bits & rules != 0))
            || self.own_tags(index).iter().any(|t| t == lower);
        given
            && !self
                .tags
                .get(usize::from(article.origin))
                .is_some_and(|t| t.iter().any(|t| t == lower))
    }

    /// Whether story `index` is one `expr` picks.
    pub(super) fn matches(&self, expr: &Expr, index: usize) -> bool {
        let bundle = &self.app.stories.bundle;
        let Some(article) = bundle.articles.get(index) else {
            return false;
        };
        let origin = usize::from(article.origin);
        let text = text_of(article);
        let feed_tags = self.tags.get(origin).map_or(&[][..], Vec::as_slice);
        let own = self.own_tags(index);
        let with_given: Vec<String>;
        let ruled = self.app.ruled().get(index).is_some_and(|&bits| bits != 0);
        let tags = if ruled || !own.is_empty() {
            with_given = feed_tags
                .iter()
                .chain(own)
                .cloned()
                .chain(self.app.rule_tags(index).map(str::to_lowercase))
                .collect();
            with_given.as_slice()
        } else {
            feed_tags
        };
        let story = Story {
            text: &text,
            title: &article.title,
            tags,
            feed: bundle.origins.get(origin).map_or("", |o| o.name.as_str()),
            authors: &article.authors,
            read: self.is_read(index),
            starred: self.app.session.memory.starred.contains(&article.id),
            published: self.app.stories.instant(index),
        };
        expr.matches(&story, self.now)
    }
}

/// The text a query's words are looked for in: the title, and the section and lead when
/// they are known (of stories read in full; a library's list has titles alone).
pub(super) fn text_of(article: &crate::bundle::Article) -> std::borrow::Cow<'_, str> {
    match (&article.section, article.lead.as_deref()) {
        (None, None) => article.title.as_str().into(),
        (section, lead) => [Some(article.title.as_str()), section.as_deref(), lead]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")
            .into(),
    }
}

impl App {
    /// The part of the stories the list shows, if not all of them.
    pub fn entered_place(&self) -> Option<&Place> {
        self.stories.list.entered.as_ref().map(|e| &e.place)
    }

    /// What the title bar calls the part of the stories the list shows (`Tech › Ars
    /// Technica`), and its stories not read.
    pub fn place_path(&self) -> Option<(&str, usize)> {
        let entered = self.stories.list.entered.as_ref()?;
        Some((entered.path.as_str(), self.stories.list.scoped_unread))
    }

    /// Shows only the stories of `place` in the list, the cursor on the first; the title
    /// bar calls it `path`.
    pub(super) fn enter(&mut self, place: Place, path: String) {
        self.stories.list.entered = Some(Entered { place, path });
        self.refix();
        self.stories.list.offset = 0;
        self.stories.list.selected = self.stories.list.shown.first().copied().unwrap_or(0);
        self.session.focus = crate::layout::Pane::Headlines;
    }

    /// The app with the time (seconds since 1970) `newer:` counts back from.
    pub fn with_now(mut self, now: i64) -> Self {
        self.session.now = now;
        self
    }

    /// The saved queries, from the subscriptions and the settings.
    pub fn with_queries(mut self, queries: Vec<SavedQuery>) -> Self {
        self.session.queries = queries;
        self
    }

    /// The list shows what `text` picks, as `--query` asks; an error names the column.
    pub fn enter_query(&mut self, text: &str) -> Result<(), crate::query::QueryError> {
        let expr = crate::query::parse(text)?;
        let path = crate::text::one_line(text).trim().to_owned();
        self.enter(Place::Query(expr), path);
        Ok(())
    }
}

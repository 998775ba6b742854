//! The feed list: every subscription with its stories and unread stories, and how its last
//! fetches went, the failing ones first, so that a dead feed is found and removed rather
//! than silently empty. It opens over the panes and takes the movement keys while open; the
//! loop hands the subscriptions in ([`Outcome::Feeds`](super::Outcome::Feeds)) when the
//! reader opens the library and after each refresh.

use super::App;
use crate::action::{Action, AppEvent};
use crate::library::FeedInfo;

/// One row of the list: a subscription and its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedRow {
    pub name: String,
    pub url: String,
    /// How its last fetches went, when the last one failed.
    pub failure: Option<String>,
    /// Failures in a row (0: the last fetch worked).
    pub failures: i64,
    /// Never fetched yet.
    pub new: bool,
    pub stories: usize,
    pub unread: usize,
}

/// The list while it is open: its rows, counted when it opened, and its cursor.
#[derive(Debug, Clone, Default)]
pub(super) struct FeedView {
    pub(super) rows: Vec<FeedRow>,
    pub(super) selected: usize,
    pub(super) offset: usize,
}

impl App {
    /// Opens the feed list, or says why there is none.
    pub(super) fn open_feeds(&mut self) {
        if self.session.feeds.is_empty() {
            self.session.notice =
                Some("No feed list: it is the library's (`newsterm add URL` subscribes).".into());
            return;
        }
        self.session.feed_view = Some(FeedView {
            rows: self.feed_rows(),
            ..FeedView::default()
        });
    }

    /// The subscriptions, counted from the stories shown: failing ones first (the most
    /// failures first), then by name.
    fn feed_rows(&self) -> Vec<FeedRow> {
        let bundle = &self.stories.bundle;
        let mut counts = vec![(0usize, 0usize); bundle.origins.len()];
        for article in &bundle.articles {
            if let Some(count) = counts.get_mut(usize::from(article.origin)) {
                count.0 += 1;
                if !self.session.memory.read.contains(&article.id) {
                    count.1 += 1;
                }
            }
        }
        let of_url = |url: &str| {
            bundle
                .origins
                .iter()
                .position(|o| o.feed.as_deref() == Some(url))
                .and_then(|i| counts.get(i).copied())
                .unwrap_or((0, 0))
        };
        let mut rows: Vec<(i64, String, FeedRow)> = self
            .session
            .feeds
            .iter()
            .map(|info| {
                let (stories, unread) = of_url(&info.url);
                let failures = info.status.as_ref().map_or(0, |s| s.failures);
                let row = FeedRow {
                    name: info.name.clone(),
                    url: info.url.clone(),
                    failure: info.failure(),
                    failures,
                    new: info.status.is_none(),
                    stories,
                    unread,
                };
                (failures, info.name.to_lowercase(), row)
            })
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        // Feeds with nothing unread hidden, on request; a failing one stays, to be seen.
        let hide_read = self.session.feeds_unread_only;
        rows.into_iter()
            .map(|(_, _, row)| row)
            .filter(|row| !hide_read || row.unread > 0 || row.failure.is_some())
            .collect()
    }

    /// The index among the stories' origins of the feed at `url`.
    pub(super) fn origin_of(&self, url: &str) -> Option<u16> {
        let at = self
            .stories
            .bundle
            .origins
            .iter()
            .position(|o| o.feed.as_deref() == Some(url))?;
        u16::try_from(at).ok()
    }

    /// Shows the stories of the feed under the list's cursor in the headline list; the
    /// feed list closes, and Back opens it again where it was.
    fn enter_feed(&mut self) {
        let Some(view) = self.session.feed_view.take() else {
            return;
        };
        let Some(row) = view.rows.get(view.selected) else {
            return;
        };
        let feed = self.origin_of(&row.url);
        let name = row.name.clone();
        self.session.feed_left = Some((view.selected, view.offset));
        self.stories.list.feed = Some(feed.unwrap_or(u16::MAX));
        self.refix();
        self.stories.list.offset = 0;
        self.stories.list.selected = self.stories.list.shown.first().copied().unwrap_or(0);
        self.session.focus = crate::layout::Pane::Headlines;
        if self.stories.list.shown.is_empty() {
            self.session.notice = Some(format!("No stories from {name} yet."));
        }
    }

    /// Leaves the feed entered for the feed list, the cursor where it was. Whether one was.
    pub(super) fn leave_feed(&mut self) -> bool {
        if self.stories.list.feed.take().is_none() {
            return false;
        }
        self.refix();
        self.stories.list.offset = 0;
        if !self.session.feeds.is_empty() {
            let (selected, offset) = self.session.feed_left.take().unwrap_or((0, 0));
            let rows = self.feed_rows();
            let selected = selected.min(rows.len().saturating_sub(1));
            self.session.feed_view = Some(FeedView {
                rows,
                selected,
                offset,
            });
            self.keep_feed_in_view();
        }
        true
    }

    /// The name of the feed entered from the feed list, if one was.
    pub fn feed_entered(&self) -> Option<&str> {
        let feed = self.stories.list.feed?;
        Some(
            self.stories
                .bundle
                .origins
                .get(usize::from(feed))
                .map_or("", |o| o.name.as_str()),
        )
    }

    /// Takes in the subscriptions as the library has them now.
    pub(super) fn take_feeds(&mut self, feeds: Vec<FeedInfo>) {
        self.session.feeds = feeds;
        self.recount_feeds();
    }

    /// Counts the open list again (the stories or the subscriptions changed), keeping the
    /// cursor on the same feed.
    pub(super) fn recount_feeds(&mut self) {
        let Some(view) = &self.session.feed_view else {
            return;
        };
        let url = view.rows.get(view.selected).map(|r| r.url.clone());
        let rows = self.feed_rows();
        let selected = url
            .and_then(|url| rows.iter().position(|r| r.url == url))
            .unwrap_or(0);
        self.session.feed_view = Some(FeedView {
            rows,
            selected,
            offset: view.offset,
        });
        self.keep_feed_in_view();
    }

    pub(super) fn update_feeds(&mut self, event: AppEvent) {
        let Some(view) = &self.session.feed_view else {
            return;
        };
        let last = view.rows.len().saturating_sub(1);
        let page = self.feed_list_height();
        let at = view.selected;
        let selected = match event {
            AppEvent::Action(Action::Up) => at.saturating_sub(1),
            AppEvent::Action(Action::Down) => (at + 1).min(last),
            AppEvent::Action(Action::PageUp) => at.saturating_sub(page),
            AppEvent::Action(Action::PageDown) => (at + page).min(last),
            AppEvent::Action(Action::HalfPageUp) => at.saturating_sub(page / 2),
            AppEvent::Action(Action::HalfPageDown) => (at + page / 2).min(last),
            AppEvent::Action(Action::Top) => 0,
            AppEvent::Action(Action::Bottom) => last,
            AppEvent::Action(Action::Feeds | Action::Close | Action::Dismiss | Action::Back) => {
                self.session.feed_view = None;
                return;
            }
            AppEvent::Action(Action::Quit) => {
                self.session.running = false;
                return;
            }
            AppEvent::Action(Action::Help) => {
                self.session.help = Some(0);
                return;
            }
            AppEvent::Action(Action::Open) => {
                self.enter_feed();
                return;
            }
            AppEvent::Action(Action::UnreadOnly) => {
                self.session.feeds_unread_only = !self.session.feeds_unread_only;
                self.recount_feeds();
                return;
            }
            // Refreshing from the list shows its counts and failures change.
            AppEvent::Action(Action::Reload) => {
                self.ask_reload();
                at
            }
            AppEvent::Action(Action::Suspend) => {
                self.suspend();
                at
            }
            AppEvent::Resize(cols, rows) => {
                self.resize(cols, rows);
                self.keep_in_view();
                at
            }
            _ => at,
        };
        if let Some(view) = &mut self.session.feed_view {
            view.selected = selected;
        }
        self.keep_feed_in_view();
    }

    /// Rows of the list at the current size: the frame less the two bars, the list's
    /// border and the line that shows the selected feed's address and failure (when there
    /// is room for it and a row).
    pub fn feed_list_height(&self) -> usize {
        let inside = usize::from(self.session.size.1.saturating_sub(4));
        if inside >= 2 {
            inside - 1
        } else {
            inside.max(1)
        }
    }

    fn keep_feed_in_view(&mut self) {
        let height = self.feed_list_height();
        if let Some(view) = &mut self.session.feed_view {
            let most = view.rows.len().saturating_sub(height);
            if view.selected < view.offset {
                view.offset = view.selected;
            } else if view.selected >= view.offset + height {
                view.offset = view.selected + 1 - height;
            }
            view.offset = view.offset.min(most);
        }
    }

    /// Whether the feed list hides the feeds with nothing unread.
    pub fn feeds_unread_only(&self) -> bool {
        self.session.feeds_unread_only
    }

    /// The feed list when it is open: its rows, cursor and first row shown.
    pub fn feed_list(&self) -> Option<(&[FeedRow], usize, usize)> {
        self.session
            .feed_view
            .as_ref()
            .map(|v| (v.rows.as_slice(), v.selected, v.offset))
    }
}

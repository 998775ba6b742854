//! The feed list: every subscription with its stories and unread stories, and how its last
//! fetches went, the failing ones first, so that a dead feed is found and removed rather
//! than silently empty. It opens over the panes and takes the movement keys while open; the
//! loop hands the subscriptions in ([`Outcome::Feeds`](super::Outcome::Feeds)) when the
//! reader opens the library and after each refresh.

use super::App;
use super::folders::{FeedRow, RowKind};
use crate::action::{Action, AppEvent};
use crate::library::FeedInfo;

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
        if self.session.feeds.is_empty() && self.session.queries.is_empty() {
            self.session.notice =
                Some("No feed list: it is the library's (`newsterm add URL` subscribes).".into());
            return;
        }
        self.session.feed_view = Some(FeedView {
            rows: self.feed_rows(),
            ..FeedView::default()
        });
    }

    /// Shows the stories of the feed, tag or query under the list's cursor in the headline
    /// list; the feed list closes, and Back opens it again where it was.
    fn enter_feed(&mut self) {
        let Some(view) = self.session.feed_view.take() else {
            return;
        };
        let Some(row) = view.rows.get(view.selected) else {
            return;
        };
        let Some((place, path)) = row.place(&self.session.queries) else {
            return;
        };
        self.session.feed_left = Some((row.clone(), view.selected, view.offset));
        let name = row.name.clone();
        self.enter(place, path);
        if self.stories.list.shown.is_empty() {
            self.session.notice = Some(match row.kind {
                RowKind::Feed => format!("No stories from {name} yet."),
                RowKind::Tag => format!("No stories tagged {name} yet."),
                RowKind::Query => format!("No story is one {name} picks."),
            });
        }
    }

    /// Leaves the feed, tag or query entered for the feed list, the cursor where it was.
    /// Whether one was.
    pub(super) fn leave_feed(&mut self) -> bool {
        if self.stories.list.entered.take().is_none() {
            return false;
        }
        self.refix();
        self.stories.list.offset = 0;
        if !self.session.feeds.is_empty() || !self.session.queries.is_empty() {
            let rows = self.feed_rows();
            let (selected, offset) = match self.session.feed_left.take() {
                Some((row, at, offset)) => {
                    (rows.iter().position(|r| r.same(&row)).unwrap_or(at), offset)
                }
                None => (0, 0),
            };
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

    /// What the title bar calls the feed, tag or query entered, if one was.
    pub fn feed_entered(&self) -> Option<&str> {
        self.stories.list.entered.as_ref().map(|e| e.path.as_str())
    }

    /// `A` in the feed list: the stories of the feed, tag or query under the cursor read.
    fn mark_row_read(&mut self) {
        let Some(view) = &self.session.feed_view else {
            return;
        };
        let Some((place, path)) = view
            .rows
            .get(view.selected)
            .and_then(|row| row.place(&self.session.queries))
        else {
            return;
        };
        let asker = super::scope::Asker::new(self);
        let stories: Vec<usize> = (0..self.stories.bundle.articles.len())
            .filter(|&i| asker.holds(&place, i))
            .collect();
        drop(asker);
        self.mark_read(&stories, &format!("in {path}"));
    }

    /// Takes in the subscriptions as the library has them now.
    pub(super) fn take_feeds(&mut self, feeds: Vec<FeedInfo>) {
        self.session.feeds = feeds;
        self.recount_feeds();
        // The story shown may be of a feed read whole, which only the feeds tell.
        self.read_whole_if_wanted(self.stories.reader.current);
    }

    /// Counts the open list again (the stories or the subscriptions changed), keeping the
    /// cursor on the same feed.
    pub(super) fn recount_feeds(&mut self) {
        let Some(view) = &self.session.feed_view else {
            return;
        };
        let was = view.rows.get(view.selected).cloned();
        let rows = self.feed_rows();
        let selected = was
            .and_then(|was| rows.iter().position(|r| r.same(&was)))
            .unwrap_or(0);
        self.session.feed_view = Some(FeedView {
            rows,
            selected,
            offset: view.offset,
        });
        self.keep_feed_in_view();
    }

    pub(super) fn update_feeds(&mut self, event: AppEvent) {
        if let AppEvent::Action(action) = event
            && self.answer_takes(action)
        {
            return;
        }
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
            AppEvent::Action(Action::MarkListRead) => {
                self.mark_row_read();
                return;
            }
            AppEvent::Action(Action::EditTags) => {
                self.ask_feed_tags();
                return;
            }
            AppEvent::Action(Action::MarkAllRead) => {
                self.ask_mark_all_read();
                return;
            }
            AppEvent::Action(Action::Undo) => {
                self.undo();
                return;
            }
            AppEvent::Action(Action::SortFeeds) => {
                self.session.feed_order = self.session.feed_order.next();
                self.session.notice = Some(format!(
                    "Feeds sorted by {}.",
                    self.session.feed_order.name()
                ));
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

    pub(super) fn keep_feed_in_view(&mut self) {
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

    /// How the feed list is sorted.
    pub fn feed_order(&self) -> super::FeedOrder {
        self.session.feed_order
    }

    /// The app with the feed list sorted as the settings say.
    pub fn with_feed_order(mut self, order: super::FeedOrder) -> Self {
        self.session.feed_order = order;
        self
    }

    /// The feed list when it is open: its rows, cursor and first row shown.
    pub fn feed_list(&self) -> Option<(&[FeedRow], usize, usize)> {
        self.session
            .feed_view
            .as_ref()
            .map(|v| (v.rows.as_slice(), v.selected, v.offset))
    }
}

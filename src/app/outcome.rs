//! What the terminal loop feeds back in: how what it did on the app's behalf (an [`Effect`])
//! turned out, and the one-time messages it has for the user. [`App::apply`] is the one way
//! in for them, as [`App::update`] is for actions.

use super::{App, Copied, Effect};
use crate::bundle::{Bundle, LoadError};
use crate::state::Memory;

/// Something that happened outside the app that the app must know of.
#[derive(Debug)]
pub enum Outcome {
    /// A message for the status bar until the next key (such as a locale that is not UTF-8).
    Notice(String),
    /// The sources are being read again: said first, and in the status bar until the
    /// result comes, since reading may take a while.
    Reloading,
    /// The library's feeds are being refreshed: how many are done, of how many.
    Refreshing { done: usize, of: usize },
    /// The sources were read again; `failed` is the first source that could not be, if any;
    /// `summary` what the status bar says of it, when the reader has more to say than the
    /// count of stories (a refresh's new stories and failed feeds).
    Reloaded {
        bundle: Box<Bundle>,
        failed: Option<LoadError>,
        summary: Option<String>,
    },
    /// The library's whole list and its marks, after a first screen of its newest stories.
    Whole {
        bundle: Box<Bundle>,
        memory: Box<Memory>,
    },
    /// The subscriptions as the library has them now (when the reader opens the library,
    /// and after each refresh): what the feed list shows.
    Feeds(Vec<crate::library::FeedInfo>),
    /// The whole article of story `id` read from its page, or why it could not be.
    WholeArticle {
        id: String,
        read: Result<Box<crate::bundle::Article>, String>,
    },
    /// The subscriptions file gives the feed at `url` these tags now.
    FeedTags { url: String, tags: Vec<String> },
    /// No source could be read again: the stories stay as they were.
    ReloadFailed(LoadError),
    /// The player ended by itself.
    AudioEnded,
    /// An effect could not be carried out (a player that could not start plays nothing).
    EffectFailed { effect: Effect, error: String },
    /// The reading state could not be saved: why.
    SaveFailed(String),
    /// A link was copied (`y`), and where it went.
    Copied { url: String, to: Copied },
    /// The reading state as the state file holds it now: this reader's changes with the
    /// marks other readers of the bundle saved meanwhile, to be shown.
    MemoryOnDisk(Box<Memory>),
}

impl App {
    /// Takes in what happened outside the app.
    pub fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Notice(text) | Outcome::SaveFailed(text) => {
                self.session.notice = Some(text);
            }
            Outcome::ReloadFailed(error) => {
                self.session.reloading = false;
                self.session.refreshing = None;
                self.session.notice = Some(not_reloaded(&error));
            }
            Outcome::Reloading => {
                self.session.reloading = true;
                self.session.notice = Some(super::reload::RELOADING.into());
            }
            Outcome::Refreshing { done, of } => {
                self.session.reloading = true;
                self.session.refreshing = Some((done, of));
            }
            Outcome::Reloaded {
                bundle,
                failed,
                summary,
            } => {
                self.session.reloading = false;
                self.session.refreshing = None;
                self.reload(*bundle);
                if let Some(summary) = summary {
                    self.session.notice = Some(summary);
                }
                if let Some(error) = failed {
                    self.session.notice = Some(not_reloaded(&error));
                }
            }
            Outcome::Whole { bundle, memory } => self.take_whole(*bundle, *memory),
            Outcome::Feeds(feeds) => self.take_feeds(feeds),
            Outcome::FeedTags { url, tags } => self.feed_tagged(&url, &tags),
            Outcome::WholeArticle { id, read } => self.take_whole_article(&id, read),
            Outcome::MemoryOnDisk(memory) => {
                // Not a change of this reader's: nothing to save again.
                if *memory != self.session.memory {
                    self.session.memory = *memory;
                    self.recount();
                    self.recount_feeds();
                }
            }
            Outcome::AudioEnded => self.audio_ended(Some("Audio ended.".into())),
            Outcome::Copied { url, to } => self.copied(&url, to),
            Outcome::EffectFailed { effect, error } => {
                if matches!(effect, Effect::Play(_)) {
                    self.audio_ended(None);
                }
                self.session.notice = Some(error);
            }
        }
    }
}

/// The status line for a source that could not be read again.
fn not_reloaded(error: &LoadError) -> String {
    format!("not reloaded: {error}")
}

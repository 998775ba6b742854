//! `f`: the whole article in place of the summary a feed sent. The story's link is read by
//! the terminal loop (an [`Effect::ReadWhole`]: from the library if it was read before, else
//! fetched and extracted) and handed back ([`Outcome::WholeArticle`]); `f` again shows the
//! summary, and again the whole article, without reading anything. A related story that a page
//! only named is read the same way as it is followed.

use std::collections::{HashMap, HashSet};

use super::{App, Effect};
use crate::bundle::{Article, Details};

/// The two texts of the stories read whole: the one not shown, by story.
#[derive(Debug, Default)]
pub(super) struct WholeTexts {
    /// The text each story has that is not in its place now.
    other: HashMap<usize, Details>,
    /// The stories showing their whole article.
    whole: HashSet<usize>,
}

impl App {
    /// `f` on the story pointed at: its whole article, or its summary again.
    pub(super) fn toggle_whole(&mut self) {
        let Some(story) = self.pointed_at() else {
            self.session.notice = Some("No story here to read whole.".into());
            return;
        };
        if self.stories.whole.other.contains_key(&story) {
            self.swap_text(story);
            self.session.notice = Some(if self.stories.whole.whole.contains(&story) {
                "The whole article (f: the summary).".into()
            } else {
                "The summary the feed sent (f: the whole article).".into()
            });
            return;
        }
        self.read_whole(story);
    }

    /// Asks the loop for the whole article behind story `story`'s link.
    pub(super) fn read_whole(&mut self, story: usize) {
        let Some(article) = self.stories.bundle.full_article(story) else {
            return;
        };
        let id = article.id.clone();
        let Some(url) = article.url.clone().filter(|u| super::is_web_address(u)) else {
            self.session.notice = Some("This story has no web page to read it from.".into());
            return;
        };
        if !self.session.reading_whole.insert(id.clone()) {
            self.session.notice = Some("Already reading it…".into());
            return;
        }
        let host = url::Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        self.session.notice = Some(format!("Reading the whole article from {host}…"));
        self.session.effects.push(Effect::ReadWhole { id, url });
    }

    /// The whole article of story `id`, or why it could not be read.
    pub(super) fn take_whole_article(&mut self, id: &str, read: Result<Box<Article>, String>) {
        self.session.reading_whole.remove(id);
        let Some(story) = self.stories.bundle.articles.iter().position(|a| a.id == id) else {
            return;
        };
        match read {
            Ok(whole) => {
                let Some(summary) = self
                    .stories
                    .bundle
                    .full_article(story)
                    .map(|a| Details::clone(&a))
                else {
                    return;
                };
                let mut details = whole.details.map(|d| *d).unwrap_or_default();
                // What the feed said of the story stays its own where the page says nothing.
                details.url = summary.url.clone();
                details.audio = summary.audio.clone();
                if details.source.is_none() {
                    details.source = summary.source.clone();
                }
                if details.authors.is_empty() {
                    details.authors = summary.authors.clone();
                }
                if details.body.is_empty() {
                    self.session.notice = Some("The page has no more than the summary.".into());
                    return;
                }
                self.stories.whole.other.insert(story, details);
                self.swap_text(story);
                let shown = story == self.stories.reader.current;
                self.session.notice = Some(if shown {
                    "The whole article (f: the summary).".into()
                } else {
                    "Read whole; open it to see it.".into()
                });
            }
            Err(why) => self.session.notice = Some(format!("Not read whole: {why}")),
        }
    }

    /// Puts story `story`'s other text in its place, and lays it out again if it is shown.
    fn swap_text(&mut self, story: usize) {
        let Some(incoming) = self.stories.whole.other.remove(&story) else {
            return;
        };
        let Some(current) = self
            .stories
            .bundle
            .full_article(story)
            .map(|a| Details::clone(&a))
        else {
            return;
        };
        let Some(article) = self.stories.bundle.articles.get_mut(story) else {
            return;
        };
        article.has_body = !incoming.body.is_empty();
        article.details = Some(Box::new(incoming));
        // The text is in memory now, not in the file or the library it was read from.
        article.span = None;
        self.stories.whole.other.insert(story, current);
        if !self.stories.whole.whole.remove(&story) {
            self.stories.whole.whole.insert(story);
        }
        self.stories.reader.cache.forget(story);
        if story == self.stories.reader.current {
            self.stories.reader.doc_story = None;
            self.stories.reader.scroll = 0;
            self.relayout(None);
        }
    }

    /// Reads story `story` whole when its feed is tagged to be read whole (`full_text`): the
    /// refresh kept its article, so it comes from the library at once. Once read, or put
    /// back to its summary with `f`, it stays as it is.
    pub(super) fn read_whole_if_wanted(&mut self, story: usize) {
        if self.stories.whole.other.contains_key(&story) || self.session.feeds.is_empty() {
            return;
        }
        let bundle = &self.stories.bundle;
        let Some(feed) = bundle
            .articles
            .get(story)
            .and_then(|a| bundle.origins.get(usize::from(a.origin)))
            .and_then(|o| o.feed.as_deref())
        else {
            return;
        };
        let wanted = self
            .session
            .feeds
            .iter()
            .any(|f| f.url == feed && crate::refresh::reads_whole(&f.tags));
        let asked = bundle
            .articles
            .get(story)
            .is_some_and(|a| self.session.reading_whole.contains(&a.id));
        if wanted && !asked {
            self.read_whole(story);
        }
    }

    /// Whether story `index` shows the whole article read from its page.
    pub fn shows_whole(&self, index: usize) -> bool {
        self.stories.whole.whole.contains(&index)
    }
}

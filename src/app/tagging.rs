//! `t`: tags given by hand. On a story (the one under the cursor or in the reader) the
//! status line asks for its tags, filled with those it has (`Tags: climate "to read"`);
//! Enter keeps what is typed, Esc gives up. The story's tags are kept with its marks and
//! count as a feed's tags do: in `tag:`, and as folders of the feed list. On a feed in the
//! feed list the same line edits the feed's tags, which the terminal loop writes into the
//! subscriptions file (an [`Effect::TagFeed`]).

use std::collections::BTreeSet;

use super::folders::RowKind;
use super::{App, Effect};
use crate::action::Action;

/// The most tags one story or feed keeps: more is no use, and memory stays bounded.
pub const MOST_TAGS: usize = 32;
/// The longest tag kept, in characters.
const LONGEST_TAG: usize = 64;
/// The longest line of tags typed, in bytes.
const LONGEST_LINE: usize = 2048;

/// What the tags typed are for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tagged {
    /// A story, by its id; its title, for what the status line says.
    Story { id: String, title: String },
    /// A subscription, by its address; its name.
    Feed { url: String, name: String },
}

/// The line of tags being typed, and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TagLine {
    pub(super) typed: String,
    pub(super) target: Tagged,
}

/// The tags a line holds: words split at spaces and commas, a tag in double quotes holding
/// spaces; each cleaned of what the screen cannot show, cut to a length, and kept once
/// (in any case), the first [`MOST_TAGS`].
pub fn parse_tags(line: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut keep = |word: &str| {
        let clean = crate::text::clean(word);
        let tag: String = clean.trim().chars().take(LONGEST_TAG).collect();
        let tag = tag.trim();
        let lower = tag.to_lowercase();
        if !tag.is_empty()
            && tags.len() < MOST_TAGS
            && !tags.iter().any(|t| t.to_lowercase() == lower)
        {
            tags.push(tag.to_owned());
        }
    };
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                if quoted {
                    keep(&word);
                    word.clear();
                }
                quoted = !quoted;
            }
            c if !quoted && (c.is_whitespace() || c == ',') => {
                keep(&word);
                word.clear();
            }
            c => word.push(c),
        }
    }
    keep(&word);
    tags
}

/// Tags as the line shows them: a tag with a space or comma in double quotes.
pub fn tag_line<'a>(tags: impl IntoIterator<Item = &'a String>) -> String {
    tags.into_iter()
        .map(|t| {
            if t.contains(|c: char| c.is_whitespace() || c == ',') {
                format!("\"{}\"", t.replace('"', ""))
            } else {
                t.replace('"', "")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl App {
    /// `t`: the status line asks for the tags of the story pointed at.
    pub(super) fn ask_story_tags(&mut self) {
        let Some(article) = self
            .pointed_at()
            .and_then(|i| self.stories.bundle.articles.get(i))
        else {
            self.session.notice = Some("No story to tag here.".into());
            return;
        };
        let id = article.id.clone();
        let title = crate::text::one_line(&article.title).into_owned();
        let typed = self
            .session
            .memory
            .tags
            .get(&id)
            .map(tag_line)
            .unwrap_or_default();
        self.session.tag_line = Some(TagLine {
            typed: with_space(typed),
            target: Tagged::Story { id, title },
        });
    }

    /// `t` in the feed list: the status line asks for the tags of the feed under the
    /// cursor; a tag's or a query's folder has none to give.
    pub(super) fn ask_feed_tags(&mut self) {
        let Some(row) = self
            .session
            .feed_view
            .as_ref()
            .and_then(|v| v.rows.get(v.selected))
        else {
            return;
        };
        if row.kind != RowKind::Feed {
            self.session.notice =
                Some("Tags are given to a feed or a story: this row is a folder.".into());
            return;
        }
        let Some(feed) = self.session.feeds.iter().find(|f| f.url == row.url) else {
            return;
        };
        self.session.tag_line = Some(TagLine {
            typed: with_space(tag_line(&feed.tags)),
            target: Tagged::Feed {
                url: feed.url.clone(),
                name: feed.name.clone(),
            },
        });
    }

    /// While the tags are asked for, the keys that edit the line act on it. Returns whether
    /// `action` was one of them.
    pub(super) fn tag_line_takes(&mut self, action: Action) -> bool {
        let Some(line) = self.session.tag_line.as_mut() else {
            return false;
        };
        match action {
            Action::Type(c) if !c.is_control() => {
                if line.typed.len() + c.len_utf8() <= LONGEST_LINE {
                    line.typed.push(c);
                }
            }
            Action::Type(_) => {}
            Action::Erase => {
                line.typed.pop();
            }
            Action::Accept => self.keep_tags(),
            Action::Cancel => {
                self.session.tag_line = None;
                self.session.notice = Some("Tags left as they were.".into());
            }
            _ => return false,
        }
        true
    }

    /// Text pasted into the line of tags, as if typed.
    pub(super) fn paste_tags(&mut self, text: &str) {
        for c in text.chars().filter(|c| !c.is_control()) {
            self.tag_line_takes(Action::Type(c));
        }
    }

    /// Enter: the tags typed are the story's (or, by the loop, the feed's).
    fn keep_tags(&mut self) {
        let Some(line) = self.session.tag_line.take() else {
            return;
        };
        let tags = parse_tags(&line.typed);
        match line.target {
            Tagged::Story { id, title } => {
                let set: BTreeSet<String> = tags.iter().cloned().collect();
                let before = self.session.memory.tags.get(&id);
                if before.unwrap_or(&BTreeSet::new()) == &set {
                    self.session.notice = Some("Tags left as they were.".into());
                    return;
                }
                self.session.notice = Some(if set.is_empty() {
                    format!("Tags taken off: {title}")
                } else {
                    format!("Tagged {}: {title}", tags.join(", "))
                });
                if set.is_empty() {
                    self.session.memory.tags.remove(&id);
                } else {
                    self.session.memory.tags.insert(id.clone(), set.clone());
                }
                self.session.unsaved.tags.insert(id, set);
                self.session.memory_changes += 1;
            }
            Tagged::Feed { url, name } => {
                let before = self.session.feeds.iter().find(|f| f.url == url);
                if before.is_some_and(|f| f.tags == tags) {
                    self.session.notice = Some("Tags left as they were.".into());
                    return;
                }
                self.session.notice = Some(format!("Saving the tags of {name}…"));
                self.session.effects.push(Effect::TagFeed { url, tags });
            }
        }
    }

    /// The tags the subscriptions file now gives the feed at `url` (newsboat's `!tag`
    /// hiding it): the feed list shows them.
    pub(super) fn feed_tagged(&mut self, url: &str, tags: &[String]) {
        let Some(feed) = self.session.feeds.iter_mut().find(|f| f.url == url) else {
            return;
        };
        let (shown, hidden) = crate::library::shown_tags(tags);
        feed.tags = shown;
        feed.hidden = hidden;
        self.session.notice = Some(if feed.tags.is_empty() {
            format!("Tags taken off: {}", feed.name)
        } else {
            format!("Tagged {}: {}", feed.tags.join(", "), feed.name)
        });
        self.recount_feeds();
        // The cursor follows the feed to its first folder (or out of them).
        if let Some(view) = &mut self.session.feed_view
            && let Some(at) = view
                .rows
                .iter()
                .position(|r| r.kind == RowKind::Feed && r.url == url)
        {
            view.selected = at;
        }
        self.keep_feed_in_view();
    }

    /// The line of tags typed so far, while the status line asks for tags.
    pub fn tag_prompt(&self) -> Option<&str> {
        self.session.tag_line.as_ref().map(|l| l.typed.as_str())
    }

    /// The name of the feed whose tags the line asks for, when it asks for a feed's.
    pub fn tagging_feed(&self) -> Option<&str> {
        match &self.session.tag_line.as_ref()?.target {
            Tagged::Feed { name, .. } => Some(name),
            Tagged::Story { .. } => None,
        }
    }

    /// The tags given to story `index` by hand (`t`), as written.
    pub fn own_tags(&self, index: usize) -> impl Iterator<Item = &String> {
        self.stories
            .bundle
            .articles
            .get(index)
            .and_then(|a| self.session.memory.tags.get(&a.id))
            .into_iter()
            .flatten()
    }
}

/// A line that holds tags ends in a space, so that what is typed next is a new tag.
fn with_space(mut line: String) -> String {
    if !line.is_empty() {
        line.push(' ');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_of_tags_splits_at_spaces_and_commas_and_keeps_quoted_ones_whole() {
        assert_eq!(
            parse_tags(r#"  climate, Tech "to read" tech   ,, "#),
            ["climate", "Tech", "to read"]
        );
        assert_eq!(parse_tags(""), Vec::<String>::new());
        assert_eq!(parse_tags("\"unclosed tag"), ["unclosed tag"]);
        assert_eq!(
            parse_tags("a\u{1b}[31mb"),
            ["ab"],
            "no escape reaches the screen"
        );
    }

    #[test]
    fn tags_shown_on_the_line_read_back_as_the_same_tags() {
        let tags = vec!["climate".to_owned(), "to read".to_owned(), "x,y".to_owned()];
        assert_eq!(tag_line(&tags), r#"climate "to read" "x,y""#);
        assert_eq!(parse_tags(&tag_line(&tags)), tags);
    }

    #[test]
    fn a_line_keeps_a_bounded_number_of_bounded_tags() {
        let many: String = (0..100).map(|n| format!("t{n} ")).collect();
        assert_eq!(parse_tags(&many).len(), MOST_TAGS);
        let long = "x".repeat(500);
        assert_eq!(parse_tags(&long)[0].chars().count(), LONGEST_TAG);
    }
}

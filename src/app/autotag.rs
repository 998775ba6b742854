//! Tags the settings' rules give stories (`[tag_rules]`, `climate = "title:climate or
//! warming"`), as elfeed's auto-tagging does: a story a rule's query picks has the rule's
//! tag, in the feed list's folders, in `tag:` and in the title bar, as a feed's tags are.
//! A rule asks what a story says (its words, title, feed, author, date), never its marks
//! or other tags, so what it picks is worked out once per set of stories.

use super::App;
use crate::query::{Expr, Story};

/// The most rules: each story keeps which rules pick it as the bits of one number.
pub const MOST_RULES: usize = 64;

/// One rule: the tag, and the query whose stories have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRule {
    pub tag: String,
    pub expr: Expr,
}

/// Why a query cannot be a rule: it asks about marks or tags (what a rule would change or
/// what changes as the story is read), which a rule does not look at.
pub fn unfit_for_rule(expr: &Expr) -> Option<&'static str> {
    match expr {
        Expr::All(all) | Expr::Any(all) => all.iter().find_map(unfit_for_rule),
        Expr::Not(e) => unfit_for_rule(e),
        Expr::Tag(_) => Some("tag:"),
        Expr::Unread => Some("unread"),
        Expr::Read => Some("read"),
        Expr::Starred => Some("starred"),
        Expr::Text(_)
        | Expr::Feed(_)
        | Expr::Author(_)
        | Expr::Title(_)
        | Expr::After(_)
        | Expr::Before(_)
        | Expr::Newer(_) => None,
    }
}

impl App {
    /// The app with the settings' tagging rules (the first [`MOST_RULES`]).
    pub fn with_tag_rules(mut self, mut rules: Vec<TagRule>) -> Self {
        rules.truncate(MOST_RULES);
        for rule in &mut rules {
            rule.tag = crate::text::clean(&rule.tag);
        }
        self.session.tag_rules = rules;
        self.stories.ruled = std::sync::OnceLock::new();
        self
    }

    /// Per story, which rules pick it (bit `i` for rule `i`), worked out the first time a
    /// tag is asked about.
    pub(super) fn ruled(&self) -> &[u64] {
        self.stories.ruled.get_or_init(|| {
            let rules = &self.session.tag_rules;
            if rules.is_empty() {
                return Vec::new();
            }
            let bundle = &self.stories.bundle;
            (0..bundle.articles.len())
                .map(|i| {
                    let article = &bundle.articles[i];
                    let text = super::scope::text_of(article);
                    let story = Story {
                        text: &text,
                        title: &article.title,
                        feed: bundle
                            .origins
                            .get(usize::from(article.origin))
                            .map_or("", |o| o.name.as_str()),
                        authors: &article.authors,
                        published: self.stories.instant(i),
                        ..Story::default()
                    };
                    rules
                        .iter()
                        .enumerate()
                        .filter(|(_, rule)| rule.expr.matches(&story, self.session.now))
                        .fold(0u64, |bits, (n, _)| bits | (1 << n))
                })
                .collect()
        })
    }

    /// The rules' tags of story `index`, as written.
    pub(super) fn rule_tags(&self, index: usize) -> impl Iterator<Item = &str> {
        let bits = self.ruled().get(index).copied().unwrap_or(0);
        self.session
            .tag_rules
            .iter()
            .enumerate()
            .filter(move |(n, _)| bits & (1 << n) != 0)
            .map(|(_, rule)| rule.tag.as_str())
    }

    /// The bits of the rules that give `tag` (in any case).
    pub(super) fn rules_of(&self, tag: &str) -> u64 {
        // Compared without a copy: a tag's folder asks once per story.
        self.session
            .tag_rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| folded(&rule.tag).eq(folded(tag)))
            .fold(0, |bits, (n, _)| bits | (1 << n))
    }
}

/// `s` lower-cased, character by character.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
}

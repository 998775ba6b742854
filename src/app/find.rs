//! Search: the query typed at `/`, the stories it matches, and `n`/`N` inside a story.
//!
//! Titles are checked at once, against folded copies made the first time anything is
//! searched. A query that holds the one before it (a key typed at the end, a paste) can only
//! match titles that matched before, so only those are checked again; leads and bodies are checked a few stories at a time while no key is waiting
//! (`AppEvent::Idle`), so a keystroke never waits for 100,000 stories. The list shows what has
//! been found so far, and the title bar how far the search has got.

use crate::action::Action;
use crate::search::Query;

use super::App;

/// Stories whose lead and body are checked per idle step: about a millisecond.
const STORIES_PER_IDLE: usize = 24;

#[derive(Debug, Default)]
pub struct Find {
    /// What is typed after `/`.
    pub input: String,
    /// Whether keys go to the search line.
    pub editing: bool,
    /// The words searched for, when the line is words alone.
    pub query: Option<Query>,
    /// The line read as a query, when it is more than words (`tag:tech unread`): its
    /// stories are picked at once, by title, section and lead.
    pub expr: Option<crate::query::Expr>,
    /// Why the line cannot be read as a query, while it cannot (the list stays as the line
    /// last picked it).
    pub error: Option<crate::query::QueryError>,
    /// Stories that match, in bundle order, as found so far.
    pub matches: Vec<usize>,
    /// Stories whose lead and body have been checked.
    pub scanned: usize,
    /// The story the cursor was on when `/` was pressed: while the query is typed, the
    /// cursor is on it if it matches, else on the first match, however far the body search
    /// has got, so that keys typed ahead give what keys typed slowly give.
    pub(super) anchor: Option<usize>,
    /// Titles folded (diacritics and case), made on the first search.
    folded: Option<Vec<String>>,
    /// Titles lower-cased, made on the first search with diacritics in it.
    lowered: Option<Vec<String>>,
    /// The query as compared (and whether diacritics had to match) that the titles in
    /// `matches` were found with: every title that holds it is there.
    titles_held: Option<(String, bool)>,
    /// Titles compared with the query since the search line was opened.
    pub(super) compared: usize,
}

/// Which way `n` and `N` look for the next match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Forward,
    Backward,
}

impl Find {
    /// Whether a search is in force (typed, not cleared).
    pub fn active(&self) -> bool {
        self.query.is_some() || self.expr.is_some()
    }
}

/// Every title with `f` applied to each character.
fn fold_titles(app: &App, f: fn(char) -> char) -> Vec<String> {
    app.stories
        .bundle
        .articles
        .iter()
        .map(|a| a.title.chars().map(f).collect())
        .collect()
}

impl App {
    /// Whether the search still has stories to check.
    pub(super) fn searching(&self) -> bool {
        self.stories.find.query.is_some()
            && self.stories.find.scanned < self.stories.bundle.articles.len()
    }

    /// How far the search has got, in percent.
    pub fn search_progress(&self) -> usize {
        let total = self.stories.bundle.articles.len().max(1);
        self.stories.find.scanned * 100 / total
    }

    pub(super) fn start_search(&mut self) {
        self.stories.find.editing = true;
        self.stories.find.compared = 0;
        self.stories.find.anchor = Some(self.stories.list.selected);
        self.stories.find.input.clear();
        // Every title folded now, once, so that no key typed in the search line waits for it.
        if self.stories.find.folded.is_none() {
            self.stories.find.folded = Some(fold_titles(self, crate::search::fold_char));
        }
        self.requery();
    }

    pub(super) fn type_char(&mut self, c: char) {
        self.type_text(c.encode_utf8(&mut [0; 4]));
    }

    /// Text typed into the search line at once (a paste): one change of the query, ending
    /// where its characters typed one by one would.
    pub(super) fn type_text(&mut self, text: &str) {
        // What arrives here is typed or pasted text: text::clean's rules apply to it too.
        let before = self.stories.find.input.len();
        let typed = text.chars().filter(|c| !c.is_control());
        self.stories.find.input.extend(typed);
        if self.stories.find.input.len() != before {
            self.requery();
        }
    }

    pub(super) fn erase(&mut self) {
        self.stories.find.input.pop();
        self.requery();
    }

    /// Enter: the filter stays, keys go back to the list, with the search complete so that
    /// the cursor stays where the whole list puts it.
    pub(super) fn accept(&mut self) {
        self.finish_search();
        self.stories.find.editing = false;
        self.stories.find.anchor = None;
        self.session.focus = crate::layout::Pane::Headlines;
    }

    /// Esc: no search any more.
    pub(super) fn cancel(&mut self) {
        self.stories.find.editing = false;
        self.stories.find.anchor = None;
        self.stories.find.input.clear();
        self.stories.find.expr = None;
        self.requery();
    }

    /// Starts the search over for the input as it is now: words alone are searched for in
    /// titles, then leads and bodies; anything more is read as a query.
    pub(super) fn requery(&mut self) {
        self.stories.find.error = None;
        let input = self.stories.find.input.clone();
        match crate::query::parse(&input) {
            Ok(expr) if !is_words(&expr) || input.contains('"') => {
                self.stories.find.query = None;
                self.stories.find.titles_held = None;
                let asker = super::scope::Asker::new(self);
                let matches = (0..self.stories.bundle.articles.len())
                    .filter(|&i| asker.matches(&expr, i))
                    .collect();
                drop(asker);
                self.stories.find.compared += self.stories.bundle.articles.len();
                self.stories.find.matches = matches;
                self.stories.find.scanned = self.stories.bundle.articles.len();
                self.stories.find.expr = Some(expr);
                self.refresh_list();
                return;
            }
            Err(error) if looks_like_query(&input) => {
                self.stories.find.error = Some(error);
                return;
            }
            _ => self.stories.find.expr = None,
        }
        let query = Query::new(&self.stories.find.input);
        let before = std::mem::take(&mut self.stories.find.matches);
        let held = self.stories.find.titles_held.take();
        self.stories.find.scanned = 0;
        if let Some(query) = &query {
            if query.exact_marks() && self.stories.find.lowered.is_none() {
                self.stories.find.lowered = Some(fold_titles(self, crate::search::lower));
            }
            if self.stories.find.folded.is_none() {
                self.stories.find.folded = Some(fold_titles(self, crate::search::fold_char));
            }
            let titles = if query.exact_marks() {
                &self.stories.find.lowered
            } else {
                &self.stories.find.folded
            };
            let titles = titles.as_deref().unwrap_or_default();
            let key = query.key_text();
            let holds = |i: &usize| titles.get(*i).is_some_and(|t| t.contains(key.as_str()));
            // A title that holds this key holds every part of it: when the key the titles
            // in `before` were found with is part of it, compared the same way, no other
            // title can match. `before` has those titles and the bodies found so far, in
            // bundle order.
            let narrows = held
                .is_some_and(|(k, exact)| exact == query.exact_marks() && key.contains(k.as_str()));
            self.stories.find.matches = if narrows {
                self.stories.find.compared += before.len();
                before.into_iter().filter(holds).collect()
            } else {
                self.stories.find.compared += titles.len();
                (0..titles.len()).filter(holds).collect()
            };
            self.stories.find.titles_held = Some((key, query.exact_marks()));
        }
        self.stories.find.query = query;
        self.refresh_list();
    }

    /// Checks every story's lead and body not checked yet. Done before a key that acts on the
    /// list, so that it acts on the whole list, as it would after the idle steps.
    pub(super) fn finish_search(&mut self) {
        while self.searching() {
            self.search_step();
        }
    }

    /// Checks the next stories' leads and bodies.
    pub(super) fn search_step(&mut self) {
        let Some(query) = self.stories.find.query.clone() else {
            return;
        };
        let end =
            (self.stories.find.scanned + STORIES_PER_IDLE).min(self.stories.bundle.articles.len());
        let mut found = false;
        for i in self.stories.find.scanned..end {
            if self.stories.find.matches.binary_search(&i).is_ok() {
                continue;
            }
            let Some(article) = self.stories.bundle.full_article(i) else {
                continue;
            };
            let hit = article.lead.as_deref().is_some_and(|t| query.matches(t))
                || article
                    .body
                    .iter()
                    .any(|b| b.texts().any(|t| query.matches(t)));
            if hit && let Err(at) = self.stories.find.matches.binary_search(&i) {
                self.stories.find.matches.insert(at, i);
                found = true;
            }
        }
        self.stories.find.scanned = end;
        if found {
            self.refresh_list();
        }
    }

    /// `n` or `N`: the reader goes to the next (previous) line with a match.
    pub(super) fn jump_to_match(&mut self, way: Way) {
        let Some(query) = self.stories.find.query.clone() else {
            self.session.notice = Some(match self.key_named(Action::Search) {
                Some(key) => format!("No search to go through ({key} starts one)."),
                None => "No search to go through.".into(),
            });
            return;
        };
        let text = |doc: &crate::document::Document, line: usize| -> String {
            doc.line(line)
                .map(|l| l.spans.iter().map(|(t, _)| t.as_str()).collect())
                .unwrap_or_default()
        };
        if way == Way::Forward {
            let mut line = self.stories.reader.scroll + 1;
            loop {
                if line >= self.stories.reader.doc.line_count() {
                    if self.stories.reader.doc.is_complete() {
                        self.session.notice = Some("No more matches below.".into());
                        return;
                    }
                    self.stories.reader.doc.lay_out_to(line);
                    continue;
                }
                if query.matches(&text(&self.stories.reader.doc, line)) {
                    self.scroll_to(line);
                    return;
                }
                line += 1;
            }
        } else if let Some(line) = (0..self.stories.reader.scroll)
            .rev()
            .find(|&l| query.matches(&text(&self.stories.reader.doc, l)))
        {
            self.scroll_to(line);
        } else {
            self.session.notice = Some("No more matches above.".into());
        }
    }
}

/// Whether a query is words alone (searched for as the line types them).
fn is_words(expr: &crate::query::Expr) -> bool {
    use crate::query::Expr;
    match expr {
        Expr::Text(_) => true,
        Expr::All(all) => all.iter().all(|e| matches!(e, Expr::Text(_))),
        _ => false,
    }
}

/// Whether a line that cannot be read as a query was meant as one (rather than words with
/// a stray character in them): it has a field, a group, a phrase or a `-`.
fn looks_like_query(input: &str) -> bool {
    input.contains([':', '(', ')', '"'])
        || input.split_whitespace().any(|w| w.starts_with('-'))
        || input.split_whitespace().any(|w| w == "or" || w == "OR")
}

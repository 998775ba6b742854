//! The reader's state and the one function that changes it, [`App::update`].
//!
//! No I/O and no terminal here: the terminal loop and `--render` both feed actions in and draw
//! what is left. The App knows the terminal size because scrolling and paging depend on pane
//! heights; it takes the geometry from `layout`, the same the drawing code uses.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::bundle::{Article, Bundle};
use crate::document::{DocCache, Document};
use crate::keymap::Keymap;
use crate::layout::{self, Pane, Screen};
use crate::related::Related;
use crate::state::{Memory, ReadingPlace};

mod find;
mod links;
mod listen;
mod mouse;
mod reload;
pub use find::Find;
pub use links::{Effect, osc52};
pub use listen::Playing;

/// Bundles up to this many stories have their leads indexed for related stories too.
const LEADS_UP_TO: usize = 2_000;

/// Stories added to the related index per [`Action::Idle`] with nothing else to do: about a
/// millisecond's work.
const INDEX_STORIES: usize = 128;

/// Laid-out stories kept for quick return: enough for the back stack, a few neighbours and
/// every story laid out ahead (see [`App::lay_out_ahead`]), with room to spare.
const CACHE_STORIES: usize = 32;

/// Related stories laid out ahead of need: the ones the digit keys reach.
const AHEAD_RELATED: usize = 9;
/// Related lists worked out ahead and kept: one for each story [`App::ahead`] may lay out.
const AHEAD_COMPUTED: usize = 2 + AHEAD_RELATED;

/// A story whose span in the file is at least this long is read block by block as the
/// reader reaches it, rather than whole when it is opened.
const LAZY_FROM: usize = 64 * 1024;

/// Source bytes of a long story laid out per [`Action::Idle`]: about a millisecond's work, so
/// a key press is never kept waiting for long.
const IDLE_BYTES: usize = 16 * 1024;

/// A story left by following a related link, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub story: usize,
    /// The reader's first line, and the width it was laid out for.
    pub scroll: usize,
    pub width: usize,
    /// The part of the story that was at the top of the reader, for when the width changed.
    pub anchor: usize,
    pub related: usize,
}

#[derive(Debug)]
pub struct App {
    pub bundle: Bundle,
    /// Columns and rows of the frame.
    pub size: (u16, u16),
    pub focus: Pane,
    /// The story in the reader.
    pub current: usize,
    /// The headline list's cursor. Moving it sends a line or two to the terminal; the reader
    /// changes story only when one is opened (over SSH a preview that follows the cursor
    /// would resend the whole reader at every step).
    pub selected: usize,
    /// First headline shown in the list.
    pub list_offset: usize,
    /// First reader line shown.
    pub scroll: usize,
    /// Selected entry of the related panel.
    pub related: usize,
    /// First related entry shown.
    pub related_offset: usize,
    pub back: Vec<Visit>,
    /// One pane at a time on a wide terminal too (a full-width story scrolls in fewer bytes
    /// over a slow link).
    pub zoom: bool,
    /// A one-time message for the status bar (such as a locale that is not UTF-8), shown
    /// until the next key.
    pub notice: Option<String>,
    /// Scroll position of the help overlay, when it is open.
    pub help: Option<usize>,
    pub running: bool,
    /// The story in the reader, laid out at the reader's width (as far as the reader has got,
    /// for a long story; see [`App::busy`]).
    pub doc: Document,
    /// The story `doc` is of, to put it back in the cache when the reader moves on.
    doc_story: Option<usize>,
    cache: DocCache,
    /// What is remembered between sessions: stories read and starred, places in stories.
    pub memory: Memory,
    /// Counts changes to `memory`, for the terminal loop to save after each.
    memory_changes: u64,
    /// Which stories the headline list shows.
    pub filter: Filter,
    /// The stories the headline list shows, in bundle order (all of them, or those the
    /// filter keeps as it was when it was chosen).
    pub list: Vec<usize>,
    /// The stories the filter keeps (all of them without one), as it was chosen.
    filter_fixed: Vec<usize>,
    /// Stories not read, and stories starred (kept up to date: counting 100,000 stories per
    /// frame would cost milliseconds).
    counts: (usize, usize),
    /// The search typed at `/`.
    pub find: Find,
    /// What the terminal loop is asked to do (open a link, copy it); it takes them.
    pub effects: Vec<Effect>,
    /// The keys in force (the defaults, or the user's), for the help overlay and the loop.
    pub keymap: Keymap,
    /// The audio that plays, if any.
    pub playing: Option<Playing>,
    /// The index of every story's words, for stories without a `related` field: built a few
    /// stories per idle moment (see [`App::preparing`]), finished at once when one is shown
    /// before it is done.
    related_index: Option<Related>,
    related_builder: Option<crate::related::Builder>,
    /// Whether any story lacks a `related` field (else there is no index to build).
    needs_index: bool,
    /// Related stories worked out for the story in the reader: the story, the related ones,
    /// and for each the words they share.
    computed: Option<(usize, Vec<usize>, Vec<String>)>,
    /// Related stories worked out ahead of need, while no key was waiting, for the stories a
    /// key may open next (see [`App::related_ahead`]); at most [`AHEAD_COMPUTED`].
    computed_ahead: Vec<(usize, Vec<usize>, Vec<String>)>,
    /// Stories (and widths) that could not be read when laid out ahead: not tried again.
    unreadable: Vec<(usize, usize)>,
}

/// Which stories the headline list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Unread,
    Starred,
}

impl App {
    pub fn new(bundle: Bundle, cols: u16, rows: u16) -> Self {
        let mut app = App {
            bundle,
            size: (cols, rows),
            focus: Pane::Headlines,
            current: 0,
            selected: 0,
            list_offset: 0,
            scroll: 0,
            related: 0,
            related_offset: 0,
            back: Vec::new(),
            help: None,
            notice: None,
            zoom: false,
            running: true,
            doc: Document::default(),
            doc_story: None,
            cache: DocCache::new(CACHE_STORIES),
            memory: Memory::default(),
            memory_changes: 0,
            filter: Filter::All,
            list: Vec::new(),
            filter_fixed: Vec::new(),
            counts: (0, 0),
            find: Find::default(),
            effects: Vec::new(),
            keymap: Keymap::default(),
            playing: None,
            related_index: None,
            related_builder: None,
            needs_index: false,
            unreadable: Vec::new(),
            computed: None,
            computed_ahead: Vec::new(),
        };
        app.needs_index = app.bundle.articles.iter().any(|a| !a.related_given);
        app.list = (0..app.bundle.articles.len()).collect();
        app.filter_fixed = app.list.clone();
        app.counts = app.count();
        app.relayout(None);
        app.compute_related();
        app
    }

    /// The app with `memory` from an earlier session.
    pub fn with_memory(mut self, memory: Memory) -> Self {
        self.memory = memory;
        self.counts = self.count();
        if let Some(article) = self.bundle.articles.get(self.current)
            && let Some(place) = self.memory.places.get(&article.id).copied()
        {
            let line = self.doc.line_of(place.part) + place.line;
            self.scroll_to(line);
        }
        self
    }

    /// How many times the memory changed: the terminal loop saves when this moves.
    pub fn memory_changes(&self) -> u64 {
        self.memory_changes
    }

    /// Whether story `index` has been read.
    pub fn is_read(&self, index: usize) -> bool {
        self.bundle
            .articles
            .get(index)
            .is_some_and(|a| self.memory.read.contains(&a.id))
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.bundle
            .articles
            .get(index)
            .is_some_and(|a| self.memory.starred.contains(&a.id))
    }

    /// Stories not read yet, and stories starred.
    pub fn counts(&self) -> (usize, usize) {
        self.counts
    }

    fn count(&self) -> (usize, usize) {
        let read = self
            .bundle
            .articles
            .iter()
            .filter(|a| self.memory.read.contains(&a.id))
            .count();
        let starred = self
            .bundle
            .articles
            .iter()
            .filter(|a| self.memory.starred.contains(&a.id))
            .count();
        (self.bundle.articles.len() - read, starred)
    }

    /// Keeps the reader's place in the story it shows, for the next time it is opened (the
    /// terminal loop calls this before it saves at exit).
    pub fn remember_place(&mut self) {
        let Some(article) = self.bundle.articles.get(self.current) else {
            return;
        };
        if self.doc.width == 0 {
            return;
        }
        let (part, line, _) = self.doc.place_of(self.scroll);
        let place = (self.scroll > 0).then_some(ReadingPlace { part, line });
        let id = article.id.clone();
        let old = match place {
            Some(place) => self.memory.places.insert(id, place),
            None => self.memory.places.remove(&id),
        };
        if old != place {
            self.memory_changes += 1;
        }
    }

    /// The story in the reader, if the bundle has any.
    pub fn article(&self) -> Option<&Article> {
        self.bundle.articles.get(self.current)
    }

    /// Related stories of the story in the reader, as article indexes.
    pub fn related_list(&self) -> &[usize] {
        match (self.article(), &self.computed) {
            (Some(a), _) if a.related_given => &a.related,
            (Some(_), Some((story, list, _))) if *story == self.current => list,
            _ => &[],
        }
    }

    /// Why related story `n` of the reader's story is related, when the reader worked it out:
    /// the words they share.
    pub fn related_why(&self, n: usize) -> Option<&str> {
        match &self.computed {
            Some((story, _, why)) if *story == self.current => why.get(n).map(String::as_str),
            _ => None,
        }
    }

    /// Works out the related stories of the story in the reader, when its bundle gives none.
    fn compute_related(&mut self) {
        let Some(article) = self.bundle.articles.get(self.current) else {
            return;
        };
        if article.related_given || self.computed.as_ref().is_some_and(|c| c.0 == self.current) {
            return;
        }
        if let Some(at) = self.computed_ahead.iter().position(|c| c.0 == self.current) {
            self.computed = Some(self.computed_ahead.remove(at));
            return;
        }
        if self.related_index.is_none() {
            self.index_stories(usize::MAX);
        }
        if let Some((list, why)) = self.similar(self.current) {
            self.computed = Some((self.current, list, why));
        }
    }

    /// The related stories of `story` worked out from the words, and for each the words they
    /// share; `None` until the index is built.
    fn similar(&self, story: usize) -> Option<(Vec<usize>, Vec<String>)> {
        let index = self.related_index.as_ref()?;
        Some(
            index
                .similar(story)
                .into_iter()
                .map(|(story, terms)| (story, terms.join(" · ")))
                .unzip(),
        )
    }

    /// The next story whose related stories to work out before a key opens it, once the index
    /// is built: of the stories [`App::ahead`] lays out, one without a `related` field. On an
    /// archive of 100,000 stories that is most of a millisecond, which the key then saves.
    fn related_ahead(&self) -> Option<usize> {
        self.related_index.as_ref()?;
        self.next_stories().find(|&story| {
            self.bundle
                .articles
                .get(story)
                .is_some_and(|a| !a.related_given)
                && !self.computed_ahead.iter().any(|c| c.0 == story)
        })
    }

    /// Works out one story's related stories ahead of need (see [`App::related_ahead`]).
    fn compute_related_ahead(&mut self) {
        let Some(story) = self.related_ahead() else {
            return;
        };
        if let Some((list, why)) = self.similar(story) {
            if self.computed_ahead.len() >= AHEAD_COMPUTED {
                self.computed_ahead.remove(0);
            }
            self.computed_ahead.push((story, list, why));
        }
    }

    /// Adds up to `most` more stories to the related index, and finishes it after the last.
    fn index_stories(&mut self, most: usize) {
        if self.related_index.is_some() {
            return;
        }
        let bundle = &self.bundle;
        let builder = self.related_builder.get_or_insert_with(Default::default);
        // Title and lead; an archive's leads stay in the file (reading 100,000 of them would
        // take seconds), so there the titles alone. A lead is read without its story's body.
        let with_leads = bundle.articles.len() <= LEADS_UP_TO;
        let from = builder.len();
        let to = from.saturating_add(most).min(bundle.articles.len());
        for i in from..to {
            let lead = with_leads
                .then(|| bundle.open_article(i, 0).and_then(|(a, _)| a.lead.clone()))
                .flatten();
            let title = &bundle.articles[i].title;
            match lead {
                Some(lead) => builder.add(&format!("{title}. {lead}")),
                None => builder.add(title),
            }
        }
        if builder.len() >= bundle.articles.len()
            && let Some(builder) = self.related_builder.take()
        {
            self.related_index = Some(builder.finish());
        }
    }

    /// Whether there is work to do ahead of need while no key is waiting (the related index),
    /// which [`Action::Idle`] does a little at a time. Unlike [`App::busy`], nothing shown
    /// waits for it: `--render` leaves it.
    pub fn preparing(&self) -> bool {
        (self.needs_index && self.related_index.is_none())
            || self.ahead().is_some()
            || self.related_ahead().is_some()
    }

    /// The next story to lay out before a key asks for it, if any, of
    /// [`App::next_stories`]: fewer than the cache holds, so laying them all out ends.
    fn ahead(&self) -> Option<usize> {
        const _: () = assert!(2 + AHEAD_RELATED < CACHE_STORIES);
        let width = self.reader_width();
        if width == 0 || self.screen().too_small {
            return None;
        }
        self.next_stories().find(|&story| {
            story < self.bundle.articles.len()
                && !self.cache.has(story, width)
                && !self.unreadable.contains(&(story, width))
        })
    }

    /// The stories the next key may open, most likely first: the one under the headline
    /// cursor (Enter), the one `back` returns to, then the related ones (the digits); never
    /// the one in the reader.
    fn next_stories(&self) -> impl Iterator<Item = usize> + '_ {
        let back = self.back.last().map(|v| v.story);
        let related = self.related_list().iter().take(AHEAD_RELATED).copied();
        std::iter::once(self.selected)
            .chain(back)
            .chain(related)
            .filter(move |&story| story != self.current)
    }

    /// Lays out one story ahead of need (see [`App::ahead`]) into the cache, as far as the
    /// reader's first screen (a long story goes on when it is shown): a key that opens it then
    /// only draws. A fraction of a millisecond, done while no key is waiting.
    fn lay_out_ahead(&mut self) {
        let Some(story) = self.ahead() else {
            return;
        };
        let (width, height) = (self.reader_width(), self.reader_height());
        match self.bundle.open_article(story, LAZY_FROM) {
            Some((article, body)) => {
                let mut doc = Document::new(&article, body, width);
                // As far as showing it will: the screen at the place last left, if any.
                let line = self
                    .place(story)
                    .map_or(0, |place| doc.line_of(place.part) + place.line);
                doc.lay_out_to(line.saturating_add(height));
                self.cache.put(story, doc);
            }
            None => self.unreadable.push((story, width)),
        }
    }

    /// The frame's geometry for the current size and focus.
    pub fn screen(&self) -> Screen {
        let (cols, rows) = self.size;
        layout::screen(
            Rect::new(0, 0, cols, rows),
            self.focus,
            self.related_list().len(),
            self.zoom,
        )
    }

    /// Where `pane` is when it is on screen: on narrow terminals, where it would be if it
    /// were the one shown, so that paging and scroll limits do not change with focus.
    pub fn pane_rect(&self, pane: Pane) -> Option<Rect> {
        let (cols, rows) = self.size;
        let related = self.related_list().len();
        layout::screen(Rect::new(0, 0, cols, rows), pane, related, self.zoom).pane(pane)
    }

    /// Rows of text the reader shows at once (0 when the terminal is too small for it).
    pub fn reader_height(&self) -> usize {
        self.pane_rect(Pane::Reader).map_or(0, |r| {
            usize::from(layout::reader_text(r, !self.zoom).height)
        })
    }

    /// Width the reader wraps to.
    fn reader_width(&self) -> usize {
        self.pane_rect(Pane::Reader)
            .map_or(0, |r| usize::from(layout::reader_text(r, !self.zoom).width))
    }

    fn list_height(&self) -> usize {
        self.pane_rect(Pane::Headlines)
            .map_or(0, |r| usize::from(layout::inner(r, !self.zoom).height))
    }

    fn related_height(&self) -> usize {
        self.pane_rect(Pane::Related)
            .map_or(0, |r| usize::from(layout::inner(r, !self.zoom).height))
    }

    /// The last first line of the reader (an estimate while a long story is still being laid
    /// out; scrolling lays out the lines it reaches first, so it never stops short).
    pub fn max_scroll(&self) -> usize {
        self.doc.total().saturating_sub(self.reader_height())
    }

    /// Whether the story in the reader is still being laid out: the terminal loop sends
    /// [`Action::Idle`] while no key is waiting until it is not.
    pub fn busy(&self) -> bool {
        !self.doc.is_complete() || self.searching()
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Idle | Action::Resize(..)) {
            self.notice = None;
        }
        if let Some(scroll) = self.help {
            self.update_help(scroll, action);
            return;
        }
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-self.page()),
            Action::PageDown => self.step(self.page()),
            Action::HalfPageUp => self.step(-(self.page() / 2).max(1)),
            Action::HalfPageDown => self.step((self.page() / 2).max(1)),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => self.open(),
            Action::OpenRelated(n) => self.follow(usize::from(n).saturating_sub(1)),
            Action::Back => self.go_back(),
            Action::FocusNext => self.cycle_focus(Pane::next),
            Action::FocusPrev => self.cycle_focus(Pane::prev),
            Action::Help => self.help = Some(0),
            // Esc clears a search before it quits.
            Action::Dismiss if self.find.active() => self.cancel(),
            Action::Close | Action::Dismiss | Action::Quit => self.running = false,
            // The terminal loop suspends; nothing of the reader changes.
            Action::Suspend => {}
            Action::Resize(cols, rows) => self.resize(cols, rows),
            Action::Idle => {
                if self.busy() {
                    self.doc.work(IDLE_BYTES);
                    self.search_step();
                } else if self.ahead().is_some() {
                    self.lay_out_ahead();
                } else if self.related_ahead().is_some() {
                    self.compute_related_ahead();
                } else {
                    self.index_stories(INDEX_STORIES);
                }
            }
            Action::Search => self.start_search(),
            Action::Type(c) => self.type_char(c),
            Action::Erase => self.erase(),
            Action::Accept => self.accept(),
            Action::Cancel => self.cancel(),
            Action::NextMatch => self.jump_to_match(true),
            Action::Click(col, row) => {
                self.click(col, row);
            }
            Action::Activate(col, row) => {
                if self.click(col, row) {
                    self.open();
                }
            }
            Action::Wheel(col, row, down) => self.wheel(col, row, down),
            Action::OpenLink => self.open_link(),
            Action::ToggleAudio => self.toggle_audio(),
            Action::Reload => self.ask_reload(),
            Action::CopyLink => self.copy_link(),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Zoom => {
                self.zoom = !self.zoom;
                self.reflow();
            }
            Action::ToggleRead => self.toggle(true),
            Action::ToggleStar => self.toggle(false),
            Action::UnreadOnly => self.set_filter(Filter::Unread),
            Action::StarredOnly => self.set_filter(Filter::Starred),
        }
        // A story is read once it is in the reader with the reader focused.
        if self.focus == Pane::Reader
            && let Some(article) = self.bundle.articles.get(self.current)
            && !self.memory.read.contains(&article.id)
        {
            self.memory.read.insert(article.id.clone());
            self.memory_changes += 1;
            self.counts.0 -= 1;
        }
        self.keep_in_view();
    }

    /// Turns the story under the cursor (in the list) or in the reader (elsewhere) in or out
    /// of a set of the memory.
    fn toggle(&mut self, read: bool) {
        let story = if self.focus == Pane::Headlines {
            self.selected
        } else {
            self.current
        };
        let Some(article) = self.bundle.articles.get(story) else {
            return;
        };
        let id = article.id.clone();
        let (set, count) = if read {
            (&mut self.memory.read, &mut self.counts.0)
        } else {
            (&mut self.memory.starred, &mut self.counts.1)
        };
        // Read stories lower the unread count; starred ones raise the starred count.
        let added = !set.remove(&id);
        if added {
            set.insert(id);
        }
        if added == read {
            *count = count.saturating_sub(1);
        } else {
            *count += 1;
        }
        self.memory_changes += 1;
    }

    /// Shows only unread (or starred) stories, or all again when that filter is already on.
    /// The list is fixed when the filter is chosen: marking a story read does not pull it
    /// from under the cursor.
    fn set_filter(&mut self, filter: Filter) {
        self.filter = if self.filter == filter {
            Filter::All
        } else {
            filter
        };
        self.filter_fixed = (0..self.bundle.articles.len())
            .filter(|&i| match self.filter {
                Filter::All => true,
                Filter::Unread => !self.is_read(i),
                Filter::Starred => self.is_starred(i),
            })
            .collect();
        self.refresh_list();
        self.list_offset = 0;
    }

    /// The list from the filter and the search: what both keep.
    fn refresh_list(&mut self) {
        self.list = if self.find.active() {
            let matches = &self.find.matches;
            match self.filter {
                Filter::All => matches.clone(),
                _ => matches
                    .iter()
                    .copied()
                    .filter(|i| self.filter_fixed.binary_search(i).is_ok())
                    .collect(),
            }
        } else {
            self.filter_fixed.clone()
        };
        // The cursor stays on its story, or goes to the nearest one the list shows.
        let at = self.list.partition_point(|&i| i < self.selected);
        if let Some(&story) = self.list.get(at).or(self.list.last()) {
            self.selected = story;
        }
    }

    /// Where the cursor is in the list (the nearest entry when its story is not listed).
    fn list_position(&self) -> usize {
        self.list
            .partition_point(|&i| i < self.selected)
            .min(self.list.len().saturating_sub(1))
    }

    fn update_help(&mut self, scroll: usize, action: Action) {
        let scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(self.help_height()),
            Action::PageDown | Action::HalfPageDown => scroll + self.help_height(),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::Help | Action::Close | Action::Dismiss => {
                self.help = None;
                return;
            }
            Action::Quit => {
                self.running = false;
                return;
            }
            Action::Resize(cols, rows) => {
                self.resize(cols, rows);
                self.keep_in_view();
                scroll
            }
            _ => scroll,
        };
        // Clamped after the action: a resize changes how much fits.
        self.help = Some(scroll.min(help_lines(&self.keymap).saturating_sub(self.help_height())));
    }

    /// Rows of the help overlay's text at the current size.
    pub fn help_height(&self) -> usize {
        usize::from(
            help_area(self.size.0, self.size.1, help_lines(&self.keymap))
                .height
                .saturating_sub(2),
        )
    }

    /// Lines the focused pane moves by for a page.
    fn page(&self) -> isize {
        let rows = match self.focus {
            Pane::Headlines => self.list_height(),
            Pane::Reader => self.reader_height(),
            Pane::Related => self.related_height(),
        };
        // Keep one line of context when paging the reader, as less and newsboat do.
        let rows = if self.focus == Pane::Reader {
            rows.saturating_sub(1)
        } else {
            rows
        };
        isize::try_from(rows.max(1)).unwrap_or(1)
    }

    fn step(&mut self, by: isize) {
        match self.focus {
            Pane::Headlines => {
                let last = self.list.len().saturating_sub(1);
                let to = self.list_position().saturating_add_signed(by).min(last);
                if let Some(&story) = self.list.get(to) {
                    self.selected = story;
                }
            }
            Pane::Reader => {
                let to = self.scroll.saturating_add_signed(by);
                // Lay out what the move reaches first: then the limit is exact there.
                self.doc.lay_out_to(to.saturating_add(self.reader_height()));
                self.scroll = to.min(self.max_scroll());
            }
            Pane::Related => {
                let last = self.related_list().len().saturating_sub(1);
                self.related = self.related.saturating_add_signed(by).min(last);
            }
        }
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Headlines if !self.bundle.articles.is_empty() => {
                if self.selected != self.current {
                    self.show(self.selected);
                }
                self.focus = Pane::Reader;
            }
            Pane::Related => self.follow(self.related),
            _ => {}
        }
    }

    /// Opens related story `index` of the story in the reader, remembering where we were.
    fn follow(&mut self, index: usize) {
        let Some(&story) = self.related_list().get(index) else {
            return;
        };
        self.back.push(Visit {
            story: self.current,
            scroll: self.scroll,
            width: self.doc.width,
            anchor: self.doc.anchor_of(self.scroll),
            related: self.related,
        });
        self.show(story);
        self.focus = Pane::Reader;
    }

    fn go_back(&mut self) {
        let Some(visit) = self.back.pop() else {
            return;
        };
        self.show(visit.story);
        let scroll = if self.doc.width == visit.width {
            visit.scroll
        } else {
            self.doc.line_of(visit.anchor)
        };
        self.scroll = scroll.min(self.max_scroll());
        self.related = visit
            .related
            .min(self.related_list().len().saturating_sub(1));
    }

    /// Puts `story` in the reader, at its top, and selects its headline.
    fn show(&mut self, story: usize) {
        self.remember_place();
        self.current = story;
        self.selected = story;
        self.scroll = 0;
        self.related = 0;
        self.related_offset = 0;
        self.relayout(None);
        self.compute_related();
        if let Some(place) = self.place(story) {
            let line = self.doc.line_of(place.part) + place.line;
            self.scroll_to(line);
        }
    }

    /// Where the reader left `story` last time, this session or an earlier one.
    fn place(&self, story: usize) -> Option<ReadingPlace> {
        let article = self.bundle.articles.get(story)?;
        self.memory.places.get(&article.id).copied()
    }

    /// Puts the reader's first line at `line`, as far as the story allows.
    fn scroll_to(&mut self, line: usize) {
        self.doc
            .lay_out_to(line.saturating_add(self.reader_height()));
        self.scroll = line.min(self.max_scroll());
    }

    /// Moves the focus with `step` to the next pane that is on screen (a wide terminal too
    /// short for the related panel leaves it out).
    fn cycle_focus(&mut self, step: fn(Pane) -> Pane) {
        let mut pane = step(self.focus);
        while pane != self.focus && self.pane_rect(pane).is_none() {
            pane = step(pane);
        }
        self.focus = pane;
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        if (cols, rows) == self.size {
            return;
        }
        self.size = (cols, rows);
        self.reflow();
    }

    /// Follows a change of the panes' geometry: keeps the focus on a pane that is shown and
    /// the reader on the same part of the story.
    fn reflow(&mut self) {
        if self.screen().too_small {
            // Nothing of the story shows: keep its layout and place for when there is room.
            return;
        }
        if self.pane_rect(self.focus).is_none() {
            self.cycle_focus(Pane::next);
        }
        if self.reader_width() == self.doc.width {
            self.scroll = self.scroll.min(self.max_scroll());
            return;
        }
        let place = self.doc.place_of(self.scroll);
        let at_top = self.scroll == 0;
        self.relayout(None);
        if !at_top {
            self.scroll = self.doc.line_at(place).min(self.max_scroll());
        }
    }

    /// Lays out the current story for the reader's width, or takes its layout from the
    /// cache, putting the one it replaces there.
    fn relayout(&mut self, anchor: Option<usize>) {
        let width = self.reader_width();
        let old = std::mem::take(&mut self.doc);
        if let Some(story) = self.doc_story.take()
            && old.width > 0
        {
            self.cache.put(story, old);
        }
        let (bundle, current) = (&self.bundle, self.current);
        if width > 0 && current < bundle.articles.len() {
            // The body is read (from its span, for a large bundle) only on a cache miss.
            self.doc = self.cache.take(current, width).unwrap_or_else(|| {
                bundle
                    .open_article(current, LAZY_FROM)
                    .map(|(article, body)| Document::new(&article, body, width))
                    .unwrap_or_default()
            });
            self.doc_story = Some(current);
        }
        if let Some(anchor) = anchor {
            self.scroll = self.doc.line_of(anchor);
        }
        self.doc
            .lay_out_to(self.scroll.saturating_add(self.reader_height()));
        self.scroll = self.scroll.min(self.max_scroll());
    }

    /// Scrolls the headline and related lists so that their selections are visible.
    fn keep_in_view(&mut self) {
        // Whatever moved, the reader's lines on screen are laid out (drawing only reads).
        self.doc
            .lay_out_to(self.scroll.saturating_add(self.reader_height()));
        let (stories, related) = (self.list.len(), self.related_list().len());
        self.list_offset = visible_offset(
            self.list_offset,
            self.list_position(),
            self.list_height(),
            stories,
        );
        self.related_offset = visible_offset(
            self.related_offset,
            self.related,
            self.related_height(),
            related,
        );
    }
}

/// The smallest change to `offset` that shows `selected` in a window of `height` rows over
/// `total` rows, without leaving rows empty at the end that earlier entries could fill.
fn visible_offset(offset: usize, selected: usize, height: usize, total: usize) -> usize {
    let offset = if height == 0 || selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(total.saturating_sub(height))
}

/// Lines of the help overlay's text.
pub fn help_lines(keymap: &Keymap) -> usize {
    keymap.shown().count()
}

/// Where the help overlay goes on a `cols` x `rows` screen for `lines` of keys: centered, at
/// most 60 columns, leaving the title and status bars visible when there is room.
pub fn help_area(cols: u16, rows: u16, lines: usize) -> Rect {
    let width = cols.saturating_sub(4).min(60);
    let wanted = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    let height = rows.saturating_sub(2).min(wanted);
    Rect::new((cols - width) / 2, (rows - height) / 2, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::sample;

    fn app(cols: u16, rows: u16) -> App {
        App::new(sample().unwrap(), cols, rows)
    }

    fn run(app: &mut App, actions: &[Action]) {
        for &a in actions {
            app.update(a);
        }
    }

    #[test]
    fn starts_on_the_first_story_with_headlines_focused() {
        let app = app(120, 40);
        assert_eq!(app.current, 0);
        assert_eq!(app.focus, Pane::Headlines);
        assert!(app.doc.lines().len() > 40);
        assert!(app.running);
    }

    #[test]
    fn focus_cycles_both_ways() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::FocusNext]);
        assert_eq!(app.focus, Pane::Reader);
        run(&mut app, &[Action::FocusNext]);
        assert_eq!(app.focus, Pane::Related);
        run(&mut app, &[Action::FocusNext]);
        assert_eq!(app.focus, Pane::Headlines);
        run(&mut app, &[Action::FocusPrev]);
        assert_eq!(app.focus, Pane::Related);
    }

    #[test]
    fn the_cursor_moves_and_enter_opens_its_story() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::Down, Action::Down]);
        assert_eq!((app.selected, app.current), (2, 0), "the reader stays");
        run(&mut app, &[Action::Open]);
        assert_eq!((app.selected, app.current), (2, 2));
        assert_eq!(app.focus, Pane::Reader);
        let first_line = &app.doc.lines()[0].spans[0].0;
        assert!(
            app.bundle.articles[2]
                .title
                .starts_with(first_line.as_str())
        );
        run(&mut app, &[Action::FocusPrev, Action::Bottom]);
        assert_eq!(app.selected, app.bundle.articles.len() - 1);
        run(&mut app, &[Action::Down]);
        assert_eq!(app.selected, app.bundle.articles.len() - 1);
        run(&mut app, &[Action::Top, Action::Up]);
        assert_eq!((app.selected, app.current), (0, 2));
    }

    #[test]
    fn following_a_related_story_moves_the_cursor_to_it() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::OpenRelated(2)]);
        assert_eq!(app.selected, app.current);
        assert_ne!(app.current, 0);
        run(&mut app, &[Action::Back]);
        assert_eq!((app.selected, app.current), (0, 0));
    }

    #[test]
    fn reader_scroll_is_clamped() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::Open]);
        assert_eq!(app.focus, Pane::Reader);
        run(&mut app, &[Action::Up]);
        assert_eq!(app.scroll, 0);
        run(&mut app, &[Action::Bottom]);
        assert_eq!(app.scroll, app.max_scroll());
        assert!(app.scroll > 0);
        run(&mut app, &[Action::Down, Action::PageDown]);
        assert_eq!(app.scroll, app.max_scroll());
        run(&mut app, &[Action::PageUp]);
        assert_eq!(app.scroll, app.max_scroll() - (app.reader_height() - 1));
    }

    #[test]
    fn following_related_pushes_and_back_restores() {
        let mut app = app(120, 40);
        run(
            &mut app,
            &[Action::Open, Action::Down, Action::Down, Action::Down],
        );
        let scroll = app.scroll;
        run(&mut app, &[Action::OpenRelated(3)]);
        assert_eq!(app.current, app.bundle.articles[0].related[2]);
        assert_eq!(app.scroll, 0);
        assert_eq!(app.back.len(), 1);
        // Its related stories are worked out from its words; following one goes deeper.
        let has_related = !app.related_list().is_empty();
        run(&mut app, &[Action::FocusNext, Action::Open]);
        assert_eq!(app.back.len(), 1 + usize::from(has_related));
        while !app.back.is_empty() {
            run(&mut app, &[Action::Back]);
        }
        assert_eq!(app.current, 0);
        assert!(
            app.scroll <= scroll && app.scroll + 3 > scroll,
            "{} vs {scroll}",
            app.scroll
        );
        run(&mut app, &[Action::Back]);
        assert_eq!(app.current, 0);
    }

    #[test]
    fn related_panel_opens_its_selection() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::FocusPrev, Action::Down, Action::Open]);
        assert_eq!(app.current, app.bundle.articles[0].related[1]);
        assert_eq!(app.focus, Pane::Reader);
        run(&mut app, &[Action::OpenRelated(9)]);
        assert_eq!(app.back.len(), 1, "no ninth related story");
    }

    #[test]
    fn help_captures_movement_and_closes() {
        let mut app = app(80, 12);
        run(&mut app, &[Action::Help, Action::Down, Action::Down]);
        assert_eq!(app.help, Some(2));
        assert_eq!(app.current, 0);
        run(&mut app, &[Action::Bottom]);
        assert_eq!(app.help, Some(help_lines(&app.keymap) - app.help_height()));
        run(&mut app, &[Action::Close]);
        assert_eq!(app.help, None);
        assert!(app.running);
        run(&mut app, &[Action::Close]);
        assert!(!app.running);
    }

    #[test]
    fn resize_keeps_the_same_part_of_the_story() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::Open]);
        for _ in 0..30 {
            app.update(Action::Down);
        }
        let anchor = app.doc.anchor_of(app.scroll);
        run(&mut app, &[Action::Resize(80, 24)]);
        assert_eq!(app.doc.anchor_of(app.scroll), anchor);
        let width = app.doc.width;
        run(&mut app, &[Action::Resize(60, 20)]);
        assert_ne!(app.doc.width, width, "the story was reflowed");
        assert_eq!(app.doc.anchor_of(app.scroll), anchor);
    }

    #[test]
    fn a_resize_that_keeps_the_width_keeps_the_exact_line() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::Open]);
        for _ in 0..30 {
            app.update(Action::Down);
        }
        run(
            &mut app,
            &[Action::Resize(120, 39), Action::Resize(120, 41)],
        );
        assert_eq!(app.scroll, 30);
    }

    #[test]
    fn a_reflow_keeps_the_place_inside_a_paragraph() {
        let mut app = app(120, 40);
        run(&mut app, &[Action::Open]);
        for _ in 0..30 {
            app.update(Action::Down);
        }
        let (anchor, offset, len) = app.doc.place_of(app.scroll);
        assert!(offset > 0, "the test starts inside a paragraph");
        run(&mut app, &[Action::Resize(60, 40)]);
        let (anchor_after, offset_after, len_after) = app.doc.place_of(app.scroll);
        assert_eq!(anchor_after, anchor);
        assert!(
            len_after > len && offset_after >= offset,
            "{offset}/{len} -> {offset_after}/{len_after}"
        );
    }

    #[test]
    fn a_tiny_terminal_keeps_the_layout_and_place() {
        let mut app = app(120, 40);
        run(
            &mut app,
            &[Action::Open, Action::Down, Action::Down, Action::Down],
        );
        let (width, scroll) = (app.doc.width, app.scroll);
        run(&mut app, &[Action::Resize(10, 3)]);
        assert_eq!(app.doc.width, width, "no layout at width 1");
        run(&mut app, &[Action::Resize(120, 40)]);
        assert_eq!(app.scroll, scroll);
    }

    #[test]
    fn help_scroll_is_clamped_after_a_resize() {
        let mut app = app(80, 12);
        run(
            &mut app,
            &[Action::Help, Action::Bottom, Action::Resize(80, 40)],
        );
        assert_eq!(app.help, Some(0));
    }

    #[test]
    fn focus_skips_a_related_panel_that_has_no_room() {
        let mut app = app(120, 7);
        assert!(app.pane_rect(Pane::Related).is_none());
        run(&mut app, &[Action::FocusNext, Action::FocusNext]);
        assert_eq!(app.focus, Pane::Headlines);
        run(&mut app, &[Action::FocusPrev]);
        assert_eq!(app.focus, Pane::Reader);
    }

    #[test]
    fn tiny_sizes_do_not_break_anything() {
        for (w, h) in [(0, 0), (1, 1), (5, 3), (19, 5), (20, 6)] {
            let mut app = app(w, h);
            run(
                &mut app,
                &[
                    Action::Down,
                    Action::PageDown,
                    Action::FocusNext,
                    Action::Bottom,
                    Action::Open,
                    Action::Help,
                    Action::Down,
                ],
            );
        }
    }

    #[test]
    fn growing_the_terminal_shows_the_whole_list_again() {
        let mut app = app(120, 40);
        run(
            &mut app,
            &[
                Action::Down,
                Action::Down,
                Action::Resize(15, 4),
                Action::Resize(120, 40),
            ],
        );
        assert_eq!(app.list_offset, 0);
    }

    /// Does the work ahead of need until there is none left, as the terminal does while no key
    /// is waiting; it must end.
    fn idle_ahead(app: &mut App) {
        for _ in 0..10_000 {
            if !app.busy() && !app.preparing() {
                return;
            }
            app.update(Action::Idle);
        }
        panic!("the work ahead of need never ends");
    }

    #[test]
    fn the_story_under_the_cursor_and_the_related_ones_are_laid_out_ahead() {
        let theme = crate::ui::Theme::COLOR;
        let mut app = app(120, 40);
        let width = app.reader_width();
        // The first story is in the reader: its related stories are laid out ahead.
        idle_ahead(&mut app);
        assert!(app.related_list().len() > 2);
        for &story in app.related_list() {
            assert!(app.cache.has(story, width), "{story}");
        }
        // So is the story under the cursor, and opening it takes its layout from the cache:
        // the same frame as laying it out then.
        run(&mut app, &[Action::Down]);
        idle_ahead(&mut app);
        let selected = app.selected;
        assert!(app.cache.has(selected, width));
        let mut fresh = self::app(120, 40);
        run(&mut fresh, &[Action::Down, Action::Open]);
        run(&mut app, &[Action::Open]);
        assert_eq!(app.doc_story, Some(selected));
        assert!(!app.cache.has(selected, width));
        assert_eq!(
            crate::headless::draw(&app, &theme),
            crate::headless::draw(&fresh, &theme)
        );
        // After following a related story, the one `back` returns to is kept.
        let mut app = self::app(120, 40);
        run(&mut app, &[Action::OpenRelated(1)]);
        assert_ne!(app.current, 0);
        idle_ahead(&mut app);
        assert!(app.cache.has(0, width));
    }

    #[test]
    fn work_ahead_changes_no_frame() {
        let keys = [
            Action::Down,
            Action::Down,
            Action::Open,
            Action::PageDown,
            Action::OpenRelated(1),
            Action::OpenRelated(2),
            Action::Back,
            Action::Resize(90, 30),
            Action::Back,
            Action::FocusNext,
            Action::Down,
            Action::Open,
            Action::Resize(200, 60),
            Action::Bottom,
            Action::Up,
            Action::Open,
        ];
        let theme = crate::ui::Theme::COLOR;
        let (mut ahead, mut plain) = (app(120, 40), app(120, 40));
        for action in keys {
            idle_ahead(&mut ahead);
            ahead.update(action);
            plain.update(action);
            assert_eq!(
                crate::headless::draw(&ahead, &theme),
                crate::headless::draw(&plain, &theme),
                "after {action:?}"
            );
        }
    }

    #[test]
    fn nothing_is_laid_out_ahead_where_no_story_shows() {
        let mut app = app(19, 5);
        run(&mut app, &[Action::Down]);
        assert_eq!(app.ahead(), None);
    }

    #[test]
    fn reading_a_thousand_stories_keeps_a_bounded_cache() {
        let articles: Vec<String> = (0..1000)
            .map(|i| format!(r#"{{"id": "s{i}", "title": "T{i}", "body": [{{"type": "paragraph", "text": "x {i}"}}]}}"#))
            .collect();
        let json = format!(
            r#"{{"newsterm": 1, "title": "B", "articles": [{}]}}"#,
            articles.join(",")
        );
        let bundle = crate::bundle::load("b.json", json.as_bytes()).unwrap();
        let mut app = App::new(bundle, 120, 40);
        for _ in 0..1000 {
            app.update(Action::Down);
            app.update(Action::Open);
            app.update(Action::FocusPrev);
        }
        assert_eq!(app.current, 999);
        assert!(
            app.cache.len() <= CACHE_STORIES,
            "{} layouts kept",
            app.cache.len()
        );
    }

    #[test]
    fn empty_bundle_is_safe() {
        let mut app = App::new(Bundle::default(), 80, 24);
        run(
            &mut app,
            &[
                Action::Down,
                Action::Open,
                Action::OpenRelated(1),
                Action::Back,
                Action::FocusNext,
                Action::Bottom,
            ],
        );
        assert!(app.article().is_none());
    }

    #[test]
    fn offsets_follow_the_selection() {
        assert_eq!(visible_offset(0, 5, 3, 10), 3);
        assert_eq!(visible_offset(4, 2, 3, 10), 2);
        assert_eq!(visible_offset(2, 3, 3, 10), 2);
        assert_eq!(visible_offset(7, 3, 0, 10), 3);
        assert_eq!(
            visible_offset(5, 6, 20, 8),
            0,
            "a window taller than the list starts at 0"
        );
        assert_eq!(visible_offset(7, 9, 3, 10), 7);
    }
}

/// A story long enough to be read and laid out block by block.
#[cfg(test)]
mod long_story {
    use super::*;
    use crate::bundle::load;
    use crate::document::build;

    fn bundle() -> Bundle {
        let body: Vec<_> = (0..3000)
            .map(|i| {
                let kind = ["paragraph", "quote", "heading"][i % 3];
                serde_json::json!({"type": kind, "text": format!("Đoạn {i}: Hà Nội mùa thu, phố cũ và những con đường rợp bóng cây {}", "ừ ".repeat(i % 40))})
            })
            .collect();
        let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": [
            {"id": "short", "title": "Ngắn", "body": [{"type": "paragraph", "text": "Một"}]},
            {"id": "long", "title": "Dài", "lead": "Mở đầu", "url": "https://example.org/", "body": body, "related": ["short"]},
        ]});
        load("long.json", json.to_string().as_bytes()).unwrap()
    }

    /// The long story laid out whole, as the reader must show it.
    fn whole(app: &App) -> Document {
        build(&app.bundle.full_article(1).unwrap(), app.doc.width)
    }

    #[track_caller]
    fn assert_shows_the_same(app: &App, whole: &Document) {
        let height = app.reader_height();
        let end = (app.scroll + height).min(whole.lines().len());
        assert!(app.doc.lines().len() >= end, "drawn lines are laid out");
        assert_eq!(
            &app.doc.lines()[app.scroll..end],
            &whole.lines()[app.scroll..end]
        );
    }

    #[test]
    fn opens_at_once_and_scrolls_like_the_whole_layout() {
        let mut app = App::new(bundle(), 120, 40);
        run_all(&mut app, &[Action::Down, Action::Open]);
        assert!(app.busy(), "a long story is laid out as it is reached");
        assert!(app.doc.lines().len() < 200);
        let whole = whole(&app);
        assert!(whole.lines().len() > 3000);
        for _ in 0..20 {
            app.update(Action::PageDown);
            assert_shows_the_same(&app, &whole);
        }
        app.update(Action::Bottom);
        assert!(!app.busy());
        assert_eq!(app.scroll, whole.lines().len() - app.reader_height());
        assert_shows_the_same(&app, &whole);
        app.update(Action::Top);
        assert_shows_the_same(&app, &whole);
    }

    #[test]
    fn idle_work_finishes_the_layout_without_moving_the_reader() {
        let mut app = App::new(bundle(), 120, 40);
        run_all(&mut app, &[Action::Down, Action::Open, Action::PageDown]);
        let (scroll, estimate) = (app.scroll, app.doc.total());
        let mut idles = 0;
        while app.busy() {
            app.update(Action::Idle);
            idles += 1;
            assert_eq!(app.scroll, scroll);
        }
        assert!(idles > 10, "done in small steps ({idles})");
        let whole = whole(&app);
        assert_eq!(app.doc.lines(), whole.lines());
        // The estimate was in the right region.
        let exact = whole.lines().len();
        assert!(
            estimate > exact / 2 && estimate < exact * 2,
            "{estimate} vs {exact}"
        );
    }

    #[test]
    fn resizing_and_coming_back_keep_the_place() {
        let mut app = App::new(bundle(), 120, 40);
        run_all(&mut app, &[Action::Down, Action::Open]);
        for _ in 0..30 {
            app.update(Action::PageDown);
        }
        let anchor = app.doc.anchor_of(app.scroll);
        app.update(Action::Resize(70, 30));
        assert!(app.busy());
        assert_eq!(app.doc.anchor_of(app.scroll), anchor);
        assert_shows_the_same(&app, &whole(&app));
        app.update(Action::Resize(120, 40));
        let scroll = app.scroll;
        run_all(&mut app, &[Action::FocusNext, Action::Open, Action::Back]);
        assert_eq!(app.current, 1);
        assert_eq!(app.scroll, scroll);
        assert_shows_the_same(&app, &whole(&app));
    }

    fn run_all(app: &mut App, actions: &[Action]) {
        for &a in actions {
            app.update(a);
        }
    }
}

#[cfg(test)]
mod zoom {
    use super::*;
    use crate::bundle::sample;

    #[test]
    fn zoom_shows_one_pane_full_width_and_keeps_the_place() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        for a in [Action::Open, Action::Down, Action::Down, Action::Down] {
            app.update(a);
        }
        let anchor = app.doc.anchor_of(app.scroll);
        let three_panes = app.doc.width;
        app.update(Action::Zoom);
        assert!(app.screen().single);
        assert_eq!(app.screen().reader.map(|r| r.width), Some(120));
        assert!(app.doc.width > three_panes);
        assert_eq!(app.doc.anchor_of(app.scroll), anchor);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Pane::Related, "Tab still moves between panes");
        app.update(Action::Zoom);
        assert!(!app.screen().single);
        assert_eq!(app.doc.width, three_panes);
    }
}

/// Read state, stars, filters and places.
#[cfg(test)]
mod memory {
    use super::*;
    use crate::bundle::sample;

    fn app() -> App {
        App::new(sample().unwrap(), 120, 40)
    }

    fn run(app: &mut App, actions: &[Action]) {
        for &a in actions {
            app.update(a);
        }
    }

    #[test]
    fn opening_a_story_reads_it_and_m_toggles() {
        let mut app = app();
        assert_eq!(app.counts(), (8, 0));
        assert!(!app.is_read(0), "shown is not read until opened");
        let changes = app.memory_changes();
        run(&mut app, &[Action::Open]);
        assert!(app.is_read(0));
        assert_eq!(app.counts(), (7, 0));
        assert!(app.memory_changes() > changes);
        run(
            &mut app,
            &[Action::FocusPrev, Action::Down, Action::ToggleRead],
        );
        assert!(app.is_read(1), "m marks the story under the cursor");
        run(&mut app, &[Action::ToggleRead]);
        assert!(!app.is_read(1));
        assert_eq!(app.counts(), (7, 0));
    }

    #[test]
    fn stars_and_filters() {
        let mut app = app();
        run(
            &mut app,
            &[
                Action::Down,
                Action::ToggleStar,
                Action::Down,
                Action::ToggleStar,
            ],
        );
        assert_eq!(app.counts().1, 2);
        run(&mut app, &[Action::StarredOnly]);
        assert_eq!(app.list, [1, 2]);
        assert_eq!(app.selected, 2);
        run(&mut app, &[Action::Up, Action::Up]);
        assert_eq!(app.selected, 1, "the cursor moves within the list");
        run(&mut app, &[Action::StarredOnly]);
        assert_eq!(app.list.len(), 8, "S again shows all");
        run(
            &mut app,
            &[Action::Open, Action::FocusPrev, Action::UnreadOnly],
        );
        assert!(!app.list.contains(&1), "read stories are left out");
        assert_eq!(app.list.len(), 7);
        // Marking read inside the unread list does not pull the story from the list.
        run(&mut app, &[Action::Top, Action::ToggleRead]);
        assert_eq!(app.list.len(), 7);
    }

    #[test]
    fn a_story_reopens_where_the_reader_left_it() {
        let mut app = app();
        run(&mut app, &[Action::Open]);
        for _ in 0..25 {
            app.update(Action::Down);
        }
        let (scroll, anchor) = (app.scroll, app.doc.anchor_of(app.scroll));
        run(&mut app, &[Action::FocusPrev, Action::Down, Action::Open]);
        assert_eq!(app.scroll, 0);
        run(&mut app, &[Action::FocusPrev, Action::Up, Action::Open]);
        assert_eq!(app.scroll, scroll, "this session");
        // And in the next session, at another width.
        app.remember_place();
        let memory = app.memory.clone();
        let mut next = App::new(sample().unwrap(), 90, 30).with_memory(memory);
        run(&mut next, &[Action::Open]);
        assert_eq!(next.doc.anchor_of(next.scroll), anchor);
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;
    use crate::bundle::sample;

    fn typed(app: &mut App, text: &str) {
        app.update(Action::Search);
        for c in text.chars() {
            app.update(Action::Type(c));
        }
        while app.busy() {
            app.update(Action::Idle);
        }
    }

    #[test]
    fn typing_filters_the_list_by_title_lead_and_body() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        typed(&mut app, "tp hcm");
        let titles: Vec<String> = app
            .list
            .iter()
            .map(|&i| app.bundle.articles[i].title.clone())
            .collect();
        assert!(titles.len() >= 2, "{titles:?}");
        assert!(titles.iter().all(|t| t.contains("TP HCM")), "{titles:?}");
        for _ in 0..5 {
            app.update(Action::Erase);
        }
        assert_eq!(app.find.input, "t");
        while app.busy() {
            app.update(Action::Idle);
        }
        assert!(app.list.len() > titles.len(), "a shorter query finds more");
        // Body text counts: only story 0 has one, and it names the minister.
        app.update(Action::Cancel);
        assert_eq!(app.list.len(), 8, "Esc clears");
        typed(&mut app, "dang quoc khanh");
        assert_eq!(app.list, [0]);
        app.update(Action::Accept);
        assert!(
            !app.find.editing && app.find.active(),
            "Enter keeps the filter"
        );
        assert_eq!(app.focus, Pane::Headlines);
    }

    #[test]
    fn accents_in_the_query_must_match() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        typed(&mut app, "Hàn Quốc");
        assert!(app.list.contains(&0));
        app.update(Action::Cancel);
        typed(&mut app, "Hán Quốc");
        assert!(app.list.is_empty(), "{:?}", app.list);
    }

    #[test]
    fn n_and_shift_n_go_from_match_to_match_in_the_story() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        typed(&mut app, "han whajin");
        app.update(Action::Accept);
        app.update(Action::Open);
        let mut seen = Vec::new();
        for _ in 0..5 {
            app.update(Action::NextMatch);
            seen.push(app.scroll);
        }
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert!(seen[0] > 0);
        let line: String = app.doc.lines()[app.scroll]
            .spans
            .iter()
            .map(|(t, _)| t.as_str())
            .collect();
        assert!(
            crate::search::Query::new("han whajin")
                .unwrap()
                .matches(&line),
            "{line}"
        );
        let before = app.scroll;
        app.update(Action::PrevMatch);
        assert!(app.scroll < before || before == seen[0]);
    }
}

#[cfg(test)]
mod escape_tests {
    use super::*;
    use crate::bundle::sample;

    #[test]
    fn esc_clears_a_search_before_it_quits_and_q_quits() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        for a in [Action::Search, Action::Type('t'), Action::Accept] {
            app.update(a);
        }
        app.update(Action::Dismiss);
        assert!(!app.find.active() && app.running);
        app.update(Action::Dismiss);
        assert!(!app.running);
        let mut app = App::new(sample().unwrap(), 120, 40);
        for a in [
            Action::Search,
            Action::Type('t'),
            Action::Accept,
            Action::Close,
        ] {
            app.update(a);
        }
        assert!(!app.running, "q quits with a search in force");
    }
}

#[cfg(test)]
mod related_tests {
    use super::*;
    use crate::bundle::sample;

    #[test]
    fn stories_without_a_related_field_get_related_stories_from_their_words() {
        let mut app = App::new(sample().unwrap(), 160, 45);
        assert!(app.bundle.articles[0].related_given);
        assert_eq!(
            app.related_list(),
            app.bundle.articles[0].related.as_slice()
        );
        assert_eq!(app.related_why(0), None, "given, not worked out");
        // Story 3 is about school enrolment in Ho Chi Minh City; story 2 about a school.
        for a in [Action::Down, Action::Down, Action::Down, Action::Open] {
            app.update(a);
        }
        assert!(!app.bundle.articles[3].related_given);
        assert!(app.related_list().contains(&2), "{:?}", app.related_list());
        let n = app.related_list().iter().position(|&s| s == 2).unwrap();
        assert!(!app.related_why(n).unwrap().is_empty());
        assert!(app.related_list().len() <= crate::related::MOST);
        assert!(!app.related_list().contains(&3), "never itself");
    }

    #[test]
    fn the_index_built_while_idle_gives_the_same_related_stories() {
        let mut idle = App::new(sample().unwrap(), 160, 45);
        assert!(idle.preparing());
        let mut steps = 0;
        while idle.preparing() {
            idle.update(Action::Idle);
            steps += 1;
        }
        assert!(steps >= 1 && idle.related_index.is_some());
        let mut at_once = App::new(sample().unwrap(), 160, 45);
        for app in [&mut idle, &mut at_once] {
            for a in [Action::Down, Action::Down, Action::Down, Action::Open] {
                app.update(a);
            }
        }
        assert_eq!(idle.related_list(), at_once.related_list());
        assert!(!idle.related_list().is_empty());
        assert_eq!(idle.related_why(0), at_once.related_why(0));
        // A bundle whose stories all have their related field needs no index.
        let mut given = App::new(sample().unwrap(), 160, 45);
        given.needs_index = false;
        while given.preparing() {
            given.update(Action::Idle);
        }
        assert!(given.related_index.is_none());
    }

    #[test]
    fn related_stories_worked_out_ahead_are_the_ones_a_key_would_work_out() {
        let down = [Action::Down, Action::Down, Action::Down];
        let mut ahead = App::new(sample().unwrap(), 160, 45);
        down.into_iter().for_each(|a| ahead.update(a));
        while ahead.preparing() {
            ahead.update(Action::Idle);
        }
        // Story 3, under the cursor, has no related field: its list waits for the key.
        assert!(!ahead.bundle.articles[3].related_given);
        assert!(ahead.computed_ahead.iter().any(|c| c.0 == 3));
        assert!(ahead.computed_ahead.len() <= AHEAD_COMPUTED);
        let mut at_once = App::new(sample().unwrap(), 160, 45);
        down.into_iter().for_each(|a| at_once.update(a));
        for app in [&mut ahead, &mut at_once] {
            app.update(Action::Open);
        }
        assert_eq!(ahead.current, 3);
        assert!(
            !ahead.computed_ahead.iter().any(|c| c.0 == 3),
            "taken, not copied"
        );
        assert_eq!(ahead.related_list(), at_once.related_list());
        assert!(!ahead.related_list().is_empty());
        for n in 0..ahead.related_list().len() {
            assert_eq!(ahead.related_why(n), at_once.related_why(n));
        }
        // Followed, a related story's own list was worked out ahead too.
        while ahead.preparing() {
            ahead.update(Action::Idle);
        }
        let next = ahead.related_list()[0];
        assert!(ahead.computed_ahead.iter().any(|c| c.0 == next));
    }
}

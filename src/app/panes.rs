//! The panes' geometry as the App sees it (from `layout`, the same the drawing uses): pane
//! heights for scrolling and paging, the focus moving between the panes shown, and the lists
//! scrolled to keep their selections in view after a resize or a zoom.

use ratatui::layout::Rect;

use super::App;
use crate::layout::{self, Pane, Screen};

impl App {
    /// The frame's geometry for the current size and focus.
    pub fn screen(&self) -> Screen {
        let (cols, rows) = self.session.size;
        layout::screen(
            Rect::new(0, 0, cols, rows),
            self.session.focus,
            self.related_list().len(),
            self.session.zoom,
        )
    }

    /// Where `pane` is when it is on screen: on narrow terminals, where it would be if it
    /// were the one shown, so that paging and scroll limits do not change with focus.
    pub fn pane_rect(&self, pane: Pane) -> Option<Rect> {
        let (cols, rows) = self.session.size;
        let related = self.related_list().len();
        layout::screen(
            Rect::new(0, 0, cols, rows),
            pane,
            related,
            self.session.zoom,
        )
        .pane(pane)
    }

    /// Rows of text the reader shows at once (0 when the terminal is too small for it).
    pub fn reader_height(&self) -> usize {
        self.pane_rect(Pane::Reader).map_or(0, |r| {
            usize::from(layout::reader_text(r, !self.session.zoom, self.session.measure).height)
        })
    }

    /// Width the reader wraps to: the pane's text column, kept to the measure.
    pub(super) fn reader_width(&self) -> usize {
        self.pane_rect(Pane::Reader).map_or(0, |r| {
            usize::from(layout::reader_text(r, !self.session.zoom, self.session.measure).width)
        })
    }

    pub(super) fn list_height(&self) -> usize {
        self.pane_rect(Pane::Headlines).map_or(0, |r| {
            usize::from(layout::inner(r, !self.session.zoom).height)
        })
    }

    pub(super) fn related_height(&self) -> usize {
        self.pane_rect(Pane::Related).map_or(0, |r| {
            usize::from(layout::inner(r, !self.session.zoom).height)
        })
    }

    /// The last first line of the reader (an estimate while a long story is still being laid
    /// out; scrolling lays out the lines it reaches first, so it never stops short).
    pub fn max_scroll(&self) -> usize {
        self.stories
            .reader
            .doc
            .total()
            .saturating_sub(self.reader_height())
    }

    /// Moves the focus with `step` to the next pane that is on screen (a wide terminal too
    /// short for the related panel leaves it out).
    pub(super) fn cycle_focus(&mut self, step: fn(Pane) -> Pane) {
        let mut pane = step(self.session.focus);
        while pane != self.session.focus && self.pane_rect(pane).is_none() {
            pane = step(pane);
        }
        self.session.focus = pane;
    }

    pub(super) fn resize(&mut self, cols: u16, rows: u16) {
        let (cols, rows) = crate::layout::drawn_size(cols, rows);
        if (cols, rows) == self.session.size {
            return;
        }
        self.session.size = (cols, rows);
        self.reflow();
    }

    /// Follows a change of the panes' geometry: keeps the focus on a pane that is shown and
    /// the reader on the same part of the story.
    pub(super) fn reflow(&mut self) {
        if self.screen().too_small {
            // Nothing of the story shows: keep its layout and place for when there is room.
            return;
        }
        if self.pane_rect(self.session.focus).is_none() {
            self.cycle_focus(Pane::next);
        }
        if self.reader_width() == self.stories.reader.doc.width {
            self.stories.reader.scroll = self.stories.reader.scroll.min(self.max_scroll());
            return;
        }
        let place = self.stories.reader.doc.place_of(self.stories.reader.scroll);
        let at_top = self.stories.reader.scroll == 0;
        self.relayout(None);
        if !at_top {
            self.stories.reader.scroll = self
                .stories
                .reader
                .doc
                .line_at(place)
                .min(self.max_scroll());
        }
    }

    /// Scrolls the headline and related lists so that their selections are visible.
    pub(super) fn keep_in_view(&mut self) {
        // Whatever moved, the reader's lines on screen are laid out (drawing only reads).
        self.stories.reader.doc.lay_out_to(
            self.stories
                .reader
                .scroll
                .saturating_add(self.reader_height()),
        );
        let (stories, related) = (self.stories.list.shown.len(), self.related_list().len());
        self.stories.list.offset = visible_offset(
            self.stories.list.offset,
            self.list_position(),
            self.list_height(),
            stories,
        );
        self.stories.related.offset = visible_offset(
            self.stories.related.offset,
            self.stories.related.cursor,
            self.related_height(),
            related,
        );
    }
}

/// The smallest change to `offset` that shows `selected` in a window of `height` rows over
/// `total` rows, without leaving rows empty at the end that earlier entries could fill.
pub(super) fn visible_offset(offset: usize, selected: usize, height: usize, total: usize) -> usize {
    let offset = if height == 0 || selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    };
    offset.min(total.saturating_sub(height))
}

//! The mouse: a click selects the headline or related story under it (and focuses its pane),
//! a double click opens it, the wheel scrolls the pane under the pointer.

use ratatui::layout::{Position, Rect};

use super::App;
use crate::action::WheelTurn;
use crate::layout::{self, Pane};

/// Lines the wheel moves per notch.
const WHEEL_LINES: isize = 3;

impl App {
    /// The pane at (`col`, `row`) and the rectangle of its rows.
    fn pane_at(&self, col: u16, row: u16) -> Option<(Pane, Rect)> {
        let screen = self.screen();
        let at = Position::new(col, row);
        [Pane::Headlines, Pane::Reader, Pane::Related]
            .into_iter()
            .filter_map(|pane| Some((pane, screen.pane(pane)?)))
            .find(|(_, rect)| rect.contains(at))
            .map(|(pane, rect)| (pane, layout::inner(rect, !self.session.zoom)))
    }

    /// Selects what is at (`col`, `row`) and focuses its pane. Returns whether a headline or
    /// related story was there (what a double click then opens).
    pub(super) fn click(&mut self, col: u16, row: u16) -> bool {
        let Some((pane, inner)) = self.pane_at(col, row) else {
            return false;
        };
        self.session.focus = pane;
        let line = usize::from(row.saturating_sub(inner.y));
        if !inner.contains(Position::new(col, row)) {
            return false;
        }
        match pane {
            Pane::Headlines => match self.stories.list.shown.get(self.stories.list.offset + line) {
                Some(&story) => {
                    self.stories.list.selected = story;
                    true
                }
                None => false,
            },
            Pane::Related => {
                let index = self.stories.related.offset + line;
                let found = index < self.related_list().len();
                if found {
                    self.stories.related.cursor = index;
                }
                found
            }
            Pane::Reader => false,
        }
    }

    /// Scrolls the pane under the pointer, without moving the focus.
    pub(super) fn wheel(&mut self, col: u16, row: u16, turn: WheelTurn) {
        let Some((pane, _)) = self.pane_at(col, row) else {
            return;
        };
        let focus = std::mem::replace(&mut self.session.focus, pane);
        let lines = if pane == Pane::Related {
            1
        } else {
            WHEEL_LINES
        };
        self.step(match turn {
            WheelTurn::Down => lines,
            WheelTurn::Up => -lines,
        });
        self.session.focus = focus;
    }
}

#[cfg(test)]
mod tests {
    use crate::action::{AppEvent, WheelTurn};
    use crate::app::App;
    use crate::bundle::sample;
    use crate::layout::Pane;

    #[test]
    fn clicks_select_and_double_clicks_open() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        // The third headline: row 2 of the list, inside its border (the list starts at row 2).
        app.update(AppEvent::Click(5, 4));
        assert_eq!(
            (app.stories.list.selected, app.stories.reader.current),
            (2, 0)
        );
        assert_eq!(app.session.focus, Pane::Headlines);
        app.update(AppEvent::Activate(5, 4));
        assert_eq!(app.stories.reader.current, 2);
        assert_eq!(app.session.focus, Pane::Reader);
        // A click below the last headline selects nothing.
        app.update(AppEvent::Click(5, 30));
        assert_eq!(app.stories.list.selected, 2);
    }

    #[test]
    fn the_wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        app.update(AppEvent::Wheel(60, 10, WheelTurn::Down));
        assert_eq!(app.stories.reader.scroll, 3, "the reader scrolled");
        assert_eq!(app.session.focus, Pane::Headlines, "the focus stayed");
        app.update(AppEvent::Wheel(60, 10, WheelTurn::Up));
        assert_eq!(app.stories.reader.scroll, 0);
        app.update(AppEvent::Wheel(5, 10, WheelTurn::Down));
        assert_eq!(app.stories.list.selected, 3);
        // The related panel at the bottom right: one story a notch.
        let related_row = app.screen().related.unwrap().y + 1;
        app.update(AppEvent::Click(60, related_row + 1));
        assert_eq!(
            (app.session.focus, app.stories.related.cursor),
            (Pane::Related, 1)
        );
        app.update(AppEvent::Activate(60, related_row + 1));
        assert_eq!(
            app.stories.reader.current,
            app.stories.bundle.articles[0].related[1]
        );
    }
}

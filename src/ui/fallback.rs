//! What the screen shows when it cannot show everything: the size a too-small terminal
//! needs, in the longest form that fits, and the ASCII that replaces non-ASCII signs under
//! `--ascii`.

use ratatui::buffer::Buffer;

use crate::layout::{MIN_HEIGHT, MIN_WIDTH};

/// The one-column signs the interface writes (and stories often hold), with the ASCII each
/// becomes under `--ascii`, for consoles whose font has none of them.
const ASCII_SIGNS: [(&str, &str); 10] = [
    ("…", "~"),
    ("·", "-"),
    ("♪", "*"),
    ("⚠", "!"),
    ("↑", "^"),
    ("↓", "v"),
    ("←", "<"),
    ("→", ">"),
    ("⌫", "<"),
    ("▣", "#"),
];

/// Replaces the signs of [`ASCII_SIGNS`] drawn anywhere in `buf`: what the panes, the bars
/// and the help write, and the ellipses of cut text, all in one place.
pub(super) fn ascii_only(buf: &mut Buffer) {
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        if let Some((_, ascii)) = ASCII_SIGNS.iter().find(|(sign, _)| *sign == symbol) {
            cell.set_symbol(ascii);
        }
    }
}

/// What a terminal below the smallest size shows: the size needed, in the longest form
/// that fits `width` columns, so even one column says something.
pub(super) fn too_small(width: u16, ascii: bool) -> String {
    let size = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
    let forms = [
        format!("Terminal too small: need at least {size}"),
        format!("Terminal too small: {size} needed"),
        format!("Too small: {size} needed"),
        format!("{size} needed"),
        size,
    ];
    let width = usize::from(width);
    match forms.into_iter().find(|f| f.len() <= width) {
        Some(form) => form,
        None if width == 0 => String::new(),
        None if ascii => "~".to_owned(),
        None => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::text;
    use crate::ui::{Glyphs, Theme, View};
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    #[test]
    fn the_needed_size_shows_at_every_width() {
        assert_eq!(
            too_small(80, false),
            "Terminal too small: need at least 20x6"
        );
        assert_eq!(too_small(37, false), "Terminal too small: 20x6 needed");
        assert_eq!(too_small(22, false), "Too small: 20x6 needed");
        assert_eq!(too_small(21, false), "20x6 needed");
        assert_eq!(too_small(11, false), "20x6 needed");
        assert_eq!(too_small(10, false), "20x6");
        assert_eq!(too_small(4, false), "20x6");
        assert_eq!(too_small(3, false), "…");
        assert_eq!(too_small(1, true), "~");
        assert_eq!(too_small(0, false), "");
    }

    #[test]
    fn ascii_frames_hold_no_interface_signs() {
        for keys in ["", "Enter", "?", "Enter z", "Tab", "/ x"] {
            let events = crate::keys::parse_keys(keys).unwrap_or_default();
            let bundle = crate::bundle::sample().expect("the sample loads");
            let theme = Theme::COLOR.with_glyphs(Glyphs::ASCII);
            let buf = crate::headless::frame_with(bundle, 100, 30, &events, &theme);
            let text = crate::headless::to_text(&buf);
            for (sign, _) in ASCII_SIGNS {
                assert!(!text.contains(sign), "{sign} after {keys:?}:\n{text}");
            }
            for glyph in ['│', '─', '╭', '┃', '›', '•'] {
                assert!(!text.contains(glyph), "{glyph} after {keys:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_size_draws_without_panic_and_fits(cols in 0u16..=200, rows in 0u16..=200) {
            let notice = too_small(cols, false);
            prop_assert!(text::width(&notice) <= usize::from(cols));
            let bundle = crate::bundle::sample().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let app = App::new(bundle, cols, rows);
            let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
            View { app: &app, theme: &Theme::COLOR }.render(buf.area, &mut buf);
        }
    }
}

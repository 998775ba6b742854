//! Every style newsterm draws with, in one place: `COLOR` (dark), `LIGHT`, `HIGH_CONTRAST`
//! (bright text, no dim or dark grey anywhere), and `PLAIN`, the `NO_COLOR` and `mono`
//! variant with the same emphasis by modifiers only. No state is told by colour alone: each
//! has a glyph or a modifier of its own, which `PLAIN` shows by itself.

use std::borrow::Cow;

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::document::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub bar: Style,
    pub bar_accent: Style,
    pub warning: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    /// The title of the pane that has focus, so that focus shows without colour and without
    /// telling a bold border line from a thin one.
    pub pane_title_focused: Style,
    pub selected: Style,
    /// The selection of a pane that does not have focus.
    pub selected_idle: Style,
    /// Patched over an unread headline.
    pub unread: Style,
    /// Patched over what the search matches.
    pub matched: Style,
    pub dim: Style,
    pub number: Style,
    pub key: Style,
    pub notice: Style,
    pub title: Style,
    pub meta: Style,
    pub audio: Style,
    pub dateline: Style,
    pub lead: Style,
    pub body: Style,
    pub heading: Style,
    pub quote: Style,
    pub marker: Style,
    pub caption: Style,
    pub link: Style,
    /// Preformatted text (code blocks).
    pub code: Style,
    pub glyphs: Glyphs,
}

/// The characters frames are drawn with: line drawing, or plain ASCII (`--ascii`) for
/// consoles whose font has no box-drawing characters. Every ASCII glyph is as wide as the
/// one it replaces, so frames have the same layout either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    pub track: &'static str,
    pub thumb: &'static str,
    /// Marks the selected headline or related story (besides its colour).
    pub selected: char,
    /// Marks an unread headline.
    pub unread: char,
    pub ascii: bool,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        border: border::ROUNDED,
        track: "│",
        thumb: "┃",
        selected: '›',
        unread: '•',
        ascii: false,
    };

    pub const ASCII: Glyphs = Glyphs {
        border: border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
        track: "|",
        thumb: "#",
        selected: '>',
        unread: '+',
        ascii: true,
    };

    /// The reader's markers (quote bar, caption, bullets behind their indent, the mark of a
    /// code line going on) as this set draws them.
    pub fn marker<'a>(&self, marker: &'a str) -> Cow<'a, str> {
        if !self.ascii {
            return Cow::Borrowed(marker);
        }
        let glyph = marker.trim_start_matches(' ');
        let ascii = match glyph {
            "│ " => "| ",
            "▣ " => "# ",
            "• " => "* ",
            "◦ " => "- ",
            "▪ " => "+ ",
            "↪ " => "> ",
            _ => return Cow::Borrowed(marker),
        };
        let indent = &marker[..marker.len() - glyph.len()];
        Cow::Owned(format!("{indent}{ascii}"))
    }
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Theme {
    pub const COLOR: Theme = Theme {
        bar: Style::new().fg(Color::Black).bg(Color::Cyan),
        bar_accent: Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        warning: Style::new().fg(Color::Black).bg(Color::Yellow),
        border: fg(Color::DarkGray),
        border_focused: fg(Color::Cyan),
        pane_title: Style::new().fg(Color::Reset).add_modifier(Modifier::BOLD),
        pane_title_focused: Style::new().fg(Color::Reset).add_modifier(Modifier::BOLD),
        selected: Style::new().fg(Color::Black).bg(Color::Cyan),
        selected_idle: Style::new().add_modifier(Modifier::REVERSED),
        unread: Style::new().add_modifier(Modifier::BOLD),
        matched: Style::new().fg(Color::Black).bg(Color::Yellow),
        dim: fg(Color::DarkGray),
        number: fg(Color::Yellow),
        key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        notice: fg(Color::Yellow),
        title: Style::new().add_modifier(Modifier::BOLD),
        meta: fg(Color::DarkGray),
        audio: fg(Color::Magenta),
        dateline: Style::new().add_modifier(Modifier::BOLD),
        lead: Style::new().add_modifier(Modifier::BOLD),
        body: Style::new(),
        heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        quote: Style::new().add_modifier(Modifier::ITALIC),
        marker: fg(Color::DarkGray),
        caption: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
        link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
        code: fg(Color::Green),
        glyphs: Glyphs::UNICODE,
    };

    pub const PLAIN: Theme = Theme {
        bar: Style::new().add_modifier(Modifier::REVERSED),
        bar_accent: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        // Bold as well: the title bar it sits in is reversed already.
        warning: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::BOLD),
        border: Style::new(),
        border_focused: Style::new().add_modifier(Modifier::BOLD),
        pane_title: Style::new().fg(Color::Reset).add_modifier(Modifier::BOLD),
        pane_title_focused: Style::new()
            .fg(Color::Reset)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::REVERSED),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        selected_idle: Style::new().add_modifier(Modifier::UNDERLINED),
        unread: Style::new().add_modifier(Modifier::BOLD),
        // Reversed too, as `less` shows its matches: an unread row selected in a pane
        // without focus is bold and underlined already.
        matched: Style::new()
            .add_modifier(Modifier::REVERSED)
            .add_modifier(Modifier::UNDERLINED)
            .add_modifier(Modifier::BOLD),
        dim: Style::new().add_modifier(Modifier::DIM),
        number: Style::new(),
        key: Style::new().add_modifier(Modifier::BOLD),
        notice: Style::new(),
        title: Style::new().add_modifier(Modifier::BOLD),
        meta: Style::new().add_modifier(Modifier::DIM),
        audio: Style::new(),
        dateline: Style::new().add_modifier(Modifier::BOLD),
        lead: Style::new().add_modifier(Modifier::BOLD),
        body: Style::new(),
        heading: Style::new().add_modifier(Modifier::BOLD),
        quote: Style::new().add_modifier(Modifier::ITALIC),
        marker: Style::new(),
        caption: Style::new().add_modifier(Modifier::ITALIC),
        link: Style::new().add_modifier(Modifier::UNDERLINED),
        code: Style::new(),
        glyphs: Glyphs::UNICODE,
    };

    /// Colours for a light background: the cyan and yellow text of the dark theme is hard to
    /// read on white, so headings, keys and the focused border are blue, matches underlined.
    pub const LIGHT: Theme = Theme {
        border_focused: fg(Color::Blue),
        key: fg(Color::Blue).add_modifier(Modifier::BOLD),
        heading: fg(Color::Blue).add_modifier(Modifier::BOLD),
        number: fg(Color::Magenta),
        notice: fg(Color::Red),
        ..Theme::COLOR
    };

    /// For low vision, on a dark background: text bright white, never dark grey or dim
    /// (the metadata, captions and borders too); the selection black on bright white, the
    /// focused pane's border bright yellow and bold and its title black on bright yellow;
    /// matches bold and underlined, black on bright yellow; links underlined. `dim` changes
    /// no colour: it is laid over selected rows, whose black on white it must keep.
    pub const HIGH_CONTRAST: Theme = Theme {
        bar: Style::new().fg(Color::Black).bg(Color::White),
        bar_accent: Style::new()
            .fg(Color::Black)
            .bg(Color::White)
            .add_modifier(Modifier::BOLD),
        warning: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::BOLD),
        border: fg(Color::White),
        border_focused: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        pane_title: fg(Color::White).add_modifier(Modifier::BOLD),
        pane_title_focused: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::BOLD),
        // Not bold, so that an unread story's bold still shows on the selected row.
        selected: Style::new().fg(Color::Black).bg(Color::White),
        selected_idle: fg(Color::White).add_modifier(Modifier::UNDERLINED),
        unread: Style::new().add_modifier(Modifier::BOLD),
        matched: Style::new()
            .fg(Color::Black)
            .bg(Color::LightYellow)
            .add_modifier(Modifier::BOLD)
            .add_modifier(Modifier::UNDERLINED),
        dim: Style::new(),
        number: fg(Color::LightYellow),
        key: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        notice: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        title: fg(Color::White).add_modifier(Modifier::BOLD),
        meta: fg(Color::White),
        audio: fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
        dateline: fg(Color::White).add_modifier(Modifier::BOLD),
        lead: fg(Color::White).add_modifier(Modifier::BOLD),
        body: fg(Color::White),
        heading: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
        quote: fg(Color::White).add_modifier(Modifier::ITALIC),
        marker: fg(Color::White),
        caption: fg(Color::White).add_modifier(Modifier::ITALIC),
        link: fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
        code: fg(Color::LightGreen),
        glyphs: Glyphs::UNICODE,
    };

    /// This theme drawn with `glyphs`.
    pub const fn with_glyphs(self, glyphs: Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }

    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Title => self.title,
            Role::Meta => self.meta,
            Role::Audio => self.audio,
            Role::Dateline => self.dateline,
            Role::Lead => self.lead,
            Role::Body => self.body,
            Role::Heading => self.heading,
            Role::Quote => self.quote,
            Role::Marker => self.marker,
            Role::Caption => self.caption,
            Role::Link => self.link,
            Role::Code => self.code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Glyphs;

    #[test]
    fn ascii_markers_keep_their_indent() {
        let ascii = Glyphs::ASCII;
        assert_eq!(ascii.marker("• "), "* ");
        assert_eq!(ascii.marker("    ◦ "), "    - ");
        assert_eq!(ascii.marker("  ▪ "), "  + ");
        assert_eq!(ascii.marker("↪ "), "> ");
        assert_eq!(ascii.marker("  "), "  ");
        assert_eq!(Glyphs::UNICODE.marker("  ◦ "), "  ◦ ");
    }
}

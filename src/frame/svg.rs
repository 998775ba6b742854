//! A frame as an SVG picture: the terminal's grid of cells, each run of text stretched to
//! exactly the columns it takes (a wide character two), on its background, in a monospace
//! font, so a browser shows the frame as the terminal does whatever font it picks.

use ratatui::style::Modifier;

use super::{Frame, Run, palette};

/// A cell's size in pixels and the font's, chosen so common monospace fonts need little
/// stretching.
pub const CELL_WIDTH: u32 = 9;
pub const CELL_HEIGHT: u32 = 18;
const FONT_SIZE: u32 = 15;
/// From a row's top to the text's baseline.
const BASELINE: u32 = 14;
/// Rows of space between frames of a sequence.
const GAP: u32 = 1;

const FONTS: &str =
    "'DejaVu Sans Mono','Menlo','Consolas','Liberation Mono','Noto Sans Mono',monospace";

/// Several frames one under another, with a gap between them, as one picture.
pub fn document(frames: &[Frame]) -> String {
    let width = frames
        .iter()
        .map(|f| u32::from(f.size().0))
        .max()
        .unwrap_or(0)
        * CELL_WIDTH;
    let rows: u32 = frames.iter().map(|f| u32::from(f.size().1)).sum::<u32>()
        + GAP * u32::try_from(frames.len().saturating_sub(1)).unwrap_or(0);
    let height = rows * CELL_HEIGHT;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\">\n<style>text{{font-family:{FONTS};\
         font-size:{FONT_SIZE}px;white-space:pre}}</style>\n"
    );
    let mut top = 0;
    for frame in frames {
        out.push_str(&format!("<g transform=\"translate(0,{top})\">\n"));
        picture(frame, &mut out);
        out.push_str("</g>\n");
        top += (u32::from(frame.size().1) + GAP) * CELL_HEIGHT;
    }
    out.push_str("</svg>\n");
    out
}

/// One frame's background, text and cursor.
fn picture(frame: &Frame, out: &mut String) {
    let (cols, rows) = frame.size();
    out.push_str(&format!(
        "<rect width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
        u32::from(cols) * CELL_WIDTH,
        u32::from(rows) * CELL_HEIGHT,
        palette::BACKGROUND
    ));
    let all = frame.rows();
    for (y, runs) in all.iter().enumerate() {
        let top = u32::try_from(y).unwrap_or(0) * CELL_HEIGHT;
        // Backgrounds first, runs side by side in one colour as one rectangle.
        let mut fills: Vec<(u16, u16, String)> = Vec::new();
        for run in runs {
            let (_, bg) = palette::drawn(run.style);
            match fills.last_mut() {
                Some(last) if last.2 == bg && last.0 + last.1 == run.x => last.1 += run.width,
                _ => fills.push((run.x, run.width, bg)),
            }
        }
        for (x, cols, bg) in fills.iter().filter(|f| f.2 != palette::BACKGROUND) {
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"{bg}\"/>\n",
                u32::from(*x) * CELL_WIDTH,
                u32::from(*cols) * CELL_WIDTH,
            ));
        }
        for run in runs {
            text(run, top + BASELINE, out);
        }
    }
    if let Some(cursor) = frame.cursor().filter(|c| c.visible) {
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{CELL_WIDTH}\" height=\"{CELL_HEIGHT}\" \
             fill=\"{}\" fill-opacity=\"0.5\"/>\n",
            u32::from(cursor.x) * CELL_WIDTH,
            u32::from(cursor.y) * CELL_HEIGHT,
            palette::FOREGROUND
        ));
    }
}

/// A run's text: pieces of narrow characters, and each wide character on its own, each
/// stretched to its columns.
fn text(run: &Run, baseline: u32, out: &mut String) {
    let modifiers = run.style.add_modifier - run.style.sub_modifier;
    if modifiers.contains(Modifier::HIDDEN) || run.text.trim().is_empty() {
        return;
    }
    let (fg, _) = palette::drawn(run.style);
    let mut attributes = format!(" fill=\"{fg}\"");
    if modifiers.contains(Modifier::BOLD) {
        attributes.push_str(" font-weight=\"bold\"");
    }
    if modifiers.contains(Modifier::ITALIC) {
        attributes.push_str(" font-style=\"italic\"");
    }
    if modifiers.contains(Modifier::DIM) {
        attributes.push_str(" fill-opacity=\"0.6\"");
    }
    match (
        modifiers.contains(Modifier::UNDERLINED),
        modifiers.contains(Modifier::CROSSED_OUT),
    ) {
        (true, true) => attributes.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => attributes.push_str(" text-decoration=\"underline\""),
        (false, true) => attributes.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    if let Some(link) = &run.link {
        out.push_str(&format!("<a href=\"{}\">", escape(link)));
    }
    for (col, cols, piece) in pieces(run) {
        if piece.trim().is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{baseline}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"{attributes}>{}</text>",
            u32::from(col) * CELL_WIDTH,
            u32::from(cols) * CELL_WIDTH,
            escape(&piece)
        ));
    }
    if run.link.is_some() {
        out.push_str("</a>");
    }
    out.push('\n');
}

/// A run cut into (column, columns, text): narrow characters together, wide ones alone.
fn pieces(run: &Run) -> Vec<(u16, u16, String)> {
    let mut out: Vec<(u16, u16, String)> = Vec::new();
    let mut x = run.x;
    let mut narrow = false;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(run.text.as_str(), true) {
        let cols = u16::try_from(crate::text::width(g).max(1)).unwrap_or(1);
        match out.last_mut() {
            Some(piece) if narrow && cols == 1 => {
                piece.1 += 1;
                piece.2.push_str(g);
            }
            _ => out.push((x, cols, g.to_owned())),
        }
        narrow = cols == 1;
        x += cols;
    }
    out
}

/// Text made safe inside an XML element or attribute: markup characters escaped, and the
/// characters XML cannot hold left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    #[test]
    fn wide_characters_are_pieces_of_their_own() {
        let run = Run {
            x: 3,
            width: 7,
            text: "ab漢字c".into(),
            style: Style::new(),
            link: None,
        };
        assert_eq!(
            pieces(&run),
            vec![
                (3, 2, "ab".to_owned()),
                (5, 2, "漢".to_owned()),
                (7, 2, "字".to_owned()),
                (9, 1, "c".to_owned())
            ]
        );
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}

//! The one place untrusted text becomes screen text.
//!
//! Everything a bundle says passes through [`clean`] once, when it is loaded: escape sequences
//! (with their payloads), other controls and bidirectional overrides go, tabs become spaces,
//! line endings become `\n`, and the result is NFC. After that, [`width`], [`truncate`] and
//! [`wrap`] measure text with exactly the grapheme widths ratatui draws with, so a wrapped line
//! never overflows its pane and a wide character is never cut in half.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Columns between tab stops when a tab is expanded.
pub const TAB_STOP: usize = 4;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 string terminator.
const ST: char = '\u{9c}';
pub(crate) const SOFT_HYPHEN: char = '\u{ad}';
const ZERO_WIDTH_SPACE: char = '\u{200b}';

/// Removes everything that could act on a terminal or reorder the screen, expands tabs and
/// normalizes to NFC.
///
/// - Whole escape sequences are removed with their payloads: CSI (`ESC [` or U+009B) up to its
///   final byte; OSC (`ESC ]`, U+009D), DCS, SOS, PM and APC up to BEL or ST; two- and
///   three-byte `ESC` sequences. A string sequence that never terminates ends at the next line
///   break, so one stray `ESC ]` cannot swallow a whole story.
/// - Other C0 controls, DEL and C1 controls are dropped; `\r\n` and a lone `\r` become `\n`, so
///   a carriage return can never overwrite text; U+2028 and U+2029 become line breaks.
/// - Bidirectional embeddings, overrides, isolates and marks are dropped, as is U+FEFF.
///
/// ```
/// use newsterm::text::clean;
/// assert_eq!(clean("Tin \u{1b}]0;pwned\u{7}mới\r\n"), "Tin mới\n");
/// assert_eq!(clean("Vie\u{302}\u{323}t"), "Việt");
/// ```
pub fn clean(input: &str) -> String {
    if is_clean(input) {
        return input.to_owned();
    }
    if input.chars().all(is_plain) {
        return input.nfc().collect();
    }
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            // Unicode's own line and paragraph separators are hard breaks like `\n`.
            '\u{2028}' => {
                out.push('\n');
                column = 0;
            }
            '\u{2029}' => {
                out.push_str("\n\n");
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            // Only what a terminal would take as part of the sequence is removed: anything
            // else after ESC (text, a line break, another ESC) is kept and read again.
            ESC => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                    // nF sequence: intermediates, then one final byte.
                    while chars
                        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
                }
                // A two-byte sequence (ESC 7, ESC c, ESC =...).
                Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_dropped(c) => {}
            c => {
                out.push(c);
                column += char_width(c);
            }
        }
    }
    out.nfc().collect()
}

/// [`clean`] for a string already owned: returned as it is when there is nothing to change,
/// which is the common case, without copying it.
pub fn clean_owned(input: String) -> String {
    if is_clean(&input) {
        input
    } else {
        clean(&input)
    }
}

/// Whether [`clean`] would change nothing.
fn is_clean(input: &str) -> bool {
    if input.is_ascii() {
        return !input.bytes().any(|b| b.is_ascii_control() && b != b'\n');
    }
    // Most text is made only of characters `clean` keeps that are in NFC wherever they stand:
    // one range check each. Asking the normalization tables about each character was a
    // tenth of loading an archive (its titles).
    input.chars().all(is_kept_composed) || (input.chars().all(is_plain) && is_nfc(input))
}

/// Whether `text` is in NFC by the quick check of the normalization tables.
fn is_nfc(text: &str) -> bool {
    unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Characters [`clean`] keeps as they are and that are in NFC wherever they stand: none
/// decomposes, none combines with what comes before it, none reorders (canonical combining
/// class 0). Printable ASCII and line breaks, Latin letters up to the combining marks
/// (U+0300), Latin Extended Additional (Vietnamese), and the general punctuation news text
/// uses, from U+2002 (U+2001 decomposes) to U+2027 but for the two directional marks.
/// `text::tests::characters_kept_composed_are_plain_and_nfc` checks every one of them.
fn is_kept_composed(c: char) -> bool {
    matches!(c,
        '\n'
        | ' '..='~'
        | '\u{a0}'..='\u{2ff}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2002}'..='\u{200d}'
        | '\u{2010}'..='\u{2027}')
}

/// True for a character [`clean`] keeps as it is.
fn is_plain(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_dropped(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Controls and invisible formatting characters that are removed outright.
fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{202a}'..='\u{202e}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{200e}' | '\u{200f}' | '\u{061c}' // directional marks
            | '\u{feff}')
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates are 0x20-0x3F; the final byte is 0x40-0x7E. Anything else
    // (a line break, text) aborts the sequence, as terminals do, and is kept.
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | ST => {
                chars.next();
                return;
            }
            // ESC \ is the terminator; any other ESC ends the string and starts a sequence
            // of its own, as in a terminal.
            ESC => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Display width of one grapheme cluster, exactly as ratatui's buffer counts it.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// A character that is always a grapheme cluster of its own, one column wide (or zero, for
/// the soft hyphen): printable ASCII, Latin-1, Latin Extended (Vietnamese's ơ, ư, đ and its
/// precomposed letters), general punctuation, box drawing and block elements (every pane's
/// border and scrollbar) and the reader's own markers.
pub fn is_single_cell(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{2ff}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2500}'..='\u{259f}'
        | '▣' | '♪')
}

/// Display width of clean text, in terminal columns.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    // Most text is one column per character (see `is_single_cell`): no segmentation needed.
    if text.chars().all(is_single_cell) {
        return text.chars().filter(|&c| c != SOFT_HYPHEN).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `text` to at most `max` columns, ending with `…` when something was cut. Never splits
/// a grapheme cluster.
///
/// ```
/// use newsterm::text::truncate;
/// assert_eq!(truncate("Hà Nội mùa thu", 7), "Hà Nội…");
/// assert_eq!(truncate("日本語", 5), "日本…");
/// ```
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    // Most headlines are one column per character: cut by characters, no segmentation.
    if text.chars().all(is_single_cell) {
        let mut one = [0u8; 4];
        for c in text.chars() {
            // Each character is a grapheme: measured exactly as the loop below measures one.
            let w = grapheme_width(c.encode_utf8(&mut one));
            if used + w > max - 1 {
                break;
            }
            out.push(c);
            used += w;
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        return Cow::Owned(out);
    }
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // "đáp …" reads worse than "đáp…": the ellipsis stands for the cut, not a space.
    out.truncate(out.trim_end().len());
    out.push('…');
    Cow::Owned(out)
}

/// Text as it is drawn: soft hyphens and zero-width spaces are break hints, not glyphs.
pub fn visible(text: &str) -> Cow<'_, str> {
    if has_break_hints(text) {
        Cow::Owned(
            text.chars()
                .filter(|&c| c != SOFT_HYPHEN && c != ZERO_WIDTH_SPACE)
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` holds a soft hyphen or a zero-width space. Found from their first bytes,
/// which few characters of a story share: looking for the characters themselves decodes every
/// character, and this runs for every headline of every frame.
fn has_break_hints(text: &str) -> bool {
    const HINTS: [&[u8]; 2] = ["\u{ad}".as_bytes(), "\u{200b}".as_bytes()];
    let bytes = text.as_bytes();
    memchr::memchr2_iter(HINTS[0][0], HINTS[1][0], bytes).any(|i| {
        let rest = &bytes[i..];
        HINTS.iter().any(|hint| rest.starts_with(hint))
    })
}

/// Text for a place that has one line (a headline, the title bar): as [`visible`], with line
/// breaks shown as spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let shown = visible(text);
    if memchr::memchr(b'\n', shown.as_bytes()).is_some() {
        Cow::Owned(shown.replace('\n', " "))
    } else {
        shown
    }
}

/// One wrapped line: a byte range of the wrapped text, and whether it ends at a soft hyphen
/// that must be drawn as `-`. An empty range is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapLine {
    pub range: Range<usize>,
    pub hyphen: bool,
}

impl WrapLine {
    /// The text of this line as drawn, hyphen included.
    pub fn render<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let shown = visible(&text[self.range.clone()]);
        if self.hyphen {
            Cow::Owned(format!("{shown}-"))
        } else {
            shown
        }
    }
}

/// A unit the line-filling algorithm places: a word (or part of a long word) and the
/// whitespace after it.
#[derive(Debug)]
struct Piece {
    /// The word, without trailing whitespace.
    word: Range<usize>,
    width: usize,
    whitespace: usize,
    /// Width of the hyphen drawn when the line breaks after this piece.
    penalty: usize,
}

impl textwrap::core::Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.whitespace as f64
    }
    fn penalty_width(&self) -> f64 {
        self.penalty as f64
    }
}

/// Wraps clean text to `width` columns.
///
/// Lines break where Unicode line-breaking rules allow (textwrap's UAX #14 break points:
/// spaces, after hyphens, between CJK ideographs, at zero-width spaces, at soft hyphens, never
/// at a no-break space), measured with ratatui's grapheme widths. A word longer than a line
/// breaks after `/`, `?`, `&` or `-` where it can and otherwise between grapheme clusters.
/// Hard line breaks are kept, leading and trailing blank lines dropped and runs of blank lines
/// collapsed to one. Every returned line fits `width` (at least 1) unless it is a single
/// grapheme wider than the line.
pub fn wrap(text: &str, width: usize) -> Vec<WrapLine> {
    let width = width.max(1);
    let mut out: Vec<WrapLine> = Vec::new();
    let mut offset = 0;
    for raw_line in text.split('\n') {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let trimmed = raw_line.trim_start();
        let start = line_start + (raw_line.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            if out.last().is_some_and(|l| !l.range.is_empty()) {
                out.push(WrapLine {
                    range: start..start,
                    hyphen: false,
                });
            }
            continue;
        }
        let pieces = pieces(text, start, trimmed, width);
        for line in textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[width as f64]) {
            let (Some(first), Some(last)) = (line.first(), line.last()) else {
                continue;
            };
            // A word can hold spaces where the break rules allow no break (before a soft
            // hyphen, say); a line never starts or ends with them.
            let words = &text[first.word.start..last.word.end];
            let content = words.trim();
            if visible(content).is_empty() {
                continue;
            }
            let start = first.word.start + (words.len() - words.trim_start().len());
            out.push(WrapLine {
                range: start..start + content.len(),
                hyphen: last.penalty > 0,
            });
        }
    }
    if out.last().is_some_and(|l| l.range.is_empty()) {
        out.pop();
    }
    out
}

/// The words of `line` with the spaces after each, as the Unicode line breaking rules split
/// it (textwrap's `UnicodeBreakProperties`).
fn unicode_words(line: &str) -> impl Iterator<Item = (&str, &str)> {
    textwrap::WordSeparator::UnicodeBreakProperties
        .find_words(line)
        .map(|w| (w.word, w.whitespace))
}

/// One word of a line for `pieces`: the word, the spaces after it, and its width when it is
/// known to be drawn one column a character and never split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word<'a> {
    word: &'a str,
    spaces: &'a str,
    plain: Option<usize>,
}

impl<'a> Word<'a> {
    fn unicode((word, spaces): (&'a str, &'a str)) -> Self {
        Word {
            word,
            spaces,
            plain: None,
        }
    }
}

/// How a character takes part in splitting a line at its spaces (see [`chunk_words`]), by
/// its class in the Unicode line breaking rules (UAX #14). Every character but `Other` is
/// one column wide and not a soft hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    /// Latin and Vietnamese letters (AL), the middle dot (AI, which the rules take as AL),
    /// digits (NU).
    Letter,
    /// `, . : ;` (IS): no break before one, nor between one and a letter or digit after it.
    Infix,
    /// `(`, `[` and `“` (OP, opening QU): no break after one.
    Opening,
    /// `"` and `'` (QU, neither opening nor closing): no break before or after one.
    Quote,
    /// `)`, `]`, `”`, `…`, `!` and `?` (CP, closing QU, IN, EX): no break before one.
    Closing,
    /// `%` (PO): no break between a digit and it.
    Percent,
    /// `/`, `-` and `–` (SY, HY, BA): breaks after them depend on what follows.
    Breaking,
    /// Anything else.
    Other,
}

fn kind(c: char) -> Kind {
    match ASCII_KINDS.get(c as usize) {
        Some(&kind) => kind,
        None => kind_of(c),
    }
}

/// [`kind`] of each ASCII character, looked up: most characters of a story are ASCII, and
/// the match below tests them one range after another.
const ASCII_KINDS: [Kind; 128] = {
    let mut table = [Kind::Other; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = kind_of(i as u8 as char);
        i += 1;
    }
    table
};

const fn kind_of(c: char) -> Kind {
    match c {
        ' ' => Kind::Space,
        'a'..='z'
        | 'A'..='Z'
        | '0'..='9'
        | '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{1ea0}'..='\u{1ef9}'
        | '·' => Kind::Letter,
        ',' | '.' | ':' | ';' => Kind::Infix,
        '(' | '[' | '“' => Kind::Opening,
        '"' | '\'' => Kind::Quote,
        ')' | ']' | '”' | '…' | '!' | '?' => Kind::Closing,
        '%' => Kind::Percent,
        '/' | '-' | '–' => Kind::Breaking,
        _ => Kind::Other,
    }
}

/// Where a chunk is in the shape of a word the rules never break inside: opening punctuation,
/// then letters, digits and `, . : ;` (with `/` between digits), then closing punctuation
/// (`(Điện`, `Biên),`, `5%`, `“cơ`, `hội”…`, `[1]`, `31/1/2026.`); or a lone dash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Start,
    Opening,
    Letters,
    /// After a `/` that follows a digit: a digit must come next.
    Slash,
    Closing,
    /// A `-` or `–` alone so far.
    Dash,
    /// Not one of those shapes: the rules are asked.
    Other,
}

impl Shape {
    /// The shape after `c`, of kind `kind`, `before` being the character before it.
    fn then(self, kind: Kind, c: char, before: char) -> Shape {
        match (self, kind) {
            (Shape::Start | Shape::Opening, Kind::Opening | Kind::Quote) => Shape::Opening,
            (Shape::Start | Shape::Opening | Shape::Letters, Kind::Letter | Kind::Infix) => {
                Shape::Letters
            }
            (Shape::Slash, Kind::Letter) if c.is_ascii_digit() => Shape::Letters,
            (Shape::Letters | Shape::Closing, Kind::Closing | Kind::Quote | Kind::Infix) => {
                Shape::Closing
            }
            (Shape::Letters | Shape::Closing, Kind::Percent) if before.is_ascii_digit() => {
                Shape::Closing
            }
            (Shape::Letters, Kind::Breaking) if c == '/' && before.is_ascii_digit() => Shape::Slash,
            (Shape::Start, Kind::Breaking) if c != '/' => Shape::Dash,
            _ => Shape::Other,
        }
    }
}

/// The words of `line` (trimmed) as [`unicode_words`] finds them, appended to `out`, found
/// in one pass over the characters, with the rules asked only about the chunks between spaces
/// that are not of one [`Shape`] (`Đức–Trí`, `COVID-19`), when no rule reaches across a
/// space: no character is [`Kind::Other`], no chunk after a space starts with a character the
/// rules never break before (`) ] , . : ; ! ? /` and a closing quote), and none before a space
/// ends with one they never break after (`( [` and an opening quote). A chunk of one of those
/// shapes is one word. A test holds the words equal to the rules' for the whole line. `false`
/// (and `out` as it was) for any other line.
fn chunk_words<'a>(line: &'a str, out: &mut Vec<Word<'a>>) -> bool {
    // textwrap drops the break at the end of a line, and after a hyphen it has dropped that
    // one already: then it drops the one before, wherever it is.
    if line.ends_with('-') {
        return false;
    }
    let before = out.len();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, first)) = chars.peek() {
        if start > 0
            && matches!(
                first,
                ')' | ']' | ',' | '.' | ':' | ';' | '!' | '?' | '/' | '”' | '"' | '\''
            )
        {
            out.truncate(before);
            return false;
        }
        let (mut count, mut shape, mut last) = (0, Shape::Start, first);
        let mut end = line.len();
        while let Some(&(i, c)) = chars.peek() {
            match kind(c) {
                Kind::Space => {
                    end = i;
                    break;
                }
                Kind::Other => {
                    out.truncate(before);
                    return false;
                }
                kind => shape = shape.then(kind, c, last),
            }
            count += 1;
            last = c;
            chars.next();
        }
        let mut after = end;
        while chars.next_if(|&(_, c)| c == ' ').is_some() {
            after += 1;
        }
        if after < line.len() && matches!(last, '(' | '[' | '“' | '"' | '\'') {
            out.truncate(before);
            return false;
        }
        let (word, spaces) = (&line[start..end], &line[end..after]);
        if matches!(shape, Shape::Letters | Shape::Closing) {
            out.push(Word {
                word,
                spaces,
                plain: Some(count),
            });
        } else if shape == Shape::Dash {
            // One word, as the rules find it; measured by the general case (a hyphen is).
            out.push(Word::unicode((word, spaces)));
        } else {
            // Asked with the spaces after it: textwrap drops the break at the end of what it
            // is given, and after a chunk's spaces that is the break at the spaces.
            out.extend(unicode_words(&line[start..after]).map(Word::unicode));
        }
    }
    true
}

/// Splits one hard line (at `start` in `text`) into pieces no wider than `width`.
fn pieces(text: &str, start: usize, line: &str, width: usize) -> Vec<Piece> {
    let base = line.as_ptr() as usize;
    let mut out: Vec<Piece> = Vec::with_capacity(line.len() / 4 + 1);
    let mut words = Vec::with_capacity(line.len() / 4 + 1);
    if !chunk_words(line, &mut words) {
        words.extend(unicode_words(line).map(Word::unicode));
    }
    for Word {
        word,
        spaces,
        plain,
    } in words
    {
        if let Some(w) = plain {
            // One column a character and a space, no break inside: one piece.
            let at = start + (word.as_ptr() as usize - base);
            let piece = Piece {
                word: at..at + word.len(),
                width: w,
                whitespace: spaces.len(),
                penalty: 0,
            };
            push_piece(text, piece, width, &mut out);
            continue;
        }
        // A break opportunity that is not at a space (after a quote, a dash, a CJK character)
        // can leave spaces at the front of the next word: they belong to the gap before it.
        let content = word.trim_start();
        let leading = &word[..word.len() - content.len()];
        let whitespace = self::width(spaces);
        if !leading.is_empty()
            && let Some(previous) = out.last_mut()
        {
            previous.whitespace += self::width(leading);
            if content.is_empty() {
                previous.whitespace += whitespace;
            }
        }
        let at = start + (content.as_ptr() as usize - base);
        // Most words: one piece, as wide as it has characters.
        if let Some(w) = plain_width(content).filter(|_| !content.is_empty()) {
            let piece = Piece {
                word: at..at + content.len(),
                width: w,
                whitespace,
                penalty: 0,
            };
            push_piece(text, piece, width, &mut out);
            continue;
        }
        // textwrap does not break after '-' or soft hyphens itself; do it here.
        let mut parts = split_after_hyphens(content).peekable();
        while let Some(part) = parts.next() {
            let part_at = at + (part.as_ptr() as usize - content.as_ptr() as usize);
            let is_last = parts.peek().is_none();
            let shown = visible(part);
            // A soft hyphen shows as '-' at a break only after something visible.
            let soft = part.ends_with(SOFT_HYPHEN) && !shown.is_empty();
            let piece = Piece {
                word: part_at..part_at + part.len(),
                width: self::width(&shown),
                whitespace: if is_last { whitespace } else { 0 },
                penalty: usize::from(soft),
            };
            push_piece(text, piece, width, &mut out);
        }
    }
    out
}

/// Adds `piece` to `out`, broken into pieces that fit when it is wider than the line.
fn push_piece(text: &str, piece: Piece, width: usize, out: &mut Vec<Piece>) {
    if piece.width + piece.penalty > width {
        break_long(text, piece, width, out);
    } else {
        out.push(piece);
    }
}

/// The width of `word` when it is drawn as it is and never split: no hyphen, soft hyphen or
/// zero-width space, and every character one column wide ([`is_single_cell`]). One pass,
/// where the general case looks at the word four times.
fn plain_width(word: &str) -> Option<usize> {
    let mut n = 0;
    for c in word.chars() {
        if c == '-' || c == SOFT_HYPHEN || !is_single_cell(c) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Splits a word after each hyphen or soft hyphen that follows a letter or digit.
fn split_after_hyphens(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // Most words have no hyphen at all: no per-character work for them.
        let mut cut = rest.len();
        if rest.contains(['-', SOFT_HYPHEN]) {
            let mut prev = None;
            for (i, c) in rest.char_indices() {
                let end = i + c.len_utf8();
                if (c == '-' || c == SOFT_HYPHEN)
                    && prev.is_some_and(char::is_alphanumeric)
                    && end < rest.len()
                {
                    cut = end;
                    break;
                }
                prev = Some(c);
            }
        }
        let (part, after) = rest.split_at(cut);
        rest = after;
        Some(part)
    })
}

/// Breaks a piece wider than the line into pieces that fit, preferring to break after
/// `/`, `?`, `&` or `-` when that keeps at least a third of the line filled.
fn break_long(text: &str, piece: Piece, width: usize, out: &mut Vec<Piece>) {
    let word = &text[piece.word.clone()];
    let mut chunk_start = piece.word.start;
    let mut chunk_width = 0;
    // (byte offset just after a preferred break, width up to it)
    let mut preferred: Option<(usize, usize)> = None;
    for (i, g) in word.grapheme_indices(true) {
        let at = piece.word.start + i;
        let w = if g == "\u{ad}" || g == "\u{200b}" {
            0
        } else {
            grapheme_width(g)
        };
        // A loop: after cutting at a preferred point, what is left may still not take `g`.
        while chunk_width + w > width && chunk_width > 0 {
            let (cut, cut_width) = match preferred {
                Some((cut, cut_width)) if cut_width * 3 >= width => (cut, cut_width),
                _ => (at, chunk_width),
            };
            out.push(Piece {
                word: chunk_start..cut,
                width: cut_width,
                whitespace: 0,
                penalty: 0,
            });
            chunk_width -= cut_width;
            chunk_start = cut;
            preferred = None;
        }
        chunk_width += w;
        if matches!(g, "/" | "?" | "&" | "-") {
            preferred = Some((at + g.len(), chunk_width));
        }
    }
    out.push(Piece {
        word: chunk_start..piece.word.end,
        width: chunk_width,
        whitespace: piece.whitespace,
        // No room for the hyphen: the break still happens, the hyphen is not drawn.
        penalty: if chunk_width + piece.penalty > width {
            0
        } else {
            piece.penalty
        },
    });
}

/// `text` safe to print as one line anywhere (an error message on stderr, a file name): every
/// control, line break and invisible direction mark is written as a visible `\u{..}` escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_dropped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() || is_dropped(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn single_cell_characters_are_one_column_wide() {
        use unicode_width::UnicodeWidthChar;
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| is_single_cell(c) && c != SOFT_HYPHEN) {
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert_eq!(grapheme_width(c.encode_utf8(&mut [0; 4])), 1, "{c:?}");
        }
    }

    use super::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        wrap(text, width)
            .iter()
            .map(|l| l.render(text).into_owned())
            .collect()
    }

    #[test]
    fn clean_removes_whole_escape_sequences() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;pwned\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{1b}P1$r\u{1b}\\y"), "xy");
        assert_eq!(clean("x\u{1b}_apc\u{9c}y"), "xy");
        assert_eq!(clean("x\u{9b}2Jy"), "xy");
        assert_eq!(clean("x\u{1b}(By"), "xy");
        assert_eq!(clean("x\u{1b}cy"), "xy");
    }

    #[test]
    fn clean_removes_only_what_belongs_to_a_sequence() {
        assert_eq!(clean("Vi\u{1b}ệt"), "Việt");
        assert_eq!(clean("one\u{1b}\rtwo"), "one\ntwo");
        assert_eq!(clean("one\u{1b}(\ntwo"), "one\ntwo");
        assert_eq!(clean("a\u{1b}\u{1b}[31mred"), "ared");
        assert_eq!(clean("x\u{1b}]0;t\u{1b}[1mbold"), "xbold");
        assert_eq!(clean("x\u{1b}7y\u{1b}=z"), "xyz");
    }

    #[test]
    fn clean_unterminated_string_stops_at_line_break() {
        assert_eq!(clean("a\u{1b}]0;title\nstory"), "a\nstory");
    }

    #[test]
    fn clean_controls_bidi_and_carriage_returns() {
        assert_eq!(clean("a\u{0}b\u{7f}c\u{85}d"), "abcd");
        assert_eq!(
            clean("evil\u{202e}txt.exe\u{2066}x\u{2069}"),
            "eviltxt.exex"
        );
        assert_eq!(clean("one\r\ntwo\rthree"), "one\ntwo\nthree");
        // Found by fuzzing: a line separator inside a paragraph broke the line-width count.
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\n\nc");
    }

    #[test]
    fn clean_expands_tabs_to_stops() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("\tb"), "    b");
        assert_eq!(clean("abcd\te\nx\ty"), "abcd    e\nx   y");
    }

    #[test]
    fn clean_normalizes_to_nfc() {
        let nfd = "Vie\u{302}\u{323}t Nam";
        assert_eq!(clean(nfd), "Việt Nam");
        assert_eq!(clean("Việt Nam"), "Việt Nam");
    }

    #[test]
    fn width_counts_graphemes_like_ratatui() {
        assert_eq!(width("Việt"), 4);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(
            width("\u{ad}"),
            0,
            "ratatui would append it to the cell before"
        );
    }

    #[test]
    fn truncating_by_characters_equals_truncating_by_graphemes() {
        let by_graphemes = |text: &str, max: usize| -> String {
            let mut out = String::new();
            let mut used = 0;
            for g in text.graphemes(true) {
                let w = grapheme_width(g);
                if used + w > max - 1 {
                    break;
                }
                out.push_str(g);
                used += w;
            }
            out.truncate(out.trim_end().len());
            out + "…"
        };
        for text in [
            "Việt Nam - Hàn Quốc hợp tác toàn diện trong lĩnh vực môi trường",
            "Cận cảnh phòng học “5 sao” tại trường",
            "soft\u{ad}hy\u{ad}phen and – dashes — ‘quotes’ …",
        ] {
            for max in 1..text.chars().count() {
                if width(text) > max {
                    assert_eq!(truncate(text, max), by_graphemes(text, max), "{text} {max}");
                }
            }
        }
    }

    #[test]
    fn truncate_ends_with_ellipsis_on_a_boundary() {
        assert_eq!(truncate("Hà Nội", 10), "Hà Nội");
        assert_eq!(truncate("Hà Nội mùa thu", 6), "Hà Nộ…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("日本語", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("ab cd", 4), "ab…");
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
    }

    #[test]
    fn wrap_keeps_hard_breaks_and_collapses_blank_runs() {
        assert_eq!(lines("\n\na\n\n\n\nb\n\n", 10), ["a", "", "b"]);
        assert_eq!(lines("a\nb", 10), ["a", "b"]);
    }

    #[test]
    fn wrap_breaks_long_words_at_url_punctuation() {
        let url = "https://example.org/tin-tuc/2026?id=1&x=2";
        let got = lines(url, 20);
        assert!(got.iter().all(|l| width(l) <= 20), "{got:?}");
        assert_eq!(got.concat(), url);
        assert_eq!(got[0], "https://example.org/");
    }

    #[test]
    fn wrap_wide_characters_never_overflow() {
        let got = lines("a🌞b", 2);
        assert_eq!(got, ["a", "🌞", "b"]);
        let got = lines("日本語のテキスト", 5);
        assert!(got.iter().all(|l| width(l) <= 5), "{got:?}");
    }

    #[test]
    fn wrap_soft_hyphen_shows_only_at_a_break() {
        let text = "extra\u{ad}ordinary";
        assert_eq!(lines(text, 20), ["extraordinary"]);
        assert_eq!(lines(text, 8), ["extra-", "ordinary"]);
    }

    #[test]
    fn wrap_never_breaks_at_no_break_space() {
        assert_eq!(lines("10\u{a0}km away", 5), ["10\u{a0}km", "away"]);
    }

    #[test]
    fn wrap_found_by_fuzzing() {
        // Spaces after a quote, then a lone soft hyphen: no line starts with spaces, and a
        // soft hyphen with nothing before it draws nothing.
        let text = clean("\u{1}Y'\t\u{ad}");
        for line in lines(&text, 2) {
            assert!(width(&line) <= 2 && !line.starts_with(' '), "{line:?}");
        }
    }

    #[test]
    fn wide_spaces_between_words_are_counted() {
        // Found by proptest: an ideographic space alone between two spaces.
        let text = clean("\u{300}\ta一\u{20f1}一\u{a0}ｶ\u{ff9e}\u{3000} \u{3000} 𠀀一");
        for line in lines(&text, 15) {
            assert!(width(&line) <= 15, "{line:?}");
        }
    }

    #[test]
    fn a_cut_at_a_hyphen_leaves_room_for_the_next_character() {
        // Found by fuzzing at width 2: "-*ꄋ" cut after '-' left "*" and then "ꄋ" (2 columns).
        let text = clean("\u{1}-*ꄋ-*!-");
        for line in lines(&text, 2) {
            assert!(width(&line) <= 2, "{line:?}");
        }
    }

    #[test]
    fn a_soft_hyphen_that_does_not_fit_is_not_drawn() {
        assert_eq!(lines("A\u{ad}", 1), ["A"]);
        assert_eq!(lines("AB\u{ad}C", 1), ["A", "B", "C"]);
    }

    /// The words `chunk_words` finds in `line`, without their widths.
    fn chunked(line: &str) -> Option<Vec<(&str, &str)>> {
        let mut words = Vec::new();
        chunk_words(line, &mut words).then(|| words.iter().map(|w| (w.word, w.spaces)).collect())
    }

    #[test]
    fn words_found_a_chunk_at_a_time_where_textwrap_drops_a_break() {
        // textwrap drops the break at the end of what it is given; after a hyphen it drops
        // the one before instead: chunks are asked with their spaces, and a line ending in a
        // hyphen is asked whole.
        for line in ["/a- a", "a -", "31/1/2026 (Ngày Nay) - Đức – Trí…", "a-b c"] {
            if let Some(words) = chunked(line) {
                assert_eq!(words, unicode_words(line).collect::<Vec<_>>(), "{line:?}");
            }
        }
        assert_eq!(chunked("a -"), None);
        assert!(chunked("31/1/2026 (Ngày Nay) - Đức").is_some());
    }

    #[test]
    fn news_prose_is_split_in_one_pass() {
        let line = "Bộ trưởng Đặng Quốc Khánh khẳng định, hợp tác giữa hai Bộ (Điện Biên) \
                    đã mang lại 5% “cơ hội”… ngày 31/1/2026 [1] – Đức–Trí.";
        let mut words = Vec::new();
        assert!(chunk_words(line, &mut words));
        // `Đức–Trí.` is asked of the rules, and breaks after the dash.
        assert_eq!(
            words[words.len() - 3..],
            [
                Word::unicode(("–", " ")),
                Word::unicode(("Đức–", "")),
                Word::unicode(("Trí.", ""))
            ]
        );
        assert_eq!(
            words[0],
            Word {
                word: "Bộ",
                spaces: " ",
                plain: Some(2)
            }
        );
        assert_eq!(
            words.iter().filter(|w| w.plain.is_some()).count(),
            words.len() - 3,
            "{words:?}"
        );
        // A character the pass does not know sends the whole line to the rules, `out` as it
        // was.
        let mut words = vec![words[0]];
        assert!(!chunk_words("Hà Nội 日本", &mut words));
        assert_eq!(words.len(), 1);
    }

    #[test]
    fn one_line_joins_lines_with_spaces() {
        assert_eq!(one_line("Bundle\nSecond\u{ad} line"), "Bundle Second line");
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn printable_escapes_controls_and_direction_marks() {
        assert_eq!(printable("plain Việt"), "plain Việt");
        assert_eq!(
            printable("a\tb\nc\u{1b}[2J\u{202e}"),
            "a\\u{9}b\\u{a}c\\u{1b}[2J\\u{202e}"
        );
    }

    #[test]
    fn wrap_zero_width() {
        assert_eq!(lines("ab", 0), ["a", "b"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn characters_kept_composed_are_plain_and_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let kept: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_kept_composed(c))
            .collect();
        assert_eq!(kept.len(), 1 + 0x5f + 0x260 + 0x100 + 0xc + 0x18);
        for c in kept {
            assert!(is_plain(c), "{c:?} is changed by clean");
            assert!(is_nfc(c.encode_utf8(&mut [0; 4])), "{c:?} is not NFC");
            let class = canonical_combining_class(c);
            assert_eq!(class, 0, "{c:?} has a combining class");
        }
        // Neighbours that are not: a C1 control, the first combining mark, a space that
        // decomposes, a directional mark.
        for c in ['\u{9f}', '\u{300}', '\u{2001}', '\u{200e}'] {
            assert!(!is_kept_composed(c), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn break_hints_are_found_from_their_bytes(
            text in "[a-zđ “”«»…\u{ad}\u{200b}\u{2028}\u{c2}\u{e2}]{0,40}",
        ) {
            proptest::prop_assert_eq!(
                has_break_hints(&text),
                text.contains([SOFT_HYPHEN, ZERO_WIDTH_SPACE]),
            );
        }

        /// A word `plain_width` measures is one piece of that width, as the general case
        /// finds it.
        #[test]
        fn plain_words_are_one_piece_as_wide_as_measured(
            word in "[a-zà-ỹ.,;:!?“”()0-9\u{ad}\u{200b}\u{301}\u{3000}日😀-]{1,12}"
        ) {
            if let Some(w) = plain_width(&word) {
                let parts: Vec<&str> = split_after_hyphens(&word).collect();
                proptest::prop_assert_eq!(parts, [word.as_str()]);
                proptest::prop_assert_eq!(width(&visible(&word)), w);
                proptest::prop_assert!(!word.ends_with(SOFT_HYPHEN));
            }
        }

        /// `is_clean` with its shortcut says what the plain definition says: every character
        /// kept as it is, and the whole text in NFC.
        #[test]
        fn is_clean_agrees_with_the_normalization_tables(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::char::range('\u{a0}', '\u{2ff}'),
                    4 => proptest::char::range('\u{1e00}', '\u{1eff}'),
                    1 => proptest::char::range('\u{2000}', '\u{2030}'),
                    1 => proptest::char::range('\u{300}', '\u{36f}'),
                    1 => proptest::sample::select(vec![
                        'a', ' ', '\n', '\u{1b}', '\u{85}', '\u{200e}', 'Å', '\u{212b}', '\u{fb01}', '\u{202e}',
                    ]),
                ],
                0..12,
            )
        ) {
            let text: String = chars.into_iter().collect();
            let plain = text.chars().all(is_plain) && is_nfc(&text);
            proptest::prop_assert_eq!(is_clean(&text), plain);
        }

        /// Where `pieces` splits a line a chunk at a time, the words are the ones the
        /// Unicode rules give for the whole line, and a word it measures is one piece of that
        /// width, as the general case finds it.
        #[test]
        fn words_found_a_chunk_at_a_time_are_the_unicode_rules_words(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(
                        (0..=0x1eff_u32)
                            .filter_map(char::from_u32)
                            .filter(|&c| matches!(kind(c), Kind::Letter | Kind::Infix))
                            .collect::<Vec<_>>(),
                    ),
                    4 => proptest::sample::select(vec!['a', 'đ', 'ế', 'Z', '1', '9', ' ', ' ']),
                    3 => proptest::sample::select(vec![
                        '(', ')', '/', '-', '–', '…', '%', '!', '?', '"', '\'', '“', '”', ',', '.', ':', ';',
                        '[', ']', '·', '1', '2', '/',
                    ]),
                    1 => proptest::sample::select(vec!['日', '\u{ad}', '\u{3000}', '—', '\u{301}', '{', '«']),
                ],
                0..30,
            )
        ) {
            let line: String = chars.into_iter().collect();
            let line = line.trim();
            let mut words = Vec::new();
            if chunk_words(line, &mut words) {
                let found: Vec<_> = words.iter().map(|w| (w.word, w.spaces)).collect();
                proptest::prop_assert_eq!(found, unicode_words(line).collect::<Vec<_>>());
                for w in words.iter().filter(|w| w.plain.is_some()) {
                    proptest::prop_assert_eq!(w.plain, plain_width(w.word));
                    proptest::prop_assert_eq!(w.plain, Some(width(w.word)));
                    proptest::prop_assert!(w.spaces.bytes().all(|b| b == b' '));
                }
            } else {
                proptest::prop_assert!(words.is_empty());
            }
        }
    }
}

//! Wrapping clean text to a width: lines break where the Unicode line breaking rules allow,
//! measured with ratatui's grapheme widths, so a wrapped line never overflows its pane and a
//! wide character is never cut in half.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::SOFT_HYPHEN;
use super::measure::{self, grapheme_width};
use super::visible::visible;
use super::words::{Word, chunk_words, plain_width, split_after_hyphens, unicode_words};

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
    let mut out = Vec::new();
    wrap_each(text, width, |line| out.push(line));
    out
}

/// [`wrap`], handing each line to `emit` as it is found. What it holds meanwhile does not
/// grow with the text: a long line's words are found a stretch at a time and placed on lines
/// as they come, so wrapping a paragraph of any length needs memory only for its lines.
pub fn wrap_each(text: &str, width: usize, emit: impl FnMut(WrapLine)) {
    wrap_in_stretches(text, width, STRETCH, emit);
}

/// How many bytes of a long line have their words found at a time (see [`stretches`]).
const STRETCH: usize = 16 * 1024;

/// [`wrap_each`] with the words of a long line found `stretch` bytes at a time.
fn wrap_in_stretches(text: &str, width: usize, stretch: usize, mut emit: impl FnMut(WrapLine)) {
    let width = width.max(1);
    // A blank line is held until a line with text follows it: none ends the text.
    let mut blank: Option<WrapLine> = None;
    let mut any = false;
    let mut offset = 0;
    for raw_line in text.split('\n') {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let trimmed = raw_line.trim_start();
        let start = line_start + (raw_line.len() - trimmed.len());
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            if any && blank.is_none() {
                blank = Some(WrapLine {
                    range: start..start,
                    hyphen: false,
                });
            }
            continue;
        }
        let mut filler = Filler {
            text,
            width,
            line: None,
            emit: |line: WrapLine| {
                if let Some(blank) = blank.take() {
                    emit(blank);
                }
                any = true;
                emit(line);
            },
        };
        pieces(text, start, trimmed, width, stretch, &mut filler);
        filler.finish();
    }
}

/// Places pieces on lines as they come, first fit, exactly as textwrap's
/// `wrap_first_fit` does with the whole list: a piece goes on the line when it fits (with
/// its hyphen), else it starts the next one.
struct Filler<'t, F: FnMut(WrapLine)> {
    text: &'t str,
    width: usize,
    /// The line being filled: where its first piece starts, its last piece, and the columns
    /// taken (whitespace after each piece included).
    line: Option<(usize, Piece, usize)>,
    emit: F,
}

impl<F: FnMut(WrapLine)> Filler<'_, F> {
    fn place(&mut self, piece: Piece) {
        let (start, taken) = match self.line.take() {
            Some((start, _, taken)) if taken + piece.width + piece.penalty <= self.width => {
                (start, taken)
            }
            Some((start, last, _)) => {
                self.end_line(start, &last);
                (piece.word.start, 0)
            }
            None => (piece.word.start, 0),
        };
        let taken = taken + piece.width + piece.whitespace;
        self.line = Some((start, piece, taken));
    }

    fn finish(&mut self) {
        if let Some((start, last, _)) = self.line.take() {
            self.end_line(start, &last);
        }
    }

    fn end_line(&mut self, start: usize, last: &Piece) {
        // A word can hold spaces where the break rules allow no break (before a soft
        // hyphen, say); a line never starts or ends with them.
        let words = &self.text[start..last.word.end];
        let content = words.trim();
        if visible(content).is_empty() {
            return;
        }
        let start = start + (words.len() - words.trim_start().len());
        (self.emit)(WrapLine {
            range: start..start + content.len(),
            hyphen: last.penalty > 0,
        });
    }
}

/// Where pieces go as they are made: the last one waits, since the next word may add to the
/// whitespace after it.
struct Pieces<'f, 't, F: FnMut(WrapLine)> {
    filler: &'f mut Filler<'t, F>,
    last: Option<Piece>,
}

impl<F: FnMut(WrapLine)> Pieces<'_, '_, F> {
    fn push(&mut self, piece: Piece) {
        if let Some(last) = self.last.replace(piece) {
            self.filler.place(last);
        }
    }

    fn last_mut(&mut self) -> Option<&mut Piece> {
        self.last.as_mut()
    }
}

/// Splits one hard line (at `start` in `text`) into pieces no wider than `width`, placing
/// each with `filler`.
fn pieces<F: FnMut(WrapLine)>(
    text: &str,
    start: usize,
    line: &str,
    width: usize,
    stretch: usize,
    filler: &mut Filler<'_, F>,
) {
    let base = line.as_ptr() as usize;
    let mut out = Pieces { filler, last: None };
    let mut words = Vec::with_capacity(line.len().min(stretch) / 4 + 1);
    for part in stretches(line, stretch) {
        words.clear();
        if !chunk_words(part, &mut words) {
            words.extend(unicode_words(part));
        }
        for &Word {
            word,
            spaces,
            plain,
        } in &words
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
            // A break opportunity that is not at a space (after a quote, a dash, a CJK
            // character) can leave spaces at the front of the next word: they belong to the
            // gap before it.
            let content = word.trim_start();
            let leading = &word[..word.len() - content.len()];
            let whitespace = measure::width(spaces);
            if !leading.is_empty()
                && let Some(previous) = out.last_mut()
            {
                previous.whitespace += measure::width(leading);
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
                    width: measure::width(&shown),
                    whitespace: if is_last { whitespace } else { 0 },
                    penalty: usize::from(soft),
                };
                push_piece(text, piece, width, &mut out);
            }
        }
    }
    if let Some(last) = out.last.take() {
        out.filler.place(last);
    }
}

/// `line` cut into stretches of about `size` bytes whose words can be found apart: each cut
/// is just before an ASCII letter that follows spaces after an ASCII letter, where the line
/// breaking rules always break and no rule looks across. The last stretch keeps a break of
/// its own (textwrap drops the last break of a line ending in `-`, wherever it is).
fn stretches(line: &str, size: usize) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = cut_after(rest, size)
            .filter(|&cut| cut_after(rest, cut + 1).is_some())
            .unwrap_or(rest.len());
        let (stretch, after) = rest.split_at(cut);
        rest = after;
        Some(stretch)
    })
}

/// The first place at or after byte `from` of `text` where an ASCII letter follows spaces
/// that follow an ASCII letter: the letter's offset.
fn cut_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let space = at + memchr::memchr(b' ', bytes.get(at..)?)?;
        let mut end = space;
        while bytes.get(end) == Some(&b' ') {
            end += 1;
        }
        let letter_before = space > 0 && bytes[space - 1].is_ascii_alphabetic();
        if letter_before && bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            return Some(end);
        }
        at = end;
    }
}

/// Adds `piece` to `out`, broken into pieces that fit when it is wider than the line.
fn push_piece<F: FnMut(WrapLine)>(
    text: &str,
    piece: Piece,
    width: usize,
    out: &mut Pieces<'_, '_, F>,
) {
    if piece.width + piece.penalty > width {
        break_long(text, piece, width, out);
    } else {
        out.push(piece);
    }
}

/// A place a long word is best broken at (after `/`, `?`, `&` or `-`).
#[derive(Debug, Clone, Copy)]
struct PreferredBreak {
    /// Byte offset in the text just after the break.
    at: usize,
    /// Width of the chunk up to it.
    width: usize,
}

/// Breaks a piece wider than the line into pieces that fit, preferring to break after
/// `/`, `?`, `&` or `-` when that keeps at least a third of the line filled.
fn break_long<F: FnMut(WrapLine)>(
    text: &str,
    piece: Piece,
    width: usize,
    out: &mut Pieces<'_, '_, F>,
) {
    let word = &text[piece.word.clone()];
    let mut chunk_start = piece.word.start;
    let mut chunk_width = 0;
    let mut preferred: Option<PreferredBreak> = None;
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
                Some(PreferredBreak { at, width: w }) if w * 3 >= width => (at, w),
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
            preferred = Some(PreferredBreak {
                at: at + g.len(),
                width: chunk_width,
            });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{clean, width};
    use proptest::prelude::*;

    fn lines(text: &str, width: usize) -> Vec<String> {
        wrap(text, width)
            .iter()
            .map(|l| l.render(text).into_owned())
            .collect()
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

    #[test]
    fn wrap_zero_width() {
        assert_eq!(lines("ab", 0), ["a", "b"]);
        assert!(wrap("", 10).is_empty());
    }

    fn token() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "a",
            "bc",
            "Hà",
            "Nội",
            "(x",
            "y)",
            "-",
            "co-op",
            "ab-",
            "\u{ad}",
            "ex\u{ad}tra",
            "日本",
            "\u{200b}",
            "“q”",
            "10\u{a0}km",
            " ",
            ",",
            ".",
            "é",
            "https://e.org/a?b=1&c",
            "🌞",
            "\n",
            "\n\n",
            "word",
            "'",
            "\"",
            "[1]",
            "5%",
            "31/1/2026.",
            "–",
            "COVID-19",
            "averyveryverylongwordwithoutbreaks",
            "ｶ\u{ff9e}",
            "\u{3000}",
            "a\u{301}",
            "!",
            "?",
        ])
    }

    proptest! {
        #[test]
        fn words_found_a_stretch_at_a_time_wrap_as_the_whole_line(
            tokens in proptest::collection::vec((token(), 0usize..3), 0..80),
            width in 1usize..30,
            stretch in 1usize..40,
        ) {
            let mut text = String::new();
            for (token, spaces) in tokens {
                text.push_str(token);
                text.push_str(&" ".repeat(spaces));
            }
            let text = clean(&text);
            let mut whole = Vec::new();
            wrap_in_stretches(&text, width, usize::MAX, |l| whole.push(l));
            let mut cut = Vec::new();
            wrap_in_stretches(&text, width, stretch, |l| cut.push(l));
            prop_assert_eq!(whole, cut, "{:?} at {}, stretches of {}", text, width, stretch);
        }
    }

    #[test]
    fn stretches_are_cut_between_letters_and_the_last_keeps_a_break() {
        let line = "ab cd  ef (g h-";
        let got: Vec<&str> = stretches(line, 1).collect();
        assert_eq!(got, ["ab ", "cd  ", "ef (g h-"]);
        assert_eq!(stretches("one", 1).collect::<Vec<_>>(), ["one"]);
    }
}

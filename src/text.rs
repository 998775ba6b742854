//! The one place untrusted text becomes screen text.
//!
//! Everything a bundle says passes through [`clean`] once, when it is loaded: escape sequences
//! (with their payloads), other controls and bidirectional overrides go, tabs become spaces,
//! line endings become `\n`, and the result is NFC. After that, [`width`], [`truncate`] and
//! [`wrap`] measure text with exactly the grapheme widths ratatui draws with, so a wrapped line
//! never overflows its pane and a wide character is never cut in half.
//!
//! - `clean`: escape sequences, controls, bidirectional overrides, tabs, NFC.
//! - `measure`: widths and cutting, and the one table of one-column characters
//!   (`one_column`) that `ui` and `present` use too.
//! - `visible`: text as drawn (break hints left out, one line) and text safe to print.
//! - `words`: the words of a line, as the line breaking rules find them.
//! - `wrap`: lines of a width, from those words.

mod clean;
mod direction;
mod measure;
mod visible;
mod words;
mod wrap;

pub use clean::{TAB_STOP, clean, clean_owned};
pub use direction::starts_right_to_left;
pub(crate) use measure::one_column;
pub use measure::{fit, grapheme_width, is_single_cell, truncate, width};
pub use visible::{one_line, printable, visible};
pub use wrap::{WrapLine, wrap, wrap_each};

/// A break hint: a place a word may be broken, drawn as `-` only where it is.
pub(crate) const SOFT_HYPHEN: char = '\u{ad}';
/// A break hint: a place a line may break, drawn as nothing.
const ZERO_WIDTH_SPACE: char = '\u{200b}';

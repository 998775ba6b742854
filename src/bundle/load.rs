//! Reading bytes into a [`Bundle`], or a [`LoadError`] that says exactly what and where.

use std::path::Path;
use std::sync::Arc;

use super::error::{JsonPlace, LoadError, Result};
use super::fast::{self, BOM, Progress};
use super::locate::{cut_deep, locate, locate_duplicate, too_deep};
use super::model::{Bundle, Warning};
use super::raw::{self, MAX_DEPTH, Object, RawBundle, VersionOnly};
use super::source::Source;
use crate::text::printable;

/// The sample bundle shipped inside the binary.
pub const SAMPLE: &str = include_str!("../../sample-feed/ngay-nay.json");
/// The name the sample goes by in messages and the title bar.
pub const SAMPLE_NAME: &str = "sample-feed/ngay-nay.json";

/// Loads the embedded sample bundle.
pub fn sample() -> Result<Bundle> {
    load_source(SAMPLE_NAME, Source::Static(SAMPLE.as_bytes()), &|_| {})
}

/// How messages name the bundle at `path`: `<stdin>` for `-`, otherwise the path, printable.
pub fn source_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        printable(&path.display().to_string()).into_owned()
    }
}

/// Reads and loads a bundle from a file (mapped into memory), or from standard input when
/// `path` is `-`.
pub fn load_path(path: &Path) -> Result<Bundle> {
    load_path_with(path, &|_| {})
}

/// [`load_path`], calling `progress` now and then while a large bundle is parsed (from the
/// calling thread, about every 50 ms).
pub fn load_path_with(path: &Path, progress: &dyn Fn(Progress)) -> Result<Bundle> {
    let file = source_name(path);
    let read = if path.as_os_str() == "-" {
        crate::limits::read_capped(std::io::stdin().lock(), crate::limits::MOST_READ)
            .map(Source::Owned)
    } else {
        std::fs::File::open(path).and_then(|f| {
            // A pipe or a device is read once, within the bound; a file is mapped.
            if f.metadata()?.is_file() {
                Source::map(&f)
            } else {
                crate::limits::read_capped(f, crate::limits::MOST_READ).map(Source::Owned)
            }
        })
    };
    match read {
        Ok(source) => load_source(&file, source, progress),
        Err(source) => Err(LoadError::Read { file, source }),
    }
}

/// Parses and validates a whole bundle held in memory. `file` is how messages name it.
pub fn load(file: &str, bytes: &[u8]) -> Result<Bundle> {
    load_source(file, Source::Owned(bytes.to_vec()), &|_| {})
}

/// [`load`] of bytes already read (standard input, a download), without copying them.
pub fn load_owned(file: &str, bytes: Vec<u8>, progress: &dyn Fn(Progress)) -> Result<Bundle> {
    load_source(file, Source::Owned(bytes), progress)
}

/// The fast path, falling back to [`load_full`] for anything it does not take, so that every
/// refusal has the full parse's exact message, path and place.
fn load_source(file: &str, source: Source, progress: &dyn Fn(Progress)) -> Result<Bundle> {
    let source = Arc::new(source);
    match fast::load(&source, progress) {
        Some(bundle) => Ok(bundle),
        // Declined, or a duplicate id: the full parse says what and where.
        None => load_full(file, &source),
    }
}

/// Parses and validates a whole bundle in one plain serde pass, keeping everything: the
/// reference the fast path is tested against, and the source of every error message.
pub fn load_full(file: &str, bytes: &[u8]) -> Result<Bundle> {
    // Messages go to a terminal: nothing the file name or the document says may act on it.
    let file = &*printable(file);
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        LoadError::NotUtf8 {
            file: file.to_owned(),
            byte: bytes.get(at).copied().unwrap_or(0),
            place: place_at(String::new(), bytes, at),
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::Syntax {
            file: file.to_owned(),
            what: "the file is empty (or only white space), expected a bundle object".into(),
            place: JsonPlace::default(),
        });
    }
    // What nests deeper than the limit is read empty and said once: serde has no limit of
    // its own for unknown fields but the stack.
    let (shallow, cut) = match too_deep(text, MAX_DEPTH) {
        Some(_) => {
            let (shallow, cuts) = cut_deep(text, MAX_DEPTH);
            let cut = cuts.first().map(|&at| {
                let place = place_at(String::new(), text.as_bytes(), at);
                Warning {
                    path: format!(
                        "line {}, column {}",
                        place.line.unwrap_or(0),
                        place.column.unwrap_or(0)
                    ),
                    message: match cuts.len() {
                        1 => format!("a value nested deeper than {MAX_DEPTH} levels, read empty"),
                        n => format!(
                            "{n} values nested deeper than {MAX_DEPTH} levels, read empty \
                             (this is the first)"
                        ),
                    },
                }
            });
            (Some(shallow), cut)
        }
        None => (None, None),
    };
    let text = shallow.as_deref().unwrap_or(text);
    match parse::<Object<RawBundle>>(text) {
        Ok(Object(raw)) => {
            let mut bundle = Bundle::from_raw(raw);
            bundle.warnings.extend(cut);
            Ok(bundle)
        }
        Err(err) => {
            // A bundle of another version is named as such even when its content would fail
            // first: the version explains everything else.
            if let Err(version_err) = parse::<Object<VersionOnly>>(text)
                && version_err.message.starts_with(raw::UNSUPPORTED)
            {
                return Err(version_err.into_error(file, text));
            }
            Err(err.into_error(file, text))
        }
    }
}

/// Whether a parse failure is of JSON itself or of the bundle contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParseFailureKind {
    Syntax,
    Contract,
}

/// A parse failure before it is given a file name.
struct ParseFailure {
    kind: ParseFailureKind,
    message: String,
    path: String,
    line: usize,
    column: usize,
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> std::result::Result<T, ParseFailure> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        ParseFailure::new(e.into_inner(), path)
    })?;
    de.end().map_err(|e| ParseFailure::new(e, String::new()))?;
    Ok(value)
}

impl ParseFailure {
    fn new(err: serde_json::Error, path: String) -> Self {
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let full = err.to_string();
        let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        ParseFailure {
            kind: if err.is_syntax() || err.is_eof() {
                ParseFailureKind::Syntax
            } else {
                ParseFailureKind::Contract
            },
            message,
            path,
            line: err.line(),
            column: err.column(),
        }
    }

    fn into_error(self, file: &str, text: &str) -> LoadError {
        let (what, path) = match raw::split_duplicate(&self.message) {
            Some(duplicate) => (
                duplicate.message,
                format!("articles[{}].id", duplicate.index),
            ),
            None => (plain_words(&self.message), clean_path(&self.path)),
        };
        // serde quotes the document's own strings (keys, values) in its messages.
        let what = printable(&what).into_owned();
        let mut byte_column = self.column;
        let what = if self.message.contains("surrogate") || self.message.contains("hex escape") {
            let problem = escape_problem(text, self.line, self.column);
            // Point at the escape itself (char_column counts up to and including a byte).
            byte_column = problem.at.map_or(byte_column, |at| at + 1);
            problem.what
        } else {
            what
        };
        // A value that parsed but broke a rule is pointed at where it starts; serde would say
        // where it stopped reading, which can be the next line.
        // A field checked after its block was read names itself: point the path at it.
        let (what, path) = match what.strip_suffix('`').and_then(|w| w.rsplit_once(" in `")) {
            Some((message, field)) => (message.to_owned(), format!("{path}.{field}")),
            None => (what, path),
        };
        let duplicate = what
            .strip_prefix("duplicate field `")
            .and_then(|rest| rest.strip_suffix('`'));
        let offset = match (self.kind, duplicate) {
            (ParseFailureKind::Syntax, _) => None,
            (ParseFailureKind::Contract, Some(key)) => {
                locate_duplicate(text, &path, key).or_else(|| locate(text, &path))
            }
            (ParseFailureKind::Contract, None) => locate(text, &path),
        };
        let path = printable(&path).into_owned();
        let place = match offset {
            Some(offset) => place_at(path, text.as_bytes(), offset),
            None if self.line == 0 => JsonPlace {
                path,
                line: None,
                column: None,
            },
            None => JsonPlace {
                path,
                line: Some(self.line),
                column: Some(char_column(text, self.line, byte_column)),
            },
        };
        let file = file.to_owned();
        match self.kind {
            ParseFailureKind::Syntax => LoadError::Syntax { file, what, place },
            ParseFailureKind::Contract => LoadError::Contract { file, what, place },
        }
    }
}

/// What is wrong with the `\u` escape just before a parse error, in words: serde_json calls a
/// lone high surrogate "unexpected end of hex escape" and a lone low one "leading".
fn escape_problem(text: &str, line: usize, byte_column: usize) -> EscapeProblem {
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let before = line_text
        .get(..byte_column.min(line_text.len()))
        .unwrap_or(line_text);
    // The last two escapes before the error: `\ud800\u0041` fails on the second but is about
    // the first.
    let mut escapes = before.rmatch_indices("\\u").take(2).map(|(at, _)| {
        let e = &before[at..];
        (e.get(..6).unwrap_or(e), at)
    });
    let (last, previous) = (escapes.next(), escapes.next());
    let is_surrogate = |e: &str| {
        e.get(2..)
            .and_then(|hex| u16::from_str_radix(hex, 16).ok())
            .is_some_and(|v| (0xD800..0xE000).contains(&v))
    };
    match (last, previous) {
        (Some((e, at)), _) | (_, Some((e, at))) if is_surrogate(e) => EscapeProblem {
            what: format!("the escape `{e}` is a lone surrogate, not a character"),
            at: Some(at),
        },
        (Some((e, at)), _) => EscapeProblem {
            what: format!("the escape `{e}` is not four hex digits"),
            at: Some(at),
        },
        (None, _) => EscapeProblem {
            what: "a \\u escape is not a character".to_owned(),
            at: None,
        },
    }
}

/// A bad `\u` escape in words, and the byte column of its backslash on its line when found.
struct EscapeProblem {
    what: String,
    at: Option<usize>,
}

/// serde_path_to_error writes `?` for a key it has not read yet and `.` for the document;
/// neither helps a reader, so both go.
fn clean_path(path: &str) -> String {
    let path = path.replace(".?", "");
    if path == "?" || path == "." {
        String::new()
    } else {
        path
    }
}

/// serde's words for JSON things, in JSON's own words.
fn plain_words(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("expected ident", "expected a JSON value"),
        ("expected value", "expected a JSON value"),
        ("EOF while parsing a list", "the file ends inside an array"),
        (
            "EOF while parsing an object",
            "the file ends inside an object",
        ),
        (
            "EOF while parsing a string",
            "the file ends inside a string",
        ),
        (
            "EOF while parsing a value",
            "the file ends where a value should be",
        ),
        ("invalid type: map", "invalid type: object"),
        ("invalid type: sequence", "invalid type: array"),
        ("expected a sequence", "expected an array"),
        ("expected a map", "expected an object"),
        ("expected u64", "expected a whole number"),
    ];
    let mut out = message.to_owned();
    for (serde, plain) in WORDS {
        out = out.replace(serde, plain);
    }
    out
}

/// serde_json counts columns in bytes; people count characters. Converts a 1-based line and
/// serde's byte column into a 1-based character column.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut end = byte_column.min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end += 1;
    }
    line_text[..end].chars().count().max(1)
}

/// The place at `path` whose 1-based line and character column are those of byte `at` in
/// possibly invalid UTF-8.
fn place_at(path: String, bytes: &[u8], at: usize) -> JsonPlace {
    let before = &bytes[..at.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count();
    JsonPlace {
        path,
        line: Some(line),
        column: Some(column),
    }
}

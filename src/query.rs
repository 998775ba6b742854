//! The query language the search line, saved queries and the command line share, in the
//! spirit of elfeed's and eilmeldung's filters:
//!
//! - words and `"quoted phrases"`, matched as search matches (case folded, and diacritics
//!   only when the query has some: `ha noi` finds `Hà Nội`);
//! - `tag:x`, `feed:name`, `author:name`, `title:words` (matched as words are);
//! - `unread`, `read`, `starred`;
//! - `after:2026-11-01`, `before:2026-12-01` (days, UTC), `newer:2d` (`h`, `d`, `w`);
//! - `-` before any of them (or a group) leaves out what it matches; `or` between two
//!   alternatives; parentheses group. Terms side by side must all hold.
//!
//! A query that cannot be read is an error naming the column (in characters, from 1) where
//! it goes wrong. No I/O here: [`Expr::matches`] asks a [`Story`] what it is.

use crate::search;

mod parse;
#[cfg(test)]
mod tests;

pub use parse::parse;

/// A query, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// Every one holds (an empty list: every story).
    All(Vec<Expr>),
    /// At least one holds.
    Any(Vec<Expr>),
    Not(Box<Expr>),
    /// Words or a phrase in the story's text.
    Text(search::Query),
    /// A tag, lower-cased: tags match whatever their case.
    Tag(String),
    Feed(search::Query),
    Author(search::Query),
    /// Words or a phrase in the title alone.
    Title(search::Query),
    Unread,
    Read,
    Starred,
    /// Published at or after this time (seconds since 1970, UTC).
    After(i64),
    /// Published before this time.
    Before(i64),
    /// Published at most this many seconds before now.
    Newer(i64),
}

/// What a query asks of a story.
#[derive(Debug, Clone, Copy, Default)]
pub struct Story<'a> {
    /// The text words are looked for in (title, section, lead, as the caller has them).
    pub text: &'a str,
    pub title: &'a str,
    pub tags: &'a [String],
    /// The name of the feed it came from.
    pub feed: &'a str,
    pub authors: &'a [String],
    pub read: bool,
    pub starred: bool,
    /// When it was published (seconds since 1970, UTC), if it says.
    pub published: Option<i64>,
}

/// Why a query could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct QueryError {
    /// The character it goes wrong at, counted from 1.
    pub column: usize,
    pub message: String,
}

impl Expr {
    /// Whether `story` is one the query asks for, `now` being the time `newer:` counts
    /// back from (seconds since 1970).
    pub fn matches(&self, story: &Story<'_>, now: i64) -> bool {
        match self {
            Expr::All(all) => all.iter().all(|e| e.matches(story, now)),
            Expr::Any(any) => any.iter().any(|e| e.matches(story, now)),
            Expr::Not(e) => !e.matches(story, now),
            Expr::Text(q) => q.matches(story.text),
            Expr::Tag(tag) => story
                .tags
                .iter()
                .any(|t| t.chars().flat_map(char::to_lowercase).eq(tag.chars())),
            Expr::Feed(q) => q.matches(story.feed),
            Expr::Author(q) => story.authors.iter().any(|a| q.matches(a)),
            Expr::Title(q) => q.matches(story.title),
            Expr::Unread => !story.read,
            Expr::Read => story.read,
            Expr::Starred => story.starred,
            Expr::After(t) => story.published.is_some_and(|p| p >= *t),
            Expr::Before(t) => story.published.is_some_and(|p| p < *t),
            Expr::Newer(span) => story
                .published
                .is_some_and(|p| p >= now.saturating_sub(*span)),
        }
    }

    /// Whether the query asks for every story (nothing typed).
    pub fn is_everything(&self) -> bool {
        matches!(self, Expr::All(all) if all.is_empty())
    }
}

/// Seconds since 1970 at the start of a day of the proleptic Gregorian calendar, UTC.
pub fn day_start(year: i64, month: u32, day: u32) -> i64 {
    // Howard Hinnant's days-from-civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

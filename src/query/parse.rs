//! Reading a query: its text cut into tokens (each with the column it starts at), then read
//! by recursive descent, `or` binding looser than terms side by side, `-` tighter.

use super::{Expr, QueryError, day_start};
use crate::search;

/// The fields a `name:value` term may name, as errors list them.
const FIELDS: &str = "tag, feed, author, title, after, before, newer";

/// The longest span `newer:` takes, so that counting back never overflows: a century.
const NEWER_MOST: i64 = 100 * 366 * 86_400;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    Minus,
    Or,
    /// A word, or (quoted) a phrase; `field` when it was `name:value`.
    Word {
        text: String,
        quoted: bool,
        field: Option<(String, usize)>,
    },
}

/// Reads `text` as a query. Nothing but spaces is the query of every story.
pub fn parse(text: &str) -> Result<Expr, QueryError> {
    let tokens = tokens(text)?;
    let mut reader = Reader {
        tokens,
        at: 0,
        end: text.chars().count() + 1,
    };
    let expr = reader.or_expr()?;
    match reader.tokens.get(reader.at) {
        None => Ok(expr),
        Some((Token::Close, column)) => Err(error(*column, "`)` without its `(`")),
        Some((_, column)) => Err(error(*column, "unexpected here")),
    }
}

fn error(column: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        column,
        message: message.into(),
    }
}

/// The tokens of `text`, each with its column (from 1).
fn tokens(text: &str) -> Result<Vec<(Token, usize)>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push((Token::Open, column));
                i += 1;
            }
            ')' => {
                out.push((Token::Close, column));
                i += 1;
            }
            '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                out.push((Token::Minus, column));
                i += 1;
            }
            '-' => return Err(error(column, "nothing after `-` to leave out")),
            '"' => {
                let (phrase, next) = quoted(&chars, i)?;
                out.push((
                    Token::Word {
                        text: phrase,
                        quoted: true,
                        field: None,
                    },
                    column,
                ));
                i = next;
            }
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()\"".contains(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let field = word
                    .split_once(':')
                    .filter(|(name, _)| !name.is_empty() && name.chars().all(char::is_alphabetic))
                    .map(|(name, _)| name.to_lowercase());
                match field {
                    Some(name) => {
                        let value_at = start + name.chars().count() + 1;
                        let mut value: String = chars[value_at..i].iter().collect();
                        // `feed:"Ars Technica"`: the phrase is the value.
                        if value.is_empty() && chars.get(i) == Some(&'"') {
                            let (phrase, next) = quoted(&chars, i)?;
                            value = phrase;
                            i = next;
                        }
                        out.push((
                            Token::Word {
                                text: value,
                                quoted: false,
                                field: Some((name, value_at + 1)),
                            },
                            column,
                        ));
                    }
                    None if word == "or" || word == "OR" => out.push((Token::Or, column)),
                    None => out.push((
                        Token::Word {
                            text: word,
                            quoted: false,
                            field: None,
                        },
                        column,
                    )),
                }
            }
        }
    }
    Ok(out)
}

/// The phrase in quotes starting at `open`, and where the text goes on after it.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let close = chars[open + 1..]
        .iter()
        .position(|&c| c == '"')
        .ok_or_else(|| error(open + 1, "a phrase without its closing `\"`"))?;
    let phrase = chars[open + 1..open + 1 + close].iter().collect();
    Ok((phrase, open + close + 2))
}

struct Reader {
    tokens: Vec<(Token, usize)>,
    at: usize,
    /// The column just past the text, where "nothing here" errors point.
    end: usize,
}

impl Reader {
    fn peek(&self) -> Option<&(Token, usize)> {
        self.tokens.get(self.at)
    }

    fn column(&self) -> usize {
        self.peek().map_or(self.end, |(_, c)| *c)
    }

    fn or_expr(&mut self) -> Result<Expr, QueryError> {
        let first_at = self.column();
        let first = self.and_expr()?;
        if !matches!(self.peek(), Some((Token::Or, _))) {
            return Ok(first);
        }
        if first.is_everything() {
            return Err(error(first_at, "nothing before `or`"));
        }
        let mut any = vec![first];
        while let Some((Token::Or, _)) = self.peek() {
            self.at += 1;
            let at = self.column();
            let next = self.and_expr()?;
            if next.is_everything() {
                return Err(error(at, "nothing after `or`"));
            }
            any.push(next);
        }
        Ok(Expr::Any(any))
    }

    fn and_expr(&mut self) -> Result<Expr, QueryError> {
        let mut all = Vec::new();
        while let Some((token, _)) = self.peek() {
            if matches!(token, Token::Or | Token::Close) {
                break;
            }
            all.push(self.unary()?);
        }
        Ok(if all.len() == 1 {
            all.remove(0)
        } else {
            Expr::All(all)
        })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let Some((token, column)) = self.peek().cloned() else {
            return Err(error(self.end, "the query ends too soon"));
        };
        self.at += 1;
        match token {
            Token::Minus => Ok(Expr::Not(Box::new(self.unary()?))),
            Token::Open => {
                let inner = self.or_expr()?;
                match self.peek() {
                    Some((Token::Close, _)) => {
                        self.at += 1;
                        if inner.is_everything() {
                            return Err(error(column, "nothing between `(` and `)`"));
                        }
                        Ok(inner)
                    }
                    _ => Err(error(column, "`(` without its `)`")),
                }
            }
            Token::Close => Err(error(column, "`)` without its `(`")),
            Token::Or => Err(error(column, "nothing before `or`")),
            Token::Word {
                text,
                quoted,
                field,
            } => match field {
                Some((name, value_at)) => field_term(&name, &text, column, value_at),
                None => word_term(&text, quoted, column),
            },
        }
    }
}

fn word_term(text: &str, quoted: bool, column: usize) -> Result<Expr, QueryError> {
    if !quoted {
        match text {
            "unread" => return Ok(Expr::Unread),
            "read" => return Ok(Expr::Read),
            "starred" => return Ok(Expr::Starred),
            _ => {}
        }
    }
    search::Query::new(text)
        .map(Expr::Text)
        .ok_or_else(|| error(column, "an empty phrase"))
}

fn field_term(name: &str, value: &str, column: usize, value_at: usize) -> Result<Expr, QueryError> {
    if !matches!(
        name,
        "tag" | "feed" | "author" | "title" | "after" | "before" | "newer"
    ) {
        return Err(error(
            column,
            format!("no field `{name}:` (there are {FIELDS}; quote a word with a colon)"),
        ));
    }
    if value.trim().is_empty() {
        return Err(error(value_at, format!("nothing after `{name}:`")));
    }
    let words = |value: &str| {
        search::Query::new(value).ok_or_else(|| error(value_at, format!("nothing after `{name}:`")))
    };
    match name {
        "tag" => Ok(Expr::Tag(value.to_lowercase())),
        "feed" => Ok(Expr::Feed(words(value)?)),
        "author" => Ok(Expr::Author(words(value)?)),
        "title" => Ok(Expr::Title(words(value)?)),
        "after" => Ok(Expr::After(date(value, value_at)?)),
        "before" => Ok(Expr::Before(date(value, value_at)?)),
        _ => Ok(Expr::Newer(span(value, value_at)?)),
    }
}

/// `YYYY-MM-DD` as the start of that day, UTC.
fn date(value: &str, column: usize) -> Result<i64, QueryError> {
    let bad = || error(column, format!("`{value}` is not a date like 2026-11-01"));
    let mut parts = value.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (year, month, day): (i64, u32, u32) = match (y.parse(), m.parse(), d.parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(error(column + 5, format!("no month {m} in `{value}`"))),
    };
    if day == 0 || day > days {
        return Err(error(column + 8, format!("no day {d} in `{value}`")));
    }
    Ok(day_start(year, month, day))
}

/// `3h`, `2d`, `1w` in seconds.
fn span(value: &str, column: usize) -> Result<i64, QueryError> {
    let bad = || {
        error(
            column,
            format!("`{value}` is not a time like 12h, 2d or 1w"),
        )
    };
    let unit = value.chars().last().ok_or_else(bad)?;
    let seconds = match unit {
        'h' => 3_600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return Err(bad()),
    };
    let number = &value[..value.len() - unit.len_utf8()];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: i64 = number.parse().map_err(|_| bad())?;
    n.checked_mul(seconds)
        .filter(|s| *s <= NEWER_MOST)
        .ok_or_else(|| error(column, format!("`{value}` is more than a century")))
}

//! `--keys` as a script: besides keys, the steps a frame test needs — `|` to take a frame
//! there, `resize:COLSxROWS` to change the terminal's size as a live terminal does, and
//! `wait` to let the work newsterm does between keys (laying out a long story, the search,
//! related lists) finish, as it does while a person reads.

use ratatui::crossterm::event::KeyEvent;

use super::{UnknownKey, Word, first_word, parse_key, typed};
use crate::layout::{MAX_CELLS, MAX_SIDE};

/// One step of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Key(KeyEvent),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The work waiting for idle moments is done before the next step.
    Wait,
    /// A frame is taken here.
    Frame,
}

/// Parses a script: what [`parse_keys`] reads, plus `|`, `wait` and `resize:COLSxROWS`
/// (names in any case). A quoted `"|"` or `"wait"` types those characters.
pub fn parse_script(spec: &str) -> Result<Vec<Step>, UnknownKey> {
    Ok(parse_tokens(spec)?
        .into_iter()
        .flat_map(|t| t.steps)
        .collect())
}

/// One word of a script as written, and its steps (quoted text is one word of many keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub steps: Vec<Step>,
}

/// [`parse_script`], keeping each word with its steps.
pub fn parse_tokens(spec: &str) -> Result<Vec<Token>, UnknownKey> {
    let mut out = Vec::new();
    let mut rest = spec.trim_start();
    while !rest.is_empty() {
        let (word, written, tail) = first_word(rest);
        // Quoted text is typed, whatever it holds.
        let steps = match word {
            Word::Text(text) => typed(text).map(Step::Key).collect(),
            Word::Name(name) => match special(name)? {
                Some(step) => vec![step],
                None => vec![Step::Key(parse_key(name)?)],
            },
        };
        out.push(Token {
            text: written.to_owned(),
            steps,
        });
        rest = tail.trim_start();
    }
    Ok(out)
}

/// `|`, `wait` or `resize:…`; `None` for a key.
fn special(token: &str) -> Result<Option<Step>, UnknownKey> {
    if token == "|" {
        return Ok(Some(Step::Frame));
    }
    if token.eq_ignore_ascii_case("wait") {
        return Ok(Some(Step::Wait));
    }
    let lower = token.to_ascii_lowercase();
    match lower.strip_prefix("resize:") {
        Some(size) => parse_size(size)
            .map(|(cols, rows)| Some(Step::Resize(cols, rows)))
            .map_err(|_| UnknownKey(token.to_owned())),
        None => Ok(None),
    }
}

/// `COLSxROWS` within the limits every frame keeps: at most [`MAX_SIDE`] on a side and
/// [`MAX_CELLS`] cells, none zero.
pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (cols, rows) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?} is not COLSxROWS, e.g. 120x40"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{s:?}: sizes are whole numbers from 1 to 65535"))
    };
    let (cols, rows) = (parse(cols)?, parse(rows)?);
    // A frame is a buffer of cells held whole in memory: 65535x65535 would ask for hundreds
    // of gigabytes and abort. The caps are far beyond any real terminal.
    if cols > MAX_SIDE || rows > MAX_SIDE {
        return Err(format!(
            "{s:?}: at most {MAX_SIDE} columns and {MAX_SIDE} rows"
        ));
    }
    if usize::from(cols) * usize::from(rows) > MAX_CELLS {
        return Err(format!(
            "{s:?}: at most {MAX_CELLS} cells (COLS times ROWS)"
        ));
    }
    Ok((cols, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn steps(spec: &str) -> Vec<Step> {
        parse_script(spec).expect("parses")
    }

    fn key(c: char) -> Step {
        Step::Key(KeyEvent::from(KeyCode::Char(c)))
    }

    #[test]
    fn frames_resizes_and_waits_between_keys() {
        assert_eq!(
            steps("j j | RESIZE:80x24 Wait |"),
            vec![
                key('j'),
                key('j'),
                Step::Frame,
                Step::Resize(80, 24),
                Step::Wait,
                Step::Frame
            ]
        );
        // `|` stands alone: `j|` is not a key name.
        assert!(parse_script("j|").is_err());
    }

    #[test]
    fn quoted_text_is_typed_even_when_it_names_a_step() {
        assert_eq!(steps(r#""|""#), vec![key('|')]);
        assert_eq!(
            steps(r#""wait" |"#),
            vec![key('w'), key('a'), key('i'), key('t'), Step::Frame]
        );
        assert_eq!(
            steps(r#"/ "net zero" Enter"#).len(),
            1 + "net zero".len() + 1
        );
    }

    #[test]
    fn bad_sizes_are_unknown_keys() {
        for bad in ["resize:0x10", "resize:80", "resize:5000x5000", "resize:axb"] {
            assert_eq!(parse_script(bad), Err(UnknownKey(bad.to_owned())), "{bad}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1X1"), Ok((1, 1)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("120").is_err());
        assert!(parse_size("70000x1").is_err());
        assert_eq!(parse_size("4096x244"), Ok((4096, 244)));
        assert!(parse_size("4097x1").is_err());
        assert!(parse_size("1x4097").is_err());
        assert!(parse_size("1000x1001").is_err());
        assert!(parse_size("65535x65535").is_err());
    }
}

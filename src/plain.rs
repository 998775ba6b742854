//! `--plain`: the stories as lines of text, for screen readers, `less` and pipes. The
//! headline list as numbered lines, or one story laid out as the reader pane lays it out
//! (`crate::document`), then its related stories. Pure: the caller loads the stories and
//! says where the text goes. No escape sequence and no control character but the line feed
//! ever comes out of here, whatever the stories hold.

use std::fmt::Write;

use crate::bundle::{Article, Bundle};
use crate::document::{self, Role};
use crate::text;
use crate::ui::Glyphs;

/// One headline of the list, with what a reader needs to choose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub title: String,
    /// The feed (when the list mixes sources), the section and the date, those present.
    pub about: Vec<String>,
    pub unread: bool,
    pub starred: bool,
}

impl Headline {
    /// Story `index` of `bundle` as the list names it.
    pub fn of(bundle: &Bundle, index: usize, unread: bool, starred: bool) -> Option<Headline> {
        let article = bundle.articles.get(index)?;
        Some(Headline {
            title: article.title.clone(),
            about: about(bundle, article),
            unread,
            starred,
        })
    }
}

/// What a list says of a story besides its title: its source when the bundle mixes several,
/// its section, its day.
fn about(bundle: &Bundle, article: &Article) -> Vec<String> {
    let source = (bundle.origins.len() > 1)
        .then(|| bundle.origins.get(usize::from(article.origin)))
        .flatten()
        .map(|o| o.name.clone());
    source
        .into_iter()
        .chain(article.section.clone())
        .chain(
            article
                .published
                .as_deref()
                .map(|p| document::day(p).to_owned()),
        )
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// Counts for the list's title line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Stories in the bundle.
    pub all: usize,
    pub unread: usize,
    pub starred: usize,
}

/// The headline list: a title line with the counts, a blank line, then one numbered line per
/// story, `12. Title — feed, section, date (unread, starred)`. `query` is the query that
/// picked the stories, if one did; `none` is said when there are no rows. The numbers are
/// what `--story N` takes.
pub fn headlines(
    title: &str,
    tally: Tally,
    query: Option<&str>,
    rows: &[Headline],
    none: &str,
) -> String {
    let mut out = String::new();
    let title = line(title);
    let count = match query {
        Some(q) => format!(
            "{} of {} match {:?}",
            rows.len(),
            stories(tally.all),
            line(q).trim()
        ),
        None => stories(rows.len()),
    };
    let _ = write!(out, "{title} — {count}, {} unread", tally.unread);
    if tally.starred > 0 {
        let _ = write!(out, ", {} starred", tally.starred);
    }
    out.push('\n');
    if rows.is_empty() {
        let _ = writeln!(out, "\n{}", line(none));
        return out;
    }
    out.push('\n');
    let digits = rows.len().to_string().len();
    for (n, row) in rows.iter().enumerate() {
        let _ = write!(out, "{:>digits$}. {}", n + 1, line(&row.title));
        if !row.about.is_empty() {
            let about: Vec<String> = row.about.iter().map(|a| line(a).into_owned()).collect();
            let _ = write!(out, " — {}", about.join(", "));
        }
        let states: Vec<&str> = [(row.unread, "unread"), (row.starred, "starred")]
            .into_iter()
            .filter_map(|(on, word)| on.then_some(word))
            .collect();
        if !states.is_empty() {
            let _ = write!(out, " ({})", states.join(", "));
        }
        out.push('\n');
    }
    out
}

/// "1 story", "2 stories".
fn stories(n: usize) -> String {
    format!("{n} {}", if n == 1 { "story" } else { "stories" })
}

/// A related story as the story's list of them names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub headline: Headline,
    /// Its number in the headline list (what `--story` takes), when the list shows it.
    pub number: Option<usize>,
}

/// One story as text `width` columns wide: title, metadata (source, section, date,
/// authors), lead and body as the reader pane lays them out, the numbered links of the text
/// and the story's link, then its related stories, numbered. `ascii`: the reader's markers
/// (quote bars, bullets) in ASCII, as `--ascii` draws them.
pub fn story(article: &Article, width: usize, ascii: bool, related: &[Related]) -> String {
    let width = width.max(1);
    let doc = document::build(article, width);
    let glyphs = if ascii {
        Glyphs::ASCII
    } else {
        Glyphs::UNICODE
    };
    let mut out = String::new();
    let mut shown = String::new();
    for index in 0..doc.line_count() {
        shown.clear();
        doc.each_span(index, |span, role| match role {
            Role::Marker => shown.push_str(&glyphs.marker(span)),
            _ => shown.push_str(span),
        });
        out.push_str(&safe(shown.trim_end()));
        out.push('\n');
    }
    if !related.is_empty() {
        out.push('\n');
        hanging(&mut out, "", "Related stories:", None, width);
        let digits = related.len().to_string().len();
        for (n, story) in related.iter().enumerate() {
            let mut entry = line(&story.headline.title).into_owned();
            if !story.headline.about.is_empty() {
                let about: Vec<String> = story
                    .headline
                    .about
                    .iter()
                    .map(|a| line(a).into_owned())
                    .collect();
                let _ = write!(entry, " — {}", about.join(", "));
            }
            let label = format!("{:>digits$}. ", n + 1);
            let number = story.number.map(|n| format!("(--story {n})"));
            hanging(&mut out, &label, &entry, number.as_deref(), width);
        }
    }
    out
}

/// `text` after `label`, wrapped to `width` with its later lines under its first (a hanging
/// indent; under the label where the column is too narrow for that), then `last`, kept whole
/// on the last line or on one of its own.
fn hanging(out: &mut String, label: &str, text: &str, last: Option<&str>, width: usize) {
    let indent = text::width(label);
    let (room, first, rest) = if width >= indent + 12 {
        (width - indent, label, " ".repeat(indent))
    } else {
        if !label.trim().is_empty() {
            out.push_str(label.trim_end());
            out.push('\n');
        }
        (width, "", String::new())
    };
    let mut lines: Vec<String> = text::wrap(text, room)
        .iter()
        .map(|l| l.render(text).trim_end().to_owned())
        .collect();
    if let Some(last) = last {
        match lines.last_mut() {
            Some(end) if text::width(end) + 1 + text::width(last) <= room => {
                end.push(' ');
                end.push_str(last);
            }
            _ => lines.extend(
                text::wrap(last, room)
                    .iter()
                    .map(|l| l.render(last).trim_end().to_owned()),
            ),
        }
    }
    for (i, shown) in lines.iter().enumerate() {
        out.push_str(if i == 0 { first } else { &rest });
        out.push_str(shown);
        out.push('\n');
    }
}

/// Text for one line: clean, break hints left out, line breaks as spaces.
fn line(text: &str) -> std::borrow::Cow<'_, str> {
    let shown = text::one_line(text);
    if shown.chars().any(char::is_control) {
        std::borrow::Cow::Owned(safe(&shown).replace('\n', " "))
    } else {
        shown
    }
}

/// Text that reached here through `text::clean` already, with any control character left
/// out all the same: what `--plain` prints goes to pipes and pagers as it is.
fn safe(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

/// Which story of the list `value` names: digits alone are a number in the list (or, when
/// the list is shorter, the id of a story, as some feeds' ids are numbers); anything else is
/// an id, and `id:` before it makes it one whatever it is. `ids` are the listed stories' ids
/// in list order; the answer is a place in that list. The error names what was asked.
pub fn pick(value: &str, ids: &[&str]) -> Result<usize, String> {
    let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = digits.then(|| value.parse::<usize>().ok()).flatten()
        && (1..=ids.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let by_id = |id: &str| ids.iter().position(|&listed| listed == id);
    if let Some(at) = by_id(value) {
        return Ok(at);
    }
    if let Some(at) = value.strip_prefix("id:").and_then(by_id) {
        return Ok(at);
    }
    let shown = text::printable(value);
    Err(if digits {
        format!(
            "--story {shown}: no such story: the list has {}",
            stories(ids.len())
        )
    } else {
        format!("--story \"{shown}\": no story in the list has this id")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Block, Details};

    fn headline(title: &str, about: &[&str], unread: bool, starred: bool) -> Headline {
        Headline {
            title: title.into(),
            about: about.iter().map(|s| (*s).to_owned()).collect(),
            unread,
            starred,
        }
    }

    #[test]
    fn the_list_numbers_each_story_and_says_its_state_in_words() {
        let rows = [
            headline("First", &["World", "2026-11-02"], true, false),
            headline("Second\u{ad}ly", &[], false, true),
            headline("Third\nline", &["Tech"], false, false),
        ];
        let tally = Tally {
            all: 3,
            unread: 1,
            starred: 1,
        };
        assert_eq!(
            headlines("News", tally, None, &rows, ""),
            "News — 3 stories, 1 unread, 1 starred\n\n\
             1. First — World, 2026-11-02 (unread)\n\
             2. Secondly (starred)\n\
             3. Third line — Tech\n"
        );
    }

    #[test]
    fn numbers_line_up_and_a_query_is_named() {
        let rows: Vec<Headline> = (0..10)
            .map(|i| headline(&format!("S{i}"), &[], false, false))
            .collect();
        let tally = Tally {
            all: 40,
            unread: 0,
            starred: 0,
        };
        let out = headlines("B", tally, Some("tag:x"), &rows, "");
        assert!(
            out.starts_with("B — 10 of 40 stories match \"tag:x\", 0 unread\n\n 1. S0\n"),
            "{out}"
        );
        assert!(out.ends_with("\n10. S9\n"), "{out}");
        assert_eq!(
            headlines("B", Tally::default(), None, &[], "No stories."),
            "B — 0 stories, 0 unread\n\nNo stories.\n"
        );
    }

    #[test]
    fn no_control_character_comes_out() {
        let rows = [headline("a\u{1b}[2Jb\u{7}", &["x\u{9b}y"], false, false)];
        let out = headlines("t\u{1b}]0;x\u{7}", Tally::default(), None, &rows, "");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }

    fn article() -> Article {
        Article {
            id: "a1".into(),
            title: "A title long enough to wrap at twenty".into(),
            published: Some("2026-11-02T07:00:00Z".into()),
            has_body: true,
            details: Some(Box::new(Details {
                url: Some("https://example.com/a1".into()),
                source: Some("Wire".into()),
                authors: vec!["Ann".into()],
                body: vec![
                    Block::Heading("Part".into()),
                    Block::Quote("Said so.".into()),
                    Block::list(vec!["one".into(), "two".into()]),
                    Block::Paragraph("See https://example.org/x now.".into()),
                ],
                ..Details::default()
            })),
            ..Article::default()
        }
    }

    #[test]
    fn a_story_is_the_reader_layout_as_text() {
        let related = [Related {
            headline: headline(
                "Another story about the same thing",
                &["World"],
                true,
                false,
            ),
            number: Some(4),
        }];
        let out = story(&article(), 30, false, &related);
        let expected = "A title long enough to wrap at\n\
                        twenty\n\
                        Wire · 2026-11-02 07:00 UTC ·\n\
                        Ann\n\
                        \n\
                        Part\n\
                        \n\
                        │ Said so.\n\
                        \n\
                        • one\n\
                        • two\n\
                        \n\
                        See https://example.org/x [1]\n\
                        now.\n\
                        \n\
                        Links in the story:\n\
                        [1] https://example.org/x\n\
                        \n\
                        Link: https://example.com/a1\n\
                        \n\
                        Related stories:\n\
                        1. Another story about the\n   same thing — World\n   (--story 4)\n";
        assert_eq!(out, expected);
        let ascii = story(&article(), 30, true, &[]);
        assert!(
            ascii.contains("\n| Said so.\n* one\n") || ascii.contains("\n| Said so.\n\n* one\n")
        );
        for width in [0, 1, 2, 5, 13] {
            for line in story(&article(), width, false, &related).lines() {
                assert!(
                    text::width(line) <= width.max(1) || !line.contains(' '),
                    "{width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn a_story_is_picked_by_number_or_by_id() {
        let ids = ["x", "2", "id:q", "42"];
        assert_eq!(pick("1", &ids), Ok(0));
        assert_eq!(pick("4", &ids), Ok(3));
        // Digits past the list are an id when one matches.
        assert_eq!(pick("42", &ids), Ok(3));
        assert_eq!(pick("x", &ids), Ok(0));
        assert_eq!(pick("id:2", &ids), Ok(1));
        assert_eq!(pick("id:q", &ids), Ok(2));
        assert_eq!(pick("id:x", &ids), Ok(0));
        assert_eq!(
            pick("0", &ids),
            Err("--story 0: no such story: the list has 4 stories".into())
        );
        assert_eq!(
            pick("9", &ids),
            Err("--story 9: no such story: the list has 4 stories".into())
        );
        assert_eq!(
            pick("nope\u{1b}", &ids),
            Err("--story \"nope\\u{1b}\": no story in the list has this id".into())
        );
        assert!(pick("", &ids).is_err());
    }
}

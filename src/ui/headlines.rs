//! The headline list: one story a line, with its section and date when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, frame_pane, pane_block, row_with_right};
use crate::app::{App, Filter};
use crate::bundle::Article;
use crate::document;
use crate::layout::Pane;
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    // Stories still being read after the first screen count as the list's, unless a
    // filter or a search narrows it.
    let loaded = app.bundle().articles.len();
    let following = app.bundle().following;
    let all = loaded + following;
    let total = app.list().len()
        + if app.list().len() == loaded {
            following
        } else {
            0
        };
    // The cursor's place is in the title (the title bar leaves it out while this border
    // shows it): a move rewrites one number just above the rows that change.
    let at = super::bars::cursor_position(app);
    let name = match app.filter() {
        Filter::All => "Headlines",
        Filter::Unread => "Unread",
        Filter::Starred => "Starred",
    };
    let title = if let Some(feed) = app.feed_entered() {
        // A feed entered from the feed list: its name, and its stories alone.
        let feed = text::one_line(feed);
        match app.filter() {
            Filter::All => format!(" {feed} {at}/{total} "),
            _ => format!(" {feed} · {name} {at}/{total} "),
        }
    } else if total == all {
        format!(" {name} {at}/{all} ")
    } else {
        format!(" {name} {at}/{total} of {all} ")
    };
    let none = if app.find().active() {
        " No story matches."
    } else if app.feed_entered().is_some() && app.filter() == Filter::All {
        " No stories from this feed yet: r fetches the feeds."
    } else {
        match app.filter() {
            // The library before its first refresh.
            Filter::All if app.bundle().title == crate::library::TITLE => {
                " No stories yet: r fetches the feeds."
            }
            Filter::All => " No stories in this bundle.",
            Filter::Unread => " No unread stories.",
            Filter::Starred => " No starred stories.",
        }
    };
    let block = pane_block(app, theme, Pane::Headlines, title);
    let inner = frame_pane(app, block, area, buf);
    if total == 0 {
        let row = Rect {
            height: inner.height.min(1),
            ..inner
        };
        row_with_right(row, buf, &[Span::styled(none, theme.dim)], &[], theme.body);
        return;
    }
    let rows = usize::from(inner.height);
    let mixed = Mixed::of(app);
    for (row, &index) in app
        .list()
        .iter()
        .skip(app.list_offset())
        .take(rows)
        .enumerate()
    {
        let line = Rect {
            y: inner.y + u16::try_from(row).unwrap_or(0),
            height: 1,
            ..inner
        };
        render_row(app, theme, &mixed, index, line, buf);
    }
    if !app.zoom() {
        super::scrollbar(area, buf, theme, total, rows, app.list_offset());
    }
}

/// One headline: the marks for the story in the reader and for starred or unread, the title,
/// and its section and date on the right when there is room.
fn render_row(app: &App, theme: &Theme, mixed: &Mixed, index: usize, line: Rect, buf: &mut Buffer) {
    let article = &app.bundle().articles[index];
    let unread = !app.is_read(index);
    let style = if index == app.selected() {
        if app.focus() == Pane::Headlines {
            theme.selected
        } else {
            theme.selected_idle
        }
    } else {
        theme.body
    };
    // Unread stories stand out by weight as well as by their mark.
    let style = if unread {
        style.patch(theme.unread)
    } else {
        style
    };
    // A list that mixes sources gives its source and date column a little more.
    let room = if mixed.sources {
        usize::from(line.width) * 2 / 5
    } else {
        usize::from(line.width) / 3
    };
    let meta = if mixed.sources {
        mixed.meta(app, article, room.saturating_sub(2))
    } else {
        meta(article)
    };
    // Section and date only when they leave the title the rest of the row.
    let show_meta = !meta.is_empty() && text::width(&meta) + 2 <= room;
    let dim = style.patch(theme.dim);
    let right = [
        Span::styled(" ", dim),
        Span::styled(meta.as_str(), dim),
        Span::styled(" ", dim),
    ];
    let right = if show_meta { &right[..] } else { &[] };
    // The cursor is a highlighted row; the marker is the story in the reader.
    let marker = if index == app.current() {
        theme.glyphs.selected
    } else {
        ' '
    };
    // Then a column for unread and, once any story is starred, one for starred: a starred
    // story keeps its unread mark.
    let flag = if unread { theme.glyphs.unread } else { ' ' };
    let star = (app.counts().starred > 0).then(|| if app.is_starred(index) { '*' } else { ' ' });
    let title = text::one_line(&article.title);
    let mut marks = [0; 12];
    let mut len = 0;
    for c in [Some(marker), Some(flag), star].into_iter().flatten() {
        len += c.encode_utf8(&mut marks[len..]).len();
    }
    let marks = std::str::from_utf8(&marks[..len]).unwrap_or("  ");
    let mark = Span::styled(marks, style);
    // Without a search the title is one span: no list of spans made for every row.
    if app.find().query.is_none() {
        row_with_right(
            line,
            buf,
            &[mark, Span::styled(&*title, style)],
            right,
            style,
        );
    } else {
        let mut left = vec![mark];
        left.extend(super::highlighted(app, theme, &title, style));
        row_with_right(line, buf, &left, right, style);
    }
}

/// What the rows of a list that mixes sources share: the width of the source column and
/// the year a date leaves out.
struct Mixed<'a> {
    sources: bool,
    label_width: usize,
    this_year: Option<&'a str>,
}

/// The widest source label a list that mixes sources gives room to.
const LABEL_MOST: usize = 12;

impl<'a> Mixed<'a> {
    fn of(app: &'a App) -> Self {
        let bundle = app.bundle();
        // Inside one feed its name is on the border, not on every row.
        let sources = bundle.origins.len() > 1 && app.feed_entered().is_none();
        let label_width = if sources {
            bundle
                .origins
                .iter()
                .map(|o| text::width(&source_label(&o.name)))
                .max()
                .unwrap_or(0)
        } else {
            0
        };
        // Merged lists are newest first: the first dated story has the newest year.
        let this_year = bundle
            .articles
            .iter()
            .find_map(|a| a.published.as_deref().and_then(document::year));
        Mixed {
            sources,
            label_width,
            this_year,
        }
    }

    /// The source and a short date, the source's column as wide for every row; the date
    /// alone when both do not fit `room`.
    fn meta(&self, app: &App, article: &Article, room: usize) -> String {
        let name = app
            .bundle()
            .origins
            .get(usize::from(article.origin))
            .map_or_else(String::new, |o| source_label(&o.name));
        let day = article
            .published
            .as_deref()
            .map(|p| document::short_day(p, self.this_year))
            .unwrap_or_default();
        let pad = self.label_width.saturating_sub(text::width(&name));
        let both = format!("{name}{} {day:>8}", " ".repeat(pad));
        if text::width(&both) <= room {
            both
        } else if text::width(&day) <= room {
            day
        } else {
            String::new()
        }
    }
}

/// A source's name as a list that mixes sources labels it, in at most [`LABEL_MOST`]
/// columns: of the parts between subtitle marks (` – `, `: `, ` | ` …), the first that fits
/// whole (`homelab` for `newest submissions : homelab`), else the first part's leading words
/// (`SPIEGEL` for `SPIEGEL Update – Die Nachrichten`); a leading "The" left out.
fn source_label(name: &str) -> String {
    let name = text::one_line(name);
    let mut parts = vec![name.trim()];
    for sep in [" – ", " — ", " - ", ": ", " | ", " · "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    let parts: Vec<&str> = parts
        .into_iter()
        .map(|p| p.trim().trim_end_matches(':'))
        .map(|p| p.strip_prefix("The ").unwrap_or(p).trim())
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(whole) = parts.iter().find(|p| text::width(p) <= LABEL_MOST) {
        return (*whole).to_owned();
    }
    let first = parts.first().copied().unwrap_or_default();
    let mut label = String::new();
    for word in first.split_whitespace() {
        let with = if label.is_empty() {
            word.to_owned()
        } else {
            format!("{label} {word}")
        };
        if text::width(&with) > LABEL_MOST {
            break;
        }
        label = with;
    }
    if label.is_empty() {
        text::truncate(first, LABEL_MOST).into_owned()
    } else {
        label
    }
}

/// Section and date of a headline, those that are present.
fn meta(article: &Article) -> String {
    let day = article.published.as_deref().map(document::day);
    let mut meta = String::with_capacity(64);
    for part in article.section.as_deref().into_iter().chain(day) {
        if !meta.is_empty() {
            meta.push_str(" · ");
        }
        meta.push_str(part);
    }
    match text::one_line(&meta) {
        std::borrow::Cow::Borrowed(_) => meta,
        std::borrow::Cow::Owned(line) => line,
    }
}

#[cfg(test)]
mod tests {
    use super::source_label;

    #[test]
    fn source_labels_are_short_and_whole_words() {
        let cases = [
            ("newest submissions : homelab", "homelab"),
            ("SPIEGEL Update – Die Nachrichten", "SPIEGEL"),
            ("The Cloudflare Blog", "Cloudflare"),
            (
                "reddit.com: search results - site:kevincox.ca",
                "reddit.com",
            ),
            ("In Our Time", "In Our Time"),
            ("Ngày Nay", "Ngày Nay"),
            ("Supercalifragilisticexpialidocious", "Supercalifr…"),
            ("", ""),
            (" – ", "–"),
        ];
        for (name, label) in cases {
            assert_eq!(source_label(name), label, "{name:?}");
        }
    }
}

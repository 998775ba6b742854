//! newsboat's `urls` file: one feed a line, its address then its tags, white space between;
//! a token in double quotes may hold spaces (`"my tag"`, with `\"`, `\\`, `\n`, `\r` and `\t`
//! escaped in it); a `"~Name"` tag names the feed; `#` starts a comment.
//!
//! The file is kept as its lines, each with its own line ending, so that writing it back
//! gives every line not removed byte for byte: comments, blank lines, query feeds
//! (`"query:Title:expr"`) and lines newsterm cannot read are kept, never rewritten. New
//! subscriptions are added as new lines at the end.

use std::path::Path;

use super::{SubsError, Subscription, file_name};

/// The largest subscriptions file read: far more than any list of feeds.
const MOST: u64 = 16 * 1024 * 1024;

/// What kind of source a subscription names. Only [`Kind::Web`] is read by newsterm; the
/// others are newsboat's, kept and exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `http://` or `https://`.
    Web,
    /// `exec:COMMAND`: the feed a command prints.
    Command,
    /// `filter:COMMAND:URL`: a feed passed through a command.
    Filter,
    /// Any other address.
    Other,
}

/// A subscriptions file, line by line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlsFile {
    lines: Vec<Line>,
}

/// One line: its text as it was (no line ending), its ending, and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    text: String,
    /// `"\n"`, `"\r\n"`, or `""` for a last line without one.
    end: &'static str,
    what: What,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum What {
    Blank,
    Comment,
    Feed(Subscription),
    /// A query feed, translated, or why it cannot be.
    Query(Result<super::QueryFeed, String>),
    /// Kept as it is, for this reason.
    Kept(&'static str),
}

/// A line kept that newsterm does not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused<'a> {
    /// From 1.
    pub line: usize,
    pub text: &'a str,
    /// Why it is not used, a few words.
    pub reason: std::borrow::Cow<'static, str>,
}

/// What [`UrlsFile::merge`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Subscriptions (and query lines) added.
    pub added: usize,
    /// Those already there, left as they were.
    pub already: usize,
}

const UNCLOSED: &str = "cannot be read: a quote is not closed";

impl UrlsFile {
    /// Reads the file at `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<UrlsFile, SubsError> {
        let bytes = match crate::limits::read_regular(path, MOST) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UrlsFile::default()),
            Err(source) => {
                return Err(SubsError::Read {
                    file: file_name(path),
                    source,
                });
            }
        };
        UrlsFile::from_bytes(&bytes).map_err(|line| SubsError::Invalid {
            file: file_name(path),
            line,
            what: "not UTF-8 text".to_owned(),
        })
    }

    /// [`UrlsFile::parse`] of bytes that must be UTF-8; the line where they are not otherwise.
    pub fn from_bytes(bytes: &[u8]) -> Result<UrlsFile, usize> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(UrlsFile::parse(text)),
            Err(e) => Err(bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1),
        }
    }

    /// The lines of `text`. Never fails: a line that cannot be read is kept as it is.
    pub fn parse(text: &str) -> UrlsFile {
        let lines = text
            .split_inclusive('\n')
            .map(|raw| {
                let (text, end) = if let Some(t) = raw.strip_suffix("\r\n") {
                    (t, "\r\n")
                } else if let Some(t) = raw.strip_suffix('\n') {
                    (t, "\n")
                } else {
                    (raw, "")
                };
                Line {
                    text: text.to_owned(),
                    end,
                    what: read_line(text),
                }
            })
            .collect();
        UrlsFile { lines }
    }

    /// Every subscription newsterm reads: the `http(s)://` ones, in the file's order.
    pub fn feeds(&self) -> impl Iterator<Item = &Subscription> {
        self.subscriptions().filter(|s| s.kind() == Kind::Web)
    }

    /// Every subscription, of every [`Kind`], in the file's order (query feeds are not
    /// subscriptions: they are kept lines).
    pub fn subscriptions(&self) -> impl Iterator<Item = &Subscription> {
        self.lines.iter().filter_map(|line| match &line.what {
            What::Feed(sub) => Some(sub),
            _ => None,
        })
    }

    /// The lines kept that newsterm does not use, each with its number and why: query
    /// feeds, `exec:` and `filter:` sources, other addresses and lines it cannot read.
    /// Comments and blank lines are not among them.
    pub fn unused(&self) -> Vec<Unused<'_>> {
        let reason = |what: &What| match what {
            What::Kept(reason) => Some((*reason).into()),
            What::Query(Ok(_)) => None,
            What::Query(Err(why)) => Some(format!("a query feed not translated: {why}").into()),
            What::Feed(sub) => match sub.kind() {
                Kind::Web => None,
                Kind::Command => {
                    Some("a command's output (exec:), which newsterm does not run".into())
                }
                Kind::Filter => {
                    Some("a filtered feed (filter:), which newsterm does not run".into())
                }
                Kind::Other => Some("not an http:// or https:// address".into()),
            },
            What::Blank | What::Comment => None,
        };
        self.lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                Some(Unused {
                    line: i + 1,
                    text: &line.text,
                    reason: reason(&line.what)?,
                })
            })
            .collect()
    }

    /// The query feeds newsterm can read, in the file's order.
    pub fn queries(&self) -> impl Iterator<Item = &super::QueryFeed> {
        self.lines.iter().filter_map(|line| match &line.what {
            What::Query(Ok(query)) => Some(query),
            _ => None,
        })
    }

    /// Whether a subscription to `url` is here.
    pub fn contains(&self, url: &str) -> bool {
        self.subscriptions().any(|s| s.url == url)
    }

    /// Adds `sub` as a new line at the end and returns true; when its address is already
    /// here, changes nothing (not even the tags) and returns false.
    pub fn add(&mut self, sub: Subscription) -> bool {
        if self.contains(&sub.url) {
            return false;
        }
        self.push_line(render(&sub), What::Feed(sub));
        true
    }

    /// Gives the subscription to `url` the tags `tags` (its name kept), rewriting its line;
    /// a tag it had written `!tag` (hidden, in newsboat's way) stays so. The tags written,
    /// or `None` when nothing here subscribes to `url`. A feed on two lines has its tags
    /// on the first, and the others' lines lose theirs, so that they are the tags given.
    pub fn set_tags(&mut self, url: &str, tags: &[String]) -> Option<Vec<String>> {
        let mut written = None;
        for line in &mut self.lines {
            let What::Feed(sub) = &mut line.what else {
                continue;
            };
            if sub.url != url {
                continue;
            }
            let hidden = |tag: &str| {
                sub.tags.iter().any(|t| {
                    t.strip_prefix('!')
                        .is_some_and(|t| t.to_lowercase() == tag.to_lowercase())
                })
            };
            let new: Vec<String> = match &written {
                Some(_) => Vec::new(),
                None => tags
                    .iter()
                    .map(|t| {
                        if !t.starts_with('!') && hidden(t) {
                            format!("!{t}")
                        } else {
                            t.clone()
                        }
                    })
                    .collect(),
            };
            if written.is_none() {
                written = Some(new.clone());
            }
            if sub.tags != new {
                sub.tags = new;
                let mut text = render(sub);
                if let Some(at) = comment_at(&line.text) {
                    text.push(' ');
                    text.push_str(&line.text[at..]);
                }
                line.text = text;
            }
        }
        written
    }

    /// Removes every line subscribing to `url`; false when there was none.
    pub fn remove(&mut self, url: &str) -> bool {
        let before = self.lines.len();
        self.lines
            .retain(|line| !matches!(&line.what, What::Feed(sub) if sub.url == url));
        self.lines.len() != before
    }

    /// Adds what `other` subscribes to that is not here yet: its subscriptions (by address)
    /// and its query feeds (by their line's text). Its comments, the lines it cannot read and
    /// addresses of [`Kind::Other`] (what a file that is no list of feeds is read as) are
    /// left out.
    pub fn merge(&mut self, other: &UrlsFile) -> Merged {
        let mut merged = Merged::default();
        for line in &other.lines {
            let added = match &line.what {
                What::Feed(sub) if sub.kind() == Kind::Other => continue,
                What::Feed(sub) => self.add(sub.clone()),
                What::Query(query) => {
                    let text = line.text.trim();
                    let there = self.lines.iter().any(|l| l.text.trim() == text);
                    if !there {
                        self.push_line(text.to_owned(), What::Query(query.clone()));
                    }
                    !there
                }
                _ => continue,
            };
            if added {
                merged.added += 1;
            } else {
                merged.already += 1;
            }
        }
        merged
    }

    /// The file's text: every line as read (or as added), each with its own ending.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(&line.text);
            out.push_str(line.end);
        }
        out
    }

    /// Writes the file whole (atomically), making its folder when there is none.
    pub fn save(&self, path: &Path) -> Result<(), SubsError> {
        let written = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
            _ => Ok(()),
        }
        .and_then(|()| crate::atomic::replace_with(path, self.to_text().as_bytes()));
        written.map_err(|source| SubsError::Write {
            file: file_name(path),
            source,
        })
    }

    /// A line at the end, the last line given an ending first if it had none.
    fn push_line(&mut self, text: String, what: What) {
        if let Some(last) = self.lines.last_mut()
            && last.end.is_empty()
        {
            last.end = "\n";
        }
        self.lines.push(Line {
            text,
            end: "\n",
            what,
        });
    }
}

/// What one line (without its ending) holds.
fn read_line(text: &str) -> What {
    let trimmed = text.trim_start_matches([' ', '\t']);
    if trimmed.trim_end().is_empty() {
        return What::Blank;
    }
    if trimmed.starts_with('#') {
        return What::Comment;
    }
    let Some(tokens) = tokens(trimmed) else {
        return What::Kept(UNCLOSED);
    };
    let mut tokens = tokens.into_iter();
    let Some(url) = tokens.next() else {
        return What::Blank;
    };
    if url.starts_with("query:") {
        return What::Query(super::filter::query_feed(&url));
    }
    if url.is_empty() {
        return What::Kept("cannot be read: no address");
    }
    let mut sub = Subscription::new(url);
    for tag in tokens {
        match tag.strip_prefix('~') {
            // The first name wins; a later one is left in the line as it was.
            Some(name) if !name.is_empty() => {
                sub.name.get_or_insert_with(|| name.to_owned());
            }
            Some(_) => {}
            None => sub.tags.push(tag),
        }
    }
    What::Feed(sub)
}

/// The tokens of a line: white space between them, double quotes around those that hold it,
/// an unquoted `#` starting a comment to the end. `None` for a quote never closed.
fn tokens(line: &str) -> Option<Vec<String>> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| matches!(c, ' ' | '\t')).is_some() {}
        match chars.peek() {
            None | Some('#') => return Some(tokens),
            Some('"') => {
                chars.next();
                let mut token = String::new();
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => token.push(match chars.next()? {
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            other => other,
                        }),
                        c => token.push(c),
                    }
                }
                tokens.push(token);
            }
            Some(_) => {
                let mut token = String::new();
                while let Some(c) = chars.next_if(|c| !matches!(c, ' ' | '\t')) {
                    token.push(c);
                }
                tokens.push(token);
            }
        }
    }
}

/// Where the comment at the end of a line starts: the first `#` that begins a token.
fn comment_at(line: &str) -> Option<usize> {
    let mut quoted = false;
    let mut escaped = false;
    let mut after_space = true;
    for (i, c) in line.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    quoted = false;
                    after_space = true;
                }
                _ => {}
            }
            continue;
        }
        match c {
            '#' if after_space => return Some(i),
            '"' if after_space => quoted = true,
            _ => {}
        }
        after_space = matches!(c, ' ' | '\t');
    }
    None
}

/// The line for a subscription: its address, its tags, then its name as `"~Name"`.
pub fn render(sub: &Subscription) -> String {
    let mut out = token(&sub.url);
    for tag in &sub.tags {
        out.push(' ');
        out.push_str(&token(tag));
    }
    if let Some(name) = sub.name.as_deref().filter(|n| !n.is_empty()) {
        // Quoted always, as newsboat's documentation writes names.
        out.push_str(" \"");
        out.push_str(&quoted(&format!("~{name}")));
        out.push('"');
    }
    out
}

/// `text` as one token: as it is when it can be, else in double quotes with escapes.
fn token(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with('#')
        && !text.contains([' ', '\t', '"', '\\', '\n', '\r']);
    if plain {
        text.to_owned()
    } else {
        format!("\"{}\"", quoted(text))
    }
}

/// `text` with what cannot stand in double quotes escaped.
fn quoted(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! OPML subscription lists, read and written the way newsboat reads and writes them.
//!
//! Reading takes OPML 1.0 and 2.0 and is lenient with what real files hold (unknown
//! attributes and elements, HTML entities, end tags that do not match): an outline with an
//! `xmlUrl` is a feed, named by its `title` or `text`; the outlines around it that have none
//! are folders, whose names become its tags, as do the parts of newsboat's `category`
//! attribute (split at `,` and `/`). newsboat's own forms come back as its `urls` lines: an
//! `xmlUrl` of `|COMMAND` is `exec:COMMAND`, a `filtercmd` attribute makes
//! `filter:FILTERCMD:URL`. A feed met twice (under two folders) is one subscription with the
//! tags of both.
//!
//! Writing gives OPML 2.0 with each tag a folder holding the feeds that have it, so that a
//! list written and read again has the same addresses, tags and names.
//!
//! A small reader on quick-xml rather than the `opml` crate: that crate keeps a fixed set of
//! attributes (newsboat's `filtercmd` would be lost), refuses versions other than 1.0, 1.1
//! and 2.0, and would bring in another XML parser.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::Subscription;

/// Why a document is not a subscription list we can read: a mistake at a line, or the
/// document as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpmlError {
    /// From 1, when the mistake has a place.
    pub line: Option<usize>,
    pub what: String,
}

/// The subscriptions of the OPML document in `bytes` (in any encoding its declaration names),
/// in the order first met.
pub fn read(bytes: &[u8]) -> Result<Vec<Subscription>, OpmlError> {
    let text = crate::feed::decode::utf8_xml(bytes).map_err(|e| OpmlError {
        line: None,
        what: e.to_string(),
    })?;
    let mut reader = quick_xml::Reader::from_str(&text);
    // Real files close what they did not open, or forget to close: the folders are what
    // matters, and they are counted here.
    reader.config_mut().check_end_names = false;
    let mut list = List::default();
    // One entry per open outline: the folder's name, or `None` for a feed or nameless folder.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut seen_root = false;
    let mut in_body = false;
    let mut seen_body = false;
    loop {
        let event = reader.read_event().map_err(|e| OpmlError {
            line: Some(line_at(&text, reader.error_position())),
            // The parser's words may quote the document.
            what: crate::text::printable(&format!("XML error: {e}")).into_owned(),
        })?;
        let (element, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                let name = e.local_name();
                if name.as_ref().eq_ignore_ascii_case("outline") && in_body {
                    open.pop();
                } else if name.as_ref().eq_ignore_ascii_case("body") {
                    in_body = false;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = element.local_name();
        let name = name.as_ref();
        if !seen_root {
            if !name.eq_ignore_ascii_case("opml") {
                return Err(OpmlError {
                    line: None,
                    what: "not OPML: no <opml> at the top".to_owned(),
                });
            }
            seen_root = true;
            continue;
        }
        if name.eq_ignore_ascii_case("body") {
            seen_body = true;
            in_body = !empty;
        } else if name.eq_ignore_ascii_case("outline") && in_body {
            let outline = Outline::of(element);
            let folder = match outline.subscription(&open) {
                Some(sub) => {
                    list.add(sub);
                    None
                }
                None => [outline.title, outline.text]
                    .into_iter()
                    .flatten()
                    .find(|t| !t.is_empty()),
            };
            if !empty {
                open.push(folder);
            }
        }
    }
    if !seen_root {
        return Err(OpmlError {
            line: None,
            what: "not OPML: no <opml> at the top".to_owned(),
        });
    }
    if !seen_body {
        return Err(OpmlError {
            line: None,
            what: "an OPML file without a <body>".to_owned(),
        });
    }
    Ok(list.subs)
}

/// The line (from 1) of byte `at` of `text`.
fn line_at(text: &str, at: u64) -> usize {
    let at = usize::try_from(at).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Subscriptions by address, in the order first met.
#[derive(Default)]
struct List {
    subs: Vec<Subscription>,
    at: std::collections::HashMap<String, usize>,
}

impl List {
    /// Adds `sub`, or its tags (and a name, if it had none) to the one already there.
    fn add(&mut self, sub: Subscription) {
        match self.at.get(&sub.url) {
            Some(&i) => {
                let there = &mut self.subs[i];
                for tag in sub.tags {
                    if !there.tags.contains(&tag) {
                        there.tags.push(tag);
                    }
                }
                if there.name.is_none() {
                    there.name = sub.name;
                }
            }
            None => {
                self.at.insert(sub.url.clone(), self.subs.len());
                self.subs.push(sub);
            }
        }
    }
}

/// The attributes of an `<outline>` that matter here.
#[derive(Default)]
struct Outline {
    text: Option<String>,
    title: Option<String>,
    xml_url: Option<String>,
    category: Option<String>,
    filtercmd: Option<String>,
}

impl Outline {
    fn of(element: &BytesStart<'_>) -> Outline {
        let mut outline = Outline::default();
        // HTML-style attributes (unquoted values) are taken too; a broken one is skipped.
        for attribute in element.html_attributes().flatten() {
            // Values are as written when they hold an entity XML does not know (`&nbsp;`).
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_else(|_| attribute.value.clone());
            let value = Some(Cow::into_owned(value));
            match attribute.key.local_name().as_ref() {
                "text" => outline.text = value,
                "title" => outline.title = value,
                "xmlUrl" | "xmlurl" | "xmlURL" => outline.xml_url = value,
                "category" => outline.category = value,
                "filtercmd" => outline.filtercmd = value,
                _ => {}
            }
        }
        outline
    }

    /// The feed this outline subscribes to, tagged by the folders it is in; `None` for a
    /// folder.
    fn subscription(&self, folders: &[Option<String>]) -> Option<Subscription> {
        let raw = self
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())?;
        let source = match raw.strip_prefix('|') {
            Some(command) => format!("exec:{command}"),
            None => raw.to_owned(),
        };
        let url = match self.filtercmd.as_deref().filter(|f| !f.is_empty()) {
            Some(filter) => format!("filter:{filter}:{source}"),
            None => source,
        };
        let mut tags: Vec<String> = Vec::new();
        let categories = self.category.iter().flat_map(|c| c.split([',', '/']));
        let folders = folders.iter().flatten().map(String::as_str);
        for tag in folders.chain(categories.map(str::trim)) {
            if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        // A feed written without a name has its address as its text and no title.
        let name = match (&self.title, &self.text) {
            (Some(title), _) if !title.is_empty() => Some(title.clone()),
            (_, Some(text)) if !text.is_empty() && text != raw => Some(text.clone()),
            _ => None,
        };
        Some(Subscription { url, tags, name })
    }
}

/// Writes `subs` as an OPML 2.0 document: a folder per tag (in the order first met) holding
/// the feeds that have it, then the feeds without tags. newsboat's `exec:` and `filter:`
/// sources are written as it writes them (`xmlUrl="|COMMAND"`, `filtercmd`).
pub fn write<'a>(
    subs: impl IntoIterator<Item = &'a Subscription>,
    out: &mut impl Write,
) -> io::Result<()> {
    let subs: Vec<&Subscription> = subs.into_iter().collect();
    let mut tags: Vec<&str> = Vec::new();
    for tag in subs.iter().flat_map(|s| &s.tags) {
        if !tags.contains(&tag.as_str()) {
            tags.push(tag);
        }
    }
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<opml version=\"2.0\">")?;
    writeln!(out, "  <head>")?;
    writeln!(out, "    <title>newsterm subscriptions</title>")?;
    writeln!(out, "  </head>")?;
    writeln!(out, "  <body>")?;
    for tag in tags {
        let tag_text = escape(tag);
        writeln!(
            out,
            "    <outline text=\"{tag_text}\" title=\"{tag_text}\">"
        )?;
        for sub in subs.iter().filter(|s| s.tags.iter().any(|t| t == tag)) {
            feed(sub, "      ", out)?;
        }
        writeln!(out, "    </outline>")?;
    }
    for sub in subs.iter().filter(|s| s.tags.is_empty()) {
        feed(sub, "    ", out)?;
    }
    writeln!(out, "  </body>")?;
    writeln!(out, "</opml>")
}

/// One feed's `<outline/>`.
fn feed(sub: &Subscription, indent: &str, out: &mut impl Write) -> io::Result<()> {
    let (url, filter) = match sub.url.strip_prefix("filter:") {
        Some(rest) => match rest.split_once(':') {
            Some((filter, url)) => (url, Some(filter)),
            None => (sub.url.as_str(), None),
        },
        None => (sub.url.as_str(), None),
    };
    let xml_url = match url.strip_prefix("exec:") {
        Some(command) => Cow::Owned(format!("|{command}")),
        None => Cow::Borrowed(url),
    };
    write!(out, "{indent}<outline type=\"rss\"")?;
    match sub.name.as_deref().filter(|n| !n.is_empty()) {
        Some(name) => {
            let name = escape(name);
            write!(out, " text=\"{name}\" title=\"{name}\"")?;
        }
        // No title: the reader takes the text for the address, not a name.
        None => write!(out, " text=\"{}\"", escape(&xml_url))?,
    }
    write!(out, " xmlUrl=\"{}\"", escape(&xml_url))?;
    if let Some(filter) = filter {
        write!(out, " filtercmd=\"{}\"", escape(filter))?;
    }
    writeln!(out, "/>")
}

/// `text` for an attribute value in double quotes: markup escaped, and white space other
/// than the space as character references, since a reader turns it into spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;

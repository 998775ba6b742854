//! Writing bundles: the format's shape for serde to write ([`Doc`]), built from a loaded
//! [`Bundle`] or by a feed reader, and written one story at a time so that converting an
//! archive never holds it all in memory twice.
//!
//! Feeds are turned into a [`Doc`] and then loaded by the bundle loader itself, so that a
//! story from a feed is checked, sanitized and normalized by exactly the code that reads
//! bundles, and `newsterm convert` writes what the reader showed.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{Block, Bundle};
use super::raw::VERSION;

/// A bundle as written: the top level, without its stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Doc {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(skip)]
    pub articles: Vec<DocArticle>,
}

/// One story as written. Absent fields are left out rather than written as `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocArticle {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<DocBlock>,
    /// `None` leaves related stories to the reader; `Some` (even empty) is the editor's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio: Option<DocAudio>,
    /// `rtl` or `ltr`; absent: each paragraph goes the way its first letter does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum DocBlock {
    Paragraph {
        text: String,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
    },
    Image {
        caption: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        alt: Option<String>,
    },
    List {
        items: Vec<String>,
        #[serde(skip_serializing_if = "all_outer")]
        levels: Vec<u8>,
    },
    Code {
        text: String,
    },
    Table {
        rows: Vec<Vec<String>>,
    },
}

/// Whether every item of a list is in the outer list: `levels` is then left out.
fn all_outer(levels: &[u8]) -> bool {
    levels.iter().all(|&l| l == 0)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocAudio {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u64>,
}

impl From<Block> for DocBlock {
    fn from(block: Block) -> Self {
        match block {
            Block::Paragraph(text) => DocBlock::Paragraph { text },
            Block::Heading(text) => DocBlock::Heading { text },
            Block::Quote(text) => DocBlock::Quote { text },
            Block::Image { caption, url, alt } => DocBlock::Image { caption, url, alt },
            Block::List { items, levels } => DocBlock::List { items, levels },
            Block::Code(text) => DocBlock::Code { text },
            Block::Table(rows) => DocBlock::Table { rows },
        }
    }
}

impl From<&Block> for DocBlock {
    fn from(block: &Block) -> Self {
        match block {
            Block::Paragraph(text) => DocBlock::Paragraph { text: text.clone() },
            Block::Heading(text) => DocBlock::Heading { text: text.clone() },
            Block::Quote(text) => DocBlock::Quote { text: text.clone() },
            Block::Image { caption, url, alt } => DocBlock::Image {
                caption: caption.clone(),
                url: url.clone(),
                alt: alt.clone(),
            },
            Block::List { items, levels } => DocBlock::List {
                items: items.clone(),
                levels: levels.clone(),
            },
            Block::Code(text) => DocBlock::Code { text: text.clone() },
            Block::Table(rows) => DocBlock::Table { rows: rows.clone() },
        }
    }
}

impl Doc {
    /// The document as JSON bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to a Vec fails only on a serializer error, which these plain types have not.
        let _ = write_doc(&mut out, self, self.articles.iter().map(Ok));
        out
    }

    /// [`Doc::to_vec`], each story dropped once it is written, into bytes of exactly the
    /// size needed (counted first): a feed's text is never held three times over.
    pub fn into_vec(mut self) -> Vec<u8> {
        let articles = std::mem::take(&mut self.articles);
        let mut counted = Counted(0);
        let _ = write_doc(&mut counted, &self, articles.iter().map(Ok));
        let mut out = Vec::with_capacity(counted.0);
        let _ = write_doc(&mut out, &self, articles.into_iter().map(Ok));
        out
    }
}

/// A writer that only counts the bytes written to it.
struct Counted(usize);

impl Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The top level of `bundle` as a [`Doc`] with no stories, and its stories one at a time,
/// read whole from the file where they were read only in part.
pub fn doc_of(bundle: &Bundle) -> (Doc, impl Iterator<Item = DocArticle> + '_) {
    let top = Doc {
        title: bundle.title.clone(),
        url: bundle.url.clone(),
        language: bundle.language.clone(),
        generated: bundle.generated.clone(),
        articles: Vec::new(),
    };
    let articles = (0..bundle.articles.len()).filter_map(move |i| article_doc(bundle, i));
    (top, articles)
}

/// Story `index` of `bundle` as written. Related stories are written by id.
pub fn article_doc(bundle: &Bundle, index: usize) -> Option<DocArticle> {
    let article = bundle.full_article(index)?;
    let related = article.related_given.then(|| {
        article
            .related
            .iter()
            .filter_map(|&r| bundle.articles.get(r).map(|a| a.id.clone()))
            .collect()
    });
    Some(DocArticle {
        id: article.id.clone(),
        title: article.title.clone(),
        url: article.url.clone(),
        source: article.source.clone(),
        section: article.section.clone(),
        published: article.published.clone(),
        authors: article.authors.clone(),
        lead: article.lead.clone(),
        body: article.body.iter().map(DocBlock::from).collect(),
        related,
        audio: article.audio.as_ref().map(|a| DocAudio {
            url: a.url.clone(),
            duration_s: a.duration_s,
        }),
        dir: article.dir.clone(),
    })
}

/// Writes `top` with `articles` as one bundle document, a story per line: readable in a diff,
/// and never more than one story in memory.
pub fn write_doc<W: Write, A: std::borrow::Borrow<DocArticle>>(
    out: &mut W,
    top: &Doc,
    articles: impl IntoIterator<Item = io::Result<A>>,
) -> io::Result<()> {
    // The top level's fields first, then the stories; the version leads so that a reader of
    // another version can tell at once.
    let head = serde_json::to_string(top).map_err(io::Error::other)?;
    let fields = head
        .strip_prefix('{')
        .and_then(|h| h.strip_suffix('}'))
        .unwrap_or("");
    write!(out, "{{\"newsterm\":{VERSION},{fields},\"articles\":[")?;
    for (i, article) in articles.into_iter().enumerate() {
        let article = article?;
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, article.borrow()).map_err(io::Error::other)?;
    }
    out.write_all(b"\n]}\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bundle::{load_full, sample};

    fn written(bundle: &Bundle) -> Vec<u8> {
        let (top, articles) = doc_of(bundle);
        let mut out = Vec::new();
        write_doc(&mut out, &top, articles.map(Ok)).unwrap();
        out
    }

    #[test]
    fn the_sample_round_trips() {
        let first = written(&sample().unwrap());
        let again = written(&load_full("written", &first).unwrap());
        assert_eq!(
            String::from_utf8(first).unwrap(),
            String::from_utf8(again).unwrap()
        );
    }

    #[test]
    fn absent_fields_stay_absent_and_related_given_survives() {
        let doc = Doc {
            title: "T".into(),
            articles: vec![
                DocArticle {
                    id: "a".into(),
                    title: "A".into(),
                    related: Some(vec![]),
                    ..DocArticle::default()
                },
                DocArticle {
                    id: "b".into(),
                    title: "B".into(),
                    related: None,
                    ..DocArticle::default()
                },
            ],
            ..Doc::default()
        };
        let text = String::from_utf8(doc.to_vec()).unwrap();
        assert!(text.starts_with("{\"newsterm\":1,\"title\":\"T\",\"articles\":["));
        assert!(!text.contains("null"), "{text}");
        let bundle = load_full("t", text.as_bytes()).unwrap();
        assert!(bundle.articles[0].related_given);
        assert!(!bundle.articles[1].related_given);
        assert_eq!(written(&bundle), text.into_bytes());
    }
}

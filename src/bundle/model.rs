//! The validated bundle the rest of the program reads: clean text, resolved related stories.

use std::collections::HashMap;

use crate::text::clean;

use super::raw::{Object, RawArticle, RawBlock, RawBundle};

/// A loaded bundle. Every string in it has been through [`clean`].
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    pub title: String,
    pub url: Option<String>,
    pub language: Option<String>,
    pub generated: Option<String>,
    pub articles: Vec<Article>,
    /// Problems that did not stop the bundle from opening.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Default)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub section: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub lead: Option<String>,
    pub body: Vec<Block>,
    /// Indexes into [`Bundle::articles`], in the editor's order.
    pub related: Vec<usize>,
    pub audio: Option<Audio>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Heading(String),
    Quote(String),
    Image {
        caption: String,
        url: Option<String>,
        alt: Option<String>,
    },
    List(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audio {
    pub url: Option<String>,
    pub duration_s: Option<u64>,
}

/// A problem that was repaired by dropping something, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Bundle {
    /// Number of articles with at least one body block.
    pub fn with_body(&self) -> usize {
        self.articles.iter().filter(|a| !a.body.is_empty()).count()
    }

    /// Builds the validated bundle from what serde read. Cannot fail: everything that refuses
    /// a bundle was checked while parsing; what is left only produces warnings.
    pub(crate) fn from_raw(raw: RawBundle) -> Self {
        let articles = raw.articles.0;
        let index: HashMap<&str, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut warnings = Vec::new();
        let related: Vec<Vec<usize>> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| resolve_related(i, a, &index, &mut warnings))
            .collect();
        let articles = articles
            .into_iter()
            .zip(related)
            .map(|(a, related)| Article::from_raw(a, related))
            .collect();
        Bundle {
            title: clean(&raw.title),
            url: raw.url.as_deref().map(clean),
            language: raw.language.as_deref().map(clean),
            generated: raw.generated.as_deref().map(clean),
            articles,
            warnings,
        }
    }
}

fn resolve_related(
    at: usize,
    article: &RawArticle,
    index: &HashMap<&str, usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<usize> {
    let Some(ids) = &article.related else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::with_capacity(ids.len());
    for (j, id) in ids.iter().enumerate() {
        let problem = match index.get(id.as_str()) {
            None => "names no article",
            Some(&k) if k == at => "names the article itself",
            Some(k) if out.contains(k) => "repeats an earlier related id",
            Some(&k) => {
                out.push(k);
                continue;
            }
        };
        warnings.push(Warning {
            path: format!("articles[{at}].related[{j}]"),
            message: format!("dropped {:?}: {problem}", clean(id)),
        });
    }
    out
}

impl Article {
    fn from_raw(raw: RawArticle, related: Vec<usize>) -> Self {
        let opt = |s: Option<String>| s.as_deref().map(clean).filter(|s| !s.trim().is_empty());
        let title = clean(&raw.title);
        Article {
            // The raw title was not blank, but it may have been nothing but controls or
            // invisible characters.
            title: if crate::text::visible(&title).trim().is_empty() {
                "(no title)".to_owned()
            } else {
                title
            },
            url: opt(raw.url),
            source: opt(raw.source),
            section: opt(raw.section),
            authors: raw
                .authors
                .unwrap_or_default()
                .iter()
                .map(|a| clean(a))
                .filter(|a| !a.trim().is_empty())
                .collect(),
            published: opt(raw.published),
            lead: opt(raw.lead),
            body: raw
                .body
                .unwrap_or_default()
                .into_iter()
                .filter_map(Block::from_raw)
                .collect(),
            related,
            audio: raw.audio.map(|Object(a)| Audio {
                url: a.url.as_deref().map(clean),
                duration_s: a.duration_s,
            }),
            id: raw.id,
        }
    }
}

impl Block {
    /// A block the reader can show, or `None` for an unknown type without text. Required
    /// fields of known types were checked while parsing (`RawBlock`'s `TryFrom`).
    fn from_raw(RawBlock(raw): RawBlock) -> Option<Self> {
        let text = raw.text.as_deref().map(clean);
        Some(match raw.kind.as_str() {
            "paragraph" => Block::Paragraph(text?),
            "heading" => Block::Heading(text?),
            "quote" => Block::Quote(text?),
            "image" => Block::Image {
                caption: clean(raw.caption.as_deref()?),
                url: raw.url.as_deref().map(clean),
                alt: raw.alt.as_deref().map(clean),
            },
            "list" => Block::List(raw.items?.iter().map(|i| clean(i)).collect()),
            _ => Block::Paragraph(text?),
        })
    }
}

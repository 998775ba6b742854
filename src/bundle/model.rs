//! The validated bundle the rest of the program reads: clean text, resolved related stories.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use foldhash::HashMap as FastMap;

use crate::text::{clean, clean_owned};

use super::raw::{BlockKind, HeadArticle, MAX_DEPTH, Object, RawArticle, RawBlock, RawBundle};
use super::scan;
use super::source::Source;

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
    /// Where the stories came from: one entry for a bundle or a feed, several when sources
    /// are merged (see [`Article::origin`]).
    pub origins: Vec<StoryOrigin>,
    /// How many more stories follow `articles` that are still being read (the first screen
    /// of a large library comes before the rest, which replaces this bundle whole).
    pub following: usize,
}

/// One source of a bundle's stories.
#[derive(Debug, Clone, Default)]
pub struct StoryOrigin {
    /// What the headline list calls it when stories of several sources are mixed.
    pub name: String,
    /// The bytes it was read from, for its articles read only in part (see
    /// [`Article::span`]).
    pub source: Option<Arc<Source>>,
    /// Where its stories' texts are kept when they are not in memory (the library): a
    /// story's JSON by its id.
    pub stored: Option<StoredStories>,
    /// The address of the feed the library read its stories from (the library's stories).
    pub feed: Option<String>,
}

/// Reads a story's bundle JSON by its id.
pub type ReadStory = dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync;

/// A story's bundle JSON by its id, from where it is kept (the library's database).
#[derive(Clone)]
pub struct StoredStories(pub Arc<ReadStory>);

impl std::fmt::Debug for StoredStories {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoredStories")
    }
}

/// A story. What the headline list and related panel show is always here; what only the
/// reader shows is in [`Details`], boxed and present only once the story has been read in
/// full, so that 100,000 headlines cost half the memory. `Article` dereferences to its
/// details (empty when not read), so `article.lead` reads either way.
#[derive(Debug, Clone, Default)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub section: Option<String>,
    pub published: Option<String>,
    /// Indexes into [`Bundle::articles`], in the editor's order.
    pub related: Vec<usize>,
    /// Whether the bundle gave a `related` field (even an empty one); without one the reader
    /// works related stories out from the text.
    pub related_given: bool,
    /// Whether the story has at least one body block.
    pub has_body: bool,
    /// Which of [`Bundle::origins`] the article came from.
    pub origin: u16,
    /// Where the article is in its origin's source when only its headline fields were read;
    /// [`Bundle::full_article`] reads the rest.
    pub span: Option<Range<usize>>,
    pub details: Option<Box<Details>>,
}

/// What only the reader shows of a story.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub lead: Option<String>,
    pub body: Vec<Block>,
    pub audio: Option<Audio>,
    /// `rtl` for a story written right to left, `ltr` for left to right; otherwise each
    /// paragraph goes the way its first letter does.
    pub dir: Option<String>,
}

static NO_DETAILS: Details = Details {
    url: None,
    source: None,
    authors: Vec::new(),
    lead: None,
    body: Vec::new(),
    audio: None,
    dir: None,
};

impl std::ops::Deref for Article {
    type Target = Details;
    fn deref(&self) -> &Details {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }
}

impl std::ops::DerefMut for Article {
    fn deref_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
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
    /// Items, each with how deep it is nested (`levels` is as long as `items`; 0 is the
    /// outer list, at most [`MAX_LEVEL`]).
    List {
        items: Vec<String>,
        levels: Vec<u8>,
    },
    /// Preformatted text (code): its lines and spaces are kept as written, never reflowed.
    Code(String),
    /// Rows of cells.
    Table(Vec<Vec<String>>),
}

/// How deep a list item can be nested; deeper ones are shown at this depth.
pub const MAX_LEVEL: u8 = 6;

impl Block {
    /// A list whose items are all in the outer list.
    pub fn list(items: Vec<String>) -> Block {
        let levels = vec![0; items.len()];
        Block::List { items, levels }
    }
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
        self.articles.iter().filter(|a| a.has_body).count()
    }

    /// The bytes `article` was read from, when it was read only in part.
    fn source_of(&self, article: &Article) -> Option<&Arc<Source>> {
        self.origins
            .get(usize::from(article.origin))?
            .source
            .as_ref()
    }

    /// Article `index` with everything in it: the lead, the body, the link. An article read
    /// only in part is read again from its span; it was checked when the bundle was loaded.
    pub fn full_article(&self, index: usize) -> Option<Cow<'_, Article>> {
        let article = self.articles.get(index)?;
        if article.details.is_none()
            && article.span.is_none()
            && let Some(stored) = self
                .origins
                .get(usize::from(article.origin))
                .and_then(|o| o.stored.as_ref())
        {
            // A story that went meanwhile (another process let it go) shows its headline.
            let raw = (stored.0)(&article.id)
                .and_then(|bytes| serde_json::from_slice::<Object<RawArticle>>(&bytes).ok());
            return Some(match raw {
                Some(Object(raw)) => {
                    let mut full = Article::from_raw(raw, article.related.clone());
                    full.origin = article.origin;
                    full.related_given = article.related_given;
                    Cow::Owned(full)
                }
                None => Cow::Borrowed(article),
            });
        }
        let (Some(span), Some(source)) = (&article.span, self.source_of(article)) else {
            return Some(Cow::Borrowed(article));
        };
        let raw = source
            .get(span.clone())
            .and_then(|bytes| serde_json::from_slice::<Object<RawArticle>>(bytes).ok());
        Some(match raw {
            Some(Object(raw)) => Cow::Owned(Article::from_raw(raw, article.related.clone())),
            // Cannot happen for a span that was checked at load; show what there is.
            None => Cow::Borrowed(article),
        })
    }

    /// Article `index` for the reader. A story read only in part whose span is at least
    /// `lazy_from` bytes long comes without its body, and with a [`LazyBody`] that reads the
    /// blocks one at a time from the file: a story of any length opens at once. Other
    /// stories come whole, as from [`Bundle::full_article`].
    pub fn open_article(
        &self,
        index: usize,
        lazy_from: usize,
    ) -> Option<(Cow<'_, Article>, Option<LazyBody>)> {
        let article = self.articles.get(index)?;
        if let (Some(span), Some(source)) = (&article.span, self.source_of(article))
            && span.len() >= lazy_from
            && let Some(lazy) = lazy_parts(article, span.clone(), source)
        {
            return Some((Cow::Owned(lazy.head), Some(lazy.body)));
        }
        self.full_article(index).map(|article| (article, None))
    }

    /// Builds the validated bundle from what serde read. Cannot fail: everything that refuses
    /// a bundle was checked while parsing; what is left only produces warnings.
    pub(crate) fn from_raw(raw: RawBundle) -> Self {
        let articles = raw.articles.0;
        let index: FastMap<&str, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let mut warnings = Vec::new();
        let related: Vec<Vec<usize>> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| resolve_related(i, a.related.as_deref(), &index, &mut warnings))
            .collect();
        let articles = articles
            .into_iter()
            .zip(related)
            .map(|(a, related)| Article::from_raw(a, related))
            .collect();
        let title = clean(&raw.title);
        Bundle {
            origins: vec![StoryOrigin {
                name: title.clone(),
                source: None,
                stored: None,
                feed: None,
            }],
            title,
            url: raw.url.as_deref().map(clean),
            language: raw.language.as_deref().map(clean),
            generated: raw.generated.as_deref().map(clean),
            articles,
            warnings,
            following: 0,
        }
    }
}

pub(super) fn resolve_related<S: AsRef<str>>(
    at: usize,
    ids: Option<&[S]>,
    index: &FastMap<&str, usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<usize> {
    let Some(ids) = ids else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::with_capacity(ids.len());
    // Repeats are found in a set once the list is long: a search of the list per id would
    // make a story related to a million others take minutes.
    let mut seen = (ids.len() > 16).then(|| std::collections::HashSet::with_capacity(ids.len()));
    for (j, id) in ids.iter().enumerate() {
        let id = id.as_ref();
        let problem = match index.get(id) {
            None => "names no article",
            Some(&k) if k == at => "names the article itself",
            Some(&k) => {
                let new = match seen.as_mut() {
                    Some(seen) => seen.insert(k),
                    None => !out.contains(&k),
                };
                if new {
                    out.push(k);
                    continue;
                }
                "repeats an earlier related id"
            }
        };
        warnings.push(Warning {
            path: format!("articles[{at}].related[{j}]"),
            message: format!("dropped {:?}: {problem}", clean(id)),
        });
    }
    out
}

/// An optional text, cleaned; empty or blank is absent.
fn opt(text: Option<String>) -> Option<String> {
    text.map(clean_owned).filter(|s| !s.trim().is_empty())
}

/// A headline, cleaned. The raw title was not blank, but it may have been nothing but
/// controls or invisible characters.
fn title(raw: String) -> String {
    let title = clean_owned(raw);
    if crate::text::visible(&title).trim().is_empty() {
        "(no title)".to_owned()
    } else {
        title
    }
}

/// The article at `span` with an empty body, and its body's blocks left in the file. `None`
/// when the span cannot be read that way (the caller reads it whole).
fn lazy_parts(article: &Article, span: Range<usize>, source: &Arc<Source>) -> Option<LazyParts> {
    let bytes = source.get(span.clone())?;
    let (body, blocks) = scan::array_field(bytes, b"body", MAX_DEPTH)?;
    // The article without its body: the same bytes with `[]` in the body's place.
    let mut rest = Vec::with_capacity(bytes.len() - body.len() + 2);
    rest.extend_from_slice(&bytes[..body.start]);
    rest.extend_from_slice(b"[]");
    rest.extend_from_slice(&bytes[body.end..]);
    let Object(raw) = serde_json::from_slice::<Object<RawArticle>>(&rest).ok()?;
    let mut head = Article::from_raw(raw, article.related.clone());
    head.has_body = article.has_body;
    let spans = blocks
        .into_iter()
        .map(|b| span.start + b.start..span.start + b.end)
        .collect();
    Some(LazyParts {
        head,
        body: LazyBody {
            source: Arc::clone(source),
            spans,
        },
    })
}

/// A story opened with its body left in the file.
struct LazyParts {
    /// The story with an empty body.
    head: Article,
    body: LazyBody,
}

/// A story's body blocks still in the file, read one at a time as the reader reaches them.
/// They were checked when the bundle was loaded.
#[derive(Debug, Clone)]
pub struct LazyBody {
    source: Arc<Source>,
    spans: Vec<Range<usize>>,
}

impl LazyBody {
    /// Number of blocks, shown or not.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Bytes block `index` takes in the file, for estimating what is still to come.
    pub fn bytes(&self, index: usize) -> usize {
        self.spans.get(index).map_or(0, ExactSizeIterator::len)
    }

    /// Block `index` as the reader shows it: `None` for a block the full parse also leaves
    /// out (an unknown type without text), or past the end.
    pub fn block(&self, index: usize) -> Option<Block> {
        let bytes = self.source.get(self.spans.get(index)?.clone())?;
        serde_json::from_slice::<RawBlock>(bytes)
            .ok()
            .and_then(Block::from_raw)
    }
}

/// An article read only in part, and the ids of its related stories, still to resolve.
pub(crate) struct ReadHead<'a> {
    pub article: Article,
    pub related: Option<Vec<&'a str>>,
}

impl Article {
    /// An article read only in part, with the ids of its related stories to resolve.
    pub(crate) fn from_head(head: HeadArticle<'_>, span: Range<usize>) -> ReadHead<'_> {
        let article = Article {
            title: title(head.title),
            section: opt(head.section),
            published: opt(head.published),
            has_body: head.body.is_some_and(|b| b.0 > 0),
            related_given: head.related.is_some(),
            span: Some(span),
            id: head.id.into_owned(),
            ..Article::default()
        };
        ReadHead {
            article,
            related: head.related,
        }
    }

    fn from_raw(raw: RawArticle, related: Vec<usize>) -> Self {
        let related_given = raw.related.is_some();
        let body: Vec<Block> = raw
            .body
            .unwrap_or_default()
            .into_iter()
            .filter_map(Block::from_raw)
            .collect();
        Article {
            title: title(raw.title),
            section: opt(raw.section),
            published: opt(raw.published),
            has_body: !body.is_empty(),
            related,
            related_given,
            origin: 0,
            span: None,
            details: Some(Box::new(Details {
                url: opt(raw.url),
                source: opt(raw.source),
                authors: raw
                    .authors
                    .unwrap_or_default()
                    .iter()
                    .map(|a| clean(a))
                    .filter(|a| !a.trim().is_empty())
                    .collect(),
                lead: opt(raw.lead),
                body,
                audio: raw.audio.map(|Object(a)| Audio {
                    url: a.url.as_deref().map(clean),
                    duration_s: a.duration_s,
                }),
                dir: raw
                    .dir
                    .map(|d| d.trim().to_ascii_lowercase())
                    .filter(|d| d == "rtl" || d == "ltr"),
            })),
            id: raw.id,
        }
    }
}

impl Block {
    /// The texts a reader sees in the block: its text, its caption, its items.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let (one, many, rows): (Option<&str>, &[String], &[Vec<String>]) = match self {
            Block::Paragraph(t) | Block::Heading(t) | Block::Quote(t) | Block::Code(t) => {
                (Some(t), &[], &[])
            }
            Block::Image { caption, .. } => (Some(caption), &[], &[]),
            Block::List { items, .. } => (None, items, &[]),
            Block::Table(rows) => (None, &[], rows),
        };
        let cells = rows.iter().flatten();
        one.into_iter()
            .chain(many.iter().chain(cells).map(String::as_str))
    }

    /// A block the reader can show, or `None` for an unknown type without text. Required
    /// fields of known types were checked while parsing (`RawBlock`'s `TryFrom`).
    fn from_raw(RawBlock(raw): RawBlock) -> Option<Self> {
        let text = raw.text.as_deref().map(clean);
        Some(match raw.kind {
            BlockKind::Paragraph => Block::Paragraph(text?),
            BlockKind::Heading => Block::Heading(text?),
            BlockKind::Quote => Block::Quote(text?),
            BlockKind::Code => Block::Code(text?),
            BlockKind::Image => Block::Image {
                caption: clean(raw.caption.as_deref()?),
                url: raw.url.as_deref().map(clean),
                alt: raw.alt.as_deref().map(clean),
            },
            BlockKind::List => {
                let items: Vec<String> = raw.items?.iter().map(|i| clean(i)).collect();
                let levels = raw.levels.unwrap_or_default();
                // Missing levels are the outer list's; extra ones name no item.
                let levels = (0..items.len())
                    .map(|i| {
                        levels
                            .get(i)
                            .map_or(0, |&l| l.min(u64::from(MAX_LEVEL)) as u8)
                    })
                    .collect();
                Block::List { items, levels }
            }
            BlockKind::Table => Block::Table(
                raw.rows?
                    .iter()
                    .map(|row| row.iter().map(|cell| clean(cell)).collect())
                    .collect(),
            ),
            BlockKind::Other => Block::Paragraph(text?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_in_a_long_related_list_are_dropped_as_in_a_short_one() {
        let names: Vec<String> = (0..100).map(|i| format!("s{i}")).collect();
        let index: FastMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        for len in [5, 60] {
            let mut ids: Vec<&str> = names[1..=len].iter().map(String::as_str).collect();
            ids.push("s3");
            ids.push("s0");
            let mut warnings = Vec::new();
            let out = resolve_related(0, Some(&ids), &index, &mut warnings);
            assert_eq!(out, (1..=len).collect::<Vec<_>>(), "{len}");
            let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
            assert_eq!(
                messages,
                [
                    "dropped \"s3\": repeats an earlier related id",
                    "dropped \"s0\": names the article itself"
                ],
                "{len}"
            );
        }
    }
}

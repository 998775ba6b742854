//! What the block builder holds until an element closes: the quotes, lists and captions that
//! gather the blocks inside them into one, and the images of a figure awaiting its caption.

use crate::bundle::Block;

/// Quotes and lists nest inside each other; past this depth nested ones no longer get their own
/// collector and their content simply flows into the enclosing one. Bounds the work of moving
/// text outwards as collectors close (otherwise quadratic in the depth).
pub(super) const MAX_COLLECTORS: usize = 32;

/// Where the walk is collecting blocks that end up inside one block of the output.
pub(super) enum Collector {
    /// A blockquote: its paragraphs become its lines.
    Quote(Vec<String>),
    /// A `ul`/`ol`: finished items, and the item still being written (`None` between `li`s).
    List {
        items: Vec<String>,
        item: Option<String>,
    },
    /// A figcaption inside a figure: becomes the figure's image caption.
    Caption(Vec<String>),
}

impl Collector {
    fn absorb_text(&mut self, text: String) {
        match self {
            Collector::Quote(lines) | Collector::Caption(lines) => lines.push(text),
            Collector::List { items, item } => match item {
                Some(item) if !item.is_empty() => {
                    item.push('\n');
                    item.push_str(&text);
                }
                Some(item) => *item = text,
                None => items.push(text),
            },
        }
    }

    /// A block produced inside this one (a nested quote or list, a paragraph, a heading) becomes
    /// part of it: the structure is flattened, the text kept.
    pub(super) fn absorb(&mut self, block: Block) {
        match block {
            Block::Paragraph(text) | Block::Heading(text) | Block::Quote(text) => {
                self.absorb_text(text);
            }
            // Code in a quote or list joins its text; only its first indent would show.
            Block::Code(text) => self.absorb_text(text.trim_start().to_owned()),
            Block::List(nested) => match self {
                // A list inside a quote keeps a bullet so its items still read as items.
                Collector::Quote(lines) | Collector::Caption(lines) => {
                    lines.extend(nested.into_iter().map(|item| format!("• {item}")));
                }
                Collector::List { items, item } => {
                    finish_item(items, item);
                    items.extend(nested);
                }
            },
            // Images are never absorbed (see `Blocks::emit`); keep the words if one ever is.
            Block::Image { caption, .. } => self.absorb_text(caption),
        }
    }

    /// Everything collected so far as one block, leaving the collector empty (but open).
    pub(super) fn take(&mut self) -> Option<Block> {
        match self {
            Collector::Quote(lines) if !lines.is_empty() => {
                Some(Block::Quote(std::mem::take(lines).join("\n")))
            }
            Collector::List { items, item } => {
                finish_item(items, item);
                (!items.is_empty()).then(|| Block::List(std::mem::take(items)))
            }
            Collector::Quote(_) | Collector::Caption(_) => None,
        }
    }
}

pub(super) fn finish_item(items: &mut Vec<String>, item: &mut Option<String>) {
    if let Some(text) = item.take()
        && !text.is_empty()
    {
        items.push(text);
    }
}

/// An image waiting for its figure to close (the figcaption may come after it).
pub(super) struct Image {
    pub(super) url: Option<String>,
    pub(super) alt: Option<String>,
    pub(super) title: Option<String>,
}

impl Image {
    /// The block for this image: captioned by `caption` (a figcaption), else its title, else
    /// its alt text; `None` when it has none of them (nothing to show for it).
    pub(super) fn into_block(self, caption: Option<String>) -> Option<Block> {
        let caption = caption.or(self.title).or_else(|| self.alt.clone())?;
        Some(Block::Image {
            caption,
            url: self.url,
            alt: self.alt,
        })
    }
}

#[derive(Default)]
pub(super) struct Figure {
    pub(super) images: Vec<Image>,
    pub(super) caption: Option<String>,
}

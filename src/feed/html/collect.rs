//! What the block builder holds until an element closes: the quotes, lists and captions that
//! gather the blocks inside them into one, and the images of a figure awaiting its caption.

use crate::bundle::Block;

pub(super) use super::table::Table;

/// Quotes and lists nest inside each other; past this depth nested ones no longer get their own
/// collector and their content simply flows into the enclosing one. Bounds the work of moving
/// text outwards as collectors close (otherwise quadratic in the depth).
pub(super) const MAX_COLLECTORS: usize = 32;

/// Where the walk is collecting blocks that end up inside one block of the output.
pub(super) enum Collector {
    /// A blockquote: its paragraphs become its lines.
    Quote(Vec<String>),
    /// A `ul`/`ol`: finished items with how deep each is nested, the item still being written
    /// (`None` between `li`s), and how many lists inside this one are open now.
    List {
        items: Vec<(String, u8)>,
        item: Option<(String, u8)>,
        depth: u8,
    },
    /// A figcaption inside a figure: becomes the figure's image caption.
    Caption(Vec<String>),
    /// A table: the blocks of its cells.
    Table(Table),
}

impl Collector {
    pub(super) fn list() -> Collector {
        Collector::List {
            items: Vec::new(),
            item: None,
            depth: 0,
        }
    }

    fn absorb_text(&mut self, text: String) {
        match self {
            Collector::Quote(lines) | Collector::Caption(lines) => lines.push(text),
            Collector::List { items, item, depth } => match item {
                Some((item, _)) if !item.is_empty() => {
                    item.push('\n');
                    item.push_str(&text);
                }
                Some((item, _)) => *item = text,
                None => items.push((text, *depth)),
            },
            Collector::Table(table) => table.absorb(Block::Paragraph(text)),
        }
    }

    /// A block produced inside this one (a nested quote or list, a paragraph, a heading) becomes
    /// part of it: the structure is flattened, the text kept.
    pub(super) fn absorb(&mut self, block: Block) {
        if let Collector::Table(table) = self {
            // A cell holds blocks of every kind.
            table.absorb(block);
            return;
        }
        match block {
            Block::Paragraph(text) | Block::Heading(text) | Block::Quote(text) => {
                self.absorb_text(text);
            }
            // Code in a quote or list joins its text; only its first indent would show.
            Block::Code(text) => self.absorb_text(text.trim_start().to_owned()),
            Block::List {
                items: nested,
                levels,
            } => match self {
                // A list inside a quote keeps a bullet so its items still read as items.
                Collector::Quote(lines) | Collector::Caption(lines) => {
                    lines.extend(nested.into_iter().map(|item| format!("• {item}")));
                }
                Collector::List { items, item, depth } => {
                    finish_item(items, item);
                    let levels = levels.into_iter().map(|l| l.saturating_add(*depth));
                    items.extend(nested.into_iter().zip(levels));
                }
                Collector::Table(_) => {}
            },
            // A table inside a quote or list: a line of cells per row.
            Block::Table(rows) => {
                for row in rows {
                    self.absorb_text(row.join(" | "));
                }
            }
            // Images are never absorbed (see `Blocks::emit`); keep the words if one ever is.
            Block::Image { caption, .. } => self.absorb_text(caption),
        }
    }

    /// Everything collected so far as blocks (one, but for a table that is not one), leaving
    /// the collector empty (but open).
    pub(super) fn take(&mut self) -> Vec<Block> {
        match self {
            Collector::Quote(lines) if !lines.is_empty() => {
                vec![Block::Quote(std::mem::take(lines).join("\n"))]
            }
            Collector::List { items, item, .. } => {
                finish_item(items, item);
                let (items, levels): (Vec<String>, Vec<u8>) =
                    std::mem::take(items).into_iter().unzip();
                if items.is_empty() {
                    return Vec::new();
                }
                vec![Block::List { items, levels }]
            }
            Collector::Table(table) => table.take(),
            Collector::Quote(_) | Collector::Caption(_) => Vec::new(),
        }
    }
}

pub(super) fn finish_item(items: &mut Vec<(String, u8)>, item: &mut Option<(String, u8)>) {
    if let Some((text, level)) = item.take()
        && !text.is_empty()
    {
        items.push((text, level));
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

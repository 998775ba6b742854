//! What each HTML tag does when it opens, and what is left to do when it closes.

use scraper::Node;
use scraper::node::Element;

use super::blocks::Blocks;
use super::collect::{Collector, Table, finish_item};
use super::links::Anchor;
use super::tags::{is_block, is_dropped_element, local};
use super::walk::Visitor;

/// What to do when an element's children are done.
#[derive(Default)]
pub(super) struct Close {
    /// The element is a block: what it wrote ends here.
    flush: bool,
    heading: bool,
    pre: bool,
    tight: bool,
    end: End,
}

impl Close {
    /// A block element: what it wrote ends with it.
    fn block() -> Close {
        Close {
            flush: true,
            ..Close::default()
        }
    }

    /// An inline element with something of its own to finish.
    fn ending(end: End) -> Close {
        Close {
            end,
            ..Close::default()
        }
    }
}

#[derive(Default)]
enum End {
    #[default]
    Nothing,
    /// Pop the quote, list or table collector this element pushed.
    Collector,
    /// A list inside a list closing: the outer list's items are no longer nested.
    Unnest,
    ListItem,
    Figure,
    Caption,
    /// Close an inline `<q>`.
    Quotation,
    Anchor(Box<Anchor>),
}

impl Visitor for Blocks {
    type Close = Close;

    fn open(&mut self, node: &Node) -> Option<Close> {
        match node {
            Node::Text(text) => {
                self.text(text);
                None
            }
            Node::Element(element) => self.element(element),
            // Comments, doctypes, processing instructions.
            _ => None,
        }
    }

    fn close(&mut self, close: Close) {
        if close.flush {
            self.flush();
        }
        if close.heading {
            self.heading = self.heading.saturating_sub(1);
        }
        if close.pre {
            self.pre = self.pre.saturating_sub(1);
        }
        if close.tight {
            self.tight = self.tight.saturating_sub(1);
        }
        match close.end {
            End::Nothing => {}
            End::Collector => {
                let blocks = self.collectors.pop().map(|mut c| c.take());
                for block in blocks.into_iter().flatten() {
                    self.emit(block);
                }
            }
            End::Unnest => {
                if let Some(Collector::List { depth, .. }) = self.collectors.last_mut() {
                    *depth = depth.saturating_sub(1);
                }
            }
            End::ListItem => {
                if let Some(Collector::List { items, item, .. }) = self.collectors.last_mut() {
                    finish_item(items, item);
                }
            }
            End::Figure => self.close_figure(),
            End::Caption => self.close_caption(),
            End::Quotation => self.word("\u{201d}"),
            End::Anchor(anchor) => self.close_anchor(*anchor),
        }
    }
}

impl Blocks {
    /// An element opening: `None` for one whose children are not walked (dropped or empty).
    fn element(&mut self, element: &Element) -> Option<Close> {
        let name = local(element.name());
        if is_dropped_element(name, element) {
            return None;
        }
        match name {
            "br" => self.line_break(),
            "hr" => self.flush(),
            "wbr" => {}
            "img" | "image" => self.image(element),
            _ => return Some(self.open_container(name, element)),
        }
        None
    }

    /// An element with children: what its tag does now, and what is left for its close.
    fn open_container(&mut self, name: &str, element: &Element) -> Close {
        match name {
            "a" => match self.open_anchor(element) {
                Some(anchor) => Close::ending(End::Anchor(Box::new(anchor))),
                None => Close::default(),
            },
            "q" => self.open_quotation(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let close = self.open_tight();
                self.heading += 1;
                Close {
                    heading: true,
                    ..close
                }
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                let close = self.open_tight();
                self.pre += 1;
                Close { pre: true, ..close }
            }
            "blockquote" => self.open_collector(Collector::Quote(Vec::new())),
            "ul" | "ol" | "menu" | "dir" => self.open_collector(Collector::list()),
            "table" => self.open_collector(Collector::Table(Table::default())),
            "tr" => {
                self.flush();
                if let Some(Collector::Table(table)) = self.collectors.last_mut() {
                    table.row();
                }
                Close::block()
            }
            "li" => self.open_list_item(),
            "figure" => {
                self.flush();
                self.figures.push(Default::default());
                Close {
                    end: End::Figure,
                    ..Close::block()
                }
            }
            "figcaption" => self.open_caption(),
            "td" | "th" => self.open_cell(),
            "p" | "dt" | "dd" | "caption" | "summary" | "legend" => self.open_tight(),
            _ if is_block(name) => {
                self.flush();
                Close::block()
            }
            // Inline and unknown elements: their text flows into the current block, and any
            // block inside them starts its own block as usual.
            _ => Close::default(),
        }
    }

    /// A block inside which blank lines in the source are ordinary whitespace (a paragraph, a
    /// heading, a list item…).
    fn open_tight(&mut self) -> Close {
        self.flush();
        self.tight += 1;
        Close {
            tight: true,
            ..Close::block()
        }
    }

    /// An inline `<q>`: its text between quotation marks.
    fn open_quotation(&mut self) -> Close {
        self.word("\u{201c}");
        // The opening mark sticks to the quotation's first word.
        self.space = false;
        Close::ending(End::Quotation)
    }

    /// A quote, list or table, collecting the blocks inside it. A quote in a quote just adds
    /// lines to the outer one; a list in a list has its items join the outer list one level
    /// deeper; a table in a table is a cell's text.
    fn open_collector(&mut self, collector: Collector) -> Close {
        self.flush();
        let end = match (self.collectors.last_mut(), &collector) {
            (Some(Collector::List { depth, .. }), Collector::List { .. }) => {
                *depth = depth.saturating_add(1);
                End::Unnest
            }
            (Some(Collector::Quote(_)), Collector::Quote(_)) => End::Nothing,
            _ => {
                if self.push_collector(collector) {
                    End::Collector
                } else {
                    End::Nothing
                }
            }
        };
        Close {
            end,
            ..Close::block()
        }
    }

    fn open_list_item(&mut self) -> Close {
        let close = self.open_tight();
        let end = match self.collectors.last_mut() {
            Some(Collector::List { items, item, depth }) => {
                finish_item(items, item);
                *item = Some((String::new(), *depth));
                End::ListItem
            }
            // An item outside any list reads as a paragraph.
            _ => End::Nothing,
        };
        Close { end, ..close }
    }

    /// A figcaption: inside a figure it captions the figure's image, elsewhere it is a
    /// paragraph.
    fn open_caption(&mut self) -> Close {
        let close = self.open_tight();
        let end = if !self.figures.is_empty() && self.push_collector(Collector::Caption(Vec::new()))
        {
            End::Caption
        } else {
            End::Nothing
        };
        Close { end, ..close }
    }

    /// A cell of the table being collected: a block of its own, which that table gathers. A
    /// cell outside one (past the collectors' depth) shares its row's paragraph, separated
    /// once there is text on both sides (so empty cells add nothing).
    fn open_cell(&mut self) -> Close {
        if let Some(Collector::Table(_)) = self.collectors.last() {
            self.flush();
            if let Some(Collector::Table(table)) = self.collectors.last_mut() {
                table.cell();
            }
            return self.open_tight();
        }
        if !self.line.is_empty() && !self.line.ends_with('\n') {
            self.cell = true;
        }
        self.tight += 1;
        Close {
            tight: true,
            ..Close::default()
        }
    }
}

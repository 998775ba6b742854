//! Images, and figures whose caption names the image inside them.

use scraper::node::Element;

use crate::bundle::Block;

use super::blocks::Blocks;
use super::collect::{Collector, Image};
use super::whitespace::attribute_text;

impl Blocks {
    pub(super) fn image(&mut self, element: &Element) {
        // Tracking pixels (and hidden images) say so in their size.
        let tiny = |name| {
            element
                .attr(name)
                .map(|v| v.trim().trim_end_matches("px").trim())
                .and_then(|v| v.parse::<f64>().ok())
                .is_some_and(|v| v < 2.0)
        };
        if tiny("width") || tiny("height") {
            return;
        }
        let alt = attribute_text(element.attr("alt"));
        // WordPress and others turn emoji into images whose alt text is the emoji: keep it
        // in the sentence.
        let emoji = element.attr("class").is_some_and(|class| {
            class
                .split_ascii_whitespace()
                .any(|c| c.contains("emoji") || c == "wp-smiley")
        });
        if emoji && let Some(alt) = alt {
            self.word(&alt);
            return;
        }
        let image = Image {
            url: self.image_source(element),
            alt,
            title: attribute_text(element.attr("title")),
        };
        if let Some(figure) = self.figures.last_mut() {
            figure.images.push(image);
        } else if let Some(block) = image.into_block(None) {
            if self.line.is_empty() {
                self.emit(block);
            } else {
                self.deferred.push(block);
            }
        }
    }

    /// The image's address: `src`, or for lazy-loaded images (whose `src` is a placeholder) the
    /// attributes their scripts read, or the first `srcset` candidate.
    fn image_source(&self, element: &Element) -> Option<String> {
        let srcset = element
            .attr("srcset")
            .and_then(|set| set.split(',').next())
            .and_then(|candidate| candidate.split_ascii_whitespace().next());
        ["src", "data-src", "data-lazy-src", "data-original"]
            .into_iter()
            .filter_map(|name| element.attr(name))
            .chain(srcset)
            .find_map(|source| self.resolve(source))
    }

    pub(super) fn close_figure(&mut self) {
        let Some(figure) = self.figures.pop() else {
            return;
        };
        // The figcaption captions the figure's first image; further images use their own
        // title or alt text.
        let mut caption = figure.caption;
        for image in figure.images {
            if let Some(block) = image.into_block(caption.take()) {
                self.emit(block);
            }
        }
        // A figure without an image (a pull quote, an embed that was dropped) keeps its caption.
        if let Some(caption) = caption {
            self.emit(Block::Paragraph(caption));
        }
    }

    pub(super) fn close_caption(&mut self) {
        let lines = match self.collectors.pop() {
            Some(Collector::Caption(lines)) => lines,
            Some(other) => {
                // Cannot happen: pushes and pops pair up along the walk.
                self.collectors.push(other);
                return;
            }
            None => return,
        };
        if lines.is_empty() {
            return;
        }
        let text = lines.join("\n");
        match self.figures.last_mut() {
            Some(figure) => {
                figure.caption = Some(match figure.caption.take() {
                    Some(before) => format!("{before}\n{text}"),
                    None => text,
                });
            }
            None => self.emit(Block::Paragraph(text)),
        }
    }
}

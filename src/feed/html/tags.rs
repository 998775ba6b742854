//! What HTML elements are, by name: dropped with their content, or starting a block.

use scraper::node::Element;

/// The element's name without any namespace prefix (`xhtml:p` from Atom content is `p`).
pub(super) fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Whether `element` (named `name`) goes with everything inside it: a dropped kind of element,
/// or one the page hides or makes a button of (`hidden`, `role="button"`), whose label is
/// no part of the story.
pub(super) fn is_dropped_element(name: &str, element: &Element) -> bool {
    is_dropped(name)
        || element.attr("hidden").is_some()
        || element
            .attr("role")
            .is_some_and(|role| role.trim().eq_ignore_ascii_case("button"))
}

/// Elements dropped with everything inside: code, styling, embedded objects, forms and
/// document metadata are not text a reader wants (and `noscript` repeats lazy-loaded images).
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "applet"
            | "svg"
            | "math"
            | "form"
            | "button"
            | "input"
            | "select"
            | "option"
            | "optgroup"
            | "datalist"
            | "textarea"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "audio"
            | "video"
            | "source"
            | "track"
            | "canvas"
            | "map"
            | "area"
            | "param"
            | "frameset"
            | "frame"
            | "noframes"
            | "noembed"
            | "rp"
    )
}

/// Elements that start and end a block (`html`, the fragment's root, is not one: if the input
/// is parsed in pieces, text must flow on from one piece to the next). Cells, list items, headings, quotes, figures and `pre`
/// have their own handling but are blocks too, for [`text_from_html`](super::text_from_html).
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "body"
            | "p"
            | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "address"
            | "center"
            | "hgroup"
            | "details"
            | "summary"
            | "dialog"
            | "fieldset"
            | "legend"
            | "search"
            | "figure"
            | "figcaption"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dt"
            | "dd"
            | "ul"
            | "ol"
            | "menu"
            | "dir"
            | "li"
            | "blockquote"
            | "pre"
            | "listing"
            | "xmp"
            | "plaintext"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

//! Whitespace the way a browser collapses it, over text nodes and attribute values.

/// Whitespace that collapses like a browser collapses it. No-break spaces are content
/// (`10&nbsp;km` must stay together), though they are still trimmed at block edges.
fn collapsible(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// A piece of a text node: a run of collapsible whitespace (with how many line feeds it held)
/// or a run of anything else.
pub(super) enum Run<'a> {
    Space { newlines: usize },
    Word(&'a str),
}

pub(super) fn for_each_run(mut text: &str, mut f: impl FnMut(Run<'_>)) {
    while !text.is_empty() {
        let rest = text.trim_start_matches(collapsible);
        if rest.len() < text.len() {
            let space = &text[..text.len() - rest.len()];
            f(Run::Space {
                newlines: space.bytes().filter(|&b| b == b'\n').count(),
            });
        }
        let end = rest.find(collapsible).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        if !word.is_empty() {
            f(Run::Word(word));
        }
        text = after;
    }
}

/// `text` without leading or trailing whitespace, reusing its allocation when it has none.
pub(super) fn trimmed(text: String) -> String {
    let trim = text.trim();
    if trim.len() == text.len() {
        text
    } else {
        trim.to_owned()
    }
}

/// A collapsed, trimmed attribute value, or `None` when nothing is left.
pub(super) fn attribute_text(value: Option<&str>) -> Option<String> {
    let mut out = String::new();
    for_each_run(value?, |run| match run {
        Run::Space { .. } => {
            if !out.is_empty() {
                out.push(' ');
            }
        }
        Run::Word(word) => out.push_str(word),
    });
    let out = trimmed(out);
    (!out.is_empty()).then_some(out)
}

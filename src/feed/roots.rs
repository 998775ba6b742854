//! The root element of older RSS made one that feed-rs reads.
//!
//! feed-rs 3.0 takes `<rss>` only when its `version` is exactly `2.0`, `0.91`, `0.92` or empty,
//! and RDF only in RSS 1.0's namespace. So RSS 0.93 and 0.94, `<rss>` without a version (or
//! with `0.90`, `2.00`…), and RSS 0.90 (RDF in Netscape's namespace) were refused as having
//! no feed at the top. Only the root's start tag is rewritten: such an `<rss>` is read as
//! 2.0 (every version from 0.91 on is a subset of it), and Netscape's RDF namespace becomes
//! RSS 1.0's, whose elements 0.90 shares (`channel`, `item`, `title`, `link`,
//! `description`).

use std::ops::Range;

/// RSS 0.90's namespace, and the RSS 1.0 one read in its place.
const NETSCAPE: &str = "http://my.netscape.com/rdf/simple/0.9/";
const RSS_1: &str = "http://purl.org/rss/1.0/";

/// The root start tag of `text` and what to put in its place, when feed-rs would refuse it.
pub fn root_fix(text: &str) -> Option<(Range<usize>, String)> {
    let start = root_start(text)?;
    let rest = &text[start..];
    let name_len = rest[1..]
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .map(|n| n + 1)?;
    let name = &rest[1..name_len];
    let end = tag_end(rest)?;
    let tag = &rest[..end];
    let attributes = attributes(tag, name_len);
    let mut changes: Vec<(Range<usize>, &str)> = Vec::new();
    if name == "rss" {
        match attributes
            .iter()
            .find(|(n, _)| tag[n.clone()] == *"version")
        {
            Some((_, value)) if matches!(&tag[value.clone()], "2.0" | "0.91" | "0.92" | "") => {}
            Some((_, value)) => changes.push((value.clone(), "2.0")),
            None => changes.push((name_len..name_len, " version=\"2.0\"")),
        }
    } else if name == "RDF" || name.ends_with(":RDF") {
        for (n, value) in &attributes {
            let is_namespace = tag[n.clone()] == *"xmlns" || tag[n.clone()].starts_with("xmlns:");
            let netscape =
                tag[value.clone()].trim_end_matches('/') == NETSCAPE.trim_end_matches('/');
            if is_namespace && netscape {
                changes.push((value.clone(), RSS_1));
            }
        }
    }
    if changes.is_empty() {
        return None;
    }
    let mut fixed = tag.to_owned();
    // From the last change back, so the earlier ranges still hold.
    for (range, with) in changes.into_iter().rev() {
        fixed.replace_range(range, with);
    }
    Some((start..start + end, fixed))
}

/// Where the root element's `<` is: after white space, comments, processing instructions and
/// the document type.
fn root_start(text: &str) -> Option<usize> {
    let mut at = 0;
    loop {
        at += text[at..].len() - text[at..].trim_start().len();
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            at += rest.find("-->")? + 3;
        } else if rest.starts_with("<?") {
            at += rest.find("?>")? + 2;
        } else if rest.starts_with("<!") {
            // A document type, perhaps with an internal subset in brackets.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(open), Some(gt)) if open < gt => open + rest[open..].find(']')?,
                _ => 0,
            };
            at += close + rest[close..].find('>')? + 1;
        } else if rest.starts_with('<') {
            return Some(at);
        } else {
            return None;
        }
    }
}

/// Where the start tag at the beginning of `tag` ends (after its `>`), quoted values skipped.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if q == c => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The attributes of a start tag as (name, value) byte ranges, from byte `from` on.
fn attributes(tag: &str, from: usize) -> Vec<(Range<usize>, Range<usize>)> {
    let bytes = tag.as_bytes();
    let mut found = Vec::new();
    let mut i = from;
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    loop {
        i = skip_space(i);
        let name_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        if i == name_start {
            return found;
        }
        let name = name_start..i;
        i = skip_space(i);
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(i + 1);
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(i) else {
            return found;
        };
        let Some(len) = tag[i + 1..].find(char::from(quote)) else {
            return found;
        };
        found.push((name, i + 1..i + 1 + len));
        i += len + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        match root_fix(text) {
            Some((range, tag)) => {
                let mut out = text.to_owned();
                out.replace_range(range, &tag);
                out
            }
            None => text.to_owned(),
        }
    }

    #[test]
    fn old_rss_versions_are_read_as_2_0() {
        assert_eq!(
            fixed("<rss version=\"0.94\"><channel/></rss>"),
            "<rss version=\"2.0\"><channel/></rss>"
        );
        assert_eq!(
            fixed(
                "<!-- a --><?pi x?>\n<!DOCTYPE rss [<!ENTITY a \"b>\">]>\n<rss a='>' version='0.93'>"
            ),
            "<!-- a --><?pi x?>\n<!DOCTYPE rss [<!ENTITY a \"b>\">]>\n<rss a='>' version='2.0'>"
        );
        assert_eq!(fixed("<rss><channel/>"), "<rss version=\"2.0\"><channel/>");
        for kept in [
            "<rss version=\"0.91\">",
            "<rss version=\"2.0\">",
            "<feed>",
            "x<rss>",
        ] {
            assert_eq!(root_fix(kept), None, "{kept}");
        }
    }

    #[test]
    fn rss_0_90_is_read_in_rss_1_0s_namespace() {
        let doc = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
                   xmlns=\"http://my.netscape.com/rdf/simple/0.9/\">";
        assert_eq!(
            fixed(doc),
            doc.replace("http://my.netscape.com/rdf/simple/0.9/", RSS_1)
        );
        assert_eq!(
            root_fix("<rdf:RDF xmlns=\"http://purl.org/rss/1.0/\">"),
            None
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_fixed_or_left_alone_without_a_panic(
            text in "[<>!?\\[\\]\"' =a-zé:/-]{0,40}",
        ) {
            let _ = fixed(&format!("<rss {text}"));
            let _ = fixed(&format!("<rdf:RDF xmlns{text}"));
            let _ = fixed(&text);
        }
    }

    #[test]
    fn anything_unfinished_is_left_alone() {
        for text in [
            "",
            "<",
            "<rss",
            "<rss version=\"0.94",
            "<!-- x",
            "<!DOCTYPE [",
            "<é",
        ] {
            let _ = root_fix(text);
        }
    }
}

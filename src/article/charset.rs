//! A web page's bytes as text, by the encoding a browser would use: a byte-order mark, then
//! the `charset` of the HTTP `Content-Type`, then `<meta charset>` (or `http-equiv`) near the
//! start, then UTF-8 when the bytes are UTF-8, else windows-1252 (what browsers assume).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page its `<meta charset>` is looked for, as browsers look.
const META_WITHIN: usize = 1024;

/// `bytes` decoded; `content_type` is the HTTP header, if the page was fetched.
pub fn decode<'a>(bytes: &'a [u8], content_type: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[len..]).0;
    }
    let named = content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_WITHIN)]))
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let encoding = named.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            WINDOWS_1252
        }
    });
    // A page that says UTF-16 in ASCII is not UTF-16 (the HTML standard's rule).
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    };
    encoding.decode_without_bom_handling(bytes).0
}

/// The `charset=` of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|part| {
        let (name, value) = part.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_owned())
    })
}

/// The encoding a `<meta>` near the start names: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(at) = tag.find("charset") {
            let after = tag[at + 7..].trim_start();
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start().trim_start_matches(['"', '\'']);
                let end = value
                    .find(|c: char| {
                        c == '"' || c == '\'' || c == ';' || c.is_whitespace() || c == '/'
                    })
                    .unwrap_or(value.len());
                if end > 0 {
                    return Some(value[..end].to_owned());
                }
            }
        }
    }
    None
}

/// Whether `bytes` look like an HTML page rather than a feed: a doctype, or `<html>`,
/// `<head>` or `<body>` before any feed's root, near the start.
pub fn is_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_WITHIN)]).to_ascii_lowercase();
    let feed_root = ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .filter_map(|r| head.find(r))
        .min();
    let page = ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .filter_map(|r| head.find(r))
        .min();
    match (page, feed_root) {
        (Some(p), Some(f)) => p < f,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_encoding_comes_from_the_bom_the_header_the_meta_then_the_bytes() {
        let latin = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin, None).contains("café"));
        assert!(decode(b"<p>caf\xc3\xa9", Some("text/html; charset=UTF-8")).contains("café"));
        let header_wins = decode(
            b"<meta charset=utf-8><p>caf\xe9",
            Some("text/html;charset=latin1"),
        );
        assert!(header_wins.contains("café"));
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">\xd2";
        assert!(decode(http_equiv, None).ends_with('\u{0309}'));
        assert!(decode(b"\xef\xbb\xbf<p>\xc3\xa9", None).ends_with('é'));
        assert!(
            decode(b"<p>\xe9t\xe9", None).contains("été"),
            "not UTF-8: windows-1252"
        );
    }

    #[test]
    fn pages_are_told_from_feeds() {
        assert!(is_html(b"<!DOCTYPE html><html><head>"));
        assert!(is_html(b"<html lang=vi><body>"));
        assert!(!is_html(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"));
        assert!(!is_html(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><content type=\"html\">&lt;html&gt;"
        ));
        assert!(!is_html(b"{\"newsterm\": 1}"));
    }
}

//! Telling a source's format from its content, never from its name: XML (RSS or Atom), a
//! JSON Feed, or anything else for the bundle loader.

/// What a source's content is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentFormat {
    /// XML: RSS or Atom.
    Xml,
    /// Anything else goes to the bundle loader, whose messages say what is wrong; JSON that
    /// turns out to be a JSON Feed is read as one.
    Json,
}

/// The format of a document starting with `head`: XML when its first character (after a
/// byte-order mark of UTF-8 or UTF-16, and white space) is `<`.
pub fn content_format(head: &[u8]) -> ContentFormat {
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = head
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace() && *b != 0);
    if utf16 || first == Some(b'<') {
        ContentFormat::Xml
    } else {
        ContentFormat::Json
    }
}

/// Whether `bytes` is a JSON Feed: an object whose `version` is a jsonfeed.org address.
pub fn is_json_feed(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Version {
        version: Option<String>,
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<Version>(bytes)
        .ok()
        .and_then(|v| v.version)
        .is_some_and(|v| {
            let v = v.trim();
            v.starts_with("https://jsonfeed.org/version/")
                || v.starts_with("http://jsonfeed.org/version/")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_content() {
        assert_eq!(
            content_format(b"  \n<?xml version='1.0'?><rss/>"),
            ContentFormat::Xml
        );
        assert_eq!(content_format(b"\xEF\xBB\xBF<feed/>"), ContentFormat::Xml);
        assert_eq!(content_format(b"\xFF\xFE<\0r\0"), ContentFormat::Xml);
        assert_eq!(content_format(b"{\"newsterm\":1}"), ContentFormat::Json);
        assert_eq!(content_format(b""), ContentFormat::Json);
        assert!(is_json_feed(
            br#"{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}"#
        ));
        assert!(!is_json_feed(
            br#"{"newsterm":1,"title":"x","articles":[]}"#
        ));
        assert!(!is_json_feed(b"not json"));
    }
}

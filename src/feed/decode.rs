//! An XML feed's bytes made UTF-8 before the feed parser sees them: decoded by the encoding its
//! byte-order mark or XML declaration names (windows-1258, ISO-8859-1, UTF-16 …), with the
//! declaration taken off.
//!
//! Why not leave it to the parser: quick-xml (under feed-rs) panics when a second XML
//! declaration naming another encoding turns up later in the document (found by fuzzing). A
//! document decoded here has no declaration left at its start, and one anywhere else is refused
//! (the XML specification allows it only at the very start).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why a feed's bytes could not be made UTF-8 XML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A second XML declaration, which the XML specification allows only at the very start.
    #[error("XML error: an XML declaration after the start of the document (line {line})")]
    LateDeclaration { line: usize },
}

/// `bytes` as UTF-8 XML without its declaration, or why not.
pub fn utf8_xml(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (encoding, len),
        None => (sniff(bytes), 0),
    };
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    let start = declaration_end(&text).unwrap_or(0);
    let text = match text {
        Cow::Borrowed(t) => Cow::Borrowed(&t[start..]),
        Cow::Owned(t) => Cow::Owned(t[start..].to_owned()),
    };
    if let Some(at) = later_declaration(&text) {
        let line = text[..at].matches('\n').count() + 1;
        return Err(DecodeError::LateDeclaration { line });
    }
    Ok(text)
}

/// [`utf8_xml`], [`pad_contacts`] and [`readable_root`] of bytes the caller gives up, as a
/// reader that lets go of them a piece at a time as the parser reads them: no copy of the document is made when
/// it is UTF-8 already, and what the parser has read is not held while it builds its model
/// (feed-rs copies a text twice over while it reads it).
pub fn xml_pieces(bytes: Vec<u8>) -> Result<Pieces, DecodeError> {
    let decoded = utf8_xml(&bytes)?;
    let padded = match pad_contacts(&decoded) {
        Cow::Owned(padded) => Some(padded),
        Cow::Borrowed(_) => None,
    };
    let padded = readable_root(padded.as_deref().unwrap_or(&decoded)).or(padded);
    let (owned, start) = match (padded, decoded) {
        (Some(padded), _) | (None, Cow::Owned(padded)) => (Some(padded), 0),
        // The text is the end of `bytes`, after a byte-order mark and declaration.
        (None, Cow::Borrowed(text)) => (None, bytes.len() - text.len()),
    };
    Ok(match owned {
        Some(text) => {
            drop(bytes);
            Pieces::new(text.into_bytes(), 0)
        }
        None => Pieces::new(bytes, start),
    })
}

/// `text` with the root tag of older RSS made one feed-rs reads (see `roots`), when it has
/// one: a copy only for those documents.
pub fn readable_root(text: &str) -> Option<String> {
    let (range, tag) = super::roots::root_fix(text)?;
    let mut text = text.to_owned();
    text.replace_range(range, &tag);
    Some(text)
}

/// Bytes read a piece at a time, each piece let go of once it has been read.
#[derive(Debug)]
pub struct Pieces {
    /// The pieces, the next one last.
    pieces: Vec<Vec<u8>>,
    /// How far into the next piece reading has got.
    at: usize,
}

/// Bytes in a piece of [`Pieces`].
const PIECE: usize = 1 << 20;

impl Pieces {
    /// `bytes` from `start` on, cut into pieces from its end (each cut gives the memory back).
    pub fn new(mut bytes: Vec<u8>, start: usize) -> Pieces {
        let start = start.min(bytes.len());
        let mut pieces = Vec::new();
        while bytes.len() - start > PIECE {
            pieces.push(bytes.split_off(bytes.len() - PIECE));
            bytes.shrink_to_fit();
        }
        pieces.push(bytes);
        Pieces { pieces, at: start }
    }
}

impl std::io::Read for Pieces {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(next) = self.pieces.last() {
            if let Some(rest) = next.get(self.at..).filter(|rest| !rest.is_empty()) {
                let n = rest.len().min(buf.len());
                buf[..n].copy_from_slice(&rest[..n]);
                self.at += n;
                return Ok(n);
            }
            self.pieces.pop();
            self.at = 0;
        }
        Ok(0)
    }
}

/// RSS contacts (`author`, `managingEditor`, `webMaster`) with a space put between an e-mail
/// address and a character next to it that is not ASCII (or an entity, which becomes one):
/// feed-rs 3.0 cuts the name off the address one byte past it and panics inside such a
/// character (`dave@example.com–Dave`). White space around the address changes nothing
/// shown: the name is trimmed.
pub fn pad_contacts(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        let open = at + found;
        let rest = &text[open + 1..];
        let name = ["author", "managingEditor", "webMaster"]
            .into_iter()
            .find(|n| {
                rest.starts_with(n) && rest[n.len()..].starts_with(['>', ' ', '\t', '\n', '\r'])
            });
        let Some(name) = name else {
            at = open + 1;
            continue;
        };
        let Some(start) = text[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let close = format!("</{name}>");
        let Some(end) = text[start..].find(&close).map(|i| start + i) else {
            break;
        };
        let content = &text[start..end];
        let padded = pad_addresses(content);
        if padded.len() != content.len() {
            out.push_str(&text[done..start]);
            out.push_str(&padded);
            done = end;
        }
        at = end + close.len();
    }
    if done == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// `text` with a space on each side of an e-mail address where the character there is not
/// ASCII or is an entity's.
fn pad_addresses(text: &str) -> String {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut out = String::with_capacity(text.len() + 8);
    let mut from = 0;
    for (i, _) in text.match_indices('@') {
        let begin = text[..i]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map_or(i, |(j, _)| j);
        let end = i
            + 1
            + text[i + 1..]
                .char_indices()
                .take_while(|(_, c)| domain(*c))
                .last()
                .map_or(0, |(j, c)| j + c.len_utf8());
        // Only an address: something before the `@`, a dotted name after it.
        if begin < from || begin == i || !text[i + 1..end].contains('.') {
            continue;
        }
        // An entity before the address ends with `;`, one after it starts with `&`.
        let awkward =
            |c: Option<char>, entity: char| c.is_some_and(|c| !c.is_ascii() || c == entity);
        out.push_str(&text[from..begin]);
        if awkward(text[..begin].chars().next_back(), ';') {
            out.push(' ');
        }
        out.push_str(&text[begin..end]);
        if awkward(text[end..].chars().next(), '&') {
            out.push(' ');
        }
        from = end;
    }
    out.push_str(&text[from..]);
    out
}

/// The encoding of a document without a byte-order mark: UTF-16 when its first characters are
/// `<?` in it, else what its declaration names, else UTF-8.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if bytes.starts_with(b"<\0?\0") {
        return UTF_16LE;
    }
    if bytes.starts_with(b"\0<\0?") {
        return UTF_16BE;
    }
    // The declaration is ASCII in every encoding it can name here.
    let head = &bytes[..bytes.len().min(1024)];
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return UTF_8;
    };
    let declaration = String::from_utf8_lossy(&head[..end]);
    let declaration = declaration.trim_start();
    if !is_declaration(declaration) {
        return UTF_8;
    }
    label(declaration)
        .and_then(|l| Encoding::for_label(l.as_bytes()))
        // A declaration naming UTF-16 in a document that is not: read what is there.
        .filter(|e| *e != UTF_16LE && *e != UTF_16BE)
        .unwrap_or(UTF_8)
}

/// `<?xml` followed by white space or the end of the declaration.
fn is_declaration(text: &str) -> bool {
    text.strip_prefix("<?xml").is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '?')
    })
}

/// The value of `encoding="…"` in a declaration.
fn label(declaration: &str) -> Option<&str> {
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    value.find(quote).map(|end| value[..end].trim())
}

/// Where the text after a leading declaration starts, if the document has one.
fn declaration_end(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    if !is_declaration(&text[lead..]) {
        return None;
    }
    text[lead..].find("?>").map(|end| lead + end + 2)
}

/// Where a declaration is in markup (not in a comment, CDATA section or other processing
/// instruction), if there is one.
fn later_declaration(text: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        let i = at + found;
        let rest = &text[i..];
        let skip_to =
            |end: &str, from: usize| rest[from..].find(end).map(|e| i + from + e + end.len());
        let next = if rest.starts_with("<!--") {
            skip_to("-->", 4)
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>", 9)
        } else if rest.starts_with("<?") {
            if is_declaration(rest) {
                return Some(i);
            }
            skip_to("?>", 2)
        } else {
            Some(i + 1)
        };
        match next {
            Some(next) => at = next,
            // Unclosed: the parser says so.
            None => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn pieces_are_read_in_order_and_let_go_of() {
        let bytes: Vec<u8> = (0..PIECE * 3 + 5).map(|i| (i % 251) as u8).collect();
        let mut pieces = Pieces::new(bytes.clone(), 3);
        assert_eq!(pieces.pieces.len(), 4);
        let mut read = vec![0; PIECE + 7];
        let mut got = Vec::new();
        while let Ok(n @ 1..) = pieces.read(&mut read) {
            got.extend_from_slice(&read[..n]);
            assert!(
                pieces.pieces.len() <= 4 - (got.len() + 3) / PIECE,
                "a piece read is gone"
            );
        }
        assert_eq!(got, bytes[3..]);
        assert!(pieces.pieces.is_empty());
    }

    #[test]
    fn pieces_of_xml_hold_what_utf8_xml_and_pad_contacts_make() {
        let docs: [&[u8]; 4] = [
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss>K\xF6ln</rss>",
            "\u{feff}<?xml version=\"1.0\"?><rss>Hà Nội</rss>".as_bytes(),
            "<rss><author>a@b.org–Ann</author></rss>".as_bytes(),
            b"",
        ];
        for doc in docs {
            let want = pad_contacts(&utf8_xml(doc).unwrap()).into_owned();
            let want = readable_root(&want).unwrap_or(want);
            let mut got = String::new();
            xml_pieces(doc.to_vec())
                .unwrap()
                .read_to_string(&mut got)
                .unwrap();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn declared_encodings_are_decoded_and_the_declaration_dropped() {
        let latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss>K\xF6ln</rss>";
        assert_eq!(utf8_xml(latin).unwrap(), "\n<rss>Köln</rss>");
        let vi = b"<?xml version='1.0' encoding='windows-1258'?><t>\xD0a\xCC</t>";
        assert_eq!(utf8_xml(vi).unwrap(), "<t>Đa\u{300}</t>");
        let plain = "<rss>Hà Nội</rss>";
        assert_eq!(utf8_xml(plain.as_bytes()).unwrap(), plain);
        let bom = b"\xEF\xBB\xBF  <?xml version=\"1.0\"?><a/>";
        assert_eq!(utf8_xml(bom).unwrap(), "<a/>");
    }

    #[test]
    fn utf16_with_and_without_a_byte_order_mark() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>ệ</a>";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf8_xml(&le).unwrap(), "<a>ệ</a>");
        assert_eq!(utf8_xml(&be).unwrap(), "<a>ệ</a>");
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&le);
        assert_eq!(utf8_xml(&with_bom).unwrap(), "<a>ệ</a>");
    }

    #[test]
    fn a_declaration_later_in_the_document_is_refused_but_not_in_text() {
        let bad = "<?xml version=\"1.0\"?>\n<rss>\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?></rss>";
        assert_eq!(
            utf8_xml(bad.as_bytes()).unwrap_err().to_string(),
            "XML error: an XML declaration after the start of the document (line 3)"
        );
        let fine = "<rss><![CDATA[ <?xml version=\"1.0\"?> ]]><!-- <?xml ?> --><?xml-stylesheet href=\"s\"?></rss>";
        assert!(utf8_xml(fine.as_bytes()).is_ok());
        assert!(utf8_xml(b"<rss><![CDATA[ unclosed").is_ok());
    }

    #[test]
    fn addresses_in_contacts_get_room_from_characters_that_are_not_ascii() {
        let rss = "<item><author>dave@example.com–Dave</author><title>a@b.c–x</title>\
                   <managingEditor>Ngô&#8212;ngo@example.vn</managingEditor></item>";
        assert_eq!(
            pad_contacts(rss),
            "<item><author>dave@example.com –Dave</author><title>a@b.c–x</title>\
             <managingEditor>Ngô&#8212; ngo@example.vn</managingEditor></item>"
        );
        let fine = "<author>dave@example.com (Dave)</author>";
        assert!(matches!(pad_contacts(fine), Cow::Borrowed(_)));
        assert!(matches!(
            pad_contacts("<authority>x@y.z–</authority>"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            pad_contacts("<author>@@–@</author>"),
            "<author>@@–@</author>"
        );
    }

    #[test]
    fn labels() {
        assert_eq!(
            label("<?xml version=\"1.0\" encoding = 'koi8-r'"),
            Some("koi8-r")
        );
        assert_eq!(label("<?xml version=\"1.0\""), None);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\" encoding=\"nonsense\"?>"),
            UTF_8
        );
        assert_eq!(sniff(b"<?xml-stylesheet encoding=\"koi8-r\"?>"), UTF_8);
    }
}

//! Finds where a JSON path (`articles[3].body[2].text`) starts in a document, so that errors
//! found by checking values point at the value itself rather than where the parser stopped.
//!
//! Only used after a failure, on text serde already read up to the problem, so it is a small
//! walk with the shared [`JsonCursor`] that gives up (`None`) on anything it does not
//! understand.

use super::json::JsonCursor;

/// Offset of the first bracket that opens level `limit + 1` of nesting, if any. serde reads
/// unknown fields without a depth limit, so a hostile bundle could otherwise nest an unknown
/// field a million levels deep.
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut s = JsonCursor::new(text.as_bytes(), 0, limit);
    let mut depth = 0usize;
    while let Some(b) = s.peek() {
        match b {
            // An unterminated string hides every bracket after it.
            b'"' => {
                s.string()?;
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(s.at);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        s.at += 1;
    }
    None
}

/// `text` with the inside of every array or object that opens level `limit + 1` blanked
/// (its brackets kept, line breaks kept, every other byte a space), and where each one was.
/// Nothing moves: every later error keeps its line and its byte offset. What nests that deep
/// is an unknown field's (the format itself needs six levels), which newsterm would ignore
/// anyway; serde then reads it empty, well within its own limit.
pub fn cut_deep(text: &str, limit: usize) -> (String, Vec<usize>) {
    let mut bytes = text.as_bytes().to_vec();
    let mut cuts = Vec::new();
    let mut s = JsonCursor::new(text.as_bytes(), 0, usize::MAX / 2);
    let mut depth = 0usize;
    while let Some(b) = s.peek() {
        match b {
            b'"' => {
                if s.string().is_none() {
                    break;
                }
                continue;
            }
            b'[' | b'{' if depth == limit => {
                let start = s.at;
                // An unclosed one is left for the parser to name.
                if s.value(depth + 1).is_none() {
                    break;
                }
                for byte in bytes.get_mut(start + 1..s.at - 1).unwrap_or_default() {
                    if *byte != b'\n' {
                        *byte = b' ';
                    }
                }
                cuts.push(start);
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        s.at += 1;
    }
    // Only ASCII brackets and whole strings' bytes were replaced by spaces: still UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, cuts)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Byte offset of the value at `path` in `text`, if it can be found. An empty path is the
/// document itself.
pub fn locate(text: &str, path: &str) -> Option<usize> {
    let segments = parse_path(path)?;
    let mut s = cursor(text, 0);
    s.ws();
    for segment in segments {
        match segment {
            Segment::Key(key) => enter_member(&mut s, key)?,
            Segment::Index(index) => enter_element(&mut s, index)?,
        }
    }
    Some(s.at)
}

/// Byte offset of the second `key` in the object at `path`: where a duplicate field is.
pub fn locate_duplicate(text: &str, path: &str, key: &str) -> Option<usize> {
    let mut s = cursor(text, locate(text, path)?);
    eat(&mut s, b'{')?;
    let mut seen = false;
    loop {
        s.ws();
        let at = s.at;
        if name(&mut s)? == key {
            if seen {
                return Some(at);
            }
            seen = true;
        }
        s.value(1)?;
        eat(&mut s, b',')?;
    }
}

fn parse_path(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut out = Vec::new();
    if path.is_empty() || path == "." {
        return Some(out);
    }
    for part in path.split('.') {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(after) = rest.strip_prefix('[') {
            let close = after.find(']')?;
            out.push(Segment::Index(after[..close].parse().ok()?));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// A cursor that walks a document by JSON path. It goes only over values serde has already
/// read without a syntax error, so skipping a value by its brackets finds where it ends; the
/// depth was checked by [`too_deep`] before any error is located.
fn cursor(text: &str, at: usize) -> JsonCursor<'_> {
    JsonCursor::new(text.as_bytes(), at, usize::MAX)
}

/// Moves `s` to the value of member `key` of the object at `s`.
fn enter_member(s: &mut JsonCursor<'_>, key: &str) -> Option<()> {
    eat(s, b'{')?;
    loop {
        if name(s)? == key {
            return Some(());
        }
        s.value(1)?;
        eat(s, b',')?;
    }
}

/// Moves `s` to element `index` of the array at `s`.
fn enter_element(s: &mut JsonCursor<'_>, index: usize) -> Option<()> {
    eat(s, b'[')?;
    for _ in 0..index {
        s.ws();
        s.value(1)?;
        eat(s, b',')?;
    }
    s.ws();
    Some(())
}

/// After white space, `byte`.
fn eat(s: &mut JsonCursor<'_>, byte: u8) -> Option<()> {
    s.ws();
    s.expect(byte)
}

/// A member's key, decoded, leaving `s` at its value.
fn name(s: &mut JsonCursor<'_>) -> Option<String> {
    let key = s.key()?;
    // The quotes around the key are part of the JSON string serde decodes.
    serde_json::from_slice(s.bytes.get(key.start - 1..key.end + 1)?).ok()
}

#[cfg(test)]
mod tests {
    use super::{cut_deep, locate, too_deep};

    #[test]
    fn what_nests_too_deep_is_blanked_in_place_and_the_rest_kept() {
        let deep = format!("{}1{}", "[".repeat(5), "]".repeat(5));
        let text = format!("{{\"a\": [\"[[[\"], \"x\": {deep},\n\"y\": {{\"z\": [[\"é\",\n2]]}}}}");
        let (cut, at) = cut_deep(&text, 2);
        assert_eq!(cut.len(), text.len());
        assert_eq!(cut.matches('\n').count(), text.matches('\n').count());
        assert_eq!(
            cut,
            "{\"a\": [\"[[[\"], \"x\": [[       ]],\n\"y\": {\"z\": [      \n  ]}}"
        );
        let x = text.find(": [[").map(|at| at + 3);
        let z = text.find("[[\"é");
        assert_eq!(Some(at), x.zip(z).map(|(x, z)| vec![x, z]));
        assert_eq!(too_deep(&cut, 3), None);
        // Nothing that deep: unchanged.
        assert_eq!(cut_deep(&text, 9), (text.clone(), Vec::new()));
    }

    #[test]
    fn depth_counts_brackets_outside_strings() {
        assert_eq!(too_deep(r#"{"a": [[1]]}"#, 3), None);
        assert_eq!(too_deep(r#"{"a": [[[1]]]}"#, 3), Some(8));
        assert_eq!(too_deep(r#"{"a": "[[[[[\"[[[["}"#, 1), None);
        assert_eq!(too_deep("[][][][]", 1), None);
    }

    const DOC: &str = r#"{ "a": 1, "b\"c": [true, {"x": [1, {}], "y": "s,]}"}, null],
  "articles": [ {"id": "p"}, {"body": [{"text": 5}], "id": "q"} ] }"#;

    fn at(path: &str) -> Option<&'static str> {
        locate(DOC, path).map(|i| &DOC[i..i + 3])
    }

    #[test]
    fn finds_values_by_path() {
        assert_eq!(at(""), Some("{ \""));
        assert_eq!(at("a"), Some("1, "));
        assert_eq!(at("articles[1].id"), Some("\"q\""));
        assert_eq!(at("articles[1].body[0].text"), Some("5}]"));
        assert_eq!(
            at("b\"c[1].y"),
            Some("\"s,"),
            "escaped quotes and delimiters in strings"
        );
        assert_eq!(at("articles[0]"), Some("{\"i"));
    }

    #[test]
    fn finds_the_second_of_a_duplicate_key() {
        let doc = r#"{"a": [{"t": 1, "u": {"t": 0}, "t": 2}]}"#;
        let at = super::locate_duplicate(doc, "a[0]", "t").unwrap();
        assert_eq!(&doc[at..at + 6], "\"t\": 2");
        assert_eq!(super::locate_duplicate(doc, "a[0]", "u"), None);
    }

    #[test]
    fn gives_up_on_missing_paths() {
        assert_eq!(at("nope"), None);
        assert_eq!(at("articles[5]"), None);
        assert_eq!(at("a[0]"), None);
        assert_eq!(locate("{\"a\": [1, 2", "a[3]"), None);
    }
}

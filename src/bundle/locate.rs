//! Finds where a JSON path (`articles[3].body[2].text`) starts in a document, so that errors
//! found by checking values point at the value itself rather than where the parser stopped.
//!
//! Only used after a failure, on text serde already read up to the problem, so it is a small
//! scanner that gives up (`None`) on anything it does not understand.

/// Offset of the first bracket that opens level `limit + 1` of nesting, if any. serde reads
/// unknown fields without a depth limit, so a hostile bundle could otherwise nest an unknown
/// field a million levels deep.
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Byte offset of the value at `path` in `text`, if it can be found. An empty path is the
/// document itself.
pub fn locate(text: &str, path: &str) -> Option<usize> {
    let segments = parse_path(path)?;
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
    };
    s.ws();
    for segment in segments {
        match segment {
            Segment::Key(key) => s.enter_member(key)?,
            Segment::Index(index) => s.enter_element(index)?,
        }
    }
    Some(s.i)
}

/// Byte offset of the second `key` in the object at `path`: where a duplicate field is.
pub fn locate_duplicate(text: &str, path: &str, key: &str) -> Option<usize> {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: locate(text, path)?,
    };
    s.eat(b'{')?;
    let mut seen = false;
    loop {
        s.ws();
        let at = s.i;
        let name = s.string()?;
        if name == key {
            if seen {
                return Some(at);
            }
            seen = true;
        }
        s.eat(b':')?;
        s.ws();
        s.skip_value()?;
        s.eat(b',')?;
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

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.ws();
        (self.peek() == Some(byte)).then(|| self.i += 1)
    }

    /// Moves to the value of member `key` of the object here.
    fn enter_member(&mut self, key: &str) -> Option<()> {
        self.eat(b'{')?;
        loop {
            self.ws();
            let name = self.string()?;
            self.eat(b':')?;
            self.ws();
            if name == key {
                return Some(());
            }
            self.skip_value()?;
            self.ws();
            match self.peek()? {
                b',' => self.i += 1,
                _ => return None,
            }
        }
    }

    /// Moves to element `index` of the array here.
    fn enter_element(&mut self, index: usize) -> Option<()> {
        self.eat(b'[')?;
        for _ in 0..index {
            self.ws();
            self.skip_value()?;
            self.eat(b',')?;
        }
        self.ws();
        Some(())
    }

    /// Reads a string and returns it decoded.
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.skip_string()?;
        serde_json::from_slice(&self.b[start..self.i]).ok()
    }

    fn skip_string(&mut self) -> Option<()> {
        (self.peek()? == b'"').then_some(())?;
        self.i += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(());
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.skip_string(),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                self.ws();
                if self.peek()? == close {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.ws();
                    if open == b'{' {
                        self.skip_string()?;
                        self.eat(b':')?;
                        self.ws();
                    }
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        c if c == close => {
                            self.i += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                // Numbers and literals run to the next delimiter.
                let start = self.i;
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.i += 1;
                }
                (self.i > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{locate, too_deep};

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

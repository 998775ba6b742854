//! A cursor over the bytes of a JSON document: white space, strings (escapes skipped, never
//! decoded) and whole values skipped by their brackets. The fast structural pass (`scan`)
//! and the error locator (`locate`) both walk documents with it. It checks only what it must
//! to find where things are, and gives up (`None`) on anything unexpected; serde checks the
//! rest.

use std::ops::Range;

pub struct JsonCursor<'a> {
    pub bytes: &'a [u8],
    /// The next byte to read.
    pub at: usize,
    /// Deepest nesting [`JsonCursor::value`] accepts (the document's braces are level 1).
    pub max_depth: usize,
}

impl<'a> JsonCursor<'a> {
    pub fn new(bytes: &'a [u8], at: usize, max_depth: usize) -> Self {
        JsonCursor {
            bytes,
            at,
            max_depth,
        }
    }

    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    pub fn next_byte(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    pub fn expect(&mut self, c: u8) -> Option<()> {
        (self.next_byte()? == c).then_some(())
    }

    pub fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// A string starting here; returns where its raw bytes are, between the quotes.
    pub fn string(&mut self) -> Option<Range<usize>> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            let at = self.at + memchr::memchr2(b'"', b'\\', self.bytes.get(self.at..)?)?;
            if self.bytes[at] == b'"' {
                self.at = at + 1;
                return Some(start..at);
            }
            // An escape: skip the backslash and the character it escapes.
            self.at = at + 2;
        }
    }

    /// A member's key (where its raw bytes are, between the quotes) and its colon, white
    /// space around them skipped: the cursor is left at the member's value.
    pub fn key(&mut self) -> Option<Range<usize>> {
        self.ws();
        let key = self.string()?;
        self.ws();
        self.expect(b':')?;
        self.ws();
        Some(key)
    }

    /// Skips one value whose own brackets, if it has any, are at nesting level `depth` (the
    /// document's braces are level 1).
    pub fn value(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => self.container(depth),
            _ => {
                // A number or literal: runs to the next delimiter; serde checks it.
                let start = self.at;
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
                ) {
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }

    /// Skips an object or array, without recursion: one counter for the depth.
    fn container(&mut self, depth: usize) -> Option<()> {
        let mut level = 0usize;
        loop {
            match self.next_byte()? {
                b'"' => {
                    self.at -= 1;
                    self.string()?;
                }
                b'{' | b'[' => {
                    level += 1;
                    if depth + level - 1 > self.max_depth {
                        return None;
                    }
                }
                b'}' | b']' => {
                    level -= 1;
                    if level == 0 {
                        return Some(());
                    }
                }
                _ => {}
            }
        }
    }
}

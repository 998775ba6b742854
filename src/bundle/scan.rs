//! The fast structural pass: finds the byte span of every article in a bundle without
//! parsing what is inside, so the articles can be parsed in parallel and their bodies later.
//!
//! It checks only what it must to find the spans (strings, brackets, commas, nesting depth);
//! serde checks the rest span by span. Anything unexpected returns `None`, and the caller
//! falls back to the full parse, which says exactly what is wrong.

use std::ops::Range;

use super::json::JsonCursor;

/// Where the parts of a bundle document are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    /// The `articles` array, brackets included.
    pub array: Range<usize>,
    /// Each element of the array.
    pub articles: Vec<Range<usize>>,
}

/// Finds the article spans of `bytes`, a whole bundle document (BOM already removed).
pub fn scan(bytes: &[u8], max_depth: usize) -> Option<Spans> {
    scan_with(bytes, max_depth, None)
}

/// [`scan`] on two cores for documents of at least `min_len` bytes. A second thread guesses an
/// article boundary near the middle and scans the articles from there; the first thread
/// scans from the start and takes the second's spans only if one of its own articles starts
/// exactly at the guess (a boundary in the same array: from an article's start the scan
/// cannot differ). Otherwise it simply scans on.
pub fn scan_parallel(bytes: &[u8], max_depth: usize, min_len: usize) -> Option<Spans> {
    let Some(guess) = (bytes.len() >= min_len)
        .then(|| {
            let key = first_article_key(bytes)?;
            guess_boundary(bytes, bytes.len() / 2, key)
        })
        .flatten()
    else {
        return scan(bytes, max_depth);
    };
    std::thread::scope(|scope| {
        let tail = scope.spawn(move || {
            let mut s = JsonCursor::new(bytes, guess, max_depth);
            let spans = elements(&mut s, guess, None).ok()?;
            Some((spans, s.at))
        });
        scan_with(bytes, max_depth, Some((guess, tail)))
    })
}

/// The first key of the first article, quotes included (`"id"`), as a likely start of every
/// article: bundles are written by programs, which write every article's keys in the same
/// order. Body blocks (`}`,`{` as well) rarely start with the same key, so looking for it
/// finds article boundaries rather than block boundaries. A guess only: the scan checks it.
fn first_article_key(bytes: &[u8]) -> Option<&[u8]> {
    let key = memchr::memmem::find(bytes, b"\"articles\"")? + b"\"articles\"".len();
    let mut s = JsonCursor::new(bytes, key, 0);
    for c in [b':', b'[', b'{'] {
        s.ws();
        s.expect(c)?;
    }
    s.ws();
    let start = s.at;
    s.string()?;
    bytes.get(start..s.at)
}

/// An article boundary near `from`: the `{` of `}` `,` `{` `key` (white space allowed
/// between).
fn guess_boundary(bytes: &[u8], from: usize, key: &[u8]) -> Option<usize> {
    let window = bytes.get(from..bytes.len().min(from + (4 << 20)))?;
    let skip_ws_back = |end: usize| bytes[..end].iter().rposition(|b| !b.is_ascii_whitespace());
    memchr::memmem::find_iter(window, key)
        .map(|p| from + p)
        .find_map(|at| {
            let open = skip_ws_back(at)?;
            let comma = skip_ws_back(open)?;
            let close = skip_ws_back(comma)?;
            (bytes[open] == b'{' && bytes[comma] == b',' && bytes[close] == b'}').then_some(open)
        })
}

type Tail<'scope> = std::thread::ScopedJoinHandle<'scope, Option<(Vec<Range<usize>>, usize)>>;

fn scan_with(bytes: &[u8], max_depth: usize, split: Option<(usize, Tail<'_>)>) -> Option<Spans> {
    let mut split = split;
    let mut s = JsonCursor::new(bytes, 0, max_depth);
    s.ws();
    s.expect(b'{')?;
    let mut found = None;
    s.ws();
    if s.peek()? == b'}' {
        return None;
    }
    loop {
        let key = s.key()?;
        if &bytes[key] == b"articles" {
            if found.is_some() {
                return None;
            }
            found = Some(articles(&mut s, &mut split)?);
        } else {
            s.value(2)?;
        }
        s.ws();
        match s.next_byte()? {
            b',' => continue,
            b'}' => break,
            _ => return None,
        }
    }
    s.ws();
    (s.at == bytes.len()).then_some(())?;
    found
}

/// The value of field `key` (its raw, unescaped spelling) of the object `bytes`, and the span
/// of each element when that value is an array, all relative to `bytes`. Reading one story's
/// body block by block starts here. `None` when the field is missing, not an array, or
/// anything is unexpected.
pub fn array_field(
    bytes: &[u8],
    key: &[u8],
    max_depth: usize,
) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let mut s = JsonCursor::new(bytes, 0, max_depth);
    s.ws();
    s.expect(b'{')?;
    loop {
        let name = s.key()?;
        if &bytes[name] == key {
            let start = s.at;
            s.expect(b'[')?;
            s.ws();
            if s.peek()? == b']' {
                return Some((start..s.at + 1, Vec::new()));
            }
            let from = s.at;
            let items = elements(&mut s, from, None).ok()?;
            return Some((start..s.at, items));
        }
        s.value(2)?;
        s.ws();
        match s.next_byte()? {
            b',' => continue,
            _ => return None,
        }
    }
}

/// The articles array: records each element's span, taking the tail's spans when an
/// article starts exactly where the tail began.
fn articles(s: &mut JsonCursor<'_>, split: &mut Option<(usize, Tail<'_>)>) -> Option<Spans> {
    let start = s.at;
    s.expect(b'[')?;
    s.ws();
    if s.peek()? == b']' {
        s.at += 1;
        return Some(Spans {
            array: start..s.at,
            articles: Vec::new(),
        });
    }
    let from = s.at;
    let guess = split.as_ref().map(|(guess, _)| *guess);
    let mut articles = match elements(s, from, guess) {
        Ok(articles) => articles,
        Err(Some(mut articles)) => {
            // Reached the guess at an article's start: the tail has the rest.
            let (_, tail) = split.take()?;
            match tail.join().ok().flatten() {
                Some((rest, end)) => {
                    articles.extend(rest);
                    s.at = end;
                }
                None => return None,
            }
            articles
        }
        Err(None) => return None,
    };
    articles.shrink_to_fit();
    Some(Spans {
        array: start..s.at,
        articles,
    })
}

/// Scans articles from `from` (an article's start) to the array's `]`, leaving the
/// scanner after it. With `stop`, returns `Err(Some(spans so far))` when an article
/// starts exactly there. `Err(None)` for anything unexpected.
fn elements(
    s: &mut JsonCursor<'_>,
    from: usize,
    stop: Option<usize>,
) -> Result<Vec<Range<usize>>, Option<Vec<Range<usize>>>> {
    s.at = from;
    let mut articles = Vec::new();
    loop {
        s.ws();
        let start = s.at;
        if stop == Some(start) {
            return Err(Some(articles));
        }
        s.value(3).ok_or(None)?;
        articles.push(start..s.at);
        s.ws();
        match s.next_byte().ok_or(None)? {
            b',' => continue,
            b']' => return Ok(articles),
            _ => return Err(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Option<Vec<&str>> {
        let s = scan(text.as_bytes(), 64)?;
        Some(s.articles.iter().map(|r| &text[r.clone()]).collect())
    }

    #[test]
    fn finds_each_article() {
        let doc = r#" {"newsterm": 1, "x": {"articles": [9]}, "articles": [ {"id": "a"} ,{"t": "]},\"["} ], "z": [] } "#;
        assert_eq!(
            spans(doc).unwrap(),
            [r#"{"id": "a"}"#, r#"{"t": "]},\"["}"#]
        );
    }

    #[test]
    fn empty_and_missing() {
        assert_eq!(spans(r#"{"articles": []}"#).unwrap(), Vec::<&str>::new());
        assert_eq!(spans(r#"{"title": "x"}"#), None);
        assert_eq!(spans(r#"{}"#), None);
    }

    #[test]
    fn gives_up_on_anything_odd() {
        for doc in [
            r#"{"articles": [] "#,
            r#"{"articles": [], "articles": []}"#,
            r#"{"articles": [1 2]}"#,
            r#"{"articles": []} x"#,
            r#"[{"articles": []}]"#,
            r#"{"articles": ["unterminated]}"#,
        ] {
            assert_eq!(spans(doc), None, "{doc}");
        }
    }

    #[test]
    fn the_parallel_scan_finds_the_same_spans() {
        let article = r#"{"id": "a", "t": "},{\"x\": [1, {}]", "b": [{"p": "}, {"}, {"q": 1}]}"#;
        for n in [1, 2, 3, 10, 101] {
            let doc = format!(
                r#"{{"title": "T", "articles": [{}], "after": {{"articles": 0}}}}"#,
                vec![article; n].join(",\n ")
            );
            let sequential = scan(doc.as_bytes(), 64);
            assert!(sequential.is_some());
            for min in [0, 1, usize::MAX] {
                assert_eq!(
                    scan_parallel(doc.as_bytes(), 64, min),
                    sequential,
                    "{n} {min}"
                );
            }
        }
    }

    #[test]
    fn finds_an_array_field_and_its_elements() {
        let article =
            r#" { "id": "a", "x": {"body": [0]}, "body" : [ {"t": "],\"["} , [1], "s" ] , "z": 1}"#;
        let (value, items) = array_field(article.as_bytes(), b"body", 64).unwrap();
        assert_eq!(&article[value], r#"[ {"t": "],\"["} , [1], "s" ]"#);
        let items: Vec<&str> = items.into_iter().map(|r| &article[r]).collect();
        assert_eq!(items, [r#"{"t": "],\"["}"#, "[1]", r#""s""#]);
        let empty = r#"{"body": []}"#;
        assert_eq!(
            array_field(empty.as_bytes(), b"body", 64),
            Some((9..11, vec![]))
        );
        for odd in [
            r#"{"id": "a"}"#,
            r#"{"body": 1}"#,
            r#"{"body": [1 2]}"#,
            "[]",
        ] {
            assert_eq!(array_field(odd.as_bytes(), b"body", 64), None, "{odd}");
        }
    }

    #[test]
    fn the_guess_is_an_article_boundary_not_a_block_boundary() {
        // Keys sorted, as many JSON writers do: blocks are `},{` apart too.
        let article = r#"{"body":[{"text":"x"},{"text":"y"},{"text":"z"}],"id":"a"}"#;
        let doc = format!(r#"{{"articles":[{}]}}"#, vec![article; 50].join(",\n"));
        let key = first_article_key(doc.as_bytes()).unwrap();
        assert_eq!(key, br#""body""#);
        let guess = guess_boundary(doc.as_bytes(), doc.len() / 2, key).unwrap();
        assert!(
            doc[guess..].starts_with(r#"{"body""#),
            "{}",
            &doc[guess..guess + 20]
        );
        let spans = scan(doc.as_bytes(), 64).unwrap();
        assert!(spans.articles.iter().any(|s| s.start == guess));
    }

    #[test]
    fn depth_is_limited() {
        let deep = format!(
            r#"{{"articles": [{{"x": {}1{}}}]}}"#,
            "[".repeat(70),
            "]".repeat(70)
        );
        assert_eq!(spans(&deep), None);
        let fine = format!(
            r#"{{"articles": [{{"x": {}1{}}}]}}"#,
            "[".repeat(10),
            "]".repeat(10)
        );
        assert!(spans(&fine).is_some());
    }
}

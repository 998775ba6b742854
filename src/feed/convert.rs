//! `newsterm convert`: stories from any sources written as one article bundle.

use std::io::{self, Write};
use std::path::Path;

use crate::bundle::{Bundle, article_doc, doc_of, write_doc};

/// Writes `bundle` as bundle JSON. Stories merged from several sources keep the name of the
/// one they came from as their `source` when they had none, since the bundle has no other
/// place for it.
pub fn write<W: Write>(bundle: &Bundle, out: &mut W) -> io::Result<()> {
    let (top, _) = doc_of(bundle);
    let merged = bundle.origins.len() > 1;
    let articles = (0..bundle.articles.len()).filter_map(|i| {
        let mut doc = article_doc(bundle, i)?;
        if merged && doc.source.is_none() {
            let origin = bundle.articles.get(i).map_or(0, |a| usize::from(a.origin));
            doc.source = bundle.origins.get(origin).map(|o| o.name.clone());
        }
        Some(Ok(doc))
    });
    write_doc(out, &top, articles)
}

/// Writes `bundle` to `path` atomically (see [`crate::atomic`]): the file is the old one or
/// the new one, never half of either.
pub fn write_file(bundle: &Bundle, path: &Path) -> io::Result<()> {
    crate::atomic::replace(path, |mut out| write(bundle, &mut out))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bundle::{load_full, sample};

    fn written(bundle: &Bundle) -> Vec<u8> {
        let mut out = Vec::new();
        write(bundle, &mut out).unwrap();
        out
    }

    #[test]
    fn merged_stories_keep_their_source() {
        let a = sample().unwrap();
        let n = a.articles.len();
        let mut b = load_full(
            "b",
            br#"{"newsterm":1,"title":"B","articles":[{"id":"b1","title":"Bee"}]}"#,
        )
        .unwrap();
        b.articles[0].published = Some("2030-01-01T00:00:00Z".into());
        let merged = crate::feed::merge(vec![a, b]);
        let text = String::from_utf8(written(&merged)).unwrap();
        let again = load_full("again", text.as_bytes()).unwrap();
        assert_eq!(again.articles.len(), n + 1);
        assert_eq!(again.articles[0].id, "b1");
        assert_eq!(again.articles[0].source.as_deref(), Some("B"));
        assert_eq!(written(&again), text.into_bytes());
    }

    #[test]
    fn a_file_is_written_whole() {
        let dir = crate::scratch::scratch_dir("convert", "whole");
        let path = dir.join("out.json");
        std::fs::write(&path, "old").unwrap();
        write_file(&sample().unwrap(), &path).unwrap();
        let written = std::fs::read(&path).unwrap();
        assert_eq!(written, super::tests::written(&sample().unwrap()));
        assert!(load_full("out", &written).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

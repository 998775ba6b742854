//! `newsterm convert`: stories from any sources written as one article bundle.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
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

/// Writes `bundle` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over it, so the file is the old one or the new one, never half of either.
pub fn write_file(bundle: &Bundle, path: &Path) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = dir.join(temp_name);
    let result = (|| {
        let mut out = BufWriter::new(File::create(&temp)?);
        write(bundle, &mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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
    fn a_failed_write_leaves_the_old_file() {
        let dir = std::env::temp_dir().join(format!("newsterm-convert-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.json");
        fs::write(&path, "old").unwrap();
        write_file(&sample().unwrap(), &path).unwrap();
        let first = fs::read(&path).unwrap();
        assert!(load_full("out", &first).is_ok());
        // A directory in the way of the temporary file's rename target cannot be replaced.
        let blocked = dir.join("blocked");
        fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(write_file(&sample().unwrap(), &blocked).is_err());
        assert!(blocked.join("inside").is_dir());
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }
}

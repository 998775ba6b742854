//! Opening what the command line names: a file, `-` for standard input, or a web address,
//! holding a bundle or a feed. The format is told from the content, never from the name.

use std::io::Read;
use std::path::Path;

use crate::bundle::{self, Bundle, LoadError};

use super::parse::read_feed_owned;
use super::sniff::{ContentFormat, content_format, is_json_feed};
use crate::fetch;

/// How far opening a source has got, for a progress line.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// A bundle being parsed.
    Load(bundle::Progress),
    /// A web address being downloaded: bytes so far.
    Fetch { url: &'a str, bytes: u64 },
    /// Several web addresses being downloaded at once: how many have ended, of how many,
    /// and the bytes received from all of them so far.
    FetchMany { done: usize, of: usize, bytes: u64 },
}

/// Whether `source` names a web address rather than a file.
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// What a source names by its form.
#[derive(Debug, PartialEq, Eq)]
enum Address {
    /// `http://` or `https://`.
    Web,
    /// A `file://` address: the local path it names.
    File(std::path::PathBuf),
    /// `-` or a path as written.
    Local,
}

/// Tells a source's kind by its scheme (`name://`), refusing the schemes newsterm cannot read
/// rather than looking for a file called `ftp:`.
fn address(source: &str) -> bundle::Result<Address> {
    if is_url(source) {
        return Ok(Address::Web);
    }
    let Some((scheme, _)) = source.split_once("://") else {
        return Ok(Address::Local);
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return Ok(Address::Local);
    }
    let refuse = |why: String| LoadError::Read {
        file: crate::text::printable(source).into_owned(),
        source: std::io::Error::new(std::io::ErrorKind::Unsupported, why),
    };
    if !scheme.eq_ignore_ascii_case("file") {
        return Err(refuse(format!(
            "{}: addresses are not read (only files, -, http:// and https://)",
            crate::text::printable(&scheme.to_ascii_lowercase())
        )));
    }
    // `to_file_path` decodes `%20` and the like and accepts only this machine's files
    // (no host, or `localhost`).
    url::Url::parse(source)
        .ok()
        .and_then(|url| url.to_file_path().ok())
        .map(Address::File)
        .ok_or_else(|| refuse("not a local file:// address (file:///path)".into()))
}

/// Opens one source: a web address (through `fetch`'s cache and limits), `-` for standard
/// input, a `file://` address or a file.
pub fn open(
    source: &str,
    options: &fetch::Options,
    step: &mut dyn FnMut(Step<'_>),
) -> bundle::Result<Bundle> {
    let local;
    let (source, web) = match address(source)? {
        Address::Web => (source, true),
        Address::File(path) => {
            local = path.to_string_lossy().into_owned();
            (local.as_str(), false)
        }
        Address::Local => (source, false),
    };
    if web {
        let fetched = fetch::fetch(source, options, &mut |bytes| {
            step(Step::Fetch { url: source, bytes })
        });
        return from_fetched(source, fetched, step);
    }
    let path = Path::new(source);
    let name = bundle::source_name(path);
    let read_error = |e| LoadError::Read {
        file: name.clone(),
        source: e,
    };
    if source == "-" {
        let bytes = crate::limits::read_capped(std::io::stdin().lock(), crate::limits::MOST_READ)
            .map_err(read_error)?;
        return from_bytes(&name, bytes, None, None, step);
    }
    // A pipe or a device (`<(…)`, `/dev/stdin`) is read once, within the bound: reading its
    // head and then the whole again would read different bytes, or for ever.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        let bytes = std::fs::File::open(path)
            .and_then(|f| crate::limits::read_capped(f, crate::limits::MOST_READ))
            .map_err(read_error)?;
        return from_bytes(&name, bytes, None, None, step);
    }
    let mut head = [0u8; 512];
    let read = std::fs::File::open(path).and_then(|mut f| read_head(&mut f, &mut head));
    let got = read.map_err(|e| LoadError::Read {
        file: name.clone(),
        source: e,
    })?;
    if content_format(&head[..got]) == ContentFormat::Xml {
        let bytes = crate::limits::read_capped(
            std::fs::File::open(path).map_err(read_error)?,
            crate::limits::MOST_READ,
        )
        .map_err(read_error)?;
        if crate::article::charset::is_html(&bytes) {
            return crate::article::page_bundle(&name, &bytes, None, None);
        }
        return read_feed_owned(&name, bytes, None);
    }
    let shown = &mut *step;
    let cell = std::cell::RefCell::new(shown);
    let loaded = bundle::load_path_with(path, &|p| {
        if let Ok(mut step) = cell.try_borrow_mut() {
            step(Step::Load(p));
        }
    });
    match loaded {
        Ok(bundle) => Ok(bundle),
        Err(err) => {
            // A JSON Feed is refused by the bundle loader (it has no `newsterm` version);
            // only then is the file read again to see whether it is one.
            match std::fs::read(path) {
                Ok(bytes) if is_json_feed(&bytes) => read_feed_owned(&name, bytes, None),
                _ => Err(err),
            }
        }
    }
}

/// A web address's stories from what fetching it gave.
pub fn from_fetched(
    source: &str,
    fetched: Result<fetch::Fetched, fetch::FetchError>,
    step: &mut dyn FnMut(Step<'_>),
) -> bundle::Result<Bundle> {
    let fetched = fetched.map_err(LoadError::Fetch)?;
    let name = crate::text::printable(source).into_owned();
    from_bytes(
        &name,
        fetched.bytes,
        Some(&fetched.url),
        fetched.content_type.as_deref(),
        step,
    )
}

/// Reads up to `head.len()` bytes (fewer only at the end of the file).
fn read_head(file: &mut std::fs::File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// A source already read into memory: a web page, a feed or a bundle. `base` is the address
/// it came from, `content_type` the HTTP header it came with.
fn from_bytes(
    name: &str,
    bytes: Vec<u8>,
    base: Option<&str>,
    content_type: Option<&str>,
    step: &mut dyn FnMut(Step<'_>),
) -> bundle::Result<Bundle> {
    if crate::article::charset::is_html(&bytes) {
        return crate::article::page_bundle(name, &bytes, base, content_type);
    }
    if content_format(&bytes) == ContentFormat::Xml || is_json_feed(&bytes) {
        return read_feed_owned(name, bytes, base);
    }
    let cell = std::cell::RefCell::new(step);
    bundle::load_owned(name, bytes, &|p| {
        if let Ok(mut step) = cell.try_borrow_mut() {
            step(Step::Load(p));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_are_told_from_file_names() {
        assert!(is_url("HTTPS://example.org/feed"));
        assert!(!is_url("./http:/x"));
    }

    #[test]
    fn addresses_by_scheme() {
        assert_eq!(address("https://example.org/f").ok(), Some(Address::Web));
        assert_eq!(address("feed.xml").ok(), Some(Address::Local));
        assert_eq!(address("notes:today.json").ok(), Some(Address::Local));
        assert_eq!(address("./a://b").ok(), Some(Address::Local));
        assert_eq!(
            address("file:///tmp/a%20b.xml").ok(),
            Some(Address::File("/tmp/a b.xml".into()))
        );
        assert_eq!(
            address("FILE://localhost/x.json").ok(),
            Some(Address::File("/x.json".into()))
        );
        let ftp = address("ftp://example.org/f.xml")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            ftp.starts_with("ftp://example.org/f.xml: cannot read: ftp: "),
            "{ftp}"
        );
        let gopher = address("Gopher://x").map(|_| ()).unwrap_err().to_string();
        assert!(
            gopher.contains(": gopher: addresses are not read"),
            "{gopher}"
        );
        assert!(address("file://elsewhere/x").is_err());
    }
}

//! Subscriptions: the feeds a person follows, kept in newsboat's `urls` file format at
//! `$XDG_CONFIG_HOME/newsterm/urls`, so that a newsboat file can be copied in and out as it is.
//!
//! [`UrlsFile`] is the file as lines: each a [`Subscription`] or a line kept as it was
//! (comments, blank lines, newsboat's query feeds, lines newsterm cannot read); writing it
//! back reproduces every line not removed byte for byte. [`opml`] reads and writes OPML
//! 1.0/2.0 subscription lists, [`discover`] finds the feeds an HTML page names. No terminal
//! code lives here.

pub mod discover;
pub mod filter;
pub mod opml;
pub mod urls;

use std::path::{Path, PathBuf};

pub use filter::QueryFeed;
pub use urls::{Kind, Merged, Unused, UrlsFile};

/// One feed followed: its address, its tags (newsboat's, a leading `!` hiding it there) and
/// the name shown for it instead of the feed's own title (newsboat's `"~Name"` tag).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscription {
    /// An `http(s)://` address, or newsboat's `exec:COMMAND` or `filter:COMMAND:URL`.
    pub url: String,
    pub tags: Vec<String>,
    pub name: Option<String>,
}

impl Subscription {
    /// A subscription to `url` with no tags and no name.
    pub fn new(url: impl Into<String>) -> Subscription {
        Subscription {
            url: url.into(),
            ..Subscription::default()
        }
    }

    /// What kind of source the address names.
    pub fn kind(&self) -> Kind {
        let lower = self.url.get(..8).unwrap_or(&self.url).to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            Kind::Web
        } else if lower.starts_with("exec:") {
            Kind::Command
        } else if lower.starts_with("filter:") {
            Kind::Filter
        } else {
            Kind::Other
        }
    }
}

/// Why the subscriptions could not be read or written. Each message is one line naming the
/// file (and the line, for a mistake in it).
#[derive(Debug, thiserror::Error)]
pub enum SubsError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: cannot write: {source}")]
    Write {
        file: String,
        source: std::io::Error,
    },
    /// A mistake at a line of the file.
    #[error("{file}:{line}: {what}")]
    Invalid {
        file: String,
        line: usize,
        what: String,
    },
    /// A file that is not what it was taken for as a whole (no `<opml>` root, no `<body>`).
    #[error("{file}: {what}")]
    NotOpml { file: String, what: String },
}

impl SubsError {
    /// Whether the fault is in the file's content (exit status 2) rather than in reading or
    /// writing it (status 1).
    pub fn is_mistake(&self) -> bool {
        matches!(self, SubsError::Invalid { .. } | SubsError::NotOpml { .. })
    }
}

/// A path as messages name it: made safe for the terminal.
pub fn file_name(path: &Path) -> String {
    crate::text::printable(&path.display().to_string()).into_owned()
}

/// The subscriptions file the environment names: `$XDG_CONFIG_HOME/newsterm/urls` when that
/// is set and absolute, else `$HOME/.config/newsterm/urls`; `None` when neither is set.
pub fn urls_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_CONFIG_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            var("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".config"))
        })?;
    Some(base.join("newsterm").join("urls"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_urls_file_is_under_the_config_folder() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            urls_path(env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/newsterm/urls"))
        );
        assert_eq!(
            urls_path(env(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.config/newsterm/urls"))
        );
        assert_eq!(urls_path(env(&[])), None);
    }

    #[test]
    fn kinds_of_subscription() {
        assert_eq!(Subscription::new("HTTPS://e.org/f").kind(), Kind::Web);
        assert_eq!(Subscription::new("exec:~/bin/feed").kind(), Kind::Command);
        assert_eq!(
            Subscription::new("filter:f.sh:http://e.org").kind(),
            Kind::Filter
        );
        assert_eq!(Subscription::new("gopher://x").kind(), Kind::Other);
        assert_eq!(Subscription::new("é").kind(), Kind::Other);
    }
}

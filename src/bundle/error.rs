//! Why a bundle was refused: one error type for the whole loading path.
//!
//! Every variant carries what a user needs to find the problem: the file as they named it,
//! and where one exists the JSON path and the line and column. `Display` renders the one line
//! the command line prints after `newsterm: `.

use std::fmt;

/// Where in the document a problem sits. Any part may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPlace {
    /// JSON path such as `articles[3].title`; empty for the document itself.
    pub path: String,
    /// 1-based line, when the parser knows it.
    pub line: Option<usize>,
    /// 1-based column, counted in characters (not bytes), when the parser knows it.
    pub column: Option<usize>,
}

impl fmt::Display for JsonPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() && self.path != "." {
            write!(f, " at {}", self.path)?;
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

/// A bundle that could not be opened. Nothing of it is kept.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all.
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// Bytes that are not UTF-8.
    #[error("{file}: not UTF-8: invalid byte 0x{byte:02X}{place}")]
    NotUtf8 {
        file: String,
        byte: u8,
        place: JsonPlace,
    },
    /// Not JSON, or JSON cut short.
    #[error("{file}: not valid JSON: {what}{place}")]
    Syntax {
        file: String,
        what: String,
        place: JsonPlace,
    },
    /// Valid JSON that breaks the bundle contract (wrong type, missing field, duplicate id...).
    #[error("{file}: {what}{place}")]
    Contract {
        file: String,
        what: String,
        place: JsonPlace,
    },
    /// XML or JSON that is not a feed newsterm can read (RSS, Atom, JSON Feed).
    #[error("{file}: {what}")]
    Feed { file: String, what: String },
    /// A web address that could not be fetched; the message names it.
    #[error(transparent)]
    Fetch(crate::fetch::FetchError),
}

impl LoadError {
    /// The place of the problem, when there is one.
    pub fn place(&self) -> Option<&JsonPlace> {
        match self {
            Self::Read { .. } | Self::Feed { .. } | Self::Fetch(_) => None,
            Self::NotUtf8 { place, .. }
            | Self::Syntax { place, .. }
            | Self::Contract { place, .. } => Some(place),
        }
    }
}

/// Result of loading a bundle.
pub type Result<T, E = LoadError> = std::result::Result<T, E>;

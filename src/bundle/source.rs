//! The bytes a bundle was read from, kept while the bundle is open so that a story's body is
//! parsed from its span only when it is opened.

use std::fmt;
use std::ops::Deref;

pub enum Source {
    /// Built into the binary (the sample).
    Static(&'static [u8]),
    /// Read into memory (standard input, tests).
    Owned(Vec<u8>),
    /// A file mapped into memory: no copy, and pages the reader never needs are never read.
    Mapped(memmap2::Mmap),
}

impl Source {
    /// Maps `file` into memory (an empty file is read instead: it cannot be mapped).
    pub fn map(file: &std::fs::File) -> std::io::Result<Self> {
        if file.metadata()?.len() == 0 {
            return Ok(Source::Owned(Vec::new()));
        }
        // SAFETY: the map is read-only and private. If another process truncates the file
        // while newsterm runs, reading the lost pages raises SIGBUS, as it does for every
        // program that maps files (ripgrep, git); copying 450 MB instead costs more than the
        // whole rest of the load.
        // `populate` faults every page in at once: the whole file is validated before the first
        // frame anyway, and one request is cheaper than 100,000 page faults.
        #[expect(unsafe_code, reason = "memory-mapping the bundle file")]
        let map = unsafe { memmap2::MmapOptions::new().populate().map(file)? };
        Ok(Source::Mapped(map))
    }
}

impl Deref for Source {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Source::Static(bytes) => bytes,
            Source::Owned(bytes) => bytes,
            Source::Mapped(map) => map,
        }
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Source({} bytes)", self.len())
    }
}

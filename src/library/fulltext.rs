//! Whole articles read from stories' pages (`f` in the reader), kept by the page's address
//! so that a page is fetched once, whichever feed's story links to it. Each is kept as a
//! one-story bundle, which the bundle loader reads back: what is shown from the library is
//! checked and cleaned as every story is.

use rusqlite::OptionalExtension;

use super::{Library, Result};

impl Library {
    /// The whole article kept for the page at `url` (a one-story bundle), if one is.
    pub fn full_text(&self, url: &str) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT story FROM full_texts WHERE url = ?1", [url], |r| {
                r.get::<_, String>(0).map(String::into_bytes)
            })
            .optional()
            .map_err(|e| self.err(&e))
    }

    /// Keeps the whole article of the page at `url` (a one-story bundle), read at `now`.
    pub fn keep_full_text(&mut self, url: &str, story: &str, now: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO full_texts (url, fetched, story) VALUES (?1, ?2, ?3)",
                rusqlite::params![url, now, story],
            )
            .map(|_| ())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_kept_is_read_back_and_replaced_when_read_again() {
        let dir = crate::scratch::scratch_dir("library", "full-text");
        let mut library = Library::open(&dir.join("library.db")).unwrap();
        assert_eq!(library.full_text("https://e.org/a").unwrap(), None);
        library
            .keep_full_text("https://e.org/a", "{\"one\":1}", 5)
            .unwrap();
        library
            .keep_full_text("https://e.org/a", "{\"two\":2}", 6)
            .unwrap();
        assert_eq!(
            library.full_text("https://e.org/a").unwrap(),
            Some(b"{\"two\":2}".to_vec())
        );
        assert_eq!(library.integrity_check(), Ok(()));
    }
}

//! Helpers the integration tests share, one place for each set-up: temporary directories,
//! running the binary, feed fixtures, the binary in a pseudo-terminal, headless frames, the
//! presenter in a terminal emulator, and an HTTP server on 127.0.0.1.

/// Running the binary in a home of its own, and its output as text.
pub mod bin;
/// Temporary directories and files, removed when the test ends.
pub mod dirs;
/// Feed fixtures, opened as the reader opens a source.
pub mod feeds;
/// Headless frames of the real UI and the shared snapshot settings.
pub mod frames;
/// The real binary in a pseudo-terminal.
pub mod pty;
/// The presenter's bytes replayed in a terminal emulator.
pub mod screen;
/// A tiny HTTP server on 127.0.0.1 that tests start themselves.
pub mod serve;
/// The sample bundle's reading state in a directory of the test's own.
pub mod state;

pub use bin::{NEWSTERM, newsterm, newsterm_with, stderr, stdout, text};
pub use dirs::{TempDir, fresh_dir};
pub use feeds::{fixture, open};
pub use frames::{app_frame, frame_of, frame_with_feeds, sample_frame, settings};
pub use pty::{Answers, Session, assert_restored_at_the_end};
pub use screen::{Term, nonzero, screen_matches};
pub use serve::{Reply, Route, Server, serve_one};

//! `--render`: the frame after the keys, on standard output.

use std::io::Write;

use super::{Args, Failure, read, to_stdout};
use crate::app::App;
use crate::bundle::Bundle;
use crate::frame::{self, Format};
use crate::testing::Session;
use crate::ui::Theme;

/// What `--render` shows of the library besides its stories.
#[derive(Default)]
pub(super) struct Extra {
    pub(super) memory: crate::state::Memory,
    pub(super) feeds: Vec<crate::library::FeedInfo>,
    pub(super) queries: Vec<crate::app::SavedQuery>,
}

/// `--query` read, or the bad argument it is (the column where it goes wrong).
pub(super) fn query_of(args: &Args) -> Result<Option<String>, Failure> {
    match &args.query {
        Some(text) => match crate::query::parse(text) {
            Ok(_) => Ok(Some(text.clone())),
            Err(e) => Err(Failure::Argument(format!(
                "--query {:?}: {e}",
                crate::text::printable(text)
            ))),
        },
        None => Ok(None),
    }
}

/// The time queries count `newer:` back from: `SOURCE_DATE_EPOCH` when it is set (frames
/// that do not change with the day), else now.
pub(crate) fn query_clock() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(crate::library::now_secs)
}

pub(super) fn render(
    args: &Args,
    bundle: Bundle,
    extra: Extra,
    cols: u16,
    rows: u16,
) -> Result<(), Failure> {
    let query = query_of(args)?;
    let mut app = App::new(bundle, cols, rows)
        .with_memory(extra.memory)
        .with_now(query_clock())
        .with_queries(extra.queries);
    if !extra.feeds.is_empty() {
        app.apply(crate::app::Outcome::Feeds(extra.feeds));
    }
    if let Some(query) = query {
        app.enter_query(&query)
            .map_err(|e| Failure::Argument(format!("--query: {e}")))?;
    }
    let mut session = Session::of(app).with_theme(read::glyphs(args, &Theme::COLOR));
    if args.emit_bytes.is_some() {
        session = session.counting_bytes();
    }
    // A bad key name is a bad argument: status 2, like every other.
    let frames = session
        .run(args.keys.as_deref().unwrap_or(""), args.frames)
        .map_err(|e| Failure::Argument(e.to_string()))?;
    if let Some(path) = &args.emit_bytes {
        std::fs::write(path, session.bytes()).map_err(|e| {
            Failure::Other(format!(
                "cannot write the bytes to {}: {e}",
                crate::text::printable(&path.to_string_lossy())
            ))
        })?;
    }
    let format = match (args.format, args.color) {
        (Some(format), _) => format,
        (None, true) => Format::Ansi,
        (None, false) => Format::Text,
    };
    let text = frame::write_all(&frames, format);
    // The process ends now: freeing every story one by one would only delay the exit
    // (tens of milliseconds for 100,000), and the system takes the memory back at once.
    std::mem::forget(session);
    let written = std::io::stdout().lock().write_all(text.as_bytes());
    to_stdout(written, |e| format!("cannot write the frame: {e}"))
}

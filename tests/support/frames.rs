//! Frames drawn headless by newsterm's own UI through `newsterm::testing`, as `--render`
//! prints them, and the snapshot settings every snapshot test shares.

use ratatui::buffer::Buffer;

use newsterm::bundle::Bundle;
use newsterm::testing::{Frame, Session};

/// `bundle` after `keys` (as `--keys` reads them) at `cols` x `rows`, as a frame.
pub fn frame_after(bundle: Bundle, cols: u16, rows: u16, keys: &str) -> Frame {
    Session::new(bundle, cols, rows).press(keys).frame()
}

/// The sample bundle drawn after `keys`.
pub fn app_frame(cols: u16, rows: u16, keys: &str) -> Buffer {
    Session::sample(cols, rows)
        .press(keys)
        .frame()
        .buffer()
        .clone()
}

/// [`frame_after`] as the text `--render` prints.
pub fn frame_of(bundle: Bundle, cols: u16, rows: u16, keys: &str) -> String {
    frame_after(bundle, cols, rows, keys).to_string()
}

/// [`app_frame`] as the text `--render` prints.
pub fn sample_frame(cols: u16, rows: u16, keys: &str) -> String {
    Session::sample(cols, rows).press(keys).frame().to_string()
}

/// Snapshot names without the module, in `tests/snapshots`, so the frame tests, the binary's
/// tests and the hostile corpus assert against the same files.
pub fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots");
    settings
}

/// `bundle` drawn after `keys` with the library's subscriptions `feeds` handed in, as the
/// reader has them when it opens the library.
pub fn frame_with_feeds(
    bundle: Bundle,
    feeds: Vec<newsterm::library::FeedInfo>,
    cols: u16,
    rows: u16,
    keys: &str,
) -> String {
    let mut app = newsterm::app::App::new(bundle, cols, rows);
    app.apply(newsterm::app::Outcome::Feeds(feeds));
    Session::of(app).press(keys).frame().to_string()
}

/// Panics unless `text` is well-formed XML (an SVG a browser will draw).
#[track_caller]
pub fn assert_xml(text: &str, what: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what}: not XML: {e}"),
        }
    }
}

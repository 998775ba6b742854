//! Frames drawn headless by newsterm's own UI, as `--render` prints them, and the snapshot
//! settings every snapshot test shares.

use ratatui::buffer::Buffer;

use newsterm::bundle::{Bundle, sample};
use newsterm::headless;
use newsterm::keys::parse_keys;

/// `bundle` drawn at `cols` x `rows` after `keys` (as `--keys` reads them).
pub fn buffer_of(bundle: Bundle, cols: u16, rows: u16, keys: &str) -> Buffer {
    let keys = parse_keys(keys).expect("test keys parse");
    headless::frame(bundle, cols, rows, &keys)
}

/// The sample bundle drawn after `keys`.
pub fn app_frame(cols: u16, rows: u16, keys: &str) -> Buffer {
    buffer_of(sample().expect("sample loads"), cols, rows, keys)
}

/// [`buffer_of`] as the text `--render` prints.
pub fn frame_of(bundle: Bundle, cols: u16, rows: u16, keys: &str) -> String {
    headless::to_text(&buffer_of(bundle, cols, rows, keys))
}

/// [`app_frame`] as the text `--render` prints.
pub fn sample_frame(cols: u16, rows: u16, keys: &str) -> String {
    frame_of(sample().expect("sample loads"), cols, rows, keys)
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
    let keys = parse_keys(keys).expect("test keys parse");
    let mut app = newsterm::app::App::new(bundle, cols, rows);
    app.apply(newsterm::app::Outcome::Feeds(feeds));
    headless::press(&mut app, &keys);
    headless::to_text(&headless::draw(&app, &newsterm::ui::Theme::COLOR))
}

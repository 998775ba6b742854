//! HTML in feeds as the reader shows it, as whole-frame snapshots of a small feed: a code
//! block kept as written, a nested list, and tables (aligned, and with a wrapped last column).

use newsterm::bundle::Bundle;

use crate::support::{fixture, frame_of, open, settings};

/// The feed `tests/feeds/html-blocks.xml`, read as the reader reads it.
fn blocks_feed() -> Bundle {
    open(&fixture("html-blocks.xml")).expect("the fixture opens")
}

#[test]
fn html_blocks_as_a_reader_sees_them() {
    for (name, keys) in [
        ("code", "Enter z"),
        ("nested_list", "j Enter z"),
        ("table", "j j Enter z"),
    ] {
        let frame = frame_of(blocks_feed(), 60, 24, keys);
        settings().bind(|| insta::assert_snapshot!(format!("html_{name}_60x24"), frame, keys));
    }
}

#[test]
fn a_narrow_reader_keeps_code_and_nesting_readable() {
    let code = frame_of(blocks_feed(), 30, 20, "Enter z");
    // Every piece of a cut code line after the first is marked as going on.
    assert!(code.contains("↪ "), "{code}");
    assert!(code.contains("      for n in 1..4 {"), "{code}");
    let list = frame_of(blocks_feed(), 30, 20, "j Enter z");
    assert!(list.contains("    ▪ Wool"), "{list}");
}

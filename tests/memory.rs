//! Memory for a story that is one long paragraph, counted by this binary's own allocator: a
//! feed (plain text and HTML) and a bundle of one 6 MB paragraph are opened as the command
//! line opens them, and shown as `--render` shows them after the keys that open the story,
//! widen the reader and go to its end. The most memory held at once, the input's bytes
//! included, must stay under four times the input.
//!
//! Its own binary, so that no other test allocates meanwhile; one test, for the same reason.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

#[allow(dead_code)]
#[path = "support/dirs.rs"]
mod dirs;

use newsterm::app::App;
use newsterm::{feed, fetch, headless, keys, ui::Theme};

/// The system allocator, counting the bytes it holds now and the most it has held.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

fn more(bytes: usize) {
    let held = HELD.fetch_add(bytes, Ordering::SeqCst) + bytes;
    MOST.fetch_max(held, Ordering::SeqCst);
}

fn less(bytes: usize) {
    HELD.fetch_sub(bytes, Ordering::SeqCst);
}

#[expect(
    unsafe_code,
    reason = "a global allocator that counts, over the system's"
)]
// SAFETY: every call is passed to `System` unchanged; only the sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `System::alloc`, with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            more(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `System::alloc_zeroed`, with the caller's layout.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            more(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: `p` was allocated by `System` with `layout`.
        unsafe { System.dealloc(p, layout) };
        less(layout.size());
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        // SAFETY: `p` was allocated by `System` with `layout`; the caller's new size.
        let q = unsafe { System.realloc(p, layout, size) };
        // Counted as what it changes, as heaptrack counts it: a large block grows or
        // shrinks where it is (mremap), and only what is touched takes memory.
        if !q.is_null() {
            match size.checked_sub(layout.size()) {
                Some(grown) => more(grown),
                None => less(layout.size() - size),
            }
        }
        q
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Bytes of the paragraph.
const PARAGRAPH: usize = 6_000_000;

/// One paragraph of `bytes` bytes or a little more: sentences of Vietnamese and English words.
fn paragraph(bytes: usize) -> String {
    const WORDS: [&str; 16] = [
        "tin", "tức", "thế", "giới", "Hà", "Nội", "người", "dân", "market", "river", "bridge",
        "school", "the", "news", "report", "weather",
    ];
    let mut out = String::with_capacity(bytes + 200);
    let mut n: u64 = 7;
    while out.len() < bytes {
        for i in 0..12 {
            // A small linear congruential sequence: the same text every run.
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let word = WORDS[(n >> 33) as usize % WORDS.len()];
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out.push_str(". ");
    }
    out.truncate(out.trim_end().len());
    out
}

fn rss(description: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Memory</title><item><title>One paragraph</title>\
         <link>https://example.org/p</link><description>{description}</description>\
         </item></channel></rss>\n"
    )
}

/// The most bytes held at once while `file` is opened, drawn after `keys` and let go of, and
/// the file's size; a bundle file is mapped, not read, so its bytes count as held.
fn most_held(file: &std::path::Path, keys: &str) -> (usize, usize) {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0) as usize;
    let mapped = if file.extension().is_some_and(|e| e == "json") {
        size
    } else {
        0
    };
    let keys = keys::parse_keys(keys).unwrap_or_default();
    let before = HELD.load(Ordering::SeqCst);
    MOST.store(before, Ordering::SeqCst);
    let options = fetch::Options::default();
    let source = file.to_string_lossy();
    let bundle = feed::open(&source, &options, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::new(bundle, 120, 40);
    headless::press(&mut app, &keys);
    let frame = headless::draw(&app, &Theme::COLOR);
    let shown = headless::to_text(&frame);
    assert!(shown.starts_with(" Memory"), "{shown}");
    drop(app);
    (MOST.load(Ordering::SeqCst) - before + mapped, size)
}

#[test]
fn a_long_paragraph_needs_less_than_four_times_its_bytes() {
    let dir = dirs::fresh_dir("memory");
    let text = paragraph(PARAGRAPH);
    let bundle = serde_json::json!({"newsterm": 1, "title": "Memory", "articles": [
        {"id": "p", "title": "One paragraph", "url": "https://example.org/p",
         "body": [{"type": "paragraph", "text": text}]},
    ]});
    let files = [
        dir.file("plain.xml", rss(&text)),
        dir.file("html.xml", rss(&format!("<![CDATA[<p>{text}</p>]]>"))),
        dir.file("bundle.json", bundle.to_string()),
    ];
    drop((text, bundle));
    for file in &files {
        for keys in ["", "Enter z G"] {
            let (most, size) = most_held(file, keys);
            let ratio = most as f64 / size as f64;
            println!(
                "{}, keys {keys:?}: {most} bytes, {ratio:.2}x",
                file.display()
            );
            assert!(
                most < 4 * size,
                "{} after {keys:?}: {most} bytes held at most, {ratio:.2}x its {size}",
                file.display()
            );
        }
    }
}

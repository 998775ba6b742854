//! The hostile corpus (`tests/hostile/`): bundles that must be refused cleanly and bundles that
//! must open and draw exact frames, plus an end-to-end check that no escape sequence from a
//! story ever reaches the terminal.

use std::path::{Path, PathBuf};

use newsterm::bundle::{Bundle, load};

use crate::support::{Session, frame_of, newsterm, settings};

fn corpus(kind: &str, name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(kind)
        .join(name)
}

/// The file names in one part of the corpus, sorted.
fn names(kind: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus(kind, ""))
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn opened(name: &str) -> Bundle {
    let path = corpus("opens", name);
    let bytes = std::fs::read(&path).expect("corpus file");
    load(name, &bytes).unwrap_or_else(|e| panic!("{name} must open: {e}"))
}

/// Each refused file and the message after `newsterm: FILE: `.
const REFUSED: &[(&str, &str)] = &[
    (
        "empty.json",
        "not valid JSON: the file is empty (or only white space), expected a bundle object",
    ),
    (
        // Told by its content: it starts with `<`, so it could only have been a feed.
        "html.json",
        "a web page, not a feed or a bundle, and no article found in the page",
    ),
    (
        "truncated.json",
        "not valid JSON: the file ends inside a string at articles[0].lead (line 2, column 75)",
    ),
    (
        "invalid-utf8.json",
        "not UTF-8: invalid byte 0xE0 (line 1, column 29)",
    ),
    (
        "lone-surrogate.json",
        "not valid JSON: the escape `\\ud83d` is a lone surrogate, not a character at articles[0].title (line 2, column 30)",
    ),
    (
        "wrong-type-title.json",
        "invalid type: array, expected a string at articles[0].title (line 2, column 23)",
    ),
    (
        "wrong-type-block.json",
        "invalid type: integer `2`, expected a string at articles[0].body[1].items[1] (line 4, column 35)",
    ),
    (
        "missing-title.json",
        "missing field `title` at articles[1] (line 3, column 2)",
    ),
    (
        "blank-title.json",
        "the title is blank at articles[0].title (line 2, column 23)",
    ),
    (
        "duplicate-ids.json",
        "duplicate id \"a\" (first used by articles[0]) at articles[2].id (line 4, column 9)",
    ),
    (
        "wrong-version.json",
        "unsupported bundle version 7 (this reader reads version 1) at newsterm (line 1, column 14)",
    ),
    (
        "trailing-garbage.json",
        "not valid JSON: trailing characters (line 2, column 1)",
    ),
    (
        "nul-byte.json",
        "not valid JSON: control character (\\u0000-\\u001F) found while parsing a string at title (line 1, column 28)",
    ),
    (
        "not-an-object.json",
        "invalid type: array, expected an object (line 1, column 1)",
    ),
];

fn refused_line(path: &Path) -> String {
    let out = newsterm(&[path.to_str().expect("UTF-8 path")], None);
    assert_eq!(out.status.code(), Some(2), "{}", path.display());
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout for {}",
        path.display()
    );
    let err = String::from_utf8(out.stderr).expect("UTF-8 message");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn every_corpus_refusal_is_one_line_naming_file_and_place() {
    let names = names("refused");
    let listed: Vec<&str> = REFUSED.iter().map(|(n, _)| *n).collect();
    for name in &names {
        assert!(
            listed.contains(&name.as_str()),
            "{name} has no expected message"
        );
    }
    for (name, message) in REFUSED {
        let path = corpus("refused", name);
        assert_eq!(
            refused_line(&path),
            format!("newsterm: {}: {message}\n", path.display())
        );
    }
}

#[test]
fn a_directory_and_a_missing_file_are_refused() {
    let dir = corpus("refused", "");
    let err = refused_line(&dir);
    assert!(
        err.starts_with(&format!("newsterm: {}: cannot read: ", dir.display())),
        "{err}"
    );
    let missing = corpus("refused", "no-such-file.json");
    let err = refused_line(&missing);
    assert!(
        err.starts_with(&format!("newsterm: {}: cannot read: ", missing.display())),
        "{err}"
    );
}

#[test]
fn refusals_never_touch_the_terminal() {
    for (name, _) in REFUSED {
        let path = corpus("refused", name);
        let session = Session::start(80, 24, &[path.to_str().expect("UTF-8 path")]);
        let (status, output) = session.finish();
        assert_eq!(status.exit_code(), 2, "{name}");
        assert!(
            !output.contains('\u{1b}'),
            "{name} wrote an escape sequence: {output:?}"
        );
    }
}

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 2),
    (19, 5),
    (20, 6),
    (33, 9),
    (40, 15),
    (80, 24),
    (99, 30),
    (120, 40),
    (160, 45),
    (300, 100),
];
const KEYS: &[&str] = &[
    "",
    "Enter",
    "Enter G",
    "Enter C-d C-d",
    "Tab Tab Enter",
    "Tab Tab 1 Backspace",
    "G Enter j j",
    "?",
];

#[track_caller]
fn assert_exact_frames(name: &str, bundle: &Bundle, sizes: &[(u16, u16)], keys: &[&str]) {
    for &(cols, rows) in sizes {
        for keys in keys {
            let frame = frame_of(bundle.clone(), cols, rows, keys);
            let lines: Vec<&str> = frame.lines().collect();
            assert_eq!(
                lines.len(),
                usize::from(rows),
                "{name} {cols}x{rows} {keys}"
            );
            for line in lines {
                assert_eq!(
                    newsterm::text::width(line),
                    usize::from(cols),
                    "{name} {cols}x{rows} {keys}: {line:?}"
                );
                assert!(
                    !line.contains(|c: char| c.is_control()),
                    "{name}: control in {line:?}"
                );
            }
        }
    }
}

#[test]
fn every_corpus_bundle_opens_with_exact_frames_at_every_size() {
    for name in names("opens") {
        assert_exact_frames(&name, &opened(&name), SIZES, KEYS);
    }
}

#[test]
fn a_five_megabyte_story_opens_and_scrolls() {
    let paragraph = "Bộ trưởng Đặng Quốc Khánh khẳng định, những năm qua, Bộ Môi trường Hàn Quốc luôn là đối tác chiến lược quan trọng của Bộ Tài nguyên và Môi trường. ";
    let mut body = String::new();
    let mut blocks = Vec::new();
    while body.len() < 5_000_000 {
        let text = paragraph.repeat(20);
        body.push_str(&text);
        blocks.push(serde_json::json!({"type": "paragraph", "text": text}));
    }
    let json = serde_json::json!({"newsterm": 1, "title": "Big", "articles": [
        {"id": "big", "title": "Một bài rất dài", "body": blocks},
        {"id": "small", "title": "Một bài ngắn", "lead": "Ngắn."}]});
    let bundle = load("big.json", json.to_string().as_bytes()).expect("opens");
    assert_exact_frames(
        "5 MB",
        &bundle,
        &[(80, 24), (120, 40)],
        &["Enter G", "Enter C-d C-d C-d", "Enter G b b k"],
    );
    let end = frame_of(bundle, 80, 24, "Enter G");
    assert!(end.contains("End"), "{end}");
}

#[test]
fn decomposed_vietnamese_draws_the_same_frames_as_precomposed() {
    let nfc = opened("vietnamese-nfc.json");
    let nfd = opened("vietnamese-nfd.json");
    settings().bind(|| {
        for (cols, rows) in [(80, 24), (120, 40), (40, 15)] {
            for keys in ["", "Enter j j j"] {
                let composed = frame_of(nfc.clone(), cols, rows, keys);
                assert_eq!(
                    frame_of(nfd.clone(), cols, rows, keys),
                    composed,
                    "{cols}x{rows} {keys}"
                );
                if keys.is_empty() {
                    insta::assert_snapshot!(format!("vietnamese_nfc_{cols}x{rows}"), composed);
                    insta::assert_snapshot!(
                        format!("vietnamese_nfd_{cols}x{rows}"),
                        frame_of(nfd.clone(), cols, rows, keys)
                    );
                }
            }
        }
    });
}

#[test]
fn hostile_bundles_as_a_reader_sees_them() {
    settings().bind(|| {
        for (name, keys) in [
            ("escape-sequences.json", "Enter"),
            ("cjk.json", "j Enter"),
            ("emoji.json", "Enter"),
            ("rtl.json", ""),
            ("invisibles.json", "Enter"),
            ("giant-word.json", "Enter"),
            ("no-stories.json", ""),
            ("broken-related.json", ""),
            ("unknown-fields-and-blocks.json", "Enter"),
        ] {
            let snapshot = format!("hostile_{}_120x40", name.trim_end_matches(".json"));
            insta::assert_snapshot!(snapshot, frame_of(opened(name), 120, 40, keys), keys);
        }
    });
}

/// Payloads of the escape sequences in `escape-sequences.json`: none may reach the terminal.
const PAYLOADS: &[&str] = &[
    "PWN", "]0;", "]8;", "]52;", "\u{1b}P", "\u{1b}_", "\u{1b}^", "\u{1b}X", "[6n", "9999H",
    "\u{9b}", "\u{9d}", "\u{9c}", "\u{85}", "\u{202e}", "\u{202c}", "\u{2066}", "\u{2069}",
    "\u{7f}",
];
// A carriage return is not in the list: the presenter moves the cursor with CR itself. That
// none from a story reaches the terminal shows on the screen: its text overwrote nothing.

#[test]
fn no_escape_sequence_from_a_story_reaches_the_terminal() {
    let path = corpus("opens", "escape-sequences.json");
    let mut s = Session::start(120, 40, &[path.to_str().expect("UTF-8 path")]);
    s.wait_for(0, "Tiêu đề độc hại sạch");
    for visible in [
        "Hostile bundle",
        "Nguồn tin · Mục tin · Tác giả một",
        "(Nguồn tin) - Mở đầu an toàn",
        "GHI ĐÈ mà không ghi đè.",
        "Đảo chiều NGƯỢC và cô lập",
        "▣ Chú thích ảnh đẹp",
        "│ Trích  dẫn",
        "• Mục một",
        "• Mục hai",
        "vẫn hiện",
        "1 Liên quan sạch",
    ] {
        s.wait_for(0, visible);
    }
    s.press("1", "Dẫn  thường.");
    s.press("\u{7f}", "Tiêu đề phụ");
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success());
    for payload in PAYLOADS {
        assert!(
            !output.contains(payload),
            "{payload:?} reached the terminal"
        );
    }
}

/// On a wide screen every body row keeps its four border columns: no text, however wide or
/// strange, draws over a border into the next pane.
#[test]
fn no_pane_draws_into_its_neighbour() {
    let (cols, rows) = (120u16, 40u16);
    let borders = ["│", "┃", "╭", "╮", "╰", "╯", "─"];
    for name in names("opens") {
        for keys in ["", "Enter", "Enter G", "Enter C-d", "j Enter"] {
            let frame = crate::support::frames::frame_after(opened(&name), cols, rows, keys);
            let buf = frame.buffer();
            for y in 1..rows - 1 {
                for x in [0, 39, 40, cols - 1] {
                    let symbol = buf[(x, y)].symbol();
                    assert!(borders.contains(&symbol), "{name}: {symbol:?} at {x},{y}");
                }
            }
        }
    }
}

#[test]
fn an_unknown_field_nested_a_million_levels_deep_is_read_empty_and_said_once() {
    let deep = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let json = format!(
        r#"{{"newsterm": 1, "title": "T", "articles": [
  {{"id": "a", "title": "A", "x": {deep}, "y": {{"z": {deep}}}}}]}}"#
    );
    let bundle = load("deep.json", json.as_bytes()).expect("opens");
    assert_eq!(bundle.articles.len(), 1);
    let said: Vec<String> = bundle.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "line 2, column 95: 2 values nested deeper than 64 levels, read empty (this is the first)"
        ]
    );
    let out = newsterm(
        &[
            "--check",
            corpus("opens", "deep-unknown-field.json")
                .to_str()
                .expect("UTF-8"),
        ],
        None,
    );
    assert!(out.status.success());
    assert!(
        crate::support::stdout(&out).contains("nested deeper than 64 levels, read empty"),
        "{out:?}"
    );
}

/// Every hostile bundle, in every picture format, is markup a browser reads as it was meant:
/// the SVG is well-formed XML, no control character reaches either, and the JSON keeps
/// the schema's shape (text and links as plain strings).
#[test]
fn hostile_text_stays_text_in_svg_html_and_json() {
    use newsterm::testing::Session;
    for name in names("opens") {
        for keys in ["", "Enter", "Enter G"] {
            let frame = Session::new(opened(&name), 100, 30).press(keys).frame();
            let svg = frame.svg();
            crate::support::frames::assert_xml(&svg, &format!("{name} {keys:?}"));
            for (format, text) in [("svg", &svg), ("html", &frame.html())] {
                let control = text
                    .chars()
                    .find(|&c| (c.is_control() && c != '\n') || c == '\u{7f}');
                assert_eq!(control, None, "{name} {keys:?} {format}");
                assert!(!text.contains("<script"), "{name} {keys:?} {format}");
            }
            let json = frame.json().to_string();
            assert!(!json.contains('\u{1b}'), "{name} {keys:?}");
        }
    }
}

//! `--render`'s formats (text, ANSI, JSON, SVG, HTML), frame sequences, the script words
//! `resize:`, `wait` and `|`, `--emit-bytes`, and the JSON schema every JSON frame keeps.

use std::path::{Path, PathBuf};

use newsterm::bundle::sample;
use newsterm::testing::{Format, Frame, Session};
use serde_json::Value;

use crate::frames::{SIZES, STATES};
use crate::support::{
    TempDir, fresh_dir, newsterm, nonzero, screen_matches, settings, stderr, stdout,
};

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/frames.schema.json");
    let text = std::fs::read_to_string(&path).expect("the schema is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

#[track_caller]
fn assert_valid(validator: &jsonschema::Validator, document: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(document)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// Every frame of the frame suite, at every size, as JSON, keeps the schema.
#[test]
fn every_json_frame_of_the_suite_keeps_the_schema() {
    let validator = schema();
    for &(cols, rows) in SIZES {
        for (name, keys) in STATES {
            let frames = Session::sample(cols, rows)
                .run(keys, true)
                .expect("the suite's keys parse");
            let document = newsterm::frame::json_document(&frames);
            assert_valid(&validator, &document, &format!("{name} at {cols}x{rows}"));
        }
    }
    // Too small for panes, the feed list and help over the panes, a typed line.
    for (cols, rows, keys) in [
        (10, 3, ""),
        (1, 1, "j"),
        (80, 24, "?"),
        (80, 24, r#"/ "sa""#),
    ] {
        let frames = Session::sample(cols, rows).run(keys, true).expect("keys");
        let document = newsterm::frame::json_document(&frames);
        assert_valid(&validator, &document, &format!("{keys:?} at {cols}x{rows}"));
    }
}

/// The schema is strict enough to catch a frame that breaks it.
#[test]
fn the_schema_refuses_what_breaks_it() {
    let validator = schema();
    let frames = Session::sample(40, 15).run("j", false).expect("keys");
    let good = newsterm::frame::json_document(&frames);
    assert_valid(&validator, &good, "as printed");
    let broken = [
        ("/version", Value::from(2)),
        ("/frames/0/lines/0/0/fg", Value::from("chartreuse")),
        ("/frames/0/lines/0/0/width", Value::from(0)),
        ("/frames/0/cursor/x", Value::from(-1)),
        ("/frames/0/panes/0/name", Value::from("sidebar")),
    ];
    for (pointer, value) in broken {
        let mut bad = good.clone();
        *bad.pointer_mut(pointer).expect("the field exists") = value;
        assert!(!validator.is_valid(&bad), "{pointer} accepted");
    }
}

/// The JSON's runs cover every row exactly, and put back together are the text frame.
#[test]
fn json_runs_are_the_text_frame() {
    for &(cols, rows) in SIZES {
        for (_, keys) in STATES {
            let frame = Session::sample(cols, rows).press(keys).frame();
            let json = frame.json();
            let lines = json["lines"].as_array().expect("lines");
            assert_eq!(lines.len(), usize::from(rows));
            let mut text = String::new();
            for runs in lines {
                let mut x = 0;
                for run in runs.as_array().expect("runs") {
                    assert_eq!(run["x"], x, "{keys}");
                    x += run["width"].as_u64().expect("width");
                    text.push_str(run["text"].as_str().expect("text"));
                }
                assert_eq!(x, u64::from(cols), "{keys}");
                text.push('\n');
            }
            assert_eq!(text, frame.to_string(), "{keys} at {cols}x{rows}");
        }
    }
}

/// The cursor sits on the selected headline; JSON says where and which pane has focus.
#[test]
fn the_json_cursor_is_on_the_focused_row() {
    let frame = Session::sample(80, 24).press("j j").frame();
    let json = frame.json();
    let (x, y) = (json["cursor"]["x"].as_u64(), json["cursor"]["y"].as_u64());
    let (x, y) = (x.expect("x") as u16, y.expect("y") as u16);
    assert_eq!(json["cursor"]["visible"], false);
    assert_eq!(frame.find("Headlines 3/8").map(|p| p.y), Some(1));
    assert_eq!(
        frame.style(x + 2, y).and_then(|s| s.bg),
        Some(ratatui::style::Color::Cyan)
    );
    let focused: Vec<&str> = json["panes"]
        .as_array()
        .expect("panes")
        .iter()
        .filter(|p| p["focused"] == true)
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    assert_eq!(focused, ["headlines"]);
    let shown = Session::sample(80, 24)
        .with_cursor(true)
        .press("Tab")
        .frame();
    let cursor = shown.cursor().expect("a cursor");
    assert!(cursor.visible);
    let reader = shown.regions().iter().find(|r| r.name == "reader");
    assert!(reader.is_some_and(|r| r.focused), "{:?}", shown.regions());
    assert_eq!(cursor.y, reader.map_or(0, |r| r.area.y + 1));
}

fn render(args: &[&str]) -> String {
    let out = newsterm(args, None);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// One snapshot per format of the sample, through the binary.
#[test]
fn every_format_has_its_snapshot() {
    settings().bind(|| {
        for (format, size, keys) in [
            ("text", "80x24", "j Enter"),
            ("ansi", "80x24", "j Enter"),
            ("json", "40x15", "Tab"),
            ("svg", "100x30", ""),
            ("html", "60x20", "Enter"),
        ] {
            let shown = render(&["--render", size, "--keys", keys, "--format", format]);
            insta::assert_snapshot!(format!("format_{format}_{size}"), shown, keys);
        }
        // `--color` is `--format ansi`.
        assert_eq!(
            render(&["--render", "80x24", "--keys", "j Enter", "--color"]),
            render(&["--render", "80x24", "--keys", "j Enter", "--format", "ansi"])
        );
    });
}

/// `|` and `--frames` print several frames: headed in text, an array in JSON, stacked in
/// SVG, one page in HTML.
#[test]
fn sequences_of_frames() {
    settings().bind(|| {
        let walk = render(&["--render", "60x16", "--keys", "j j | Enter | Space"]);
        insta::assert_snapshot!("sequence_60x16", walk);
    });
    let count = |args: &[&str]| {
        let json: Value = serde_json::from_str(&render(args)).expect("JSON");
        json["frames"].as_array().map_or(0, Vec::len)
    };
    let json = ["--render", "60x16", "--format", "json"];
    assert_eq!(
        count(&[&json[..], &["--keys", "j j | Enter | Space"]].concat()),
        3
    );
    assert_eq!(
        count(&[&json[..], &["--keys", "j j Enter", "--frames"]].concat()),
        3
    );
    assert_eq!(count(&[&json[..], &["--keys", "j |"]].concat()), 1);
    assert_eq!(count(&[&json[..], &["--keys", "| j"]].concat()), 2);
    assert_eq!(
        count(&[&json[..], &["--keys", "j | k", "--frames"]].concat()),
        2
    );
    assert_eq!(count(&json), 1);
    let frames = Session::sample(60, 16)
        .run("j j | Enter", false)
        .expect("keys");
    assert_eq!(
        frames.iter().map(Frame::keys).collect::<Vec<_>>(),
        ["j j", "Enter"]
    );
    let svg = newsterm::frame::write_all(&frames, Format::Svg);
    assert_eq!(svg.matches("<g transform=").count(), 2);
    let html = newsterm::frame::write_all(&frames, Format::Html);
    assert_eq!(html.matches("<pre>").count(), 2);
    assert!(html.contains("frame 2 after: Enter"));
}

/// `resize:` changes the frame's size as a live resize does, `wait` and names in any case
/// are read, and a bad word is a bad argument.
#[test]
fn resize_wait_and_bad_words() {
    let frames = Session::sample(80, 24)
        .run("j resize:40x15 | RESIZE:120x40 wait | Enter", false)
        .expect("keys");
    let sizes: Vec<(u16, u16)> = frames.iter().map(Frame::size).collect();
    assert_eq!(sizes, [(40, 15), (120, 40), (120, 40)]);
    assert_eq!(
        frames[0].to_string(),
        crate::support::sample_frame(40, 15, "j")
    );
    let typed = render(&["--render", "80x24", "--keys", r#"/ "b" WAIT enter"#]);
    assert_eq!(typed, crate::support::sample_frame(80, 24, "/ b Enter"));
    for bad in ["resize:0x24", "resize:80", "Wiat", "j|"] {
        let out = newsterm(&["--render", "80x24", "--keys", bad], None);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(bad), "{err}");
    }
}

/// `--emit-bytes` writes what the presenter sends: replayed in a terminal emulator it ends
/// on the last frame, and the frames' `bytes` add up to the file.
#[test]
fn emitted_bytes_replay_the_run() {
    let dir = fresh_dir("emit-bytes");
    let file: PathBuf = dir.path().join("bytes");
    let out = newsterm(
        &[
            "--render",
            "80x24",
            "--keys",
            "Enter j j j Space Tab",
            "--frames",
            "--format",
            "json",
            "--emit-bytes",
            file.to_str().expect("a UTF-8 path"),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let sent: Vec<u64> = json["frames"]
        .as_array()
        .expect("frames")
        .iter()
        .map(|f| f["bytes"].as_u64().expect("bytes"))
        .collect();
    let bytes = std::fs::read(&file).expect("the file was written");
    assert_eq!(sent.iter().sum::<u64>(), bytes.len() as u64);
    // The first frame paints everything; a scroll of one line costs far less.
    assert!(sent[0] > 1000, "{sent:?}");
    assert!(sent[2] < sent[0] / 4, "{sent:?}");
    let mut terminal = vt100::Parser::new(nonzero(24), nonzero(80), 0);
    terminal.process(&bytes);
    let last = Session::sample(80, 24)
        .press("Enter j j j Space Tab")
        .frame();
    if let Err(diff) = screen_matches(terminal.screen(), last.buffer()) {
        panic!("the replay differs from the last frame: {diff}");
    }
    // A resize repaints, as the live reader does.
    let mut session = Session::sample(80, 24).counting_bytes();
    let frames = session.run("j | resize:60x20 | j", false).expect("keys");
    let costs: Vec<usize> = frames.iter().filter_map(Frame::bytes).collect();
    assert_eq!(costs.len(), 3);
    assert!(costs[1] > 500 && costs[2] < costs[1] / 4, "{costs:?}");
    let unwritable = dir.path().join("no/such/dir/bytes");
    let out = newsterm(
        &[
            "--render",
            "80x24",
            "--emit-bytes",
            unwritable.to_str().expect("UTF-8"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write the bytes"),
        "{}",
        stderr(&out)
    );
}

/// The SVG in the README is the sample as `--render 100x30 --format svg` draws it now.
#[test]
fn the_readme_picture_is_the_sample_now() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sample.svg");
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    let now = Session::sample(100, 30).frame().svg();
    assert!(
        kept == now,
        "docs/sample.svg is out of date: newsterm --render 100x30 --format svg > docs/sample.svg"
    );
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    assert!(readme.contains("](docs/sample.svg)"));
}

/// A headless browser, where one is installed, draws the SVG as the terminal shows the
/// frame: the title bar and the selected headline in cyan, the rest on the dark background,
/// and text in the headline's row.
#[test]
fn a_browser_draws_the_svg_as_the_terminal() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| which(b))
    else {
        eprintln!("no headless browser here: the SVG is not drawn");
        return;
    };
    let dir: TempDir = fresh_dir("svg-browser");
    let svg = dir.path().join("frame.svg");
    std::fs::write(&svg, Session::sample(100, 30).frame().svg()).expect("written");
    let png = dir.path().join("frame.png");
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=900,540")
        .arg(format!("file://{}", svg.display()))
        .env("HOME", dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the browser runs");
    assert!(status.success());
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png).expect("a screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    let channels = info.color_type.samples();
    let at = |x: u32, y: u32| {
        let i = (y as usize * info.width as usize + x as usize) * channels;
        (pixels[i], pixels[i + 1], pixels[i + 2])
    };
    let cyan = (0x11, 0xa8, 0xcd);
    let dark = (0x1e, 0x1e, 0x1e);
    // Cells are 9x18 pixels: row 0 is the title bar, row 2 the selected headline.
    assert_eq!(at(450, 2), cyan, "the title bar");
    assert_eq!(at(100, 2 * 18 + 2), cyan, "the selected headline");
    assert_eq!(at(100, 4 * 18 + 2), dark, "an unselected headline");
    let texty = (9..250).any(|x| (0..18).any(|y| at(x, 3 * 18 + y) != dark));
    assert!(texty, "the second headline's text is drawn");
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[test]
fn the_session_opens_files_and_types() {
    let dir = fresh_dir("session-open");
    let path = dir.path().join("bundle.json");
    let bundle = sample().expect("sample");
    let mut bytes = Vec::new();
    newsterm::feed::convert::write(&bundle, &mut bytes).expect("writes");
    std::fs::write(&path, bytes).expect("written");
    let mut session = Session::open(&path, 80, 24).expect("opens");
    session.press("/").type_text("sa").press("Enter");
    let frame = session.frame();
    assert!(frame.find("Headlines").is_some());
    assert!(Session::open(dir.path().join("missing.json"), 80, 24).is_err());
}

/// Markup in a story's text is shown as text in SVG and HTML, never read as markup.
#[test]
fn markup_in_stories_is_escaped_in_pictures() {
    let json = serde_json::json!({"newsterm": 1, "title": "<b>Tags</b> & \"quotes\"",
        "articles": [{"id": "a", "title": "<script>alert('x')</script> & <img src=x>",
            "url": "https://example.org/?a=1&b=<2>",
            "body": [{"type": "paragraph", "text": "]]> <!-- --> <?xml?> &amp; see https://example.org/q?x=\"y\""}]}]});
    let bundle = newsterm::bundle::load("markup.json", json.to_string().as_bytes()).expect("loads");
    let frame = Session::new(bundle, 100, 30).press("Enter").frame();
    for (format, text) in [("svg", frame.svg()), ("html", frame.html())] {
        assert!(
            !text.contains("<script") && !text.contains("<img"),
            "{format}"
        );
        assert!(
            !text.contains("<!--") && !text.contains("<?xml?>"),
            "{format}"
        );
        assert!(
            text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img"),
            "{format}"
        );
    }
    let svg = frame.svg();
    crate::support::frames::assert_xml(&svg, "the SVG");
}

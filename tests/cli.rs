//! The real binary: `--render` prints exactly the snapshot frames, `--check` summarizes,
//! bad input is one line on stderr with status 2 and nothing on stdout.

use crate::support::{fresh_dir, newsterm, sample_frame, settings, stderr, stdout};

#[test]
fn render_prints_the_snapshot_frame_byte_for_byte() {
    for (size, keys, snapshot) in [
        ("120x40", "", "first_120x40"),
        ("80x24", "Enter j j j j j Space", "scrolled_80x24"),
        (
            "160x45",
            "Enter j j 3 Backspace",
            "followed_and_back_160x45",
        ),
        ("40x15", "?", "help_40x15"),
    ] {
        let out = newsterm(&["--render", size, "--keys", keys], None);
        assert!(out.status.success(), "{}", stderr(&out));
        let printed = stdout(&out);
        let (cols, rows) = size.split_once('x').unwrap();
        let expected = sample_frame(cols.parse().unwrap(), rows.parse().unwrap(), keys);
        assert_eq!(printed, expected, "{size} {keys}");
        assert!(!printed.contains('\u{1b}'), "plain frames have no escapes");
        settings().bind(|| insta::assert_snapshot!(snapshot, printed, keys));
    }
}

#[test]
fn render_reads_a_file_and_standard_input() {
    let sample = newsterm::bundle::SAMPLE.as_bytes();
    let dir = fresh_dir("cli");
    let path = dir.file("sample.json", sample);
    let from_file = newsterm(&["--render", "100x30", path.to_str().unwrap()], None);
    let from_stdin = newsterm(&["--render", "100x30", "-"], Some(sample));
    let embedded = newsterm(&["--render", "100x30"], None);
    assert!(from_file.status.success() && from_stdin.status.success());
    assert_eq!(stdout(&from_file), stdout(&embedded));
    assert_eq!(stdout(&from_stdin), stdout(&embedded));
}

#[test]
fn color_adds_styles_to_the_same_text() {
    let plain = stdout(&newsterm(&["--render", "120x40"], None));
    let color = stdout(&newsterm(&["--render", "120x40", "--color"], None));
    assert!(
        color.contains("\u{1b}[0;30;46m"),
        "the title bar is black on cyan"
    );
    let mut stripped = String::new();
    let mut in_escape = false;
    for c in color.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => stripped.push(c),
        }
    }
    assert_eq!(stripped, plain);
}

#[test]
fn check_summarizes_and_lists_warnings() {
    let out = newsterm(&["--check"], None);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "the built-in sample: ok: 8 stories, 4 with body, 0 warnings\n"
    );
    let bundle = br#"{"newsterm":1,"title":"T","articles":[
        {"id":"a","title":"A","related":["b","zz","a","b"]},
        {"id":"b","title":"B","body":[{"type":"paragraph","text":"x"}]}]}"#;
    let dir = fresh_dir("cli");
    let path = dir.file("warn.json", bundle);
    let name = path.display().to_string();
    let out = newsterm(&["--check", &name], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "{name}: warning: articles[0].related[1]: dropped \"zz\": names no article\n\
             {name}: warning: articles[0].related[2]: dropped \"a\": names the article itself\n\
             {name}: warning: articles[0].related[3]: dropped \"b\": repeats an earlier related id\n\
             {name}: ok: 2 stories, 1 with body, 3 warnings\n"
        )
    );
}

#[test]
fn warnings_show_in_the_title_bar() {
    let bundle =
        br#"{"newsterm":1,"title":"T","articles":[{"id":"a","title":"A","related":["x"]}]}"#;
    let out = newsterm(&["--render", "80x24", "-"], Some(bundle));
    let first_line = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert!(
        first_line.contains("1 unread") && first_line.contains("⚠ 1 warning"),
        "{first_line}"
    );
}

#[test]
fn refused_bundles_are_one_line_with_status_2() {
    let dir = fresh_dir("cli");
    let path = dir.file(
        "bad.json",
        br#"{"newsterm":1,"title":"T","articles":[{"id":"a","title":5}]}"#,
    );
    let name = path.display().to_string();
    for args in [
        vec![name.as_str()],
        vec!["--check", &name],
        vec!["--render", "80x24", &name],
    ] {
        let out = newsterm(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            out.stdout.is_empty(),
            "nothing on stdout, and the terminal untouched"
        );
        assert_eq!(
            stderr(&out),
            format!(
                "newsterm: {name}: invalid type: integer `5`, expected a string at articles[0].title (line 1, column 57)\n"
            )
        );
    }
}

#[test]
fn unreadable_files_and_bad_arguments() {
    let out = newsterm(&["/nonexistent/newsterm.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("newsterm: /nonexistent/newsterm.json: cannot read: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);

    let out = newsterm(&["--render", "80x24", "--keys", "j Nope"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("newsterm: unknown key \"Nope\""));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(out.stdout.is_empty());

    let out = newsterm(&["--render", "80"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = newsterm(&["--keys", "j"], None);
    assert_eq!(out.status.code(), Some(2), "--keys needs --render");
}

#[test]
fn empty_stdin_is_refused() {
    let out = newsterm(&["--check", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "newsterm: <stdin>: not valid JSON: the file is empty (or only white space), expected a bundle object\n"
    );
}

#[test]
fn ascii_frames_have_no_line_drawing_and_the_same_layout() {
    let keys = "Enter j Tab Tab";
    let ascii = stdout(&newsterm(
        &["--render", "120x40", "--ascii", "--keys", keys],
        None,
    ));
    let unicode = stdout(&newsterm(&["--render", "120x40", "--keys", keys], None));
    assert!(
        !ascii
            .chars()
            .any(|c| ('\u{2500}'..='\u{259f}').contains(&c) || c == '›'),
        "{ascii}"
    );
    assert!(ascii.contains("+ Headlines 1/8 ---") && ascii.contains('#'));
    // Every glyph is as wide as the one it replaces: the text sits in the same columns.
    let words = |frame: &str| -> Vec<(usize, usize, String)> {
        frame
            .lines()
            .enumerate()
            .flat_map(|(y, line)| {
                let cells: Vec<char> = line.chars().collect();
                let mut found = Vec::new();
                let mut x = 0;
                while x < cells.len() {
                    if cells[x].is_alphabetic() {
                        let start = x;
                        while x < cells.len() && cells[x].is_alphabetic() {
                            x += 1;
                        }
                        found.push((y, start, cells[start..x].iter().collect()));
                    }
                    x += 1;
                }
                found
            })
            .collect()
    };
    assert_eq!(words(&ascii), words(&unicode));
    settings().bind(|| insta::assert_snapshot!("ascii_120x40", ascii, keys));
}

#[test]
fn check_names_only_what_opened_and_counts_in_words() {
    let dir = fresh_dir("cli");
    let good = dir.file(
        "good.json",
        br#"{"newsterm":1,"title":"T","articles":[{"id":"a","title":"A"}]}"#,
    );
    let bad = dir.file("bad.json", b"not json");
    let (good, bad) = (good.display().to_string(), bad.display().to_string());
    let out = newsterm(&["--check", &good, &bad], None);
    assert_eq!(out.status.code(), Some(2), "one source did not open");
    assert_eq!(
        stdout(&out),
        format!("{good}: ok: 1 story, 0 with body, 0 warnings\n")
    );
    let err = stderr(&out);
    assert!(err.starts_with(&format!("newsterm: {bad}: ")), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn render_sizes_beyond_the_cap_are_refused() {
    for size in ["65535x65535", "4097x10", "10x4097", "1001x1000"] {
        let out = newsterm(&["--render", size], None);
        assert_eq!(out.status.code(), Some(2), "{size}");
        assert!(out.stdout.is_empty(), "{size}");
        let err = stderr(&out);
        assert!(err.contains(size), "{size}: {err}");
    }
    let out = newsterm(&["--render", "4096x200"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 200);
}

#[test]
fn keys_in_any_case_and_quoted_text() {
    let frame = |keys: &str| stdout(&newsterm(&["--render", "100x30", "--keys", keys], None));
    assert_eq!(frame("enter j"), frame("Enter j"));
    assert_eq!(frame("ENTER pgdn"), frame("Enter PageDown"));
    let typed = frame(r#"/ "bo truong" Enter"#);
    assert_eq!(typed, frame("/ b o Space t r u o n g Enter"));
    assert!(typed.contains("1 of 8 match \"bo truong\""), "{typed}");
}

#[test]
fn convert_without_output_writes_to_standard_output() {
    let sample = newsterm::bundle::SAMPLE.as_bytes();
    let to_stdout = newsterm(&["convert", "-"], Some(sample));
    assert!(to_stdout.status.success(), "{}", stderr(&to_stdout));
    let dash = newsterm(&["convert", "-", "-o", "-"], Some(sample));
    assert!(!to_stdout.stdout.is_empty());
    assert_eq!(to_stdout.stdout, dash.stdout);
}

#[test]
fn file_addresses_open_and_other_schemes_are_refused() {
    let sample = newsterm::bundle::SAMPLE.as_bytes();
    let dir = fresh_dir("cli");
    let path = dir.file("a sample.json", sample);
    let address = format!("file://{}", path.display()).replace(' ', "%20");
    let out = newsterm(&["--check", &address], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("ok: 8 stories"), "{}", stdout(&out));
    for (source, scheme) in [
        ("ftp://example.org/feed.xml", "ftp"),
        ("gopher://example.org/1", "gopher"),
    ] {
        let out = newsterm(&["--check", source], None);
        assert_eq!(out.status.code(), Some(2), "{source}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!(": {scheme}: ")), "{err}");
    }
}

#[test]
fn an_endless_device_is_read_within_the_bound_and_refused() {
    for args in [
        &["--check", "/dev/zero"][..],
        &["--render", "80x24", "/dev/zero"],
    ] {
        let out = newsterm(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&out),
            "newsterm: /dev/zero: cannot read: more than 50 MB\n",
            "{args:?}"
        );
    }
}

#[test]
fn a_reader_that_leaves_the_pipe_ends_newsterm_quietly() {
    let feed = crate::support::fixture("rss-cdata-html.xml");
    let feed = feed.to_str().expect("UTF-8 path");
    for args in [
        &["--render", "200x60"][..],
        &["--print-config"],
        &["--check", feed],
        &["convert", feed],
    ] {
        // The reading end is closed before newsterm writes a byte: every write is EPIPE.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = std::process::Command::new(crate::support::NEWSTERM)
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("newsterm runs");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(crate::support::text(&out.stderr), "", "{args:?}");
    }
}

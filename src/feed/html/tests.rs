//! The block builder's behaviour on the HTML feeds send, and the helpers other tests share.

use proptest::prelude::*;

use super::{blocks_from_html, text_from_html};
use crate::bundle::Block;

pub(super) fn p(text: &str) -> Block {
    Block::Paragraph(text.to_owned())
}

pub(super) fn h(text: &str) -> Block {
    Block::Heading(text.to_owned())
}

fn quote(text: &str) -> Block {
    Block::Quote(text.to_owned())
}

fn code(text: &str) -> Block {
    Block::Code(text.to_owned())
}

fn list(items: &[&str]) -> Block {
    Block::list(items.iter().map(|&i| i.to_owned()).collect())
}

/// A list whose items are nested as `levels` say.
fn nested(items: &[(&str, u8)]) -> Block {
    Block::List {
        items: items.iter().map(|&(i, _)| i.to_owned()).collect(),
        levels: items.iter().map(|&(_, l)| l).collect(),
    }
}

pub(super) fn image(caption: &str, url: Option<&str>, alt: Option<&str>) -> Block {
    Block::Image {
        caption: caption.to_owned(),
        url: url.map(str::to_owned),
        alt: alt.map(str::to_owned),
    }
}

pub(super) fn blocks(html: &str) -> Vec<Block> {
    blocks_from_html(html, None)
}

/// The invariants every output keeps, whatever the input.
pub(super) fn check_clean(out: &[Block]) -> Result<(), String> {
    let clean = |what: &str, text: &str| {
        if text.is_empty() || text.trim() != text {
            Err(format!("{what} {text:?} is empty or untrimmed in {out:?}"))
        } else {
            Ok(())
        }
    };
    for block in out {
        match block {
            Block::Paragraph(t) | Block::Heading(t) | Block::Quote(t) => clean("text", t)?,
            // Code keeps its indent, but no blank line starts or ends it.
            Block::Code(t) => {
                if t.trim().is_empty() || t.trim_end() != t || t.starts_with('\n') {
                    return Err(format!("code {t:?} is empty or untrimmed in {out:?}"));
                }
            }
            Block::List { items, levels } => {
                if items.is_empty() || levels.len() != items.len() {
                    return Err(format!("empty list or levels amiss in {out:?}"));
                }
                for item in items {
                    clean("item", item)?;
                }
            }
            // Every row has a cell with text; a cell is empty or trimmed text on one line.
            Block::Table(rows) => {
                for row in rows {
                    if row.iter().all(String::is_empty) {
                        return Err(format!("empty row in {out:?}"));
                    }
                    for cell in row.iter().filter(|c| !c.is_empty()) {
                        clean("cell", cell)?;
                        if cell.contains('\n') {
                            return Err(format!("cell {cell:?} has a line break"));
                        }
                    }
                }
            }
            Block::Image { caption, alt, url } => {
                clean("caption", caption)?;
                if let Some(alt) = alt {
                    clean("alt", alt)?;
                }
                if let Some(url) = url {
                    clean("url", url)?;
                }
            }
        }
    }
    Ok(())
}

#[test]
fn rss_description_with_paragraphs_and_an_image() {
    let html = r#"<p>The council met on Monday.</p>
        <p>It voted to <a href="https://example.org/vote">approve the plan</a>.</p>
        <img src="https://example.org/hall.jpg" alt="The town hall" />"#;
    assert_eq!(
        blocks(html),
        [
            p("The council met on Monday."),
            p("It voted to approve the plan <https://example.org/vote>."),
            image(
                "The town hall",
                Some("https://example.org/hall.jpg"),
                Some("The town hall")
            ),
        ]
    );
}

#[test]
fn wordpress_figure_is_one_captioned_image() {
    let html = r#"<p>Before.</p>
        <figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683"
          src="https://blog.example/wp-content/uploads/boat.jpg" alt="A red boat" class="wp-image-42"/>
          <figcaption class="wp-element-caption">The boat at <em>dawn</em>.</figcaption></figure>
        <p>After.</p>"#;
    assert_eq!(
        blocks(html),
        [
            p("Before."),
            image(
                "The boat at dawn.",
                Some("https://blog.example/wp-content/uploads/boat.jpg"),
                Some("A red boat")
            ),
            p("After."),
        ]
    );
}

#[test]
fn figure_without_image_keeps_its_caption_and_gallery_captions_each_image() {
    let html = r#"<figure><blockquote><p>Words.</p></blockquote><figcaption>Someone</figcaption></figure>"#;
    assert_eq!(blocks(html), [quote("Words."), p("Someone")]);
    let gallery = r#"<figure class="wp-block-gallery">
        <figure><img src="https://x.example/1.jpg" alt=""><figcaption>One</figcaption></figure>
        <figure><img src="https://x.example/2.jpg"><figcaption>Two</figcaption></figure>
        <figcaption>Our trip</figcaption></figure>"#;
    assert_eq!(
        blocks(gallery),
        [
            image("One", Some("https://x.example/1.jpg"), None),
            image("Two", Some("https://x.example/2.jpg"), None),
            p("Our trip"),
        ]
    );
}

#[test]
fn reddit_table() {
    let html = r#"<table> <tr><td> <a href="https://www.reddit.com/r/rust/comments/abc/hello/"> <img src="https://b.thumbs.redditmedia.com/t.jpg" alt="Hello" title="Hello" /> </a> </td><td> &#32; submitted by &#32; <a href="https://www.reddit.com/user/ferris"> /u/ferris </a> <br/> <span><a href="https://example.com/post">[link]</a></span> &#32; <span><a href="https://www.reddit.com/r/rust/comments/abc/hello/">[comments]</a></span> </td></tr></table>"#;
    assert_eq!(
        blocks(html),
        [
            image(
                "Hello",
                Some("https://b.thumbs.redditmedia.com/t.jpg"),
                Some("Hello")
            ),
            p(
                "submitted by /u/ferris <https://www.reddit.com/user/ferris>\n\
               [link] <https://example.com/post> \
               [comments] <https://www.reddit.com/r/rust/comments/abc/hello/>"
            ),
        ]
    );
}

fn table(rows: &[&[&str]]) -> Block {
    Block::Table(
        rows.iter()
            .map(|row| row.iter().map(|&c| c.to_owned()).collect())
            .collect(),
    )
}

#[test]
fn a_table_of_short_text_is_a_table() {
    let html = "<table><caption>Results</caption><thead><tr><th>Team</th><th>Score</th><th></th></tr></thead>
        <tbody><tr><td>Red</td><td></td><td>3</td><td> </td></tr><tr><td> </td></tr>
        <tr><td><p>Blue</p></td><td>1 <a href=\"https://e.example/b\">link</a></td></tr></tbody></table>";
    assert_eq!(
        blocks(html),
        [
            p("Results"),
            table(&[
                &["Team", "Score"],
                &["Red", "", "3"],
                &["Blue", "1 link <https://e.example/b>"]
            ]),
        ]
    );
}

#[test]
fn a_table_that_lays_out_a_page_is_read_as_the_page() {
    // One column: its cells are paragraphs.
    assert_eq!(
        blocks("<table><tr><td>One</td><td></td></tr><tr><td>Two</td></tr></table>"),
        [p("One"), p("Two")]
    );
    // Cells holding blocks: the blocks in order, a row of short cells on one line.
    let html = r#"<table><tr><td><h2>Title</h2><p>Text.</p></td><td><img src="https://e.example/i.png" alt="I"></td></tr>
        <tr><td>a</td><td>b</td></tr></table>"#;
    assert_eq!(
        blocks(html),
        [
            h("Title"),
            p("Text."),
            image("I", Some("https://e.example/i.png"), Some("I")),
            p("a | b"),
        ]
    );
    // A table in a list item is a line per row of the item.
    assert_eq!(
        blocks("<ul><li>x<table><tr><td>a</td><td>b</td></tr></table></li></ul>"),
        [list(&["x\na | b"])]
    );
}

#[test]
fn atom_xhtml_div() {
    let html = r#"<div xmlns="http://www.w3.org/1999/xhtml">
        <p>Hello <em>there</em>, <strong>world</strong>!</p>
        <xhtml:p>Prefixed.</xhtml:p>
      </div>"#;
    assert_eq!(blocks(html), [p("Hello there, world!"), p("Prefixed.")]);
}

#[test]
fn plain_text_description() {
    assert_eq!(blocks("Just some text."), [p("Just some text.")]);
    let text = "First paragraph,\nwrapped by the author.\n\n  Second paragraph.\r\n\r\nThird.\n";
    assert_eq!(
        blocks(text),
        [
            p("First paragraph, wrapped by the author."),
            p("Second paragraph."),
            p("Third."),
        ]
    );
    // Inside a paragraph a blank line is just whitespace, as in a browser.
    assert_eq!(blocks("<p>a\n\nb</p>"), [p("a b")]);
}

#[test]
fn loose_text_with_line_breaks() {
    assert_eq!(
        blocks("<br>Line one<br>Line two <br/>\n<br />Next paragraph<br><br><br>Last<br>"),
        [p("Line one\nLine two"), p("Next paragraph"), p("Last")]
    );
    assert_eq!(
        blocks("<p>a<br>&nbsp;<br>b</p>"),
        [p("a"), p("b")],
        "a line of only spaces between breaks is still a blank line"
    );
}

#[test]
fn vietnamese_entities() {
    let html = "<p>H&agrave; N&#7897;i &#273;&#7871;n S&agrave;i G&ograve;n &amp; Hu&#x1EBF;</p>";
    assert_eq!(blocks(html), [p("Hà Nội đến Sài Gòn & Huế")]);
    assert_eq!(
        text_from_html("Tin t&#7913;c &ndash; <b>m&#7899;i</b>"),
        "Tin tức – mới"
    );
}

#[test]
fn dropped_elements() {
    let html = r#"<p>Hi<script>alert(1)</script> there</p><style>p { color: red }</style>
        <noscript><img src="x.jpg" alt="x"></noscript><iframe src="https://v.example/"></iframe>
        <form><input value="q"><button>Go</button></form><svg><text>Logo</text></svg>
        <!-- a comment --><template><p>t</p></template><video>Your browser cannot play this.</video>"#;
    assert_eq!(blocks(html), [p("Hi there")]);
    assert_eq!(blocks("<script>alert(1)</script>"), []);
}

#[test]
fn headings_quotes_and_rules() {
    let html = "<h1> Big  news </h1><h3>Sub<br>title</h3><hr><blockquote><p>One.</p>\
        <p>Two.</p><blockquote>Nested.</blockquote><cite>— Someone</cite></blockquote>\
        <blockquote>Loose<br>lines</blockquote>";
    assert_eq!(
        blocks(html),
        [
            h("Big news"),
            h("Sub\ntitle"),
            quote("One.\nTwo.\nNested.\n— Someone"),
            quote("Loose\nlines"),
        ]
    );
    assert_eq!(
        blocks("<blockquote><p>Intro:</p><ul><li>a</li><li>b</li></ul></blockquote>"),
        [quote("Intro:\n• a\n• b")]
    );
}

#[test]
fn lists() {
    let html = "<ul><li>One</li><li> <b>Two</b> words </li><li> </li></ul>\
        <ol start=3><li>First</li><li>Second<ul><li>Nested a</li><li>Nested b</li></ul>\
        after</li></ol><ul><li></li></ul><ul><li><p>Para 1</p><p>Para 2</p></li></ul>";
    assert_eq!(
        blocks(html),
        [
            list(&["One", "Two words"]),
            nested(&[
                ("First", 0),
                ("Second", 0),
                ("Nested a", 1),
                ("Nested b", 1),
                ("after", 0)
            ]),
            list(&["Para 1\nPara 2"]),
        ]
    );
    // Each list inside an item goes one level further in, and back out when it closes.
    assert_eq!(
        blocks("<ul><li>a<ol><li>b<ul><li>c</li></ul></li><li>d</li></ol></li><li>e</li></ul>"),
        [nested(&[("a", 0), ("b", 1), ("c", 2), ("d", 1), ("e", 0)])]
    );
    assert_eq!(
        blocks("<ul><li>quoted:<blockquote>q</blockquote></li></ul>"),
        [list(&["quoted:\nq"])]
    );
    // An image inside a list splits it, so nothing moves.
    assert_eq!(
        blocks(
            r#"<ul><li>a</li><li><img src="https://e.example/i.png" alt="I"></li><li>b</li></ul>"#
        ),
        [
            list(&["a"]),
            image("I", Some("https://e.example/i.png"), Some("I")),
            list(&["b"]),
        ]
    );
    assert_eq!(
        blocks("<dl><dt>Term</dt><dd>Definition</dd></dl>"),
        [p("Term"), p("Definition")]
    );
}

#[test]
fn preformatted_text_keeps_lines() {
    let html =
        "<p>Code:</p><pre>\nfn main() {\n\tprintln!(\"hi\");   \n\n    let  x = 1;\n}\n</pre>";
    assert_eq!(
        blocks(html),
        [
            p("Code:"),
            code("fn main() {\n\tprintln!(\"hi\");\n\n    let  x = 1;\n}"),
        ]
    );
    assert_eq!(blocks("<pre><code>a<br>  b</code></pre>"), [code("a\n  b")]);
    // The first line keeps its indent; a link in code adds no address to it.
    assert_eq!(
        blocks("<pre>\n\n    x = <a href=\"https://e.example/\">y</a>\n</pre>"),
        [code("    x = y")]
    );
}

#[test]
fn whitespace_collapses_and_inline_elements_flow() {
    let html = "<p>  a \n\t b<b>c</b> <i>d</i><span> e </span><code>f()</code><sup>2</sup>\
        <abbr title=\"x\">g</abbr><time>h</time><font>i</font><u>j</u><s>k</s><mark>l</mark> \
        <small>m</small> <q>n</q>. 10&nbsp;km </p>";
    assert_eq!(blocks(html), [p("a bc d e f()2ghijkl m “n”. 10\u{a0}km")]);
    assert_eq!(
        blocks("<p>a <my-tag>b</my-tag> c</p><x-card><p>one</p>two<p>three</p></x-card>"),
        [p("a b c"), p("one"), p("two"), p("three")]
    );
}

#[test]
fn images() {
    let cases = [
        (
            r#"<img src="https://e.example/a.png" alt="Alt" title="Title">"#,
            vec![image("Title", Some("https://e.example/a.png"), Some("Alt"))],
        ),
        (r#"<img src="https://e.example/a.png">"#, vec![]),
        (r#"<img src="https://e.example/a.png" alt="">"#, vec![]),
        (
            r#"<img src="https://feeds.example/pixel.gif" alt="x" width="1" height="1">"#,
            vec![],
        ),
        (
            r#"<img src="https://e.example/a.png" alt="x" height="0">"#,
            vec![],
        ),
        (
            r#"<img src="data:image/gif;base64,R0lGOD" data-src="https://e.example/lazy.jpg" alt="Lazy">"#,
            vec![image(
                "Lazy",
                Some("https://e.example/lazy.jpg"),
                Some("Lazy"),
            )],
        ),
        (
            r#"<img srcset="https://e.example/s.jpg 1x, https://e.example/l.jpg 2x" alt="Set">"#,
            vec![image("Set", Some("https://e.example/s.jpg"), Some("Set"))],
        ),
        (
            r#"<p>Great <img class="emoji" role="img" alt="😀" src="https://s.w.org/e.svg">!</p>"#,
            vec![p("Great 😀!")],
        ),
        (
            r#"<p>Text <img src="https://e.example/in.png" alt="Inline"> more text.</p>"#,
            vec![
                p("Text more text."),
                image("Inline", Some("https://e.example/in.png"), Some("Inline")),
            ],
        ),
    ];
    for (html, expected) in cases {
        assert_eq!(blocks(html), expected, "{html}");
    }
}

#[test]
fn buttons_and_their_labels_are_not_text() {
    let html = r#"<p>Story.</p><button>Share</button><div role="button">Save</div>
        <form><input value="Go"><label>Email</label></form><p hidden>Secret</p>
        <div class="x"><div aria-live="polite"></div><div><span>Dismiss</span></div></div>
        <p>Close the door.</p>"#;
    assert_eq!(blocks(html), [p("Story."), p("Close the door.")]);
    assert_eq!(
        text_from_html(r#"A <span role="button">Play</span>B"#),
        "A B"
    );
}

#[test]
fn empty_blocks_are_never_emitted() {
    let html = "<p> </p><div>&nbsp;</div><ul><li> </li></ul><h2>\n</h2><blockquote> </blockquote>\
        <table><tr><td></td></tr></table><pre>\n\n</pre><figure></figure><br><hr>";
    assert_eq!(blocks(html), []);
    assert_eq!(blocks(""), []);
    assert_eq!(blocks("   \n\n  "), []);
}

#[test]
fn broken_markup_never_panics() {
    for html in [
        "<",
        "<<<>>>",
        "</p>",
        "<p>unclosed <b>bold <i>both",
        "<table><td>cell<tr>text outside</table>",
        "<a href=\"",
        "<![CDATA[hello]]>",
        "&#0;&#xD800;&#99999999;&bogus;",
        "<ul><li>a<li>b</ul></li></ol>",
        "<figcaption>stray</figcaption><li>stray item</li>",
        "\u{0}\u{1}\u{FEFF}<p>\u{202e}x</p>",
    ] {
        let out = blocks_from_html(html, Some("not a url"));
        assert_eq!(check_clean(&out), Ok(()), "{html}");
    }
    assert_eq!(blocks("<"), [p("<")]);
    assert_eq!(
        blocks("<p>unclosed <b>bold <i>both"),
        [p("unclosed bold both")]
    );
    assert_eq!(
        blocks("<figcaption>stray</figcaption><li>stray item</li>"),
        [p("stray"), p("stray item")]
    );
}

#[test]
fn a_megabyte_converts() {
    let story = r#"<p>Paragraph with <a href="/l">a link</a>, <b>bold</b> and <em>emphasis</em>.</p>
        <ul><li>one</li><li>two</li></ul><blockquote>quoted</blockquote><img src="i.png" alt="i">"#;
    let html = story.repeat(1_000_000 / story.len() + 1);
    let out = blocks_from_html(&html, Some("https://example.org/"));
    assert!(out.len() > 10_000);
}

/// Tag soup built from the pieces feeds use, to reach more of the code than random text.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<br>".to_owned()),
        Just("<br><br>".to_owned()),
        Just("<ul><li>".to_owned()),
        Just("</li><li>".to_owned()),
        Just("</ul>".to_owned()),
        Just("<blockquote>".to_owned()),
        Just("</blockquote>".to_owned()),
        Just("<figure>".to_owned()),
        Just("<figcaption>".to_owned()),
        Just("</figure>".to_owned()),
        Just("<pre>".to_owned()),
        Just("</pre>".to_owned()),
        Just("<h2>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("</td><td>".to_owned()),
        Just("<a href=\"https://e.example/x\">".to_owned()),
        Just("<a href=\"rel\">".to_owned()),
        Just("</a>".to_owned()),
        Just("<img src=\"i.png\" alt=\" a \">".to_owned()),
        Just("<img title=\"\u{a0}\">".to_owned()),
        Just("<q>".to_owned()),
        Just("&nbsp;".to_owned()),
        Just("\n\n".to_owned()),
        Just(" \t".to_owned()),
        "[a-z\u{a0}\u{2028} ]{0,6}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn any_string_gives_clean_blocks(html in any::<String>()) {
        let out = blocks_from_html(&html, Some("https://example.org/a/"));
        prop_assert_eq!(check_clean(&out), Ok(()));
        let text = text_from_html(&html);
        prop_assert_eq!(text.trim(), text.as_str());
    }

    #[test]
    fn tag_soup_gives_clean_blocks(html in soup()) {
        let out = blocks_from_html(&html, Some("https://example.org/a/"));
        prop_assert_eq!(check_clean(&out), Ok(()));
        let text = text_from_html(&html);
        prop_assert_eq!(text.trim(), text.as_str());
        prop_assert!(!text.contains('\n'));
    }
}

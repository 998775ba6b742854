//! OPML's unit tests: newsboat's forms read, real-world leniency, refusals, and a list
//! written and read again unchanged.

use super::*;
use proptest::prelude::*;

fn sub(url: &str, tags: &[&str], name: Option<&str>) -> Subscription {
    Subscription {
        url: url.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        name: name.map(str::to_owned),
    }
}

#[test]
fn folders_categories_commands_and_filters() {
    let doc = br#"<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0">
  <head><title>Mine</title></head>
  <body>
    <outline title="News" text="ignored">
      <outline text="World">
        <outline type="rss" text="Caf&#233; &amp; Co" xmlUrl="https://e.org/a.xml" category="x, y/z"/>
      </outline>
      <outline type="rss" text="https://e.org/b.xml" xmlUrl="https://e.org/b.xml" extra="1"/>
    </outline>
    <outline text="Tech"><outline type="rss" text="A again" xmlUrl="https://e.org/a.xml"/></outline>
    <outline type="rss" title="Made" xmlUrl="|~/bin/feed --all"/>
    <outline type="rss" text="Clean" xmlUrl="https://e.org/dirty" filtercmd="~/bin/clean.sh"/>
    <outline text="Empty folder"/>
  </body>
</opml>"#;
    let subs = read(doc).expect("read");
    assert_eq!(
        subs,
        [
            sub(
                "https://e.org/a.xml",
                &["News", "World", "x", "y", "z", "Tech"],
                Some("Café & Co")
            ),
            sub("https://e.org/b.xml", &["News"], None),
            sub("exec:~/bin/feed --all", &[], Some("Made")),
            sub(
                "filter:~/bin/clean.sh:https://e.org/dirty",
                &[],
                Some("Clean")
            ),
        ]
    );
}

#[test]
fn real_world_files_are_read_leniently() {
    // An HTML entity, unclosed and mismatched tags, OPML 2.1, no head.
    let doc = b"<opml version=\"2.1\"><body>\
        <outline text=\"A&nbsp;B\"><outline xmlUrl=\"https://e.org/f\" text=\"F\"></outlinex>\
        </body>";
    let subs = read(doc).expect("read");
    assert_eq!(subs, [sub("https://e.org/f", &["A&nbsp;B"], Some("F"))]);
}

#[test]
fn what_is_not_opml_is_refused_whole() {
    let refused = |doc: &[u8]| read(doc).map(|_| ()).unwrap_err();
    assert_eq!(
        refused(b"<rss version=\"2.0\"/>").what,
        "not OPML: no <opml> at the top"
    );
    assert_eq!(refused(b"").what, "not OPML: no <opml> at the top");
    assert_eq!(
        refused(b"<opml><head/></opml>").what,
        "an OPML file without a <body>"
    );
    let bad = refused(b"<opml>\n<body>\n<outline text=\"x></body></opml>");
    assert!(bad.what.starts_with("XML error"), "{bad:?}");
    assert!(bad.line.is_some(), "{bad:?}");
}

#[test]
fn a_written_list_is_opml_2_with_a_folder_per_tag() {
    let subs = [
        sub(
            "https://e.org/a?x=1&y=2",
            &["one", "two"],
            Some("A <b> \"c\""),
        ),
        sub("https://e.org/b", &[], None),
        sub("exec:make-feed", &["one"], None),
        sub("filter:clean:https://e.org/c", &[], Some("C")),
    ];
    let mut out = Vec::new();
    assert!(write(&subs, &mut out).is_ok());
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(text.contains("<opml version=\"2.0\">"), "{text}");
    assert!(
        text.contains("<head>\n    <title>newsterm subscriptions</title>"),
        "{text}"
    );
    assert!(text.contains(
        "<outline type=\"rss\" text=\"A &lt;b&gt; &quot;c&quot;\" title=\"A &lt;b&gt; &quot;c&quot;\" xmlUrl=\"https://e.org/a?x=1&amp;y=2\"/>"
    ), "{text}");
    assert_eq!(
        text.matches("xmlUrl=\"https://e.org/a?x=1&amp;y=2\"")
            .count(),
        2
    );
    assert!(text.contains("xmlUrl=\"|make-feed\""), "{text}");
    assert!(
        text.contains("xmlUrl=\"https://e.org/c\" filtercmd=\"clean\""),
        "{text}"
    );
    // Read back folder by folder: the tagged feeds first.
    let order = [0, 2, 1, 3].map(|i| subs[i].clone());
    assert_eq!(read(text.as_bytes()).ok(), Some(order.to_vec()));
}

/// Text with quotes, `&`, `<`, white space and non-ASCII in it.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9é日 \t\n\"'&<>;#|:/~!]{1,12}"
}

fn sorted(mut tags: Vec<String>) -> Vec<String> {
    tags.sort();
    tags.dedup();
    tags
}

proptest! {
    #[test]
    fn written_then_read_gives_the_same_subscriptions(
        subs in prop::collection::vec(
            (0..3u8, text(), prop::collection::vec(text(), 0..3), prop::option::of(text())),
            0..6,
        ),
    ) {
        let mut list: Vec<Subscription> = Vec::new();
        for (kind, url, tags, name) in subs {
            // Addresses are read trimmed, and a filter's command ends at its first `:`.
            let url = url.trim();
            let command = url.replace(':', "");
            let url = match kind {
                0 => format!("https://{url}"),
                1 => format!("exec:x{url}"),
                _ => format!("filter:f{command}:https://{url}"),
            };
            if list.iter().any(|s| s.url == url) {
                continue;
            }
            list.push(Subscription { url, tags, name });
        }
        let mut out = Vec::new();
        prop_assert!(write(&list, &mut out).is_ok());
        let read = read(&out);
        prop_assert!(read.is_ok(), "{:?}\n{}", read, String::from_utf8_lossy(&out));
        let mut read = read.unwrap_or_default();
        prop_assert_eq!(read.len(), list.len());
        // Feeds come back folder by folder, so in another order.
        read.sort_by(|a, b| a.url.cmp(&b.url));
        list.sort_by(|a, b| a.url.cmp(&b.url));
        for (got, want) in read.iter().zip(&list) {
            prop_assert_eq!(&got.url, &want.url);
            prop_assert_eq!(&got.name, &want.name);
            prop_assert_eq!(sorted(got.tags.clone()), sorted(want.tags.clone()));
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_a_panic(
        head in "(<opml( version=\"[12].0\")?>)?(<body>)?",
        rest in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut doc = head.into_bytes();
        doc.extend(rest);
        let _ = read(&doc);
    }
}

//! Every operator on a few stories, the errors and their columns, and properties over
//! queries made at random: reading never panics, and a query and its negation split any
//! set of stories in two.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;

const NOW: i64 = 1_764_979_200; // 2025-12-06T00:00:00Z

fn tags(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| (*t).to_owned()).collect()
}

struct Owned {
    text: String,
    tags: Vec<String>,
    feed: String,
    authors: Vec<String>,
    read: bool,
    starred: bool,
    published: Option<i64>,
}

impl Owned {
    fn story(&self) -> Story<'_> {
        Story {
            text: &self.text,
            // The title is the text before its first comma or colon.
            title: self.text.split([',', ':']).next().unwrap_or_default(),
            tags: &self.tags,
            feed: &self.feed,
            authors: &self.authors,
            read: self.read,
            starred: self.starred,
            published: self.published,
        }
    }
}

fn stories() -> Vec<Owned> {
    vec![
        Owned {
            text: "Hà Nội mưa lớn, net zero plans delayed".into(),
            tags: tags(&["news", "Climate", "Thời sự"]),
            feed: "VnExpress – Tin mới nhất".into(),
            authors: tags(&["Nguyễn Văn A"]),
            read: false,
            starred: true,
            published: Some(NOW - 3_600),
        },
        Owned {
            text: "Rust 2.0 released".into(),
            tags: tags(&["tech"]),
            feed: "Ars Technica".into(),
            authors: tags(&["Jane Doe"]),
            read: true,
            starred: false,
            published: Some(day_start(2025, 11, 1)),
        },
        Owned {
            text: "Net zero: what it means".into(),
            tags: tags(&["tech", "climate"]),
            feed: "Ars Technica".into(),
            authors: vec![],
            read: false,
            starred: false,
            published: None,
        },
    ]
}

/// Which of [`stories`] the query picks.
fn picks(query: &str) -> Vec<usize> {
    let expr = parse(query).unwrap_or_else(|e| panic!("{query:?}: {e}"));
    stories()
        .iter()
        .enumerate()
        .filter(|(_, s)| expr.matches(&s.story(), NOW))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn every_operator_picks_its_stories() {
    let cases: &[(&str, &[usize])] = &[
        ("", &[0, 1, 2]),
        ("   ", &[0, 1, 2]),
        ("net", &[0, 2]),
        ("ha noi", &[0]),
        ("Hà Nội", &[0]),
        ("Hà Nôi", &[]),
        ("\"net zero plans\"", &[0]),
        ("net zero", &[0, 2]),
        ("tag:tech", &[1, 2]),
        ("tag:climate", &[0, 2]),
        ("tag:\"THỜI SỰ\"", &[0]),
        ("tag:THỜI", &[]),
        ("feed:ars", &[1, 2]),
        ("feed:\"tin moi\"", &[0]),
        ("author:nguyen", &[0]),
        ("author:doe", &[1]),
        ("title:net", &[2]),
        ("title:\"net zero\"", &[2]),
        ("title:rust", &[1]),
        ("unread", &[0, 2]),
        ("read", &[1]),
        ("starred", &[0]),
        ("\"read\"", &[]),
        ("after:2025-11-01", &[0, 1]),
        ("after:2025-11-02", &[0]),
        ("before:2025-11-02", &[1]),
        ("newer:2h", &[0]),
        ("newer:60d", &[0, 1]),
        ("newer:1w", &[0]),
        ("-net", &[1]),
        ("-tag:tech", &[0]),
        ("tag:tech -read", &[2]),
        ("rust or starred", &[0, 1]),
        ("tag:tech (read or starred)", &[1]),
        ("-(tag:tech unread)", &[0, 1]),
        ("net or rust -read", &[0, 2]),
        ("OR or or", &[]),
    ];
    for (query, expected) in cases {
        if *query == "OR or or" {
            assert!(parse(query).is_err());
            continue;
        }
        assert_eq!(picks(query), *expected, "{query:?}");
    }
}

#[test]
fn errors_name_the_column_where_the_query_goes_wrong() {
    let cases: &[(&str, usize, &str)] = &[
        ("net tagg:x", 5, "no field `tagg:`"),
        ("tag:", 5, "nothing after `tag:`"),
        ("after:2025-13-01", 12, "no month 13"),
        ("after:2025-02-29", 15, "no day 29"),
        ("after:yesterday", 7, "not a date"),
        ("newer:2y", 7, "not a time"),
        ("newer:99999999999w", 7, "more than a century"),
        ("net (tag:x", 5, "`(` without its `)`"),
        ("net )", 5, "`)` without its `(`"),
        ("or net", 1, "nothing before `or`"),
        ("net or", 7, "nothing after `or`"),
        ("net - x", 5, "nothing after `-`"),
        ("a \"zero", 3, "closing"),
        ("()", 1, "nothing between"),
        ("\"\"", 1, "an empty phrase"),
        ("-", 1, "nothing after `-`"),
        ("net -", 5, "nothing after `-`"),
    ];
    for (query, column, says) in cases {
        let e = parse(query).expect_err(query);
        assert_eq!(e.column, *column, "{query:?}: {e}");
        assert!(e.message.contains(says), "{query:?}: {e}");
    }
    assert_eq!(
        parse("a b tagg:x").unwrap_err().to_string(),
        "column 5: no field `tagg:` (there are tag, feed, author, title, after, before, newer; quote a word with a colon)"
    );
    assert_eq!(
        parse("2024-01-01 10:30").map(|_| ()),
        Ok(()),
        "digits before a colon are a word"
    );
}

#[test]
fn days_count_from_1970() {
    assert_eq!(day_start(1970, 1, 1), 0);
    assert_eq!(day_start(2000, 3, 1), 951_868_800);
    assert_eq!(day_start(2026, 11, 1), 1_793_491_200);
    assert_eq!(day_start(1969, 12, 31), -86_400);
}

/// Queries made of the language's pieces, nested.
fn query() -> impl Strategy<Value = String> {
    let atom = prop::sample::select(vec![
        "net",
        "zero",
        "\"net zero\"",
        "ha",
        "tag:tech",
        "tag:news",
        "feed:ars",
        "author:doe",
        "title:net",
        "unread",
        "read",
        "starred",
        "after:2025-11-01",
        "before:2025-11-02",
        "newer:2d",
    ])
    .prop_map(str::to_owned);
    atom.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(|v| v.join(" ")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            inner.clone().prop_map(|q| format!("-({q})")),
            inner.prop_map(|q| format!("({q})")),
        ]
    })
}

proptest! {
    #[test]
    fn any_text_reads_or_says_where_it_goes_wrong(text in "\\PC{0,40}") {
        match parse(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.column >= 1 && e.column <= text.chars().count() + 1, "{e}"),
        }
    }

    #[test]
    fn a_query_and_its_negation_split_the_stories(q in query()) {
        let expr = parse(&q).unwrap();
        let not = parse(&format!("-({q})")).unwrap();
        for s in stories() {
            prop_assert_ne!(expr.matches(&s.story(), NOW), not.matches(&s.story(), NOW), "{}", q);
        }
    }

    #[test]
    fn or_is_not_both_left_out(a in query(), b in query()) {
        let either = parse(&format!("({a}) or ({b})")).unwrap();
        let neither = parse(&format!("-({a}) -({b})")).unwrap();
        for s in stories() {
            prop_assert_ne!(either.matches(&s.story(), NOW), neither.matches(&s.story(), NOW));
        }
    }
}

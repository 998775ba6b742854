//! `f`: the whole article asked of the loop, shown in place of the summary, the summary one
//! key away, and a related story a page only named read as it is followed.

use crate::bundle::{Article, Block, Details};

use super::*;

fn story(id: &str, url: &str, body: &[&str], related: Vec<usize>) -> Article {
    Article {
        id: id.into(),
        title: format!("Story {id}"),
        related_given: true,
        related,
        has_body: !body.is_empty(),
        details: Some(Box::new(Details {
            url: Some(url.into()),
            body: body.iter().map(|p| Block::Paragraph((*p).into())).collect(),
            ..Details::default()
        })),
        ..Article::default()
    }
}

fn two_stories() -> App {
    let bundle = Bundle {
        title: "Pages".into(),
        articles: vec![
            story(
                "a",
                "https://news.example/a-story-1.html",
                &["Only a summary."],
                vec![1],
            ),
            story("b", "https://news.example/b-story-2.html", &[], vec![]),
        ],
        ..Bundle::default()
    };
    App::new(bundle, 120, 40)
}

fn whole(text: &str) -> Box<Article> {
    Box::new(story(
        "whole",
        "https://news.example/a-story-1.html",
        &[text, "More."],
        vec![],
    ))
}

/// The reader's text, row by row.
fn reader_text(app: &App) -> String {
    let doc = app.doc();
    (0..doc.line_count())
        .map(|i| {
            let mut line = String::new();
            doc.each_span(i, |span, _| line.push_str(span));
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn f_asks_for_the_whole_article_then_shows_it_and_the_summary_in_turn() {
    let mut app = two_stories();
    run(&mut app, &[Action::Open, Action::WholeArticle]);
    assert_eq!(
        app.take_effects(),
        [Effect::ReadWhole {
            id: "a".into(),
            url: "https://news.example/a-story-1.html".into()
        }]
    );
    assert_eq!(
        app.notice(),
        Some("Reading the whole article from news.example…")
    );
    run(&mut app, &[Action::WholeArticle]);
    assert_eq!(app.notice(), Some("Already reading it…"));
    assert!(app.take_effects().is_empty());
    app.apply(Outcome::WholeArticle {
        id: "a".into(),
        read: Ok(whole("The whole of it, at length.")),
    });
    assert!(reader_text(&app).contains("The whole of it"));
    assert!(app.shows_whole(0));
    run(&mut app, &[Action::WholeArticle]);
    assert!(reader_text(&app).contains("Only a summary."));
    assert!(!app.shows_whole(0));
    run(&mut app, &[Action::WholeArticle]);
    assert!(reader_text(&app).contains("The whole of it"));
    assert!(app.take_effects().is_empty(), "nothing read again");
    // The story keeps its own link.
    assert_eq!(
        app.bundle()
            .full_article(0)
            .and_then(|a| a.url.clone())
            .as_deref(),
        Some("https://news.example/a-story-1.html")
    );
}

#[test]
fn a_page_that_cannot_be_read_says_why_and_leaves_the_summary() {
    let mut app = two_stories();
    run(&mut app, &[Action::Open, Action::WholeArticle]);
    app.apply(Outcome::WholeArticle {
        id: "a".into(),
        read: Err("HTTP 404 Not Found".into()),
    });
    assert_eq!(app.notice(), Some("Not read whole: HTTP 404 Not Found"));
    assert!(reader_text(&app).contains("Only a summary."));
    // It can be asked for again.
    app.take_effects();
    run(&mut app, &[Action::WholeArticle]);
    assert_eq!(app.take_effects().len(), 1);
}

#[test]
fn a_related_story_a_page_only_named_is_read_as_it_is_followed() {
    let mut app = two_stories();
    run(&mut app, &[Action::Open]);
    app.take_effects();
    run(&mut app, &[Action::OpenRelated(1)]);
    assert_eq!(
        app.take_effects(),
        [Effect::ReadWhole {
            id: "b".into(),
            url: "https://news.example/b-story-2.html".into()
        }]
    );
    app.apply(Outcome::WholeArticle {
        id: "b".into(),
        read: Ok(whole("The related story, whole.")),
    });
    assert!(reader_text(&app).contains("The related story, whole."));
    run(&mut app, &[Action::Back]);
    assert!(reader_text(&app).contains("Only a summary."));
}

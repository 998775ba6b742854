//! The README's frame and key table are the program's own, so they cannot go stale.

use crate::support::sample_frame;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

#[test]
fn readme_shows_the_real_first_frame() {
    let frame = sample_frame(100, 30, "");
    assert!(
        readme().contains(&format!("$ newsterm --render 100x30\n{frame}```")),
        "README's frame differs from `newsterm --render 100x30`:\n{frame}"
    );
}

#[test]
fn readme_lists_every_key() {
    let table = newsterm::keys::markdown_table();
    assert!(
        readme().contains(&table),
        "README's key table differs from:\n{table}"
    );
}

#[test]
fn docs_exist_where_the_readme_links() {
    for doc in ["docs/bundle-format.md", "docs/architecture.md"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(doc);
        assert!(path.is_file(), "{doc} is linked from the README");
    }
}

/// The targets of the Markdown links in `text` that point into the repository.
fn local_links(text: &str) -> Vec<&str> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(|target| target.split('#').next().unwrap_or_default())
        .filter(|target| !target.is_empty() && !target.contains("://"))
        .collect()
}

#[test]
fn every_link_of_the_readme_and_the_docs_resolves() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("a docs entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("a page");
        let dir = page.parent().expect("in a directory");
        for target in local_links(&text) {
            assert!(
                dir.join(target).exists(),
                "{} links to {target}, which does not exist",
                page.display()
            );
        }
    }
}

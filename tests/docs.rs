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

/// The files docs/architecture.md names, written as `src/…` in backquotes; a name inside
/// parentheses after a path (`src/feed/html.rs` (`html/walk.rs`, …)) is in the folder of
/// that module.
fn architecture_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut module = String::new();
    for quoted in text.split('`').skip(1).step_by(2) {
        if quoted.starts_with("src/") && quoted.ends_with(".rs") {
            module = quoted.trim_end_matches(".rs").to_owned();
            paths.push(quoted.to_owned());
        } else if let Some((first, _)) = quoted.split_once('/')
            && quoted.ends_with(".rs")
            && module.ends_with(&format!("/{first}"))
        {
            let folder = &module[..module.len() - first.len()];
            paths.push(format!("{folder}{quoted}"));
        }
    }
    paths
}

#[test]
fn architecture_names_only_files_that_exist() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/architecture.md")).expect("the page");
    let paths = architecture_paths(&text);
    assert!(paths.len() > 50, "{paths:?}");
    for path in paths {
        assert!(
            root.join(&path).is_file(),
            "docs/architecture.md names {path}"
        );
    }
}

#[test]
fn architecture_names_every_source_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("docs/architecture.md")).expect("the page");
    let named = architecture_paths(&text);
    let mut dirs = vec![root.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                // Test modules are named by their parent (`src/app/tests.rs`).
                if !path.ends_with("tests") {
                    dirs.push(path);
                }
                continue;
            }
            let rel = path.strip_prefix(root).expect("below the root");
            let rel = rel.to_string_lossy();
            // The crate's roots, and files only tests compile.
            let unlisted = ["src/main.rs", "src/lib.rs", "src/present/testing.rs"];
            let test_only = rel.ends_with("/tests.rs");
            if rel.ends_with(".rs") && !unlisted.contains(&rel.as_ref()) && !test_only {
                assert!(
                    named.iter().any(|n| *n == rel),
                    "docs/architecture.md leaves out {rel}"
                );
            }
        }
    }
}

/// Files stay small enough to read whole: none of the crate's, its tests' or its benches'
/// Rust files is over 600 lines.
#[test]
fn no_source_file_is_over_600_lines() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src"), root.join("tests"), root.join("benches")];
    let mut long = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let lines = std::fs::read_to_string(&path).map_or(0, |t| t.lines().count());
                if lines > 600 {
                    long.push(format!("{} ({lines} lines)", path.display()));
                }
            }
        }
    }
    assert!(long.is_empty(), "over 600 lines: {long:?}");
}

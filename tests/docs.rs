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

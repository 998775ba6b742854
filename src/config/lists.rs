//! The settings of the feed list: `feed_sort` (name, unread or updated), the saved
//! queries of `[queries]` (`"Title" = "query"`) and the tagging rules of `[tag_rules]`
//! (`tag = "query"`), each read now so that a mistake is one line naming the file, the
//! line and the column of the query.

use toml::Value;

use super::{Config, ConfigMistake, at_line, find};
use crate::app::{FeedOrder, MOST_RULES, SavedQuery, TagRule, unfit_for_rule};

pub(super) fn read(
    text: &str,
    table: &toml::Table,
    config: &mut Config,
) -> Result<(), ConfigMistake> {
    if let Some(value) = table.get("feed_sort") {
        let at = find(text, "feed_sort").unwrap_or(0..0);
        config.feed_order = value.as_str().and_then(FeedOrder::named).ok_or_else(|| {
            at_line(
                text,
                at,
                format!(
                    "unknown feed_sort {} (name, unread or updated)",
                    crate::text::printable(&value.to_string())
                ),
            )
        })?;
    }
    for (title, query, expr) in named_queries(text, table, "queries", "\"Title\" = \"query\"")? {
        config.queries.push(SavedQuery {
            title: crate::text::clean(&title),
            text: query,
            expr,
        });
    }
    let rules = named_queries(text, table, "tag_rules", "tag = \"query\"")?;
    if rules.len() > MOST_RULES {
        let at = find(text, "tag_rules").unwrap_or(0..0);
        return Err(at_line(
            text,
            at,
            format!(
                "[tag_rules] has {} rules; at most {MOST_RULES}",
                rules.len()
            ),
        ));
    }
    for (tag, _, expr) in rules {
        if let Some(term) = unfit_for_rule(&expr) {
            let at = find(text, &tag).unwrap_or(0..0);
            return Err(at_line(
                text,
                at,
                format!(
                    "tag rule {}: {term} asks about marks or tags, which a rule does not look at",
                    crate::text::printable(&tag)
                ),
            ));
        }
        config.tag_rules.push(TagRule { tag, expr });
    }
    Ok(())
}

/// The entries of table `name`, each a name and a query read: `(name, text, query)`.
fn named_queries(
    text: &str,
    table: &toml::Table,
    name: &str,
    shape: &str,
) -> Result<Vec<(String, String, crate::query::Expr)>, ConfigMistake> {
    let mut found = Vec::new();
    if let Some(queries) = table.get(name) {
        let at = find(text, name).unwrap_or(0..0);
        let Value::Table(queries) = queries else {
            return Err(at_line(text, at, format!("[{name}] is a table of {shape}")));
        };
        for (title, value) in queries {
            let at = find(text, title).unwrap_or(at.clone());
            let Value::String(query) = value else {
                return Err(at_line(
                    text,
                    at,
                    format!("{}: a query is a string", crate::text::printable(title)),
                ));
            };
            let expr = crate::query::parse(query).map_err(|e| {
                at_line(
                    text,
                    at.clone(),
                    format!("query {}: {e}", crate::text::printable(title)),
                )
            })?;
            found.push((title.clone(), query.clone(), expr));
        }
    }
    Ok(found)
}

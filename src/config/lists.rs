//! The settings of the feed list: `feed_sort` (name, unread or updated) and the saved
//! queries of `[queries]` (`"Title" = "query"`), each read now so that a mistake is one
//! line naming the file, the line and the column of the query.

use toml::Value;

use super::{Config, ConfigMistake, at_line, find};
use crate::app::{FeedOrder, SavedQuery};

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
    if let Some(queries) = table.get("queries") {
        let at = find(text, "queries").unwrap_or(0..0);
        let Value::Table(queries) = queries else {
            return Err(at_line(
                text,
                at,
                "[queries] is a table of \"Title\" = \"query\"",
            ));
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
            config.queries.push(SavedQuery {
                title: crate::text::clean(title),
                text: query.clone(),
                expr,
            });
        }
    }
    Ok(())
}

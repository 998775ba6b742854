//! Several sources in one headline list: their stories merged newest first where they have
//! dates, each remembering which source it came from.

use crate::bundle::{Bundle, Warning};

/// The stories of `bundles` as one bundle. One bundle is returned as it is (a bundle's own
/// order is the editor's). Several are merged: dated stories newest first, then undated ones
/// in their sources' order; related stories stay linked; an id already taken by an earlier
/// source gets the source's number (`id#2`) so every id stays unique.
pub fn merge(mut bundles: Vec<Bundle>) -> Bundle {
    if bundles.len() <= 1 {
        return bundles.pop().unwrap_or_default();
    }
    let names: Vec<&str> = bundles.iter().map(|b| b.title.as_str()).collect();
    let title = names.join(" + ");
    let languages: Vec<Option<&String>> = bundles.iter().map(|b| b.language.as_ref()).collect();
    let language = languages
        .windows(2)
        .all(|w| w[0] == w[1])
        .then(|| languages.first().copied().flatten().cloned())
        .flatten();
    let mut out = Bundle {
        title,
        language,
        ..Bundle::default()
    };
    let mut ids = crate::bundle::UniqueIds::new();
    for (n, bundle) in bundles.into_iter().enumerate() {
        let first = out.articles.len();
        let origin_base = out.origins.len();
        for warning in bundle.warnings {
            out.warnings.push(Warning {
                path: format!("{}: {}", bundle.title, warning.path),
                message: warning.message,
            });
        }
        for mut article in bundle.articles {
            article.origin =
                u16::try_from(origin_base + usize::from(article.origin)).unwrap_or(u16::MAX);
            for r in &mut article.related {
                *r += first;
            }
            article.id = ids.claim(std::mem::take(&mut article.id), n + 1);
            out.articles.push(article);
        }
        out.origins.extend(bundle.origins);
    }
    // Newest first: sort the positions, then renumber the related links to follow.
    let mut order: Vec<usize> = (0..out.articles.len()).collect();
    let when: Vec<Option<i64>> = out
        .articles
        .iter()
        .map(|a| a.published.as_deref().and_then(instant))
        .collect();
    order.sort_by_key(|&i| (when[i].is_none(), std::cmp::Reverse(when[i])));
    let mut place = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        place[old] = new;
    }
    let mut slots: Vec<Option<crate::bundle::Article>> = out.articles.drain(..).map(Some).collect();
    out.articles = order
        .iter()
        .filter_map(|&old| slots.get_mut(old).and_then(Option::take))
        .map(|mut article| {
            for r in &mut article.related {
                *r = place[*r];
            }
            article
        })
        .collect();
    join_pages(&mut out);
    out
}

/// Pages read together link up: a related story that a page only names (its teaser: no
/// text, no related list of its own) is the page of the same address read in full when that
/// is among the stories too, which then takes its place in every related list.
fn join_pages(bundle: &mut Bundle) {
    let articles = &bundle.articles;
    let mut full: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if a.has_body
            && let Some(url) = a.url.as_deref()
        {
            full.entry(url).or_insert(i);
        }
    }
    let named: std::collections::HashSet<usize> = articles
        .iter()
        .flat_map(|a| a.related.iter().copied())
        .collect();
    let becomes: Vec<Option<usize>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let teaser = !a.has_body && a.related.is_empty() && named.contains(&i);
            let url = a.url.as_deref().filter(|_| teaser)?;
            full.get(url).copied().filter(|&f| f != i)
        })
        .collect();
    if becomes.iter().all(Option::is_none) {
        return;
    }
    // What each kept story's index becomes once the teasers are gone.
    let mut place = Vec::with_capacity(becomes.len());
    let mut kept = 0;
    for b in &becomes {
        place.push(kept);
        if b.is_none() {
            kept += 1;
        }
    }
    let old = std::mem::take(&mut bundle.articles);
    for (i, mut article) in old.into_iter().enumerate() {
        if becomes[i].is_some() {
            continue;
        }
        let mut related: Vec<usize> = Vec::with_capacity(article.related.len());
        for r in &article.related {
            let r = place[becomes.get(*r).copied().flatten().unwrap_or(*r)];
            if !related.contains(&r) {
                related.push(r);
            }
        }
        article.related = related;
        bundle.articles.push(article);
    }
}

/// Seconds since 1970 of an RFC 3339 time (`2026-11-03T10:00:00+07:00`, fractions and `Z`
/// allowed; a date alone is midnight UTC), for ordering only.
pub fn instant(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let date = text.get(..10)?;
    let (y, m, d) = (
        number(date.get(..4)?)?,
        number(date.get(5..7)?)?,
        number(date.get(8..10)?)?,
    );
    if date.as_bytes().get(4) != Some(&b'-') || date.as_bytes().get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    let rest = &text[10..];
    if rest.is_empty() {
        return Some(days * 86_400);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (h, mi, s) = (
        number(rest.get(..2)?)?,
        number(rest.get(3..5)?)?,
        number(rest.get(6..8)?)?,
    );
    let mut zone = rest.get(8..)?;
    if let Some(fraction) = zone.strip_prefix('.') {
        zone = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match zone {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om) = (number(zone.get(1..3)?)?, number(zone.get(4..6)?)?);
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(days * 86_400 + h * 3600 + mi * 60 + s - offset)
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bundle::load_full;

    #[test]
    fn instants_order_times_across_zones() {
        assert_eq!(instant("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(instant("1970-01-02"), Some(86_400));
        assert_eq!(
            instant("2026-11-03T10:00:00+07:00"),
            instant("2026-11-03T03:00:00Z")
        );
        assert_eq!(instant("2000-03-01T00:00:00.123-01:30"), Some(951_874_200));
        assert_eq!(instant("yesterday"), None);
        assert_eq!(instant("2026-13-01"), None);
        assert_eq!(instant("2026-11-03T10"), None);
    }

    fn bundle(title: &str, stories: &[(&str, Option<&str>, &[&str])]) -> Bundle {
        let articles: Vec<String> = stories
            .iter()
            .map(|(id, date, related)| {
                let date = date.map_or(String::new(), |d| format!(",\"published\":\"{d}\""));
                format!(
                    "{{\"id\":\"{id}\",\"title\":\"{id}\"{date},\"related\":{}}}",
                    serde_json::to_string(related).unwrap()
                )
            })
            .collect();
        let text = format!(
            "{{\"newsterm\":1,\"title\":\"{title}\",\"articles\":[{}]}}",
            articles.join(",")
        );
        load_full(title, text.as_bytes()).unwrap()
    }

    #[test]
    fn stories_merge_newest_first_and_keep_their_links() {
        let a = bundle(
            "A",
            &[
                ("a1", Some("2026-01-01T00:00:00Z"), &["a2"]),
                ("a2", None, &["a1"]),
                ("x", Some("2026-03-01T00:00:00Z"), &[]),
            ],
        );
        let b = bundle(
            "B",
            &[
                ("x", Some("2026-02-01T00:00:00+01:00"), &[]),
                ("b2", None, &[]),
            ],
        );
        let m = merge(vec![a, b]);
        let ids: Vec<&str> = m.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "x#2", "a1", "a2", "b2"]);
        let origins: Vec<u16> = m.articles.iter().map(|a| a.origin).collect();
        assert_eq!(origins, [0, 1, 0, 0, 1]);
        assert_eq!(m.origins.len(), 2);
        assert_eq!(m.origins[1].name, "B");
        assert_eq!(m.articles[2].related, [3]);
        assert_eq!(m.articles[3].related, [2]);
        assert_eq!(m.title, "A + B");
    }

    #[test]
    fn one_bundle_keeps_its_order() {
        let a = bundle(
            "A",
            &[
                ("old", Some("2020-01-01"), &[]),
                ("new", Some("2026-01-01"), &[]),
            ],
        );
        let m = merge(vec![a]);
        assert_eq!(m.articles[0].id, "old");
    }
}

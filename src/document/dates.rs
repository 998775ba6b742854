//! Dates, durations and the metadata line as the reader and the headline list show them.

use crate::bundle::Article;

/// Formats a duration in seconds as `m:ss` or `h:mm:ss`.
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The parts of an RFC 3339 date (`2026-02-01`) or date-time (`2026-02-01T08:00:00+07:00`):
/// the date and, if there is one, the hour and minute. `None` for anything else.
fn rfc3339(text: &str) -> Option<(&str, Option<&str>)> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.len() == r.len() && s.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10)) {
        return None;
    }
    if b.len() == 10 {
        return Some((&text[..10], None));
    }
    let time = matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    if !time {
        return None;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let zone = match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    };
    zone.then(|| (&text[..10], Some(&text[11..i + 1])))
}

/// An RFC 3339 time as `YYYY-MM-DD HH:MM` (in the zone it was written in; `UTC` after it when
/// that is `Z`, as feeds' times are), a date as itself, and anything else as written.
pub fn date(published: &str) -> String {
    match rfc3339(published) {
        Some((day, Some(time))) => {
            let utc = time.ends_with(['Z', 'z']);
            let time = time.get(..5).unwrap_or(time);
            if utc {
                format!("{day} {time} UTC")
            } else {
                format!("{day} {time}")
            }
        }
        Some((day, None)) => day.to_owned(),
        None => published.to_owned(),
    }
}

/// The date alone of an RFC 3339 time, for the headline list; anything else as written.
pub fn day(published: &str) -> &str {
    rfc3339(published).map_or(published, |(day, _)| day)
}

/// A short date for a list that mixes sources: `Nov 02`, or `Nov 2019` for a year other
/// than `this_year` (the newest story's, so that the frame depends on the stories only, not
/// on the clock); anything that is not an RFC 3339 date as written.
pub fn short_day(published: &str, this_year: Option<&str>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = day(published);
    let parts = (day.get(..4), day.get(5..7), day.get(8..10));
    let (Some(year), Some(month), Some(date)) = parts else {
        return day.to_owned();
    };
    let Some(name) = month
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
    else {
        return day.to_owned();
    };
    if this_year.is_none_or(|y| y == year) {
        format!("{name} {date}")
    } else {
        format!("{name} {year}")
    }
}

/// The year of an RFC 3339 date.
pub fn year(published: &str) -> Option<&str> {
    rfc3339(published).and_then(|(day, _)| day.get(..4))
}

/// The reader's metadata line: source, section, date and authors, those that are present.
pub fn meta(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(article.source.clone());
    parts.extend(article.section.clone());
    parts.extend(article.published.as_deref().map(date));
    if !article.authors.is_empty() {
        parts.push(article.authors.join(", "));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_days_name_the_month_and_the_year_only_when_it_differs() {
        assert_eq!(short_day("2026-11-02T07:00:00Z", Some("2026")), "Nov 02");
        assert_eq!(short_day("2019-01-30", Some("2026")), "Jan 2019");
        assert_eq!(short_day("2019-12-30", None), "Dec 30");
        assert_eq!(short_day("2019-13-30", None), "2019-13-30");
        assert_eq!(short_day("yesterday", None), "yesterday");
        assert_eq!(year("2021-11-02T00:46:00Z"), Some("2021"));
        assert_eq!(year("soon"), None);
    }

    #[test]
    fn dates_and_durations() {
        assert_eq!(date("2023-11-01T19:00:00+07:00"), "2023-11-01 19:00");
        assert_eq!(date("2023-11-01"), "2023-11-01");
        assert_eq!(date("yesterday"), "yesterday");
        assert_eq!(date("2023-11-01T19:00:00Z"), "2023-11-01 19:00 UTC");
        assert_eq!(date("2023-11-01T19:00:00+00:00"), "2023-11-01 19:00");
        assert_eq!(date("2023-11-01T19:00:00.123-05:30"), "2023-11-01 19:00");
        assert_eq!(date("2026-02-01 (approx)"), "2026-02-01 (approx)");
        assert_eq!(date("2026-02-01T08:00"), "2026-02-01T08:00");
        assert_eq!(day("2023-11-01T19:00:00+07:00"), "2023-11-01");
        assert_eq!(day("Monday, 2 February 2026"), "Monday, 2 February 2026");
        assert_eq!(duration(312), "5:12");
        assert_eq!(duration(3725), "1:02:05");
    }
}

//! newsboat's query feeds (`"query:Title:expr"` lines of the `urls` file) in newsterm's query
//! language, where the meaning is the same: `unread = "yes"`, `tags # "x"`, `title =~ "x"`,
//! `feedtitle`, `author` and `content` matched with words, `age < N`, joined with `and`,
//! `or` and parentheses. A regular expression with anything but words in it, or an attribute
//! newsterm does not know, is refused with the reason, and the line is left unused.

/// A query feed: its title and its filter in newsterm's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryFeed {
    pub title: String,
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Text(String),
    Op(&'static str),
    Open,
    Close,
}

/// The operators, longest first so that `!=~` is not read as `!=` then `~`.
const OPS: [&str; 11] = [
    "!=~", "=~", "!~", "!=", "!#", "<=", ">=", "=", "#", "<", ">",
];

/// A query line's address (`query:Title:expr`, the quotes already taken off) as a query
/// feed, or why it cannot be one.
pub fn query_feed(address: &str) -> Result<QueryFeed, String> {
    let rest = address
        .strip_prefix("query:")
        .ok_or_else(|| "not a query feed".to_owned())?;
    let (title, filter) = rest
        .split_once(':')
        .ok_or_else(|| "no `:` between its title and its filter".to_owned())?;
    if title.trim().is_empty() {
        return Err("no title".into());
    }
    Ok(QueryFeed {
        title: title.trim().to_owned(),
        query: translate(filter)?,
    })
}

/// newsboat's filter `filter` in newsterm's query language.
pub fn translate(filter: &str) -> Result<String, String> {
    let tokens = tokens(filter)?;
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Open => out.push("(".into()),
            Token::Close => out.push(")".into()),
            Token::Word(w) if w == "and" => {}
            Token::Word(w) if w == "or" => out.push("or".into()),
            Token::Word(attribute) => {
                let (Some(Token::Op(op)), Some(value)) = (tokens.get(i + 1), tokens.get(i + 2))
                else {
                    return Err(format!("`{attribute}` without an operator and a value"));
                };
                let value = match value {
                    Token::Text(v) | Token::Word(v) => v.as_str(),
                    _ => return Err(format!("`{attribute} {op}` without a value")),
                };
                out.push(condition(attribute, op, value)?);
                i += 2;
            }
            Token::Text(t) => return Err(format!("\"{t}\" where a condition was expected")),
            Token::Op(op) => return Err(format!("`{op}` where a condition was expected")),
        }
        i += 1;
    }
    if out.is_empty() {
        return Err("an empty filter".into());
    }
    Ok(out.join(" "))
}

/// One `attribute op value` condition in newsterm's language.
fn condition(attribute: &str, op: &str, value: &str) -> Result<String, String> {
    let not = |term: String, negated: bool| if negated { format!("-{term}") } else { term };
    let unsupported = || format!("`{attribute} {op} \"{value}\"` has no equal in newsterm");
    match attribute {
        "unread" => {
            let yes = match value {
                "yes" => true,
                "no" => false,
                _ => return Err(unsupported()),
            };
            match op {
                "=" => Ok(if yes { "unread" } else { "read" }.into()),
                "!=" => Ok(if yes { "read" } else { "unread" }.into()),
                _ => Err(unsupported()),
            }
        }
        "tags" => match op {
            "#" => Ok(format!("tag:{}", quote(value))),
            "!#" => Ok(format!("-tag:{}", quote(value))),
            _ => Err(unsupported()),
        },
        "title" | "feedtitle" | "author" | "content" => {
            let negated = match op {
                "=~" | "=" | "#" => false,
                "!~" | "!=~" | "!=" | "!#" => true,
                _ => return Err(unsupported()),
            };
            let words = plain(value).ok_or_else(|| {
                format!("`{attribute} {op} \"{value}\"`: only words are translated, not patterns")
            })?;
            let term = match attribute {
                "title" => format!("title:{}", quote(&words)),
                "feedtitle" => format!("feed:{}", quote(&words)),
                "author" => format!("author:{}", quote(&words)),
                _ => quote(&words),
            };
            Ok(not(term, negated))
        }
        "age" => {
            let days: u32 = value.parse().map_err(|_| unsupported())?;
            match op {
                "<" => Ok(format!("newer:{days}d")),
                "<=" => Ok(format!("newer:{}d", days.saturating_add(1))),
                ">" => Ok(format!("-newer:{}d", days.saturating_add(1))),
                ">=" => Ok(format!("-newer:{days}d")),
                _ => Err(unsupported()),
            }
        }
        _ => Err(format!(
            "`{attribute}` is not translated (newsterm knows unread, tags, title, feedtitle, \
             author, content and age)"
        )),
    }
}

/// `value` when it is words alone (no pattern characters), case as written.
fn plain(value: &str) -> Option<String> {
    let words = value.trim();
    let plain = !words.is_empty()
        && words
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '\'' || c == '-' || c == '_');
    plain.then(|| words.to_owned())
}

/// `value` as one term: as it is when it is one word, in quotes otherwise.
fn quote(value: &str) -> String {
    if !value.is_empty() && value.chars().all(|c| c.is_alphanumeric() || c == '_') {
        value.to_owned()
    } else {
        format!("\"{}\"", value.replace('"', ""))
    }
}

fn tokens(filter: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = filter.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i += 1;
        } else if c == '"' {
            let mut text = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("a quote is not closed".into()),
                    Some('"') => break,
                    Some('\\') if chars.get(i + 1).is_some() => {
                        text.push(chars[i + 1]);
                        i += 2;
                    }
                    Some(&c) => {
                        text.push(c);
                        i += 1;
                    }
                }
            }
            out.push(Token::Text(text));
            i += 1;
        } else if let Some(op) = OPS.iter().find(|op| {
            let op: Vec<char> = op.chars().collect();
            chars.get(i..i + op.len()) == Some(&op[..])
        }) {
            out.push(Token::Op(op));
            i += op.chars().count();
        } else if c.is_alphanumeric() || c == '_' || c == '.' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // `between` ranges have no equal.
            if word == "between" {
                return Err("`between` is not translated".into());
            }
            out.push(Token::Word(word));
        } else {
            return Err(format!("`{c}` cannot be read"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsboat_filters_become_queries_of_the_same_meaning() {
        let cases = [
            ("unread = \"yes\"", "unread"),
            ("unread != \"yes\"", "read"),
            ("tags # \"tech\" and unread = \"yes\"", "tag:tech unread"),
            ("tags !# \"long reads\"", "-tag:\"long reads\""),
            (
                "( title =~ \"rust\" or feedtitle = \"Ars Technica\" ) and age < 3",
                "( title:rust or feed:\"Ars Technica\" ) newer:3d",
            ),
            ("author !~ \"Doe\"", "-author:Doe"),
            ("content =~ \"net zero\"", "\"net zero\""),
            ("age > 7", "-newer:8d"),
        ];
        for (filter, query) in cases {
            assert_eq!(translate(filter).as_deref(), Ok(query), "{filter}");
            assert!(crate::query::parse(query).is_ok(), "{query}");
        }
    }

    #[test]
    fn what_has_no_equal_is_refused_with_why() {
        for (filter, why) in [
            ("title =~ \"^Rust.*\"", "only words"),
            ("rssurl =~ \"example\"", "`rssurl` is not translated"),
            ("age between 1:3", "`between`"),
            ("unread = \"maybe\"", "no equal"),
            ("title =~ \"open", "not closed"),
            ("", "empty"),
            ("unread =", "without"),
        ] {
            let e = translate(filter).expect_err(filter);
            assert!(e.contains(why), "{filter}: {e}");
        }
    }

    #[test]
    fn a_query_line_gives_its_title_and_filter() {
        assert_eq!(
            query_feed("query:Unread tech:tags # \"tech\" and unread = \"yes\""),
            Ok(QueryFeed {
                title: "Unread tech".into(),
                query: "tag:tech unread".into(),
            })
        );
        assert!(query_feed("query::unread = \"yes\"").is_err());
        assert!(query_feed("query:no filter").is_err());
    }
}

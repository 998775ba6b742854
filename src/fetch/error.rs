//! Why a fetch failed, as one line naming the address, and the HTTP client's and the
//! system's errors turned into it.

use std::io;
use std::time::Duration;

use ureq::http::StatusCode;

use super::options::Options;
use crate::text::printable;

/// Why a fetch failed. Each message is one line that begins with the address.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FetchError {
    #[error("{}: only http and https addresses can be fetched", printable(.url))]
    Scheme { url: String },
    #[error("{}: not a web address: {}", printable(.url), printable(.reason))]
    BadUrl { url: String, reason: String },
    #[error("{}: cannot connect: {}", printable(.url), printable(.reason))]
    Connect { url: String, reason: String },
    #[error("{}: TLS: {}", printable(.url), printable(.reason))]
    Tls { url: String, reason: String },
    #[error("{}: timed out after {}", printable(.url), seconds(*.after))]
    Timeout { url: String, after: Duration },
    #[error("{}: larger than {}", printable(.url), size(*.limit))]
    TooLarge { url: String, limit: u64 },
    #[error("{}: more than {max} redirects", printable(.url))]
    TooManyRedirects { url: String, max: u32 },
    /// A redirect to an address that is not http or https (`file:`, `ftp:`…), not followed.
    #[error("{}: redirect to {} address refused", printable(.url), a_scheme(.scheme))]
    RedirectRefused { url: String, scheme: String },
    #[error("{}: HTTP {}", printable(.url), status_line(*.status))]
    Status { url: String, status: u16 },
    #[error("{}: not in the cache (offline)", printable(.url))]
    NotCached { url: String },
    /// Anything else on the way: a broken response, a dropped connection, bad gzip.
    #[error("{}: {}", printable(.url), printable(.reason))]
    Network { url: String, reason: String },
}

impl FetchError {
    /// The address the fetch was asked for, as given.
    pub fn url(&self) -> &str {
        match self {
            FetchError::Scheme { url }
            | FetchError::BadUrl { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::Tls { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::RedirectRefused { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::NotCached { url }
            | FetchError::Network { url, .. } => url,
        }
    }
}

/// Whether an address is fetched over TLS, which decides what some I/O errors mean.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum WebScheme {
    Http,
    Https,
}

/// A ureq error as one line about `url`, fetched over `scheme`.
pub(super) fn error(url: &str, scheme: WebScheme, options: &Options, e: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            FetchError::Connect {
                url,
                reason: format!("timed out after {}", seconds(options.connect_timeout)),
            }
        }
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        ureq::Error::HostNotFound => FetchError::Connect {
            url,
            reason: "host not found".to_owned(),
        },
        ureq::Error::ConnectionFailed => FetchError::Connect {
            url,
            reason: "connection failed".to_owned(),
        },
        // rustls reports through the stream: invalid data on https is the TLS layer's.
        ureq::Error::Io(e)
            if scheme == WebScheme::Https && e.kind() == io::ErrorKind::InvalidData =>
        {
            FetchError::Tls {
                url,
                reason: io_reason(&e),
            }
        }
        ureq::Error::Io(e) => io_error(url, options, &e),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            max: options.max_redirects,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            limit: options.max_bytes,
        },
        ureq::Error::Tls(reason) => FetchError::Tls {
            url,
            reason: reason.to_owned(),
        },
        ureq::Error::Rustls(e) => FetchError::Tls {
            url,
            reason: e.to_string(),
        },
        ureq::Error::Pem(e) => FetchError::Tls {
            url,
            reason: format!("{e:?}"),
        },
        ureq::Error::TlsRequired => FetchError::Tls {
            url,
            reason: "no secure connection".to_owned(),
        },
        ureq::Error::BadUri(reason) => FetchError::BadUrl { url, reason },
        ureq::Error::Http(e) => FetchError::BadUrl {
            url,
            reason: e.to_string(),
        },
        ureq::Error::Protocol(e) => FetchError::Network {
            url,
            reason: format!("bad response: {e}"),
        },
        ureq::Error::LargeResponseHeader(..) => FetchError::Network {
            url,
            reason: "response headers too large".to_owned(),
        },
        ureq::Error::Decompress(kind, e) => FetchError::Network {
            url,
            reason: format!("cannot decompress {kind}: {}", io_reason(&e)),
        },
        other => FetchError::Network {
            url,
            reason: other.to_string(),
        },
    }
}

fn io_error(url: String, options: &Options, e: &io::Error) -> FetchError {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused
        | K::AddrNotAvailable
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::NetworkDown => FetchError::Connect {
            url,
            reason: io_reason(e),
        },
        K::TimedOut | K::WouldBlock => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        K::UnexpectedEof => FetchError::Network {
            url,
            reason: "the server closed the connection before the answer was complete".to_owned(),
        },
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => FetchError::Network {
            url,
            reason: format!("connection lost: {}", io_reason(e)),
        },
        _ => FetchError::Network {
            url,
            reason: io_reason(e),
        },
    }
}

/// An I/O error's message without the " (os error N)" tail.
fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// "a file:", "an irc:": a scheme as the message names it.
fn a_scheme(scheme: &str) -> String {
    let article = if scheme.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {}:", printable(scheme))
}

/// "30 s", "0.3 s", "1.25 s".
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        let text = format!("{}.{:03}", ms / 1000, ms % 1000);
        format!("{} s", text.trim_end_matches('0'))
    }
}

/// "50 MB", "64 KB", "1000 bytes" (binary multiples).
fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!("{} KB", bytes / KB)
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// "404 Not Found", or just the number for a status without a standard name.
fn status_line(status: u16) -> String {
    match StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_naming_the_address() {
        let url = "https://x/feed".to_owned();
        let cases = [
            (
                FetchError::Timeout {
                    url: url.clone(),
                    after: Duration::from_secs(30),
                },
                "https://x/feed: timed out after 30 s",
            ),
            (
                FetchError::Timeout {
                    url: url.clone(),
                    after: Duration::from_millis(300),
                },
                "https://x/feed: timed out after 0.3 s",
            ),
            (
                FetchError::TooLarge {
                    url: url.clone(),
                    limit: Options::default().max_bytes,
                },
                "https://x/feed: larger than 50 MB",
            ),
            (
                FetchError::TooLarge {
                    url: url.clone(),
                    limit: 1000,
                },
                "https://x/feed: larger than 1000 bytes",
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: 404,
                },
                "https://x/feed: HTTP 404 Not Found",
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: 599,
                },
                "https://x/feed: HTTP 599",
            ),
            (
                FetchError::TooManyRedirects {
                    url: url.clone(),
                    max: 5,
                },
                "https://x/feed: more than 5 redirects",
            ),
            (
                FetchError::RedirectRefused {
                    url: url.clone(),
                    scheme: "irc".to_owned(),
                },
                "https://x/feed: redirect to an irc: address refused",
            ),
            (
                FetchError::NotCached { url: url.clone() },
                "https://x/feed: not in the cache (offline)",
            ),
            (
                FetchError::Scheme {
                    url: "ftp://x".to_owned(),
                },
                "ftp://x: only http and https addresses can be fetched",
            ),
            (
                FetchError::Network {
                    url: "https://x/\u{1b}[2J".to_owned(),
                    reason: "a\nb".to_owned(),
                },
                "https://x/\\u{1b}[2J: a\\u{a}b",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn durations_and_sizes_read_well() {
        assert_eq!(seconds(Duration::from_millis(1250)), "1.25 s");
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(size(64 * 1024), "64 KB");
        assert_eq!(size(1), "1 byte");
        assert_eq!(
            io_reason(&io::Error::from_raw_os_error(111)),
            io::Error::from_raw_os_error(111)
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or_default()
        );
    }
}

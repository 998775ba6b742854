//! One HTTP(S) request within the limits: the address checked, the agent configured, the
//! request made conditional on what the cache holds, and the body read up to its size limit.

use std::io::{self, Read};
use std::time::{Duration, Instant};

use ureq::ResponseExt;
use ureq::http::{HeaderValue, StatusCode, header};

use super::cache::{Meta, Validators};
use super::error::{FetchError, WebScheme, error};
use super::options::Options;
use super::{Fetched, FetchedFrom};

/// The `Accept` header: feed types first, anything else as a last resort.
pub const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                          application/json, application/xml, text/xml;q=0.9, */*;q=0.8";

/// How much of the body is read at a time (and so how often progress is reported).
const CHUNK: usize = 64 * 1024;

/// `url` parsed and checked: an absolute http(s) address without its fragment.
pub(super) fn normalize(url: &str) -> Result<String, FetchError> {
    let mut parsed = url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::Scheme {
            url: url.to_owned(),
        });
    }
    parsed.set_fragment(None);
    Ok(parsed.into())
}

/// The agent for one fetch. A proxy named by the environment (`HTTPS_PROXY`, `NO_PROXY` …) is
/// used, except for this machine's own addresses, which a proxy elsewhere cannot reach.
pub(super) fn agent(options: &Options, address: &str) -> ureq::Agent {
    let local = url::Url::parse(address)
        .ok()
        .is_some_and(|u| match u.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        });
    let proxy = if local {
        None
    } else {
        ureq::Proxy::try_from_env()
    };
    ureq::Agent::config_builder()
        .proxy(proxy)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.timeout))
        // Redirects are followed by `get`, which checks where each one leads.
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("newsterm/", env!("CARGO_PKG_VERSION")))
        .accept(ACCEPT)
        .build()
        .new_agent()
}

/// What one request got: a body, or `304 Not Modified` (the cached body is still good).
pub(super) enum Got {
    Full {
        fetched: Fetched,
        validators: Validators,
    },
    NotModified {
        /// The address that answered, after redirects.
        final_url: String,
        validators: Validators,
    },
}

/// One request, conditional on `cached`, with its redirects: followed here rather than by
/// ureq, so that each new address is checked (only http and https) and the time limit spans
/// them all.
pub(super) fn get(
    agent: &ureq::Agent,
    url: &str,
    address: &str,
    options: &Options,
    cached: Option<&Meta>,
    progress: &mut dyn FnMut(u64),
) -> Result<Got, FetchError> {
    let started = Instant::now();
    let mut at = address.to_owned();
    let mut redirects = 0;
    let (response, scheme) = loop {
        let scheme = if at.starts_with("https:") {
            WebScheme::Https
        } else {
            WebScheme::Http
        };
        let left = options.timeout.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(FetchError::Timeout {
                url: url.to_owned(),
                after: options.timeout,
            });
        }
        let response = request(agent, &at, cached, left, options.connect_timeout)
            .call()
            .map_err(|e| error(url, scheme, options, e))?;
        let status = response.status();
        if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
            break (response, scheme);
        }
        if redirects == options.max_redirects {
            return Err(FetchError::TooManyRedirects {
                url: url.to_owned(),
                max: options.max_redirects,
            });
        }
        redirects += 1;
        at = redirected(url, &at, status, response.headers().get(header::LOCATION))?;
    };
    let fail = |e: ureq::Error| error(url, scheme, options, e);
    let status = response.status();
    let final_url = response.get_uri().to_string();
    let text = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: text(header::ETAG),
        last_modified: text(header::LAST_MODIFIED),
    };
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Got::NotModified {
            final_url,
            validators,
        });
    }
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let content_type = text(header::CONTENT_TYPE);
    let bytes = read_body(response.into_body(), options, progress).map_err(|e| match e {
        BodyError::TooLarge => FetchError::TooLarge {
            url: url.to_owned(),
            limit: options.max_bytes,
        },
        BodyError::Read(e) => fail(ureq::Error::from(e)),
    })?;
    Ok(Got::Full {
        fetched: Fetched {
            bytes,
            url: final_url,
            content_type,
            origin: FetchedFrom::Network,
        },
        validators,
    })
}

/// A GET of `at`, conditional on what the cache holds, within `left` of the time limit.
fn request(
    agent: &ureq::Agent,
    at: &str,
    cached: Option<&Meta>,
    left: Duration,
    connect: Duration,
) -> ureq::RequestBuilder<ureq::typestate::WithoutBody> {
    let mut request = agent.get(at);
    if let Some(meta) = cached {
        // Only values that are valid header values (the file may have been edited).
        if let Some(etag) = meta.etag.as_deref().filter(|v| valid_header(v)) {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = meta.last_modified.as_deref().filter(|v| valid_header(v)) {
            request = request.header(header::IF_MODIFIED_SINCE, date);
        }
    }
    request
        .config()
        .timeout_global(Some(left))
        .timeout_connect(Some(connect.min(left)))
        .build()
}

/// Where a redirect from `at` leads: its `Location` resolved against `at`, if that is a web
/// address. Any other scheme (`file:`, `ftp:`, `data:`) is refused, never fetched.
fn redirected(
    url: &str,
    at: &str,
    status: StatusCode,
    location: Option<&HeaderValue>,
) -> Result<String, FetchError> {
    let network = |reason: String| FetchError::Network {
        url: url.to_owned(),
        reason,
    };
    let location = location
        .ok_or_else(|| network(format!("redirect ({status}) without a location")))?
        .to_str()
        .map_err(|_| network("a redirect to a location that is not text".to_owned()))?;
    let mut next = url::Url::parse(at)
        .and_then(|base| base.join(location))
        .map_err(|e| network(format!("a redirect to a bad address: {e}")))?;
    if !matches!(next.scheme(), "http" | "https") {
        return Err(FetchError::RedirectRefused {
            url: url.to_owned(),
            scheme: next.scheme().to_owned(),
        });
    }
    next.set_fragment(None);
    Ok(next.into())
}

/// Why a body could not be read whole.
enum BodyError {
    TooLarge,
    Read(io::Error),
}

/// The body, chunk by chunk, refused as soon as it is longer than allowed.
fn read_body(
    body: ureq::Body,
    options: &Options,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, BodyError> {
    // The declared length, when there is one and it is the decoded length (not gzip).
    let declared = body.content_length();
    if declared.is_some_and(|n| n > options.max_bytes) {
        return Err(BodyError::TooLarge);
    }
    let mut reader = body.into_reader();
    let capacity = declared.unwrap_or(0).min(options.max_bytes).min(1 << 24);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    let mut chunk = vec![0; CHUNK];
    loop {
        // One byte more than allowed is enough to know the body is too large.
        let room = (options.max_bytes + 1).saturating_sub(bytes.len() as u64);
        let want = usize::try_from(room).map_or(CHUNK, |room| room.min(CHUNK));
        let n = match reader.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(BodyError::Read(e)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > options.max_bytes {
            return Err(BodyError::TooLarge);
        }
        progress(bytes.len() as u64);
    }
    Ok(bytes)
}

fn valid_header(value: &str) -> bool {
    HeaderValue::from_str(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::fetch;

    #[test]
    fn only_absolute_web_addresses_are_fetched() {
        assert_eq!(
            normalize("HTTPS://Example.com/feed#top"),
            Ok("https://example.com/feed".to_owned())
        );
        let err = normalize("ftp://x").expect_err("not http");
        assert_eq!(
            err,
            FetchError::Scheme {
                url: "ftp://x".into()
            }
        );
        let err = normalize("feed.xml").expect_err("relative");
        assert!(
            err.to_string().starts_with("feed.xml: not a web address: "),
            "{err}"
        );
        // Offline, the scheme is checked before the cache.
        let options = Options {
            offline: true,
            ..Options::default()
        };
        let err = fetch("file:///etc/passwd", &options, &mut |_| {}).expect_err("refused");
        assert!(matches!(err, FetchError::Scheme { .. }));
    }
}

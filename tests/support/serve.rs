//! A tiny HTTP/1.1 server on 127.0.0.1 for tests.
//!
//! A test starts its own [`Server`] with the [`Route`]s it needs; the server answers on a
//! background thread (one more thread per connection), logs every request, and stops when
//! dropped. It understands just enough HTTP: the request line and headers of one request per
//! connection (any request body is ignored), and every answer ends with `Connection: close`.
//! An unknown path is a 404.
//!
//! ```ignore
//! let server = Server::start(vec![
//!     Route::new("/feed.xml", Reply::ok("application/rss+xml", FEED).etag("\"v1\"").gzip()),
//!     Route::new("/old", Reply::redirect(301, "/feed.xml")),
//! ]);
//! fetch(&server.url("/old"), ...);
//! assert_eq!(server.requests()[1].header("if-none-match"), None);
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a connection may sit without sending its request.
const IDLE: Duration = Duration::from_secs(10);

/// A path and how to answer it.
#[derive(Clone, Debug)]
pub struct Route {
    /// The request target, e.g. `/feed.xml` (matched with its query string first, then
    /// without).
    pub path: String,
    pub reply: Reply,
}

impl Route {
    pub fn new(path: &str, reply: Reply) -> Route {
        Route {
            path: path.to_owned(),
            reply,
        }
    }
}

/// How the server answers a route.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete response; see [`Page`] and the builder methods on `Reply`.
    Page(Page),
    /// A redirect (`status` 301, 302, 303, 307 or 308) to `location`, relative or absolute.
    Redirect { status: u16, location: String },
    /// A 200 whose headers wait `before_headers` and whose body then waits `before_body`.
    Slow {
        before_headers: Duration,
        before_body: Duration,
        body: Vec<u8>,
    },
    /// A 200 of `bytes` filler bytes (`x`), with a `Content-Length` or chunked. Written a
    /// piece at a time, so it can be much larger than memory would like.
    Huge { bytes: u64, with_length: bool },
    /// Close the connection without answering.
    Close,
    /// Read the request, then send nothing and keep the connection open until the server is
    /// dropped: a server that hangs for longer than any test waits.
    Hang,
}

/// A complete response, with the conditional and encoding behaviour of a real server.
#[derive(Clone, Debug)]
pub struct Page {
    pub status: u16,
    /// Extra headers, written as given.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Sent as `ETag`; a request whose `If-None-Match` lists it (or `*`) gets a 304.
    pub etag: Option<String>,
    /// Sent as `Last-Modified`; a request whose `If-Modified-Since` is exactly this string
    /// (and that has no `If-None-Match`) gets a 304.
    pub last_modified: Option<String>,
    /// Gzip the body (`Content-Encoding: gzip`) when the request accepts gzip.
    pub gzip: bool,
    /// Send the body chunked, without a `Content-Length`.
    pub chunked: bool,
}

impl Reply {
    /// A 200 with this content type and body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200, body).header("Content-Type", content_type)
    }

    /// A response with any status and a body (no content type).
    pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Page(Page {
            status,
            headers: Vec::new(),
            body: body.into(),
            etag: None,
            last_modified: None,
            gzip: false,
            chunked: false,
        })
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::Redirect {
            status,
            location: location.to_owned(),
        }
    }

    /// Adds a header to a [`Reply::Page`].
    pub fn header(self, name: &str, value: &str) -> Reply {
        self.page(|p| p.headers.push((name.to_owned(), value.to_owned())))
    }

    /// Sets the `ETag` of a [`Reply::Page`] (quotes included, e.g. `"\"v1\""`).
    pub fn etag(self, etag: &str) -> Reply {
        self.page(|p| p.etag = Some(etag.to_owned()))
    }

    /// Sets the `Last-Modified` of a [`Reply::Page`].
    pub fn last_modified(self, date: &str) -> Reply {
        self.page(|p| p.last_modified = Some(date.to_owned()))
    }

    /// Gzips a [`Reply::Page`] for requests that accept it.
    pub fn gzip(self) -> Reply {
        self.page(|p| p.gzip = true)
    }

    /// Sends a [`Reply::Page`] chunked.
    pub fn chunked(self) -> Reply {
        self.page(|p| p.chunked = true)
    }

    /// Changes the status of a [`Reply::Page`].
    pub fn with_status(self, status: u16) -> Reply {
        self.page(|p| p.status = status)
    }

    fn page(mut self, change: impl FnOnce(&mut Page)) -> Reply {
        match &mut self {
            Reply::Page(page) => change(page),
            other => panic!("only a Reply::Page has this option, not {other:?}"),
        }
        self
    }
}

/// A request the server received, and how it answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent, e.g. `/feed.xml?x=1`.
    pub path: String,
    /// Header names in lower case, values trimmed, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The status answered; `None` for [`Reply::Close`], [`Reply::Hang`] or a request that
    /// could not be read.
    pub status: Option<u16>,
}

impl Request {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The shared state of a server and its connection threads.
struct Shared {
    routes: Mutex<Vec<Route>>,
    log: Mutex<Vec<Request>>,
    stop: AtomicBool,
    /// Set (and announced) when the server is dropped: what hanging connections wait for.
    stopped: (Mutex<bool>, Condvar),
}

/// A server on 127.0.0.1 that answers until dropped.
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds a free port on 127.0.0.1 and serves `routes` on a background thread.
    pub fn start(routes: Vec<Route>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
        let addr = listener.local_addr().expect("the bound address");
        let shared = Arc::new(Shared {
            routes: Mutex::new(routes),
            log: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            stopped: (Mutex::new(false), Condvar::new()),
        });
        let state = Arc::clone(&shared);
        let accept = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if state.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&state);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Server {
            addr,
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        let slash = if path.starts_with('/') { "" } else { "/" };
        format!("http://{}{slash}{path}", self.addr)
    }

    /// Every request so far, in the order they were answered (logged before the answer is
    /// written, so a client that has its answer finds its request here).
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.log).clone()
    }

    /// The requests for `path` so far.
    pub fn requests_for(&self, path: &str) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// Adds a route, or replaces the one with the same path (to change a feed between
    /// fetches).
    pub fn set(&self, route: Route) {
        let mut routes = lock(&self.shared.routes);
        routes.retain(|r| r.path != route.path);
        routes.push(route);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let (stopped, announce) = &self.shared.stopped;
        *lock(stopped) = true;
        announce.notify_all();
        // Wake the accepting thread so it sees the flag. Connection threads finish on their own.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

/// A server answering `path` with `reply`, and the address of `path` on it.
pub fn serve_one(path: &str, reply: Reply) -> (Server, String) {
    let server = Server::start(vec![Route::new(path, reply)]);
    let url = server.url(path);
    (server, url)
}

/// A lock that a panicking test thread did not spoil for the others.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Answers the one request on `stream`. Write errors (the client went away) end it quietly.
fn serve(stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    // A request begins with a method in capitals; anything else (a TLS hello, say) is not
    // HTTP and gets a plain-text refusal at once, as real servers do.
    let http = matches!(reader.fill_buf(), Ok([first, ..]) if first.is_ascii_uppercase());
    let request = if http {
        read_request(&mut reader)
    } else {
        None
    };
    let Some(request) = request else {
        let _ = (&stream).write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    };
    let reply = {
        let routes = lock(&shared.routes);
        let path_only = request.path.split('?').next().unwrap_or_default();
        routes
            .iter()
            .find(|r| r.path == request.path)
            .or_else(|| routes.iter().find(|r| r.path == path_only))
            .map(|r| r.reply.clone())
    };
    let reply = reply.unwrap_or_else(|| Reply::ok("text/plain", "not found").with_status(404));
    let _ = answer(&stream, request, &reply, shared);
    let _ = (&stream).flush();
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read everything before the socket closes (a close with unread input
    // would reset the connection).
    let mut rest = [0; 1024];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    while matches!(reader.read(&mut rest), Ok(n) if n > 0) {}
}

/// The request line and headers, or `None` if the connection did not send HTTP.
fn read_request(reader: &mut impl BufRead) -> Option<Request> {
    let mut line = String::new();
    let mut limit = reader.take(64 * 1024);
    limit.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let (method, path, version) = (words.next()?, words.next()?, words.next()?);
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut request = Request {
        method: method.to_owned(),
        path: path.to_owned(),
        headers: Vec::new(),
        status: None,
    };
    loop {
        line.clear();
        if limit.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Some(request);
        }
        let (name, value) = line.split_once(':')?;
        request
            .headers
            .push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

/// Logs `request` with the status about to be sent, then writes the reply.
fn answer(
    mut stream: &TcpStream,
    mut request: Request,
    reply: &Reply,
    shared: &Shared,
) -> std::io::Result<()> {
    let log = |request: &mut Request, status: Option<u16>| {
        request.status = status;
        lock(&shared.log).push(request.clone());
    };
    match reply {
        Reply::Close => {
            log(&mut request, None);
            Ok(())
        }
        Reply::Hang => {
            log(&mut request, None);
            let (stopped, announce) = &shared.stopped;
            let mut done = lock(stopped);
            while !*done {
                done = announce
                    .wait(done)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            Ok(())
        }
        Reply::Redirect { status, location } => {
            log(&mut request, Some(*status));
            let head = head(*status, &[("Location", location), ("Content-Length", "0")]);
            stream.write_all(head.as_bytes())
        }
        Reply::Slow {
            before_headers,
            before_body,
            body,
        } => {
            log(&mut request, Some(200));
            std::thread::sleep(*before_headers);
            let length = body.len().to_string();
            stream.write_all(head(200, &[("Content-Length", &length)]).as_bytes())?;
            stream.flush()?;
            std::thread::sleep(*before_body);
            stream.write_all(body)
        }
        Reply::Huge { bytes, with_length } => {
            log(&mut request, Some(200));
            let length = bytes.to_string();
            let headers: &[(&str, &str)] = if *with_length {
                &[("Content-Length", &length)]
            } else {
                &[("Transfer-Encoding", "chunked")]
            };
            stream.write_all(head(200, headers).as_bytes())?;
            let piece = vec![b'x'; 64 * 1024];
            let mut left = *bytes;
            while left > 0 {
                let n = usize::try_from(left).map_or(piece.len(), |l| l.min(piece.len()));
                if *with_length {
                    stream.write_all(&piece[..n])?;
                } else {
                    write_chunk(stream, &piece[..n])?;
                }
                left -= n as u64;
            }
            if !*with_length {
                stream.write_all(b"0\r\n\r\n")?;
            }
            Ok(())
        }
        Reply::Page(page) => {
            let mut headers: Vec<(&str, &str)> = page
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            if let Some(etag) = &page.etag {
                headers.push(("ETag", etag));
            }
            if let Some(date) = &page.last_modified {
                headers.push(("Last-Modified", date));
            }
            if not_modified(page, &request) {
                log(&mut request, Some(304));
                headers.retain(|(n, _)| matches!(*n, "ETag" | "Last-Modified"));
                return stream.write_all(head(304, &headers).as_bytes());
            }
            log(&mut request, Some(page.status));
            let accepts_gzip = request
                .header("accept-encoding")
                .is_some_and(|v| v.split(',').any(|c| c.trim().starts_with("gzip")));
            let body = if page.gzip && accepts_gzip {
                headers.push(("Content-Encoding", "gzip"));
                gzip(&page.body)
            } else {
                page.body.clone()
            };
            let length = body.len().to_string();
            if page.chunked {
                headers.push(("Transfer-Encoding", "chunked"));
                stream.write_all(head(page.status, &headers).as_bytes())?;
                // Several chunks, so the client really has to put them together.
                for piece in body.chunks(1000) {
                    write_chunk(stream, piece)?;
                }
                stream.write_all(b"0\r\n\r\n")
            } else {
                headers.push(("Content-Length", &length));
                stream.write_all(head(page.status, &headers).as_bytes())?;
                stream.write_all(&body)
            }
        }
    }
}

/// Whether `request`'s conditions match `page`: `If-None-Match` wins over
/// `If-Modified-Since`, as RFC 9110 says.
fn not_modified(page: &Page, request: &Request) -> bool {
    if let Some(tags) = request.header("if-none-match") {
        return page.etag.as_deref().is_some_and(|etag| {
            tags.split(',')
                .map(str::trim)
                .any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
        });
    }
    match (request.header("if-modified-since"), &page.last_modified) {
        (Some(since), Some(modified)) => since == modified,
        _ => false,
    }
}

fn head(status: u16, headers: &[(&str, &str)]) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    head
}

fn write_chunk(mut stream: &TcpStream, piece: &[u8]) -> std::io::Result<()> {
    stream.write_all(format!("{:x}\r\n", piece.len()).as_bytes())?;
    stream.write_all(piece)?;
    stream.write_all(b"\r\n")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

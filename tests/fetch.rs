//! Fetching over HTTP against the local test server.

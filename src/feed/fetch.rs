//! Fetching feeds over HTTP(S), with an on-disk cache for conditional requests.

//! All integration tests, built into one test binary.

/// Article extraction on a corpus of real pages, against Readability's.
mod articles;
/// Bytes per key press within the SSH budgets; optimized frames equal full renders.
mod bytes;
/// The command line through the real binary: --render, --check, errors and exit codes.
mod cli;
/// The terminal's cursor on the selection (the `cursor` setting) in a pseudo-terminal.
mod cursor;
/// The README's frame and key table match the program.
mod docs;
/// `--doctor` in a pty that answers or not, without a terminal, and inside a real tmux.
mod doctor;
/// Every way out (q, signals, hang-up, suspend) restores the terminal.
mod exits;
/// The fast load path against the plain full parse.
mod fastpath;
/// RSS, Atom and JSON Feed from files and pipes: the corpus, encodings, merging, convert.
mod feeds;
/// Fetching feeds over HTTP from a server on 127.0.0.1: cache, redirects, gzip, limits.
mod fetch;
/// The feed list's folders and saved queries, as frames.
mod folders;
/// Whole frames at several sizes and after key sequences, as insta snapshots.
mod formats;
mod frames;
/// The hostile corpus: clean refusals, exact frames, no escape sequence reaching the terminal.
mod hostile;
/// HTML in feeds as the reader shows it: code, nested lists, tables.
mod html;
/// The library: refresh keeps every story and mark, failures, two readers, damage.
mod library;
/// The bundle contract, one test per rule.
mod loader;
/// Web pages opened as stories with their related stories; `convert` of pages.
mod pages;
/// `--plain`: the headlines and stories as text for screen readers, pagers and pipes.
mod plain;
/// Optimized frames replayed in a terminal emulator equal full redraws.
mod present;
/// Any size, any keys: exact frames, no panic.
mod props;
/// The real binary in a pseudo-terminal: keys in, clean exit out.
mod pty;
/// Two readers of one bundle sharing its state file.
mod readers;
/// What a new reader meets first: going back, search, marks, lists of several feeds.
mod reading;
/// Related stories worked out from the words, against a labelled set.
mod related;
/// `r` on a worker thread: keys, quitting and signals while a source hangs.
mod reload;
/// Several sources fetched together within one deadline, merged in the order given.
mod sources;
/// Read state and stars: kept across sessions, signals and SIGKILL.
mod state;
/// Subscriptions: add (feeds and pages naming them), remove, import, export, --check.
mod subs;
/// Helpers the tests share: temporary directories, the binary, a pty, frames, a server.
mod support;
/// Every state visible without colour (`NO_COLOR`); the high-contrast theme's frames.
mod themes;
/// newsterm inside a real tmux with its default settings: copying, and bytes per key.
mod tmux;

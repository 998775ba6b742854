//! newsterm: a terminal news reader.
//!
//! Data flows one way: `bundle` loads and validates a file into a model; `app` holds the
//! reader's state and changes it only in `App::update(Action)`; `ui` draws `&App` into a
//! buffer. `keys` maps key presses to actions for both the terminal loop (`tui`) and the
//! headless `--render` mode (`headless`). `text` is where untrusted text is made safe and
//! measured; `document` lays a story out for the reader; `layout` is the screen geometry.
//! See `docs/architecture.md`.

pub mod action;
pub mod app;
pub mod article;
pub mod atomic;
pub mod bundle;
pub mod cli;
pub mod config;
pub mod doctor;
pub mod document;
pub mod feed;
pub mod fetch;
pub mod frame;
pub mod headless;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod library;
pub mod limits;
pub mod painter;
pub mod plain;
pub mod present;
pub mod query;
pub mod refresh;
pub mod related;
#[cfg(test)]
mod scratch;
pub mod search;
pub mod state;
pub mod subs;
pub mod testing;
pub mod text;
pub mod tui;
pub mod ui;

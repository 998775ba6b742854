//! Frames for Rust test suites: a [`Session`] is the reader as a person at a terminal of a
//! given size would have it, driven by keys, and every [`Frame`] it gives is the one
//! `newsterm --render` prints, cell for cell.
//!
//! ```
//! use newsterm::testing::Session;
//!
//! let mut session = Session::sample(80, 24);
//! session.press("j j");
//! let frame = session.frame();
//! assert!(frame.to_string().contains("Headlines 3/8"));
//! // The frame is plain text for insta (kept with this crate's other frame snapshots), with
//! // its styles and cursor at hand.
//! let mut settings = insta::Settings::clone_current();
//! settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"));
//! settings.set_prepend_module_to_snapshot(false);
//! settings.bind(|| insta::assert_snapshot!("sample_third_headline_80x24", frame));
//! let cursor = frame.cursor().expect("a cursor");
//! assert_eq!(frame.style(cursor.x + 2, cursor.y).and_then(|s| s.bg),
//!            Some(ratatui::style::Color::Cyan));
//! ```

use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::AppEvent;
use crate::app::App;
use crate::bundle::{self, Bundle};
use crate::keys::{Step, UnknownKey, parse_tokens};
use crate::painter::{Mark, Painter};
use crate::ui::Theme;

pub use crate::frame::{Cursor, Format, Frame, Region, Run};

/// The reader at a terminal of a given size, with no terminal: keys in, frames out.
#[derive(Debug)]
pub struct Session {
    app: App,
    theme: Theme,
    cursor: bool,
    /// What the keys since the last frame were, as they were named.
    pressed: Vec<String>,
    /// The bytes a live terminal would have been sent, when they are counted.
    painter: Option<Counted>,
}

#[derive(Debug)]
struct Counted {
    painter: Painter,
    mark: Option<Mark>,
    bytes: Vec<u8>,
    last: usize,
}

impl Session {
    /// `bundle` read at `cols` x `rows`.
    pub fn new(bundle: Bundle, cols: u16, rows: u16) -> Session {
        Session::of(App::new(bundle, cols, rows))
    }

    /// A session of an app set up by the caller (its marks, feeds, queries).
    pub fn of(app: App) -> Session {
        Session {
            app,
            theme: Theme::COLOR,
            cursor: false,
            pressed: Vec::new(),
            painter: None,
        }
    }

    /// The built-in sample at `cols` x `rows`.
    ///
    /// # Panics
    /// If the sample compiled into newsterm does not load (it is tested not to).
    pub fn sample(cols: u16, rows: u16) -> Session {
        match bundle::sample() {
            Ok(bundle) => Session::new(bundle, cols, rows),
            Err(e) => panic!("the built-in sample does not load: {e}"),
        }
    }

    /// A bundle or feed file (the format told from its content) at `cols` x `rows`.
    pub fn open(path: impl AsRef<Path>, cols: u16, rows: u16) -> bundle::Result<Session> {
        let source = path.as_ref().to_string_lossy().into_owned();
        let options = crate::fetch::Options {
            offline: true,
            ..crate::fetch::Options::default()
        };
        let bundle = crate::feed::open(&source, &options, &mut |_| {})?;
        Ok(Session::new(bundle, cols, rows))
    }

    /// Frames drawn with `theme` rather than the default dark one.
    pub fn with_theme(mut self, theme: Theme) -> Session {
        self.theme = theme;
        self
    }

    /// Frames say the terminal shows its cursor (the `cursor` setting).
    pub fn with_cursor(mut self, shown: bool) -> Session {
        self.cursor = shown;
        self
    }

    /// Counts the bytes the live presenter would send for each frame (see [`Frame::bytes`]
    /// and [`Session::bytes`]); call after [`Session::with_cursor`].
    pub fn counting_bytes(mut self) -> Session {
        // The bytes are those of the terminal loop, the cursor's moves included when shown.
        let painter = if self.cursor {
            Painter::new().with_cursor()
        } else {
            Painter::new()
        };
        self.painter = Some(Counted {
            painter,
            mark: None,
            bytes: Vec::new(),
            last: 0,
        });
        self
    }

    /// Runs a `--keys` script (keys, quoted text, `wait`, `resize:COLSxROWS`; a `|` is
    /// ignored here, see [`Session::run`]).
    ///
    /// # Panics
    /// On a key name newsterm does not know, as a test should.
    pub fn press(&mut self, keys: &str) -> &mut Session {
        if let Err(e) = self.try_press(keys) {
            panic!("{e}");
        }
        self
    }

    /// [`Session::press`], with a key name it does not know as an error.
    pub fn try_press(&mut self, keys: &str) -> Result<&mut Session, UnknownKey> {
        for token in parse_tokens(keys)? {
            if token.steps != [Step::Frame] {
                self.pressed.push(token.text);
            }
            for step in token.steps {
                self.step(step);
            }
        }
        Ok(self)
    }

    /// Types `text`, each character a key.
    pub fn type_text(&mut self, text: &str) -> &mut Session {
        for c in text.chars() {
            self.pressed.push(format!("{:?}", c.to_string()));
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        self
    }

    /// The terminal now has `cols` columns and `rows` rows, as when a window is resized.
    pub fn resize(&mut self, cols: u16, rows: u16) -> &mut Session {
        self.pressed.push(format!("resize:{cols}x{rows}"));
        self.step(Step::Resize(cols, rows));
        self
    }

    /// Lets the work done between keys finish (a long story's layout, the search, related
    /// lists), as it does while a person reads.
    pub fn wait(&mut self) -> &mut Session {
        self.step(Step::Wait);
        self
    }

    /// Whether a key has quit the reader (later keys are ignored).
    pub fn quit(&self) -> bool {
        !self.app.running()
    }

    /// The app, to look at its state.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The frame now, after the work between keys is done (as a person sees it once the
    /// screen settles).
    pub fn frame(&mut self) -> Frame {
        self.step(Step::Wait);
        let keys = std::mem::take(&mut self.pressed).join(" ");
        let frame = Frame::of(&self.app, &self.theme, &keys, self.cursor);
        match self.painter.as_mut() {
            Some(counted) => {
                let sent = counted.paint(&self.app, &self.theme);
                frame.with_bytes(sent)
            }
            None => frame,
        }
    }

    /// Runs a script, taking a frame at each `|` and at its end (and, when `every` is set,
    /// after every word of it: a key, a quoted text, a resize).
    pub fn run(&mut self, script: &str, every: bool) -> Result<Vec<Frame>, UnknownKey> {
        let tokens = parse_tokens(script)?;
        let mut frames = Vec::new();
        let mut taken = false;
        for token in tokens {
            if token.steps == [Step::Frame] {
                // With a frame after every word, the frame here is already taken.
                if !taken || frames.is_empty() {
                    frames.push(self.frame());
                }
                taken = true;
                continue;
            }
            let waits = token.steps == [Step::Wait];
            self.pressed.push(token.text);
            for step in token.steps {
                self.step(step);
            }
            taken = false;
            if every && !waits {
                frames.push(self.frame());
                taken = true;
            }
        }
        // The frame at the end, unless the script ended by taking one.
        if !taken {
            frames.push(self.frame());
        }
        Ok(frames)
    }

    /// Every byte the frames so far would have sent a live terminal, when counted.
    pub fn bytes(&self) -> &[u8] {
        self.painter.as_ref().map_or(&[], |c| c.bytes.as_slice())
    }

    fn step(&mut self, step: Step) {
        match step {
            Step::Key(key) => self.key(key),
            Step::Resize(cols, rows) => {
                self.app.update(AppEvent::Resize(cols, rows));
                // A live terminal repaints everything after a resize.
                if let Some(counted) = self.painter.as_mut() {
                    counted.painter.invalidate();
                }
            }
            Step::Wait => {
                while self.app.busy() {
                    self.app.update(AppEvent::Idle);
                }
            }
            Step::Frame => {}
        }
    }

    fn key(&mut self, key: KeyEvent) {
        if !self.app.running() {
            return;
        }
        if let Some(action) = self.app.keymap().action_in(self.app.typing(), key) {
            self.app.update(action);
        }
    }
}

impl Counted {
    /// Paints the app, keeping its bytes; returns how many this frame sent.
    fn paint(&mut self, app: &App, theme: &Theme) -> usize {
        let sent = self.painter.paint(app, theme, self.mark.as_ref());
        self.bytes.extend_from_slice(sent);
        let n = self.bytes.len() - self.last;
        self.last = self.bytes.len();
        self.mark = Some(Mark::of(app));
        n
    }
}

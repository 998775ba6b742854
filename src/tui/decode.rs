//! Bytes from the terminal into key presses: UTF-8 characters, control keys, and the escape
//! sequences of xterm, tmux, screen and the Linux console (CSI and SS3 cursor and editing
//! keys, with modifiers). Sequences newsterm has no use for (function keys, mouse and focus
//! reports, pasted text) are consumed whole and dropped, so their bytes never turn into
//! keys: a paste of "qqq" must not quit.
//!
//! The terminal loop feeds whatever `read` returned; a sequence split across reads waits for
//! its end. A lone ESC is the Esc key only once no byte follows it for a moment (the loop
//! calls [`Decoder::flush`]), since it also starts every sequence.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Longest escape sequence kept waiting for its end; anything longer is dropped.
const MAX_SEQUENCE: usize = 64;

/// Largest paste kept waiting for its end marker.
const MAX_PASTE: usize = 1 << 16;

/// What the bytes at the front of the buffer are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parse {
    /// A key, and how many bytes it took.
    Key(KeyEvent, usize),
    /// Bytes to drop.
    Skip(usize),
    /// Pasted text (bracketed paste) from and to these bytes of the buffer, and the bytes
    /// it took.
    Paste(usize, usize, usize),
    /// A mouse report, and the bytes it took.
    Mouse(Mouse, usize),
    /// A paste longer than [`MAX_PASTE`]: dropped, and what follows it up to its end marker.
    PasteOverflow,
    /// The start of something whose end has not arrived.
    Incomplete,
}

/// A key, text pasted (the terminal marks a paste when bracketed paste is on), or the mouse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    Key(KeyEvent),
    Paste(String),
    Mouse(Mouse),
}

/// What the mouse did, at a 0-based column and row (SGR reports, mode 1006).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub what: MouseDid,
    pub col: u16,
    pub row: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseDid {
    /// The left button went down.
    Press,
    WheelUp,
    WheelDown,
}

/// Turns terminal input into keys.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Inside a paste too long to keep: bytes are dropped up to its end marker, so none of
    /// the pasted text turns into keys.
    discarding: bool,
}

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

impl Decoder {
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole key, if one has arrived (pastes skipped).
    #[cfg(test)]
    pub fn next_key(&mut self) -> Option<KeyEvent> {
        match self.next()? {
            Decoded::Key(key) => Some(key),
            Decoded::Paste(_) | Decoded::Mouse(_) => self.next_key(),
        }
    }

    /// The next whole key or paste, if one has arrived.
    pub fn next(&mut self) -> Option<Decoded> {
        loop {
            if self.discarding {
                match memchr::memmem::find(&self.buf, PASTE_END) {
                    Some(at) => {
                        self.buf.drain(..at + PASTE_END.len());
                        self.discarding = false;
                    }
                    None => {
                        // Keep what could be the start of the end marker.
                        let keep = self.buf.len().saturating_sub(PASTE_END.len() - 1);
                        self.buf.drain(..keep);
                        return None;
                    }
                }
            }
            match parse(&self.buf) {
                Parse::Key(key, used) => {
                    self.buf.drain(..used);
                    return Some(Decoded::Key(key));
                }
                Parse::Mouse(mouse, used) => {
                    self.buf.drain(..used);
                    return Some(Decoded::Mouse(mouse));
                }
                Parse::Paste(from, to, used) => {
                    let pasted = String::from_utf8_lossy(&self.buf[from..to]).into_owned();
                    self.buf.drain(..used);
                    return Some(Decoded::Paste(pasted));
                }
                Parse::Skip(used) => {
                    self.buf.drain(..used);
                }
                Parse::PasteOverflow => {
                    self.buf.clear();
                    self.discarding = true;
                }
                Parse::Incomplete => return None,
            }
        }
    }

    /// Whether a whole key, paste or mouse report has arrived ([`Decoder::next`] would return
    /// one), without taking it.
    pub fn has_event(&self) -> bool {
        let mut rest = self.buf.as_slice();
        if self.discarding {
            match memchr::memmem::find(rest, PASTE_END) {
                Some(at) => rest = &rest[at + PASTE_END.len()..],
                None => return false,
            }
        }
        loop {
            match parse(rest) {
                Parse::Key(..) | Parse::Mouse(..) | Parse::Paste(..) => return true,
                Parse::Skip(used) => rest = &rest[used.min(rest.len())..],
                Parse::Incomplete | Parse::PasteOverflow => return false,
            }
        }
    }

    /// Whether the start of a sequence (or a lone ESC) waits for more bytes. A paste under
    /// way is not waiting: its end comes when it comes, and never as keys.
    pub fn waiting(&self) -> bool {
        !self.buf.is_empty() && !self.discarding && !self.buf.starts_with(PASTE_START)
    }

    /// No more bytes came: a lone ESC is the Esc key, ESC and a character is Alt and that
    /// character, and the start of anything else is dropped.
    pub fn flush(&mut self) -> Option<KeyEvent> {
        if self.discarding || self.buf.starts_with(PASTE_START) {
            return None;
        }
        let key = match self.buf.as_slice() {
            [0x1b] => Some(plain(KeyCode::Esc)),
            [0x1b, rest @ ..] => match parse(rest) {
                Parse::Key(key, used) if used == rest.len() => Some(alt(key)),
                _ => None,
            },
            _ => None,
        };
        self.buf.clear();
        key
    }
}

fn plain(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn alt(mut key: KeyEvent) -> KeyEvent {
    key.modifiers |= KeyModifiers::ALT;
    key
}

fn parse(b: &[u8]) -> Parse {
    let Some(&first) = b.first() else {
        return Parse::Incomplete;
    };
    match first {
        0x1b => escape(b),
        b'\r' | b'\n' => Parse::Key(plain(KeyCode::Enter), 1),
        b'\t' => Parse::Key(plain(KeyCode::Tab), 1),
        0x7f | 0x08 => Parse::Key(plain(KeyCode::Backspace), 1),
        0x00 => Parse::Key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        0x01..=0x1a => Parse::Key(
            KeyEvent::new(
                KeyCode::Char(char::from(b'a' + first - 1)),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        0x1c..=0x1f => Parse::Key(
            KeyEvent::new(
                KeyCode::Char(char::from(b'4' + first - 0x1c)),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        _ => utf8(b),
    }
}

/// One UTF-8 character; a byte that cannot start or continue one is dropped.
fn utf8(b: &[u8]) -> Parse {
    let len = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Parse::Skip(1),
    };
    let Some(bytes) = b.get(..len) else {
        // Wait for the rest, unless what is there already cannot continue a character.
        return if b[1..].iter().all(|&c| c & 0xc0 == 0x80) {
            Parse::Incomplete
        } else {
            Parse::Skip(1)
        };
    };
    match std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Parse::Key(plain(KeyCode::Char(c)), len),
        None => Parse::Skip(1),
    }
}

fn escape(b: &[u8]) -> Parse {
    match b.get(1) {
        None => Parse::Incomplete,
        Some(b'[') => csi(b),
        Some(b'O') => match b.get(2) {
            None => Parse::Incomplete,
            Some(&c) => match cursor_key(c) {
                Some(code) => Parse::Key(plain(code), 3),
                // Keypad keys: nothing newsterm uses.
                None => Parse::Skip(3),
            },
        },
        // ESC ESC: the first is Esc (some terminals send Alt-Esc this way).
        Some(0x1b) => Parse::Key(plain(KeyCode::Esc), 1),
        Some(_) => match parse(&b[1..]) {
            Parse::Key(key, used) => Parse::Key(alt(key), used + 1),
            Parse::Skip(_) => Parse::Skip(1),
            // ESC and then a paste or a report: the ESC is a key of its own.
            Parse::Paste(..) | Parse::Mouse(..) | Parse::PasteOverflow => {
                Parse::Key(plain(KeyCode::Esc), 1)
            }
            Parse::Incomplete => Parse::Incomplete,
        },
    }
}

/// The final byte of a cursor or F1-F4 key in CSI or SS3 form.
fn cursor_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        // F1-F4 (`ESC O P`, or `ESC [ 1 ; 5 P` with modifiers).
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// F5-F12 as xterm numbers them in `ESC [ n ~` (F1-F4 too, as some terminals send them);
/// the gaps (16, 22) are where the VT220 had keys no longer made.
fn function_key(n: u16) -> Option<KeyCode> {
    let f = match n {
        11..=15 => n - 10,
        17..=21 => n - 11,
        23..=24 => n - 12,
        _ => return None,
    };
    u8::try_from(f).ok().map(KeyCode::F)
}

/// `ESC [` parameters, intermediates, final byte.
fn csi(b: &[u8]) -> Parse {
    if b.starts_with(PASTE_START) {
        // Pasted text is not keys: it comes whole, for the search line (a word from an
        // input method, a name copied from elsewhere) or to be ignored.
        return match memchr::memmem::find(&b[PASTE_START.len()..], PASTE_END) {
            Some(at) => Parse::Paste(
                PASTE_START.len(),
                PASTE_START.len() + at,
                PASTE_START.len() + at + PASTE_END.len(),
            ),
            None if b.len() > MAX_PASTE => Parse::PasteOverflow,
            None => Parse::Incomplete,
        };
    }
    if b.get(2) == Some(&b'M') {
        // An X10 mouse report: three raw bytes follow.
        return if b.len() >= 6 {
            Parse::Skip(6)
        } else {
            Parse::Incomplete
        };
    }
    let mut end = 2;
    loop {
        match b.get(end) {
            None if end >= MAX_SEQUENCE => return Parse::Skip(end),
            None => return Parse::Incomplete,
            Some(0x20..=0x3f) => end += 1,
            Some(0x40..=0x7e) => break,
            // Not part of a sequence: drop what came so far, read the rest as keys.
            Some(_) => return Parse::Skip(end),
        }
    }
    let used = end + 1;
    let params = &b[2..end];
    let numbers = numbers_of(params);
    let modifiers = modifiers(numbers.get(1).copied().unwrap_or(1));
    let code = match b[end] {
        b'~' => match numbers.first() {
            Some(1 | 7) => KeyCode::Home,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(&n) => match function_key(n) {
                Some(code) => code,
                None => return Parse::Skip(used),
            },
            None => return Parse::Skip(used),
        },
        b'Z' => return Parse::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), used),
        b'M' | b'm' if params.starts_with(b"<") => {
            return match mouse(&numbers_of(&params[1..]), b[end] == b'M') {
                Some(m) => Parse::Mouse(m, used),
                None => Parse::Skip(used),
            };
        }
        // Other private sequences (`ESC [ ? …`) are answers and reports, not keys.
        c if !params.starts_with(b"?") && !params.starts_with(b"<") => match cursor_key(c) {
            Some(code) => code,
            None => return Parse::Skip(used),
        },
        _ => return Parse::Skip(used),
    };
    Parse::Key(KeyEvent::new(code, modifiers), used)
}

/// The `;`-separated numbers of a parameter string (0 for an empty or odd one).
fn numbers_of(params: &[u8]) -> Vec<u16> {
    params
        .split(|&c| c == b';')
        .map(|p| {
            std::str::from_utf8(p)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0)
        })
        .collect()
}

/// An SGR mouse report: button code, column and row (1-based), pressed or released. Only
/// what newsterm answers: the left button going down and the wheel.
fn mouse(n: &[u16], pressed: bool) -> Option<Mouse> {
    let (&code, &col, &row) = (n.first()?, n.get(1)?, n.get(2)?);
    // Bits 2-4 are Shift, Meta, Ctrl; bit 5 motion. Motion is not asked for.
    let what = match code & !0b11100 {
        0 if pressed => MouseDid::Press,
        64 => MouseDid::WheelUp,
        65 => MouseDid::WheelDown,
        _ => return None,
    };
    Some(Mouse {
        what,
        col: col.checked_sub(1)?,
        row: row.checked_sub(1)?,
    })
}

/// xterm's modifier parameter: 1 + a bit each for Shift, Alt and Ctrl.
fn modifiers(param: u16) -> KeyModifiers {
    let bits = param.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    if bits & 1 != 0 {
        m |= KeyModifiers::SHIFT;
    }
    if bits & 2 != 0 {
        m |= KeyModifiers::ALT;
    }
    if bits & 4 != 0 {
        m |= KeyModifiers::CONTROL;
    }
    m
}

#[cfg(test)]
mod tests;

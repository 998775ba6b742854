//! The decoder's tests: keys of every terminal, pastes, reports, split and broken input.

use super::*;
use proptest::prelude::*;

fn keys(bytes: &[u8]) -> Vec<KeyEvent> {
    let mut d = Decoder::default();
    d.feed(bytes);
    let mut out: Vec<KeyEvent> = std::iter::from_fn(|| d.next_key()).collect();
    out.extend(d.flush());
    out
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn characters_and_control_keys() {
    assert_eq!(
        keys("jà\r\t\x7f\x03\x1a đ".as_bytes()),
        [
            plain(KeyCode::Char('j')),
            plain(KeyCode::Char('à')),
            plain(KeyCode::Enter),
            plain(KeyCode::Tab),
            plain(KeyCode::Backspace),
            ctrl('c'),
            ctrl('z'),
            plain(KeyCode::Char(' ')),
            plain(KeyCode::Char('đ')),
        ]
    );
}

#[test]
fn cursor_and_editing_keys_of_every_terminal() {
    let cases: &[(&[u8], KeyCode)] = &[
        (b"\x1b[A", KeyCode::Up),
        (b"\x1bOB", KeyCode::Down),
        (b"\x1b[C", KeyCode::Right),
        (b"\x1bOD", KeyCode::Left),
        (b"\x1b[H", KeyCode::Home),
        (b"\x1b[1~", KeyCode::Home),
        (b"\x1b[7~", KeyCode::Home),
        (b"\x1bOF", KeyCode::End),
        (b"\x1b[4~", KeyCode::End),
        (b"\x1b[8~", KeyCode::End),
        (b"\x1b[5~", KeyCode::PageUp),
        (b"\x1b[6~", KeyCode::PageDown),
        (b"\x1b[3~", KeyCode::Delete),
    ];
    for (bytes, code) in cases {
        assert_eq!(keys(bytes), [plain(*code)], "{bytes:?}");
    }
    assert_eq!(
        keys(b"\x1b[1;5A"),
        [KeyEvent::new(KeyCode::Up, KeyModifiers::CONTROL)]
    );
    assert_eq!(
        keys(b"\x1b[Z"),
        [KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)]
    );
}

#[test]
fn esc_alone_alt_and_esc_esc() {
    assert_eq!(keys(b"\x1b"), [plain(KeyCode::Esc)]);
    assert_eq!(keys(b"\x1bq"), [alt(plain(KeyCode::Char('q')))]);
    assert_eq!(
        keys(b"\x1b\x1b[A"),
        [plain(KeyCode::Esc), plain(KeyCode::Up)]
    );
}

#[test]
fn function_keys_insert_delete_and_alt() {
    let cases: &[(&[u8], KeyCode)] = &[
        (b"\x1bOP", KeyCode::F(1)),
        (b"\x1bOS", KeyCode::F(4)),
        (b"\x1b[11~", KeyCode::F(1)),
        (b"\x1b[15~", KeyCode::F(5)),
        (b"\x1b[17~", KeyCode::F(6)),
        (b"\x1b[21~", KeyCode::F(10)),
        (b"\x1b[23~", KeyCode::F(11)),
        (b"\x1b[24~", KeyCode::F(12)),
        (b"\x1b[2~", KeyCode::Insert),
        (b"\x1b[3~", KeyCode::Delete),
    ];
    for (bytes, code) in cases {
        assert_eq!(keys(bytes), [plain(*code)], "{bytes:?}");
    }
    assert_eq!(
        keys(b"\x1b[1;3P"),
        [KeyEvent::new(KeyCode::F(1), KeyModifiers::ALT)]
    );
    assert_eq!(
        keys(b"\x1bx"),
        [KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)]
    );
}

#[test]
fn a_paste_too_long_to_keep_is_dropped_to_its_end_never_keys() {
    let mut d = Decoder::default();
    d.feed(PASTE_START);
    // Seventy thousand q in pieces, and a pause long enough to flush in the middle.
    for piece in 0..70 {
        d.feed(&[b'q'; 1000]);
        assert_eq!(d.next_key(), None, "piece {piece}");
        if piece == 40 {
            assert_eq!(d.flush(), None);
        }
    }
    assert!(!d.has_event());
    d.feed(&PASTE_END[..3]);
    assert_eq!(d.next_key(), None);
    d.feed(&PASTE_END[3..]);
    d.feed(b"j");
    assert!(d.has_event());
    assert_eq!(d.next_key(), Some(plain(KeyCode::Char('j'))));
    assert!(!d.waiting());
}

#[test]
fn a_paste_cut_by_a_pause_is_still_a_paste() {
    let mut d = Decoder::default();
    d.feed(b"\x1b[200~qq");
    assert!(!d.waiting(), "no flush timer for a paste");
    assert_eq!(d.flush(), None);
    d.feed(b"q\x1b[201~");
    assert!(matches!(d.next(), Some(Decoded::Paste(p)) if p == "qqq"));
    assert_eq!(d.next_key(), None);
}

#[test]
fn reports_and_pastes_are_not_keys() {
    for bytes in [
        &b"\x1b[<0;10;5M"[..],
        b"\x1b[M !!",
        b"\x1b[I",
        b"\x1b[?2026;2$y",
        b"\x1b[16~",
        b"\x1b[25~",
        b"\x1bOp",
        b"\x1b[200~qqq\x1b[201~",
    ] {
        assert_eq!(keys(bytes), [], "{bytes:?}");
    }
    assert_eq!(keys(b"\x1b[200~q\x1b[201~j"), [plain(KeyCode::Char('j'))]);
}

#[test]
fn a_sequence_split_across_reads_waits_for_its_end() {
    let mut d = Decoder::default();
    d.feed(b"\x1b[");
    assert_eq!(d.next_key(), None);
    assert!(d.waiting());
    d.feed(b"6");
    assert_eq!(d.next_key(), None);
    d.feed(b"~\xe1");
    assert_eq!(d.next_key(), Some(plain(KeyCode::PageDown)));
    assert_eq!(d.next_key(), None);
    d.feed("ệ".as_bytes().get(1..).unwrap());
    assert_eq!(d.next_key(), Some(plain(KeyCode::Char('ệ'))));
    assert!(!d.waiting());
}

#[test]
fn broken_bytes_are_dropped() {
    assert_eq!(keys(b"\xff\xc3j"), [plain(KeyCode::Char('j'))]);
    assert_eq!(keys(&[0x1b, b'[', 0x80, b'k']), [plain(KeyCode::Char('k'))]);
}

#[test]
fn whether_an_event_waits_is_known_without_taking_it() {
    let mut d = Decoder::default();
    assert!(!d.has_event());
    // Reports dropped whole and the start of a sequence are no event.
    d.feed(b"\x1b[I\x1b[");
    assert!(!d.has_event());
    d.feed(b"B");
    assert!(d.has_event());
    assert_eq!(d.next_key(), Some(plain(KeyCode::Down)));
    assert!(!d.has_event());
    d.feed(b"\x1b[200~qq");
    assert!(!d.has_event(), "a paste waits for its end");
    d.feed(b"\x1b[201~");
    assert!(d.has_event());
}

proptest! {
    #[test]
    fn has_event_says_whether_next_has_one(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut d = Decoder::default();
        d.feed(&bytes);
        loop {
            let said = d.has_event();
            let got = d.next();
            prop_assert_eq!(said, got.is_some());
            if got.is_none() {
                break;
            }
        }
    }

    #[test]
    fn any_bytes_split_anywhere_decode_the_same(bytes in proptest::collection::vec(any::<u8>(), 0..64), cut in 0usize..64) {
        let whole = keys(&bytes);
        let cut = cut.min(bytes.len());
        let mut d = Decoder::default();
        d.feed(&bytes[..cut]);
        let mut split: Vec<KeyEvent> = std::iter::from_fn(|| d.next_key()).collect();
        d.feed(&bytes[cut..]);
        split.extend(std::iter::from_fn(|| d.next_key()));
        split.extend(d.flush());
        prop_assert_eq!(split, whole);
    }
}

//! Random sequences of frames (text in several scripts, wide characters, emoji, styles,
//! scroll hints right and wrong, a resize) replayed in `vt100` give exactly the frames
//! presented.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use newsterm::present::Scroll;

use crate::support::Term;

/// Text that exercises the terminal: Vietnamese precomposed and decomposed, CJK and fullwidth,
/// emoji that are wide on their own, box drawing, plain ASCII, spaces. Left out: sequences
/// whose width terminals disagree on (ZWJ families, flags, VS16), which no emulator can match.
const WORDS: &[&str] = &[
    "Việt Nam",
    "Hà Nội",
    "đường",
    "Nguyễn",
    "Vie\u{323}\u{302}t",
    "thư\u{300}",
    "日本語",
    "中文字",
    "한국어",
    "ｶﾀｶﾅ",
    "ＡＢＣ",
    "😀",
    "🎉🎉",
    "🚀x",
    "│─╭╮",
    "┃",
    "…",
    "abc",
    "x",
    "Z9",
    " ",
    "   ",
    "          ",
    "a日b",
];

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        4 => Just(Color::Reset),
        3 => prop::sample::select(vec![
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]),
        1 => any::<u8>().prop_map(Color::Indexed),
        1 => any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    let modifier = prop::sample::subsequence(
        vec![
            Modifier::BOLD,
            Modifier::DIM,
            Modifier::ITALIC,
            Modifier::UNDERLINED,
            Modifier::SLOW_BLINK,
            Modifier::RAPID_BLINK,
            Modifier::REVERSED,
            Modifier::HIDDEN,
            Modifier::CROSSED_OUT,
        ],
        0..4,
    )
    .prop_map(|flags| flags.into_iter().fold(Modifier::empty(), |a, b| a | b));
    prop_oneof![
        3 => Just(Style::default()),
        4 => (color(), color(), modifier).prop_map(|(fg, bg, m)| Style::new().fg(fg).bg(bg).add_modifier(m)),
    ]
}

/// A change a UI makes to its buffer between frames.
#[derive(Debug, Clone)]
enum Op {
    /// Text at a place, in a style.
    Text {
        x: u16,
        y: u16,
        text: String,
        style: Style,
    },
    /// Blanks in default colours, as a line that got shorter leaves behind.
    Blank { x: u16, y: u16, len: u16 },
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..max).prop_map(|w| w.join(" "))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<u16>(), any::<u16>(), words(5), style())
            .prop_map(|(x, y, text, style)| Op::Text { x, y, text, style }),
        1 => (any::<u16>(), any::<u16>(), 1u16..30).prop_map(|(x, y, len)| Op::Blank { x, y, len }),
    ]
}

/// A whole row of text, as a pane draws it: words, then blanks to the end.
fn line() -> impl Strategy<Value = (String, Style)> {
    (words(12), style())
}

/// One step: maybe a resize, maybe a real scroll of some rows (new lines drawn in the rows it
/// exposes), changes on top, and the hint given.
#[derive(Debug, Clone)]
struct Step {
    resize: Option<(u16, u16)>,
    shift: Option<(u16, u16, i32)>,
    exposed: Vec<(String, Style)>,
    ops: Vec<Op>,
    hint: HintKind,
}

#[derive(Debug, Clone)]
enum HintKind {
    None,
    /// The real shift, when there is one.
    Right,
    /// Anything, even nonsense.
    Random(u16, u16, i32),
}

fn step() -> impl Strategy<Value = Step> {
    let hint = prop_oneof![
        1 => Just(HintKind::None),
        3 => Just(HintKind::Right),
        1 => (0u16..14, 0u16..16, -14i32..14).prop_map(|(t, b, by)| HintKind::Random(t, b, by)),
    ];
    let resize = prop_oneof![
        15 => Just(None),
        1 => (1u16..40, 1u16..12).prop_map(Some),
    ];
    (
        resize,
        prop::option::weighted(0.6, (any::<u16>(), any::<u16>(), -4i32..5)),
        prop::collection::vec(line(), 1..4),
        prop::collection::vec(op(), 0..5),
        hint,
    )
        .prop_map(|(resize, shift, exposed, ops, hint)| Step {
            resize,
            shift,
            exposed,
            ops,
            hint,
        })
}

/// Draws a whole row: the text from column 0, default blanks after it.
fn draw_line(buf: &mut Buffer, y: u16, (text, style): &(String, Style)) {
    let width = buf.area.width;
    for x in 0..width {
        buf[(x, y)].reset();
    }
    buf.set_stringn(0, y, text, usize::from(width), *style);
}

/// Moves rows of `buf` like a scrolled pane would, draws new lines in the rows it exposes, and
/// returns the hint that describes it.
fn scroll_rows(
    buf: &mut Buffer,
    (a, b, by): (u16, u16, i32),
    lines: &[(String, Style)],
) -> Option<Scroll> {
    let height = buf.area.height;
    if height < 2 {
        return None;
    }
    // Panes are tall: mostly the top and bottom rows of the screen, or near them.
    let top = if a % 3 == 0 { 0 } else { a % (height / 2 + 1) };
    let bottom = if b % 3 == 0 {
        height
    } else {
        top + 1 + b % (height - top)
    };
    let count = by.unsigned_abs() as u16;
    if by == 0 || count >= bottom - top {
        return None;
    }
    let width = usize::from(buf.area.width);
    let rows = &mut buf.content[usize::from(top) * width..usize::from(bottom) * width];
    let moved = usize::from(count) * width;
    let exposed = if by > 0 {
        rows.rotate_left(moved);
        bottom - count..bottom
    } else {
        rows.rotate_right(moved);
        top..top + count
    };
    for (y, line) in exposed.zip(lines.iter().cycle()) {
        draw_line(buf, y, line);
    }
    Some(Scroll { top, bottom, by })
}

fn apply(buf: &mut Buffer, op: &Op) {
    let (width, height) = (buf.area.width, buf.area.height);
    match op {
        Op::Text { x, y, text, style } => {
            let (x, y) = (x % width, y % height);
            buf.set_stringn(x, y, text, usize::from(width - x), *style);
        }
        Op::Blank { x, y, len } => {
            let (x, y) = (x % width, y % height);
            for x in x..(x + len).min(width) {
                buf[(x, y)].reset();
            }
        }
    }
}

fn run_steps(width: u16, height: u16, first: &[(String, Style)], steps: &[Step]) {
    let mut term = Term::new(width, height);
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    for (y, line) in (0..height).zip(first.iter().cycle()) {
        draw_line(&mut buf, y, line);
    }
    term.show(&buf, None);
    for step in steps {
        if let Some((w, h)) = step.resize {
            let mut resized = Buffer::empty(Rect::new(0, 0, w, h));
            for y in 0..h.min(buf.area.height) {
                for x in 0..w.min(buf.area.width) {
                    resized[(x, y)] = buf[(x, y)].clone();
                }
            }
            buf = resized;
        }
        let real = step
            .shift
            .and_then(|s| scroll_rows(&mut buf, s, &step.exposed));
        for op in &step.ops {
            apply(&mut buf, op);
        }
        let hint = match step.hint {
            HintKind::None => None,
            HintKind::Right => real,
            HintKind::Random(top, bottom, by) => Some(Scroll { top, bottom, by }),
        };
        term.show(&buf, hint);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_frames_replay_exactly(
        width in 1u16..40,
        height in 1u16..12,
        first in prop::collection::vec(line(), 1..6),
        steps in prop::collection::vec(step(), 1..10),
    ) {
        run_steps(width, height, &first, &steps);
    }
}

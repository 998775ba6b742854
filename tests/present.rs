//! The presenter's bytes, replayed in the `vt100` terminal emulator, give exactly the frames
//! presented: random sequences of frames (text in several scripts, wide characters, emoji,
//! styles, scroll hints right and wrong, a resize), fixed cases at the edges, and the byte
//! costs of a reader's usual frames (a line, a page, a headline move).

use proptest::prelude::*;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{
    Block, List, ListState, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget, Wrap,
};

use newsterm::present::Scroll;

use crate::support::{Term, app_frame, text};

fn text_buffer(width: u16, rows: &[&str]) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, rows.len() as u16));
    for (y, row) in rows.iter().enumerate() {
        buf.set_string(0, y as u16, row, Style::default());
    }
    buf
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

#[test]
fn an_unchanged_frame_writes_nothing() {
    let mut term = Term::new(20, 3);
    let buf = text_buffer(20, &["Hà Nội", "日本語", "😀 ok"]);
    assert!(!term.show(&buf, None).is_empty());
    assert!(term.show(&buf, None).is_empty());
    // Not even for a scroll hint that does not match.
    assert!(
        term.show(
            &buf,
            Some(Scroll {
                top: 0,
                bottom: 3,
                by: 1
            })
        )
        .is_empty()
    );
}

#[test]
fn one_changed_cell_costs_a_move_and_the_character() {
    let mut term = Term::new(80, 24);
    let mut buf = text_buffer(80, &["x"; 24]);
    term.show(&buf, None);
    buf[(40, 12)].set_symbol("y");
    let bytes = term.show(&buf, None);
    // `ESC [ 13 ; 41 H` and `y`.
    assert_eq!(text(&bytes), "\x1b[13;41Hy");
    buf[(41, 12)].set_symbol("z");
    // The cursor is known to be just after the last change.
    assert_eq!(text(&term.show(&buf, None)), "z");
    buf[(40, 13)].set_symbol("w").set_fg(Color::Red);
    let bytes = term.show(&buf, None);
    // A move down and back, the colour, the letter, and the reset that ends every frame.
    assert!(bytes.len() <= 16, "{:?}", text(&bytes));
}

#[test]
fn wide_characters_replaced_by_narrow_ones_and_back() {
    let mut term = Term::new(10, 2);
    let wide = text_buffer(10, &["日本語です", "ａｂｃ"]);
    let narrow = text_buffer(10, &["a日bc語d", "xyz"]);
    let shifted = text_buffer(10, &["x日本語で", " ａｂｃ"]);
    for buf in [&wide, &narrow, &wide, &shifted, &narrow, &shifted, &wide] {
        term.show(buf, None);
    }
}

#[test]
fn a_narrow_character_written_over_half_of_a_wide_one() {
    let mut term = Term::new(6, 1);
    let wide = text_buffer(6, &["日本語"]);
    term.show(&wide, None);
    // Only the column under the second half of 本 changes.
    let mut half = wide.clone();
    half[(2, 0)].set_symbol("a");
    half[(3, 0)].set_symbol("b");
    term.show(&half, None);
    let mut other_half = wide.clone();
    other_half[(3, 0)].set_symbol("b");
    other_half[(2, 0)].set_symbol(" ");
    term.show(&other_half, None);
    term.show(&wide, None);
}

#[test]
fn the_last_column_and_the_bottom_right_cell() {
    let mut term = Term::new(5, 3);
    let mut buf = text_buffer(5, &["abcde", "fghij", "klmno"]);
    term.show(&buf, None);
    buf[(4, 2)].set_symbol("Z");
    buf[(4, 0)].set_symbol("Y");
    term.show(&buf, None);
    // After the bottom-right cell the cursor waits to wrap; the next frame must not print
    // before moving, or the screen scrolls.
    buf[(0, 2)].set_symbol("Q");
    buf[(4, 1)].set_symbol("W");
    term.show(&buf, None);
    let mut wide_end = buf.clone();
    wide_end.set_string(3, 2, "日", Style::default());
    term.show(&wide_end, None);
    wide_end.set_string(3, 1, "語", Style::default().fg(Color::Green));
    term.show(&wide_end, None);
    // A wide symbol forced into the last column cannot be shown: it is a blank.
    let mut forced = wide_end.clone();
    forced[(4, 0)].set_symbol("本");
    term.show(&forced, None);
}

#[test]
fn hostile_symbols_reach_the_terminal_as_blanks() {
    let mut term = Term::new(6, 1);
    let mut buf = text_buffer(6, &["abcdef"]);
    term.show(&buf, None);
    buf[(1, 0)].set_symbol("\x1b[2J");
    buf[(2, 0)].set_symbol("\u{9b}31m");
    buf[(3, 0)].set_symbol("");
    let bytes = term.show(&buf, None);
    assert!(!bytes.contains(&0x9b) && bytes.iter().filter(|&&b| b == 0x1b).count() <= 1);
}

#[test]
fn skip_cells_are_left_alone() {
    let mut term = Term::new(4, 1);
    let buf = text_buffer(4, &["abcd"]);
    term.show(&buf, None);
    let mut next = text_buffer(4, &["wxyz"]);
    next[(1, 0)].set_diff_option(CellDiffOption::Skip);
    let mut out = Vec::new();
    term.presenter.present(&next, None, &mut out);
    term.parser.process(&out);
    let row: Vec<&str> = (0..4)
        .map(|x| term.parser.screen().cell(0, x).unwrap().contents())
        .collect();
    assert_eq!(row, ["w", "b", "y", "z"]);
}

/// `rows` distinct lines of Vietnamese text, the story's lines `from..from + rows`.
fn story(from: usize, rows: usize, width: u16) -> Buffer {
    let words: Vec<&str> = STORY.split_whitespace().collect();
    let lines: Vec<String> = (from..from + rows)
        .map(|i| {
            let start = (i * 7) % words.len();
            let line: Vec<&str> = words.iter().cycle().skip(start).take(9).copied().collect();
            format!("{i:>3} {}", line.join(" "))
        })
        .collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    text_buffer(width, &refs)
}

#[test]
fn scroll_by_one_line_with_the_hint_sends_one_line() {
    let mut term = Term::new(60, 20);
    term.show(&story(0, 20, 60), None);
    let up = term.show(
        &story(1, 20, 60),
        Some(Scroll {
            top: 0,
            bottom: 20,
            by: 1,
        }),
    );
    let new_line: String = (0..60)
        .map(|x| story(20, 1, 60)[(x, 0)].symbol().to_string())
        .collect();
    let new_line = new_line.trim_end();
    // SU, a move to the last row, the line.
    assert!(text(&up).starts_with("\x1b[S"), "{:?}", text(&up));
    assert!(
        up.len() <= 3 + 6 + new_line.len(),
        "{} bytes: {:?}",
        up.len(),
        text(&up)
    );
    let down = term.show(
        &story(0, 20, 60),
        Some(Scroll {
            top: 0,
            bottom: 20,
            by: -1,
        }),
    );
    let old_line: String = (0..60)
        .map(|x| story(0, 1, 60)[(x, 0)].symbol().to_string())
        .collect();
    assert!(text(&down).starts_with("\x1b[T"), "{:?}", text(&down));
    assert!(
        down.len() <= 3 + 6 + old_line.trim_end().len(),
        "{} bytes: {:?}",
        down.len(),
        text(&down)
    );
}

#[test]
fn scroll_in_a_region_by_a_page_and_back() {
    let mut term = Term::new(60, 22);
    let framed = |from: usize| {
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 22));
        buf.set_string(0, 0, "Tiêu đề", Style::new().add_modifier(Modifier::BOLD));
        let body = story(from, 20, 60);
        for y in 0..20 {
            for x in 0..60 {
                buf[(x, y + 1)] = body[(x, y)].clone();
            }
        }
        buf.set_string(
            0,
            21,
            "trạng thái",
            Style::new().add_modifier(Modifier::REVERSED),
        );
        buf
    };
    term.show(&framed(0), None);
    let page = term.show(
        &framed(15),
        Some(Scroll {
            top: 1,
            bottom: 21,
            by: 15,
        }),
    );
    assert!(
        text(&page).starts_with("\x1b[2;21r\x1b[15S\x1b["),
        "{:?}",
        text(&page)
    );
    let back = term.show(
        &framed(0),
        Some(Scroll {
            top: 1,
            bottom: 21,
            by: -15,
        }),
    );
    assert!(
        text(&back).starts_with("\x1b[15T\x1b["),
        "the region is still set: {:?}",
        text(&back)
    );
    assert!(!text(&back).contains("\x1b[2;21r"), "{:?}", text(&back));
    // One line in the region.
    let one = term.show(
        &framed(1),
        Some(Scroll {
            top: 1,
            bottom: 21,
            by: 1,
        }),
    );
    assert!(text(&one).starts_with("\x1b[S\x1b["), "{:?}", text(&one));
}

#[test]
fn wrong_hints_cost_bytes_never_the_picture() {
    let mut term = Term::new(40, 10);
    term.show(&story(0, 10, 40), None);
    for (from, hint) in [(3, -2), (1, 5), (7, 1), (2, -9), (0, 3)] {
        term.show(
            &story(from, 10, 40),
            Some(Scroll {
                top: 2,
                bottom: 10,
                by: hint,
            }),
        );
    }
    // Out-of-range hints are ignored.
    term.show(
        &story(4, 10, 40),
        Some(Scroll {
            top: 8,
            bottom: 30,
            by: 1,
        }),
    );
    term.show(
        &story(5, 10, 40),
        Some(Scroll {
            top: 0,
            bottom: 10,
            by: i32::MAX,
        }),
    );
}

#[test]
fn resize_and_invalidate_repaint_everything() {
    let mut term = Term::new(30, 8);
    term.show(&story(0, 8, 30), None);
    let bigger = term.show(&story(0, 12, 50), None);
    assert!(text(&bigger).starts_with("\x1b[m\x1b[r\x1b[H\x1b[J"));
    term.presenter.invalidate();
    // A terminal that lost its contents (another program drew over it).
    term.parser.process(b"\x1b[31mgarbage\x1b[H\x1b[2J junk");
    let again = term.show(&story(0, 12, 50), None);
    assert!(text(&again).starts_with("\x1b[m\x1b[r\x1b[H\x1b[J"));
}

#[test]
fn after_forget_pen_the_next_frame_moves_absolutely() {
    let mut term = Term::new(20, 5);
    let mut buf = story(0, 5, 20);
    term.show(&buf, None);
    term.presenter.forget_pen();
    term.parser.process(b"\x1b[3;7H\x1b[1;44m");
    buf[(2, 1)].set_symbol("#");
    assert_eq!(text(&term.show(&buf, None)), "\x1b[2;3H\x1b[m#");
}

// ---------------------------------------------------------------------------------------------
// Random sequences

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

// ---------------------------------------------------------------------------------------------
// What a reader's usual frames cost

/// Vietnamese text from the built-in sample story, for frames like a reader's.
const STORY: &str = "(Ngày Nay) - Tối ngày 1/11, Bộ trưởng Bộ Tài nguyên và Môi trường Đặng Quốc \
Khánh đã hội đàm với Bộ trưởng Bộ Môi trường Hàn Quốc Han Whajin, đang có chuyến thăm và làm việc \
tại Việt Nam. Tại hội đàm, Bộ trưởng Đặng Quốc Khánh khẳng định, những năm qua, Bộ Môi trường Hàn \
Quốc luôn là đối tác chiến lược quan trọng của Bộ Tài nguyên và Môi trường. Bộ trưởng Đặng Quốc \
Khánh khẳng định, hợp tác giữa hai Bộ trong thời gian qua, thông qua các Bản ghi nhớ về môi trường, \
biến đổi khí hậu, đã đạt được nhiều kết quả tích cực. Hoan nghênh và đánh giá cao chương trình ODA \
của Hàn Quốc, Bộ trưởng Đặng Quốc Khánh cho rằng, sau khi Việt Nam cam kết mạnh mẽ và có những hành \
động thiết thực để thực hiện mục tiêu Net Zero vào năm 2050, chương trình ODA xanh của Hàn Quốc sẽ \
hỗ trợ rất tốt cho Việt Nam thực hiện các cam kết tại hội nghị Các bên tham gia Công ước khung của \
Liên hợp quốc về biến đổi khí hậu lần thứ 26 (COP26). Với việc Việt Nam đề xuất đăng cai tổ chức \
Hội nghị Thượng đỉnh Đối tác vì Tăng trưởng Xanh và Mục tiêu Toàn cầu 2030 (P4G) trong năm 2025, \
Bộ trưởng Đặng Quốc Khánh mong muốn Hàn Quốc với kinh nghiệm tổ chức thành công Hội nghị thượng \
đỉnh P4G lần thứ hai năm 2021 sẽ hỗ trợ để Việt Nam hoàn thành nhiệm vụ nước chủ nhà của Hội nghị \
P4G sắp tới. Về nội dung trách nhiệm mở rộng của nhà sản xuất (EPR), Bộ trưởng Đặng Quốc Khánh đề \
nghị Bộ Môi trường Hàn Quốc tiếp tục hỗ trợ trong việc hoàn thiện và tổ chức thực hiện các quy định \
về EPR như: Hỗ trợ chuyên gia tư vấn thực thi EPR; hỗ trợ xây dựng, quản lý cơ sở dữ liệu giám sát \
thực thi EPR; hợp tác, trao đổi kinh nghiệm thực thi EPR.";

/// A 120x40 screen: a title row, a full-width bordered reader pane with a scrollbar on its
/// right border, and a status row; the story scrolled down `offset` lines.
fn reader_frame(offset: u16) -> Buffer {
    let area = Rect::new(0, 0, 120, 40);
    let mut buf = Buffer::empty(area);
    let bar = Style::new().fg(Color::Black).bg(Color::Cyan);
    buf.set_style(Rect::new(0, 0, 120, 1), bar);
    buf.set_string(1, 0, "Ngày Nay · Reader", bar.add_modifier(Modifier::BOLD));
    let pane = Rect::new(0, 1, 120, 38);
    let text = std::iter::repeat_n(STORY, 6)
        .collect::<Vec<_>>()
        .join("\n\n");
    let paragraph = Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .scroll((offset, 0))
        .block(
            Block::bordered()
                .border_type(ratatui::widgets::BorderType::Rounded)
                .border_style(Style::new().fg(Color::Cyan))
                .title(" Reader "),
        );
    paragraph.render(pane, &mut buf);
    let mut state = ScrollbarState::new(150)
        .position(usize::from(offset))
        .viewport_content_length(36);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(pane.inner(Margin::new(0, 1)), &mut buf, &mut state);
    buf.set_string(
        1,
        39,
        "j/k scroll  Space/b page  q quit",
        Style::new().fg(Color::DarkGray),
    );
    buf
}

/// The reader's text rows, full width (its side borders and the scrollbar column are in
/// them): the hint's region for a one-line scroll.
const PANE_ROWS: Scroll = Scroll {
    top: 2,
    bottom: 38,
    by: 1,
};

/// The bytes of one frame after another, each checked in the emulator.
fn costs(frames: &[(Buffer, Option<Scroll>)]) -> Vec<usize> {
    let (first, rest) = frames.split_first().expect("a first frame");
    let mut term = Term::new(first.0.area.width, first.0.area.height);
    term.show(&first.0, first.1);
    rest.iter()
        .map(|(buf, hint)| term.show(buf, *hint).len())
        .collect()
}

/// The text of rows `rows` of the reader pane (borders left out), trailing blanks trimmed.
fn pane_text(buf: &Buffer, rows: std::ops::Range<u16>) -> usize {
    rows.map(|y| {
        let row: String = (1..119).map(|x| buf[(x, y)].symbol()).collect();
        row.trim_end().len()
    })
    .sum()
}

#[test]
fn one_line_scrolls_of_a_full_width_reader() {
    // Twenty one-line scrolls in a row, as holding `j` sends them.
    let hinted: Vec<_> = (10..31)
        .map(|o| (reader_frame(o), Some(PANE_ROWS)))
        .collect();
    let plain: Vec<_> = (10..31).map(|o| (reader_frame(o), None)).collect();
    let with_hint = costs(&hinted);
    let without = costs(&plain);
    let new_lines: Vec<usize> = (11..31)
        .map(|o| pane_text(&reader_frame(o), 37..38))
        .collect();
    let (max, mean) = (
        with_hint.iter().max().unwrap(),
        with_hint.iter().sum::<usize>() / with_hint.len(),
    );
    println!(
        "120x40 reader, one line: with the hint {with_hint:?} (max {max}, mean {mean}); \
         without {without:?}; the new line's text {new_lines:?}"
    );
    for ((&hinted, &plain), &line) in with_hint.iter().zip(&without).zip(&new_lines) {
        assert!(hinted < plain);
        // The scroll (14 bytes), the exposed row's borders and colours (about 25), and the
        // ends of the scrollbar's thumb, which moved with the rows (about 12 a cell).
        assert!(hinted <= line + 90, "{hinted} for a line of {line}");
    }
}

#[test]
fn a_page_down_costs_at_most_a_tenth_more_than_its_new_text() {
    let page = Scroll {
        by: 34,
        ..PANE_ROWS
    };
    let frames = [(reader_frame(10), None), (reader_frame(44), Some(page))];
    let bytes = costs(&frames)[0];
    // Every row of the pane now shows text it did not show before (the two lines kept from
    // the last page moved up), so all of it is newly shown.
    let shown = pane_text(&frames[1].0, 2..38);
    let never_seen = pane_text(&frames[1].0, 4..38);
    let ratio = bytes as f64 / shown as f64;
    println!(
        "120x40 reader, page down: {bytes} bytes; text in rows showing something new {shown} \
         bytes (ratio {ratio:.3}), of lines never shown before {never_seen}"
    );
    assert!(ratio <= 1.1, "{ratio}");
}

#[test]
fn moving_the_headline_selection_one_row_costs_at_most_150_bytes() {
    let headlines = [
        "Việt Nam - Hàn Quốc hợp tác toàn diện trong lĩnh vực môi trường",
        "Tiếp tục sáng tạo, thực hiện cam kết của Thành phố Sáng tạo UNESCO",
        "Cận cảnh phòng học “5 sao” tại trường liên cấp chuẩn quốc tế",
        "TP HCM: Rà soát dữ liệu học sinh phục vụ tuyển sinh đầu cấp",
        "Bộ Chính trị quyết định phân công, bổ nhiệm cán bộ",
        "Chuyển đổi giáo dục nghề nghiệp đáp ứng nhu cầu nhân lực TP HCM",
        "Apple sẽ ưu tiên ra mắt các mẫu iPhone cao cấp trong năm 2026",
        "TP HCM tập huấn chẩn đoán, điều trị bệnh do virus Nipah cho cán bộ",
    ];
    // newsterm's wide layout: headlines in a 40-column pane, the story beside it unchanged.
    let list_frame = |selected: usize| {
        let mut buf = reader_frame(0);
        let mut state = ListState::default().with_selected(Some(selected));
        let pane = Rect::new(0, 1, 40, 38);
        Widget::render(ratatui::widgets::Clear, pane, &mut buf);
        StatefulWidget::render(
            List::new(headlines)
                .block(Block::bordered().title(" Headlines (8) "))
                .highlight_style(Style::new().fg(Color::Black).bg(Color::Cyan))
                .highlight_symbol("›"),
            pane,
            &mut buf,
            &mut state,
        );
        buf
    };
    let frames: Vec<_> = [2, 3, 4, 3]
        .iter()
        .map(|&i| (list_frame(i), None))
        .collect();
    let bytes = costs(&frames);
    println!("120x40 headline pane, selection moved one row: {bytes:?} bytes");
    assert!(bytes.iter().all(|&b| b <= 150), "{bytes:?}");
}

#[test]
fn real_frames_of_the_sample_bundle() {
    // 80x24: the reader fills the width; its text rows are 2..22.
    let a = app_frame(80, 24, "Enter j j j j j");
    let b = app_frame(80, 24, "Enter j j j j j j");
    let hint = Some(Scroll {
        top: 2,
        bottom: 22,
        by: 1,
    });
    let with_hint = costs(&[(a.clone(), None), (b.clone(), hint)])[0];
    let without = costs(&[(a, None), (b, None)])[0];
    println!("80x24 sample story, one line: {with_hint} bytes with the hint, {without} without");
    assert!(with_hint <= 200 && with_hint < without, "{with_hint}");
    // 120x40: panes side by side, so a scroll of the reader is not full width (no hint).
    let a = app_frame(120, 40, "Enter Tab j j j j j");
    let b = app_frame(120, 40, "Enter Tab j j j j j j");
    println!(
        "120x40 sample story, one line, no hint: {} bytes",
        costs(&[(a, None), (b, None)])[0]
    );
    let a = app_frame(120, 40, "j");
    let b = app_frame(120, 40, "j j");
    let full = Term::new(120, 40).show(&a, None).len();
    println!("120x40 sample, first frame: {full} bytes");
    let moved = costs(&[(a, None), (b, None)])[0];
    println!("120x40 sample, headline selection one down (the reader follows): {moved} bytes");
}

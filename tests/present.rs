//! The presenter's bytes, replayed in the `vt100` terminal emulator, give exactly the frames
//! presented: random sequences of frames (text in several scripts, wide characters, emoji,
//! styles, scroll hints right and wrong, a resize), fixed cases at the edges, and the byte
//! costs of a reader's usual frames (a line, a page, a headline move).

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use newsterm::present::Scroll;

use crate::support::{Term, text};

/// The bytes a reader's usual frames cost.
mod costs;
/// Random sequences of frames replayed exactly.
mod random;

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

//! The byte costs of a reader's usual frames (a line, a page, a headline move), each frame
//! checked in the emulator.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{
    Block, List, ListState, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget, Wrap,
};

use newsterm::present::Scroll;

use super::STORY;
use crate::support::{Term, app_frame};

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

//! A table laid out for the reader: its columns aligned when they fit the column; the last
//! column wrapped behind the others when only it is too wide; otherwise each row on its own
//! wrapped line, cells separated by ` | `.

use super::{DocLine, Document, Role};
use crate::text;

/// Between two aligned columns.
const GAP: &str = "  ";

impl Document {
    /// `rows` as one part per row, with no blank line between rows.
    pub(super) fn table(&mut self, rows: &[Vec<String>]) {
        // Each cell on one line as drawn, its links numbered as in the text.
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| self.number_links(&text::one_line(cell)).trim().to_owned())
                    .collect()
            })
            .filter(|row: &Vec<String>| row.iter().any(|cell| !cell.is_empty()))
            .collect();
        let widths = column_widths(&rows);
        let Some((&last, leading)) = widths.split_last() else {
            return;
        };
        // Where the last column starts when the others are aligned before it.
        let offset: usize = leading.iter().map(|w| w + GAP.len()).sum();
        let aligned = offset + last <= self.columns()
            || (offset <= self.columns() / 2 && self.columns() - offset >= 12);
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                self.part();
            }
            if aligned {
                self.aligned_row(row, &widths, offset);
            } else {
                let cells: Vec<&str> = row
                    .iter()
                    .map(String::as_str)
                    .filter(|c| !c.is_empty())
                    .collect();
                self.marked(cells.join(" | "), Role::Body, "", "  ");
            }
        }
    }

    /// One row: every cell but the last padded to its column's width, the last wrapped to
    /// what is left of the line, its next lines starting where it started.
    fn aligned_row(&mut self, row: &[String], widths: &[usize], offset: usize) {
        let mut lead = String::new();
        let (last, cells) = match row.split_last() {
            Some((last, cells)) if row.len() == widths.len() => (last.as_str(), cells),
            // A short row: its cells are aligned, the missing ones empty.
            _ => ("", row),
        };
        for (cell, width) in cells.iter().zip(widths) {
            lead.push_str(cell);
            lead.extend(std::iter::repeat_n(' ', width - text::width(cell)));
            lead.push_str(GAP);
        }
        let lines = text::wrap(last, self.columns() - offset);
        if lines.is_empty() {
            let shown = lead.trim_end().to_owned();
            self.push_own(DocLine {
                spans: vec![(shown, Role::Body)],
            });
            return;
        }
        let indent = " ".repeat(offset);
        for (i, line) in lines.iter().enumerate() {
            let before = if i == 0 { &lead } else { &indent };
            let shown = format!("{before}{}", line.render(last));
            self.push_own(DocLine {
                spans: vec![(shown.trim_end().to_owned(), Role::Body)],
            });
        }
    }
}

/// The widest cell of each column, in columns.
fn column_widths(rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (j, cell) in row.iter().enumerate() {
            let width = text::width(cell);
            match widths.get_mut(j) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::bundle::Block;
    use crate::document::tests::shown;
    use crate::text;

    /// Text as a bundle holds it once cleaned: wide, combining and plain characters, spaces.
    fn cell() -> impl Strategy<Value = String> {
        "[a-z日本語é\u{301}🙂 ]{0,14}".prop_map(|s| text::clean(&s))
    }

    proptest! {
        #[test]
        fn tables_code_and_lists_never_overflow_the_column(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..5), 0..5),
            lines in proptest::collection::vec(cell(), 1..4),
            levels in proptest::collection::vec(0u8..8, 1..4),
            width in 1usize..40,
        ) {
            let items: Vec<String> = levels.iter().map(|l| format!("item {l}")).collect();
            let body = vec![
                Block::Table(rows),
                Block::Code(lines.join("\n")),
                Block::List { items, levels },
            ];
            for line in shown(body, width) {
                prop_assert!(text::width(&line) <= width.max(2), "{line:?} at {width}");
            }
        }
    }

    fn table(rows: &[&[&str]]) -> Vec<Block> {
        let rows = rows
            .iter()
            .map(|row| row.iter().map(|&c| c.to_owned()).collect())
            .collect();
        vec![Block::Table(rows)]
    }

    #[test]
    fn columns_are_aligned_when_they_fit() {
        let rows = table(&[
            &["Version:", "5.7-rc4"],
            &["Released:", "2020-05-03"],
            &["Đã ký", "", "x"],
        ]);
        assert_eq!(
            shown(rows, 40),
            [
                "Version:   5.7-rc4",
                "Released:  2020-05-03",
                "Đã ký                  x"
            ]
        );
    }

    #[test]
    fn a_last_column_too_wide_wraps_behind_the_others() {
        let rows = table(&[&["Key", "one two three four five six"], &["K2", "v"]]);
        assert_eq!(
            shown(rows, 20),
            ["Key  one two three", "     four five six", "K2   v"]
        );
    }

    #[test]
    fn a_table_too_wide_shows_a_line_per_row() {
        let rows = table(&[&["a long first cell", "b"], &["c", "", "d"]]);
        assert_eq!(shown(rows, 16), ["a long first", "  cell | b", "c | d"]);
        // Links in cells are numbered like the text's.
        let rows = table(&[&["x <https://e.example/>", "y"]]);
        assert_eq!(shown(rows, 40)[0], "x [1]  y");
    }
}

//! A table as the walk collects it: the blocks of each cell, and at its end a table block
//! when it holds only short text in two columns or more, or else its cells' blocks in order
//! (a table that lays a page out is read as that page).

use crate::bundle::Block;

/// The blocks before the first row (a `caption`) and each row's cells' blocks.
#[derive(Default)]
pub(super) struct Table {
    caption: Vec<Block>,
    rows: Vec<Vec<Vec<Block>>>,
}

impl Table {
    pub(super) fn row(&mut self) {
        self.rows.push(Vec::new());
    }

    pub(super) fn cell(&mut self) {
        match self.rows.last_mut() {
            Some(row) => row.push(Vec::new()),
            None => self.rows.push(vec![Vec::new()]),
        }
    }

    /// A block written inside the table: into the cell being written, before any into the
    /// caption.
    pub(super) fn absorb(&mut self, block: Block) {
        match self.rows.last_mut().and_then(|row| row.last_mut()) {
            Some(cell) => cell.push(block),
            None => self.caption.push(block),
        }
    }

    /// What was collected so far, leaving the table empty (but open).
    pub(super) fn take(&mut self) -> Vec<Block> {
        let mut out = std::mem::take(&mut self.caption);
        let rows = std::mem::take(&mut self.rows);
        match texts(&rows) {
            Some(table) => out.extend(table),
            None => out.extend(rows.into_iter().flat_map(row_blocks)),
        }
        out
    }
}

/// The table as rows of cell texts when every cell is one paragraph or nothing: a table
/// block when two columns or more hold text, paragraphs for a column of them; `None` when
/// a cell holds anything else.
fn texts(rows: &[Vec<Vec<Block>>]) -> Option<Vec<Block>> {
    let mut table: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = Vec::with_capacity(row.len());
        for cell in row {
            cells.push(match cell.as_slice() {
                [] => String::new(),
                [Block::Paragraph(text)] => text.replace('\n', " "),
                _ => return None,
            });
        }
        if cells.iter().any(|c| !c.is_empty()) {
            table.push(cells);
        }
    }
    // Columns empty in every row say nothing.
    let width = table.iter().map(Vec::len).max().unwrap_or(0);
    let used: Vec<bool> = (0..width)
        .map(|j| {
            table
                .iter()
                .any(|row| row.get(j).is_some_and(|c| !c.is_empty()))
        })
        .collect();
    for row in &mut table {
        let mut j = 0;
        row.retain(|_| {
            j += 1;
            used[j - 1]
        });
        // Empty cells at the end of a row hold no column's place.
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    if used.iter().filter(|&&u| u).count() >= 2 {
        return Some(vec![Block::Table(table)]);
    }
    Some(
        table
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .map(Block::Paragraph)
            .collect(),
    )
}

/// A row of a table that is not one: its cells on one line when each is a paragraph or
/// nothing, otherwise each cell's blocks.
fn row_blocks(row: Vec<Vec<Block>>) -> Vec<Block> {
    let short = row
        .iter()
        .all(|cell| matches!(cell.as_slice(), [] | [Block::Paragraph(_)]));
    if !short {
        return row.into_iter().flatten().collect();
    }
    let cells: Vec<String> = row
        .into_iter()
        .flatten()
        .filter_map(|block| match block {
            Block::Paragraph(text) => Some(text),
            _ => None,
        })
        .collect();
    if cells.is_empty() {
        return Vec::new();
    }
    vec![Block::Paragraph(cells.join(" | "))]
}

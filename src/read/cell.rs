//! Plain cell values and rows, free of calamine's types.

use crate::dates::CalendarDate;

/// One cell's value as the rest of jixiao sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// No value.
    Empty,
    /// Text, trimmed of surrounding white space.
    Text(String),
    /// A number (also an integer cell, or a date serial without a date format).
    Number(f64),
    /// A date cell that is a real calendar day.
    Date(CalendarDate),
    /// A date-formatted cell whose serial is no day (0, 60 in the 1900 system, negative…).
    InvalidDate(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// A formula whose file holds no computed value (written by a generator, never
    /// opened in Excel); its text is kept for the message.
    FormulaWithoutValue(String),
}

impl CellValue {
    /// Text, trimmed; white space alone is empty.
    pub fn text(raw: &str) -> Self {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(trimmed.to_string())
        }
    }

    /// True for an empty cell.
    pub fn is_empty(&self) -> bool {
        matches!(self, CellValue::Empty)
    }

    /// The text of a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            CellValue::Text(text) => Some(text),
            _ => None,
        }
    }

    /// How the cell reads to a person, for messages.
    pub fn display(&self) -> String {
        match self {
            CellValue::Empty => "（空）".to_string(),
            CellValue::Text(text) => format!("“{}”", truncate(text, 40)),
            CellValue::Number(n) => n.to_string(),
            CellValue::Date(date) => date.to_string(),
            CellValue::InvalidDate(serial) => format!("日期序号 {serial}"),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Error(e) => e.clone(),
            CellValue::FormulaWithoutValue(f) => format!("公式 ={}", truncate(f, 40)),
        }
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// One non-empty row of a sheet: its 0-based index and its non-empty cells by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 0-based row index in the sheet (Excel's row number − 1).
    pub index: u32,
    cells: Vec<(u32, CellValue)>,
}

impl Row {
    /// An empty row at `index`.
    pub fn new(index: u32) -> Self {
        Self {
            index,
            cells: Vec::new(),
        }
    }

    /// A row from `(column, value)` pairs; used by tests and fixtures.
    pub fn from_cells(index: u32, cells: impl IntoIterator<Item = (u32, CellValue)>) -> Self {
        let mut row = Self::new(index);
        for (column, value) in cells {
            row.push(column, value);
        }
        row
    }

    /// Sets a cell; empties are not stored. Columns usually arrive in order.
    pub fn push(&mut self, column: u32, value: CellValue) {
        if value.is_empty() {
            return;
        }
        match self.cells.binary_search_by_key(&column, |(c, _)| *c) {
            Ok(found) => self.cells[found].1 = value,
            Err(slot) => self.cells.insert(slot, (column, value)),
        }
    }

    /// The value in a 0-based column.
    pub fn get(&self, column: u32) -> &CellValue {
        match self.cells.binary_search_by_key(&column, |(c, _)| *c) {
            Ok(found) => &self.cells[found].1,
            Err(_) => &CellValue::Empty,
        }
    }

    /// The non-empty cells, left to right.
    pub fn cells(&self) -> impl Iterator<Item = (u32, &CellValue)> {
        self.cells.iter().map(|(c, v)| (*c, v))
    }

    /// The row's text cells joined, for keyword checks (合计, 单位：元 …).
    pub fn joined_text(&self) -> String {
        self.cells
            .iter()
            .filter_map(|(_, v)| v.as_text())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A merged block of cells (Excel's merged cells, HTML `rowspan` / `colspan`):
/// its value stands in the top-left cell only; 0-based, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergedRegion {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_column: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_column: u32,
}

impl MergedRegion {
    /// True when `(row, column)` lies inside the block but is not its top-left cell,
    /// i.e. the cell is empty only because the value above or to the left covers it.
    pub fn covers_below_or_right(&self, row: u32, column: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_column..=self.last_column).contains(&column)
            && (row, column) != (self.first_row, self.first_column)
    }
}

/// Excel's name for a 0-based column: 0 → `A`, 27 → `AB`.
pub fn column_name(column: u32) -> String {
    let mut n = column + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8_lossy(&name).into_owned()
}

/// An Excel cell address with the sheet: `明细账!G17` (0-based row and column in).
pub fn cell_address(sheet: &str, row: u32, column: u32) -> String {
    format!("{sheet}!{}{}", column_name(column), u64::from(row) + 1)
}

#[cfg(test)]
mod tests;

//! Spreadsheets that are really text: the HTML tables and tab-separated text
//! many Chinese systems save under an `.xls` name, and `.csv` files, in UTF-8
//! (with or without BOM), UTF-16 or GBK.
//!
//! Nothing is read whole. [`open_text_book`] only sniffs: the encoding (BOM,
//! an HTML page's declared charset, UTF-8 if the whole file is valid UTF-8 —
//! checked by streaming it —, UTF-16 without BOM, else GB18030, a superset of
//! GBK), the delimiter (from the first lines) and, for HTML, the sheets: one
//! streaming pass over the page finds its tables, their merged ranges and where
//! each starts. [`TextBook::visit`] then re-opens the file for every pass and
//! streams it: file → `encoding_rs` decoder in 64 KiB pieces → the `csv`
//! crate's reader (one record at a time) or the HTML tokenizer, which
//! holds only the rows being built and the pending `rowspan` blocks. Cells are
//! handed over one by one and kept nowhere; an HTML table's visit starts at
//! its own `<table>` tag and stops at its end.
//!
//! The parts, each in its file: `encoding` (which encoding, and the file
//! decoded as it is read), `delimited` (csv and tab-separated text, its lines
//! bounded), `html` (the tokenizer, tables, `rowspan` / `colspan`).
//!
//! Amounts and dates in the cells are read by the same parsers as text cells of
//! a workbook. HTML is read as a browser lays it out: `rowspan` / `colspan`
//! cells are placed as a browser places them and reported as merged ranges.
//!
//! Memory does not grow with the file's size; there is no limit on it. What is
//! bounded instead, each refused with a message in Chinese that says what to do:
//! - a line, or a record (a quoted field may span lines), of delimited text:
//!   [`MAX_LINE_BYTES`] (4 MiB);
//! - in HTML, the text of the rows being built at once (a row, and the rows of
//!   the tables holding its table), counting 64 bytes per cell:
//!   [`MAX_ROW_BYTES`] (4 MiB); a single tag: [`MAX_TAG_BYTES`] (4 MiB);
//! - tables with content in one page: [`MAX_TABLES`];
//! - merged ranges of a page: [`MAX_MERGED_ROWS`] spanning rows (refused
//!   beyond); ranges one row high past [`MAX_MERGED_FLAT`] are not reported —
//!   they never cover a cell below them, which is all merged ranges decide.
//!
//! Cells beyond Excel's columns and the total number of cells are refused by
//! the caller ([`super::Workbook::visit_rows`]) as for any workbook.

mod delimited;
mod encoding;
mod html;

pub use encoding::decode_settings_text;

#[allow(clippy::wildcard_imports)]
use self::{delimited::*, encoding::*, html::*};
use super::cell::{CellValue, MergedRegion};
use anyhow::{anyhow, bail, Context, Result};
use encoding_rs::{CoderResult, Decoder, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Longest line, or record, of delimited text read (4 MiB): a ledger line is
/// well under 1 KB, and Excel's longest cell is 32,767 characters.
pub const MAX_LINE_BYTES: usize = 4 << 20;
/// Most text held for the HTML rows being built at once (4 MiB), with
/// [`CELL_BYTES`] counted for every cell.
pub const MAX_ROW_BYTES: usize = 4 << 20;
/// What a cell costs in [`MAX_ROW_BYTES`] besides its text.
const CELL_BYTES: usize = 64;
/// Longest HTML tag read (4 MiB).
pub const MAX_TAG_BYTES: usize = 4 << 20;
/// Most tables with content in one HTML page.
pub const MAX_TABLES: usize = 10_000;
/// Most merged ranges spanning rows reported for one HTML page.
pub const MAX_MERGED_ROWS: usize = 1 << 20;
/// Most merged ranges one row high reported for one HTML page.
pub const MAX_MERGED_FLAT: usize = 1 << 18;
/// The largest Excel column count: cells further right never start a merged range.
const MAX_COLUMNS: u32 = super::MAX_COLUMNS;
/// The pieces the file is read and decoded in.
const CHUNK: usize = 64 << 10;
/// The head of the file the encoding is sniffed in (BOM, charset, UTF-16).
const HEAD_BYTES: usize = 64 << 10;
/// The most text looked at to guess the delimiter.
const DELIMITER_SAMPLE: usize = 1 << 20;
/// How far a too-long line is followed to say how long it is.
const MEASURE_LIMIT: u64 = 256 << 20;

const READ_FAILED: &str = "无法读取文件内容";
const RESAVE: &str = "请在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再试";

/// The kinds of text spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// An HTML page with `<table>`s.
    Html,
    /// Delimited text (comma, tab or semicolon).
    Delimited,
}

/// A text file opened for streaming: what was sniffed, and its sheets.
#[derive(Debug, Clone)]
pub struct TextBook {
    /// The encoding the text is in (UTF-8, UTF-16LE, gb18030 …).
    pub encoding: &'static str,
    /// The delimiter, for delimited text.
    pub delimiter: Option<char>,
    /// Sheets: one per HTML table with content, one for delimited text.
    pub sheets: Vec<TextSheet>,
    path: PathBuf,
    kind: TextKind,
    decoding: &'static Encoding,
    /// Where the text starts in the file (after a BOM).
    text_start: u64,
}

/// One sheet of a text spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSheet {
    /// The sheet's name (the file's stem; `stem（表2）` for a page's second table).
    pub name: String,
    /// Cells spanning several rows or columns (HTML `rowspan` / `colspan`): the
    /// value stands in the top-left cell, as in a merged Excel range. Found by
    /// the pass over the page in [`open_text_book`], so they are known before
    /// the sheet is first visited.
    pub merged: Vec<MergedRegion>,
    /// Where the sheet's text starts in the file (an HTML table: its `<table` tag).
    start: u64,
    /// How many tables hold an HTML table.
    depth: usize,
}

/// Receives the cells of a visited sheet: row, column, value (never empty),
/// row by row and left to right; `Break` stops the visit.
pub type CellSink<'s> = dyn FnMut(u32, u32, CellValue) -> Result<ControlFlow<()>> + 's;

/// Opens a text spreadsheet: sniffs its encoding, delimiter and sheets without
/// holding its text; `sheet_name` names its (first) sheet, as Excel names a
/// CSV's sheet after the file.
pub fn open_text_book(path: &Path, kind: TextKind, sheet_name: &str) -> Result<TextBook> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    File::open(path)
        .context("无法打开文件（文件不存在、没有读取权限，或正被其他程序独占）")?
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .context(READ_FAILED)?;
    let (decoding, bom) =
        choose_encoding(&head, kind, || file_is_utf8(path)).context(READ_FAILED)?;
    let mut book = TextBook {
        encoding: decoding.name(),
        delimiter: None,
        sheets: Vec::new(),
        path: path.to_path_buf(),
        kind,
        decoding,
        text_start: bom as u64,
    };
    match kind {
        TextKind::Delimited => {
            book.delimiter = Some(guess_delimiter(&book.delimiter_sample()?));
            book.sheets.push(TextSheet {
                name: sheet_name.to_string(),
                merged: Vec::new(),
                start: book.text_start,
                depth: 0,
            });
        }
        TextKind::Html => book.sheets = book.html_sheets(sheet_name)?,
    }
    Ok(book)
}

impl TextBook {
    /// Streams one sheet's non-empty cells to `sink`, re-reading the file; the
    /// flow says whether `sink` stopped it. Each visit of a sheet hands over the
    /// same cells.
    pub fn visit(&self, sheet: &TextSheet, sink: &mut CellSink<'_>) -> Result<ControlFlow<()>> {
        let mut source = self.source(sheet.start, CHUNK)?;
        match self.kind {
            TextKind::Delimited => {
                let delimiter = self.delimiter.unwrap_or(',');
                visit_delimited(source, delimiter, CHUNK, sink)
            }
            TextKind::Html => {
                let mut page = PageBuilder::new(Keep::FirstTable, true);
                page.base_depth = sheet.depth;
                run_page(&mut source, &mut page, sink)
            }
        }
    }

    fn source(&self, start: u64, raw_capacity: usize) -> Result<Decoded> {
        Decoded::open(&self.path, self.decoding, start, raw_capacity).context(READ_FAILED)
    }

    /// The first lines of the text (the first 20 that are not blank, or 1 MiB),
    /// a line cut by the end of the sample left out.
    fn delimiter_sample(&self) -> Result<String> {
        let mut source = self.source(self.text_start, CHUNK)?;
        let mut sample = String::new();
        while let Some(piece) = source.next_piece().context(READ_FAILED)? {
            sample.push_str(piece);
            let complete = sample.rfind('\n').map_or("", |end| &sample[..end]);
            let lines = complete.lines().filter(|l| !l.trim().is_empty()).take(20);
            if lines.count() >= 20 || sample.len() >= DELIMITER_SAMPLE {
                if let Some(end) = sample.rfind('\n') {
                    sample.truncate(end);
                }
                break;
            }
        }
        Ok(sample)
    }

    /// One pass over the page: its tables with content, their merged ranges,
    /// and where each starts; then the tables' places in the file.
    fn html_sheets(&self, sheet_name: &str) -> Result<Vec<TextSheet>> {
        let mut source = self.source(self.text_start, CHUNK)?;
        let mut page = PageBuilder::new(Keep::Survey, true);
        let _ = run_page(&mut source, &mut page, &mut |_, _, _| {
            Ok(ControlFlow::Continue(()))
        })?;
        let mut tables = page.finished;
        tables.sort_by_key(|table| table.slot);
        let marks: Vec<u64> = tables.iter().map(|table| table.mark).collect();
        let starts =
            raw_offsets(&self.path, self.decoding, self.text_start, &marks).context(READ_FAILED)?;
        Ok(tables
            .into_iter()
            .zip(starts)
            .enumerate()
            .map(|(index, (table, start))| TextSheet {
                name: if index == 0 {
                    sheet_name.to_string()
                } else {
                    format!("{sheet_name}（表{}）", index + 1)
                },
                merged: table.merged,
                start,
                depth: table.depth,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;

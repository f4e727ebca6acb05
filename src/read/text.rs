//! Spreadsheets that are really text: the HTML tables and tab-separated text
//! many Chinese systems save under an `.xls` name, and `.csv` files, in UTF-8
//! (with or without BOM), UTF-16 or GBK.
//!
//! The whole text is decoded and split into rows of text cells; amounts and
//! dates in them are read by the same parsers as text cells of a workbook.
//! HTML is read in one forward pass, its `rowspan` / `colspan` cells placed as
//! a browser places them and reported as merged ranges.

use super::cell::{CellValue, MergedRegion, Row};
use anyhow::{bail, Context, Result};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::path::Path;

/// Largest text file read (256 MiB): a million ledger lines fit well below it.
const MAX_TEXT_BYTES: u64 = 256 << 20;

/// The kinds of text spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// An HTML page with `<table>`s.
    Html,
    /// Delimited text (comma, tab or semicolon).
    Delimited,
}

/// A text file read as sheets of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBook {
    /// The encoding the text was in (UTF-8, UTF-16LE, GB18030 …).
    pub encoding: &'static str,
    /// The delimiter, for delimited text.
    pub delimiter: Option<char>,
    /// Sheets: one per HTML table, one for delimited text.
    pub sheets: Vec<TextSheet>,
}

/// One sheet of a text spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub struct TextSheet {
    /// The sheet's name (the file's stem; `stem（表2）` for a page's second table).
    pub name: String,
    /// Its non-empty rows.
    pub rows: Vec<Row>,
    /// Cells spanning several rows or columns (HTML `rowspan` / `colspan`): the
    /// value stands in the top-left cell, as in a merged Excel range.
    pub merged: Vec<MergedRegion>,
}

/// Reads a text spreadsheet; `sheet_name` names its (first) sheet, as Excel
/// names a CSV's sheet after the file.
pub fn read_text_book(path: &Path, kind: TextKind, sheet_name: &str) -> Result<TextBook> {
    let size = std::fs::metadata(path).context("无法读取文件信息")?.len();
    if size > MAX_TEXT_BYTES {
        bail!(
            "文本文件有 {} MB，超过 jixiao 的上限 {} MB。请只保留支出明细后再试",
            size >> 20,
            MAX_TEXT_BYTES >> 20
        );
    }
    let bytes = std::fs::read(path).context("无法读取文件内容")?;
    let (text, encoding) = decode(&bytes, kind);
    Ok(match kind {
        TextKind::Html => TextBook {
            encoding: encoding.name(),
            delimiter: None,
            sheets: html_sheets(&text)
                .into_iter()
                .enumerate()
                .map(|(index, table)| {
                    let name = if index == 0 {
                        sheet_name.to_string()
                    } else {
                        format!("{sheet_name}（表{}）", index + 1)
                    };
                    TextSheet {
                        name,
                        rows: table.rows,
                        merged: table.merged,
                    }
                })
                .collect(),
        },
        TextKind::Delimited => {
            let delimiter = guess_delimiter(&text);
            TextBook {
                encoding: encoding.name(),
                delimiter: Some(delimiter),
                sheets: vec![TextSheet {
                    name: sheet_name.to_string(),
                    rows: delimited_rows(&text, delimiter),
                    merged: Vec::new(),
                }],
            }
        }
    })
}

/// Decodes a settings file as Notepad may have saved it: UTF-8 (with or
/// without BOM), UTF-16 with its BOM, or GBK.
pub fn decode_settings_text(bytes: &[u8]) -> String {
    decode(bytes, TextKind::Delimited).0
}

/// Decodes by BOM, then (HTML) the declared charset, then UTF-8 if valid, else GB18030 (a superset of GBK).
fn decode(bytes: &[u8], kind: TextKind) -> (String, &'static Encoding) {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return (text.into_owned(), encoding);
    }
    if kind == TextKind::Html {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
        if [
            "charset=gb2312",
            "charset=gbk",
            "charset=gb18030",
            "charset=\"gb2312\"",
            "charset=\"gbk\"",
        ]
        .iter()
        .any(|c| head.contains(c))
        {
            let (text, _, _) = GB18030.decode(bytes);
            return (text.into_owned(), GB18030);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8);
    }
    if looks_like_utf16(bytes) {
        let encoding = if bytes.get(1) == Some(&0) {
            UTF_16LE
        } else {
            UTF_16BE
        };
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text.into_owned(), encoding);
    }
    let (text, _, _) = GB18030.decode(bytes);
    (text.into_owned(), GB18030)
}

/// UTF-16 without a BOM: every other byte of ASCII text is zero.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    sample.len() >= 4 && zeros * 3 >= sample.len()
}

/// Tab when the first lines have tabs, else the one of `,` `;` that is most frequent.
fn guess_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let count = |c: char| lines.iter().map(|l| l.matches(c).count()).sum::<usize>();
    if count('\t') > 0 {
        return '\t';
    }
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

fn delimited_rows(text: &str, delimiter: char) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut header_width: Option<usize> = None;
    for (index, record) in reader.records().enumerate() {
        // A line the csv reader cannot split (a stray quote) is kept as one cell, never dropped.
        let mut cells: Vec<String> = match record {
            Ok(record) => record.iter().map(str::to_string).collect(),
            Err(_) => vec![text.lines().nth(index).unwrap_or_default().to_string()],
        };
        match header_width {
            None if cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2 => {
                header_width = Some(cells.len())
            }
            Some(width) if cells.len() > width && delimiter == ',' => {
                rejoin_split_numbers(&mut cells, width);
                if cells.len() > width {
                    // Still wider than the header: which field is which cannot be
                    // known, so every column reads as an error and the row is reported.
                    let marker = CellValue::Error(format!(
                        "此行有 {} 列，表头只有 {width} 列，可能有未加引号的逗号",
                        cells.len()
                    ));
                    let index = u32::try_from(index).unwrap_or(u32::MAX);
                    rows.push(Row::from_cells(
                        index,
                        (0..width as u32).map(|c| (c, marker.clone())),
                    ));
                    continue;
                }
            }
            _ => {}
        }
        push_row(&mut rows, index, cells);
    }
    rows
}

/// Re-joins numbers that an unquoted thousands separator split in comma-separated
/// text (`-1,500.00` read as `-1` and `500.00`) until the row is as wide as its header.
fn rejoin_split_numbers(cells: &mut Vec<String>, width: usize) {
    let is_head = |s: &str| {
        let digits = s.trim_start_matches(['-', '+', '(', '（', '¥', '￥']);
        !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit())
    };
    let is_group = |s: &str| {
        let body = s.trim_end_matches([')', '）']);
        let (group, fraction) = body.split_once('.').unwrap_or((body, ""));
        group.len() == 3
            && group.chars().all(|c| c.is_ascii_digit())
            && fraction.chars().all(|c| c.is_ascii_digit())
    };
    let mut i = 0;
    while cells.len() > width && i + 1 < cells.len() {
        if is_head(&cells[i]) && is_group(&cells[i + 1]) && !cells[i].contains('.') {
            let tail = cells.remove(i + 1);
            cells[i] = format!("{},{tail}", cells[i]);
        } else {
            i += 1;
        }
    }
}

fn push_row(rows: &mut Vec<Row>, index: usize, cells: Vec<String>) {
    let index = u32::try_from(index).unwrap_or(u32::MAX);
    let row = Row::from_cells(
        index,
        cells
            .iter()
            .enumerate()
            .map(|(c, t)| (c as u32, CellValue::text(t))),
    );
    if row.cells().next().is_some() {
        rows.push(row);
    }
}

/// Widest `colspan` honoured (HTML's own limit).
const MAX_COLSPAN: u32 = 1000;
/// Tallest `rowspan` honoured (HTML's own limit); `rowspan=0` reaches the end of the row group.
const MAX_ROWSPAN: u32 = 65535;
/// Deepest nesting of tables read; a table nested deeper is skipped with its content.
const MAX_TABLE_DEPTH: usize = 64;

/// One `<table>` of an HTML page: its non-empty rows and its spanning cells.
#[derive(Debug, Default)]
struct HtmlTable {
    rows: Vec<Row>,
    merged: Vec<MergedRegion>,
}

/// The tables of an HTML page in the order they start (a table nested in a cell
/// comes after the table holding it), tables without text left out.
///
/// One forward pass over the text: a small tokenizer (tags in any case,
/// attributes quoted or not, comments, `<script>` / `<style>` skipped) feeds a
/// table builder that follows the HTML table model. `<td>` / `<th>` and `<tr>`
/// need no closing tag; `rowspan` / `colspan` place later cells as a browser
/// does, and the value of a spanning cell stands in its top-left position only,
/// as in a merged Excel range. Row indices count the `<tr>`s of each table.
fn html_sheets(html: &str) -> Vec<HtmlTable> {
    let bytes = html.as_bytes();
    let mut page = PageBuilder::default();
    let mut at = 0;
    while at < bytes.len() {
        let Some(open) = find_byte(bytes, at, b'<') else {
            page.text(slice(html, at, bytes.len()));
            break;
        };
        if open > at {
            page.text(slice(html, at, open));
        }
        let next = bytes.get(open + 1).copied();
        at = match next {
            Some(b'!') if bytes[open..].starts_with(b"<!--") => skip_comment(html, open),
            Some(b'!' | b'?') => skip_past(bytes, open, b'>'),
            Some(b'/') if bytes.get(open + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let (tag, after) = read_tag(html, open);
                page.tag(&tag);
                after
            }
            // `</>` and `</` + something else than a letter: ignored up to `>`.
            Some(b'/') => skip_past(bytes, open, b'>'),
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, after) = read_tag(html, open);
                page.tag(&tag);
                if tag.kind == TagKind::RawText && !tag.end {
                    raw_text_end(html, after, tag.name)
                } else {
                    after
                }
            }
            // A `<` that starts no tag is text.
            _ => {
                page.text("<");
                open + 1
            }
        };
    }
    page.finish()
}

/// The tags the table reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Table,
    Row,
    Cell,
    /// `<thead>`, `<tbody>`, `<tfoot>`.
    RowGroup,
    /// `<script>`, `<style>`, `<title>`: their content is no markup and is not read.
    RawText,
    Other,
}

/// A start or end tag, with the span attributes of a cell.
#[derive(Debug)]
struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    end: bool,
    colspan: Option<&'a str>,
    rowspan: Option<&'a str>,
}

fn tag_kind(name: &str) -> TagKind {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    if is("table") {
        TagKind::Table
    } else if is("tr") {
        TagKind::Row
    } else if is("td") || is("th") {
        TagKind::Cell
    } else if is("thead") || is("tbody") || is("tfoot") {
        TagKind::RowGroup
    } else if is("script") || is("style") || is("title") {
        TagKind::RawText
    } else {
        TagKind::Other
    }
}

/// Reads the tag whose `<` is at `open` (`<` or `</` followed by a letter);
/// returns it and the position after its `>` (the end of the text if it has none).
/// A `>` inside a quoted attribute value does not end the tag.
fn read_tag(html: &str, open: usize) -> (Tag<'_>, usize) {
    let bytes = html.as_bytes();
    let end = bytes.get(open + 1) == Some(&b'/');
    let name_start = open + 1 + usize::from(end);
    let mut at = name_start;
    while at < bytes.len() && !ends_name(bytes[at]) {
        at += 1;
    }
    let name = slice(html, name_start, at);
    let mut tag = Tag {
        kind: tag_kind(name),
        name,
        end,
        colspan: None,
        rowspan: None,
    };
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return (tag, bytes.len()),
            Some(b'>') => return (tag, at + 1),
            Some(_) => {}
        }
        // An attribute name runs to a space, `/`, `>` or `=` (a first `=` included).
        let attribute_start = at;
        at += 1;
        while at < bytes.len() && !ends_name(bytes[at]) && bytes[at] != b'=' {
            at += 1;
        }
        let attribute = slice(html, attribute_start, at);
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        let mut value = "";
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let close = find_byte(bytes, at + 1, quote).unwrap_or(bytes.len());
                    value = slice(html, at + 1, close);
                    at = (close + 1).min(bytes.len());
                }
                _ => {
                    let value_start = at;
                    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                        at += 1;
                    }
                    value = slice(html, value_start, at);
                }
            }
        }
        // As in a browser, the first of repeated attributes counts.
        if attribute.eq_ignore_ascii_case("colspan") {
            tag.colspan.get_or_insert(value);
        } else if attribute.eq_ignore_ascii_case("rowspan") {
            tag.rowspan.get_or_insert(value);
        }
    }
}

/// HTML white space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Bytes that end a tag or attribute name.
fn ends_name(byte: u8) -> bool {
    is_space(byte) || byte == b'/' || byte == b'>'
}

/// The text between two byte positions; both always follow or precede an ASCII
/// byte, so they lie on character boundaries (empty text if one did not).
fn slice(html: &str, from: usize, to: usize) -> &str {
    html.get(from..to).unwrap_or_default()
}

fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|p| p + from)
}

/// The position after the next `byte` from `from`, or the end of the text.
fn skip_past(bytes: &[u8], from: usize, byte: u8) -> usize {
    find_byte(bytes, from, byte).map_or(bytes.len(), |p| p + 1)
}

/// The position after the comment starting at `open` (`<!--`).
fn skip_comment(html: &str, open: usize) -> usize {
    let body = open + 4;
    let rest = slice(html, body, html.len());
    if rest.starts_with('>') {
        body + 1
    } else if rest.starts_with("->") {
        body + 2
    } else {
        rest.find("-->").map_or(html.len(), |p| body + p + 3)
    }
}

/// Where the end tag of a `<script>`, `<style>` or `<title>` is (its content
/// is skipped unread), or the end of the text.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(open) = find_byte(bytes, at, b'<') {
        let name_end = open + 2 + name.len();
        if bytes.get(open + 1) == Some(&b'/')
            && bytes
                .get(open + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|b| ends_name(*b))
        {
            return open;
        }
        at = open + 1;
    }
    bytes.len()
}

/// A `colspan` / `rowspan` value read as a browser reads it (leading digits;
/// none, or a bad value, is 1), clamped to `max`; 0 reads as `zero`.
fn span(value: Option<&str>, max: u32, zero: u32) -> u32 {
    let Some(value) = value else {
        return 1;
    };
    let value = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = value.strip_prefix('+').unwrap_or(value);
    let mut number: u32 = 0;
    let mut any = false;
    for digit in digits.bytes().take_while(u8::is_ascii_digit) {
        any = true;
        number = number
            .saturating_mul(10)
            .saturating_add(u32::from(digit - b'0'));
    }
    match number {
        _ if !any => 1,
        0 => zero,
        n => n.min(max),
    }
}

/// The open tables of a page (innermost last) and the tables read so far.
#[derive(Default)]
struct PageBuilder {
    /// Every table, in the order they start; a table is filled in when it ends.
    tables: Vec<HtmlTable>,
    open: Vec<TableBuilder>,
    /// How many open tables are nested too deep to be read.
    skipped_depth: usize,
}

impl PageBuilder {
    fn text(&mut self, text: &str) {
        if self.skipped_depth == 0 {
            if let Some(table) = self.open.last_mut() {
                table.text(text);
            }
        }
    }

    fn tag(&mut self, tag: &Tag<'_>) {
        if tag.kind == TagKind::Table {
            if tag.end {
                self.end_table();
            } else {
                self.start_table();
            }
            return;
        }
        if self.skipped_depth > 0 {
            return;
        }
        let Some(table) = self.open.last_mut() else {
            return;
        };
        match (tag.kind, tag.end) {
            (TagKind::Row, false) => {
                table.end_row();
                table.start_row();
            }
            (TagKind::Row, true) => table.end_row(),
            (TagKind::Cell, false) => table.start_cell(
                span(tag.colspan, MAX_COLSPAN, 1),
                span(tag.rowspan, MAX_ROWSPAN, MAX_ROWSPAN),
            ),
            (TagKind::Cell, true) => table.end_cell(),
            (TagKind::RowGroup, _) => table.end_group(),
            // Any other tag in a cell (`<br>`, `<b>`, `<p>` …) reads as a space.
            _ => table.text(" "),
        }
    }

    fn start_table(&mut self) {
        if self.skipped_depth > 0 || self.open.len() >= MAX_TABLE_DEPTH {
            self.skipped_depth += 1;
            return;
        }
        if let Some(outer) = self.open.last_mut() {
            outer.text(" ");
        }
        self.open.push(TableBuilder::new(self.tables.len()));
        self.tables.push(HtmlTable::default());
    }

    fn end_table(&mut self) {
        if self.skipped_depth > 0 {
            self.skipped_depth -= 1;
            return;
        }
        if let Some(table) = self.open.pop() {
            self.close(table);
            if let Some(outer) = self.open.last_mut() {
                outer.text(" ");
            }
        }
    }

    fn close(&mut self, table: TableBuilder) {
        let slot = table.slot;
        if let Some(place) = self.tables.get_mut(slot) {
            *place = table.finish();
        }
    }

    fn finish(mut self) -> Vec<HtmlTable> {
        while let Some(table) = self.open.pop() {
            self.close(table);
        }
        self.tables.retain(|table| !table.rows.is_empty());
        self.tables
    }
}

/// One table being read: the HTML table model, one `<tr>` at a time.
///
/// Cells spanning rows cover columns of the rows below; `covered` holds those
/// columns for the current row as maximal runs (first column → last column), so
/// finding a cell's column costs one look-up whatever the number of spans, and
/// `spans` hands each spanning block back (by its last row) when it ends. Spans
/// are clipped to the rows that arrive, so a declared span costs nothing.
struct TableBuilder {
    /// Its place among the page's tables.
    slot: usize,
    table: HtmlTable,
    /// `<tr>`s (and rows implied by a cell outside any) seen so far.
    rows_started: u32,
    row: Option<OpenRow>,
    cell: Option<OpenCell>,
    covered: BTreeMap<u32, u32>,
    /// Blocks spanning rows still open: (last row, first column, last column, index in `merged`).
    spans: BinaryHeap<Reverse<(u32, u32, u32, usize)>>,
}

struct OpenRow {
    row: Row,
    /// The column after the last cell placed.
    next_column: u32,
}

struct OpenCell {
    column: u32,
    /// Its content with every tag read as a space.
    raw: String,
}

impl TableBuilder {
    fn new(slot: usize) -> Self {
        Self {
            slot,
            table: HtmlTable::default(),
            rows_started: 0,
            row: None,
            cell: None,
            covered: BTreeMap::new(),
            spans: BinaryHeap::new(),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.raw.push_str(text);
        }
    }

    fn start_row(&mut self) {
        let index = self.rows_started;
        self.rows_started = self.rows_started.saturating_add(1);
        while let Some(&Reverse((last_row, first, last, _))) = self.spans.peek() {
            if last_row >= index {
                break;
            }
            self.spans.pop();
            self.uncover(first, last);
        }
        self.row = Some(OpenRow {
            row: Row::new(index),
            next_column: 0,
        });
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(open) = self.row.take() {
            if open.row.cells().next().is_some() {
                self.table.rows.push(open.row);
            }
        }
    }

    fn start_cell(&mut self, colspan: u32, rowspan: u32) {
        self.end_cell();
        if self.row.is_none() {
            self.start_row();
        }
        let Some(open) = &mut self.row else {
            return;
        };
        let row = open.row.index;
        // The first column from here that no block from the rows above covers
        // (runs are maximal, so the column after a run is free) …
        let mut column = open.next_column;
        if let Some((_, &last)) = self.covered.range(..=column).next_back() {
            if last >= column {
                column = last.saturating_add(1);
            }
        }
        // … and as many columns as are free from there: blocks never overlap,
        // as Excel's merged ranges cannot.
        let mut width = colspan;
        if let Some((&start, _)) = self.covered.range(column.saturating_add(1)..).next() {
            width = width.min(start.saturating_sub(column)).max(1);
        }
        let last_column = column.saturating_add(width.saturating_sub(1));
        open.next_column = last_column.saturating_add(1);
        if rowspan > 1 || last_column > column {
            let region = self.table.merged.len();
            let last_row = row.saturating_add(rowspan.saturating_sub(1));
            self.table.merged.push(MergedRegion {
                first_row: row,
                first_column: column,
                last_row,
                last_column,
            });
            if rowspan > 1 {
                self.spans
                    .push(Reverse((last_row, column, last_column, region)));
                self.cover(column, last_column);
            }
        }
        self.cell = Some(OpenCell {
            column,
            raw: String::new(),
        });
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        if let Some(open) = &mut self.row {
            open.row
                .push(cell.column, CellValue::text(&cell_text(&cell.raw)));
        }
    }

    /// A row group (`<thead>`, `<tbody>`, `<tfoot>`) or the table ends: blocks
    /// spanning rows end with its last row.
    fn end_group(&mut self) {
        self.end_row();
        let last_row = self.rows_started.saturating_sub(1);
        for Reverse((_, _, _, region)) in self.spans.drain() {
            if let Some(region) = self.table.merged.get_mut(region) {
                region.last_row = region.last_row.min(last_row);
            }
        }
        self.covered.clear();
    }

    fn finish(mut self) -> HtmlTable {
        self.end_group();
        // A block cut back to one cell is no merged range.
        self.table
            .merged
            .retain(|r| r.first_row != r.last_row || r.first_column != r.last_column);
        self.table
    }

    /// Marks columns `first..=last` covered, joining the runs next to them.
    fn cover(&mut self, first: u32, last: u32) {
        let (mut start, mut end) = (first, last);
        if let Some(before) = first.checked_sub(1) {
            if let Some((&run_start, &run_end)) = self.covered.range(..=before).next_back() {
                if run_end == before {
                    self.covered.remove(&run_start);
                    start = run_start;
                }
            }
        }
        if let Some(after) = last.checked_add(1) {
            if let Some(run_end) = self.covered.remove(&after) {
                end = run_end;
            }
        }
        self.covered.insert(start, end);
    }

    /// Frees columns `first..=last` (a block that has ended), splitting their run.
    fn uncover(&mut self, first: u32, last: u32) {
        let Some((&start, &end)) = self.covered.range(..=first).next_back() else {
            return;
        };
        if end < last {
            return;
        }
        self.covered.remove(&start);
        if start < first {
            self.covered.insert(start, first - 1);
        }
        if last < end {
            self.covered.insert(last + 1, end);
        }
    }
}

/// A cell's text from its content with tags read as spaces (`<br>` too):
/// entities decoded, white space folded.
fn cell_text(raw: &str) -> String {
    let decoded = decode_entities(raw);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // An entity is short: look for its ';' in the first 12 bytes (by bytes, so
        // that Chinese text after a bare '&' is never cut inside a character).
        let Some(end) = tail.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "nbsp" => Some(' '),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;

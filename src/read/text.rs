//! Spreadsheets that are really text: the HTML tables and tab-separated text
//! many Chinese systems save under an `.xls` name, and `.csv` files, in UTF-8
//! (with or without BOM), UTF-16 or GBK.
//!
//! The whole text is decoded and split into rows of text cells; amounts and
//! dates in them are read by the same parsers as text cells of a workbook.

use super::cell::{CellValue, MergedRegion, Row};
use anyhow::{bail, Context, Result};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
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
            sheets: html_tables(&text)
                .into_iter()
                .enumerate()
                .map(|(index, rows)| {
                    let name = if index == 0 {
                        sheet_name.to_string()
                    } else {
                        format!("{sheet_name}（表{}）", index + 1)
                    };
                    TextSheet {
                        name,
                        rows,
                        merged: Vec::new(),
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

/// The rows of every `<table>` of an HTML page: `<td>` / `<th>` text, `colspan` honoured.
fn html_tables(html: &str) -> Vec<Vec<Row>> {
    let lower = html.to_ascii_lowercase();
    let mut tables = Vec::new();
    let mut position = 0;
    while let Some(start) = lower[position..].find("<table").map(|p| p + position) {
        let end = lower[start..]
            .find("</table")
            .map_or(lower.len(), |p| p + start);
        tables.push(table_rows(&html[start..end], &lower[start..end]));
        position = end.max(start + 1);
    }
    tables.retain(|rows: &Vec<Row>| !rows.is_empty());
    tables
}

fn table_rows(html: &str, lower: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (row_index, (row_start, _)) in lower.match_indices("<tr").enumerate() {
        let row_end = lower[row_start + 3..]
            .find("<tr")
            .map_or(lower.len(), |p| p + row_start + 3);
        let row_html = &html[row_start..row_end];
        let row_lower = &lower[row_start..row_end];
        let mut cells = Vec::new();
        let mut cursor = 0;
        while let Some(open) = next_cell_tag(&row_lower[cursor..]).map(|p| p + cursor) {
            let tag_end = row_lower[open..]
                .find('>')
                .map_or(row_lower.len(), |p| p + open + 1);
            let close =
                next_cell_boundary(&row_lower[tag_end..]).map_or(row_lower.len(), |p| p + tag_end);
            let span = colspan(&row_lower[open..tag_end]);
            cells.push(cell_text(&row_html[tag_end..close]));
            cells.extend(std::iter::repeat_n(String::new(), span.saturating_sub(1)));
            cursor = close.max(open + 1);
        }
        push_row(&mut rows, row_index, cells);
    }
    rows
}

fn next_cell_tag(lower: &str) -> Option<usize> {
    [lower.find("<td"), lower.find("<th")]
        .into_iter()
        .flatten()
        .min()
}

fn next_cell_boundary(lower: &str) -> Option<usize> {
    [
        lower.find("</td"),
        lower.find("</th"),
        lower.find("<td"),
        lower.find("<th"),
        lower.find("</tr"),
    ]
    .into_iter()
    .flatten()
    .min()
}

fn colspan(tag: &str) -> usize {
    let Some(at) = tag.find("colspan") else {
        return 1;
    };
    let digits: String = tag[at + 7..]
        .trim_start_matches(['=', '"', '\'', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(1).clamp(1, 100)
}

/// A cell's text: tags removed, `<br>` as a space, entities decoded, white space folded.
fn cell_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = decode_entities(&text);
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

//! A copy of the rows read, kept in a temporary file for the `明细` sheet.
//!
//! `明细` lists every input row below the header with what was done with it,
//! and what was done is final only once the whole ledger is read (the account
//! rule, closing vouchers, the graded year). Parsing the sheet a second time
//! costs as much as the first reading (inflate + XML); reading back a compact
//! copy of the rows costs a small fraction of it, and neither holds the rows in
//! memory. The copy lives in an anonymous temporary file (removed by the system
//! when jixiao ends, even when it is stopped); when no such file can be made
//! or written, the rows are read from the input again, as before.
//!
//! Rows are recorded sheet by sheet; a sheet's rows count only once the sheet
//! is committed as part of the ledger (a sheet found to be a copy, or of
//! another book, is not).

use super::cell::{CellValue, Row};
use crate::dates::CalendarDate;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// The recorded rows of the sheets read, in a temporary file.
pub struct RowSpill {
    /// The file while it can be written; `None` once anything failed.
    writer: Option<BufWriter<File>>,
    /// Bytes written so far.
    written: u64,
    /// Where the sheet being read started.
    sheet_start: u64,
    /// The committed sheets: (index into the ledger's sheets, start, end).
    segments: Vec<(u16, u64, u64)>,
}

impl std::fmt::Debug for RowSpill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowSpill")
            .field("usable", &self.is_usable())
            .field("written", &self.written)
            .field("segments", &self.segments)
            .finish()
    }
}

impl RowSpill {
    /// A new, empty copy in the system's temporary folder (unusable when none can be made).
    pub fn new() -> Self {
        Self {
            writer: tempfile::tempfile()
                .ok()
                .map(|file| BufWriter::with_capacity(1 << 16, file)),
            written: 0,
            sheet_start: 0,
            segments: Vec::new(),
        }
    }

    /// True while every row recorded is in the file.
    pub fn is_usable(&self) -> bool {
        self.writer.is_some()
    }

    /// Starts recording a sheet's rows.
    pub fn begin_sheet(&mut self) {
        self.sheet_start = self.written;
    }

    /// Records one row of the sheet being read.
    pub fn record(&mut self, row: &Row) {
        let Some(writer) = self.writer.as_mut() else {
            return;
        };
        match encode(writer, row) {
            Ok(bytes) => self.written += bytes,
            // A full temporary folder: the rows are read from the input again.
            Err(_) => self.writer = None,
        }
    }

    /// Keeps the rows recorded since [`Self::begin_sheet`] as sheet `sheet` of the ledger.
    pub fn commit_sheet(&mut self, sheet: u16) {
        if self.written > self.sheet_start {
            self.segments.push((sheet, self.sheet_start, self.written));
        }
        self.sheet_start = self.written;
    }

    /// Calls `visit` with (sheet, row) for every committed row, in the order
    /// recorded. Fails when the copy is unusable or cannot be read back.
    pub fn replay(&mut self, visit: &mut dyn FnMut(u16, Row)) -> io::Result<()> {
        let writer = self
            .writer
            .take()
            .ok_or_else(|| io::Error::other("临时副本不可用"))?;
        let mut file = writer.into_inner().map_err(|e| e.into_error())?;
        for &(sheet, start, end) in &self.segments {
            file.seek(SeekFrom::Start(start))?;
            let mut reader = BufReader::with_capacity(1 << 16, (&file).take(end - start));
            while let Some(row) = decode(&mut reader)? {
                visit(sheet, row);
            }
        }
        Ok(())
    }
}

impl Default for RowSpill {
    fn default() -> Self {
        Self::new()
    }
}

const EMPTY: u8 = 0;
const TEXT: u8 = 1;
const NUMBER: u8 = 2;
const DATE: u8 = 3;
const INVALID_DATE: u8 = 4;
const BOOL: u8 = 5;
const ERROR: u8 = 6;
const FORMULA: u8 = 7;

/// Writes `row`; returns the bytes written.
fn encode(out: &mut impl Write, row: &Row) -> io::Result<u64> {
    let cells: Vec<(u32, &CellValue)> = row.cells().collect();
    let count = u32::try_from(cells.len()).map_err(io::Error::other)?;
    let mut written = 8u64;
    out.write_all(&row.index.to_le_bytes())?;
    out.write_all(&count.to_le_bytes())?;
    for (column, value) in cells {
        out.write_all(&column.to_le_bytes())?;
        written += 5;
        written += match value {
            CellValue::Empty => {
                out.write_all(&[EMPTY])?;
                0
            }
            CellValue::Text(text) => write_text(out, TEXT, text)?,
            CellValue::Number(number) => {
                out.write_all(&[NUMBER])?;
                out.write_all(&number.to_le_bytes())?;
                8
            }
            CellValue::Date(day) => {
                out.write_all(&[DATE])?;
                out.write_all(&day.year.to_le_bytes())?;
                out.write_all(&day.month.to_le_bytes())?;
                out.write_all(&day.day.to_le_bytes())?;
                12
            }
            CellValue::InvalidDate(serial) => {
                out.write_all(&[INVALID_DATE])?;
                out.write_all(&serial.to_le_bytes())?;
                8
            }
            CellValue::Bool(flag) => {
                out.write_all(&[BOOL, u8::from(*flag)])?;
                1
            }
            CellValue::Error(text) => write_text(out, ERROR, text)?,
            CellValue::FormulaWithoutValue(text) => write_text(out, FORMULA, text)?,
        };
    }
    Ok(written)
}

fn write_text(out: &mut impl Write, tag: u8, text: &str) -> io::Result<u64> {
    let length = u32::try_from(text.len()).map_err(io::Error::other)?;
    out.write_all(&[tag])?;
    out.write_all(&length.to_le_bytes())?;
    out.write_all(text.as_bytes())?;
    Ok(4 + u64::from(length))
}

/// Reads the next row; `None` at the end of the segment.
fn decode(input: &mut impl Read) -> io::Result<Option<Row>> {
    let mut first = [0u8; 4];
    match input.read_exact(&mut first) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(error) => return Err(error),
    }
    let mut row = Row::new(u32::from_le_bytes(first));
    let count = read_u32(input)?;
    for _ in 0..count {
        let column = read_u32(input)?;
        let mut tag = [0u8; 1];
        input.read_exact(&mut tag)?;
        let value = match tag[0] {
            EMPTY => CellValue::Empty,
            TEXT => CellValue::Text(read_text(input)?),
            NUMBER => CellValue::Number(read_f64(input)?),
            DATE => {
                let year = read_u32(input)? as i32;
                let month = read_u32(input)?;
                let day = read_u32(input)?;
                CellValue::Date(CalendarDate { year, month, day })
            }
            INVALID_DATE => CellValue::InvalidDate(read_f64(input)?),
            BOOL => {
                let mut flag = [0u8; 1];
                input.read_exact(&mut flag)?;
                CellValue::Bool(flag[0] != 0)
            }
            ERROR => CellValue::Error(read_text(input)?),
            FORMULA => CellValue::FormulaWithoutValue(read_text(input)?),
            other => return Err(io::Error::other(format!("临时副本已损坏（类型 {other}）"))),
        };
        row.push(column, value);
    }
    Ok(Some(row))
}

fn read_u32(input: &mut impl Read) -> io::Result<u32> {
    let mut bytes = [0u8; 4];
    input.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

fn read_f64(input: &mut impl Read) -> io::Result<f64> {
    let mut bytes = [0u8; 8];
    input.read_exact(&mut bytes)?;
    Ok(f64::from_le_bytes(bytes))
}

fn read_text(input: &mut impl Read) -> io::Result<String> {
    let length = read_u32(input)? as usize;
    let mut bytes = vec![0u8; length];
    input.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

#[cfg(test)]
mod tests;

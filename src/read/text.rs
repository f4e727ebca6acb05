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
//! crate's reader (one record at a time) or the HTML tokenizer below, which
//! holds only the rows being built and the pending `rowspan` blocks. Cells are
//! handed over one by one and kept nowhere; an HTML table's visit starts at
//! its own `<table>` tag and stops at its end.
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

/// Decodes a settings file as Notepad may have saved it: UTF-8 (with or
/// without BOM), UTF-16 with its BOM, or GBK.
pub fn decode_settings_text(bytes: &[u8]) -> String {
    decode(bytes, TextKind::Delimited).0
}

/// Decodes text held in memory, deciding as [`choose_encoding`] does.
fn decode(bytes: &[u8], kind: TextKind) -> (String, &'static Encoding) {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let (encoding, bom) = choose_encoding(head, kind, || Ok(std::str::from_utf8(bytes).is_ok()))
        .unwrap_or((GB18030, 0));
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    (text.into_owned(), encoding)
}

/// The encoding and BOM length: by BOM, then (HTML) the declared charset, then
/// UTF-8 if the whole text is valid UTF-8, then UTF-16 if every other byte of
/// the head is zero, else GB18030 (a superset of GBK).
fn choose_encoding(
    head: &[u8],
    kind: TextKind,
    whole_is_utf8: impl FnOnce() -> io::Result<bool>,
) -> io::Result<(&'static Encoding, usize)> {
    if let Some(found) = Encoding::for_bom(head) {
        return Ok(found);
    }
    if kind == TextKind::Html {
        let declared = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_lowercase();
        if [
            "charset=gb2312",
            "charset=gbk",
            "charset=gb18030",
            "charset=\"gb2312\"",
            "charset=\"gbk\"",
        ]
        .iter()
        .any(|c| declared.contains(c))
        {
            return Ok((GB18030, 0));
        }
    }
    if whole_is_utf8()? {
        return Ok((UTF_8, 0));
    }
    if looks_like_utf16(head) {
        let encoding = if head.get(1) == Some(&0) {
            UTF_16LE
        } else {
            UTF_16BE
        };
        return Ok((encoding, 0));
    }
    Ok((GB18030, 0))
}

/// True when the whole file is valid UTF-8, read piece by piece (a character
/// cut by a piece's end is carried into the next).
fn file_is_utf8(path: &Path) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let mut buffer = vec![0u8; CHUNK];
    let mut carried = 0;
    loop {
        let read = match file.read(&mut buffer[carried..]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            read => read?,
        };
        if read == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + read;
        match std::str::from_utf8(&buffer[..filled]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buffer.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
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

/// Text decoded piece by piece.
trait TextSource {
    /// The next piece of text (whole characters), or `None` at the end.
    fn next_piece(&mut self) -> io::Result<Option<&str>>;
}

/// A file decoded as it is read: at most one piece of raw bytes and one of
/// text are held. Also an [`io::Read`] of the text as UTF-8, for the csv reader.
struct Decoded {
    raw: BufReader<File>,
    decoder: Decoder,
    text: String,
    /// How much of `text` [`Read::read`] has handed out.
    taken: usize,
    finished: bool,
}

impl Decoded {
    /// Decodes `path` from byte `start` (where the text starts, after any BOM,
    /// or an HTML table's `<`), reading `raw_capacity` bytes at a time.
    fn open(
        path: &Path,
        encoding: &'static Encoding,
        start: u64,
        raw_capacity: usize,
    ) -> io::Result<Self> {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(start))?;
        Ok(Self {
            raw: BufReader::with_capacity(raw_capacity.max(1), file),
            decoder: encoding.new_decoder_without_bom_handling(),
            text: String::with_capacity(CHUNK),
            taken: 0,
            finished: false,
        })
    }

    /// Decodes the next piece into `text`; false at the end of the file.
    fn refill(&mut self) -> io::Result<bool> {
        self.text.clear();
        self.taken = 0;
        while !self.finished {
            let raw = self.raw.fill_buf()?;
            let last = raw.is_empty();
            let (result, read, _) = self.decoder.decode_to_string(raw, &mut self.text, last);
            self.raw.consume(read);
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
            if !self.text.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl TextSource for Decoded {
    fn next_piece(&mut self) -> io::Result<Option<&str>> {
        if !self.refill()? {
            return Ok(None);
        }
        self.taken = self.text.len();
        Ok(Some(&self.text))
    }
}

impl Read for Decoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.taken == self.text.len() && !self.refill()? {
            return Ok(0);
        }
        let rest = &self.text.as_bytes()[self.taken..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.taken += n;
        Ok(n)
    }
}

/// Which limit a delimited text overran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overrun {
    /// One line longer than [`MAX_LINE_BYTES`].
    Line,
    /// One record over several lines (an unclosed quote) longer than that.
    Record,
}

/// The decoded text as the csv reader reads it, refusing to hand out more of a
/// line or record already longer than [`MAX_LINE_BYTES`]: the csv reader would
/// otherwise hold all of it.
struct Limited<R> {
    inner: R,
    /// Bytes handed out.
    handed: u64,
    line_feeds: u64,
    carriage_returns: u64,
    /// Where the line being handed out starts.
    line_start: u64,
    /// Where the record being read starts, and its line (set by the reader's loop).
    record_start: u64,
    record_line: u64,
    overrun: Option<Overrun>,
}

impl<R: Read> Limited<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            handed: 0,
            line_feeds: 0,
            carriage_returns: 0,
            line_start: 0,
            record_start: 0,
            record_line: 1,
            overrun: None,
        }
    }

    /// The 1-based number of the line being handed out (lines end with `\n`, or
    /// with `\r` in a file that has no `\n`).
    fn line_number(&self) -> u64 {
        1 + if self.line_feeds > 0 {
            self.line_feeds
        } else {
            self.carriage_returns
        }
    }

    /// The length of the line being handed out, read on to its end without
    /// keeping it (at most [`MEASURE_LIMIT`]); true when its end was reached.
    fn measure_line(&mut self) -> (u64, bool) {
        let mut length = self.handed - self.line_start;
        let mut buffer = vec![0u8; CHUNK];
        while length < MEASURE_LIMIT {
            let Ok(read) = self.inner.read(&mut buffer) else {
                return (length, false);
            };
            if read == 0 {
                return (length, true);
            }
            if let Some(end) = buffer[..read]
                .iter()
                .position(|b| matches!(b, b'\n' | b'\r'))
            {
                return (length + end as u64, true);
            }
            length += read as u64;
        }
        (length, false)
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limit = MAX_LINE_BYTES as u64;
        let line = self.handed - self.line_start;
        let record = self.handed - self.record_start;
        if line > limit {
            self.overrun = Some(Overrun::Line);
        } else if record > limit {
            self.overrun = Some(Overrun::Record);
        }
        if self.overrun.is_some() {
            return Err(io::Error::other("行过长"));
        }
        // Never more than one byte past the limit: it is then exact.
        let room = usize::try_from(limit + 1 - line.max(record)).unwrap_or(usize::MAX);
        let wanted = buf.len().min(room);
        let read = self.inner.read(&mut buf[..wanted])?;
        let piece = &buf[..read];
        if let Some(end) = piece.iter().rposition(|b| matches!(b, b'\n' | b'\r')) {
            self.line_start = self.handed + end as u64 + 1;
            self.line_feeds += piece.iter().filter(|b| **b == b'\n').count() as u64;
            self.carriage_returns += piece.iter().filter(|b| **b == b'\r').count() as u64;
        }
        self.handed += read as u64;
        Ok(read)
    }
}

/// Streams delimited text record by record (read `capacity` bytes at a time).
fn visit_delimited(
    source: impl Read,
    delimiter: char,
    capacity: usize,
    sink: &mut CellSink<'_>,
) -> Result<ControlFlow<()>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(u8::try_from(delimiter).unwrap_or(b','))
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(capacity.max(1))
        .from_reader(Limited::new(source));
    let mut record = csv::ByteRecord::new();
    let mut rows = DelimitedRows::new(delimiter);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(ControlFlow::Continue(())),
            Err(error) => return Err(describe_csv_error(&mut reader, &error)),
        }
        let (end, line) = (reader.position().byte(), reader.position().line());
        let limited = reader.get_mut();
        limited.record_start = end;
        limited.record_line = line;
        if rows.record(&record, sink)?.is_break() {
            return Ok(ControlFlow::Break(()));
        }
    }
}

/// The message of a record that could not be read.
fn describe_csv_error<R: Read>(
    reader: &mut csv::Reader<Limited<R>>,
    error: &csv::Error,
) -> anyhow::Error {
    let limited = reader.get_mut();
    let record_line = limited.record_line;
    let most = MAX_LINE_BYTES >> 20;
    match limited.overrun {
        Some(Overrun::Line) => {
            let line = limited.line_number();
            let (length, whole) = limited.measure_line();
            let megabytes = (length + (1 << 19)) >> 20;
            let size = if whole {
                format!("长达 {megabytes} MB")
            } else {
                format!("超过 {megabytes} MB")
            };
            anyhow!(
                "第 {line} 行{size}，不像台账的一行（jixiao 每行最多读 {most} MB）：这个文件可能不是逐行记账的表格，或换行符已经丢失。\
请用 Excel 或 WPS 打开核对，删去这一行，或另存为 .xlsx 后再试"
            )
        }
        Some(Overrun::Record) => anyhow!(
            "从第 {record_line} 行附近开始的一条记录超过 {most} MB 仍未结束：很可能某个单元格以英文双引号（\"）开头却没有配对的结尾引号，\
其后的各行都被读成了这一格。请检查这一行附近的引号，或在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再试"
        ),
        None => anyhow!("{READ_FAILED}（{error}）"),
    }
}

/// Turns csv records into cells, with the fixes for comma-separated text
/// written by hand or by careless exports.
struct DelimitedRows {
    comma: bool,
    /// The width of the first row with two or more cells: the header.
    header_width: Option<usize>,
    /// The records read so far.
    index: usize,
}

impl DelimitedRows {
    fn new(delimiter: char) -> Self {
        Self {
            comma: delimiter == ',',
            header_width: None,
            index: 0,
        }
    }

    fn record(
        &mut self,
        record: &csv::ByteRecord,
        sink: &mut CellSink<'_>,
    ) -> Result<ControlFlow<()>> {
        let index = u32::try_from(self.index).unwrap_or(u32::MAX);
        self.index += 1;
        let fields = record.len();
        match self.header_width {
            None if record
                .iter()
                .filter(|f| !String::from_utf8_lossy(f).trim().is_empty())
                .nth(1)
                .is_some() =>
            {
                self.header_width = Some(fields);
            }
            Some(width) if fields > width && self.comma => {
                // Rows wider than twice Excel's columns are not worth joining (the
                // join can at most halve a row): they are marked as they are.
                let mut wide = fields;
                if fields <= 2 * MAX_COLUMNS as usize {
                    let mut cells: Vec<Cow<'_, str>> =
                        record.iter().map(String::from_utf8_lossy).collect();
                    rejoin_split_numbers(&mut cells, width);
                    if cells.len() <= width {
                        return emit(index, cells, sink);
                    }
                    wide = cells.len();
                }
                // Still wider than the header: which field is which cannot be
                // known, so every column reads as an error and the row is reported.
                let marker = CellValue::Error(format!(
                    "此行有 {wide} 列，表头只有 {width} 列，可能有未加引号的逗号"
                ));
                for column in 0..width {
                    let column = u32::try_from(column).unwrap_or(u32::MAX);
                    if sink(index, column, marker.clone())?.is_break() {
                        return Ok(ControlFlow::Break(()));
                    }
                }
                return Ok(ControlFlow::Continue(()));
            }
            _ => {}
        }
        emit(index, record.iter().map(String::from_utf8_lossy), sink)
    }
}

/// Hands a row's non-empty cells to `sink`.
fn emit<'a>(
    row: u32,
    cells: impl IntoIterator<Item = Cow<'a, str>>,
    sink: &mut CellSink<'_>,
) -> Result<ControlFlow<()>> {
    for (column, text) in cells.into_iter().enumerate() {
        let value = CellValue::text(&text);
        if value.is_empty() {
            continue;
        }
        let column = u32::try_from(column).unwrap_or(u32::MAX);
        if sink(row, column, value)?.is_break() {
            return Ok(ControlFlow::Break(()));
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// Re-joins numbers that an unquoted thousands separator split in comma-separated
/// text (`-1,500.00` read as `-1` and `500.00`) until the row is as wide as its header.
fn rejoin_split_numbers(cells: &mut Vec<Cow<'_, str>>, width: usize) {
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
    let mut excess = cells.len().saturating_sub(width);
    if excess == 0 {
        return;
    }
    let mut joined = Vec::with_capacity(cells.len());
    let mut rest = std::mem::take(cells).into_iter().peekable();
    while let Some(cell) = rest.next() {
        let joins = excess > 0
            && is_head(&cell)
            && !cell.contains('.')
            && rest.peek().is_some_and(|next| is_group(next));
        match rest.next_if(|_| joins) {
            Some(tail) => {
                joined.push(Cow::Owned(format!("{cell},{tail}")));
                excess -= 1;
            }
            None => joined.push(cell),
        }
    }
    *cells = joined;
}

/// Finds, in one read of the raw bytes from `start`, where the `<` characters
/// numbered `marks` (0-based, ascending) are: each `<` of the text is one `<`
/// byte in UTF-8 and GB18030 (never part of another character, and a broken
/// sequence before it does not swallow it) and one `<` unit in UTF-16.
fn raw_offsets(
    path: &Path,
    encoding: &'static Encoding,
    start: u64,
    marks: &[u64],
) -> io::Result<Vec<u64>> {
    let unit: &[u8] = if encoding == UTF_16LE {
        b"<\0"
    } else if encoding == UTF_16BE {
        b"\0<"
    } else {
        b"<"
    };
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut offsets = Vec::with_capacity(marks.len());
    let mut wanted = marks.iter().copied().peekable();
    let mut buffer = vec![0u8; CHUNK];
    let (mut seen, mut position) = (0u64, start);
    while let Some(&mark) = wanted.peek() {
        let filled = fill(&mut file, &mut buffer)?;
        if filled == 0 {
            return Err(io::Error::other("文件在读取过程中被改动了"));
        }
        let chunk = &buffer[..filled];
        let count = if unit.len() == 1 {
            chunk.iter().filter(|b| **b == b'<').count()
        } else {
            chunk.chunks_exact(2).filter(|u| *u == unit).count()
        } as u64;
        if seen + count > mark {
            for (at, _) in chunk
                .chunks_exact(unit.len())
                .enumerate()
                .filter(|(_, u)| *u == unit)
            {
                if wanted.next_if_eq(&seen).is_some() {
                    offsets.push(position + (at * unit.len()) as u64);
                }
                seen += 1;
            }
        } else {
            seen += count;
        }
        position += filled as u64;
    }
    Ok(offsets)
}

/// Reads until `buffer` is full or the file ends (so pieces stay even-sized for UTF-16).
fn fill(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Widest `colspan` honoured (HTML's own limit).
const MAX_COLSPAN: u32 = 1000;
/// Tallest `rowspan` honoured (HTML's own limit); `rowspan=0` reaches the end of the row group.
const MAX_ROWSPAN: u32 = 65535;
/// Deepest nesting of tables read; a table nested deeper is skipped with its content.
const MAX_TABLE_DEPTH: usize = 64;

/// Streams a page through the tokenizer into `page`, handing the rows it keeps
/// to `sink` as they end; stops at the end of the text, when `sink` says so,
/// or (a visit) when the table visited ends.
fn run_page(
    source: &mut dyn TextSource,
    page: &mut PageBuilder,
    sink: &mut CellSink<'_>,
) -> Result<ControlFlow<()>> {
    let mut tokenizer = Tokenizer::new(page.limited);
    let keep = page.keep;
    loop {
        let more = match source.next_piece().context(READ_FAILED)? {
            Some(text) => {
                tokenizer.feed(text, page)?;
                true
            }
            None => {
                tokenizer.finish(page)?;
                page.finish()?;
                false
            }
        };
        for row in page.ready.drain(..) {
            debug_assert!(row.slot == 0 || keep == Keep::All);
            for (column, value) in row.cells {
                if sink(row.index, column, value)?.is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
        if !more || page.first_done {
            return Ok(ControlFlow::Continue(()));
        }
    }
}

/// What the tokenizer is in the middle of.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    /// Text and tags.
    Markup,
    /// A comment, up to `-->`.
    Comment,
    /// `<!…>`, `<?…>` or `</…>` that is no end tag, up to `>`.
    UntilGt,
    /// The content of `<script>`, `<style>` or `<title>` (named), up to its end tag.
    RawText(String),
}

/// Counts the `<` characters of the text read (where each table starts).
#[derive(Debug, Default)]
struct LtCounter {
    /// `<` characters before `counted` (counted from the start of the text).
    before: u64,
    /// How far into the tokenizer's buffer they are counted.
    counted: usize,
}

impl LtCounter {
    /// The number of `<` characters before `to` in `html` (the buffer).
    fn upto(&mut self, html: &str, to: usize) -> u64 {
        let from = self.counted.min(to);
        self.before += html.as_bytes()[from..to]
            .iter()
            .filter(|b| **b == b'<')
            .count() as u64;
        self.counted = to;
        self.before
    }
}

/// The HTML tokenizer, fed the text in pieces: a small linear scanner (tags in
/// any case, attributes quoted or not, comments, `<script>` / `<style>`
/// skipped) that holds only an unfinished tag between pieces.
struct Tokenizer {
    buf: String,
    mode: Mode,
    lts: LtCounter,
    limited: bool,
}

impl Tokenizer {
    fn new(limited: bool) -> Self {
        Self {
            buf: String::new(),
            mode: Mode::Markup,
            lts: LtCounter::default(),
            limited,
        }
    }

    fn feed(&mut self, text: &str, page: &mut PageBuilder) -> Result<()> {
        self.buf.push_str(text);
        self.run(false, page)
    }

    fn finish(&mut self, page: &mut PageBuilder) -> Result<()> {
        self.run(true, page)
    }

    fn run(&mut self, end: bool, page: &mut PageBuilder) -> Result<()> {
        let consumed = scan(&self.buf, end, &mut self.mode, &mut self.lts, page)?;
        self.lts.upto(&self.buf, consumed);
        self.lts.counted = 0;
        self.buf.drain(..consumed);
        if self.limited && self.buf.len() > MAX_TAG_BYTES {
            bail!(
                "网页中有一个标签（<…>）超过 {} MB 仍未结束，不像正常的网页表格：可能缺少“>”或引号不配对。{RESAVE}",
                MAX_TAG_BYTES >> 20
            );
        }
        Ok(())
    }
}

/// Reads tags and text from `html` into `page`; returns how much of it is
/// consumed (an unfinished tag, or the possible start of an end marker, is
/// left for the next piece unless `end`).
fn scan(
    html: &str,
    end: bool,
    mode: &mut Mode,
    lts: &mut LtCounter,
    page: &mut PageBuilder,
) -> Result<usize> {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut at = 0;
    loop {
        if page.first_done {
            return Ok(at);
        }
        match mode {
            Mode::Comment => match html[at..].find("-->") {
                Some(found) => {
                    at += found + 3;
                    *mode = Mode::Markup;
                }
                None if end => return Ok(len),
                None => return Ok(keep_tail(html, at, 2)),
            },
            Mode::UntilGt => match find_byte(bytes, at, b'>') {
                Some(found) => {
                    at = found + 1;
                    *mode = Mode::Markup;
                }
                None => return Ok(len),
            },
            Mode::RawText(name) => match raw_text_end(html, at, name, end) {
                Ok(found) => {
                    at = found;
                    *mode = Mode::Markup;
                }
                Err(keep_from) => return Ok(keep_from),
            },
            Mode::Markup => {
                let Some(open) = find_byte(bytes, at, b'<') else {
                    page.text(&html[at..])?;
                    return Ok(len);
                };
                if open > at {
                    page.text(&html[at..open])?;
                }
                let wait = !end;
                match bytes.get(open + 1).copied() {
                    None if wait => return Ok(open),
                    Some(b'!') if wait && len < open + 4 && b"<!--".starts_with(&bytes[open..]) => {
                        return Ok(open)
                    }
                    Some(b'!') if bytes[open..].starts_with(b"<!--") => {
                        let body = open + 4;
                        match (bytes.get(body), bytes.get(body + 1)) {
                            (Some(b'>'), _) => at = body + 1,
                            (Some(b'-'), Some(b'>')) => at = body + 2,
                            (None, _) | (Some(b'-'), None) if wait => return Ok(open),
                            _ => {
                                at = body;
                                *mode = Mode::Comment;
                            }
                        }
                    }
                    Some(b'!' | b'?') => {
                        at = open + 1;
                        *mode = Mode::UntilGt;
                    }
                    Some(b'/') => match bytes.get(open + 2) {
                        None if wait => return Ok(open),
                        Some(c) if c.is_ascii_alphabetic() => {
                            let Some((tag, after)) = read_tag(html, open, end) else {
                                return Ok(open);
                            };
                            page.tag(&tag, 0)?;
                            at = after;
                        }
                        // `</>` and `</` + something else than a letter: ignored up to `>`.
                        _ => {
                            at = open + 1;
                            *mode = Mode::UntilGt;
                        }
                    },
                    Some(c) if c.is_ascii_alphabetic() => {
                        let Some((tag, after)) = read_tag(html, open, end) else {
                            return Ok(open);
                        };
                        let mark = if tag.kind == TagKind::Table {
                            lts.upto(html, open)
                        } else {
                            0
                        };
                        page.tag(&tag, mark)?;
                        if tag.kind == TagKind::RawText {
                            *mode = Mode::RawText(tag.name.to_string());
                        }
                        at = after;
                    }
                    // A `<` that starts no tag is text.
                    _ => {
                        page.text("<")?;
                        at = open + 1;
                    }
                }
            }
        }
    }
}

/// Where to cut `html` keeping its last `keep` bytes (but nothing before
/// `from`), on a character boundary.
fn keep_tail(html: &str, from: usize, keep: usize) -> usize {
    let mut cut = html.len().saturating_sub(keep).max(from);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
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
/// returns it and the position after its `>`. A `>` inside a quoted attribute
/// value does not end the tag. A tag the text ends in is `None` (more may
/// come), or at the `end` of the whole text ends there.
fn read_tag(html: &str, open: usize, end_of_text: bool) -> Option<(Tag<'_>, usize)> {
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
            None => return end_of_text.then_some((tag, bytes.len())),
            Some(b'>') => return Some((tag, at + 1)),
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

/// Where the end tag of a `<script>`, `<style>` or `<title>` is (its content
/// is skipped unread): `Ok` with its `<`, or `Err` with how far the text can be
/// dropped when it has not come yet (the end of the text if `end`).
fn raw_text_end(html: &str, from: usize, name: &str, end: bool) -> Result<usize, usize> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(open) = find_byte(bytes, at, b'<') {
        let name_end = open + 2 + name.len();
        if !end && name_end >= bytes.len() {
            return Err(open);
        }
        if bytes.get(open + 1) == Some(&b'/')
            && bytes
                .get(open + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes.get(name_end).is_none_or(|b| ends_name(*b))
        {
            return Ok(open);
        }
        at = open + 1;
    }
    Err(bytes.len())
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

/// Which rows and ranges a pass over a page keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// No rows: which tables have content, their merged ranges and where they start.
    Survey,
    /// The rows of the first table started: a visit starts at its `<table>` tag.
    FirstTable,
    /// Every table's rows and merged ranges (tests of the layout).
    #[cfg_attr(not(test), allow(dead_code))]
    All,
}

/// A row ready to be handed over.
#[derive(Debug)]
struct ReadyRow {
    /// The table's place among the tables started in this pass.
    slot: usize,
    index: u32,
    cells: Vec<(u32, CellValue)>,
}

/// A table with content, once it has ended.
#[derive(Debug)]
struct FinishedTable {
    slot: usize,
    /// The number of `<` characters before its `<table` tag.
    mark: u64,
    /// How many tables hold it.
    depth: usize,
    merged: Vec<MergedRegion>,
}

/// What the tables of a page share: the rows ready to be handed over, and the
/// merged ranges kept so far.
#[derive(Debug, Default)]
struct Shared {
    ready: Vec<ReadyRow>,
    /// Merged ranges are kept at all.
    record_regions: bool,
    limited: bool,
    tall_regions: usize,
    flat_regions: usize,
}

/// The open tables of a page (innermost last) and the tables read so far.
///
/// The builder follows the HTML table model. `<td>` / `<th>` and `<tr>` need no
/// closing tag; `rowspan` / `colspan` place later cells as a browser does, and
/// the value of a spanning cell stands in its top-left position only, as in a
/// merged Excel range. Row indices count the `<tr>`s of each table. Tables are
/// numbered in the order they start (a table nested in a cell comes after the
/// table holding it); tables without text are left out.
struct PageBuilder {
    keep: Keep,
    /// The memory limits apply (off for tests of the layout alone).
    limited: bool,
    /// Tables started so far.
    started: usize,
    open: Vec<TableBuilder>,
    /// How many open tables are nested too deep to be read.
    skipped_depth: usize,
    /// How many tables hold the first table of this pass.
    base_depth: usize,
    /// The text and cells held by the open tables' rows.
    held: usize,
    shared: Shared,
    /// The tables with content that have ended.
    finished: Vec<FinishedTable>,
    /// Rows ready to be handed over (moved out of `shared` as they come).
    ready: Vec<ReadyRow>,
    /// The first table started has ended (where a visit stops).
    first_done: bool,
}

impl PageBuilder {
    fn new(keep: Keep, limited: bool) -> Self {
        Self {
            keep,
            limited,
            started: 0,
            open: Vec::new(),
            skipped_depth: 0,
            base_depth: 0,
            held: 0,
            shared: Shared {
                record_regions: keep != Keep::FirstTable,
                limited,
                ..Shared::default()
            },
            finished: Vec::new(),
            ready: Vec::new(),
            first_done: false,
        }
    }

    /// Runs `action` on the innermost open table (if it is read), keeping count
    /// of the text its row holds.
    fn on_table(
        &mut self,
        action: impl FnOnce(&mut TableBuilder, &mut Shared) -> Result<()>,
    ) -> Result<()> {
        if self.skipped_depth > 0 {
            return Ok(());
        }
        let Some(table) = self.open.last_mut() else {
            return Ok(());
        };
        let before = table.row_bytes;
        action(table, &mut self.shared)?;
        self.held = self.held - before + table.row_bytes;
        self.ready.append(&mut self.shared.ready);
        if self.limited && self.held > MAX_ROW_BYTES {
            bail!(
                "网页中第 {} 个表格的第 {} 行内容超过 {} MB，不像台账的一行：可能某个单元格或行没有结束标签，或夹带了大段文字。{RESAVE}",
                table.slot + 1,
                table.rows_started,
                MAX_ROW_BYTES >> 20
            );
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<()> {
        self.on_table(|table, _| {
            table.text(text);
            Ok(())
        })
    }

    /// A tag; `mark` is the number of `<` before a `<table` tag.
    fn tag(&mut self, tag: &Tag<'_>, mark: u64) -> Result<()> {
        if tag.kind == TagKind::Table {
            return if tag.end {
                self.end_table()
            } else {
                self.start_table(mark)
            };
        }
        self.on_table(|table, shared| {
            match (tag.kind, tag.end) {
                (TagKind::Row, false) => {
                    table.end_row(shared);
                    table.start_row();
                }
                (TagKind::Row, true) => table.end_row(shared),
                (TagKind::Cell, false) => table.start_cell(
                    span(tag.colspan, MAX_COLSPAN, 1),
                    span(tag.rowspan, MAX_ROWSPAN, MAX_ROWSPAN),
                    shared,
                )?,
                (TagKind::Cell, true) => table.end_cell(),
                (TagKind::RowGroup, _) => table.end_group(shared),
                // Any other tag in a cell (`<br>`, `<b>`, `<p>` …) reads as a space.
                _ => table.text(" "),
            }
            Ok(())
        })
    }

    fn start_table(&mut self, mark: u64) -> Result<()> {
        if self.skipped_depth > 0 || self.open.len() + self.base_depth >= MAX_TABLE_DEPTH {
            self.skipped_depth += 1;
            return Ok(());
        }
        self.text(" ")?;
        let slot = self.started;
        self.started += 1;
        let keep_rows = match self.keep {
            Keep::Survey => false,
            Keep::FirstTable => slot == 0,
            Keep::All => true,
        };
        let depth = self.open.len() + self.base_depth;
        self.open
            .push(TableBuilder::new(slot, mark, depth, keep_rows));
        Ok(())
    }

    fn end_table(&mut self) -> Result<()> {
        if self.skipped_depth > 0 {
            self.skipped_depth -= 1;
            return Ok(());
        }
        if let Some(table) = self.open.pop() {
            self.close(table)?;
            self.text(" ")?;
        }
        Ok(())
    }

    fn close(&mut self, table: TableBuilder) -> Result<()> {
        self.held -= table.row_bytes;
        if table.slot == 0 && self.keep == Keep::FirstTable {
            self.first_done = true;
        }
        let finished = table.finish(&mut self.shared);
        self.ready.append(&mut self.shared.ready);
        if let Some(finished) = finished {
            if self.limited && self.finished.len() >= MAX_TABLES {
                bail!(
                    "网页中有内容的表格超过 {MAX_TABLES} 个，不像一本台账。请只保留支出明细所在的表格，或在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再试"
                );
            }
            self.finished.push(finished);
        }
        Ok(())
    }

    /// The text has ended: open tables end with it.
    fn finish(&mut self) -> Result<()> {
        while let Some(table) = self.open.pop() {
            self.close(table)?;
        }
        Ok(())
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
    /// Its place among the tables started in the pass.
    slot: usize,
    mark: u64,
    depth: usize,
    /// Its rows are handed over (else only whether it has any is noted).
    keep_rows: bool,
    has_rows: bool,
    merged: Vec<MergedRegion>,
    /// `<tr>`s (and rows implied by a cell outside any) seen so far.
    rows_started: u32,
    row: Option<OpenRow>,
    cell: Option<OpenCell>,
    /// The text of the open row's cells, and [`CELL_BYTES`] for each.
    row_bytes: usize,
    covered: BTreeMap<u32, u32>,
    /// Blocks spanning rows still open: (last row, first column, last column,
    /// index in `merged` or `usize::MAX`).
    spans: BinaryHeap<Reverse<(u32, u32, u32, usize)>>,
}

struct OpenRow {
    index: u32,
    /// Its non-empty cells, left to right (kept rows only).
    cells: Vec<(u32, CellValue)>,
    /// The column after the last cell placed.
    next_column: u32,
}

struct OpenCell {
    column: u32,
    /// Its content with every tag read as a space.
    raw: String,
}

impl TableBuilder {
    fn new(slot: usize, mark: u64, depth: usize, keep_rows: bool) -> Self {
        Self {
            slot,
            mark,
            depth,
            keep_rows,
            has_rows: false,
            merged: Vec::new(),
            rows_started: 0,
            row: None,
            cell: None,
            row_bytes: 0,
            covered: BTreeMap::new(),
            spans: BinaryHeap::new(),
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(cell) = &mut self.cell {
            cell.raw.push_str(text);
            self.row_bytes += text.len();
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
            index,
            cells: Vec::new(),
            next_column: 0,
        });
    }

    fn end_row(&mut self, shared: &mut Shared) {
        self.end_cell();
        self.row_bytes = 0;
        if let Some(open) = self.row.take() {
            if !open.cells.is_empty() {
                shared.ready.push(ReadyRow {
                    slot: self.slot,
                    index: open.index,
                    cells: open.cells,
                });
            }
        }
    }

    fn start_cell(&mut self, colspan: u32, rowspan: u32, shared: &mut Shared) -> Result<()> {
        self.end_cell();
        if self.row.is_none() {
            self.start_row();
        }
        let Some(open) = &mut self.row else {
            return Ok(());
        };
        self.row_bytes += CELL_BYTES;
        let row = open.index;
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
        self.cell = Some(OpenCell {
            column,
            raw: String::new(),
        });
        // A block starting beyond Excel's columns is no merged range (its cells
        // are refused when read), so the blocks held stay few.
        if (rowspan > 1 || last_column > column) && column < MAX_COLUMNS {
            let last_row = row.saturating_add(rowspan.saturating_sub(1));
            let region = MergedRegion {
                first_row: row,
                first_column: column,
                last_row,
                last_column,
            };
            let mut index = usize::MAX;
            if shared.record_regions {
                if rowspan > 1 {
                    shared.tall_regions += 1;
                    if shared.limited && shared.tall_regions > MAX_MERGED_ROWS {
                        bail!(
                            "网页表格中跨行合并的单元格超过 {MAX_MERGED_ROWS} 个，超出 jixiao 能处理的规模。请在 Excel 或 WPS 中打开该文件，取消合并单元格或另存为 .xlsx 后再试"
                        );
                    }
                    index = self.merged.len();
                    self.merged.push(region);
                } else if !shared.limited || shared.flat_regions < MAX_MERGED_FLAT {
                    // Past the limit, ranges one row high are left out: they never
                    // cover a cell below them, which is all merged ranges decide.
                    shared.flat_regions += 1;
                    self.merged.push(region);
                }
            }
            if rowspan > 1 {
                self.spans
                    .push(Reverse((last_row, column, last_column, index)));
                self.cover(column, last_column);
            }
        }
        Ok(())
    }

    fn end_cell(&mut self) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let Some(open) = &mut self.row else {
            return;
        };
        if !self.keep_rows && self.has_rows {
            // Only whether the table has text is wanted, and that is known.
            return;
        }
        let value = CellValue::text(&cell_text(&cell.raw));
        if value.is_empty() {
            return;
        }
        self.has_rows = true;
        if self.keep_rows {
            open.cells.push((cell.column, value));
        }
    }

    /// A row group (`<thead>`, `<tbody>`, `<tfoot>`) or the table ends: blocks
    /// spanning rows end with its last row.
    fn end_group(&mut self, shared: &mut Shared) {
        self.end_row(shared);
        let last_row = self.rows_started.saturating_sub(1);
        for Reverse((_, _, _, region)) in self.spans.drain() {
            if let Some(region) = self.merged.get_mut(region) {
                region.last_row = region.last_row.min(last_row);
            }
        }
        self.covered.clear();
    }

    /// Ends the table: the table with its merged ranges if it has text.
    fn finish(mut self, shared: &mut Shared) -> Option<FinishedTable> {
        self.end_group(shared);
        if !self.has_rows {
            return None;
        }
        // A block cut back to one cell is no merged range.
        self.merged
            .retain(|r| r.first_row != r.last_row || r.first_column != r.last_column);
        Some(FinishedTable {
            slot: self.slot,
            mark: self.mark,
            depth: self.depth,
            merged: self.merged,
        })
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

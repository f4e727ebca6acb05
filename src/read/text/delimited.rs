//! Delimited text (csv, tab-separated): the delimiter guessed, records
//! streamed through the `csv` crate, numbers split by a thousands comma rejoined.

use super::*;

/// Tab when the first lines have tabs, else the one of `,` `;` that is most frequent.
pub(super) fn guess_delimiter(text: &str) -> char {
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

/// Streams delimited text record by record (read `capacity` bytes at a time).
pub(super) fn visit_delimited(
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
pub(super) fn describe_csv_error<R: Read>(
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
pub(super) struct DelimitedRows {
    comma: bool,
    /// The width of the first row with two or more cells: the header.
    header_width: Option<usize>,
    /// The records read so far.
    pub(super) index: usize,
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
pub(super) fn emit<'a>(
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
pub(super) fn rejoin_split_numbers(cells: &mut Vec<Cow<'_, str>>, width: usize) {
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
pub(super) fn raw_offsets(
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
pub(super) fn fill(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
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

/// Which limit a delimited text overran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Overrun {
    /// One line longer than [`MAX_LINE_BYTES`].
    Line,
    /// One record over several lines (an unclosed quote) longer than that.
    Record,
}

/// The decoded text as the csv reader reads it, refusing to hand out more of a
/// line or record already longer than [`MAX_LINE_BYTES`]: the csv reader would
/// otherwise hold all of it.
pub(super) struct Limited<R> {
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

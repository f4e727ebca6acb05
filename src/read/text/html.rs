//! HTML tables as a browser lays them out: a streaming tokenizer, tables and
//! their rows built as they come, `rowspan` / `colspan` placed and reported as
//! merged ranges.

use super::*;

/// Widest `colspan` honoured (HTML's own limit).
pub(super) const MAX_COLSPAN: u32 = 1000;
/// Tallest `rowspan` honoured (HTML's own limit); `rowspan=0` reaches the end of the row group.
pub(super) const MAX_ROWSPAN: u32 = 65535;
/// Deepest nesting of tables read; a table nested deeper is skipped with its content.
pub(super) const MAX_TABLE_DEPTH: usize = 64;

/// Streams a page through the tokenizer into `page`, handing the rows it keeps
/// to `sink` as they end; stops at the end of the text, when `sink` says so,
/// or (a visit) when the table visited ends.
pub(super) fn run_page(
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
pub(super) enum Mode {
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
pub(super) struct LtCounter {
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
pub(super) struct Tokenizer {
    buf: String,
    mode: Mode,
    lts: LtCounter,
    limited: bool,
}

impl Tokenizer {
    pub(super) fn new(limited: bool) -> Self {
        Self {
            buf: String::new(),
            mode: Mode::Markup,
            lts: LtCounter::default(),
            limited,
        }
    }

    pub(super) fn feed(&mut self, text: &str, page: &mut PageBuilder) -> Result<()> {
        self.buf.push_str(text);
        self.run(false, page)
    }

    pub(super) fn finish(&mut self, page: &mut PageBuilder) -> Result<()> {
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
pub(super) fn scan(
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
pub(super) fn keep_tail(html: &str, from: usize, keep: usize) -> usize {
    let mut cut = html.len().saturating_sub(keep).max(from);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// The tags the table reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TagKind {
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
pub(super) struct Tag<'a> {
    kind: TagKind,
    name: &'a str,
    end: bool,
    colspan: Option<&'a str>,
    rowspan: Option<&'a str>,
}

pub(super) fn tag_kind(name: &str) -> TagKind {
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
pub(super) fn read_tag(html: &str, open: usize, end_of_text: bool) -> Option<(Tag<'_>, usize)> {
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
pub(super) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Bytes that end a tag or attribute name.
pub(super) fn ends_name(byte: u8) -> bool {
    is_space(byte) || byte == b'/' || byte == b'>'
}

/// The text between two byte positions; both always follow or precede an ASCII
/// byte, so they lie on character boundaries (empty text if one did not).
pub(super) fn slice(html: &str, from: usize, to: usize) -> &str {
    html.get(from..to).unwrap_or_default()
}

pub(super) fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|p| p + from)
}

/// Where the end tag of a `<script>`, `<style>` or `<title>` is (its content
/// is skipped unread): `Ok` with its `<`, or `Err` with how far the text can be
/// dropped when it has not come yet (the end of the text if `end`).
pub(super) fn raw_text_end(html: &str, from: usize, name: &str, end: bool) -> Result<usize, usize> {
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
pub(super) fn span(value: Option<&str>, max: u32, zero: u32) -> u32 {
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
pub(super) enum Keep {
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
pub(super) struct ReadyRow {
    /// The table's place among the tables started in this pass.
    pub(super) slot: usize,
    pub(super) index: u32,
    pub(super) cells: Vec<(u32, CellValue)>,
}

/// A table with content, once it has ended.
#[derive(Debug)]
pub(super) struct FinishedTable {
    pub(super) slot: usize,
    /// The number of `<` characters before its `<table` tag.
    pub(super) mark: u64,
    /// How many tables hold it.
    pub(super) depth: usize,
    pub(super) merged: Vec<MergedRegion>,
}

/// What the tables of a page share: the rows ready to be handed over, and the
/// merged ranges kept so far.
#[derive(Debug, Default)]
pub(super) struct Shared {
    pub(super) ready: Vec<ReadyRow>,
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
pub(super) struct PageBuilder {
    keep: Keep,
    /// The memory limits apply (off for tests of the layout alone).
    limited: bool,
    /// Tables started so far.
    started: usize,
    open: Vec<TableBuilder>,
    /// How many open tables are nested too deep to be read.
    skipped_depth: usize,
    /// How many tables hold the first table of this pass.
    pub(super) base_depth: usize,
    /// The text and cells held by the open tables' rows.
    held: usize,
    shared: Shared,
    /// The tables with content that have ended.
    pub(super) finished: Vec<FinishedTable>,
    /// Rows ready to be handed over (moved out of `shared` as they come).
    pub(super) ready: Vec<ReadyRow>,
    /// The first table started has ended (where a visit stops).
    first_done: bool,
}

impl PageBuilder {
    pub(super) fn new(keep: Keep, limited: bool) -> Self {
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
    pub(super) fn finish(&mut self) -> Result<()> {
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
pub(super) struct TableBuilder {
    /// Its place among the tables started in the pass.
    pub(super) slot: usize,
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

pub(super) struct OpenRow {
    pub(super) index: u32,
    /// Its non-empty cells, left to right (kept rows only).
    pub(super) cells: Vec<(u32, CellValue)>,
    /// The column after the last cell placed.
    next_column: u32,
}

pub(super) struct OpenCell {
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
pub(super) fn cell_text(raw: &str) -> String {
    let decoded = decode_entities(raw);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn decode_entities(text: &str) -> String {
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

//! The `明细` sheet: every input row below the header, in order, with its
//! original values and what jixiao did with it (所属月份, 计入金额, 经济分类, 处理).
//!
//! The rows come a second time from a [`RowSource`] (the copy kept while
//! reading, `read::spill`, or the input itself; the ledger keeps only what it
//! counted), and the sheet is written in rust_xlsxwriter's constant-memory
//! mode, so a million-row ledger is never held as cells in memory.

use crate::classify::{category_code, category_name, item_name, ItemId};
use crate::ledger::Ledger;
use crate::read::{CellValue, Row};
use anyhow::Result;
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// The columns jixiao adds in front of the original ones.
pub const ADDED_COLUMNS: [&str; 5] = ["来源", "所属月份", "计入金额（元）", "经济分类", "处理"];

/// Streams the input rows again, for the `明细` sheet.
pub trait RowSource {
    /// Calls `visit` with (index into `Ledger::sheets`, row) for every row below
    /// each read sheet's header, in order.
    fn for_each_row(&mut self, visit: &mut dyn FnMut(u16, Row)) -> Result<()>;
}

/// What jixiao did with one input row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowOutcome {
    /// The months it was counted in (`2017年1月`).
    pub months: Vec<String>,
    /// The amount counted, in 元.
    pub counted_yuan: Option<Decimal>,
    /// Economic classification of the counted amount (`302 商品和服务支出／差旅费`).
    pub classes: Vec<String>,
    /// 计入, 排除：reason, or both.
    pub handling: String,
}

/// Matches streamed rows with the ledger's entries and rows left out (kept
/// whole or only counted), all in sheet order.
pub struct Outcomes<'l> {
    ledger: &'l Ledger,
    entry: usize,
    skipped: usize,
    beyond: std::iter::Peekable<Box<dyn Iterator<Item = (u16, u32, &'l str)> + 'l>>,
}

impl<'l> Outcomes<'l> {
    /// Starts at the ledger's first row.
    pub fn new(ledger: &'l Ledger) -> Self {
        let beyond: Box<dyn Iterator<Item = (u16, u32, &'l str)> + 'l> =
            Box::new(ledger.skipped_beyond.rows());
        Self {
            ledger,
            entry: 0,
            skipped: 0,
            beyond: beyond.peekable(),
        }
    }

    /// The outcome of row `row` of sheet `sheet`; rows must come in order.
    pub fn of(&mut self, sheet: u16, row: u32) -> RowOutcome {
        let key = (sheet, row);
        let entries = &self.ledger.entries;
        while self.entry < entries.len()
            && (entries[self.entry].sheet, entries[self.entry].row) < key
        {
            self.entry += 1;
        }
        let skipped = &self.ledger.skipped;
        while self.skipped < skipped.len()
            && (skipped[self.skipped].sheet, skipped[self.skipped].row) < key
        {
            self.skipped += 1;
        }
        let mut outcome = RowOutcome::default();
        let mut items: Vec<ItemId> = Vec::new();
        while self.entry < entries.len()
            && (entries[self.entry].sheet, entries[self.entry].row) == key
        {
            let entry = &entries[self.entry];
            let month = format!("{}年{}月", entry.year, entry.month);
            if !outcome.months.contains(&month) {
                outcome.months.push(month);
            }
            *outcome.counted_yuan.get_or_insert(Decimal::ZERO) += entry.amount_yuan;
            if let Some(item) = entry.item.filter(|i| !items.contains(i)) {
                items.push(item);
            }
            self.entry += 1;
        }
        outcome.classes = items
            .into_iter()
            .map(|item| match category_code(item) {
                "" => item_name(item).to_string(),
                code => format!("{code} {}／{}", category_name(item), item_name(item)),
            })
            .collect();
        let mut reasons: Vec<String> = Vec::new();
        while self.skipped < skipped.len()
            && (skipped[self.skipped].sheet, skipped[self.skipped].row) == key
        {
            let reason = skipped[self.skipped].reason.to_string();
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
            self.skipped += 1;
        }
        while self.beyond.peek().is_some_and(|(s, r, _)| (*s, *r) < key) {
            self.beyond.next();
        }
        while let Some((_, _, reason)) = self.beyond.next_if(|(s, r, _)| (*s, *r) == key) {
            if !reasons.iter().any(|known| known == reason) {
                reasons.push(reason.to_string());
            }
        }
        outcome.handling = match (outcome.counted_yuan.is_some(), reasons.is_empty()) {
            (true, true) => "计入".to_string(),
            (false, false) => format!("排除：{}", reasons.join("；")),
            (true, false) => format!("部分计入；排除：{}", reasons.join("；")),
            (false, true) => "没有金额".to_string(),
        };
        outcome
    }
}

/// Excel's last row and column (0-based) and longest text in a cell.
const LAST_ROW: u32 = 1_048_575;
const LAST_COLUMN: u32 = 16_383;
const LONGEST_TEXT: usize = 32_767;

/// What `明细` could not hold as it was: rows past Excel's last row, cells
/// past its last column, texts cut to Excel's longest. Never a reason to fail
/// the file: the grades do not depend on them, and 数据检查 says what was cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DetailLimits {
    /// Rows written.
    pub rows: u32,
    /// Rows not written because Excel has no more rows.
    pub rows_left_out: u64,
    /// Cells not written because their column is past Excel's last one.
    pub cells_left_out: u64,
    /// Texts cut to 32,767 characters.
    pub texts_cut: u64,
    /// Cells whose text held characters XML cannot carry (a vertical tab
    /// pasted from Word, other control characters, non-characters), shown as
    /// visible marks instead ([`crate::xml_text::sanitize_xml_text`]).
    pub texts_marked: u64,
    /// The first such cell (0-based row and column of 明细).
    pub first_marked: Option<(u32, u16)>,
}

impl DetailLimits {
    /// The note for 数据检查, when something had to be cut.
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.rows_left_out > 0 {
            parts.push(format!(
                "台账行数超过 Excel 的上限，「明细」只列出前 {} 行，另有 {} 行未列出（它们已照常计入或排除，评定不受影响）",
                self.rows, self.rows_left_out
            ));
        }
        if self.cells_left_out > 0 {
            parts.push(format!(
                "{} 个单元格在 Excel 的最后一列之后，「明细」中未列出",
                self.cells_left_out
            ));
        }
        if self.texts_cut > 0 {
            parts.push(format!(
                "{} 个单元格的文字超过 Excel 的 32767 字上限，「明细」中已截断",
                self.texts_cut
            ));
        }
        if self.texts_marked > 0 {
            let first = self
                .first_marked
                .map(|(row, column)| {
                    format!(
                        "（第一个是「明细」{}{}）",
                        crate::read::cell::column_name(u32::from(column)),
                        row + 1
                    )
                })
                .unwrap_or_default();
            parts.push(format!(
                "{} 个单元格含有 Excel 和 Word 不能显示的控制字符（如从 Word 粘贴来的垂直制表符）或非字符，已换成可见的符号（如 ␋、?）{first}；请在台账中删去这些字符",
                self.texts_marked
            ));
        }
        (!parts.is_empty()).then(|| parts.join("；"))
    }
}

/// A text as Excel can hold it: valid XML 1.0 (control characters shown as
/// visible marks, counted with the cell at `row`, `column`), at most 32,767
/// characters.
fn fit_text(text: &str, limits: &mut DetailLimits, row: u32, column: u16) -> String {
    let text = crate::xml_text::sanitize_xml_text(text);
    if let std::borrow::Cow::Owned(_) = text {
        limits.texts_marked += 1;
        limits.first_marked.get_or_insert((row, column));
    }
    if text.chars().count() <= LONGEST_TEXT {
        return text.into_owned();
    }
    limits.texts_cut += 1;
    let mut cut: String = text.chars().take(LONGEST_TEXT - 8).collect();
    cut.push_str("…（已截断）");
    cut
}

/// How many rows of 明细 get a height fitted to their text; past them the
/// wrap format alone (memory stays flat however long the ledger).
const ROWS_WITH_HEIGHT: u32 = 5_000;

/// The header of an original column as 明细 shows it: under a two-row header
/// the band goes in front (`本期发生额借方`), so that a trial balance's eight
/// 借方 / 贷方 columns say which they are.
pub fn column_header(layout: &crate::ledger::layout::Layout, column: u32, text: &str) -> String {
    match layout.groups.iter().find(|(c, _)| *c == column) {
        Some((_, band)) if !band.trim().is_empty() && !text.contains(band.trim()) => {
            format!("{}{text}", band.trim())
        }
        _ => text.to_string(),
    }
}

/// Writes `明细` (named `name`) in constant-memory mode, under `page_header`;
/// returns what had to be cut.
pub fn write(
    workbook: &mut Workbook,
    name: &str,
    page_header: &str,
    ledger: &Ledger,
    rows: &mut (dyn RowSource + Send),
    progress: &crate::progress::Progress,
) -> Result<DetailLimits> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_footer(super::plan::PAGE_FOOTER);
    if !page_header.is_empty() {
        sheet.set_header(page_header);
    }
    let header = Format::new()
        .set_bold()
        .set_background_color("D9E1F2")
        .set_text_wrap();
    // 摘要 and 处理 wrap: the row grows with them instead of cutting them.
    let wrapped = Format::new().set_text_wrap();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (column, width) in [16.0, 12.0, 14.0, 26.0, 40.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_column_format(4, &wrapped)?;
    let offset = ADDED_COLUMNS.len() as u16;
    // The wrapped columns: 处理 (40 wide) and the ledger's 摘要 (30 wide).
    let summary_column = ledger.sheets.first().and_then(|l| l.other.summary);
    for (column, text) in ADDED_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *text, &header)?;
    }
    let mut last_column = offset - 1;
    let mut limits = DetailLimits::default();
    if let Some(layout) = ledger.sheets.first() {
        for (column, text) in &layout.headers {
            let Some(target) = u16::try_from(u32::from(offset) + column)
                .ok()
                .filter(|c| u32::from(*c) <= LAST_COLUMN)
            else {
                continue;
            };
            let mut text = column_header(layout, *column, text);
            // The ledger's own 经济分类 beside jixiao's: 台账经济分类.
            if ADDED_COLUMNS.contains(&text.as_str()) {
                text = format!("台账{text}");
            }
            sheet.write_string_with_format(
                0,
                target,
                fit_text(&text, &mut limits, 0, target),
                &header,
            )?;
            if layout.other.summary == Some(*column) {
                sheet.set_column_width(target, 30)?;
                sheet.set_column_format(target, &wrapped)?;
            } else {
                // Wide enough for dates (yyyy-mm-dd) and amounts; Excel's default shows ###.
                sheet.set_column_width(target, 12)?;
            }
            last_column = last_column.max(target);
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    progress.set_total(ledger.data_rows);
    let mut out_row = 0u32;
    let mut failure: Option<anyhow::Error> = None;
    // The rows are read back and matched with their outcomes on one thread
    // while this one writes them: on two cores the reading costs no time of its own.
    let read = std::thread::scope(|threads| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(8);
        let producer = threads.spawn(move || prepare_rows(ledger, rows, &sender));
        'rows: for chunk in receiver {
            for prepared in chunk {
                if out_row == LAST_ROW {
                    limits.rows_left_out += 1;
                    continue;
                }
                out_row += 1;
                progress.tick("写入明细", u64::from(out_row));
                let result = (|| -> Result<()> {
                    // Neither Excel nor LibreOffice fits a row on opening: a
                    // row whose 处理 or 摘要 wraps is given its height.
                    let summary = summary_column.and_then(|column| {
                        prepared
                            .row
                            .cells()
                            .find(|(c, _)| *c == column)
                            .and_then(|(_, v)| v.as_text())
                    });
                    let height = super::plan::text_row_height(&prepared.handling, 40.0)
                        .max(summary.map_or(15.0, |text| super::plan::text_row_height(text, 30.0)))
                        .min(409.0);
                    // rust_xlsxwriter keeps every set height until the file is
                    // closed, even in constant-memory mode: a million-row 明细
                    // would hold them all. Past the first rows (what anyone
                    // prints) the wrap format alone shows the text.
                    if height > 15.0 && out_row <= ROWS_WITH_HEIGHT {
                        sheet.set_row_height(out_row, height)?;
                    }
                    sheet.write_string(
                        out_row,
                        0,
                        fit_text(&prepared.source, &mut limits, out_row, 0),
                    )?;
                    sheet.write_string(out_row, 1, prepared.months)?;
                    if let Some(amount) = prepared.counted_yuan {
                        sheet.write_number_with_format(
                            out_row,
                            2,
                            super::plan::float(amount),
                            &money,
                        )?;
                    }
                    sheet.write_string(out_row, 3, prepared.classes)?;
                    sheet.write_string(
                        out_row,
                        4,
                        crate::xml_text::sanitize_xml_text(&prepared.handling),
                    )?;
                    for (column, value) in prepared.row.cells() {
                        let Some(column) = u16::try_from(u32::from(offset) + column)
                            .ok()
                            .filter(|c| u32::from(*c) <= LAST_COLUMN)
                        else {
                            limits.cells_left_out += 1;
                            continue;
                        };
                        last_column = last_column.max(column);
                        let written = match value {
                            CellValue::Empty => Ok(()),
                            CellValue::Text(text) => sheet
                                .write_string(
                                    out_row,
                                    column,
                                    fit_text(text, &mut limits, out_row, column),
                                )
                                .map(drop),
                            CellValue::Number(number) => {
                                sheet.write_number(out_row, column, *number).map(drop)
                            }
                            CellValue::Date(day) => match excel_date(day) {
                                Some(when) => sheet
                                    .write_datetime_with_format(out_row, column, &when, &date)
                                    .map(drop),
                                None => sheet
                                    .write_string(out_row, column, day.to_string())
                                    .map(drop),
                            },
                            CellValue::Bool(flag) => {
                                sheet.write_boolean(out_row, column, *flag).map(drop)
                            }
                            other => sheet
                                .write_string(
                                    out_row,
                                    column,
                                    fit_text(&other.display(), &mut limits, out_row, column),
                                )
                                .map(drop),
                        };
                        // A value rust_xlsxwriter refuses (a NaN, an odd number) is shown as text.
                        if written.is_err() {
                            sheet.write_string(
                                out_row,
                                column,
                                fit_text(&value.display(), &mut limits, out_row, column),
                            )?;
                        }
                    }
                    Ok(())
                })();
                if let Err(error) = result {
                    failure = Some(error);
                    // Dropping the receiver stops the reading.
                    break 'rows;
                }
            }
        }
        match producer.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    if let Some(error) = failure {
        return Err(error);
    }
    read?;
    sheet.autofilter(0, 0, out_row.max(1), last_column)?;
    limits.rows = out_row;
    Ok(limits)
}

/// One input row ready to be written to 明细: jixiao's columns as they are
/// written (made on the reading thread, off the writer's), then the row.
struct Prepared {
    source: String,
    months: String,
    counted_yuan: Option<Decimal>,
    classes: String,
    handling: String,
    row: Row,
}

/// Rows sent to the writer at a time.
const CHUNK: usize = 256;

/// Streams `rows`, matches each with its outcome and sends them in chunks;
/// stops sending once the writer has stopped.
fn prepare_rows(
    ledger: &Ledger,
    rows: &mut (dyn RowSource + Send),
    sender: &std::sync::mpsc::SyncSender<Vec<Prepared>>,
) -> Result<()> {
    let mut outcomes = Outcomes::new(ledger);
    let mut chunk: Vec<Prepared> = Vec::with_capacity(CHUNK);
    let mut writing = true;
    let read = rows.for_each_row(&mut |sheet_index, row| {
        if !writing {
            return;
        }
        let outcome = outcomes.of(sheet_index, row.index);
        let source = ledger
            .sheets
            .get(sheet_index as usize)
            .map_or_else(String::new, |layout| {
                format!("{}!{}", layout.sheet, u64::from(row.index) + 1)
            });
        chunk.push(Prepared {
            source,
            months: outcome.months.join("、"),
            counted_yuan: outcome.counted_yuan,
            classes: outcome.classes.join("、"),
            handling: outcome.handling,
            row,
        });
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            writing = sender.send(full).is_ok();
        }
    });
    if writing && !chunk.is_empty() {
        let _ = sender.send(chunk);
    }
    read
}

/// A calendar day as Excel can show it (1900–9999), else `None`.
fn excel_date(day: &crate::dates::CalendarDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(day.year).ok()?;
    ExcelDateTime::from_ymd(
        year,
        u8::try_from(day.month).ok()?,
        u8::try_from(day.day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests;

//! The ledger: every spending row of the chosen sheet, with where it came from,
//! and every row that was not counted, with why.
//!
//! [`read_ledger`] opens a workbook, tries its sheets in order, detects the
//! layout from the first rows and parses the rest as they stream by. Nothing
//! is dropped silently: a row that is a total, belongs to another year or
//! cannot be read becomes a [`SkippedRow`] with its cell address and reason.

use crate::dates::{parse_date_text, parse_month_label, CalendarDate};
use crate::layout::{self, Layout, LayoutKind, Unit, HEADER_SCAN_ROWS};
use crate::money::{decimal_from_cell_f64, parse_amount_text};
use crate::read::cell::cell_address;
use crate::read::{CellValue, Format, Row, Workbook};
use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

/// What the user told the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// `--unit`: the amount unit, overriding what the sheet says.
    pub unit: Option<Unit>,
    /// `--year`: the year to grade; rows of other years are skipped.
    pub year: Option<i32>,
}

/// One counted amount: a voucher line of a journal, or a month of a monthly table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The year it belongs to.
    pub year: i32,
    /// Its month, 1–12.
    pub month: u32,
    /// The amount in the layout's unit, in cents of that unit.
    pub amount: Decimal,
    /// 0-based sheet row it came from.
    pub row: u32,
}

/// Why a row was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A total or carried-forward line (合计, 累计, 期初余额, 过次页 …), with the word found.
    SummaryRow(String),
    /// The row belongs to another year than the one graded.
    OtherYear(i32),
    /// The date cell is not a date.
    UnreadableDate(String),
    /// The month cell is not a month.
    UnreadableMonth(String),
    /// The amount cell is not an amount.
    UnreadableAmount(String),
    /// The amount is a formula without a computed value.
    FormulaWithoutValue(String),
    /// The month appears twice in a monthly table; the first row counts.
    DuplicateMonth(u32),
    /// Neither a date nor an amount: a note or continuation line.
    NoDateNorAmount,
}

impl SkipReason {
    /// True when the user should look at the row (unreadable data), false when
    /// leaving it out is simply right (totals, other years, notes).
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            SkipReason::UnreadableDate(_)
                | SkipReason::UnreadableMonth(_)
                | SkipReason::UnreadableAmount(_)
                | SkipReason::FormulaWithoutValue(_)
                | SkipReason::DuplicateMonth(_)
        )
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::SummaryRow(word) => {
                write!(f, "合计/结转行（“{word}”），不是单笔支出，不重复计入")
            }
            SkipReason::OtherYear(year) => write!(f, "属于 {year} 年，不在本次评价的年度内"),
            SkipReason::UnreadableDate(shown) => {
                write!(f, "日期无法识别：{shown}；请改为 2017-01-05 这样的日期")
            }
            SkipReason::UnreadableMonth(shown) => {
                write!(f, "月份无法识别：{shown}；请写成“一月”或“1月”")
            }
            SkipReason::UnreadableAmount(shown) => write!(f, "金额无法识别：{shown}；请改为数字"),
            SkipReason::FormulaWithoutValue(shown) => write!(
                f,
                "金额是没有计算结果的{shown}；请在 Excel 中打开并保存一次后再试"
            ),
            SkipReason::DuplicateMonth(month) => {
                write!(f, "{month} 月重复出现，只计入第一行；请检查")
            }
            SkipReason::NoDateNorAmount => write!(f, "没有日期也没有金额（说明或续行）"),
        }
    }
}

/// A row that was read but not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The cell the reason is about, e.g. `明细账!G17`.
    pub address: String,
    /// 0-based sheet row.
    pub row: u32,
    /// Why it was left out.
    pub reason: SkipReason,
    /// Its amount when that could be read, in the layout's unit.
    pub amount: Option<Decimal>,
}

/// A read ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The container format found by content.
    pub format: Format,
    /// What detection found.
    pub layout: Layout,
    /// The year the ledger is about when the layout itself has no dates (monthly table).
    pub year_source: Option<String>,
    /// Counted amounts, in sheet order.
    pub entries: Vec<Entry>,
    /// Rows not counted, in sheet order.
    pub skipped: Vec<SkippedRow>,
    /// Data rows read below the header (non-empty rows).
    pub data_rows: u64,
}

/// Reads the ledger in a file: the first sheet with a recognisable header.
///
/// # Errors
/// A Chinese message when the file is not a spreadsheet, is damaged, or no sheet has a header
/// with a date (or month) column and an amount column.
pub fn read_ledger(path: &Path, options: &ReadOptions) -> Result<Ledger> {
    let mut workbook = Workbook::open(path)?;
    let sheets = workbook.sheet_names().to_vec();
    for sheet in &sheets {
        let mut scan = SheetScan::new(sheet, options);
        workbook.visit_rows(sheet, &mut |row| scan.feed(row))?;
        if let Some(ledger) = scan.finish(workbook.format())? {
            return Ok(ledger);
        }
    }
    const NAMED: usize = 5;
    let searched = match sheets.len() {
        0 => "工作簿里没有工作表".to_string(),
        1..=NAMED => format!(
            "在工作表「{}」的前 {HEADER_SCAN_ROWS} 行中没有找到表头",
            sheets.join("」「")
        ),
        n => format!(
            "在工作表「{}」等 {n} 个工作表的前 {HEADER_SCAN_ROWS} 行中都没有找到表头",
            sheets[..NAMED].join("」「")
        ),
    };
    bail!(
        "{searched}。jixiao 需要一行表头，其中有日期列（日期、记账日期、制单日期…）和金额列（金额、支出金额、借方金额、借方…），\
或者有月份列（月份，下面是一月…十二月或1月…12月）和支出金额列。请检查表头文字是否是这些名称之一"
    )
}

/// The state of reading one sheet: looking for the header, then parsing rows.
struct SheetScan<'o> {
    sheet: String,
    options: &'o ReadOptions,
    buffered: Vec<Row>,
    parser: Option<RowParser>,
}

impl<'o> SheetScan<'o> {
    fn new(sheet: &str, options: &'o ReadOptions) -> Self {
        Self {
            sheet: sheet.to_string(),
            options,
            buffered: Vec::new(),
            parser: None,
        }
    }

    /// Takes one streamed row; stops the stream when the sheet has no header.
    fn feed(&mut self, row: Row) -> ControlFlow<()> {
        if let Some(parser) = &mut self.parser {
            parser.parse(&row);
            return ControlFlow::Continue(());
        }
        self.buffered.push(row);
        if self.buffered.len() < HEADER_SCAN_ROWS {
            return ControlFlow::Continue(());
        }
        if self.start_parsing() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    /// Detects the layout in the buffered rows and parses those below the header.
    fn start_parsing(&mut self) -> bool {
        let Some(layout) = layout::detect(&self.sheet, &self.buffered, self.options.unit) else {
            return false;
        };
        let mut parser = RowParser::new(layout, self.options.clone());
        for row in self.buffered.drain(..) {
            if row.index > parser.layout.header_row {
                parser.parse(&row);
            }
        }
        self.parser = Some(parser);
        true
    }

    fn finish(mut self, format: Format) -> Result<Option<Ledger>> {
        if self.parser.is_none() && !self.start_parsing() {
            return Ok(None);
        }
        match self.parser {
            Some(parser) => parser.into_ledger(format).map(Some),
            None => Ok(None),
        }
    }
}

/// Parses data rows under a detected layout.
struct RowParser {
    layout: Layout,
    options: ReadOptions,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    data_rows: u64,
}

impl RowParser {
    fn new(layout: Layout, options: ReadOptions) -> Self {
        Self {
            layout,
            options,
            entries: Vec::new(),
            skipped: Vec::new(),
            data_rows: 0,
        }
    }

    fn skip(&mut self, row: u32, column: u32, reason: SkipReason, amount: Option<Decimal>) {
        self.skipped.push(SkippedRow {
            address: cell_address(&self.layout.sheet, row, column),
            row,
            reason,
            amount,
        });
    }

    fn parse(&mut self, row: &Row) {
        self.data_rows += 1;
        match self.layout.kind {
            LayoutKind::Journal { date_column } => self.parse_journal_row(row, date_column),
            LayoutKind::MonthlyTable { month_column } => self.parse_monthly_row(row, month_column),
        }
    }

    fn parse_journal_row(&mut self, row: &Row, date_column: u32) {
        let amount_column = self.layout.amount_column;
        let amount = read_amount(row.get(amount_column));
        let readable_amount = amount.as_ref().ok().copied();
        if let Some(word) = layout::summary_marker(row) {
            return self.skip(
                row.index,
                amount_column,
                SkipReason::SummaryRow(word),
                readable_amount,
            );
        }
        let amount = match amount {
            Ok(amount) => amount,
            Err(reason) => return self.skip(row.index, amount_column, reason, None),
        };
        let date_cell = row.get(date_column);
        let Some(date) = read_date(date_cell) else {
            let reason = if date_cell.is_empty() && amount.is_zero() {
                SkipReason::NoDateNorAmount
            } else {
                SkipReason::UnreadableDate(date_cell.display())
            };
            return self.skip(row.index, date_column, reason, Some(amount));
        };
        if self.options.year.is_some_and(|year| year != date.year) {
            return self.skip(
                row.index,
                date_column,
                SkipReason::OtherYear(date.year),
                Some(amount),
            );
        }
        self.entries.push(Entry {
            year: date.year,
            month: date.month,
            amount,
            row: row.index,
        });
    }

    fn parse_monthly_row(&mut self, row: &Row, month_column: u32) {
        let amount_column = self.layout.amount_column;
        let amount_cell = row.get(amount_column);
        let amount = read_amount(amount_cell);
        if let Some(word) = layout::summary_marker(row) {
            return self.skip(
                row.index,
                month_column,
                SkipReason::SummaryRow(word),
                amount.ok(),
            );
        }
        let month_cell = row.get(month_column);
        let month = match month_cell {
            CellValue::Text(text) => parse_month_label(text),
            CellValue::Number(n) if n.fract() == 0.0 && (1.0..=12.0).contains(n) => Some(*n as u32),
            _ => None,
        };
        let Some(month) = month else {
            let reason = match amount {
                Ok(amount) if amount.is_zero() && amount_cell.is_empty() => {
                    SkipReason::NoDateNorAmount
                }
                _ => SkipReason::UnreadableMonth(month_cell.display()),
            };
            return self.skip(row.index, month_column, reason, None);
        };
        if amount_cell.is_empty() {
            // A month listed with no figure yet (a table laid out for the whole year).
            return;
        }
        let amount = match amount {
            Ok(amount) => amount,
            Err(reason) => return self.skip(row.index, amount_column, reason, None),
        };
        if self.entries.iter().any(|entry| entry.month == month) {
            return self.skip(
                row.index,
                month_column,
                SkipReason::DuplicateMonth(month),
                Some(amount),
            );
        }
        self.entries.push(Entry {
            year: 0, // set once the year is known, in `into_ledger`
            month,
            amount,
            row: row.index,
        });
    }

    fn into_ledger(mut self, format: Format) -> Result<Ledger> {
        let mut year_source = None;
        if let LayoutKind::MonthlyTable { .. } = self.layout.kind {
            let (year, source) = match (self.options.year, self.layout.year_in_titles) {
                (Some(year), _) => (year, "由 --year 指定".to_string()),
                (None, Some(year)) => (year, "来自表格标题或表头".to_string()),
                (None, None) => bail!(
                    "工作表「{}」是月度汇总表，但表格标题、表头和工作表名里都没有写年度（如“2017年”）。请用 --year 2017 指定年度后再试",
                    self.layout.sheet
                ),
            };
            for entry in &mut self.entries {
                entry.year = year;
            }
            year_source = Some(source);
        }
        Ok(Ledger {
            format,
            layout: self.layout,
            year_source,
            entries: self.entries,
            skipped: self.skipped,
            data_rows: self.data_rows,
        })
    }
}

/// A date cell's calendar day: date cells, text dates, `yyyymmdd` numbers, and
/// bare serials of the years 1990–2100.
fn read_date(cell: &CellValue) -> Option<CalendarDate> {
    match cell {
        CellValue::Date(date) => Some(*date),
        CellValue::Text(text) => parse_date_text(text),
        CellValue::Number(n) => {
            CalendarDate::from_compact_number(*n).or_else(|| CalendarDate::from_plain_serial(*n))
        }
        _ => None,
    }
}

/// An amount cell's value in cents; a blank counts 0.
fn read_amount(cell: &CellValue) -> Result<Decimal, SkipReason> {
    match cell {
        CellValue::Empty => Ok(Decimal::ZERO),
        CellValue::Number(n) => {
            decimal_from_cell_f64(*n).ok_or_else(|| SkipReason::UnreadableAmount(cell.display()))
        }
        CellValue::Text(text) => match parse_amount_text(text) {
            Ok(amount) => Ok(amount.unwrap_or(Decimal::ZERO)),
            Err(_) => Err(SkipReason::UnreadableAmount(cell.display())),
        },
        CellValue::FormulaWithoutValue(_) => Err(SkipReason::FormulaWithoutValue(cell.display())),
        _ => Err(SkipReason::UnreadableAmount(cell.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> CellValue {
        CellValue::text(t)
    }

    fn journal_header() -> Row {
        Row::from_cells(0, [(0, text("日期")), (1, text("摘要")), (2, text("金额"))])
    }

    fn parse_rows(header: Row, rows: Vec<Row>, options: ReadOptions) -> Result<Ledger> {
        let mut all = vec![header];
        all.extend(rows);
        let layout = layout::detect("明细账", &all, options.unit).expect("header found");
        let mut parser = RowParser::new(layout, options);
        for row in &all[1..] {
            parser.parse(row);
        }
        parser.into_ledger(Format::Xlsx)
    }

    fn row(index: u32, date: CellValue, summary: &str, amount: CellValue) -> Row {
        Row::from_cells(index, [(0, date), (1, text(summary)), (2, amount)])
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn journal_rows_become_entries_in_their_month() {
        let date = |m, day| CellValue::Date(CalendarDate::new(2017, m, day).unwrap());
        let rows = vec![
            row(1, date(1, 5), "办公费", CellValue::Number(1200.5)),
            row(2, text("2017/2/3"), "差旅费", text("1,000.00")),
            row(3, CellValue::Number(20170304.0), "退回", text("(200.00)")),
            row(
                4,
                CellValue::Number(42740.0),
                "邮电费",
                CellValue::Number(0.1 + 0.2),
            ),
            row(5, date(1, 9), "空白金额", CellValue::Empty),
        ];
        let ledger = parse_rows(journal_header(), rows, ReadOptions::default()).unwrap();
        let got: Vec<(i32, u32, Decimal, u32)> = ledger
            .entries
            .iter()
            .map(|e| (e.year, e.month, e.amount, e.row))
            .collect();
        assert_eq!(
            got,
            [
                (2017, 1, d("1200.50"), 1),
                (2017, 2, d("1000.00"), 2),
                (2017, 3, d("-200.00"), 3),
                (2017, 1, d("0.30"), 4),
                (2017, 1, d("0"), 5),
            ]
        );
        assert!(ledger.skipped.is_empty());
    }

    #[test]
    fn totals_and_unreadable_rows_are_listed_with_their_cell() {
        let date = CellValue::Date(CalendarDate::new(2017, 1, 5).unwrap());
        let rows = vec![
            row(1, CellValue::Empty, "本月合计", CellValue::Number(500.0)),
            row(2, text("上月"), "办公费", CellValue::Number(10.0)),
            row(3, date.clone(), "办公费", text("TBC")),
            row(
                4,
                date.clone(),
                "公式",
                CellValue::FormulaWithoutValue("SUM(C1:C3)".into()),
            ),
            row(5, CellValue::Empty, "续行说明", CellValue::Empty),
            row(
                6,
                CellValue::InvalidDate(60.0),
                "办公费",
                CellValue::Number(1.0),
            ),
        ];
        let ledger = parse_rows(journal_header(), rows, ReadOptions::default()).unwrap();
        assert!(ledger.entries.is_empty());
        let skipped: Vec<(&str, &SkipReason, Option<Decimal>)> = ledger
            .skipped
            .iter()
            .map(|s| (s.address.as_str(), &s.reason, s.amount))
            .collect();
        assert_eq!(
            skipped,
            [
                (
                    "明细账!C2",
                    &SkipReason::SummaryRow("本月合计".into()),
                    Some(d("500"))
                ),
                (
                    "明细账!A3",
                    &SkipReason::UnreadableDate("“上月”".into()),
                    Some(d("10"))
                ),
                (
                    "明细账!C4",
                    &SkipReason::UnreadableAmount("“TBC”".into()),
                    None
                ),
                (
                    "明细账!C5",
                    &SkipReason::FormulaWithoutValue("公式 =SUM(C1:C3)".into()),
                    None
                ),
                ("明细账!A6", &SkipReason::NoDateNorAmount, Some(d("0"))),
                (
                    "明细账!A7",
                    &SkipReason::UnreadableDate("日期序号 60".into()),
                    Some(d("1"))
                ),
            ]
        );
        let attention: Vec<bool> = ledger
            .skipped
            .iter()
            .map(|s| s.reason.needs_attention())
            .collect();
        assert_eq!(attention, [false, true, true, true, false, true]);
    }

    #[test]
    fn year_option_leaves_other_years_out_visibly() {
        let rows = vec![
            row(1, text("2016-12-31"), "上年", CellValue::Number(5.0)),
            row(2, text("2017-01-01"), "本年", CellValue::Number(7.0)),
        ];
        let options = ReadOptions {
            year: Some(2017),
            ..ReadOptions::default()
        };
        let ledger = parse_rows(journal_header(), rows, options).unwrap();
        assert_eq!(ledger.entries.len(), 1);
        assert_eq!(ledger.skipped[0].reason, SkipReason::OtherYear(2016));
        assert_eq!(ledger.skipped[0].amount, Some(d("5")));
    }

    #[test]
    fn monthly_tables_take_their_year_and_refuse_duplicates() {
        let header = Row::from_cells(1, [(0, text("月份")), (1, text("支出金额"))]);
        let title = Row::from_cells(0, [(0, text("2017年资金支出情况"))]);
        let rows = vec![
            Row::from_cells(2, [(0, text("1月")), (1, CellValue::Number(26.54))]),
            Row::from_cells(3, [(0, text("一月")), (1, CellValue::Number(3.0))]),
            Row::from_cells(4, [(0, text("二月")), (1, text("4.44"))]),
            Row::from_cells(5, [(0, text("三月"))]),
            Row::from_cells(6, [(0, text("合计")), (1, CellValue::Number(30.98))]),
        ];
        let mut all = vec![title, header];
        all.extend(rows);
        let layout = layout::detect("表", &all, None).unwrap();
        let mut parser = RowParser::new(layout, ReadOptions::default());
        for row in &all[2..] {
            parser.parse(row);
        }
        let ledger = parser.into_ledger(Format::Xlsx).unwrap();
        let got: Vec<(i32, u32, Decimal)> = ledger
            .entries
            .iter()
            .map(|e| (e.year, e.month, e.amount))
            .collect();
        assert_eq!(got, [(2017, 1, d("26.54")), (2017, 2, d("4.44"))]);
        let reasons: Vec<&SkipReason> = ledger.skipped.iter().map(|s| &s.reason).collect();
        assert_eq!(
            reasons,
            [
                &SkipReason::DuplicateMonth(1),
                &SkipReason::SummaryRow("合计".into())
            ]
        );
        assert_eq!(ledger.year_source.as_deref(), Some("来自表格标题或表头"));
    }

    #[test]
    fn a_monthly_table_without_a_year_asks_for_one() {
        let header = Row::from_cells(0, [(0, text("月份")), (1, text("支出金额"))]);
        let rows = vec![Row::from_cells(
            1,
            [(0, text("一月")), (1, CellValue::Number(1.0))],
        )];
        let error = parse_rows(header.clone(), rows.clone(), ReadOptions::default()).unwrap_err();
        assert!(error.to_string().contains("--year 2017"), "{error}");
        let options = ReadOptions {
            year: Some(2018),
            ..ReadOptions::default()
        };
        let ledger = parse_rows(header, rows, options).unwrap();
        assert_eq!(ledger.entries[0].year, 2018);
    }
}

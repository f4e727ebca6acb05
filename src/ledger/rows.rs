//! Parsing the rows below a detected header into entries and skipped rows.
//!
//! Journals (date, 年|月|日, 会计期间 or the sheet's month; amount or 借方 − 贷方),
//! monthly tables and months-across tables each have their own path; all
//! amounts are converted to 元 cents as they are read, and every readable
//! amount is added to the sheet's `read_yuan` so that the ledger reconciles.

use super::accounts::AccountTable;
use super::{Entry, SkipReason, SkippedRow};
use crate::classify::{classify, ItemId};
use crate::dates::{
    parse_date_text, parse_month_cell_text, parse_month_day_text, parse_month_label,
    parse_period_text, CalendarDate,
};
use crate::layout::{self, AmountColumns, DateColumns, Layout, LayoutKind, Unit};
use crate::money::{decimal_from_f64, parse_amount_text, round_cents};
use crate::read::cell::cell_address;
use crate::read::{CellValue, Row};
use anyhow::{bail, Result};
use rust_decimal::Decimal;

/// One sheet's share of the ledger.
pub(super) struct SheetPart {
    pub layout: Layout,
    pub year_source: Option<String>,
    pub entries: Vec<Entry>,
    pub skipped: Vec<SkippedRow>,
    pub data_rows: u64,
    pub read_yuan: Decimal,
}

/// Parses the data rows of one sheet under its layout.
pub(super) struct RowParser {
    layout: Layout,
    markers: Vec<u32>,
    year_option: Option<i32>,
    context_year: Option<i32>,
    year_source: Option<String>,
    sheet: u16,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    data_rows: u64,
    read_yuan: Decimal,
    /// The last dated entry's (year, month, row), for merged date cells below it.
    last_dated: Option<(i32, u32, u32)>,
}

impl RowParser {
    /// `year_option` is `--year`; `sheet_year` a year in the sheet's name.
    pub fn new(
        layout: Layout,
        year_option: Option<i32>,
        sheet_year: Option<i32>,
        sheet: u16,
    ) -> Self {
        let (context_year, source) = match (year_option, sheet_year, layout.year_in_titles) {
            (Some(year), ..) => (Some(year), Some("由 --year 指定".to_string())),
            (None, Some(year), _) => (
                Some(year),
                Some(format!("来自工作表名「{}」", layout.sheet)),
            ),
            (None, None, Some(year)) => (Some(year), Some("来自表格标题或表头".to_string())),
            (None, None, None) => (None, None),
        };
        // Rows with full dates (or periods, or a 年 column) carry their own year.
        let rows_lack_year = match &layout.kind {
            LayoutKind::Journal { dates, .. } => {
                matches!(
                    dates,
                    DateColumns::YearMonthDay { year: None, .. } | DateColumns::SheetMonth(_)
                )
            }
            LayoutKind::MonthlyTable { .. } | LayoutKind::MonthsAcross { .. } => true,
        };
        let year_source = if rows_lack_year { source } else { None };
        Self {
            markers: layout.marker_columns(),
            layout,
            year_option,
            context_year,
            year_source,
            sheet,
            entries: Vec::new(),
            skipped: Vec::new(),
            data_rows: 0,
            read_yuan: Decimal::ZERO,
            last_dated: None,
        }
    }

    /// The header row: rows at or above it are not data.
    pub fn header_row(&self) -> u32 {
        self.layout.header_row
    }

    fn skip(&mut self, row: u32, column: u32, reason: SkipReason, amount_yuan: Option<Decimal>) {
        self.skipped.push(SkippedRow {
            address: cell_address(&self.layout.sheet, row, column),
            sheet: self.sheet,
            row,
            reason,
            amount_yuan,
        });
    }

    /// Counts a line of `(year, month)` from `row`.
    fn push(
        &mut self,
        row: u32,
        (year, month): (i32, u32),
        amount_yuan: Decimal,
        account: Option<u32>,
        item: Option<ItemId>,
    ) {
        self.entries.push(Entry {
            year,
            month,
            amount_yuan,
            sheet: self.sheet,
            row,
            account,
            item,
        });
    }

    /// The economic classification of a line from its account and 摘要.
    fn classify_line(
        &self,
        year: i32,
        account: Option<u32>,
        accounts: &AccountTable,
        row: &Row,
    ) -> ItemId {
        let account = account.and_then(|id| accounts.get(id));
        let summary = self
            .layout
            .other
            .summary
            .and_then(|c| row.get(c).as_text())
            .unwrap_or_default();
        classify(
            year,
            account.and_then(|a| a.code.as_deref()),
            account.map_or("", |a| a.name.as_str()),
            summary,
        )
    }

    /// Parses one data row.
    pub fn parse(&mut self, row: &Row, accounts: &mut AccountTable) {
        self.data_rows += 1;
        crate::progress::tick("读取", self.data_rows);
        match self.layout.kind.clone() {
            LayoutKind::Journal { dates, amount } => {
                self.parse_journal_row(row, &dates, amount, accounts)
            }
            LayoutKind::MonthlyTable {
                month_column,
                amount_column,
            } => self.parse_monthly_row(row, month_column, amount_column),
            LayoutKind::MonthsAcross {
                label_column,
                month_columns,
                total_column,
            } => self.parse_across_row(row, label_column, &month_columns, total_column, accounts),
        }
    }

    fn unit(&self) -> Unit {
        self.layout.unit
    }

    /// Why a row is left out by its text: a total or balance line, or a closing entry.
    fn exclusion(&self, row: &Row) -> Option<SkipReason> {
        layout::summary_marker(row, &self.markers)
            .map(SkipReason::SummaryRow)
            .or_else(|| layout::closing_marker(row, &self.markers).map(SkipReason::ClosingEntry))
    }

    /// 借方 − 贷方 (or the single amount) in 元; the error names the cell.
    fn read_net(&self, row: &Row, amount: AmountColumns) -> Result<Decimal, (u32, SkipReason)> {
        let debit =
            read_amount(row.get(amount.debit), self.unit()).map_err(|r| (amount.debit, r))?;
        let credit = match amount.credit {
            Some(column) => read_amount(row.get(column), self.unit()).map_err(|r| (column, r))?,
            None => Decimal::ZERO,
        };
        Ok(debit - credit)
    }

    fn parse_journal_row(
        &mut self,
        row: &Row,
        dates: &DateColumns,
        amount: AmountColumns,
        accounts: &mut AccountTable,
    ) {
        let net = self.read_net(row, amount);
        let readable = net.as_ref().ok().copied();
        if let Some(value) = readable {
            self.read_yuan += value;
        }
        if let Some(reason) = self.exclusion(row) {
            return self.skip(row.index, amount.debit, reason, readable);
        }
        let net = match net {
            Ok(net) => net,
            Err((column, reason)) => return self.skip(row.index, column, reason, None),
        };
        let (year, month) = match self.resolve_month(row, dates) {
            Ok(found) => found,
            Err((column, reason)) => {
                // A total written outside the 摘要 / date columns still is a total.
                let reason = match layout::summary_marker(row, &[]) {
                    Some(text) => SkipReason::SummaryRow(text),
                    None if net.is_zero()
                        && matches!(reason, SkipReason::UnreadableDate(_))
                        && row_has_no_date(row, dates) =>
                    {
                        SkipReason::NoDateNorAmount
                    }
                    None => reason,
                };
                return self.skip(row.index, column, reason, Some(net));
            }
        };
        if self.year_option.is_some_and(|wanted| wanted != year) {
            let column = date_column(dates).unwrap_or(amount.debit);
            return self.skip(row.index, column, SkipReason::OtherYear(year), Some(net));
        }
        let account = accounts.intern_from_row(row, &self.layout.other);
        let item = self.classify_line(year, account, accounts, row);
        self.last_dated = Some((year, month, row.index));
        self.push(row.index, (year, month), net, account, Some(item));
    }

    /// The (year, month) of a journal row; the error names the cell.
    fn resolve_month(
        &self,
        row: &Row,
        dates: &DateColumns,
    ) -> Result<(i32, u32), (u32, SkipReason)> {
        let carried = || {
            // A merged date cell keeps its value in the top row only: an empty
            // date directly below a dated line belongs to the same voucher.
            self.last_dated
                .filter(|(.., last_row)| last_row + 1 == row.index)
                .map(|(year, month, _)| (year, month))
        };
        let year_needed = |column: u32| (column, SkipReason::YearUnknown);
        match dates {
            DateColumns::Date(column) => {
                let cell = row.get(*column);
                if cell.is_empty() {
                    return carried().ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                if let Some(date) = read_date(cell) {
                    return Ok((date.year, date.month));
                }
                // `2017年1期` / `2017.01` in a date column: the month is all we need.
                if let Some(found) = cell.as_text().and_then(|t| parse_period_text(t, None)) {
                    return Ok(found);
                }
                // `1月5日`: a real day in a leap year, the year from context.
                if let Some(text) = cell
                    .as_text()
                    .filter(|t| parse_month_day_text(t, 2000).is_some())
                {
                    let year = self.context_year.ok_or_else(|| year_needed(*column))?;
                    if let Some(date) = parse_month_day_text(text, year) {
                        return Ok((date.year, date.month));
                    }
                }
                Err((*column, SkipReason::UnreadableDate(cell.display())))
            }
            DateColumns::YearMonthDay { year, month, .. } => {
                let cell = row.get(*month);
                if cell.is_empty() {
                    return carried().ok_or((*month, SkipReason::UnreadableMonth(cell.display())));
                }
                let month_value = read_month_cell(cell)
                    .ok_or((*month, SkipReason::UnreadableMonth(cell.display())))?;
                let year_value = match year {
                    Some(column) => read_year_cell(row.get(*column)).ok_or((
                        *column,
                        SkipReason::UnreadableDate(row.get(*column).display()),
                    ))?,
                    None => self.context_year.ok_or_else(|| year_needed(*month))?,
                };
                Ok((year_value, month_value))
            }
            DateColumns::Period(column) => {
                let cell = row.get(*column);
                if cell.is_empty() {
                    return carried().ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                let text = match cell {
                    CellValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
                    CellValue::Text(text) => text.clone(),
                    _ => String::new(),
                };
                parse_period_text(&text, self.context_year).ok_or_else(|| {
                    if self.context_year.is_none() && parse_period_text(&text, Some(2000)).is_some()
                    {
                        year_needed(*column)
                    } else {
                        (*column, SkipReason::UnreadableDate(cell.display()))
                    }
                })
            }
            DateColumns::SheetMonth(month) => {
                let year = self.context_year.ok_or_else(|| year_needed(0))?;
                Ok((year, *month))
            }
        }
    }

    fn parse_monthly_row(&mut self, row: &Row, month_column: u32, amount_column: u32) {
        let amount_cell = row.get(amount_column);
        let amount = read_amount(amount_cell, self.unit());
        if let Ok(value) = amount {
            self.read_yuan += value;
        }
        if let Some(text) = layout::summary_marker(row, &self.markers) {
            return self.skip(
                row.index,
                month_column,
                SkipReason::SummaryRow(text),
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
                Ok(value) if value.is_zero() && amount_cell.is_empty() => {
                    SkipReason::NoDateNorAmount
                }
                _ => SkipReason::UnreadableMonth(month_cell.display()),
            };
            return self.skip(row.index, month_column, reason, amount.ok());
        };
        if amount_cell.is_empty() {
            // A month listed with no figure yet (a table laid out for the whole year).
            return;
        }
        let amount = match amount {
            Ok(value) => value,
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
        match self.context_year {
            Some(year) => self.push(row.index, (year, month), amount, None, None),
            None => self.skip(
                row.index,
                month_column,
                SkipReason::YearUnknown,
                Some(amount),
            ),
        }
    }

    fn parse_across_row(
        &mut self,
        row: &Row,
        label_column: u32,
        month_columns: &[(u32, u32)],
        total_column: Option<u32>,
        accounts: &mut AccountTable,
    ) {
        let summary = layout::summary_marker(row, &self.markers);
        let account = match summary {
            None => accounts.intern_label(row.get(label_column)),
            Some(_) => None,
        };
        for &(column, month) in month_columns {
            let cell = row.get(column);
            if cell.is_empty() {
                continue;
            }
            let amount = match read_amount(cell, self.unit()) {
                Ok(value) => value,
                Err(reason) => {
                    self.skip(row.index, column, reason, None);
                    continue;
                }
            };
            self.read_yuan += amount;
            match (&summary, self.context_year) {
                (Some(text), _) => self.skip(
                    row.index,
                    column,
                    SkipReason::SummaryRow(text.clone()),
                    Some(amount),
                ),
                (None, Some(year)) => {
                    if self.year_option.is_some_and(|wanted| wanted != year) {
                        self.skip(row.index, column, SkipReason::OtherYear(year), Some(amount));
                    } else {
                        let item = self.classify_line(year, account, accounts, row);
                        self.push(row.index, (year, month), amount, account, Some(item));
                    }
                }
                (None, None) => self.skip(row.index, column, SkipReason::YearUnknown, Some(amount)),
            }
        }
        if let Some(column) = total_column {
            let cell = row.get(column);
            if !cell.is_empty() {
                match read_amount(cell, self.unit()) {
                    Ok(value) => {
                        self.read_yuan += value;
                        self.skip(row.index, column, SkipReason::TotalColumn, Some(value));
                    }
                    Err(reason) => self.skip(row.index, column, reason, None),
                }
            }
        }
    }

    /// The sheet's result. A layout whose rows carry no year, in a file that names
    /// none, is an error that asks for `--year` (a partial result would mislead).
    pub fn finish(self) -> Result<SheetPart> {
        if self
            .skipped
            .iter()
            .any(|s| s.reason == SkipReason::YearUnknown)
        {
            bail!(
                "工作表「{}」的行里没有年份（只有月份），表格标题、表头和工作表名里也没有写年度（如“2017年”）。请用 --year 2017 指定年度后再试",
                self.layout.sheet
            );
        }
        Ok(SheetPart {
            layout: self.layout,
            year_source: self.year_source,
            entries: self.entries,
            skipped: self.skipped,
            data_rows: self.data_rows,
            read_yuan: self.read_yuan,
        })
    }
}

fn date_column(dates: &DateColumns) -> Option<u32> {
    match dates {
        DateColumns::Date(c) | DateColumns::Period(c) => Some(*c),
        DateColumns::YearMonthDay { month, .. } => Some(*month),
        DateColumns::SheetMonth(_) => None,
    }
}

fn row_has_no_date(row: &Row, dates: &DateColumns) -> bool {
    date_column(dates).is_none_or(|c| row.get(c).is_empty())
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

fn read_month_cell(cell: &CellValue) -> Option<u32> {
    match cell {
        CellValue::Number(n) if n.fract() == 0.0 && (1.0..=12.0).contains(n) => Some(*n as u32),
        CellValue::Text(text) => parse_month_cell_text(text),
        _ => None,
    }
}

fn read_year_cell(cell: &CellValue) -> Option<i32> {
    let year = match cell {
        CellValue::Number(n) if n.fract() == 0.0 => *n as i32,
        CellValue::Text(text) => text.trim().trim_end_matches(['年', '度']).parse().ok()?,
        _ => return None,
    };
    (1990..=2100).contains(&year).then_some(year)
}

/// An amount cell's value in 元, exact to the cent; a blank counts 0.
pub(super) fn read_amount(cell: &CellValue, unit: Unit) -> Result<Decimal, SkipReason> {
    let unreadable = || SkipReason::UnreadableAmount(cell.display());
    let value = match cell {
        CellValue::Empty => return Ok(Decimal::ZERO),
        CellValue::Number(n) => decimal_from_f64(*n).ok_or_else(unreadable)?,
        CellValue::Text(text) => parse_amount_text(text)
            .map_err(|_| unreadable())?
            .unwrap_or_default(),
        CellValue::FormulaWithoutValue(_) => {
            return Err(SkipReason::FormulaWithoutValue(cell.display()))
        }
        _ => return Err(unreadable()),
    };
    let yuan = match unit {
        Unit::Yuan => value,
        Unit::Wan => value * Decimal::from(10_000),
    };
    Ok(round_cents(yuan))
}

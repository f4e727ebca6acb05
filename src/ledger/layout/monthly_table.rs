//! The monthly table (月度汇总表 / 预算执行进度表): one row per month (一月…十二月
//! or 1月…12月) with its spending, like the seed's own table. A 合计 row is the
//! book's figure for the year and is tied out against the months counted.

use super::{header, journal, HeaderView, Layout, LayoutKind, SheetLayout, Unit};
use crate::dates::parse_month_label;
use crate::ledger::accounts::AccountTable;
use crate::ledger::rows::{read_amount, RowParser};
use crate::ledger::SkipReason;
use crate::read::cell::cell_address;
use crate::read::{CellValue, Row};
use std::fmt;

/// Detects a monthly table: a 月份 column whose cells below are month labels,
/// an amount column, and no date, 年 or 日 column.
pub fn detect(view: &HeaderView<'_>) -> Option<LayoutKind> {
    let amount = journal::amount_columns(view)?;
    let taken = [amount.debit];
    if view.overrides.date_column.is_some() || view.best(header::date_rank, &taken).is_some() {
        return None;
    }
    let month = view.best(header::month_rank, &taken)?;
    let plain = view.best(header::day_rank, &taken).is_none()
        && view.best(header::year_rank, &taken).is_none();
    let months: Vec<u32> = view
        .below
        .iter()
        .filter_map(|row| row.get(month).as_text())
        .filter_map(parse_month_label)
        .collect();
    let labelled = !months.is_empty();
    // Many lines under each month (`1月` on every voucher line) make a journal
    // whose date is the month, not a table of one row per month.
    let mut distinct = months.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let lines_per_month = months.len() >= 4 && months.len() >= 2 * distinct.len();
    (plain && labelled && !lines_per_month).then_some(LayoutKind::MonthlyTable(MonthlyTable {
        month_column: month,
        amount_column: amount.debit,
    }))
}

/// The columns of a monthly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyTable {
    /// The month column.
    pub month_column: u32,
    /// The amount column.
    pub amount_column: u32,
}

impl SheetLayout for MonthlyTable {
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        write!(
            f,
            "月度汇总表；{header_rows}；月份列 {}，金额列 {}",
            layout.describe_column(self.month_column),
            layout.describe_column(self.amount_column)
        )
    }

    fn amount_column(&self) -> Option<u32> {
        Some(self.amount_column)
    }

    fn default_unit(&self) -> Unit {
        Unit::Wan
    }

    fn rows_carry_year(&self) -> bool {
        false
    }

    fn parse(&self, parser: &mut RowParser, row: &Row, _accounts: &mut AccountTable) {
        parse(parser, row, self.month_column, self.amount_column);
    }
}

/// Parses one month's row; a 合计 row becomes the book's figure for the year.
fn parse(parser: &mut RowParser, row: &Row, month_column: u32, amount_column: u32) {
    let amount_cell = row.get(amount_column);
    let amount = read_amount(amount_cell, parser.unit());
    if let Ok(value) = amount {
        parser.add_read(value);
    }
    let month_cell = row.get(month_column);
    let month = match month_cell {
        CellValue::Text(text) => parse_month_label(text),
        CellValue::Number(n) if n.fract() == 0.0 && (1.0..=12.0).contains(n) => Some(*n as u32),
        _ => None,
    };
    // A row whose month cell names a month is that month, whatever the notes
    // beside it say (`累计执行进度正常`); any other row may be a total.
    if month.is_none() {
        if let Some((kind, text)) = parser.total_in(row) {
            if let (Ok(value), false) = (&amount, amount_cell.is_empty()) {
                if kind != header::TotalKind::Balance {
                    let place = cell_address(&parser.layout().sheet, row.index, amount_column);
                    parser.book_figure(format!("{place}「{text}」：各月支出之和"), None, *value);
                }
            }
            return parser.skip(
                row.index,
                month_column,
                SkipReason::SummaryRow(text),
                amount.ok(),
            );
        }
    }
    let Some(month) = month else {
        let reason = match amount {
            Ok(value) if value.is_zero() && amount_cell.is_empty() => SkipReason::NoDateNorAmount,
            _ => SkipReason::UnreadableMonth(month_cell.display()),
        };
        return parser.skip(row.index, month_column, reason, amount.ok());
    };
    if amount_cell.is_empty() {
        // A month listed with no figure yet (a table laid out for the whole year).
        return;
    }
    let amount = match amount {
        Ok(value) => value,
        Err(reason) => return parser.skip(row.index, amount_column, reason, None),
    };
    // `2016年9月` names its own year (a table running across two years).
    let label_year = month_cell
        .as_text()
        .and_then(crate::dates::find_year_in_text);
    let year = label_year.or(parser.context_year());
    if parser
        .entries()
        .iter()
        .any(|entry| entry.month == month && Some(entry.year) == year)
    {
        return parser.skip(
            row.index,
            month_column,
            SkipReason::DuplicateMonth(month),
            Some(amount),
        );
    }
    match year {
        Some(year) if parser.year_allowed(year) => {
            parser.push(row.index, (year, month), amount, None, None)
        }
        Some(year) => parser.skip(
            row.index,
            month_column,
            SkipReason::OtherYear(year),
            Some(amount),
        ),
        None => parser.skip(
            row.index,
            month_column,
            SkipReason::YearUnknown,
            Some(amount),
        ),
    }
}

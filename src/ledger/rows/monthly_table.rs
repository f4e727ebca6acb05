//! The monthly table's row core: one row per month with its spending; a
//! 合计 row is the book's figure for the year, a quarter's row (`第一季度`
//! between the months) is tied out at once against the quarter's months.

use super::{read_amount, LayoutRows, RowParser};
use crate::dates::parse_month_label;
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::header::TotalKind;
use crate::ledger::lines::SkipReason;
use crate::ledger::tieout::TieOut;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;

/// A monthly table's row core: its month and amount columns.
#[derive(Debug)]
pub struct MonthlyTableRows {
    month_column: u32,
    amount_column: u32,
}

impl MonthlyTableRows {
    /// The core of a table with its months in `month_column`, amounts in `amount_column`.
    pub fn new(month_column: u32, amount_column: u32) -> Self {
        Self {
            month_column,
            amount_column,
        }
    }
}

impl LayoutRows for MonthlyTableRows {
    fn parse(&mut self, core: &mut RowParser, row: &Row, _accounts: &mut AccountTable) {
        parse(core, row, self.month_column, self.amount_column);
    }
}

/// Parses one month's row; a 合计 row becomes the book's figure for the year.
fn parse(core: &mut RowParser, row: &Row, month_column: u32, amount_column: u32) {
    let amount_cell = row.get(amount_column);
    let amount = read_amount(amount_cell, core.unit());
    if let Ok(value) = amount {
        core.add_read(value);
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
        if let Some((kind, text)) = core.total_in(row) {
            if let (Ok(value), false) = (&amount, amount_cell.is_empty()) {
                let place = core.cell(row.index, amount_column);
                match kind {
                    TotalKind::Balance => {}
                    TotalKind::Quarter(quarter) => {
                        let what = format!("{place}「{text}」");
                        tie_out_quarter(core, quarter, &what, *value);
                    }
                    _ => core.book_figure(format!("{place}「{text}」：各月支出之和"), None, *value),
                }
            }
            return core.skip(
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
        return core.skip(row.index, month_column, reason, amount.ok());
    };
    if amount_cell.is_empty() {
        // A month listed with no figure yet (a table laid out for the whole year).
        return;
    }
    let amount = match amount {
        Ok(value) => value,
        Err(reason) => return core.skip(row.index, amount_column, reason, None),
    };
    // `2016年9月` names its own year (a table running across two years).
    let label_year = month_cell
        .as_text()
        .and_then(crate::dates::find_year_in_text);
    let year = label_year.or(core.context_year());
    if core
        .entries()
        .iter()
        .any(|entry| entry.month == month && Some(entry.year) == year)
    {
        return core.skip(
            row.index,
            month_column,
            SkipReason::DuplicateMonth(month),
            Some(amount),
        );
    }
    match year {
        Some(year) if core.year_allowed(year) => {
            core.push(row.index, (year, month), amount, None, None)
        }
        Some(year) => core.skip(
            row.index,
            month_column,
            SkipReason::OtherYear(year),
            Some(amount),
        ),
        None => core.skip(
            row.index,
            month_column,
            SkipReason::YearUnknown,
            Some(amount),
        ),
    }
}

/// A quarter's row (`第一季度`, at `what`), tied out against the quarter's
/// months read above it, or 未能核对 when none of them was read.
fn tie_out_quarter(core: &mut RowParser, quarter: u32, what: &str, book_yuan: Decimal) {
    let months = quarter * 3 - 2..=quarter * 3;
    let year = core.context_year();
    let of_quarter: Vec<Decimal> = core
        .entries()
        .iter()
        .filter(|e| months.contains(&e.month) && year.is_none_or(|y| e.year == y))
        .map(|e| e.amount_yuan)
        .collect();
    let basis = format!("{}—{} 月支出之和", months.start(), months.end());
    let ours: Decimal = of_quarter.iter().sum();
    let unchecked = of_quarter
        .is_empty()
        .then(|| format!("本表没有读到第 {quarter} 季度各月的金额，不知道这个季度合计对应哪些月"));
    core.tie_out().record(TieOut {
        what: format!("{what}：{basis}"),
        book_yuan,
        jixiao_yuan: ours,
        unchecked,
    });
}

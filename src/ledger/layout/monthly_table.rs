//! The monthly table (月度汇总表 / 预算执行进度表): one row per month (一月…十二月
//! or 1月…12月) with its spending, like the seed's own table. A 合计 row is the
//! book's figure for the year and is tied out against the months counted (its
//! rows are read by [`crate::ledger::rows::monthly_table`]).

use super::{header, journal, HeaderView, Layout, LayoutKind, SheetLayout, Unit};
use crate::dates::parse_month_label;
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
}

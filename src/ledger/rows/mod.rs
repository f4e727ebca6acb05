//! Row parsing: the rows below a detected header, read as they stream by.
//!
//! Each layout has its row parser in a file of its own here ([`journal`],
//! [`monthly_table`], [`months_across`], [`multi_column`], [`trial_balance`]),
//! built from the layout's column positions and owning the state that spans
//! its rows (a journal's voucher and last date, a trial balance's account tree,
//! a months-across table's group of item rows). What every layout shares —
//! counting, leaving out with a reason, the year of rows that carry none, the
//! lines' classification — is the [`RowParser`] it works on ([`shared`]);
//! the totals the book states go from there to the sheet's tie-out
//! ([`crate::ledger::tieout::sheet`]). Nothing here chooses among readings or
//! looks at other sheets.

mod classes;
pub mod journal;
pub mod monthly_table;
pub mod months_across;
pub mod multi_column;
mod shared;
mod titles;
pub mod trial_balance;
mod year;

pub use classes::UnclassifiedText;
pub use shared::{LineVoucher, RowParser, SheetPart};

use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::{Layout, LayoutKind, Unit};
use crate::ledger::lines::SkipReason;
use crate::ledger::options::ReadOptions;
use crate::money::{amount_in_yuan, decimal_from_f64, parse_amount_text};
use crate::read::{CellValue, MergedRegion, Row};
use anyhow::Result;
use rust_decimal::Decimal;

/// What each layout's row parser does, in its own file.
pub trait LayoutRows {
    /// Parses one data row (one the [`RowParser`] did not leave out first).
    fn parse(&mut self, core: &mut RowParser, row: &Row, accounts: &mut AccountTable);
    /// Work once the sheet's rows are all read (parent rows, account trees).
    fn finish(&mut self, _core: &mut RowParser, _accounts: &AccountTable) {}
}

/// The parser of one layout: the only `match` over the layouts in row parsing.
fn layout_rows(layout: &Layout) -> Box<dyn LayoutRows + Send> {
    let other = &layout.other;
    let status = other.status.map(|column| layout.header(column));
    match &layout.kind {
        LayoutKind::Journal(journal) => Box::new(journal::JournalRows::new(journal, status)),
        LayoutKind::MonthlyTable(table) => Box::new(monthly_table::MonthlyTableRows::new(
            table.month_column,
            table.amount_column,
        )),
        LayoutKind::MonthsAcross(table) => Box::new(months_across::MonthsAcrossRows::new(
            table,
            other.account_code,
        )),
        LayoutKind::MultiColumn(table) => {
            Box::new(multi_column::MultiColumnRows::new(table, status))
        }
        LayoutKind::TrialBalance(table) => Box::new(trial_balance::TrialBalanceRows::new(
            table,
            other.account_code,
            other.account_name,
        )),
    }
}

/// One sheet's rows read under one layout: that layout's parser over the
/// shared [`RowParser`].
pub struct SheetRows {
    core: RowParser,
    rows: Box<dyn LayoutRows + Send>,
}

impl SheetRows {
    /// The rows of sheet number `sheet`, laid out as `layout` (see [`RowParser::new`]).
    pub fn new(
        layout: &Layout,
        options: &ReadOptions,
        sheet_year: Option<i32>,
        sheet: u16,
        merged: Vec<MergedRegion>,
    ) -> Self {
        Self {
            core: RowParser::new(layout, options, sheet_year, sheet, merged),
            rows: layout_rows(layout),
        }
    }

    /// The header row: rows at or above it are not data.
    pub fn header_row(&self) -> u32 {
        self.core.header_row()
    }

    /// Parses one data row: what every layout leaves out first, then the
    /// layout's own parser.
    pub fn parse(&mut self, row: &Row, accounts: &mut AccountTable) {
        if !self.core.before_layout(row) {
            self.rows.parse(&mut self.core, row, accounts);
        }
    }

    /// The sheet's result. A layout whose rows carry no year, in a file that
    /// names none, is an error that asks for `--year` (a partial result would
    /// mislead).
    pub fn finish(mut self, accounts: &AccountTable) -> Result<SheetPart> {
        self.rows.finish(&mut self.core, accounts);
        self.core.finish()
    }
}

/// An amount cell's value in 元, exact to the cent; a blank counts 0.
pub fn read_amount(cell: &CellValue, unit: Unit) -> Result<Decimal, SkipReason> {
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
    let factor = match unit {
        Unit::Yuan => Decimal::ONE,
        Unit::Wan => Decimal::from(10_000),
    };
    // Too many digits to sum, or too big for the sum: left out like any
    // other unreadable amount, with its cell (issue 20, point 6).
    amount_in_yuan(value, factor).ok_or_else(unreadable)
}

#[cfg(test)]
mod tests;

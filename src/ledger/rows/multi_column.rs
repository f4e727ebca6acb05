//! The 多栏账's row parser: each line is read as a journal's line; its 借方 is
//! split over the analysis band's items when the band adds up to it, and the
//! band is tied out against the 借方 row by row.

use super::journal::{parse_line, Lines};
use super::{read_amount, LayoutRows, RowParser};
use crate::classify::{classify, OTHER};
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::multi_column::MultiColumn;
use crate::ledger::layout::{AmountColumns, DateColumns};
use crate::ledger::lines::split_code;
use crate::read::Row;
use rust_decimal::Decimal;

/// A 多栏账's row parser: its columns, and its lines' state.
#[derive(Debug)]
pub struct MultiColumnRows {
    dates: DateColumns,
    amount: Option<AmountColumns>,
    band: Vec<(u32, String)>,
    lines: Lines,
}

impl MultiColumnRows {
    /// The parser of a 多栏账 laid out as `table`; `status_header` is its
    /// 凭证状态 column's header, when it has one.
    pub fn new(table: &MultiColumn, status_header: Option<&str>) -> Self {
        Self {
            dates: table.dates.clone(),
            amount: table.amount,
            band: table.band.clone(),
            lines: Lines::new(status_header),
        }
    }
}

impl LayoutRows for MultiColumnRows {
    /// Parses one line: counted as 借方 − 贷方, split into the band's items when
    /// the band adds up to the 借方; the band is tied out against the 借方.
    fn parse(&mut self, core: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        let mut parts: Vec<(usize, Decimal)> = Vec::new();
        let mut band_sum = Decimal::ZERO;
        let mut band_error = None;
        for (position, (column, _)) in self.band.iter().enumerate() {
            match read_amount(row.get(*column), core.unit()) {
                Ok(value) if !value.is_zero() => {
                    band_sum += value;
                    parts.push((position, value));
                }
                Ok(_) => {}
                Err(reason) => band_error = band_error.or(Some((*column, reason))),
            }
        }
        let (sides, columns) = match self.amount {
            Some(amount) => (
                Lines::read_sides(core, row, amount),
                (amount.debit, amount.credit),
            ),
            None => {
                let first = self.band.first().map_or(0, |(c, _)| *c);
                let sides = match band_error.clone() {
                    Some(error) => Err(error),
                    None => Ok((band_sum, Decimal::ZERO)),
                };
                (sides, (first, None))
            }
        };
        let lines = &mut self.lines;
        let Some(line) = parse_line(core, lines, row, &self.dates, sides, columns, accounts) else {
            return;
        };
        let year = line.period.0;
        // The band analyses the 借方; a refund written in red in the band
        // (借方多栏式) analyses the net. Either way the line splits by the band.
        let band_basis = if band_sum == line.debit {
            Some(line.debit)
        } else if band_sum == line.net {
            Some(line.net)
        } else {
            None
        };
        if self.amount.is_some() && (!parts.is_empty() || !line.debit.is_zero()) {
            let place = core.cell(row.index, columns.0);
            let book = band_basis.unwrap_or(line.debit);
            core.tie_out().row_check(
                "多栏账：每行分析栏各列之和等于借方",
                format!("{place}：分析栏各列之和与借方"),
                book,
                band_sum,
            );
        }
        let split = band_error.is_none() && !parts.is_empty() && band_basis.is_some();
        if split || self.amount.is_none() {
            for (position, amount) in parts {
                let header = &self.band[position].1;
                let (code, name) = split_code(header);
                let item = classify(year, code.as_deref(), &name, "");
                let item = if item == OTHER {
                    core.classify_line(year, line.account, accounts, row)
                } else {
                    item
                };
                let voucher = lines.voucher_of(row.index, amount, line.account);
                core.push_line(
                    row.index,
                    line.period,
                    amount,
                    line.account,
                    Some(item),
                    voucher,
                );
            }
            // A credit the band does not analyse stands on its own.
            if band_basis == Some(line.debit) && !line.credit.is_zero() {
                let item = core.classify_line(year, line.account, accounts, row);
                let voucher = lines.voucher_of(row.index, -line.credit, line.account);
                core.push_line(
                    row.index,
                    line.period,
                    -line.credit,
                    line.account,
                    Some(item),
                    voucher,
                );
            }
        } else {
            let item = core.classify_line(year, line.account, accounts, row);
            let voucher = lines.voucher_of(row.index, line.net, line.account);
            core.push_line(
                row.index,
                line.period,
                line.net,
                line.account,
                Some(item),
                voucher,
            );
        }
        if let Some((column, reason)) = band_error.filter(|_| self.amount.is_some()) {
            core.skip(row.index, column, reason, None);
        }
    }
}

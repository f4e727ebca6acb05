//! The trial balance's row parser: each account row's 本期借方 is counted for
//! the sheet's period; the account tree is followed as the rows come, so
//! that each parent is tied out against its sub-accounts and the 合计 (or a
//! class's 小计) against the top-level accounts.

use super::{read_amount, LayoutRows, RowParser};
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::header::TotalKind;
use crate::ledger::layout::trial_balance::TrialBalance;
use crate::ledger::lines::SkipReason;
use crate::ledger::tieout::TieOut;
use crate::read::Row;
use rust_decimal::Decimal;

/// How the tie-out names a parent compared with its sub-accounts.
const PARENT_CHECK: &str = "上级科目：本期借方等于其下级科目之和";

/// A trial balance's row parser: its columns and period, and the account
/// tree read so far.
#[derive(Debug)]
pub struct TrialBalanceRows {
    /// 本期借方发生额.
    debit: u32,
    /// 本年累计借方, tied out against the months' 本期借方 read before it.
    year_debit: Option<u32>,
    /// The period's month, from the title or the sheet's name.
    month: Option<u32>,
    /// The title's period text when it spans more than one month.
    spans_months: Option<String>,
    /// 科目编码 and 科目名称.
    code_column: Option<u32>,
    name_column: Option<u32>,
    /// The accounts read so far, parents before sub-accounts.
    tree: AccountTree,
}

impl TrialBalanceRows {
    /// The parser of a trial balance laid out as `table`, its accounts named
    /// in `code_column` and `name_column`.
    pub fn new(table: &TrialBalance, code_column: Option<u32>, name_column: Option<u32>) -> Self {
        Self {
            debit: table.debit,
            year_debit: table.year_debit,
            month: table.month,
            spans_months: table.spans_months.clone(),
            code_column,
            name_column,
            tree: AccountTree::default(),
        }
    }

    /// Closes the account tree at a total row (a class 小计 when `subtotal`)
    /// or the sheet's end, tying out the parents it closes; returns the
    /// top-level accounts' sum since the previous 小计 and since the start.
    fn finish_tree(&mut self, core: &mut RowParser, subtotal: bool) -> (Decimal, Decimal) {
        let (checks, since_subtotal, all) = self.tree.finish(subtotal);
        for (what, book, ours) in checks {
            core.tie_out().row_check(PARENT_CHECK, what, book, ours);
        }
        (since_subtotal, all)
    }
}

impl LayoutRows for TrialBalanceRows {
    fn finish(&mut self, core: &mut RowParser, _accounts: &AccountTable) {
        self.finish_tree(core, false);
    }

    /// Parses one account row: its 本期借方 is counted for the period; the
    /// account tree is followed so that each parent is tied out against its
    /// sub-accounts and the 合计 row against the top-level accounts.
    fn parse(&mut self, core: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        let debit = match read_amount(row.get(self.debit), core.unit()) {
            Ok(value) => value,
            Err(reason) => return core.skip(row.index, self.debit, reason, None),
        };
        core.add_read(debit);
        let place = core.cell(row.index, self.debit);
        if let Some((kind, text)) = core.total_in(row) {
            // A class's 小计 sums the top-level accounts since the previous
            // 小计; the 合计 sums them all.
            let (since_subtotal, all) = self.finish_tree(core, kind == TotalKind::Period);
            let (basis, ours) = match kind {
                TotalKind::Period => ("上一小计以来一级科目本期借方之和", since_subtotal),
                _ => ("一级科目本期借方之和", all),
            };
            if kind != TotalKind::Balance && !row.get(self.debit).is_empty() {
                core.tie_out().record(TieOut {
                    what: format!("{place}「{text}」：{basis}"),
                    book_yuan: debit,
                    jixiao_yuan: ours,
                    unchecked: None,
                });
            }
            return core.skip(
                row.index,
                self.debit,
                SkipReason::SummaryRow(text),
                Some(debit),
            );
        }
        let Some(account) = accounts.intern_from_row(row, self.code_column, self.name_column)
        else {
            return core.skip(
                row.index,
                self.debit,
                SkipReason::NoDateNorAmount,
                Some(debit),
            );
        };
        let code = accounts.get(account).and_then(|a| a.code.clone());
        for (what, book, ours) in self.tree.follow(code, debit, place) {
            core.tie_out().row_check(PARENT_CHECK, what, book, ours);
        }
        if self.spans_months.is_some() {
            return core.skip(
                row.index,
                self.debit,
                SkipReason::PeriodSpansMonths,
                Some(debit),
            );
        }
        let month = match self.month {
            Some(month) => month,
            None => {
                return core.skip(
                    row.index,
                    self.debit,
                    SkipReason::PeriodUnknown,
                    Some(debit),
                )
            }
        };
        let Some(year) = core.context_year() else {
            return core.skip(row.index, self.debit, SkipReason::YearUnknown, Some(debit));
        };
        if !core.year_allowed(year) {
            return core.skip(
                row.index,
                self.debit,
                SkipReason::OtherYear(year),
                Some(debit),
            );
        }
        if let Some(column) = self.year_debit {
            if let Ok(book) = read_amount(row.get(column), core.unit()) {
                let place = core.cell(row.index, column);
                core.tie_out()
                    .book_year_to_date(account, (year, month), book, place);
            }
        }
        let item = core.classify_line(year, Some(account), accounts, row);
        core.push(row.index, (year, month), debit, Some(account), Some(item));
    }
}

/// The accounts of a trial balance as they are read, parents before their
/// sub-accounts: each parent's 本期借方 is compared with its sub-accounts' sum.
#[derive(Debug, Default)]
pub struct AccountTree {
    open: Vec<Node>,
    /// Top-level accounts since the previous class 小计.
    since_subtotal: Decimal,
    /// All top-level accounts since the start (or the previous 合计).
    top_level: Decimal,
}

#[derive(Debug)]
struct Node {
    code: String,
    debit: Decimal,
    children: Decimal,
    has_children: bool,
    place: String,
}

/// A parent compared with its sub-accounts: (where, the parent's figure, the sub-accounts' sum).
pub type ParentCheck = (String, Decimal, Decimal);

impl AccountTree {
    /// Takes the next account row; returns the parents it closes that had sub-accounts.
    pub fn follow(
        &mut self,
        code: Option<String>,
        debit: Decimal,
        place: String,
    ) -> Vec<ParentCheck> {
        let Some(code) = code else {
            self.add_top_level(debit);
            return Vec::new();
        };
        let mut closed = Vec::new();
        while let Some(last) = self.open.last() {
            if code.len() > last.code.len() && code.starts_with(&last.code) {
                break;
            }
            closed.extend(self.open.pop().and_then(Node::check));
        }
        match self.open.last_mut() {
            Some(parent) => {
                parent.children += debit;
                parent.has_children = true;
            }
            None => self.add_top_level(debit),
        }
        self.open.push(Node {
            code,
            debit,
            children: Decimal::ZERO,
            has_children: false,
            place,
        });
        closed
    }

    fn add_top_level(&mut self, debit: Decimal) {
        self.since_subtotal += debit;
        self.top_level += debit;
    }

    /// Closes every open account; returns their checks, the top-level sum since
    /// the previous subtotal and the top-level sum of all. A subtotal starts a
    /// new class; anything else (合计, the sheet's end) starts afresh.
    pub fn finish(&mut self, subtotal: bool) -> (Vec<ParentCheck>, Decimal, Decimal) {
        let checks = std::mem::take(&mut self.open)
            .into_iter()
            .rev()
            .filter_map(Node::check)
            .collect();
        let since_subtotal = std::mem::take(&mut self.since_subtotal);
        let all = if subtotal {
            self.top_level
        } else {
            std::mem::take(&mut self.top_level)
        };
        (checks, since_subtotal, all)
    }
}

impl Node {
    fn check(self) -> Option<ParentCheck> {
        self.has_children.then(|| {
            (
                format!("{}（{}）：其下级科目本期借方之和", self.place, self.code),
                self.debit,
                self.children,
            )
        })
    }
}

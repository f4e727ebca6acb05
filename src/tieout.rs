//! Tie-out (勾稽): jixiao's figures compared, to the cent, with the totals the
//! book states itself — 本月合计 / 本年累计 rows, 过次页 / 承前页, the 合计 column
//! and row of a months-across table, a monthly table's 合计, a trial balance's
//! parent accounts, a 多栏账's analysis band.
//!
//! Reconciliation (read = included + excluded) proves arithmetic; only a
//! tie-out proves reading: a wrong column or a counted subtotal cannot agree
//! with the book's own totals. A book without totals cannot be tied out, and
//! jixiao says so instead of implying a check passed.

use crate::money::format_cents;
use rust_decimal::Decimal;

/// How many individual comparisons are kept; the rest are counted.
pub const KEPT_CHECKS: usize = 2_000;

/// One comparison of a figure the book states with jixiao's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieOut {
    /// What was compared, e.g. `明细账!F20「本月合计」：2017 年 1 月各行之和（借方）`.
    pub what: String,
    /// The book's figure, in 元.
    pub book_yuan: Decimal,
    /// jixiao's figure, in 元.
    pub jixiao_yuan: Decimal,
}

impl TieOut {
    /// True when the two agree to the cent.
    pub fn ok(&self) -> bool {
        self.book_yuan == self.jixiao_yuan
    }

    /// `相符` or `不符`.
    pub fn verdict(&self) -> &'static str {
        if self.ok() {
            "相符"
        } else {
            "不符"
        }
    }

    /// One line for the console and the report: what, both figures, the verdict.
    pub fn line(&self) -> String {
        let difference = if self.ok() {
            String::new()
        } else {
            format!(
                "，相差 {} 元",
                format_cents(self.jixiao_yuan - self.book_yuan)
            )
        };
        format!(
            "{}：台账 {} 元，jixiao {} 元，{}{difference}",
            self.what,
            format_cents(self.book_yuan),
            format_cents(self.jixiao_yuan),
            self.verdict()
        )
    }
}

/// Every tie-out of a ledger: the first [`KEPT_CHECKS`] comparisons (all
/// mismatches are kept before matches once the limit is near) and the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TieOutLog {
    /// The comparisons kept, in the order made.
    pub checks: Vec<TieOut>,
    /// How many comparisons were made.
    pub total: usize,
    /// How many did not agree.
    pub mismatches: usize,
}

impl TieOutLog {
    /// Records one comparison.
    pub fn record(&mut self, check: TieOut) {
        self.total += 1;
        if !check.ok() {
            self.mismatches += 1;
        }
        if self.checks.len() < KEPT_CHECKS || !check.ok() && self.checks.len() < 2 * KEPT_CHECKS {
            self.checks.push(check);
        }
    }

    /// Adds another log's comparisons after this one's.
    pub fn extend(&mut self, other: TieOutLog) {
        self.total += other.total - other.checks.len();
        self.mismatches += other.mismatches - other.checks.iter().filter(|c| !c.ok()).count();
        for check in other.checks {
            self.record(check);
        }
    }

    /// True when at least one comparison was made and none disagreed.
    pub fn all_agree(&self) -> bool {
        self.total > 0 && self.mismatches == 0
    }

    /// The one-line verdict for the console and 数据检查.
    pub fn summary(&self) -> String {
        match (self.total, self.mismatches) {
            (0, _) => NO_BOOK_TOTALS.to_string(),
            (total, 0) => format!("与台账自列的合计核对 {total} 处，全部相符"),
            (total, bad) => format!(
                "与台账自列的合计核对 {total} 处，{bad} 处不符：jixiao 的读取可能有误，请逐项核对下表后再使用评定结果"
            ),
        }
    }
}

/// What is said when the book states no totals of its own.
pub const NO_BOOK_TOTALS: &str =
    "台账未列合计，无法勾稽：jixiao 的数字没有台账自身的合计可以核对，请人工核对各月金额";

/// Running sums of 借方 and 贷方 over a run of lines, in 元.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    /// Sum of the debit (or single amount) column.
    pub debit: Decimal,
    /// Sum of the credit column.
    pub credit: Decimal,
    /// How many lines were summed.
    pub lines: u64,
}

impl Sums {
    /// Adds one line.
    pub fn add(&mut self, debit: Decimal, credit: Decimal) {
        self.debit += debit;
        self.credit += credit;
        self.lines += 1;
    }
}

#[cfg(test)]
mod tests;

//! Tie-out (勾稽): jixiao's figures compared, to the cent, with the totals the
//! book states itself — 本月合计 / 本年累计 rows, 过次页 / 承前页, the 合计 column
//! and row of a months-across table, a monthly table's 合计, a trial balance's
//! parent accounts, a 多栏账's analysis band.
//!
//! Reconciliation (read = included + excluded) proves arithmetic; only a
//! tie-out proves reading: a wrong column or a counted subtotal cannot agree
//! with the book's own totals. A book without totals cannot be tied out, and
//! jixiao says so instead of implying a check passed.

pub mod across;
pub mod choice;
pub mod sheet;

use crate::ledger::layout::Unit;
use crate::ledger::lines::Entry;
use crate::money::format_cents;
use rust_decimal::Decimal;

pub use choice::{Reading, ReadingChoice, Verdict};

/// How many individual comparisons are kept; the rest are counted.
pub const KEPT_CHECKS: usize = 2_000;

/// What came of one comparison: the figures agree, they disagree, or the
/// book's total could not be placed (jixiao cannot tell which lines it sums).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieOutStatus {
    /// The book's figure and jixiao's agree to the cent (相符).
    Matched,
    /// jixiao placed the total and its own figure disagrees (不符).
    Mismatched,
    /// jixiao could not place the total (未能核对): a cross-sheet 合计, a band
    /// it does not model, a 本年累计 including months it did not see.
    Unchecked,
}

impl TieOutStatus {
    /// The stable code of `--json`: `matched`, `mismatched` or `unchecked`.
    pub fn code(self) -> &'static str {
        match self {
            TieOutStatus::Matched => "matched",
            TieOutStatus::Mismatched => "mismatched",
            TieOutStatus::Unchecked => "unchecked",
        }
    }

    /// `相符`, `不符` or `未能核对`.
    pub fn verdict(self) -> &'static str {
        match self {
            TieOutStatus::Matched => "相符",
            TieOutStatus::Mismatched => "不符",
            TieOutStatus::Unchecked => "未能核对",
        }
    }
}

/// One comparison of a figure the book states with jixiao's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieOut {
    /// What was compared, e.g. `明细账!F20「本月合计」：2017 年 1 月各行之和（借方）`.
    pub what: String,
    /// The book's figure, in 元.
    pub book_yuan: Decimal,
    /// jixiao's figure, in 元; for a total that could not be placed, the
    /// figure jixiao tried first (not comparable with the book's).
    pub jixiao_yuan: Decimal,
    /// Why the total could not be placed (未能核对); `None` for a comparison made.
    pub unchecked: Option<String>,
}

impl TieOut {
    /// A comparison made: `book` against jixiao's `ours`.
    pub fn compared(what: String, book_yuan: Decimal, jixiao_yuan: Decimal) -> Self {
        Self {
            what,
            book_yuan,
            jixiao_yuan,
            unchecked: None,
        }
    }

    /// A total the book states that jixiao could not place, with why.
    pub fn cannot_place(
        what: String,
        book_yuan: Decimal,
        jixiao_yuan: Decimal,
        why: impl Into<String>,
    ) -> Self {
        Self {
            what,
            book_yuan,
            jixiao_yuan,
            unchecked: Some(why.into()),
        }
    }

    /// Matched, mismatched or unchecked.
    pub fn status(&self) -> TieOutStatus {
        if self.unchecked.is_some() {
            TieOutStatus::Unchecked
        } else if self.book_yuan == self.jixiao_yuan {
            TieOutStatus::Matched
        } else {
            TieOutStatus::Mismatched
        }
    }

    /// True when the two were compared and agree to the cent.
    pub fn ok(&self) -> bool {
        self.status() == TieOutStatus::Matched
    }

    /// True when the two were compared and disagree (不符); a total that could
    /// not be placed is not a mismatch.
    pub fn is_mismatch(&self) -> bool {
        self.status() == TieOutStatus::Mismatched
    }

    /// `相符`, `不符` or `未能核对`.
    pub fn verdict(&self) -> &'static str {
        self.status().verdict()
    }

    /// One line for the console and the report: what, both figures, the
    /// verdict; for a total that could not be placed, the book's figure and why.
    pub fn line(&self) -> String {
        if let Some(why) = &self.unchecked {
            return format!(
                "{}：台账 {} 元，未能核对：{why}",
                self.what,
                format_cents(self.book_yuan)
            );
        }
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
/// mismatches and totals not placed are kept before matches once the limit is
/// near) and the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TieOutLog {
    /// The comparisons kept, in the order made.
    pub checks: Vec<TieOut>,
    /// How many comparisons were made (matched or not; totals not placed are
    /// counted in `unchecked` instead).
    pub total: usize,
    /// How many did not agree.
    pub mismatches: usize,
    /// How many of the book's totals could not be placed (未能核对).
    pub unchecked: usize,
}

impl TieOutLog {
    /// Records one comparison.
    pub fn record(&mut self, check: TieOut) {
        let status = check.status();
        match status {
            TieOutStatus::Unchecked => self.unchecked += 1,
            TieOutStatus::Mismatched => {
                self.total += 1;
                self.mismatches += 1;
            }
            TieOutStatus::Matched => self.total += 1,
        }
        let matched = status == TieOutStatus::Matched;
        if self.checks.len() < KEPT_CHECKS || !matched && self.checks.len() < 2 * KEPT_CHECKS {
            self.checks.push(check);
        }
    }

    /// Adds another log's comparisons after this one's.
    pub fn extend(&mut self, other: TieOutLog) {
        let kept =
            |status: TieOutStatus| other.checks.iter().filter(|c| c.status() == status).count();
        let kept_mismatches = kept(TieOutStatus::Mismatched);
        let kept_compared = kept(TieOutStatus::Matched) + kept_mismatches;
        self.total += other.total - kept_compared;
        self.mismatches += other.mismatches - kept_mismatches;
        self.unchecked += other.unchecked - kept(TieOutStatus::Unchecked);
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
        let unchecked = match self.unchecked {
            0 => String::new(),
            count => format!("；另有 {count} 处台账合计无法对应（未能核对），见「数据检查」"),
        };
        match (self.total, self.mismatches) {
            (0, _) if self.unchecked > 0 => format!(
                "台账自列的合计有 {} 处，jixiao 都无法对应（未能核对），没有一处可以勾稽：请人工核对各月金额",
                self.unchecked
            ),
            (0, _) => NO_BOOK_TOTALS.to_string(),
            (total, 0) => format!("与台账自列的合计核对 {total} 处，全部相符{unchecked}"),
            (total, bad) => format!(
                "与台账自列的合计核对 {total} 处，{bad} 处不符：jixiao 的读取可能有误，请逐项核对下表后再使用评定结果{unchecked}"
            ),
        }
    }
}

/// What is said when the book states no totals of its own.
pub const NO_BOOK_TOTALS: &str =
    "台账未列合计，无法勾稽：jixiao 的数字没有台账自身的合计可以核对，请人工核对各月金额";

/// A figure the book states for the final result (a 合计 row of a monthly or
/// months-across table), compared once the entries are final.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookFigure {
    /// What it is and where (`月度表!B15「合计」：各月支出之和`).
    pub what: String,
    /// Index into [`Ledger::sheets`].
    pub sheet: u16,
    /// The year of the sheet's rows, when known.
    pub year: Option<i32>,
    /// The month it totals, or `None` for the whole sheet.
    pub month: Option<u32>,
    /// The book's figure, in 元.
    pub book_yuan: Decimal,
}

impl BookFigure {
    /// The comparison with jixiao's final figure: the counted entries of the
    /// same sheet (and month, and year).
    pub fn compare(&self, entries: &[Entry]) -> TieOut {
        self.compare_among(entries.iter().filter(|e| e.sheet == self.sheet))
    }

    /// The figure as it reads when its sheet's amounts are in `to`, not in
    /// `from` (a 汇总 sheet that states no unit): 万元 → 元 divides by 10 000.
    pub fn in_unit(&self, from: Unit, to: Unit) -> BookFigure {
        let ten_thousand = Decimal::from(10_000);
        let book_yuan = match (from, to) {
            (Unit::Wan, Unit::Yuan) => self.book_yuan / ten_thousand,
            (Unit::Yuan, Unit::Wan) => self
                .book_yuan
                .checked_mul(ten_thousand)
                .unwrap_or(Decimal::MAX),
            _ => self.book_yuan,
        };
        BookFigure {
            book_yuan,
            ..self.clone()
        }
    }

    /// The comparison with the counted entries of every sheet (a 汇总 sheet's figure).
    pub fn compare_all_sheets(&self, entries: &[Entry]) -> TieOut {
        self.compare_among(entries.iter())
    }

    fn compare_among<'e>(&self, entries: impl Iterator<Item = &'e Entry>) -> TieOut {
        let ours = entries
            .filter(|e| self.month.is_none_or(|m| e.month == m))
            .filter(|e| self.year.is_none_or(|y| e.year == y))
            .map(|e| e.amount_yuan)
            .sum();
        TieOut {
            what: self.what.clone(),
            book_yuan: self.book_yuan,
            jixiao_yuan: ours,
            unchecked: None,
        }
    }
}

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

    /// Both runs of lines together, side by side.
    pub fn plus(self, other: Sums) -> Sums {
        Sums {
            debit: self.debit + other.debit,
            credit: self.credit + other.credit,
            lines: self.lines + other.lines,
        }
    }

    /// The book's figure minus these sums, side by side: what came before
    /// the lines summed (a year-to-date brought into a block); no lines.
    pub fn before(self, debit: Decimal, credit: Decimal) -> Sums {
        Sums {
            debit: debit - self.debit,
            credit: credit - self.credit,
            lines: 0,
        }
    }

    /// True when both sides equal the book's figures.
    pub fn agrees(&self, debit: Decimal, credit: Decimal) -> bool {
        self.debit == debit && self.credit == credit
    }
}

#[cfg(test)]
mod tests;

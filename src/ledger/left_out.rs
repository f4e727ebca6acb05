//! Rows left out beyond the first few of each reason.
//!
//! A ledger of a million rows can leave out half a million (the other side of
//! a whole book, unreadable amounts). Each left-out row is a
//! [`SkippedRow`] with its cell address and reason only up to
//! [`KEPT_PER_REASON`] rows of each reason — more than 数据检查 and the console
//! list. The rest are counted and summed by kind of reason here, exactly, and
//! remembered compactly (sheet, row, reason) so that 明细 still says what was
//! done with every row. Nothing is dropped: every total that counts left-out
//! rows adds these in.

use super::lines::{SkipReason, SkippedRow};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::mem::Discriminant;

/// Left-out rows kept whole for each reason (by variant of [`SkipReason`]).
pub const KEPT_PER_REASON: usize = 2000;

/// Distinct reason texts remembered for 明细; past this, a row's reason is its kind.
const MAX_TEXTS: usize = 65_535;

/// What the totals need to know of a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReasonClass {
    /// [`SkipReason::kind`].
    pub kind: &'static str,
    /// [`SkipReason::needs_attention`].
    pub attention: bool,
    /// Left out by design (totals, closing entries, other accounts), not for a problem.
    pub by_design: bool,
    /// The year of an [`SkipReason::OtherYear`] row.
    pub other_year: Option<i32>,
}

impl ReasonClass {
    /// The class of `reason`.
    pub fn of(reason: &SkipReason) -> Self {
        Self {
            kind: reason.kind(),
            attention: reason.needs_attention(),
            by_design: matches!(
                reason,
                SkipReason::SummaryRow(_)
                    | SkipReason::TotalColumn
                    | SkipReason::ClosingEntry(_)
                    | SkipReason::NotExpenditure(_)
                    | SkipReason::ParentAccount(_)
                    | SkipReason::NotSpending { .. }
                    | SkipReason::ExcludedBySetting { .. }
            ),
            other_year: match reason {
                SkipReason::OtherYear(year) => Some(*year),
                _ => None,
            },
        }
    }
}

/// Count and sums of the rows of one class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Rows.
    pub rows: usize,
    /// Their amounts, in 元.
    pub yuan: Decimal,
    /// Their amounts' absolute values, in 元.
    pub abs_yuan: Decimal,
    /// Rows whose amount could not be read.
    pub without_amount: usize,
}

impl Tally {
    fn add(&mut self, amount: Option<Decimal>) {
        self.rows += 1;
        match amount {
            Some(amount) => {
                self.yuan += amount;
                self.abs_yuan += amount.abs();
            }
            None => self.without_amount += 1,
        }
    }
}

/// The left-out rows past [`KEPT_PER_REASON`] of their reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOutBeyond {
    /// Rows kept whole so far, by reason.
    kept: HashMap<Discriminant<SkipReason>, usize>,
    tallies: BTreeMap<ReasonClass, Tally>,
    /// `sheet << 48 | row << 16 | text`, sorted once the ledger is final.
    rows: Vec<u64>,
    texts: Vec<String>,
    text_ids: HashMap<String, u16>,
}

impl LeftOutBeyond {
    /// True when a row left out for `reason` would still be kept whole.
    fn has_room(&self, reason: &SkipReason) -> bool {
        self.kept
            .get(&std::mem::discriminant(reason))
            .is_none_or(|kept| *kept < KEPT_PER_REASON)
    }

    /// Keeps `row` whole in `kept` while its reason has room, else tallies it.
    pub fn admit(&mut self, kept: &mut Vec<SkippedRow>, row: SkippedRow) {
        let SkippedRow {
            address,
            sheet,
            row,
            reason,
            amount_yuan,
        } = row;
        self.leave_out(kept, (sheet, row), reason, amount_yuan, || address);
    }

    /// Leaves out row `row` of `sheet`: kept whole in `kept` while its
    /// reason has room — its cell `address` is made only then — else tallied.
    pub fn leave_out(
        &mut self,
        kept: &mut Vec<SkippedRow>,
        (sheet, row): (u16, u32),
        reason: SkipReason,
        amount_yuan: Option<Decimal>,
        address: impl FnOnce() -> String,
    ) {
        if !self.has_room(&reason) {
            self.tally(sheet, row, &reason, amount_yuan);
            return;
        }
        *self
            .kept
            .entry(std::mem::discriminant(&reason))
            .or_default() += 1;
        kept.push(SkippedRow {
            address: address(),
            sheet,
            row,
            reason,
            amount_yuan,
        });
    }

    /// Counts a row left out past its reason's room.
    pub fn tally(&mut self, sheet: u16, row: u32, reason: &SkipReason, amount: Option<Decimal>) {
        self.tallies
            .entry(ReasonClass::of(reason))
            .or_default()
            .add(amount);
        let id = self.intern(reason.to_string());
        self.rows
            .push((u64::from(sheet) << 48) | (u64::from(row) << 16) | u64::from(id));
    }

    /// Adds a sheet's left-out rows: its whole rows through [`Self::admit`],
    /// its tallies and compact rows as they are.
    pub fn absorb(&mut self, kept: &mut Vec<SkippedRow>, rows: Vec<SkippedRow>, beyond: Self) {
        for row in rows {
            self.admit(kept, row);
        }
        for (class, tally) in beyond.tallies {
            let mine = self.tallies.entry(class).or_default();
            mine.rows += tally.rows;
            mine.yuan += tally.yuan;
            mine.abs_yuan += tally.abs_yuan;
            mine.without_amount += tally.without_amount;
        }
        let ids: Vec<u16> = beyond
            .texts
            .into_iter()
            .map(|text| self.intern(text))
            .collect();
        for packed in beyond.rows {
            let id = ids
                .get(usize::from((packed & 0xFFFF) as u16))
                .copied()
                .unwrap_or(u16::MAX);
            self.rows.push((packed & !0xFFFF) | u64::from(id));
        }
    }

    fn intern(&mut self, text: String) -> u16 {
        if let Some(id) = self.text_ids.get(&text) {
            return *id;
        }
        if self.texts.len() >= MAX_TEXTS {
            return u16::MAX;
        }
        let id = u16::try_from(self.texts.len()).unwrap_or(u16::MAX);
        self.texts.push(text.clone());
        self.text_ids.insert(text, id);
        id
    }

    /// Sorts the compact rows by sheet and row (after rows were added out of order).
    pub fn sort(&mut self) {
        self.rows.sort_unstable();
    }

    /// The rows tallied here.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when no row went past its reason's room.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The counts and sums by class.
    pub fn tallies(&self) -> impl Iterator<Item = (&ReasonClass, &Tally)> {
        self.tallies.iter()
    }

    /// The compact rows in order: (sheet, row, reason text).
    pub fn rows(&self) -> impl Iterator<Item = (u16, u32, &str)> + '_ {
        self.rows.iter().map(|packed| {
            let sheet = (packed >> 48) as u16;
            let row = ((packed >> 16) & 0xFFFF_FFFF) as u32;
            let text = self
                .texts
                .get(usize::from((packed & 0xFFFF) as u16))
                .map_or("原因较多，未逐条保存", String::as_str);
            (sheet, row, text)
        })
    }
}

#[cfg(test)]
mod tests;

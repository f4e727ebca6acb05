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

use super::{SkipReason, SkippedRow};
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
    pub fn has_room(&self, reason: &SkipReason) -> bool {
        self.kept
            .get(&std::mem::discriminant(reason))
            .is_none_or(|kept| *kept < KEPT_PER_REASON)
    }

    /// Keeps `row` whole in `kept` while its reason has room, else tallies it.
    pub fn admit(&mut self, kept: &mut Vec<SkippedRow>, row: SkippedRow) {
        if self.has_room(&row.reason) {
            *self
                .kept
                .entry(std::mem::discriminant(&row.reason))
                .or_default() += 1;
            kept.push(row);
        } else {
            self.tally(row.sheet, row.row, &row.reason, row.amount_yuan);
        }
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
mod tests {
    use super::*;

    fn row(sheet: u16, row: u32, reason: SkipReason, yuan: Option<i64>) -> SkippedRow {
        SkippedRow {
            address: format!("S!A{}", row + 1),
            sheet,
            row,
            reason,
            amount_yuan: yuan.map(Decimal::from),
        }
    }

    #[test]
    fn an_entry_stays_small() {
        // A million entries are most of what a run holds (issue 10: 64 MiB).
        assert!(std::mem::size_of::<super::super::Entry>() <= 48);
    }

    #[test]
    fn rows_past_the_room_of_their_reason_are_counted_not_kept() {
        let mut beyond = LeftOutBeyond::default();
        let mut kept = Vec::new();
        for i in 0..2500u32 {
            let reason = SkipReason::UnreadableAmount(format!("“待定{}”", i % 3));
            beyond.admit(&mut kept, row(0, i, reason, None));
            beyond.admit(&mut kept, row(0, i, SkipReason::OtherYear(2016), Some(-2)));
        }
        assert_eq!(kept.len(), 2 * KEPT_PER_REASON);
        assert_eq!(beyond.len(), 2 * (2500 - KEPT_PER_REASON));
        let tallies: Vec<(&ReasonClass, &Tally)> = beyond.tallies().collect();
        let year = tallies
            .iter()
            .find(|(class, _)| class.other_year == Some(2016))
            .unwrap()
            .1;
        assert_eq!(
            (year.rows, year.yuan, year.abs_yuan, year.without_amount),
            (500, Decimal::from(-1000), Decimal::from(1000), 0)
        );
        let unreadable = tallies.iter().find(|(class, _)| class.attention).unwrap().1;
        assert_eq!((unreadable.rows, unreadable.without_amount), (500, 500));
        // Three distinct texts, each remembered once, each row named by its own.
        let named: Vec<(u16, u32, &str)> = beyond.rows().take(2).collect();
        assert_eq!(named[0], (0, 2000, "金额无法识别：“待定2”；请改为数字"));
        assert_eq!(named[1].1, 2000);
        assert_eq!(beyond.texts.len(), 4);
    }

    #[test]
    fn a_sheets_rows_join_the_ledgers_in_order_with_their_texts() {
        let mut first = LeftOutBeyond::default();
        let mut kept = Vec::new();
        for i in 0..KEPT_PER_REASON as u32 {
            first.admit(&mut kept, row(0, i, SkipReason::NoDateNorAmount, None));
        }
        let mut sheet = LeftOutBeyond::default();
        let mut sheet_kept = Vec::new();
        for i in 0..KEPT_PER_REASON as u32 + 3 {
            sheet.admit(&mut sheet_kept, row(1, i, SkipReason::YearUnknown, None));
            sheet.admit(
                &mut sheet_kept,
                row(1, i, SkipReason::NoDateNorAmount, None),
            );
        }
        first.absorb(&mut kept, sheet_kept, sheet);
        first.sort();
        assert_eq!(kept.len(), 2 * KEPT_PER_REASON);
        assert_eq!(first.len(), 3 + KEPT_PER_REASON + 3);
        let rows: Vec<(u16, u32, &str)> = first.rows().collect();
        assert!(rows
            .windows(2)
            .all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1)));
        assert!(rows
            .iter()
            .any(|(_, _, text)| text.starts_with("不知道这一行属于哪一年")));
    }
}

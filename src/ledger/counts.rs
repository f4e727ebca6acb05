//! How the rows read were used, counted once per ledger for the per-file
//! result (the console says them in a sentence).

use super::Ledger;
use std::collections::HashSet;

/// How the rows read were used, counted so the console's sentence adds up:
/// in a plain ledger one row is one line (笔), but a table with the months
/// across holds several amounts in a row, and a row may hold both counted
/// amounts and a 合计 cell left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Non-empty rows read below the header(s).
    pub read: u64,
    /// Amounts counted (笔).
    pub counted: usize,
    /// Rows holding at least one counted amount.
    pub counted_rows: usize,
    /// Amounts or rows left out (处), all of them.
    pub left_out: usize,
    /// Of those, left out inside rows that also hold counted amounts.
    pub left_out_in_counted_rows: usize,
    /// Rows left out whole (no amount of theirs counted).
    pub left_out_rows: usize,
    /// Left out and needing a person's look (处).
    pub attention: usize,
}

impl RowCounts {
    /// The counts of one read ledger. Rows left out past the few kept by
    /// name per reason are known by count only: each is one row.
    pub fn of(ledger: &Ledger) -> RowCounts {
        let counted: HashSet<(u16, u32)> =
            ledger.entries.iter().map(|e| (e.sheet, e.row)).collect();
        let mut in_counted = 0;
        let mut whole: HashSet<(u16, u32)> = HashSet::new();
        for skipped in &ledger.skipped {
            if counted.contains(&(skipped.sheet, skipped.row)) {
                in_counted += 1;
            } else {
                whole.insert((skipped.sheet, skipped.row));
            }
        }
        RowCounts {
            read: ledger.data_rows,
            counted: ledger.entries.len(),
            counted_rows: counted.len(),
            left_out: ledger.left_out_count(),
            left_out_in_counted_rows: in_counted,
            left_out_rows: whole.len() + ledger.skipped_beyond.len(),
            attention: ledger.attention_count(),
        }
    }
}

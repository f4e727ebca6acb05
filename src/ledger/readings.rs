//! Candidate readings: where a sheet allows more than one reading, each of
//! them, for the book's own totals to choose among.
//!
//! A journal may have several columns that could hold the amount (`计划金额`
//! and `支付金额`, `金额` beside `支出金额`). Detection ranks them by their
//! headers and takes the best; the sheet is parsed under each other candidate
//! as well ([`alternatives`]), and the tie-out keeps the reading the book's
//! totals confirm ([`crate::ledger::tieout::choice`]).

use super::layout::header::{credit_rank, debit_rank, is_debit_header, normalize_header};
use super::layout::{unit_stated, AmountColumns, Layout, LayoutKind, Overrides};

/// At most this many other readings are parsed beside the first-ranked one.
const MAX_ALTERNATIVES: usize = 3;

/// The rank `debit_rank` gives what was planned, approved or applied for.
const PLANNED_RANK: u8 = 5;

/// The other readings of a sheet: the same layout with each other column
/// whose header could name the amount. None when the user chose the amount
/// column, or the layout has a single way to read it.
pub fn alternatives(layout: &Layout, overrides: &Overrides) -> Vec<Layout> {
    if overrides.amount_column.is_some() {
        return Vec::new();
    }
    let LayoutKind::Journal(journal) = &layout.kind else {
        return Vec::new();
    };
    let primary = journal.amount;
    let first_is_planned =
        debit_rank(&normalize_header(layout.header(primary.debit))) >= Some(PLANNED_RANK);
    let taken: Vec<u32> = [Some(primary.debit), primary.credit]
        .into_iter()
        .flatten()
        .chain(layout.other.balance)
        .collect();
    let candidates = layout
        .headers
        .iter()
        .filter(|(column, _)| !taken.contains(column))
        .filter(|(_, text)| {
            // Never money received (`借方（收入）` of a cash book), never a
            // plan when the first reading is no plan.
            let rank = debit_rank(&normalize_header(text));
            let received = ["收入", "收款"].iter().any(|w| text.contains(w));
            rank.is_some() && !received && (rank < Some(PLANNED_RANK) || first_is_planned)
        })
        .take(MAX_ALTERNATIVES);
    candidates
        .map(|(column, text)| {
            let credit = is_debit_header(&normalize_header(text))
                .then(|| {
                    layout
                        .headers
                        .iter()
                        .filter(|(c, _)| c != column)
                        .filter_map(|(c, t)| credit_rank(&normalize_header(t)).map(|r| (r, *c)))
                        .min()
                        .map(|(_, c)| c)
                })
                .flatten();
            let mut alternative = layout.clone();
            let mut kind = journal.clone();
            kind.amount = AmountColumns {
                debit: *column,
                credit,
            };
            alternative.kind = LayoutKind::Journal(kind);
            if let Some(unit) = unit_stated(text) {
                alternative.unit = unit;
            }
            alternative
        })
        .collect()
}

/// The column a reading is named by: a journal's amount column (the one
/// thing its readings differ in); `None` for the layouts read one way only.
pub fn amount_column(layout: &Layout) -> Option<u32> {
    match &layout.kind {
        LayoutKind::Journal(journal) => Some(journal.amount.debit),
        _ => None,
    }
}

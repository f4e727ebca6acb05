//! Readings: where a sheet allows more than one reading, the book's own
//! totals choose.
//!
//! A journal may have several columns that could hold the amount (`计划金额`
//! and `支付金额`, `金额` beside `支出金额`). Detection ranks them by their
//! headers and takes the best; this stage, which runs after parsing, parses
//! the sheet under each other candidate as well ([`alternatives`]), ties each
//! reading out against the book's own totals and keeps the one they confirm
//! ([`choose`]). When none or several are confirmed and they disagree, the
//! first-ranked reading is kept and the choice is reported — the readings with
//! their month totals go to 数据检查, a warning names the setting that fixes
//! it — so that a guess is never silent.

use super::layout::header::{credit_rank, debit_rank, is_debit_header, normalize_header};
use super::layout::{unit_stated, AmountColumns, Layout, LayoutKind, Overrides};
use super::rows::SheetPart;
use crate::money::format_cents;
use crate::read::cell::column_name;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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

/// One reading of a sheet, as 数据检查 shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The amount column, `F（支付金额）`.
    pub column: String,
    /// The month totals this reading gives, in 元, by (year, month).
    pub months: Vec<((i32, u32), Decimal)>,
    /// How many of the book's totals were compared, and how many disagreed.
    pub checks: usize,
    /// How many of them disagreed.
    pub mismatches: usize,
}

impl Reading {
    /// `2017年1月 180.00 元、2017年2月 50.50 元（台账合计核对 2 处相符）`.
    pub fn months_text(&self) -> String {
        let months: Vec<String> = self
            .months
            .iter()
            .map(|((year, month), yuan)| format!("{year}年{month}月 {} 元", format_cents(*yuan)))
            .collect();
        let checks = match (self.checks, self.mismatches) {
            (0, _) => "无台账合计可核对".to_string(),
            (n, 0) => format!("台账合计核对 {n} 处相符"),
            (n, bad) => format!("台账合计核对 {n} 处，{bad} 处不符"),
        };
        format!("{}（{checks}）", months.join("、"))
    }

    /// True when the book's totals were compared and all agreed.
    pub fn confirmed(&self) -> bool {
        self.checks > 0 && self.mismatches == 0
    }
}

/// How the reading of a sheet was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The first-ranked reading is the one the book's totals confirm.
    Confirmed,
    /// The book's totals contradict the first-ranked reading and confirm
    /// exactly one other: that one was taken.
    Switched,
    /// The book's totals confirm more than one reading that disagree: the
    /// first-ranked was kept.
    SeveralConfirmed,
    /// The book's totals confirm none of the readings: the first-ranked was kept.
    NoneConfirmed,
}

/// The choice made for one sheet among readings that give different months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadingChoice {
    /// The sheet.
    pub sheet: String,
    /// How the choice was made.
    pub verdict: Verdict,
    /// The reading kept.
    pub chosen: Reading,
    /// The readings not kept.
    pub others: Vec<Reading>,
    /// The column letter of the reading kept, for the setting that fixes it.
    pub chosen_letter: String,
}

impl ReadingChoice {
    /// One line for 数据检查: what was kept, why, and every reading's months.
    pub fn line(&self) -> String {
        let why = match self.verdict {
            Verdict::Confirmed => "台账自列的合计与之相符",
            Verdict::Switched => "台账自列的合计与表头排在前面的一列不符，只与这一列相符",
            Verdict::SeveralConfirmed => "台账自列的合计与几种读法都相符，按表头排在前面的一列",
            Verdict::NoneConfirmed => "台账自列的合计无法判断，按表头排在前面的一列",
        };
        let others: Vec<String> = self
            .others
            .iter()
            .map(|r| format!("按{}：{}", r.column, r.months_text()))
            .collect();
        format!(
            "工作表「{}」按{}计算（{why}）：{}。其他读法 {}",
            self.sheet,
            self.chosen.column,
            self.chosen.months_text(),
            others.join("；")
        )
    }

    /// True when the user should look: the book could not confirm the
    /// reading kept, or confirmed another too, or jixiao switched.
    pub fn needs_attention(&self) -> bool {
        self.verdict != Verdict::Confirmed
    }
}

/// Chooses among the readings of one sheet: `first` is the first-ranked by
/// the headers, `others` the alternatives. Returns the part to keep and, when
/// readings gave different months, the choice made.
pub(super) fn choose(
    first: SheetPart,
    others: Vec<SheetPart>,
) -> (SheetPart, Option<ReadingChoice>) {
    let first_reading = reading_of(&first);
    let lines = |part: &SheetPart| {
        part.entries
            .iter()
            .filter(|e| !e.amount_yuan.is_zero())
            .count()
    };
    let first_lines = lines(&first);
    let differing: Vec<(SheetPart, Reading)> = others
        .into_iter()
        // A column filled on a few rows only (a side table of monthly sums
        // beside the journal) is no reading of the journal's lines.
        .filter(|part| lines(part) * 2 >= first_lines)
        .map(|part| {
            let reading = reading_of(&part);
            (part, reading)
        })
        .filter(|(_, reading)| reading.months != first_reading.months)
        .collect();
    if differing.is_empty() {
        return (first, None);
    }
    let confirmed: Vec<usize> = differing
        .iter()
        .enumerate()
        .filter(|(_, (_, reading))| reading.confirmed())
        .map(|(i, _)| i)
        .collect();
    let verdict = match (first_reading.confirmed(), confirmed.len()) {
        (true, 0) => Verdict::Confirmed,
        (true, _) => Verdict::SeveralConfirmed,
        (false, 1) if first_reading.mismatches > 0 => Verdict::Switched,
        (false, 0 | 1) => Verdict::NoneConfirmed,
        (false, _) => Verdict::SeveralConfirmed,
    };
    let sheet = first.layout.sheet.clone();
    let (kept, chosen, others) = if verdict == Verdict::Switched {
        let mut differing = differing;
        let (part, reading) = differing.remove(confirmed[0]);
        let mut others: Vec<Reading> = vec![first_reading];
        others.extend(differing.into_iter().map(|(_, r)| r));
        (part, reading, others)
    } else {
        let others = differing.into_iter().map(|(_, r)| r).collect();
        (first, first_reading, others)
    };
    let chosen_letter = match &kept.layout.kind {
        LayoutKind::Journal(journal) => column_name(journal.amount.debit),
        _ => String::new(),
    };
    let choice = ReadingChoice {
        sheet,
        verdict,
        chosen,
        others,
        chosen_letter,
    };
    (kept, Some(choice))
}

/// A part's reading: its amount column, month totals and tie-out.
fn reading_of(part: &SheetPart) -> Reading {
    let mut months: BTreeMap<(i32, u32), Decimal> = BTreeMap::new();
    for entry in &part.entries {
        *months.entry((entry.year, entry.month)).or_default() += entry.amount_yuan;
    }
    let figures: Vec<bool> = part
        .book_figures
        .iter()
        .map(|figure| figure.compare(&part.entries).ok())
        .collect();
    let column = match &part.layout.kind {
        LayoutKind::Journal(journal) => part.layout.describe_column(journal.amount.debit),
        _ => String::new(),
    };
    Reading {
        column,
        months: months.into_iter().collect(),
        checks: part.tie_out.total + figures.len(),
        mismatches: part.tie_out.mismatches + figures.iter().filter(|ok| !**ok).count(),
    }
}

//! The choice among readings: where a sheet allows more than one reading
//! (candidates from [`crate::ledger::readings`]), the book's own totals
//! choose. The reading they confirm is kept; when none or several are
//! confirmed and the readings disagree, the first-ranked is kept and the
//! choice is reported — the readings with their month totals go to 数据检查,
//! a warning names the setting that fixes it — so that a guess is never silent.

use super::{BookFigure, TieOutLog};
use crate::ledger::lines::Entry;
use crate::money::format_cents;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

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
    /// The reading named by its amount `column` (`F（支付金额）`): the month
    /// totals of its `entries`, and how the book's totals compared with it —
    /// those compared as its rows were read (`log`) and the figures a table
    /// states for the final result (`figures`).
    pub fn of(
        column: String,
        entries: &[Entry],
        log: &TieOutLog,
        figures: &[BookFigure],
    ) -> Reading {
        let mut months: BTreeMap<(i32, u32), Decimal> = BTreeMap::new();
        for entry in entries {
            *months.entry((entry.year, entry.month)).or_default() += entry.amount_yuan;
        }
        let figures: Vec<bool> = figures
            .iter()
            .map(|figure| figure.compare(entries).ok())
            .collect();
        Reading {
            column,
            months: months.into_iter().collect(),
            checks: log.total + figures.len(),
            mismatches: log.mismatches + figures.iter().filter(|ok| !**ok).count(),
        }
    }

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

/// One reading of a sheet offered to [`choose`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// What the reading gives and how the book's totals compared with it.
    pub reading: Reading,
    /// How many of its lines have an amount.
    pub lines: usize,
    /// Its amount column's letter, for the setting that fixes the choice.
    pub letter: String,
}

/// Chooses among the readings of sheet `sheet`: the first candidate is the
/// first-ranked by the headers, the others the alternatives. Returns the
/// index of the reading to keep and, when readings gave different months,
/// the choice made.
pub fn choose(sheet: &str, candidates: Vec<Candidate>) -> (usize, Option<ReadingChoice>) {
    let mut candidates = candidates.into_iter().enumerate();
    let Some((_, first)) = candidates.next() else {
        return (0, None);
    };
    let differing: Vec<(usize, Candidate)> = candidates
        // A column filled on a few rows only (a side table of monthly sums
        // beside the journal) is no reading of the journal's lines.
        .filter(|(_, other)| other.lines * 2 >= first.lines)
        .filter(|(_, other)| other.reading.months != first.reading.months)
        .collect();
    if differing.is_empty() {
        return (0, None);
    }
    let confirmed: Vec<usize> = differing
        .iter()
        .enumerate()
        .filter(|(_, (_, other))| other.reading.confirmed())
        .map(|(i, _)| i)
        .collect();
    let verdict = match (first.reading.confirmed(), confirmed.len()) {
        (true, 0) => Verdict::Confirmed,
        (true, _) => Verdict::SeveralConfirmed,
        (false, 1) if first.reading.mismatches > 0 => Verdict::Switched,
        (false, 0 | 1) => Verdict::NoneConfirmed,
        (false, _) => Verdict::SeveralConfirmed,
    };
    let (kept, chosen, others) = if verdict == Verdict::Switched {
        let mut differing = differing;
        let (index, candidate) = differing.remove(confirmed[0]);
        let mut others: Vec<Reading> = vec![first.reading];
        others.extend(differing.into_iter().map(|(_, other)| other.reading));
        (index, candidate, others)
    } else {
        let others = differing
            .into_iter()
            .map(|(_, other)| other.reading)
            .collect();
        (0, first, others)
    };
    let choice = ReadingChoice {
        sheet: sheet.to_string(),
        verdict,
        chosen: chosen.reading,
        others,
        chosen_letter: chosen.letter,
    };
    (kept, Some(choice))
}

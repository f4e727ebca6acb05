//! The ledger: every spending line of the sheets read, with where it came
//! from, and every line that was not counted, with why.
//!
//! [`read_ledger`] opens a workbook and reads it through the stages of the
//! ledger core, one way (`book`): layout detection ([`layout`]), row
//! parsing under each candidate reading (`rows`, [`readings`]), the
//! tie-out against the book's own totals, which also chooses among readings
//! ([`tieout`]), then the narrowing of whole books to their spending
//! ([`accounts`]). Nothing is dropped silently: every row left out becomes a
//! [`SkippedRow`] with its cell address and reason, and the amounts reconcile
//! to the cent ([`Ledger::reconciliation`]). `docs/architecture.md` draws
//! the stages.

pub mod accounts;
mod book;
mod closing;
pub mod layout;
pub mod left_out;
mod lines;
mod options;
pub mod readings;
mod rows;
pub mod tieout;

pub use book::{read_ledger, read_ledger_from, read_ledger_with_rows};
pub use lines::{split_code, Account, Entry, SkipReason, SkippedRow, YearSource};
pub use options::ReadOptions;
pub use rows::UnclassifiedText;

use crate::money::format_cents;
use crate::read::Format;
use layout::Layout;
use rust_decimal::Decimal;
use std::collections::HashSet;
use tieout::TieOutLog;

/// A sheet that was looked at but not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredSheet {
    /// The sheet's name.
    pub name: String,
    /// Why it was not read.
    pub reason: String,
}

/// The sums that prove nothing was lost: included + excluded = read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconciliation {
    /// Every readable amount below the header(s), in 元.
    pub read_yuan: Decimal,
    /// The counted entries, in 元.
    pub included_yuan: Decimal,
    /// The rows and cells left out that had a readable amount, in 元.
    pub excluded_yuan: Decimal,
    /// Amount cells that could not be read at all (listed among the skipped rows).
    pub unreadable_cells: usize,
}

impl Reconciliation {
    /// True when included + excluded = read, to the cent.
    pub fn balances(&self) -> bool {
        self.included_yuan + self.excluded_yuan == self.read_yuan
    }
}

/// A read ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The container format found by content.
    pub format: Format,
    /// For text files, the encoding and delimiter found.
    pub format_detail: Option<String>,
    /// The layouts of the sheets read, in order.
    pub sheets: Vec<Layout>,
    /// Sheets looked at and not read (a 汇总 sheet beside monthly sheets …).
    pub ignored_sheets: Vec<IgnoredSheet>,
    /// Where the year came from when the rows carry none.
    pub year_source: Option<YearSource>,
    /// The latest day a counted line is dated, when the lines' dates have
    /// days (a journal's 日期, a 年 | 月 | 日 book): the as-of day is held
    /// against it.
    pub latest_day: Option<crate::dates::CalendarDate>,
    /// Counted amounts, in sheet order.
    pub entries: Vec<Entry>,
    /// Rows not counted, in sheet order: the first
    /// [`left_out::KEPT_PER_REASON`] of each reason.
    pub skipped: Vec<SkippedRow>,
    /// Rows not counted past those, counted and summed (and named in 明细).
    pub skipped_beyond: left_out::LeftOutBeyond,
    /// The accounts named by rows (entries and skipped rows refer to them by index).
    pub accounts: Vec<Account>,
    /// Which accounts were counted and why, for whole books.
    pub account_rule: Option<String>,
    /// Data rows read below the header(s) (non-empty rows).
    pub data_rows: u64,
    /// Every readable amount below the header(s), in 元.
    pub read_yuan: Decimal,
    /// The comparisons with the book's own totals (勾稽).
    pub tie_out: TieOutLog,
    /// The 摘要 of the largest lines left 未归类支出 (a few per account and
    /// year, whichever are kept in the end), by sheet and row, for 数据检查.
    pub unclassified_texts: Vec<UnclassifiedText>,
    /// Where a sheet allowed more than one reading, the choice made and the
    /// readings' month totals.
    pub readings: Vec<tieout::ReadingChoice>,
}

impl Ledger {
    /// The first sheet's layout (every ledger has at least one).
    pub fn layout(&self) -> &Layout {
        &self.sheets[0]
    }

    /// What was read, in lines of (label, text) for the screen and the report:
    /// each sheet's layout, sheets not read, the account rule, the rows left
    /// out by kind, and the reconciliation.
    pub fn description(&self) -> Vec<(&'static str, String)> {
        let format = match &self.format_detail {
            Some(detail) => format!("{}（{detail}）", self.format.label()),
            None => self.format.label().to_string(),
        };
        let mut lines: Vec<(&'static str, String)> = vec![("文件格式", format)];
        lines.extend(
            self.sheets
                .iter()
                .map(|layout| ("识别", layout.to_string())),
        );
        for ignored in &self.ignored_sheets {
            lines.push((
                "未读取的工作表",
                format!("「{}」：{}", ignored.name, ignored.reason),
            ));
        }
        for choice in &self.readings {
            lines.push(("读法", choice.line()));
        }
        if let Some(rule) = &self.account_rule {
            lines.push(("计入的科目", rule.clone()));
        }
        let kinds = self.left_out_by_kind();
        if !kinds.is_empty() {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(kind, count, sum)| format!("{kind} {count} 处 {} 元", format_cents(*sum)))
                .collect();
            lines.push(("未计入", parts.join("；")));
        }
        lines.push(("勾稽", self.tie_out.summary()));
        let check = self.reconciliation();
        lines.push((
            "金额去向",
            format!(
                "读取金额 {} 元 = 计入 {} 元 + 未计入 {} 元{}{}",
                format_cents(check.read_yuan),
                format_cents(check.included_yuan),
                format_cents(check.excluded_yuan),
                if check.balances() {
                    "，一分不差（这只证明没有遗漏，不证明读对了列；读得对不对看上面的勾稽）"
                } else {
                    "，不相符！"
                },
                if check.unreadable_cells > 0 {
                    format!(
                        "；另有 {} 个金额单元格无法读取，见下表",
                        check.unreadable_cells
                    )
                } else {
                    String::new()
                }
            ),
        ));
        lines
    }

    /// Rows not counted, all of them (kept whole or only counted).
    pub fn left_out_count(&self) -> usize {
        self.skipped.len() + self.skipped_beyond.len()
    }

    /// Rows not counted that the user should look at (unreadable data).
    pub fn attention_count(&self) -> usize {
        self.skipped
            .iter()
            .filter(|s| s.reason.needs_attention())
            .count()
            + self
                .skipped_beyond
                .tallies()
                .filter(|(class, _)| class.attention)
                .map(|(_, tally)| tally.rows)
                .sum::<usize>()
    }

    /// Rows not counted by kind of reason (合计/余额行 …): (kind, rows, sum in 元),
    /// in the order the kinds are first met.
    pub fn left_out_by_kind(&self) -> Vec<(&'static str, usize, Decimal)> {
        let mut kinds: Vec<(&'static str, usize, Decimal)> = Vec::new();
        let mut add = |kind: &'static str, rows: usize, amount: Decimal| match kinds
            .iter_mut()
            .find(|(k, ..)| *k == kind)
        {
            Some((_, count, sum)) => {
                *count += rows;
                *sum += amount;
            }
            None => kinds.push((kind, rows, amount)),
        };
        for skipped in &self.skipped {
            add(
                skipped.reason.kind(),
                1,
                skipped.amount_yuan.unwrap_or_default(),
            );
        }
        for (class, tally) in self.skipped_beyond.tallies() {
            add(class.kind, tally.rows, tally.yuan);
        }
        kinds
    }

    /// Rows of other years left out: year → (rows, sum in 元).
    pub fn other_years_left_out(&self) -> std::collections::BTreeMap<i32, (usize, Decimal)> {
        let mut by_year: std::collections::BTreeMap<i32, (usize, Decimal)> = Default::default();
        for skipped in &self.skipped {
            if let SkipReason::OtherYear(year) = skipped.reason {
                let slot = by_year.entry(year).or_default();
                slot.0 += 1;
                slot.1 += skipped.amount_yuan.unwrap_or_default();
            }
        }
        for (class, tally) in self.skipped_beyond.tallies() {
            if let Some(year) = class.other_year {
                let slot = by_year.entry(year).or_default();
                slot.0 += tally.rows;
                slot.1 += tally.yuan;
            }
        }
        by_year
    }

    /// The absolute amounts left out for a problem (not totals, closing entries
    /// or other accounts, which are left out by design), in 元.
    pub fn left_out_for_problems_abs(&self) -> Decimal {
        let whole: Decimal = self
            .skipped
            .iter()
            .filter(|s| !left_out::ReasonClass::of(&s.reason).by_design)
            .filter_map(|s| s.amount_yuan)
            .map(|a| a.abs())
            .sum();
        whole
            + self
                .skipped_beyond
                .tallies()
                .filter(|(class, _)| !class.by_design)
                .map(|(_, tally)| tally.abs_yuan)
                .sum::<Decimal>()
    }

    /// Leaves out one row: kept whole while its reason has room, else counted.
    pub fn leave_out(&mut self, row: SkippedRow) {
        self.skipped_beyond.admit(&mut self.skipped, row);
    }

    /// Puts the rows left out back in sheet order (after rows were added by a later step).
    fn sort_left_out(&mut self) {
        self.skipped.sort_by_key(|s| (s.sheet, s.row));
        self.skipped_beyond.sort();
    }

    /// Leaves out every counted entry of a year other than `year` (a book that
    /// spans two years, graded for one of them); returns how many were moved.
    pub fn keep_only_year(&mut self, year: i32) -> usize {
        let mut moved = 0;
        // Filtered in place: the entries are never held twice.
        let Ledger {
            entries,
            skipped,
            skipped_beyond,
            sheets,
            ..
        } = self;
        entries.retain(|entry| {
            if entry.year == year {
                return true;
            }
            moved += 1;
            let layout = &sheets[usize::from(entry.sheet)];
            skipped_beyond.leave_out(
                skipped,
                (entry.sheet, entry.row),
                SkipReason::OtherYear(entry.year),
                Some(entry.amount_yuan),
                || {
                    let column = layout.kind.sheet_layout().date_column().unwrap_or(0);
                    crate::read::cell::cell_address(&layout.sheet, entry.row, column)
                },
            );
            false
        });
        self.entries.shrink_to_fit();
        self.sort_left_out();
        moved
    }

    /// Included, excluded and read sums.
    pub fn reconciliation(&self) -> Reconciliation {
        Reconciliation {
            read_yuan: self.read_yuan,
            included_yuan: self.entries.iter().map(|e| e.amount_yuan).sum(),
            excluded_yuan: self
                .skipped
                .iter()
                .filter_map(|s| s.amount_yuan)
                .sum::<Decimal>()
                + self
                    .skipped_beyond
                    .tallies()
                    .map(|(_, tally)| tally.yuan)
                    .sum::<Decimal>(),
            unreadable_cells: self
                .skipped
                .iter()
                .filter(|s| s.amount_yuan.is_none() && s.reason.needs_attention())
                .count()
                + self
                    .skipped_beyond
                    .tallies()
                    .filter(|(class, _)| class.attention)
                    .map(|(_, tally)| tally.without_amount)
                    .sum::<usize>(),
        }
    }
}

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

/// A counted `entry` left out after all, named at its account cell.
pub(crate) fn skipped_entry(ledger: &Ledger, entry: &Entry, reason: SkipReason) -> SkippedRow {
    SkippedRow {
        address: account_cell(&ledger.sheets, entry),
        sheet: entry.sheet,
        row: entry.row,
        reason,
        amount_yuan: Some(entry.amount_yuan),
    }
}

/// The address of a counted `entry`'s account cell.
pub(crate) fn account_cell(sheets: &[Layout], entry: &Entry) -> String {
    let layout = &sheets[entry.sheet as usize];
    let column = layout
        .other
        .account_code
        .or(layout.other.account_name)
        .unwrap_or(0);
    crate::read::cell::cell_address(&layout.sheet, entry.row, column)
}

#[cfg(test)]
mod tests;

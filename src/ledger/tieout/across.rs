//! The tie-out across sheets, once they are read: a sheet's totals its own
//! lines cannot make are compared with the sheets before it
//! ([`EarlierSheets`]); a trial balance's 本年累计借方 with the months read
//! ([`tie_out_year_to_date`]); the figures a table states for the final
//! result ([`BookFigure`]) and a 汇总 sheet's months ([`SummarySheet`]) with the
//! entries as finally counted.

use super::sheet::{PendingTotal, YearToDate};
use super::{BookFigure, Sums, TieOut, TieOutLog};
use crate::ledger::layout::{self, Layout};
use crate::ledger::lines::Entry;
use rust_decimal::Decimal;

/// Every line of the sheets read so far, per year: what a total spanning
/// sheets (a month sheet's 本年累计) is compared with.
#[derive(Debug, Default)]
pub struct EarlierSheets {
    by_year: Vec<(i32, Sums)>,
}

impl EarlierSheets {
    /// Compares a sheet's totals that its own lines do not make with the
    /// lines of the sheets before it and its own, into `log`, then adds its
    /// lines (`line_sums`, per year).
    pub fn tie_out(
        &mut self,
        pending: Vec<PendingTotal>,
        line_sums: Vec<(i32, Sums)>,
        log: &mut TieOutLog,
    ) {
        for total in pending {
            let before = self
                .by_year
                .iter()
                .find(|(year, _)| *year == total.year)
                .map(|(_, sums)| *sums)
                .unwrap_or_default();
            for check in total.settle(before) {
                log.record(check);
            }
        }
        for (year, sums) in line_sums {
            match self.by_year.iter_mut().find(|(y, _)| *y == year) {
                Some((_, all)) => *all = all.plus(sums),
                None => self.by_year.push((year, sums)),
            }
        }
    }
}

/// Ties trial balances' 本年累计借方 out against the 本期借方 read for the same
/// account in the months up to it, where every one of those months was read
/// (a book of 2017.03 alone cannot tell 1–2 月). Accounts that agree are summed
/// into one line per sheet; each that does not is listed.
pub fn tie_out_year_to_date(entries: &[Entry], figures: &[YearToDate], log: &mut TieOutLog) {
    use std::collections::{BTreeMap, BTreeSet};
    if figures.is_empty() {
        return;
    }
    let months_read: BTreeSet<(i32, u32)> = entries
        .iter()
        .map(|e| (e.year, e.month))
        .chain(figures.iter().map(|f| f.period))
        .collect();
    let mut by_account: BTreeMap<(u32, i32, u32), Decimal> = BTreeMap::new();
    for entry in entries {
        if let Some(account) = entry.account_index() {
            *by_account
                .entry((account, entry.year, entry.month))
                .or_default() += entry.amount_yuan;
        }
    }
    let mut agreed: BTreeMap<(i32, u32), (usize, Decimal)> = BTreeMap::new();
    for figure in figures {
        let (year, month) = figure.period;
        if !(1..=month).all(|m| months_read.contains(&(year, m))) {
            continue;
        }
        let ours: Decimal = (1..=month)
            .map(|m| {
                by_account
                    .get(&(figure.account, year, m))
                    .copied()
                    .unwrap_or_default()
            })
            .sum();
        if ours == figure.book_yuan {
            let slot = agreed.entry(figure.period).or_default();
            slot.0 += 1;
            slot.1 += ours;
        } else {
            log.record(TieOut {
                what: format!(
                    "{}「本年累计」借方：1—{month} 月各表本期借方之和",
                    figure.place
                ),
                book_yuan: figure.book_yuan,
                jixiao_yuan: ours,
                unchecked: None,
            });
        }
    }
    for ((year, month), (accounts, sum)) in agreed {
        log.record(TieOut {
            what: format!(
                "{year} 年 {month} 月科目余额表「本年累计」借方：1—{month} 月各表本期借方之和（{accounts} 个科目相符）"
            ),
            book_yuan: sum,
            jixiao_yuan: sum,
            unchecked: None,
        });
    }
}

/// A 汇总 sheet's monthly figures, as read in the sheet's own unit.
#[derive(Debug)]
pub struct SummarySheet {
    /// One figure per month, in 元 as the sheet's unit gives them.
    pub figures: Vec<BookFigure>,
    /// The unit the sheet was read in.
    pub unit: layout::Unit,
    /// True when the sheet (or a setting) states its unit.
    pub unit_stated: bool,
    /// The month sheets' year, when the sheet names none of its own.
    pub year_taken: Option<i32>,
}

impl SummarySheet {
    /// The sheet's comparisons with the entries of every sheet. A sheet that
    /// states no unit is read in the unit the month sheets state (`stated`);
    /// when none is stated anywhere, in 元 or 万元, whichever makes more of its
    /// figures agree with the month sheets (the book's arithmetic chooses;
    /// on a tie, the unit the month sheets were read in, `read_in`). Each line
    /// says what was taken.
    pub fn settle(
        self,
        stated: Option<layout::Unit>,
        read_in: Option<layout::Unit>,
        entries: &[Entry],
    ) -> Vec<TieOut> {
        use layout::Unit;
        let other = match self.unit {
            Unit::Yuan => Unit::Wan,
            Unit::Wan => Unit::Yuan,
        };
        let agreeing = |unit: Unit| {
            self.figures
                .iter()
                .filter(|f| {
                    let check = f.in_unit(self.unit, unit).compare_all_sheets(entries);
                    check.book_yuan == check.jixiao_yuan
                })
                .count()
        };
        let (unit, how) = if self.unit_stated {
            (self.unit, None)
        } else if let Some(unit) = stated {
            (
                unit,
                Some(format!(
                    "汇总表没有写单位，按各月工作表所写的“{}”读",
                    unit.label()
                )),
            )
        } else {
            let (own, others) = (agreeing(self.unit), agreeing(other));
            let chosen = match own.cmp(&others) {
                std::cmp::Ordering::Greater => self.unit,
                std::cmp::Ordering::Less => other,
                std::cmp::Ordering::Equal => read_in.unwrap_or(self.unit),
            };
            let rejected = if chosen == self.unit {
                other
            } else {
                self.unit
            };
            let (with, without) = if chosen == self.unit {
                (own, others)
            } else {
                (others, own)
            };
            let total = self.figures.len();
            (
                chosen,
                Some(format!(
                    "汇总表和各月工作表都没有写单位：按“{}”读，{with}/{total} 个月与各月工作表相符；按“{}”读 {without}/{total} 个月相符",
                    chosen.label(),
                    rejected.label()
                )),
            )
        };
        let year = self
            .year_taken
            .map(|year| format!("汇总表没有写年度，按各月工作表的 {year} 年"));
        let note: Vec<String> = how.into_iter().chain(year).collect();
        self.figures
            .iter()
            .map(|figure| {
                let mut check = figure.in_unit(self.unit, unit).compare_all_sheets(entries);
                if !note.is_empty() {
                    check.what = format!("{}（{}）", check.what, note.join("；"));
                }
                check
            })
            .collect()
    }
}

/// The one unit of `sheets`, when they agree on it: only those that state it
/// (their title, header or a setting) when `stated_only`, else all.
pub fn common_unit(sheets: &[Layout], stated_only: bool) -> Option<layout::Unit> {
    let mut units = sheets
        .iter()
        .filter(|s| !stated_only || s.unit_source != layout::UnitSource::Default)
        .map(|s| s.unit);
    let first = units.next()?;
    units.all(|u| u == first).then_some(first)
}

#[cfg(test)]
mod summary_unit_tests {
    use super::{layout::Unit, BookFigure, Entry, SummarySheet};
    use rust_decimal::Decimal;

    fn entry(month: u32, yuan: &str) -> Entry {
        Entry {
            year: 2017,
            month,
            amount_yuan: yuan.parse().unwrap_or_default(),
            sheet: 0,
            row: month,
            account: None,
            item: None,
            voucher: None,
        }
    }

    /// A 汇总 sheet read as a monthly table, in 万元 by default, its figures
    /// written `written` (so 265400 reads as 2 654 000 000 元).
    fn summary(
        written: &[(u32, &str)],
        unit_stated: bool,
        year_taken: Option<i32>,
    ) -> SummarySheet {
        SummarySheet {
            figures: written
                .iter()
                .map(|(month, figure)| BookFigure {
                    what: format!("「汇总」表 2017 年 {month} 月：各月工作表计入之和"),
                    sheet: u16::MAX,
                    year: Some(2017),
                    month: Some(*month),
                    book_yuan: figure.parse::<Decimal>().unwrap_or_default()
                        * Decimal::from(10_000),
                })
                .collect(),
            unit: Unit::Wan,
            unit_stated,
            year_taken,
        }
    }

    #[test]
    fn figures_in_yuan_under_no_unit_are_read_in_yuan_as_the_book_adds_up() {
        let entries = [entry(1, "265400"), entry(2, "44400.50")];
        let written = [(1, "265400"), (2, "44400.50")];
        let checks = summary(&written, false, None).settle(None, Some(Unit::Yuan), &entries);
        assert_eq!(checks.len(), 2);
        for check in &checks {
            assert_eq!(check.book_yuan, check.jixiao_yuan, "{check:?}");
            assert!(check.what.contains("按“元”读，2/2 个月"), "{}", check.what);
            assert!(check.what.contains("按“万元”读 0/2"), "{}", check.what);
        }
        // Figures in 万元 stay in 万元.
        let written = [(1, "26.54"), (2, "4.440050")];
        let checks = summary(&written, false, None).settle(None, Some(Unit::Yuan), &entries);
        assert!(
            checks.iter().all(|c| c.book_yuan == c.jixiao_yuan),
            "{checks:?}"
        );
        assert!(checks[0].what.contains("按“万元”读"), "{}", checks[0].what);
    }

    #[test]
    fn a_unit_the_month_sheets_state_is_taken_and_a_stated_unit_is_kept() {
        let entries = [entry(1, "265400")];
        // Off by one 元: still a mismatch, in the month sheets' unit.
        let checks = summary(&[(1, "265401")], false, Some(2017)).settle(
            Some(Unit::Yuan),
            Some(Unit::Yuan),
            &entries,
        );
        assert_eq!(checks[0].book_yuan, Decimal::from(265_401));
        assert!(
            checks[0].what.contains("按各月工作表所写的“元”读"),
            "{}",
            checks[0].what
        );
        assert!(checks[0]
            .what
            .contains("没有写年度，按各月工作表的 2017 年"));
        // The sheet's own stated 万元 is never second-guessed.
        let checks = summary(&[(1, "265400")], true, None).settle(None, None, &entries);
        assert_eq!(checks[0].book_yuan, Decimal::from(2_654_000_000_i64));
        assert!(!checks[0].what.contains('（'), "{}", checks[0].what);
    }
}

//! Grading: each month of a year against the rules, with 未到期 after the last
//! month with data and 进行中 for a booked month that has not ended on the
//! as-of day (截至, see [`crate::as_of`]).

use crate::classify::ItemId;
use crate::dates::CalendarDate;
use crate::money::round_cents;
use crate::rules::{Grade, ProgressBasis, Rules};
use crate::totals::MonthlyTotals;
use crate::year_on_year::PreviousYear;
use rust_decimal::Decimal;

/// A month's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MonthStatus {
    /// Graded against the thresholds.
    Graded(Grade),
    /// Booked but not ended on the as-of day (进行中): its spending so far is
    /// shown, never graded.
    InProgress,
    /// After the last month with data: not yet due, not graded.
    NotDue,
}

impl MonthStatus {
    /// The code `--json` gives it: `graded`, `in_progress`, `not_due`.
    pub fn code(self) -> &'static str {
        match self {
            MonthStatus::Graded(_) => "graded",
            MonthStatus::InProgress => "in_progress",
            MonthStatus::NotDue => "not_due",
        }
    }
}

/// One month of the graded year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GradedMonth {
    /// 1–12.
    pub month: u32,
    /// Spending in 万元 rounded to 0.01 (the figure shown and graded; for a
    /// month in progress, its spending so far); 0 when not due.
    pub amount_wan: Decimal,
    /// Graded or not yet due.
    pub status: MonthStatus,
    /// What the month's spending consisted of: economic classification items
    /// with their spending in 万元 (exact), largest first; empty when unknown.
    pub breakdown: Vec<(ItemId, Decimal)>,
    /// True when the ledger has at least one entry in the month (a month of
    /// entries netting to 0.00 is not a month without records).
    pub has_entries: bool,
    /// The execution figures up to this month (for a month in progress, up to
    /// the as-of day); `None` when not yet due.
    pub execution: Option<Execution>,
}

/// A due month's execution figures, computed once when the year is graded and
/// read by every sheet, the analysis, the bureau's summary and the report draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Execution {
    /// 完成率: the month's amount (as shown) ÷ the monthly share.
    pub completion: Decimal,
    /// 累计支出: the amounts shown from January to this month, in 万元.
    pub cumulative_wan: Decimal,
    /// 累计执行率: 累计支出 ÷ the year's budget.
    pub cumulative_rate: Decimal,
    /// 序时进度 at the end of the month (months ÷ 12, or days ÷ days in the
    /// year); for a month in progress, on the as-of day by days, or at the end
    /// of the month before by months.
    pub elapsed: Decimal,
    /// 进度差异: 累计执行率 − 序时进度 (above 0: ahead of 序时进度).
    pub gap: Decimal,
}

impl GradedMonth {
    /// The grade, when the month is due.
    pub fn grade(&self) -> Option<Grade> {
        match self.status {
            MonthStatus::Graded(grade) => Some(grade),
            MonthStatus::InProgress | MonthStatus::NotDue => None,
        }
    }

    /// True for the month in progress on the as-of day.
    pub fn in_progress(&self) -> bool {
        self.status == MonthStatus::InProgress
    }

    /// True when the month's amount is shown: graded, or in progress.
    pub fn shown(&self) -> bool {
        self.status != MonthStatus::NotDue
    }
}

/// A year graded month by month.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GradedYear {
    /// The year.
    pub year: i32,
    /// The rules applied (budget, share, thresholds).
    pub rules: Rules,
    /// Twelve months, January first.
    pub months: Vec<GradedMonth>,
    /// Spending of the months shown in 万元 (the graded months and the month
    /// in progress): the sum of the amounts shown for each month, so that it
    /// equals the sheet's 合计 (SUM of the column).
    pub total_wan: Decimal,
    /// The last graded month (1–12).
    pub last_due_month: u32,
    /// The day the run reports on (截至); `None` when every booked month is
    /// taken as ended.
    pub as_of: Option<CalendarDate>,
    /// The previous year's spending per month, when the book holds it (上年同期).
    pub previous: Option<PreviousYear>,
}

impl GradedYear {
    /// The graded months only.
    pub fn due_months(&self) -> impl Iterator<Item = &GradedMonth> {
        self.months.iter().filter(|m| m.grade().is_some())
    }

    /// The execution figures of the year so far: at the end of the last due
    /// month, or on the as-of day when 序时进度 is counted in days and a month
    /// is in progress.
    pub fn execution(&self) -> Execution {
        let month = match (self.in_progress(), self.rules.progress) {
            (Some(month), ProgressBasis::Days) => month.month,
            _ => self.last_due_month,
        };
        self.months
            .get(month.saturating_sub(1) as usize)
            .and_then(|m| m.execution)
            .unwrap_or(Execution {
                completion: Decimal::ZERO,
                cumulative_wan: Decimal::ZERO,
                cumulative_rate: Decimal::ZERO,
                elapsed: Decimal::ZERO,
                gap: Decimal::ZERO,
            })
    }

    /// The day [`GradedYear::execution`] is taken on: the as-of day, or the
    /// end of the last due month.
    pub fn execution_day(&self) -> Option<CalendarDate> {
        match (self.in_progress(), self.rules.progress, self.as_of) {
            (Some(_), ProgressBasis::Days, Some(day)) => Some(day),
            _ => crate::as_of::month_end(self.year, self.last_due_month),
        }
    }

    /// The month in progress on the as-of day, when there is one.
    pub fn in_progress(&self) -> Option<&GradedMonth> {
        self.months.iter().find(|m| m.in_progress())
    }

    /// The last month whose amount is shown: the month in progress, else the last due month.
    pub fn last_shown_month(&self) -> u32 {
        self.in_progress().map_or(self.last_due_month, |m| m.month)
    }

    /// The months whose amount is shown: graded, and the month in progress.
    pub fn shown_months(&self) -> impl Iterator<Item = &GradedMonth> {
        self.months.iter().filter(|m| m.shown())
    }

    /// The previous year's amount for `month` (上年同期), when the book holds it.
    pub fn previous_of(&self, month: u32) -> Option<Decimal> {
        self.previous.as_ref().and_then(|p| p.month(month))
    }

    /// How many due months earned `grade`.
    pub fn count(&self, grade: Grade) -> usize {
        self.due_months()
            .filter(|m| m.grade() == Some(grade))
            .count()
    }
}

/// `part / whole`, or 0 for a whole of 0 (budgets are checked to be at least
/// 0.12 万元, so only a hand-built rule reaches it).
fn ratio(part: Decimal, whole: Decimal) -> Decimal {
    part.checked_div(whole).unwrap_or(Decimal::ZERO)
}

/// Grades every month up to the last one with data; later months are 未到期.
/// Earlier months without entries are 0.00 and graded. Returns `None` when the
/// year has no data at all. Every booked month is taken as ended (see
/// [`grade_year_as_of`]).
pub fn grade_year(totals: &MonthlyTotals, rules: Rules) -> Option<GradedYear> {
    grade_year_as_of(totals, rules, None)
}

/// [`grade_year`] on the day `as_of`: the last booked month, when it has not
/// ended on that day, is 进行中 (its spending so far shown, not graded).
/// Returns `None` when the year has no data, or no month of it has ended (the
/// only booked month, January, is in progress). The books are taken to hold no
/// month after the as-of day ([`crate::as_of::first_month_after`] is checked
/// first).
pub fn grade_year_as_of(
    totals: &MonthlyTotals,
    rules: Rules,
    as_of: Option<CalendarDate>,
) -> Option<GradedYear> {
    let last_booked = totals.last_month_with_data()?;
    let in_progress =
        (!crate::as_of::month_ended(as_of, totals.year, last_booked)).then_some(last_booked);
    let last_due_month = match in_progress {
        Some(month) => month.checked_sub(1).filter(|m| *m > 0)?,
        None => last_booked,
    };
    let mut cumulative_wan = Decimal::ZERO;
    let months: Vec<GradedMonth> = (1..=12u32)
        .map(|month| {
            let exact = totals.months_wan[(month - 1) as usize].unwrap_or(Decimal::ZERO);
            if month > last_booked {
                GradedMonth {
                    month,
                    amount_wan: Decimal::ZERO,
                    status: MonthStatus::NotDue,
                    breakdown: Vec::new(),
                    has_entries: false,
                    execution: None,
                }
            } else {
                let mut breakdown: Vec<(ItemId, Decimal)> = totals.items_wan[(month - 1) as usize]
                    .iter()
                    .map(|(item, amount)| (*item, *amount))
                    .collect();
                breakdown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let amount_wan = round_cents(exact);
                cumulative_wan += amount_wan;
                let cumulative_rate = ratio(cumulative_wan, rules.budget_wan);
                let now = in_progress == Some(month);
                let elapsed = match (now, as_of) {
                    (true, Some(day)) => rules.elapsed_on(day),
                    _ => rules.elapsed(totals.year, month),
                };
                GradedMonth {
                    month,
                    amount_wan,
                    status: if now {
                        MonthStatus::InProgress
                    } else {
                        MonthStatus::Graded(rules.grade(exact))
                    },
                    breakdown,
                    has_entries: totals.months_wan[(month - 1) as usize].is_some(),
                    execution: Some(Execution {
                        completion: ratio(amount_wan, rules.monthly_share_wan),
                        cumulative_wan,
                        cumulative_rate,
                        elapsed,
                        gap: cumulative_rate - elapsed,
                    }),
                }
            }
        })
        .collect();
    Some(GradedYear {
        year: totals.year,
        total_wan: months.iter().map(|m| m.amount_wan).sum(),
        rules,
        months,
        last_due_month,
        as_of,
        previous: None,
    })
}

#[cfg(test)]
mod tests;

//! Grading: each month of a year against the rules, with 未到期 after the last month with data.

use crate::classify::ItemId;
use crate::money::round_cents;
use crate::rules::{Grade, Rules};
use crate::totals::MonthlyTotals;
use rust_decimal::Decimal;

/// A month's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MonthStatus {
    /// Graded against the thresholds.
    Graded(Grade),
    /// After the last month with data: not yet due, not graded.
    NotDue,
}

/// One month of the graded year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GradedMonth {
    /// 1–12.
    pub month: u32,
    /// Spending in 万元 rounded to 0.01 (the figure shown and graded); 0 when not due.
    pub amount_wan: Decimal,
    /// Graded or not yet due.
    pub status: MonthStatus,
    /// What the month's spending consisted of: economic classification items
    /// with their spending in 万元 (exact), largest first; empty when unknown.
    pub breakdown: Vec<(ItemId, Decimal)>,
    /// True when the ledger has at least one entry in the month (a month of
    /// entries netting to 0.00 is not a month without records).
    pub has_entries: bool,
    /// The execution figures up to this month; `None` when not yet due.
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
    /// 序时进度 at the end of the month (months ÷ 12, or days ÷ days in the year).
    pub elapsed: Decimal,
    /// 进度差异: 累计执行率 − 序时进度 (above 0: ahead of 序时进度).
    pub gap: Decimal,
}

impl GradedMonth {
    /// The grade, when the month is due.
    pub fn grade(&self) -> Option<Grade> {
        match self.status {
            MonthStatus::Graded(grade) => Some(grade),
            MonthStatus::NotDue => None,
        }
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
    /// Spending of the due months in 万元: the sum of the amounts shown for each
    /// month, so that it equals the sheet's 合计 (SUM of the column).
    pub total_wan: Decimal,
    /// The last due month (1–12).
    pub last_due_month: u32,
}

impl GradedYear {
    /// The graded months only.
    pub fn due_months(&self) -> impl Iterator<Item = &GradedMonth> {
        self.months.iter().filter(|m| m.grade().is_some())
    }

    /// The execution figures at the last due month: the year so far.
    pub fn execution(&self) -> Execution {
        self.months
            .get(self.last_due_month.saturating_sub(1) as usize)
            .and_then(|m| m.execution)
            .unwrap_or(Execution {
                completion: Decimal::ZERO,
                cumulative_wan: Decimal::ZERO,
                cumulative_rate: Decimal::ZERO,
                elapsed: Decimal::ZERO,
                gap: Decimal::ZERO,
            })
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
/// year has no data at all.
pub fn grade_year(totals: &MonthlyTotals, rules: Rules) -> Option<GradedYear> {
    let last_due_month = totals.last_month_with_data()?;
    let mut cumulative_wan = Decimal::ZERO;
    let months: Vec<GradedMonth> = (1..=12u32)
        .map(|month| {
            let exact = totals.months_wan[(month - 1) as usize].unwrap_or(Decimal::ZERO);
            if month > last_due_month {
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
                let elapsed = rules.elapsed(totals.year, month);
                GradedMonth {
                    month,
                    amount_wan,
                    status: MonthStatus::Graded(rules.grade(exact)),
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
    })
}

#[cfg(test)]
mod tests;

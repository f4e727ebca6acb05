//! Grading: each month of a year against the rules, with 未到期 after the last month with data.

use crate::classify::ItemId;
use crate::money::round_cents;
use crate::rules::{Grade, Rules};
use crate::totals::MonthlyTotals;
use rust_decimal::Decimal;

/// A month's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStatus {
    /// Graded against the thresholds.
    Graded(Grade),
    /// After the last month with data: not yet due, not graded.
    NotDue,
}

/// One month of the graded year.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// How many due months earned `grade`.
    pub fn count(&self, grade: Grade) -> usize {
        self.due_months()
            .filter(|m| m.grade() == Some(grade))
            .count()
    }
}

/// Grades every month up to the last one with data; later months are 未到期.
/// Earlier months without entries are 0.00 and graded. Returns `None` when the
/// year has no data at all.
pub fn grade_year(totals: &MonthlyTotals, rules: Rules) -> Option<GradedYear> {
    let last_due_month = totals.last_month_with_data()?;
    let months: Vec<GradedMonth> = (1..=12u32)
        .map(|month| {
            let exact = totals.months_wan[(month - 1) as usize].unwrap_or(Decimal::ZERO);
            if month > last_due_month {
                GradedMonth {
                    month,
                    amount_wan: Decimal::ZERO,
                    status: MonthStatus::NotDue,
                    breakdown: Vec::new(),
                }
            } else {
                let mut breakdown: Vec<(ItemId, Decimal)> = totals.items_wan[(month - 1) as usize]
                    .iter()
                    .map(|(item, amount)| (*item, *amount))
                    .collect();
                breakdown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                GradedMonth {
                    month,
                    amount_wan: round_cents(exact),
                    status: MonthStatus::Graded(rules.grade(exact)),
                    breakdown,
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

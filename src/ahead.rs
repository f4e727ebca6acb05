//! The months ahead: what the rest of the year must spend.
//!
//! The remaining months are those after the last graded month, the month in
//! progress counting as one of them. For the year to reach its full budget,
//! each needs (budget − spending to date) ÷ months left, spending to date being
//! the amounts shown (the graded months and what the month in progress has
//! spent so far), so that the figure is the one the workbook's formula gives:
//! `ROUND((预算收入−SUM(B2:B13))/n,2)`. The standards stay what they are each
//! month; the month in progress still needs the standard less what it has
//! spent. When spending to date has reached the budget, nothing more is
//! needed, and the words say so instead.

use crate::grade::GradedYear;
use crate::money::round_cents;
use rust_decimal::Decimal;

/// What the rest of a year needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    /// The first remaining month (the month in progress, or the month after
    /// the last graded one).
    pub first_month: u32,
    /// How many months remain, the first included.
    pub months_left: u32,
    /// Spending to date in 万元: the amounts shown (graded months and the
    /// month in progress so far).
    pub spent_wan: Decimal,
    /// The budget not yet spent, to the cent; zero or below when the year is
    /// past its budget.
    pub remaining_wan: Decimal,
    /// What each remaining month needs for the year to reach its budget, to
    /// the cent; zero when the year is past its budget.
    pub needed_wan: Decimal,
}

impl Ahead {
    /// True when spending to date has reached the year's budget.
    pub fn past_budget(&self) -> bool {
        self.remaining_wan <= Decimal::ZERO
    }
}

/// The months ahead of `year`; `None` when every month is graded.
pub fn ahead(year: &GradedYear) -> Option<Ahead> {
    let months_left = 12u32.checked_sub(year.last_due_month).filter(|n| *n > 0)?;
    let spent_wan: Decimal = year.shown_months().map(|m| m.amount_wan).sum();
    let remaining_wan = round_cents(year.rules.budget_wan - spent_wan);
    let needed_wan = if remaining_wan > Decimal::ZERO {
        round_cents((year.rules.budget_wan - spent_wan) / Decimal::from(months_left))
    } else {
        Decimal::ZERO
    };
    Some(Ahead {
        first_month: year.last_due_month + 1,
        months_left,
        spent_wan,
        remaining_wan,
        needed_wan,
    })
}

/// What the month in progress still needs to reach `threshold_wan`, having
/// spent `so_far_wan`; `None` once reached.
pub fn still_needed(threshold_wan: Decimal, so_far_wan: Decimal) -> Option<Decimal> {
    (so_far_wan < threshold_wan).then(|| threshold_wan - so_far_wan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::CalendarDate;
    use crate::grade::{grade_year, grade_year_as_of};
    use crate::rules::Rules;
    use crate::totals::MonthlyTotals;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn seed(months: &[&str]) -> MonthlyTotals {
        let mut totals = MonthlyTotals::new(2017);
        for (index, amount) in months.iter().enumerate() {
            totals.months_wan[index] = Some(d(amount));
        }
        totals
    }

    const SEED: [&str; 8] = [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ];

    #[test]
    fn the_seed_needs_a_quarter_of_what_is_left_each_month() {
        let year = grade_year(&seed(&SEED), Rules::from_budget(d("322.95"))).unwrap();
        let ahead = ahead(&year).unwrap();
        assert_eq!((ahead.first_month, ahead.months_left), (9, 4));
        assert_eq!(ahead.spent_wan, d("273.43"));
        assert_eq!(ahead.remaining_wan, d("49.52"));
        assert_eq!(ahead.needed_wan, d("12.38"));
        assert!(!ahead.past_budget());
    }

    #[test]
    fn the_month_in_progress_is_one_of_the_months_left() {
        let mut months = SEED.to_vec();
        months.push("8.2");
        let as_of = CalendarDate::new(2017, 9, 12);
        let year =
            grade_year_as_of(&seed(&months), Rules::from_budget(d("322.95")), as_of).unwrap();
        let ahead = ahead(&year).unwrap();
        assert_eq!((ahead.first_month, ahead.months_left), (9, 4));
        assert_eq!(ahead.spent_wan, d("281.63"));
        // (322.95 − 281.63) ÷ 4 = 10.33
        assert_eq!(ahead.needed_wan, d("10.33"));
        assert_eq!(still_needed(d("24.22"), d("8.20")), Some(d("16.02")));
        assert_eq!(still_needed(d("24.22"), d("24.22")), None);
    }

    #[test]
    fn a_year_past_its_budget_needs_nothing_and_a_full_year_has_no_months_ahead() {
        let year = grade_year(&seed(&["200", "150"]), Rules::from_budget(d("322.95"))).unwrap();
        let ahead = ahead(&year).unwrap();
        assert!(ahead.past_budget());
        assert_eq!(ahead.remaining_wan, d("-27.05"));
        assert_eq!(ahead.needed_wan, Decimal::ZERO);
        let full = grade_year(&seed(&["27"; 12]), Rules::from_budget(d("322.95"))).unwrap();
        assert_eq!(super::ahead(&full), None);
    }
}

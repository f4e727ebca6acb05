//! 上年同期: the previous year's spending beside this year's, when the book
//! holds it, and when a month's change from it is large enough to be said.
//!
//! The previous year is what the book holds of it, month by month, as this
//! year's months are shown (万元, to the cent): from its first to its last
//! month with records, months between without records being 0.00; months
//! outside that span are not in the book and have no 上年同期.

use crate::money::round_cents;
use crate::totals::MonthlyTotals;
use rust_decimal::Decimal;

/// A change is large (one sentence in 情况分析) when it is at least this
/// percent of the previous year's month …
pub const LARGE_CHANGE_PERCENT: i64 = 30;
/// … and at least this percent of the monthly share (budget ÷ 12), so that
/// small months do not fill the analysis with sentences.
pub const LARGE_CHANGE_SHARE_PERCENT: i64 = 10;

/// The previous year's spending as the book holds it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PreviousYear {
    /// The year.
    pub year: i32,
    /// Index 0 = January: its spending in 万元 rounded to 0.01; `None` for a
    /// month the book does not cover.
    pub months_wan: [Option<Decimal>; 12],
}

impl PreviousYear {
    /// The book's months of `totals`' year, as this year's are shown; `None`
    /// when it has no month with records.
    pub fn of(totals: &MonthlyTotals) -> Option<Self> {
        let first = totals.months_wan.iter().position(Option::is_some)?;
        let last = totals.months_wan.iter().rposition(Option::is_some)?;
        let months_wan = std::array::from_fn(|index| {
            (first..=last)
                .contains(&index)
                .then(|| round_cents(totals.months_wan[index].unwrap_or_default()))
        });
        Some(Self {
            year: totals.year,
            months_wan,
        })
    }

    /// The amount of `month` (1–12), when the book covers it.
    pub fn month(&self, month: u32) -> Option<Decimal> {
        self.months_wan
            .get(month.checked_sub(1)? as usize)
            .copied()
            .flatten()
    }
}

/// 同比: `this` against `previous` as a ratio (0.25 for 25 % more); `None`
/// when the previous year's month is not above zero (no ratio can be said).
pub fn change(this: Decimal, previous: Decimal) -> Option<Decimal> {
    (previous > Decimal::ZERO).then(|| (this - previous) / previous)
}

/// True when the change from `previous` to `this` is large enough to be said:
/// at least [`LARGE_CHANGE_PERCENT`] % of `previous` and at least
/// [`LARGE_CHANGE_SHARE_PERCENT`] % of the monthly `share`.
pub fn is_large(this: Decimal, previous: Decimal, share: Decimal) -> bool {
    let difference = (this - previous).abs();
    previous > Decimal::ZERO
        && difference * Decimal::ONE_HUNDRED >= previous * Decimal::from(LARGE_CHANGE_PERCENT)
        && difference * Decimal::ONE_HUNDRED >= share * Decimal::from(LARGE_CHANGE_SHARE_PERCENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_previous_year_covers_its_booked_span_only() {
        let mut totals = MonthlyTotals::new(2016);
        totals.months_wan[8] = Some(d("20.004"));
        totals.months_wan[11] = Some(d("30"));
        let previous = PreviousYear::of(&totals).unwrap();
        assert_eq!(previous.month(8), None, "before the book begins");
        assert_eq!(previous.month(9), Some(d("20.00")));
        assert_eq!(previous.month(10), Some(Decimal::ZERO), "inside the span");
        assert_eq!(previous.month(12), Some(d("30")));
        assert_eq!(previous.month(13), None);
        assert_eq!(PreviousYear::of(&MonthlyTotals::new(2016)), None);
    }

    #[test]
    fn a_change_is_large_against_both_the_month_and_the_share() {
        let share = d("26.9125");
        assert_eq!(change(d("30"), d("20")), Some(d("0.5")));
        assert_eq!(change(d("30"), d("0")), None);
        assert!(is_large(d("26"), d("20"), share), "30 % and 6 万元");
        assert!(!is_large(d("25.99"), d("20"), share), "29.95 %");
        assert!(is_large(d("14"), d("20"), share), "a fall counts the same");
        // 50 % of a small month, but less than a tenth of the share.
        assert!(!is_large(d("3"), d("2"), share));
        assert!(
            !is_large(d("3"), d("0"), share),
            "no ratio without a previous amount"
        );
    }
}

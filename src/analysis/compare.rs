//! The words of 上年同期: a month whose spending changed much from the
//! previous year's (see [`crate::year_on_year`]), and the period against the
//! same months of the previous year.

use super::percent;
use crate::grade::{GradedMonth, GradedYear};
use crate::money::format_cents;
use crate::year_on_year::{change, is_large};
use rust_decimal::Decimal;

/// `增加 6.54 万元，增长 32.7%` / `减少 …，下降 …`.
fn difference(this: Decimal, previous: Decimal) -> String {
    let more = this >= previous;
    let rate = change(this, previous)
        .map(|ratio| {
            format!(
                "，{} {}",
                if more { "增长" } else { "下降" },
                percent(ratio.abs(), Decimal::ONE)
            )
        })
        .unwrap_or_default();
    format!(
        "{} {} 万元{rate}",
        if more { "增加" } else { "减少" },
        format_cents((this - previous).abs())
    )
}

/// The sentence of a graded month whose spending changed much from the
/// previous year's: `比上年同期 20.00 万元增加 6.54 万元，增长 32.7%`; `None`
/// for a small change, a month in progress or not due, or no 上年同期.
pub fn change_note(year: &GradedYear, month: &GradedMonth) -> Option<String> {
    month.grade()?;
    let previous = year.previous_of(month.month)?;
    is_large(month.amount_wan, previous, year.rules.monthly_share_wan).then(|| {
        format!(
            "比上年同期 {} 万元{}",
            format_cents(previous),
            difference(month.amount_wan, previous)
        )
    })
}

/// The graded months against the same months of the previous year, when the
/// book holds every one of them: `与上年同期相比，2017 年 1—8 月支出 273.43 万元，
/// 上年同期 250.00 万元，增加 23.43 万元，增长 9.4%。`
pub fn period_change(year: &GradedYear) -> Option<String> {
    let previous = year.previous.as_ref()?;
    let mut this_sum = Decimal::ZERO;
    let mut previous_sum = Decimal::ZERO;
    for month in year.due_months() {
        this_sum += month.amount_wan;
        previous_sum += previous.month(month.month)?;
    }
    let period = match year.last_due_month {
        1 => format!("{} 年 1 月", year.year),
        last => format!("{} 年 1—{last} 月", year.year),
    };
    Some(format!(
        "与上年同期相比，{period}支出 {} 万元，上年同期 {} 万元，{}。",
        format_cents(this_sum),
        format_cents(previous_sum),
        difference(this_sum, previous_sum)
    ))
}

//! 截至 (as of): the day a run reports on. A booked month that has not ended
//! on that day is 进行中 (in progress) and not graded; a book with lines in a
//! month after it is refused, never cut.
//!
//! Pure: the date is given (the CLI edge takes the run's date, see
//! [`crate::cli::run_date`]); this module reads it as written, says it, and
//! compares a book's months with it.

use crate::dates::{days_in_month, parse_date_text, parse_period_text, CalendarDate};
use crate::totals::MonthlyTotals;

/// The last day of `month` of `year`: 2017-09 → 2017-09-30.
pub fn month_end(year: i32, month: u32) -> Option<CalendarDate> {
    CalendarDate::new(year, month, days_in_month(year, month))
}

/// The as-of date as a person writes it: a day (`2017-09-12`, `2017/9/12`,
/// `2017年9月12日`, `20170912`) or a month (`2017-09`, `2017年9月`, `201709`),
/// which stands for its last day; `None` for anything else, or a year outside
/// 1990–2100.
///
/// ```
/// use jixiao::as_of::parse_as_of;
/// use jixiao::dates::CalendarDate;
///
/// assert_eq!(parse_as_of("2017-09-12"), CalendarDate::new(2017, 9, 12));
/// assert_eq!(parse_as_of("2017-09"), CalendarDate::new(2017, 9, 30));
/// assert_eq!(parse_as_of("2016年2月"), CalendarDate::new(2016, 2, 29));
/// assert_eq!(parse_as_of("9月12日"), None);
/// ```
pub fn parse_as_of(text: &str) -> Option<CalendarDate> {
    let text = text.trim();
    let date = match parse_date_text(text) {
        Some(day) => Some(day),
        None => parse_period_text(text, None).and_then(|(year, month)| month_end(year, month)),
    };
    date.filter(|d| (1990..=2100).contains(&d.year))
}

/// The date as the report says it: `2017年9月12日`.
pub fn chinese(date: CalendarDate) -> String {
    format!("{}年{}月{}日", date.year, date.month, date.day)
}

/// The day of the year, 1 January being 1.
pub fn day_of_year(date: CalendarDate) -> u32 {
    (1..date.month)
        .map(|m| days_in_month(date.year, m))
        .sum::<u32>()
        + date.day
}

/// The days of `year` (365 or 366).
pub fn days_in_year(year: i32) -> u32 {
    (1..=12).map(|m| days_in_month(year, m)).sum()
}

/// True when `month` of `year` has ended on `as_of` (its last day is the as-of
/// day or earlier); always true without an as-of date.
pub fn month_ended(as_of: Option<CalendarDate>, year: i32, month: u32) -> bool {
    match (as_of, month_end(year, month)) {
        (Some(as_of), Some(end)) => end <= as_of,
        _ => true,
    }
}

/// The calendar day `days` days after 1970-01-01 (negative: before it).
///
/// ```
/// use jixiao::as_of::date_from_days;
/// use jixiao::dates::CalendarDate;
///
/// assert_eq!(date_from_days(0), CalendarDate::new(1970, 1, 1));
/// assert_eq!(date_from_days(17_421), CalendarDate::new(2017, 9, 12));
/// assert_eq!(date_from_days(11_016), CalendarDate::new(2000, 2, 29));
/// ```
pub fn date_from_days(days: i64) -> Option<CalendarDate> {
    // Howard Hinnant's civil_from_days: eras of 400 years from 0000-03-01.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    CalendarDate::new(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// The first month of the books that holds lines after `as_of` (a month that
/// begins after the as-of month), as (year, month); `None` when there is none.
/// Books keep the month of a line, not always its day: lines later in the
/// as-of month itself cannot be told.
pub fn first_month_after(totals: &[MonthlyTotals], as_of: CalendarDate) -> Option<(i32, u32)> {
    totals
        .iter()
        .flat_map(|year| {
            year.months_wan
                .iter()
                .enumerate()
                .filter(|(_, amount)| amount.is_some())
                .map(move |(index, _)| (year.year, index as u32 + 1))
        })
        .filter(|period| *period > (as_of.year, as_of.month))
        .min()
}

#[cfg(test)]
mod tests;

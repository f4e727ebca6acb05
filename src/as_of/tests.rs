use super::*;
use crate::dates::CalendarDate;
use rust_decimal::Decimal;

fn day(year: i32, month: u32, day: u32) -> CalendarDate {
    CalendarDate::new(year, month, day).unwrap()
}

#[test]
fn a_month_stands_for_its_last_day() {
    assert_eq!(parse_as_of("2017-09"), Some(day(2017, 9, 30)));
    assert_eq!(parse_as_of("2017.02"), Some(day(2017, 2, 28)));
    assert_eq!(parse_as_of("2016年2月"), Some(day(2016, 2, 29)));
    assert_eq!(parse_as_of("201712"), Some(day(2017, 12, 31)));
    assert_eq!(parse_as_of(" 2017-09-12 "), Some(day(2017, 9, 12)));
    assert_eq!(parse_as_of("2017年9月12日"), Some(day(2017, 9, 12)));
    assert_eq!(parse_as_of("20170912"), Some(day(2017, 9, 12)));
    for bad in ["2017-02-30", "2017-13", "九月", "", "1989-12-31", "12"] {
        assert_eq!(parse_as_of(bad), None, "{bad}");
    }
}

#[test]
fn a_month_has_ended_on_its_last_day() {
    let as_of = Some(day(2017, 9, 12));
    assert!(month_ended(as_of, 2017, 8));
    assert!(!month_ended(as_of, 2017, 9));
    assert!(month_ended(Some(day(2017, 9, 30)), 2017, 9));
    assert!(month_ended(as_of, 2016, 12));
    assert!(!month_ended(as_of, 2018, 1));
    assert!(
        month_ended(None, 2099, 12),
        "no as-of: every month has ended"
    );
}

#[test]
fn days_of_the_year_count_from_the_first_of_january() {
    assert_eq!(day_of_year(day(2017, 1, 1)), 1);
    assert_eq!(day_of_year(day(2017, 9, 12)), 255);
    assert_eq!(day_of_year(day(2016, 12, 31)), 366);
    assert_eq!(days_in_year(2016), 366);
    assert_eq!(days_in_year(2017), 365);
    assert_eq!(chinese(day(2017, 9, 12)), "2017年9月12日");
}

#[test]
fn days_since_1970_are_calendar_days() {
    assert_eq!(date_from_days(-1), Some(day(1969, 12, 31)));
    assert_eq!(date_from_days(7_305), Some(day(1990, 1, 1)));
    assert_eq!(date_from_days(17_166), Some(day(2016, 12, 31)));
    assert_eq!(date_from_days(17_167), Some(day(2017, 1, 1)));
    assert_eq!(date_from_days(20_793), Some(day(2026, 12, 6)));
}

#[test]
fn the_first_month_booked_after_the_as_of_day_is_found() {
    let mut year = MonthlyTotals::new(2017);
    year.months_wan[0] = Some(Decimal::ONE);
    year.months_wan[8] = Some(Decimal::ONE);
    year.months_wan[10] = Some(Decimal::ZERO);
    let books = [year];
    assert_eq!(first_month_after(&books, day(2017, 12, 31)), None);
    assert_eq!(
        first_month_after(&books, day(2017, 9, 12)),
        Some((2017, 11))
    );
    assert_eq!(first_month_after(&books, day(2017, 8, 31)), Some((2017, 9)));
    assert_eq!(
        first_month_after(&books, day(2016, 12, 31)),
        Some((2017, 1))
    );
}

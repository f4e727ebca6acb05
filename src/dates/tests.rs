use super::*;

fn date(y: i32, m: u32, d: u32) -> Option<CalendarDate> {
    CalendarDate::new(y, m, d)
}

#[test]
fn reads_text_dates() {
    for text in [
        "2017-01-05",
        "2017/1/5",
        "2017.01.05",
        "20170105",
        "2017年1月5日",
        "2017-01-05 00:00:00",
    ] {
        assert_eq!(parse_date_text(text), date(2017, 1, 5), "{text}");
    }
}

#[test]
fn refuses_impossible_or_ambiguous_dates() {
    for text in [
        "2017-02-29",
        "03/04/2017",
        "2017-13-01",
        "1月5日",
        "abc",
        "2017-01",
        "",
    ] {
        assert_eq!(parse_date_text(text), None, "{text}");
    }
    assert_eq!(parse_date_text("2016-02-29"), date(2016, 2, 29));
}

#[test]
fn reads_compact_numbers() {
    assert_eq!(
        CalendarDate::from_compact_number(20170105.0),
        date(2017, 1, 5)
    );
    assert_eq!(CalendarDate::from_compact_number(42740.0), None);
    assert_eq!(CalendarDate::from_compact_number(20170105.5), None);
}

#[test]
fn reads_plain_serials() {
    assert_eq!(CalendarDate::from_plain_serial(32874.0), date(1990, 1, 1));
    assert_eq!(CalendarDate::from_plain_serial(42740.0), date(2017, 1, 5));
    assert_eq!(CalendarDate::from_plain_serial(42794.0), date(2017, 2, 28));
    assert_eq!(CalendarDate::from_plain_serial(43100.0), date(2017, 12, 31));
    assert_eq!(CalendarDate::from_plain_serial(42795.0), date(2017, 3, 1));
    assert_eq!(CalendarDate::from_plain_serial(1234.0), None);
    assert_eq!(CalendarDate::from_plain_serial(42740.5), None);
}

#[test]
fn reads_month_labels() {
    assert_eq!(parse_month_label("一月"), Some(1));
    assert_eq!(parse_month_label("十一月"), Some(11));
    assert_eq!(parse_month_label("十二月"), Some(12));
    assert_eq!(parse_month_label("1月"), Some(1));
    assert_eq!(parse_month_label("01月"), Some(1));
    assert_eq!(parse_month_label("12月份"), Some(12));
    assert_eq!(parse_month_label("2017年3月"), Some(3));
    assert_eq!(parse_month_label("13月"), None);
    assert_eq!(parse_month_label("合计"), None);
    assert_eq!(chinese_month_name(11), Some("十一月"));
    assert_eq!(chinese_month_name(0), None);
}

#[test]
fn reads_partial_dates_periods_and_sheet_months() {
    assert_eq!(parse_month_day_text("1月5日", 2017), date(2017, 1, 5));
    assert_eq!(parse_month_day_text("2月30日", 2017), None);
    for (text, expected) in [
        ("2017年1期", Some((2017, 1))),
        ("2017年第12期", Some((2017, 12))),
        ("2017年01月", Some((2017, 1))),
        ("2017.01", Some((2017, 1))),
        ("2017-1", Some((2017, 1))),
        ("201701", Some((2017, 1))),
        ("201713", None),
        ("3期", Some((2018, 3))),
        ("abc", None),
    ] {
        assert_eq!(parse_period_text(text, Some(2018)), expected, "{text}");
    }
    assert_eq!(parse_period_text("3期", None), None);
    assert_eq!(parse_sheet_month("1月"), Some((None, 1)));
    assert_eq!(parse_sheet_month("十二月"), Some((None, 12)));
    assert_eq!(parse_sheet_month("2017年3月"), Some((Some(2017), 3)));
    assert_eq!(parse_sheet_month("2017-01"), Some((Some(2017), 1)));
    assert_eq!(parse_sheet_month("汇总"), None);
    assert_eq!(parse_sheet_month("Sheet1"), None);
    assert_eq!(parse_month_cell_text("01"), Some(1));
    assert_eq!(parse_month_cell_text("12月"), Some(12));
    assert_eq!(parse_month_cell_text("13"), None);
}

#[test]
fn finds_years_in_titles() {
    assert_eq!(find_year_in_text("2017年度部门支出明细账"), Some(2017));
    assert_eq!(find_year_in_text("编号12017年"), None);
    assert_eq!(find_year_in_text("支出明细"), None);
}

#[test]
fn reads_day_and_month_texts_of_hand_kept_books() {
    let day = |month, day| {
        Some(MonthDay {
            month,
            day: Some(day),
        })
    };
    assert_eq!(parse_month_day("1.15"), day(1, 15));
    assert_eq!(parse_month_day("3.5"), day(3, 5));
    assert_eq!(parse_month_day("01.05"), day(1, 5));
    assert_eq!(parse_month_day("1-15"), day(1, 15));
    assert_eq!(parse_month_day("1/15"), day(1, 15));
    assert_eq!(parse_month_day("1月15日"), day(1, 15));
    assert_eq!(parse_month_day(" 12月31 "), day(12, 31));
    assert_eq!(parse_month_day("2.29"), day(2, 29)); // a day of a leap year
    for not_a_day in [
        "2.30",
        "13.1",
        "0.5",
        "1.32",
        "1.",
        ".5",
        "2017.01",
        "2017-01-05",
        "1.15.3",
        "1.5元",
        "126.5",
        "",
        "一月五日",
    ] {
        assert_eq!(parse_month_day(not_a_day), None, "{not_a_day}");
    }
}

#[test]
fn reads_day_and_month_numbers_as_excel_keeps_them() {
    let md = |month, day| Some(MonthDay { month, day });
    assert_eq!(month_day_from_number(1.15), md(1, Some(15)));
    assert_eq!(month_day_from_number(3.5), md(3, Some(5))); // no 50th
    assert_eq!(month_day_from_number(2.3), md(2, Some(3))); // no 30 February
    assert_eq!(month_day_from_number(1.05), md(1, Some(5)));
    assert_eq!(month_day_from_number(12.31), md(12, Some(31)));
    // Typed 1.10, kept as 1.1: the 1st or the 10th, January either way.
    assert_eq!(month_day_from_number(1.1), md(1, None));
    assert_eq!(month_day_from_number(12.3), md(12, None));
    for not_a_day in [
        1.0, 12.0, 0.5, 13.15, 2.31, 4.31, 1.155, 1.32, 42736.0, 42736.5, -1.15, 3500.25,
    ] {
        assert_eq!(month_day_from_number(not_a_day), None, "{not_a_day}");
    }
    assert_eq!(md(1, None).and_then(|d| d.in_year(2017)), date(2017, 1, 1));
    assert_eq!(md(2, Some(29)).and_then(|d| d.in_year(2017)), None);
}

#[test]
fn finds_bare_years_in_sheet_and_file_names() {
    assert_eq!(find_bare_year("2017支出"), Some(2017));
    assert_eq!(find_bare_year("台账2017.xlsx"), Some(2017));
    assert_eq!(find_bare_year("2017"), Some(2017));
    assert_eq!(find_bare_year("2017-办公经费-2017"), Some(2017));
    for none in [
        "20170105导出",
        "2016-2017",
        "Sheet1",
        "第1234号",
        "3000支出",
        "12017",
    ] {
        assert_eq!(find_bare_year(none), None, "{none}");
    }
}

#[test]
fn finds_a_fiscal_year_span_of_months() {
    let span = |text: &str| find_month_span(text).map(|s| (s.start, s.end));
    let fiscal = Some(((2016, 9), (2017, 8)));
    for text in [
        "2016年9月—2017年8月经费支出登记簿（单位：元）",
        "2016年9月至2017年8月",
        "2016年9月 - 2017年8月",
        "2016年09月份～2017年08月份",
        "2016.9-2017.8",
        "2016.09—2017.08 支出",
        "2016-9-2017-8",
        "2016/9-2017/8",
        "登记簿2016.9-2017.8.xlsx",
        "2016年9月1日至2017年8月31日",
        "2016-09-01至2017-08-31",
    ] {
        assert_eq!(span(text), fiscal, "{text}");
    }
    for text in [
        "2017年1月—2017年8月", // one year: the title's year serves
        "2016年1月—2017年8月", // more than twelve months
        "2016年9月—2018年8月",
        "2017年经费支出登记簿",
        "2016年9月 2017年8月", // no range word between
        "12016.9-2017.8",
        "2016.13-2017.8",
        "20160901-20170831",
    ] {
        assert_eq!(span(text), None, "{text}");
    }
}

#[test]
fn a_month_takes_the_year_of_its_part_of_the_span() {
    let span = find_month_span("2016年9月—2017年8月").unwrap();
    assert_eq!(
        (1..=12).map(|m| span.year_of(m)).collect::<Vec<_>>(),
        [2017, 2017, 2017, 2017, 2017, 2017, 2017, 2017, 2016, 2016, 2016, 2016]
    );
    assert_eq!(span.describe(), "9—12 月为 2016 年，1—8 月为 2017 年");
    let december = find_month_span("2016年12月至2017年11月").unwrap();
    assert_eq!(december.describe(), "12 月为 2016 年，1—11 月为 2017 年");
}

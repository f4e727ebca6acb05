use super::*;
use crate::classify::{ItemId, ITEMS};
use crate::grade::grade_year;
use crate::rules::Rules;
use crate::totals::MonthlyTotals;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn item(name: &str) -> ItemId {
    ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId
}

fn seed_year() -> GradedYear {
    let amounts = [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ];
    let mut totals = MonthlyTotals::new(2017);
    for (i, a) in amounts.iter().enumerate() {
        totals.months_wan[i] = Some(d(a));
    }
    // February: wages and social security only; March: travel and office costs first.
    totals.items_wan[1].insert(item("基本工资"), d("3.12"));
    totals.items_wan[1].insert(item("社会保障缴费"), d("1.32"));
    totals.items_wan[2].insert(item("差旅费"), d("26.414"));
    totals.items_wan[2].insert(item("维修（护）费"), d("8.6"));
    totals.items_wan[2].insert(item("基本工资"), d("6.24"));
    totals.items_wan[2].insert(item("办公费"), d("21.036"));
    grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap()
}

/// A year of the given months (`None`: no records), budget 120 (share 10.00).
fn year_of(months: &[Option<&str>]) -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    for (i, amount) in months.iter().enumerate() {
        totals.months_wan[i] = amount.map(d);
    }
    grade_year(&totals, Rules::from_budget(d("120"))).unwrap()
}

#[test]
fn month_notes_state_the_figures() {
    let year = seed_year();
    assert_eq!(
        month_note(&year, &year.months[0]),
        "支出 26.54 万元，为月均预算 26.91 万元的 98.6%，达到优秀标准 24.22 万元"
    );
    assert_eq!(
        month_note(&year, &year.months[1]),
        "支出 4.44 万元，为月均预算 26.91 万元的 16.5%，比及格标准 16.15 万元少 11.71 万元，\
应查找原因，加快资金支出进度；仅发生工资福利支出：基本工资、社会保障缴费"
    );
    assert_eq!(
        month_note(&year, &year.months[2]),
        "支出 62.29 万元，为月均预算 26.91 万元的 231.5%，达到优秀标准 24.22 万元；\
主要为差旅费 26.41 万元（占 42.4%）、办公费 21.04 万元（占 33.8%）；\
超过月均预算的 2 倍，属集中支出"
    );
    assert_eq!(month_note(&year, &year.months[8]), "未到期，暂不评定");
}

#[test]
fn no_records_netting_to_zero_and_negative_months_are_each_said_as_they_are() {
    let year = year_of(&[Some("10"), None, Some("0"), Some("-8.97"), Some("10")]);
    assert_eq!(
        month_note(&year, &year.months[1]),
        "本月无支出记录，低于及格标准 6.00 万元，应查找原因，加快资金支出进度"
    );
    assert_eq!(
        month_note(&year, &year.months[2]),
        "本月支出记录相互抵销，净支出为 0.00 万元，低于及格标准 6.00 万元，应查找原因，加快资金支出进度"
    );
    assert_eq!(
        month_note(&year, &year.months[3]),
        "本月净支出为 -8.97 万元，冲销和退回多于支出，低于及格标准 6.00 万元，应核对冲销和退回记录，并加快资金支出进度"
    );
    let summary = conclusion(&year);
    assert!(
        summary.contains("评为差的月份：二月无支出记录；三月支出记录相互抵销，净支出为 0.00 万元；四月净支出为 -8.97 万元，冲销和退回多于支出。"),
        "{summary}"
    );
    assert!(
        !summary.contains("的 —") && !summary.contains("-897"),
        "{summary}"
    );
}

#[test]
fn a_percentage_never_contradicts_the_grade_beside_it() {
    // 24.21 of 26.9125 is 89.96 %: rounded it would read 90.0 % beside 良好.
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[0] = Some(d("24.21"));
    totals.months_wan[1] = Some(d("24.215"));
    let year = grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap();
    let good = month_note(&year, &year.months[0]);
    assert!(good.contains("的 89.9%，达到良好标准 21.53 万元"), "{good}");
    // 24.215 shows as 24.22, the 优秀 standard: 90.0 %, not 89.9 %.
    let excellent = month_note(&year, &year.months[1]);
    assert!(
        excellent.contains("的 90.0%，达到优秀标准 24.22 万元"),
        "{excellent}"
    );
}

#[test]
fn conclusion_counts_sums_and_checks_the_year_end() {
    assert_eq!(
        conclusion(&seed_year()),
        "2017 年 1—8 月共评定 8 个月：优秀 6 个月、良好 1 个月、差 1 个月。\
评为差的月份：二月支出 4.44 万元，仅发生工资福利支出。应查找原因，加快资金支出进度。\
累计支出 273.43 万元，占全年预算收入 322.95 万元的 84.7%；按月计算的序时进度为 66.7%，累计执行率高于序时进度 18.0 个百分点。\
支出超过月均预算 2 倍的月份：三月 62.29 万元，主要为差旅费、办公费；四月 59.21 万元。"
    );
}

#[test]
fn lagging_execution_is_said_with_one_decimal_and_what_to_do() {
    // January 10.00 and February 0.00 of a 120 budget: 8.3 % against 16.7 %.
    let year = year_of(&[Some("10"), Some("0")]);
    let summary = conclusion(&year);
    assert!(
        summary.contains("累计执行率低于（滞后于）序时进度 8.3 个百分点，应加快支出进度。"),
        "{summary}"
    );
    // Twelve months of 20.00 against a share of 10.00: 100.0 points ahead, never "100".
    let ahead = year_of(&[Some("20"); 6]);
    assert!(
        conclusion(&ahead).contains("高于序时进度 50.0 个百分点"),
        "{}",
        conclusion(&ahead)
    );
}

#[test]
fn a_year_of_zero_months_is_not_cleared_of_anything() {
    let year = year_of(&[Some("0"), None, Some("0")]);
    let summary = conclusion(&year);
    assert_eq!(
        summary,
        "2017 年 1—3 月各月净支出均为 0.00 万元，没有形成实际支出，3 个月均评为差。应核对台账是否计入了正确的科目和金额列，并加快资金支出进度。"
    );
    assert!(!summary.contains("突击花钱"));
}

fn full_year(december: &str) -> GradedYear {
    let mut months = vec![Some("10"); 11];
    months.push(Some(december));
    year_of(&months)
}

#[test]
fn a_december_rush_is_named_and_an_even_year_is_cleared() {
    let even = conclusion(&full_year("10"));
    assert!(
        even.ends_with("十二月支出 10.00 万元，为月均预算的 100.0%；第四季度支出 30.00 万元，占全年支出的 25.0%（均衡支出约为 25%）。未见为提高支出进度而年底突击花钱的情况。"),
        "{even}"
    );
    let rushed = conclusion(&full_year("50"));
    assert!(
        rushed.contains("支出超过月均预算 2 倍的月份：十二月 50.00 万元。"),
        "{rushed}"
    );
    assert!(
        rushed.ends_with("存在年底集中支出的情况，应说明原因。"),
        "{rushed}"
    );
}

#[test]
fn a_negative_december_is_not_a_year_end_rush() {
    let summary = conclusion(&full_year("-5"));
    assert!(
        summary.ends_with("十二月净支出 -5.00 万元；第四季度支出 15.00 万元，占全年支出的 14.3%（均衡支出约为 25%）。未见为提高支出进度而年底突击花钱的情况。"),
        "{summary}"
    );
    // A year netting below zero: no share of the year is computed from it.
    let mut months = vec![Some("-1"); 11];
    months.push(Some("5"));
    let negative = conclusion(&year_of(&months));
    assert!(
        negative.ends_with("全年净支出为 -6.00 万元，无法据此判断是否存在年底集中支出。"),
        "{negative}"
    );
}

#[test]
fn unclassified_spending_is_called_so() {
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[0] = Some(d("11.58"));
    totals.items_wan[0].insert(OTHER, d("11.58"));
    let year = grade_year(&totals, Rules::from_budget(d("120"))).unwrap();
    let note = month_note(&year, &year.months[0]);
    assert!(
        note.contains("主要为未归类支出 11.58 万元（占 100.0%）"),
        "{note}"
    );
}

#[test]
fn percent_rounds_half_away_from_zero() {
    assert_eq!(percent(d("1"), d("8")), "12.5%");
    assert_eq!(percent(d("1"), d("1600")), "0.1%");
    assert_eq!(percent(Decimal::ONE, Decimal::ZERO), "—");
}

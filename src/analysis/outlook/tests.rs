use super::*;
use crate::ahead::ahead;
use crate::analysis::tight;
use crate::dates::CalendarDate;
use crate::grade::{grade_year, grade_year_as_of};
use crate::rules::{ProgressBasis, Rules};
use crate::totals::MonthlyTotals;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

const SEED: [&str; 8] = [
    "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
];

fn totals(months: &[&str]) -> MonthlyTotals {
    let mut totals = MonthlyTotals::new(2017);
    for (index, amount) in months.iter().enumerate() {
        totals.months_wan[index] = Some(d(amount));
    }
    totals
}

/// The seed with September booked to the 12th: 8.20 万元.
fn september_12(progress: ProgressBasis) -> GradedYear {
    let mut months = SEED.to_vec();
    months.push("8.2");
    let rules = Rules::with_bands(
        d("322.95"),
        crate::rules::SEED_PERCENTS.map(Decimal::from),
        crate::rules::Grade::ALL.map(|g| g.measure().to_string()),
        progress,
    );
    grade_year_as_of(&totals(&months), rules, CalendarDate::new(2017, 9, 12)).unwrap()
}

#[test]
fn the_month_in_progress_says_what_it_still_needs_for_each_standard() {
    let year = september_12(ProgressBasis::Months);
    let month = &year.months[8];
    assert!(month.in_progress());
    assert_eq!(
        tight(&crate::analysis::month_note(&year, month)),
        "截至9月12日已支出8.20万元，本月再支出16.02万元可达优秀标准、13.33万元可达良好标准、\
10.64万元可达中等标准、7.95万元可达及格标准；本月尚未结束，暂不评定"
    );
}

#[test]
fn a_month_in_progress_past_a_standard_says_so() {
    let mut months = SEED.to_vec();
    months.push("22");
    let year = grade_year_as_of(
        &totals(&months),
        Rules::from_budget(d("322.95")),
        CalendarDate::new(2017, 9, 20),
    )
    .unwrap();
    assert_eq!(
        tight(&in_progress_note(&year, &year.months[8])),
        "截至9月20日已支出22.00万元，已达到良好标准21.53万元，本月再支出2.22万元可达优秀标准；本月尚未结束，暂不评定"
    );
}

#[test]
fn the_months_ahead_are_one_sentence_the_workbook_can_write_as_a_formula() {
    let year = grade_year(&totals(&SEED), Rules::from_budget(d("322.95"))).unwrap();
    let ahead = ahead(&year).unwrap();
    let text = ahead_sentence(&year, &ahead);
    assert_eq!(
        text,
        "全年预算收入322.95万元，截至2017年8月末累计支出273.43万元，尚余49.52万元；剩余9—12月共4个月，\
平均每月需支出12.38万元，全年支出可达到预算收入。每月支出达到优秀标准需24.22万元，达到及格标准需16.15万元。"
    );
    assert_eq!(tight(&text), text, "set tight already");
    let past = render(&ahead_parts(&year, &ahead, true));
    assert!(
        past.contains("已达到全年预算收入（超出-49.52万元）"),
        "{past}"
    );
}

#[test]
fn the_months_ahead_count_the_month_in_progress() {
    let year = september_12(ProgressBasis::Months);
    let ahead = ahead(&year).unwrap();
    assert_eq!(
        ahead_sentence(&year, &ahead),
        "全年预算收入322.95万元，截至2017年9月12日累计支出281.63万元（含进行中的九月已支出8.20万元），\
尚余41.32万元；剩余9—12月共4个月（含九月），平均每月还需支出10.33万元，全年支出可达到预算收入。\
每月支出达到优秀标准需24.22万元，达到及格标准需16.15万元；九月已有的支出计入当月。"
    );
    assert!(ahead_measure(&year, &ahead).contains("剩余9—12月每月平均需支出10.33万元"));
}

#[test]
fn a_year_past_its_budget_says_so_instead() {
    let year = grade_year(&totals(&["200", "150"]), Rules::from_budget(d("322.95"))).unwrap();
    let ahead = ahead(&year).unwrap();
    assert_eq!(
        ahead_sentence(&year, &ahead),
        "全年预算收入322.95万元，截至2017年2月末累计支出350.00万元，已达到全年预算收入（超出27.05万元），\
剩余3—12月共10个月不需再支出即可完成全年预算；此后的支出都将超出预算，请核对是否已追加预算。"
    );
    assert!(ahead_measure(&year, &ahead)
        .starts_with("截至2017年2月末累计支出350.00万元，已达到全年预算收入322.95万元"));
}

#[test]
fn by_days_the_year_is_taken_on_the_as_of_day() {
    let year = september_12(ProgressBasis::Days);
    let figures = year.execution();
    assert_eq!(figures.cumulative_wan, d("281.63"));
    assert_eq!(figures.elapsed, Decimal::from(255) / Decimal::from(365));
    assert_eq!(to_date_of_execution(&year), "2017年9月12日");
    let by_months = september_12(ProgressBasis::Months);
    assert_eq!(by_months.execution().cumulative_wan, d("273.43"));
    assert_eq!(by_months.execution().elapsed, d("8") / d("12"));
    assert_eq!(to_date_of_execution(&by_months), "2017年8月末");
}

use super::*;
use crate::classify::{ItemId, ITEMS};
use crate::grade::grade_year;
use crate::rules::Rules;
use crate::totals::MonthlyTotals;

fn seed_year() -> GradedYear {
    let amounts = [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ];
    let mut totals = MonthlyTotals::new(2017);
    for (i, a) in amounts.iter().enumerate() {
        totals.months_wan[i] = Some(a.parse().unwrap());
    }
    // February: wages and social security only; March: travel and office costs first.
    let item = |name: &str| ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId;
    totals.items_wan[1].insert(item("基本工资"), "3.12".parse().unwrap());
    totals.items_wan[1].insert(item("社会保障缴费"), "1.32".parse().unwrap());
    totals.items_wan[2].insert(item("差旅费"), "26.414".parse().unwrap());
    totals.items_wan[2].insert(item("维修（护）费"), "8.6".parse().unwrap());
    totals.items_wan[2].insert(item("基本工资"), "6.24".parse().unwrap());
    totals.items_wan[2].insert(item("办公费"), "21.036".parse().unwrap());
    grade_year(&totals, Rules::from_budget("322.95".parse().unwrap())).unwrap()
}

#[test]
fn month_notes_state_the_figures() {
    let year = seed_year();
    assert_eq!(
        month_note(&year, &year.months[0]),
        "支出 26.54 万元，为月均预算 26.91 万元的 98.6%，达到优秀线 24.22 万元"
    );
    assert_eq!(
        month_note(&year, &year.months[1]),
        "支出 4.44 万元，为月均预算 26.91 万元的 16.5%，低于及格线 16.15 万元 11.71 万元，应查找原因，加快资金支出进度；只有工资福利支出（基本工资、社会保障缴费）"
    );
    assert_eq!(
        month_note(&year, &year.months[2]),
        "支出 62.29 万元，为月均预算 26.91 万元的 231.5%，达到优秀线 24.22 万元；\
主要为差旅费 26.41 万元（占 42.4%）、办公费 21.04 万元（占 33.8%）；\
超过月均预算的 2 倍，属集中支出，请在情况分析中说明原因"
    );
    assert_eq!(month_note(&year, &year.months[8]), "未到期，暂不评定");
}

#[test]
fn conclusion_counts_sums_and_checks_the_year_end() {
    assert_eq!(
        conclusion(&seed_year()),
        "2017 年 1—8 月共评定 8 个月：优秀 6 个月、良好 1 个月、差 1 个月。\
评为差的月份：二月（4.44 万元，只有工资福利支出（基本工资、社会保障缴费）），应查找原因，加快资金支出进度。\
累计支出 273.43 万元，占全年预算 322.95 万元的 84.7%，按月计算的序时进度为 66.7%，快于序时进度 18.0 个百分点。\
支出超过月均预算 2 倍的月份：三月 62.29 万元，主要为差旅费 26.41 万元（占 42.4%）、办公费 21.04 万元（占 33.8%）；四月 59.21 万元。\
支出较多的月份不在年底；第四季度尚未结束，年底突击花钱的检查待全年数据齐全后再做。"
    );
}

fn full_year(december: &str) -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    for month in 0..11 {
        totals.months_wan[month] = Some("10".parse().unwrap());
    }
    totals.months_wan[11] = Some(december.parse().unwrap());
    grade_year(&totals, Rules::from_budget("120".parse().unwrap())).unwrap()
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
        rushed.ends_with("存在年底集中支出的情况，请在报告中说明原因。"),
        "{rushed}"
    );
}

#[test]
fn percent_rounds_half_away_from_zero() {
    assert_eq!(percent("1".parse().unwrap(), "8".parse().unwrap()), "12.5%");
    assert_eq!(
        percent("1".parse().unwrap(), "1600".parse().unwrap()),
        "0.1%"
    );
    assert_eq!(percent(Decimal::ONE, Decimal::ZERO), "—");
}

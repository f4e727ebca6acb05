use super::*;
use crate::classify::ITEMS;
use crate::grade::grade_year;
use crate::rules::Rules;
use crate::totals::MonthlyTotals;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn id(name: &str) -> ItemId {
    ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId
}

fn year() -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[0] = Some(d("20"));
    for (name, amount) in [
        ("基本工资", "10"),
        ("社会保障缴费", "4"),
        ("办公费", "3"),
        ("取暖费", "2"),
        ("差旅费", "1"),
    ] {
        totals.items_wan[0].insert(id(name), d(amount));
    }
    grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap()
}

#[test]
fn spending_goes_to_the_most_specific_line() {
    // The seed's own items: 302.95 of 基本支出 split eight ways (they add up to 302.94).
    let seed: Vec<(String, Decimal)> = [
        ("工资福利支出", "205.28"),
        ("社会保障缴费", "53.60"),
        ("包干经费", "14.70"),
        ("工会经费", "3.60"),
        ("办公取暖", "3.24"),
        ("体检费", "0.90"),
        ("住房公积金", "21.57"),
        ("福利费", "0.05"),
    ]
    .iter()
    .map(|(n, b)| (n.to_string(), d(b)))
    .collect();
    let result = execute(&seed, &year());
    let spent: Vec<(&str, Decimal)> = result
        .lines
        .iter()
        .map(|l| (l.name.as_str(), l.spent_wan))
        .collect();
    assert_eq!(spent[0], ("工资福利支出", d("10")));
    assert_eq!(spent[1], ("社会保障缴费", d("4")));
    assert_eq!(spent[4], ("办公取暖", d("5")));
    assert_eq!(item_names(&result.lines[4].items), "办公费、取暖费");
    assert_eq!(
        (result.unmatched_wan, item_names(&result.unmatched_items)),
        (d("1"), "差旅费".to_string())
    );
    assert_eq!(result.parts_wan, d("302.94"));
    assert_eq!(
        result.warning.as_deref(),
        Some("分项预算合计 302.94 万元，与全年预算 322.95 万元不一致（相差 20.01 万元），请核对")
    );
}

#[test]
fn parts_that_add_up_give_no_warning() {
    let lines = vec![
        ("基本支出".to_string(), d("302.95")),
        ("项目支出".to_string(), d("20")),
    ];
    let result = execute(&lines, &year());
    assert_eq!(result.warning, None);
    assert_eq!(result.unmatched_wan, d("20"), "no line names these items");
}

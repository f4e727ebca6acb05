use super::*;
use crate::ledger::layout::Unit;

fn wan(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Eight months spending `average` 万元 each.
fn months(average: &str) -> Vec<Decimal> {
    vec![wan(average); 8]
}

#[test]
fn a_monthly_share_up_to_100_times_the_spending_either_way_is_fine() {
    // Share 100 against 1 a month: exactly 100×.
    assert_eq!(
        plausibility(wan("1200"), &months("1"), None),
        Plausibility::Fine
    );
    // Share 0.01 against 1: exactly 1/100.
    assert_eq!(
        plausibility(wan("0.12"), &months("1"), None),
        Plausibility::Fine
    );
    // The seed: 322.95 against 34.18 a month.
    let seed: Vec<Decimal> = [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ]
    .iter()
    .map(|m| wan(m))
    .collect();
    assert_eq!(
        plausibility(wan("322.95"), &seed, Some(Unit::Yuan)),
        Plausibility::Fine
    );
    assert_eq!(
        plausibility(wan("32.295"), &seed, Some(Unit::Yuan)),
        Plausibility::Fine
    );
}

#[test]
fn past_100_times_either_way_is_far_apart() {
    assert_eq!(
        plausibility(wan("1200.12"), &months("1"), None),
        Plausibility::FarApart {
            budget_larger: true
        }
    );
    assert_eq!(
        plausibility(wan("0.119988"), &months("1"), None),
        Plausibility::FarApart {
            budget_larger: false
        }
    );
}

#[test]
fn a_budget_in_yuan_is_named_with_the_budget_in_wan() {
    let seed = months("34.18");
    assert_eq!(
        plausibility(wan("3229500"), &seed, Some(Unit::Yuan)),
        Plausibility::BudgetInYuan {
            fixed: wan("322.95")
        }
    );
    // 100,000 is the first budget read as 元 …
    assert_eq!(
        plausibility(wan("100000"), &months("0.5"), None),
        Plausibility::BudgetInYuan { fixed: wan("10") }
    );
    // … below it, a budget 16,666× the spending is far apart, not 元.
    assert_eq!(
        plausibility(wan("99999.99"), &months("0.5"), None),
        Plausibility::FarApart {
            budget_larger: true
        }
    );
    // 10 亿 against 90 万元 a month is under 100× but reads as 元; ÷ 10,000
    // explains nothing either: far apart, warned.
    assert_eq!(
        plausibility(wan("100000"), &months("90"), None),
        Plausibility::FarApart {
            budget_larger: true
        }
    );
}

#[test]
fn a_ledger_read_in_the_wrong_unit_is_named_with_its_unit() {
    // A book in 元 read as 万元: every month 10,000 times too large.
    assert_eq!(
        plausibility(wan("322.95"), &months("341787.5"), Some(Unit::Wan)),
        Plausibility::LedgerUnit {
            should_be: Unit::Yuan
        }
    );
    // A table in 万元 read as 元.
    assert_eq!(
        plausibility(wan("322.95"), &months("0.003418"), Some(Unit::Yuan)),
        Plausibility::LedgerUnit {
            should_be: Unit::Wan
        }
    );
    // The unit unknown (several sheets, several units): far apart only.
    assert_eq!(
        plausibility(wan("322.95"), &months("341787.5"), None),
        Plausibility::FarApart {
            budget_larger: false
        }
    );
}

#[test]
fn nothing_spent_is_left_to_the_month_checks() {
    assert_eq!(
        plausibility(wan("322.95"), &months("0"), None),
        Plausibility::Fine
    );
    assert_eq!(plausibility(wan("322.95"), &[], None), Plausibility::Fine);
}

#[test]
fn the_far_apart_warning_says_the_figures_and_what_to_check() {
    let text = far_apart_text(2017, wan("40000"), wan("0.5"), true);
    assert!(
        text.contains("月均预算 3333.33 万元超过各月平均支出 0.50 万元的 100 倍"),
        "{text}"
    );
    assert!(text.contains("各月都会评为差"), "{text}");
    let text = far_apart_text(2017, wan("0.3"), wan("34.18"), false);
    assert!(
        text.contains("不到各月平均支出 34.18 万元的 1/100"),
        "{text}"
    );
}

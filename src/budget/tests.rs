use super::*;
use crate::advice::Advice;
use std::path::PathBuf;

fn wan(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn each_year_needs_its_own_budget() {
    let flags = Advice::Flags;
    let one = Budgets {
        only_year: Some(wan("322.95")),
        ..Budgets::default()
    };
    assert_eq!(
        one.for_years(&[2017], &flags, None).unwrap(),
        [wan("322.95")]
    );
    let error = one
        .for_years(&[2016, 2017], &flags, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("2016、2017") && error.contains("--budget 2016=…"),
        "{error}"
    );
    let both = Budgets {
        by_year: [(2016, wan("300")), (2017, wan("322.95"))].into(),
        ..Budgets::default()
    };
    assert_eq!(
        both.for_years(&[2016, 2017], &flags, None).unwrap(),
        [wan("300"), wan("322.95")]
    );
    let none = Budgets::default();
    assert!(none
        .for_years(&[2017], &flags, None)
        .unwrap_err()
        .to_string()
        .contains("--budget 2017=322.95"));
}

#[test]
fn after_a_drop_a_missing_budget_is_said_as_the_line_to_write() {
    let dropped = Advice::SettingsFile(PathBuf::from("D:/账/jixiao.toml"));
    let one = Budgets {
        only_year: Some(wan("322.95")),
        ..Budgets::default()
    };
    let error = one
        .for_years(&[2016, 2017], &dropped, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("D:/账/jixiao.toml")
            && error.contains("budget.2016 = …")
            && error.contains("year = 2017")
            && !error.contains("--"),
        "{error}"
    );
    let error = Budgets::default()
        .for_years(&[2017], &dropped, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("写一行 budget = 322.95") && !error.contains("--"),
        "{error}"
    );
    let other_year = Budgets {
        by_year: [(2016, wan("300"))].into(),
        ..Budgets::default()
    };
    let error = other_year
        .for_years(&[2017], &dropped, None)
        .unwrap_err()
        .to_string();
    assert!(error.contains("写一行 budget.2017 = 322.95"), "{error}");
}

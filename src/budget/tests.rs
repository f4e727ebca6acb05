use super::*;

fn arg(text: &str) -> BudgetArg {
    parse_budget_arg(text).unwrap()
}

#[test]
fn budgets_are_read_with_or_without_a_year() {
    assert_eq!(
        arg("2017年=322.95"),
        BudgetArg {
            year: Some(2017),
            wan: "322.95".parse().unwrap()
        }
    );
    assert_eq!(arg("2016:300").year, Some(2016));
    for bad in [
        "0", "-5", "abc", "1800=5", "2017=", "=5", "322_95", "3e2", "1.2.3", "+5",
    ] {
        assert!(parse_budget_arg(bad).is_err(), "{bad}");
    }
}

#[test]
fn each_year_needs_its_own_budget() {
    let one = Budgets::from_args(&[arg("322.95")]).unwrap();
    assert_eq!(one.for_years(&[2017]).unwrap(), [arg("322.95").wan]);
    let error = one.for_years(&[2016, 2017]).unwrap_err().to_string();
    assert!(
        error.contains("2016、2017") && error.contains("--budget 2016=…"),
        "{error}"
    );
    let both = Budgets::from_args(&[arg("2016=300"), arg("2017=322.95")]).unwrap();
    assert_eq!(
        both.for_years(&[2016, 2017]).unwrap(),
        [arg("300").wan, arg("322.95").wan]
    );
    let none = Budgets::default();
    assert!(none
        .for_years(&[2017])
        .unwrap_err()
        .to_string()
        .contains("--budget 322.95"));
    assert!(Budgets::from_args(&[arg("1"), arg("2")]).is_err());
    assert!(Budgets::from_args(&[arg("2017=1"), arg("2017=2")]).is_err());
    // Issue 9: a bare budget beside a dated one was silently replaced.
    let mixed = Budgets::from_args(&[arg("322.95"), arg("2017=1")])
        .unwrap_err()
        .to_string();
    assert!(mixed.contains("不知道该用哪一个"), "{mixed}");
}

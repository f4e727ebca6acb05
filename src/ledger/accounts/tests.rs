use super::*;

fn account(code: Option<&str>, name: &str) -> Account {
    Account {
        code: code.map(str::to_string),
        name: name.to_string(),
    }
}

#[test]
fn codes_are_split_from_names() {
    assert_eq!(
        split_code("5101 单位管理费用"),
        (Some("5101".into()), "单位管理费用".into())
    );
    assert_eq!(
        split_code("[710101]行政支出-基本支出"),
        (Some("710101".into()), "行政支出-基本支出".into())
    );
    assert_eq!(split_code("办公费"), (None, "办公费".into()));
    assert_eq!(split_code("12号楼维修"), (None, "12号楼维修".into()));
    assert_eq!(code_of(&CellValue::Number(510101.0)), Some("510101".into()));
    assert_eq!(code_of(&CellValue::text("5101.01")), Some("510101".into()));
}

#[test]
fn budget_accounts_win_over_expense_accounts() {
    let accounts = [
        account(Some("1011"), "零余额账户用款额度"),
        account(Some("510101"), "工资"),
        account(Some("710101"), "行政支出"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    let kept: Vec<bool> = accounts.iter().map(|a| (rule.keep)(a)).collect();
    assert_eq!(kept, [false, false, true]);
    let rule = choose_rule(&refs[..2], &[]).unwrap();
    assert!((rule.keep)(&accounts[1]) && !(rule.keep)(&accounts[0]));
}

#[test]
fn economic_codes_and_names_decide_without_account_classes() {
    let accounts = [
        account(Some("30201"), "办公费"),
        account(Some("1001"), "库存现金"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    assert!((rule.keep)(&accounts[0]) && !(rule.keep)(&accounts[1]));
    let accounts = [account(None, "行政支出-办公费"), account(None, "银行存款")];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    assert!((rule.keep)(&accounts[0]) && !(rule.keep)(&accounts[1]));
    // A plain spending journal (办公费, 差旅费) is not filtered.
    let accounts = [account(None, "办公费"), account(None, "差旅费")];
    let refs: Vec<&Account> = accounts.iter().collect();
    assert!(choose_rule(&refs, &[]).is_none());
}

#[test]
fn account_flag_overrides() {
    let accounts = [
        account(Some("510101"), "工资"),
        account(Some("710101"), "行政支出"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &["5101".to_string()]).unwrap();
    assert!((rule.keep)(&accounts[0]) && !(rule.keep)(&accounts[1]));
    assert!(rule.description.contains("--account"));
}

#[test]
fn parents_are_recognised_by_code_and_by_name_path() {
    assert!(is_parent(
        &account(Some("5101"), ""),
        &account(Some("510101"), "")
    ));
    assert!(!is_parent(
        &account(Some("510101"), ""),
        &account(Some("510101"), "")
    ));
    assert!(!is_parent(
        &account(Some("5101"), ""),
        &account(Some("5201"), "")
    ));
    assert!(is_parent(
        &account(None, "行政支出"),
        &account(None, "行政支出-办公费")
    ));
    assert!(!is_parent(
        &account(None, "行政支出"),
        &account(None, "行政支出费")
    ));
}

#[test]
fn classification_names_are_expenditure_whatever_their_ending() {
    for name in [
        "基本工资",
        "住房公积金",
        "对个人和家庭的补助",
        "资本性支出",
        "办公费",
    ] {
        assert!(names_expenditure(name), "{name}");
    }
    for name in ["银行存款", "零余额账户用款额度", "财政拨款收入"] {
        assert!(!names_expenditure(name), "{name}");
    }
}

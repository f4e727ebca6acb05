use super::*;
use crate::classify::kuan::{self, Kuan};
use crate::classify::{category_code, classify};
use crate::ledger::book::{LedgerBuilder, SheetScan};
use crate::ledger::{Ledger, ReadOptions, SkipReason};
use crate::read::Format;
use narrow::unrecognised_accounts;
use rust_decimal::Decimal;

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
    let kept: Vec<bool> = accounts.iter().map(|a| keeps(&rule, a)).collect();
    assert_eq!(kept, [false, false, true]);
    let rule = choose_rule(&refs[..2], &[]).unwrap();
    assert!(keeps(&rule, &accounts[1]) && !keeps(&rule, &accounts[0]));
}

#[test]
fn economic_codes_and_names_decide_without_account_classes() {
    let accounts = [
        account(Some("30201"), "办公费"),
        account(Some("1001"), "库存现金"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    assert!(keeps(&rule, &accounts[0]) && !keeps(&rule, &accounts[1]));
    let accounts = [account(None, "行政支出-办公费"), account(None, "银行存款")];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    assert!(keeps(&rule, &accounts[0]) && !keeps(&rule, &accounts[1]));
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
    assert!(keeps(&rule, &accounts[0]) && !keeps(&rule, &accounts[1]));
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

fn keeps(rule: &Rule, account: &Account) -> bool {
    (rule.judge)(account).counts()
}

fn t(text: &str) -> CellValue {
    CellValue::text(text)
}

/// A name-only 序时账 of 2017: one debit line a month per account, as
/// (account name, 元); read as `read_ledger` reads a sheet.
fn name_only_book(lines: &[(&str, &str)], options: &ReadOptions) -> Ledger {
    let mut rows = vec![Row::from_cells(
        0,
        ["日期", "科目名称", "摘要", "借方金额", "贷方金额"]
            .iter()
            .enumerate()
            .map(|(c, h)| (c as u32, t(h))),
    )];
    for (i, (account, yuan)) in lines.iter().enumerate() {
        let month = i % 12 + 1;
        rows.push(Row::from_cells(
            i as u32 + 1,
            [
                t(&format!("2017-{month:02}-05")),
                t(account),
                t("记账"),
                t(yuan),
                CellValue::Empty,
            ]
            .into_iter()
            .enumerate()
            .map(|(c, v)| (c as u32, v)),
        ));
    }
    let mut builder = LedgerBuilder::new(Format::Xlsx, options);
    let mut scan = SheetScan::new("序时账", None, options, 0, Vec::new());
    for row in rows {
        let _ = scan.feed(row, &mut builder.accounts);
    }
    assert!(builder.absorb(scan).unwrap(), "no header found");
    let ledger = builder.finish().unwrap();
    assert!(ledger.reconciliation().balances());
    ledger
}

/// The accounts of the counted lines, in order.
fn counted(ledger: &Ledger) -> Vec<String> {
    let mut names: Vec<String> = ledger
        .entries
        .iter()
        .filter_map(|e| e.account_index())
        .map(|id| ledger.accounts[id as usize].to_string())
        .collect();
    names.dedup();
    names
}

/// Each left-out line's account text and reason.
fn left_out(ledger: &Ledger) -> Vec<(String, SkipReason)> {
    ledger
        .skipped
        .iter()
        .map(|s| (s.address.clone(), s.reason.clone()))
        .collect()
}

#[test]
fn a_pension_account_the_item_list_does_not_name_is_counted() {
    let book = [
        ("基本工资", "5000"),
        ("津贴补贴", "3000"),
        ("机关事业单位基本养老保险缴费", "1600"),
        ("住房公积金", "1200"),
        ("办公费", "300.50"),
        ("差旅费", "800"),
        ("零余额账户用款额度", "-11900.50"),
    ];
    let ledger = name_only_book(&book, &ReadOptions::default());
    assert_eq!(
        counted(&ledger),
        book[..6]
            .iter()
            .map(|(a, _)| a.to_string())
            .collect::<Vec<_>>()
    );
    let total: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(total, Decimal::new(1_190_050, 2));
    assert_eq!(
        left_out(&ledger),
        [(
            "序时账!B8".to_string(),
            SkipReason::NotSpending {
                account: "零余额账户用款额度".into(),
                class: "资产类科目"
            }
        )]
    );
    let rule = ledger.account_rule.as_deref().unwrap();
    assert!(rule.contains("计入 6 个末级科目"), "{rule}");
    assert!(rule.contains("非支出科目 1 个"), "{rule}");
    assert!(!rule.contains("不认识"), "{rule}");
    assert!(unrecognised_accounts(&ledger).is_empty());
    // 养老保险 is 社会保障缴费 (301), not 未归类支出.
    let pension = &ledger.entries[2];
    assert_eq!(
        crate::classify::item_name(pension.item.unwrap()),
        "社会保障缴费"
    );
}

#[test]
fn an_account_known_as_neither_is_counted_listed_and_can_be_excluded() {
    let book = [
        ("办公费", "100"),
        ("代管资金-张三", "250.25"),
        ("银行存款", "-350.25"),
        ("代管资金-张三", "0.75"),
    ];
    let ledger = name_only_book(&book, &ReadOptions::default());
    assert_eq!(counted(&ledger), ["办公费", "代管资金-张三"]);
    assert_eq!(
        unrecognised_accounts(&ledger),
        [("代管资金-张三".to_string(), Decimal::new(25100, 2))]
    );
    let unknown = ledger
        .entries
        .iter()
        .find(|e| e.amount_yuan == Decimal::new(25025, 2))
        .unwrap();
    assert_eq!(unknown.item, Some(crate::classify::OTHER));
    let rule = ledger.account_rule.as_deref().unwrap();
    assert!(
        rule.contains("计入的科目中有 1 个 jixiao 不认识")
            && rule.contains("“代管资金-张三” 251.00 元"),
        "{rule}"
    );

    let options = ReadOptions {
        exclude_accounts: vec!["代管资金".into()],
        exclude_accounts_given_by: Some("来自设置文件「jixiao.toml」".into()),
        ..ReadOptions::default()
    };
    let ledger = name_only_book(&book, &options);
    assert_eq!(counted(&ledger), ["办公费"]);
    assert!(unrecognised_accounts(&ledger).is_empty());
    let excluded: Vec<(String, SkipReason)> = left_out(&ledger)
        .into_iter()
        .filter(|(_, r)| matches!(r, SkipReason::ExcludedBySetting { .. }))
        .collect();
    assert_eq!(excluded.len(), 2);
    assert_eq!(
        excluded[0].1.to_string(),
        "科目“代管资金-张三”按“排除科目”设置（来自设置文件「jixiao.toml」）不计入"
    );
    let rule = ledger.account_rule.as_deref().unwrap();
    assert!(
        rule.contains("按“排除科目”设置排除 1 个（代管资金）") && !rule.contains("不认识"),
        "{rule}"
    );

    // A word that names no account is said, not silently ignored.
    let options = ReadOptions {
        exclude_accounts: vec!["代管资产".into()],
        ..ReadOptions::default()
    };
    let ledger = name_only_book(&book, &options);
    assert_eq!(counted(&ledger), ["办公费", "代管资金-张三"]);
    let rule = ledger.account_rule.as_deref().unwrap();
    assert!(
        rule.contains("“排除科目”中的 “代管资产” 没有对上台账中的任何科目"),
        "{rule}"
    );
}

#[test]
fn codeless_accounts_of_a_coded_book_are_judged_by_name_and_said_so() {
    let accounts = [
        account(Some("710101"), "行政支出-基本支出"),
        account(Some("1011"), "零余额账户用款额度"),
        account(None, "代管资金"),
        account(None, "其他应付款-个人"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    let verdicts: Vec<Verdict> = accounts.iter().map(|a| (rule.judge)(a)).collect();
    assert_eq!(
        verdicts,
        [
            Verdict::Spending,
            Verdict::NotSpending(Class::Asset),
            Verdict::Unrecognised,
            Verdict::NotSpending(Class::Liability)
        ]
    );
    assert!(
        rule.description.contains("7 开头")
            && rule.description.contains("没有科目编码的科目按名称判断"),
        "{}",
        rule.description
    );
    let rule = choose_rule(&refs[..2], &[]).unwrap();
    assert!(
        !rule.description.contains("没有科目编码"),
        "{}",
        rule.description
    );
}

#[test]
fn exclusions_match_code_prefixes_and_name_words() {
    let accounts = [
        account(Some("710101"), "行政支出-基本支出"),
        account(Some("710102"), "行政支出-项目支出"),
        account(Some("1011"), "零余额账户用款额度"),
    ];
    let refs: Vec<&Account> = accounts.iter().collect();
    let rule = choose_rule(&refs, &[]).unwrap();
    assert!(keeps(&rule, &accounts[1]));
    assert!(named_by(&["710102".into()], &accounts[1]));
    assert!(!named_by(&["710102".into()], &accounts[0]));
    assert!(named_by(&["项目".into()], &accounts[1]));
}

/// Every 款 of the classification, in every list, is spending on a name-only
/// book beside a bank account, and is put under its category: by its code,
/// and by its name alone unless the name is of several categories in the lists.
#[test]
fn every_kuan_is_spending_and_of_its_category() {
    let all: Vec<&Kuan> = kuan::all().collect();
    assert!(all.len() > 150, "{}", all.len());
    let mut book: Vec<(&str, &str)> = all.iter().map(|k| (k.name, "10")).collect();
    book.push(("银行存款", "-1"));
    let ledger = name_only_book(&book, &ReadOptions::default());
    let left: Vec<(String, SkipReason)> = left_out(&ledger);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(matches!(&left[0].1, SkipReason::NotSpending { account, .. } if account == "银行存款"));
    assert_eq!(ledger.entries.len(), all.len());
    assert!(unrecognised_accounts(&ledger).is_empty());
    for kuan in &all {
        let year = if kuan::BEFORE_2018.contains(kuan) {
            2017
        } else {
            2019
        };
        assert!(
            verdict_by_name(kuan.name, &Book::default()) == Verdict::Spending,
            "{} {}",
            kuan.code,
            kuan.name
        );
        let categories: Vec<&str> = all
            .iter()
            .filter(|other| other.name == kuan.name)
            .map(|other| other.category)
            .collect();
        let by_name = category_code(classify(year, None, kuan.name, ""));
        if categories.iter().all(|c| *c == kuan.category) {
            assert_eq!(by_name, kuan.category, "{} {}", kuan.code, kuan.name);
        } else {
            assert!(
                categories.contains(&by_name),
                "{} {} → {by_name}",
                kuan.code,
                kuan.name
            );
        }
        // Under a top-level account, as 行政支出-…-款.
        let path = format!("行政支出-基本支出-{}", kuan.name);
        assert_eq!(
            category_code(classify(year, None, &path, "")),
            by_name,
            "{path}"
        );
        if kuan.code.starts_with('3') {
            let by_code = category_code(classify(year, Some(kuan.code), kuan.name, ""));
            assert_eq!(by_code, kuan.category, "{} {}", kuan.code, kuan.name);
            let book = Book::of(&[&account(Some(kuan.code), kuan.name)]);
            assert_eq!(
                verdict(&account(Some(kuan.code), kuan.name), &book),
                Verdict::Spending
            );
        }
    }
}

/// Every account of the chart of non-spending accounts is left out by name,
/// with its class, also below a top level (`应付职工薪酬-基本工资`); by code
/// its class says the same.
#[test]
fn every_non_spending_account_is_left_out_naming_its_class() {
    let mut book: Vec<(&str, &str)> = vec![("办公费", "10")];
    let names: Vec<String> = chart::NOT_SPENDING
        .iter()
        .map(|(name, _)| format!("{name}-基本工资"))
        .collect();
    book.extend(chart::NOT_SPENDING.iter().map(|(name, _)| (*name, "1")));
    book.extend(names.iter().map(|name| (name.as_str(), "2")));
    let ledger = name_only_book(&book, &ReadOptions::default());
    assert_eq!(counted(&ledger), ["办公费"]);
    let left = left_out(&ledger);
    // Every left-out line is one of the chart, with its class; parents
    // (银行存款 beside 银行存款-基本工资) are not counted either way.
    for (name, class) in chart::NOT_SPENDING {
        let said: Vec<&SkipReason> = left
            .iter()
            .map(|(_, r)| r)
            .filter(|r| matches!(r, SkipReason::NotSpending { account, .. } if account == name))
            .collect();
        assert!(!said.is_empty(), "{name}");
        assert!(
            said.iter().all(
                |r| matches!(r, SkipReason::NotSpending { class: c, .. } if *c == class.label())
            ),
            "{name}: {said:?}"
        );
        assert_eq!(
            verdict_by_name(&format!("{name}-基本工资"), &Book::default()),
            Verdict::NotSpending(*class)
        );
    }
    assert_eq!(
        left.len() + ledger.entries.len(),
        book.len(),
        "every line counted or left out"
    );
    for (code, class) in [
        ("1002", Class::Asset),
        ("2201", Class::Liability),
        ("3001", Class::NetAssets),
        ("310101", Class::NetAssets),
        ("4001", Class::Income),
        ("6001", Class::BudgetIncome),
        ("8101", Class::BudgetBalance),
    ] {
        let book = Book::of(&[&account(Some(code), ""), &account(Some("7101"), "")]);
        assert_eq!(
            verdict(&account(Some(code), ""), &book),
            Verdict::NotSpending(class),
            "{code}"
        );
    }
    // Economic codes are spending: 30101 is not 净资产.
    let book = Book::of(&[&account(Some("30101"), ""), &account(Some("1011"), "")]);
    assert_eq!(
        verdict(&account(Some("30101"), "基本工资"), &book),
        Verdict::Spending
    );
}

#[test]
fn accounts_that_end_in_spending_words_and_are_not_spending_are_left_out() {
    for name in ["待摊费用", "长期待摊费用", "预提费用", "研发支出-开发支出"]
    {
        assert!(
            matches!(
                verdict_by_name(name, &Book::default()),
                Verdict::NotSpending(_)
            ),
            "{name}"
        );
    }
}

#[test]
fn expense_accounts_by_name_give_way_to_budget_expenditure_by_name() {
    let book = [
        ("业务活动费用-工资福利费用", "5000"),
        ("行政支出-基本支出-基本工资", "5000"),
        ("零余额账户用款额度", "-5000"),
        ("财政拨款预算收入", "-5000"),
    ];
    let ledger = name_only_book(&book, &ReadOptions::default());
    assert_eq!(counted(&ledger), ["行政支出-基本支出-基本工资"]);
    assert!(left_out(&ledger).iter().any(|(_, r)| matches!(
        r,
        SkipReason::NotSpending { class, .. } if class.contains("财务会计")
    )));
    // Without the budget side, the expense account is the spending.
    let ledger = name_only_book(&[book[0], book[2]], &ReadOptions::default());
    assert_eq!(counted(&ledger), ["业务活动费用-工资福利费用"]);
}

#[test]
fn a_column_of_names_jixiao_knows_none_of_is_counted_whole_and_unlisted() {
    let ledger = name_only_book(&[("张三", "1"), ("李四", "2")], &ReadOptions::default());
    assert_eq!(ledger.entries.len(), 2);
    assert!(ledger.account_rule.is_none());
    assert!(unrecognised_accounts(&ledger).is_empty());
}

//! Whole books whose accounts carry names only (no codes): spending is told
//! from the rest by what jixiao knows, and an account it does not know is
//! counted, named with its amount, and left out with 排除科目.
//!
//! The book is the seed department's 2017 months (26.54, 4.44, 62.29 … 万元),
//! split over the spending accounts of a 行政单位 — 基本工资, 津贴补贴,
//! 机关事业单位基本养老保险缴费 (a 款 the item list has no word of its own
//! for), 住房公积金, 办公费, 差旅费 — each paid from 零余额账户用款额度, the
//! salaries through 应付职工薪酬-基本工资, the 额度 received as
//! 财政拨款收入; plus 代管资金, an account jixiao does not know, a few hundred
//! 元 each month.

use crate::samples::SEED_MONTHS_WAN;
use crate::support::{jixiao, json_of, read_sheet, stderr_of, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use std::path::Path;

/// The spending accounts and their share of a month, in percent (the last takes the rest).
const SPENDING: [(&str, i64); 6] = [
    ("基本工资", 40),
    ("津贴补贴", 20),
    ("机关事业单位基本养老保险缴费", 12),
    ("住房公积金", 8),
    ("办公费", 11),
    ("差旅费", 0),
];

/// The account jixiao does not know.
const UNKNOWN: &str = "代管资金";

/// 代管资金's line of a month, in 元: 100.37 × the month.
fn unknown_yuan(month: u32) -> Decimal {
    Decimal::new(10_037, 2) * Decimal::from(month)
}

/// A 2017 month of the seed, in 元.
fn seed_yuan(month: u32) -> Decimal {
    let wan: Decimal = SEED_MONTHS_WAN[month as usize - 1].parse().unwrap();
    wan * Decimal::from(10_000)
}

/// A month's spending lines: the seed's month split by [`SPENDING`], to the cent.
fn spending_lines(month: u32) -> Vec<(&'static str, Decimal)> {
    let total = seed_yuan(month);
    let mut rest = total;
    let mut lines = Vec::new();
    for (account, percent) in SPENDING {
        let amount = if percent == 0 {
            rest
        } else {
            (total * Decimal::from(percent) / Decimal::from(100)).round_dp(2)
        };
        rest -= amount;
        lines.push((account, amount));
    }
    assert_eq!(lines.iter().map(|(_, a)| *a).sum::<Decimal>(), total);
    lines
}

fn money(amount: Decimal) -> f64 {
    amount.to_string().parse().unwrap()
}

/// Writes the name-only 序时账: 日期 | 凭证号 | 科目名称 | 摘要 | 借方金额 | 贷方金额.
fn write_book(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("序时账").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    for (column, header) in ["日期", "凭证号", "科目名称", "摘要", "借方金额", "贷方金额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let mut row = 1u32;
    let mut line = |day: (u32, u8),
                    voucher: u32,
                    account: &str,
                    summary: &str,
                    debit: Option<Decimal>,
                    credit: Option<Decimal>| {
        let date = ExcelDateTime::from_ymd(2017, day.0 as u8, day.1).unwrap();
        sheet
            .write_datetime_with_format(row, 0, &date, &date_format)
            .unwrap();
        sheet.write_string(row, 1, format!("记-{voucher}")).unwrap();
        sheet.write_string(row, 2, account).unwrap();
        sheet.write_string(row, 3, summary).unwrap();
        if let Some(debit) = debit {
            sheet.write_number(row, 4, money(debit)).unwrap();
        }
        if let Some(credit) = credit {
            sheet.write_number(row, 5, money(credit)).unwrap();
        }
        row += 1;
    };
    for month in 1..=8u32 {
        let lines = spending_lines(month);
        let spent: Decimal = lines.iter().map(|(_, a)| *a).sum::<Decimal>() + unknown_yuan(month);
        // The 额度 arrives.
        line(
            (month, 1),
            1,
            "零余额账户用款额度",
            "收到财政额度",
            Some(spent),
            None,
        );
        line(
            (month, 1),
            1,
            "财政拨款收入",
            "收到财政额度",
            None,
            Some(spent),
        );
        // Salaries through 应付职工薪酬, the rest paid directly.
        let mut voucher = 2;
        for (account, amount) in &lines {
            if *account == "基本工资" {
                line(
                    (month, 10),
                    voucher,
                    account,
                    "计提工资",
                    Some(*amount),
                    None,
                );
                line(
                    (month, 10),
                    voucher,
                    "应付职工薪酬-基本工资",
                    "计提工资",
                    None,
                    Some(*amount),
                );
                voucher += 1;
                line(
                    (month, 12),
                    voucher,
                    "应付职工薪酬-基本工资",
                    "发放工资",
                    Some(*amount),
                    None,
                );
            } else {
                line((month, 15), voucher, account, "支付", Some(*amount), None);
            }
            line(
                (month, 15),
                voucher,
                "零余额账户用款额度",
                "支付",
                None,
                Some(*amount),
            );
            voucher += 1;
        }
        line(
            (month, 20),
            voucher,
            UNKNOWN,
            "代管资金划转",
            Some(unknown_yuan(month)),
            None,
        );
        line(
            (month, 20),
            voucher,
            "零余额账户用款额度",
            "代管资金划转",
            None,
            Some(unknown_yuan(month)),
        );
    }
    workbook.save(path).unwrap();
}

/// Runs jixiao with the seed's budget, `--json` and `extra` on the book; the
/// folder, the JSON, stderr and the 数据检查 sheet.
fn grade(extra: &[&str]) -> (TempDir, Value, String, Vec<Vec<String>>) {
    let dir = TempDir::new("name-only-accounts");
    let input = dir.path().join("代管.xlsx");
    write_book(&input);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut args: Vec<std::ffi::OsString> =
        vec!["--budget".into(), "322.95".into(), "--json".into()];
    args.extend(extra.iter().map(Into::into));
    args.extend([
        "--out-dir".into(),
        out.clone().into_os_string(),
        input.into_os_string(),
    ]);
    let output = jixiao(args);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json = json_of(&output);
    let check = read_sheet(&out.join("代管_绩效自评.xlsx"), Some("数据检查"));
    (dir, json, stderr, check)
}

/// The graded months' `amount_wan`, January to August.
fn months(json: &Value) -> Vec<String> {
    json["files"][0]["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .take(8)
        .map(|m| m["amount_wan"].as_str().unwrap_or("?").to_string())
        .collect()
}

fn warnings(json: &Value) -> Vec<(String, String)> {
    json["files"][0]["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| {
            (
                w["code"].as_str().unwrap_or_default().to_string(),
                w["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// 代管资金's lines over the year, as 数据检查 and the warning write it.
fn unknown_total() -> String {
    let total: Decimal = (1..=8).map(unknown_yuan).sum();
    format!("{:.2}", total)
}

#[test]
fn an_unknown_account_is_counted_and_named_and_the_pension_is_spending() {
    let (_dir, json, stderr, check) = grade(&[]);
    // The months are the seed's plus 代管资金's line: nothing known as
    // spending was dropped (the pension account least of all), nothing
    // known as not spending was counted.
    let expected: Vec<String> = (1..=8)
        .map(|m| {
            format!(
                "{:.2}",
                ((seed_yuan(m) + unknown_yuan(m)) / Decimal::from(10_000)).round_dp(2)
            )
        })
        .collect();
    assert_eq!(months(&json), expected, "{stderr}");
    let warning = warnings(&json)
        .into_iter()
        .find(|(code, _)| code == "unrecognised_accounts")
        .unwrap_or_else(|| panic!("{}", json["files"][0]["warnings"]));
    let total = unknown_total();
    assert!(
        warning.1.contains(&format!("“{UNKNOWN}” {total} 元"))
            && warning.1.contains(&format!("--exclude-account {UNKNOWN}")),
        "{}",
        warning.1
    );
    for (account, _) in SPENDING {
        assert!(
            !warning.1.contains(account),
            "{account} is known: {}",
            warning.1
        );
    }
    // The console and 数据检查 say the same warning.
    assert!(stderr.contains(&warning.1), "{stderr}");
    let flat: Vec<String> = check.iter().map(|r| r.join("|")).collect();
    assert!(flat.iter().any(|r| r.contains(&warning.1)), "{flat:#?}");
    // The account rule says what was counted, left out and not recognised.
    let rule = flat
        .iter()
        .find(|r| r.starts_with("计入的科目"))
        .unwrap_or_else(|| panic!("{flat:#?}"));
    assert!(
        rule.contains("计入的科目中有 1 个 jixiao 不认识")
            && rule.contains(&format!("“{UNKNOWN}” {total} 元")),
        "{rule}"
    );
    assert!(
        rule.contains("计入 7 个末级科目")
            && rule.contains("非支出科目 3 个")
            && rule.contains(UNKNOWN),
        "{rule}"
    );
    // The 零余额 / 应付 / 收入 lines are left out, each with its class.
    for (account, class) in [
        ("零余额账户用款额度", "资产类科目"),
        ("应付职工薪酬-基本工资", "负债类科目"),
        ("财政拨款收入", "收入类科目"),
    ] {
        assert!(
            flat.iter()
                .any(|r| r.contains(&format!("科目“{account}”是{class}"))),
            "{account}: {flat:#?}"
        );
    }
}

#[test]
fn the_unknown_account_left_out_by_setting_gives_the_seed_months() {
    let (_dir, json, stderr, check) = grade(&["--exclude-account", UNKNOWN]);
    let seed: Vec<String> = SEED_MONTHS_WAN.iter().map(|m| m.to_string()).collect();
    assert_eq!(months(&json), seed, "{stderr}");
    assert!(
        !warnings(&json)
            .iter()
            .any(|(code, _)| code == "unrecognised_accounts"),
        "{}",
        json["files"][0]["warnings"]
    );
    let flat: Vec<String> = check.iter().map(|r| r.join("|")).collect();
    assert!(
        flat.iter().any(|r| r.contains(&format!(
            "科目“{UNKNOWN}”按“排除科目”设置（由 --exclude-account 参数指定）不计入"
        ))),
        "{flat:#?}"
    );
    // Left out, and reconciled: read = counted + left out.
    assert!(flat.iter().any(|r| r.contains("一分不差")), "{flat:#?}");
}

#[test]
fn the_setting_is_read_from_jixiao_toml_beside_the_ledger() {
    let dir = TempDir::new("name-only-accounts-drop");
    let input = dir.path().join("代管.xlsx");
    write_book(&input);
    std::fs::write(
        dir.path().join("jixiao.toml"),
        format!("budget = 322.95\nexclude-accounts = [\"{UNKNOWN}\"]\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let output = jixiao([
        "--json".as_ref(),
        "--out-dir".as_ref(),
        out.as_os_str(),
        input.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json = json_of(&output);
    let seed: Vec<String> = SEED_MONTHS_WAN.iter().map(|m| m.to_string()).collect();
    assert_eq!(months(&json), seed, "{stderr}");
}

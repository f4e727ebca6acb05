//! Issue 8: readings that used to come out wrong and said 相符 are now right, or
//! flagged; sheets beside the ledger are read or named, never passed over.

use crate::support::{jixiao, json_of, stderr_of, write_fixture_sheets, Fx, TempDir};
use Fx::{Blank, D, N, S};

/// Runs jixiao with `--budget 120 --json` on a workbook of `sheets`; returns (JSON, stderr).
fn run(sheets: &[(&str, &[Vec<Fx<'_>>])]) -> (serde_json::Value, String) {
    let dir = TempDir::new("reading");
    let input = dir.path().join("台账.xlsx");
    write_fixture_sheets(&input, sheets);
    let output = jixiao([
        "--budget".as_ref(),
        "120".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    (json_of(&output), stderr_of(&output))
}

fn month_amounts(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["amount_wan"].as_str().unwrap().to_string())
        .take(3)
        .collect()
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_direction_column_makes_credit_lines_negative() {
    let rows = vec![
        vec![S("日期"), S("摘要"), S("借贷方向"), S("金额")],
        vec![D(2017, 1, 5), S("办公费"), S("借"), N(100_000.0)],
        vec![D(2017, 1, 9), S("退回多付办公费"), S("贷"), N(20_000.0)],
        vec![D(2017, 2, 5), S("差旅费"), S("借"), N(50_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows)]);
    assert_eq!(month_amounts(&json), ["8.00", "5.00", "0.00"], "{stderr}");
    assert!(
        stderr.contains("方向列 C（借贷方向）为“贷”的记为负数"),
        "{stderr}"
    );
}

#[test]
fn sheets_with_the_same_header_are_one_book_and_others_are_named() {
    // A hand-kept book with one sheet per account, a note sheet and an unrelated table.
    let header = vec![S("日期"), S("摘要"), S("金额")];
    let office = vec![
        header.clone(),
        vec![D(2017, 1, 5), S("打印纸"), N(10_000.0)],
        vec![D(2017, 2, 5), S("硒鼓"), N(20_000.0)],
    ];
    let travel = vec![
        header.clone(),
        vec![D(2017, 1, 15), S("差旅费"), N(30_000.0)],
    ];
    let note = vec![vec![S("填表说明：每个科目一张表")]];
    let staff = vec![
        vec![S("姓名"), S("日期"), S("工资")],
        vec![S("张三"), D(2017, 1, 10), N(99_999.0)],
    ];
    let (json, stderr) = run(&[
        ("说明", &note),
        ("办公费", &office),
        ("差旅费", &travel),
        ("人员", &staff),
    ]);
    assert_eq!(month_amounts(&json), ["4.00", "2.00", "0.00"], "{stderr}");
    assert!(stderr.contains("未读取的工作表：「说明」"), "{stderr}");
    assert!(
        stderr.contains("未读取的工作表：「人员」：表头与「办公费」不同"),
        "{stderr}"
    );
}

#[test]
fn subtotals_in_the_first_column_are_not_spending() {
    // The old reading counted 一月份小计 (in 序号) and the wordless row as spending.
    let rows = vec![
        vec![S("序号"), S("日期"), S("凭证号"), S("摘要"), S("金额")],
        vec![N(1.0), D(2017, 1, 5), S("记-1"), S("办公费"), N(60_000.0)],
        vec![N(2.0), D(2017, 1, 9), S("记-2"), S("差旅费"), N(40_000.0)],
        vec![S("一月份小计"), Blank, Blank, Blank, N(100_000.0)],
        vec![N(3.0), D(2017, 2, 5), S("记-3"), S("办公费"), N(30_000.0)],
        vec![Blank, Blank, Blank, Blank, N(30_000.0)],
        vec![S("合\u{3000}\u{3000}计"), Blank, Blank, Blank, N(130_000.0)],
    ];
    let (json, stderr) = run(&[("登记簿", &rows)]);
    assert_eq!(month_amounts(&json), ["10.00", "3.00", "0.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
    assert_eq!(json["files"][0]["tie_out_total"], 3, "{stderr}");
}

#[test]
fn a_wrong_amount_column_no_longer_says_it_agrees() {
    // 金额 holds a running balance by mistake of the book's maker; its own 本月合计
    // cannot agree with the sum of balances, so the tie-out flags it.
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额"), S("借方")],
        vec![D(2017, 1, 5), S("办公费"), N(10_000.0), N(10_000.0)],
        vec![D(2017, 1, 9), S("差旅费"), N(30_000.0), N(20_000.0)],
        vec![Blank, S("本月合计"), N(30_000.0), N(30_000.0)],
    ];
    let dir = TempDir::new("reading-wrong-column");
    let input = dir.path().join("台账.xlsx");
    write_fixture_sheets(&input, &[("明细账", &rows)]);
    let output = jixiao([
        "--budget".as_ref(),
        "120".as_ref(),
        "--amount-col".as_ref(),
        "C".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let json = json_of(&output);
    let stderr = stderr_of(&output);
    assert_eq!(json["files"][0]["tie_out_mismatches"], 1, "{stderr}");
    assert!(
        codes(&json).contains(&"tie_out_mismatch".to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("⚠ 勾稽不符"), "{stderr}");
    assert!(!stderr.contains("全部相符"), "{stderr}");
}

#[test]
fn closing_entries_that_cancel_the_year_are_left_out() {
    // The old reading let 期间损益结转 cancel each month's spending: 0.00 差 every month.
    let rows = vec![
        vec![
            S("日期"),
            S("凭证号"),
            S("科目编码"),
            S("科目名称"),
            S("摘要"),
            S("借方"),
            S("贷方"),
        ],
        vec![
            D(2017, 1, 5),
            S("记-1"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("办公费"),
            N(50_000.0),
            Blank,
        ],
        vec![
            D(2017, 1, 5),
            S("记-1"),
            S("1011"),
            S("零余额账户用款额度"),
            S("办公费"),
            Blank,
            N(50_000.0),
        ],
        vec![
            D(2017, 1, 31),
            S("记-2"),
            S("3301"),
            S("本期盈余"),
            S("转账"),
            N(50_000.0),
            Blank,
        ],
        vec![
            D(2017, 1, 31),
            S("记-2"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("转账"),
            Blank,
            N(50_000.0),
        ],
        vec![
            D(2017, 2, 6),
            S("记-3"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("差旅费"),
            N(20_000.0),
            Blank,
        ],
        vec![
            D(2017, 2, 6),
            S("记-3"),
            S("1011"),
            S("零余额账户用款额度"),
            S("差旅费"),
            Blank,
            N(20_000.0),
        ],
        vec![
            D(2017, 2, 28),
            S("记-4"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("期间损益结转"),
            Blank,
            N(20_000.0),
        ],
        vec![
            D(2017, 2, 28),
            S("记-4"),
            S("3301"),
            S("本期盈余"),
            S("期间损益结转"),
            N(20_000.0),
            Blank,
        ],
    ];
    let (json, stderr) = run(&[("序时账", &rows)]);
    assert_eq!(month_amounts(&json), ["5.00", "2.00", "0.00"], "{stderr}");
    assert!(
        !codes(&json).contains(&"all_months_zero".to_string()),
        "{stderr}"
    );
}

#[test]
fn a_book_of_account_blocks_counts_only_expenditure_accounts() {
    // 用友 prints a 三栏账 of every account: a 科目 title and the header again for each block.
    let header = vec![
        S("日期"),
        S("凭证号"),
        S("摘要"),
        S("借方"),
        S("贷方"),
        S("余额"),
    ];
    let rows = vec![
        vec![S("三栏式明细账")],
        vec![S("科目：1011 零余额账户用款额度")],
        header.clone(),
        vec![
            D(2017, 1, 3),
            S("记-1"),
            S("收到额度"),
            N(500_000.0),
            Blank,
            N(500_000.0),
        ],
        vec![
            D(2017, 1, 5),
            S("记-2"),
            S("支付办公费"),
            Blank,
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            Blank,
            Blank,
            S("本月合计"),
            N(500_000.0),
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            Blank,
            Blank,
            S("本年累计"),
            N(500_000.0),
            N(60_000.0),
            N(440_000.0),
        ],
        vec![S("科目：7101 行政支出")],
        header.clone(),
        vec![
            D(2017, 1, 5),
            S("记-2"),
            S("支付办公费"),
            N(60_000.0),
            Blank,
            N(60_000.0),
        ],
        vec![Blank, Blank, S("本月合计"), N(60_000.0), Blank, N(60_000.0)],
        vec![Blank, Blank, S("本年累计"), N(60_000.0), Blank, N(60_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows)]);
    assert_eq!(month_amounts(&json), ["6.00", "0.00", "0.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
    assert!(stderr.contains("7 开头"), "{stderr}");
}

#[test]
fn a_copy_of_the_ledger_sheet_is_not_counted_twice() {
    // Excel's “移动或复制 → 建立副本” gives `明细账 (2)`: the same rows again.
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 5), S("办公费"), N(10_000.0)],
        vec![D(2017, 2, 5), S("差旅费"), N(20_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows), ("明细账 (2)", &rows)]);
    assert_eq!(month_amounts(&json), ["1.00", "2.00", "0.00"], "{stderr}");
    assert!(
        stderr.contains("「明细账 (2)」：开头几行与已读取的工作表相同，是副本"),
        "{stderr}"
    );
}

#[test]
fn a_bank_journal_counts_its_payments_not_its_receipts() {
    // 出纳 keep 银行存款日记账 with 借方（收入） and 贷方（支出）: spending is the 支出 side.
    let rows = vec![
        vec![
            S("日期"),
            S("摘要"),
            S("借方（收入）"),
            S("贷方（支出）"),
            S("余额"),
        ],
        vec![
            D(2017, 1, 3),
            S("收到财政拨款"),
            N(500_000.0),
            Blank,
            N(500_000.0),
        ],
        vec![
            D(2017, 1, 5),
            S("支付办公费"),
            Blank,
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            D(2017, 2, 5),
            S("支付差旅费"),
            Blank,
            N(20_000.0),
            N(420_000.0),
        ],
    ];
    let (json, stderr) = run(&[("银行日记账", &rows)]);
    assert_eq!(month_amounts(&json), ["6.00", "2.00", "0.00"], "{stderr}");
}

#[test]
fn a_progress_statement_across_months_counts_only_its_spending_row() {
    // Rows 预算数 / 本月支出 / 累计支出 / 执行率 with 1月…12月 across: only 本月支出 is spending.
    let rows = vec![
        vec![S("2017年预算执行情况（单位：元）")],
        vec![S("项目"), S("1月"), S("2月"), S("3月"), S("合计")],
        vec![
            S("预算数"),
            N(100_000.0),
            N(100_000.0),
            N(100_000.0),
            N(300_000.0),
        ],
        vec![
            S("本月支出"),
            N(90_000.0),
            N(80_000.0),
            N(70_000.0),
            N(240_000.0),
        ],
        vec![
            S("累计支出"),
            N(90_000.0),
            N(170_000.0),
            N(240_000.0),
            N(240_000.0),
        ],
        vec![S("执行率"), N(0.9), N(0.85), N(0.8), N(0.8)],
    ];
    let (json, stderr) = run(&[("执行进度", &rows)]);
    assert_eq!(month_amounts(&json), ["9.00", "8.00", "7.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
}

use super::*;
use crate::read::CellValue;

fn t(text: &str) -> CellValue {
    CellValue::text(text)
}

fn n(value: f64) -> CellValue {
    CellValue::Number(value)
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn date(y: i32, m: u32, day: u32) -> CellValue {
    CellValue::Date(crate::dates::CalendarDate::new(y, m, day).unwrap())
}

fn row(index: u32, cells: Vec<CellValue>) -> Row {
    Row::from_cells(
        index,
        cells.into_iter().enumerate().map(|(c, v)| (c as u32, v)),
    )
}

/// Reads rows as one sheet named `sheet`, the way `read_ledger` reads a workbook's sheet.
fn read_rows(
    sheet: &str,
    rows: Vec<Row>,
    sheet_month: Option<(Option<i32>, u32)>,
    options: &ReadOptions,
) -> Result<Ledger> {
    let mut builder = LedgerBuilder::new(Format::Xlsx, options);
    let mut scan = SheetScan::new(sheet, sheet_month, options, 0, Vec::new());
    for row in rows {
        let _ = scan.feed(row, &mut builder.accounts);
    }
    assert!(builder.absorb(scan)?, "no header found");
    let ledger = builder.finish()?;
    let check = ledger.reconciliation();
    assert!(check.balances(), "included + excluded ≠ read: {check:?}");
    Ok(ledger)
}

fn entries(ledger: &Ledger) -> Vec<(i32, u32, Decimal)> {
    ledger
        .entries
        .iter()
        .map(|e| (e.year, e.month, e.amount_yuan))
        .collect()
}

fn reasons(ledger: &Ledger) -> Vec<(&str, &SkipReason, Option<Decimal>)> {
    ledger
        .skipped
        .iter()
        .map(|s| (s.address.as_str(), &s.reason, s.amount_yuan))
        .collect()
}

#[test]
fn journal_rows_become_entries_in_their_month() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![date(2017, 1, 5), t("办公费"), n(1200.5)]),
        row(2, vec![t("2017/2/3"), t("差旅费"), t("1,000.00")]),
        row(3, vec![n(20170304.0), t("退回"), t("(200.00)")]),
        row(4, vec![n(42740.0), t("邮电费"), n(0.1 + 0.2)]),
        row(5, vec![date(2017, 1, 9), t("空白金额"), CellValue::Empty]),
    ];
    let ledger = read_rows("明细账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("1200.50")),
            (2017, 2, d("1000")),
            (2017, 3, d("-200")),
            (2017, 1, d("0.30")),
            (2017, 1, d("0"))
        ]
    );
    assert!(ledger.skipped.is_empty());
    assert_eq!(ledger.read_yuan, d("2000.80"));
}

#[test]
fn totals_closings_and_unreadable_rows_are_listed_with_their_cell() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![CellValue::Empty, t("本月合计"), n(500.0)]),
        row(2, vec![t("上月"), t("办公费"), n(10.0)]),
        row(3, vec![date(2017, 1, 5), t("办公费"), t("TBC")]),
        row(
            4,
            vec![
                date(2017, 1, 5),
                t("公式"),
                CellValue::FormulaWithoutValue("SUM(C1:C3)".into()),
            ],
        ),
        row(5, vec![CellValue::Empty, t("续行说明"), CellValue::Empty]),
        row(7, vec![CellValue::InvalidDate(60.0), t("办公费"), n(1.0)]),
        row(8, vec![date(2017, 12, 31), t("结转本年支出"), n(-3000.0)]),
        row(9, vec![CellValue::Empty, t("期初余额"), n(8.0)]),
    ];
    let ledger = read_rows("明细账", rows, None, &ReadOptions::default()).unwrap();
    assert!(ledger.entries.is_empty());
    assert_eq!(
        reasons(&ledger),
        [
            (
                "明细账!C2",
                &SkipReason::SummaryRow("本月合计".into()),
                Some(d("500"))
            ),
            (
                "明细账!A3",
                &SkipReason::UnreadableDate("“上月”".into()),
                Some(d("10"))
            ),
            (
                "明细账!C4",
                &SkipReason::UnreadableAmount("“TBC”".into()),
                None
            ),
            (
                "明细账!C5",
                &SkipReason::FormulaWithoutValue("公式 =SUM(C1:C3)".into()),
                None
            ),
            ("明细账!A6", &SkipReason::NoDateNorAmount, Some(d("0"))),
            (
                "明细账!A8",
                &SkipReason::UnreadableDate("日期序号 60".into()),
                Some(d("1"))
            ),
            (
                "明细账!C9",
                &SkipReason::ClosingEntry("结转本年支出".into()),
                Some(d("-3000"))
            ),
            (
                "明细账!C10",
                &SkipReason::SummaryRow("期初余额".into()),
                Some(d("8"))
            ),
        ]
    );
    let attention: Vec<bool> = ledger
        .skipped
        .iter()
        .map(|s| s.reason.needs_attention())
        .collect();
    assert_eq!(
        attention,
        [false, true, true, true, false, true, false, false]
    );
    assert_eq!(ledger.reconciliation().unreadable_cells, 2);
}

#[test]
fn debit_minus_credit_lowers_a_month_with_refunds() {
    let rows = vec![
        row(
            0,
            vec![t("记账日期"), t("摘要"), t("借方金额"), t("贷方金额")],
        ),
        row(
            1,
            vec![t("2017-03-02"), t("差旅费"), n(5000.0), CellValue::Empty],
        ),
        row(
            2,
            vec![
                t("2017-03-20"),
                t("退回多报差旅费"),
                CellValue::Empty,
                n(1200.0),
            ],
        ),
        row(
            3,
            vec![t("2017-03-25"), t("红字冲销"), n(-300.0), CellValue::Empty],
        ),
    ];
    let ledger = read_rows("s", rows, None, &ReadOptions::default()).unwrap();
    let march: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(march, d("3500"));
}

#[test]
fn year_option_leaves_other_years_out_visibly() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![t("2016-12-31"), t("上年"), n(5.0)]),
        row(2, vec![t("2017-01-01"), t("本年"), n(7.0)]),
    ];
    let options = ReadOptions {
        year: Some(2017),
        ..ReadOptions::default()
    };
    let ledger = read_rows("s", rows, None, &options).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("7"))]);
    assert_eq!(
        reasons(&ledger),
        [("s!A2", &SkipReason::OtherYear(2016), Some(d("5")))]
    );
}

#[test]
fn yongyou_three_column_ledger_with_merged_months() {
    let rows = vec![
        row(0, vec![t("明细账")]),
        row(1, vec![t("科目：5101 单位管理费用")]),
        row(2, vec![t("单位：元")]),
        row(
            3,
            vec![
                t("2017年"),
                CellValue::Empty,
                t("凭证号数"),
                t("摘要"),
                t("借方"),
                t("贷方"),
                t("方向"),
                t("余额"),
            ],
        ),
        row(4, vec![t("月"), t("日")]),
        row(
            5,
            vec![
                CellValue::Empty,
                CellValue::Empty,
                CellValue::Empty,
                t("上年结转"),
                CellValue::Empty,
                CellValue::Empty,
                t("平"),
                n(0.0),
            ],
        ),
        row(
            6,
            vec![
                n(1.0),
                n(5.0),
                t("记-1"),
                t("发放工资"),
                n(1000.0),
                CellValue::Empty,
                t("借"),
                n(1000.0),
            ],
        ),
        // The month cell is merged over the next line: empty here.
        row(
            7,
            vec![
                CellValue::Empty,
                n(9.0),
                t("记-2"),
                t("办公费"),
                n(200.0),
                CellValue::Empty,
                t("借"),
                n(1200.0),
            ],
        ),
        row(
            8,
            vec![
                CellValue::Empty,
                CellValue::Empty,
                CellValue::Empty,
                t("本月合计"),
                n(1200.0),
                CellValue::Empty,
                t("借"),
                n(1200.0),
            ],
        ),
        row(
            9,
            vec![
                n(2.0),
                n(3.0),
                t("记-3"),
                t("退回"),
                CellValue::Empty,
                n(50.0),
                t("借"),
                n(1150.0),
            ],
        ),
        row(
            10,
            vec![
                CellValue::Empty,
                CellValue::Empty,
                CellValue::Empty,
                t("本年累计"),
                n(1200.0),
                n(50.0),
                t("借"),
                n(1150.0),
            ],
        ),
    ];
    let ledger = read_rows("明细账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("1000")),
            (2017, 1, d("200")),
            (2017, 2, d("-50"))
        ]
    );
    let kinds: Vec<&str> = ledger.skipped.iter().map(|s| s.reason.kind()).collect();
    assert_eq!(kinds, ["合计/余额行", "合计/余额行", "合计/余额行"]);
    assert_eq!(ledger.year_source.as_deref(), Some("来自表格标题或表头"));
}

#[test]
fn periods_and_year_month_day_columns() {
    let rows = vec![
        row(
            0,
            vec![
                t("会计期间"),
                t("凭证字号"),
                t("借方本位币"),
                t("贷方本位币"),
            ],
        ),
        row(
            1,
            vec![t("2017年1期"), t("记-0001"), n(10.0), CellValue::Empty],
        ),
        row(
            2,
            vec![t("2017.02"), t("记-0002"), n(20.0), CellValue::Empty],
        ),
        row(
            3,
            vec![n(201703.0), t("记-0003"), n(30.0), CellValue::Empty],
        ),
    ];
    let ledger = read_rows("s", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 1, d("10")), (2017, 2, d("20")), (2017, 3, d("30"))]
    );

    let rows = vec![
        row(0, vec![t("年"), t("月"), t("日"), t("金额")]),
        row(1, vec![n(2017.0), n(4.0), n(1.0), n(40.0)]),
        row(2, vec![t("2017"), t("05"), t("2"), n(50.0)]),
    ];
    let ledger = read_rows("s", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 4, d("40")), (2017, 5, d("50"))]);
}

#[test]
fn month_day_text_takes_the_year_from_the_title() {
    let rows = vec![
        row(0, vec![t("2017年支出登记簿")]),
        row(1, vec![t("日期"), t("金额")]),
        row(2, vec![t("3月5日"), n(10.0)]),
        row(3, vec![t("2017年4期"), n(20.0)]),
        row(4, vec![t("2017.05"), n(30.0)]),
    ];
    let ledger = read_rows("s", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 3, d("10")), (2017, 4, d("20")), (2017, 5, d("30"))]
    );
}

#[test]
fn month_only_rows_without_any_year_ask_for_year() {
    let rows = vec![
        row(0, vec![t("月"), t("日"), t("金额")]),
        row(1, vec![n(1.0), n(2.0), n(3.0)]),
    ];
    let error = read_rows("s", rows.clone(), None, &ReadOptions::default()).unwrap_err();
    assert!(error.to_string().contains("--year 2017"), "{error}");
    let options = ReadOptions {
        year: Some(2019),
        ..ReadOptions::default()
    };
    assert_eq!(
        entries(&read_rows("s", rows, None, &options).unwrap()),
        [(2019, 1, d("3"))]
    );
}

#[test]
fn monthly_tables_convert_wan_and_refuse_duplicates() {
    let rows = vec![
        row(0, vec![t("2017年资金支出情况")]),
        row(1, vec![t("月份"), t("支出金额")]),
        row(2, vec![t("1月"), n(26.54)]),
        row(3, vec![t("一月"), n(3.0)]),
        row(4, vec![t("二月"), t("4.444")]),
        row(5, vec![t("三月")]),
        row(6, vec![t("合计"), n(30.98)]),
    ];
    let ledger = read_rows("表", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 1, d("265400")), (2017, 2, d("44440"))]
    );
    let found: Vec<&SkipReason> = ledger.skipped.iter().map(|s| &s.reason).collect();
    assert_eq!(
        found,
        [
            &SkipReason::DuplicateMonth(1),
            &SkipReason::SummaryRow("合计".into())
        ]
    );
}

#[test]
fn months_across_counts_cells_and_leaves_totals_out() {
    let mut header = vec![t("项目")];
    header.extend((1..=3).map(|m| t(&format!("{m}月"))));
    header.push(t("合计"));
    let rows = vec![
        row(0, vec![t("2017年支出（单位：元）")]),
        row(1, header),
        row(
            2,
            vec![
                t("30101 基本工资"),
                n(100.0),
                n(100.0),
                CellValue::Empty,
                n(200.0),
            ],
        ),
        row(
            3,
            vec![t("30201 办公费"), n(10.0), t("x"), n(30.0), n(40.0)],
        ),
        row(4, vec![t("合计"), n(110.0), n(100.0), n(30.0), n(240.0)]),
    ];
    let ledger = read_rows("横表", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 2, d("100")),
            (2017, 1, d("10")),
            (2017, 3, d("30"))
        ]
    );
    let addresses: Vec<(&str, &str)> = ledger
        .skipped
        .iter()
        .map(|s| (s.address.as_str(), s.reason.kind()))
        .collect();
    assert_eq!(
        addresses,
        [
            ("横表!E3", "合计列"),
            ("横表!C4", "金额无法识别"),
            ("横表!E4", "合计列"),
            ("横表!B5", "合计/余额行"),
            ("横表!C5", "合计/余额行"),
            ("横表!D5", "合计/余额行"),
            ("横表!E5", "合计列"),
        ]
    );
}

#[test]
fn a_month_sheet_takes_its_month_from_the_name() {
    let rows = vec![
        row(0, vec![t("摘要"), t("金额")]),
        row(1, vec![t("办公费"), n(12.0)]),
    ];
    let ledger = read_rows(
        "2017年3月",
        rows,
        Some((Some(2017), 3)),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(entries(&ledger), [(2017, 3, d("12"))]);
}

#[test]
fn whole_books_count_budget_expenditure_at_the_lowest_level() {
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("科目编码"),
                t("科目名称"),
                t("摘要"),
                t("借方金额"),
                t("贷方金额"),
            ],
        ),
        row(
            1,
            vec![
                t("2017-01-05"),
                t("1011"),
                t("零余额账户用款额度"),
                t("收到额度"),
                n(9000.0),
                CellValue::Empty,
            ],
        ),
        row(
            2,
            vec![
                t("2017-01-06"),
                t("4001"),
                t("财政拨款收入"),
                t("收到额度"),
                CellValue::Empty,
                n(9000.0),
            ],
        ),
        row(
            3,
            vec![
                t("2017-01-10"),
                t("510101"),
                t("单位管理费用-工资"),
                t("发放工资"),
                n(5000.0),
                CellValue::Empty,
            ],
        ),
        row(
            4,
            vec![
                t("2017-01-10"),
                t("71010101"),
                t("行政支出-基本支出-工资"),
                t("发放工资"),
                n(5000.0),
                CellValue::Empty,
            ],
        ),
        row(
            5,
            vec![
                t("2017-01-10"),
                t("1011"),
                t("零余额账户用款额度"),
                t("发放工资"),
                CellValue::Empty,
                n(5000.0),
            ],
        ),
        row(
            6,
            vec![
                t("2017-01-31"),
                t("710101"),
                t("行政支出-基本支出"),
                t("汇总"),
                n(5000.0),
                CellValue::Empty,
            ],
        ),
    ];
    let ledger = read_rows("序时账", rows.clone(), None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("5000"))]);
    assert_eq!(ledger.entries[0].row, 4);
    let kinds: Vec<(&str, &str)> = ledger
        .skipped
        .iter()
        .map(|s| (s.address.as_str(), s.reason.kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("序时账!B2", "非支出科目"),
            ("序时账!B3", "非支出科目"),
            ("序时账!B4", "非支出科目"),
            ("序时账!B6", "非支出科目"),
            ("序时账!B7", "上级科目"),
        ]
    );
    assert!(ledger.account_rule.as_deref().unwrap().contains("7 开头"));

    let options = ReadOptions {
        accounts: vec!["5101".into()],
        ..ReadOptions::default()
    };
    let ledger = read_rows("序时账", rows, None, &options).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("5000"))]);
    assert_eq!(ledger.entries[0].row, 3);
}

#[test]
fn description_states_layout_exclusions_and_reconciliation() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![t("2017-01-05"), t("办公费"), n(10.0)]),
        row(2, vec![CellValue::Empty, t("本月合计"), n(10.0)]),
    ];
    let ledger = read_rows("明细账", rows, None, &ReadOptions::default()).unwrap();
    let lines = ledger.description();
    let labels: Vec<&str> = lines.iter().map(|(l, _)| *l).collect();
    assert_eq!(labels, ["文件格式", "识别", "未计入", "勾稽", "金额去向"]);
    assert_eq!(lines[0].1, "xlsx");
    assert_eq!(lines[2].1, "合计/余额行 1 处 10.00 元");
    assert_eq!(lines[3].1, "与台账自列的合计核对 1 处，全部相符");
    assert!(
        lines[4]
            .1
            .starts_with("读取金额 20.00 元 = 计入 10.00 元 + 未计入 10.00 元，一分不差"),
        "{}",
        lines[4].1
    );
}

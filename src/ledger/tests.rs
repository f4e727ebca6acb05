use super::book::{LedgerBuilder, SheetScan};
use super::layout::{LayoutKind, Overrides};
use super::*;
use crate::classify::ItemId;
use crate::read::{CellValue, Format, MergedRegion, Row};
use anyhow::Result;

pub(super) fn t(text: &str) -> CellValue {
    CellValue::text(text)
}

pub(super) fn n(value: f64) -> CellValue {
    CellValue::Number(value)
}

pub(super) fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn date(y: i32, m: u32, day: u32) -> CellValue {
    CellValue::Date(crate::dates::CalendarDate::new(y, m, day).unwrap())
}

pub(super) fn row(index: u32, cells: Vec<CellValue>) -> Row {
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
    read_rows_merged(sheet, rows, sheet_month, Vec::new(), options)
}

/// As [`read_rows`], with the sheet's merged cells as the reader reports them.
fn read_rows_merged(
    sheet: &str,
    rows: Vec<Row>,
    sheet_month: Option<(Option<i32>, u32)>,
    merged: Vec<MergedRegion>,
    options: &ReadOptions,
) -> Result<Ledger> {
    let mut builder = LedgerBuilder::new(Format::Xlsx, options);
    let mut scan = SheetScan::new(sheet, sheet_month, options, 0, merged);
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
    assert_eq!(year_words(&ledger).as_deref(), Some("来自表格标题或表头"));
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

// ---------------------------------------------------------------------------
// Issue 8: totals wherever they stand, tie-out, closing entries, more layouts.
// ---------------------------------------------------------------------------

const E: CellValue = CellValue::Empty;

/// Every tie-out of the ledger agreed, and there were `expected` of them.
fn assert_ties_out(ledger: &Ledger, expected: usize) {
    let lines: Vec<String> = ledger.tie_out.checks.iter().map(|c| c.line()).collect();
    assert_eq!(ledger.tie_out.mismatches, 0, "{lines:#?}");
    assert_eq!(ledger.tie_out.total, expected, "{lines:#?}");
}

/// The tie-outs that disagreed: (book, jixiao).
fn mismatches(ledger: &Ledger) -> Vec<(Decimal, Decimal)> {
    ledger
        .tie_out
        .checks
        .iter()
        .filter(|c| !c.ok())
        .map(|c| (c.book_yuan, c.jixiao_yuan))
        .collect()
}

fn skipped_at(ledger: &Ledger, row: u32) -> Vec<&SkippedRow> {
    ledger.skipped.iter().filter(|s| s.row == row).collect()
}

fn counted_rows(ledger: &Ledger) -> Vec<u32> {
    ledger.entries.iter().map(|e| e.row).collect()
}

/// A hand-kept journal (序号 | 日期 | 凭证号 | 摘要 | 金额) whose month totals
/// stand in the 序号 column, the rest of the row blank but the amount, as a
/// row merged across A:D looks once read.
fn first_column_total_book(january: &str, february: &str) -> Vec<Row> {
    vec![
        row(
            0,
            vec![t("序号"), t("日期"), t("凭证号"), t("摘要"), t("金额")],
        ),
        row(
            1,
            vec![n(1.0), date(2017, 1, 5), t("记-1"), t("办公费"), n(100.0)],
        ),
        row(
            2,
            vec![n(2.0), date(2017, 1, 9), t("记-2"), t("差旅费"), n(50.25)],
        ),
        row(3, vec![t(january), E, E, E, n(150.25)]),
        row(
            4,
            vec![n(3.0), date(2017, 2, 3), t("记-3"), t("印刷费"), n(30.0)],
        ),
        row(5, vec![t(february), E, E, E, n(30.0)]),
    ]
}

fn assert_first_column_totals_tied_out(january: &str, february: &str, merged: Vec<MergedRegion>) {
    let rows = first_column_total_book(january, february);
    let ledger = read_rows_merged("账", rows, None, merged, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("50.25")),
            (2017, 2, d("30"))
        ],
        "{january} / {february}"
    );
    assert_eq!(
        reasons(&ledger),
        [
            (
                "账!E4",
                &SkipReason::SummaryRow(january.into()),
                Some(d("150.25"))
            ),
            (
                "账!E6",
                &SkipReason::SummaryRow(february.into()),
                Some(d("30"))
            ),
        ],
        "{january} / {february}"
    );
    assert_ties_out(&ledger, 2);
}

#[test]
fn a_total_in_the_first_column_with_a_blank_date_is_tied_out_not_counted() {
    assert_first_column_totals_tied_out("合计", "合计", Vec::new());
    assert_first_column_totals_tied_out("本月合计", "本月合计", Vec::new());
    // Really merged across A:D, as calamine reports the region.
    let merged = [3, 5]
        .map(|r| MergedRegion {
            first_row: r,
            first_column: 0,
            last_row: r,
            last_column: 3,
        })
        .to_vec();
    assert_first_column_totals_tied_out("合计", "合计", merged);
}

#[test]
fn a_total_spaced_with_ideographic_spaces_is_a_total() {
    assert_first_column_totals_tied_out("合\u{3000}\u{3000}计", "合\u{3000}\u{3000}计", Vec::new());
    assert_first_column_totals_tied_out(
        "本\u{3000}月\u{3000}合\u{3000}计",
        "本月 合计",
        Vec::new(),
    );
}

#[test]
fn a_month_subtotal_named_by_its_month_is_a_period_total() {
    assert_first_column_totals_tied_out("一月份小计", "二月份小计", Vec::new());
    assert_first_column_totals_tied_out("1月份合计", "2月份合计", Vec::new());
}

#[test]
fn yueji_month_total_is_a_period_total() {
    assert_first_column_totals_tied_out("月计", "月计", Vec::new());
}

/// 日期 | 凭证号 | 摘要 | 金额, with a subtotal row that has only a figure.
fn wordless_subtotal_book(january_subtotal: f64) -> Vec<Row> {
    vec![
        row(0, vec![t("日期"), t("凭证号"), t("摘要"), t("金额")]),
        row(1, vec![date(2017, 1, 5), t("记-1"), t("办公费"), n(100.0)]),
        row(2, vec![date(2017, 1, 9), t("记-2"), t("差旅费"), n(50.25)]),
        row(3, vec![E, E, E, n(january_subtotal)]),
        row(4, vec![date(2017, 2, 3), t("记-3"), t("印刷费"), n(30.0)]),
        row(5, vec![E, E, E, n(30.0)]),
    ]
}

#[test]
fn a_wordless_subtotal_equal_to_the_lines_since_the_last_total_is_tied_out_not_counted() {
    let ledger = read_rows(
        "账",
        wordless_subtotal_book(150.25),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("50.25")),
            (2017, 2, d("30"))
        ]
    );
    let kinds: Vec<(&str, &str, Option<Decimal>)> = ledger
        .skipped
        .iter()
        .map(|s| (s.address.as_str(), s.reason.kind(), s.amount_yuan))
        .collect();
    assert_eq!(
        kinds,
        [
            ("账!D4", "合计/余额行", Some(d("150.25"))),
            ("账!D6", "合计/余额行", Some(d("30")))
        ]
    );
    assert!(ledger.skipped.iter().all(|s| !s.reason.needs_attention()));
    assert_ties_out(&ledger, 2);
}

#[test]
fn a_wordless_row_a_cent_off_the_lines_is_neither_counted_nor_passed_as_tied_out() {
    let ledger = read_rows(
        "账",
        wordless_subtotal_book(150.26),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    // Not a counted entry: only the three voucher lines are.
    assert_eq!(counted_rows(&ledger), [1, 2, 4]);
    // What the code does: its blank date is not carried down (the row has no
    // words), so it is left out as a row that needs a person's attention.
    let off = skipped_at(&ledger, 3);
    assert_eq!(off.len(), 1, "{off:?}");
    assert_eq!(off[0].address, "账!A4");
    assert_eq!(off[0].reason, SkipReason::UnreadableDate("（空）".into()));
    assert_eq!(off[0].amount_yuan, Some(d("150.26")));
    assert!(off[0].reason.needs_attention());
    // And never all quiet: something asks for attention.
    let attention = ledger
        .skipped
        .iter()
        .filter(|s| s.reason.needs_attention())
        .count();
    assert!(attention > 0 || ledger.tie_out.mismatches > 0);
}

#[test]
fn a_blank_date_is_carried_for_a_voucher_line_with_words_not_for_a_row_of_figures() {
    let rows = vec![
        row(0, vec![t("日期"), t("凭证号"), t("摘要"), t("金额")]),
        row(
            1,
            vec![date(2017, 1, 5), t("记-1"), t("购买办公用品"), n(100.0)],
        ),
        // The voucher's second line: 摘要 only, date and voucher left blank.
        row(2, vec![E, E, t("购买办公用品运费"), n(20.0)]),
        // A line with its voucher number only.
        row(3, vec![E, t("记-2"), E, n(30.0)]),
        // No words at all, and no sum of the lines above: not a dated line.
        row(4, vec![E, E, E, n(7.0)]),
        // A 摘要 after an empty row: nothing above to carry from.
        row(6, vec![E, E, t("邮寄费"), n(9.0)]),
    ];
    let ledger = read_rows("账", rows.clone(), None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 1, d("100")), (2017, 1, d("20")), (2017, 1, d("30"))]
    );
    let found: Vec<(&str, &str, bool)> = ledger
        .skipped
        .iter()
        .map(|s| {
            (
                s.address.as_str(),
                s.reason.kind(),
                s.reason.needs_attention(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("账!A5", "日期无法识别", true),
            ("账!A7", "日期无法识别", true)
        ]
    );

    // Under a date cell really merged over rows 2–5, the same wordless row is a line of that date.
    let merged = vec![MergedRegion {
        first_row: 1,
        first_column: 0,
        last_row: 4,
        last_column: 0,
    }];
    let ledger = read_rows_merged("账", rows, None, merged, &ReadOptions::default()).unwrap();
    assert_eq!(counted_rows(&ledger), [1, 2, 3, 4]);
    assert_eq!(ledger.entries[3].amount_yuan, d("7"));
}

#[test]
fn a_continuation_line_of_another_year_is_left_out_as_that_year() {
    let rows = vec![
        row(0, vec![t("日期"), t("凭证号"), t("摘要"), t("金额")]),
        row(1, vec![date(2016, 12, 5), t("记-1"), t("办公费"), n(100.0)]),
        row(2, vec![E, E, t("办公费运费"), n(10.0)]),
        row(3, vec![date(2017, 1, 5), t("记-1"), t("办公费"), n(100.0)]),
    ];
    let options = ReadOptions {
        year: Some(2017),
        ..ReadOptions::default()
    };
    let ledger = read_rows("账", rows, None, &options).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("100"))]);
    let found: Vec<&SkipReason> = ledger.skipped.iter().map(|s| &s.reason).collect();
    assert_eq!(
        found,
        [&SkipReason::OtherYear(2016), &SkipReason::OtherYear(2016)]
    );
}

#[test]
fn a_month_total_that_disagrees_with_the_lines_is_a_tie_out_mismatch() {
    let book = |total: f64| {
        vec![
            row(
                0,
                vec![t("日期"), t("摘要"), t("借方"), t("贷方"), t("余额")],
            ),
            row(
                1,
                vec![date(2017, 1, 5), t("办公费"), n(100.0), E, n(100.0)],
            ),
            row(2, vec![date(2017, 1, 9), t("差旅费"), n(50.0), E, n(150.0)]),
            row(3, vec![E, t("本月合计"), n(total), E, n(150.0)]),
        ]
    };
    let right = read_rows("账", book(150.0), None, &ReadOptions::default()).unwrap();
    assert_ties_out(&right, 1);

    // The book's own total says 160: the lines read do not make it.
    let wrong = read_rows("账", book(160.0), None, &ReadOptions::default()).unwrap();
    assert!(wrong.tie_out.mismatches > 0);
    assert_eq!(mismatches(&wrong), [(d("160"), d("150"))]);

    // The wrong column summed (the 余额, forced by --amount-col): the book's
    // 本月合计 in that column is not the sum of what was read.
    let options = ReadOptions {
        overrides: Overrides {
            amount_column: Some(4),
            ..Overrides::default()
        },
        ..ReadOptions::default()
    };
    let wrong_column = read_rows("账", book(150.0), None, &options).unwrap();
    assert!(wrong_column.tie_out.mismatches > 0);
    assert_eq!(mismatches(&wrong_column), [(d("150"), d("250"))]);
}

#[test]
fn page_carried_and_brought_forward_and_year_to_date_tie_out() {
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("贷方")],
        ),
        row(
            1,
            vec![date(2017, 1, 5), t("记-1"), t("办公费"), n(100.0), E],
        ),
        row(
            2,
            vec![date(2017, 1, 9), t("记-2"), t("退回多付差旅费"), E, n(20.0)],
        ),
        row(3, vec![E, E, t("过次页"), n(100.0), n(20.0)]),
        row(4, vec![E, E, t("承前页"), n(100.0), n(20.0)]),
        row(
            5,
            vec![date(2017, 1, 20), t("记-3"), t("印刷费"), n(30.0), E],
        ),
        row(6, vec![E, E, t("本月合计"), n(130.0), n(20.0)]),
        row(7, vec![E, E, t("本年累计"), n(130.0), n(20.0)]),
        row(
            8,
            vec![date(2017, 2, 3), t("记-4"), t("邮电费"), n(20.0), E],
        ),
        row(9, vec![E, E, t("过次页"), n(150.0), n(20.0)]),
        row(10, vec![E, E, t("承前页"), n(150.0), n(20.0)]),
        row(
            11,
            vec![date(2017, 2, 9), t("记-5"), t("邮电费"), n(5.0), E],
        ),
        row(12, vec![E, E, t("本月合计"), n(25.0), E]),
        row(13, vec![E, E, t("本年累计"), n(155.0), n(20.0)]),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("-20")),
            (2017, 1, d("30")),
            (2017, 2, d("20")),
            (2017, 2, d("5"))
        ]
    );
    assert_eq!(ledger.skipped.len(), 8);
    // Each total on both sides (the February 本月合计 has no credit on either side).
    assert_ties_out(&ledger, 15);

    // A 承前页 that is not the 过次页 above it does not pass.
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![date(2017, 1, 5), t("办公费"), n(100.0)]),
        row(2, vec![E, t("过次页"), n(100.0)]),
        row(3, vec![E, t("承前页"), n(1000.0)]),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(mismatches(&ledger), [(d("1000"), d("100"))]);
}

#[test]
fn year_to_date_ties_out_against_every_line_of_the_year() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![date(2017, 1, 5), t("办公费"), n(100.0)]),
        row(2, vec![E, t("本月合计"), n(100.0)]),
        row(3, vec![E, t("本年累计"), n(100.0)]),
        row(4, vec![date(2017, 2, 5), t("办公费"), n(40.0)]),
        row(5, vec![E, t("本月合计"), n(40.0)]),
        row(6, vec![E, t("本年累计"), n(140.0)]),
        row(7, vec![date(2017, 3, 5), t("办公费"), n(1.5)]),
        row(8, vec![E, t("本月合计"), n(1.5)]),
        // Wrong on purpose: the book says 140, the lines of the year make 141.50.
        row(9, vec![E, t("本年累计"), n(140.0)]),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(ledger.entries.len(), 3);
    assert_eq!(ledger.tie_out.total, 6);
    assert_eq!(mismatches(&ledger), [(d("140"), d("141.5"))]);
}

/// 日期 | 凭证号 | 摘要 | 借方 | 贷方: a December spend and the given closing wordings.
#[test]
fn closing_entries_are_recognised_by_wording_anywhere_in_the_summary() {
    let wordings = [
        "期间损益结转",
        "12月末结转",
        "自动转账：结转本年支出",
        "财政拨款支出转入财政拨款结转",
    ];
    let mut rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("贷方")],
        ),
        row(
            1,
            vec![date(2017, 12, 5), t("记-1"), t("购买办公用品"), n(400.0), E],
        ),
    ];
    for (i, wording) in wordings.iter().enumerate() {
        let r = 2 + i as u32;
        rows.push(row(
            r,
            vec![
                date(2017, 12, 31),
                t(&format!("记-9{i}")),
                t(wording),
                E,
                n(100.0),
            ],
        ));
    }
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 12, d("400"))]);
    let found: Vec<&SkipReason> = ledger.skipped.iter().map(|s| &s.reason).collect();
    let expected: Vec<SkipReason> = wordings
        .iter()
        .map(|w| SkipReason::ClosingEntry(w.to_string()))
        .collect();
    assert_eq!(found, expected.iter().collect::<Vec<_>>());
    assert!(ledger.skipped.iter().all(|s| !s.reason.needs_attention()));
}

#[test]
fn a_credit_to_the_carry_forward_account_is_a_closing_entry() {
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("凭证号"),
                t("摘要"),
                t("对方科目"),
                t("借方"),
                t("贷方"),
            ],
        ),
        row(
            1,
            vec![
                date(2017, 12, 5),
                t("记-1"),
                t("购买办公用品"),
                t("1011 零余额账户用款额度"),
                n(400.0),
                E,
            ],
        ),
        row(
            2,
            vec![
                date(2017, 12, 31),
                t("记-99"),
                t("年终处理"),
                t("8101 财政拨款结转"),
                E,
                n(400.0),
            ],
        ),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 12, d("400"))]);
    assert_eq!(ledger.skipped.len(), 1);
    let SkipReason::ClosingEntry(why) = &ledger.skipped[0].reason else {
        panic!("not a closing entry: {:?}", ledger.skipped[0]);
    };
    assert!(why.contains("8101 财政拨款结转"), "{why}");
    assert_eq!(ledger.skipped[0].amount_yuan, Some(d("-400")));
}

#[test]
fn a_credit_that_empties_the_running_balance_is_a_closing_entry() {
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("凭证号"),
                t("摘要"),
                t("借方"),
                t("贷方"),
                t("方向"),
                t("余额"),
            ],
        ),
        row(
            1,
            vec![
                date(2017, 12, 5),
                t("记-1"),
                t("购买办公用品"),
                n(400.0),
                E,
                t("借"),
                n(400.0),
            ],
        ),
        row(
            2,
            vec![
                date(2017, 12, 8),
                t("记-2"),
                t("差旅费"),
                n(100.5),
                E,
                t("借"),
                n(500.5),
            ],
        ),
        row(
            3,
            vec![
                date(2017, 12, 31),
                t("记-99"),
                t("转出"),
                E,
                n(500.5),
                t("平"),
                n(0.0),
            ],
        ),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 12, d("400")), (2017, 12, d("100.5"))]
    );
    let found: Vec<(u32, &SkipReason, Option<Decimal>)> = ledger
        .skipped
        .iter()
        .map(|s| (s.row, &s.reason, s.amount_yuan))
        .collect();
    assert_eq!(
        found,
        [(
            3,
            &SkipReason::ClosingEntry("贷方 500.50 元转出全部余额，余额为零".into()),
            Some(d("-500.5"))
        )]
    );
}

#[test]
fn a_credit_line_left_out_is_addressed_at_its_credit_cell() {
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("贷方")],
        ),
        row(
            1,
            vec![date(2017, 12, 5), t("记-1"), t("办公费"), n(400.0), E],
        ),
        row(
            2,
            vec![
                date(2017, 12, 31),
                t("记-99"),
                t("期间损益结转"),
                E,
                n(400.0),
            ],
        ),
        row(3, vec![t("上月"), t("记-100"), t("退回"), E, n(5.0)]),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    let addresses: Vec<&str> = ledger.skipped.iter().map(|s| s.address.as_str()).collect();
    // The closing entry's amount stands in E3; the unreadable date in A4.
    assert_eq!(addresses, ["账!E3", "账!A4"]);
}

#[test]
fn a_closing_voucher_is_found_by_its_surplus_or_carry_forward_line() {
    let line = |r: u32,
                day: (u32, u32),
                voucher: &str,
                code: &str,
                name: &str,
                debit: f64,
                credit: f64| {
        let side = |v: f64| if v == 0.0 { E } else { n(v) };
        row(
            r,
            vec![
                date(2017, day.0, day.1),
                t(voucher),
                t(code),
                t(name),
                t("转账凭证"),
                side(debit),
                side(credit),
            ],
        )
    };
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("凭证号"),
                t("科目编码"),
                t("科目名称"),
                t("摘要"),
                t("借方金额"),
                t("贷方金额"),
            ],
        ),
        line(
            1,
            (1, 10),
            "记-1",
            "510101",
            "单位管理费用-工资福利费用",
            5000.0,
            0.0,
        ),
        line(
            2,
            (1, 10),
            "记-1",
            "71010101",
            "行政支出-基本支出-工资福利支出",
            5000.0,
            0.0,
        ),
        line(
            3,
            (1, 10),
            "记-1",
            "1011",
            "零余额账户用款额度",
            0.0,
            5000.0,
        ),
        line(4, (1, 10), "记-1", "6001", "财政拨款预算收入", 0.0, 5000.0),
        // 财务会计: expenses closed to 本期盈余 each month.
        line(5, (1, 31), "记-30", "3301", "本期盈余", 5000.0, 0.0),
        line(
            6,
            (1, 31),
            "记-30",
            "510101",
            "单位管理费用-工资福利费用",
            0.0,
            5000.0,
        ),
        // 预算会计: spending closed to 财政拨款结转 at year end.
        line(7, (12, 31), "记-99", "8101", "财政拨款结转", 5000.0, 0.0),
        line(
            8,
            (12, 31),
            "记-99",
            "71010101",
            "行政支出-基本支出-工资福利支出",
            0.0,
            5000.0,
        ),
    ];
    let ledger = read_rows("序时账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("5000"))]);
    assert_eq!(counted_rows(&ledger), [2]);
    let closing: Vec<(u32, &SkipReason)> = ledger
        .skipped
        .iter()
        .filter(|s| matches!(s.reason, SkipReason::ClosingEntry(_)))
        .map(|s| (s.row, &s.reason))
        .collect();
    assert_eq!(
        closing,
        [
            (
                6,
                &SkipReason::ClosingEntry("结转凭证：同一凭证转入“3301 本期盈余”".into())
            ),
            (
                8,
                &SkipReason::ClosingEntry("结转凭证：同一凭证转入“8101 财政拨款结转”".into())
            ),
        ]
    );
    // The year's spending is not cancelled by the closing.
    let spent: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(spent, d("5000"));
}

#[test]
fn a_refund_is_negative_spending_not_a_closing_entry() {
    let header = row(
        0,
        vec![
            t("日期"),
            t("凭证号"),
            t("摘要"),
            t("对方科目"),
            t("借方"),
            t("贷方"),
            t("方向"),
            t("余额"),
        ],
    );
    let bank = || t("1011 零余额账户用款额度");
    let rows = vec![
        header,
        row(
            1,
            vec![
                date(2017, 3, 2),
                t("记-5"),
                t("报销差旅费"),
                bank(),
                n(500.0),
                E,
                t("借"),
                n(500.0),
            ],
        ),
        row(
            2,
            vec![
                date(2017, 3, 10),
                t("记-7"),
                t("退回多付差旅费"),
                bank(),
                E,
                n(100.0),
                t("借"),
                n(400.0),
            ],
        ),
        // Even when the refund happens to bring the balance to zero.
        row(
            3,
            vec![
                date(2017, 3, 20),
                t("记-9"),
                t("退回多付差旅费"),
                bank(),
                E,
                n(400.0),
                t("平"),
                n(0.0),
            ],
        ),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 3, d("500")),
            (2017, 3, d("-100")),
            (2017, 3, d("-400"))
        ]
    );
    assert!(ledger.skipped.is_empty(), "{:?}", ledger.skipped);
}

#[test]
fn an_automatic_transfer_that_accrues_an_expense_is_spending() {
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("贷方")],
        ),
        row(
            1,
            vec![
                date(2017, 1, 31),
                t("转-1"),
                t("自动转账：计提本月工资"),
                n(5000.0),
                E,
            ],
        ),
        row(
            2,
            vec![
                date(2017, 1, 31),
                t("转-2"),
                t("自动转账：结转本年支出"),
                E,
                n(5000.0),
            ],
        ),
    ];
    let ledger = read_rows("账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("5000"))]);
    assert_eq!(
        reasons(&ledger),
        [(
            "账!E3",
            &SkipReason::ClosingEntry("自动转账：结转本年支出".into()),
            Some(d("-5000"))
        )]
    );
}

#[test]
fn a_monthly_table_row_is_a_month_whatever_its_analysis_text_says() {
    let rows = vec![
        row(0, vec![t("2017年资金支出情况")]),
        row(
            1,
            vec![t("月份"), t("支出金额"), t("绩效等级"), t("情况分析")],
        ),
        row(
            2,
            vec![t("一月"), n(26.54), t("优秀"), t("累计执行进度正常")],
        ),
        row(
            3,
            vec![t("二月"), n(10.0), t("良好"), t("本月累计支出偏慢")],
        ),
        row(4, vec![t("合计"), n(36.54)]),
    ];
    let ledger = read_rows("表", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 1, d("265400")), (2017, 2, d("100000"))]
    );
    assert_ties_out(&ledger, 1);
}

/// Months across by economic classification: 类 rows (named, no code column)
/// over their 款 rows, a 合计 column and a 合计 row.
fn months_across_by_class(category: &str) -> Vec<Row> {
    vec![
        row(0, vec![t("2017年各项支出明细表（单位：元）")]),
        row(1, vec![t("项目"), t("1月"), t("2月"), t("3月"), t("合计")]),
        row(2, vec![t(category), n(300.0), n(300.0), n(300.0), n(900.0)]),
        row(
            3,
            vec![t("基本工资"), n(200.0), n(200.0), n(200.0), n(600.0)],
        ),
        row(
            4,
            vec![t("津贴补贴"), n(100.0), n(100.0), n(100.0), n(300.0)],
        ),
        row(
            5,
            vec![t("商品和服务支出"), n(50.0), n(60.5), n(0.0), n(110.5)],
        ),
        row(6, vec![t("办公费"), n(50.0), n(60.5), E, n(110.5)]),
        row(7, vec![t("对个人和家庭的补助"), E, E, n(12.0), n(12.0)]),
        row(8, vec![t("合计"), n(350.0), n(360.5), n(312.0), n(1022.5)]),
    ]
}

fn assert_months_across_by_class_counted_once(category: &str) {
    let ledger = read_rows(
        "横表",
        months_across_by_class(category),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let mut months = [Decimal::ZERO; 3];
    for entry in &ledger.entries {
        months[entry.month as usize - 1] += entry.amount_yuan;
    }
    assert_eq!(months, [d("350"), d("360.5"), d("312")], "{category}");
    // The 类 rows are left out (their 款 rows are counted), the 补助 row with no 款 under it counts.
    let mut rows = counted_rows(&ledger);
    rows.dedup();
    assert_eq!(rows, [3, 4, 6, 7], "{category}");
    let parents: Vec<&str> = ledger
        .skipped
        .iter()
        .filter(|s| matches!(s.reason, SkipReason::ParentAccount(_)))
        .map(|s| s.address.as_str())
        .collect();
    assert_eq!(parents.len(), 6, "{parents:?}");
    // The 类 rows, the 合计 column row by row, the 合计 row month by month.
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    for what in [
        "「合计」：1 月",
        "「合计」：2 月",
        "「合计」：3 月",
        "合计列",
    ] {
        assert!(
            ledger.tie_out.checks.iter().any(|c| c.what.contains(what)),
            "{what}: {:#?}",
            ledger.tie_out.checks
        );
    }
    assert!(ledger
        .tie_out
        .checks
        .iter()
        .any(|c| c.what.contains("其下各款行之和") && c.book_yuan == d("900")));
}

#[test]
fn months_across_with_category_rows_counts_each_amount_once_and_ties_out_the_category() {
    assert_months_across_by_class_counted_once("工资福利支出");
}

#[test]
fn months_across_category_row_that_disagrees_with_its_items_is_a_mismatch() {
    let mut rows = months_across_by_class("工资福利支出");
    rows[2] = row(
        2,
        vec![t("工资福利支出"), n(300.0), n(310.0), n(300.0), n(910.0)],
    );
    let ledger = read_rows("横表", rows, None, &ReadOptions::default()).unwrap();
    assert!(ledger.tie_out.mismatches > 0);
    assert!(
        ledger
            .tie_out
            .checks
            .iter()
            .any(|c| !c.ok() && c.what.contains("「工资福利支出」")),
        "{:#?}",
        ledger.tie_out.checks
    );
    // Still counted once: the 款 rows, not the 类 row.
    let total: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(total, d("1022.5"));
}

#[test]
fn months_across_category_row_is_tied_out_month_by_month() {
    let mut rows = months_across_by_class("工资福利支出");
    // January and February swapped by 10 in the 类 row: the year still makes 900.
    rows[2] = row(
        2,
        vec![t("工资福利支出"), n(310.0), n(290.0), n(300.0), n(900.0)],
    );
    let ledger = read_rows("横表", rows, None, &ReadOptions::default()).unwrap();
    assert!(
        ledger.tie_out.mismatches > 0,
        "{:#?}",
        ledger.tie_out.checks
    );
}

#[test]
fn months_across_category_cells_left_out_are_addressed_at_their_month() {
    let ledger = read_rows(
        "横表",
        months_across_by_class("工资福利支出"),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let parents: Vec<&str> = ledger
        .skipped
        .iter()
        .filter(|s| matches!(s.reason, SkipReason::ParentAccount(_)))
        .map(|s| s.address.as_str())
        .collect();
    assert_eq!(
        parents,
        [
            "横表!B3",
            "横表!C3",
            "横表!D3",
            "横表!B6",
            "横表!C6",
            "横表!D6"
        ]
    );
}

/// The same statement with a subtotal row under each 类's 款 rows, worded `subtotal(类)`.
fn months_across_with_subtotals(subtotal: impl Fn(&str) -> String) -> Vec<Row> {
    let mut rows = months_across_by_class("工资福利支出");
    let wages = row(
        0,
        vec![
            t(&subtotal("工资福利支出")),
            n(300.0),
            n(300.0),
            n(300.0),
            n(900.0),
        ],
    );
    let goods = row(
        0,
        vec![
            t(&subtotal("商品和服务支出")),
            n(50.0),
            n(60.5),
            E,
            n(110.5),
        ],
    );
    rows.insert(5, wages);
    rows.insert(8, goods);
    rows.into_iter()
        .enumerate()
        .map(|(i, r)| row(i as u32, (0..5).map(|c| r.get(c).clone()).collect()))
        .collect()
}

#[test]
fn months_across_subtotal_rows_are_left_out_and_each_amount_counted_once() {
    let ledger = read_rows(
        "横表",
        months_across_with_subtotals(|_| "小计".to_string()),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let total: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(total, d("1022.5"));
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
}

#[test]
fn months_across_category_total_rows_are_compared_with_their_category_not_the_month() {
    let ledger = read_rows(
        "横表",
        months_across_with_subtotals(|category| format!("{category}合计")),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let total: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(total, d("1022.5"));
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
}

#[test]
fn months_across_numbered_category_rows_are_not_counted_twice() {
    assert_months_across_by_class_counted_once("一、工资福利支出");
}

/// A 科目余额表 with its two-row header as two text rows, the period in the title.
fn trial_balance(period_title: &str) -> Vec<Row> {
    let account = |r: u32, code: &str, name: &str, opening: f64, debit: f64, credit: f64| {
        let year_debit = debit * 3.0;
        row(
            r,
            vec![
                t(code),
                t(name),
                n(opening),
                E,
                n(debit),
                n(credit),
                n(year_debit),
                n(credit * 3.0),
                n(opening + debit - credit),
                E,
            ],
        )
    };
    vec![
        row(0, vec![t("科目余额表")]),
        row(1, vec![t(period_title), E, E, E, E, E, E, E, t("单位：元")]),
        row(
            2,
            vec![
                t("科目编码"),
                t("科目名称"),
                t("期初余额"),
                E,
                t("本期发生额"),
                E,
                t("本年累计"),
                E,
                t("期末余额"),
                E,
            ],
        ),
        row(
            3,
            vec![
                E,
                E,
                t("借方"),
                t("贷方"),
                t("借方"),
                t("贷方"),
                t("借方"),
                t("贷方"),
                t("借方"),
                t("贷方"),
            ],
        ),
        account(4, "1011", "零余额账户用款额度", 9000.0, 6000.0, 5000.0),
        account(5, "5101", "单位管理费用", 7000.0, 3000.0, 0.0),
        account(6, "510101", "工资福利费用", 5000.0, 2000.0, 0.0),
        account(7, "510102", "商品和服务费用", 2000.0, 1000.0, 0.0),
        account(8, "7101", "行政支出", 7000.0, 3000.0, 0.0),
        account(9, "710101", "基本支出", 6000.0, 2500.0, 0.0),
        account(10, "710102", "项目支出", 1000.0, 500.0, 0.0),
        row(
            11,
            vec![t("合计"), E, E, E, n(12000.0), n(5000.0), E, E, E, E],
        ),
    ]
}

#[test]
fn trial_balance_counts_the_period_debit_of_the_lowest_expenditure_accounts() {
    let ledger = read_rows(
        "科目余额表",
        trial_balance("会计期间：2017年第3期"),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(matches!(ledger.layout().kind, LayoutKind::TrialBalance(_)));
    assert!(ledger.layout().two_row_header);
    // 本期借方 (column E) only; never 期初, 本年累计 or 期末.
    assert_eq!(
        entries(&ledger),
        [(2017, 3, d("2500")), (2017, 3, d("500"))]
    );
    assert_eq!(counted_rows(&ledger), [9, 10]);
    let kinds: Vec<(&str, &str)> = ledger
        .skipped
        .iter()
        .map(|s| (s.address.as_str(), s.reason.kind()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("科目余额表!A5", "非支出科目"),
            ("科目余额表!A6", "非支出科目"),
            ("科目余额表!A7", "非支出科目"),
            ("科目余额表!A8", "非支出科目"),
            ("科目余额表!A9", "上级科目"),
            ("科目余额表!E12", "合计/余额行"),
        ]
    );
    // 5101 and 7101 against their sub-accounts, one summary line, the 合计 row.
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    assert!(ledger
        .tie_out
        .checks
        .iter()
        .any(|c| c.what.contains("「合计」") && c.book_yuan == d("12000")));
}

#[test]
fn trial_balance_over_several_months_is_left_out_for_attention() {
    let ledger = read_rows(
        "科目余额表",
        trial_balance("期间：2017.01-2017.03"),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(ledger.entries.is_empty(), "{:?}", ledger.entries);
    let accounts: Vec<&SkippedRow> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason != SkipReason::SummaryRow("合计".into()))
        .collect();
    assert_eq!(accounts.len(), 7);
    assert!(accounts
        .iter()
        .all(|s| s.reason == SkipReason::PeriodSpansMonths && s.reason.needs_attention()));
}

#[test]

fn trial_balance_titled_with_a_month_range_in_chinese_is_left_out_for_attention() {
    for title in ["2017年1-3月", "2017年1月-3月", "期间：2017年1月至3月"] {
        let ledger = read_rows(
            "科目余额表",
            trial_balance(title),
            None,
            &ReadOptions::default(),
        )
        .unwrap();
        assert!(ledger.entries.is_empty(), "{title}: {:?}", entries(&ledger));
        assert!(
            ledger
                .skipped
                .iter()
                .any(|s| s.reason == SkipReason::PeriodSpansMonths),
            "{title}"
        );
    }
}

#[test]
fn trial_balance_grand_total_ties_out_after_class_subtotals() {
    let mut rows = trial_balance("会计期间：2017年第3期");
    // 用友 prints a subtotal under each class of accounts.
    rows.insert(
        5,
        row(0, vec![t("资产小计"), E, E, E, n(6000.0), n(5000.0)]),
    );
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| row(i as u32, (0..10).map(|c| r.get(c).clone()).collect()))
        .collect();
    let ledger = read_rows("科目余额表", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 3, d("2500")), (2017, 3, d("500"))]
    );
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
}

#[test]
fn a_monthly_table_over_two_years_keeps_each_month_in_its_year() {
    let rows = vec![
        row(0, vec![t("2016年9月至2017年8月资金支出情况（单位：元）")]),
        row(1, vec![t("月份"), t("支出金额")]),
        row(2, vec![t("2016年9月"), n(10.0)]),
        row(3, vec![t("2016年12月"), n(20.0)]),
        row(4, vec![t("2017年1月"), n(30.0)]),
        row(5, vec![t("2017年8月"), n(40.0)]),
    ];
    let ledger = read_rows("表", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2016, 9, d("10")),
            (2016, 12, d("20")),
            (2017, 1, d("30")),
            (2017, 8, d("40"))
        ]
    );
}

/// 用友-style 多栏账: 2017年 over 月 | 日, then 凭证号 … 余额 merged down, and a
/// band 借方金额分析 over three economic items.
fn multi_column_book(lines: Vec<Row>) -> Vec<Row> {
    let mut rows = vec![
        row(0, vec![t("单位管理费用多栏账")]),
        row(
            1,
            vec![
                t("2017年"),
                E,
                t("凭证号"),
                t("摘要"),
                t("借方"),
                t("贷方"),
                t("方向"),
                t("余额"),
                t("借方金额分析"),
            ],
        ),
        row(
            2,
            vec![
                t("月"),
                t("日"),
                E,
                E,
                E,
                E,
                E,
                E,
                t("30101 基本工资"),
                t("30201 办公费"),
                t("30211 差旅费"),
            ],
        ),
    ];
    rows.extend(lines);
    rows
}

fn multi_line(
    r: u32,
    month: f64,
    day: f64,
    voucher: &str,
    summary: &str,
    (debit, credit, balance): (f64, f64, f64),
    band: [f64; 3],
) -> Row {
    let side = |v: f64| if v == 0.0 { E } else { n(v) };
    let mut cells = vec![
        side(month),
        side(day),
        t(voucher),
        t(summary),
        side(debit),
        side(credit),
        t("借"),
        n(balance),
    ];
    cells.extend(band.map(side));
    row(r, cells)
}

#[test]
fn multi_column_ledger_counts_the_debit_split_by_its_band() {
    let rows = multi_column_book(vec![
        multi_line(
            3,
            1.0,
            5.0,
            "记-1",
            "发放工资",
            (1000.0, 0.0, 1000.0),
            [1000.0, 0.0, 0.0],
        ),
        multi_line(
            4,
            1.0,
            9.0,
            "记-2",
            "购买用品",
            (200.0, 0.0, 1200.0),
            [0.0, 200.0, 0.0],
        ),
        multi_line(
            5,
            1.0,
            20.0,
            "记-3",
            "报销",
            (300.0, 0.0, 1500.0),
            [0.0, 120.0, 180.0],
        ),
        multi_line(
            6,
            0.0,
            0.0,
            "",
            "本月合计",
            (1500.0, 0.0, 1500.0),
            [1000.0, 320.0, 180.0],
        ),
    ]);
    let ledger = read_rows("多栏账", rows, None, &ReadOptions::default()).unwrap();
    let LayoutKind::MultiColumn(kind) = &ledger.layout().kind else {
        panic!("not a 多栏账: {}", ledger.layout());
    };
    assert_eq!(kind.amount.map(|a| (a.debit, a.credit)), Some((4, Some(5))));
    assert_eq!(kind.band.len(), 3);
    let january: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(january, d("1500"));
    let item = |code: &str, name: &str| Some(crate::classify::classify(2017, Some(code), name, ""));
    let split: Vec<(u32, Decimal, Option<ItemId>)> = ledger
        .entries
        .iter()
        .map(|e| (e.row, e.amount_yuan, e.item))
        .collect();
    assert_eq!(
        split,
        [
            (3, d("1000"), item("30101", "基本工资")),
            (4, d("200"), item("30201", "办公费")),
            (5, d("120"), item("30201", "办公费")),
            (5, d("180"), item("30211", "差旅费")),
        ]
    );
    assert_ne!(item("30201", "办公费"), item("30211", "差旅费"));
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    assert!(ledger.tie_out.total >= 2);
}

#[test]
fn multi_column_row_whose_band_disagrees_with_its_debit_is_a_mismatch() {
    let rows = multi_column_book(vec![
        multi_line(
            3,
            1.0,
            5.0,
            "记-1",
            "发放工资",
            (1000.0, 0.0, 1000.0),
            [1000.0, 0.0, 0.0],
        ),
        multi_line(
            4,
            2.0,
            3.0,
            "记-4",
            "购买用品",
            (150.0, 0.0, 1150.0),
            [0.0, 140.0, 0.0],
        ),
    ]);
    let ledger = read_rows("多栏账", rows, None, &ReadOptions::default()).unwrap();
    // Spending is the 借方, never the band: February is 150.
    assert_eq!(entries(&ledger)[1], (2017, 2, d("150")));
    assert_eq!(ledger.entries.len(), 2);
    assert!(ledger.tie_out.mismatches > 0);
    assert!(mismatches(&ledger).contains(&(d("150"), d("140"))));
    assert!(ledger
        .tie_out
        .checks
        .iter()
        .any(|c| !c.ok() && c.what.starts_with("多栏账!E5")));
}

#[test]
fn multi_column_refund_in_red_in_the_band_ties_out() {
    // 借方多栏式明细账: a credit is written in 贷方 and in red (negative) in its band column.
    let rows = multi_column_book(vec![
        multi_line(
            3,
            3.0,
            2.0,
            "记-5",
            "报销差旅费",
            (500.0, 0.0, 500.0),
            [0.0, 0.0, 500.0],
        ),
        multi_line(
            4,
            3.0,
            20.0,
            "记-9",
            "退回多付差旅费",
            (0.0, 100.0, 400.0),
            [0.0, 0.0, -100.0],
        ),
    ]);
    let ledger = read_rows("多栏账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [(2017, 3, d("500")), (2017, 3, d("-100"))]
    );
    let travel = Some(crate::classify::classify(2017, Some("30211"), "差旅费", ""));
    assert!(ledger.entries.iter().all(|e| e.item == travel));
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
}

/// The item names of the counted entries, in order.
fn item_names(ledger: &Ledger) -> Vec<&'static str> {
    ledger
        .entries
        .iter()
        .map(|e| e.item.map_or("-", crate::classify::item_name))
        .collect()
}

#[test]
fn the_ledgers_own_classification_column_wins_over_the_account_name() {
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("凭证号"),
                t("科目名称"),
                t("摘要"),
                t("支出经济分类"),
                t("金额"),
            ],
        ),
        // The account and the 摘要 say 差旅费; the book's own 经济分类 says 办公费.
        row(
            1,
            vec![
                date(2017, 1, 5),
                t("记-1"),
                t("行政支出-差旅费"),
                t("报销差旅费"),
                t("30201 办公费"),
                n(800.0),
            ],
        ),
        // A code typed as a number.
        row(
            2,
            vec![
                date(2017, 1, 6),
                t("记-2"),
                t("行政支出-差旅费"),
                t("报销"),
                n(30215.0),
                n(500.0),
            ],
        ),
        // A name only.
        row(
            3,
            vec![
                date(2017, 1, 7),
                t("记-3"),
                t("行政支出-办公费"),
                t("付款"),
                t("公务接待费"),
                n(300.0),
            ],
        ),
        // Blank: the account decides.
        row(
            4,
            vec![
                date(2017, 1, 8),
                t("记-4"),
                t("行政支出-差旅费"),
                t("报销"),
                CellValue::Empty,
                n(200.0),
            ],
        ),
        // Nothing the classification knows: the account decides.
        row(
            5,
            vec![
                date(2017, 1, 9),
                t("记-5"),
                t("行政支出-差旅费"),
                t("报销"),
                t("待定"),
                n(100.0),
            ],
        ),
    ];
    let ledger = read_rows("明细账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(ledger.layout().other.classification, Some(4));
    assert_eq!(
        item_names(&ledger),
        ["办公费", "会议费", "公务接待费", "差旅费", "差旅费"]
    );
}

#[test]
fn auxiliary_accounting_text_gives_the_classification() {
    let rows = vec![
        row(
            0,
            vec![
                t("日期"),
                t("科目名称"),
                t("摘要"),
                t("辅助核算"),
                t("借方金额"),
            ],
        ),
        row(
            1,
            vec![
                date(2017, 3, 1),
                t("单位管理费用"),
                t("支付款项"),
                t("部门:办公室;经济分类:30211 差旅费;项目:日常运转"),
                n(1200.0),
            ],
        ),
        // Full-width colons and semicolons.
        row(
            2,
            vec![
                date(2017, 3, 2),
                t("单位管理费用"),
                t("支付审计费用"),
                t("部门：财务科；经济分类：30227 委托业务费"),
                n(5000.0),
            ],
        ),
        // No 经济分类 in the text: the 摘要 decides.
        row(
            3,
            vec![
                date(2017, 3, 3),
                t("单位管理费用"),
                t("购买办公用品"),
                t("部门:办公室;项目:日常运转"),
                n(300.0),
            ],
        ),
        // Nothing at all: 未归类支出.
        row(
            4,
            vec![
                date(2017, 3, 4),
                t("单位管理费用"),
                t("支付款项"),
                t("部门:办公室"),
                n(50.0),
            ],
        ),
        // A 摘要 of a thousand characters is kept short.
        row(
            5,
            vec![
                date(2017, 3, 5),
                t("单位管理费用"),
                t(&"长".repeat(1000)),
                CellValue::Empty,
                n(10.0),
            ],
        ),
    ];
    let ledger = read_rows("序时账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        item_names(&ledger),
        ["差旅费", "委托业务费", "办公费", "未归类支出", "未归类支出"]
    );
    // The unclassified line keeps its cell and 摘要 for 数据检查.
    assert_eq!(
        ledger.unclassified_texts,
        [
            UnclassifiedText {
                sheet: 0,
                row: 4,
                address: "序时账!E5".to_string(),
                summary: "支付款项".to_string()
            },
            UnclassifiedText {
                sheet: 0,
                row: 5,
                address: "序时账!E6".to_string(),
                summary: format!("{}…", "长".repeat(200))
            }
        ]
    );
}

#[test]
fn a_red_reversal_takes_the_class_of_the_line_it_reverses() {
    let line = |index: u32, day: u32, voucher: &str, summary: &str, amount: f64| {
        row(
            index,
            vec![
                date(2017, 4, day),
                t(voucher),
                t("行政支出"),
                t(summary),
                n(amount),
            ],
        )
    };
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("科目名称"), t("摘要"), t("金额")],
        ),
        line(1, 3, "记-3", "购买办公用品", 1000.0),
        line(2, 4, "记-4", "支付会议场地费", 2000.0),
        // Mirrors 记-3: same account, same amount, negative.
        line(3, 10, "记-8", "红字冲销", -1000.0),
        // Names 记-4 (its amount differs: part of it).
        line(4, 12, "记-9", "冲回记-4号凭证多付部分", -500.0),
        // A reversal of nothing found, and a negative line that says no reversal.
        line(5, 14, "记-10", "红冲", -777.0),
        line(6, 15, "记-11", "调整", -1000.0),
    ];
    let ledger = read_rows("序时账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(
        item_names(&ledger),
        [
            "办公费",
            "会议费",
            "办公费",
            "会议费",
            "未归类支出",
            "未归类支出"
        ]
    );
}

#[test]
fn a_reversal_never_overrides_the_ledgers_own_classification() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("经济分类"), t("金额")]),
        row(
            1,
            vec![date(2017, 5, 2), t("购买办公用品"), t("30201"), n(600.0)],
        ),
        row(
            2,
            vec![date(2017, 5, 9), t("冲销"), t("30202 印刷费"), n(-600.0)],
        ),
        // Without an account, the mirror is the same amount without one.
        row(
            3,
            vec![date(2017, 5, 9), t("冲销"), CellValue::Empty, n(-600.0)],
        ),
    ];
    let ledger = read_rows("序时账", rows, None, &ReadOptions::default()).unwrap();
    assert_eq!(item_names(&ledger), ["办公费", "印刷费", "办公费"]);
}

/// A statement by economic classification whose 类 stands merged in its own
/// column beside the 款 column (`类 | 款 | 1月 …`): the 类 cell is the top of a
/// merged region, so only the first 款 row of each 类 carries it.
fn months_across_with_merged_class_column() -> (Vec<Row>, Vec<MergedRegion>) {
    let rows = vec![
        row(0, vec![t("2017年分月支出表"), E, E, E, t("单位：元")]),
        row(
            1,
            vec![t("经济分类"), E, t("1月"), t("2月"), t("3月"), t("合计")],
        ),
        row(2, vec![t("类"), t("款")]),
        row(
            3,
            vec![
                t("工资福利支出"),
                t("基本工资"),
                n(200.0),
                n(210.0),
                E,
                n(410.0),
            ],
        ),
        row(4, vec![E, t("津贴补贴"), n(100.0), n(100.0), E, n(200.0)]),
        row(
            5,
            vec![
                E,
                t("机关事业单位基本养老保险缴费"),
                n(30.0),
                n(31.5),
                E,
                n(61.5),
            ],
        ),
        row(
            6,
            vec![t("商品和服务支出"), t("办公费"), n(50.0), E, E, n(50.0)],
        ),
        row(7, vec![E, t("差旅费"), n(7.25), n(8.0), E, n(15.25)]),
        row(8, vec![t("合计"), E, n(387.25), n(349.5), E, n(736.75)]),
    ];
    let merged = vec![
        MergedRegion {
            first_row: 3,
            last_row: 5,
            first_column: 0,
            last_column: 0,
        },
        MergedRegion {
            first_row: 6,
            last_row: 7,
            first_column: 0,
            last_column: 0,
        },
    ];
    (rows, merged)
}

#[test]
fn months_across_reads_the_item_column_beside_a_merged_class_column() {
    let (rows, merged) = months_across_with_merged_class_column();
    let ledger = read_rows_merged("横表", rows, None, merged, &ReadOptions::default()).unwrap();
    let mut months = [Decimal::ZERO; 2];
    for entry in &ledger.entries {
        months[entry.month as usize - 1] += entry.amount_yuan;
    }
    // Every 款 counts, the first of each 类 too: no row is a "parent".
    assert_eq!(months, [d("387.25"), d("349.5")]);
    let mut rows = counted_rows(&ledger);
    rows.dedup();
    assert_eq!(rows, [3, 4, 5, 6, 7]);
    assert!(!ledger
        .skipped
        .iter()
        .any(|s| matches!(s.reason, SkipReason::ParentAccount(_))));
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    assert!(
        ledger.layout().to_string().contains("项目列 B"),
        "{}",
        ledger.layout()
    );
}

#[test]
fn months_across_class_rows_named_left_of_an_empty_item_cell_are_their_items_sum() {
    // 类 rows name the 类 in column A and leave the 款 column empty; 款 rows name
    // only the 款: the 类 rows are the sums of their 款, counted once.
    let rows = vec![
        row(0, vec![t("（单位：元）")]),
        row(1, vec![t("类"), t("款"), t("1月"), t("2月"), t("3月")]),
        row(2, vec![t("工资福利支出"), E, n(300.0), n(300.0)]),
        row(3, vec![E, t("基本工资"), n(200.0), n(200.0)]),
        row(4, vec![E, t("津贴补贴"), n(100.0), n(100.0)]),
        row(5, vec![t("商品和服务支出"), E, n(60.5), n(0.0)]),
        row(6, vec![E, t("办公费"), n(60.5), E]),
    ];
    let ledger = read_rows("2017年横表", rows, None, &ReadOptions::default()).unwrap();
    let mut months = [Decimal::ZERO; 2];
    for entry in &ledger.entries {
        months[entry.month as usize - 1] += entry.amount_yuan;
    }
    assert_eq!(months, [d("360.5"), d("300")]);
    let mut rows = counted_rows(&ledger);
    rows.dedup();
    assert_eq!(rows, [3, 4, 6]);
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
}

/// A 支付明细 with two columns that could be the amount: `金额` (what was
/// claimed) and `实付金额` (what was paid), and 本月合计 rows that total only
/// the paid column.
fn two_amount_columns(total_paid_only: bool) -> Vec<Row> {
    let lines = [
        ("2017-01-05", 120.0, 100.0),
        ("2017-01-20", 80.0, 80.0),
        ("2017-02-03", 55.5, 50.5),
    ];
    let mut rows = vec![row(0, vec![t("日期"), t("摘要"), t("金额"), t("实付金额")])];
    let mut index = 1;
    let mut month_lines: Vec<(u32, f64, f64)> = Vec::new();
    for (date, claimed, paid) in lines {
        let month: u32 = date[5..7].parse().unwrap();
        if month_lines.last().is_some_and(|(m, ..)| *m != month) && total_paid_only {
            let paid_sum: f64 = month_lines.iter().map(|(.., p)| p).sum();
            rows.push(row(index, vec![E, t("本月合计"), E, n(paid_sum)]));
            index += 1;
            month_lines.clear();
        }
        rows.push(row(
            index,
            vec![t(date), t("报销办公费"), n(claimed), n(paid)],
        ));
        index += 1;
        month_lines.push((month, claimed, paid));
    }
    if total_paid_only {
        let paid_sum: f64 = month_lines.iter().map(|(.., p)| p).sum();
        rows.push(row(index, vec![E, t("本月合计"), E, n(paid_sum)]));
    }
    rows
}

#[test]
fn the_books_totals_choose_the_amount_column_they_confirm() {
    let ledger = read_rows(
        "支付明细",
        two_amount_columns(true),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("80")),
            (2017, 2, d("50.5"))
        ]
    );
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    let [choice] = ledger.readings.as_slice() else {
        panic!("one choice: {:#?}", ledger.readings);
    };
    assert_eq!(choice.verdict, tieout::Verdict::Switched);
    assert!(
        choice.chosen.column.starts_with("D（实付金额）"),
        "{choice:?}"
    );
    assert_eq!(choice.chosen_letter, "D");
    assert_eq!(choice.others.len(), 1);
    assert!(choice.others[0].column.starts_with("C（金额）"));
    assert_eq!(
        choice.others[0].months,
        [((2017, 1), d("200")), ((2017, 2), d("55.5"))]
    );
    assert!(ledger.layout().to_string().contains("金额列 D（实付金额）"));
}

#[test]
fn readings_the_book_cannot_tell_apart_are_reported_not_guessed_silently() {
    let ledger = read_rows(
        "支付明细",
        two_amount_columns(false),
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let [choice] = ledger.readings.as_slice() else {
        panic!("one choice: {:#?}", ledger.readings);
    };
    assert_eq!(choice.verdict, tieout::Verdict::NoneConfirmed);
    // 金额 ranks before 实付金额 by its header: kept, and said.
    assert_eq!(choice.chosen_letter, "C");
    assert_eq!(
        choice.chosen.months,
        [((2017, 1), d("200")), ((2017, 2), d("55.5"))]
    );
    assert_eq!(
        choice.others[0].months,
        [((2017, 1), d("180")), ((2017, 2), d("50.5"))]
    );
    assert!(choice.needs_attention());
}

#[test]
fn a_single_amount_column_or_the_users_choice_needs_no_readings() {
    let ledger = read_rows(
        "明细",
        vec![
            row(0, vec![t("日期"), t("摘要"), t("借方金额"), t("贷方金额")]),
            row(1, vec![t("2017-01-05"), t("办公费"), n(100.0), E]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(ledger.readings.is_empty());
    let mut options = ReadOptions::default();
    options.overrides.amount_column = Some(3);
    let ledger = read_rows("支付明细", two_amount_columns(false), None, &options).unwrap();
    assert!(ledger.readings.is_empty());
    assert_eq!(
        ledger
            .entries
            .iter()
            .map(|e| e.amount_yuan)
            .sum::<Decimal>(),
        d("230.5")
    );
}

#[test]
fn a_printed_forms_closing_words_are_a_note_not_an_unreadable_row() {
    let ledger = read_rows(
        "明细",
        vec![
            row(0, vec![t("日期"), t("摘要"), t("金额")]),
            row(1, vec![t("2017-01-05"), t("办公费"), n(100.0)]),
            row(2, vec![t("以下空白"), E, E]),
            row(3, vec![E, t("以下空白"), t("以下空白")]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(ledger.entries.len(), 1);
    assert_eq!(ledger.attention_count(), 0, "{:#?}", ledger.skipped);
}

#[test]
fn lines_above_the_first_month_title_are_unreadable_months_not_guesses() {
    let ledger = read_rows(
        "登记",
        vec![
            row(0, vec![t("日"), t("摘要"), t("金额")]),
            row(1, vec![n(3.0), t("办公费"), n(50.0)]),
            row(2, vec![t("2017年二月")]),
            row(3, vec![n(5.0), t("差旅费"), n(70.0)]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(entries(&ledger), [(2017, 2, d("70"))]);
    assert!(ledger
        .skipped
        .iter()
        .any(|s| matches!(s.reason, SkipReason::UnreadableMonth(_)) && s.row == 1));
    assert!(ledger
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::MonthTitle("2017年二月".into())));
}

#[test]
fn a_refund_column_is_taken_off_the_amount_paid() {
    let ledger = read_rows(
        "支付凭证",
        vec![
            row(
                0,
                vec![t("支付日期"), t("摘要"), t("支付金额"), t("退回金额")],
            ),
            row(1, vec![t("2017-01-05"), t("差旅费"), n(1500.0), E]),
            row(2, vec![t("2017-01-20"), t("差旅费退回"), E, n(500.0)]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    let total: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    assert_eq!(total, d("1000"));
    assert!(ledger
        .layout()
        .to_string()
        .contains("减 退回列 D（退回金额）"));
}

#[test]
fn a_rate_row_of_a_progress_statement_is_no_unreadable_cell() {
    let ledger = read_rows(
        "进度",
        vec![
            row(0, vec![t("（单位：元）")]),
            row(1, vec![t("科目"), t("1月"), t("2月"), t("3月")]),
            row(2, vec![t("办公费"), n(100.0), n(50.0), n(20.0)]),
            row(3, vec![t("执行率"), t("8.22%"), t("9.59%"), t("—")]),
        ],
        None,
        &ReadOptions {
            year: Some(2017),
            ..ReadOptions::default()
        },
    )
    .unwrap();
    assert_eq!(ledger.attention_count(), 0, "{:#?}", ledger.skipped);
    assert_eq!(ledger.entries.len(), 3);
}

#[test]
fn a_month_column_may_hold_the_period() {
    let ledger = read_rows(
        "2017年台账",
        vec![
            row(0, vec![t("月份"), t("凭证号"), t("摘要"), t("金额")]),
            row(1, vec![t("2017-01"), t("记-1"), t("工资"), n(100.0)]),
            row(2, vec![t("2017.01"), t("记-2"), t("津贴"), n(50.0)]),
            row(3, vec![t("201702"), t("记-3"), t("办公费"), n(20.0)]),
            row(4, vec![t("201702"), t("记-4"), t("印刷费"), n(30.0)]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("50")),
            (2017, 2, d("20")),
            (2017, 2, d("30"))
        ]
    );
}

#[test]
fn months_across_with_budget_and_spending_under_each_month_counts_the_spending() {
    let mut months = vec![t("项目")];
    let mut parts = vec![E];
    for month in 1..=3 {
        months.extend([t(&format!("{month}月")), E]);
        parts.extend([t("预算数"), t("执行数")]);
    }
    let rows = vec![
        row(0, vec![t("2017年预算执行表（单位：元）")]),
        row(1, months),
        row(2, parts),
        row(
            3,
            vec![
                t("办公费"),
                n(100.0),
                n(90.0),
                n(100.0),
                n(80.5),
                n(100.0),
                E,
            ],
        ),
        row(
            4,
            vec![
                t("差旅费"),
                n(50.0),
                n(10.0),
                n(50.0),
                n(0.0),
                n(50.0),
                n(70.0),
            ],
        ),
    ];
    let merged: Vec<MergedRegion> = (0..3)
        .map(|i| MergedRegion {
            first_row: 1,
            last_row: 1,
            first_column: 1 + 2 * i,
            last_column: 2 + 2 * i,
        })
        .collect();
    let ledger = read_rows_merged("执行", rows, None, merged, &ReadOptions::default()).unwrap();
    let mut months = [Decimal::ZERO; 3];
    for entry in &ledger.entries {
        months[entry.month as usize - 1] += entry.amount_yuan;
    }
    assert_eq!(months, [d("100"), d("80.5"), d("70")]);
    assert_eq!(ledger.attention_count(), 0, "{:#?}", ledger.skipped);
}

#[test]
fn a_summary_table_below_the_ledger_is_another_table_not_lines() {
    let ledger = read_rows(
        "台账",
        vec![
            row(
                0,
                vec![t("日期"), t("凭证号"), t("摘要"), t("科目"), t("金额")],
            ),
            row(
                1,
                vec![
                    t("2017-01-05"),
                    t("记-1"),
                    t("工资"),
                    t("基本工资"),
                    n(100.0),
                ],
            ),
            row(
                2,
                vec![
                    t("2017-02-05"),
                    t("记-2"),
                    t("办公费"),
                    t("办公费"),
                    n(50.0),
                ],
            ),
            row(5, vec![t("各月支出汇总")]),
            row(6, vec![t("月份"), t("金额")]),
            row(7, vec![t("1月"), n(100.0)]),
            row(8, vec![t("2月"), n(50.0)]),
            row(9, vec![t("合计"), n(150.0)]),
        ],
        None,
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("100")), (2017, 2, d("50"))]);
    assert_eq!(ledger.attention_count(), 0, "{:#?}", ledger.skipped);
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", ledger.tie_out.checks);
    assert_eq!(
        ledger
            .skipped
            .iter()
            .filter(|s| matches!(s.reason, SkipReason::OtherTable(_)))
            .count(),
        4
    );
}

/// Where the ledger says its year came from, in the words the edge gives it.
fn year_words(ledger: &crate::ledger::Ledger) -> Option<String> {
    ledger
        .year_source
        .as_ref()
        .map(|source| crate::report::provenance::year_source_words(Some(source), None))
}

//! Voided vouchers and dates written without their year, read through the
//! whole sheet path (detection, row parser, ledger).

use super::super::book::{LedgerBuilder, SheetScan};
use super::super::tests::{d, n, row, t};
use super::super::*;
use crate::dates::parse_sheet_month;
use crate::read::{CellValue, Format, MergedRegion, Row};
use anyhow::Result;

/// Reads rows as one sheet named `sheet`, the way `read_ledger` reads a
/// workbook's sheet; the amounts must reconcile.
fn read(sheet: &str, rows: Vec<Row>, options: &ReadOptions) -> Result<Ledger> {
    let mut builder = LedgerBuilder::new(Format::Xlsx, options);
    let mut scan = SheetScan::new(sheet, parse_sheet_month(sheet), options, 0, Vec::new());
    for row in rows {
        let _ = scan.feed(row, &mut builder.accounts);
    }
    assert!(builder.absorb(scan)?, "no header found");
    let ledger = builder.finish()?;
    let check = ledger.reconciliation();
    assert!(check.balances(), "included + excluded ≠ read: {check:?}");
    Ok(ledger)
}

/// As [`read`], with the sheet's merged cells.
fn read_merged(
    sheet: &str,
    rows: Vec<Row>,
    options: &ReadOptions,
    merged: Vec<MergedRegion>,
) -> Result<Ledger> {
    let mut builder = LedgerBuilder::new(Format::Xlsx, options);
    let mut scan = SheetScan::new(sheet, parse_sheet_month(sheet), options, 0, merged);
    for row in rows {
        let _ = scan.feed(row, &mut builder.accounts);
    }
    assert!(builder.absorb(scan)?, "no header found");
    let ledger = builder.finish()?;
    let check = ledger.reconciliation();
    assert!(check.balances(), "included + excluded ≠ read: {check:?}");
    Ok(ledger)
}

/// A merged block of one column, rows `first..=last` (0-based).
fn merged_down(column: u32, first: u32, last: u32) -> MergedRegion {
    MergedRegion {
        first_row: first,
        first_column: column,
        last_row: last,
        last_column: column,
    }
}

fn entries(ledger: &Ledger) -> Vec<(i32, u32, Decimal)> {
    ledger
        .entries
        .iter()
        .map(|e| (e.year, e.month, e.amount_yuan))
        .collect()
}

fn voided(ledger: &Ledger) -> Vec<(u32, String, Option<Decimal>)> {
    ledger
        .skipped
        .iter()
        .filter_map(|s| match &s.reason {
            SkipReason::Voided(text) => Some((s.row, text.clone(), s.amount_yuan)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_line_of_a_voided_voucher_is_left_out_and_reconciled() {
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("凭证状态")],
        ),
        row(
            1,
            vec![
                t("2017-01-05"),
                t("记-1"),
                t("购办公用品"),
                n(100.0),
                t("已记账"),
            ],
        ),
        // Voucher 2 is voided; only its first line says so.
        row(
            2,
            vec![
                t("2017-01-06"),
                t("记-2"),
                t("付电费"),
                n(200.0),
                t("已作废"),
            ],
        ),
        row(3, vec![t("2017-01-06"), t("记-2"), t("付水费"), n(30.0)]),
        row(
            4,
            vec![t("2017-01-07"), t("记-3"), t("付邮费"), n(5.5), t("正常")],
        ),
        // A later line of voucher 2, after another voucher.
        row(5, vec![t("2017-01-08"), t("记-2"), t("付电费"), n(7.0)]),
        // The same number in another month is another voucher.
        row(
            6,
            vec![
                t("2017-02-01"),
                t("记-2"),
                t("付电费"),
                n(40.0),
                t("已审核"),
            ],
        ),
        row(
            7,
            vec![t("2017-02-02"), t("记-4"), t("【作废】付网费"), n(9.0)],
        ),
        row(
            8,
            vec![t("2017-02-03"), t("记-5"), t("作废票据重开"), n(11.0)],
        ),
    ];
    let ledger = read("序时账", rows, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 1, d("5.5")),
            (2017, 2, d("40")),
            (2017, 2, d("11")),
        ]
    );
    assert_eq!(
        voided(&ledger),
        [
            (2, "已作废".to_string(), Some(d("200"))),
            (3, "已作废".to_string(), Some(d("30"))),
            (5, "已作废".to_string(), Some(d("7"))),
            (7, "【作废】付网费".to_string(), Some(d("9"))),
        ]
    );
    let reason = SkipReason::Voided("已作废".to_string());
    assert_eq!(reason.to_string(), "作废凭证（“已作废”），未记账，不计入");
    assert_eq!(reason.kind(), "作废凭证");
    assert!(!reason.needs_attention());
    assert!(
        ledger.sheets[0]
            .to_string()
            .contains("凭证状态列 E（凭证状态）"),
        "{}",
        ledger.sheets[0]
    );
}

#[test]
fn a_mark_on_a_later_line_takes_back_the_lines_of_its_voucher_counted_before() {
    let rows = vec![
        row(
            0,
            vec![t("日期"), t("凭证号"), t("摘要"), t("借方"), t("是否作废")],
        ),
        row(
            1,
            vec![t("2017-03-01"), t("8"), t("差旅费"), n(500.0), t("否")],
        ),
        row(
            2,
            vec![t("2017-03-01"), t("8"), t("差旅费"), n(60.0), t("是")],
        ),
        row(
            3,
            vec![t("2017-03-02"), t("9"), t("会议费"), n(70.0), t("否")],
        ),
    ];
    let ledger = read("序时账", rows, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 3, d("70"))]);
    assert_eq!(
        voided(&ledger),
        [
            (1, "是否作废：是".to_string(), Some(d("500"))),
            (2, "是否作废：是".to_string(), Some(d("60"))),
        ]
    );
}

#[test]
fn a_status_column_that_says_booked_leaves_every_line_counted() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额"), t("审核状态")]),
        row(
            1,
            vec![t("2017-01-05"), t("购办公用品"), n(100.0), t("已审核")],
        ),
        row(2, vec![t("2017-01-06"), t("付电费"), n(200.0), t("未审核")]),
        // 是 and Y say nothing in a status column that is no void flag.
        row(3, vec![t("2017-01-07"), t("付邮费"), n(3.0), t("Y")]),
    ];
    let ledger = read("序时账", rows, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger).len(), 3);
    assert!(voided(&ledger).is_empty());
}

#[test]
fn day_and_month_dates_take_the_year_of_the_title() {
    let rows = vec![
        row(0, vec![t("2017年支出明细账")]),
        row(1, vec![t("日期"), t("摘要"), t("金额")]),
        row(2, vec![n(1.15), t("办公费"), n(10.0)]),
        row(3, vec![t("1.15"), t("办公费"), n(20.0)]),
        row(4, vec![t("3.5"), t("差旅费"), n(30.0)]),
        row(5, vec![t("4-15"), t("电费"), n(40.0)]),
        row(6, vec![t("5/1"), t("水费"), n(50.0)]),
        row(7, vec![t("6月15日"), t("邮费"), n(60.0)]),
        // Typed 7.10, kept as 7.1: July whichever day it was.
        row(8, vec![n(7.1), t("会议费"), n(70.0)]),
    ];
    let ledger = read("Sheet1", rows, &ReadOptions::default()).unwrap();
    let months: Vec<(i32, u32)> = ledger.entries.iter().map(|e| (e.year, e.month)).collect();
    assert_eq!(
        months,
        [
            (2017, 1),
            (2017, 1),
            (2017, 3),
            (2017, 4),
            (2017, 5),
            (2017, 6),
            (2017, 7)
        ]
    );
    assert_eq!(
        year_words(&ledger).as_deref(),
        Some("日期只写了月、日，年度来自表格标题或表头")
    );
}

#[test]
fn the_year_of_day_and_month_dates_comes_from_the_sheet_name_then_the_file_name() {
    let rows = || {
        vec![
            row(0, vec![t("日期"), t("摘要"), t("金额")]),
            row(1, vec![n(2.15), t("办公费"), n(10.0)]),
        ]
    };
    for sheet in ["2017年", "2017支出"] {
        let ledger = read(sheet, rows(), &ReadOptions::default()).unwrap();
        assert_eq!(entries(&ledger), [(2017, 2, d("10"))], "{sheet}");
        assert_eq!(
            year_words(&ledger).as_deref(),
            Some(format!("日期只写了月、日，年度来自工作表名「{sheet}」").as_str())
        );
    }
    let options = ReadOptions {
        file_name: Some("2016年办公经费台账.xlsx".to_string()),
        ..ReadOptions::default()
    };
    let ledger = read("Sheet1", rows(), &options).unwrap();
    assert_eq!(entries(&ledger), [(2016, 2, d("10"))]);
    assert_eq!(
        year_words(&ledger).as_deref(),
        Some("日期只写了月、日，年度来自文件名「2016年办公经费台账.xlsx」")
    );
    // The sheet's name comes before the file's; --year before the file's.
    assert_eq!(
        entries(&read("2017支出", rows(), &options).unwrap())[0].0,
        2017
    );
    let given = ReadOptions {
        year: Some(2015),
        ..options
    };
    assert_eq!(entries(&read("Sheet1", rows(), &given).unwrap())[0].0, 2015);
    // A sheet named for another year keeps its rows in that year: --year
    // chooses what is graded, it never moves a 2017 sheet into 2015.
    let other = read("2017支出", rows(), &given).unwrap();
    assert!(other.entries.is_empty());
    assert!(other
        .skipped
        .iter()
        .any(|s| s.reason == SkipReason::OtherYear(2017)));
}

#[test]
fn day_and_month_dates_without_any_year_refuse_the_file() {
    let rows = vec![
        row(0, vec![t("支出明细账")]),
        row(1, vec![t("日期"), t("摘要"), t("金额")]),
        row(2, vec![t("1.15"), t("办公费"), n(10.0)]),
    ];
    let options = ReadOptions {
        file_name: Some("办公经费台账.xlsx".to_string()),
        ..ReadOptions::default()
    };
    let error = read("Sheet1", rows, &options).unwrap_err().to_string();
    for said in [
        "办公经费台账.xlsx",
        "Sheet1",
        "Sheet1!A3",
        "文件名",
        "--year 2017",
    ] {
        assert!(error.contains(said), "{said}: {error}");
    }
}

#[test]
fn full_dates_serials_and_amounts_keep_their_reading() {
    let rows = vec![
        row(0, vec![t("2016年支出明细账")]),
        row(1, vec![t("日期"), t("摘要"), t("金额")]),
        row(2, vec![t("2017-03-05"), t("办公费"), n(1.15)]),
        row(3, vec![n(42795.0), t("办公费"), n(3.5)]),
        row(4, vec![n(20170405.0), t("办公费"), n(12.31)]),
    ];
    let ledger = read("Sheet1", rows, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 3, d("1.15")),
            (2017, 3, d("3.5")),
            (2017, 4, d("12.31"))
        ]
    );
    assert_eq!(ledger.year_source, None);
}

#[test]
fn a_multi_column_book_reads_day_and_month_dates_and_leaves_out_voided_vouchers() {
    let e = || CellValue::Empty;
    let rows = vec![
        row(0, vec![t("2017年单位管理费用多栏账")]),
        row(1, vec![e(), e(), e(), e(), t("借方金额分析")]),
        row(
            2,
            vec![
                t("日期"),
                t("凭证号"),
                t("摘要"),
                t("借方"),
                t("30201 办公费"),
                t("30211 差旅费"),
            ],
        ),
        row(
            3,
            vec![n(1.05), t("记-1"), t("购买用品"), n(200.0), n(200.0)],
        ),
        row(
            4,
            vec![
                n(1.2),
                t("记-2"),
                t("【作废】报销"),
                n(300.0),
                n(120.0),
                n(180.0),
            ],
        ),
        row(
            5,
            vec![
                t("2-3"),
                t("记-3"),
                t("报销差旅费"),
                n(500.0),
                e(),
                n(500.0),
            ],
        ),
    ];
    let ledger = read("多栏账", rows, &ReadOptions::default()).unwrap();
    assert!(
        matches!(ledger.sheets[0].kind, layout::LayoutKind::MultiColumn(_)),
        "{}",
        ledger.sheets[0]
    );
    assert_eq!(entries(&ledger), [(2017, 1, d("200")), (2017, 2, d("500"))]);
    assert_eq!(
        voided(&ledger),
        [(4, "【作废】报销".to_string(), Some(d("300")))]
    );
}

#[test]
fn day_and_month_dates_of_a_fiscal_year_book_take_the_year_of_the_titles_span() {
    let rows = || {
        vec![
            row(0, vec![t("2016年9月—2017年8月经费支出登记簿（单位：元）")]),
            row(1, vec![t("日期"), t("摘要"), t("金额")]),
            row(2, vec![t("9.5"), t("办公费"), n(10.0)]),
            row(3, vec![n(12.2), t("差旅费"), n(20.0)]),
            row(4, vec![t("12.28"), t("邮费"), n(30.0)]),
            row(5, vec![t("1.15"), t("办公费"), n(40.0)]),
            row(6, vec![n(8.24), t("电费"), n(50.0)]),
        ]
    };
    let ledger = read("登记簿", rows(), &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2016, 9, d("10")),
            (2016, 12, d("20")),
            (2016, 12, d("30")),
            (2017, 1, d("40")),
            (2017, 8, d("50"))
        ]
    );
    assert_eq!(
        year_words(&ledger).as_deref(),
        Some("日期只写了月、日，年度来自表格标题「2016年9月—2017年8月经费支出登记簿（单位：元）」：9—12 月为 2016 年，1—8 月为 2017 年")
    );
    // --year chooses among the span's years; it does not move rows into its own.
    let options = ReadOptions {
        year: Some(2017),
        ..ReadOptions::default()
    };
    let ledger = read("登记簿", rows(), &options).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("40")), (2017, 8, d("50"))]);
    let other_years: Vec<(u32, Option<Decimal>)> = ledger
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::OtherYear(2016))
        .map(|s| (s.row, s.amount_yuan))
        .collect();
    assert_eq!(
        other_years,
        [(2, Some(d("10"))), (3, Some(d("20"))), (4, Some(d("30")))]
    );
}

#[test]
fn a_span_in_the_file_name_serves_a_book_without_a_title() {
    let rows = vec![
        row(0, vec![t("日期"), t("摘要"), t("金额")]),
        row(1, vec![t("10.8"), t("办公费"), n(10.0)]),
        row(2, vec![t("3.1"), t("差旅费"), n(20.0)]),
    ];
    let options = ReadOptions {
        file_name: Some("登记簿2016.9-2017.8.xlsx".to_string()),
        ..ReadOptions::default()
    };
    let ledger = read("Sheet1", rows, &options).unwrap();
    assert_eq!(entries(&ledger), [(2016, 10, d("10")), (2017, 3, d("20"))]);
    assert!(year_words(&ledger)
        .as_deref()
        .is_some_and(|s| s.contains("来自文件名「登记簿2016.9-2017.8.xlsx」")));
    // A year the title names comes first, as for any date without its year.
    let titled = vec![
        row(0, vec![t("2017年支出登记簿")]),
        row(1, vec![t("日期"), t("摘要"), t("金额")]),
        row(2, vec![t("10.8"), t("办公费"), n(10.0)]),
    ];
    let ledger = read("Sheet1", titled, &options).unwrap();
    assert_eq!(entries(&ledger), [(2017, 10, d("10"))]);
}

#[test]
fn a_year_merged_down_the_table_dates_every_line_under_it() {
    // 年 | 月 | 日 with A2:A5 merged (2017 in A2 only); 月 and 日 on every line.
    let rows = vec![
        row(0, vec![t("年"), t("月"), t("日"), t("摘要"), t("金额")]),
        row(1, vec![n(2017.0), n(1.0), n(3.0), t("办公费"), n(10.0)]),
        row(
            2,
            vec![CellValue::Empty, n(1.0), n(9.0), t("差旅费"), n(20.0)],
        ),
        row(
            3,
            vec![CellValue::Empty, n(2.0), n(1.0), t("邮费"), n(30.0)],
        ),
        row(
            4,
            vec![CellValue::Empty, n(3.0), n(5.0), t("电费"), n(40.0)],
        ),
    ];
    let ledger = read_merged(
        "台账",
        rows,
        &ReadOptions::default(),
        vec![merged_down(0, 1, 4)],
    )
    .unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("10")),
            (2017, 1, d("20")),
            (2017, 2, d("30")),
            (2017, 3, d("40"))
        ]
    );
    assert!(ledger.skipped.is_empty(), "{:?}", ledger.skipped);
}

#[test]
fn merged_year_and_month_cells_read_their_own_top_value_across_a_months_total() {
    // A2:A8 merged (2017); B2:B3 merged (1), B5:B7 merged (2); a 本月合计 row
    // between the months, and February's first line has an unreadable amount:
    // the lines under it are February's all the same, not the last counted month's.
    let empty = || CellValue::Empty;
    let rows = vec![
        row(0, vec![t("年"), t("月"), t("日"), t("摘要"), t("金额")]),
        row(1, vec![n(2017.0), n(1.0), n(3.0), t("办公费"), n(10.0)]),
        row(2, vec![empty(), empty(), n(9.0), t("差旅费"), n(20.0)]),
        row(3, vec![empty(), empty(), empty(), t("本月合计"), n(30.0)]),
        row(4, vec![empty(), n(2.0), n(1.0), t("邮费"), t("见附件")]),
        row(5, vec![empty(), empty(), n(7.0), t("电费"), n(50.0)]),
        row(6, vec![empty(), empty(), n(9.0), t("水费"), n(60.0)]),
        row(7, vec![empty(), n(3.0), n(2.0), t("办公费"), n(70.0)]),
    ];
    let merged = vec![
        merged_down(0, 1, 7),
        merged_down(1, 1, 2),
        merged_down(1, 4, 6),
    ];
    let ledger = read_merged("台账", rows, &ReadOptions::default(), merged).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("10")),
            (2017, 1, d("20")),
            (2017, 2, d("50")),
            (2017, 2, d("60")),
            (2017, 3, d("70"))
        ]
    );
    assert_eq!((ledger.tie_out.total, ledger.tie_out.mismatches), (1, 0));
}

#[test]
fn a_year_written_once_is_carried_to_the_lines_right_under_it() {
    // Not merged: the 年 cell left blank under a dated line takes its year;
    // the month written on the row is the row's own.
    let rows = vec![
        row(0, vec![t("年"), t("月"), t("日"), t("摘要"), t("金额")]),
        row(1, vec![n(2017.0), n(1.0), n(3.0), t("办公费"), n(10.0)]),
        row(
            2,
            vec![CellValue::Empty, n(2.0), n(9.0), t("差旅费"), n(20.0)],
        ),
    ];
    let ledger = read("台账", rows, &ReadOptions::default()).unwrap();
    assert_eq!(entries(&ledger), [(2017, 1, d("10")), (2017, 2, d("20"))]);
}

#[test]
fn quarter_rows_of_a_monthly_table_are_tied_out_against_their_months() {
    use crate::ledger::tieout::TieOutStatus;
    let rows = vec![
        row(0, vec![t("2017年经费支出月报（金额单位：元）")]),
        row(1, vec![t("月份"), t("支出金额"), t("备注")]),
        row(2, vec![t("1月"), n(100.0)]),
        row(3, vec![t("2月"), n(200.0)]),
        row(4, vec![t("3月"), n(300.0)]),
        row(5, vec![t("第一季度"), n(600.0)]),
        row(6, vec![t("4月"), n(10.0)]),
        row(7, vec![t("5月"), n(20.0)]),
        row(8, vec![t("6月"), n(30.0)]),
        // A yuan off: 不符.
        row(9, vec![t("二季度合计"), n(61.0)]),
        // No month of the quarter read: 未能核对.
        row(10, vec![t("3季度"), n(5.0)]),
        row(11, vec![t("合计"), n(660.0)]),
    ];
    let ledger = read("月报", rows, &ReadOptions::default()).unwrap();
    assert_eq!(
        entries(&ledger),
        [
            (2017, 1, d("100")),
            (2017, 2, d("200")),
            (2017, 3, d("300")),
            (2017, 4, d("10")),
            (2017, 5, d("20")),
            (2017, 6, d("30"))
        ]
    );
    let left_out: Vec<(u32, SkipReason)> = ledger
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.clone()))
        .collect();
    assert_eq!(
        left_out,
        [
            (5, SkipReason::SummaryRow("第一季度".to_string())),
            (9, SkipReason::SummaryRow("二季度合计".to_string())),
            (10, SkipReason::SummaryRow("3季度".to_string())),
            (11, SkipReason::SummaryRow("合计".to_string())),
        ]
    );
    let checks: Vec<(TieOutStatus, Decimal, Decimal)> = ledger
        .tie_out
        .checks
        .iter()
        .map(|c| (c.status(), c.book_yuan, c.jixiao_yuan))
        .collect();
    assert_eq!(
        checks,
        [
            (TieOutStatus::Matched, d("600"), d("600")),
            (TieOutStatus::Mismatched, d("61"), d("60")),
            (TieOutStatus::Unchecked, d("5"), d("0")),
            (TieOutStatus::Matched, d("660"), d("660")),
        ]
    );
    assert!(ledger.tie_out.checks[0]
        .what
        .ends_with("「第一季度」：1—3 月支出之和"));
}

#[test]
fn quarter_totals_of_a_journal_tie_out_against_the_quarters_lines() {
    use crate::ledger::tieout::TieOutStatus;
    let rows = vec![
        row(0, vec![t("2017年支出明细账（单位：元）")]),
        row(1, vec![t("日期"), t("摘要"), t("金额")]),
        row(2, vec![t("2017-01-05"), t("办公费"), n(10.0)]),
        row(3, vec![t("2017-02-05"), t("差旅费"), n(20.0)]),
        row(4, vec![t("2017-03-05"), t("邮费"), n(30.0)]),
        row(5, vec![CellValue::Empty, t("第一季度合计"), n(60.0)]),
        row(6, vec![t("2017-04-05"), t("办公费"), n(5.0)]),
        row(7, vec![t("2017-05-05"), t("电费"), n(6.0)]),
        row(8, vec![CellValue::Empty, t("二季度小计"), n(11.0)]),
        // Nothing of the fourth quarter read above it: 未能核对, not 不符.
        row(9, vec![CellValue::Empty, t("第四季度"), n(7.0)]),
    ];
    let ledger = read("明细账", rows, &ReadOptions::default()).unwrap();
    assert_eq!(ledger.entries.len(), 5);
    let checks: Vec<(TieOutStatus, Decimal, Decimal)> = ledger
        .tie_out
        .checks
        .iter()
        .map(|c| (c.status(), c.book_yuan, c.jixiao_yuan))
        .collect();
    assert_eq!(
        checks,
        [
            (TieOutStatus::Matched, d("60"), d("60")),
            (TieOutStatus::Matched, d("11"), d("11")),
            (TieOutStatus::Unchecked, d("7"), d("0")),
        ]
    );
    assert_eq!(ledger.tie_out.mismatches, 0);
}

/// Issue 20, point 6: an amount too big to sum is unreadable, in either form.
#[test]
fn an_amount_too_big_to_sum_is_unreadable_as_text_and_as_number() {
    use crate::ledger::layout::Unit;
    use crate::ledger::rows::read_amount;
    for cell in [
        t("79228162514264337593543950335"),
        t("99999999999999999999999999999999"),
        n(7.9e28),
        t("1,000,000,000,000,000"),
    ] {
        assert!(
            matches!(
                read_amount(&cell, Unit::Yuan),
                Err(SkipReason::UnreadableAmount(_))
            ),
            "{cell:?}"
        );
    }
    assert!(matches!(
        read_amount(&t("7922816251426433759354395033"), Unit::Wan),
        Err(SkipReason::UnreadableAmount(_))
    ));
    assert_eq!(read_amount(&t("12.5"), Unit::Wan), Ok(d("125000")));
}

/// Where the ledger says its year came from, in the words the edge gives it.
fn year_words(ledger: &crate::ledger::Ledger) -> Option<String> {
    ledger
        .year_source
        .as_ref()
        .map(|source| crate::report::provenance::year_source_words(Some(source), None))
}

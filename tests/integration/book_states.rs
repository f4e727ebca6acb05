//! Issue 18: what the book states, jixiao reads, and where a sheet allows more
//! than one reading the book's own totals choose — a unit stated in the title
//! block beside the organisation (`编制单位：…　　金额单位：元`), a statement by
//! economic classification whose 类 stands merged beside the 款 column, a
//! payments journal with two columns that could be the amount, and a sheet
//! without a recognisable header refused with the setting lines that read it.
//!
//! Every book holds the seed department's 2017 months, known to the cent.

use crate::samples::{balanced_month, decimal_f64, SEED_GRADES, SEED_MONTHS_WAN};
use crate::support::{jixiao, json_of, read_sheet, stderr_of, write_fixture, Fx, TempDir};
use rust_decimal::Decimal;
use Fx::{Blank, N, S};

/// Runs jixiao with the seed's budget and `--json` on `input`; the run's
/// JSON, stderr and exit code.
fn grade(input: &std::path::Path) -> (serde_json::Value, String, i32) {
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    (
        json_of(&output),
        stderr_of(&output),
        output.status.code().unwrap_or(-1),
    )
}

/// The 2017 months' (amount_wan, grade) for January–August.
fn seed_result(json: &serde_json::Value) -> Vec<(String, String)> {
    let year = &json["files"][0]["years"][0];
    assert_eq!(year["year"].as_i64(), Some(2017), "{json}");
    year["months"]
        .as_array()
        .unwrap()
        .iter()
        .take(8)
        .map(|m| {
            (
                m["amount_wan"].as_str().unwrap_or("?").to_string(),
                m["grade"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect()
}

fn expected() -> Vec<(String, String)> {
    SEED_MONTHS_WAN
        .iter()
        .zip(SEED_GRADES)
        .map(|(a, g)| (a.to_string(), g.to_string()))
        .collect()
}

fn warning_codes(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .filter_map(|w| w["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A month's seed spending in 元.
fn month_yuan(month: u32) -> Decimal {
    balanced_month(month).iter().map(|(_, yuan)| *yuan).sum()
}

#[test]
fn a_unit_stated_beside_the_organisation_in_the_title_block_is_read() {
    let dir = TempDir::new("book-states-unit");
    let input = dir.path().join("支出进度.xlsx");
    let amounts: Vec<f64> = (1..=8).map(|m| decimal_f64(month_yuan(m))).collect();
    let mut rows = vec![
        vec![S("2017年支出执行进度表")],
        vec![S("编制单位：州政务服务管理局　　金额单位：元")],
        vec![S("月份"), S("本月支出数"), S("备注")],
    ];
    let names = [
        "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月",
    ];
    for (name, amount) in names.iter().zip(&amounts) {
        rows.push(vec![S(name), N(*amount), Blank]);
    }
    write_fixture(&input, "进度", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert!(!warning_codes(&json).contains(&"unit_assumed".to_string()));
    assert!(
        stderr.contains("单位：元（来自 进度!A2 的“编制单位：州政务服务管理局　　金额单位：元”）"),
        "{stderr}"
    );
}

/// The seed months split over four 款 in two 类, in 万元, the 类 merged down
/// beside its 款 (`类 | 款 | 1月 … 12月 | 合计`).
fn write_merged_class_statement(path: &std::path::Path) {
    let items = [
        ("工资福利支出", "基本工资", 50),
        ("工资福利支出", "机关事业单位基本养老保险缴费", 10),
        ("商品和服务支出", "办公费", 25),
        ("商品和服务支出", "差旅费", 0),
    ];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("分月支出").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    sheet.write_string(0, 0, "2017年分经济分类支出表").unwrap();
    sheet.write_string(1, 13, "单位：万元").unwrap();
    sheet.write_string(2, 0, "类").unwrap();
    sheet.write_string(2, 1, "款").unwrap();
    for month in 1..=12u16 {
        sheet
            .write_string(2, 1 + month, format!("{month}月"))
            .unwrap();
    }
    sheet.write_string(2, 14, "合计").unwrap();
    let mut column_totals = [Decimal::ZERO; 8];
    for (position, (_, item, percent)) in items.iter().enumerate() {
        let row = 3 + position as u32;
        sheet.write_string(row, 1, *item).unwrap();
        let mut row_total = Decimal::ZERO;
        for month in 1..=8usize {
            let total: Decimal = SEED_MONTHS_WAN[month - 1].parse().unwrap();
            let share = if position == items.len() - 1 {
                // The last item takes what is left, so each month adds up.
                total - column_totals[month - 1]
            } else {
                (total * Decimal::from(*percent) / Decimal::from(100)).round_dp(2)
            };
            column_totals[month - 1] += share;
            row_total += share;
            sheet
                .write_number(row, 1 + month as u16, decimal_f64(share))
                .unwrap();
        }
        sheet.write_number(row, 14, decimal_f64(row_total)).unwrap();
    }
    sheet
        .merge_range(3, 0, 4, 0, "工资福利支出", &plain)
        .unwrap();
    sheet
        .merge_range(5, 0, 6, 0, "商品和服务支出", &plain)
        .unwrap();
    sheet.write_string(7, 0, "合计").unwrap();
    for (month, total) in column_totals.iter().enumerate() {
        sheet
            .write_number(7, 2 + month as u16, decimal_f64(*total))
            .unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_statement_with_its_class_merged_beside_the_items_counts_every_item() {
    let dir = TempDir::new("book-states-merged-class");
    let input = dir.path().join("分经济分类.xlsx");
    write_merged_class_statement(&input);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert_eq!(
        json["files"][0]["tie_out_mismatches"].as_u64(),
        Some(0),
        "{stderr}"
    );
    assert!(stderr.contains("项目列 B（款）"), "{stderr}");
    assert!(!stderr.contains("上级"), "{stderr}");
}

/// A payments journal: `金额` is what was claimed, `实付金额` what was paid
/// (the seed's lines), and each 本月合计 totals only what was paid.
fn payments_rows(with_totals: bool) -> Vec<Vec<Fx<'static>>> {
    let mut rows = vec![vec![S("日期"), S("摘要"), S("金额"), S("实付金额")]];
    for month in 1..=8u32 {
        let lines = balanced_month(month);
        for (index, (line, yuan)) in lines.iter().enumerate() {
            // Some claims were cut before payment.
            let claimed = if index % 3 == 0 {
                *yuan + Decimal::from(100)
            } else {
                *yuan
            };
            rows.push(vec![
                Fx::D(2017, month as u8, line.day),
                S(line.summary),
                N(decimal_f64(claimed)),
                N(decimal_f64(*yuan)),
            ]);
        }
        if with_totals {
            rows.push(vec![
                Blank,
                S("本月合计"),
                Blank,
                N(decimal_f64(month_yuan(month))),
            ]);
        }
    }
    rows
}

#[test]
fn the_books_totals_choose_between_two_amount_columns() {
    let dir = TempDir::new("book-states-readings");
    let input = dir.path().join("支付明细.xlsx");
    write_fixture(&input, "支付明细", &payments_rows(true));
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"].as_u64(), Some(0));
    assert!(warning_codes(&json).contains(&"reading_chosen".to_string()));
    assert!(stderr.contains("只有它与台账自列的合计相符"), "{stderr}");
    let workbook = dir.path().join("支付明细_绩效自评.xlsx");
    let check = read_sheet(&workbook, Some("数据检查"));
    let readings: Vec<&Vec<String>> = check
        .iter()
        .filter(|row| row.first().is_some_and(|c| c == "读法"))
        .collect();
    assert_eq!(readings.len(), 1, "{check:?}");
    assert!(
        readings[0][1].contains("按D（实付金额）计算") && readings[0][1].contains("按C（金额）"),
        "{:?}",
        readings[0]
    );
}

#[test]
fn readings_the_book_cannot_settle_are_warned_with_the_setting_that_fixes_them() {
    let dir = TempDir::new("book-states-readings-open");
    let input = dir.path().join("支付明细.xlsx");
    write_fixture(&input, "支付明细", &payments_rows(false));
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert!(warning_codes(&json).contains(&"reading_chosen".to_string()));
    assert!(stderr.contains("--amount-col D"), "{stderr}");
    // With the column given, the seed's months and no warning of readings.
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--amount-col".as_ref(),
        "D".as_ref(),
        "--overwrite".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let json = json_of(&output);
    assert_eq!(seed_result(&json), expected());
    assert!(!warning_codes(&json).contains(&"reading_chosen".to_string()));
}

#[test]
fn a_sheet_without_a_known_header_is_refused_with_the_lines_that_read_it() {
    let dir = TempDir::new("book-states-near-miss");
    let input = dir.path().join("登记簿.xlsx");
    let mut rows = vec![
        vec![S("2017年经费登记簿")],
        vec![S("时日"), S("事由"), S("经手人"), S("数目")],
    ];
    for month in 1..=8u32 {
        for (line, yuan) in balanced_month(month) {
            rows.push(vec![
                Fx::D(2017, month as u8, line.day),
                S(line.summary),
                S("张三"),
                N(decimal_f64(yuan)),
            ]);
        }
    }
    write_fixture(&input, "登记", &rows);
    let (_, stderr, code) = grade(&input);
    assert_ne!(code, 0);
    assert!(stderr.contains("登记簿.xlsx"), "{stderr}");
    assert!(
        stderr
            .contains("第 2 行（时日、事由、经手人、数目）最像表头，但其中没有认出日期列和金额列"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--header-row 2 --date-col A --amount-col D"),
        "{stderr}"
    );
    assert_eq!(dir.file_names(), ["登记簿.xlsx"]);
    // The lines it gives read the file.
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--header-row".as_ref(),
        "2".as_ref(),
        "--date-col".as_ref(),
        "A".as_ref(),
        "--amount-col".as_ref(),
        "D".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(seed_result(&json_of(&output)), expected());
}

#[test]
fn a_book_whose_months_stand_in_title_rows_reads_each_line_under_its_month() {
    let dir = TempDir::new("book-states-month-titles");
    let input = dir.path().join("经费账.xlsx");
    let names = [
        "一月份",
        "二月份",
        "三月份",
        "四月份",
        "五月份",
        "六月份",
        "七月份",
        "八月份",
    ];
    let mut rows = vec![
        vec![S("2017年经费支出登记（单位：元）")],
        vec![S("日"), S("凭证号"), S("摘要"), S("金额")],
    ];
    for (month, name) in (1..=8u32).zip(names) {
        rows.push(vec![S(name)]);
        for (line, yuan) in balanced_month(month) {
            rows.push(vec![
                N(f64::from(line.day)),
                S("记"),
                S(line.summary),
                N(decimal_f64(yuan)),
            ]);
        }
        rows.push(vec![
            Blank,
            Blank,
            S("本月合计"),
            N(decimal_f64(month_yuan(month))),
        ]);
    }
    write_fixture(&input, "登记", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"].as_u64(), Some(0));
    assert!(stderr.contains("月份取自其上的月份标题行"), "{stderr}");
}

/// A text cell made in the test (a fixture holds borrowed text; these few
/// strings live as long as the test binary).
fn owned(text: String) -> Fx<'static> {
    S(Box::leak(text.into_boxed_str()))
}

/// The seed's voucher lines of `months`, as `日期 | 凭证号 | 摘要 | 科目 | 金额` rows,
/// voucher numbers restarting with every sheet.
fn journal_rows(months: std::ops::RangeInclusive<u32>) -> Vec<Vec<Fx<'static>>> {
    let mut rows = vec![vec![
        S("日期"),
        S("凭证号"),
        S("摘要"),
        S("科目"),
        S("金额"),
    ]];
    let mut number = 0;
    for month in months {
        for (line, yuan) in balanced_month(month) {
            number += 1;
            rows.push(vec![
                Fx::D(2017, month as u8, line.day),
                owned(format!("记-{number}")),
                S(line.summary),
                S(line.account),
                N(decimal_f64(yuan)),
            ]);
        }
    }
    rows
}

#[test]
fn sheets_of_one_book_that_open_alike_are_read_not_taken_for_copies() {
    // Quarter sheets whose lines read alike (发放工资, 基本工资, 记-1 …
    // restarting): their texts repeat, their dates and figures do not.
    let dir = TempDir::new("book-states-quarters");
    let input = dir.path().join("分季.xlsx");
    let uniform = |months| {
        let mut rows = journal_rows(months);
        for row in rows.iter_mut().skip(1) {
            row[2] = S("发放工资");
            row[3] = S("基本工资");
        }
        rows
    };
    let (q1, q2, q3) = (uniform(1..=3), uniform(4..=6), uniform(7..=8));
    crate::support::write_fixture_sheets(
        &input,
        &[("一季度", &q1), ("二季度", &q2), ("三季度", &q3)],
    );
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert!(!stderr.contains("副本"), "{stderr}");
}

#[test]
fn the_accounting_period_decides_the_month_of_a_voucher_dated_after_it() {
    let dir = TempDir::new("book-states-period");
    let input = dir.path().join("序时账.xlsx");
    let mut rows = vec![
        vec![S("序时账  2017年  单位：元")],
        vec![
            S("会计期间"),
            S("凭证日期"),
            S("凭证号"),
            S("摘要"),
            S("科目名称"),
            S("借方金额"),
        ],
    ];
    for month in 1..=8u32 {
        let lines = balanced_month(month);
        let last = lines.len() - 1;
        for (index, (line, yuan)) in lines.into_iter().enumerate() {
            // The month's last voucher is made on the 2nd of the next month.
            let (m, day) = if index == last {
                (month + 1, 2)
            } else {
                (month, line.day)
            };
            rows.push(vec![
                owned(format!("2017.{month:02}")),
                Fx::D(2017, m as u8, day),
                S("记"),
                S(line.summary),
                S(line.account),
                N(decimal_f64(yuan)),
            ]);
        }
        rows.push(vec![
            owned(format!("2017.{month:02}")),
            Blank,
            Blank,
            S("本月合计"),
            Blank,
            N(decimal_f64(month_yuan(month))),
        ]);
    }
    write_fixture(&input, "序时账", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    let september = &json["files"][0]["years"][0]["months"][8];
    assert!(september["grade"].is_null(), "{september}");
}

#[test]
fn a_journal_whose_date_is_only_its_month_counts_every_line() {
    let dir = TempDir::new("book-states-month-column");
    let input = dir.path().join("经费台账.xlsx");
    let mut rows = vec![
        vec![S("2017年经费支出台账（单位：元）")],
        vec![S("月份"), S("凭证号"), S("摘要"), S("支出科目"), S("金额")],
    ];
    for month in 1..=8u32 {
        for (line, yuan) in balanced_month(month) {
            rows.push(vec![
                owned(format!("{month}月")),
                S("记"),
                S(line.summary),
                S(line.account),
                N(decimal_f64(yuan)),
            ]);
        }
    }
    write_fixture(&input, "台账", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
}

#[test]
fn entries_one_per_row_count_what_was_spent_from_the_debited_account() {
    let dir = TempDir::new("book-states-entries");
    let input = dir.path().join("分录登记簿.xlsx");
    let mut rows = vec![
        vec![S("2017年会计分录登记簿  单位：元")],
        vec![
            S("日期"),
            S("凭证号"),
            S("摘要"),
            S("借方科目"),
            S("贷方科目"),
            S("金额"),
        ],
    ];
    for month in 1..=8u32 {
        // Money received and cash drawn are no spending.
        rows.push(vec![
            Fx::D(2017, month as u8, 1),
            S("记"),
            S("收到财政拨款"),
            S("零余额账户用款额度"),
            S("财政拨款收入"),
            N(315_400.0),
        ]);
        rows.push(vec![
            Fx::D(2017, month as u8, 2),
            S("记"),
            S("提取现金"),
            S("库存现金"),
            S("零余额账户用款额度"),
            N(3_000.0),
        ]);
        for (line, yuan) in balanced_month(month) {
            rows.push(vec![
                Fx::D(2017, month as u8, line.day),
                S("记"),
                S(line.summary),
                S(line.account),
                S("零余额账户用款额度"),
                N(decimal_f64(yuan)),
            ]);
        }
    }
    write_fixture(&input, "分录", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert!(stderr.contains("科目名称列 D（借方科目）"), "{stderr}");
}

#[test]
fn a_date_merged_over_month_and_day_columns_is_read() {
    let dir = TempDir::new("book-states-date-over-md");
    let input = dir.path().join("支出账.xlsx");
    let mut rows = vec![
        vec![S("某某局2017年经费支出账（单位：元）")],
        vec![
            S("日期"),
            Blank,
            S("凭证号"),
            S("摘要"),
            S("科目"),
            S("金额"),
        ],
        vec![S("月"), S("日")],
    ];
    for month in 1..=8u32 {
        for (line, yuan) in balanced_month(month) {
            rows.push(vec![
                N(f64::from(month)),
                N(f64::from(line.day)),
                S("记"),
                S(line.summary),
                S(line.account),
                N(decimal_f64(yuan)),
            ]);
        }
        rows.push(vec![
            Blank,
            Blank,
            Blank,
            S("本月合计"),
            Blank,
            N(decimal_f64(month_yuan(month))),
        ]);
    }
    write_fixture(&input, "支出账", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"].as_u64(), Some(0));
}

#[test]
fn a_sheet_named_for_another_year_is_never_graded_as_the_year_asked_for() {
    let dir = TempDir::new("book-states-year-sheets");
    let input = dir.path().join("两年.xlsx");
    let year_rows = |months: std::ops::RangeInclusive<u32>, scale: i64| {
        let mut rows = vec![vec![S("月"), S("日"), S("摘要"), S("科目"), S("金额")]];
        for month in months {
            // The seed has eight months; the last year's autumn repeats its spring.
            for (line, yuan) in balanced_month((month - 1) % 8 + 1) {
                rows.push(vec![
                    N(f64::from(month)),
                    N(f64::from(line.day)),
                    S(line.summary),
                    S(line.account),
                    N(decimal_f64(yuan * Decimal::from(scale) / Decimal::from(2))),
                ]);
            }
        }
        rows
    };
    let (last_year, this_year) = (year_rows(1..=12, 1), year_rows(1..=8, 2));
    crate::support::write_fixture_sheets(&input, &[("2016年", &last_year), ("2017年", &this_year)]);
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--year".as_ref(),
        "2017".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let json = json_of(&output);
    assert_eq!(seed_result(&json), expected(), "{}", stderr_of(&output));
    let september = &json["files"][0]["years"][0]["months"][8];
    assert!(september["grade"].is_null(), "{september}");
}

#[test]
fn dates_with_a_two_digit_year_are_read() {
    let dir = TempDir::new("book-states-short-years");
    let input = dir.path().join("支出.xlsx");
    let mut rows = vec![
        vec![S("经费支出（单位：元）")],
        vec![S("日期"), S("摘要"), S("金额")],
    ];
    let forms = [
        "17-{m}-{d}",
        "17/{m}/{d}",
        "17.{m:02}.{d:02}",
        "17年{m}月{d}日",
    ];
    for month in 1..=8u32 {
        for (index, (line, yuan)) in balanced_month(month).into_iter().enumerate() {
            let date = forms[index % forms.len()]
                .replace("{m}", &month.to_string())
                .replace("{d}", &line.day.to_string())
                .replace("{m:02}", &format!("{month:02}"))
                .replace("{d:02}", &format!("{:02}", line.day));
            rows.push(vec![owned(date), S(line.summary), N(decimal_f64(yuan))]);
        }
    }
    write_fixture(&input, "支出", &rows);
    let (json, stderr, code) = grade(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seed_result(&json), expected(), "{stderr}");
}

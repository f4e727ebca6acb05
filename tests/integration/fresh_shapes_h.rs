//! Fresh ledger shapes (shapes-d R11, R3, b80): a hand-kept fiscal-year book
//! (September 2016 – August 2017) whose dates are month and day only; 年 | 月 |
//! 日 books whose 年 (and 月) cells are merged down; a monthly table with
//! quarter rows between the months.
//!
//! Every book holds the seed department's 2017 months, known to the cent
//! (`balanced_month`), graded with the seed's budget of 322.95 万元.

use crate::samples::{balanced_month, decimal_f64, SEED_MONTHS_WAN};
use crate::support::{jixiao, json_of, read_sheet, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;

/// Runs jixiao with the seed's budget, `--json` and `extra` arguments on
/// `input`; returns the result folder, the file's JSON and the 数据检查 sheet.
fn grade(input: &Path, extra: &[&str]) -> (TempDir, serde_json::Value, Vec<Vec<String>>) {
    let out = TempDir::new("fresh-shapes-h");
    let mut args: Vec<std::ffi::OsString> = ["--budget", "322.95", "--json", "--no-docx"]
        .iter()
        .chain(extra)
        .map(Into::into)
        .collect();
    args.extend(["--out-dir".into(), out.path().as_os_str().to_owned()]);
    args.push(input.as_os_str().to_owned());
    let output = jixiao(args);
    let json = json_of(&output);
    let file = json["files"][0].clone();
    assert_eq!(file["ok"], true, "{file}");
    let stem = input
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let check = read_sheet(
        &out.path().join(format!("{stem}_绩效自评.xlsx")),
        Some("数据检查"),
    );
    (out, file, check)
}

/// The first eight months' 支出金额（万元） of `year`, or nothing when the
/// result has no such year.
fn months_of(file: &serde_json::Value, year: i64) -> Vec<String> {
    file["years"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|y| y["year"].as_i64() == Some(year))
        .flat_map(|y| y["months"].as_array().cloned().unwrap_or_default())
        .take(8)
        .map(|m| m["amount_wan"].as_str().unwrap_or("?").to_string())
        .collect()
}

fn warnings(file: &serde_json::Value) -> Vec<String> {
    file["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| w["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The 数据检查 value on the row labelled `label`.
fn fact(check: &[Vec<String>], label: &str) -> String {
    check
        .iter()
        .find(|r| r.first().is_some_and(|c| c == label))
        .and_then(|r| r.get(1).cloned())
        .unwrap_or_else(|| panic!("no {label} in 数据检查: {check:?}"))
}

fn seed() -> Vec<String> {
    SEED_MONTHS_WAN.iter().map(|s| s.to_string()).collect()
}

fn month_total(month: u32) -> Decimal {
    balanced_month(month)
        .iter()
        .map(|(_, amount)| *amount)
        .sum()
}

/// The autumn of 2016 in the fiscal-year book: one line a month.
const AUTUMN_2016: [(u32, u32, &str, f64); 4] = [
    (9, 5, "支付基本工资", 251_300.00),
    (10, 12, "购置办公用品", 183_417.25),
    (11, 3, "报销差旅费", 302_000.50),
    (12, 20, "支付物业费", 191_454.25),
];

/// 「2016年9月—2017年8月经费支出登记簿」: dates typed as `9.5`, `12.20` (text)
/// or kept by Excel as the number 1.15, a 本月合计 under each month.
fn write_fiscal_year_book(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("登记簿").unwrap();
    sheet
        .merge_range(
            0,
            0,
            0,
            3,
            "2016年9月—2017年8月经费支出登记簿（单位：元）",
            &Format::new(),
        )
        .unwrap();
    for (c, header) in ["日期", "摘要", "科目", "金额"].iter().enumerate() {
        sheet.write_string(1, c as u16, *header).unwrap();
    }
    let mut r = 2;
    let month_end = |sheet: &mut Worksheet, r: &mut u32, total: f64| {
        sheet.write_string(*r, 1, "本月合计").unwrap();
        sheet.write_number(*r, 3, total).unwrap();
        *r += 1;
    };
    for (month, day, summary, amount) in AUTUMN_2016 {
        sheet.write_string(r, 0, format!("{month}.{day}")).unwrap();
        sheet.write_string(r, 1, summary).unwrap();
        sheet.write_number(r, 3, amount).unwrap();
        r += 1;
        month_end(sheet, &mut r, amount);
    }
    for month in 1..=8 {
        for (i, (line, amount)) in balanced_month(month).into_iter().enumerate() {
            // Every other date as the number Excel keeps for a typed 1.15,
            // when the number says the day (1.10 would be kept as 1.1).
            if i % 2 == 0 && line.day % 10 != 0 {
                let number: f64 = format!("{month}.{:02}", line.day).parse().unwrap();
                sheet.write_number(r, 0, number).unwrap();
            } else {
                sheet
                    .write_string(r, 0, format!("{month}.{}", line.day))
                    .unwrap();
            }
            sheet.write_string(r, 1, line.summary).unwrap();
            sheet.write_string(r, 2, line.account).unwrap();
            sheet.write_number(r, 3, decimal_f64(amount)).unwrap();
            r += 1;
        }
        month_end(sheet, &mut r, decimal_f64(month_total(month)));
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_fiscal_year_books_month_day_dates_take_the_year_of_the_titles_span() {
    let dir = TempDir::new("fiscal-year-book");
    let input = dir.path().join("登记簿.xlsx");
    write_fiscal_year_book(&input);
    let (_out, file, check) = grade(&input, &[]);
    // The autumn is 2016's, the spring and summer 2017's: no year holds both.
    assert_eq!(months_of(&file, 2017), seed(), "{file}");
    assert_eq!(file["tie_out_mismatches"], 0, "{file}");
    assert_eq!(file["tie_out_total"], 12, "{file}");
    assert!(fact(&check, "评价年度").ends_with(
        "（日期只写了月、日，年度来自表格标题「2016年9月—2017年8月经费支出登记簿（单位：元）」：9—12 月为 2016 年，1—8 月为 2017 年）"
    ));

    // --year 2017: January–August exact; the 2016 rows left out as another year.
    let (_out, file, _) = grade(&input, &["--year", "2017"]);
    assert_eq!(months_of(&file, 2017), seed(), "{file}");
    let autumn: Vec<String> = file["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .skip(8)
        .map(|m| format!("{} {}", m["amount_wan"], m["grade"]))
        .collect();
    assert_eq!(autumn, ["\"0.00\" null"; 4], "{file}");
    assert_eq!(file["tie_out_mismatches"], 0);
    assert!(warnings(&file).contains(&"other_years_left_out".to_string()));
}

/// A 年 | 月 | 日 book with the 年 cell merged over every line (2017 in the
/// top cell only); `month_merged` merges each month's 月 cells too, and puts
/// a 本月合计 under each month (its 月 cell blank, outside the month's merge).
fn write_merged_ymd_book(path: &Path, month_merged: bool) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("台账").unwrap();
    let centre = Format::new();
    for (c, header) in ["年", "月", "日", "摘要", "科目", "金额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    let mut r = 1;
    for month in 1..=8 {
        let lines = balanced_month(month);
        let first = r;
        for (line, amount) in &lines {
            if !month_merged {
                sheet.write_number(r, 1, f64::from(month)).unwrap();
            }
            sheet.write_number(r, 2, f64::from(line.day)).unwrap();
            sheet.write_string(r, 3, line.summary).unwrap();
            sheet.write_string(r, 4, line.account).unwrap();
            sheet.write_number(r, 5, decimal_f64(*amount)).unwrap();
            r += 1;
        }
        if month_merged {
            sheet.merge_range(first, 1, r - 1, 1, "", &centre).unwrap();
            sheet.write_number(first, 1, f64::from(month)).unwrap();
            sheet.write_string(r, 3, "本月合计").unwrap();
            sheet
                .write_number(r, 5, decimal_f64(month_total(month)))
                .unwrap();
            r += 1;
        }
    }
    sheet.merge_range(1, 0, r - 1, 0, "", &centre).unwrap();
    sheet.write_number(1, 0, 2017.0).unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn a_year_merged_down_a_year_month_day_book_dates_every_line() {
    let dir = TempDir::new("year-merged");
    let input = dir.path().join("台账.xlsx");
    write_merged_ymd_book(&input, false);
    let (_out, file, _) = grade(&input, &[]);
    assert_eq!(months_of(&file, 2017), seed(), "{file}");
    assert_eq!(file["tie_out_mismatches"], 0);
    assert!(!warnings(&file).contains(&"unreadable_cells".to_string()));
}

#[test]
fn merged_year_and_month_cells_keep_each_month_in_its_own_month() {
    let dir = TempDir::new("year-month-merged");
    let input = dir.path().join("台账.xlsx");
    write_merged_ymd_book(&input, true);
    let (_out, file, _) = grade(&input, &[]);
    assert_eq!(months_of(&file, 2017), seed(), "{file}");
    assert_eq!(file["tie_out_total"], 8, "{file}");
    assert_eq!(file["tie_out_mismatches"], 0, "{file}");
    let codes = warnings(&file);
    assert!(
        !codes.contains(&"unreadable_cells".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"month_above_5x_share".to_string()));
}

#[test]
fn quarter_rows_of_a_monthly_table_are_totals_tied_out_against_their_months() {
    let dir = TempDir::new("quarter-rows");
    let input = dir.path().join("月报.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("月报").unwrap();
    sheet
        .write_string(0, 0, "2017年经费支出月报（金额单位：元）")
        .unwrap();
    for (c, header) in ["月份", "支出金额", "备注"].iter().enumerate() {
        sheet.write_string(1, c as u16, *header).unwrap();
    }
    let words = ["第一季度", "二季度小计"];
    let (mut r, mut quarter, mut year) = (2, Decimal::ZERO, Decimal::ZERO);
    for month in 1..=8 {
        let total = month_total(month);
        sheet.write_string(r, 0, format!("{month}月")).unwrap();
        sheet.write_number(r, 1, decimal_f64(total)).unwrap();
        r += 1;
        quarter += total;
        year += total;
        if month % 3 == 0 {
            sheet
                .write_string(r, 0, words[month as usize / 3 - 1])
                .unwrap();
            sheet.write_number(r, 1, decimal_f64(quarter)).unwrap();
            r += 1;
            quarter = Decimal::ZERO;
        }
    }
    sheet.write_string(r, 0, "合计").unwrap();
    sheet.write_number(r, 1, decimal_f64(year)).unwrap();
    workbook.save(&input).unwrap();

    let (_out, file, _) = grade(&input, &[]);
    assert_eq!(months_of(&file, 2017), seed(), "{file}");
    // 第一季度, 二季度小计 and 合计, each against what it sums.
    assert_eq!(file["tie_out_total"], 3, "{file}");
    assert_eq!(file["tie_out_mismatches"], 0, "{file}");
    let tie_out = file["tie_out"].to_string();
    assert!(
        tie_out.contains("「第一季度」：1—3 月支出之和"),
        "{tie_out}"
    );
    assert!(
        tie_out.contains("「二季度小计」：4—6 月支出之和"),
        "{tie_out}"
    );
    assert!(!warnings(&file).contains(&"unreadable_cells".to_string()));
}

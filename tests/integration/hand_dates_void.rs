//! Issue 18: what the book states, jixiao reads — voided vouchers (凭证状态 作废,
//! 摘要 【作废】) are left out with every line of them, and hand-kept dates
//! without a year (`1.15` typed as a number or text, `3.5`, `1-15`, `1/15`,
//! `1月15日`) take the year the title, the sheet name or the file name gives;
//! with no year anywhere the file is refused, not graded with rows dropped.
//!
//! Every book is the seed department's 2017 voucher lines (`balanced_month`),
//! whose months are known to the cent.

use crate::samples::{balanced_month, decimal_f64, SEED_MONTHS_WAN};
use crate::support::{jixiao, json_of, read_sheet, stderr_of, write_fixture_sheets, Fx, TempDir};
use Fx::{Blank, D, N, S};

/// Runs jixiao with the seed's budget and `--json` on `file_name` (written in a
/// fresh folder from `sheets`); returns the folder, the run's JSON, stderr,
/// exit code and the result workbook's path.
fn grade(
    file_name: &str,
    sheets: &[(&str, &[Vec<Fx<'_>>])],
) -> (TempDir, serde_json::Value, String, i32, std::path::PathBuf) {
    let dir = TempDir::new("hand-dates-void");
    let input = dir.path().join(file_name);
    write_fixture_sheets(&input, sheets);
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let stem = file_name.trim_end_matches(".xlsx");
    let workbook = dir.path().join(format!("{stem}_绩效自评.xlsx"));
    (
        dir,
        json_of(&output),
        stderr_of(&output),
        output.status.code().unwrap_or(-1),
        workbook,
    )
}

/// The first eight months' 支出金额（万元） of the graded year, and the year.
fn seed_months(json: &serde_json::Value) -> (i64, Vec<String>) {
    let year = &json["files"][0]["years"][0];
    let months = year["months"]
        .as_array()
        .map(|months| {
            months
                .iter()
                .take(8)
                .map(|m| m["amount_wan"].as_str().unwrap_or("?").to_string())
                .collect()
        })
        .unwrap_or_default();
    (year["year"].as_i64().unwrap_or(0), months)
}

/// The 数据检查 value on the row labelled `label`.
fn fact(check: &[Vec<String>], label: &str) -> String {
    check
        .iter()
        .find(|r| r.first().is_some_and(|c| c == label))
        .and_then(|r| r.get(1).cloned())
        .unwrap_or_else(|| panic!("no {label} in 数据检查: {check:?}"))
}

/// A seed line's amount in 元 as the number a hand-kept book types.
fn amount(line: rust_decimal::Decimal) -> f64 {
    decimal_f64(line)
}

// ---------------------------------------------------------------------------
// (a) Voided vouchers
// ---------------------------------------------------------------------------

#[test]
fn voided_vouchers_are_left_out_with_all_their_lines_and_listed() {
    let mut texts: Vec<[String; 5]> = Vec::new(); // 凭证号, 摘要, 科目编码, 科目名称, 凭证状态
    let mut rows_meta: Vec<(u32, u8, f64)> = Vec::new(); // month, day, amount
    let mut number = 0;
    let mut voided_rows: Vec<(usize, &str, f64)> = Vec::new(); // (index into rows, text, amount)
    for month in 1..=8u32 {
        for (position, (line, yuan)) in balanced_month(month).into_iter().enumerate() {
            number += 1;
            // One real line in March whose 摘要 opens with 作废 but is no void mark.
            let summary = if month == 3 && position == 0 {
                "作废票据重开".to_string()
            } else {
                line.summary.to_string()
            };
            texts.push([
                format!("记-{number:04}"),
                summary,
                line.code.to_string(),
                line.account.to_string(),
                "已记账".to_string(),
            ]);
            rows_meta.push((month, line.day, amount(yuan)));
        }
        if month == 2 || month == 6 {
            // A voided voucher of three lines: only its first line says 已作废.
            number += 1;
            for (i, yuan) in [12_345.67, 890.12, 45.5].into_iter().enumerate() {
                voided_rows.push((texts.len(), "已作废", yuan));
                texts.push([
                    format!("记-{number:04}"),
                    "报销差旅费".to_string(),
                    "30211".to_string(),
                    "差旅费".to_string(),
                    if i == 0 { "已作废" } else { "" }.to_string(),
                ]);
                rows_meta.push((month, 20, yuan));
            }
        }
        if month == 4 {
            number += 1;
            voided_rows.push((texts.len(), "【作废】付印刷费", 3_000.0));
            texts.push([
                format!("记-{number:04}"),
                "【作废】付印刷费".to_string(),
                "30202".to_string(),
                "印刷费".to_string(),
                String::new(),
            ]);
            rows_meta.push((month, 21, 3_000.0));
        }
    }
    let mut rows: Vec<Vec<Fx<'_>>> = vec![vec![
        S("日期"),
        S("凭证号"),
        S("摘要"),
        S("科目编码"),
        S("科目名称"),
        S("借方金额"),
        S("凭证状态"),
    ]];
    for (text, (month, day, yuan)) in texts.iter().zip(&rows_meta) {
        rows.push(vec![
            D(2017, *month as u8, *day),
            S(&text[0]),
            S(&text[1]),
            S(&text[2]),
            S(&text[3]),
            N(*yuan),
            if text[4].is_empty() {
                Blank
            } else {
                S(&text[4])
            },
        ]);
    }
    let (_dir, json, stderr, code, workbook) = grade("序时账.xlsx", &[("序时账", &rows)]);
    assert_eq!(code, 0, "{stderr}");
    let (year, months) = seed_months(&json);
    assert_eq!(year, 2017, "{stderr}");
    assert_eq!(months, SEED_MONTHS_WAN, "{stderr}");

    let check = read_sheet(&workbook, Some("数据检查"));
    assert!(
        fact(&check, "识别").contains("凭证状态列 G（凭证状态）"),
        "{check:?}"
    );
    assert!(
        fact(&check, "未计入").contains("作废凭证 7 处"),
        "{check:?}"
    );
    for (index, text, yuan) in &voided_rows {
        // Row 1 is the header; the sheet's row of rows[index + 1] is index + 2.
        let address = format!("序时账!F{}", index + 2);
        let listed = check
            .iter()
            .find(|r| r.first() == Some(&address))
            .unwrap_or_else(|| panic!("{address} not listed: {check:?}"));
        assert_eq!(
            listed[1],
            format!("作废凭证（“{text}”），未记账，不计入"),
            "{address}"
        );
        assert_eq!(listed[2].parse::<f64>().ok(), Some(*yuan), "{address}");
    }
    assert!(fact(&check, "金额去向").contains("一分不差"), "{check:?}");
}

// ---------------------------------------------------------------------------
// (b)–(e) Dates without a year
// ---------------------------------------------------------------------------

/// A seed line of a hand-kept book.
struct HandLine {
    /// Index of its date's text in the strings written, when written as text.
    date_text: usize,
    /// Its date as the number Excel keeps for a typed `1.15`, when so written.
    date_number: Option<f64>,
    summary: &'static str,
    yuan: f64,
}

/// The seed's lines as a hand-kept book writes them: 日期 | 摘要 | 金额, each
/// date in one of the day-and-month forms, in turn.
fn hand_dated_rows(strings: &mut Vec<String>) -> Vec<HandLine> {
    let mut rows = Vec::new();
    let mut form = 0;
    for month in 1..=8u32 {
        for (line, yuan) in balanced_month(month) {
            let day = line.day;
            let (text, number) = match form % 6 {
                // Typed 1.15 and kept by Excel as the number 1.15 (1.10 as 1.1).
                0 => (None, format!("{month}.{day:02}").parse::<f64>().ok()),
                1 => (Some(format!("{month}.{day}")), None),
                2 => (Some(format!("{month}-{day}")), None),
                3 => (Some(format!("{month}/{day}")), None),
                4 => (Some(format!("{month}月{day}日")), None),
                _ => (Some(format!("{month:02}.{day:02}")), None),
            };
            form += 1;
            let index = match text {
                Some(text) => {
                    strings.push(text);
                    strings.len() - 1
                }
                None => usize::MAX,
            };
            rows.push(HandLine {
                date_text: index,
                date_number: number,
                summary: line.summary,
                yuan: amount(yuan),
            });
        }
    }
    rows
}

/// A sheet of `titles` rows, the header and the hand-dated seed lines.
fn hand_sheet<'a>(
    titles: &[&'a str],
    strings: &'a [String],
    dated: &[HandLine],
) -> Vec<Vec<Fx<'a>>> {
    let mut rows: Vec<Vec<Fx<'a>>> = titles.iter().map(|t| vec![S(t)]).collect();
    rows.push(vec![S("日期"), S("摘要"), S("金额")]);
    for line in dated {
        let date = match line.date_number {
            Some(number) => N(number),
            None => S(&strings[line.date_text]),
        };
        rows.push(vec![date, S(line.summary), N(line.yuan)]);
    }
    rows
}

#[test]
fn day_and_month_dates_take_the_year_in_the_title() {
    let mut strings = Vec::new();
    let dated = hand_dated_rows(&mut strings);
    let rows = hand_sheet(&["2017年支出明细账", "单位：元"], &strings, &dated);
    let (_dir, json, stderr, code, workbook) = grade("支出明细账.xlsx", &[("Sheet1", &rows)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        seed_months(&json),
        (2017, SEED_MONTHS_WAN.map(String::from).to_vec()),
        "{stderr}"
    );
    let check = read_sheet(&workbook, Some("数据检查"));
    assert_eq!(
        fact(&check, "评价年度"),
        "2017（日期只写了月、日，年度来自表格标题或表头）"
    );
    // Nothing was lost as 日期无法识别: every line below the header counts.
    assert_eq!(fact(&check, "未计入处数"), "0（其中需要检查 0 处）");
    assert_eq!(fact(&check, "计入笔数"), dated.len().to_string());
    assert!(fact(&check, "金额去向").contains("一分不差"), "{check:?}");
}

#[test]
fn day_and_month_dates_take_the_year_in_the_sheet_name() {
    let mut strings = Vec::new();
    let dated = hand_dated_rows(&mut strings);
    let rows = hand_sheet(&["支出明细账"], &strings, &dated);
    for sheet in ["2017年", "2017支出"] {
        let (_dir, json, stderr, code, workbook) = grade("支出明细账.xlsx", &[(sheet, &rows)]);
        assert_eq!(code, 0, "{sheet}: {stderr}");
        assert_eq!(
            seed_months(&json),
            (2017, SEED_MONTHS_WAN.map(String::from).to_vec()),
            "{sheet}: {stderr}"
        );
        let check = read_sheet(&workbook, Some("数据检查"));
        assert_eq!(
            fact(&check, "评价年度"),
            format!("2017（日期只写了月、日，年度来自工作表名「{sheet}」）")
        );
    }
}

#[test]
fn day_and_month_dates_take_the_year_in_the_file_name() {
    let mut strings = Vec::new();
    let dated = hand_dated_rows(&mut strings);
    let rows = hand_sheet(&["办公经费台账"], &strings, &dated);
    let name = "2017年办公经费台账.xlsx";
    let (_dir, json, stderr, code, workbook) = grade(name, &[("Sheet1", &rows)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        seed_months(&json),
        (2017, SEED_MONTHS_WAN.map(String::from).to_vec()),
        "{stderr}"
    );
    let check = read_sheet(&workbook, Some("数据检查"));
    assert_eq!(
        fact(&check, "评价年度"),
        format!("2017（日期只写了月、日，年度来自文件名「{name}」）")
    );
}

#[test]
fn day_and_month_dates_with_no_year_anywhere_refuse_the_file() {
    let mut strings = Vec::new();
    let dated = hand_dated_rows(&mut strings);
    let rows = hand_sheet(&["办公经费台账"], &strings, &dated);
    let name = "办公经费台账.xlsx";
    let (dir, json, stderr, code, _workbook) = grade(name, &[("Sheet1", &rows)]);
    assert_ne!(code, 0, "{stderr}");
    let error = json["files"][0]["error"].as_str().unwrap_or_default();
    for said in [
        name,
        "工作表「Sheet1」",
        "Sheet1!A3",
        "没有找到年度",
        "文件名",
        "--year 2017",
    ] {
        assert!(error.contains(said), "{said}: {error}");
    }
    assert!(json["files"][0]["years"]
        .as_array()
        .is_none_or(|years| years.is_empty()));
    // No result, no draft: only the ledger itself is in the folder.
    assert_eq!(dir.file_names(), [name]);
}

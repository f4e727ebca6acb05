//! Shapes of the shapes-d report read wrongly before (R7, R8, R9), built from
//! the seed's 2017 voucher lines: a 科目余额表 dated by a range of days; month
//! sheets beside a 汇总 sheet that states no unit (or no year); a 三栏账
//! printed one block per account whose block titles carry no 「科目：」 label.

use crate::samples::{balanced_month, decimal_f64, SEED_GRADES, SEED_MONTHS_WAN};
use crate::support::{json_of, run_with_seed_budget, stderr_of, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::path::Path;

/// Runs jixiao with the seed's budget; returns the file's JSON entry and stderr.
fn run(path: &Path) -> (serde_json::Value, String) {
    let (_out, output) = run_with_seed_budget(path);
    let stderr = stderr_of(&output);
    let json = json_of(&output);
    let file = json["files"][0].clone();
    assert_eq!(file["ok"], true, "{file}\n{stderr}");
    (file, stderr)
}

/// The 2017 months' (amount_wan, grade), January to December.
fn months(file: &serde_json::Value) -> Vec<(String, Option<String>)> {
    assert_eq!(file["years"][0]["year"], 2017, "{file:#}");
    file["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["amount_wan"].as_str().unwrap().to_string(),
                m["grade"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The seed's January–August, graded, and September–December ungraded.
fn assert_seed_months(file: &serde_json::Value, stderr: &str) {
    let got = months(file);
    for (month, (wan, grade)) in got.iter().enumerate() {
        if month < 8 {
            assert_eq!(wan, SEED_MONTHS_WAN[month], "month {}: {stderr}", month + 1);
            assert_eq!(
                grade.as_deref(),
                Some(SEED_GRADES[month]),
                "month {}",
                month + 1
            );
        } else {
            assert_eq!(grade, &None, "month {}", month + 1);
        }
    }
}

fn warning_codes(file: &serde_json::Value) -> Vec<String> {
    file["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

fn tie_out(file: &serde_json::Value) -> Vec<serde_json::Value> {
    file["tie_out"].as_array().unwrap().clone()
}

/// The seed's lines of a month as (item code, item name) → amount in 元.
fn items_of(month: u32) -> BTreeMap<(&'static str, &'static str), Decimal> {
    let mut items = BTreeMap::new();
    for (line, amount) in balanced_month(month) {
        *items.entry((line.code, line.account)).or_default() += amount;
    }
    items
}

// ---------------------------------------------------------------- R7

/// A January 科目余额表 whose title gives its period as `period`: 1011, 4001,
/// 5101 单位管理费用 and its 5101xx sub-accounts, one per seed item.
fn write_trial_balance(path: &Path, period: &str) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("科目余额表").unwrap();
    sheet.write_string(0, 0, "科目余额表").unwrap();
    sheet
        .write_string(1, 0, format!("单位名称：某某局    {period}    单位：元"))
        .unwrap();
    let bold = Format::new().set_bold();
    sheet.merge_range(2, 0, 3, 0, "科目编码", &bold).unwrap();
    sheet.merge_range(2, 1, 3, 1, "科目名称", &bold).unwrap();
    for (band, text) in ["期初余额", "本期发生额", "本年累计", "期末余额"]
        .iter()
        .enumerate()
    {
        let left = 2 + 2 * band as u16;
        sheet
            .merge_range(2, left, 2, left + 1, text, &bold)
            .unwrap();
        sheet
            .write_string_with_format(3, left, "借方", &bold)
            .unwrap();
        sheet
            .write_string_with_format(3, left + 1, "贷方", &bold)
            .unwrap();
    }
    let items = items_of(1);
    let total: Decimal = items.values().copied().sum();
    let t = Some(total);
    let mut rows: Vec<(String, &str, [Option<Decimal>; 8])> = vec![
        (
            "1011".into(),
            "零余额账户用款额度",
            [None, None, t, t, t, t, None, None],
        ),
        (
            "4001".into(),
            "财政拨款收入",
            [None, None, None, t, None, t, None, t],
        ),
        (
            "5101".into(),
            "单位管理费用",
            [None, None, t, None, t, None, t, None],
        ),
    ];
    for ((code, name), amount) in &items {
        let a = Some(*amount);
        rows.push((
            format!("5101{}", &code[3..]),
            name,
            [None, None, a, None, a, None, a, None],
        ));
    }
    for (index, (code, name, figures)) in rows.iter().enumerate() {
        let row = 4 + index as u32;
        sheet.write_string(row, 0, code).unwrap();
        sheet.write_string(row, 1, *name).unwrap();
        for (offset, figure) in figures.iter().enumerate() {
            if let Some(value) = figure {
                sheet
                    .write_number(row, 2 + offset as u16, decimal_f64(*value))
                    .unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_trial_balance_dated_by_a_range_of_days_in_one_month_is_that_month() {
    let dir = TempDir::new("fresh-i-range");
    for (index, period) in [
        "日期：2017-01-01至2017-01-31",
        "2017年1月1日至2017年1月31日",
        "起止日期：2017/01/01-2017/01/31",
        "期间：201701-201701",
    ]
    .iter()
    .enumerate()
    {
        let path = dir.path().join(format!("科目余额表{index}.xlsx"));
        write_trial_balance(&path, period);
        let (file, stderr) = run(&path);
        let got = months(&file);
        assert_eq!(got[0].0, SEED_MONTHS_WAN[0], "{period}: {stderr}");
        assert_eq!(got[0].1.as_deref(), Some(SEED_GRADES[0]), "{period}");
        assert!(
            got[1..].iter().all(|(_, g)| g.is_none()),
            "{period}: {got:?}"
        );
        assert_eq!(file["tie_out_mismatches"], 0, "{period}: {file:#}");
        assert!(
            file["tie_out_total"].as_u64().unwrap() > 0,
            "{period}: {file:#}"
        );
    }
}

// ---------------------------------------------------------------- R8

/// How the 汇总 sheet beside the month sheets is written.
struct Summary<'a> {
    /// Its title row.
    title: &'a str,
    /// Its figures in 万元 (the seed's) rather than in 元.
    in_wan: bool,
    /// A `单位：元` row above each month sheet's header.
    months_state_unit: bool,
}

/// Sheets 1月…8月 (序号 | 日期 | 摘要 | 金额, dates as text `2017-1-5`) and a
/// 汇总 sheet (月份 | 支出金额) that states no unit.
fn write_month_sheets(path: &Path, summary: &Summary<'_>) {
    let mut workbook = Workbook::new();
    for month in 1..=8u32 {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("{month}月")).unwrap();
        let mut row = 0;
        if summary.months_state_unit {
            sheet.write_string(0, 0, "单位：元").unwrap();
            row = 1;
        }
        for (column, text) in ["序号", "日期", "摘要", "金额"].iter().enumerate() {
            sheet.write_string(row, column as u16, *text).unwrap();
        }
        for (index, (line, amount)) in balanced_month(month).iter().enumerate() {
            let r = row + 1 + index as u32;
            sheet.write_number(r, 0, index as f64 + 1.0).unwrap();
            sheet
                .write_string(r, 1, format!("2017-{month}-{}", line.day))
                .unwrap();
            sheet.write_string(r, 2, line.summary).unwrap();
            sheet.write_number(r, 3, decimal_f64(*amount)).unwrap();
        }
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("汇总").unwrap();
    sheet.write_string(0, 0, summary.title).unwrap();
    sheet.write_string(1, 0, "月份").unwrap();
    sheet.write_string(1, 1, "支出金额").unwrap();
    for (index, wan) in SEED_MONTHS_WAN.iter().enumerate() {
        let wan: Decimal = wan.parse().unwrap();
        let figure = if summary.in_wan {
            wan
        } else {
            wan * Decimal::from(10_000)
        };
        let row = 2 + index as u32;
        sheet
            .write_string(row, 0, format!("{}月", index + 1))
            .unwrap();
        sheet.write_number(row, 1, decimal_f64(figure)).unwrap();
    }
    workbook.save(path).unwrap();
}

/// The 汇总 sheet's eight comparisons, each matched; returns their texts.
fn summary_checks_match(file: &serde_json::Value) -> Vec<String> {
    let checks: Vec<_> = tie_out(file)
        .into_iter()
        .filter(|c| c["what"].as_str().unwrap().starts_with("「汇总」表"))
        .collect();
    assert_eq!(checks.len(), 8, "{file:#}");
    for check in &checks {
        assert_eq!(check["status"], "matched", "{check}");
    }
    assert_eq!(file["tie_out_mismatches"], 0, "{file:#}");
    assert!(!warning_codes(file).contains(&"no_book_totals".to_string()));
    checks
        .iter()
        .map(|c| c["what"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_summary_sheet_without_a_unit_is_read_in_the_unit_its_figures_agree_in() {
    let dir = TempDir::new("fresh-i-summary");
    // Nothing states a unit: the month sheets are read in 元, the 汇总's
    // figures agree in 元 (not in a monthly table's 万元), and the line says so.
    let path = dir.path().join("各月支出.xlsx");
    let summary = Summary {
        title: "2017年各月支出汇总",
        in_wan: false,
        months_state_unit: false,
    };
    write_month_sheets(&path, &summary);
    let (file, stderr) = run(&path);
    assert_seed_months(&file, &stderr);
    let texts = summary_checks_match(&file);
    assert!(
        texts
            .iter()
            .all(|t| t.contains("按“元”读") && t.contains("8/8")),
        "{texts:#?}"
    );
    // The same, its figures in 万元: they agree as a monthly table reads them.
    let path = dir.path().join("各月支出万元汇总.xlsx");
    write_month_sheets(
        &path,
        &Summary {
            in_wan: true,
            ..summary
        },
    );
    let (file, stderr) = run(&path);
    assert_seed_months(&file, &stderr);
    let texts = summary_checks_match(&file);
    assert!(texts.iter().all(|t| t.contains("按“万元”读")), "{texts:#?}");
}

#[test]
fn a_summary_sheet_without_a_year_takes_the_month_sheets_year_and_stated_unit() {
    let dir = TempDir::new("fresh-i-summary-year");
    let path = dir.path().join("各月支出.xlsx");
    write_month_sheets(
        &path,
        &Summary {
            title: "各月支出汇总",
            in_wan: false,
            months_state_unit: true,
        },
    );
    let (file, stderr) = run(&path);
    assert_seed_months(&file, &stderr);
    let texts = summary_checks_match(&file);
    assert!(
        texts.iter().all(|t| t.contains("2017 年")
            && t.contains("按各月工作表所写的“元”读")
            && t.contains("没有写年度")),
        "{texts:#?}"
    );
}

// ---------------------------------------------------------------- R9

/// Columns: 月 | 日 | 凭证号 | 摘要 | 借方 | 贷方 | 方向 | 余额.
fn block_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: (u32, Option<u8>, &str, &str),
    sides: (Decimal, Decimal),
    balance: Decimal,
) {
    let (month, day, voucher, summary) = cells;
    sheet.write_number(row, 0, f64::from(month)).unwrap();
    if let Some(day) = day {
        sheet.write_number(row, 1, f64::from(day)).unwrap();
    }
    if !voucher.is_empty() {
        sheet.write_string(row, 2, voucher).unwrap();
    }
    sheet.write_string(row, 3, summary).unwrap();
    sheet.write_number(row, 4, decimal_f64(sides.0)).unwrap();
    if !sides.1.is_zero() || day.is_none() {
        sheet.write_number(row, 5, decimal_f64(sides.1)).unwrap();
    }
    sheet.write_string(row, 6, "借").unwrap();
    sheet.write_number(row, 7, decimal_f64(balance)).unwrap();
}

/// A seed line as a block shows it: (month, day, 摘要, amount in 元).
type VoucherLine = (u32, u8, &'static str, Decimal);

/// A 三栏式明细账 printed one block per seed item: the block's title row
/// alone in column A, written in turn as `30101 基本工资`, `【30201】办公费`,
/// `科目名称：30102 津贴补贴` and the name alone; its lines, and 本月合计 and
/// 本年累计 after each month. Returns the number of totals written.
fn write_account_blocks(path: &Path) -> usize {
    let mut by_item: BTreeMap<(&str, &str), Vec<VoucherLine>> = BTreeMap::new();
    for month in 1..=8u32 {
        for (line, amount) in balanced_month(month) {
            by_item.entry((line.code, line.account)).or_default().push((
                month,
                line.day,
                line.summary,
                amount,
            ));
        }
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("明细账").unwrap();
    sheet
        .write_string(0, 0, "三栏式明细账  2017年  单位：元")
        .unwrap();
    for (column, text) in ["月", "日", "凭证号", "摘要", "借方", "贷方", "方向", "余额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *text).unwrap();
    }
    let (mut row, mut voucher, mut totals) = (2u32, 0, 0);
    for (index, ((code, name), lines)) in by_item.iter().enumerate() {
        let title = match index % 4 {
            0 => format!("{code} {name}"),
            1 => format!("【{code}】{name}"),
            2 => format!("科目名称：{code} {name}"),
            _ => name.to_string(),
        };
        sheet.write_string(row, 0, title).unwrap();
        row += 1;
        let (mut balance, mut year) = (Decimal::ZERO, Decimal::ZERO);
        for month in 1..=8u32 {
            let of_month: Vec<_> = lines.iter().filter(|l| l.0 == month).collect();
            if of_month.is_empty() {
                continue;
            }
            let mut sum = Decimal::ZERO;
            for (_, day, summary, amount) in of_month {
                voucher += 1;
                balance += *amount;
                sum += *amount;
                let number = format!("记-{voucher}");
                let cells = (month, Some(*day), number.as_str(), *summary);
                block_row(sheet, row, cells, (*amount, Decimal::ZERO), balance);
                row += 1;
            }
            year += sum;
            for (label, figure) in [("本月合计", sum), ("本年累计", year)] {
                block_row(
                    sheet,
                    row,
                    (month, None, "", label),
                    (figure, Decimal::ZERO),
                    balance,
                );
                row += 1;
                totals += 1;
            }
        }
    }
    workbook.save(path).unwrap();
    totals
}

#[test]
fn blocks_titled_by_their_account_alone_tie_out_each_against_their_own_lines() {
    let dir = TempDir::new("fresh-i-blocks");
    let path = dir.path().join("三栏式明细账.xlsx");
    let totals = write_account_blocks(&path);
    let (file, stderr) = run(&path);
    assert_seed_months(&file, &stderr);
    assert_eq!(file["tie_out_mismatches"], 0, "{file:#}");
    assert_eq!(file["tie_out_unchecked"], 0, "{file:#}");
    assert_eq!(file["tie_out_total"], totals, "{file:#}");
    let codes = warning_codes(&file);
    assert!(
        !codes.contains(&"unreadable_cells".to_string()),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"tie_out_mismatch".to_string()),
        "{codes:?}"
    );
}

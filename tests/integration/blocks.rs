//! Tie-out per block: a 用友-style 明细账 printed one block per account (a title
//! row, its 期初余额, the lines, 本月合计 and 本年累计 after each month, the totals
//! restarting with every block), made from the seed's 2017 voucher lines.
//! Each block is tied out against its own totals; a total jixiao cannot place is
//! 未能核对, counted apart from the mismatches.

use crate::samples::{balanced_month, decimal_f64, fixed_properties, SEED_MONTHS_WAN};
use crate::support::{json_of, read_sheet, run_with_seed_budget, stderr_of, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::{Path, PathBuf};

/// The blocks: an account per 类 of the seed's items (the code's first three digits).
const BLOCKS: [(&str, &str); 3] = [
    ("301", "科目：710101 工资福利支出"),
    ("302", "科目：710102 商品和服务支出"),
    ("303", "科目：710103 对个人和家庭的补助"),
];

/// Columns: 月 | 日 | 凭证号数 | 摘要 | 借方 | 贷方 | 方向 | 余额.
const DEBIT: u16 = 4;

/// What the book is to get wrong or add.
#[derive(Default, Clone, Copy)]
struct Twist {
    /// The 本年累计 of (block, month) written 1 元 too high.
    wrong_year_to_date: Option<(usize, u32)>,
    /// A stray 合计 under the last block of all the lines plus this (another
    /// account's spending, not in the book).
    stray_total_beyond: Option<Decimal>,
}

/// What was written, to check the reading against.
struct Written {
    path: PathBuf,
    /// How many comparisons the totals written make (借方 always, 贷方 when not zero).
    comparisons: usize,
    /// The cell of the twisted 本年累计 (`明细账!E40`).
    wrong_cell: Option<String>,
    /// Each block's total rows, to check every block was tied out.
    totals_per_block: [usize; 3],
}

fn money_format() -> Format {
    Format::new().set_num_format("#,##0.00")
}

/// The two header rows: `2017年` over 月 | 日, the rest merged down.
fn header(sheet: &mut Worksheet, row: u32) {
    let center = Format::new().set_align(FormatAlign::Center).set_bold();
    sheet
        .merge_range(row, 0, row, 1, "2017年", &center)
        .unwrap();
    for (column, text) in ["凭证号数", "摘要", "借方", "贷方", "方向", "余额"]
        .iter()
        .enumerate()
    {
        let column = column as u16 + 2;
        sheet
            .merge_range(row, column, row + 1, column, text, &center)
            .unwrap();
    }
    sheet
        .write_string_with_format(row + 1, 0, "月", &center)
        .unwrap();
    sheet
        .write_string_with_format(row + 1, 1, "日", &center)
        .unwrap();
}

/// A total or balance row: its words in 摘要, 借方 and 贷方 (blank when zero), 余额.
fn total_row(
    sheet: &mut Worksheet,
    row: u32,
    label: &str,
    sides: (Decimal, Decimal),
    balance: Decimal,
) {
    let money = money_format();
    sheet.write_string(row, 3, label).unwrap();
    for (offset, amount) in [sides.0, sides.1].into_iter().enumerate() {
        if !amount.is_zero() {
            sheet
                .write_number_with_format(row, DEBIT + offset as u16, decimal_f64(amount), &money)
                .unwrap();
        }
    }
    sheet
        .write_string(row, 6, if balance.is_zero() { "平" } else { "借" })
        .unwrap();
    sheet
        .write_number_with_format(row, 7, decimal_f64(balance), &money)
        .unwrap();
}

/// The comparisons a stated total makes: 借方, and 贷方 when either is not zero.
fn comparisons((debit, credit): (Decimal, Decimal)) -> usize {
    if debit.is_zero() && credit.is_zero() {
        0
    } else {
        1 + usize::from(!credit.is_zero())
    }
}

/// Writes the 明细账: `明细账` and `单位：元` above the header; then, per
/// account, its title row (the third with its 期间 beside it), (from the
/// second block) the header repeated as on a new page, 期初余额, and each
/// month's lines with 本月合计 and 本年累计. The 商品和服务支出 block breaks its
/// page in March between a 过次页 and a 承前页.
fn write_book(dir: &Path, name: &str, twist: Twist) -> Written {
    let path = dir.join(name);
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("明细账").unwrap();
    let money = money_format();
    sheet.write_string(0, 0, "明细账").unwrap();
    sheet.write_string(1, 0, "单位：元").unwrap();
    header(sheet, 2);
    let mut row = 4u32;
    let mut written = Written {
        path: path.clone(),
        comparisons: 0,
        wrong_cell: None,
        totals_per_block: [0; 3],
    };
    let mut voucher = 0;
    let mut all = (Decimal::ZERO, Decimal::ZERO);
    let mut months_written = [Decimal::ZERO; 8];
    for (block, (class, title)) in BLOCKS.iter().enumerate() {
        sheet.write_string(row, 0, *title).unwrap();
        if block == 2 {
            // The period beside the account: not a title row alone, so the
            // repeated header and the 期初余额 below are what start the block.
            sheet
                .write_string(row, 5, "期间：2017年1月—2017年12月")
                .unwrap();
        }
        row += 1;
        if block > 0 {
            header(sheet, row);
            row += 2;
        }
        total_row(
            sheet,
            row,
            "期初余额",
            (Decimal::ZERO, Decimal::ZERO),
            Decimal::ZERO,
        );
        row += 1;
        let mut balance = Decimal::ZERO;
        let mut year = (Decimal::ZERO, Decimal::ZERO);
        for month in 1..=8u32 {
            let lines: Vec<_> = balanced_month(month)
                .into_iter()
                .filter(|(line, _)| line.code.starts_with(class))
                .collect();
            if lines.is_empty() {
                continue;
            }
            let mut sum = (Decimal::ZERO, Decimal::ZERO);
            let page_break = block == 1 && month == 3 && lines.len() > 1;
            for (index, (line, amount)) in lines.iter().enumerate() {
                if page_break && index == lines.len() / 2 {
                    let carried = (year.0 + sum.0, year.1 + sum.1);
                    total_row(sheet, row, "过次页", carried, balance);
                    header(sheet, row + 1);
                    total_row(sheet, row + 3, "承前页", carried, balance);
                    written.comparisons += 2 * comparisons(carried);
                    written.totals_per_block[block] += 2;
                    row += 4;
                }
                let (debit, credit) = if *amount < Decimal::ZERO {
                    (Decimal::ZERO, -*amount)
                } else {
                    (*amount, Decimal::ZERO)
                };
                voucher += 1;
                balance += debit - credit;
                sum = (sum.0 + debit, sum.1 + credit);
                months_written[month as usize - 1] += *amount;
                sheet.write_number(row, 0, f64::from(month)).unwrap();
                sheet.write_number(row, 1, f64::from(line.day)).unwrap();
                sheet
                    .write_string(row, 2, format!("记-{voucher:03}"))
                    .unwrap();
                sheet.write_string(row, 3, line.summary).unwrap();
                for (offset, side) in [debit, credit].into_iter().enumerate() {
                    if !side.is_zero() {
                        sheet
                            .write_number_with_format(
                                row,
                                DEBIT + offset as u16,
                                decimal_f64(side),
                                &money,
                            )
                            .unwrap();
                    }
                }
                sheet.write_string(row, 6, "借").unwrap();
                sheet
                    .write_number_with_format(row, 7, decimal_f64(balance), &money)
                    .unwrap();
                row += 1;
            }
            year = (year.0 + sum.0, year.1 + sum.1);
            total_row(sheet, row, "本月合计", sum, balance);
            written.comparisons += comparisons(sum);
            row += 1;
            let mut stated = year;
            if twist.wrong_year_to_date == Some((block, month)) {
                stated.0 += Decimal::ONE;
                written.wrong_cell = Some(format!("明细账!E{}", row + 1));
            }
            total_row(sheet, row, "本年累计", stated, balance);
            written.comparisons += comparisons(stated);
            written.totals_per_block[block] += 2;
            row += 1;
        }
        all = (all.0 + year.0, all.1 + year.1);
    }
    if let Some(beyond) = twist.stray_total_beyond {
        total_row(sheet, row, "合计", (all.0 + beyond, all.1), Decimal::ZERO);
    }
    // What was written is the seed, to the cent.
    for (month, amount) in months_written.iter().enumerate() {
        let seed: Decimal =
            SEED_MONTHS_WAN[month].parse::<Decimal>().unwrap() * Decimal::from(10_000);
        assert_eq!(*amount, seed, "month {}", month + 1);
    }
    assert!(
        written.totals_per_block.iter().all(|n| *n > 0),
        "every block has totals"
    );
    workbook.save(&path).unwrap();
    written
}

/// Runs jixiao on `written`; returns its JSON file entry, stderr and the output folder.
fn run(written: &Written) -> (serde_json::Value, String, TempDir) {
    let (out, output) = run_with_seed_budget(&written.path);
    let stderr = stderr_of(&output);
    let json = json_of(&output);
    let file = json["files"][0].clone();
    assert_eq!(file["ok"], true, "{file}\n{stderr}");
    let months: Vec<String> = file["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["amount_wan"].as_str().unwrap().to_string())
        .collect();
    let mut expected = vec!["0.00".to_string(); 12];
    for (month, wan) in SEED_MONTHS_WAN.iter().enumerate() {
        expected[month] = wan.to_string();
    }
    assert_eq!(months, expected, "{stderr}");
    (file, stderr, out)
}

fn tie_out(file: &serde_json::Value) -> Vec<serde_json::Value> {
    file["tie_out"].as_array().unwrap().clone()
}

fn warning_codes(file: &serde_json::Value) -> Vec<String> {
    file["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_book_printed_one_block_per_account_ties_out_everywhere() {
    let dir = TempDir::new("blocks");
    let written = write_book(dir.path(), "分科目明细账.xlsx", Twist::default());
    let (file, stderr, _out) = run(&written);
    assert_eq!(file["tie_out_mismatches"], 0, "{file:#}");
    assert_eq!(file["tie_out_unchecked"], 0, "{file:#}");
    assert_eq!(file["tie_out_total"], written.comparisons, "{file:#}");
    let checks = tie_out(&file);
    assert_eq!(checks.len(), written.comparisons);
    for check in &checks {
        assert_eq!(check["status"], "matched", "{check}");
        assert_eq!(check["ok"], true, "{check}");
        assert_eq!(check["book"], check["jixiao"], "{check}");
        assert!(check["reason"].is_null(), "{check}");
    }
    // The page break inside the 商品和服务支出 block is tied out too.
    for word in ["过次页", "承前页", "本科目本年各行之和"] {
        assert!(
            checks
                .iter()
                .any(|c| c["what"].as_str().unwrap().contains(word)),
            "no {word} in {checks:#?}"
        );
    }
    assert!(!warning_codes(&file).contains(&"tie_out_mismatch".to_string()));
    assert!(
        stderr.contains(&format!("核对 {} 处，全部相符", written.comparisons)),
        "{stderr}"
    );
    assert!(!stderr.contains("未能核对"), "{stderr}");
}

#[test]
fn a_block_total_a_yuan_off_is_exactly_that_mismatch() {
    let dir = TempDir::new("blocks-wrong");
    let twist = Twist {
        wrong_year_to_date: Some((0, 5)),
        ..Twist::default()
    };
    let written = write_book(dir.path(), "分科目明细账.xlsx", twist);
    let (file, stderr, _out) = run(&written);
    assert_eq!(file["tie_out_mismatches"], 1, "{file:#}");
    assert_eq!(file["tie_out_unchecked"], 0, "{file:#}");
    assert_eq!(file["tie_out_total"], written.comparisons);
    let wrong: Vec<_> = tie_out(&file)
        .into_iter()
        .filter(|c| c["status"] != "matched")
        .collect();
    assert_eq!(wrong.len(), 1, "{wrong:#?}");
    let check = &wrong[0];
    assert_eq!(check["status"], "mismatched");
    assert_eq!(check["ok"], false);
    let cell = written.wrong_cell.as_deref().unwrap();
    assert!(
        check["what"].as_str().unwrap().starts_with(cell),
        "{check} at {cell}"
    );
    let book: Decimal = check["book"].as_str().unwrap().parse().unwrap();
    let ours: Decimal = check["jixiao"].as_str().unwrap().parse().unwrap();
    assert_eq!(book - ours, Decimal::ONE);
    assert!(warning_codes(&file).contains(&"tie_out_mismatch".to_string()));
    assert!(stderr.contains("1 处不符"), "{stderr}");
}

#[test]
fn a_total_that_cannot_be_placed_is_unchecked_and_counted_apart() {
    let dir = TempDir::new("blocks-stray");
    let twist = Twist {
        stray_total_beyond: Some("123456.78".parse().unwrap()),
        ..Twist::default()
    };
    let written = write_book(dir.path(), "分科目明细账.xlsx", twist);
    let (file, stderr, out) = run(&written);
    assert_eq!(file["tie_out_mismatches"], 0, "{file:#}");
    assert_eq!(file["tie_out_unchecked"], 1, "{file:#}");
    // The totals placed are all compared, and agree.
    assert_eq!(file["tie_out_total"], written.comparisons, "{file:#}");
    let checks = tie_out(&file);
    let unchecked: Vec<_> = checks
        .iter()
        .filter(|c| c["status"] == "unchecked")
        .collect();
    assert_eq!(unchecked.len(), 1, "{checks:#?}");
    let check = unchecked[0];
    assert!(
        check["what"].as_str().unwrap().contains("「合计」"),
        "{check}"
    );
    assert_eq!(check["ok"], false, "{check}");
    assert!(!check["reason"].as_str().unwrap().is_empty(), "{check}");
    assert!(
        check["book"].is_string() && check["jixiao"].is_string(),
        "{check}"
    );
    assert!(checks
        .iter()
        .filter(|c| c["status"] != "unchecked")
        .all(|c| c["status"] == "matched" && c["ok"] == true));
    // The keys come in the documented order, the new ones after the old.
    let keys: Vec<&String> = check.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["what", "book", "jixiao", "ok", "status", "reason"]);
    let keys: Vec<&String> = file.as_object().unwrap().keys().collect();
    let at = |key: &str| keys.iter().position(|k| *k == key).unwrap();
    assert_eq!(at("tie_out_unchecked"), at("tie_out_mismatches") + 1);
    let codes = warning_codes(&file);
    assert!(
        !codes.contains(&"tie_out_mismatch".to_string()),
        "{codes:?}"
    );
    assert!(!codes.contains(&"no_book_totals".to_string()), "{codes:?}");
    assert!(
        stderr.contains(&format!(
            "核对 {} 处，全部相符；另有 1 处台账合计无法对应（未能核对）",
            written.comparisons
        )),
        "{stderr}"
    );
    // 数据检查 lists it with its verdict and why, before the matches.
    let output = out
        .file_names()
        .into_iter()
        .find(|name| name.ends_with(".xlsx"))
        .unwrap();
    let rows = read_sheet(&out.path().join(output), Some("数据检查"));
    let verdicts: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| {
            matches!(
                r.first().map(String::as_str),
                Some("相符" | "不符" | "未能核对")
            )
        })
        .collect();
    assert_eq!(verdicts.len(), checks.len());
    assert_eq!(verdicts[0][0], "未能核对", "{:?}", verdicts[0]);
    assert!(verdicts[0][1].contains("未能核对："), "{:?}", verdicts[0]);
    assert!(verdicts[1..].iter().all(|r| r[0] == "相符"));
}

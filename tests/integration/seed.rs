//! The seed's 2017 table is reproduced from both samples (issue 2, point 7).

use crate::samples::{all_samples, LEDGER_SAMPLE, MONTHLY_SAMPLE, SEED_GRADES, SEED_MONTHS_WAN};
use crate::support::{
    column_of, graded_months, json_of, read_sheet, repo_path, run_with_seed_budget, sheet_names,
    TempDir,
};
use jixiao::ledger::{read_ledger, ReadOptions};
use jixiao::totals::monthly_totals;

const MONTHS: [&str; 12] = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];

/// Runs jixiao with the seed's budget on a sample; returns (out folder, workbook, JSON).
pub fn run_sample(sample: &str) -> (TempDir, std::path::PathBuf, serde_json::Value) {
    let (out, output) = run_with_seed_budget(&repo_path(sample));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stem = std::path::Path::new(sample)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let workbook = out.path().join(format!("{stem}_绩效自评.xlsx"));
    (out, workbook, json_of(&output))
}

fn check_seed_grades(sample: &str) {
    let (_out, workbook, json) = run_sample(sample);
    assert_eq!(
        sheet_names(&workbook),
        ["月度分析", "自评指标体系", "明细", "数据检查"]
    );
    let months = graded_months(&workbook);
    for (index, (month, amount, grade)) in months.iter().enumerate() {
        assert_eq!(month, MONTHS[index]);
        if index < 8 {
            assert_eq!(
                amount,
                SEED_MONTHS_WAN[index].trim_end_matches('0'),
                "{sample} {month}"
            );
            assert_eq!(grade, SEED_GRADES[index], "{sample} {month}");
        } else {
            assert_eq!(
                (amount.as_str(), grade.as_str()),
                ("", "未到期"),
                "{sample} {month}"
            );
        }
    }
    let monthly = read_sheet(&workbook, Some("月度分析"));
    assert_eq!(
        monthly[0],
        [
            "月份",
            "支出金额（万元）",
            "月均预算（万元）",
            "完成率",
            "绩效等级",
            "整改办法",
            "情况分析",
            "累计支出（万元）",
            "累计执行率",
            "序时进度",
            "进度差异",
            // Hidden, after the table: what the execution chart draws (empty when not due).
            "累计执行率（图表数据）",
            "序时进度（图表数据）",
            "优秀线（图表数据）",
            "良好线（图表数据）",
            "中等线（图表数据）",
            "及格线（图表数据）"
        ]
    );
    let measure = column_of(&monthly[0], "整改办法");
    assert_eq!(monthly[2][measure], "加快资金支出进度");
    assert_eq!(monthly[8][measure], "保持");
    // The formulas' cached results, as calamine (which does not recalculate) reads them.
    let share = column_of(&monthly[0], "月均预算（万元）");
    assert_eq!(monthly[1][share], "26.9125");
    let cumulative = column_of(&monthly[0], "累计支出（万元）");
    assert_eq!(monthly[8][cumulative], "273.43");
    let elapsed: f64 = monthly[8][column_of(&monthly[0], "序时进度")]
        .parse()
        .unwrap();
    assert!((elapsed - 8.0 / 12.0).abs() < 1e-15, "{elapsed}");
    assert_eq!(
        monthly[14][..2],
        ["合计（1—8月）".to_string(), "273.43".to_string()]
    );
    assert!(
        monthly[17][0].contains("优秀6个月、良好1个月、差1个月"),
        "{:?}",
        monthly[17]
    );

    let file = &json["files"][0];
    assert_eq!(file["ok"], true);
    assert_eq!(file["error"], serde_json::Value::Null);
    assert_eq!(
        file["output"].as_str().map(std::path::PathBuf::from),
        Some(workbook.clone())
    );
    let year = &file["years"][0];
    assert_eq!(year["year"], 2017);
    assert_eq!(year["budget_wan"], "322.95");
    let json_months = year["months"].as_array().unwrap();
    assert_eq!(json_months.len(), 12);
    for (index, month) in json_months.iter().enumerate() {
        assert_eq!(month["month"], index + 1);
        if index < 8 {
            assert_eq!(month["amount_wan"], SEED_MONTHS_WAN[index]);
            assert_eq!(month["grade"], SEED_GRADES[index]);
        } else {
            assert_eq!(month["amount_wan"], "0.00");
            assert_eq!(month["grade"], serde_json::Value::Null);
        }
    }
}

#[test]
fn ledger_sample_reproduces_the_seed_table() {
    check_seed_grades(LEDGER_SAMPLE);
}

#[test]
fn monthly_table_sample_reproduces_the_seed_table() {
    check_seed_grades(MONTHLY_SAMPLE);
}

#[test]
fn every_layout_sample_reproduces_the_seed_table() {
    for (sample, _) in all_samples() {
        check_seed_grades(sample);
    }
}

/// Issue 3, point 9: included + excluded = the amounts as read, to the cent,
/// for every sample; and the included amount is the seed's 273.43 万元.
#[test]
fn every_sample_reconciles_to_the_cent() {
    for (sample, _) in all_samples() {
        let ledger = read_ledger(&repo_path(sample), &ReadOptions::default()).unwrap();
        let check = ledger.reconciliation();
        assert!(check.balances(), "{sample}: {check:?}");
        assert_eq!(check.included_yuan, "2734300".parse().unwrap(), "{sample}");
        assert_eq!(check.unreadable_cells, 0, "{sample}");
        // Each month exactly, not just as shown: 26.54 万元 is 265,400.00 元 to the cent.
        let totals = monthly_totals(&ledger);
        assert_eq!(totals.len(), 1, "{sample}");
        for (index, seed) in SEED_MONTHS_WAN.iter().enumerate() {
            let exact =
                totals[0].months_wan[index].map(|wan| wan * rust_decimal::Decimal::from(10_000));
            let expected = seed.parse::<rust_decimal::Decimal>().unwrap()
                * rust_decimal::Decimal::from(10_000);
            assert_eq!(exact, Some(expected), "{sample} month {}", index + 1);
        }
        assert!(
            totals[0].months_wan[8..].iter().all(Option::is_none),
            "{sample}"
        );
        let (_out, workbook, _) = run_sample(sample);
        let sheet = read_sheet(&workbook, Some("数据检查"));
        let fact = |label: &str| {
            sheet
                .iter()
                .find(|r| r.first().is_some_and(|c| c == label))
                .map(|r| r[1].clone())
                .unwrap_or_else(|| panic!("{sample}: no {label} in 数据检查"))
        };
        assert!(fact("金额去向").contains("一分不差"), "{sample}");
        // Issue 8: every sample either ties out to its own totals or says it has none.
        let tie_out = fact("勾稽");
        assert!(
            tie_out.ends_with("全部相符") || tie_out.starts_with("台账未列合计，无法勾稽"),
            "{sample}: {tie_out}"
        );
    }
}

#[test]
fn rules_sheet_reproduces_the_seed_bands() {
    let (_out, workbook, json) = run_sample(MONTHLY_SAMPLE);
    let rules = read_sheet(&workbook, Some("自评指标体系"));
    assert_eq!(
        rules[0][..2],
        ["财政预算收入资金（万元）".to_string(), "322.95".to_string()]
    );
    assert_eq!(
        rules[3],
        [
            "支出进度",
            "每月支出标准（万元）",
            "绩效评定",
            "整改办法",
            "占月均预算"
        ]
    );
    let bands: Vec<&[String]> = rules[4..9].iter().map(|r| &r[1..4]).collect();
    let expected = [
        ["24.22", "优秀", "保持"],
        ["21.53", "良好", "保持"],
        ["18.84", "中等", "查缺预防"],
        ["16.15", "及格", "查缺预防"],
        ["", "差", "加快资金支出进度"],
    ];
    for (got, want) in bands.iter().zip(expected) {
        assert_eq!(*got, want);
    }
    let thresholds: Vec<&str> = json["files"][0]["years"][0]["thresholds_wan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["threshold_wan"].as_str().unwrap())
        .collect();
    assert_eq!(thresholds, ["24.22", "21.53", "18.84", "16.15"]);
}

#[test]
fn check_sheet_lists_the_total_rows_left_out() {
    let (_out, workbook, _) = run_sample(LEDGER_SAMPLE);
    let check = read_sheet(&workbook, Some("数据检查"));
    let skipped: Vec<&Vec<String>> = check
        .iter()
        .skip_while(|r| r.first().map(String::as_str) != Some("未计入的单元格"))
        .skip(1)
        .collect();
    assert_eq!(skipped.len(), 9, "8 本月合计 and 1 本年累计: {skipped:?}");
    assert!(skipped[..8].iter().all(|r| r[1].contains("本月合计")));
    assert!(skipped[8][1].contains("本年累计"));
    assert_eq!(skipped[8][2], "2734300");
    let counted = check
        .iter()
        .find(|r| r.first().is_some_and(|a| a == "计入金额"))
        .unwrap();
    assert_eq!(counted[1], "2734300.00 元（合 273.43 万元）");
}

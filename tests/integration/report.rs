//! The workbook the bureau receives (issue 4): every sheet read back with
//! calamine, values and formulas cell by cell, plus the parts calamine does
//! not read (charts, conditional formats, print setup) from the package.

use crate::samples::LEDGER_SAMPLE;
use crate::support::{column_of, read_sheet, repo_path, sheet_names, TempDir};
use calamine::{open_workbook, Reader, Xlsx};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

fn ledger_output() -> (TempDir, PathBuf) {
    let (out, workbook, _) = crate::seed::run_sample(LEDGER_SAMPLE);
    (out, workbook)
}

/// The text of one part of the xlsx package.
fn part(workbook: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(workbook).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn sheets_come_in_the_bureaus_order() {
    let (_out, workbook) = ledger_output();
    assert_eq!(
        sheet_names(&workbook),
        ["月度分析", "自评指标体系", "明细", "数据检查"]
    );
}

#[test]
fn monthly_analysis_holds_formulas_with_their_results() {
    let (_out, workbook) = ledger_output();
    let mut book: Xlsx<_> = open_workbook(&workbook).unwrap();
    let formulas = book.worksheet_formula("月度分析").unwrap();
    let formula = |row: u32, column: u32| {
        formulas
            .get_value((row, column))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        formula(1, 4),
        "IF(B2=\"\",\"未到期\",IF(ROUND(B2,2)>=优秀标准,\"优秀\",IF(ROUND(B2,2)>=良好标准,\"良好\",\
IF(ROUND(B2,2)>=中等标准,\"中等\",IF(ROUND(B2,2)>=及格标准,\"及格\",\"差\")))))"
    );
    // The names are local to 月度分析 and point at the rules sheet's cells.
    let names = part(&workbook, "xl/workbook.xml");
    for (name, cell) in [
        ("预算收入", "$B$1"),
        ("优秀标准", "$B$5"),
        ("及格标准", "$B$8"),
    ] {
        assert!(
            names.contains(&format!("<definedName name=\"{name}\" localSheetId=\"0\">'自评指标体系'!{cell}</definedName>"))
                || names.contains(&format!("<definedName name=\"{name}\" localSheetId=\"0\">自评指标体系!{cell}</definedName>")),
            "{name}: {names}"
        );
    }
    assert_eq!(formula(1, 3), "IF(B2=\"\",\"—\",B2/C2)");
    assert_eq!(formula(8, 7), "IF(B9=\"\",\"—\",SUM(B$2:B9))");
    assert_eq!(formula(14, 1), "SUM(B2:B13)");
    assert_eq!(formula(1, 1), "", "amounts are values, not formulas");
    let values = read_sheet(&workbook, Some("月度分析"));
    let header = &values[0];
    let value = |row: usize, name: &str| values[row][column_of(header, name)].clone();
    assert_eq!(
        value(1, "完成率").parse::<f64>().unwrap(),
        26.54 / (322.95 / 12.0)
    );
    assert_eq!(value(2, "绩效等级"), "差");
    assert_eq!(value(2, "整改办法"), "加快资金支出进度");
    assert_eq!(value(9, "完成率"), "—");
    assert_eq!(value(9, "整改办法"), "—");
    assert_eq!(value(8, "累计支出（万元）"), "273.43");
    assert!(value(2, "情况分析").contains("仅发生工资福利支出：基本工资、社会保障缴费"));
    let conclusion = &values[17][0];
    assert!(
        conclusion.contains("累计执行率高于序时进度 18.0 个百分点"),
        "{conclusion}"
    );
    assert!(
        conclusion.contains("支出超过月均预算 2 倍的月份：三月 62.29 万元"),
        "{conclusion}"
    );
    assert!(!conclusion.contains("待全年数据齐全后再做"), "{conclusion}");

    let rules = book.worksheet_formula("自评指标体系").unwrap();
    assert_eq!(
        rules.get_value((4, 1)).cloned().unwrap_or_default(),
        "ROUND($B$1*90/1200,2)"
    );
    let rules_values = read_sheet(&workbook, Some("自评指标体系"));
    assert_eq!(
        rules_values[2][..2],
        ["预算来源".to_string(), "由 --budget 参数指定".to_string()]
    );
    assert_eq!(rules_values[4][0], "每月≥24.22万元（月均预算的90%以上）");
}

#[test]
fn charts_colours_and_print_setup_are_in_the_package() {
    let (_out, workbook) = ledger_output();
    let monthly = part(&workbook, "xl/worksheets/sheet1.xml");
    assert_eq!(
        monthly.matches("<cfRule").count(),
        5,
        "one colour per grade"
    );
    assert!(monthly.contains("<formula>\"差\"</formula>"));
    assert!(monthly.contains("orientation=\"landscape\"") && monthly.contains("paperSize=\"9\""));
    assert!(monthly.contains("fitToHeight=\"0\""));
    assert!(
        monthly.contains("州政务服务管理局 2017年1—8月部门整体支出绩效自评"),
        "page header names the department and period"
    );
    assert!(monthly.contains("第 &amp;P 页，共 &amp;N 页"));
    let chart = part(&workbook, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("<c:lineChart>"));
    assert!(
        chart.contains("自评指标体系!$B$16:$B$27"),
        "threshold lines come from the rules sheet"
    );
    let second = part(&workbook, "xl/charts/chart2.xml");
    // The execution lines read the hidden chart data (empty after the last due month),
    // hidden data is plotted (no plotVisOnly) and empty cells are gaps.
    assert!(
        second.contains("$L$2:$L$13") && second.contains("$M$2:$M$13"),
        "{second}"
    );
    assert!(
        !second.contains("plotVisOnly") && second.contains("<c:dispBlanksAs val=\"gap\"/>"),
        "{second}"
    );
    assert!(
        monthly.contains("<rowBreaks"),
        "each chart starts a printed page"
    );
    let workbook_xml = part(&workbook, "xl/workbook.xml");
    assert!(
        workbook_xml.contains("_xlnm.Print_Titles"),
        "header rows repeat on every page"
    );
}

#[test]
fn detail_lists_every_input_row_and_what_was_done_with_it() {
    let (_out, workbook) = ledger_output();
    let detail = read_sheet(&workbook, Some("明细"));
    assert_eq!(
        detail[0][..5],
        ["来源", "所属月份", "计入金额（元）", "经济分类", "处理"]
    );
    assert_eq!(
        detail[0][5..],
        ["日期", "凭证号", "科目编码", "科目名称", "摘要", "金额"]
    );
    assert_eq!(
        detail.len() - 1,
        68,
        "every data row of the sample, in order"
    );
    assert_eq!(
        detail[1],
        [
            "明细账!5",
            "2017年1月",
            "62400",
            "301 工资福利支出／基本工资",
            "计入",
            "2017-01-10",
            "记-0001",
            "30101",
            "基本工资",
            "发放本月基本工资",
            "62400"
        ]
    );
    let total = detail
        .iter()
        .find(|r| r.get(9).is_some_and(|s| s == "本月合计"))
        .unwrap();
    assert!(
        total[4].starts_with("排除：合计/余额行（“本月合计”）"),
        "{total:?}"
    );
    assert_eq!(total[2], "", "nothing counted for a total row");
    let counted: f64 = detail[1..]
        .iter()
        .filter(|r| r[4] == "计入")
        .map(|r| r[2].parse::<f64>().unwrap())
        .sum();
    assert!((counted - 2_734_300.0).abs() < 1e-6, "{counted}");
    let sheet = part(&workbook, "xl/worksheets/sheet3.xml");
    assert!(
        sheet.contains("<autoFilter ref=\"A1:K69\"/>"),
        "autofilter over the whole table"
    );
    assert!(sheet.contains("state=\"frozen\""));
}

#[test]
fn data_check_names_the_file_by_size_and_checksum() {
    let (_out, workbook) = ledger_output();
    let input = std::fs::read(repo_path(LEDGER_SAMPLE)).unwrap();
    let sha: String = Sha256::digest(&input)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let check = read_sheet(&workbook, Some("数据检查"));
    let fact = |label: &str| {
        check
            .iter()
            .find(|r| r.first().is_some_and(|c| c == label))
            .map(|r| r[1].clone())
            .unwrap()
    };
    assert_eq!(fact("输入文件"), "ledger-2017.xlsx");
    assert_eq!(fact("文件大小"), format!("{} 字节", input.len()));
    assert_eq!(fact("SHA-256"), sha);
    assert_eq!(fact("未计入处数"), "9（其中需要检查 0 处）");
    assert_eq!(fact("提示"), "无");
    assert!(
        fact("金额去向").contains("一分不差"),
        "{}",
        fact("金额去向")
    );
    assert_eq!(fact("勾稽"), "与台账自列的合计核对 9 处，全部相符");
    assert_eq!(fact("jixiao 版本"), env!("CARGO_PKG_VERSION"));
}

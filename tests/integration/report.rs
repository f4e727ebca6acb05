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
        conclusion.contains("累计执行率高于序时进度18.0个百分点"),
        "{conclusion}"
    );
    assert!(
        conclusion.contains("支出超过月均预算2倍的月份：三月62.29万元"),
        "{conclusion}"
    );
    // Before the year ends, no program's to-do note about the year end.
    assert!(!conclusion.contains("第四季度尚未结束"), "{conclusion}");
    assert!(!conclusion.contains("待全年数据齐全后再做"), "{conclusion}");

    let rules = book.worksheet_formula("自评指标体系").unwrap();
    assert_eq!(
        rules.get_value((4, 1)).cloned().unwrap_or_default(),
        "ROUND($B$1*90/1200,2)"
    );
    let rules_values = read_sheet(&workbook, Some("自评指标体系"));
    assert_eq!(
        rules_values[2][..2],
        ["评价期间".to_string(), "2017年1—8月".to_string()]
    );
    assert_eq!(rules_values[4][0], "每月≥24.22万元（月均预算的90%以上）");
}

/// Issue 19, point 1: a text that depends on an amount is a formula that
/// turns into a notice naming the ledger's figure once the amount is edited.
#[test]
fn texts_beside_amounts_are_formulas_that_notice_an_edit() {
    let (_out, workbook) = ledger_output();
    let mut book: Xlsx<_> = open_workbook(&workbook).unwrap();
    let formulas = book.worksheet_formula("月度分析").unwrap();
    let values = read_sheet(&workbook, Some("月度分析"));
    let note = column_of(&values[0], "情况分析");
    for month in 1..=8u32 {
        let formula = formulas
            .get_value((month, note as u32))
            .cloned()
            .unwrap_or_default();
        let amount = &values[month as usize][1];
        let amount = format!("{:.2}", amount.parse::<f64>().unwrap());
        assert!(
            formula.starts_with(&format!(
                "IF(ROUND(B{},2)<>{},\"支出金额已改动（台账合计{amount}万元），请重新生成本月情况分析\",",
                month + 1,
                amount.trim_end_matches('0').trim_end_matches('.')
            )),
            "{month}: {formula}"
        );
        // The cached text is the analysis itself, inside the formula.
        let text = &values[month as usize][note];
        assert!(text.starts_with("支出"), "{month}: {text}");
        assert!(formula.contains(text.as_str()), "{month}");
    }
    let conclusion = formulas.get_value((17, 0)).cloned().unwrap_or_default();
    assert!(
        conclusion.starts_with("IF(AND(ROUND(B2,2)=26.54,"),
        "{conclusion}"
    );
    assert!(
        conclusion.contains("支出金额已改动（台账1—8月合计273.43万元，本表合计"),
        "{conclusion}"
    );
    assert!(values[17][0].starts_with("2017年1—8月共评定8个月"));
}

/// Issue 19, point 4: nothing of the program on the two sheets handed in;
/// where the budget came from is on 数据检查, in the accountant's words.
#[test]
fn the_sheets_handed_in_carry_no_program_words() {
    let (_out, workbook) = ledger_output();
    for sheet in ["月度分析", "自评指标体系"] {
        let values = read_sheet(&workbook, Some(sheet));
        for (r, row) in values.iter().enumerate() {
            // Columns past 进度差异 on 月度分析 are the hidden chart data.
            let shown = if sheet == "月度分析" {
                &row[..row.len().min(11)]
            } else {
                &row[..]
            };
            for (c, cell) in shown.iter().enumerate() {
                for word in [
                    "--",
                    "参数",
                    "远离零",
                    "四舍五入",
                    "原表",
                    "jixiao",
                    "图表数据",
                ] {
                    assert!(!cell.contains(word), "{sheet} {r},{c}: {cell}");
                }
            }
        }
    }
    let check = read_sheet(&workbook, Some("数据检查"));
    let fact = |label: &str| {
        check
            .iter()
            .find(|r| r.first().is_some_and(|c| c == label))
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("no {label}"))
    };
    assert_eq!(
        fact("预算收入"),
        "2017年 322.95 万元，运行 jixiao 时在命令行给出（--budget）"
    );
    assert!(fact("评定标准").contains("原自评表没有“及格”一档"));
    assert!(fact("改动后的重算").contains("情况分析和综合评价结论"));
    let names = part(&workbook, "xl/workbook.xml");
    assert!(
        names.contains(
            "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'月度分析'!$A$1:$K$"
        ) || names.contains(
            "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">月度分析!$A$1:$K$"
        ),
        "{names}"
    );
    assert!(names.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">"));
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
    // The standard lines read hidden columns of 月度分析, empty after August.
    assert!(
        chart.contains("$N$2:$N$13") && chart.contains("$Q$2:$Q$13"),
        "{chart}"
    );
    assert!(!chart.contains("自评指标体系"), "{chart}");
    let values = read_sheet(&workbook, Some("月度分析"));
    assert_eq!(values[8][13], "24.22");
    assert_eq!(
        values[9].get(13).map_or("", String::as_str),
        "",
        "September is not due: the line stops"
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
        monthly.contains("<rowBreaks count=\"1\""),
        "the charts share the page after the table"
    );
    let workbook_xml = part(&workbook, "xl/workbook.xml");
    assert!(
        !workbook_xml.contains("_xlnm.Print_Titles\" localSheetId=\"0\""),
        "no empty header repeated over the charts: {workbook_xml}"
    );
    assert!(
        workbook_xml.contains("_xlnm.Print_Titles\" localSheetId=\"2\""),
        "明细's header repeats on every page"
    );
    // 明细 has the page header too, and wraps its 摘要.
    let detail = part(&workbook, "xl/worksheets/sheet3.xml");
    assert!(
        detail.contains("州政务服务管理局 2017年1—8月部门整体支出绩效自评"),
        "{}",
        &detail[..2000.min(detail.len())]
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

/// Issue 19, point 5: 分项执行's 合计 is 月度分析's, the row of spending no
/// line holds has the draft's name, and a line far over or under its budget
/// gets a sentence built from its cells.
#[test]
fn the_breakdown_totals_once_and_speaks_of_far_lines() {
    let dir = TempDir::new("breakdown-words");
    let input = dir.path().join("明细账.xlsx");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &input).unwrap();
    std::fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[breakdown]\n\"工资福利支出\" = 205.28\n\"社会保障缴费\" = 53.60\n\"包干经费\" = 14.70\n\"工会经费\" = 3.60\n\
\"办公取暖\" = 3.24\n\"体检费\" = 0.90\n\"住房公积金\" = 21.57\n\"福利费\" = 0.05\n",
    )
    .unwrap();
    let output = crate::support::jixiao([input.as_os_str()]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr_of(&output)
    );
    let workbook = dir.path().join("明细账_绩效自评.xlsx");
    let sheet = read_sheet(&workbook, Some("分项执行"));
    let row = |name: &str| {
        sheet
            .iter()
            .find(|r| r.first().is_some_and(|c| c == name))
            .unwrap_or_else(|| panic!("no {name}: {sheet:?}"))
            .clone()
    };
    let remark = column_of(&sheet[0], "说明");
    let monthly = read_sheet(&workbook, Some("月度分析"));
    assert_eq!(
        row("合计")[2],
        monthly[14][1],
        "one figure for the year's spending"
    );
    assert!(!sheet
        .iter()
        .any(|r| r.first().is_some_and(|c| c == "未对应分项的支出")));
    assert!(row("未归入分项的支出")[2].parse::<f64>().unwrap() > 0.0);
    // 17.57 against 3.24: 542.3 %.
    assert_eq!(
        row("办公取暖")[remark],
        "已超出全年预算14.33万元（执行率542.3%），请核对该分项的预算和归入的支出，并说明原因"
    );
    assert_eq!(
        row("体检费")[remark],
        "执行率0.0%，不到序时进度66.7%的一半，请说明支出滞后的原因"
    );
    assert_eq!(row("社会保障缴费")[remark], "—");
    let mut book: Xlsx<_> = open_workbook(&workbook).unwrap();
    let formulas = book.worksheet_formula("分项执行").unwrap();
    let at = sheet
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "办公取暖"))
        .unwrap() as u32;
    let formula = formulas
        .get_value((at, remark as u32))
        .cloned()
        .unwrap_or_default();
    assert!(
        formula.starts_with(&format!("IF(B{0}<=0,\"—\",IF(C{0}>B{0},", at + 1)),
        "{formula}"
    );
    // Lines each rounded to the cent and the total: equal, or a note says by how much.
    let lines: f64 = sheet[1..]
        .iter()
        .take_while(|r| r.first().is_some_and(|c| c != "合计"))
        .map(|r| r[2].parse::<f64>().unwrap_or(0.0))
        .sum();
    let total: f64 = row("合计")[2].parse().unwrap();
    let noted = sheet.iter().any(|r| {
        r.first()
            .is_some_and(|c| c.starts_with("注：各分项的已支出分别四舍五入"))
    });
    assert_eq!(
        (lines * 100.0).round() != (total * 100.0).round(),
        noted,
        "{lines} against {total}"
    );
}

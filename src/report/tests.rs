use super::*;

#[test]
fn wrapped_rows_grow_with_their_text() {
    assert_eq!(wrapped_row_height("", 70.0), 15.0);
    assert_eq!(wrapped_row_height("未到期，暂不评定", 70.0), 15.0);
    // 40 CJK characters ≈ 72 columns: two lines in a 70-wide column.
    assert_eq!(wrapped_row_height(&"支".repeat(40), 70.0), 30.0);
    assert_eq!(wrapped_row_height(&"支".repeat(38), 70.0), 15.0);
    assert_eq!(wrapped_row_height(&"a".repeat(160), 70.0), 45.0);
}

#[test]
fn earlier_years_carry_their_year_in_the_sheet_names() {
    assert_eq!(
        year_sheet_names(2017, true),
        ("月度分析".to_string(), "自评指标体系".to_string())
    );
    assert_eq!(
        year_sheet_names(2016, false),
        (
            "2016年月度分析".to_string(),
            "2016年自评指标体系".to_string()
        )
    );
}

/// Issue 19, point 5: a breakdown line far over its budget, or under half of
/// 序时进度, gets a sentence; one near its pace gets none.
#[test]
fn far_breakdown_lines_get_a_sentence() {
    use crate::report::breakdown_sheet::remark;
    use rust_decimal::Decimal;
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let elapsed = d("8") / d("12");
    assert_eq!(
        remark(d("3.24"), d("17.57"), elapsed),
        "已超出全年预算14.33万元（执行率542.3%），请核对该分项的预算和归入的支出，并说明原因"
    );
    assert_eq!(
        remark(d("0.90"), d("0"), elapsed),
        "执行率0.0%，不到序时进度66.7%的一半，请说明支出滞后的原因"
    );
    assert_eq!(remark(d("53.60"), d("32.59"), elapsed), "—");
    assert_eq!(
        remark(d("3.60"), d("1.80"), elapsed),
        "—",
        "50 % against 66.7 %"
    );
    assert_eq!(remark(d("10"), d("10"), elapsed), "—", "exactly the budget");
}

/// Issue 19, point 4: where the budget came from, in the accountant's words.
#[test]
fn a_flag_is_said_as_the_command_line() {
    use crate::report::check_sheet::budget_source_words;
    assert_eq!(
        budget_source_words("由 --budget 参数指定"),
        "运行 jixiao 时在命令行给出（--budget）"
    );
    assert_eq!(
        budget_source_words("来自台账中的「参数」工作表"),
        "来自台账中的「参数」工作表"
    );
}

/// Issue 20: a text longer than a cell holds (a sheet name of 40,000
/// characters quoted in 数据检查) is cut with a note, not a failed workbook.
#[test]
fn a_text_longer_than_a_cell_is_cut_with_a_note() {
    use super::plan::{render, Cell, SheetPlan, Style, Value};
    let long = "支出明细".repeat(10_000) + "😀";
    let plan = SheetPlan {
        name: "数据检查".to_string(),
        cells: vec![Cell {
            row: 0,
            column: 0,
            value: Value::Text(long),
            style: Style::Text,
        }],
        ..SheetPlan::default()
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    render(book.add_worksheet(), &plan).expect("the sheet is written");
    let bytes = book.save_to_buffer().expect("the workbook is saved");
    let mut read =
        calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes))
            .expect("it reads back");
    use calamine::Reader;
    let range = read.worksheet_range("数据检查").expect("the sheet");
    let text = range.get((0, 0)).map(|c| c.to_string()).unwrap_or_default();
    assert!(
        text.ends_with("…（文字超过 Excel 单元格的长度上限，以下省略）"),
        "{}",
        &text[text.len() - 80..]
    );
    assert!(text.encode_utf16().count() <= 32_767);
    assert!(text.starts_with("支出明细支出明细"));
}

/// Issue 21, point 4: the bureau's summary puts the lagging units first, each
/// with its as-of day, a mark by the rules stated under the table (cells the
/// marks' formulas read) and what each remaining month needs.
#[test]
fn the_summary_marks_units_by_the_monitoring_rules() {
    use crate::grade::{grade_year, grade_year_as_of};
    use crate::report::plan::{Cached, Value};
    use crate::report::summary::{plan, SummaryEntry, COLUMNS};
    use crate::rules::Rules;
    use crate::totals::MonthlyTotals;
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    let year = |amount: &str, budget: &str| {
        let mut totals = MonthlyTotals::new(2017);
        for month in 0..8 {
            totals.months_wan[month] = Some(d(amount));
        }
        grade_year(&totals, Rules::from_budget(d(budget))).unwrap()
    };
    // 8 months of 322.95 ÷ 12 = 66.7 %; of 20 万元 a month 49.5 % (red), of
    // 24.5 60.7 % (yellow: 6.0 points behind), of 27 66.9 % (green).
    let (red, yellow, green) = (
        year("20", "322.95"),
        year("24.5", "322.95"),
        year("27", "322.95"),
    );
    let day = crate::dates::CalendarDate::new(2017, 9, 12);
    let entry = |unit: &str, year| SummaryEntry {
        unit: Some(unit.to_string()),
        file: format!("{unit}.xlsx"),
        year,
        as_of: day,
    };
    let entries = [
        entry("绿局", &green),
        entry("红局", &red),
        entry("黄局", &yellow),
    ];
    let sheet = plan(&entries, &[]);
    let column = |name: &str| COLUMNS.iter().position(|(h, _)| *h == name).unwrap() as u16;
    let text = |row: u32, column: u16| match &sheet.cell(row, column).unwrap().value {
        Value::Text(text) | Value::Formula(_, Cached::Text(text)) => text.clone(),
        other => panic!("{other:?}"),
    };
    let units: Vec<String> = (1..4).map(|row| text(row, 0)).collect();
    assert_eq!(units, ["红局", "黄局", "绿局"], "the lagging first");
    let marks: Vec<String> = (1..4).map(|row| text(row, column("预警"))).collect();
    assert_eq!(marks, ["红", "黄", "绿"]);
    let Value::Formula(mark, _) = &sheet.cell(1, column("预警")).unwrap().value else {
        panic!()
    };
    assert_eq!(
        mark,
        "IF(ROUND(G2*100,4)<-$B$7,\"红\",IF(ROUND(G2*100,4)<-$B$8,\"黄\",\"绿\"))"
    );
    // The rules under the table: the cells the marks read, the defaults of the 监控 practice.
    assert_eq!(text(5, 0), "预警规则（预算执行动态监控）");
    assert_eq!(sheet.cell(6, 1).unwrap().value, Value::Number(d("10")));
    assert_eq!(sheet.cell(7, 1).unwrap().value, Value::Number(d("5")));
    assert!(text(6, 0).contains("低于序时进度超过"));
    assert_eq!(text(1, column("截至日期")), "2017年9月12日");
    // (322.95 − 160) ÷ 4 = 40.74 万元 a month for the red unit.
    assert_eq!(
        sheet
            .cell(1, column("剩余每月需支出（万元）"))
            .unwrap()
            .value,
        Value::Number(d("40.74"))
    );
    assert_eq!(
        sheet.alert_colours,
        [(1, column("预警"), 3, column("预警"))]
    );
    // A month in progress by days: the execution on the as-of day.
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[0] = Some(d("27"));
    totals.months_wan[1] = Some(d("10"));
    let days = Rules::with_bands(
        d("322.95"),
        crate::rules::SEED_PERCENTS.map(rust_decimal::Decimal::from),
        crate::rules::Grade::ALL.map(|g| g.measure().to_string()),
        crate::rules::ProgressBasis::Days,
    );
    let february =
        grade_year_as_of(&totals, days, crate::dates::CalendarDate::new(2017, 2, 14)).unwrap();
    let sheet = plan(&[entry("某局", &february)], &[]);
    assert_eq!(
        sheet.cell(1, column("累计支出（万元）")).unwrap().value,
        Value::Number(d("37.00"))
    );
    assert_eq!(
        sheet.cell(1, column("序时进度")).unwrap().value,
        Value::Number(d("45") / d("365"))
    );
}

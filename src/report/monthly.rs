//! The `月度分析` sheet: one row per month with live formulas, the 合计, the
//! 综合评价结论 and two charts.
//!
//! 完成率, 绩效等级, 整改办法 and the cumulative columns are formulas that refer to
//! the amount cells and to the budget and thresholds on `自评指标体系`, so an
//! edited amount or budget regrades in Excel / WPS / LibreOffice; each formula
//! carries the result jixiao computed, so readers that do not recalculate see
//! the same values. The formulas round like jixiao: `ROUND(x,2)` (half away
//! from zero) compared with `>=`.

use super::plan::{Cached, ChartPlan, SheetPlan, Style, Value};
use super::rules_sheet::{CHART_DATA_FIRST_ROW, NAMED_CELLS};
use crate::analysis::{conclusion, month_note};
use crate::dates::chinese_month_name;
use crate::grade::{Execution, GradedYear, MonthStatus};
use crate::read::cell::column_name;
use crate::report::wrapped_row_height;
use rust_decimal::Decimal;

/// The columns of `月度分析`: header and width. 月份, 支出金额（万元） and 绩效等级 are a contract.
pub const COLUMNS: [(&str, f64); 11] = [
    ("月份", 12.0),
    ("支出金额（万元）", 14.0),
    ("月均预算（万元）", 14.0),
    ("完成率", 9.0),
    ("绩效等级", 9.0),
    ("整改办法", 16.0),
    ("情况分析", 60.0),
    ("累计支出（万元）", 14.0),
    ("累计执行率", 10.0),
    ("序时进度", 9.0),
    ("进度差异", 9.0),
];

const AMOUNT: u16 = 1;
const SHARE: u16 = 2;
const RATE: u16 = 3;
const GRADE: u16 = 4;
const MEASURE: u16 = 5;
const NOTE: u16 = 6;
const CUMULATIVE: u16 = 7;
const CUMULATIVE_RATE: u16 = 8;
const ELAPSED: u16 = 9;
const GAP: u16 = 10;
/// Hidden chart data: 累计执行率 and 序时进度 of the due months, empty for the
/// others, so the line chart stops where the data stops instead of falling to 0.
const CHART_RATE: u16 = 11;
const CHART_ELAPSED: u16 = 12;

/// What the formulas of a month not yet due show (a cached empty text cannot be
/// stored: rust_xlsxwriter writes it as 0).
pub const NOT_APPLICABLE: &str = "—";

/// The row of the 合计 line (0-based).
pub const TOTAL_ROW: u32 = 14;
/// The row of the 综合评价结论 text (0-based).
pub const CONCLUSION_ROW: u32 = 17;

/// `B2`-style reference to a 0-based cell.
fn at(row: u32, column: u16) -> String {
    format!("{}{}", column_name(u32::from(column)), row + 1)
}

/// Plans `月度分析` for a year whose rules live on the sheet `rules_sheet`;
/// `caveat` (a failed tie-out) opens the 综合评价结论.
pub fn plan(
    year: &GradedYear,
    name: &str,
    rules_sheet: &str,
    page_header: &str,
    caveat: Option<&str>,
) -> SheetPlan {
    let mut sheet = SheetPlan::table(name, page_header, &COLUMNS);
    // Defined names local to this sheet (see `rules_sheet::NAMED_CELLS`).
    let budget = NAMED_CELLS[0].0;
    let thresholds: Vec<&str> = NAMED_CELLS[1..].iter().map(|(name, _)| *name).collect();
    let share = year.rules.monthly_share_wan;
    for month in &year.months {
        let figures = month.execution.unwrap_or(Execution {
            completion: Decimal::ZERO,
            cumulative_wan: Decimal::ZERO,
            cumulative_rate: Decimal::ZERO,
            elapsed: Decimal::ZERO,
            gap: Decimal::ZERO,
        });
        let row = month.month;
        let amount = at(row, AMOUNT);
        let due = matches!(month.status, MonthStatus::Graded(_));
        sheet.text(
            row,
            0,
            chinese_month_name(month.month).unwrap_or_default(),
            Style::Text,
        );
        sheet.put(
            row,
            AMOUNT,
            if due {
                Value::Number(month.amount_wan)
            } else {
                Value::Blank
            },
            Style::Money,
        );
        sheet.put(
            row,
            SHARE,
            Value::Formula(format!("{budget}/12"), Cached::Number(share)),
            Style::Money,
        );
        let when_due = |formula: String, value: Decimal| {
            let cached = if due {
                Cached::Number(value)
            } else {
                Cached::Text(NOT_APPLICABLE.to_string())
            };
            Value::Formula(
                format!("IF({amount}=\"\",\"{NOT_APPLICABLE}\",{formula})"),
                cached,
            )
        };
        sheet.put(
            row,
            RATE,
            when_due(format!("{amount}/{}", at(row, SHARE)), figures.completion),
            Style::Rate,
        );
        let grade_label = month.grade().map_or(super::NOT_DUE, |g| g.label());
        let rounded = format!("ROUND({amount},2)");
        let grade_formula = format!(
            "IF({amount}=\"\",\"{}\",IF({rounded}>={},\"优秀\",IF({rounded}>={},\"良好\",IF({rounded}>={},\"中等\",IF({rounded}>={},\"及格\",\"差\")))))",
            super::NOT_DUE,
            thresholds[0],
            thresholds[1],
            thresholds[2],
            thresholds[3]
        );
        sheet.put(
            row,
            GRADE,
            Value::Formula(grade_formula, Cached::Text(grade_label.to_string())),
            Style::Centered,
        );
        let grade_cell = at(row, GRADE);
        let measure_formula = measure_formula(&grade_cell, &year.rules);
        let measure = month
            .grade()
            .map_or(NOT_APPLICABLE, |g| year.rules.measure(g));
        sheet.put(
            row,
            MEASURE,
            Value::Formula(measure_formula, Cached::Text(measure.to_string())),
            Style::Text,
        );
        let note = month_note(year, month);
        sheet
            .heights
            .push((row, wrapped_row_height(&note, COLUMNS[NOTE as usize].1)));
        sheet.text(row, NOTE, note, Style::Wrap);
        sheet.put(
            row,
            CUMULATIVE,
            when_due(
                format!("SUM({}$2:{amount})", column_name(u32::from(AMOUNT))),
                figures.cumulative_wan,
            ),
            Style::Money,
        );
        sheet.put(
            row,
            CUMULATIVE_RATE,
            when_due(
                format!("{}/{budget}", at(row, CUMULATIVE)),
                figures.cumulative_rate,
            ),
            Style::Rate,
        );
        sheet.put(
            row,
            ELAPSED,
            when_due(
                elapsed_formula(year.year, month.month, year.rules.progress),
                figures.elapsed,
            ),
            Style::Rate,
        );
        sheet.put(
            row,
            GAP,
            when_due(
                format!("{}-{}", at(row, CUMULATIVE_RATE), at(row, ELAPSED)),
                figures.gap,
            ),
            Style::Rate,
        );
        for (column, source, value) in [
            (CHART_RATE, CUMULATIVE_RATE, figures.cumulative_rate),
            (CHART_ELAPSED, ELAPSED, figures.elapsed),
        ] {
            // Empty, not 0 and not text, for a month not yet due: a gap in
            // Excel, WPS and LibreOffice alike (LibreOffice draws #N/A as 0).
            let data = if due {
                Value::Formula(at(row, source), Cached::Number(value))
            } else {
                Value::Blank
            };
            sheet.put(row, column, data, Style::Rate);
        }
    }
    sheet.text(0, CHART_RATE, "累计执行率（图表数据）", Style::Header);
    sheet.text(0, CHART_ELAPSED, "序时进度（图表数据）", Style::Header);
    sheet.hidden_columns.extend([CHART_RATE, CHART_ELAPSED]);
    let label = match year.last_due_month {
        1 => "合计（1月）".to_string(),
        last => format!("合计（1—{last}月）"),
    };
    sheet.text(TOTAL_ROW, 0, label, Style::Label);
    let sum = format!("SUM({}:{})", at(1, AMOUNT), at(12, AMOUNT));
    sheet.put(
        TOTAL_ROW,
        AMOUNT,
        Value::Formula(sum, Cached::Number(year.total_wan)),
        Style::Money,
    );
    sheet.put(
        TOTAL_ROW,
        CUMULATIVE_RATE,
        Value::Formula(
            format!("{}/{budget}", at(TOTAL_ROW, AMOUNT)),
            Cached::Number(year.execution().cumulative_rate),
        ),
        Style::Rate,
    );
    sheet.text(CONCLUSION_ROW - 1, 0, "综合评价结论", Style::Title);
    let summary = match caveat {
        Some(caveat) => format!("{caveat}{}", conclusion(year)),
        None => conclusion(year),
    };
    let width: f64 = COLUMNS.iter().map(|(_, w)| w).sum();
    sheet
        .heights
        .push((CONCLUSION_ROW, wrapped_row_height(&summary, width)));
    sheet.merges.push((CONCLUSION_ROW, 0, CONCLUSION_ROW, GAP));
    sheet.text(CONCLUSION_ROW, 0, summary, Style::Wrap);
    sheet.grade_colours.push((1, GRADE, 12, GRADE));
    sheet.charts = charts(name, rules_sheet);
    // Each chart starts a printed page, so that neither is cut by a page break.
    sheet.page_breaks = sheet.charts.iter().map(|chart| chart.anchor.0).collect();
    sheet
}

/// The 整改办法 formula: the measure of the grade in `grade_cell`, by these rules.
fn measure_formula(grade_cell: &str, rules: &crate::rules::Rules) -> String {
    use crate::rules::Grade;
    let mut formula = format!("\"{}\"", rules.measure(Grade::Poor).replace('"', "\"\""));
    for grade in [Grade::Pass, Grade::Fair, Grade::Good, Grade::Excellent] {
        let measure = rules.measure(grade).replace('"', "\"\"");
        formula = format!(
            "IF({grade_cell}=\"{}\",\"{measure}\",{formula})",
            grade.label()
        );
    }
    format!(
        "IF({grade_cell}=\"{}\",\"{NOT_APPLICABLE}\",{formula})",
        super::NOT_DUE
    )
}

/// The 序时进度 formula at the end of `month`: `8/12`, or days elapsed ÷ days in the year.
fn elapsed_formula(year: i32, month: u32, basis: crate::rules::ProgressBasis) -> String {
    match basis {
        crate::rules::ProgressBasis::Months => format!("{month}/12"),
        crate::rules::ProgressBasis::Days => format!(
            "(DATE({year},{},1)-DATE({year},1,1))/(DATE({},1,1)-DATE({year},1,1))",
            month + 1,
            year + 1
        ),
    }
}

/// Monthly amounts as columns with the four thresholds as lines; cumulative
/// execution against 序时进度.
fn charts(name: &str, rules_sheet: &str) -> Vec<ChartPlan> {
    let months = (name.to_string(), (1, 0, 12, 0));
    let threshold_lines = ["优秀线", "良好线", "中等线", "及格线"]
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let column = i as u16 + 1;
            (
                label.to_string(),
                rules_sheet.to_string(),
                (
                    CHART_DATA_FIRST_ROW,
                    column,
                    CHART_DATA_FIRST_ROW + 11,
                    column,
                ),
            )
        })
        .collect();
    vec![
        ChartPlan {
            title: "各月支出与绩效标准（万元）".to_string(),
            columns: vec![(
                "支出金额".to_string(),
                name.to_string(),
                (1, AMOUNT, 12, AMOUNT),
            )],
            lines: threshold_lines,
            categories: months.clone(),
            number_format: "0.00".to_string(),
            anchor: (CONCLUSION_ROW + 2, 0),
        },
        ChartPlan {
            title: "累计执行率与序时进度".to_string(),
            columns: Vec::new(),
            lines: vec![
                (
                    "累计执行率".to_string(),
                    name.to_string(),
                    (1, CHART_RATE, 12, CHART_RATE),
                ),
                (
                    "序时进度".to_string(),
                    name.to_string(),
                    (1, CHART_ELAPSED, 12, CHART_ELAPSED),
                ),
            ],
            categories: months,
            number_format: "0%".to_string(),
            anchor: (CONCLUSION_ROW + 19, 0),
        },
    ]
}

#[cfg(test)]
mod tests;

//! The finance bureau's `--summary` workbook: one row per department's ledger
//! (its latest year), sorted by how far spending lags 序时进度 (the lagging
//! units first), each with its as-of day, its red / yellow / green mark by the
//! rules stated below the table (预算执行动态监控; the marks are formulas of the
//! rules' cells, so a bureau may change them), what each remaining month needs,
//! a chart and the grade colours; files that could not be read are listed
//! below with why.

use super::plan::{Cached, ChartPlan, SheetPlan, Style, Value};
use crate::dates::chinese_month_name;
use crate::grade::GradedYear;
use crate::monitor::{alert, RED_POINTS, YELLOW_POINTS};
use crate::rules::Grade;
use anyhow::{Context, Result};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";

/// The 单位 cell of a ledger that names no unit (its file is in 台账文件).
pub const UNIT_NOT_NAMED: &str = "（台账未写明单位，见台账文件）";

/// The summary's columns and widths.
pub const COLUMNS: [(&str, f64); 18] = [
    ("单位", 24.0),
    ("年度", 7.0),
    ("预算收入（万元）", 14.0),
    ("累计支出（万元）", 14.0),
    ("执行率", 9.0),
    ("序时进度", 9.0),
    ("进度差异", 9.0),
    ("预警", 7.0),
    ("剩余每月需支出（万元）", 14.0),
    ("截至日期", 14.0),
    ("优秀", 6.0),
    ("良好", 6.0),
    ("中等", 6.0),
    ("及格", 6.0),
    ("差", 6.0),
    ("评为差的月份", 24.0),
    ("已评定月数", 10.0),
    ("台账文件", 30.0),
];

/// The column of the mark (红 / 黄 / 绿).
const ALERT: u16 = 7;
/// The first of the five grade columns.
const GRADES: u16 = 10;
/// The last column.
const LAST: u16 = COLUMNS.len() as u16 - 1;

/// One department in the summary.
pub struct SummaryEntry<'a> {
    /// The unit's name from the settings or the ledger; `None` when neither
    /// names it — the 单位 cell then says so, and the ledger is known by its
    /// file in 台账文件.
    pub unit: Option<String>,
    /// The ledger's file name.
    pub file: String,
    /// Its latest graded year.
    pub year: &'a GradedYear,
    /// The day the run reported on (截至), when there was one.
    pub as_of: Option<crate::dates::CalendarDate>,
}

/// How far spending is ahead of (positive) or behind (negative) 序时进度.
fn gap(year: &GradedYear) -> Decimal {
    year.execution().gap
}

/// Plans the summary sheet: entries sorted by gap, most behind first; below
/// them the monitoring rules (the cells the marks read), then `failures`
/// (file, reason).
pub fn plan(entries: &[SummaryEntry<'_>], failures: &[(String, String)]) -> SheetPlan {
    let mut sheet = SheetPlan::table(SUMMARY_SHEET, "&C部门整体支出绩效自评汇总", &COLUMNS);
    // The grade columns' headers carry the grades' colours.
    sheet.grade_colours.push((0, GRADES, 0, GRADES + 4));
    let mut sorted: Vec<&SummaryEntry<'_>> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        gap(a.year)
            .cmp(&gap(b.year))
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.file.cmp(&b.file))
    });
    let last = sorted.len() as u32;
    // The rules the marks follow, right under the table.
    let rules_row = last + 2;
    let (red_cell, yellow_cell) = (
        format!("$B${}", rules_row + 2),
        format!("$B${}", rules_row + 3),
    );
    for (index, entry) in sorted.iter().enumerate() {
        let row = index as u32 + 1;
        let year = entry.year;
        let figures = year.execution();
        let unit = entry
            .unit
            .clone()
            .unwrap_or_else(|| UNIT_NOT_NAMED.to_string());
        sheet.text(row, 0, unit, Style::Text);
        sheet.put(
            row,
            1,
            Value::Number(Decimal::from(year.year)),
            Style::Centered,
        );
        sheet.put(row, 2, Value::Number(year.rules.budget_wan), Style::Money);
        sheet.put(row, 3, Value::Number(figures.cumulative_wan), Style::Money);
        sheet.put(row, 4, Value::Number(figures.cumulative_rate), Style::Rate);
        sheet.put(row, 5, Value::Number(figures.elapsed), Style::Rate);
        sheet.put(row, 6, Value::Number(figures.gap), Style::Rate);
        let points = format!("ROUND(G{}*100,4)", row + 1);
        sheet.put(
            row,
            ALERT,
            Value::Formula(
                format!(
                    "IF({points}<-{red_cell},\"红\",IF({points}<-{yellow_cell},\"黄\",\"绿\"))"
                ),
                Cached::Text(alert(figures.gap).label().to_string()),
            ),
            Style::Centered,
        );
        match crate::ahead::ahead(year) {
            Some(ahead) => sheet.put(row, 8, Value::Number(ahead.needed_wan), Style::Money),
            None => sheet.text(row, 8, "—", Style::Centered),
        }
        let as_of = entry
            .as_of
            .map_or_else(|| "—".to_string(), crate::as_of::chinese);
        sheet.text(row, 9, as_of, Style::Centered);
        for (offset, grade) in Grade::ALL.iter().enumerate() {
            sheet.put(
                row,
                GRADES + offset as u16,
                Value::Number(Decimal::from(year.count(*grade))),
                Style::Centered,
            );
        }
        let poor: Vec<&str> = year
            .due_months()
            .filter(|m| m.grade() == Some(Grade::Poor))
            .filter_map(|m| chinese_month_name(m.month))
            .collect();
        sheet.text(
            row,
            GRADES + 5,
            if poor.is_empty() {
                "无".to_string()
            } else {
                poor.join("、")
            },
            Style::Text,
        );
        sheet.put(
            row,
            GRADES + 6,
            Value::Number(Decimal::from(year.last_due_month)),
            Style::Centered,
        );
        sheet.text(row, LAST, entry.file.clone(), Style::Text);
    }
    if last > 0 {
        sheet.alert_colours.push((1, ALERT, last, ALERT));
    }
    let mut row = rules_row;
    sheet.text(row, 0, "预警规则（预算执行动态监控）", Style::Title);
    let rules = [
        (
            "红色：累计执行率低于序时进度超过",
            Some(RED_POINTS),
            "个百分点",
        ),
        (
            "黄色：累计执行率低于序时进度超过",
            Some(YELLOW_POINTS),
            "个百分点（未达到红色）",
        ),
        (
            "绿色：其余（不低于序时进度，或低于不超过黄色的点数）",
            None,
            "",
        ),
    ];
    for (text, points, after) in rules {
        row += 1;
        sheet.text(row, 0, text, Style::Text);
        if let Some(points) = points {
            sheet.put(
                row,
                1,
                Value::Number(Decimal::from(points)),
                Style::Centered,
            );
            sheet.text(row, 2, after, Style::Note);
        }
    }
    row += 1;
    let note = "各单位按进度差异（累计执行率－序时进度）从低到高排列，滞后的单位在前。序时进度取最后一个已结束月份的月末；按天计算且截至日期所在月份尚在进行中时，取截至日期当天。改动上面的点数，预警随之重算。";
    sheet.merges.push((row, 0, row, LAST));
    sheet
        .heights
        .push((row, super::wrapped_row_height(note, 180.0)));
    sheet.text(row, 0, note, Style::NoteWrap);
    row += 2;
    if !failures.is_empty() {
        sheet.text(row, 0, "未能处理的文件", Style::Title);
        row += 1;
        sheet.text(row, 0, "台账文件", Style::Header);
        sheet.merges.push((row, 1, row, LAST));
        sheet.text(row, 1, "原因", Style::Header);
        for (file, reason) in failures {
            row += 1;
            sheet.text(row, 0, file.clone(), Style::Text);
            sheet.merges.push((row, 1, row, LAST));
            sheet.text(row, 1, reason.clone(), Style::Wrap);
            sheet
                .heights
                .push((row, super::wrapped_row_height(reason, 150.0)));
        }
        row += 1;
    }
    if last > 0 {
        sheet.charts.push(ChartPlan {
            title: "各单位累计执行率与序时进度".to_string(),
            columns: vec![(
                "累计执行率".to_string(),
                SUMMARY_SHEET.to_string(),
                (1, 4, last, 4),
            )],
            lines: vec![(
                "序时进度".to_string(),
                SUMMARY_SHEET.to_string(),
                (1, 5, last, 5),
            )],
            categories: (SUMMARY_SHEET.to_string(), (1, 0, last, 0)),
            number_format: "0%".to_string(),
            anchor: (row + 1, 0),
        });
    }
    sheet
}

/// Builds the summary workbook's bytes (creation time fixed, so the same inputs give the same bytes).
pub fn build(entries: &[SummaryEntry<'_>], failures: &[(String, String)]) -> Result<Vec<u8>> {
    let latest = entries.iter().map(|e| e.year.year).max().unwrap_or(2000);
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(u16::try_from(latest).unwrap_or(2000), 1, 1)
        .context("无法设置创建时间")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("部门整体支出绩效自评汇总")
            .set_creation_datetime(&created),
    );
    super::plan::render(workbook.add_worksheet(), &plan(entries, failures))
        .context("写入「汇总」失败")?;
    workbook.save_to_buffer().context("生成汇总表失败")
}

//! The finance bureau's `--summary` workbook: one row per department's ledger
//! (its latest year), sorted by how far spending lags 序时进度, with a chart and
//! the grade colours; files that could not be read are listed below with why.

use super::plan::{ChartPlan, SheetPlan, Style, Value};
use crate::dates::chinese_month_name;
use crate::grade::GradedYear;
use crate::rules::Grade;
use anyhow::{Context, Result};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";

/// The 单位 cell of a ledger that names no unit (its file is in 台账文件).
pub const UNIT_NOT_NAMED: &str = "（台账未写明单位，见台账文件）";

/// The summary's columns and widths.
pub const COLUMNS: [(&str, f64); 15] = [
    ("单位", 24.0),
    ("年度", 7.0),
    ("预算收入（万元）", 14.0),
    ("累计支出（万元）", 14.0),
    ("执行率", 9.0),
    ("序时进度", 9.0),
    ("进度差异", 9.0),
    ("优秀", 6.0),
    ("良好", 6.0),
    ("中等", 6.0),
    ("及格", 6.0),
    ("差", 6.0),
    ("评为差的月份", 24.0),
    ("已评定月数", 10.0),
    ("台账文件", 30.0),
];

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
}

/// How far spending is ahead of (positive) or behind (negative) 序时进度.
fn gap(year: &GradedYear) -> Decimal {
    year.execution().gap
}

/// Plans the summary sheet: entries sorted by gap, most behind first; `failures` (file, reason) below.
pub fn plan(entries: &[SummaryEntry<'_>], failures: &[(String, String)]) -> SheetPlan {
    let mut sheet = SheetPlan::table(SUMMARY_SHEET, "&C部门整体支出绩效自评汇总", &COLUMNS);
    // The grade columns' headers carry the grades' colours.
    sheet.grade_colours.push((0, 7, 0, 11));
    let mut sorted: Vec<&SummaryEntry<'_>> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        gap(a.year)
            .cmp(&gap(b.year))
            .then_with(|| a.unit.cmp(&b.unit))
            .then_with(|| a.file.cmp(&b.file))
    });
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
        sheet.put(row, 3, Value::Number(year.total_wan), Style::Money);
        sheet.put(row, 4, Value::Number(figures.cumulative_rate), Style::Rate);
        sheet.put(row, 5, Value::Number(figures.elapsed), Style::Rate);
        sheet.put(row, 6, Value::Number(figures.gap), Style::Rate);
        for (offset, grade) in Grade::ALL.iter().enumerate() {
            sheet.put(
                row,
                7 + offset as u16,
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
            12,
            if poor.is_empty() {
                "无".to_string()
            } else {
                poor.join("、")
            },
            Style::Text,
        );
        sheet.put(
            row,
            13,
            Value::Number(Decimal::from(year.last_due_month)),
            Style::Centered,
        );
        sheet.text(row, 14, entry.file.clone(), Style::Text);
    }
    let last = sorted.len() as u32;
    let mut row = last + 2;
    if !failures.is_empty() {
        sheet.text(row, 0, "未能处理的文件", Style::Title);
        row += 1;
        sheet.text(row, 0, "台账文件", Style::Header);
        sheet.merges.push((row, 1, row, 14));
        sheet.text(row, 1, "原因", Style::Header);
        for (file, reason) in failures {
            row += 1;
            sheet.text(row, 0, file.clone(), Style::Text);
            sheet.merges.push((row, 1, row, 14));
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

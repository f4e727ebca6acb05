//! The `自评指标体系` sheet: the seed's table of bands for one year, with the
//! budget, the period and how a month is graded, in the bureau's words. Where
//! the budget came from and how figures are rounded are for the accountant:
//! `数据检查` says them. The thresholds are formulas of the budget cell, so
//! editing the budget regrades the year.

use super::plan::{Cached, SheetPlan, Style, Value};
use crate::grade::GradedYear;
use crate::money::format_cents;
use crate::rules::Grade;
use rust_decimal::Decimal;

/// Rows (0-based) of the 优秀 / 良好 / 中等 / 及格 thresholds in column B.
pub const THRESHOLD_ROWS: [u32; 4] = [4, 5, 6, 7];
/// The names the year's other sheets use for the budget and the four
/// thresholds, with their row (0-based) in column B of this sheet: defined
/// names local to each sheet that refers to them, so a formula reads
/// `ROUND(B2,2)>=优秀标准` and no sheet depends on another's row numbers.
pub const NAMED_CELLS: [(&str, u32); 5] = [
    ("预算收入", 0),
    ("优秀标准", THRESHOLD_ROWS[0]),
    ("良好标准", THRESHOLD_ROWS[1]),
    ("中等标准", THRESHOLD_ROWS[2]),
    ("及格标准", THRESHOLD_ROWS[3]),
];

/// The table header of the bands.
pub const BAND_HEADERS: [&str; 5] = [
    "支出进度",
    "每月支出标准（万元）",
    "绩效评定",
    "整改办法",
    "占月均预算",
];

/// The sentence under the bands: how a month is graded.
pub const GRADING_NOTE: &str = "评定方法：各档每月支出标准＝预算收入×占月均预算的比例÷12，保留两位小数；当月支出（万元，保留两位小数）达到某档标准即评为该档。";

/// Plans `自评指标体系` for a year.
/// `monthly` is the name of the year's 月度分析 sheet, whose amounts the
/// period follows.
pub fn plan(year: &GradedYear, name: &str, monthly: &str, page_header: &str) -> SheetPlan {
    let rules = &year.rules;
    let mut sheet = SheetPlan::new(name);
    sheet.page_header = page_header.to_string();
    sheet.page_footer = super::plan::PAGE_FOOTER.to_string();
    for (column, width) in [36.0, 20.0, 12.0, 20.0, 12.0].into_iter().enumerate() {
        sheet.widths.push((column as u16, width));
    }
    sheet.text(0, 0, "财政预算收入资金（万元）", Style::Label);
    sheet.put(0, 1, Value::Number(rules.budget_wan), Style::Money);
    sheet.text(1, 0, "月均预算（万元）＝预算收入÷12", Style::Label);
    sheet.put(
        1,
        1,
        Value::Formula("B1/12".into(), Cached::Number(rules.monthly_share_wan)),
        Style::Money,
    );
    sheet.text(2, 0, "评价期间", Style::Label);
    let period = match year.last_due_month {
        1 => format!("{}年1月", year.year),
        last => format!("{}年1—{last}月", year.year),
    };
    // Up to the last month 月度分析 holds an amount for, so that a month
    // filled in there is in the period here too.
    let last = format!(
        "(SUMPRODUCT(MAX(('{monthly}'!{amounts}<>\"\")*ROW('{monthly}'!{amounts})))-1)",
        amounts = super::plan::MONTH_AMOUNTS
    );
    let y = year.year;
    let mut formula = format!("IF({last}<=1,\"{y}年1月\",\"{y}年1—\"&{last}&\"月\")");
    let mut period = period;
    // The month in progress holds an amount but is no part of the period graded.
    if let (Some(month), Some(day)) = (year.in_progress(), year.as_of) {
        period = format!("{period}（{}月截至{}日，进行中）", day.month, day.day);
        formula = format!(
            "IF({last}<={},{},{formula})",
            month.month,
            super::plan::text_literal(&period)
        );
    }
    sheet.put(
        2,
        1,
        Value::Formula(formula, Cached::Text(period)),
        Style::Text,
    );
    for (column, header) in BAND_HEADERS.iter().enumerate() {
        sheet.text(3, column as u16, *header, Style::Header);
    }
    for (band, row) in rules.bands.iter().zip(THRESHOLD_ROWS) {
        let cell = format!("B{}", row + 1);
        let percent = band.percent;
        sheet.put(
            row,
            0,
            Value::Formula(
                format!("\"每月≥\"&TEXT({cell},\"0.00\")&\"万元（月均预算的{percent}%以上）\""),
                Cached::Text(format!(
                    "每月≥{}万元（月均预算的{percent}%以上）",
                    format_cents(band.threshold_wan)
                )),
            ),
            Style::Text,
        );
        sheet.put(
            row,
            1,
            Value::Formula(
                format!("ROUND($B$1*{percent}/1200,2)"),
                Cached::Number(band.threshold_wan),
            ),
            Style::Money,
        );
        sheet.text(row, 2, band.grade.label(), Style::Centered);
        sheet.text(row, 3, rules.measure(band.grade), Style::Text);
        sheet.put(
            row,
            4,
            Value::Number(percent / Decimal::from(100)),
            Style::Rate,
        );
    }
    let poor_row = THRESHOLD_ROWS[3] + 1;
    let pass_cell = format!("B{}", THRESHOLD_ROWS[3] + 1);
    sheet.put(
        poor_row,
        0,
        Value::Formula(
            format!("\"每月<\"&TEXT({pass_cell},\"0.00\")&\"万元（不足月均预算的60%）\""),
            Cached::Text(format!(
                "每月<{}万元（不足月均预算的60%）",
                format_cents(rules.pass_line_wan())
            )),
        ),
        Style::Text,
    );
    sheet.put(poor_row, 1, Value::Blank, Style::Money);
    sheet.text(poor_row, 2, Grade::Poor.label(), Style::Centered);
    sheet.text(poor_row, 3, rules.measure(Grade::Poor), Style::Text);
    sheet.put(poor_row, 4, Value::Blank, Style::Rate);
    sheet
        .grade_colours
        .push((THRESHOLD_ROWS[0], 2, poor_row, 2));
    // Merged across the table and wrapped, so that it prints whole.
    let note_row = poor_row + 2;
    sheet.merges.push((note_row, 0, note_row, 4));
    sheet.heights.push((
        note_row,
        super::plan::merged_row_height(GRADING_NOTE, 100.0),
    ));
    sheet.text(note_row, 0, GRADING_NOTE, Style::Wrap);
    sheet.print_area = Some((0, 0, note_row, 4));
    sheet
}

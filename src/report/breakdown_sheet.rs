//! The `分项执行` sheet: each line of the budget breakdown with its spending,
//! execution and the economic items counted in it.

use super::plan::{Cached, SheetPlan, Style, Value};
use crate::breakdown::{item_names, Breakdown};
use crate::grade::GradedYear;
use crate::money::round_cents;
use rust_decimal::Decimal;

/// The sheet's name.
pub const BREAKDOWN_SHEET: &str = "分项执行";

/// Plans `分项执行` for the latest year.
pub fn plan(breakdown: &Breakdown, year: &GradedYear, page_header: &str) -> SheetPlan {
    let columns = [
        ("分项", 20.0),
        ("预算（万元）", 13.0),
        ("已支出（万元）", 13.0),
        ("执行率", 9.0),
        ("序时进度", 9.0),
        ("进度差异", 9.0),
        ("包含的支出（经济分类）", 50.0),
    ];
    let mut sheet = SheetPlan::table(BREAKDOWN_SHEET, page_header, &columns);
    // 序时进度 as the year's execution figures have it, computed once.
    let elapsed = year.execution().elapsed;
    let mut row = 1u32;
    for line in &breakdown.lines {
        let spent = round_cents(line.spent_wan);
        let rate = spent / line.budget_wan;
        sheet.text(row, 0, line.name.clone(), Style::Text);
        sheet.put(row, 1, Value::Number(line.budget_wan), Style::Money);
        sheet.put(row, 2, Value::Number(spent), Style::Money);
        sheet.put(
            row,
            3,
            Value::Formula(format!("C{0}/B{0}", row + 1), Cached::Number(rate)),
            Style::Rate,
        );
        sheet.put(row, 4, Value::Number(elapsed), Style::Rate);
        sheet.put(
            row,
            5,
            Value::Formula(
                format!("D{0}-E{0}", row + 1),
                Cached::Number(rate - elapsed),
            ),
            Style::Rate,
        );
        let items = if line.items.is_empty() {
            "（台账中没有对应的支出）".to_string()
        } else {
            item_names(&line.items)
        };
        sheet.text(row, 6, items, Style::Wrap);
        row += 1;
    }
    if !breakdown.unmatched_items.is_empty() {
        sheet.text(row, 0, "未对应分项的支出", Style::Label);
        sheet.put(row, 1, Value::Blank, Style::Money);
        sheet.put(
            row,
            2,
            Value::Number(round_cents(breakdown.unmatched_wan)),
            Style::Money,
        );
        sheet.text(row, 6, item_names(&breakdown.unmatched_items), Style::Wrap);
        row += 1;
    }
    let spent_total: Decimal = breakdown
        .lines
        .iter()
        .map(|l| round_cents(l.spent_wan))
        .sum::<Decimal>()
        + round_cents(breakdown.unmatched_wan);
    sheet.text(row, 0, "合计", Style::Label);
    sheet.put(
        row,
        1,
        Value::Formula(
            format!("SUM(B2:B{row})"),
            Cached::Number(breakdown.parts_wan),
        ),
        Style::Money,
    );
    sheet.put(
        row,
        2,
        Value::Formula(format!("SUM(C2:C{row})"), Cached::Number(spent_total)),
        Style::Money,
    );
    row += 2;
    if let Some(warning) = &breakdown.warning {
        sheet.text(row, 0, format!("注意：{warning}"), Style::Title);
        row += 1;
    }
    sheet.text(
        row,
        0,
        "分项按每笔支出的经济分类对应：先找与款名相同的分项，再找名称中含有款名的分项（如“办公取暖”含办公费、取暖费），最后找与类名相同的分项（如“工资福利支出”）。",
        Style::Note,
    );
    sheet
}

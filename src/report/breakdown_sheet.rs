//! The `分项执行` sheet: each line of the budget breakdown with its spending,
//! execution and the economic items counted in it; a line far over or under
//! its budget gets a sentence (说明, a formula of the line's cells). The 合计
//! of 已支出 is the year's spending computed once from cents and rounded once
//! (the same figure as 月度分析's 合计); when the lines, each rounded, miss it
//! by a cent, a note says so.

use super::plan::{text_literal, Cached, SheetPlan, Style, Value};
use crate::breakdown::{item_names, Breakdown};
use crate::grade::GradedYear;
use crate::money::round_cents;
use rust_decimal::Decimal;

/// The sheet's name.
pub const BREAKDOWN_SHEET: &str = "分项执行";
/// The row of spending that matched no line, as the draft names it too.
pub const UNMATCHED_ROW: &str = "未归入分项的支出";
/// The end of the rounding note: a cent a line at most.
const ROUNDING: &str = "万元，差额系尾差";
/// The end of the rounding note: more than rounding.
const MISMATCH: &str = "万元，与合计不一致，请核对各分项的已支出";
/// What 说明 shows for a line nothing is to be said about.
const NOTHING: &str = "—";

/// The 说明 of a line in row `row` (1-based, as in `B2`): over its whole
/// year's budget, or under half of 序时进度; else `—`. The words are built
/// from the cells, so an edited budget or amount keeps them true.
fn remark_formula(row: u32) -> String {
    format!(
        "IF(B{row}<=0,\"{NOTHING}\",IF(C{row}>B{row},\"已超出全年预算\"&TEXT(C{row}-B{row},\"0.00\")&\"万元（执行率\"&TEXT(D{row},\"0.0%\")&\"），请核对该分项的预算和归入的支出，并说明原因\",IF(D{row}<E{row}/2,\"执行率\"&TEXT(D{row},\"0.0%\")&\"，不到序时进度\"&TEXT(E{row},\"0.0%\")&\"的一半，请说明支出滞后的原因\",\"{NOTHING}\")))"
    )
}

/// What [`remark_formula`] shows for these figures.
pub fn remark(budget: Decimal, spent: Decimal, elapsed: Decimal) -> String {
    use crate::analysis::percent;
    if budget <= Decimal::ZERO {
        return NOTHING.to_string();
    }
    let rate = spent / budget;
    if spent > budget {
        format!(
            "已超出全年预算{}万元（执行率{}），请核对该分项的预算和归入的支出，并说明原因",
            crate::money::format_cents(spent - budget),
            percent(rate, Decimal::ONE)
        )
    } else if rate < elapsed / Decimal::from(2) {
        format!(
            "执行率{}，不到序时进度{}的一半，请说明支出滞后的原因",
            percent(rate, Decimal::ONE),
            percent(elapsed, Decimal::ONE)
        )
    } else {
        NOTHING.to_string()
    }
}

/// Plans `分项执行` for the latest year.
pub fn plan(breakdown: &Breakdown, year: &GradedYear, page_header: &str) -> SheetPlan {
    let columns = [
        ("分项", 20.0),
        ("预算（万元）", 13.0),
        ("已支出（万元）", 13.0),
        ("执行率", 9.0),
        ("序时进度", 9.0),
        ("进度差异", 9.0),
        ("包含的支出（经济分类）", 40.0),
        ("说明", 36.0),
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
        sheet.put(
            row,
            7,
            Value::Formula(
                remark_formula(row + 1),
                Cached::Text(remark(line.budget_wan, spent, elapsed)),
            ),
            Style::Wrap,
        );
        row += 1;
    }
    if !breakdown.unmatched_items.is_empty() {
        sheet.text(row, 0, UNMATCHED_ROW, Style::Label);
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
    // The year's spending, the figure 月度分析's 合计 shows (each month
    // rounded to the cent once, from the ledger's cents).
    let spent_total = year.total_wan;
    let rows_sum: Decimal = breakdown
        .lines
        .iter()
        .map(|l| round_cents(l.spent_wan))
        .sum::<Decimal>()
        + if breakdown.unmatched_items.is_empty() {
            Decimal::ZERO
        } else {
            round_cents(breakdown.unmatched_wan)
        };
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
    sheet.put(row, 2, Value::Number(spent_total), Style::Money);
    let total_row = row + 1;
    row += 2;
    // A cent a line at most is rounding; more is an edit or spending the
    // lines do not hold. The note is a formula, so that it follows an edit;
    // a single space (nothing to see) when the lines add up to the total.
    let cents = format!("{}", breakdown.lines.len() + 1);
    let sum = format!("SUM(C2:C{})", total_row - 1);
    let formula = format!(
        "IF(ROUND({sum},2)=ROUND(C{total_row},2),\" \",{}&TEXT({sum},\"0.00\")&{}&TEXT(C{total_row},\"0.00\")&IF(ABS(ROUND({sum},2)-ROUND(C{total_row},2))<=0.01*{cents},{},{}))",
        text_literal("注：各分项的已支出分别四舍五入到0.01万元，相加为"),
        text_literal("万元；合计为全年（已评定月份）的支出"),
        text_literal(ROUNDING),
        text_literal(MISMATCH),
    );
    let lines = Decimal::from(breakdown.lines.len() + 1);
    let text = if rows_sum == spent_total {
        " ".to_string()
    } else {
        let why = if (rows_sum - spent_total).abs() <= Decimal::new(1, 2) * lines {
            ROUNDING
        } else {
            MISMATCH
        };
        format!(
            "注：各分项的已支出分别四舍五入到0.01万元，相加为{}万元；合计为全年（已评定月份）的支出{}{why}",
            crate::money::format_cents(rows_sum),
            crate::money::format_cents(spent_total)
        )
    };
    // Merged across the table and wrapped, so that it prints whole.
    let width: f64 = columns.iter().map(|(_, w)| w).sum();
    let longest = "注：各分项的已支出分别四舍五入到0.01万元，相加为000.00万元；合计为全年（已评定月份）的支出000.00万元，与合计不一致，请核对各分项的已支出";
    sheet
        .heights
        .push((row, super::plan::merged_row_height(longest, width)));
    sheet.merges.push((row, 0, row, 7));
    sheet.put(
        row,
        0,
        Value::Formula(formula, Cached::Text(text)),
        Style::NoteWrap,
    );
    row += 1;
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

//! The `月度分析` sheet: one row per month with live formulas, the 合计, the
//! 综合评价结论 and two charts.
//!
//! 完成率, 绩效等级, 整改办法 and the cumulative columns are formulas that refer to
//! the amount cells and to the budget and thresholds on `自评指标体系`, so an
//! edited amount or budget regrades in Excel / WPS / LibreOffice; each formula
//! carries the result jixiao computed, so readers that do not recalculate see
//! the same values. The formulas round like jixiao: `ROUND(x,2)` (half away
//! from zero) compared with `>=`.

use super::plan::{merged_row_height, text_row_height};
use super::plan::{number_literal, text_literal, Cached, ChartPlan, SheetPlan, Style, Value};
use super::rules_sheet::NAMED_CELLS;
use crate::analysis::{month_note, tight};
use crate::dates::chinese_month_name;
use crate::grade::{Execution, GradedYear, MonthStatus};
use crate::money::{format_cents, round_cents};
use crate::read::cell::column_name;
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
/// Hidden chart data, outside the print area: 累计执行率 and 序时进度 of the
/// due months, empty for the others, so the line chart stops where the data
/// stops instead of falling to 0; then the four standards (优秀线 … 及格线) of
/// the due months, so chart 1's lines stop where its bars stop.
const CHART_RATE: u16 = 11;
const CHART_ELAPSED: u16 = 12;
const CHART_LINES: u16 = 13;
/// The names of the four standard lines of chart 1.
pub const LINE_NAMES: [&str; 4] = ["优秀线", "良好线", "中等线", "及格线"];

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

/// Plans `月度分析` for a year whose rules live on the sheet `_rules_sheet`
/// (reached through the defined names of [`NAMED_CELLS`]);
/// `caveat` (a failed tie-out) opens the 综合评价结论.
pub fn plan(
    year: &GradedYear,
    name: &str,
    _rules_sheet: &str,
    page_header: &str,
    caveat: Option<&str>,
) -> SheetPlan {
    let mut sheet = SheetPlan::table(name, page_header, &COLUMNS);
    let previous = previous::Columns::start(&mut sheet, year);
    let context = Context::of(year, previous);
    for month in &year.months {
        month_row(&mut sheet, &context, month);
    }
    chart_data_headers(&mut sheet);
    total_row(&mut sheet, year, context.budget);
    conclusion(&mut sheet, year, caveat, &context.rules_kept);
    sheet.grade_colours.push((1, GRADE, 12, GRADE));
    sheet.charts = charts(name);
    lay_out_pages(&mut sheet, year, context.previous.is_some());
    sheet
}

/// What every row of the sheet refers to: the defined names of the budget and
/// the thresholds, the year's rules as their cells must still hold them for a
/// sentence to stand, and the 上年同期 columns when the book holds last year.
struct Context<'a> {
    year: &'a GradedYear,
    /// The budget's defined name (see `rules_sheet::NAMED_CELLS`).
    budget: &'static str,
    /// The thresholds' defined names, 优秀 first.
    thresholds: Vec<&'static str>,
    /// A condition true while the budget and thresholds are as graded.
    rules_kept: String,
    /// The notice a month's sentence gives when they are not.
    month_rules_notice: String,
    previous: Option<previous::Columns>,
}

impl<'a> Context<'a> {
    fn of(year: &'a GradedYear, previous: Option<previous::Columns>) -> Self {
        // Defined names local to this sheet (see `rules_sheet::NAMED_CELLS`).
        let budget = NAMED_CELLS[0].0;
        let thresholds: Vec<&'static str> =
            NAMED_CELLS[1..].iter().map(|(name, _)| *name).collect();
        Self {
            year,
            budget,
            rules_kept: rules_kept(year, budget, &thresholds),
            thresholds,
            month_rules_notice: rules_notice(year, "本月情况分析"),
            previous,
        }
    }
}

/// One month's row: its amount, share, grade, measure and sentence, the
/// cumulative figures, and the hidden chart data — or, for the month in
/// progress, what it has spent and still needs.
fn month_row(sheet: &mut SheetPlan, context: &Context<'_>, month: &crate::grade::GradedMonth) {
    let year = context.year;
    let budget = context.budget;
    let thresholds = &context.thresholds;
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
    // The month in progress: its amount so far is shown, it is not graded.
    let now = month.in_progress();
    sheet.text(
        row,
        0,
        chinese_month_name(month.month).unwrap_or_default(),
        Style::Text,
    );
    sheet.put(
        row,
        AMOUNT,
        if due || now {
            Value::Number(month.amount_wan)
        } else {
            Value::Blank
        },
        Style::Money,
    );
    sheet.put(
        row,
        SHARE,
        Value::Formula(
            format!("{budget}/12"),
            Cached::Number(year.rules.monthly_share_wan),
        ),
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
    if let Some(columns) = &context.previous {
        columns.put(sheet, year, month);
    }
    if now {
        in_progress_row(
            sheet,
            year,
            month,
            &context.rules_kept,
            &context.month_rules_notice,
        );
        return;
    }
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
    // Neither Excel nor LibreOffice fits a row to its text on opening a
    // file: the height is set for the widest of their default fonts.
    let note = tight(&month_note(year, month));
    sheet
        .heights
        .push((row, text_row_height(&note, COLUMNS[NOTE as usize].1)));
    sheet.put(
        row,
        NOTE,
        Value::Formula(
            note_formula(
                &amount,
                due.then_some(month.amount_wan),
                &context.rules_kept,
                &context.month_rules_notice,
                &note,
                context
                    .previous
                    .as_ref()
                    .and_then(|p| p.kept(year, month))
                    .as_deref(),
            ),
            Cached::Text(note),
        ),
        Style::Wrap,
    );
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
    for (offset, (name, band)) in thresholds.iter().zip(&year.rules.bands).enumerate() {
        let data = if due {
            Value::Formula((*name).to_string(), Cached::Number(band.threshold_wan))
        } else {
            Value::Blank
        };
        sheet.put(row, CHART_LINES + offset as u16, data, Style::Money);
    }
}

/// The hidden chart data columns' headers.
fn chart_data_headers(sheet: &mut SheetPlan) {
    sheet.text(0, CHART_RATE, "累计执行率（图表数据）", Style::Header);
    sheet.text(0, CHART_ELAPSED, "序时进度（图表数据）", Style::Header);
    sheet.hidden_columns.extend([CHART_RATE, CHART_ELAPSED]);
    for (offset, name) in LINE_NAMES.iter().enumerate() {
        let column = CHART_LINES + offset as u16;
        sheet.text(0, column, format!("{name}（图表数据）"), Style::Header);
        sheet.hidden_columns.push(column);
    }
}

/// The 合计 row: its label (the months it sums, or the as-of day), the sum
/// and the year's 累计执行率.
fn total_row(sheet: &mut SheetPlan, year: &GradedYear, budget: &str) {
    let label = match (year.in_progress(), year.as_of, year.last_due_month) {
        (Some(_), Some(day), _) => format!("合计（截至{}月{}日）", day.month, day.day),
        (_, _, 1) => "合计（1月）".to_string(),
        (_, _, last) => format!("合计（1—{last}月）"),
    };
    let last_shown = year.last_shown_month();
    // A month not yet due given an amount is summed too: the label then says 合计.
    let not_due = format!("COUNT({}:{})", at(last_shown + 1, AMOUNT), at(12, AMOUNT));
    let label_value = if last_shown >= 12 {
        Value::Text(label)
    } else {
        Value::Formula(
            format!("IF({not_due}=0,{},\"合计\")", text_literal(&label)),
            Cached::Text(label),
        )
    };
    sheet.put(TOTAL_ROW, 0, label_value, Style::Label);
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
            Cached::Number(
                year.total_wan
                    .checked_div(year.rules.budget_wan)
                    .unwrap_or_default(),
            ),
        ),
        Style::Rate,
    );
}

/// The 综合评价结论 under the table: a merged cell holding a formula that
/// gives the sentence while the cells are as graded.
fn conclusion(sheet: &mut SheetPlan, year: &GradedYear, caveat: Option<&str>, rules_kept: &str) {
    sheet.text(CONCLUSION_ROW - 1, 0, "综合评价结论", Style::Title);
    let summary = tight(&match caveat {
        Some(caveat) => format!("{caveat}{}", crate::analysis::conclusion(year)),
        None => crate::analysis::conclusion(year),
    });
    let width: f64 = COLUMNS.iter().map(|(_, w)| w).sum();
    // A merged cell never grows with its text: its height is set, generously.
    sheet
        .heights
        .push((CONCLUSION_ROW, merged_row_height(&summary, width)));
    sheet.merges.push((CONCLUSION_ROW, 0, CONCLUSION_ROW, GAP));
    let formula = conclusion_formula(year, rules_kept, &summary);
    sheet.put(
        CONCLUSION_ROW,
        0,
        Value::Formula(formula, Cached::Text(summary)),
        Style::Wrap,
    );
}

/// Pages: the table on one, the two charts on the next (under no repeated
/// header), the months ahead after them; the print area to the last column
/// used.
fn lay_out_pages(sheet: &mut SheetPlan, year: &GradedYear, with_previous: bool) {
    // The table's header would stand over nothing on the charts' page.
    sheet.repeat_rows = None;
    sheet.page_breaks = vec![CHARTS_ROW];
    let mut last_row = sheet
        .charts
        .iter()
        .map(|chart| chart.anchor.0 + CHART_ROWS)
        .max()
        .unwrap_or(CONCLUSION_ROW);
    // The months ahead after the charts, so that nothing of the table or the
    // charts moves; printed where the charts' page leaves room, else on the next.
    if let Some(ahead) = crate::ahead::ahead(year) {
        last_row = ahead::plan(sheet, year, &ahead, AHEAD_ROW);
    }
    let last_column = if with_previous { previous::CHANGE } else { GAP };
    sheet.print_area = Some((0, 0, last_row, last_column));
}

/// The first row of the months ahead: after the charts.
pub const AHEAD_ROW: u32 = CHARTS_ROW + 2 * (CHART_ROWS + 1) + 1;

/// The row of the month in progress: its amount so far, the cumulative
/// columns, and a 情况分析 of what it still needs; no 完成率, grade or measure.
fn in_progress_row(
    sheet: &mut SheetPlan,
    year: &GradedYear,
    month: &crate::grade::GradedMonth,
    rules_kept: &str,
    rules_notice: &str,
) {
    let row = month.month;
    let amount = at(row, AMOUNT);
    let figures = month.execution.unwrap_or(Execution {
        completion: Decimal::ZERO,
        cumulative_wan: month.amount_wan,
        cumulative_rate: Decimal::ZERO,
        elapsed: Decimal::ZERO,
        gap: Decimal::ZERO,
    });
    let not_applicable = || Value::Text(NOT_APPLICABLE.to_string());
    sheet.put(row, RATE, not_applicable(), Style::Rate);
    sheet.put(
        row,
        GRADE,
        Value::Formula(
            format!("IF({amount}=\"\",\"{}\",\"{IN_PROGRESS}\")", super::NOT_DUE),
            Cached::Text(IN_PROGRESS.to_string()),
        ),
        Style::Centered,
    );
    sheet.put(row, MEASURE, not_applicable(), Style::Text);
    let note = tight(&month_note(year, month));
    sheet
        .heights
        .push((row, text_row_height(&note, COLUMNS[NOTE as usize].1)));
    sheet.put(
        row,
        NOTE,
        Value::Formula(
            note_formula(
                &amount,
                Some(month.amount_wan),
                rules_kept,
                rules_notice,
                &note,
                None,
            ),
            Cached::Text(note),
        ),
        Style::Wrap,
    );
    let cumulative = Value::Formula(
        format!(
            "IF({amount}=\"\",\"{NOT_APPLICABLE}\",SUM({}$2:{amount}))",
            column_name(u32::from(AMOUNT))
        ),
        Cached::Number(figures.cumulative_wan),
    );
    sheet.put(row, CUMULATIVE, cumulative, Style::Money);
    let budget = NAMED_CELLS[0].0;
    sheet.put(
        row,
        CUMULATIVE_RATE,
        Value::Formula(
            format!(
                "IF({amount}=\"\",\"{NOT_APPLICABLE}\",{}/{budget})",
                at(row, CUMULATIVE)
            ),
            Cached::Number(figures.cumulative_rate),
        ),
        Style::Rate,
    );
    sheet.put(
        row,
        CHART_RATE,
        Value::Formula(
            at(row, CUMULATIVE_RATE),
            Cached::Number(figures.cumulative_rate),
        ),
        Style::Rate,
    );
    // 序时进度 on the as-of day when it is counted in days; by months a month
    // in progress has none of its own (the year's is at the end of the month before).
    match (year.rules.progress, year.as_of) {
        (crate::rules::ProgressBasis::Days, Some(day)) => {
            let y = day.year;
            sheet.put(
                row,
                ELAPSED,
                Value::Formula(
                    format!(
                        "(DATE({y},{},{})-DATE({y},1,1)+1)/(DATE({},1,1)-DATE({y},1,1))",
                        day.month,
                        day.day,
                        y + 1
                    ),
                    Cached::Number(figures.elapsed),
                ),
                Style::Rate,
            );
            sheet.put(
                row,
                GAP,
                Value::Formula(
                    format!("{}-{}", at(row, CUMULATIVE_RATE), at(row, ELAPSED)),
                    Cached::Number(figures.gap),
                ),
                Style::Rate,
            );
            sheet.put(
                row,
                CHART_ELAPSED,
                Value::Formula(at(row, ELAPSED), Cached::Number(figures.elapsed)),
                Style::Rate,
            );
        }
        _ => {
            sheet.put(row, ELAPSED, not_applicable(), Style::Rate);
            sheet.put(row, GAP, not_applicable(), Style::Rate);
            sheet.put(row, CHART_ELAPSED, Value::Blank, Style::Rate);
        }
    }
    for offset in 0..LINE_NAMES.len() {
        sheet.put(row, CHART_LINES + offset as u16, Value::Blank, Style::Money);
    }
}

/// What 绩效等级 shows for the month in progress.
pub const IN_PROGRESS: &str = "进行中";

/// The first row of the charts' page.
pub const CHARTS_ROW: u32 = CONCLUSION_ROW + 2;
/// Rows a chart covers (320 pixels over 20-pixel rows).
const CHART_ROWS: u32 = 16;

/// The condition that the budget and the four standards are still the ones
/// the texts were written with.
fn rules_kept(year: &GradedYear, budget: &str, thresholds: &[&str]) -> String {
    let mut terms = vec![format!(
        "ROUND({budget},4)={}",
        number_literal(crate::money::round_dp(year.rules.budget_wan, 4))
    )];
    for (name, band) in thresholds.iter().zip(&year.rules.bands) {
        terms.push(format!(
            "ROUND({name},2)={}",
            number_literal(band.threshold_wan)
        ));
    }
    format!("AND({})", terms.join(","))
}

/// The notice that replaces a text once the budget or a standard was edited.
fn rules_notice(year: &GradedYear, what: &str) -> String {
    format!(
        "预算收入或评定标准已改动（台账评定时预算收入为{}万元），请重新生成{what}",
        format_cents(year.rules.budget_wan)
    )
}

/// The 情况分析 formula of a month: its text while the amount (the ledger's,
/// `ledger` for a due month) and the rules are the ones it was written for,
/// else a notice that the text must be regenerated.
fn note_formula(
    amount: &str,
    ledger: Option<Decimal>,
    rules_kept: &str,
    rules_notice: &str,
    note: &str,
    previous_kept: Option<&str>,
) -> String {
    match ledger {
        Some(wan) => {
            let rounded = round_cents(wan);
            let changed = text_literal(&format!(
                "支出金额已改动（台账合计{}万元），请重新生成本月情况分析",
                format_cents(rounded)
            ));
            // A note that compares with 上年同期 holds while that cell does too.
            let text = match previous_kept {
                Some(kept) => format!(
                    "IF({kept},{},{})",
                    text_literal(note),
                    text_literal(previous::NOTICE)
                ),
                None => text_literal(note),
            };
            format!(
                "IF(ROUND({amount},2)<>{},{changed},IF({rules_kept},{text},{}))",
                number_literal(rounded),
                text_literal(rules_notice),
            )
        }
        None => format!(
            "IF({amount}=\"\",{},{})",
            text_literal(note),
            text_literal("支出金额已填入（台账本月尚无支出记录），请重新生成本月情况分析")
        ),
    }
}

/// The 综合评价结论 formula: the text while every amount and the rules are
/// the ones it was written for, else a notice with the ledger's total.
fn conclusion_formula(year: &GradedYear, rules_kept: &str, text: &str) -> String {
    let mut kept: Vec<String> = year
        .shown_months()
        .map(|m| {
            format!(
                "ROUND({},2)={}",
                at(m.month, AMOUNT),
                number_literal(round_cents(m.amount_wan))
            )
        })
        .collect();
    let last_shown = year.last_shown_month();
    if last_shown < 12 {
        kept.push(format!(
            "COUNT({}:{})=0",
            at(last_shown + 1, AMOUNT),
            at(12, AMOUNT)
        ));
    }
    // The comparison with the previous year is said from its cells too.
    if crate::analysis::compare::period_change(year).is_some() {
        kept.extend(year.due_months().filter_map(|m| {
            year.previous_of(m.month).map(|wan| {
                format!(
                    "ROUND({},2)={}",
                    at(m.month, previous::PREVIOUS),
                    number_literal(wan)
                )
            })
        }));
    }
    let period = match (year.in_progress(), year.as_of, year.last_due_month) {
        (Some(_), Some(day), _) => format!("截至{}月{}日", day.month, day.day),
        (_, _, 1) => "1月".to_string(),
        (_, _, last) => format!("1—{last}月"),
    };
    let amounts_notice = format!(
        "{}&TEXT({},\"0.00\")&{}",
        text_literal(&format!(
            "支出金额已改动（台账{period}合计{}万元，本表合计",
            format_cents(round_cents(year.total_wan))
        )),
        at(TOTAL_ROW, AMOUNT),
        text_literal("万元），请重新生成综合评价结论")
    );
    format!(
        "IF(AND({}),IF({rules_kept},{},{}),{amounts_notice})",
        kept.join(","),
        text_literal(text),
        text_literal(&rules_notice(year, "综合评价结论")),
    )
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

/// Monthly amounts as columns with the four thresholds as lines (both
/// stopping at the last due month); cumulative execution against 序时进度.
fn charts(name: &str) -> Vec<ChartPlan> {
    let months = (name.to_string(), (1, 0, 12, 0));
    let threshold_lines = LINE_NAMES
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let column = CHART_LINES + i as u16;
            (label.to_string(), name.to_string(), (1, column, 12, column))
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
            anchor: (CHARTS_ROW, 0),
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
            anchor: (CHARTS_ROW + CHART_ROWS + 1, 0),
        },
    ]
}

mod ahead;
mod previous;

#[cfg(test)]
mod tests;

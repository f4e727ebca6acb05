//! The words of the draft, section by section, as plain [`Block`]s: every
//! figure from the graded year, every fact about the department from the
//! settings, and a highlighted 【请填写：…】 where only the department can say.
//! `docx` turns the blocks into Word's XML; keeping the two apart lets the
//! tests read the wording without unzipping anything.

use super::page::TEXT_WIDTH;
use super::DraftInput;
use crate::analysis::outlook::{ahead_measure, ahead_sentence, to_date_of_execution};
use crate::analysis::{conclusion, item_label, percent, positive_items, tight};
use crate::breakdown::Breakdown;
use crate::classify::category_code;
use crate::dates::chinese_month_name;
use crate::grade::{GradedMonth, GradedYear};
use crate::money::{format_cents, round_cents, round_dp};
use crate::rules::{Grade, Rules};
use crate::settings::DepartmentField;
use rust_decimal::Decimal;

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Bold text (a lead-in such as 综合评价结论：).
    Bold(String),
    /// Highlighted text a person must fill in, check or delete before the
    /// report goes out: 【请填写：主要职能】.
    Marked(String),
    /// A line break within the paragraph.
    Break,
}

/// Heading levels of a government document: 一、 (黑体), （一） (楷体), 1. (仿宋, bold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 一、部门基本情况
    One,
    /// （一）部门概况
    Two,
    /// 1.主要职能
    Three,
}

/// How a table column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Centred (short values: months, grades, figures).
    Centre,
    /// Left, for sentences.
    Left,
}

/// A bordered table: a header row and body rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column widths in twentieths of a point; they add up to the text width.
    pub widths: Vec<usize>,
    /// Each column's alignment in the body rows (the header is centred).
    pub align: Vec<Align>,
    /// The header row.
    pub header: Vec<String>,
    /// The body rows, each as many cells as there are columns.
    pub rows: Vec<Vec<String>>,
}

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The title, centred.
    Title(Vec<Span>),
    /// A heading.
    Heading(Level, String),
    /// A body paragraph, first line indented two characters.
    Para(Vec<Span>),
    /// A table.
    Table(Table),
    /// A line of the 落款, right-aligned (an empty one is a blank line).
    Closing(Vec<Span>),
}

fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn para(s: impl Into<String>) -> Block {
    Block::Para(vec![text(s)])
}

/// A placeholder for what only the department knows: 【请填写：主要职能】.
pub fn ask(what: &str) -> Span {
    Span::Marked(format!("【请填写：{what}】"))
}

/// A finding only the department can confirm or explain, highlighted:
/// `【请核对】三月支出超过月均预算的2倍……`.
fn check(what: &str) -> Span {
    Span::Marked(format!("【请核对】{what}"))
}

fn heading(level: Level, s: impl Into<String>) -> Block {
    Block::Heading(level, s.into())
}

fn month_name(month: u32) -> &'static str {
    chinese_month_name(month).unwrap_or_default()
}

/// `2017年1—8月`, or `2017年1月` when only January is due.
fn period(year: &GradedYear) -> String {
    match year.last_due_month {
        1 => format!("{}年1月", year.year),
        last => format!("{}年1—{last}月", year.year),
    }
}

/// A band's percent as written in the rules: `90`, `92.5`.
fn percent_number(value: Decimal) -> String {
    value.normalize().to_string()
}

/// The draft of the latest year, block by block.
pub fn blocks(input: &DraftInput<'_>, year: &GradedYear) -> Vec<Block> {
    let mut out = Vec::new();
    let name = input.department.trim();
    let mut title = Vec::new();
    if name.is_empty() {
        title.push(ask("单位名称"));
    } else {
        title.push(text(name));
    }
    // 二号 fits about 20 characters a line: the name on a line of its own
    // rather than the title broken at an arbitrary character.
    title.push(Span::Break);
    title.push(text(format!("{}年度部门整体支出绩效自评报告", year.year)));
    out.push(Block::Title(title));
    basic_situation(&mut out, input, year);
    self_evaluation_work(&mut out, year);
    evaluation(&mut out, input, year);
    problems(&mut out, input, year);
    application(&mut out, year);
    experience(&mut out);
    other(&mut out, input);
    closing(&mut out, name);
    out
}

/// The 落款 a 公文 closes with, right-aligned under the text: the unit and
/// the date, each asked for when not known (the date always is: the report
/// is dated when it is signed, not when the ledger was read).
fn closing(out: &mut Vec<Block>, name: &str) {
    out.push(Block::Closing(Vec::new()));
    let unit = if name.is_empty() {
        ask("单位名称")
    } else {
        text(name)
    };
    out.push(Block::Closing(vec![unit]));
    out.push(Block::Closing(vec![ask("日期")]));
}

/// A department field as its own paragraphs (one per line written), or a
/// placeholder asking for it.
fn department(out: &mut Vec<Block>, input: &DraftInput<'_>, field: DepartmentField, what: &str) {
    let given: Vec<&str> = input
        .settings
        .department(field)
        .map(|value| {
            value
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if given.is_empty() {
        out.push(Block::Para(vec![ask(what)]));
    } else {
        out.extend(given.into_iter().map(para));
    }
}

fn basic_situation(out: &mut Vec<Block>, input: &DraftInput<'_>, year: &GradedYear) {
    out.push(heading(Level::One, "一、部门基本情况"));
    out.push(heading(Level::Two, "（一）部门概况"));
    out.push(heading(Level::Three, "1.主要职能"));
    department(out, input, DepartmentField::Functions, "主要职能");
    out.push(heading(Level::Three, "2.部门基本情况"));
    out.push(para("（1）机构情况"));
    department(
        out,
        input,
        DepartmentField::Organisation,
        "机构情况及增减变动原因",
    );
    out.push(para("（2）人员情况"));
    department(
        out,
        input,
        DepartmentField::Staff,
        "人员情况及增减变动原因（编制数、年初实有人数）",
    );
    out.push(heading(Level::Two, "（二）部门绩效目标的设立情况"));
    out.push(para(goal(year)));
    out.push(para(measures_sentence(&year.rules)));
    out.push(heading(Level::Two, "（三）部门整体收支情况"));
    income_and_spending(out, input.breakdown, year);
    out.push(heading(Level::Two, "（四）部门预算管理制度建设情况"));
    department(
        out,
        input,
        DepartmentField::Management,
        "部门预算管理制度建设情况",
    );
}

/// The seed's 绩效目标 paragraph, corrected: every band including 及格 and
/// 差 below the last. 达到 includes the standard itself; the indicator table's
/// note says so once, for the whole draft.
pub fn goal(year: &GradedYear) -> String {
    let rules = &year.rules;
    let mut text = format!(
        "{}年度全年预算收入{}万元，分12个月均衡支出，月均预算{}万元。",
        year.year,
        format_cents(rules.budget_wan),
        format_cents(rules.monthly_share_wan)
    );
    let bands: Vec<String> = rules
        .bands
        .iter()
        .enumerate()
        .map(|(i, band)| {
            let (lead, verb) = if i == 0 {
                ("每月支出达到", "绩效评定为")
            } else {
                ("达到", "为")
            };
            let share = if i == 0 { "月均预算的" } else { "" };
            format!(
                "{lead}{}万元（{share}{}%）的，{verb}{}",
                format_cents(band.threshold_wan),
                percent_number(band.percent),
                band.grade.label()
            )
        })
        .collect();
    text.push_str(&bands.join("；"));
    text.push_str(&format!(
        "；不足{}万元的，为差。",
        format_cents(rules.pass_line_wan()),
    ));
    text
}

/// The 整改办法 of every grade, grades with the same measure together:
/// `评为优秀、良好的，保持；评为中等、及格的，查缺预防；评为差的，加快资金支出进度。`
fn measures_sentence(rules: &Rules) -> String {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    let grades = rules
        .bands
        .iter()
        .map(|band| band.grade)
        .chain(std::iter::once(Grade::Poor));
    for grade in grades {
        let measure = rules.measure(grade);
        match groups.iter_mut().find(|(_, m)| *m == measure) {
            Some((grades, _)) => grades.push(grade.label()),
            None => groups.push((vec![grade.label()], measure)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(grades, measure)| format!("评为{}的，{measure}", grades.join("、")))
        .collect();
    format!("整改办法：{}。", parts.join("；"))
}

fn income_and_spending(out: &mut Vec<Block>, breakdown: Option<&Breakdown>, year: &GradedYear) {
    let budget = format_cents(year.rules.budget_wan);
    match breakdown {
        Some(breakdown) if !breakdown.lines.is_empty() => {
            out.push(para(format!(
                "1.{}年部门预算收入{budget}万元，分项预算及{}支出如下表。",
                year.year,
                period(year)
            )));
            let (table, cent_note) = breakdown_table(breakdown, year);
            out.push(Block::Table(table));
            if let Some(note) = cent_note {
                out.push(para(note));
            }
            if let Some(warning) = &breakdown.warning {
                // The warning asks for a check itself: said once, under 【请核对】.
                let warning = tight(warning);
                let warning = warning.trim_end_matches("，请核对");
                out.push(Block::Para(vec![check(&format!("{warning}。"))]));
            }
            out.extend(far_from_budget(breakdown, year));
        }
        _ => {
            out.push(Block::Para(vec![
                text(format!("1.{}年部门预算收入{budget}万元，其中", year.year)),
                ask("基本支出、项目支出各多少万元"),
                text("。"),
            ]));
            out.push(Block::Para(vec![
                text("基本支出预算收入中，"),
                ask("工资福利支出、商品和服务支出等各项预算收入各多少万元"),
                text("。"),
            ]));
        }
    }
    let execution = year.execution();
    out.push(para(format!(
        "2.截至{}，累计支出{}万元，累计执行率{}，序时进度{}。",
        to_date_of_execution(year),
        format_cents(execution.cumulative_wan),
        percent(execution.cumulative_rate, Decimal::ONE),
        percent(execution.elapsed, Decimal::ONE)
    )));
    // The months ahead, as 月度分析's 后续月份支出测算 says them.
    if let Some(ahead) = crate::ahead::ahead(year) {
        out.push(para(format!("3.{}", ahead_sentence(year, &ahead))));
    }
}

/// The row of spending that matches no line of the breakdown, named as the
/// workbook's 分项执行 names it.
pub const UNMATCHED_ROW: &str = "未归入分项的支出";

/// The breakdown as a table with a 合计 row, and the note to go under it when
/// the rows, each rounded to the cent, do not add up to the 合计. The 合计 is
/// the year's spending as graded — 月度分析's 合计 and the 累计支出 of （三）,
/// the same figure everywhere — of which the lines and the row of spending
/// they do not match are the classified parts.
fn breakdown_table(breakdown: &Breakdown, year: &GradedYear) -> (Table, Option<String>) {
    let mut rows: Vec<Vec<String>> = breakdown
        .lines
        .iter()
        .map(|line| {
            vec![
                line.name.clone(),
                format_cents(line.budget_wan),
                format_cents(line.spent_wan),
                percent(round_cents(line.spent_wan), line.budget_wan),
            ]
        })
        .collect();
    let mut shown: Vec<Decimal> = breakdown
        .lines
        .iter()
        .map(|line| round_cents(line.spent_wan))
        .collect();
    if !breakdown.unmatched_wan.is_zero() || !breakdown.unmatched_items.is_empty() {
        rows.push(vec![
            UNMATCHED_ROW.to_string(),
            "—".to_string(),
            format_cents(breakdown.unmatched_wan),
            "—".to_string(),
        ]);
        shown.push(round_cents(breakdown.unmatched_wan));
    }
    let total = year.total_wan;
    rows.push(vec![
        "合计".to_string(),
        format_cents(breakdown.parts_wan),
        format_cents(total),
        percent(total, breakdown.parts_wan),
    ]);
    let note = cent_note("各行", &shown, total);
    let table = Table {
        widths: vec![TEXT_WIDTH - 2 * 1960 - 1000, 1960, 1960, 1000],
        align: vec![Align::Left, Align::Centre, Align::Centre, Align::Centre],
        header: ["分项", "预算（万元）", "已支出（万元）", "执行率"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    (table, note)
}

/// The note under a table whose rows, each rounded to the cent, add up to
/// other than its 合计: `注：各行金额分别四舍五入到分，相加为0.02万元，与合计相差
/// 0.01万元。` `None` when they agree.
fn cent_note(rows: &str, shown: &[Decimal], total: Decimal) -> Option<String> {
    let sum: Decimal = shown.iter().map(|v| round_cents(*v)).sum();
    let total = round_cents(total);
    (sum != total).then(|| {
        format!(
            "注：{rows}金额分别四舍五入到分，相加为{}万元，与合计相差{}万元。",
            format_cents(sum),
            format_cents((total - sum).abs())
        )
    })
}

/// A line spent past its whole year's budget, or far behind 序时进度 (less
/// than half of it): the figures, and a 【请核对】 asking the department why.
fn far_from_budget(breakdown: &Breakdown, year: &GradedYear) -> Vec<Block> {
    let elapsed = year.execution().elapsed;
    let mut over = Vec::new();
    let mut under = Vec::new();
    for line in breakdown
        .lines
        .iter()
        .filter(|l| l.budget_wan > Decimal::ZERO)
    {
        let spent = round_cents(line.spent_wan);
        let rate = spent / line.budget_wan;
        let said = format!(
            "{}已支出{}万元，为预算{}万元的{}",
            line.name,
            format_cents(spent),
            format_cents(line.budget_wan),
            percent(spent, line.budget_wan)
        );
        if rate > Decimal::ONE {
            over.push(said);
        } else if elapsed > Decimal::ZERO && rate * Decimal::from(2) < elapsed {
            under.push(said);
        }
    }
    let mut out = Vec::new();
    if !over.is_empty() {
        out.push(Block::Para(vec![check(&format!(
            "{}，已超过全年预算，请说明原因（如年中追加预算或分项预算填写有误）。",
            over.join("；")
        ))]));
    }
    if !under.is_empty() {
        out.push(Block::Para(vec![check(&format!(
            "{}，执行率不到序时进度{}的一半，请说明原因。",
            under.join("；"),
            percent(elapsed, Decimal::ONE)
        ))]));
    }
    out
}

fn self_evaluation_work(out: &mut Vec<Block>, year: &GradedYear) {
    out.push(heading(Level::One, "二、绩效自评工作情况"));
    out.push(heading(Level::Two, "（一）绩效自评目的"));
    out.push(para(
        "通过对财政资金逐月支出情况开展绩效自评，进一步强化资金使用管理，提高资金使用效率，减少财政资金积压，发挥资金效益。",
    ));
    out.push(heading(Level::Two, "（二）自评指标体系"));
    let rules = &year.rules;
    out.push(para(format!(
        "财政预算收入资金{}万元，月均预算{}万元。",
        format_cents(rules.budget_wan),
        format_cents(rules.monthly_share_wan)
    )));
    out.push(Block::Table(indicator_table(rules)));
    out.push(para(
        "注：“达到”“以上”均含本数；每月支出金额与各档标准均按四舍五入保留两位小数后比较。",
    ));
    out.push(heading(Level::Two, "（三）自评组织过程"));
    out.push(para(
        "1.前期准备。按月核算资金支出情况，以全年预算收入的十二分之一为月均预算，按绩效要求确定各档每月支出标准。",
    ));
    out.push(para(format!(
        "2.组织实施。将{}资金支出情况按月汇总形成表格，对照自评指标体系逐月评定绩效等级，提出整改办法，进行情况分析。",
        period(year)
    )));
}

/// 自评指标体系: one row per band (及格 included) and the 差 row.
pub fn indicator_table(rules: &Rules) -> Table {
    let mut rows: Vec<Vec<String>> = rules
        .bands
        .iter()
        .map(|band| {
            vec![
                format!("达到月均预算的{}%", percent_number(band.percent)),
                format!("{}以上", format_cents(band.threshold_wan)),
                band.grade.label().to_string(),
                rules.measure(band.grade).to_string(),
            ]
        })
        .collect();
    let lowest = rules
        .bands
        .last()
        .map_or_else(String::new, |b| percent_number(b.percent));
    rows.push(vec![
        format!("不足月均预算的{lowest}%"),
        format!("不足{}", format_cents(rules.pass_line_wan())),
        Grade::Poor.label().to_string(),
        rules.measure(Grade::Poor).to_string(),
    ]);
    Table {
        widths: vec![2600, 2700, 1200, TEXT_WIDTH - 6500],
        align: vec![Align::Centre; 4],
        header: vec![
            "支出进度".to_string(),
            "每月支出标准（万元）".to_string(),
            "绩效评定".to_string(),
            "整改办法".to_string(),
        ],
        rows,
    }
}

fn evaluation(out: &mut Vec<Block>, input: &DraftInput<'_>, year: &GradedYear) {
    out.push(heading(Level::One, "三、评价情况分析及综合评价结论"));
    let in_progress = match (year.in_progress(), year.as_of) {
        (Some(month), Some(day)) => format!(
            "（{}截至{}月{}日，尚在进行中，不评定）",
            month_name(month.month),
            day.month,
            day.day
        ),
        _ => String::new(),
    };
    out.push(para(format!(
        "{}各月支出及绩效评定情况如下表{in_progress}。",
        period(year)
    )));
    // Each month is graded on its amount to the cent and the 合计 adds those
    // up, as 月度分析 does: the rows always make the 合计.
    out.push(Block::Table(monthly_table(year)));
    let mut spans = vec![Span::Bold("综合评价结论：".to_string())];
    if let Some(caveat) = input.caveat {
        spans.push(Span::Bold(tight(caveat)));
    }
    spans.push(text(tight(&conclusion(year))));
    out.push(Block::Para(spans));
    if let Some(asked) = months_to_explain(year) {
        out.push(Block::Para(vec![check(&asked)]));
    }
}

/// Twice the monthly share: a month at or above it is asked about.
fn high(year: &GradedYear, month: &GradedMonth) -> bool {
    month.amount_wan >= year.rules.monthly_share_wan * Decimal::from(2)
}

/// What only the department can say about its months: why the high months
/// were high (what was spent is said beside them) and why the 差 months were
/// low. `None` when no month needs it.
fn months_to_explain(year: &GradedYear) -> Option<String> {
    let names = |keep: &dyn Fn(&GradedMonth) -> bool| -> Vec<&'static str> {
        year.due_months()
            .filter(|m| keep(m))
            .map(|m| month_name(m.month))
            .collect()
    };
    let high = names(&|m| high(year, m));
    let poor = names(&|m| m.grade() == Some(Grade::Poor));
    let mut asked = Vec::new();
    if !high.is_empty() {
        asked.push(format!(
            "{}支出超过月均预算的2倍，请结合当月主要支出说明原因",
            high.join("、")
        ));
    }
    if !poor.is_empty() {
        asked.push(format!("{}评为差，请说明支出偏低的原因", poor.join("、")));
    }
    (!asked.is_empty()).then(|| format!("{}。", asked.join("；")))
}

/// The monthly table: each due month with its figures, grade, measure and
/// what the month's spending was, and a 合计 row with the year's spending. Sized
/// for 五号 type: every header on one line, the months on as few pages as
/// their notes need.
pub fn monthly_table(year: &GradedYear) -> Table {
    let mut rows: Vec<Vec<String>> = year.shown_months().map(|m| month_row(year, m)).collect();
    // 累计执行率 and 序时进度 are said in （三） and the 综合评价结论 below the table.
    rows.push(vec![
        "合计".to_string(),
        format_cents(year.total_wan),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    let fixed = [800, 1960, 1080, 1060, 1060];
    let mut widths = fixed.to_vec();
    widths.push(TEXT_WIDTH - fixed.iter().sum::<usize>());
    Table {
        widths,
        align: vec![
            Align::Centre,
            Align::Centre,
            Align::Centre,
            Align::Centre,
            Align::Centre,
            Align::Left,
        ],
        header: [
            "月份",
            "支出金额（万元）",
            "完成率",
            "绩效等级",
            "整改办法",
            "情况分析",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn month_row(year: &GradedYear, month: &GradedMonth) -> Vec<String> {
    if month.in_progress() {
        return vec![
            month_name(month.month).to_string(),
            format_cents(month.amount_wan),
            "—".to_string(),
            crate::report::monthly::IN_PROGRESS.to_string(),
            "—".to_string(),
            tight(&crate::analysis::outlook::in_progress_note(year, month)),
        ];
    }
    let (grade, measure) = month
        .grade()
        .map(|g| (g.label().to_string(), year.rules.measure(g).to_string()))
        .unwrap_or_default();
    // As the workbook's 情况分析 says it: never contradicting the grade.
    let completion = crate::analysis::completion_shown(month, &year.rules);
    vec![
        month_name(month.month).to_string(),
        format_cents(month.amount_wan),
        completion,
        grade,
        measure,
        month_analysis(year, month),
    ]
}

/// The draft's 情况分析 of a month, short enough for the table: what the
/// columns beside it do not say. A 差 month says how far it fell short; a
/// month of twice the monthly share says so; then what the month's money
/// went on, from its economic classification (`主要为差旅费26.41万元、办公费
/// 21.04万元`, `仅发生工资福利支出（基本工资、社会保障缴费）`).
pub fn month_analysis(year: &GradedYear, month: &GradedMonth) -> String {
    let pass = year.rules.pass_line_wan();
    let mut parts: Vec<String> = Vec::new();
    if month.amount_wan < Decimal::ZERO {
        parts.push("冲销和退回多于支出，请核对冲销和退回记录".to_string());
    } else if month.amount_wan.is_zero() {
        parts.push(
            if month.has_entries {
                "支出记录相互抵销"
            } else {
                "本月无支出记录"
            }
            .to_string(),
        );
    } else if month.grade() == Some(Grade::Poor) {
        parts.push(format!(
            "比及格标准少{}万元",
            format_cents(pass - month.amount_wan)
        ));
    }
    let spent_on = spent_on(month);
    if high(year, month) {
        let mut said = "超过月均预算的2倍".to_string();
        if let Some(on) = &spent_on {
            said.push('，');
            said.push_str(on);
        }
        parts.push(said);
    } else if let Some(on) = spent_on {
        parts.push(on);
    }
    if let Some(change) = crate::analysis::compare::change_note(year, month) {
        parts.push(tight(&change));
    }
    if parts.is_empty() {
        "—".to_string()
    } else {
        parts.join("；")
    }
}

/// What a month's money went on: wages only, or its two largest items with
/// their amounts. `None` when the month's classified net is not positive.
fn spent_on(month: &GradedMonth) -> Option<String> {
    let (positive, _) = positive_items(month)?;
    if positive
        .iter()
        .all(|(item, _)| category_code(*item) == "301")
    {
        let names: Vec<&str> = positive.iter().map(|(item, _)| item_label(*item)).collect();
        return Some(format!("仅发生工资福利支出（{}）", names.join("、")));
    }
    let main: Vec<String> = positive
        .iter()
        .take(2)
        .map(|(item, amount)| format!("{}{}万元", item_label(*item), format_cents(*amount)))
        .collect();
    Some(format!("主要为{}", main.join("、")))
}

/// How far 累计执行率 is behind 序时进度, in percentage points to one decimal
/// as the 综合评价结论 says it; `None` when not behind.
fn lag_points(year: &GradedYear) -> Option<Decimal> {
    let mut points = round_dp(year.execution().gap * Decimal::from(100), 1);
    if points < Decimal::ZERO {
        points.rescale(1);
        Some(-points)
    } else {
        None
    }
}

/// The due months graded `grade`, as `二月支出4.44万元`.
fn months_graded(year: &GradedYear, grade: Grade) -> Vec<String> {
    year.due_months()
        .filter(|m| m.grade() == Some(grade))
        .map(|m| {
            format!(
                "{}支出{}万元",
                month_name(m.month),
                format_cents(m.amount_wan)
            )
        })
        .collect()
}

fn problems(out: &mut Vec<Block>, input: &DraftInput<'_>, year: &GradedYear) {
    out.push(heading(Level::One, "四、存在的问题和整改情况"));
    let rules = &year.rules;
    let mut found: Vec<String> = Vec::new();
    let poor = months_graded(year, Grade::Poor);
    if !poor.is_empty() {
        found.push(format!(
            "{}，{}低于及格标准{}万元，绩效评定为差。整改措施：查找原因，{}。",
            poor.join("、"),
            if poor.len() > 1 { "均" } else { "" },
            format_cents(rules.pass_line_wan()),
            rules.measure(Grade::Poor)
        ));
    }
    if let Some(points) = lag_points(year) {
        let execution = year.execution();
        found.push(format!(
            "截至{}，累计执行率{}，低于（滞后于）序时进度{}，相差{}个百分点。整改措施：加快预算执行进度，使累计执行率跟上序时进度。",
            to_date_of_execution(year),
            percent(execution.cumulative_rate, Decimal::ONE),
            percent(execution.elapsed, Decimal::ONE),
            points
        ));
    }
    for grade in [Grade::Fair, Grade::Pass] {
        let months = months_graded(year, grade);
        if !months.is_empty() {
            found.push(format!(
                "{}，绩效评定为{}，未达到良好标准{}万元。整改措施：{}。",
                months.join("、"),
                grade.label(),
                rules
                    .bands
                    .iter()
                    .find(|b| b.grade == Grade::Good)
                    .map_or_else(String::new, |b| format_cents(b.threshold_wan)),
                rules.measure(grade)
            ));
        }
    }
    if let Some(unclassified) = input.unclassified.filter(|u| u.count > 0) {
        let largest: Vec<String> = unclassified
            .largest
            .iter()
            .take(3)
            .map(|line| {
                let what = if line.summary.is_empty() {
                    line.account.as_str()
                } else {
                    line.summary.as_str()
                };
                format!("{what}{}元", format_cents(line.amount_yuan))
            })
            .collect();
        let named = if largest.is_empty() {
            String::new()
        } else {
            format!("，金额较大的有：{}", largest.join("、"))
        };
        found.push(format!(
            "有{}笔支出共{}万元未能归入支出经济分类（未归类支出）{named}。整改措施：规范会计核算，在台账中按支出经济分类（或辅助核算）登记每笔支出。",
            unclassified.count,
            format_cents(unclassified.sum_yuan / Decimal::from(10_000)),
        ));
    }
    if found.is_empty() {
        let execution = year.execution();
        out.push(para(format!(
            "{}各月支出均达到及格标准{}万元，累计执行率{}，不低于序时进度{}，未发现支出进度方面的问题。",
            period(year),
            format_cents(rules.pass_line_wan()),
            percent(execution.cumulative_rate, Decimal::ONE),
            percent(execution.elapsed, Decimal::ONE)
        )));
    } else {
        out.push(para("在支出绩效上存在的问题及整改措施："));
        out.extend(
            found
                .iter()
                .enumerate()
                .map(|(i, problem)| para(format!("{}.{problem}", i + 1))),
        );
    }
    // The months ahead as the concrete measure: what each must spend.
    if let Some(ahead) = crate::ahead::ahead(year) {
        let measure = format!("后续月份：{}", ahead_measure(year, &ahead));
        if ahead.past_budget() {
            out.push(Block::Para(vec![check(&measure)]));
        } else {
            out.push(para(measure));
        }
    }
    out.push(Block::Para(vec![ask(
        "资金使用和管理方面的其他问题及整改措施，没有则删除本段",
    )]));
    if !input.warnings.is_empty() {
        out.push(Block::Para(vec![Span::Marked(
            "【上报前请核对，核对后删除以下各段】读取台账时的提示：".to_string(),
        )]));
        out.extend(input.warnings.iter().enumerate().map(|(i, w)| {
            Block::Para(vec![Span::Marked(format!(
                "（{}）{}。",
                i + 1,
                tight(&w.text)
            ))])
        }));
    }
}

fn application(out: &mut Vec<Block>, year: &GradedYear) {
    out.push(heading(Level::One, "五、绩效自评结果应用"));
    out.push(Block::Para(vec![
        text(format!(
            "通过绩效自评，逐月了解{}资金的使用情况和预算执行进度，及时发现支出偏慢的月份，加快支出，避免资金闲置积压。",
            period(year)
        )),
        ask("自评结果的其他应用情况"),
    ]));
}

fn experience(out: &mut Vec<Block>) {
    out.push(heading(Level::One, "六、主要经验及做法"));
    out.push(Block::Para(vec![
        text("按月核算资金支出情况，以月均预算为基数确定各档每月支出标准，逐月评定绩效等级，分析原因，提出整改办法。"),
        ask("主要经验及做法"),
    ]));
}

fn other(out: &mut Vec<Block>, input: &DraftInput<'_>) {
    out.push(heading(Level::One, "七、其他需说明的情况"));
    department(
        out,
        input,
        DepartmentField::Other,
        "其他需说明的情况，没有则写“无”",
    );
}

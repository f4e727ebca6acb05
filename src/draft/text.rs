//! The words of the draft, section by section, as plain [`Block`]s: every
//! figure from the graded year, every fact about the department from the
//! settings, and a highlighted 【请填写：…】 where only the department can say.
//! `docx` turns the blocks into Word's XML; keeping the two apart lets the
//! tests read the wording without unzipping anything.

use super::DraftInput;
use crate::analysis::{conclusion, month_note, percent};
use crate::breakdown::Breakdown;
use crate::dates::chinese_month_name;
use crate::grade::{GradedMonth, GradedYear};
use crate::money::{format_cents, round_dp};
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
}

/// The width of the text on the page in twentieths of a point: A4 (11906)
/// less the left (2.8 cm) and right (2.6 cm) margins.
pub const TEXT_WIDTH: usize = 11906 - super::docx::MARGIN_LEFT - super::docx::MARGIN_RIGHT;

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
    out
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

/// The seed's 绩效目标 paragraph, corrected: every band including 及格, each
/// threshold inclusive (以上（含本数）), 差 below the last.
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
            if i == 0 {
                format!(
                    "每月支出达到{}万元（月均预算的{}%）以上（含本数）的，绩效评定为{}",
                    format_cents(band.threshold_wan),
                    percent_number(band.percent),
                    band.grade.label()
                )
            } else {
                format!(
                    "达到{}万元（{}%）以上（含本数）的为{}",
                    format_cents(band.threshold_wan),
                    percent_number(band.percent),
                    band.grade.label()
                )
            }
        })
        .collect();
    text.push_str(&bands.join("；"));
    text.push_str(&format!(
        "；不足{}万元的为差，应查找原因，{}。",
        format_cents(rules.pass_line_wan()),
        rules.measure(Grade::Poor)
    ));
    text
}

/// The 整改办法 of the graded bands, grades with the same measure together:
/// `评为优秀、良好的，保持；评为中等、及格的，查缺预防。`
fn measures_sentence(rules: &Rules) -> String {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    for band in &rules.bands {
        let measure = rules.measure(band.grade);
        match groups.iter_mut().find(|(_, m)| *m == measure) {
            Some((grades, _)) => grades.push(band.grade.label()),
            None => groups.push((vec![band.grade.label()], measure)),
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
            out.push(Block::Table(breakdown_table(breakdown, year)));
            if let Some(warning) = &breakdown.warning {
                out.push(Block::Para(vec![Span::Marked(format!(
                    "【请核对】{warning}。"
                ))]));
            }
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
        "2.截至{}年{}月末，累计支出{}万元，累计执行率{}，序时进度{}。",
        year.year,
        year.last_due_month,
        format_cents(execution.cumulative_wan),
        percent(execution.cumulative_rate, Decimal::ONE),
        percent(execution.elapsed, Decimal::ONE)
    )));
}

fn breakdown_table(breakdown: &Breakdown, year: &GradedYear) -> Table {
    let mut rows: Vec<Vec<String>> = breakdown
        .lines
        .iter()
        .map(|line| {
            vec![
                line.name.clone(),
                format_cents(line.budget_wan),
                format_cents(line.spent_wan),
                percent(line.spent_wan, line.budget_wan),
            ]
        })
        .collect();
    if !breakdown.unmatched_wan.is_zero() {
        rows.push(vec![
            "未归入分项的支出".to_string(),
            "—".to_string(),
            format_cents(breakdown.unmatched_wan),
            "—".to_string(),
        ]);
    }
    rows.push(vec![
        "分项合计".to_string(),
        format_cents(breakdown.parts_wan),
        String::new(),
        String::new(),
    ]);
    let first = TEXT_WIDTH - 3 * 1800;
    Table {
        widths: vec![first, 1800, 1800, 1800],
        align: vec![Align::Left, Align::Centre, Align::Centre, Align::Centre],
        header: vec![
            "分项".to_string(),
            "预算收入（万元）".to_string(),
            format!("{}支出（万元）", period(year)),
            "执行率".to_string(),
        ],
        rows,
    }
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
        "注：“以上”均含本数；每月支出金额与各档标准均按四舍五入保留两位小数后比较。",
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
                format!("{}以上（含本数）", format_cents(band.threshold_wan)),
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
    out.push(para(format!(
        "{}各月支出及绩效评定情况如下表。",
        period(year)
    )));
    out.push(Block::Table(monthly_table(year)));
    let mut spans = vec![Span::Bold("综合评价结论：".to_string())];
    if let Some(caveat) = input.caveat {
        spans.push(Span::Bold(caveat.to_string()));
    }
    spans.push(text(conclusion(year)));
    out.push(Block::Para(spans));
    let share = year.rules.monthly_share_wan;
    let to_explain = year
        .due_months()
        .any(|m| m.grade() == Some(Grade::Poor) || m.amount_wan >= share * Decimal::from(2));
    if to_explain {
        out.push(Block::Para(vec![ask(
            "评为差的月份和支出超过月均预算 2 倍的月份的原因说明",
        )]));
    }
}

/// The monthly table: each due month with its figures, grade, measure and
/// note, and a 合计 row with the year so far.
pub fn monthly_table(year: &GradedYear) -> Table {
    let mut rows: Vec<Vec<String>> = year.due_months().map(|m| month_row(year, m)).collect();
    let execution = year.execution();
    rows.push(vec![
        "合计".to_string(),
        format_cents(year.total_wan),
        String::new(),
        String::new(),
        String::new(),
        format!(
            "累计执行率{}，序时进度{}",
            percent(execution.cumulative_rate, Decimal::ONE),
            percent(execution.elapsed, Decimal::ONE)
        ),
    ]);
    Table {
        widths: vec![850, 1100, 1250, 1150, 1000, TEXT_WIDTH - 5350],
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
    let (grade, measure) = month
        .grade()
        .map(|g| (g.label().to_string(), year.rules.measure(g).to_string()))
        .unwrap_or_default();
    // As the 情况分析 beside it says it: never contradicting the grade.
    let completion = crate::analysis::completion_shown(month, &year.rules);
    vec![
        month_name(month.month).to_string(),
        format_cents(month.amount_wan),
        completion,
        grade,
        measure,
        month_note(year, month),
    ]
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
            "{}，{}低于及格标准{}万元，绩效评定为差。整改措施：应查找原因，{}。",
            poor.join("、"),
            if poor.len() > 1 { "均" } else { "" },
            format_cents(rules.pass_line_wan()),
            rules.measure(Grade::Poor)
        ));
    }
    if let Some(points) = lag_points(year) {
        let execution = year.execution();
        found.push(format!(
            "截至{}年{}月末，累计支出{}万元，累计执行率{}，序时进度{}，累计执行率低于（滞后于）序时进度{}个百分点。整改措施：加快预算执行进度，使累计执行率跟上序时进度。",
            year.year,
            year.last_due_month,
            format_cents(execution.cumulative_wan),
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
            "{}各月支出均达到及格标准{}万元以上（含本数），累计执行率{}，不低于序时进度{}，未发现支出进度方面的问题。",
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
    out.push(Block::Para(vec![ask(
        "资金使用和管理方面的其他问题及整改措施，没有则删除本段",
    )]));
    if !input.warnings.is_empty() {
        out.push(Block::Para(vec![Span::Marked(
            "【上报前请核对，核对后删除以下各段】读取台账时的提示：".to_string(),
        )]));
        out.extend(
            input.warnings.iter().enumerate().map(|(i, w)| {
                Block::Para(vec![Span::Marked(format!("（{}）{}。", i + 1, w.text))])
            }),
        );
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

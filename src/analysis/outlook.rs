//! The words of the as-of day and the months ahead: the month in progress
//! (what it has spent, what it still needs for each standard), and what the
//! rest of the year needs (see [`crate::ahead`]).
//!
//! The months-ahead sentence is made of [`Part`]s — words, and figures that
//! say which quantity they are — so that the workbook writes it as a formula
//! of its cells (an edited budget or amount follows) and the draft as text,
//! the two word for word the same. Its words are set tight already (no
//! spaces), as [`super::tight`] would set them.

use crate::ahead::{still_needed, Ahead};
use crate::as_of::chinese;
use crate::dates::chinese_month_name;
use crate::grade::{GradedMonth, GradedYear};
use crate::money::format_cents;
use rust_decimal::Decimal;

/// A quantity of the months-ahead sentence, as the workbook computes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// 预算收入.
    Budget,
    /// Spending to date: the sum of the amounts shown.
    Spent,
    /// Budget less spending to date.
    Remaining,
    /// Spending to date less the budget (the year past its budget).
    Overspent,
    /// What each remaining month needs.
    Needed,
    /// The spending so far of the month in progress.
    SoFar,
    /// A standard: the band's index (0 优秀 … 3 及格).
    Standard(usize),
}

/// A piece of a sentence: words, or a figure (万元, two decimals) with its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Words, set tight.
    Words(String),
    /// A figure and the value jixiao computed for it.
    Figure(Figure, Decimal),
}

/// The sentence the parts make, figures with two decimals.
pub fn render(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|part| match part {
            Part::Words(words) => words.clone(),
            Part::Figure(_, value) => format_cents(*value),
        })
        .collect()
}

fn month_name(month: u32) -> &'static str {
    chinese_month_name(month).unwrap_or_default()
}

/// The day the year's figures are taken on, as the sentences say it:
/// `2017年8月末`, or `2017年9月12日` with a month in progress.
pub fn to_date(year: &GradedYear) -> String {
    match (year.in_progress(), year.as_of) {
        (Some(_), Some(day)) => chinese(day),
        _ => format!("{}年{}月末", year.year, year.last_due_month),
    }
}

/// The day [`GradedYear::execution`] is taken on, as the sentences say it:
/// `2017年8月末`, or the as-of day when 序时进度 is counted in days and a
/// month is in progress.
pub fn to_date_of_execution(year: &GradedYear) -> String {
    match (year.in_progress(), year.rules.progress, year.as_of) {
        (Some(_), crate::rules::ProgressBasis::Days, Some(day)) => chinese(day),
        _ => format!("{}年{}月末", year.year, year.last_due_month),
    }
}

/// The 情况分析 of the month in progress: what it has spent by the as-of day
/// and what it still needs for each standard:
/// `截至 9 月 12 日已支出 8.20 万元，本月再支出 16.02 万元可达优秀标准、……`.
pub fn in_progress_note(year: &GradedYear, month: &GradedMonth) -> String {
    let so_far = month.amount_wan;
    let day = year
        .as_of
        .map(|d| format!("截至 {} 月 {} 日", d.month, d.day))
        .unwrap_or_else(|| "本月至今".to_string());
    let mut note = format!("{day}已支出 {} 万元", format_cents(so_far));
    let bands = &year.rules.bands;
    let reached = bands.iter().find(|b| so_far >= b.threshold_wan);
    if let Some(band) = reached {
        note.push_str(&format!(
            "，已达到{}标准 {} 万元",
            band.grade.label(),
            format_cents(band.threshold_wan)
        ));
    }
    let still: Vec<String> = bands
        .iter()
        .filter_map(|band| {
            still_needed(band.threshold_wan, so_far)
                .map(|more| format!("{} 万元可达{}标准", format_cents(more), band.grade.label()))
        })
        .collect();
    if !still.is_empty() {
        note.push_str(&format!("，本月再支出 {}", still.join("、")));
    }
    note.push_str("；本月尚未结束，暂不评定");
    note
}

/// The sentence of the months ahead, in parts: the budget, spending to date,
/// what is left and what each remaining month needs for the year to reach its
/// budget, and the standards a month must reach for 优秀 and 及格; or, with the
/// year past its budget (`past`), that it is. The workbook writes both forms
/// and shows the one its cells call for; `past` is [`Ahead::past_budget`] for
/// the figures jixiao computed.
pub fn ahead_parts(year: &GradedYear, ahead: &Ahead, past: bool) -> Vec<Part> {
    let words = |text: &str| Part::Words(text.to_string());
    let rules = &year.rules;
    let in_progress = year.in_progress();
    let mut parts = vec![
        words("全年预算收入"),
        Part::Figure(Figure::Budget, rules.budget_wan),
        words(&format!("万元，截至{}累计支出", to_date(year))),
        Part::Figure(Figure::Spent, ahead.spent_wan),
        words("万元"),
    ];
    if let Some(month) = in_progress {
        parts.push(words(&format!(
            "（含进行中的{}已支出",
            month_name(month.month)
        )));
        parts.push(Part::Figure(Figure::SoFar, month.amount_wan));
        parts.push(words("万元）"));
    }
    let range = if ahead.months_left == 1 {
        format!("{}月", ahead.first_month)
    } else {
        format!("{}—12月共{}个月", ahead.first_month, ahead.months_left)
    };
    if past {
        parts.push(words("，已达到全年预算收入（超出"));
        parts.push(Part::Figure(Figure::Overspent, -ahead.remaining_wan));
        parts.push(words(&format!(
            "万元），剩余{range}不需再支出即可完成全年预算；此后的支出都将超出预算，请核对是否已追加预算。"
        )));
        return parts;
    }
    parts.push(words("，尚余"));
    parts.push(Part::Figure(Figure::Remaining, ahead.remaining_wan));
    let included = in_progress
        .map(|m| format!("（含{}）", month_name(m.month)))
        .unwrap_or_default();
    let each = match (ahead.months_left, in_progress.is_some()) {
        (1, true) => "还需支出",
        (1, false) => "需支出",
        (_, true) => "平均每月还需支出",
        (_, false) => "平均每月需支出",
    };
    parts.push(words(&format!("万元；剩余{range}{included}，{each}")));
    parts.push(Part::Figure(Figure::Needed, ahead.needed_wan));
    parts.push(words("万元，全年支出可达到预算收入。"));
    let (best, pass) = (0, rules.bands.len().saturating_sub(1));
    let standard = |index: usize| {
        rules
            .bands
            .get(index)
            .map_or(Decimal::ZERO, |b| b.threshold_wan)
    };
    let label = |index: usize| rules.bands.get(index).map_or("", |b| b.grade.label());
    parts.push(words(&format!("每月支出达到{}标准需", label(best))));
    parts.push(Part::Figure(Figure::Standard(best), standard(best)));
    parts.push(words(&format!("万元，达到{}标准需", label(pass))));
    parts.push(Part::Figure(Figure::Standard(pass), standard(pass)));
    match in_progress {
        Some(month) => parts.push(words(&format!(
            "万元；{}已有的支出计入当月。",
            month_name(month.month)
        ))),
        None => parts.push(words("万元。")),
    }
    parts
}

/// The months-ahead sentence as text, for the figures jixiao computed.
pub fn ahead_sentence(year: &GradedYear, ahead: &Ahead) -> String {
    render(&ahead_parts(year, ahead, ahead.past_budget()))
}

/// The measure 四、存在的问题和整改情况 draws from the months ahead: what each
/// remaining month needs, set as the plan to follow; with the year past its
/// budget, that it is.
pub fn ahead_measure(year: &GradedYear, ahead: &Ahead) -> String {
    let range = if ahead.months_left == 1 {
        format!("{}月", ahead.first_month)
    } else {
        format!("{}—12月", ahead.first_month)
    };
    if ahead.past_budget() {
        return format!(
            "截至{}累计支出{}万元，已达到全年预算收入{}万元，剩余{range}的支出都将超出预算。整改措施：核对是否已追加预算，严格按预算控制后续支出。",
            to_date(year),
            format_cents(ahead.spent_wan),
            format_cents(year.rules.budget_wan)
        );
    }
    let rules = &year.rules;
    let (best, pass) = (
        rules
            .bands
            .first()
            .map_or(Decimal::ZERO, |b| b.threshold_wan),
        rules.pass_line_wan(),
    );
    let each = if ahead.months_left == 1 {
        "需支出"
    } else {
        "每月平均需支出"
    };
    let mut text = format!(
        "为使全年支出达到预算收入{}万元，剩余{range}{each}{}万元（每月支出达到优秀标准需{}万元，低于及格标准{}万元为差）",
        format_cents(rules.budget_wan),
        format_cents(ahead.needed_wan),
        format_cents(best),
        format_cents(pass)
    );
    if let Some(month) = year.in_progress() {
        text.push_str(&format!(
            "，其中{}截至{}已支出{}万元",
            month_name(month.month),
            year.as_of.map(chinese).unwrap_or_default(),
            format_cents(month.amount_wan)
        ));
    }
    text.push_str("。整改措施：按此安排后续各月的支出计划，逐月跟踪预算执行进度。");
    text
}

#[cfg(test)]
mod tests;

//! The words of the report: a note per month (情况分析) and the year's
//! conclusion (综合评价结论), every figure taken from the graded data.
//!
//! The sentences are written as a careful 财政 reviewer would write them: the
//! seed's terms (预算收入, 绩效评定, 整改办法), standard ones elsewhere (优秀标准,
//! 高于 / 低于（滞后于）序时进度, 仅发生工资福利支出, 未归类支出); amounts with two
//! decimals, percentages and percentage points with one; a percentage never
//! contradicts the grade beside it; no parentheses inside parentheses; a month
//! without records, a month netting to zero, a negative month and a year of
//! zero months each say what is true of them. `docs/report.md` lists every
//! pattern with an example; the tests pin each one.

pub mod compare;
pub mod outlook;

use crate::classify::{category_code, item_name, ItemId, OTHER};
use crate::dates::chinese_month_name;
use crate::grade::{GradedMonth, GradedYear, MonthStatus};
use crate::money::{format_cents, round_dp};
use crate::rules::{Grade, ProgressBasis, Rules};
use rust_decimal::Decimal;

/// `part / whole` as a percent with one decimal, half away from zero: `98.6%`;
/// `—` for a whole of zero (never used mid-sentence).
pub fn percent(part: Decimal, whole: Decimal) -> String {
    if whole.is_zero() {
        return "—".to_string();
    }
    one_decimal(part * Decimal::ONE_HUNDRED / whole) + "%"
}

/// A figure with exactly one decimal, half away from zero: `18.0`, `100.0`.
fn one_decimal(value: Decimal) -> String {
    let mut value = round_dp(value, 1);
    value.rescale(1);
    value.to_string()
}

/// The month's spending as a percent of the monthly share, shown so that it
/// never contradicts the grade beside it: a 良好 month at 89.98 % reads 89.9 %,
/// not 90.0 % (the 优秀 percent); a month graded 优秀 by the rounded standard
/// reads at least 90.0 %.
pub fn completion_shown(month: &GradedMonth, rules: &Rules) -> String {
    let exact = match month.execution {
        Some(figures) => figures.completion * Decimal::ONE_HUNDRED,
        None => return "—".to_string(),
    };
    let mut shown = round_dp(exact, 1);
    let grade = month.grade();
    let position = rules
        .bands
        .iter()
        .position(|band| Some(band.grade) == grade);
    if let Some(band) = position.and_then(|i| rules.bands.get(i)) {
        shown = shown.max(band.percent);
    }
    // The band just above this grade (for 差, the lowest band).
    let above = match position {
        Some(0) => None,
        Some(i) => rules.bands.get(i - 1),
        None => rules.bands.last(),
    };
    if let Some(above) = above {
        if shown >= above.percent {
            shown = above.percent - Decimal::new(1, 1);
        }
    }
    one_decimal(shown) + "%"
}

/// The 情况分析 of one month.
pub fn month_note(year: &GradedYear, month: &GradedMonth) -> String {
    let rules = &year.rules;
    let share = rules.monthly_share_wan;
    let grade = match month.status {
        MonthStatus::NotDue => return "未到期，暂不评定".to_string(),
        MonthStatus::InProgress => return outlook::in_progress_note(year, month),
        MonthStatus::Graded(grade) => grade,
    };
    let below_pass = format!("低于及格标准 {} 万元", format_cents(rules.pass_line_wan()));
    if month.amount_wan <= Decimal::ZERO {
        let what = zero_or_negative(month);
        let fix = if month.amount_wan < Decimal::ZERO {
            "应核对冲销和退回记录，并加快资金支出进度"
        } else {
            "应查找原因，加快资金支出进度"
        };
        return format!("{what}，{below_pass}，{fix}");
    }
    let mut note = format!(
        "支出 {} 万元，为月均预算 {} 万元的 {}",
        format_cents(month.amount_wan),
        format_cents(share),
        completion_shown(month, rules)
    );
    match rules.bands.iter().find(|band| band.grade == grade) {
        Some(band) => note.push_str(&format!(
            "，达到{}标准 {} 万元",
            grade.label(),
            format_cents(band.threshold_wan)
        )),
        None => note.push_str(&format!(
            "，比及格标准 {} 万元少 {} 万元，应查找原因，加快资金支出进度",
            format_cents(rules.pass_line_wan()),
            format_cents(rules.pass_line_wan() - month.amount_wan)
        )),
    }
    // A high month is said with what it was spent on, never judged: only the
    // department knows whether the spending was due then.
    if month.amount_wan >= share * Decimal::from(2) {
        note.push_str("；超过月均预算的 2 倍");
        if let Some(parts) = composition(month) {
            note.push('，');
            note.push_str(&parts);
        }
    } else if let Some(parts) = composition(month) {
        note.push('；');
        note.push_str(&parts);
    }
    if let Some(change) = compare::change_note(year, month) {
        note.push('；');
        note.push_str(&change);
    }
    note
}

/// What a month of no spending is: no records at all, records that net to
/// zero, or a negative net (reversals and refunds above spending).
fn zero_or_negative(month: &GradedMonth) -> String {
    if month.amount_wan < Decimal::ZERO {
        format!(
            "本月净支出为 {} 万元，冲销和退回多于支出",
            format_cents(month.amount_wan)
        )
    } else if month.has_entries {
        "本月支出记录相互抵销，净支出为 0.00 万元".to_string()
    } else {
        "本月无支出记录".to_string()
    }
}

/// An item's name as the report says it: the catch-all is 未归类支出.
pub fn item_label(item: ItemId) -> &'static str {
    if item == OTHER {
        "未归类支出"
    } else {
        item_name(item)
    }
}

/// What a month's spending consisted of, from its classified lines: `仅发生工资
/// 福利支出：基本工资、社会保障缴费` when it was wages only, else its two
/// largest items with their share: `主要为差旅费 26.41 万元（占 42.4%）、办公费
/// 21.04 万元（占 33.8%）`. `None` when nothing positive was classified.
pub fn composition(month: &GradedMonth) -> Option<String> {
    let (positive, net) = positive_items(month)?;
    if positive
        .iter()
        .all(|(item, _)| category_code(*item) == "301")
    {
        let names: Vec<&str> = positive.iter().map(|(item, _)| item_label(*item)).collect();
        return Some(format!("仅发生工资福利支出：{}", names.join("、")));
    }
    let main: Vec<String> = positive
        .iter()
        .take(2)
        .map(|(item, amount)| {
            format!(
                "{} {} 万元（占 {}）",
                item_label(*item),
                format_cents(*amount),
                percent(*amount, net)
            )
        })
        .collect();
    Some(format!("主要为{}", main.join("、")))
}

/// The same in a few words, for a list inside a sentence: `仅发生工资福利支出`,
/// `主要为差旅费、办公费`.
fn composition_brief(month: &GradedMonth) -> Option<String> {
    let (positive, _) = positive_items(month)?;
    if positive
        .iter()
        .all(|(item, _)| category_code(*item) == "301")
    {
        return Some("仅发生工资福利支出".to_string());
    }
    let names: Vec<&str> = positive
        .iter()
        .take(2)
        .map(|(item, _)| item_label(*item))
        .collect();
    Some(format!("主要为{}", names.join("、")))
}

/// The month's items with positive spending (largest first) and the month's
/// net, when the net is positive.
pub fn positive_items(month: &GradedMonth) -> Option<(Vec<(ItemId, Decimal)>, Decimal)> {
    let mut positive: Vec<(ItemId, Decimal)> = month
        .breakdown
        .iter()
        .copied()
        .filter(|(_, amount)| *amount > Decimal::ZERO)
        .collect();
    positive.sort_by_key(|(_, amount)| std::cmp::Reverse(*amount));
    let net: Decimal = month.breakdown.iter().map(|(_, amount)| *amount).sum();
    (!positive.is_empty() && net > Decimal::ZERO).then_some((positive, net))
}

/// The year's 综合评价结论: months per grade, the 差 months and why, execution
/// against 序时进度, and a check for 年底突击花钱 backed by figures.
pub fn conclusion(year: &GradedYear) -> String {
    if year.due_months().all(|m| m.amount_wan.is_zero()) {
        return format!(
            "{}各月净支出均为 0.00 万元，没有形成实际支出，{} 个月均评为差。应核对台账是否计入了正确的科目和金额列，并加快资金支出进度。",
            period(year),
            year.last_due_month
        );
    }
    let mut text = grade_counts(year);
    text.push_str(&in_progress(year));
    text.push_str(&poor_months(year));
    text.push_str(&execution(year));
    if let Some(change) = compare::period_change(year) {
        text.push_str(&change);
    }
    text.push_str(&year_end_check(year));
    text
}

/// The month in progress, said once: not graded, what it has spent so far.
fn in_progress(year: &GradedYear) -> String {
    match (year.in_progress(), year.as_of) {
        (Some(month), Some(day)) => format!(
            "{}截至 {} 月 {} 日已支出 {} 万元，本月尚未结束，暂不评定。",
            month_name(month.month),
            day.month,
            day.day,
            format_cents(month.amount_wan)
        ),
        _ => String::new(),
    }
}

fn period(year: &GradedYear) -> String {
    match year.last_due_month {
        1 => format!("{} 年 1 月", year.year),
        last => format!("{} 年 1—{} 月", year.year, last),
    }
}

fn month_name(month: u32) -> &'static str {
    chinese_month_name(month).unwrap_or_default()
}

fn grade_counts(year: &GradedYear) -> String {
    let counts: Vec<String> = Grade::ALL
        .iter()
        .filter(|grade| year.count(**grade) > 0)
        .map(|grade| format!("{} {} 个月", grade.label(), year.count(*grade)))
        .collect();
    format!(
        "{}共评定 {} 个月：{}。",
        period(year),
        year.last_due_month,
        counts.join("、")
    )
}

fn poor_months(year: &GradedYear) -> String {
    let poor: Vec<String> = year
        .due_months()
        .filter(|m| m.grade() == Some(Grade::Poor))
        .map(|m| {
            let name = month_name(m.month);
            if m.amount_wan <= Decimal::ZERO {
                let what = zero_or_negative(m).replace("本月", "");
                return format!("{name}{what}");
            }
            match composition_brief(m) {
                Some(parts) => format!("{name}支出 {} 万元，{parts}", format_cents(m.amount_wan)),
                None => format!("{name}支出 {} 万元", format_cents(m.amount_wan)),
            }
        })
        .collect();
    if poor.is_empty() {
        "没有评为差的月份。".to_string()
    } else {
        format!("评为差的月份：{}。", poor.join("；"))
    }
}

fn execution(year: &GradedYear) -> String {
    let figures = year.execution();
    let basis = match year.rules.progress {
        ProgressBasis::Months => "按月",
        ProgressBasis::Days => "按天",
    };
    let points = round_dp(figures.gap * Decimal::ONE_HUNDRED, 1);
    let comparison = match points.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => {
            format!("累计执行率高于序时进度 {} 个百分点。", one_decimal(points))
        }
        std::cmp::Ordering::Less => format!(
            "累计执行率低于（滞后于）序时进度 {} 个百分点，应加快支出进度。",
            one_decimal(-points)
        ),
        std::cmp::Ordering::Equal => "累计执行率与序时进度持平。".to_string(),
    };
    // With a month in progress, the day the figures are taken on is said.
    let when = match year.in_progress() {
        Some(_) => format!("截至{}，", outlook::to_date_of_execution(year)),
        None => String::new(),
    };
    format!(
        "{when}累计支出 {} 万元，占全年预算收入 {} 万元的 {}；{basis}计算的序时进度为 {}，{comparison}",
        format_cents(figures.cumulative_wan),
        format_cents(year.rules.budget_wan),
        percent(figures.cumulative_rate, Decimal::ONE),
        percent(figures.elapsed, Decimal::ONE),
    )
}

/// Months at least twice the monthly share, with what they were spent on, and
/// December / the fourth quarter against an even year.
fn year_end_check(year: &GradedYear) -> String {
    let share = year.rules.monthly_share_wan;
    let spikes: Vec<String> = year
        .due_months()
        .filter(|m| m.amount_wan >= share * Decimal::from(2))
        .map(|m| {
            let parts = composition_brief(m)
                .map(|p| format!("，{p}"))
                .unwrap_or_default();
            format!(
                "{} {} 万元{parts}",
                month_name(m.month),
                format_cents(m.amount_wan)
            )
        })
        .collect();
    let mut text = if spikes.is_empty() {
        "各月支出均未超过月均预算的 2 倍。".to_string()
    } else {
        format!("支出超过月均预算 2 倍的月份：{}。", spikes.join("；"))
    };
    if year.last_due_month < 12 {
        let late = year
            .due_months()
            .any(|m| m.month >= 10 && m.amount_wan >= share * Decimal::from(2));
        // Before the year ends there is nothing to say of its end but what
        // the fourth quarter already shows (no note of what is left to do).
        if late {
            text.push_str("第四季度已有月份支出超过月均预算 2 倍，请关注年底集中支出。");
        }
        return text;
    }
    let total = year.total_wan;
    if total <= Decimal::ZERO {
        text.push_str(&format!(
            "全年净支出为 {} 万元，无法据此判断是否存在年底集中支出。",
            format_cents(total)
        ));
        return text;
    }
    let december = year.months[11].amount_wan;
    let fourth: Decimal = year.months[9..12].iter().map(|m| m.amount_wan).sum();
    let december_said = if december > Decimal::ZERO {
        format!(
            "十二月支出 {} 万元，为月均预算的 {}",
            format_cents(december),
            percent(december, share)
        )
    } else {
        format!("十二月净支出 {} 万元", format_cents(december))
    };
    let fourth_said = if fourth > Decimal::ZERO && fourth <= total {
        format!(
            "第四季度支出 {} 万元，占全年支出的 {}（均衡支出约为 25%）",
            format_cents(fourth),
            percent(fourth, total)
        )
    } else {
        format!(
            "第四季度净支出 {} 万元，全年净支出 {} 万元",
            format_cents(fourth),
            format_cents(total)
        )
    };
    let rushed = december >= share * Decimal::from(2)
        || (fourth > Decimal::ZERO && fourth >= total * Decimal::new(40, 2));
    text.push_str(&format!(
        "{december_said}；{fourth_said}。{}",
        if rushed {
            "存在年底集中支出的情况，应说明原因。"
        } else {
            "未见为提高支出进度而年底突击花钱的情况。"
        }
    ));
    text
}

/// `text` set as a 公文 sets numbers in Chinese text: no space between a
/// number and the Chinese around it (`二月支出4.44万元`, not `二月支出 4.44
/// 万元`), nor between Chinese characters; spaces between Latin words and
/// numbers (`--budget 322.95`) stay. For sentences made elsewhere (the
/// 综合评价结论, the reading's notes); the workbook's 情况分析 and 综合评价结论 and
/// the draft both set their Chinese text with it (the console keeps its own spacing).
pub fn tight(text: &str) -> String {
    let wide = |c: char| !c.is_ascii() && !c.is_whitespace();
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|c| *c != ' ')
            .map_or(chars.len(), |n| i + n);
        let before = out.chars().last();
        let after = chars.get(end).copied();
        // A number starts with a digit, or a sign right before one (-8.97).
        let number = digit(after.as_ref())
            || (matches!(after, Some('-' | '+')) && digit(chars.get(end + 1)));
        let joins = match (before, after) {
            (Some(b), Some(a)) => {
                (wide(b) && (wide(a) || number)) || (b.is_ascii_digit() && (wide(a) || a == '%'))
            }
            _ => false,
        };
        if !joins {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests;

//! The words of the report: a note per month (情况分析) and the year's
//! conclusion (综合评价结论), every figure taken from the graded data.

use crate::classify::{category_code, item_name, ItemId};
use crate::dates::chinese_month_name;
use crate::grade::{GradedMonth, GradedYear, MonthStatus};
use crate::money::{format_cents, round_dp};
use crate::rules::Grade;
use rust_decimal::Decimal;

/// `part / whole` as a percent with one decimal, half away from zero: `98.6%`.
pub fn percent(part: Decimal, whole: Decimal) -> String {
    if whole.is_zero() {
        return "—".to_string();
    }
    let mut value = round_dp(part * Decimal::from(100) / whole, 1);
    value.rescale(1);
    format!("{value}%")
}

/// The 情况分析 of one month.
pub fn month_note(year: &GradedYear, month: &GradedMonth) -> String {
    let rules = &year.rules;
    let share = rules.monthly_share_wan;
    let grade = match month.status {
        MonthStatus::NotDue => return "未到期，暂不评定".to_string(),
        MonthStatus::Graded(grade) => grade,
    };
    if month.amount_wan.is_zero() {
        return format!(
            "本月没有支出记录，低于及格线 {} 万元，应查找原因，加快资金支出进度",
            format_cents(rules.pass_line_wan())
        );
    }
    let mut note = format!(
        "支出 {} 万元，为月均预算 {} 万元的 {}",
        format_cents(month.amount_wan),
        format_cents(share),
        percent(month.amount_wan, share)
    );
    let band = rules.bands.iter().find(|band| band.grade == grade);
    match (grade, band) {
        (Grade::Poor, _) => note.push_str(&format!(
            "，低于及格线 {} 万元 {} 万元，应查找原因，加快资金支出进度",
            format_cents(rules.pass_line_wan()),
            format_cents(rules.pass_line_wan() - month.amount_wan)
        )),
        (_, Some(band)) => note.push_str(&format!(
            "，达到{}线 {} 万元",
            grade.label(),
            format_cents(band.threshold_wan)
        )),
        (_, None) => {}
    }
    if let Some(parts) = composition(month) {
        note.push('；');
        note.push_str(&parts);
    }
    if month.amount_wan >= share * Decimal::from(2) {
        note.push_str("；超过月均预算的 2 倍，属集中支出，请在情况分析中说明原因");
    }
    note
}

/// What a month's spending consisted of, from its classified lines: `只有工资福利支出
/// （基本工资、社会保障缴费）` when it was wages only, else its two largest items
/// with their share: `主要为差旅费 26.41 万元（占 42.4%）、办公费 21.04 万元（占 33.8%）`.
pub fn composition(month: &GradedMonth) -> Option<String> {
    let positive: Vec<(ItemId, Decimal)> = month
        .breakdown
        .iter()
        .copied()
        .filter(|(_, amount)| *amount > Decimal::ZERO)
        .collect();
    let net: Decimal = month.breakdown.iter().map(|(_, amount)| *amount).sum();
    if positive.is_empty() || net <= Decimal::ZERO {
        return None;
    }
    if positive
        .iter()
        .all(|(item, _)| category_code(*item) == "301")
    {
        let names: Vec<&str> = positive.iter().map(|(item, _)| item_name(*item)).collect();
        return Some(format!("只有工资福利支出（{}）", names.join("、")));
    }
    let main: Vec<String> = positive
        .iter()
        .take(2)
        .map(|(item, amount)| {
            format!(
                "{} {} 万元（占 {}）",
                item_name(*item),
                format_cents(*amount),
                percent(*amount, net)
            )
        })
        .collect();
    Some(format!("主要为{}", main.join("、")))
}

/// The year's 综合评价结论: months per grade, the 差 months and why, execution
/// against 序时进度, and a check for 年底突击花钱 backed by figures.
pub fn conclusion(year: &GradedYear) -> String {
    let mut text = grade_counts(year);
    text.push_str(&poor_months(year));
    text.push_str(&execution(year));
    text.push_str(&year_end_check(year));
    text
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
        .map(|m| match composition(m) {
            Some(parts) => format!(
                "{}（{} 万元，{parts}）",
                month_name(m.month),
                format_cents(m.amount_wan)
            ),
            None => format!(
                "{}（{} 万元）",
                month_name(m.month),
                format_cents(m.amount_wan)
            ),
        })
        .collect();
    if poor.is_empty() {
        "没有评为差的月份。".to_string()
    } else {
        format!(
            "评为差的月份：{}，应查找原因，加快资金支出进度。",
            poor.join("、")
        )
    }
}

fn execution(year: &GradedYear) -> String {
    let rate = year.total_wan / year.rules.budget_wan;
    let elapsed = year.rules.elapsed(year.year, year.last_due_month);
    let basis = match year.rules.progress {
        crate::rules::ProgressBasis::Months => "按月",
        crate::rules::ProgressBasis::Days => "按天",
    };
    let gap = round_dp((rate - elapsed) * Decimal::from(100), 1);
    let comparison = match gap.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Greater => format!("快于序时进度 {} 个百分点", gap),
        std::cmp::Ordering::Less => format!("慢于序时进度 {} 个百分点，应加快支出进度", -gap),
        std::cmp::Ordering::Equal => "与序时进度持平".to_string(),
    };
    format!(
        "累计支出 {} 万元，占全年预算 {} 万元的 {}，{basis}计算的序时进度为 {}，{comparison}。",
        format_cents(year.total_wan),
        format_cents(year.rules.budget_wan),
        percent(year.total_wan, year.rules.budget_wan),
        percent(elapsed, Decimal::ONE),
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
            let parts = composition(m).map(|p| format!("，{p}")).unwrap_or_default();
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
        let late: Vec<u32> = year
            .due_months()
            .filter(|m| m.month >= 10 && m.amount_wan >= share * Decimal::from(2))
            .map(|m| m.month)
            .collect();
        text.push_str(if late.is_empty() {
            "支出较多的月份不在年底；第四季度尚未结束，年底突击花钱的检查待全年数据齐全后再做。"
        } else {
            "第四季度已有月份支出超过月均预算 2 倍，请关注年底集中支出。"
        });
        return text;
    }
    let december = year.months[11].amount_wan;
    let fourth: Decimal = year.months[9..12].iter().map(|m| m.amount_wan).sum();
    let fourth_share = if year.total_wan.is_zero() {
        Decimal::ZERO
    } else {
        fourth / year.total_wan
    };
    let rushed = december >= share * Decimal::from(2) || fourth_share >= Decimal::new(40, 2);
    text.push_str(&format!(
        "十二月支出 {} 万元，为月均预算的 {}；第四季度支出 {} 万元，占全年支出的 {}（均衡支出约为 25%）。{}",
        format_cents(december),
        percent(december, share),
        format_cents(fourth),
        percent(fourth, year.total_wan),
        if rushed {
            "存在年底集中支出的情况，请在报告中说明原因。"
        } else {
            "未见为提高支出进度而年底突击花钱的情况。"
        }
    ));
    text
}

#[cfg(test)]
mod tests;

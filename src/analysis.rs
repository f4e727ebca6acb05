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

/// The year's 综合评价结论: months per grade, the 差 months, and execution so far.
pub fn conclusion(year: &GradedYear) -> String {
    let last = year.last_due_month;
    let period = if last == 1 {
        format!("{} 年 1 月", year.year)
    } else {
        format!("{} 年 1—{} 月", year.year, last)
    };
    let counts: Vec<String> = Grade::ALL
        .iter()
        .filter(|grade| year.count(**grade) > 0)
        .map(|grade| format!("{} {} 个月", grade.label(), year.count(*grade)))
        .collect();
    let mut text = format!("{period}共评定 {} 个月：{}。", last, counts.join("、"));
    let poor: Vec<String> = year
        .due_months()
        .filter(|m| m.grade() == Some(Grade::Poor))
        .map(|m| {
            format!(
                "{}（{} 万元）",
                chinese_month_name(m.month).unwrap_or_default(),
                format_cents(m.amount_wan)
            )
        })
        .collect();
    if poor.is_empty() {
        text.push_str("没有评为差的月份。");
    } else {
        text.push_str(&format!(
            "评为差的月份：{}，应查找原因，加快资金支出进度。",
            poor.join("、")
        ));
    }
    let elapsed = Decimal::from(last) / Decimal::from(12);
    text.push_str(&format!(
        "累计支出 {} 万元，占全年预算 {} 万元的 {}；按月计算的序时进度为 {}。",
        format_cents(year.total_wan),
        format_cents(year.rules.budget_wan),
        percent(year.total_wan, year.rules.budget_wan),
        percent(elapsed, Decimal::ONE)
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{ItemId, ITEMS};
    use crate::grade::grade_year;
    use crate::rules::Rules;
    use crate::totals::MonthlyTotals;

    fn seed_year() -> GradedYear {
        let amounts = [
            "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
        ];
        let mut totals = MonthlyTotals::new(2017);
        for (i, a) in amounts.iter().enumerate() {
            totals.months_wan[i] = Some(a.parse().unwrap());
        }
        // February: wages and social security only; March: travel and office costs first.
        let item = |name: &str| ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId;
        totals.items_wan[1].insert(item("基本工资"), "3.12".parse().unwrap());
        totals.items_wan[1].insert(item("社会保障缴费"), "1.32".parse().unwrap());
        totals.items_wan[2].insert(item("差旅费"), "26.414".parse().unwrap());
        totals.items_wan[2].insert(item("维修（护）费"), "8.6".parse().unwrap());
        totals.items_wan[2].insert(item("基本工资"), "6.24".parse().unwrap());
        totals.items_wan[2].insert(item("办公费"), "21.036".parse().unwrap());
        grade_year(&totals, Rules::from_budget("322.95".parse().unwrap())).unwrap()
    }

    #[test]
    fn month_notes_state_the_figures() {
        let year = seed_year();
        assert_eq!(
            month_note(&year, &year.months[0]),
            "支出 26.54 万元，为月均预算 26.91 万元的 98.6%，达到优秀线 24.22 万元"
        );
        assert_eq!(
            month_note(&year, &year.months[1]),
            "支出 4.44 万元，为月均预算 26.91 万元的 16.5%，低于及格线 16.15 万元 11.71 万元，应查找原因，加快资金支出进度；只有工资福利支出（基本工资、社会保障缴费）"
        );
        assert_eq!(
            month_note(&year, &year.months[2]),
            "支出 62.29 万元，为月均预算 26.91 万元的 231.5%，达到优秀线 24.22 万元；\
主要为差旅费 26.41 万元（占 42.4%）、办公费 21.04 万元（占 33.8%）；\
超过月均预算的 2 倍，属集中支出，请在情况分析中说明原因"
        );
        assert_eq!(month_note(&year, &year.months[8]), "未到期，暂不评定");
    }

    #[test]
    fn conclusion_counts_and_sums() {
        assert_eq!(
            conclusion(&seed_year()),
            "2017 年 1—8 月共评定 8 个月：优秀 6 个月、良好 1 个月、差 1 个月。评为差的月份：二月（4.44 万元），应查找原因，加快资金支出进度。\
累计支出 273.43 万元，占全年预算 322.95 万元的 84.7%；按月计算的序时进度为 66.7%。"
        );
    }

    #[test]
    fn percent_rounds_half_away_from_zero() {
        assert_eq!(percent("1".parse().unwrap(), "8".parse().unwrap()), "12.5%");
        assert_eq!(
            percent("1".parse().unwrap(), "1600".parse().unwrap()),
            "0.1%"
        );
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), "—");
    }
}

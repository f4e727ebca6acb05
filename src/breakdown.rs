//! Budget breakdown (分项预算): when the settings split the budget into lines
//! (基本支出 / 项目支出, or economic items as the seed does), each line's
//! spending and execution. Spending is matched to lines through the economic
//! classification of every ledger line; what matches no line is shown, never
//! dropped, and parts that do not add up to the budget are warned about.

use crate::classify::{category_name, item_name, ItemId};
use crate::grade::GradedYear;
use crate::money::format_cents;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One line of the breakdown with what was spent on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakdownLine {
    /// The line's name as the settings give it (工资福利支出).
    pub name: String,
    /// Its budget in 万元.
    pub budget_wan: Decimal,
    /// Spending in the due months, in 万元 (exact).
    pub spent_wan: Decimal,
    /// The classification items counted in it.
    pub items: Vec<ItemId>,
}

/// The breakdown of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breakdown {
    /// The lines, in the settings' order.
    pub lines: Vec<BreakdownLine>,
    /// Spending that matched no line, in 万元, and its items.
    pub unmatched_wan: Decimal,
    /// The items of the unmatched spending.
    pub unmatched_items: Vec<ItemId>,
    /// The lines' budgets added up.
    pub parts_wan: Decimal,
    /// Set when the parts do not add up to the year's budget.
    pub warning: Option<String>,
}

/// The line an item belongs to: the line named like the item, else a line the
/// item's name starts with (住房公积金 ← 住房公积金（对个人和家庭的补助）), else a
/// line whose name holds the item's name without 费 (办公取暖 ← 办公费, 取暖费),
/// else the line named like the item's category (工资福利支出).
fn line_for(item: ItemId, names: &[String]) -> Option<usize> {
    let name = item_name(item);
    let stem = name.trim_end_matches('费').trim_end_matches("（护）");
    names
        .iter()
        .position(|line| line == name)
        .or_else(|| {
            names
                .iter()
                .position(|line| line.chars().count() >= 2 && name.starts_with(line.as_str()))
        })
        .or_else(|| {
            names
                .iter()
                .position(|line| stem.chars().count() >= 2 && line.contains(stem))
        })
        .or_else(|| names.iter().position(|line| line == category_name(item)))
}

/// Matches a year's classified spending to the breakdown lines (name, budget in 万元).
pub fn execute(lines: &[(String, Decimal)], year: &GradedYear) -> Breakdown {
    let mut spent: BTreeMap<ItemId, Decimal> = BTreeMap::new();
    for month in year.due_months() {
        for (item, amount) in &month.breakdown {
            *spent.entry(*item).or_default() += *amount;
        }
    }
    let names: Vec<String> = lines.iter().map(|(name, _)| name.clone()).collect();
    let mut result: Vec<BreakdownLine> = lines
        .iter()
        .map(|(name, budget)| BreakdownLine {
            name: name.clone(),
            budget_wan: *budget,
            spent_wan: Decimal::ZERO,
            items: Vec::new(),
        })
        .collect();
    let (mut unmatched_wan, mut unmatched_items) = (Decimal::ZERO, Vec::new());
    for (item, amount) in spent {
        match line_for(item, &names) {
            Some(index) => {
                result[index].spent_wan += amount;
                result[index].items.push(item);
            }
            None => {
                unmatched_wan += amount;
                unmatched_items.push(item);
            }
        }
    }
    let parts_wan: Decimal = lines.iter().map(|(_, budget)| *budget).sum();
    let budget = year.rules.budget_wan;
    let warning = (parts_wan != budget).then(|| {
        format!(
            "分项预算合计 {} 万元，与全年预算 {} 万元不一致（相差 {} 万元），请核对",
            format_cents(parts_wan),
            format_cents(budget),
            format_cents((budget - parts_wan).abs())
        )
    });
    Breakdown {
        lines: result,
        unmatched_wan,
        unmatched_items,
        parts_wan,
        warning,
    }
}

/// The item names of a line, for the sheet: `基本工资、津贴补贴`.
pub fn item_names(items: &[ItemId]) -> String {
    items
        .iter()
        .map(|i| item_name(*i))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::ITEMS;
    use crate::grade::grade_year;
    use crate::rules::Rules;
    use crate::totals::MonthlyTotals;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    fn id(name: &str) -> ItemId {
        ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId
    }

    fn year() -> GradedYear {
        let mut totals = MonthlyTotals::new(2017);
        totals.months_wan[0] = Some(d("20"));
        for (name, amount) in [
            ("基本工资", "10"),
            ("社会保障缴费", "4"),
            ("办公费", "3"),
            ("取暖费", "2"),
            ("差旅费", "1"),
        ] {
            totals.items_wan[0].insert(id(name), d(amount));
        }
        grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap()
    }

    #[test]
    fn spending_goes_to_the_most_specific_line() {
        // The seed's own items: 302.95 of 基本支出 split eight ways (they add up to 302.94).
        let seed: Vec<(String, Decimal)> = [
            ("工资福利支出", "205.28"),
            ("社会保障缴费", "53.60"),
            ("包干经费", "14.70"),
            ("工会经费", "3.60"),
            ("办公取暖", "3.24"),
            ("体检费", "0.90"),
            ("住房公积金", "21.57"),
            ("福利费", "0.05"),
        ]
        .iter()
        .map(|(n, b)| (n.to_string(), d(b)))
        .collect();
        let result = execute(&seed, &year());
        let spent: Vec<(&str, Decimal)> = result
            .lines
            .iter()
            .map(|l| (l.name.as_str(), l.spent_wan))
            .collect();
        assert_eq!(spent[0], ("工资福利支出", d("10")));
        assert_eq!(spent[1], ("社会保障缴费", d("4")));
        assert_eq!(spent[4], ("办公取暖", d("5")));
        assert_eq!(item_names(&result.lines[4].items), "办公费、取暖费");
        assert_eq!(
            (result.unmatched_wan, item_names(&result.unmatched_items)),
            (d("1"), "差旅费".to_string())
        );
        assert_eq!(result.parts_wan, d("302.94"));
        assert_eq!(
            result.warning.as_deref(),
            Some(
                "分项预算合计 302.94 万元，与全年预算 322.95 万元不一致（相差 20.01 万元），请核对"
            )
        );
    }

    #[test]
    fn parts_that_add_up_give_no_warning() {
        let lines = vec![
            ("基本支出".to_string(), d("302.95")),
            ("项目支出".to_string(), d("20")),
        ];
        let result = execute(&lines, &year());
        assert_eq!(result.warning, None);
        assert_eq!(result.unmatched_wan, d("20"), "no line names these items");
    }
}

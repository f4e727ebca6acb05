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
    /// Spending in the months shown (the graded months and the month in
    /// progress), in 万元 (exact).
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
    // The months shown, as 月度分析's 合计 adds them: with the month in progress.
    for month in year.shown_months() {
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
mod tests;

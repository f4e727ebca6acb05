//! Budgets (预算收入, 万元) per year, as given with `--budget`.
//!
//! `--budget 322.95` is the budget of the one year a ledger holds;
//! `--budget 2016=300 --budget 2017=322.95` gives each year its own.

use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One `--budget` value: a budget in 万元, for one year or for the ledger's only year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetArg {
    /// The year it is for, when written `2017=322.95`.
    pub year: Option<i32>,
    /// The budget in 万元.
    pub wan: Decimal,
}

/// Reads `322.95`, `2017=322.95`, `2017:322.95` or `2017年=322.95`.
///
/// ```
/// use jixiao::budget::parse_budget_arg;
///
/// assert_eq!(parse_budget_arg("2017=322.95").unwrap().year, Some(2017));
/// assert_eq!(parse_budget_arg("322.95").unwrap().wan.to_string(), "322.95");
/// assert!(parse_budget_arg("0").is_err());
/// ```
pub fn parse_budget_arg(text: &str) -> Result<BudgetArg, String> {
    let refused =
        || format!("“{text}”不是有效的预算：请写大于 0 的万元数，如 322.95；分年度写 2017=322.95");
    let (year, amount) = match text.split_once(['=', ':', '：']) {
        Some((year, amount)) => {
            let year: i32 = year
                .trim()
                .trim_end_matches('年')
                .parse()
                .map_err(|_| refused())?;
            if !(1990..=2100).contains(&year) {
                return Err(refused());
            }
            (Some(year), amount)
        }
        None => (None, text),
    };
    let amount = amount.trim();
    // Only digits and one decimal point: `322_95` or `3e2` are not budgets a
    // person writes, and Decimal's parser would take the first as 32295.
    let plain = !amount.is_empty()
        && amount.chars().all(|c| c.is_ascii_digit() || c == '.')
        && amount.matches('.').count() <= 1;
    if !plain {
        return Err(refused());
    }
    let wan: Decimal = amount.parse().map_err(|_| refused())?;
    if wan <= Decimal::ZERO || wan > Decimal::from(100_000_000) {
        return Err(refused());
    }
    Ok(BudgetArg { year, wan })
}

/// The budgets given, for the ledger's only year or per year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budgets {
    /// A budget without a year: the budget of a ledger with one year.
    pub only_year: Option<Decimal>,
    /// Budgets by year.
    pub by_year: BTreeMap<i32, Decimal>,
}

impl Budgets {
    /// Collects `--budget` values; a year given twice, two budgets without a
    /// year, or one without a year beside ones with a year, is an error.
    pub fn from_args(args: &[BudgetArg]) -> Result<Self> {
        let bare = args.iter().find(|a| a.year.is_none());
        let dated = args.iter().find_map(|a| a.year);
        if let (Some(bare), Some(year)) = (bare, dated) {
            bail!(
                "--budget 既给了不带年度的 {}，又给了 {year} 年的预算，不知道该用哪一个。一个年度只写 --budget 322.95；多个年度都写上年度，如 --budget 2016=300 --budget 2017=322.95",
                bare.wan
            );
        }
        let mut budgets = Budgets::default();
        for arg in args {
            match arg.year {
                None if budgets.only_year.is_some() => {
                    bail!("--budget 给了两个不带年度的预算。一个年度写 --budget 322.95；多个年度写 --budget 2016=300 --budget 2017=322.95")
                }
                None => budgets.only_year = Some(arg.wan),
                Some(year) => {
                    if budgets.by_year.insert(year, arg.wan).is_some() {
                        bail!("--budget 给了两次 {year} 年的预算，请只保留一个");
                    }
                }
            }
        }
        Ok(budgets)
    }

    /// The budget of each year, in order; the message names the years without one.
    pub fn for_years(&self, years: &[i32]) -> Result<Vec<Decimal>> {
        let single = years.len() == 1;
        let found: Vec<Option<Decimal>> = years
            .iter()
            .map(|year| {
                self.by_year
                    .get(year)
                    .copied()
                    .or(self.only_year.filter(|_| single))
            })
            .collect();
        let missing: Vec<String> = years
            .iter()
            .zip(&found)
            .filter(|(_, budget)| budget.is_none())
            .map(|(year, _)| year.to_string())
            .collect();
        if missing.is_empty() {
            return Ok(found.into_iter().flatten().collect());
        }
        if single {
            bail!(
                "没有提供 {} 年度的预算收入。请用 --budget 指定全年预算（单位万元），例如 --budget 322.95",
                missing.join("")
            );
        }
        let example: Vec<String> = years.iter().map(|y| format!("--budget {y}=…")).collect();
        bail!(
            "账簿中有 {} 个年度（{}）的数据，每个年度按自己的预算评定，缺少 {} 年的预算。请写 {}（万元），或用 --year 只评价其中一个年度",
            years.len(),
            years.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
            missing.join("、"),
            example.join(" ")
        )
    }
}

#[cfg(test)]
mod tests;

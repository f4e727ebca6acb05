//! Budgets (预算收入, 万元) per year, as the settings give them.
//!
//! A budget without a year (`--budget 322.95`, `budget = 322.95`) is the
//! budget of the one year a ledger holds; `2016=300`, `2017=322.95` give each
//! year its own. They are read and checked by [`crate::settings`].

use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The budgets given, for the ledger's only year or per year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budgets {
    /// A budget without a year: the budget of a ledger with one year.
    pub only_year: Option<Decimal>,
    /// Budgets by year.
    pub by_year: BTreeMap<i32, Decimal>,
}

impl Budgets {
    /// The budget of each year, in order; the message names the years without
    /// one and how to give them (`advice`), or, when the budgets were read from
    /// a place a fix must go to instead (`written_in`, e.g. the 参数 sheet:
    /// budgets are taken whole from one place), says to complete them there.
    pub fn for_years(
        &self,
        years: &[i32],
        advice: &crate::advice::Advice,
        written_in: Option<&str>,
    ) -> Result<Vec<Decimal>> {
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
        let missing_years = missing.join("、");
        let give = match written_in {
            Some(place) => format!(
                "预算只从一处取，现在取自{place}：请在那里补上 {missing_years} 年的预算（万元）"
            ),
            None if single => format!(
                "请{}，给出全年预算（万元）",
                advice.how(
                    &format!("用 --budget {missing_years}=322.95"),
                    // Beside other years' budget.2016 = …, a plain budget = … would clash.
                    &if self.by_year.is_empty() {
                        "budget = 322.95".to_string()
                    } else {
                        format!("budget.{missing_years} = 322.95")
                    }
                )
            ),
            None => {
                let flags: Vec<String> = years.iter().map(|y| format!("--budget {y}=…")).collect();
                let lines: Vec<String> = years.iter().map(|y| format!("budget.{y} = …")).collect();
                format!(
                    "请{}（万元）",
                    advice.how(&format!("写 {}", flags.join(" ")), &lines.join("、"))
                )
            }
        };
        if single {
            bail!("没有提供 {missing_years} 年度的预算收入。{give}");
        }
        let last = years.last().copied().unwrap_or_default();
        bail!(
            "账簿中有 {} 个年度（{}）的数据，每个年度按自己的预算评定，缺少 {missing_years} 年的预算。{give}，或{}，只评价其中一个年度",
            years.len(),
            years.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"),
            advice.how(&format!("用 --year {last}"), &format!("year = {last}"))
        )
    }
}

#[cfg(test)]
mod tests;

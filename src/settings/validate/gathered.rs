//! Settings one source may give on several lines, gathered into one value
//! taken whole: the budgets (one without a year, or one per year), the
//! accounts to count or leave out, the breakdown's lines. Each keeps the
//! place of its first line.

use super::super::{Place, RawValue, Settings, Sourced};
use super::amounts::{budget, line_wan};
use super::written::shown;
use crate::budget::Budgets;
use rust_decimal::Decimal;

/// What one source gave so far, line by line.
#[derive(Default)]
pub struct Gathered {
    budgets: Option<Sourced<Budgets>>,
    accounts: Option<Sourced<Vec<String>>>,
    exclude_accounts: Option<Sourced<Vec<String>>>,
    breakdown: Option<Sourced<Vec<(String, Decimal)>>>,
}

impl Gathered {
    /// A budget, for its year or the only one: one budget a year, and not
    /// one without a year beside one with.
    pub fn budget(
        &mut self,
        year: Option<i32>,
        value: &RawValue,
        place: &Place,
    ) -> Result<(), String> {
        let (year, wan) = budget(value, year)?;
        let budgets = &mut first(&mut self.budgets, place).value;
        match year {
            None => {
                if let Some(earlier) = budgets.only_year {
                    return Err(format!(
                        "已经给了一个不带年度的预算 {earlier}，不知道该用哪一个。一个年度只写一个预算；多个年度请分年度写（如 2016=300、2017=322.95）"
                    ));
                }
                budgets.only_year = Some(wan);
            }
            Some(year) => {
                if budgets.by_year.insert(year, wan).is_some() {
                    return Err(format!("{year} 年的预算给了两次，请只保留一个"));
                }
            }
        }
        if let (Some(wan), Some(year)) = (budgets.only_year, budgets.by_year.keys().next()) {
            return Err(format!(
                "既给了不带年度的预算 {wan}，又给了 {year} 年的预算，不知道该用哪一个。一个年度只写一个预算（如 322.95）；多个年度都写上年度（如 2016=300、2017=322.95）"
            ));
        }
        Ok(())
    }

    /// Accounts to count, added to those already given.
    pub fn accounts(&mut self, items: Vec<String>, place: &Place) {
        first(&mut self.accounts, place).value.extend(items);
    }

    /// Accounts to leave out, added to those already given.
    pub fn exclude_accounts(&mut self, items: Vec<String>, place: &Place) {
        first(&mut self.exclude_accounts, place).value.extend(items);
    }

    /// A line of the breakdown: named by its key, or with its amount in one
    /// text (`--breakdown 工资福利支出=205.28`); a name only once.
    pub fn breakdown_line(
        &mut self,
        name: Option<String>,
        value: &RawValue,
        place: &Place,
    ) -> Result<(), String> {
        let (name, wan) = match name {
            Some(name) => (name, line_wan(value)?),
            None => {
                let written = shown(value);
                let (name, amount) = written
                    .rsplit_once(['=', ':', '：'])
                    .ok_or("分项预算写成 名称=万元数，例如 工资福利支出=205.28")?;
                let wan = line_wan(&RawValue::Text(amount.trim().to_string()))?;
                (name.trim().to_string(), wan)
            }
        };
        if name.is_empty() {
            return Err("分项预算要写出名称，例如 工资福利支出".to_string());
        }
        let lines = &mut first(&mut self.breakdown, place).value;
        if lines.iter().any(|(known, _)| *known == name) {
            return Err(format!("分项“{name}”写了两次，请只保留一个"));
        }
        lines.push((name, wan));
        Ok(())
    }

    /// The gathered values set in `settings`.
    pub fn into_settings(self, settings: Settings) -> Settings {
        Settings {
            budgets: self.budgets,
            accounts: self.accounts,
            exclude_accounts: self.exclude_accounts,
            breakdown: self.breakdown,
            ..settings
        }
    }
}

/// The value gathered so far, begun at `place` when this is its first line.
fn first<'a, T: Default>(
    gathered: &'a mut Option<Sourced<T>>,
    place: &Place,
) -> &'a mut Sourced<T> {
    gathered.get_or_insert_with(|| Sourced {
        value: T::default(),
        place: place.clone(),
    })
}

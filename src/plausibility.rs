//! Plausibility of a budget against what the months spent, before grading:
//! a budget typed in 元 or a ledger read in the wrong unit is refused with the
//! fix in the user's place (flag, 参数 cell, jixiao.toml line); a budget more
//! than 100× from the spending either way is warned.

use anyhow::{bail, Result};
use rust_decimal::Decimal;

/// How far a monthly share may stand from the months' average spending, either
/// way, before the budget (or the ledger's unit) is taken for a slip: 100×.
pub const FAR_APART: i64 = 100;

/// A budget that reads as 元: at least this many “万元” (10 亿元) …
pub const YUAN_LIKE_BUDGET_WAN: i64 = 100_000;

/// … against months spending less than this many 万元 on average.
const YUAN_LIKE_SPENDING_WAN: i64 = 100;

/// A slip is named (budget in 元, ledger unit) only when its fix brings the
/// monthly share within 20× of the months' average spending either way.
const LIKELY: i64 = 20;

/// What a year's budget looks like against what its months spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plausibility {
    /// Within 100× either way (or nothing was spent to compare with).
    Fine,
    /// The budget was written in 元: `fixed` is the same budget in 万元.
    BudgetInYuan {
        /// The budget ÷ 10,000.
        fixed: Decimal,
    },
    /// The ledger's amounts were read in the wrong unit: they are in `should_be`.
    LedgerUnit {
        /// The unit that brings the spending within reach of the budget.
        should_be: crate::ledger::layout::Unit,
    },
    /// More than 100× apart with no single slip that explains it.
    FarApart {
        /// True when the budget is the larger (every month far below its share).
        budget_larger: bool,
    },
}

/// Judges `budget_wan` against the months' spending (万元, the months due),
/// read in `unit` (when one unit holds for the whole ledger). A monthly share
/// more than 100× or less than 1/100 of the months' average spending is a
/// slip: the budget in 元 (a budget of 10 亿 “万元” or more against months in
/// the tens of 万元, which ÷ 10,000 brings within 20× of the spending), the
/// ledger's unit (spending ×/÷ 10,000 within 20×), or, with no single
/// explanation, far apart.
pub fn plausibility(
    budget_wan: Decimal,
    months_wan: &[Decimal],
    unit: Option<crate::ledger::layout::Unit>,
) -> Plausibility {
    use crate::ledger::layout::Unit;
    let spent: Decimal = months_wan.iter().sum();
    if months_wan.is_empty() || spent <= Decimal::ZERO || budget_wan <= Decimal::ZERO {
        return Plausibility::Fine;
    }
    let average = spent / Decimal::from(months_wan.len());
    let share = budget_wan / Decimal::from(12);
    let ratio = share / average;
    let far = Decimal::from(FAR_APART);
    let likely = Decimal::from(LIKELY);
    let within = |ratio: Decimal| ratio <= likely && ratio * likely >= Decimal::ONE;
    let ten_thousand = Decimal::from(10_000);
    let yuan_like = budget_wan >= Decimal::from(YUAN_LIKE_BUDGET_WAN)
        && (ratio > far || average < Decimal::from(YUAN_LIKE_SPENDING_WAN));
    if yuan_like && within(ratio / ten_thousand) {
        return Plausibility::BudgetInYuan {
            fixed: (budget_wan / ten_thousand).normalize(),
        };
    }
    if ratio > far || yuan_like {
        if unit == Some(Unit::Yuan) && within(ratio / ten_thousand) {
            return Plausibility::LedgerUnit {
                should_be: Unit::Wan,
            };
        }
        return Plausibility::FarApart {
            budget_larger: true,
        };
    }
    if ratio * far < Decimal::ONE {
        if unit == Some(Unit::Wan) && within(ratio * ten_thousand) {
            return Plausibility::LedgerUnit {
                should_be: Unit::Yuan,
            };
        }
        return Plausibility::FarApart {
            budget_larger: false,
        };
    }
    Plausibility::Fine
}

/// The sentence for a year whose budget and spending are far apart (a
/// warning, not a refusal): the figures and what to check.
pub fn far_apart_text(
    year: i32,
    budget_wan: Decimal,
    average_wan: Decimal,
    budget_larger: bool,
) -> String {
    let share = crate::money::format_cents(budget_wan / Decimal::from(12));
    let average = crate::money::format_cents(average_wan);
    let (side, grades) = if budget_larger {
        ("超过", "各月都会评为差")
    } else {
        ("不到", "各月都会评为优秀")
    };
    format!(
        "{year} 年月均预算 {share} 万元{side}各月平均支出 {average} 万元的 {}{}，{grades}：请核对预算是不是全年预算收入、单位是不是万元，以及台账金额的单位",
        if budget_larger { FAR_APART.to_string() } else { format!("1/{FAR_APART}") },
        if budget_larger { " 倍" } else { "" }
    )
}

/// The due months' spending of `year` in 万元, exact (from the entries in 元,
/// not the rounded figures: a book in 万元 read as 元 spends 0.00 a month).
pub fn months_spent(
    ledger: &crate::ledger::Ledger,
    year: &crate::grade::GradedYear,
) -> Vec<Decimal> {
    let mut by_month = [Decimal::ZERO; 12];
    for entry in ledger.entries.iter().filter(|e| e.year == year.year) {
        if let Some(slot) = by_month.get_mut(entry.month.saturating_sub(1) as usize) {
            *slot += entry.amount_yuan;
        }
    }
    year.due_months()
        .filter_map(|m| by_month.get(m.month.saturating_sub(1) as usize))
        .map(|yuan| yuan / Decimal::from(10_000))
        .collect()
}

/// The ledger's unit when every sheet read has the same one.
pub fn ledger_unit(ledger: &crate::ledger::Ledger) -> Option<crate::ledger::layout::Unit> {
    let first = ledger.sheets.first()?.unit;
    ledger
        .sheets
        .iter()
        .all(|s| s.unit == first)
        .then_some(first)
}

/// An amount in 万元 for a sentence: to the cent, or, below a cent, to six
/// places (0.0034), so a tiny average is not shown as 0.00.
fn wan_text(value: Decimal) -> String {
    if value.abs() < Decimal::new(1, 2) && !value.is_zero() {
        value.round_dp(6).normalize().to_string()
    } else {
        crate::money::format_cents(value)
    }
}

/// The fix said where the value was written: `改用 --budget 322.95`,
/// `把「台账.xlsx」的 参数!B3（预算）改为 322.95`, `把设置文件「…」第 1 行改为
/// budget = 322.95` (`in_toml`: the value as a toml line writes it, when it
/// differs: `"万元"`).
fn fix_at(place: &crate::settings::Place, value: &str, in_toml: &str) -> String {
    use crate::settings::Place;
    match place {
        Place::Flag(flag) => format!("改用 {flag} {value}"),
        Place::Sheet { .. } => format!("把{}改为 {value}", place.at()),
        Place::File { line, key, .. } => {
            let written = if in_toml.is_empty() { value } else { in_toml };
            format!("把{}第 {line} 行改为 {key} = {written}", place.describe())
        }
    }
}

/// Refuses, before anything is written, a year whose budget or ledger unit is
/// a slip by [`plausibility`] — the budget written in 元, or the ledger's
/// amounts read in the wrong unit — with the fix said where the user wrote
/// the value (the flag, the 参数 cell, the jixiao.toml line) or, for a unit
/// nobody gave, as `advice` says it. Budgets merely far apart are warned by
/// [`crate::warnings`], not refused.
///
/// # Errors
/// The first year whose budget or unit is a slip, with the figures and the fix.
pub fn refuse_slips(
    ledger: &crate::ledger::Ledger,
    years: &[crate::grade::GradedYear],
    settings: &crate::settings::Settings,
    advice: &crate::advice::Advice,
) -> Result<()> {
    use crate::settings::Place;
    let unit = ledger_unit(ledger);
    for year in years {
        let months = months_spent(ledger, year);
        let budget = year.rules.budget_wan;
        let average = months.iter().sum::<Decimal>() / Decimal::from(months.len().max(1));
        let share = crate::money::format_cents(year.rules.monthly_share_wan);
        match plausibility(budget, &months, unit) {
            Plausibility::BudgetInYuan { fixed } => {
                let Some(given) = &settings.budgets else {
                    continue;
                };
                let per_year = given.value.by_year.contains_key(&year.year);
                let fix = match &given.place {
                    Place::Flag(_) if per_year => {
                        fix_at(&given.place, &format!("{}={fixed}", year.year), "")
                    }
                    place if given.value.by_year.len() > 1 => format!(
                        "把{}中 {} 年的预算改为 {fixed}",
                        place.describe(),
                        year.year
                    ),
                    place => fix_at(place, &fixed.to_string(), ""),
                };
                bail!(
                    "{} 年的预算 {} 万元（{}）像是按元写的：台账各月平均支出 {} 万元，按这个预算月均预算是 {share} 万元，每个月都会评为差。预算以万元计，应为 {fixed} 万元：请{fix}",
                    year.year,
                    budget.normalize(),
                    given.place.given_by(),
                    wan_text(average),
                );
            }
            Plausibility::LedgerUnit { should_be } => {
                let read_as = unit.map(|u| u.label()).unwrap_or_default();
                let fix = match &settings.unit {
                    Some(given) => fix_at(
                        &given.place,
                        should_be.label(),
                        &format!("\"{}\"", should_be.label()),
                    ),
                    None => advice.how(
                        &format!("用 --unit {} 指定", should_be.label()),
                        &format!("unit = \"{}\"", should_be.label()),
                    ),
                };
                let (apart, grades) = if should_be == crate::ledger::layout::Unit::Yuan {
                    ("不到它的 1/100", "每个月都会评为优秀")
                } else {
                    ("超过它的 100 倍", "每个月都会评为差")
                };
                bail!(
                    "{} 年台账金额按{read_as}读取，各月平均支出 {} 万元，月均预算 {share} 万元{apart}，{grades}：台账金额的单位很可能是{}。请{fix}",
                    year.year,
                    wan_text(average),
                    should_be.label(),
                );
            }
            Plausibility::Fine | Plausibility::FarApart { .. } => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;

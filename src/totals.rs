//! Monthly totals: the ledger's counted entries summed per year and month, in
//! 万元, and per economic classification item within each month.

use crate::classify::ItemId;
use crate::ledger::Ledger;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One year's spending per month, in 万元, exact (not yet rounded for display).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyTotals {
    /// The year.
    pub year: i32,
    /// Index 0 = January; `None` where the ledger has no entry for the month.
    pub months_wan: [Option<Decimal>; 12],
    /// Index 0 = January: each classified item's spending in the month, in 万元.
    pub items_wan: [BTreeMap<ItemId, Decimal>; 12],
    /// How many entries were summed.
    pub entry_count: usize,
}

impl MonthlyTotals {
    /// An empty year.
    pub fn new(year: i32) -> Self {
        Self {
            year,
            months_wan: [None; 12],
            items_wan: Default::default(),
            entry_count: 0,
        }
    }

    /// The last month (1–12) with at least one entry.
    pub fn last_month_with_data(&self) -> Option<u32> {
        self.months_wan
            .iter()
            .rposition(Option::is_some)
            .map(|index| index as u32 + 1)
    }

    /// The year's total, exact.
    pub fn total_wan(&self) -> Decimal {
        self.months_wan.iter().flatten().sum()
    }
}

/// Converts 元 to 万元, exactly.
pub fn yuan_to_wan(yuan: Decimal) -> Decimal {
    yuan / Decimal::from(10_000)
}

/// Sums the ledger's entries per year and month; one [`MonthlyTotals`] per year, ascending.
///
/// Amounts are added in 元 (exact cents) and converted to 万元 once per month,
/// so no rounding happens before display.
pub fn monthly_totals(ledger: &Ledger) -> Vec<MonthlyTotals> {
    let mut years: BTreeMap<i32, MonthlyTotals> = BTreeMap::new();
    for entry in &ledger.entries {
        let totals = years
            .entry(entry.year)
            .or_insert_with(|| MonthlyTotals::new(entry.year));
        let index = (entry.month - 1) as usize;
        let slot = &mut totals.months_wan[index];
        *slot = Some(slot.unwrap_or_default() + entry.amount_yuan);
        if let Some(item) = entry.item {
            *totals.items_wan[index].entry(item).or_default() += entry.amount_yuan;
        }
        totals.entry_count += 1;
    }
    for totals in years.values_mut() {
        totals.months_wan = totals.months_wan.map(|m| m.map(yuan_to_wan));
        for items in &mut totals.items_wan {
            for amount in items.values_mut() {
                *amount = yuan_to_wan(*amount);
            }
        }
    }
    years.into_values().collect()
}

//! Monthly totals: the ledger's counted entries summed per year and month, in 万元.

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
    /// How many entries were summed.
    pub entry_count: usize,
}

impl MonthlyTotals {
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
    let mut sums: BTreeMap<i32, ([Option<Decimal>; 12], usize)> = BTreeMap::new();
    for entry in &ledger.entries {
        let (months, count) = sums.entry(entry.year).or_insert(([None; 12], 0));
        let slot = &mut months[(entry.month - 1) as usize];
        *slot = Some(slot.unwrap_or_default() + entry.amount_yuan);
        *count += 1;
    }
    sums.into_iter()
        .map(|(year, (months, entry_count))| MonthlyTotals {
            year,
            months_wan: months.map(|m| m.map(yuan_to_wan)),
            entry_count,
        })
        .collect()
}

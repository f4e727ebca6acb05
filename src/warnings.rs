//! Warnings: what a person should look at before trusting a result, each with a
//! stable code (for scripts that route files to people, see `docs/json.md`) and
//! a Chinese sentence with the figures.
//!
//! Warnings never refuse a file: the figures are still graded and written, and
//! the warning stands beside them on the console, in 数据检查, in the 综合评价结论
//! (for a failed tie-out) and in `--json`.

use crate::grade::{GradedYear, MonthStatus};
use crate::ledger::Ledger;
use crate::money::format_cents;
use crate::tieout::NO_BOOK_TOTALS;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One warning: a stable code and what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Stable code, e.g. `tie_out_mismatch` (documented in docs/json.md).
    pub code: &'static str,
    /// The warning in Chinese, with its figures.
    pub text: String,
}

/// The codes, in the order warnings are listed.
pub mod code {
    /// A figure the book states does not agree with jixiao's.
    pub const TIE_OUT_MISMATCH: &str = "tie_out_mismatch";
    /// The book states no totals, so nothing could be tied out.
    pub const NO_BOOK_TOTALS: &str = "no_book_totals";
    /// Cells that could not be read were left out.
    pub const UNREADABLE_CELLS: &str = "unreadable_cells";
    /// read ≠ included + excluded (a bug in jixiao).
    pub const RECONCILIATION_BROKEN: &str = "reconciliation_broken";
    /// Rows of other years were left out of the year graded.
    pub const OTHER_YEARS_LEFT_OUT: &str = "other_years_left_out";
    /// Every month is 0.00 although entries were counted.
    pub const ALL_MONTHS_ZERO: &str = "all_months_zero";
    /// A month whose entries net to zero.
    pub const MONTH_NETS_TO_ZERO: &str = "month_nets_to_zero";
    /// A month whose spending is negative.
    pub const NEGATIVE_MONTH: &str = "negative_month";
    /// A month above five times the monthly share.
    pub const MONTH_ABOVE_5X_SHARE: &str = "month_above_5x_share";
    /// The monthly share is more than 100× (or less than 1/100) of the
    /// months' average spending, with no single slip to refuse it for.
    pub const BUDGET_FAR_FROM_SPENDING: &str = "budget_far_from_spending";
    /// More than half of the amount read was left out (other than totals and other accounts).
    pub const MOST_AMOUNT_LEFT_OUT: &str = "most_amount_left_out";
    /// The amount column is empty for most counted lines.
    pub const AMOUNT_COLUMN_MOSTLY_EMPTY: &str = "amount_column_mostly_empty";
    /// The unit was not stated and was assumed.
    pub const UNIT_ASSUMED: &str = "unit_assumed";
    /// The budget breakdown's parts do not add up to the budget.
    pub const BREAKDOWN_MISMATCH: &str = "breakdown_mismatch";
    /// A sheet could be read more than one way (several amount columns) and
    /// the book's totals did not settle it, or settled it against the
    /// first-ranked column.
    pub const READING_CHOSEN: &str = "reading_chosen";
    /// Accounts jixiao knows neither as spending nor as not spending were counted.
    pub const UNRECOGNISED_ACCOUNTS: &str = "unrecognised_accounts";
}

/// The unit a person would correct an assumed one to.
fn other_unit(unit: crate::ledger::layout::Unit) -> &'static str {
    match unit {
        crate::ledger::layout::Unit::Yuan => "万元",
        crate::ledger::layout::Unit::Wan => "元",
    }
}

/// Everything worth a warning about one graded ledger; fixes are said as `advice` says them.
pub fn warnings(
    ledger: &Ledger,
    years: &[GradedYear],
    breakdown_warning: Option<&str>,
    advice: &crate::advice::Advice,
) -> Vec<Warning> {
    let mut found = Vec::new();
    let mut warn = |code: &'static str, text: String| found.push(Warning { code, text });
    let tie = &ledger.tie_out;
    if tie.mismatches > 0 {
        let first = tie
            .checks
            .iter()
            .find(|c| c.is_mismatch())
            .map(|c| format!("，例如 {}", c.line()))
            .unwrap_or_default();
        warn(
            code::TIE_OUT_MISMATCH,
            format!(
                "勾稽不符：台账自列的合计与 jixiao 读取的数字有 {} 处不一致{first}。评定所依据的金额可能有误，请核对「数据检查」中的勾稽表后再上报",
                tie.mismatches
            ),
        );
    } else if tie.total == 0 {
        // Totals the book states but jixiao could not place are said so, under
        // the same code: nothing was tied out.
        let text = if tie.unchecked > 0 {
            tie.summary()
        } else {
            NO_BOOK_TOTALS.to_string()
        };
        warn(code::NO_BOOK_TOTALS, text);
    }
    let attention = ledger.attention_count();
    if attention > 0 {
        warn(
            code::UNREADABLE_CELLS,
            format!("有 {attention} 处数据无法识别，没有计入，请逐条检查「数据检查」中的列表"),
        );
    }
    if !ledger.reconciliation().balances() {
        warn(
            code::RECONCILIATION_BROKEN,
            "金额去向不相符：计入与未计入之和不等于读取金额，请把台账发给维护人员".to_string(),
        );
    }
    other_years(ledger, &mut warn);
    unrecognised_accounts(ledger, advice, &mut warn);
    months(ledger, years, &mut warn);
    budget_far_from_spending(ledger, years, &mut warn);
    left_out(ledger, &mut warn);
    let counted = ledger.entries.len();
    let empty = ledger
        .entries
        .iter()
        .filter(|e| e.amount_yuan.is_zero())
        .count();
    if counted >= 4 && empty * 2 > counted {
        warn(
            code::AMOUNT_COLUMN_MOSTLY_EMPTY,
            format!(
                "计入的 {counted} 笔记录中有 {empty} 笔金额为空或 0：金额列可能选错了，请核对“识别”一行所说的金额列"
            ),
        );
    }
    for layout in &ledger.sheets {
        if layout.unit_source == crate::ledger::layout::UnitSource::Default {
            warn(
                code::UNIT_ASSUMED,
                format!(
                    "工作表「{}」没有注明金额单位，按{}计算；如不对请{}",
                    layout.sheet,
                    layout.unit.label(),
                    advice.how(
                        &format!("用 --unit {} 指定", other_unit(layout.unit)),
                        &format!("unit = \"{}\"", other_unit(layout.unit))
                    )
                ),
            );
        }
    }
    for choice in ledger.readings.iter().filter(|c| c.needs_attention()) {
        warn(code::READING_CHOSEN, reading_warning(choice, advice));
    }
    if let Some(text) = breakdown_warning {
        warn(code::BREAKDOWN_MISMATCH, text.to_string());
    }
    found
}

/// The warning for a choice among readings: the readings with their month
/// totals, what was kept and why, and the setting that fixes it.
fn reading_warning(
    choice: &crate::ledger::tieout::ReadingChoice,
    advice: &crate::advice::Advice,
) -> String {
    use crate::ledger::tieout::Verdict;
    let all: Vec<String> = std::iter::once(&choice.chosen)
        .chain(&choice.others)
        .map(|reading| format!("按{}，{}", reading.column, reading.months_text()))
        .collect();
    let why = match choice.verdict {
        Verdict::Switched => "只有它与台账自列的合计相符",
        Verdict::SeveralConfirmed => {
            "台账自列的合计与几种读法都相符，无法据此判断，按表头排在前面的一列"
        }
        Verdict::NoneConfirmed | Verdict::Confirmed => {
            "台账自列的合计无法判断哪一种对，按表头排在前面的一列"
        }
    };
    let fix = choice
        .others
        .first()
        .map(|other| {
            let letter: String = other
                .column
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            advice.how(
                &format!("用 --amount-col {letter} 指定"),
                &format!("amount-col = \"{letter}\""),
            )
        })
        .unwrap_or_default();
    format!(
        "工作表「{}」可以有 {} 种读法：{}。jixiao 按 {} 列计算，因为{why}；如应按其他列，请{fix}",
        choice.sheet,
        all.len(),
        all.join("；"),
        choice.chosen_letter
    )
}

/// A year whose monthly share stands more than 100× from its months' average
/// spending either way (a budget in 元 or a ledger in the wrong unit is refused
/// before this, see [`crate::plausibility::refuse_slips`]).
fn budget_far_from_spending(
    ledger: &Ledger,
    years: &[GradedYear],
    warn: &mut impl FnMut(&'static str, String),
) {
    let unit = crate::plausibility::ledger_unit(ledger);
    for year in years {
        let months = crate::plausibility::months_spent(ledger, year);
        if let crate::plausibility::Plausibility::FarApart { budget_larger } =
            crate::plausibility::plausibility(year.rules.budget_wan, &months, unit)
        {
            let average = months.iter().sum::<Decimal>() / Decimal::from(months.len().max(1));
            warn(
                code::BUDGET_FAR_FROM_SPENDING,
                crate::plausibility::far_apart_text(
                    year.year,
                    year.rules.budget_wan,
                    average,
                    budget_larger,
                ),
            );
        }
    }
}

fn other_years(ledger: &Ledger, warn: &mut impl FnMut(&'static str, String)) {
    let by_year = ledger.other_years_left_out();
    if by_year.is_empty() {
        return;
    }
    let parts: Vec<String> = by_year
        .iter()
        .map(|(year, (rows, sum))| format!("{year} 年 {rows} 行共 {} 元", format_cents(*sum)))
        .collect();
    warn(
        code::OTHER_YEARS_LEFT_OUT,
        format!(
            "台账中还有 {}，不在本次评价的年度内，没有计入（见「数据检查」）；如要评价那一年，请为它另给预算",
            parts.join("、")
        ),
    );
}

/// How many unrecognised accounts a warning names one by one.
const NAMED_ACCOUNTS: usize = 20;

/// Accounts counted though jixiao does not know them, each with its amount,
/// and how to leave one out (排除科目) in the words of where the user runs from.
fn unrecognised_accounts(
    ledger: &Ledger,
    advice: &crate::advice::Advice,
    warn: &mut impl FnMut(&'static str, String),
) {
    let found = crate::ledger::accounts::narrow::unrecognised_accounts(ledger);
    let Some((first, _)) = found.first() else {
        return;
    };
    let mut named: Vec<String> = found
        .iter()
        .take(NAMED_ACCOUNTS)
        .map(|(account, sum)| format!("“{account}” {} 元", format_cents(*sum)))
        .collect();
    if found.len() > NAMED_ACCOUNTS {
        named.push(format!("等 {} 个", found.len()));
    }
    let how = advice.how(
        &format!("用 --exclude-account {first} 排除（可重复，每个科目一次）"),
        &format!("exclude-accounts = [\"{first}\"]"),
    );
    warn(
        code::UNRECOGNISED_ACCOUNTS,
        format!(
            "有 {} 个科目 jixiao 不认识，不能判断是不是支出，已按支出计入（未归类的记为“未归类支出”）：{}。请逐个核对；哪个不是本年度的支出，请{how}",
            found.len(),
            named.join("、")
        ),
    );
}

fn months(ledger: &Ledger, years: &[GradedYear], warn: &mut impl FnMut(&'static str, String)) {
    // Lines and their exact sum in 元 per month: a month of 40 元 shows 0.00
    // 万元 without netting to zero.
    let mut lines: BTreeMap<(i32, u32), (usize, Decimal)> = BTreeMap::new();
    for entry in &ledger.entries {
        let slot = lines.entry((entry.year, entry.month)).or_default();
        slot.0 += 1;
        slot.1 += entry.amount_yuan;
    }
    for year in years {
        let due: Vec<_> = year.due_months().collect();
        if due.is_empty() {
            continue;
        }
        let counted: usize = due
            .iter()
            .filter_map(|m| lines.get(&(year.year, m.month)))
            .map(|(n, _)| n)
            .sum();
        if counted > 0 && due.iter().all(|m| m.amount_wan.is_zero()) {
            warn(
                code::ALL_MONTHS_ZERO,
                format!(
                    "{} 年每个月的支出都是 0.00 万元，但计入了 {counted} 笔记录：支出很可能被结转分录或冲销抵消了，评定结果不可信，请核对",
                    year.year
                ),
            );
            continue;
        }
        let five_times = year.rules.monthly_share_wan * Decimal::from(5);
        for month in due {
            let (count, exact) = lines
                .get(&(year.year, month.month))
                .copied()
                .unwrap_or_default();
            let name = format!("{} 年 {} 月", year.year, month.month);
            let amount = format_cents(month.amount_wan);
            if count > 0 && exact.is_zero() {
                warn(
                    code::MONTH_NETS_TO_ZERO,
                    format!("{name}有 {count} 笔记录，借贷相抵后为 0：请核对是否有结转分录或冲销被当作了支出"),
                );
            } else if exact < Decimal::ZERO {
                warn(
                    code::NEGATIVE_MONTH,
                    format!("{name}支出为负数（{amount} 万元）：冲销或退回多于当月支出，请核对"),
                );
            } else if month.amount_wan > five_times
                && matches!(month.status, MonthStatus::Graded(_))
            {
                warn(
                    code::MONTH_ABOVE_5X_SHARE,
                    format!(
                        "{name}支出 {amount} 万元，超过月均预算 {} 万元的 5 倍：请核对是否把合计行或其他科目计入了支出",
                        format_cents(year.rules.monthly_share_wan)
                    ),
                );
            }
        }
    }
}

/// More than half of what was read left out, not counting totals, closing
/// entries and other accounts (those are left out by design).
fn left_out(ledger: &Ledger, warn: &mut impl FnMut(&'static str, String)) {
    let included: Decimal = ledger.entries.iter().map(|e| e.amount_yuan.abs()).sum();
    let excluded = ledger.left_out_for_problems_abs();
    if excluded > included {
        warn(
            code::MOST_AMOUNT_LEFT_OUT,
            format!(
                "读取的金额中大半没有计入：计入 {} 元，因其他原因未计入 {} 元（见「数据检查」），请核对",
                format_cents(included),
                format_cents(excluded)
            ),
        );
    }
}

/// The sentence put before the 综合评价结论 when the figures did not tie out.
pub fn conclusion_caveat(warnings: &[Warning]) -> Option<String> {
    warnings
        .iter()
        .any(|w| w.code == code::TIE_OUT_MISMATCH || w.code == code::ALL_MONTHS_ZERO)
        .then(|| {
            "【注意】台账数据未通过核对（见「数据检查」的勾稽和提示），以下评定所依据的金额可能有误，请核对后再上报。".to_string()
        })
}

#[cfg(test)]
mod tests;

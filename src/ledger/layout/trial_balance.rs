//! The trial balance (科目余额表 / 发生额及余额表): one row per account with its
//! 期初 / 本期发生额 / 本年累计 / 期末 借方 and 贷方, for one period named in the
//! title (`月份：2017.01-2017.01`, `会计期间：2017年第1期`) or by the sheet.
//!
//! Spending is the 本期借方发生额 of expenditure accounts, each counted once
//! (the lowest level); 期初 / 期末 / 本年累计 are never amounts. Each parent
//! account is tied out against its sub-accounts, the 合计 row against the
//! top-level accounts (its rows are read by [`crate::ledger::rows::trial_balance`]).

use super::{header, HeaderView, Layout, LayoutKind, SheetLayout, Unit};
use crate::dates::period_ranges_in;
use std::fmt;

/// The columns and period of a trial balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrialBalance {
    /// 本期借方发生额.
    pub debit: u32,
    /// 本期贷方发生额, when there is one (shown, not counted).
    pub credit: Option<u32>,
    /// 本年累计借方, tied out against the months' 本期借方 read before it.
    pub year_debit: Option<u32>,
    /// The period's year, when the title names it.
    pub year: Option<i32>,
    /// The period's month, from the title or the sheet's name.
    pub month: Option<u32>,
    /// The title's period text when it spans more than one month.
    pub spans_months: Option<String>,
}

/// True for the band over a trial balance's 借方 | 贷方 pairs: 本期发生额, 期初余额 ….
pub fn is_period_band(text: &str) -> bool {
    ["发生额", "期初", "期末", "本年累计", "年初", "本期"]
        .iter()
        .any(|w| text.contains(w))
}

/// Detects a trial balance: account columns, a 本期借方 column, and balance columns.
pub fn detect(view: &HeaderView<'_>) -> Option<LayoutKind> {
    if view.best(header::account_code_rank, &[]).is_none()
        && view.best(header::account_name_rank, &[]).is_none()
    {
        return None;
    }
    let combined: Vec<(u32, String)> = view
        .headers
        .iter()
        .map(|(c, _)| (*c, format!("{}{}", view.group(*c), view.normalized(*c))))
        .collect();
    let has_balances = combined
        .iter()
        .any(|(_, t)| t.contains("期初") || t.contains("期末") || t.contains("年初"));
    if !has_balances {
        return None;
    }
    let period_side = |side: char| {
        combined
            .iter()
            .find(|(_, t)| {
                (t.contains("本期") || t.contains("发生"))
                    && t.contains(side)
                    && !t.contains("累计")
                    && !t.contains("余额")
            })
            .map(|(c, _)| *c)
    };
    let debit = view.overrides.amount_column.or_else(|| period_side('借'))?;
    let credit = period_side('贷');
    let year_debit = combined
        .iter()
        .find(|(_, t)| t.contains("累计") && t.contains('借') && !t.contains("余额"))
        .map(|(c, _)| *c);
    let (period, spans_months) = match periods_in(view.title).as_slice() {
        [] => (None, None),
        [only] => (Some(*only), None),
        [first, rest @ ..] if rest.iter().all(|p| p == first) => (Some(*first), None),
        _ => (None, Some(view.title.to_string())),
    };
    Some(LayoutKind::TrialBalance(TrialBalance {
        debit,
        credit,
        year_debit,
        year: period.map(|(year, _)| year),
        month: period.map(|(_, month)| month).or(view.sheet_month),
        spans_months,
    }))
}

/// Every (year, month) a text names: `2017.01`, `2017-1`, `2017/01`, `2017年1月`,
/// `2017年第1期`, and both ends of a range (`2017年1-3月`, `2017年1月至3月`,
/// `2017.01-2017.03`, and ranges of days or compact months,
/// `2017-01-01至2017-01-31`, `201701-201701`, see [`period_ranges_in`]). A full
/// date with its day standing alone (`打印日期：2017-04-05`) names no period.
pub fn periods_in(text: &str) -> Vec<(i32, u32)> {
    let mut found = months_in(text);
    for (start, end) in period_ranges_in(text) {
        found.push(start);
        found.push(end);
    }
    found
}

/// The months [`periods_in`] finds written as months (`2017.01`, `2017年1-3月`).
fn months_in(text: &str) -> Vec<(i32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let digits_at = |from: usize| -> String {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect()
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i + 4 < chars.len() {
        let starts_number = i == 0 || !chars[i - 1].is_ascii_digit();
        let year_digits = digits_at(i);
        let year = (starts_number && year_digits.len() == 4)
            .then(|| year_digits.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y));
        let Some(year) = year else {
            i += 1;
            continue;
        };
        let mut j = i + 4;
        if !matches!(chars.get(j), Some('.' | '-' | '/' | '年')) {
            i += 1;
            continue;
        }
        j += 1;
        if chars.get(j) == Some(&'第') {
            j += 1;
        }
        let month_digits = digits_at(j);
        let Some(month) = month_digits
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m) && month_digits.len() <= 2)
        else {
            i += 1;
            continue;
        };
        j += month_digits.len();
        // `2017-04-05`, `2017年4月5日`: a day follows, so it is a date, not a period.
        let day_follows = matches!(chars.get(j), Some('.' | '-' | '/' | '月'))
            && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            && !matches!(chars.get(j), Some('-') if digits_at(j + 1).len() == 4);
        let day_follows = day_follows && !range_end_follows(&chars, j);
        if day_follows {
            i = j;
            continue;
        }
        found.push((year, month));
        // `2017年1-3月`, `2017年1月至3月`: the range's end in the same year.
        let mut k = j;
        if matches!(chars.get(k), Some('月' | '期')) {
            k += 1;
        }
        if matches!(chars.get(k), Some('-' | '—' | '~' | '～' | '至' | '到')) {
            let end_digits = digits_at(k + 1);
            if (1..=2).contains(&end_digits.len()) {
                if let Ok(end) = end_digits.parse::<u32>() {
                    if (1..=12).contains(&end) {
                        found.push((year, end));
                    }
                }
            }
        }
        i = j;
    }
    found
}

/// True when a range's second month follows position `at` (`1-3月`), not a day.
fn range_end_follows(chars: &[char], at: usize) -> bool {
    let Some('-' | '—' | '~' | '～' | '至' | '到') = chars.get(at) else {
        return false;
    };
    let end: String = chars[at + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let after = chars.get(at + 1 + end.len());
    (1..=2).contains(&end.len()) && matches!(after, Some('月' | '期'))
}

impl SheetLayout for TrialBalance {
    /// `科目余额表；第 4—5 行为表头；期间 2017 年 1 月；本期借方发生额列 E（借方）…`.
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        write!(f, "科目余额表；{header_rows}；")?;
        match (self.year, self.month, &self.spans_months) {
            (_, _, Some(text)) => write!(f, "标题“{text}”的期间跨多个月，无法按月计入；")?,
            (Some(year), Some(month), None) => write!(f, "期间 {year} 年 {month} 月；")?,
            (None, Some(month), None) => write!(f, "期间 {month} 月（取自工作表名）；")?,
            (_, None, None) => write!(f, "标题和工作表名都没有写期间；")?,
        }
        write!(
            f,
            "本期借方发生额列 {}（支出按末级支出科目的本期借方计入；期初、期末、本年累计各列不计入）",
            layout.describe_column(self.debit)
        )
    }

    fn amount_column(&self) -> Option<u32> {
        Some(self.debit)
    }

    fn default_unit(&self) -> Unit {
        Unit::Yuan
    }

    fn rows_carry_year(&self) -> bool {
        false
    }

    fn title_year(&self) -> Option<i32> {
        self.year
    }
}

#[cfg(test)]
mod period_range_tests {
    use super::periods_in;

    #[test]
    fn a_range_of_days_within_one_month_is_that_month() {
        for title in [
            "科目余额表 单位名称：某某局    日期：2017-01-01至2017-01-31    单位：元",
            "2017年1月1日至2017年1月31日",
            "起止日期：2017/01/01-2017/01/31",
            "会计期间：201701-201701",
        ] {
            assert_eq!(periods_in(title), vec![(2017, 1), (2017, 1)], "{title}");
        }
    }

    #[test]
    fn a_range_of_days_over_several_months_names_both_ends() {
        assert_eq!(
            periods_in("日期：2017-01-01至2017-03-31"),
            vec![(2017, 1), (2017, 3)]
        );
        assert_eq!(
            periods_in("会计期间：201701-201703"),
            vec![(2017, 1), (2017, 3)]
        );
        // A lone date is still no period.
        assert!(periods_in("打印日期：2017-04-05").is_empty());
    }
}

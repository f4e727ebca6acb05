//! What a sheet without a recognisable header does have: the row that looks
//! most like a header, the columns it names that jixiao knows, the one it is
//! missing, and the columns whose cells below look like dates and amounts —
//! so that a refusal can say what was missing and give the exact setting
//! lines (header row, date and amount columns) that make the file readable.

use super::header::{date_rank, debit_rank, month_rank, normalize_header, period_rank};
use crate::dates::{parse_date_text, parse_month_day_text};
use crate::read::cell::column_name;
use crate::read::{CellValue, Row};

/// The row most like a header, and what it has and lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    /// 0-based row.
    pub row: u32,
    /// The row's texts, in order.
    pub texts: Vec<String>,
    /// A column the header names as a date (日期 …, 月份, 会计期间).
    pub date_named: Option<u32>,
    /// A column the header names as the amount.
    pub amount_named: Option<u32>,
    /// The column whose cells below look like dates most often.
    pub date_seen: Option<u32>,
    /// The column whose cells below are numbers (not dates) most often.
    pub amount_seen: Option<u32>,
}

impl NearMiss {
    /// The date column to suggest: named, else seen.
    pub fn date_column(&self) -> Option<u32> {
        self.date_named.or(self.date_seen)
    }

    /// The amount column to suggest: named, else seen.
    pub fn amount_column(&self) -> Option<u32> {
        self.amount_named.or(self.amount_seen)
    }

    /// What the row has and lacks, in words: `第 3 行（时日、事由、数目）最像表头，
    /// 但其中没有认出日期列和金额列`.
    pub fn describe(&self) -> String {
        let missing: Vec<&str> = [
            self.date_named.is_none().then_some("日期列"),
            self.amount_named.is_none().then_some("金额列"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let texts: Vec<&str> = self.texts.iter().map(String::as_str).take(12).collect();
        let found = if missing.is_empty() {
            "，其中日期列和金额列都有，但下面各行读不出日期和金额".to_string()
        } else {
            format!("，但其中没有认出{}", missing.join("和"))
        };
        format!(
            "第 {} 行（{}）最像表头{found}",
            u64::from(self.row) + 1,
            texts.join("、")
        )
    }
}

/// The row among `rows` (the first rows of a sheet) most like a header: the
/// one with most short texts followed by rows with numbers. `None` when no
/// row has two texts.
pub fn near_miss(rows: &[Row]) -> Option<NearMiss> {
    let (position, _) = rows
        .iter()
        .enumerate()
        .map(|(position, row)| (position, header_likeness(row, &rows[position + 1..])))
        .filter(|(_, score)| *score >= 2)
        .max_by_key(|(position, score)| (*score, std::cmp::Reverse(*position)))?;
    let row = &rows[position];
    let below = &rows[position + 1..];
    let texts: Vec<(u32, String)> = row
        .cells()
        .filter_map(|(c, v)| v.as_text().map(|t| (c, t.trim().to_string())))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let named = |rank: fn(&str) -> Option<u8>| {
        texts
            .iter()
            .filter_map(|(c, t)| rank(&normalize_header(t)).map(|r| (r, *c)))
            .min()
            .map(|(_, c)| c)
    };
    let date_named = named(date_rank)
        .or_else(|| named(month_rank))
        .or_else(|| named(period_rank));
    let amount_named = named(debit_rank);
    let columns: Vec<u32> = {
        let mut all: Vec<u32> = below
            .iter()
            .flat_map(|r| r.cells().map(|(c, _)| c))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let count = |column: u32, test: fn(&CellValue) -> bool| {
        below.iter().filter(|r| test(r.get(column))).count()
    };
    let best_by = |test: fn(&CellValue) -> bool, rightmost: bool| {
        columns
            .iter()
            .map(|c| (count(*c, test), *c))
            .filter(|(n, _)| *n * 2 >= below.len().max(1) && *n > 0)
            .max_by_key(|(n, c)| (*n, if rightmost { *c } else { u32::MAX - *c }))
            .map(|(_, c)| c)
    };
    let date_seen = best_by(looks_like_date, false);
    let amount_seen = best_by(looks_like_amount, true).filter(|c| Some(*c) != date_seen);
    Some(NearMiss {
        row: row.index,
        texts: texts.into_iter().map(|(_, t)| t).collect(),
        date_named,
        amount_named,
        date_seen,
        amount_seen,
    })
}

/// How many short texts the row has, when some row below it has a number.
fn header_likeness(row: &Row, below: &[Row]) -> usize {
    let short_texts = row
        .cells()
        .filter_map(|(_, v)| v.as_text())
        .filter(|t| {
            let t = t.trim();
            !t.is_empty() && t.chars().count() <= 12 && t.parse::<f64>().is_err()
        })
        .count();
    let numbers_below = below
        .iter()
        .take(10)
        .any(|r| r.cells().any(|(_, v)| matches!(v, CellValue::Number(_))));
    if numbers_below {
        short_texts
    } else {
        0
    }
}

fn looks_like_date(cell: &CellValue) -> bool {
    match cell {
        CellValue::Date(_) => true,
        CellValue::Text(text) => {
            parse_date_text(text).is_some() || parse_month_day_text(text, 2000).is_some()
        }
        _ => false,
    }
}

fn looks_like_amount(cell: &CellValue) -> bool {
    match cell {
        CellValue::Number(n) => n.fract() != 0.0 || n.abs() >= 10.0,
        CellValue::Text(text) => {
            let digits: String = text
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | ' '))
                .collect();
            digits.contains('.') && digits.parse::<f64>().is_ok()
        }
        _ => false,
    }
}

/// The setting lines that would make the sheet readable, in the user's words:
/// `--header-row 3 --date-col A --amount-col D`, or the toml lines.
pub fn fix_lines(miss: &NearMiss, advice: &crate::advice::Advice) -> String {
    let row = u64::from(miss.row) + 1;
    let date = miss.date_column().map(column_name);
    let amount = miss.amount_column().map(column_name);
    let letter = |found: &Option<String>, placeholder: &str| {
        found.clone().unwrap_or_else(|| placeholder.to_string())
    };
    let (date, amount) = (letter(&date, "日期所在列"), letter(&amount, "金额所在列"));
    advice.how(
        &format!("用 --header-row {row} --date-col {date} --amount-col {amount} 指定"),
        &format!("header-row = {row}、date-col = \"{date}\"、amount-col = \"{amount}\""),
    )
}

#[cfg(test)]
mod tests;

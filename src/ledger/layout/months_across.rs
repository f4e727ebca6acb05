//! The months-across table: items down (often by economic classification, with
//! 类 rows over their 款 rows and 小计 rows), 1月…12月 across, a 合计 column
//! and a 合计 row. Its rows are read by [`crate::ledger::rows::months_across`].

use super::{header, normalize_header, HeaderView, Layout, LayoutKind, SheetLayout, Unit};
use crate::dates::parse_month_label;
use crate::read::cell::column_name;
use std::fmt;

/// Three or more month headers in a row (1月…12月, 一月…十二月) make a months-across table.
pub fn detect(view: &HeaderView<'_>) -> Option<LayoutKind> {
    if view.overrides.date_column.is_some() || view.overrides.amount_column.is_some() {
        return None;
    }
    let headers = view.headers;
    let mut month_columns: Vec<(u32, u32)> = headers
        .iter()
        .filter_map(|(c, text)| parse_month_label(&normalize_header(text)).map(|m| (*c, m)))
        .collect();
    if month_columns.len() < 3 {
        month_columns = spent_under_month_bands(view);
    }
    let mut months: Vec<u32> = month_columns.iter().map(|(_, m)| *m).collect();
    months.sort_unstable();
    months.dedup();
    if month_columns.len() < 3 || months.len() != month_columns.len() {
        return None;
    }
    let first = month_columns[0].0;
    let named = view
        .best(header::label_rank, &[])
        .filter(|c| *c < first)
        .or_else(|| {
            view.best(header::account_name_rank, &[])
                .filter(|c| *c < first)
        })
        .or_else(|| {
            headers
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| *c < first)
                .find(|c| {
                    header::account_code_rank(&normalize_header(&view.normalized(*c))).is_none()
                })
        })
        .or_else(|| headers.iter().map(|(c, _)| *c).find(|c| *c < first))
        .unwrap_or(0);
    let label_column = item_column(view, named, first);
    let total_column = headers
        .iter()
        .find(|(c, text)| *c > first && header::is_total_header(&normalize_header(text)))
        .map(|(c, _)| *c);
    Some(LayoutKind::MonthsAcross(MonthsAcross {
        label_column,
        month_columns,
        total_column,
    }))
}

/// Each month merged over its own columns (`1月` over `预算数 | 执行数`): the
/// column under each month band whose header says what was spent; the budget
/// beside it is never counted.
fn spent_under_month_bands(view: &HeaderView<'_>) -> Vec<(u32, u32)> {
    let mut found: Vec<(u32, u32)> = Vec::new();
    for (column, band) in view.groups {
        let Some(month) = parse_month_label(&normalize_header(band)) else {
            continue;
        };
        let spent = header::debit_rank(&view.normalized(*column)).is_some();
        if spent && !found.iter().any(|(_, m)| *m == month) {
            found.push((*column, month));
        }
    }
    found
}

/// The column that names each row's item. A statement by economic
/// classification often has its 类 in a column of its own, merged down beside
/// the 款 column (`工资福利支出` once, then `基本工资`, `津贴补贴` …), under one
/// header over both or none: the item column is the one right of `named`
/// (the column the header names) and left of the months whose cells hold
/// names on more of the rows below, so that a merged 类 cell is never taken
/// for the name of the 款 row it starts.
fn item_column(view: &HeaderView<'_>, named: u32, first_month: u32) -> u32 {
    let names_in = |column: u32| {
        view.below
            .iter()
            .filter(|row| {
                row.get(column).as_text().is_some_and(|text| {
                    let text = text.trim();
                    !text.is_empty()
                        && !text.chars().all(|c| c.is_ascii_digit() || c == '.')
                        && !header::is_bare_total(text)
                })
            })
            .count()
    };
    let is_code = |column: u32| header::account_code_rank(&view.normalized(column)).is_some();
    let mut best = (names_in(named), named);
    for column in named + 1..first_month {
        if is_code(column) {
            continue;
        }
        let count = names_in(column);
        if count > best.0 {
            best = (count, column);
        }
    }
    best.1
}

/// The columns of a months-across table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthsAcross {
    /// The column naming the item (项目 / 类别 / 科目).
    pub label_column: u32,
    /// (column, month) for each month column.
    pub month_columns: Vec<(u32, u32)>,
    /// A 合计 column, left out of the count and tied out.
    pub total_column: Option<u32>,
}

impl SheetLayout for MonthsAcross {
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        let first = self.month_columns.first().map_or(0, |(c, _)| *c);
        let last = self.month_columns.last().map_or(0, |(c, _)| *c);
        write!(
            f,
            "按月横排表；{header_rows}；项目列 {}，{} 个月份列 {}—{}",
            layout.describe_column(self.label_column),
            self.month_columns.len(),
            column_name(first),
            column_name(last)
        )?;
        if let Some(total) = self.total_column {
            write!(
                f,
                "，合计列 {} 不计入，用于勾稽",
                layout.describe_column(total)
            )?;
        }
        Ok(())
    }

    fn amount_column(&self) -> Option<u32> {
        None
    }

    fn default_unit(&self) -> Unit {
        Unit::Wan
    }

    fn rows_carry_year(&self) -> bool {
        false
    }
}

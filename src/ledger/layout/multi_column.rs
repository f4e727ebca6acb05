//! The 多栏账 (multi-column ledger): a journal whose right-hand band (借方金额分析,
//! 支出明细) splits each line's 借方 over economic items, one column each.
//!
//! The spending is 借方 (or, without a 借方 column, the band's row sum), never
//! one band column. The band gives each line's parts their classification;
//! every line's band sum is tied out against its 借方 (its rows are read by
//! [`crate::ledger::rows::multi_column`]).

use super::{
    header, journal, AmountColumns, DateColumns, HeaderView, Layout, LayoutKind, SheetLayout, Unit,
};
use crate::classify::{classify, OTHER};
use crate::ledger::lines::split_code;
use crate::read::cell::column_name;
use std::fmt;

/// The columns of a 多栏账.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiColumn {
    /// Where each row's month comes from.
    pub dates: DateColumns,
    /// 借方 (and 贷方), when the ledger has them beside the band.
    pub amount: Option<AmountColumns>,
    /// The band's columns with their headers (`30201 办公费`).
    pub band: Vec<(u32, String)>,
    /// The band's title (`借方金额分析`).
    pub band_title: String,
}

/// True for the title of an analysis band: `借方金额分析`, `支出明细` ….
pub fn is_band_title(text: &str) -> bool {
    text.contains("分析")
        || matches!(
            text,
            "支出明细" | "借方明细" | "费用明细" | "支出项目" | "明细项目" | "经济分类明细"
        )
}

/// A band column's header names an economic item: `30201 办公费`, `办公费`.
fn names_an_item(header: &str) -> bool {
    let (code, name) = split_code(header);
    code.is_some_and(|c| c.starts_with('3') && (3..=5).contains(&c.len()))
        || (!name.is_empty() && classify(2017, None, &name, "") != OTHER)
}

/// Detects a 多栏账: a band of two or more item columns under an analysis
/// title, or three or more columns headed by economic codes, beside dates.
pub fn detect(view: &HeaderView<'_>) -> Option<LayoutKind> {
    let titled: Vec<(u32, String)> = view
        .groups
        .iter()
        .filter(|(_, group)| is_band_title(&super::normalize_header(group)))
        .filter_map(|(c, _)| {
            let text = view.headers.iter().find(|(h, _)| h == c)?.1.clone();
            let normalized = super::normalize_header(&text);
            (!header::is_total_header(&normalized)).then_some((*c, text))
        })
        .collect();
    let band = if titled.len() >= 2 {
        titled
    } else {
        let coded: Vec<(u32, String)> = view
            .headers
            .iter()
            .filter(|(_, text)| {
                let (code, _) = split_code(text);
                code.is_some_and(|c| c.starts_with('3') && c.len() == 5)
            })
            .cloned()
            .collect();
        if coded.len() < 3 {
            return None;
        }
        coded
    };
    let items = band
        .iter()
        .filter(|(_, text)| names_an_item(&super::normalize_header(text)))
        .count();
    if items * 2 < band.len() {
        return None;
    }
    let band_columns: Vec<u32> = band.iter().map(|(c, _)| *c).collect();
    let mut taken = band_columns.clone();
    // A 合计 column inside the band is not an item.
    taken.extend(
        view.groups
            .iter()
            .filter(|(_, g)| is_band_title(&super::normalize_header(g)))
            .map(|(c, _)| *c),
    );
    let amount = view
        .overrides
        .amount_column
        .or_else(|| view.best(header::debit_rank, &taken))
        .filter(|c| header::is_debit_header(&view.normalized(*c)))
        .map(|debit| AmountColumns {
            debit,
            credit: view.best(header::credit_rank, &[debit]),
        });
    if let Some(amount) = amount {
        taken.push(amount.debit);
        taken.extend(amount.credit);
    }
    let dates = journal::date_columns(view, &taken)?;
    let band_title = band_columns
        .first()
        .map(|c| view.group(*c))
        .filter(|g| !g.is_empty())
        .unwrap_or_else(|| "经济分类栏".to_string());
    Some(LayoutKind::MultiColumn(MultiColumn {
        dates,
        amount,
        band,
        band_title,
    }))
}

impl SheetLayout for MultiColumn {
    /// `多栏账；第 4—5 行为表头；月 A（月），日 B（日），金额列 E（借方） 减 …；分析栏「借方金额分析」15 列 I—W`.
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        write!(f, "多栏账；{header_rows}；")?;
        journal::describe_dates(layout, &self.dates, f)?;
        write!(f, "，")?;
        match self.amount {
            Some(amount) => journal::describe_amount(layout, amount, f)?,
            None => write!(f, "金额为分析栏各列之和")?,
        }
        let first = self.band.first().map_or(0, |(c, _)| *c);
        let last = self.band.last().map_or(0, |(c, _)| *c);
        write!(
            f,
            "；分析栏「{}」{} 列 {}—{}，只用于经济分类和勾稽，不单独计入",
            self.band_title,
            self.band.len(),
            column_name(first),
            column_name(last)
        )
    }

    fn amount_column(&self) -> Option<u32> {
        self.amount.map(|a| a.debit)
    }

    fn default_unit(&self) -> Unit {
        Unit::Yuan
    }

    fn rows_carry_year(&self) -> bool {
        journal::dates_carry_year(&self.dates)
    }

    fn has_credit(&self, _other: &super::OtherColumns) -> bool {
        self.amount.is_some_and(|a| a.credit.is_some())
    }

    fn date_column(&self) -> Option<u32> {
        journal::date_column(&self.dates)
    }
}

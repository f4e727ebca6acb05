//! Layout detection: which row is the header, what each column means, in what
//! unit, for which year.
//!
//! Detection looks at the first [`HEADER_SCAN_ROWS`] rows of a sheet and
//! matches header words ([`header`]), never positions, so title rows above the
//! table do not matter. A header may span two rows (用友's `2017年` merged over
//! `月 | 日`). The result is a plain [`Layout`] value: printed to the user,
//! written into the report, overridable by flags, and checked by tests.

pub mod header;

use crate::dates::{find_year_in_text, parse_month_label};
use crate::read::cell::column_name;
use crate::read::Row;
use header::normalize_header;
use std::fmt;

/// How many rows from the top of a sheet are searched for the header.
pub const HEADER_SCAN_ROWS: usize = 30;

/// The unit amounts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 元 (yuan).
    Yuan,
    /// 万元 (ten thousand yuan), the unit of the budget and the report.
    Wan,
}

impl Unit {
    /// `元` or `万元`.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::Wan => "万元",
        }
    }
}

/// Where the unit was learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSource {
    /// The `--unit` flag.
    Flag,
    /// Text in the amount column's header, e.g. `金额（万元）`.
    Header(String),
    /// Text above the table, e.g. `单位：元`.
    Title(String),
    /// Nothing said; the layout's default (journal 元, monthly table 万元).
    Default,
}

/// Where a journal row's month comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateColumns {
    /// One column with full dates (日期, 记账日期 …).
    Date(u32),
    /// Separate 年 | 月 | 日 columns, or 月 | 日 with the year elsewhere.
    YearMonthDay {
        /// 年, when there is one.
        year: Option<u32>,
        /// 月.
        month: u32,
        /// 日, when there is one.
        day: Option<u32>,
    },
    /// An accounting period column (会计期间: 2017年1期, 2017.01).
    Period(u32),
    /// No date on the rows: the sheet is one month's (sheets named 1月, 2017-01 …).
    SheetMonth(u32),
}

/// The spending columns: a single amount, or 借方 with its 贷方.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountColumns {
    /// 金额 / 支出金额 / 借方 ….
    pub debit: u32,
    /// 贷方, paired with a 借方 column: a line's spending is 借方 − 贷方.
    pub credit: Option<u32>,
}

/// The layouts jixiao reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutKind {
    /// One row per voucher line.
    Journal {
        /// Where the month comes from.
        dates: DateColumns,
        /// The amount column(s).
        amount: AmountColumns,
    },
    /// One row per month (一月…十二月 or 1月…12月), like the seed's own table.
    MonthlyTable {
        /// The month column.
        month_column: u32,
        /// The amount column.
        amount_column: u32,
    },
    /// Categories down, months across (1月…12月 as columns).
    MonthsAcross {
        /// The column naming the category (项目 / 类别 / 科目).
        label_column: u32,
        /// (column, month) for each month column.
        month_columns: Vec<(u32, u32)>,
        /// A 合计 column, left out of the count.
        total_column: Option<u32>,
    },
}

/// Which column holds what, besides the date and amount.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherColumns {
    /// 科目编码 / 科目代码.
    pub account_code: Option<u32>,
    /// 科目名称 / 会计科目.
    pub account_name: Option<u32>,
    /// 摘要.
    pub summary: Option<u32>,
}

/// What detection found in one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The sheet's name.
    pub sheet: String,
    /// 0-based header row (the lower row of a two-row header).
    pub header_row: u32,
    /// True when the header spans this row and the one above.
    pub two_row_header: bool,
    /// The layout and its key columns.
    pub kind: LayoutKind,
    /// Account and description columns.
    pub other: OtherColumns,
    /// Header text of every column (merged over two rows when needed).
    pub headers: Vec<(u32, String)>,
    /// The unit of the amounts.
    pub unit: Unit,
    /// Where the unit came from.
    pub unit_source: UnitSource,
    /// A year named above the table, in the header, or in the sheet name (`2017年`).
    pub year_in_titles: Option<i32>,
    /// The text of the rows above the header (titles), for the report.
    pub title: String,
}

impl Layout {
    /// The header text of a column, or empty.
    pub fn header(&self, column: u32) -> &str {
        self.headers
            .iter()
            .find(|(c, _)| *c == column)
            .map_or("", |(_, text)| text.as_str())
    }

    fn describe_column(&self, column: u32) -> String {
        format!("{}（{}）", column_name(column), self.header(column))
    }

    /// The columns whose text can mark a row as a total: 摘要, the date
    /// columns and the label column (never account names like 累计折旧).
    pub fn marker_columns(&self) -> Vec<u32> {
        let mut columns: Vec<u32> = self.other.summary.into_iter().collect();
        match &self.kind {
            LayoutKind::Journal { dates, .. } => match dates {
                DateColumns::Date(c) | DateColumns::Period(c) => columns.push(*c),
                DateColumns::YearMonthDay { year, month, day } => {
                    columns.extend(year.iter().chain([month]).chain(day.iter()).copied())
                }
                DateColumns::SheetMonth(_) => {}
            },
            LayoutKind::MonthlyTable { month_column, .. } => columns.push(*month_column),
            LayoutKind::MonthsAcross { label_column, .. } => columns.push(*label_column),
        }
        columns
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "工作表「{}」，", self.sheet)?;
        let header_rows = if self.two_row_header {
            format!(
                "第 {}—{} 行为表头",
                self.header_row,
                u64::from(self.header_row) + 1
            )
        } else {
            format!("第 {} 行为表头", u64::from(self.header_row) + 1)
        };
        match &self.kind {
            LayoutKind::Journal { dates, amount } => {
                write!(f, "明细账（逐笔记录）；{header_rows}；")?;
                match dates {
                    DateColumns::Date(c) => write!(f, "日期列 {}", self.describe_column(*c))?,
                    DateColumns::YearMonthDay { year, month, day } => {
                        if let Some(year) = year {
                            write!(f, "年 {}，", self.describe_column(*year))?;
                        }
                        write!(f, "月 {}", self.describe_column(*month))?;
                        if let Some(day) = day {
                            write!(f, "，日 {}", self.describe_column(*day))?;
                        }
                    }
                    DateColumns::Period(c) => write!(f, "会计期间列 {}", self.describe_column(*c))?,
                    DateColumns::SheetMonth(month) => write!(f, "月份取自工作表名（{month} 月）")?,
                }
                write!(f, "，金额列 {}", self.describe_column(amount.debit))?;
                if let Some(credit) = amount.credit {
                    write!(f, " 减 贷方列 {}", self.describe_column(credit))?;
                }
            }
            LayoutKind::MonthlyTable {
                month_column,
                amount_column,
            } => write!(
                f,
                "月度汇总表；{header_rows}；月份列 {}，金额列 {}",
                self.describe_column(*month_column),
                self.describe_column(*amount_column)
            )?,
            LayoutKind::MonthsAcross {
                label_column,
                month_columns,
                total_column,
            } => {
                let first = month_columns.first().map_or(0, |(c, _)| *c);
                let last = month_columns.last().map_or(0, |(c, _)| *c);
                write!(
                    f,
                    "按月横排表；{header_rows}；项目列 {}，{} 个月份列 {}—{}",
                    self.describe_column(*label_column),
                    month_columns.len(),
                    column_name(first),
                    column_name(last)
                )?;
                if let Some(total) = total_column {
                    write!(f, "，合计列 {} 不计入", self.describe_column(*total))?;
                }
            }
        }
        if let Some(code) = self.other.account_code {
            write!(f, "，科目编码列 {}", self.describe_column(code))?;
        }
        if let Some(name) = self.other.account_name {
            write!(f, "，科目名称列 {}", self.describe_column(name))?;
        }
        let unit_source = match &self.unit_source {
            UnitSource::Flag => "由 --unit 指定".to_string(),
            UnitSource::Header(text) => format!("来自表头“{text}”"),
            UnitSource::Title(text) => format!("来自表格上方的“{text}”"),
            UnitSource::Default => match self.kind {
                LayoutKind::Journal { .. } => {
                    "表中未注明，按明细账默认为元；如不对请用 --unit 指定".to_string()
                }
                _ => "表中未注明，按汇总表默认为万元；如不对请用 --unit 指定".to_string(),
            },
        };
        write!(f, "；单位：{}（{}）", self.unit.label(), unit_source)
    }
}

/// What the user forced with flags, applied during detection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--unit`.
    pub unit: Option<Unit>,
    /// `--header-row` (0-based).
    pub header_row: Option<u32>,
    /// `--date-col` (0-based).
    pub date_column: Option<u32>,
    /// `--amount-col` (0-based).
    pub amount_column: Option<u32>,
}

/// Finds the layout of a sheet from its first rows, or `None` when no header
/// row with the needed columns is there. `sheet_month` is the month a sheet's
/// name stands for (`1月`, `2017-01`), for sheets without a date column.
pub fn detect(
    sheet: &str,
    first_rows: &[Row],
    sheet_month: Option<u32>,
    overrides: &Overrides,
) -> Option<Layout> {
    let scanned = &first_rows[..first_rows.len().min(HEADER_SCAN_ROWS)];
    for (position, row) in scanned.iter().enumerate() {
        if overrides
            .header_row
            .is_some_and(|wanted| wanted != row.index)
        {
            continue;
        }
        let above = position
            .checked_sub(1)
            .map(|p| &scanned[p])
            .filter(|r| r.index + 1 == row.index);
        let below = &first_rows[position + 1..];
        let single = header_texts(row, None);
        let found = classify(&single, below, sheet_month, overrides)
            .map(|kind| (kind, single.clone(), false))
            .or_else(|| {
                let merged = header_texts(row, Some(above?));
                classify(&merged, below, sheet_month, overrides).map(|kind| (kind, merged, true))
            });
        let Some(((kind, other), headers, two_row_header)) = found else {
            continue;
        };
        let titles: Vec<String> = scanned[..position].iter().map(Row::joined_text).collect();
        let title = titles.join(" ");
        let header_row_text = row.joined_text();
        let amount_header = match &kind {
            LayoutKind::Journal { amount, .. } => header_of(&headers, amount.debit),
            LayoutKind::MonthlyTable { amount_column, .. } => header_of(&headers, *amount_column),
            LayoutKind::MonthsAcross { .. } => String::new(),
        };
        let (unit, unit_source) = detect_unit(
            overrides.unit,
            &amount_header,
            &titles,
            &header_row_text,
            &kind,
        );
        let year_in_titles = find_year_in_text(&title)
            .or_else(|| find_year_in_text(&header_row_text))
            .or_else(|| find_year_in_text(sheet));
        return Some(Layout {
            sheet: sheet.to_string(),
            header_row: row.index,
            two_row_header,
            kind,
            other,
            headers,
            unit,
            unit_source,
            year_in_titles,
            title,
        });
    }
    None
}

/// The header texts of a row, each empty cell filled from the row above (merged headers).
fn header_texts(row: &Row, above: Option<&Row>) -> Vec<(u32, String)> {
    let mut texts: Vec<(u32, String)> = row
        .cells()
        .filter_map(|(c, v)| v.as_text().map(|t| (c, t.to_string())))
        .collect();
    if let Some(above) = above {
        for (column, value) in above.cells() {
            if let Some(text) = value.as_text() {
                if !texts.iter().any(|(c, _)| *c == column) {
                    texts.push((column, text.to_string()));
                }
            }
        }
        texts.sort_by_key(|(c, _)| *c);
    }
    texts
}

fn header_of(headers: &[(u32, String)], column: u32) -> String {
    headers
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, t)| t.clone())
        .unwrap_or_default()
}

/// The column whose header ranks best (lowest) under `rank`, not in `taken`.
fn best(headers: &[(u32, String)], rank: fn(&str) -> Option<u8>, taken: &[u32]) -> Option<u32> {
    headers
        .iter()
        .filter(|(c, _)| !taken.contains(c))
        .filter_map(|(c, text)| rank(&normalize_header(text)).map(|r| (r, *c)))
        .min()
        .map(|(_, c)| c)
}

/// Decides the layout from one header row's texts and the rows below it.
fn classify(
    headers: &[(u32, String)],
    below: &[Row],
    sheet_month: Option<u32>,
    overrides: &Overrides,
) -> Option<(LayoutKind, OtherColumns)> {
    let other = OtherColumns {
        account_code: best(headers, header::account_code_rank, &[]),
        account_name: best(headers, header::account_name_rank, &[]),
        summary: best(headers, header::summary_rank, &[]),
    };
    if let Some(kind) = months_across(headers, overrides) {
        return Some((kind, other));
    }
    let debit = overrides
        .amount_column
        .or_else(|| best(headers, header::debit_rank, &[]))?;
    let debit_header = normalize_header(&header_of(headers, debit));
    let credit = header::is_debit_header(&debit_header)
        .then(|| best(headers, header::credit_rank, &[debit]))
        .flatten();
    let amount = AmountColumns { debit, credit };
    let taken = [debit];
    let date = overrides
        .date_column
        .or_else(|| best(headers, header::date_rank, &taken));
    let month = best(headers, header::month_rank, &taken);
    let day = best(headers, header::day_rank, &taken);
    let year = best(headers, header::year_rank, &taken);
    let period = best(headers, header::period_rank, &taken);
    let dates = if let Some(date) = date {
        DateColumns::Date(date)
    } else if let Some(month) = month {
        if day.is_none() && year.is_none() && has_month_labels(below, month) {
            let kind = LayoutKind::MonthlyTable {
                month_column: month,
                amount_column: debit,
            };
            return Some((kind, other));
        }
        DateColumns::YearMonthDay { year, month, day }
    } else if let Some(period) = period {
        DateColumns::Period(period)
    } else if let Some(month) = sheet_month {
        DateColumns::SheetMonth(month)
    } else {
        return None;
    };
    Some((LayoutKind::Journal { dates, amount }, other))
}

/// Three or more month headers in a row (1月…12月, 一月…十二月) make a months-across table.
fn months_across(headers: &[(u32, String)], overrides: &Overrides) -> Option<LayoutKind> {
    if overrides.date_column.is_some() || overrides.amount_column.is_some() {
        return None;
    }
    let month_columns: Vec<(u32, u32)> = headers
        .iter()
        .filter_map(|(c, text)| parse_month_label(&normalize_header(text)).map(|m| (*c, m)))
        .collect();
    let mut months: Vec<u32> = month_columns.iter().map(|(_, m)| *m).collect();
    months.sort_unstable();
    months.dedup();
    if month_columns.len() < 3 || months.len() != month_columns.len() {
        return None;
    }
    let first = month_columns[0].0;
    let label_column = best(headers, header::label_rank, &[])
        .filter(|c| *c < first)
        .or_else(|| headers.iter().map(|(c, _)| *c).find(|c| *c < first))
        .unwrap_or(0);
    let total_column = headers
        .iter()
        .find(|(c, text)| *c > first && header::is_total_header(&normalize_header(text)))
        .map(|(c, _)| *c);
    Some(LayoutKind::MonthsAcross {
        label_column,
        month_columns,
        total_column,
    })
}

/// True when a month label (一月, 1月 …) stands in `column` of the rows below.
fn has_month_labels(rows_below: &[Row], column: u32) -> bool {
    rows_below
        .iter()
        .filter_map(|row| row.get(column).as_text())
        .any(|text| parse_month_label(text).is_some())
}

/// The unit from the flag, the amount header, the titles or the header row, else the default.
fn detect_unit(
    flag: Option<Unit>,
    amount_header: &str,
    titles: &[String],
    header_row_text: &str,
    kind: &LayoutKind,
) -> (Unit, UnitSource) {
    if let Some(unit) = flag {
        return (unit, UnitSource::Flag);
    }
    if let Some(unit) = unit_in_brackets(amount_header).or_else(|| unit_after_label(amount_header))
    {
        return (unit, UnitSource::Header(amount_header.to_string()));
    }
    for text in titles.iter().map(String::as_str).chain([header_row_text]) {
        if let Some(unit) = unit_after_label(text).or_else(|| unit_in_brackets(text)) {
            return (unit, UnitSource::Title(text.to_string()));
        }
    }
    match kind {
        LayoutKind::Journal { .. } => (Unit::Yuan, UnitSource::Default),
        _ => (Unit::Wan, UnitSource::Default),
    }
}

/// `金额（万元）`, `金额(元)`.
fn unit_in_brackets(text: &str) -> Option<Unit> {
    let folded = text.replace('（', "(").replace('）', ")").replace(' ', "");
    if folded.contains("(万元)") {
        Some(Unit::Wan)
    } else if folded.contains("(元)") {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// `单位：万元`, `单位:元`, `金额单位：元`.
fn unit_after_label(text: &str) -> Option<Unit> {
    let folded = text.replace(' ', "");
    let (_, after) = folded.split_once("单位")?;
    let after = after.trim_start_matches([':', '：']);
    if after.starts_with("万元") {
        Some(Unit::Wan)
    } else if after.starts_with('元') {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// The first text in `columns` of a row that marks it as a total or balance line.
pub fn summary_marker(row: &Row, columns: &[u32]) -> Option<String> {
    marker(row, columns, header::is_summary_text)
}

/// The first text in `columns` of a row that marks it as a year-end closing entry.
pub fn closing_marker(row: &Row, columns: &[u32]) -> Option<String> {
    marker(row, columns, header::is_closing_text)
}

fn marker(row: &Row, columns: &[u32], test: fn(&str) -> bool) -> Option<String> {
    let texts: Vec<&str> = if columns.is_empty() {
        row.cells().filter_map(|(_, v)| v.as_text()).collect()
    } else {
        columns
            .iter()
            .filter_map(|c| row.get(*c).as_text())
            .collect()
    };
    texts.into_iter().find(|t| test(t)).map(str::to_string)
}

#[cfg(test)]
mod tests;

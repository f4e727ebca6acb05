//! Layout detection: which row is the header, what each column means, in what
//! unit, for which year.
//!
//! Detection looks at the first [`HEADER_SCAN_ROWS`] rows of a sheet and
//! matches header words ([`header`]), never positions, so title rows above the
//! table do not matter. A header may span two rows (用友's `2017年` merged over
//! `月 | 日`). The result is a plain [`Layout`] value: printed to the user,
//! written into the report, overridable by flags, and checked by tests.

pub mod header;
pub mod journal;
pub mod monthly_table;
pub mod months_across;
pub mod multi_column;
pub mod near_miss;
pub mod trial_balance;

use crate::dates::find_year_in_text;
use crate::read::cell::column_name;
use crate::read::{CellValue, Row};
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
    /// Given as a setting (`--unit`, `unit = "元"`, 参数 单位).
    Flag,
    /// Text in the amount column's header, e.g. `金额（万元）`.
    Header(String),
    /// Text in the title block above the table or in another header cell,
    /// e.g. `金额单位：元`, with the cell it stands in (`明细账!H2`).
    Title {
        /// The cell's text.
        text: String,
        /// Where it stands, `sheet!cell`.
        cell: String,
    },
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
    /// Only a 日 column: each month's lines stand under a row that names the
    /// month (`一月份`, `2017年1月`), as hand-kept books are written.
    SectionMonth {
        /// 日.
        day: u32,
    },
}

/// The spending columns: a single amount, or 借方 with its 贷方.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountColumns {
    /// 金额 / 支出金额 / 借方 ….
    pub debit: u32,
    /// 贷方, paired with a 借方 column: a line's spending is 借方 − 贷方.
    pub credit: Option<u32>,
}

/// The layouts jixiao reads. Each is one file of this module: its columns,
/// its detection and its description ([`SheetLayout`]); its row parser is
/// the file of the same name in [`crate::ledger::rows`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutKind {
    /// One row per voucher line.
    Journal(journal::Journal),
    /// One row per month (一月…十二月 or 1月…12月), like the seed's own table.
    MonthlyTable(monthly_table::MonthlyTable),
    /// Items down, months across (1月…12月 as columns).
    MonthsAcross(months_across::MonthsAcross),
    /// 多栏账: a journal whose analysis band splits each line's 借方 by economic item.
    MultiColumn(multi_column::MultiColumn),
    /// 科目余额表 / 发生额及余额表: one row per account with its period's 借方 / 贷方.
    TrialBalance(trial_balance::TrialBalance),
}

impl LayoutKind {
    /// The layout's own reading rules (what its columns mean, its default
    /// unit, how it is described); the only `match` over the layouts. Not to
    /// be confused with grading's [`crate::rules::Rules`].
    pub(super) fn sheet_layout(&self) -> &dyn SheetLayout {
        match self {
            LayoutKind::Journal(kind) => kind,
            LayoutKind::MonthlyTable(kind) => kind,
            LayoutKind::MonthsAcross(kind) => kind,
            LayoutKind::MultiColumn(kind) => kind,
            LayoutKind::TrialBalance(kind) => kind,
        }
    }
}

/// What each layout says of itself, in its own file.
pub(super) trait SheetLayout {
    /// Describes the layout's columns after `header_rows` (`第 4 行为表头`).
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result;
    /// The column whose header may name the unit (`金额（万元）`).
    fn amount_column(&self) -> Option<u32>;
    /// The unit when nothing names one: 元 for books of lines, 万元 for tables.
    fn default_unit(&self) -> Unit;
    /// True when each row carries its year (a date column); else the year comes
    /// from the sheet's name, its titles or `--year`.
    fn rows_carry_year(&self) -> bool;
    /// A year the layout found itself (a trial balance's period in its title).
    fn title_year(&self) -> Option<i32> {
        None
    }
    /// True when its totals have a 贷方 side to tie out as well.
    fn has_credit(&self, _other: &OtherColumns) -> bool {
        false
    }
    /// The column a row's date stands in, for messages.
    fn date_column(&self) -> Option<u32> {
        None
    }
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
    /// 凭证号.
    pub voucher: Option<u32>,
    /// 对方科目.
    pub counter_account: Option<u32>,
    /// A running 余额.
    pub balance: Option<u32>,
    /// The line's own economic classification (经济分类, 辅助核算).
    pub classification: Option<u32>,
    /// 借贷方向 beside a single amount column: a 贷 line's amount is a credit.
    pub direction: Option<u32>,
    /// The voucher's status (凭证状态, 作废标志, 是否作废 …): a voided voucher's
    /// lines were never booked and are left out.
    pub status: Option<u32>,
}

impl OtherColumns {
    /// Finds the columns by their headers.
    fn find(headers: &[(u32, String)]) -> Self {
        Self {
            account_code: best(headers, header::account_code_rank, &[]),
            account_name: best(headers, header::account_name_rank, &[]),
            summary: best(headers, header::summary_rank, &[]),
            voucher: best(headers, header::voucher_rank, &[]),
            counter_account: best(headers, header::counter_account_rank, &[]),
            balance: best(headers, header::balance_rank, &[]),
            classification: best(headers, header::classification_rank, &[]),
            // A bare 方向 beside a 余额 is the balance's direction, not the line's.
            direction: best(headers, header::direction_rank, &[]).filter(|c| {
                header::direction_rank(&normalize_header(&header_of(headers, *c))) == Some(0)
                    || best(headers, header::balance_rank, &[]).is_none()
            }),
            status: best(headers, header::voucher_status_rank, &[]),
        }
    }

    /// True when the row has text in none of 摘要, 凭证号 and the account columns,
    /// while the sheet has at least one of them: a row with only figures.
    pub fn row_is_wordless(&self, row: &Row) -> bool {
        let columns: Vec<u32> = [
            self.summary,
            self.voucher,
            self.account_code,
            self.account_name,
        ]
        .into_iter()
        .flatten()
        .collect();
        !columns.is_empty() && columns.iter().all(|c| row.get(*c).is_empty())
    }
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
    /// For a two-row header, the band over each lower header (`本期发生额` over
    /// `借方`, `借方金额分析` over `30201 办公费`).
    pub groups: Vec<(u32, String)>,
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

    /// `F（借方）`: a column's letter and header, for descriptions.
    pub fn describe_column(&self, column: u32) -> String {
        format!("{}（{}）", column_name(column), self.header(column))
    }

    /// The columns whose text marks a row as a total only when it is a bare
    /// total word, and never as a closing entry: account names (累计折旧,
    /// 财政拨款结转) and classification names. Every other text cell of a row
    /// may (序号, 日期, 科目编码, 摘要 …).
    pub fn marker_exclusions(&self) -> Vec<u32> {
        [
            self.other.account_name,
            self.other.counter_account,
            self.other.classification,
        ]
        .into_iter()
        .flatten()
        .collect()
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
        self.kind.sheet_layout().describe(self, &header_rows, f)?;
        if let Some(code) = self.other.account_code {
            write!(f, "，科目编码列 {}", self.describe_column(code))?;
        }
        if let Some(name) = self.other.account_name {
            write!(f, "，科目名称列 {}", self.describe_column(name))?;
        }
        if let Some(status) = self.other.status {
            write!(
                f,
                "，凭证状态列 {}（写“作废”“已删除”的凭证未记账，不计入）",
                self.describe_column(status)
            )?;
        }
        let unit_source = match &self.unit_source {
            UnitSource::Flag => "由设置指定".to_string(),
            UnitSource::Header(text) => format!("来自表头“{text}”"),
            UnitSource::Title { text, cell } => format!("来自 {cell} 的“{text}”"),
            UnitSource::Default => match self.unit {
                Unit::Yuan => "表中未注明，按明细账默认为元".to_string(),
                Unit::Wan => "表中未注明，按汇总表默认为万元".to_string(),
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

/// What a detector sees of one candidate header row.
pub struct HeaderView<'a> {
    /// Header text of every column (the lower row's, else the upper row's).
    pub headers: &'a [(u32, String)],
    /// The band over each lower header of a two-row header (empty for one row).
    pub groups: &'a [(u32, String)],
    /// The rows below the header among the first rows read.
    pub below: &'a [Row],
    /// The month a sheet's name stands for (`1月`, `2017-01`).
    pub sheet_month: Option<u32>,
    /// What the user forced.
    pub overrides: &'a Overrides,
    /// The text above the header (titles), joined.
    pub title: &'a str,
}

impl HeaderView<'_> {
    /// The best column for `rank`, not in `taken`.
    pub fn best(&self, rank: fn(&str) -> Option<u8>, taken: &[u32]) -> Option<u32> {
        best(self.headers, rank, taken)
    }

    /// A column's normalized header.
    pub fn normalized(&self, column: u32) -> String {
        normalize_header(&header_of(self.headers, column))
    }

    /// A column's band (upper header), normalized, or empty.
    pub fn group(&self, column: u32) -> String {
        normalize_header(&header_of(self.groups, column))
    }
}

/// Each layout's detector, most specific first: a months-across table, a trial
/// balance, a 多栏账, a monthly table, then the journal that takes what is left.
const DETECTORS: [fn(&HeaderView<'_>) -> Option<LayoutKind>; 5] = [
    months_across::detect,
    trial_balance::detect,
    multi_column::detect,
    monthly_table::detect,
    journal::detect,
];

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
        let titles: Vec<String> = scanned[..position].iter().map(Row::joined_text).collect();
        let title = titles.join(" ");
        let try_headers = |headers: &[(u32, String)], groups: &[(u32, String)]| {
            let view = HeaderView {
                headers,
                groups,
                below,
                sheet_month,
                overrides,
                title: &title,
            };
            DETECTORS.iter().find_map(|detect| detect(&view))
        };
        if below
            .first()
            .is_some_and(|next| next.index == row.index + 1 && is_sub_header(next))
        {
            // The upper row of a two-row header: read together with the next row.
            continue;
        }
        let single = header_texts(row, None);
        let one_row =
            || try_headers(&single, &[]).map(|kind| (kind, single.clone(), Vec::new(), false));
        let two_rows = || {
            let above = above?;
            let merged = header_texts(row, Some(above));
            let groups = header_groups(row, above);
            try_headers(&merged, &groups).map(|kind| (kind, merged, groups, true))
        };
        // Band titles above (借方金额分析, 本期发生额) mean the lower row's words
        // (借方, 办公费) are not the whole header: read both rows first.
        let found = if above.is_some_and(has_band_titles) {
            two_rows().or_else(one_row)
        } else {
            one_row().or_else(two_rows)
        };
        let Some((kind, headers, groups, two_row_header)) = found else {
            continue;
        };
        let other = OtherColumns::find(&headers);
        let header_row_text = row.joined_text();
        let amount_header = kind
            .sheet_layout()
            .amount_column()
            .map(|c| header_of(&headers, c))
            .unwrap_or_default();
        let (unit, unit_source) = detect_unit(
            overrides.unit,
            &amount_header,
            sheet,
            &scanned[..position],
            row,
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
            groups,
            unit,
            unit_source,
            year_in_titles,
            title,
        });
    }
    None
}

/// True when a row holds band titles (`借方金额分析`, `本期发生额`) over a second header row.
fn has_band_titles(row: &Row) -> bool {
    row.cells()
        .filter_map(|(_, v)| v.as_text())
        .map(normalize_header)
        .any(|t| multi_column::is_band_title(&t) || trial_balance::is_period_band(&t))
}

/// A second header row under bands: text only, with 借方 / 贷方 under two or
/// more bands (`期初余额 | 本期发生额` over `借方 | 贷方 | 借方 | 贷方`), or the
/// parts of a date under a merged `日期` (`月 | 日`, `年 | 月 | 日`).
fn is_sub_header(row: &Row) -> bool {
    let all_text = row.cells().all(|(_, v)| v.as_text().is_some());
    let sides = row
        .cells()
        .filter_map(|(_, v)| v.as_text())
        .map(normalize_header)
        .filter(|t| {
            matches!(
                t.as_str(),
                "借方" | "贷方" | "借" | "贷" | "借方金额" | "贷方金额"
            )
        })
        .count();
    // `日期` merged over `月 | 日` (or `年 | 月 | 日`): the date's parts.
    let texts: Vec<String> = row
        .cells()
        .filter_map(|(_, v)| v.as_text())
        .map(normalize_header)
        .collect();
    let date_parts = texts.iter().any(|t| t == "月") && texts.iter().any(|t| t == "日");
    // `预算数 | 执行数` repeated under each month band.
    let mut distinct = texts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let repeated_pairs = texts.len() >= 6 && distinct.len() * 2 <= texts.len();
    all_text && (sides >= 3 || (date_parts && texts.len() <= 3) || repeated_pairs)
}

/// The header texts of a row, each empty cell filled from the row above (merged headers).
fn header_texts(row: &Row, above: Option<&Row>) -> Vec<(u32, String)> {
    let mut texts: Vec<(u32, String)> = row
        .cells()
        .filter_map(|(c, v)| header_cell_text(v).map(|t| (c, t)))
        .collect();
    if let Some(above) = above {
        for (column, value) in above.cells() {
            if let Some(text) = header_cell_text(value) {
                if !texts.iter().any(|(c, _)| *c == column) {
                    texts.push((column, text));
                }
            }
        }
        texts.sort_by_key(|(c, _)| *c);
    }
    texts
}

/// A header cell's text; an economic code written as a number (30201) counts as text.
fn header_cell_text(value: &CellValue) -> Option<String> {
    match value {
        CellValue::Text(text) => Some(text.clone()),
        CellValue::Number(n) if n.fract() == 0.0 && (100.0..1e9).contains(n) => {
            Some(format!("{}", *n as u64))
        }
        _ => None,
    }
}

/// The band over each lower header of a two-row header: an upper cell's text
/// carries right over the lower headers below it until the next upper text or
/// a column whose header stands in the upper row only (merged down).
fn header_groups(row: &Row, above: &Row) -> Vec<(u32, String)> {
    let mut groups = Vec::new();
    let mut band: Option<String> = None;
    let last = row
        .cells()
        .map(|(c, _)| c)
        .chain(above.cells().map(|(c, _)| c))
        .max()
        .unwrap_or(0);
    for column in 0..=last.min(crate::read::MAX_COLUMNS) {
        let upper = header_cell_text(above.get(column));
        let lower = header_cell_text(row.get(column));
        match (upper, lower) {
            (Some(upper), Some(_)) => {
                band = Some(upper.clone());
                groups.push((column, upper));
            }
            (Some(_), None) => band = None,
            (None, Some(_)) => {
                if let Some(band) = &band {
                    groups.push((column, band.clone()));
                }
            }
            (None, None) => {}
        }
    }
    groups
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

/// The unit from the flag, the amount header, the header row or the title
/// block (the rows above the header, any cell), else the layout's default.
fn detect_unit(
    flag: Option<Unit>,
    amount_header: &str,
    sheet: &str,
    title_rows: &[Row],
    header_row: &Row,
    kind: &LayoutKind,
) -> (Unit, UnitSource) {
    if let Some(unit) = flag {
        return (unit, UnitSource::Flag);
    }
    if let Some(unit) = unit_in_brackets(amount_header).or_else(|| unit_after_label(amount_header))
    {
        return (unit, UnitSource::Header(amount_header.to_string()));
    }
    // The title block from the top, then the other header cells (`单位：元`
    // in the last one); each cell on its own, so that the place can be named.
    for row in title_rows.iter().chain(std::iter::once(header_row)) {
        for (column, value) in row.cells() {
            let Some(text) = value.as_text() else {
                continue;
            };
            if let Some(unit) = unit_stated(text) {
                return (
                    unit,
                    UnitSource::Title {
                        text: text.trim().to_string(),
                        cell: crate::read::cell::cell_address(sheet, row.index, column),
                    },
                );
            }
        }
    }
    (kind.sheet_layout().default_unit(), UnitSource::Default)
}

/// A unit stated in a text: `单位：元`, `金额单位：万元`, `（单位：元）`,
/// `金额(万元)`, `（元）`.
pub fn unit_stated(text: &str) -> Option<Unit> {
    unit_after_label(text).or_else(|| unit_in_brackets(text))
}

/// Removes the spaces (ASCII and full-width) a title pads itself with.
fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `金额（万元）`, `金额(元)`, `（元）`, `[元]`, `【万元】`, `金额/元`.
fn unit_in_brackets(text: &str) -> Option<Unit> {
    let folded = without_spaces(text)
        .replace(['（', '[', '【'], "(")
        .replace(['）', ']', '】'], ")");
    if folded.contains("(万元)") || folded.contains("(人民币万元)") || folded.ends_with("/万元")
    {
        Some(Unit::Wan)
    } else if folded.contains("(元)") || folded.contains("(人民币元)") || folded.ends_with("/元")
    {
        Some(Unit::Yuan)
    } else {
        None
    }
}

/// `单位：万元`, `单位:元`, `单　位：元`, `金额单位：人民币元`, and the second
/// label of `编制单位：某局  单位：元` (every 单位 is looked at, not only the
/// first). The unit must end there: `单位：元宝山区财政局` names no unit.
fn unit_after_label(text: &str) -> Option<Unit> {
    let chars: Vec<char> = text.chars().collect();
    let is_space = |c: char| c.is_whitespace();
    (0..chars.len()).find_map(|at| {
        if chars[at] != '单' {
            return None;
        }
        let mut next = at + 1;
        while chars.get(next).is_some_and(|c| is_space(*c)) {
            next += 1;
        }
        if chars.get(next) != Some(&'位') {
            return None;
        }
        let rest: String = chars[next + 1..].iter().collect();
        let rest = rest
            .trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '：' | '为'))
            .trim_start_matches("人民币");
        let (unit, after) = if let Some(after) = rest.strip_prefix("万元") {
            (Unit::Wan, after)
        } else if let Some(after) = rest.strip_prefix('元') {
            (Unit::Yuan, after)
        } else {
            return None;
        };
        let ends = after.chars().next().is_none_or(|c| {
            is_space(c)
                || matches!(
                    c,
                    ')' | '）' | ']' | '】' | ',' | '，' | ';' | '；' | '、' | '.' | '。' | '/'
                )
        });
        ends.then_some(unit)
    })
}

/// The first text cell of a row that marks it as a total or balance line, with
/// its kind. In `excluded` columns (account names, where 累计折旧 is a name)
/// only a bare total word counts (`合计`, `本月合计`).
pub fn total_marker(row: &Row, excluded: &[u32]) -> Option<(header::TotalKind, String)> {
    row.cells()
        .filter_map(|(c, v)| v.as_text().map(|t| (c, t)))
        .filter(|(c, t)| !excluded.contains(c) || header::is_bare_total(t))
        .find_map(|(_, t)| header::total_kind(t).map(|kind| (kind, t.to_string())))
}

/// A row that names the month of the lines below it — `一月份`, `1月`,
/// `2017年1月`, `【二月】` alone on its row, with no figure — with its year
/// when it names one.
pub fn month_title(row: &Row) -> Option<(String, Option<i32>, u32)> {
    let mut texts = row.cells().filter(|(_, v)| !v.is_empty());
    let (_, only) = texts.next()?;
    if texts.next().is_some() {
        return None;
    }
    let text = only.as_text()?;
    let label = text
        .trim()
        .trim_matches(['【', '】', '[', ']', '(', ')', '（', '）', ':', '：'])
        .trim_end_matches("支出")
        .trim_end_matches("明细");
    let month = crate::dates::parse_month_label(label)?;
    let year = label
        .split_once('年')
        .and_then(|(year, _)| year.trim().parse::<i32>().ok())
        .filter(|year| (1990..=2100).contains(year));
    Some((text.to_string(), year, month))
}

/// The first text of a row that marks it as a total or balance line.
pub fn summary_marker(row: &Row, excluded: &[u32]) -> Option<String> {
    total_marker(row, excluded).map(|(_, text)| text)
}

/// The first text of a row, outside `excluded` columns, that marks it as a closing entry.
pub fn closing_marker(row: &Row, excluded: &[u32]) -> Option<String> {
    row.cells()
        .filter(|(c, _)| !excluded.contains(c))
        .filter_map(|(_, v)| v.as_text())
        .find(|t| header::is_closing_text(t))
        .map(str::to_string)
}

#[cfg(test)]
mod tests;

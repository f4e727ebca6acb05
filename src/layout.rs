//! Layout detection: which row is the header, which column holds the date (or
//! the month) and which the amount, in what unit, for which year.
//!
//! Detection looks at the first [`HEADER_SCAN_ROWS`] rows of a sheet and
//! matches header words, never positions, so title rows above the table do not
//! matter. The result is a plain [`Layout`] value: printed to the user, written
//! into the report, and checked by tests.

use crate::dates::{find_year_in_text, parse_month_label};
use crate::read::cell::column_name;
use crate::read::{CellValue, Row};
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

/// The two layouts the foundation reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutKind {
    /// One row per voucher line with a date column.
    Journal {
        /// 0-based date column.
        date_column: u32,
    },
    /// One row per month (一月…十二月 or 1月…12月), like the seed's own table.
    MonthlyTable {
        /// 0-based month column.
        month_column: u32,
    },
}

/// What detection found in one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The sheet's name.
    pub sheet: String,
    /// 0-based header row.
    pub header_row: u32,
    /// Journal or monthly table, with its date / month column.
    pub kind: LayoutKind,
    /// 0-based amount column.
    pub amount_column: u32,
    /// The header text of the date / month column.
    pub key_header: String,
    /// The header text of the amount column.
    pub amount_header: String,
    /// The unit of the amount column.
    pub unit: Unit,
    /// Where the unit came from.
    pub unit_source: UnitSource,
    /// A year named above the table, in the header, or in the sheet name (`2017年`).
    pub year_in_titles: Option<i32>,
    /// The text of the rows above the header (titles), for the report.
    pub title: String,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, key_column) = match self.kind {
            LayoutKind::Journal { date_column } => ("明细账（逐笔记录）", date_column),
            LayoutKind::MonthlyTable { month_column } => ("月度汇总表", month_column),
        };
        let key_role = match self.kind {
            LayoutKind::Journal { .. } => "日期列",
            LayoutKind::MonthlyTable { .. } => "月份列",
        };
        let unit_source = match &self.unit_source {
            UnitSource::Flag => "由 --unit 指定".to_string(),
            UnitSource::Header(text) => format!("来自表头“{text}”"),
            UnitSource::Title(text) => format!("来自表格上方的“{text}”"),
            UnitSource::Default => match self.kind {
                LayoutKind::Journal { .. } => {
                    "表中未注明，按明细账默认为元；如不对请用 --unit 指定".to_string()
                }
                LayoutKind::MonthlyTable { .. } => {
                    "表中未注明，按月度表默认为万元；如不对请用 --unit 指定".to_string()
                }
            },
        };
        write!(
            f,
            "工作表「{}」，{}；第 {} 行为表头；{} {}（{}），金额列 {}（{}）；单位：{}（{}）",
            self.sheet,
            kind,
            u64::from(self.header_row) + 1,
            key_role,
            column_name(key_column),
            self.key_header,
            column_name(self.amount_column),
            self.amount_header,
            self.unit.label(),
            unit_source
        )
    }
}

/// Finds the layout of a sheet from its first rows, or `None` when no header
/// row with the needed columns is there.
pub fn detect(sheet: &str, first_rows: &[Row], unit_flag: Option<Unit>) -> Option<Layout> {
    let scanned = &first_rows[..first_rows.len().min(HEADER_SCAN_ROWS)];
    for (position, row) in scanned.iter().enumerate() {
        let Some(amount_column) = best_column(row, amount_rank) else {
            continue;
        };
        let date_column = best_column(row, date_rank).filter(|c| *c != amount_column);
        let month_column = best_column(row, month_rank)
            .filter(|c| *c != amount_column)
            .filter(|c| has_month_labels(&first_rows[position + 1..], *c));
        let kind = match (date_column, month_column) {
            (Some(date_column), _) => LayoutKind::Journal { date_column },
            (None, Some(month_column)) => LayoutKind::MonthlyTable { month_column },
            (None, None) => continue,
        };
        let key_column = match kind {
            LayoutKind::Journal { date_column } => date_column,
            LayoutKind::MonthlyTable { month_column } => month_column,
        };
        let header_text = |column| row.get(column).as_text().unwrap_or_default().to_string();
        let titles: Vec<String> = scanned[..position].iter().map(Row::joined_text).collect();
        let title = titles.join(" ");
        let amount_header = header_text(amount_column);
        let (unit, unit_source) = detect_unit(
            unit_flag,
            &amount_header,
            &titles,
            &row.joined_text(),
            &kind,
        );
        let year_in_titles = find_year_in_text(&title)
            .or_else(|| find_year_in_text(&row.joined_text()))
            .or_else(|| find_year_in_text(sheet));
        return Some(Layout {
            sheet: sheet.to_string(),
            header_row: row.index,
            kind,
            amount_column,
            key_header: header_text(key_column),
            amount_header,
            unit,
            unit_source,
            year_in_titles,
            title,
        });
    }
    None
}

/// Header text without white space, unit in parentheses, or full-width brackets.
fn normalize_header(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    match folded.find('(') {
        Some(open) if folded.ends_with(')') => folded[..open].to_string(),
        _ => folded,
    }
}

/// The column of a header row whose text ranks best (lowest) under `rank`.
fn best_column(row: &Row, rank: fn(&str) -> Option<u8>) -> Option<u32> {
    row.cells()
        .filter_map(|(column, value)| {
            let text = value.as_text()?;
            rank(&normalize_header(text)).map(|r| (r, column))
        })
        .min()
        .map(|(_, column)| column)
}

const DATE_HEADERS: [&str; 10] = [
    "日期",
    "记账日期",
    "制单日期",
    "凭证日期",
    "业务日期",
    "发生日期",
    "交易日期",
    "支出日期",
    "入账日期",
    "支付日期",
];

fn date_rank(header: &str) -> Option<u8> {
    if DATE_HEADERS.contains(&header) {
        Some(0)
    } else if header.ends_with("日期") && !header.contains("到期") {
        Some(1)
    } else {
        None
    }
}

fn amount_rank(header: &str) -> Option<u8> {
    const NOT_SPENDING: [&str; 9] = [
        "贷方", "余额", "预算", "单价", "数量", "税", "累计", "合计", "比",
    ];
    if NOT_SPENDING.iter().any(|word| header.contains(word)) {
        return None;
    }
    match header {
        "支出金额" | "支出数" | "实际支出" | "支出" | "支出额" => Some(0),
        "借方金额" | "借方" | "借方发生额" | "本期借方" | "借方本位币" | "借方发生" => {
            Some(1)
        }
        "金额" | "发生额" | "本期发生额" | "发生金额" => Some(2),
        _ if header.ends_with("金额") || header.ends_with("支出") => Some(3),
        _ => None,
    }
}

fn month_rank(header: &str) -> Option<u8> {
    match header {
        "月份" => Some(0),
        "月" | "期间" | "会计期间" => Some(1),
        _ => None,
    }
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
        if let Some(unit) = unit_after_label(text) {
            return (unit, UnitSource::Title(text.to_string()));
        }
    }
    match kind {
        LayoutKind::Journal { .. } => (Unit::Yuan, UnitSource::Default),
        LayoutKind::MonthlyTable { .. } => (Unit::Wan, UnitSource::Default),
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

/// True when a cell's text says the row is a total, not a transaction: it starts
/// with a summary word (`本月合计`, `期初余额`, `过次页` …) or ends with
/// 合计 / 小计 / 累计 / 总计 (`一月份合计`). A voucher line that merely mentions a
/// total in the middle (`报销差旅费合计3人`) is a transaction.
pub fn is_summary_text(text: &str) -> bool {
    /// Words a total or carried-forward line starts with.
    const LEADING: [&str; 10] = [
        "合计",
        "小计",
        "总计",
        "累计",
        "期初",
        "期末",
        "承前页",
        "过次页",
        "上年结转",
        "结转下年",
    ];
    /// Period totals start with a period and name a sum: 本月合计, 本期发生额, 本年累计.
    const PERIODS: [&str; 3] = ["本月", "本期", "本年"];
    const SUMS: [&str; 3] = ["合计", "累计", "发生额"];
    /// Words a subtotal ends with: 一月份合计.
    const TRAILING: [&str; 4] = ["合计", "小计", "累计", "总计"];
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let period_total =
        PERIODS.iter().any(|p| folded.starts_with(p)) && SUMS.iter().any(|w| folded.contains(w));
    period_total
        || LEADING.iter().any(|w| folded.starts_with(w))
        || TRAILING.iter().any(|w| folded.ends_with(w))
}

/// The first cell of a row whose text marks it as a total, if any.
pub fn summary_marker(row: &Row) -> Option<String> {
    row.cells()
        .filter_map(|(_, value)| match value {
            CellValue::Text(text) if is_summary_text(text) => Some(text.clone()),
            _ => None,
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_row(index: u32, cells: &[&str]) -> Row {
        Row::from_cells(
            index,
            cells
                .iter()
                .enumerate()
                .map(|(c, t)| (c as u32, CellValue::text(t))),
        )
    }

    #[test]
    fn finds_a_journal_below_title_rows() {
        let rows = vec![
            text_row(0, &["州政务服务管理局2017年度支出明细账"]),
            text_row(1, &["单位：元"]),
            text_row(3, &["日期", "凭证号", "科目", "摘要", "金额"]),
        ];
        let layout = detect("明细账", &rows, None).unwrap();
        assert_eq!(layout.header_row, 3);
        assert_eq!(layout.kind, LayoutKind::Journal { date_column: 0 });
        assert_eq!(layout.amount_column, 4);
        assert_eq!(layout.unit, Unit::Yuan);
        assert_eq!(layout.unit_source, UnitSource::Title("单位：元".into()));
        assert_eq!(layout.year_in_titles, Some(2017));
        assert!(layout.to_string().contains("第 4 行为表头"));
    }

    #[test]
    fn prefers_debit_over_credit_and_balance() {
        let rows = vec![text_row(
            0,
            &["记账日期", "摘要", "贷方金额", "借方金额", "余额"],
        )];
        let layout = detect("s", &rows, None).unwrap();
        assert_eq!(layout.amount_column, 3);
        assert_eq!(layout.unit_source, UnitSource::Default);
    }

    #[test]
    fn finds_the_seed_monthly_table() {
        let rows = vec![
            text_row(0, &["2017年1—8月资金支出情况"]),
            text_row(1, &["月份", "支出金额", "绩效等级", "情况分析"]),
            text_row(2, &["一月", "26.54", "优秀"]),
        ];
        let layout = detect("Sheet1", &rows, None).unwrap();
        assert_eq!(layout.kind, LayoutKind::MonthlyTable { month_column: 0 });
        assert_eq!(layout.amount_column, 1);
        assert_eq!(
            (layout.unit, layout.unit_source.clone()),
            (Unit::Wan, UnitSource::Default)
        );
        assert_eq!(layout.year_in_titles, Some(2017));
    }

    #[test]
    fn unit_comes_from_the_amount_header_or_the_flag() {
        let rows = vec![text_row(0, &["日期", "金额（万元）"])];
        let layout = detect("s", &rows, None).unwrap();
        assert_eq!(layout.unit, Unit::Wan);
        assert_eq!(
            layout.unit_source,
            UnitSource::Header("金额（万元）".into())
        );
        let flagged = detect("s", &rows, Some(Unit::Yuan)).unwrap();
        assert_eq!(
            (flagged.unit, flagged.unit_source),
            (Unit::Yuan, UnitSource::Flag)
        );
    }

    #[test]
    fn no_header_means_no_layout() {
        let rows = vec![
            text_row(0, &["姓名", "电话"]),
            text_row(1, &["张三", "123"]),
        ];
        assert_eq!(detect("s", &rows, None), None);
        // A month header with no month below it is not a monthly table.
        let rows = vec![text_row(0, &["月份", "支出金额"]), text_row(1, &["x", "1"])];
        assert_eq!(detect("s", &rows, None), None);
    }

    #[test]
    fn summary_rows_are_recognised() {
        for text in ["本月合计", "本 年 累 计", "期初余额", "过次页", "小计"] {
            assert!(is_summary_text(text), "{text}");
        }
        assert!(is_summary_text("一月份合计"));
        assert!(is_summary_text("本期发生额"));
        assert!(!is_summary_text("办公费"));
        assert!(!is_summary_text("报销差旅费合计3人"));
        assert!(!is_summary_text("本月差旅费"));
    }
}

//! The months-across table: items down (often by economic classification, with
//! 类 rows over their 款 rows and 小计 rows), 1月…12月 across, a 合计 column
//! and a 合计 row.
//!
//! Each amount is counted once: a 类 row whose 款 rows follow it is their sum
//! and is left out (tied out against them); 小计 and 合计 rows are left out;
//! the 合计 column is tied out against each row's months, and the 合计 row
//! against each month's counted total.

use super::{header, normalize_header, HeaderView, Layout, LayoutKind, SheetLayout, Unit};
use crate::classify::CATEGORIES;
use crate::dates::parse_month_label;
use crate::ledger::accounts::AccountTable;
use crate::ledger::rows::{read_amount, RowParser};
use crate::ledger::split_code;
use crate::ledger::tieout::TieOut;
use crate::ledger::{Account, SkipReason};
use crate::read::cell::{cell_address, column_name};
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
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

    fn parse(&self, parser: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        parse(
            parser,
            row,
            self.label_column,
            &self.month_columns,
            self.total_column,
            accounts,
        );
    }

    fn finish(&self, parser: &mut RowParser, accounts: &AccountTable) {
        finish(parser, accounts, &self.month_columns);
    }
}

/// Parses one item row: each month cell is a counted amount (or, on a total
/// row, the book's figure for the month); the 合计 cell is tied out.
fn parse(
    parser: &mut RowParser,
    row: &Row,
    label_column: u32,
    month_columns: &[(u32, u32)],
    total_column: Option<u32>,
    accounts: &mut AccountTable,
) {
    // A progress statement's other rows (预算数, 累计支出, 执行率) are no spending,
    // and no totals of it either.
    let label_column = row_label_column(row, label_column);
    let measure = row
        .get(label_column)
        .as_text()
        .filter(|label| is_measure_label(label) && !header::is_bare_total(label))
        .map(str::to_string);
    let total = parser.total_in(row).filter(|_| measure.is_none());
    let account = match total {
        None => intern_row(
            row,
            label_column,
            parser.layout().other.account_code,
            accounts,
        ),
        Some(_) => None,
    };
    // A 类 row starts a group of 款 rows; a 小计 row closes one.
    let category = account
        .and_then(|id| accounts.get(id))
        .is_some_and(is_category);
    // 小计, 工资福利支出合计: a group's total. 合计 / 总计 alone: the table's.
    let grand_total = matches!(&total, Some((_, text)) if is_grand_total(text));
    let subtotal = matches!(
        &total,
        Some((kind, _)) if *kind != header::TotalKind::Balance && !grand_total
    );
    if category {
        parser.start_month_group();
    } else if total.is_none() && measure.is_none() {
        parser.count_month_group_row();
    }
    let mut row_sum = Decimal::ZERO;
    for &(column, month) in month_columns {
        let cell = row.get(column);
        if cell.is_empty() {
            continue;
        }
        let amount = match (read_amount(cell, parser.unit()), &measure) {
            (Ok(value), _) => value,
            // A rate (`8.22%`) on a 执行率 row is no amount, and no spending either.
            (Err(_), Some(label)) => {
                let reason = SkipReason::NotExpenditure(label.clone());
                parser.skip(row.index, column, reason, None);
                continue;
            }
            (Err(reason), None) => {
                parser.skip(row.index, column, reason, None);
                continue;
            }
        };
        parser.add_read(amount);
        row_sum += amount;
        if let Some(label) = &measure {
            parser.skip(
                row.index,
                column,
                SkipReason::NotExpenditure(label.clone()),
                Some(amount),
            );
            continue;
        }
        if total.is_none() && !category {
            parser.add_month_line(month, amount);
        }
        if let (true, Some((_, text))) = (subtotal, &total) {
            if let Some(ours) = parser.month_group_sum(month) {
                let place = cell_address(&parser.layout().sheet, row.index, column);
                parser.row_check(
                    "小计行：每月等于其上各款行之和",
                    format!("{place}「{text}」{month} 月：其上各款行之和"),
                    amount,
                    ours,
                );
            }
        }
        match (&total, parser.context_year()) {
            (Some((_, text)), _) => {
                if grand_total {
                    let place = cell_address(&parser.layout().sheet, row.index, column);
                    parser.book_figure(
                        format!("{place}「{text}」：{month} 月计入的各项之和"),
                        Some(month),
                        amount,
                    );
                }
                parser.skip(
                    row.index,
                    column,
                    SkipReason::SummaryRow(text.clone()),
                    Some(amount),
                );
            }
            (None, Some(year)) if !parser.year_allowed(year) => {
                parser.skip(row.index, column, SkipReason::OtherYear(year), Some(amount))
            }
            (None, Some(year)) => {
                let item = parser.classify_line(year, account, accounts, row);
                parser.push(row.index, (year, month), amount, account, Some(item));
            }
            (None, None) => parser.skip(row.index, column, SkipReason::YearUnknown, Some(amount)),
        }
    }
    if subtotal {
        parser.start_month_group();
    }
    if let Some(column) = total_column {
        let cell = row.get(column);
        if !cell.is_empty() {
            match read_amount(cell, parser.unit()) {
                Ok(value) => {
                    parser.add_read(value);
                    parser.skip(row.index, column, SkipReason::TotalColumn, Some(value));
                    if measure.is_some() {
                        // A rate or a running figure has no sum to tie out.
                        return;
                    }
                    let place = cell_address(&parser.layout().sheet, row.index, column);
                    let label = row.get(label_column).display();
                    parser.row_check(
                        "合计列：每行的合计等于该行各月之和",
                        format!("{place}（{label}）合计列：该行各月之和"),
                        value,
                        row_sum,
                    );
                }
                Err(reason) => parser.skip(row.index, column, reason, None),
            }
        }
    }
}

/// Where a row names itself: the item column, or — on a 类 row that names
/// its 类 in the column to the left and leaves the 款 column empty — the
/// nearest name left of it.
fn row_label_column(row: &Row, label_column: u32) -> u32 {
    if !row.get(label_column).is_empty() {
        return label_column;
    }
    (0..label_column)
        .rev()
        .find(|c| row.get(*c).as_text().is_some_and(|t| !t.trim().is_empty()))
        .unwrap_or(label_column)
}

/// The row's item: the label (`30201 办公费`, `办公费`) with the code column's code.
fn intern_row(
    row: &Row,
    label_column: u32,
    code_column: Option<u32>,
    accounts: &mut AccountTable,
) -> Option<u32> {
    let code = code_column
        .filter(|c| *c != label_column)
        .and_then(|c| match row.get(c) {
            CellValue::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e15 => {
                Some(format!("{}", *n as u64))
            }
            CellValue::Text(text) if text.chars().all(|c| c.is_ascii_digit()) => Some(text.clone()),
            _ => None,
        });
    match code {
        Some(code) => {
            let name = row
                .get(label_column)
                .as_text()
                .map(|t| split_code(t).1)
                .unwrap_or_default();
            Some(accounts.intern(Account {
                code: Some(code),
                name,
            }))
        }
        None => accounts.intern_label(row.get(label_column)),
    }
}

/// True for a 类 of the economic classification: a three-digit code (301) or a category name.
fn is_category(account: &Account) -> bool {
    let by_code = account
        .code
        .as_deref()
        .is_some_and(|c| c.len() == 3 && c.starts_with('3'));
    let name = normalize_header(strip_enumerator(&account.name));
    let name = name.strip_suffix('类').unwrap_or(&name);
    by_code
        || CATEGORIES
            .iter()
            .any(|(_, category)| normalize_header(category) == name)
}

/// A label without its list number: `一、工资福利支出`, `（一）基本工资`,
/// `1.办公费`, `(2)差旅费` → the name.
fn strip_enumerator(label: &str) -> &str {
    let trimmed = label.trim();
    let inner = trimmed.strip_prefix(['（', '(']).and_then(|rest| {
        let close = rest.find(['）', ')'])?;
        rest[..close]
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            .then(|| &rest[close + rest[close..].chars().next().map_or(1, char::len_utf8)..])
    });
    if let Some(rest) = inner {
        return rest.trim();
    }
    let number_end = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
        .map_or(0, |(i, _)| i);
    if number_end > 0 {
        let rest = &trimmed[number_end..];
        if let Some(after) = rest.strip_prefix(['、', '.', '．', ' ']) {
            return after.trim();
        }
    }
    trimmed
}

/// A row of a progress statement that is not spending: 预算数, 累计支出, 执行率,
/// 序时进度, 结余, 收入 ….
fn is_measure_label(label: &str) -> bool {
    [
        "预算",
        "累计",
        "执行率",
        "进度",
        "比例",
        "结余",
        "余额",
        "收入",
        "%",
        "％",
        "差异",
    ]
    .iter()
    .any(|w| label.contains(w))
}

/// 合计 / 总计 / 全年合计 alone: the whole table's total, not a group's.
fn is_grand_total(text: &str) -> bool {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        folded.as_str(),
        "合计" | "总计" | "全年合计" | "本年合计" | "累计" | "总合计" | "支出合计" | "支出总计"
    )
}

/// Leaves out each 类 row that has 款 rows under it (it is their sum), after
/// tying it out against them month by month.
fn finish(parser: &mut RowParser, accounts: &AccountTable, month_columns: &[(u32, u32)]) {
    // Row → (is a category, month → amount), in row order.
    let mut rows: BTreeMap<u32, (bool, BTreeMap<u32, Decimal>, String)> = BTreeMap::new();
    for entry in parser.entries() {
        let account = entry.account_index().and_then(|id| accounts.get(id));
        let slot = rows.entry(entry.row).or_insert_with(|| {
            (
                account.is_some_and(is_category),
                BTreeMap::new(),
                account.map(ToString::to_string).unwrap_or_default(),
            )
        });
        *slot.1.entry(entry.month).or_default() += entry.amount_yuan;
    }
    let ordered: Vec<(u32, bool, BTreeMap<u32, Decimal>, String)> = rows
        .into_iter()
        .map(|(row, (category, months, label))| (row, category, months, label))
        .collect();
    let mut parents = Vec::new();
    for (position, (row, category, months, label)) in ordered.iter().enumerate() {
        if !category {
            continue;
        }
        let children: Vec<&BTreeMap<u32, Decimal>> = ordered[position + 1..]
            .iter()
            .take_while(|(_, is_category, ..)| !is_category)
            .map(|(_, _, months, _)| months)
            .collect();
        if children.is_empty() {
            continue;
        }
        parents.push(*row);
        let mut sums: BTreeMap<u32, Decimal> = BTreeMap::new();
        for child in children {
            for (month, amount) in child {
                *sums.entry(*month).or_default() += *amount;
            }
        }
        let place = cell_address(
            &parser.layout().sheet,
            *row,
            parser.layout().other.account_code.unwrap_or(0),
        );
        let all_months: std::collections::BTreeSet<u32> =
            months.keys().chain(sums.keys()).copied().collect();
        let mut agrees = true;
        for month in all_months {
            let book = months.get(&month).copied().unwrap_or_default();
            let ours = sums.get(&month).copied().unwrap_or_default();
            if book != ours {
                agrees = false;
                parser.record_tie_out(TieOut {
                    what: format!("{place}「{label}」{month} 月：其下各款行之和"),
                    book_yuan: book,
                    jixiao_yuan: ours,
                    unchecked: None,
                });
            }
        }
        if agrees {
            let total: Decimal = months.values().sum();
            parser.record_tie_out(TieOut {
                what: format!("{place}「{label}」：其下各款行之和（逐月）"),
                book_yuan: total,
                jixiao_yuan: total,
                unchecked: None,
            });
        }
    }
    if !parents.is_empty() {
        // Each left-out cell is named at its own month's column.
        let columns: BTreeMap<u32, u32> = month_columns.iter().map(|(c, m)| (*m, *c)).collect();
        parser.uncount_rows(
            &parents,
            |entry| columns.get(&entry.month).copied().unwrap_or(0),
            |_| SkipReason::ParentAccount("经济分类的“类”行，其下各款已分别计入".to_string()),
        );
    }
}

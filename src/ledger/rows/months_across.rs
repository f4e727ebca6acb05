//! The months-across table's row parser: each month cell of an item row is a
//! counted amount, once. A 类 row whose 款 rows follow it is their sum and is
//! left out (tied out against them); 小计 and 合计 rows are left out and tied
//! out against their group's rows; the 合计 column is tied out against each
//! row's months, and the 合计 row against each month's counted total.

use super::{read_amount, LayoutRows, RowParser};
use crate::classify::CATEGORIES;
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::header::{self, normalize_header};
use crate::ledger::layout::months_across::MonthsAcross;
use crate::ledger::lines::{split_code, Account, SkipReason};
use crate::ledger::tieout::TieOut;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A months-across table's row parser: its columns, and the sums of the item
/// rows since the last 类 or 小计 row.
#[derive(Debug)]
pub struct MonthsAcrossRows {
    /// The column naming the item (项目 / 类别 / 科目).
    label_column: u32,
    /// (column, month) for each month column.
    month_columns: Vec<(u32, u32)>,
    /// A 合计 column, left out of the count and tied out.
    total_column: Option<u32>,
    /// The 科目编码 column, when the table has one.
    code_column: Option<u32>,
    /// The item rows since the last 类 or 小计 row, by month.
    group: MonthGroup,
}

impl MonthsAcrossRows {
    /// The parser of a table laid out as `table`, its codes in `code_column`.
    pub fn new(table: &MonthsAcross, code_column: Option<u32>) -> Self {
        Self {
            label_column: table.label_column,
            month_columns: table.month_columns.clone(),
            total_column: table.total_column,
            code_column,
            group: MonthGroup::default(),
        }
    }
}

/// The item rows of the current group (since the last 类 or 小计 row), month by month.
#[derive(Debug, Default)]
struct MonthGroup {
    by_month: [Decimal; 12],
    /// How many item rows `by_month` holds.
    rows: u64,
}

impl MonthGroup {
    /// Adds an item row's month to the group's sum.
    fn add(&mut self, month: u32, amount: Decimal) {
        if let Some(slot) = self.by_month.get_mut(month as usize - 1) {
            *slot += amount;
        }
    }

    /// Starts a new group of item rows (after a 类 row or a 小计 row).
    fn start(&mut self) {
        *self = Self::default();
    }

    /// Counts an item row into the group.
    fn count_row(&mut self) {
        self.rows += 1;
    }

    /// A 小计 row's month against the item rows of its group; `None` when the
    /// group is empty (nothing to compare with).
    fn sum(&self, month: u32) -> Option<Decimal> {
        (self.rows > 0)
            .then(|| self.by_month.get(month as usize - 1).copied())
            .flatten()
    }
}

impl LayoutRows for MonthsAcrossRows {
    /// Parses one item row: each month cell is a counted amount (or, on a total
    /// row, the book's figure for the month); the 合计 cell is tied out.
    fn parse(&mut self, core: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        // A progress statement's other rows (预算数, 累计支出, 执行率) are no spending,
        // and no totals of it either.
        let label_column = row_label_column(row, self.label_column);
        let measure = row
            .get(label_column)
            .as_text()
            .filter(|label| is_measure_label(label) && !header::is_bare_total(label))
            .map(str::to_string);
        let total = core.total_in(row).filter(|_| measure.is_none());
        let account = match total {
            None => intern_row(row, label_column, self.code_column, accounts),
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
            self.group.start();
        } else if total.is_none() && measure.is_none() {
            self.group.count_row();
        }
        let mut row_sum = Decimal::ZERO;
        for &(column, month) in &self.month_columns {
            let cell = row.get(column);
            if cell.is_empty() {
                continue;
            }
            let amount = match (read_amount(cell, core.unit()), &measure) {
                (Ok(value), _) => value,
                // A rate (`8.22%`) on a 执行率 row is no amount, and no spending either.
                (Err(_), Some(label)) => {
                    let reason = SkipReason::NotExpenditure(label.clone());
                    core.skip(row.index, column, reason, None);
                    continue;
                }
                (Err(reason), None) => {
                    core.skip(row.index, column, reason, None);
                    continue;
                }
            };
            core.add_read(amount);
            row_sum += amount;
            if let Some(label) = &measure {
                core.skip(
                    row.index,
                    column,
                    SkipReason::NotExpenditure(label.clone()),
                    Some(amount),
                );
                continue;
            }
            if total.is_none() && !category {
                self.group.add(month, amount);
            }
            if let (true, Some((_, text))) = (subtotal, &total) {
                if let Some(ours) = self.group.sum(month) {
                    let place = core.cell(row.index, column);
                    core.tie_out().row_check(
                        "小计行：每月等于其上各款行之和",
                        format!("{place}「{text}」{month} 月：其上各款行之和"),
                        amount,
                        ours,
                    );
                }
            }
            match (&total, core.context_year()) {
                (Some((_, text)), _) => {
                    if grand_total {
                        let place = core.cell(row.index, column);
                        core.book_figure(
                            format!("{place}「{text}」：{month} 月计入的各项之和"),
                            Some(month),
                            amount,
                        );
                    }
                    core.skip(
                        row.index,
                        column,
                        SkipReason::SummaryRow(text.clone()),
                        Some(amount),
                    );
                }
                (None, Some(year)) if !core.year_allowed(year) => {
                    core.skip(row.index, column, SkipReason::OtherYear(year), Some(amount))
                }
                (None, Some(year)) => {
                    let item = core.classify_line(year, account, accounts, row);
                    core.push(row.index, (year, month), amount, account, Some(item));
                }
                (None, None) => core.skip(row.index, column, SkipReason::YearUnknown, Some(amount)),
            }
        }
        if subtotal {
            self.group.start();
        }
        if let Some(column) = self.total_column {
            let cell = row.get(column);
            if !cell.is_empty() {
                match read_amount(cell, core.unit()) {
                    Ok(value) => {
                        core.add_read(value);
                        core.skip(row.index, column, SkipReason::TotalColumn, Some(value));
                        if measure.is_some() {
                            // A rate or a running figure has no sum to tie out.
                            return;
                        }
                        let place = core.cell(row.index, column);
                        let label = row.get(label_column).display();
                        core.tie_out().row_check(
                            "合计列：每行的合计等于该行各月之和",
                            format!("{place}（{label}）合计列：该行各月之和"),
                            value,
                            row_sum,
                        );
                    }
                    Err(reason) => core.skip(row.index, column, reason, None),
                }
            }
        }
    }

    /// Leaves out each 类 row that has 款 rows under it (it is their sum), after
    /// tying it out against them month by month.
    fn finish(&mut self, core: &mut RowParser, accounts: &AccountTable) {
        // Row → (is a category, month → amount), in row order.
        let mut rows: BTreeMap<u32, (bool, BTreeMap<u32, Decimal>, String)> = BTreeMap::new();
        for entry in core.entries() {
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
            let place = core.cell(*row, self.code_column.unwrap_or(0));
            let all_months: std::collections::BTreeSet<u32> =
                months.keys().chain(sums.keys()).copied().collect();
            let mut agrees = true;
            for month in all_months {
                let book = months.get(&month).copied().unwrap_or_default();
                let ours = sums.get(&month).copied().unwrap_or_default();
                if book != ours {
                    agrees = false;
                    core.tie_out().record(TieOut {
                        what: format!("{place}「{label}」{month} 月：其下各款行之和"),
                        book_yuan: book,
                        jixiao_yuan: ours,
                        unchecked: None,
                    });
                }
            }
            if agrees {
                let total: Decimal = months.values().sum();
                core.tie_out().record(TieOut {
                    what: format!("{place}「{label}」：其下各款行之和（逐月）"),
                    book_yuan: total,
                    jixiao_yuan: total,
                    unchecked: None,
                });
            }
        }
        if !parents.is_empty() {
            // Each left-out cell is named at its own month's column.
            let columns: BTreeMap<u32, u32> =
                self.month_columns.iter().map(|(c, m)| (*m, *c)).collect();
            core.uncount_rows(
                &parents,
                |entry| columns.get(&entry.month).copied().unwrap_or(0),
                |_| SkipReason::ParentAccount("经济分类的“类”行，其下各款已分别计入".to_string()),
            );
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

//! Accounts: which rows of a whole book are spending.
//!
//! A 序时账 of all accounts holds bank, 零余额账户用款额度, income … as well as
//! expenditure. Under 政府会计制度 every expense is booked twice (平行记账):
//! 5xxx 费用 in financial accounting and 7xxx 支出 in budget accounting. Budget
//! execution is measured on the budget side, so when 7xxx lines exist only they
//! count, else 5xxx; without such codes, economic classification codes
//! (301 / 302 / 303 / 307 / 309 / 310 / 399) or names ending 支出 / 费用 decide.
//! A parent account and its sub-account are never both counted: the lowest
//! level is summed. `--account` overrides all of this.

use super::{Account, Entry, Ledger, SkipReason, SkippedRow};
use crate::ledger::layout::OtherColumns;
use crate::read::cell::cell_address;
use crate::read::{CellValue, Row};
use std::collections::HashMap;

/// The accounts met while reading, each stored once.
#[derive(Debug, Default)]
pub struct AccountTable {
    accounts: Vec<Account>,
    index: HashMap<Account, u32>,
}

impl AccountTable {
    /// The index of an account, adding it when new.
    pub fn intern(&mut self, account: Account) -> u32 {
        if let Some(found) = self.index.get(&account) {
            return *found;
        }
        let id = self.accounts.len() as u32;
        self.index.insert(account.clone(), id);
        self.accounts.push(account);
        id
    }

    /// The account named by a journal row's 科目编码 / 科目名称 cells.
    pub fn intern_from_row(&mut self, row: &Row, columns: &OtherColumns) -> Option<u32> {
        let code = columns.account_code.and_then(|c| code_of(row.get(c)));
        let name_text = columns
            .account_name
            .and_then(|c| row.get(c).as_text())
            .unwrap_or_default();
        let (code, name) = match code {
            Some(code) => (Some(code), name_text.to_string()),
            None => split_code(name_text),
        };
        if code.is_none() && name.is_empty() {
            return None;
        }
        Some(self.intern(Account { code, name }))
    }

    /// The account named by a months-across row's label (`30201 办公费`, `办公费`).
    pub fn intern_label(&mut self, cell: &CellValue) -> Option<u32> {
        let (code, name) = match cell {
            CellValue::Text(text) => split_code(text),
            CellValue::Number(_) => (code_of(cell), String::new()),
            _ => return None,
        };
        if code.is_none() && name.is_empty() {
            return None;
        }
        Some(self.intern(Account { code, name }))
    }

    /// An account by index.
    pub fn get(&self, id: u32) -> Option<&Account> {
        self.accounts.get(id as usize)
    }

    /// The accounts, by index.
    pub fn into_accounts(self) -> Vec<Account> {
        self.accounts
    }
}

/// An account code cell: digits as text, or a whole number.
fn code_of(cell: &CellValue) -> Option<String> {
    match cell {
        CellValue::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e15 => {
            Some(format!("{}", *n as u64))
        }
        CellValue::Text(text) => {
            let digits: String = text.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
            (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
        }
        _ => None,
    }
}

/// Splits a leading code off a name: `5101 单位管理费用`, `[5101]单位管理费用`,
/// `510101-办公费` → (`5101…`, name).
pub fn split_code(text: &str) -> (Option<String>, String) {
    let trimmed = text.trim().trim_start_matches(['[', '【', '(', '（']);
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return (None, text.trim().to_string());
    }
    let rest = trimmed[digits.len()..]
        .trim_start_matches([']', '】', ')', '）', ' ', '-', '_', ':', '：', '\u{3000}'])
        .to_string();
    (Some(digits), rest)
}

/// Economic classification codes of expenditure (支出经济分类).
const ECONOMIC_PREFIXES: [&str; 7] = ["301", "302", "303", "307", "309", "310", "399"];

/// Which accounts count, in words, and the test.
struct Rule {
    description: String,
    keep: Box<dyn Fn(&Account) -> bool>,
}

fn top_level_name(name: &str) -> &str {
    name.split(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(name)
        .trim()
}

/// Chooses the rule for this book, or `None` when every row is spending.
fn choose_rule(accounts: &[&Account], wanted: &[String]) -> Option<Rule> {
    if !wanted.is_empty() {
        let wanted: Vec<String> = wanted.to_vec();
        let description = format!("按 --account 指定的科目：{}", wanted.join("、"));
        let keep = move |account: &Account| {
            wanted.iter().any(|w| {
                account
                    .code
                    .as_deref()
                    .is_some_and(|code| code.starts_with(w.as_str()))
                    || account.name.contains(w.as_str())
            })
        };
        return Some(Rule {
            description,
            keep: Box::new(keep),
        });
    }
    let has_code = |prefix: char| {
        accounts.iter().any(|a| {
            a.code
                .as_deref()
                .is_some_and(|c| c.len() >= 4 && c.starts_with(prefix))
        })
    };
    let by_class = |prefix: char, description: &str| Rule {
        description: description.to_string(),
        keep: Box::new(move |a: &Account| {
            a.code
                .as_deref()
                .is_some_and(|c| c.len() >= 4 && c.starts_with(prefix))
        }),
    };
    if has_code('7') {
        return Some(by_class('7', "预算会计支出科目（7 开头，如 7101 行政支出、7201 事业支出）；5 开头的费用科目是同一笔支出的财务会计记录，不重复计入"));
    }
    if has_code('5') {
        return Some(by_class(
            '5',
            "费用科目（5 开头，如 5001 业务活动费用、5101 单位管理费用）",
        ));
    }
    let economic = |a: &Account| {
        a.code
            .as_deref()
            .is_some_and(|c| ECONOMIC_PREFIXES.iter().any(|p| c.starts_with(p)))
    };
    if accounts.iter().any(|a| economic(a)) {
        return Some(Rule {
            description: "支出经济分类科目（301、302、303、307、309、310、399 开头）".to_string(),
            keep: Box::new(economic),
        });
    }
    let by_name = |a: &Account| {
        let top = top_level_name(&a.name);
        top.ends_with("支出") || top.ends_with("费用") || names_expenditure(&a.name)
    };
    let named = accounts.iter().filter(|a| by_name(a)).count();
    if named > 0 && named < accounts.len() {
        return Some(Rule {
            description: "名称以“支出”或“费用”结尾的科目，以及支出经济分类中的各项（基本工资、住房公积金、对个人和家庭的补助 …）".to_string(),
            keep: Box::new(by_name),
        });
    }
    None
}

/// True when a name is an item or category of the 支出经济分类 (基本工资, 住房公积金,
/// 对个人和家庭的补助, 资本性支出 …), whatever its last characters.
fn names_expenditure(name: &str) -> bool {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let last = name
        .rsplit(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(&name);
    crate::classify::CATEGORIES
        .iter()
        .any(|(_, category)| last == *category || name == *category)
        || crate::classify::ITEMS
            .iter()
            .any(|item| !item.category.is_empty() && (last == item.name || name == item.name))
}

/// True when `parent` is a strict ancestor of `child` (by code, or by a name path).
fn is_parent(parent: &Account, child: &Account) -> bool {
    match (&parent.code, &child.code) {
        (Some(p), Some(c)) => c.len() > p.len() && c.starts_with(p.as_str()),
        (None, None) => {
            child.name.len() > parent.name.len()
                && child.name.starts_with(parent.name.as_str())
                && child.name[parent.name.len()..].starts_with(['-', '/', '_', '\\', '—'])
        }
        _ => false,
    }
}

/// Narrows a whole book to its expenditure accounts at the lowest level; every
/// entry left out becomes a skipped row with the account named. `given_by`
/// says where `wanted` was given (`来自设置文件「…」`) when not a flag.
pub fn keep_expenditure(ledger: &mut Ledger, wanted: &[String], given_by: Option<&str>) {
    let used: Vec<u32> = {
        let mut ids: Vec<u32> = ledger
            .entries
            .iter()
            .filter_map(Entry::account_index)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    if used.is_empty() {
        return;
    }
    let accounts: Vec<&Account> = used
        .iter()
        .map(|id| &ledger.accounts[*id as usize])
        .collect();
    let mut rule = choose_rule(&accounts, wanted);
    if let (Some(rule), Some(given_by), false) = (rule.as_mut(), given_by, wanted.is_empty()) {
        rule.description = format!("只计入指定的科目（{given_by}）：{}", wanted.join("、"));
    }
    let kept: Vec<u32> = used
        .iter()
        .copied()
        .filter(|id| {
            rule.as_ref()
                .is_none_or(|r| (r.keep)(&ledger.accounts[*id as usize]))
        })
        .collect();
    let parents: Vec<u32> = kept
        .iter()
        .copied()
        .filter(|p| {
            kept.iter()
                .any(|c| is_parent(&ledger.accounts[*p as usize], &ledger.accounts[*c as usize]))
        })
        .collect();
    let mut left_out = 0usize;
    // Filtered in place: a whole book's entries are never held twice.
    let Ledger {
        entries,
        skipped,
        skipped_beyond,
        sheets,
        accounts,
        ..
    } = ledger;
    entries.retain(|entry| {
        let reason = match entry.account_index() {
            Some(id) if !kept.contains(&id) => {
                SkipReason::NotExpenditure(accounts[id as usize].to_string())
            }
            Some(id) if parents.contains(&id) => {
                SkipReason::ParentAccount(accounts[id as usize].to_string())
            }
            _ => return true,
        };
        left_out += 1;
        skipped_beyond.leave_out(
            skipped,
            (entry.sheet, entry.row),
            reason,
            Some(entry.amount_yuan),
            || account_cell(sheets, entry),
        );
        false
    });
    ledger.entries.shrink_to_fit();
    ledger.sort_left_out();
    if rule.is_none() && parents.is_empty() {
        return;
    }
    let counted = kept.len() - parents.len();
    let description = rule.map_or_else(|| "全部科目".to_string(), |r| r.description);
    ledger.account_rule = Some(if left_out == 0 {
        format!("{description}：台账中的 {counted} 个科目都是，全部计入")
    } else {
        format!(
            "{description}；计入 {counted} 个末级科目，未计入 {} 笔（其中上级科目 {} 个）",
            left_out,
            parents.len()
        )
    });
}

pub(super) fn skipped_entry(ledger: &Ledger, entry: &Entry, reason: SkipReason) -> SkippedRow {
    SkippedRow {
        address: account_cell(&ledger.sheets, entry),
        sheet: entry.sheet,
        row: entry.row,
        reason,
        amount_yuan: Some(entry.amount_yuan),
    }
}

/// The address of a counted `entry`'s account cell.
fn account_cell(sheets: &[super::layout::Layout], entry: &Entry) -> String {
    let layout = &sheets[entry.sheet as usize];
    let column = layout
        .other
        .account_code
        .or(layout.other.account_name)
        .unwrap_or(0);
    cell_address(&layout.sheet, entry.row, column)
}

#[cfg(test)]
mod tests;

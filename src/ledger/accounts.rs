//! Accounts: which rows of a whole book are spending.
//!
//! A 序时账 of all accounts holds bank, 零余额账户用款额度, income … as well as
//! expenditure. Under 政府会计制度 every expense is booked twice (平行记账):
//! 5xxx 费用 in financial accounting and 7xxx 支出 in budget accounting. Budget
//! execution is measured on the budget side, so when 7xxx lines exist only they
//! count, else 5xxx; without such codes, economic classification codes
//! (301 / 302 / 303 / 307 / 309 / 310 / 399) or names decide.
//!
//! A line is left out only on positive knowledge: its account's code is of a
//! class that is not spending (1 资产, 2 负债, 3 净资产, 4 收入, 6 预算收入,
//! 8 预算结余; 5 费用 beside 7 支出), or its name is in the [`chart`] of such
//! accounts (银行存款, 应付职工薪酬-…, 财政拨款收入, 待摊费用 …). A name known
//! as spending (…支出, …费用, a 款 of the classification) is counted; a name
//! known as neither is counted too, as its name classifies (未归类支出 when it
//! says nothing), and listed ([`narrow::unrecognised_accounts`]) with how to leave it
//! out: the 排除科目 setting (`--exclude-account`), which leaves out the
//! accounts it names whatever they are.
//!
//! A parent account and its sub-account are never both counted: the lowest
//! level is summed. `--account` overrides the knowledge: only the accounts it
//! names count.

pub mod chart;
pub mod narrow;

use super::lines::{split_code, Account};
use crate::read::{CellValue, Row};
use chart::Class;
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

    /// The account named by a row's 科目编码 (`code`) / 科目名称 (`name`) cells.
    pub fn intern_from_row(
        &mut self,
        row: &Row,
        code: Option<u32>,
        name: Option<u32>,
    ) -> Option<u32> {
        let code = code.and_then(|c| code_of(row.get(c)));
        let name_text = name.and_then(|c| row.get(c).as_text()).unwrap_or_default();
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

/// Economic classification codes of expenditure (支出经济分类).
const ECONOMIC_PREFIXES: [&str; 7] = ["301", "302", "303", "307", "309", "310", "399"];

/// What jixiao knows of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Spending: counted.
    Spending,
    /// Known not to be spending of the year, of this class: left out.
    NotSpending(Class),
    /// Not among the accounts `--account` (or its setting) names: left out.
    NotChosen,
    /// Neither known spending nor known non-spending: counted, classified
    /// as its name says (未归类支出 when it says nothing), and listed.
    Unrecognised,
}

impl Verdict {
    /// True when the account's lines are counted.
    pub fn counts(self) -> bool {
        matches!(self, Verdict::Spending | Verdict::Unrecognised)
    }
}

/// What the book's accounts as a whole say of each other.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Book {
    /// 7 预算支出 accounts, by code (4 digits or more).
    budget_codes: bool,
    /// 7 预算支出 accounts by name only (行政支出, 事业支出 …).
    budget_names: bool,
    /// 5 费用 / 支出 accounts by code.
    expense_codes: bool,
    /// Economic classification codes (30201 …) outside an accounting chart.
    economic_codes: bool,
    /// Codes of an accounting chart (4 digits or more, classes 1, 2, 4 – 8).
    chart_codes: bool,
}

impl Book {
    fn of(accounts: &[&Account]) -> Book {
        let class = |digit: char| {
            accounts
                .iter()
                .filter_map(|a| a.code.as_deref())
                .any(|c| c.len() >= 4 && c.starts_with(digit))
        };
        let chart_codes = "1245678".chars().any(class);
        Book {
            budget_codes: class('7'),
            budget_names: accounts.iter().any(|a| {
                a.code.is_none()
                    && chart::BUDGET_EXPENDITURE_ACCOUNTS.contains(&top_level_name(&a.name))
            }),
            expense_codes: class('5'),
            economic_codes: accounts
                .iter()
                .filter_map(|a| a.code.as_deref())
                .any(|c| is_economic_code(c, chart_codes)),
            chart_codes,
        }
    }
}

/// An economic classification code (302, 30201, 3020101): one of the
/// categories' prefixes, not a 4-digit 净资产 code (3101), and — in a book
/// that also has an accounting chart — not of an even length (310101 is a
/// sub-account of 3101).
fn is_economic_code(code: &str, chart_codes: bool) -> bool {
    ECONOMIC_PREFIXES.iter().any(|p| code.starts_with(p))
        && code.len() != 4
        && !(chart_codes && code.len().is_multiple_of(2))
}

/// What the account's code says, when it says something.
fn verdict_by_code(code: &str, top: &str, book: &Book) -> Option<Verdict> {
    if is_economic_code(code, book.chart_codes) {
        // A name of the chart wins over a code that looks economic.
        return Some(chart::class_of_name(top).map_or(Verdict::Spending, Verdict::NotSpending));
    }
    if code.len() < 4 {
        return None;
    }
    match code.chars().next()? {
        '7' => Some(Verdict::Spending),
        '5' if book.budget_codes => Some(Verdict::NotSpending(Class::FinancialSide)),
        '5' => Some(Verdict::Spending),
        digit => Class::of_code_digit(digit).map(Verdict::NotSpending),
    }
}

/// What the account's name says.
fn verdict_by_name(name: &str, book: &Book) -> Verdict {
    let top = top_level_name(name);
    if let Some(class) = chart::class_of_name(top) {
        return Verdict::NotSpending(class);
    }
    if (book.budget_codes || book.budget_names) && chart::EXPENSE_ACCOUNTS.contains(&top) {
        return Verdict::NotSpending(Class::FinancialSide);
    }
    if top.ends_with("支出") || top.ends_with("费用") || names_expenditure(name) {
        return Verdict::Spending;
    }
    Verdict::Unrecognised
}

/// What jixiao knows of `account` in a book like `book`: its code when the
/// code's class says, else its name.
fn verdict(account: &Account, book: &Book) -> Verdict {
    let top = top_level_name(&account.name);
    account
        .code
        .as_deref()
        .and_then(|code| verdict_by_code(code, top, book))
        .unwrap_or_else(|| verdict_by_name(&account.name, book))
}

/// True when jixiao knows nothing of the account, whatever the rest of the
/// book: neither its code's class nor its name says spending or not.
pub fn is_unrecognised(account: &Account) -> bool {
    verdict(account, &Book::default()) == Verdict::Unrecognised
}

/// Which accounts count, in words, and the test.
pub(super) struct Rule {
    pub(super) description: String,
    pub(super) judge: Box<dyn Fn(&Account) -> Verdict>,
}

fn top_level_name(name: &str) -> &str {
    name.split(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(name)
        .trim()
}

/// True when the account is one of `wanted` (a code prefix, or words of its name).
pub(super) fn named_by(wanted: &[String], account: &Account) -> bool {
    wanted.iter().any(|w| {
        account
            .code
            .as_deref()
            .is_some_and(|code| code.starts_with(w.as_str()))
            || account.name.contains(w.as_str())
    })
}

/// Chooses the rule for this book, or `None` when every row is spending:
/// the accounts `wanted`, else what jixiao knows of each account. `None`
/// too when jixiao knows none of the accounts (the column holds something
/// else than a chart's accounts), and for a spending journal whose accounts
/// are all known spending by name (办公费, 差旅费).
pub(super) fn choose_rule(accounts: &[&Account], wanted: &[String]) -> Option<Rule> {
    if !wanted.is_empty() {
        let wanted: Vec<String> = wanted.to_vec();
        let description = format!("按 --account 指定的科目：{}", wanted.join("、"));
        let judge = move |account: &Account| {
            if named_by(&wanted, account) {
                Verdict::Spending
            } else {
                Verdict::NotChosen
            }
        };
        return Some(Rule {
            description,
            judge: Box::new(judge),
        });
    }
    let book = Book::of(accounts);
    let verdicts: Vec<Verdict> = accounts.iter().map(|a| verdict(a, &book)).collect();
    if verdicts.iter().all(|v| *v == Verdict::Unrecognised) {
        return None;
    }
    let coded = book.budget_codes || book.expense_codes || book.economic_codes;
    if !coded && verdicts.iter().all(|v| *v == Verdict::Spending) {
        return None;
    }
    let description = if book.budget_codes {
        "预算会计支出科目（7 开头，如 7101 行政支出、7201 事业支出）；5 开头的费用科目是同一笔支出的财务会计记录，不重复计入".to_string()
    } else if book.expense_codes {
        "费用科目（5 开头，如 5001 业务活动费用、5101 单位管理费用）".to_string()
    } else if book.economic_codes {
        "支出经济分类科目（301、302、303、307、309、310、399 开头）".to_string()
    } else if book.budget_names {
        "按科目名称：预算会计的支出科目（行政支出、事业支出 …）与支出经济分类的各款计入；财务会计的费用科目（业务活动费用 …）是同一笔支出，不重复计入；资产、负债、净资产、收入、预算收入、预算结余类科目不计入".to_string()
    } else {
        "按科目名称：名称以“支出”或“费用”结尾的科目与支出经济分类的各款（基本工资、机关事业单位基本养老保险缴费、住房公积金 …）计入；资产、负债、净资产、收入、预算收入、预算结余类科目（银行存款、零余额账户用款额度、应付职工薪酬、财政拨款收入 …）不计入".to_string()
    };
    let description = if coded && accounts.iter().any(|a| a.code.is_none()) {
        format!("{description}；没有科目编码的科目按名称判断")
    } else {
        description
    };
    Some(Rule {
        description,
        judge: Box::new(move |account| verdict(account, &book)),
    })
}

/// True when a name is a 款 or category of the 支出经济分类 (基本工资,
/// 机关事业单位基本养老保险缴费, 对个人和家庭的补助, 资本性支出 …) or a spending
/// account of an older chart (拨出经费), whatever its last characters: the
/// whole name, its top level or its last part.
fn names_expenditure(name: &str) -> bool {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let last = name
        .rsplit(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(&name);
    let top = top_level_name(&name);
    let is = |candidate: &str| [last, top, name.as_str()].contains(&candidate);
    crate::classify::CATEGORIES
        .iter()
        .any(|(_, category)| is(category))
        || crate::classify::ITEMS
            .iter()
            .any(|item| !item.category.is_empty() && is(item.name))
        || crate::classify::kuan::all().any(|kuan| is(kuan.name))
        || chart::OLD_SPENDING_ACCOUNTS.iter().any(|old| is(old))
}

/// True when `parent` is a strict ancestor of `child` (by code, or by a name path).
pub(super) fn is_parent(parent: &Account, child: &Account) -> bool {
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

#[cfg(test)]
mod tests;

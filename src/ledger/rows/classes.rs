//! The economic classification of each counted line: the ledger's own 经济分类
//! column first, then the account, then the 摘要 — each worked out once and
//! remembered, within bounds. A red reversal (a negative line whose 摘要 says
//! 冲销, 红冲 …) takes the class of the line it reverses; the largest lines
//! left 未归类支出 keep their cell and 摘要 for 数据检查.

use crate::classify::{self, Guess, ItemId, Reversal, OTHER};
use crate::ledger::accounts::AccountTable;
use crate::read::cell::cell_address;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;

/// How many 摘要 classifications are remembered at once.
const SUMMARY_CACHE: usize = 4_096;
/// How many earlier lines a reversal can be matched with (by voucher, by
/// account and amount) at least, each; twice as many at most.
const REVERSAL_MEMORY: usize = 16_384;
/// The characters of a 未归类支出 line's 摘要 kept (a cell may hold 32,767).
pub const SUMMARY_SHOWN: usize = 200;
/// How many of the largest 未归类支出 lines keep their cell and 摘要, per account and year.
const UNCLASSIFIED_KEPT: usize = 16;

/// Where a line left 未归类支出 stands and what its 摘要 says, for 数据检查.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclassifiedText {
    /// Index into [`super::Ledger::sheets`].
    pub sheet: u16,
    /// 0-based sheet row.
    pub row: u32,
    /// The cell of its amount (`序时账!F17`; a months-across row's label).
    pub address: String,
    /// The row's 摘要, or empty.
    pub summary: String,
}

/// How the current line was classified, for [`Classifier::settle_line`]: a red
/// reversal takes the class of the line it reverses, found only once its
/// amount is known.
#[derive(Debug)]
struct LineClass {
    row: u32,
    /// The ledger's own 经济分类 decided: nothing overrides it.
    own: bool,
    /// The account's name or code decided (a reversal on the same account
    /// would be classified the same: its line need not be remembered).
    by_account: bool,
    /// What the 摘要 says of a reversal.
    reversal: Option<Reversal>,
    /// The 摘要 of a line left 未归类支出 (empty without one).
    unclassified_summary: Option<String>,
}

/// Account key of a line without an account, in the reversal memory.
const NO_ACCOUNT: u32 = u32::MAX;
/// Account key matching any account, in the voucher memory.
const ANY_ACCOUNT: u32 = u32::MAX - 1;

/// Earlier lines a red reversal may reverse: by voucher (year, month,
/// number, account) and by (account, amount). Bounded: each keeps the latest
/// [`REVERSAL_MEMORY`] lines or more, and never twice that (the older half is
/// dropped as a whole), so a book of a million lines stays small.
#[derive(Debug, Default)]
struct ReversalMemory {
    by_voucher: Generations<(i32, u32, u32, u32)>,
    by_amount: Generations<(u32, Decimal)>,
}

/// A map of recent keys in two generations: when the newer is full, it
/// becomes the older and the older is dropped.
#[derive(Debug)]
struct Generations<K> {
    newer: std::collections::HashMap<K, ItemId>,
    older: std::collections::HashMap<K, ItemId>,
}

impl<K> Default for Generations<K> {
    fn default() -> Self {
        Self {
            newer: std::collections::HashMap::new(),
            older: std::collections::HashMap::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq> Generations<K> {
    fn get(&self, key: &K) -> Option<ItemId> {
        self.newer.get(key).or_else(|| self.older.get(key)).copied()
    }

    /// Sets `key`; with `keep_first`, only when it is not there yet.
    fn set(&mut self, key: K, item: ItemId, keep_first: bool) {
        if keep_first && self.get(&key).is_some() {
            return;
        }
        if self.newer.len() >= REVERSAL_MEMORY {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(key, item);
    }
}

impl ReversalMemory {
    /// Remembers a classified line; `by_amount` when its class did not come
    /// from its account alone. A voucher keeps its first line's class.
    fn remember(
        &mut self,
        period: (i32, u32),
        voucher: Option<u32>,
        account: u32,
        amount: Decimal,
        item: ItemId,
        by_amount: bool,
    ) {
        if let Some(number) = voucher {
            for key in [account, ANY_ACCOUNT] {
                self.by_voucher
                    .set((period.0, period.1, number, key), item, true);
            }
        }
        if by_amount {
            self.by_amount.set((account, amount), item, false);
        }
    }

    /// The class of the line a reversal of `amount` (negative) on `account`
    /// in `period` reverses: the voucher its 摘要 names (in the month named,
    /// else this month or an earlier one of the year), else the latest line of
    /// the same account and amount.
    fn find(
        &self,
        reversal: &Reversal,
        period: (i32, u32),
        account: u32,
        amount: Decimal,
    ) -> Option<ItemId> {
        let by_voucher = reversal.voucher.and_then(|named| {
            let months: Vec<(i32, u32)> = match named.month {
                Some(month) => vec![(named.year.unwrap_or(period.0), month)],
                None => (1..=period.1).rev().map(|m| (period.0, m)).collect(),
            };
            months.into_iter().find_map(|(year, month)| {
                [account, ANY_ACCOUNT]
                    .into_iter()
                    .find_map(|key| self.by_voucher.get(&(year, month, named.number, key)))
            })
        });
        by_voucher.or_else(|| self.by_amount.get(&(account, -amount)))
    }
}

/// The largest 未归类支出 lines' 摘要, a few per (account, year): whatever the
/// ledger leaves out later (other accounts, other years), the largest lines it
/// keeps have their 摘要 here.
#[derive(Debug, Default)]
struct UnclassifiedKept {
    by_bucket: std::collections::HashMap<(u32, i32), Vec<(Decimal, UnclassifiedText)>>,
}

impl UnclassifiedKept {
    fn offer(
        &mut self,
        bucket: (u32, i32),
        amount: Decimal,
        line: impl FnOnce() -> UnclassifiedText,
    ) {
        let size = amount.abs();
        let kept = self.by_bucket.entry(bucket).or_default();
        if kept.len() < UNCLASSIFIED_KEPT {
            kept.push((size, line()));
            return;
        }
        if let Some(smallest) = kept.iter_mut().min_by_key(|(size, _)| *size) {
            if size > smallest.0 {
                *smallest = (size, line());
            }
        }
    }

    fn into_texts(self) -> Vec<UnclassifiedText> {
        let mut texts: Vec<UnclassifiedText> = self
            .by_bucket
            .into_values()
            .flatten()
            .map(|(_, text)| text)
            .collect();
        texts.sort_by_key(|t| (t.sheet, t.row));
        texts
    }
}

/// Classifies a sheet's lines, remembering what it worked out.
#[derive(Debug)]
pub struct Classifier {
    /// The sheet (index into the ledger's sheets), for the lines kept.
    sheet: u16,
    /// The sheet's name, for the cells named.
    sheet_name: String,
    /// The column a 未归类支出 line is named at (its amount, else its account).
    column: u32,
    /// The ledger's own 经济分类 column, when it has one.
    own_column: Option<u32>,
    /// What each account says of the classification, by (account, codes from 2018).
    class_cache: std::collections::HashMap<(u32, bool), Guess>,
    /// What recent 摘要 say of it.
    summary_cache: std::collections::HashMap<String, Guess>,
    /// Recent texts of the ledger's own 经济分类 column, by (text, codes from 2018).
    own_cache: std::collections::HashMap<(String, bool), Option<ItemId>>,
    /// How the line being read was classified, until it is counted.
    line_class: Option<LineClass>,
    /// Earlier lines, for the red reversals of them.
    reversals: ReversalMemory,
    /// The largest 未归类支出 lines' 摘要.
    unclassified: UnclassifiedKept,
}

impl Classifier {
    /// The classifier of sheet `sheet` (`sheet_name`), whose 未归类支出 lines
    /// are named at `column` and whose own 经济分类 stands in `own_column`.
    pub fn new(sheet: u16, sheet_name: &str, column: u32, own_column: Option<u32>) -> Self {
        Self {
            sheet,
            sheet_name: sheet_name.to_string(),
            column,
            own_column,
            class_cache: std::collections::HashMap::new(),
            summary_cache: std::collections::HashMap::new(),
            own_cache: std::collections::HashMap::new(),
            line_class: None,
            reversals: ReversalMemory::default(),
            unclassified: UnclassifiedKept::default(),
        }
    }

    /// The economic classification of a line: the ledger's own 经济分类 column
    /// (or 辅助核算 text) first, then the account, then the 摘要; a red
    /// reversal may yet take the class of the line it reverses when it is
    /// counted ([`Classifier::settle_line`]). What an account says is worked out once
    /// per account (and code system) and remembered: matching names against
    /// every item's words is the costliest step of a line.
    pub fn classify_line(
        &mut self,
        year: i32,
        account: Option<u32>,
        accounts: &AccountTable,
        row: &Row,
        summary: &str,
    ) -> ItemId {
        let reversal = classify::reversal_in(summary);
        let own = self.own_classification(year, row);
        let by_account = match (own, account) {
            (None, Some(id)) => *self
                .class_cache
                .entry((id, year >= 2018))
                .or_insert_with(|| {
                    let account = accounts.get(id);
                    classify::guess_account(
                        year,
                        account.and_then(|a| a.code.as_deref()),
                        account.map_or("", |a| a.name.as_str()),
                    )
                }),
            _ => Guess::Nothing,
        };
        let item = match (own, by_account) {
            (Some(item), _) => item,
            (None, Guess::Item(item)) => item,
            // The same 摘要 comes back line after line (支付费用, 发放工资):
            // remembered, up to a bound so that a book of all-different 摘要
            // stays small.
            (None, account_says) => classify::settle(account_says, || {
                if let Some(guess) = self.summary_cache.get(summary) {
                    return *guess;
                }
                let guess = classify::guess_text(summary);
                if self.summary_cache.len() >= SUMMARY_CACHE {
                    self.summary_cache.clear();
                }
                self.summary_cache.insert(summary.to_string(), guess);
                guess
            }),
        };
        self.line_class = Some(LineClass {
            row: row.index,
            own: own.is_some(),
            by_account: matches!(by_account, Guess::Item(_)),
            reversal,
            unclassified_summary: (item == OTHER).then(|| shortened(summary.trim())),
        });
        item
    }

    /// The line's class in the ledger's own 经济分类 column (`30201 办公费`,
    /// `30201`, `办公费`) or 辅助核算 text (`…;经济分类:30201 办公费;…`).
    fn own_classification(&mut self, year: i32, row: &Row) -> Option<ItemId> {
        let cell = row.get(self.own_column?);
        let text = match cell {
            CellValue::Text(text) => text.clone(),
            // A code typed as a number: 30201.
            CellValue::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e10 => {
                format!("{}", *n as u64)
            }
            _ => return None,
        };
        let key = (text, year >= 2018);
        if let Some(found) = self.own_cache.get(&key) {
            return *found;
        }
        let found = classify::own_classification(year, &key.0);
        if self.own_cache.len() >= SUMMARY_CACHE {
            self.own_cache.clear();
        }
        self.own_cache.insert(key, found);
        found
    }

    /// The final class of a line being counted, from its classification
    /// ([`Classifier::classify_line`]) and its amount: a red reversal (a
    /// negative line whose 摘要 says 冲销, 红冲 …) takes the class of the line it
    /// reverses when that line is found, unless the ledger's own 经济分类 says
    /// otherwise. Classified lines are remembered for later reversals; the
    /// largest lines left 未归类支出 keep their 摘要 for 数据检查.
    pub fn settle_line(
        &mut self,
        row: u32,
        period: (i32, u32),
        amount: Decimal,
        account: Option<u32>,
        voucher: Option<u32>,
        item: ItemId,
    ) -> ItemId {
        let line = self.line_class.take().filter(|line| line.row == row);
        let account_key = account.unwrap_or(NO_ACCOUNT);
        let mut item = item;
        if let Some(line) = &line {
            if let Some(reversal) = line
                .reversal
                .filter(|_| !line.own && amount.is_sign_negative())
            {
                if let Some(reversed) = self.reversals.find(&reversal, period, account_key, amount)
                {
                    item = reversed;
                }
            }
        }
        if item == OTHER {
            let summary = line
                .and_then(|line| line.unclassified_summary)
                .unwrap_or_default();
            let (sheet, name, column) = (self.sheet, &self.sheet_name, self.column);
            self.unclassified
                .offer((account_key, period.0), amount, || UnclassifiedText {
                    sheet,
                    row,
                    address: cell_address(name, row, column),
                    summary,
                });
        } else if amount > Decimal::ZERO {
            let by_amount = !line.as_ref().is_some_and(|line| line.by_account);
            self.reversals
                .remember(period, voucher, account_key, amount, item, by_amount);
        }
        item
    }

    /// The largest 未归类支出 lines' cells and 摘要, by row.
    pub fn into_texts(self) -> Vec<UnclassifiedText> {
        self.unclassified.into_texts()
    }
}

/// A 摘要 as 数据检查 shows it: at most [`SUMMARY_SHOWN`] characters.
pub fn shortened(text: &str) -> String {
    match text.char_indices().nth(SUMMARY_SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

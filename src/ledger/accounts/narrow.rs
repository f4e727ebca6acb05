//! The narrowing of a whole book to its spending, once it is read: each
//! account's lines are counted or left out as [`super`] knows the account
//! (or as the 科目 / 排除科目 settings say), a parent account whose
//! sub-accounts are counted is left out, and every line left out says why.

use super::{choose_rule, is_parent, is_unrecognised, named_by, Verdict};
use crate::ledger::{account_cell, Account, Entry, Ledger, ReadOptions, SkipReason};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What becomes of one account's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Counted(Verdict),
    Excluded,
    Left(Verdict),
    Parent,
}

/// Narrows a whole book to its expenditure accounts at the lowest level; every
/// entry left out becomes a skipped row with the account named and why:
/// its class (资产类科目 …), the 排除科目 setting, or a parent account. An
/// account jixiao does not know is counted, and said in the account rule.
pub fn keep_expenditure(ledger: &mut Ledger, options: &ReadOptions) {
    let wanted = &options.accounts;
    let excluded = &options.exclude_accounts;
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
        if !excluded.is_empty() {
            ledger.account_rule = Some(format!(
                "按“排除科目”设置排除 {}：计入的行没有科目，没有排除任何一行",
                excluded.join("、")
            ));
        }
        return;
    }
    let accounts: Vec<&Account> = used
        .iter()
        .map(|id| &ledger.accounts[*id as usize])
        .collect();
    let mut rule = choose_rule(&accounts, wanted);
    if let (Some(rule), Some(given_by), false) = (
        rule.as_mut(),
        options.accounts_given_by.as_deref(),
        wanted.is_empty(),
    ) {
        rule.description = format!("只计入指定的科目（{given_by}）：{}", wanted.join("、"));
    }
    let unmatched: Vec<&String> = excluded
        .iter()
        .filter(|w| {
            !accounts
                .iter()
                .any(|a| named_by(std::slice::from_ref(w), a))
        })
        .collect();
    let mut fates: HashMap<u32, Fate> = used
        .iter()
        .zip(&accounts)
        .map(|(id, account)| {
            let fate = if named_by(excluded, account) {
                Fate::Excluded
            } else {
                let verdict = rule
                    .as_ref()
                    .map_or(Verdict::Spending, |r| (r.judge)(account));
                if verdict.counts() {
                    Fate::Counted(verdict)
                } else {
                    Fate::Left(verdict)
                }
            };
            (*id, fate)
        })
        .collect();
    let kept: Vec<u32> = used
        .iter()
        .copied()
        .filter(|id| matches!(fates.get(id), Some(Fate::Counted(_))))
        .collect();
    for p in &kept {
        let parent = &ledger.accounts[*p as usize];
        if kept
            .iter()
            .any(|c| is_parent(parent, &ledger.accounts[*c as usize]))
        {
            fates.insert(*p, Fate::Parent);
        }
    }
    let excluded_given_by = options
        .exclude_accounts_given_by
        .clone()
        .unwrap_or_else(|| "由 --exclude-account 参数指定".to_string());
    let mut left_out = 0usize;
    let mut unrecognised: Vec<(u32, Decimal)> = Vec::new();
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
        let Some(id) = entry.account_index() else {
            return true;
        };
        let account = || accounts[id as usize].to_string();
        let reason = match fates.get(&id) {
            None | Some(Fate::Counted(Verdict::Spending)) => return true,
            Some(Fate::Counted(_)) => {
                match unrecognised.iter_mut().find(|(known, _)| *known == id) {
                    Some((_, sum)) => *sum += entry.amount_yuan,
                    None => unrecognised.push((id, entry.amount_yuan)),
                }
                return true;
            }
            Some(Fate::Parent) => SkipReason::ParentAccount(account()),
            Some(Fate::Excluded) => SkipReason::ExcludedBySetting {
                account: account(),
                given_by: excluded_given_by.clone(),
            },
            Some(Fate::Left(Verdict::NotSpending(class))) => SkipReason::NotSpending {
                account: account(),
                class: class.label(),
            },
            Some(Fate::Left(_)) => SkipReason::NotExpenditure(account()),
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
    let count = |wanted: fn(&Fate) -> bool| fates.values().filter(|f| wanted(f)).count();
    let parents = count(|f| *f == Fate::Parent);
    let excluded_accounts = count(|f| *f == Fate::Excluded);
    let not_spending = count(|f| matches!(f, Fate::Left(_)));
    if rule.is_none() && parents == 0 && excluded.is_empty() {
        return;
    }
    let counted = count(|f| matches!(f, Fate::Counted(_)));
    let description = rule.map_or_else(|| "全部科目".to_string(), |r| r.description);
    let mut text = if left_out == 0 {
        format!("{description}：台账中的 {counted} 个科目都计入")
    } else {
        let mut why = Vec::new();
        if not_spending > 0 {
            why.push(format!("非支出科目 {not_spending} 个"));
        }
        if parents > 0 {
            why.push(format!("上级科目 {parents} 个"));
        }
        if excluded_accounts > 0 {
            why.push(format!(
                "按“排除科目”设置排除 {excluded_accounts} 个（{}）",
                excluded.join("、")
            ));
        }
        format!(
            "{description}；计入 {counted} 个末级科目，未计入 {left_out} 笔（{}）",
            why.join("，")
        )
    };
    if !unrecognised.is_empty() {
        let named: Vec<String> = unrecognised
            .iter()
            .map(|(id, sum)| {
                format!(
                    "“{}” {} 元",
                    ledger.accounts[*id as usize],
                    crate::money::format_cents(*sum)
                )
            })
            .collect();
        text.push_str(&format!(
            "；计入的科目中有 {} 个 jixiao 不认识，不能判断是不是支出，已按支出计入（如不是支出，可用“排除科目”设置排除）：{}",
            unrecognised.len(),
            named.join("、")
        ));
    }
    if !unmatched.is_empty() {
        let named: Vec<String> = unmatched.iter().map(|w| format!("“{w}”")).collect();
        text.push_str(&format!(
            "；“排除科目”中的 {} 没有对上台账中的任何科目，请核对写法",
            named.join("、")
        ));
    }
    ledger.account_rule = Some(text);
}

/// The accounts of `ledger`'s counted lines that jixiao does not know, each
/// with the sum of its counted lines, largest first — when jixiao knows some
/// account of the book (else its accounts column holds something else, and
/// nothing is said of each).
pub fn unrecognised_accounts(ledger: &Ledger) -> Vec<(String, Decimal)> {
    if ledger.accounts.iter().all(is_unrecognised) {
        return Vec::new();
    }
    let mut sums: Vec<(u32, Decimal)> = Vec::new();
    for entry in &ledger.entries {
        let Some(id) = entry.account_index() else {
            continue;
        };
        let Some(account) = ledger.accounts.get(id as usize) else {
            continue;
        };
        if !is_unrecognised(account) {
            continue;
        }
        match sums.iter_mut().find(|(known, _)| *known == id) {
            Some((_, sum)) => *sum += entry.amount_yuan,
            None => sums.push((id, entry.amount_yuan)),
        }
    }
    sums.sort_by(|a, b| b.1.abs().cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    sums.into_iter()
        .filter_map(|(id, sum)| Some((ledger.accounts.get(id as usize)?.to_string(), sum)))
        .collect()
}

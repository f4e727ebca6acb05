//! Closing entries found by their voucher (政府会计制度): a voucher that moves
//! expenses to 本期盈余 (3301) or spending to 财政拨款结转 (8101), 非财政拨款结转
//! (8201), 其他结余 (8301) … is a closing voucher, whatever its 摘要 says, and
//! the credits to expense accounts in it are not negative spending.
//!
//! The parser marks each credit, and each line of a counterpart account, with
//! its voucher (period and 凭证号, wherever the voucher's lines stand:
//! [`super::Entry::voucher`]).

use super::layout::header::is_closing_counterpart;
use super::{skipped_entry, Ledger, SkipReason};
use std::collections::HashMap;

/// Moves the credit lines of closing vouchers from the counted entries to the
/// rows left out, naming the counterpart account that gave the voucher away.
pub fn leave_out_closing_vouchers(ledger: &mut Ledger) {
    let counterpart = |account: Option<u32>| {
        let account = ledger.accounts.get(account? as usize)?;
        is_closing_counterpart(account.code.as_deref(), &account.name).then(|| account.to_string())
    };
    let mut closing: HashMap<(u16, std::num::NonZeroU64), String> = HashMap::new();
    for entry in &ledger.entries {
        if let (Some(voucher), Some(name)) = (entry.voucher, counterpart(entry.account_index())) {
            closing.entry((entry.sheet, voucher)).or_insert(name);
        }
    }
    if closing.is_empty() {
        return;
    }
    let entries = std::mem::take(&mut ledger.entries);
    // Few rows: the vouchers that close the year.
    let mut left_out = Vec::new();
    for entry in entries {
        let found = entry
            .voucher
            .and_then(|voucher| closing.get(&(entry.sheet, voucher)))
            .filter(|_| {
                entry.amount_yuan.is_sign_negative() && counterpart(entry.account_index()).is_none()
            });
        match found {
            Some(name) => {
                let reason = SkipReason::ClosingEntry(format!("结转凭证：同一凭证转入“{name}”"));
                left_out.push(skipped_entry(ledger, &entry, reason));
            }
            None => ledger.entries.push(entry),
        }
    }
    for row in left_out {
        ledger.leave_out(row);
    }
    ledger.sort_left_out();
}

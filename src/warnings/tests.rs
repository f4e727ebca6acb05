use super::*;
use crate::grade::grade_year;
use crate::ledger::{read_ledger, Entry, ReadOptions};
use crate::rules::Rules;
use crate::tieout::TieOut;
use crate::totals::monthly_totals;

/// The seed's monthly table as a frame; the entries under test are set here.
fn ledger_with(amounts: &[(u32, i64)]) -> Ledger {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/monthly-2017.xlsx");
    let mut ledger = read_ledger(&sample, &ReadOptions::default()).unwrap();
    ledger.entries = amounts
        .iter()
        .enumerate()
        .map(|(row, (month, yuan))| Entry {
            year: 2017,
            month: *month,
            amount_yuan: Decimal::from(*yuan),
            sheet: 0,
            row: row as u32,
            account: None,
            item: None,
            voucher: None,
        })
        .collect();
    ledger.read_yuan = ledger
        .entries
        .iter()
        .map(|e| e.amount_yuan)
        .sum::<Decimal>()
        + ledger
            .skipped
            .iter()
            .filter_map(|s| s.amount_yuan)
            .sum::<Decimal>();
    ledger
}

fn codes(ledger: &Ledger) -> Vec<&'static str> {
    let years: Vec<GradedYear> = monthly_totals(ledger)
        .iter()
        .filter_map(|t| grade_year(t, Rules::from_budget(Decimal::from(120))))
        .collect();
    warnings(ledger, &years, None, &crate::advice::Advice::Flags)
        .into_iter()
        .map(|w| w.code)
        .collect()
}

#[test]
fn months_that_cancel_out_are_warned_about() {
    // 228 entries netting to nothing is the closing-entry trap.
    let ledger = ledger_with(&[(1, 500), (1, -500), (2, 800), (2, -800)]);
    let found = codes(&ledger);
    assert!(found.contains(&code::ALL_MONTHS_ZERO), "{found:?}");
    let ledger = ledger_with(&[(1, 500), (1, -500), (2, 80_000)]);
    let found = codes(&ledger);
    assert!(found.contains(&code::MONTH_NETS_TO_ZERO), "{found:?}");
    assert!(!found.contains(&code::ALL_MONTHS_ZERO), "{found:?}");
}

#[test]
fn negative_and_outsized_months_are_warned_about() {
    // Monthly share of 120 万元 is 10 万元: 60 万元 is above five times it.
    let ledger = ledger_with(&[(1, -2_000), (2, 600_000), (3, 90_000)]);
    let found = codes(&ledger);
    assert!(found.contains(&code::NEGATIVE_MONTH), "{found:?}");
    assert!(found.contains(&code::MONTH_ABOVE_5X_SHARE), "{found:?}");
    let ledger = ledger_with(&[(1, 90_000), (2, 100_000)]);
    let found = codes(&ledger);
    assert!(!found.contains(&code::NEGATIVE_MONTH), "{found:?}");
    assert!(!found.contains(&code::MONTH_ABOVE_5X_SHARE), "{found:?}");
}

#[test]
fn a_book_without_totals_says_so_and_a_mismatch_opens_the_conclusion() {
    let mut ledger = ledger_with(&[(1, 90_000)]);
    assert!(codes(&ledger).contains(&code::NO_BOOK_TOTALS));
    ledger.tie_out.record(TieOut {
        what: "明细账!F9「本月合计」".into(),
        book_yuan: Decimal::from(90_000),
        jixiao_yuan: Decimal::from(180_000),
        unchecked: None,
    });
    let years: Vec<GradedYear> = monthly_totals(&ledger)
        .iter()
        .filter_map(|t| grade_year(t, Rules::from_budget(Decimal::from(120))))
        .collect();
    let found = warnings(&ledger, &years, None, &crate::advice::Advice::Flags);
    let mismatch = found
        .iter()
        .find(|w| w.code == code::TIE_OUT_MISMATCH)
        .expect("a mismatch warning");
    assert!(mismatch.text.contains("明细账!F9"), "{}", mismatch.text);
    assert!(!found.iter().any(|w| w.code == code::NO_BOOK_TOTALS));
    assert!(conclusion_caveat(&found).is_some());
    ledger.tie_out = Default::default();
    ledger.tie_out.record(TieOut {
        what: "x".into(),
        book_yuan: Decimal::ONE,
        jixiao_yuan: Decimal::ONE,
        unchecked: None,
    });
    let found = warnings(&ledger, &years, None, &crate::advice::Advice::Flags);
    assert!(conclusion_caveat(&found).is_none());
}

#[test]
fn an_amount_column_empty_on_most_lines_is_warned_about() {
    let ledger = ledger_with(&[(1, 0), (1, 0), (1, 0), (1, 100_000)]);
    assert!(codes(&ledger).contains(&code::AMOUNT_COLUMN_MOSTLY_EMPTY));
    let ledger = ledger_with(&[(1, 0), (1, 90_000), (1, 10_000), (1, 100_000)]);
    assert!(!codes(&ledger).contains(&code::AMOUNT_COLUMN_MOSTLY_EMPTY));
}

#[test]
fn a_small_month_is_not_a_month_netting_to_zero() {
    // 40 元 shows as 0.00 万元 but does not net to zero.
    let ledger = ledger_with(&[(1, 40), (2, 100_000)]);
    let found = codes(&ledger);
    assert!(!found.contains(&code::MONTH_NETS_TO_ZERO), "{found:?}");
    assert!(!found.contains(&code::ALL_MONTHS_ZERO), "{found:?}");
}

/// A name-only book: 办公费 (known), 代管资金 (unknown) and 银行存款 (asset).
fn ledger_with_unknown_account() -> Ledger {
    let mut ledger = ledger_with(&[(1, 500), (2, 300), (3, 200)]);
    ledger.accounts = vec![
        crate::ledger::Account {
            code: None,
            name: "办公费".into(),
        },
        crate::ledger::Account {
            code: None,
            name: "代管资金".into(),
        },
        crate::ledger::Account {
            code: None,
            name: "银行存款".into(),
        },
    ];
    for (entry, account) in ledger.entries.iter_mut().zip([0, 1, 1]) {
        entry.account = Entry::account_ref(Some(account));
    }
    ledger
}

#[test]
fn unrecognised_accounts_are_named_with_their_amount_and_how_to_leave_them_out() {
    let ledger = ledger_with_unknown_account();
    let years: Vec<GradedYear> = monthly_totals(&ledger)
        .iter()
        .filter_map(|t| grade_year(t, Rules::from_budget(Decimal::from(120))))
        .collect();
    let found = warnings(&ledger, &years, None, &crate::advice::Advice::Flags);
    let warning = found
        .iter()
        .find(|w| w.code == code::UNRECOGNISED_ACCOUNTS)
        .unwrap();
    assert!(
        warning.text.contains("“代管资金” 500.00 元")
            && warning.text.contains("--exclude-account 代管资金")
            && !warning.text.contains("办公费"),
        "{}",
        warning.text
    );
    let dropped = crate::advice::Advice::SettingsFile("D:/账/jixiao.toml".into());
    let found = warnings(&ledger, &years, None, &dropped);
    let warning = found
        .iter()
        .find(|w| w.code == code::UNRECOGNISED_ACCOUNTS)
        .unwrap();
    assert!(
        warning.text.contains("exclude-accounts = [\"代管资金\"]")
            && warning.text.contains("D:/账/jixiao.toml")
            && !warning.text.contains("--"),
        "{}",
        warning.text
    );
    // Known accounts only: nothing to say.
    let mut known = ledger_with_unknown_account();
    known.accounts[1].name = "差旅费".into();
    assert!(!codes(&known).contains(&code::UNRECOGNISED_ACCOUNTS));
}

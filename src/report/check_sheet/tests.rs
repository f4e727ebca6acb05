use super::*;
use crate::classify::ItemId;
use crate::ledger::{read_ledger, ReadOptions, UnclassifiedText};

fn entry(row: u32, yuan: i64, item: Option<ItemId>) -> Entry {
    Entry {
        year: 2017,
        month: 1,
        amount_yuan: Decimal::from(yuan),
        sheet: 0,
        row,
        account: None,
        item,
        voucher: None,
    }
}

/// The ledger sample's frame with these entries and kept lines.
fn ledger_with(entries: Vec<Entry>, texts: Vec<UnclassifiedText>) -> Ledger {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/ledger-2017.xlsx");
    let mut ledger = read_ledger(&sample, &ReadOptions::default()).unwrap();
    ledger.entries = entries;
    ledger.unclassified_texts = texts;
    ledger
}

#[test]
fn the_largest_unclassified_lines_come_first_with_their_cell_and_summary() {
    let office = crate::classify::classify(2017, Some("30201"), "", "");
    let mut entries: Vec<Entry> = (1..=14)
        .map(|i| entry(i, i64::from(i) * 10, Some(OTHER)))
        .collect();
    // A red line counts by its size; a classified or unclassifiable one not at all.
    entries.push(entry(20, -500, Some(OTHER)));
    entries.push(entry(21, 100_000, Some(office)));
    entries.push(entry(22, 90_000, None));
    let texts = vec![
        UnclassifiedText {
            sheet: 0,
            row: 13,
            address: "序时账!F14".to_string(),
            summary: String::new(),
        },
        UnclassifiedText {
            sheet: 0,
            row: 14,
            address: "序时账!F15".to_string(),
            summary: "支付款项".to_string(),
        },
        UnclassifiedText {
            sheet: 0,
            row: 20,
            address: "序时账!F21".to_string(),
            summary: "调整".to_string(),
        },
    ];
    let ledger = ledger_with(entries, texts);
    let (count, sum, lines) = unclassified_lines(&ledger, 3);
    assert_eq!(count, 15);
    assert_eq!(sum, Decimal::from((1..=14).sum::<i64>() * 10 - 500));
    let cell = |row: u32| format!("序时账!F{}", row + 1);
    assert_eq!(
        lines,
        [
            UnclassifiedLine {
                address: cell(20),
                account: String::new(),
                summary: "调整".to_string(),
                amount_yuan: Decimal::from(-500),
            },
            UnclassifiedLine {
                address: cell(14),
                account: String::new(),
                summary: "支付款项".to_string(),
                amount_yuan: Decimal::from(140),
            },
            UnclassifiedLine {
                address: cell(13),
                account: String::new(),
                summary: String::new(),
                amount_yuan: Decimal::from(130),
            },
        ]
    );
    assert!(unclassified_fact(&ledger, Decimal::from(1_000))
        .unwrap()
        .starts_with("15 笔，合计 550.00 元（占计入金额 55.0%）"));
}

#[test]
fn a_book_without_unclassified_lines_says_so_and_lists_none() {
    let office = crate::classify::classify(2017, Some("30201"), "", "");
    let ledger = ledger_with(vec![entry(1, 10, Some(office))], Vec::new());
    assert_eq!(
        unclassified_lines(&ledger, 10),
        (0, Decimal::ZERO, Vec::new())
    );
    assert_eq!(
        unclassified_fact(&ledger, Decimal::from(10)).as_deref(),
        Some("无：每一笔计入的支出都归入了支出经济分类")
    );
    // A monthly table classifies nothing: no fact at all.
    let ledger = ledger_with(vec![entry(1, 10, None)], Vec::new());
    assert_eq!(unclassified_fact(&ledger, Decimal::from(10)), None);
}

#[test]
fn a_line_not_kept_while_reading_is_named_by_its_row() {
    let ledger = ledger_with(vec![entry(6, 10, Some(OTHER))], Vec::new());
    let (_, _, lines) = unclassified_lines(&ledger, 10);
    let sheet = &ledger.layout().sheet;
    assert_eq!(lines[0].address, format!("{sheet}!A7"));
    assert_eq!(lines[0].summary, "");
}

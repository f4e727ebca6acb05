use super::*;

fn row(sheet: u16, row: u32, reason: SkipReason, yuan: Option<i64>) -> SkippedRow {
    SkippedRow {
        address: format!("S!A{}", row + 1),
        sheet,
        row,
        reason,
        amount_yuan: yuan.map(Decimal::from),
    }
}

#[test]
fn an_entry_stays_small() {
    // A million entries are most of what a run holds (issue 10: 64 MiB).
    assert!(std::mem::size_of::<super::super::Entry>() <= 48);
}

#[test]
fn rows_past_the_room_of_their_reason_are_counted_not_kept() {
    let mut beyond = LeftOutBeyond::default();
    let mut kept = Vec::new();
    for i in 0..2500u32 {
        let reason = SkipReason::UnreadableAmount(format!("“待定{}”", i % 3));
        beyond.admit(&mut kept, row(0, i, reason, None));
        beyond.admit(&mut kept, row(0, i, SkipReason::OtherYear(2016), Some(-2)));
    }
    assert_eq!(kept.len(), 2 * KEPT_PER_REASON);
    assert_eq!(beyond.len(), 2 * (2500 - KEPT_PER_REASON));
    let tallies: Vec<(&ReasonClass, &Tally)> = beyond.tallies().collect();
    let year = tallies
        .iter()
        .find(|(class, _)| class.other_year == Some(2016))
        .unwrap()
        .1;
    assert_eq!(
        (year.rows, year.yuan, year.abs_yuan, year.without_amount),
        (500, Decimal::from(-1000), Decimal::from(1000), 0)
    );
    let unreadable = tallies.iter().find(|(class, _)| class.attention).unwrap().1;
    assert_eq!((unreadable.rows, unreadable.without_amount), (500, 500));
    // Three distinct texts, each remembered once, each row named by its own.
    let named: Vec<(u16, u32, &str)> = beyond.rows().take(2).collect();
    assert_eq!(named[0], (0, 2000, "金额无法识别：“待定2”；请改为数字"));
    assert_eq!(named[1].1, 2000);
    assert_eq!(beyond.texts.len(), 4);
}

#[test]
fn a_sheets_rows_join_the_ledgers_in_order_with_their_texts() {
    let mut first = LeftOutBeyond::default();
    let mut kept = Vec::new();
    for i in 0..KEPT_PER_REASON as u32 {
        first.admit(&mut kept, row(0, i, SkipReason::NoDateNorAmount, None));
    }
    let mut sheet = LeftOutBeyond::default();
    let mut sheet_kept = Vec::new();
    for i in 0..KEPT_PER_REASON as u32 + 3 {
        sheet.admit(&mut sheet_kept, row(1, i, SkipReason::YearUnknown, None));
        sheet.admit(
            &mut sheet_kept,
            row(1, i, SkipReason::NoDateNorAmount, None),
        );
    }
    first.absorb(&mut kept, sheet_kept, sheet);
    first.sort();
    assert_eq!(kept.len(), 2 * KEPT_PER_REASON);
    assert_eq!(first.len(), 3 + KEPT_PER_REASON + 3);
    let rows: Vec<(u16, u32, &str)> = first.rows().collect();
    assert!(rows
        .windows(2)
        .all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1)));
    assert!(rows
        .iter()
        .any(|(_, _, text)| text.starts_with("不知道这一行属于哪一年")));
}

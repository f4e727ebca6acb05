use super::*;
use crate::ledger::{read_ledger, Entry, ReadOptions, SkipReason, SkippedRow};

fn ledger_with(entries: Vec<Entry>, skipped: Vec<SkippedRow>) -> Ledger {
    // Any real ledger gives the frame; the rows under test are set here.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/monthly-2017.xlsx");
    let mut ledger = read_ledger(&sample, &ReadOptions::default()).unwrap();
    ledger.entries = entries;
    ledger.skipped = skipped;
    ledger
}

fn entry(row: u32, month: u32, yuan: i64, item: Option<ItemId>) -> Entry {
    Entry {
        year: 2017,
        month,
        amount_yuan: Decimal::from(yuan),
        sheet: 0,
        row,
        account: None,
        item,
        voucher: None,
    }
}

fn skipped(row: u32, reason: SkipReason) -> SkippedRow {
    SkippedRow {
        address: format!("表!B{}", row + 1),
        sheet: 0,
        row,
        reason,
        amount_yuan: None,
    }
}

#[test]
fn each_row_gets_its_months_amount_class_and_handling() {
    let office = crate::classify::ITEMS
        .iter()
        .position(|i| i.name == "办公费")
        .unwrap() as ItemId;
    let ledger = ledger_with(
        vec![
            entry(3, 1, 10, Some(office)),
            entry(3, 2, 5, Some(office)),
            entry(5, 2, 7, None),
        ],
        vec![
            skipped(3, SkipReason::TotalColumn),
            skipped(4, SkipReason::NoDateNorAmount),
        ],
    );
    let mut outcomes = Outcomes::new(&ledger);
    assert_eq!(outcomes.of(0, 2).handling, "没有金额");
    let across = outcomes.of(0, 3);
    assert_eq!(across.months, ["2017年1月", "2017年2月"]);
    assert_eq!(across.counted_yuan, Some(Decimal::from(15)));
    assert_eq!(across.classes, ["302 商品和服务支出／办公费"]);
    assert_eq!(
        across.handling,
        "部分计入；排除：合计列，各月已分别计入，不重复计入"
    );
    assert_eq!(
        outcomes.of(0, 4).handling,
        "排除：没有日期也没有金额（说明或续行）"
    );
    let plain = outcomes.of(0, 5);
    assert_eq!((plain.handling.as_str(), plain.classes.len()), ("计入", 0));
}

/// Issue 19, point 7: a trial balance's 借方 / 贷方 columns carry their band.
#[test]
fn band_titles_go_before_debit_and_credit() {
    let mut layout = ledger_with(Vec::new(), Vec::new()).sheets[0].clone();
    layout.groups = vec![(2, "期初余额".to_string()), (4, "本期发生额".to_string())];
    assert_eq!(column_header(&layout, 2, "借方"), "期初余额借方");
    assert_eq!(column_header(&layout, 4, "贷方"), "本期发生额贷方");
    assert_eq!(
        column_header(&layout, 4, "本期发生额贷方"),
        "本期发生额贷方"
    );
    assert_eq!(column_header(&layout, 1, "摘要"), "摘要");
}

use super::*;

fn check(book: &str, jixiao: &str) -> TieOut {
    TieOut::compared(
        "明细账!F20「本月合计」".to_string(),
        book.parse().unwrap(),
        jixiao.parse().unwrap(),
    )
}

#[test]
fn a_cent_apart_is_a_mismatch() {
    assert!(check("100.00", "100").ok());
    let off = check("100.00", "100.01");
    assert!(!off.ok());
    assert!(off.line().contains("不符"), "{}", off.line());
    assert!(off.line().contains("相差 0.01 元"), "{}", off.line());
}

#[test]
fn a_book_without_totals_is_said_so() {
    let log = TieOutLog::default();
    assert!(!log.all_agree());
    assert!(log.summary().contains("台账未列合计，无法勾稽"));
}

#[test]
fn the_log_counts_what_it_does_not_keep() {
    let mut log = TieOutLog::default();
    for _ in 0..KEPT_CHECKS + 5 {
        log.record(check("1", "1"));
    }
    log.record(check("1", "2"));
    assert_eq!(log.total, KEPT_CHECKS + 6);
    assert_eq!(log.mismatches, 1);
    assert!(
        log.checks.iter().any(|c| !c.ok()),
        "mismatches are always kept"
    );
    let mut outer = TieOutLog::default();
    outer.record(check("3", "3"));
    outer.extend(log);
    assert_eq!(outer.total, KEPT_CHECKS + 7);
    assert_eq!(outer.mismatches, 1);
    assert!(outer.summary().contains("1 处不符"));
}

fn unplaced(book: &str) -> TieOut {
    TieOut::cannot_place(
        "汇总!F9「合计」".to_string(),
        book.parse().unwrap(),
        "12".parse().unwrap(),
        "不知道它合计的是哪些行",
    )
}

#[test]
fn a_total_not_placed_is_neither_a_match_nor_a_mismatch() {
    let total = unplaced("100");
    assert_eq!(total.status(), TieOutStatus::Unchecked);
    assert!(!total.ok());
    assert!(!total.is_mismatch());
    assert_eq!(total.verdict(), "未能核对");
    assert_eq!(total.status().code(), "unchecked");
    assert!(
        total.line().contains("未能核对：不知道它合计的是哪些行"),
        "{}",
        total.line()
    );
    assert!(!total.line().contains("jixiao"), "{}", total.line());
    // Even when the figure tried happens to equal the book's.
    assert_eq!(unplaced("12").status(), TieOutStatus::Unchecked);
    assert_eq!(check("1", "2").status().code(), "mismatched");
    assert_eq!(check("2", "2").status().code(), "matched");
}

#[test]
fn totals_not_placed_are_counted_apart_from_comparisons() {
    let mut log = TieOutLog::default();
    log.record(check("5", "5"));
    log.record(unplaced("7"));
    assert_eq!((log.total, log.mismatches, log.unchecked), (1, 0, 1));
    assert!(log.all_agree());
    let summary = log.summary();
    assert!(summary.contains("核对 1 处，全部相符"), "{summary}");
    assert!(
        summary.contains("另有 1 处台账合计无法对应（未能核对）"),
        "{summary}"
    );

    let mut only_unplaced = TieOutLog::default();
    only_unplaced.record(unplaced("7"));
    assert!(!only_unplaced.all_agree());
    assert!(
        only_unplaced.summary().contains("都无法对应"),
        "{}",
        only_unplaced.summary()
    );
    assert!(!only_unplaced.summary().contains("台账未列合计"));

    // Kept beyond the limit like mismatches, and counted through `extend`.
    let mut big = TieOutLog::default();
    for _ in 0..KEPT_CHECKS {
        big.record(check("1", "1"));
    }
    big.record(unplaced("3"));
    big.record(check("1", "1"));
    assert_eq!(big.checks.len(), KEPT_CHECKS + 1);
    assert_eq!((big.total, big.unchecked), (KEPT_CHECKS + 1, 1));
    let mut outer = TieOutLog::default();
    outer.record(unplaced("4"));
    outer.extend(big);
    assert_eq!(
        (outer.total, outer.mismatches, outer.unchecked),
        (KEPT_CHECKS + 1, 0, 2)
    );
}

#[test]
fn sums_add_side_by_side_and_say_what_came_before() {
    let mut lines = Sums::default();
    lines.add("10".parse().unwrap(), "1".parse().unwrap());
    let brought = lines.before("25".parse().unwrap(), "1".parse().unwrap());
    assert_eq!(brought.lines, 0);
    let both = lines.plus(brought);
    assert!(both.agrees("25".parse().unwrap(), "1".parse().unwrap()));
    assert_eq!(both.lines, 1);
}

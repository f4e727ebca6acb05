use super::*;

fn check(book: &str, jixiao: &str) -> TieOut {
    TieOut {
        what: "明细账!F20「本月合计」".to_string(),
        book_yuan: book.parse().unwrap(),
        jixiao_yuan: jixiao.parse().unwrap(),
    }
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

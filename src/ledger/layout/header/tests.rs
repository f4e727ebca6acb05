use super::*;

#[test]
fn headers_are_normalized() {
    assert_eq!(normalize_header(" 借方金额（元）"), "借方金额");
    assert_eq!(normalize_header("金额(万元)"), "金额");
    assert_eq!(normalize_header("(元)"), "(元)");
}

#[test]
fn debit_and_credit_pair() {
    assert_eq!(debit_rank("借方本位币"), Some(1));
    assert_eq!(debit_rank("贷方金额"), None);
    assert_eq!(debit_rank("余额"), None);
    assert_eq!(credit_rank("贷方金额"), Some(0));
    assert_eq!(credit_rank("贷方余额"), None);
    assert!(is_debit_header("本期借方"));
    assert!(!is_debit_header("金额"));
}

#[test]
fn summary_rows_are_recognised() {
    for text in [
        "本月合计",
        "本 年 累 计",
        "期初余额",
        "过次页",
        "小计",
        "一月份合计",
        "本期发生额",
        "上年结转",
    ] {
        assert!(is_summary_text(text), "{text}");
    }
    for text in ["办公费", "报销差旅费合计3人", "上年结转资金购置电脑"] {
        assert!(!is_summary_text(text), "{text}");
    }
    // An account name can look like a total, which is why only the 摘要 and
    // date columns are checked for these words (see `ledger`).
    assert!(is_summary_text("累计折旧"));
}

#[test]
fn closing_entries_are_recognised() {
    for text in [
        "期末结转",
        "结转本年支出",
        "结转本期盈余",
        "年末结转行政支出",
        "结转本月费用",
    ] {
        assert!(is_closing_text(text), "{text}");
    }
    for text in ["上年结转", "上年结转资金购置电脑", "办公费", "结转下年"] {
        assert!(!is_closing_text(text), "{text}");
    }
}

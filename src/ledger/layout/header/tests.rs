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
    assert_eq!(debit_rank("借方本币"), Some(1));
    assert_eq!(debit_rank("原币金额"), None);
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
        "合\u{3000}\u{3000}计",
        "月计",
        "一月份小计",
        "承前页",
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
        "期间损益结转",
        "年末转账",
        "12月末结转",
        "自动转账：结转本年支出",
        "财政拨款支出转入财政拨款结转",
        "结转至非财政拨款结余",
    ] {
        assert!(is_closing_text(text), "{text}");
    }
    for text in ["上年结转", "上年结转资金购置电脑", "办公费", "结转下年"] {
        assert!(!is_closing_text(text), "{text}");
    }
}

#[test]
fn total_kinds_decide_the_comparison() {
    assert_eq!(total_kind("本月合计"), Some(TotalKind::Period));
    assert_eq!(total_kind("三月份小计"), Some(TotalKind::Period));
    assert_eq!(total_kind("月计"), Some(TotalKind::Period));
    assert_eq!(total_kind("本年累计"), Some(TotalKind::Cumulative));
    assert_eq!(total_kind("累 计"), Some(TotalKind::Cumulative));
    assert_eq!(total_kind("合\u{3000}\u{3000}计"), Some(TotalKind::Plain));
    assert_eq!(total_kind("过次页"), Some(TotalKind::PageForward));
    assert_eq!(total_kind("承前页"), Some(TotalKind::PageCarried));
    assert_eq!(total_kind("上年结转"), Some(TotalKind::Balance));
    assert_eq!(total_kind("报销差旅费合计3人"), None);
    assert_eq!(total_kind("本日合计"), Some(TotalKind::Plain));
    assert_eq!(total_kind("结转下年"), Some(TotalKind::Balance));
    assert_eq!(total_kind("上月结转"), Some(TotalKind::Balance));
    assert_eq!(total_kind("本月余额"), Some(TotalKind::Balance));
    assert_eq!(total_kind("退回余额"), None);
}

#[test]
fn quarter_rows_are_totals_of_their_quarter() {
    for (text, quarter) in [
        ("第一季度", 1),
        ("一季度", 1),
        ("一季度小计", 1),
        ("第一季度合计", 1),
        ("1季度", 1),
        ("第2季度", 2),
        ("二季度合计", 2),
        ("第 三 季 度", 3),
        ("第四季度支出", 4),
        ("四季", 4),
    ] {
        assert_eq!(
            total_kind(text),
            Some(TotalKind::Quarter(quarter)),
            "{text}"
        );
        assert!(starts_like_total(text), "{text}");
    }
    // A line about a quarter is no total; 一季度累计 is the year so far.
    for text in ["第一季度房租", "支付第一季度物业费", "五季度", "季度"] {
        assert_eq!(total_kind(text), None, "{text}");
    }
    assert_eq!(total_kind("一季度累计"), Some(TotalKind::Cumulative));
    assert_eq!(total_kind("本季合计"), Some(TotalKind::Period));
}

#[test]
fn closing_counterparts_by_code_or_name() {
    assert!(is_closing_counterpart(Some("8101"), ""));
    assert!(is_closing_counterpart(Some("330101"), ""));
    assert!(is_closing_counterpart(None, "财政拨款结转-基本支出结转"));
    assert!(!is_closing_counterpart(Some("1011"), "零余额账户用款额度"));
}

#[test]
fn progress_report_headers_are_spending() {
    for header in ["本月支出数", "本月实际支出数", "本月支出额", "实际支出"] {
        assert_eq!(debit_rank(header), Some(0), "{header}");
    }
    assert_eq!(debit_rank("累计支出数"), None);
}

#[test]
fn classification_columns_by_their_headers() {
    for header in ["经济分类", "支出经济分类", "经济分类编码", "经济科目名称"]
    {
        assert_eq!(classification_rank(header), Some(0), "{header}");
    }
    // A 辅助核算 text may hold it: taken only when no 经济分类 column is there.
    for header in ["辅助核算", "辅助项", "辅助核算项目", "核算项目"] {
        assert_eq!(classification_rank(header), Some(1), "{header}");
    }
    for header in ["功能分类", "项目", "摘要", "经济分类明细"] {
        assert_eq!(classification_rank(header), None, "{header}");
    }
}

#[test]
fn voucher_status_columns_and_their_void_words() {
    for header in ["凭证状态", "状态", "作废标志", "是否作废", "作废"] {
        assert_eq!(voucher_status_rank(header), Some(0), "{header}");
    }
    assert_eq!(voucher_status_rank("审核状态"), Some(1));
    assert_eq!(voucher_status_rank("摘要"), None);
    assert!(is_void_flag_header("是否作废") && is_void_flag_header("作废标志"));
    assert!(!is_void_flag_header("凭证状态") && !is_void_flag_header("审核状态"));
    for void in ["作废", "已作废", " 已 作废 ", "删除", "已删除", "【作废】"] {
        assert!(is_void_status(void, false), "{void}");
    }
    for booked in [
        "已审核",
        "已记账",
        "正常",
        "未作废",
        "未审核",
        "",
        "是",
        "Y",
    ] {
        assert!(!is_void_status(booked, false), "{booked}");
    }
    // 是 and Y say voided only in a yes/no void flag column.
    for flag in ["是", "Y", "y", "TRUE", "√", "1"] {
        assert!(is_void_status(flag, true), "{flag}");
    }
    for flag in ["否", "N", "0", ""] {
        assert!(!is_void_status(flag, true), "{flag}");
    }
}

#[test]
fn a_summary_is_a_void_mark_only_when_it_opens_with_one_as_a_word() {
    for marked in [
        "作废",
        "已作废",
        "作废：报销差旅费",
        "已作废-购办公用品",
        "【作废】报销差旅费",
        "（作废）付电费",
        "(已作废)付电费",
        "删除",
        "作废凭证",
        " 作废 付水费",
    ] {
        assert!(void_mark_in_summary(marked).is_some(), "{marked}");
    }
    for line in [
        "作废票据重开",
        "删除重复发票后报销",
        "报销差旅费（原凭证作废）",
        "付作废发票的税款",
        "已作废发票重开补付",
        "【报销】作废",
        "",
    ] {
        assert_eq!(void_mark_in_summary(line), None, "{line}");
    }
}

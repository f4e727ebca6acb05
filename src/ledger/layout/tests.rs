use super::*;
use crate::read::CellValue;
use journal::Journal;
use monthly_table::MonthlyTable;
use months_across::MonthsAcross;

fn text_row(index: u32, cells: &[&str]) -> Row {
    Row::from_cells(
        index,
        cells
            .iter()
            .enumerate()
            .map(|(c, t)| (c as u32, CellValue::text(t))),
    )
}

fn detect_plain(sheet: &str, rows: &[Row]) -> Option<Layout> {
    detect(sheet, rows, None, &Overrides::default())
}

#[test]
fn finds_a_journal_below_title_rows() {
    let rows = vec![
        text_row(0, &["州政务服务管理局2017年度支出明细账"]),
        text_row(1, &["单位：元"]),
        text_row(3, &["日期", "凭证号", "科目", "摘要", "金额"]),
    ];
    let layout = detect_plain("明细账", &rows).unwrap();
    assert_eq!(layout.header_row, 3);
    let amount = AmountColumns {
        debit: 4,
        credit: None,
    };
    assert_eq!(
        layout.kind,
        LayoutKind::Journal(Journal {
            dates: DateColumns::Date(0),
            amount
        })
    );
    assert_eq!(layout.other.summary, Some(3));
    assert_eq!(layout.other.account_name, Some(2));
    assert_eq!(layout.unit, Unit::Yuan);
    assert_eq!(
        layout.unit_source,
        UnitSource::Title {
            text: "单位：元".into(),
            cell: "明细账!A2".into()
        }
    );
    assert_eq!(layout.year_in_titles, Some(2017));
    assert!(layout.to_string().contains("第 4 行为表头"));
}

#[test]
fn pairs_debit_with_credit_and_ignores_balance() {
    let rows = vec![text_row(
        0,
        &["记账日期", "摘要", "贷方金额", "借方金额", "余额"],
    )];
    let layout = detect_plain("s", &rows).unwrap();
    let amount = AmountColumns {
        debit: 3,
        credit: Some(2),
    };
    assert_eq!(
        layout.kind,
        LayoutKind::Journal(Journal {
            dates: DateColumns::Date(0),
            amount
        })
    );
    assert_eq!(layout.unit_source, UnitSource::Default);
    assert!(layout.to_string().contains("减 贷方列 C（贷方金额）"));
}

#[test]
fn reads_yongyou_two_row_header() {
    // 用友三栏式明细账: 2017年 merged over 月 | 日; the other headers merged down two rows.
    let rows = vec![
        text_row(0, &["明细账"]),
        text_row(1, &["科目：5101 单位管理费用"]),
        text_row(2, &["单位：元"]),
        text_row(
            3,
            &[
                "2017年",
                "",
                "凭证号数",
                "科目编码",
                "科目名称",
                "摘要",
                "借方",
                "贷方",
                "方向",
                "余额",
            ],
        ),
        text_row(4, &["月", "日"]),
        text_row(
            5,
            &[
                "1",
                "5",
                "记-1",
                "510101",
                "工资福利费用",
                "发放工资",
                "100",
                "",
                "借",
                "100",
            ],
        ),
    ];
    let layout = detect_plain("明细账", &rows).unwrap();
    assert!(layout.two_row_header);
    assert_eq!(layout.header_row, 4);
    let dates = DateColumns::YearMonthDay {
        year: None,
        month: 0,
        day: Some(1),
    };
    let amount = AmountColumns {
        debit: 6,
        credit: Some(7),
    };
    assert_eq!(layout.kind, LayoutKind::Journal(Journal { dates, amount }));
    assert_eq!(
        (layout.other.account_code, layout.other.account_name),
        (Some(3), Some(4))
    );
    assert_eq!(layout.year_in_titles, Some(2017));
    assert!(layout.to_string().contains("第 4—5 行为表头"), "{layout}");
}

#[test]
fn reads_year_month_day_columns_and_periods() {
    let rows = vec![text_row(0, &["年", "月", "日", "摘要", "金额"])];
    let layout = detect_plain("s", &rows).unwrap();
    let dates = DateColumns::YearMonthDay {
        year: Some(0),
        month: 1,
        day: Some(2),
    };
    assert!(
        matches!(layout.kind, LayoutKind::Journal(Journal { dates: ref d, .. }) if *d == dates)
    );

    let rows = vec![text_row(
        0,
        &[
            "会计期间",
            "凭证字号",
            "科目代码",
            "科目名称",
            "借方本位币",
            "贷方本位币",
        ],
    )];
    let layout = detect_plain("s", &rows).unwrap();
    let amount = AmountColumns {
        debit: 4,
        credit: Some(5),
    };
    assert_eq!(
        layout.kind,
        LayoutKind::Journal(Journal {
            dates: DateColumns::Period(0),
            amount
        })
    );
}

#[test]
fn finds_the_seed_monthly_table() {
    let rows = vec![
        text_row(0, &["2017年1—8月资金支出情况"]),
        text_row(1, &["月份", "支出金额", "绩效等级", "情况分析"]),
        text_row(2, &["一月", "26.54", "优秀"]),
    ];
    let layout = detect_plain("Sheet1", &rows).unwrap();
    assert_eq!(
        layout.kind,
        LayoutKind::MonthlyTable(MonthlyTable {
            month_column: 0,
            amount_column: 1
        })
    );
    assert_eq!(
        (layout.unit, layout.unit_source.clone()),
        (Unit::Wan, UnitSource::Default)
    );
    assert_eq!(layout.year_in_titles, Some(2017));
}

#[test]
fn finds_months_across() {
    let mut header = vec!["支出项目"];
    let months: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
    header.extend(months.iter().map(String::as_str));
    header.push("合计");
    let rows = vec![
        text_row(0, &["2017年各月支出（单位：万元）"]),
        text_row(1, &header),
    ];
    let layout = detect_plain("s", &rows).unwrap();
    let LayoutKind::MonthsAcross(MonthsAcross {
        label_column,
        month_columns,
        total_column,
    }) = &layout.kind
    else {
        panic!("not months-across: {layout:?}");
    };
    assert_eq!(
        (*label_column, month_columns.len(), *total_column),
        (0, 12, Some(13))
    );
    assert_eq!(month_columns[11], (12, 12));
    assert_eq!(layout.unit, Unit::Wan);
}

#[test]
fn a_month_sheet_needs_no_date_column() {
    let rows = vec![text_row(0, &["摘要", "金额"])];
    assert_eq!(detect_plain("说明", &rows), None);
    let layout = detect("3月", &rows, Some(3), &Overrides::default()).unwrap();
    let amount = AmountColumns {
        debit: 1,
        credit: None,
    };
    assert_eq!(
        layout.kind,
        LayoutKind::Journal(Journal {
            dates: DateColumns::SheetMonth(3),
            amount
        })
    );
}

#[test]
fn overrides_pick_the_header_row_and_columns() {
    let rows = vec![
        text_row(0, &["甲", "乙", "丙"]),
        text_row(1, &["x", "y", "z"]),
    ];
    let overrides = Overrides {
        header_row: Some(0),
        date_column: Some(2),
        amount_column: Some(0),
        unit: None,
    };
    let layout = detect("s", &rows, None, &overrides).unwrap();
    let amount = AmountColumns {
        debit: 0,
        credit: None,
    };
    assert_eq!(
        layout.kind,
        LayoutKind::Journal(Journal {
            dates: DateColumns::Date(2),
            amount
        })
    );
}

#[test]
fn unit_comes_from_the_amount_header_or_the_flag() {
    let rows = vec![text_row(0, &["日期", "金额（万元）"])];
    let layout = detect_plain("s", &rows).unwrap();
    assert_eq!(layout.unit, Unit::Wan);
    assert_eq!(
        layout.unit_source,
        UnitSource::Header("金额（万元）".into())
    );
    let overrides = Overrides {
        unit: Some(Unit::Yuan),
        ..Overrides::default()
    };
    let flagged = detect("s", &rows, None, &overrides).unwrap();
    assert_eq!(
        (flagged.unit, flagged.unit_source),
        (Unit::Yuan, UnitSource::Flag)
    );
}

#[test]
fn no_header_means_no_layout() {
    let rows = vec![
        text_row(0, &["姓名", "电话"]),
        text_row(1, &["张三", "123"]),
    ];
    assert_eq!(detect_plain("s", &rows), None);
}

#[test]
fn totals_are_found_in_any_column_but_account_names() {
    let rows = vec![text_row(0, &["序号", "日期", "科目名称", "摘要", "金额"])];
    let layout = detect_plain("s", &rows).unwrap();
    let excluded = layout.marker_exclusions();
    let depreciation = text_row(5, &["1", "2017-01-31", "累计折旧", "计提折旧", "10"]);
    assert_eq!(summary_marker(&depreciation, &excluded), None);
    let total = text_row(6, &["", "", "", "本月合计", "10"]);
    assert_eq!(
        summary_marker(&total, &excluded).as_deref(),
        Some("本月合计")
    );
    // In the 序号 column, with full-width spaces, as hand-kept books write it.
    let in_first_column = text_row(7, &["合\u{3000}\u{3000}计", "", "", "", "10"]);
    assert_eq!(
        total_marker(&in_first_column, &excluded).map(|(kind, _)| kind),
        Some(header::TotalKind::Plain)
    );
    let closing = text_row(8, &["", "2017-12-31", "", "期间损益结转", "10"]);
    assert_eq!(
        closing_marker(&closing, &excluded).as_deref(),
        Some("期间损益结转")
    );
    let carried_funds = text_row(9, &["", "2017-12-31", "财政拨款结转", "购置电脑", "10"]);
    assert_eq!(closing_marker(&carried_funds, &excluded), None);
}

#[test]
fn month_totals_in_the_first_column_are_period_totals() {
    let rows = vec![text_row(0, &["序号", "日期", "凭证号", "摘要", "金额"])];
    let layout = detect_plain("s", &rows).unwrap();
    let excluded = layout.marker_exclusions();
    for word in ["一月份小计", "月计", "1月份合计", "本月合计"] {
        let total = text_row(9, &[word, "", "", "", "10"]);
        assert_eq!(
            total_marker(&total, &excluded),
            Some((header::TotalKind::Period, word.to_string())),
            "{word}"
        );
    }
    let spaced = text_row(9, &["合\u{3000}\u{3000}计", "", "", "", "10"]);
    assert_eq!(
        summary_marker(&spaced, &excluded).as_deref(),
        Some("合\u{3000}\u{3000}计")
    );
}

/// 用友-style 多栏账 header: 2017年 over 月 | 日, 凭证号 … 余额 merged down, and
/// a band 借方金额分析 over the economic items.
fn multi_column_header() -> Vec<Row> {
    vec![
        text_row(0, &["单位管理费用多栏账"]),
        text_row(
            1,
            &[
                "2017年",
                "",
                "凭证号",
                "摘要",
                "借方",
                "贷方",
                "方向",
                "余额",
                "借方金额分析",
            ],
        ),
        text_row(
            2,
            &[
                "月",
                "日",
                "",
                "",
                "",
                "",
                "",
                "",
                "30101 基本工资",
                "30201 办公费",
                "30211 差旅费",
            ],
        ),
        text_row(
            3,
            &[
                "1",
                "5",
                "记-1",
                "发放工资",
                "1000",
                "",
                "借",
                "1000",
                "1000",
            ],
        ),
    ]
}

#[test]
fn multi_column_band_under_debit_analysis_reads_the_debit_column() {
    let layout = detect_plain("多栏账", &multi_column_header()).unwrap();
    assert!(layout.two_row_header);
    assert_eq!(layout.header_row, 2);
    let LayoutKind::MultiColumn(kind) = &layout.kind else {
        panic!("not a 多栏账: {layout:?}");
    };
    // Spending is 借方 (E) less 贷方 (F), never a band column.
    assert_eq!(
        kind.amount,
        Some(AmountColumns {
            debit: 4,
            credit: Some(5)
        })
    );
    let band: Vec<u32> = kind.band.iter().map(|(c, _)| *c).collect();
    assert_eq!(band, [8, 9, 10]);
    assert_eq!(kind.band_title, "借方金额分析");
    assert_eq!(
        kind.dates,
        DateColumns::YearMonthDay {
            year: None,
            month: 0,
            day: Some(1)
        }
    );
    assert_eq!(layout.other.summary, Some(3));
    assert_eq!(layout.other.voucher, Some(2));
    assert_eq!(layout.year_in_titles, Some(2017));
    assert!(layout.to_string().contains("不单独计入"), "{layout}");
}

fn trial_balance_header(title: &str) -> Vec<Row> {
    vec![
        text_row(0, &["科目余额表"]),
        text_row(1, &[title]),
        text_row(
            2,
            &[
                "科目编码",
                "科目名称",
                "期初余额",
                "",
                "本期发生额",
                "",
                "本年累计",
                "",
                "期末余额",
            ],
        ),
        text_row(
            3,
            &[
                "", "", "借方", "贷方", "借方", "贷方", "借方", "贷方", "借方", "贷方",
            ],
        ),
        text_row(
            4,
            &["7101", "行政支出", "100", "", "30", "", "90", "", "130"],
        ),
    ]
}

#[test]
fn trial_balance_two_row_header_takes_the_period_debit_and_the_title_period() {
    let layout = detect_plain("Sheet1", &trial_balance_header("会计期间：2017年第3期")).unwrap();
    assert!(layout.two_row_header);
    assert_eq!(layout.header_row, 3);
    let LayoutKind::TrialBalance(kind) = &layout.kind else {
        panic!("not a trial balance: {layout:?}");
    };
    // 本期发生额 借方 (E), not 期初 (C), 本年累计 (G) or 期末 (I).
    assert_eq!((kind.debit, kind.credit), (4, Some(5)));
    assert_eq!((kind.year, kind.month), (Some(2017), Some(3)));
    assert_eq!(kind.spans_months, None);
    assert_eq!(layout.unit, Unit::Yuan);

    for title in ["月份：2017.03-2017.03", "2017年3月"] {
        let layout = detect_plain("Sheet1", &trial_balance_header(title)).unwrap();
        let LayoutKind::TrialBalance(kind) = &layout.kind else {
            panic!("not a trial balance: {layout:?}");
        };
        assert_eq!((kind.year, kind.month), (Some(2017), Some(3)), "{title}");
    }
}

#[test]
fn trial_balance_title_spanning_months_is_marked() {
    let layout = detect_plain("Sheet1", &trial_balance_header("期间：2017.01-2017.03")).unwrap();
    let LayoutKind::TrialBalance(kind) = &layout.kind else {
        panic!("not a trial balance: {layout:?}");
    };
    assert!(kind.spans_months.is_some());
    assert_eq!(kind.month, None);
    assert!(layout.to_string().contains("跨多个月"), "{layout}");
}

#[test]

fn trial_balance_title_with_a_chinese_month_range_is_marked() {
    for title in ["2017年1-3月", "2017年1月-3月", "2017年1月至3月"] {
        let layout = detect_plain("Sheet1", &trial_balance_header(title)).unwrap();
        let LayoutKind::TrialBalance(kind) = &layout.kind else {
            panic!("not a trial balance: {layout:?}");
        };
        assert!(kind.spans_months.is_some(), "{title}: {kind:?}");
    }
}

#[test]
fn months_across_by_class_without_a_code_column_labels_by_the_item_column() {
    let rows = vec![
        text_row(0, &["2017年各项支出明细表（单位：元）"]),
        text_row(1, &["项目", "1月", "2月", "3月", "合计"]),
        text_row(2, &["工资福利支出", "300", "300", "300", "900"]),
    ];
    let layout = detect_plain("横表", &rows).unwrap();
    assert_eq!(
        layout.kind,
        LayoutKind::MonthsAcross(MonthsAcross {
            label_column: 0,
            month_columns: vec![(1, 1), (2, 2), (3, 3)],
            total_column: Some(4)
        })
    );
    assert_eq!(layout.other.account_code, None);
    assert_eq!(layout.unit, Unit::Yuan);
}

#[test]
fn a_unit_stated_in_the_title_block_is_read_wherever_it_stands() {
    for (stated, unit) in [
        ("金额单位：元", Unit::Yuan),
        ("编制单位：州政务服务管理局　　单位：元", Unit::Yuan),
        ("单位: 万元", Unit::Wan),
        ("（单位：元）", Unit::Yuan),
        ("金额单位：人民币元", Unit::Yuan),
        ("单位　：　万元", Unit::Wan),
        ("（万元）", Unit::Wan),
    ] {
        let rows = vec![
            text_row(0, &["2017年支出进度表"]),
            Row::from_cells(1, [(5, CellValue::text(stated))]),
            text_row(2, &["月份", "本月支出数"]),
            text_row(3, &["一月", "12"]),
        ];
        let layout = detect_plain("进度", &rows).unwrap();
        assert_eq!(layout.unit, unit, "{stated}");
        assert_eq!(
            layout.unit_source,
            UnitSource::Title {
                text: stated.to_string(),
                cell: "进度!F2".into()
            },
            "{stated}"
        );
        assert!(layout.to_string().contains("来自 进度!F2"), "{layout}");
    }
}

#[test]
fn a_unit_in_another_header_cell_is_read() {
    let rows = vec![
        text_row(0, &["日期", "摘要", "金额", "单位：元"]),
        text_row(1, &["2017-01-05", "办公费", "12"]),
    ];
    let layout = detect_plain("s", &rows).unwrap();
    assert_eq!(layout.unit, Unit::Yuan);
    assert!(matches!(layout.unit_source, UnitSource::Title { ref cell, .. } if cell == "s!D1"));
}

#[test]
fn an_organisation_label_alone_states_no_unit() {
    assert_eq!(unit_stated("编制单位：州政务服务管理局"), None);
    assert_eq!(unit_stated("单位名称"), None);
    assert_eq!(unit_stated("预算单位：元宝山区财政局"), None);
    assert_eq!(
        unit_stated("单　位：元　　打印日期：2019-09-02"),
        Some(Unit::Yuan)
    );
}

#[test]
fn planned_and_received_amounts_never_outrank_what_was_spent() {
    let rows = vec![text_row(
        0,
        &["支付日期", "摘要", "计划金额", "收入金额", "支付金额"],
    )];
    let layout = detect_plain("支付明细", &rows).unwrap();
    let LayoutKind::Journal(journal) = &layout.kind else {
        panic!("{layout:?}");
    };
    assert_eq!(journal.amount.debit, 4);
    // 收入 is never an amount to count; 计划 only when nothing else is.
    assert_eq!(header::debit_rank("收入金额"), None);
    let rows = vec![text_row(0, &["日期", "摘要", "申请金额"])];
    let layout = detect_plain("申请", &rows).unwrap();
    assert_eq!(layout.kind.sheet_layout().amount_column(), Some(2));
}

#[test]
fn hand_kept_headers_name_their_date_and_amount_in_their_own_words() {
    for (date, amount, unit) in [
        ("时间", "数额", Unit::Yuan),
        ("月日", "金额/元", Unit::Yuan),
        ("支付时间", "开支额", Unit::Yuan),
        ("日期", "支出/万元", Unit::Wan),
    ] {
        let rows = vec![
            text_row(0, &["2017年办公经费"]),
            text_row(1, &[date, "摘要", amount]),
        ];
        let layout = detect_plain("台账", &rows).unwrap_or_else(|| panic!("{date} {amount}"));
        let LayoutKind::Journal(journal) = &layout.kind else {
            panic!("{layout:?}");
        };
        assert_eq!(journal.dates, DateColumns::Date(0), "{date}");
        assert_eq!(journal.amount.debit, 2, "{amount}");
        assert_eq!(layout.unit, unit, "{amount}");
    }
}

#[test]
fn a_date_merged_over_month_and_day_is_a_two_row_header() {
    let rows = vec![
        text_row(0, &["某某局2017年经费支出账（单位：元）"]),
        text_row(1, &["日期", "", "凭证号", "摘要", "科目", "金额"]),
        text_row(2, &["月", "日"]),
        Row::from_cells(
            3,
            [
                (0, CellValue::Number(1.0)),
                (1, CellValue::Number(5.0)),
                (2, CellValue::text("记-1")),
                (3, CellValue::text("工资")),
                (5, CellValue::Number(100.0)),
            ],
        ),
    ];
    let layout = detect_plain("支出账", &rows).unwrap();
    assert_eq!(layout.header_row, 2);
    let LayoutKind::Journal(journal) = &layout.kind else {
        panic!("{layout:?}");
    };
    assert_eq!(
        journal.dates,
        DateColumns::YearMonthDay {
            year: None,
            month: 0,
            day: Some(1)
        }
    );
    assert_eq!(journal.amount.debit, 5);
}

#[test]
fn entries_one_per_row_take_the_debited_account_and_the_amount() {
    let rows = vec![text_row(
        0,
        &["日期", "凭证号", "摘要", "借方科目", "贷方科目", "金额"],
    )];
    let layout = detect_plain("分录", &rows).unwrap();
    let LayoutKind::Journal(journal) = &layout.kind else {
        panic!("{layout:?}");
    };
    assert_eq!(journal.amount.debit, 5);
    assert_eq!(journal.amount.credit, None);
    assert_eq!(layout.other.account_name, Some(3));
    assert_eq!(layout.other.counter_account, Some(4));
}

#[test]
fn a_period_beside_a_voucher_date_decides_the_month() {
    let rows = vec![text_row(
        0,
        &["会计期间", "凭证日期", "凭证号", "摘要", "借方金额"],
    )];
    let layout = detect_plain("序时账", &rows).unwrap();
    let LayoutKind::Journal(journal) = &layout.kind else {
        panic!("{layout:?}");
    };
    assert_eq!(journal.dates, DateColumns::Period(0));
}

#[test]
fn report_words_and_parts_of_an_amount() {
    assert_eq!(header::debit_rank("本月数"), Some(2));
    assert_eq!(header::debit_rank("其中：基本支出"), None);
    assert_eq!(header::debit_rank("退回金额"), None);
    assert_eq!(header::refund_rank("退回金额"), Some(0));
    assert_eq!(header::period_rank("所属期"), Some(0));
}

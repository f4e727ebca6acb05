use super::*;
use crate::grade::grade_year;
use crate::report::plan::Cell;
use crate::report::rules_sheet;
use crate::rules::Rules;
use crate::totals::MonthlyTotals;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn seed_year() -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    for (i, amount) in [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ]
    .iter()
    .enumerate()
    {
        totals.months_wan[i] = Some(d(amount));
    }
    grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap()
}

fn seed_plan() -> SheetPlan {
    plan(&seed_year(), "月度分析", "自评指标体系", "&C页眉", None)
}

fn cell(plan: &SheetPlan, row: u32, column: u16) -> &Cell {
    plan.cell(row, column)
        .unwrap_or_else(|| panic!("no cell at {row},{column}"))
}

fn formula(plan: &SheetPlan, row: u32, column: u16) -> (&str, &Cached) {
    match &cell(plan, row, column).value {
        Value::Formula(text, cached) => (text.as_str(), cached),
        other => panic!("not a formula at {row},{column}: {other:?}"),
    }
}

#[test]
fn headers_keep_the_contract_names_in_order() {
    let plan = seed_plan();
    let headers: Vec<&str> = (0..11)
        .map(|c| match &cell(&plan, 0, c).value {
            Value::Text(text) => text.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        headers,
        [
            "月份",
            "支出金额（万元）",
            "月均预算（万元）",
            "完成率",
            "绩效等级",
            "整改办法",
            "情况分析",
            "累计支出（万元）",
            "累计执行率",
            "序时进度",
            "进度差异"
        ]
    );
}

#[test]
fn grades_are_formulas_on_the_threshold_cells_with_jixiaos_result() {
    let plan = seed_plan();
    assert_eq!(cell(&plan, 1, 1).value, Value::Number(d("26.54")));
    let (text, cached) = formula(&plan, 1, 4);
    assert_eq!(
        text,
        "IF(B2=\"\",\"未到期\",IF(ROUND(B2,2)>=优秀标准,\"优秀\",IF(ROUND(B2,2)>=良好标准,\"良好\",\
IF(ROUND(B2,2)>=中等标准,\"中等\",IF(ROUND(B2,2)>=及格标准,\"及格\",\"差\")))))"
    );
    assert_eq!(cached, &Cached::Text("优秀".into()));
    assert_eq!(formula(&plan, 2, 4).1, &Cached::Text("差".into()));
    assert_eq!(
        formula(&plan, 2, 5).1,
        &Cached::Text("加快资金支出进度".into())
    );
    assert_eq!(formula(&plan, 8, 4).1, &Cached::Text("良好".into()));
    // September is not due: no amount, 未到期, no measure, empty rates.
    assert_eq!(cell(&plan, 9, 1).value, Value::Blank);
    assert_eq!(formula(&plan, 9, 4).1, &Cached::Text("未到期".into()));
    assert_eq!(formula(&plan, 9, 5).1, &Cached::Text("—".into()));
    assert_eq!(
        formula(&plan, 9, 3),
        ("IF(B10=\"\",\"—\",B10/C10)", &Cached::Text("—".into()))
    );
}

#[test]
fn rates_and_cumulative_columns_carry_exact_results() {
    let plan = seed_plan();
    assert_eq!(
        formula(&plan, 1, 2),
        ("预算收入/12", &Cached::Number(d("322.95") / d("12")))
    );
    assert_eq!(
        formula(&plan, 1, 3),
        (
            "IF(B2=\"\",\"—\",B2/C2)",
            &Cached::Number(d("26.54") / (d("322.95") / d("12")))
        )
    );
    assert_eq!(
        formula(&plan, 8, 7),
        (
            "IF(B9=\"\",\"—\",SUM(B$2:B9))",
            &Cached::Number(d("273.43"))
        )
    );
    assert_eq!(
        formula(&plan, 8, 8).1,
        &Cached::Number(d("273.43") / d("322.95"))
    );
    assert_eq!(
        formula(&plan, 8, 9),
        ("IF(B9=\"\",\"—\",8/12)", &Cached::Number(d("8") / d("12")))
    );
    assert_eq!(
        formula(&plan, 8, 10).1,
        &Cached::Number(d("273.43") / d("322.95") - d("8") / d("12"))
    );
    assert_eq!(
        formula(&plan, TOTAL_ROW, 1),
        ("SUM(B2:B13)", &Cached::Number(d("273.43")))
    );
}

#[test]
fn grades_are_coloured_and_charted() {
    let plan = seed_plan();
    assert_eq!(plan.grade_colours, [(1, 4, 12, 4)]);
    assert_eq!(plan.charts.len(), 2);
    let first = &plan.charts[0];
    assert_eq!(
        first.columns,
        [(
            "支出金额".to_string(),
            "月度分析".to_string(),
            (1, 1, 12, 1)
        )]
    );
    assert_eq!(first.lines.len(), 4);
    // The standard lines read hidden columns of this sheet, empty after the
    // last due month: they stop where the bars stop.
    assert_eq!(
        first.lines[0],
        (
            "优秀线".to_string(),
            "月度分析".to_string(),
            (1, 13, 12, 13)
        )
    );
    assert_eq!(first.lines[3].2, (1, 16, 12, 16));
    assert_eq!(
        formula(&plan, 8, 13),
        ("优秀标准", &Cached::Number(d("24.22")))
    );
    assert_eq!(
        formula(&plan, 8, 16),
        ("及格标准", &Cached::Number(d("16.15")))
    );
    assert_eq!(cell(&plan, 9, 13).value, Value::Blank);
    assert_eq!(cell(&plan, 12, 16).value, Value::Blank);
    // The execution chart reads hidden chart data, empty for months not yet due, so
    // its lines stop at August instead of falling to 0 % in September.
    assert_eq!(plan.charts[1].lines[1].2, (1, 12, 12, 12));
    assert_eq!(plan.hidden_columns, [11, 12, 13, 14, 15, 16]);
    assert_eq!(cell(&plan, 9, 11).value, Value::Blank);
    assert_eq!(cell(&plan, 9, 12).value, Value::Blank);
    assert_eq!(formula(&plan, 8, 11).0, "I9");
    assert_eq!(
        formula(&plan, 8, 12),
        ("J9", &Cached::Number(d("8") / d("12")))
    );
    // The table on page 1; both charts on page 2, under no repeated header;
    // the chart data outside the print area.
    assert_eq!(plan.page_breaks, [CHARTS_ROW]);
    assert_eq!(plan.charts[0].anchor, (CHARTS_ROW, 0));
    assert!(plan.charts[1].anchor.0 >= CHARTS_ROW + 16);
    assert_eq!(plan.repeat_rows, None);
    let (_, first_column, last_row, last_column) = plan.print_area.unwrap();
    assert_eq!((first_column, last_column), (0, 10));
    assert!(last_row >= plan.charts[1].anchor.0 + 16);
    assert!(plan.page_footer.contains("&P"));
}

#[test]
fn rules_sheet_thresholds_are_formulas_of_the_budget() {
    let year = seed_year();
    let rules = rules_sheet::plan(&year, "自评指标体系", "月度分析", "");
    assert_eq!(rules.cell(0, 1).unwrap().value, Value::Number(d("322.95")));
    let thresholds: Vec<(String, Cached)> = rules_sheet::THRESHOLD_ROWS
        .iter()
        .map(|row| match &rules.cell(*row, 1).unwrap().value {
            Value::Formula(text, cached) => (text.clone(), cached.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        thresholds,
        [
            (
                "ROUND($B$1*90/1200,2)".to_string(),
                Cached::Number(d("24.22"))
            ),
            (
                "ROUND($B$1*80/1200,2)".to_string(),
                Cached::Number(d("21.53"))
            ),
            (
                "ROUND($B$1*70/1200,2)".to_string(),
                Cached::Number(d("18.84"))
            ),
            (
                "ROUND($B$1*60/1200,2)".to_string(),
                Cached::Number(d("16.15"))
            ),
        ]
    );
    // The period follows the last month 月度分析 holds an amount for.
    let Value::Formula(period, Cached::Text(shown)) = &rules.cell(2, 1).unwrap().value else {
        panic!("{:?}", rules.cell(2, 1));
    };
    assert_eq!(shown, "2017年1—8月");
    assert!(
        period.contains("ROW('月度分析'!$B$2:$B$13)") && period.contains("\"2017年1—\"&"),
        "{period}"
    );
}

/// Issue 19, point 4: the sheet handed in holds no flag, no rounding jargon,
/// no program note and no chart data.
#[test]
fn rules_sheet_speaks_to_the_bureau() {
    let rules = rules_sheet::plan(&seed_year(), "自评指标体系", "月度分析", "");
    let texts: Vec<String> = rules
        .cells
        .iter()
        .filter_map(|c| match &c.value {
            Value::Text(text) | Value::Formula(_, Cached::Text(text)) => Some(text.clone()),
            _ => None,
        })
        .collect();
    for word in [
        "--",
        "参数",
        "远离零",
        "四舍五入",
        "原表",
        "图表数据",
        "jixiao",
    ] {
        assert!(
            texts.iter().all(|t| !t.contains(word)),
            "{word} in {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t == rules_sheet::GRADING_NOTE));
    let last = rules.cells.iter().map(|c| c.row).max().unwrap();
    assert_eq!(rules.print_area, Some((0, 0, last, 4)));
}

/// Issue 19, point 1: every 情况分析 is its text while the amount and the
/// rules are the ledger's, else a notice naming the ledger's amount.
#[test]
fn month_notes_turn_into_a_notice_when_the_amount_changes() {
    let plan = seed_plan();
    let (text, cached) = formula(&plan, 2, 6);
    let Cached::Text(note) = cached else {
        panic!("{cached:?}")
    };
    assert!(note.starts_with("支出4.44万元"), "{note}");
    assert!(
        text.starts_with(
            "IF(ROUND(B3,2)<>4.44,\"支出金额已改动（台账合计4.44万元），请重新生成本月情况分析\",IF(AND(ROUND(预算收入,4)=322.95,ROUND(优秀标准,2)=24.22,ROUND(良好标准,2)=21.53,ROUND(中等标准,2)=18.84,ROUND(及格标准,2)=16.15),"
        ),
        "{text}"
    );
    assert!(text.contains(&format!("\"{note}\"")), "{text}");
    assert!(text.ends_with(
        "\"预算收入或评定标准已改动（台账评定时预算收入为322.95万元），请重新生成本月情况分析\"))"
    ));
    // A month not yet due: its text while empty, a notice once filled in.
    assert_eq!(
        formula(&plan, 9, 6),
        (
            "IF(B10=\"\",\"未到期，暂不评定\",\"支出金额已填入（台账本月尚无支出记录），请重新生成本月情况分析\")",
            &Cached::Text("未到期，暂不评定".into())
        )
    );
    // Rows as tall as their text in the widest CJK font (2.1 columns a character).
    let height = |row: u32| plan.heights.iter().find(|(r, _)| *r == row).unwrap().1;
    assert_eq!(height(10), 15.0, "未到期，暂不评定 is one line");
    let Cached::Text(march) = formula(&plan, 3, 6).1 else {
        panic!()
    };
    let used: f64 = march
        .chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum();
    assert!(
        height(3) >= (used / 58.0).ceil() * 15.0,
        "{march}: {}",
        height(3)
    );
    assert_eq!(text_row_height(&"甲".repeat(58), 60.0), 45.0);
}

#[test]
fn the_conclusion_turns_into_a_notice_with_the_ledgers_total() {
    let plan = seed_plan();
    let (text, cached) = formula(&plan, CONCLUSION_ROW, 0);
    assert!(text.starts_with(
        "IF(AND(ROUND(B2,2)=26.54,ROUND(B3,2)=4.44,ROUND(B4,2)=62.29,ROUND(B5,2)=59.21,ROUND(B6,2)=28.34,ROUND(B7,2)=27.68,ROUND(B8,2)=41.69,ROUND(B9,2)=23.24,COUNT(B10:B13)=0),"
    ), "{text}");
    assert!(text.ends_with(
        "\"支出金额已改动（台账1—8月合计273.43万元，本表合计\"&TEXT(B15,\"0.00\")&\"万元），请重新生成综合评价结论\")"
    ), "{text}");
    let Cached::Text(conclusion) = cached else {
        panic!()
    };
    assert!(
        conclusion.starts_with("2017年1—8月共评定8个月"),
        "{conclusion}"
    );
    // The total's label follows a month not yet due that is filled in.
    assert_eq!(
        formula(&plan, TOTAL_ROW, 0),
        (
            "IF(COUNT(B10:B13)=0,\"合计（1—8月）\",\"合计\")",
            &Cached::Text("合计（1—8月）".into())
        )
    );
}

#[test]
fn a_long_text_is_cut_into_literals_excel_accepts() {
    let long = "甲".repeat(450) + "\"";
    let literal = crate::report::plan::text_literal(&long);
    let pieces: Vec<&str> = literal.split("\"&\"").collect();
    assert_eq!(pieces.len(), 3);
    assert!(pieces.iter().all(|p| p.chars().count() <= 255));
    assert!(literal.ends_with("\"\"\""), "a quote is doubled: {literal}");
}

#[test]
fn a_caveat_opens_the_conclusion() {
    let plan = plan(
        &seed_year(),
        "月度分析",
        "自评指标体系",
        "&C页眉",
        Some("【注意】勾稽不符。"),
    );
    let Some(Value::Formula(_, Cached::Text(text))) =
        plan.cell(CONCLUSION_ROW, 0).map(|c| &c.value)
    else {
        panic!("no conclusion");
    };
    assert!(text.starts_with("【注意】勾稽不符。"), "{text}");
    assert!(text.contains("优秀"), "{text}");
}

/// The seed with September booked to 12 September (8.20 万元), on that day.
fn september_12(progress: crate::rules::ProgressBasis) -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    for (i, amount) in [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24", "8.2",
    ]
    .iter()
    .enumerate()
    {
        totals.months_wan[i] = Some(d(amount));
    }
    let rules = Rules::with_bands(
        d("322.95"),
        crate::rules::SEED_PERCENTS.map(Decimal::from),
        crate::rules::Grade::ALL.map(|g| g.measure().to_string()),
        progress,
    );
    crate::grade::grade_year_as_of(&totals, rules, crate::dates::CalendarDate::new(2017, 9, 12))
        .unwrap()
}

fn text_of(plan: &SheetPlan, row: u32, column: u16) -> String {
    match &cell(plan, row, column).value {
        Value::Text(text) | Value::Formula(_, Cached::Text(text)) => text.clone(),
        other => panic!("no text at {row},{column}: {other:?}"),
    }
}

/// Issue 21, point 1: the month in progress shows its spending so far, is not
/// graded, and says what it still needs for each standard; the 合计 says the day.
#[test]
fn the_month_in_progress_is_shown_and_not_graded() {
    let year = september_12(crate::rules::ProgressBasis::Months);
    let plan = plan(&year, "月度分析", "自评指标体系", "&C页眉", None);
    assert_eq!(cell(&plan, 9, 1).value, Value::Number(d("8.20")));
    assert_eq!(
        formula(&plan, 9, 4),
        (
            "IF(B10=\"\",\"未到期\",\"进行中\")",
            &Cached::Text("进行中".into())
        )
    );
    assert_eq!(cell(&plan, 9, 3).value, Value::Text("—".into()));
    assert_eq!(cell(&plan, 9, 5).value, Value::Text("—".into()));
    let note = text_of(&plan, 9, 6);
    assert!(
        note.starts_with("截至9月12日已支出8.20万元，本月再支出16.02万元可达优秀标准"),
        "{note}"
    );
    assert!(!note.contains("加快资金支出进度"), "{note}");
    let (note_formula, _) = formula(&plan, 9, 6);
    assert!(
        note_formula.starts_with("IF(ROUND(B10,2)<>8.2,"),
        "the note follows its amount: {note_formula}"
    );
    // Spent to date; by months, no 序时进度 of its own (8/12 at August's end).
    assert_eq!(formula(&plan, 9, 7).1, &Cached::Number(d("281.63")));
    assert_eq!(cell(&plan, 9, 9).value, Value::Text("—".into()));
    assert_eq!(cell(&plan, 9, 13).value, Value::Blank, "no standard line");
    assert_eq!(
        formula(&plan, TOTAL_ROW, 0),
        (
            "IF(COUNT(B11:B13)=0,\"合计（截至9月12日）\",\"合计\")",
            &Cached::Text("合计（截至9月12日）".into())
        )
    );
    assert_eq!(formula(&plan, TOTAL_ROW, 1).1, &Cached::Number(d("281.63")));
    let conclusion = text_of(&plan, CONCLUSION_ROW, 0);
    assert!(
        conclusion.contains("九月截至9月12日已支出8.20万元，本月尚未结束，暂不评定。")
            && conclusion.contains("截至2017年8月末，累计支出273.43万元"),
        "{conclusion}"
    );
    let (conclusion_formula, _) = formula(&plan, CONCLUSION_ROW, 0);
    assert!(
        conclusion_formula.contains("ROUND(B10,2)=8.2,COUNT(B11:B13)=0"),
        "{conclusion_formula}"
    );
    let rules = rules_sheet::plan(&year, "自评指标体系", "月度分析", "");
    let Value::Formula(period, Cached::Text(shown)) = &rules.cell(2, 1).unwrap().value else {
        panic!()
    };
    assert_eq!(shown, "2017年1—8月（9月截至12日，进行中）");
    assert!(period.starts_with("IF((SUMPRODUCT("), "{period}");
}

/// Issue 21, point 1: by days, the month in progress carries 序时进度 on the
/// as-of day: 255 of 365 days on 12 September.
#[test]
fn by_days_the_month_in_progress_is_measured_on_the_as_of_day() {
    let year = september_12(crate::rules::ProgressBasis::Days);
    let plan = plan(&year, "月度分析", "自评指标体系", "&C页眉", None);
    assert_eq!(
        formula(&plan, 9, 9),
        (
            "(DATE(2017,9,12)-DATE(2017,1,1)+1)/(DATE(2018,1,1)-DATE(2017,1,1))",
            &Cached::Number(Decimal::from(255) / Decimal::from(365))
        )
    );
    assert_eq!(formula(&plan, 9, 10).0, "I10-J10");
    assert_eq!(
        formula(&plan, 9, 12).0,
        "J10",
        "the chart's line goes on to the day"
    );
    let conclusion = text_of(&plan, CONCLUSION_ROW, 0);
    assert!(
        conclusion.contains("截至2017年9月12日，累计支出281.63万元"),
        "{conclusion}"
    );
}

/// Issue 21, point 2: the months ahead, each a formula of the budget and the
/// amounts, after the charts; nothing of the table or the charts moves.
#[test]
fn the_months_ahead_follow_the_budget_and_the_amounts() {
    let plan = seed_plan();
    assert_eq!(text_of(&plan, AHEAD_ROW, 0), "后续月份支出测算");
    let (sentence, Cached::Text(text)) = formula(&plan, AHEAD_ROW + 1, 0) else {
        panic!()
    };
    assert_eq!(
        text,
        "全年预算收入322.95万元，截至2017年8月末累计支出273.43万元，尚余49.52万元；剩余9—12月共4个月，\
平均每月需支出12.38万元，全年支出可达到预算收入。每月支出达到优秀标准需24.22万元，达到及格标准需16.15万元。"
    );
    assert!(
        sentence.starts_with("IF(ROUND(预算收入-SUM($B$2:$B$13),2)<=0,")
            && sentence.contains("TEXT(ROUND(SUM($B$2:$B$13),2),\"0.00\")")
            && sentence.contains(&format!("TEXT(ROUND(C{},2),\"0.00\")", AHEAD_ROW + 4))
            && sentence.contains("TEXT(ROUND(优秀标准,2),\"0.00\")"),
        "{sentence}"
    );
    let rows: Vec<u32> = (AHEAD_ROW + 3..AHEAD_ROW + 7).collect();
    let months: Vec<String> = rows.iter().map(|r| text_of(&plan, *r, 0)).collect();
    assert_eq!(months, ["九月", "十月", "十一月", "十二月"]);
    for row in rows {
        assert_eq!(
            formula(&plan, row, 2),
            (
                "IF(ROUND(预算收入-SUM($B$2:$B$13),2)<=0,0,ROUND((预算收入-SUM($B$2:$B$13))/4,2))",
                &Cached::Number(d("12.38"))
            )
        );
        assert_eq!(
            formula(&plan, row, 3),
            ("优秀标准", &Cached::Number(d("24.22")))
        );
        assert_eq!(
            formula(&plan, row, 5),
            ("及格标准", &Cached::Number(d("16.15")))
        );
    }
    // The table and the charts where they were; the block inside the print area.
    assert_eq!(plan.page_breaks, [CHARTS_ROW]);
    assert_eq!(
        plan.print_area.unwrap().2,
        AHEAD_ROW + 7,
        "through the note under the months"
    );
    let texts: Vec<String> = plan
        .cells
        .iter()
        .filter(|c| c.row >= AHEAD_ROW)
        .filter_map(|c| match &c.value {
            Value::Text(text) | Value::Formula(_, Cached::Text(text)) => Some(text.clone()),
            _ => None,
        })
        .collect();
    for word in ["--", "参数", "四舍五入", "jixiao", "情况分析"] {
        assert!(texts.iter().all(|t| !t.contains(word)), "{word}");
    }
}

/// Issue 21, point 2: the month in progress needs the standard less what it
/// has spent; a year with every month graded has no months ahead.
#[test]
fn the_month_in_progress_is_one_of_the_months_ahead() {
    let year = september_12(crate::rules::ProgressBasis::Months);
    let plan = plan(&year, "月度分析", "自评指标体系", "&C页眉", None);
    let september = AHEAD_ROW + 3;
    assert_eq!(text_of(&plan, september, 0), "九月");
    assert_eq!(
        formula(&plan, september, 1),
        ("B10", &Cached::Number(d("8.20")))
    );
    assert_eq!(formula(&plan, september, 2).1, &Cached::Number(d("10.33")));
    assert_eq!(
        formula(&plan, september, 3),
        (
            "IF(ROUND(B10,2)>=优秀标准,\"已达到\",优秀标准-ROUND(B10,2))",
            &Cached::Number(d("16.02"))
        )
    );
    assert_eq!(formula(&plan, september, 5).1, &Cached::Number(d("7.95")));
    assert_eq!(text_of(&plan, september + 1, 1), "—");
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan = [Some(d("27")); 12];
    let full = grade_year(&totals, Rules::from_budget(d("322.95"))).unwrap();
    let plan = super::plan(&full, "月度分析", "自评指标体系", "&C页眉", None);
    assert!(plan.cell(AHEAD_ROW, 0).is_none(), "no months ahead");
}

/// Issue 21, point 3: with the previous year in the book, 上年同期 and 同比
/// follow 进度差异 in print (after the hidden chart data), and a month that
/// changed much says so in a sentence that holds while both cells do.
#[test]
fn the_previous_year_stands_beside_this_year() {
    let mut year = seed_year();
    let mut previous = MonthlyTotals::new(2016);
    for (i, amount) in [
        "20", "4.4", "60", "59", "28", "27", "40", "23", "25", "26", "27", "60",
    ]
    .iter()
    .enumerate()
    {
        previous.months_wan[i] = Some(d(amount));
    }
    year.previous = crate::year_on_year::PreviousYear::of(&previous);
    let plan = plan(&year, "月度分析", "自评指标体系", "&C页眉", None);
    assert_eq!(text_of(&plan, 0, 17), "上年同期（2016年，万元）");
    assert_eq!(text_of(&plan, 0, 18), "同比");
    assert_eq!(cell(&plan, 1, 17).value, Value::Number(d("20.00")));
    assert_eq!(
        formula(&plan, 1, 18),
        (
            "IF(OR(B2=\"\",N(R2)<=0),\"—\",B2/R2-1)",
            &Cached::Number(d("0.327"))
        )
    );
    // 26.54 against 20.00: 32.7 % and 6.54 万元 more — said; February's 0.9 % is not.
    let january = text_of(&plan, 1, 6);
    assert!(
        january.ends_with("；比上年同期20.00万元增加6.54万元，增长32.7%"),
        "{january}"
    );
    assert!(!text_of(&plan, 2, 6).contains("上年同期"));
    let (guarded, _) = formula(&plan, 1, 6);
    assert!(
        guarded.contains("IF(ROUND(R2,2)=20,") && guarded.contains("上年同期金额已改动"),
        "{guarded}"
    );
    // The months ahead keep their 上年同期 for the planning; 同比 waits for an amount.
    assert_eq!(cell(&plan, 12, 17).value, Value::Number(d("60.00")));
    assert_eq!(formula(&plan, 12, 18).1, &Cached::Text("—".into()));
    assert_eq!(
        formula(&plan, TOTAL_ROW, 17),
        ("SUM(R2:R9)", &Cached::Number(d("261.40")))
    );
    let conclusion = text_of(&plan, CONCLUSION_ROW, 0);
    assert!(
        conclusion.contains("与上年同期相比，2017年1—8月支出273.43万元，上年同期261.40万元，增加12.03万元，增长4.6%。"),
        "{conclusion}"
    );
    assert_eq!(plan.print_area.unwrap().3, 18);
    assert_eq!(plan.hidden_columns, [11, 12, 13, 14, 15, 16]);
}

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
    assert_eq!(
        first.lines[0].2,
        (
            rules_sheet::CHART_DATA_FIRST_ROW,
            1,
            rules_sheet::CHART_DATA_FIRST_ROW + 11,
            1
        )
    );
    // The execution chart reads hidden chart data, empty for months not yet due, so
    // its lines stop at August instead of falling to 0 % in September.
    assert_eq!(plan.charts[1].lines[1].2, (1, 12, 12, 12));
    assert_eq!(plan.hidden_columns, [11, 12]);
    assert_eq!(cell(&plan, 9, 11).value, Value::Blank);
    assert_eq!(cell(&plan, 9, 12).value, Value::Blank);
    assert_eq!(formula(&plan, 8, 11).0, "I9");
    assert_eq!(
        formula(&plan, 8, 12),
        ("J9", &Cached::Number(d("8") / d("12")))
    );
    // Each chart starts a printed page.
    assert_eq!(
        plan.page_breaks,
        plan.charts.iter().map(|c| c.anchor.0).collect::<Vec<_>>()
    );
    assert_eq!(plan.repeat_rows, Some((0, 0)));
    assert!(plan.page_footer.contains("&P"));
}

#[test]
fn rules_sheet_thresholds_are_formulas_of_the_budget() {
    let year = seed_year();
    let rules = rules_sheet::plan(&year, "自评指标体系", "由 --budget 参数指定", "");
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
    assert_eq!(
        rules.cell(2, 1).unwrap().value,
        Value::Text("由 --budget 参数指定".into())
    );
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
    let Some(Value::Text(text)) = plan.cell(CONCLUSION_ROW, 0).map(|c| &c.value) else {
        panic!("no conclusion");
    };
    assert!(text.starts_with("【注意】勾稽不符。"), "{text}");
    assert!(text.contains("优秀"), "{text}");
}

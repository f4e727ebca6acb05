use super::*;

#[test]
fn wrapped_rows_grow_with_their_text() {
    assert_eq!(wrapped_row_height("", 70.0), 15.0);
    assert_eq!(wrapped_row_height("未到期，暂不评定", 70.0), 15.0);
    // 40 CJK characters ≈ 72 columns: two lines in a 70-wide column.
    assert_eq!(wrapped_row_height(&"支".repeat(40), 70.0), 30.0);
    assert_eq!(wrapped_row_height(&"支".repeat(38), 70.0), 15.0);
    assert_eq!(wrapped_row_height(&"a".repeat(160), 70.0), 45.0);
}

#[test]
fn earlier_years_carry_their_year_in_the_sheet_names() {
    assert_eq!(
        year_sheet_names(2017, true),
        ("月度分析".to_string(), "自评指标体系".to_string())
    );
    assert_eq!(
        year_sheet_names(2016, false),
        (
            "2016年月度分析".to_string(),
            "2016年自评指标体系".to_string()
        )
    );
}

/// Issue 19, point 5: a breakdown line far over its budget, or under half of
/// 序时进度, gets a sentence; one near its pace gets none.
#[test]
fn far_breakdown_lines_get_a_sentence() {
    use crate::report::breakdown_sheet::remark;
    use rust_decimal::Decimal;
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let elapsed = d("8") / d("12");
    assert_eq!(
        remark(d("3.24"), d("17.57"), elapsed),
        "已超出全年预算14.33万元（执行率542.3%），请核对该分项的预算和归入的支出，并说明原因"
    );
    assert_eq!(
        remark(d("0.90"), d("0"), elapsed),
        "执行率0.0%，不到序时进度66.7%的一半，请说明支出滞后的原因"
    );
    assert_eq!(remark(d("53.60"), d("32.59"), elapsed), "—");
    assert_eq!(
        remark(d("3.60"), d("1.80"), elapsed),
        "—",
        "50 % against 66.7 %"
    );
    assert_eq!(remark(d("10"), d("10"), elapsed), "—", "exactly the budget");
}

/// Issue 19, point 4: where the budget came from, in the accountant's words.
#[test]
fn a_flag_is_said_as_the_command_line() {
    use crate::report::check::budget_source_words;
    assert_eq!(
        budget_source_words("由 --budget 参数指定"),
        "运行 jixiao 时在命令行给出（--budget）"
    );
    assert_eq!(
        budget_source_words("来自台账中的「参数」工作表"),
        "来自台账中的「参数」工作表"
    );
}

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

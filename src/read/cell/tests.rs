use super::*;

#[test]
fn column_names_follow_excel() {
    assert_eq!(column_name(0), "A");
    assert_eq!(column_name(25), "Z");
    assert_eq!(column_name(26), "AA");
    assert_eq!(column_name(16_383), "XFD");
    assert_eq!(cell_address("明细账", 16, 6), "明细账!G17");
}

#[test]
fn rows_are_sparse_and_ordered() {
    let row = Row::from_cells(
        3,
        [
            (5, CellValue::Number(1.0)),
            (1, CellValue::text(" 摘要 ")),
            (2, CellValue::text("   ")),
        ],
    );
    assert_eq!(row.get(1), &CellValue::Text("摘要".into()));
    assert_eq!(row.get(2), &CellValue::Empty);
    assert_eq!(row.cells().map(|(c, _)| c).collect::<Vec<_>>(), [1, 5]);
}

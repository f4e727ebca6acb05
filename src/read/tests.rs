use super::*;

#[test]
fn a_text_file_may_have_more_lines_than_excel_has_rows() {
    let mut cells = 0u64;
    let mut seen = Vec::new();
    let mut visit = |row: Row| {
        seen.push(row.index);
        ControlFlow::Continue(())
    };
    let mut rows = RowAssembler::new(&mut cells, &mut visit);
    rows.text = true;
    assert!(rows
        .push(MAX_ROWS + 10, 0, CellValue::text("2017-01-05"))
        .is_ok());
    rows.finish();
    assert_eq!(seen, [MAX_ROWS + 10]);

    let mut cells = 0u64;
    let mut visit = |_: Row| ControlFlow::Continue(());
    let mut rows = RowAssembler::new(&mut cells, &mut visit);
    let refused = rows.push(MAX_ROWS, 0, CellValue::text("x")).unwrap_err();
    assert!(
        refused.to_string().contains("超出 Excel 的上限"),
        "{refused}"
    );
}

use super::*;

fn sample_rows() -> Vec<Row> {
    vec![
        Row::from_cells(
            3,
            [
                (0, CellValue::Date(CalendarDate::new(2017, 1, 5).unwrap())),
                (1, CellValue::Text("办公费 报销".to_string())),
                (4, CellValue::Number(1234.56)),
                (5, CellValue::Bool(true)),
                (70_000, CellValue::Error("#DIV/0!".to_string())),
            ],
        ),
        Row::from_cells(
            9,
            [
                (2, CellValue::InvalidDate(-3.0)),
                (3, CellValue::FormulaWithoutValue("SUM(A1:A3)".to_string())),
                (6, CellValue::Number(f64::NAN)),
            ],
        ),
    ]
}

#[test]
fn committed_rows_come_back_as_they_were_recorded() {
    let mut spill = RowSpill::new();
    assert!(spill.is_usable(), "no temporary folder on this machine");
    let rows = sample_rows();
    spill.begin_sheet();
    spill.record(&rows[0]);
    spill.commit_sheet(0);
    // A sheet that turned out not to be part of the ledger.
    spill.begin_sheet();
    spill.record(&Row::from_cells(1, [(0, CellValue::Text("副本".into()))]));
    spill.begin_sheet();
    spill.record(&rows[1]);
    spill.commit_sheet(1);
    let mut back: Vec<(u16, Row)> = Vec::new();
    spill
        .replay(&mut |sheet, row| back.push((sheet, row)))
        .unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!((back[0].0, &back[0].1), (0, &rows[0]));
    assert_eq!(back[1].0, 1);
    assert_eq!(back[1].1.index, 9);
    let cells: Vec<(u32, &CellValue)> = back[1].1.cells().collect();
    assert_eq!(cells[0], (2, &CellValue::InvalidDate(-3.0)));
    assert_eq!(
        cells[1],
        (3, &CellValue::FormulaWithoutValue("SUM(A1:A3)".into()))
    );
    assert!(matches!(cells[2], (6, CellValue::Number(n)) if n.is_nan()));
}

#[test]
fn a_copy_is_read_back_once() {
    let mut spill = RowSpill::new();
    spill.begin_sheet();
    spill.record(&sample_rows()[0]);
    spill.commit_sheet(0);
    spill.replay(&mut |_, _| {}).unwrap();
    assert!(!spill.is_usable());
    assert!(spill.replay(&mut |_, _| {}).is_err());
}

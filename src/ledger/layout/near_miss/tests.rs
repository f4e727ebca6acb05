use super::*;

fn row(index: u32, cells: Vec<CellValue>) -> Row {
    Row::from_cells(
        index,
        cells.into_iter().enumerate().map(|(c, v)| (c as u32, v)),
    )
}

fn t(text: &str) -> CellValue {
    CellValue::text(text)
}

#[test]
fn names_the_row_what_it_lacks_and_the_columns_that_look_right() {
    let rows = vec![
        row(0, vec![t("2017年办公经费登记")]),
        row(1, vec![t("时日"), t("事由"), t("经手人"), t("数目")]),
        row(
            2,
            vec![
                t("2017-01-05"),
                t("买纸"),
                t("张三"),
                CellValue::Number(120.5),
            ],
        ),
        row(
            3,
            vec![
                t("2017-01-09"),
                t("墨盒"),
                t("李四"),
                CellValue::Number(300.0),
            ],
        ),
    ];
    let miss = near_miss(&rows).unwrap();
    assert_eq!(miss.row, 1);
    assert_eq!((miss.date_named, miss.amount_named), (None, None));
    assert_eq!((miss.date_seen, miss.amount_seen), (Some(0), Some(3)));
    assert_eq!(
        miss.describe(),
        "第 2 行（时日、事由、经手人、数目）最像表头，但其中没有认出日期列和金额列"
    );
    assert_eq!(
        fix_lines(&miss, &crate::advice::Advice::Flags),
        "用 --header-row 2 --date-col A --amount-col D 指定"
    );
    let dropped = crate::advice::Advice::SettingsFile("jixiao.toml".into());
    assert!(fix_lines(&miss, &dropped)
        .ends_with("header-row = 2、date-col = \"A\"、amount-col = \"D\""));
}

#[test]
fn nothing_like_a_header_is_no_near_miss() {
    let rows = vec![row(0, vec![t("说明")]), row(1, vec![t("这是一张空表")])];
    assert_eq!(near_miss(&rows), None);
}

use super::*;

#[test]
fn merges_are_found_across_chunk_boundaries() {
    // Long enough that elements straddle the 64 KB reads.
    let mut xml = String::from("<worksheet><sheetData>");
    xml.push_str(&"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>".repeat(4000));
    xml.push_str("</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:B2\"/><mergeCell ref=\"AB10:AC12\"/></mergeCells></worksheet>");
    let regions = scan(xml.as_bytes()).unwrap();
    assert_eq!(
        regions,
        [
            MergedRegion {
                first_row: 0,
                first_column: 0,
                last_row: 1,
                last_column: 1
            },
            MergedRegion {
                first_row: 9,
                first_column: 27,
                last_row: 11,
                last_column: 28
            },
        ]
    );
    // Every position of the needle relative to the chunk edge.
    for pad in 0..20 {
        let shifted = format!(
            "{}{}",
            " ".repeat((1 << 16) - 10 + pad),
            "<mergeCell ref=\"C3:D4\"/>"
        );
        assert_eq!(scan(shifted.as_bytes()).unwrap().len(), 1, "pad {pad}");
    }
}

#[test]
fn cell_names_are_read_as_excel_writes_them() {
    assert_eq!(parse_cell("A1"), Some((0, 0)));
    assert_eq!(parse_cell("XFD1048576"), Some((1_048_575, 16_383)));
    assert_eq!(parse_cell("A0"), None);
    assert_eq!(parse_cell("1A"), None);
    assert_eq!(unescape("收&amp;支"), "收&支");
}

#[test]
fn the_scan_finds_what_calamine_finds() {
    use calamine::{Reader, Xlsx};
    for sample in [
        "samples/yongyou-3col-2017.xlsx",
        "samples/hand-totals-2017.xlsx",
        "samples/multi-column-2017.xlsx",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sample);
        let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        for sheet in book.sheet_names() {
            let expected: Vec<MergedRegion> = book
                .merge_cells_by_sheet_name(&sheet)
                .unwrap()
                .into_iter()
                .map(|d| MergedRegion {
                    first_row: d.start.0,
                    first_column: d.start.1,
                    last_row: d.end.0,
                    last_column: d.end.1,
                })
                .collect();
            assert!(!expected.is_empty() || sample.contains("multi"), "{sample}");
            assert_eq!(
                xlsx_merged_regions(&path, &sheet),
                Some(expected),
                "{sample} {sheet}"
            );
        }
    }
}

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

fn region(first_row: u32, first_column: u32, last_row: u32, last_column: u32) -> MergedRegion {
    MergedRegion {
        first_row,
        first_column,
        last_row,
        last_column,
    }
}

/// The index answers as the old scan over every region did.
#[test]
fn the_index_answers_as_a_scan_of_every_region() {
    let regions = vec![
        region(10, 0, 14, 0),
        region(1, 0, 3, 1),
        region(5, 2, 5, 4),
        region(20, 1, 25, 3),
        // Overlapping, as only a broken file has them.
        region(30, 0, 40, 0),
        region(32, 0, 33, 0),
    ];
    let index = MergedIndex::new(regions.clone());
    for row in 0..45 {
        for column in 0..6 {
            let scanned = regions
                .iter()
                .any(|r| r.first_row < row && r.covers_below_or_right(row, column));
            let found = index.covering_from_above(row, column);
            assert_eq!(found.is_some(), scanned, "({row}, {column})");
            if let Some(found) = found {
                assert!(found.first_row < row && found.covers_below_or_right(row, column));
            }
        }
        let starting: Vec<_> = regions.iter().filter(|r| r.first_row == row).collect();
        assert_eq!(index.starting_in(row).len(), starting.len(), "{row}");
    }
}

#[test]
fn an_empty_index_finds_nothing() {
    let index = MergedIndex::new(Vec::new());
    assert!(index.covering_from_above(5, 0).is_none());
    assert!(index.starting_in(0).is_empty());
}

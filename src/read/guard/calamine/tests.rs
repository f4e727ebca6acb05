//! What the guard assumes of calamine (pinned at `=0.38.0` in Cargo.toml), one
//! test per assumption: each builds its input in code and checks that calamine
//! still reads it — and allocates for it — the way the guard's estimates say.
//! A new calamine that changes one of these fails here, before the guard's
//! figures quietly go wrong; the sizes of calamine's values are checked at
//! compile time beside the constants in `guard.rs`.
//!
//! Allocations are seen through a counting allocator for this test binary: it
//! forwards every call to the system allocator and notes, per thread, the
//! largest single request.

use super::tests::biff;
use super::{DATA_CELL, SHARED_FORMULA, SPARSE_CELL, STRING};
use calamine::{Data, Ods, OdsError, Reader, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError};
use std::io::{Cursor, Write};

/// A counting allocator: the system allocator, noting the largest request.
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    thread_local! {
        /// The largest single allocation asked for on this thread since the last reset.
        static LARGEST: Cell<usize> = const { Cell::new(0) };
    }

    fn note(size: usize) {
        // A const-initialised `Cell` needs no allocation and no destructor.
        let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
    }

    pub struct Counting;

    // SAFETY: every call goes to the system allocator unchanged, with the
    // caller's arguments; the only addition is noting a size in a
    // thread-local that never allocates.
    #[allow(unsafe_code)]
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            note(layout.size());
            // SAFETY: the caller's contract for `alloc` is passed on as is.
            unsafe { System.alloc(layout) }
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            note(layout.size());
            // SAFETY: as for `alloc`.
            unsafe { System.alloc_zeroed(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from `System` through this allocator, with `layout`.
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            note(new_size);
            // SAFETY: as for `dealloc`; `new_size` is the caller's.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// What `work` returns, and the largest single allocation it asked for.
    pub fn largest_allocation<T>(work: impl FnOnce() -> T) -> (T, u64) {
        LARGEST.with(|largest| largest.set(0));
        let out = work();
        (out, LARGEST.with(Cell::get) as u64)
    }
}

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

use counting::largest_allocation;

/// A zip package of stored parts, in memory.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

// --- xls -------------------------------------------------------------------

/// One BIFF8 record.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut bytes = kind.to_le_bytes().to_vec();
    bytes.extend_from_slice(&(data.len() as u16).to_le_bytes());
    bytes.extend_from_slice(data);
    bytes
}

/// An xls of one sheet `S` holding `records` (and `globals` in the workbook globals).
fn xls_with(records: Vec<Vec<u8>>, globals: &[Vec<u8>]) -> Vec<u8> {
    biff::compound_file(&biff::workbook(&[("S", records)], globals))
}

fn open_xls(image: Vec<u8>) -> Result<Xls<Cursor<Vec<u8>>>, XlsError> {
    Xls::new(Cursor::new(image))
}

/// The sheet's (height, width) and the value at (row, column) of its range.
fn xls_cell(image: Vec<u8>, row: u32, column: u32) -> ((usize, usize), Option<Data>) {
    let mut book = open_xls(image).unwrap();
    let range = book.worksheet_range("S").unwrap();
    (range.get_size(), range.get_value((row, column)).cloned())
}

#[test]
fn xls_dimensions_reserve_room_for_every_cell_they_claim() {
    // guard::biff::sheet::dimensions: rows × columns of the record, each a
    // `Cell<Data>` (SPARSE_CELL) reserved while the sheet is gathered — in
    // both record lengths, with a first column past 0xFF read as column 0.
    for (dimensions, cells) in [
        (biff::dimensions(0, 20_000, 0, 50), 20_000 * 50),
        (biff::dimensions(100, 20_100, 300, 50), 20_000 * 50),
        (
            record(0x0200, &[0, 0, 0x20, 0x4E, 0, 0, 50, 0, 0, 0]),
            20_000 * 50,
        ),
    ] {
        let image = xls_with(vec![dimensions, biff::number(0, 0, 1.0, 0)], &[]);
        let (book, largest) = largest_allocation(|| open_xls(image));
        assert!(book.is_ok());
        assert_eq!(largest, cells * SPARSE_CELL);
    }
}

#[test]
fn xls_builds_a_dense_grid_over_its_value_cells() {
    // guard::biff::sheet::SheetScan::range_bytes: the bounding box of the
    // value cells, every cell of it a `Data` (DATA_CELL).
    let image = xls_with(
        vec![biff::number(0, 0, 1.0, 0), biff::number(999, 99, 2.0, 0)],
        &[],
    );
    let (book, largest) = largest_allocation(|| open_xls(image));
    assert_eq!(largest, 1000 * 100 * DATA_CELL);
    let range = book.unwrap().worksheet_range("S").unwrap();
    assert_eq!(range.get_size(), (1000, 100));
}

#[test]
fn xls_blank_cells_take_no_place_in_the_grid() {
    // guard tests `a_far_blank_cell_costs_nothing`: BLANK records are skipped.
    let image = xls_with(
        vec![biff::number(0, 0, 1.0, 0), biff::blank(65_535, 255)],
        &[],
    );
    assert_eq!(xls_cell(image, 0, 0), ((1, 1), Some(Data::Float(1.0))));
}

#[test]
fn xls_strings_continue_across_continue_records() {
    // guard::biff::records: a record's data runs on into its CONTINUE records.
    let image = xls_with(
        vec![biff::label_sst(0, 0, 0)],
        &[biff::sst_with_long_string(20_000)],
    );
    let (_, value) = xls_cell(image, 0, 0);
    assert_eq!(value, Some(Data::String("a".repeat(20_000))));
}

/// A FORMULA record at (0, 0) whose value bytes are `value` and whose tokens are `tokens`.
fn formula(value: [u8; 8], tokens: &[u8]) -> Vec<u8> {
    let mut data = [0u16, 0, 0].map(u16::to_le_bytes).concat();
    data.extend_from_slice(&value);
    data.extend_from_slice(&[0; 6]);
    data.extend_from_slice(&(tokens.len() as u16).to_le_bytes());
    data.extend_from_slice(tokens);
    record(0x0006, &data)
}

#[test]
fn xls_formula_values_are_cells_or_a_string_that_follows() {
    use super::biff::formula_value;
    // ptgInt 7.
    let seven = [0x1E, 7, 0];
    let string = [0, 0, 0, 0, 0, 0, 0xFF, 0xFF];
    let follows = record(0x0207, &[3, 0, 0, b'a', b'b', b'c']);
    let cases: [([u8; 8], Option<Data>); 5] = [
        (2.5f64.to_le_bytes(), Some(Data::Float(2.5))),
        ([1, 0, 1, 0, 0, 0, 0xFF, 0xFF], Some(Data::Bool(true))),
        (
            [2, 0, 0x07, 0, 0, 0, 0xFF, 0xFF],
            Some(Data::Error(calamine::CellErrorType::Div0)),
        ),
        (
            [3, 0, 0, 0, 0, 0, 0xFF, 0xFF],
            Some(Data::String(String::new())),
        ),
        (string, Some(Data::String("abc".to_string()))),
    ];
    for (value, expected) in cases {
        let mut records = vec![formula(value, &seven)];
        if formula_value(&value) == Some(false) {
            records.push(follows.clone());
        }
        assert_eq!(formula_value(&value).is_some(), expected.is_some());
        assert_eq!(
            xls_cell(xls_with(records, &[]), 0, 0).1,
            expected,
            "{value:?}"
        );
    }
    // An unknown kind with the 0xFFFF mark is an error, for calamine and the guard.
    let unknown = [9, 0, 0, 0, 0, 0, 0xFF, 0xFF];
    assert_eq!(formula_value(&unknown), None);
    assert!(open_xls(xls_with(vec![formula(unknown, &seven)], &[])).is_err());
}

#[test]
fn xls_space_tokens_insert_their_spaces_in_front_of_the_operand() {
    // guard::biff::formula::formula_text: each space of a space token is
    // inserted one at a time at the start of the operand before it.
    let tokens = [0x1E, 7, 0, 0x19, 0x40, 0x00, 3, 0x19, 0x40, 0x00, 2];
    let image = xls_with(vec![formula(1.0f64.to_le_bytes(), &tokens)], &[]);
    let mut book = open_xls(image).unwrap();
    let formulas = book.worksheet_formula("S").unwrap();
    assert_eq!(
        formulas.get_value((0, 0)).map(String::as_str),
        Some("     7")
    );
}

#[test]
fn xls_a_filepass_record_is_a_password_error_and_an_unknown_code_page_a_cfb_error() {
    // RC4 encryption (type 1): calamine's Password variant.
    let rc4 = record(0x002F, &[1, 0, 1, 0, 1, 0]);
    let error = open_xls(xls_with(biff::ledger(2), &[rc4])).err().unwrap();
    assert!(matches!(error, XlsError::Password), "{error}");
    // XOR obfuscation (type 0) is read on, and its obfuscated CODEPAGE record
    // names a code page calamine does not know: a Cfb error, whose type is
    // private, so that only its text says which (read::OpenFailure).
    let mut obfuscated = biff::workbook(&[("S", biff::ledger(2))], &[]);
    let at = obfuscated
        .windows(6)
        .position(|w| w == [0x42, 0, 2, 0, 0xB0, 0x04])
        .unwrap();
    obfuscated[at + 4..at + 6].copy_from_slice(&0xBEEFu16.to_le_bytes());
    let error = open_xls(biff::compound_file(&obfuscated)).err().unwrap();
    assert!(
        matches!(&error, XlsError::Cfb(inner) if inner.to_string().starts_with("Codepage")),
        "{error}"
    );
    use crate::read::{CalamineOpenError, OpenFailure};
    assert_eq!(error.failure(), OpenFailure::UnknownCodePage);
}

#[test]
fn xls_a_mulrk_record_holds_its_columns_first_to_last_or_stops_the_sheet() {
    // guard::biff::scan_sheet: last − first + 1 cells, when the record's
    // length says so; else calamine stops with an error.
    let rk = |value: u32| {
        [
            0u16.to_le_bytes().to_vec(),
            (value << 2 | 2).to_le_bytes().to_vec(),
        ]
        .concat()
    };
    let mulrk = |first: u16, last: u16, values: &[u32]| {
        let mut data = [0u16, first].map(u16::to_le_bytes).concat();
        for value in values {
            data.extend(rk(*value));
        }
        data.extend_from_slice(&last.to_le_bytes());
        record(0x00BD, &data)
    };
    let mut book = open_xls(xls_with(vec![mulrk(2, 4, &[7, 8, 9])], &[])).unwrap();
    let range = book.worksheet_range("S").unwrap();
    assert_eq!((range.start(), range.get_size()), (Some((0, 2)), (1, 3)));
    assert_eq!(range.get_value((0, 4)), Some(&Data::Int(9)));
    assert!(open_xls(xls_with(vec![mulrk(2, 5, &[7, 8, 9])], &[])).is_err());
}

#[test]
fn xls_a_sheet_placed_past_the_stream_builds_nothing() {
    // guard::biff::BiffScan::run: a BOUNDSHEET whose position lies past the
    // stream ends the scan; calamine builds no workbook of it.
    let mut stream = biff::workbook(&[("S", biff::ledger(2))], &[]);
    let at = stream
        .windows(4)
        .position(|w| w == [0x85, 0x00, 10, 0])
        .unwrap();
    stream[at + 4..at + 8].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    let image = biff::compound_file(&stream);
    let read = std::panic::catch_unwind(|| open_xls(image).map(|_| ()));
    assert!(!matches!(read, Ok(Ok(()))));
}

#[test]
fn xls_streams_are_read_from_the_mini_stream_or_from_sectors() {
    // guard::ole: a Workbook stream under 4,096 bytes lives in the mini
    // stream, a longer one in regular sectors; both are read whole.
    for rows in [20u16, 2000] {
        let image = xls_with(biff::ledger(rows), &[]);
        let (size, last) = xls_cell(image, u32::from(rows), 2);
        assert_eq!(size, (usize::from(rows) + 1, 3));
        assert_eq!(last, Some(Data::Float(1000.0 + f64::from(rows))));
    }
}

#[test]
fn xls_a_truncated_compound_file_is_refused_by_calamine_itself() {
    // guard tests `what_calamine_refuses_itself_is_left_to_it`: calamine
    // reports the damage; nothing is left for the guard to prevent.
    let mut image = xls_with(biff::ledger(2), &[]);
    image.truncate(1500);
    let read = std::panic::catch_unwind(|| open_xls(image).map(|_| ()));
    assert!(matches!(read, Ok(Err(_))));
}

// --- ods -------------------------------------------------------------------

const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// An ods package whose `content.xml` holds `tables`.
fn ods(tables: &str, manifest_entry: &str) -> Vec<u8> {
    let content = format!("<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>");
    let manifest = format!("<?xml version=\"1.0\"?><manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\">{manifest_entry}</manifest:file-entry></manifest:manifest>");
    zip(&[
        ("mimetype", ODS_MIME),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", content.as_bytes()),
    ])
}

fn open_ods(tables: &str) -> Ods<Cursor<Vec<u8>>> {
    Ods::new(Cursor::new(ods(tables, ""))).unwrap()
}

/// A table's range as read: its first cell, its (height, width) and its values, row by row.
type OdsRange = (Option<(u32, u32)>, (usize, usize), Vec<Vec<Data>>);

/// The range of table `sheet` among `tables`.
fn ods_range(tables: &str, sheet: &str) -> OdsRange {
    let range = open_ods(tables).worksheet_range(sheet).unwrap();
    let rows = range.rows().map(<[Data]>::to_vec).collect();
    (range.start(), range.get_size(), rows)
}

fn table(name: &str, rows: &str) -> String {
    format!("<table:table table:name=\"{name}\">{rows}</table:table>")
}

const ONE: &str = "office:value-type=\"float\" office:value=\"1\"";

#[test]
fn ods_repeats_are_expanded_into_copies_of_the_cell() {
    // guard::ods: a valued cell repeated across and down is copied each time.
    let rows = format!("<table:table-row table:number-rows-repeated=\"4\"><table:table-cell table:number-columns-repeated=\"3\" {ONE}/></table:table-row>");
    let (_, size, values) = ods_range(&table("S", &rows), "S");
    assert_eq!(size, (4, 3));
    assert!(values.iter().flatten().all(|v| *v == Data::Float(1.0)));
}

#[test]
fn ods_trailing_empty_repeats_take_no_place() {
    // guard tests `trailing_empty_repeats_cost_nothing`, as LibreOffice writes.
    let rows = format!("<table:table-row><table:table-cell {ONE}/><table:table-cell {ONE}/><table:table-cell table:number-columns-repeated=\"1022\"/></table:table-row><table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>");
    assert_eq!(ods_range(&table("S", &rows), "S").1, (1, 2));
}

#[test]
fn ods_empty_rows_between_values_are_expanded() {
    // guard::ods::table::Extent: every row from the first valued to the last.
    let rows = format!("<table:table-row><table:table-cell {ONE}/></table:table-row><table:table-row table:number-rows-repeated=\"1000\"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"19\"/><table:table-cell {ONE}/></table:table-row>");
    assert_eq!(ods_range(&table("S", &rows), "S").1, (1002, 20));
}

#[test]
fn ods_rows_and_cells_are_capped_at_excel_limits() {
    // guard::ods: ODS_MAX_COLUMNS cells in a row, ODS_MAX_ROWS rows in a table.
    let wide = format!("<table:table-row><table:table-cell table:number-columns-repeated=\"20000\" {ONE}/></table:table-row>");
    assert_eq!(ods_range(&table("S", &wide), "S").1, (1, 16_384));
    let deep = format!("<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell/></table:table-row><table:table-row table:number-rows-repeated=\"100\"><table:table-cell {ONE}/></table:table-row>");
    let (start, size, _) = ods_range(&table("S", &deep), "S");
    assert_eq!((start, size), (Some((1_048_570, 0)), (6, 1)));
}

#[test]
fn ods_gathers_every_cell_before_the_last_valued_one() {
    // guard tests `empty_cells_before_a_cell_are_gathered`: the empty cells
    // before a valued cell are pushed, one `Data` each (and one `String`).
    let rows = format!("<table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell {ONE}/></table:table-row>");
    let package = ods(&table("S", &rows), "");
    let (book, largest) = largest_allocation(|| Ods::new(Cursor::new(package)));
    let pushed = 16_001;
    assert!(largest >= pushed * DATA_CELL, "{largest}");
    assert!(largest < 2 * pushed * DATA_CELL, "{largest}");
    let range = book.unwrap().worksheet_range("S").unwrap();
    assert_eq!(range.get_size(), (1, 1));
}

#[test]
fn ods_cell_text_is_its_paragraphs_spaces_tabs_and_breaks_without_notes() {
    // guard::ods: the text's length, as `get_datatype` builds it.
    let cell = "<table:table-cell office:value-type=\"string\"><office:annotation><text:p>note</text:p></office:annotation><text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d</text:p><text:p>e<text:s/>f</text:p></table:table-cell>";
    let rows = format!("<table:table-row>{cell}</table:table-row>");
    let (_, _, values) = ods_range(&table("S", &rows), "S");
    assert_eq!(values[0][0], Data::String("a   b\tc\nd\ne f".to_string()));
}

#[test]
fn ods_a_table_without_a_name_is_no_sheet() {
    // guard::ods::OdsMode: only a `table:table` with a name is read.
    let tables = format!(
        "<table:table><table:table-row><table:table-cell {ONE}/></table:table-row></table:table>{}",
        table(
            "S",
            &format!("<table:table-row><table:table-cell {ONE}/></table:table-row>")
        )
    );
    assert_eq!(open_ods(&tables).sheet_names(), ["S"]);
}

#[test]
fn ods_a_covered_cell_takes_its_column() {
    // guard::ods: a `table:covered-table-cell` is read as a cell.
    let rows = format!("<table:table-row><table:table-cell {ONE}/><table:covered-table-cell/><table:table-cell office:value-type=\"float\" office:value=\"2\"/></table:table-row>");
    let (_, size, values) = ods_range(&table("S", &rows), "S");
    assert_eq!(size, (1, 3));
    assert_eq!(values[0][2], Data::Float(2.0));
}

#[test]
fn ods_an_encrypted_package_is_calamines_password_error() {
    let package = ods(&table("S", ""), "<manifest:encryption-data/>");
    let error = Ods::new(Cursor::new(package)).err().unwrap();
    assert!(matches!(error, OdsError::Password), "{error}");
}

// --- xlsx ------------------------------------------------------------------

/// A one-sheet xlsx written by rust_xlsxwriter (its sheet holds the text
/// `a`, so it has shared strings), with `parts` put in or replaced.
fn xlsx_with(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().write(0, 0, "a").unwrap();
    let base = workbook.save_to_buffer().unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut all: Vec<(String, Vec<u8>)> = Vec::new();
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).unwrap();
        let name = part.name().map(|n| n.to_string()).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut bytes).unwrap();
        all.push((name, bytes));
    }
    for (name, content) in parts {
        all.retain(|(n, _)| n != name);
        all.push((name.to_string(), content.as_bytes().to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = all
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    zip(&refs)
}

fn open_xlsx(package: Vec<u8>) -> Result<Xlsx<Cursor<Vec<u8>>>, XlsxError> {
    Xlsx::new(Cursor::new(package))
}

/// Every cell of `Sheet1` as jixiao reads it (value, formula), or calamine's error.
fn xlsx_cells(package: Vec<u8>) -> Result<Vec<(Data, Option<String>)>, XlsxError> {
    let mut book = open_xlsx(package)?;
    let mut reader = book.worksheet_cells_reader("Sheet1")?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula()? {
        cells.push((Data::from(cell.value), cell.formula));
    }
    Ok(cells)
}

fn sheet(cells: &str) -> String {
    format!("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{cells}</sheetData></worksheet>")
}

#[test]
fn xlsx_shared_strings_reserve_the_declared_unique_count() {
    // guard::xlsx::XlsxPart::strings_cost: a `String` for each of `uniqueCount`.
    let strings = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1000000\"><si><t>a</t></si></sst>";
    let package = xlsx_with(&[("xl/sharedStrings.xml", strings)]);
    let (book, largest) = largest_allocation(|| open_xlsx(package));
    assert!(book.is_ok());
    assert_eq!(largest, 1_000_000 * STRING);
}

#[test]
fn xlsx_the_shared_formula_table_grows_to_the_largest_number() {
    // guard::xlsx::XlsxPart::finish: one SHARED_FORMULA entry per number up
    // to the largest met, as jixiao reads cells with their formulas.
    let cells = "<row r=\"1\"><c r=\"A1\"><f t=\"shared\" si=\"100000\" ref=\"A1:A2\">1+1</f><v>2</v></c></row><row r=\"2\"><c r=\"A2\"><f t=\"shared\" si=\"100000\"/><v>2</v></c></row>";
    let package = xlsx_with(&[("xl/worksheets/sheet1.xml", &sheet(cells))]);
    let (cells, largest) = largest_allocation(|| xlsx_cells(package));
    assert_eq!(largest, 100_001 * SHARED_FORMULA);
    let formulas: Vec<Option<String>> = cells.unwrap().into_iter().map(|(_, f)| f).collect();
    assert_eq!(formulas, [Some("1+1".to_string()), Some("1+1".to_string())]);
}

#[test]
fn xlsx_a_shared_formula_number_is_digits_only() {
    // guard::xlsx: `si` read with a digits-only parser; anything else is
    // calamine's error before any table is grown.
    for si in ["+1", " 1", "1e3", "-1"] {
        let cells = format!("<row r=\"1\"><c r=\"A1\"><f t=\"shared\" si=\"{si}\" ref=\"A1\">1</f><v>1</v></c></row>");
        let package = xlsx_with(&[("xl/worksheets/sheet1.xml", &sheet(&cells))]);
        assert!(xlsx_cells(package).is_err(), "{si}");
    }
}

#[test]
fn xlsx_a_part_a_relationship_makes_a_worksheet_is_read_wherever_it_lies() {
    // guard::xlsx::content_targets: custom XML handed over as a worksheet is read.
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/customXml/item1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/><Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    let hidden = sheet("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>");
    let package = xlsx_with(&[
        ("xl/_rels/workbook.xml.rels", rels),
        ("customXml/item1.xml", &hidden),
    ]);
    let cells = xlsx_cells(package).unwrap();
    assert_eq!(cells, [(Data::Float(7.0), None)]);
}

#[test]
fn xlsx_broken_xml_is_calamines_error() {
    // guard::xml: a part the scan cannot read is left to calamine, which reports it.
    let package = xlsx_with(&[(
        "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>",
    )]);
    assert!(xlsx_cells(package).is_err());
}

#[test]
fn xlsx_every_defined_name_is_kept() {
    // guard::xlsx::MAX_DEFINED_NAMES: calamine keeps each name and formula.
    let names: String = (0..500)
        .map(|i| format!("<definedName name=\"n{i}\">Sheet1!$A$1</definedName>"))
        .collect();
    let workbook = format!("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets><definedNames>{names}</definedNames></workbook>");
    let book = open_xlsx(xlsx_with(&[("xl/workbook.xml", &workbook)])).unwrap();
    assert_eq!(book.defined_names().len(), 500);
}

// --- xlsb, and the password of an OOXML package ------------------------------

#[test]
fn xlsb_shared_strings_reserve_nothing_for_the_declared_count() {
    // guard::xlsb::check_xlsb_shared_strings counts the declared unique count
    // as if calamine reserved room for it; calamine 0.38 reads that many
    // strings instead, one at a time, and stops at the first missing one. The
    // guard's estimate is on the high side; a calamine that starts reserving
    // fails here, to be checked against it.
    let mut begin = 1u32.to_le_bytes().to_vec();
    begin.extend_from_slice(&10_000_000u32.to_le_bytes());
    let mut strings = vec![0x9F, 0x01, 8];
    strings.extend_from_slice(&begin);
    strings.extend_from_slice(&[0x13, 7, 0, 1, 0, 0, 0, b'a', 0]);
    let package = zip(&[("xl/sharedStrings.bin", &strings)]);
    let (book, largest) = largest_allocation(|| Xlsb::new(Cursor::new(package)));
    assert!(book.is_err());
    assert!(largest < 1 << 20, "{largest}");
}

#[test]
fn an_encrypted_ooxml_package_is_calamines_password_error() {
    // An encrypted xlsx or xlsb is a compound file with an EncryptedPackage stream.
    let image = biff::compound_file_named("EncryptedPackage", &[0u8; 600]);
    let xlsx = Xlsx::new(Cursor::new(image.clone())).err().unwrap();
    assert!(matches!(xlsx, XlsxError::Password), "{xlsx}");
    let xlsb = Xlsb::new(Cursor::new(image)).err().unwrap();
    assert!(matches!(xlsb, XlsbError::Password), "{xlsb}");
}

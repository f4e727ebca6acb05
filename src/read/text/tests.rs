use super::*;
use crate::read::cell::Row;
use std::time::{Duration, Instant};

/// One `<table>` of an HTML page: its non-empty rows and its spanning cells.
#[derive(Debug, Default)]
struct HtmlTable {
    rows: Vec<Row>,
    merged: Vec<MergedRegion>,
}

/// A sink that gathers the cells handed over into rows.
fn collect(rows: &mut Vec<Row>) -> impl FnMut(u32, u32, CellValue) -> Result<ControlFlow<()>> + '_ {
    |index, column, value| {
        if rows.last().map(|row| row.index) != Some(index) {
            rows.push(Row::new(index));
        }
        if let Some(row) = rows.last_mut() {
            row.push(column, value);
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// The rows of delimited text, read as a file's are.
fn delimited_rows(text: &str, delimiter: char) -> Vec<Row> {
    let mut rows = Vec::new();
    let _ = visit_delimited(text.as_bytes(), delimiter, 64, &mut collect(&mut rows)).unwrap();
    rows
}

/// The tables of a page, read by the tokenizer and table builder without the
/// memory limits, the text fed in pieces of `piece` bytes (whole characters).
fn html_sheets_in_pieces(html: &str, piece: usize) -> Vec<HtmlTable> {
    let mut page = PageBuilder::new(Keep::All, false);
    let mut tokenizer = Tokenizer::new(false);
    let mut rows: BTreeMap<usize, Vec<Row>> = BTreeMap::new();
    let mut at = 0;
    while at < html.len() {
        let mut end = (at + piece).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        tokenizer.feed(&html[at..end], &mut page).unwrap();
        at = end;
    }
    tokenizer.finish(&mut page).unwrap();
    page.finish().unwrap();
    for row in page.ready.drain(..) {
        rows.entry(row.slot)
            .or_default()
            .push(Row::from_cells(row.index, row.cells));
    }
    let mut tables = page.finished;
    tables.sort_by_key(|table| table.slot);
    tables
        .into_iter()
        .map(|table| HtmlTable {
            rows: rows.remove(&table.slot).unwrap_or_default(),
            merged: table.merged,
        })
        .collect()
}

/// The tables of a page, fed whole.
fn html_sheets(html: &str) -> Vec<HtmlTable> {
    html_sheets_in_pieces(html, usize::MAX / 2)
}

/// The rows of every table of a page.
fn html_tables(html: &str) -> Vec<Vec<Row>> {
    html_sheets(html).into_iter().map(|t| t.rows).collect()
}

/// The rows of a book's sheet, visited as `Workbook::visit_rows` does.
fn visit_rows(book: &TextBook, sheet: usize) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    let _ = book.visit(&book.sheets[sheet], &mut collect(&mut rows))?;
    Ok(rows)
}

/// A file of its own for a test, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> Self {
        let path = std::env::temp_dir().join(format!("jixiao-text-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
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

fn text_at(row: &Row, column: u32) -> &str {
    row.get(column).as_text().unwrap_or_default()
}

fn texts(row: &Row) -> Vec<String> {
    row.cells()
        .map(|(_, v)| v.as_text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn decodes_gbk_utf16_and_utf8_with_bom() {
    let (gbk, _, _) = GB18030.encode("日期,金额\n2017-01-05,12.5\n");
    assert_eq!(
        decode(&gbk, TextKind::Delimited),
        ("日期,金额\n2017-01-05,12.5\n".to_string(), GB18030)
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("日期\t金额".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode(&utf16, TextKind::Delimited).0, "日期\t金额");
    let bom = [&[0xEF, 0xBB, 0xBF][..], "日期".as_bytes()].concat();
    assert_eq!(decode(&bom, TextKind::Delimited).0, "日期");
}

#[test]
fn delimited_text_keeps_quoted_commas() {
    let rows = delimited_rows(
        "日期,摘要,金额\n2017-01-05,\"办公费,打印纸\",\"1,234.50\"\n",
        ',',
    );
    assert_eq!(texts(&rows[1]), ["2017-01-05", "办公费,打印纸", "1,234.50"]);
    assert_eq!(guess_delimiter("a\tb\nc\td"), '\t');
    assert_eq!(guess_delimiter("a;b;c\n1,5;2;3"), ';');
}

#[test]
fn unquoted_thousands_separators_are_rejoined() {
    let rows = delimited_rows(
        "日期,摘要,类别,金额\n2024-01-01,租金,租金,-1,500.00\n2024-01-08,回款,收入,4,200.50\n",
        ',',
    );
    assert_eq!(texts(&rows[1]), ["2024-01-01", "租金", "租金", "-1,500.00"]);
    assert_eq!(texts(&rows[2]), ["2024-01-08", "回款", "收入", "4,200.50"]);
    // Too wide and not a split number: the row is kept, marked, and not misread.
    let rows = delimited_rows("日期,金额\n2024-01-01,12,abc\n", ',');
    let marker = CellValue::Error("此行有 3 列，表头只有 2 列，可能有未加引号的逗号".into());
    assert_eq!(
        rows[1].cells().collect::<Vec<_>>(),
        [(0, &marker), (1, &marker)]
    );
}

#[test]
fn html_tables_become_rows() {
    let html = "<html><body><table border=1><tr><th colspan=\"2\">2017年支出明细</th></tr>\
<tr><td>日期</td><td>金额</td></tr><tr><td>2017-01-05</td><td><b>1,200.00</b>&nbsp;</td></tr>\
<tr><td>办公&amp;差旅</td><td>&#49;&#50;</td></tr></table></body></html>";
    let tables = html_tables(html);
    assert_eq!(tables.len(), 1);
    let rows = &tables[0];
    assert_eq!(texts(&rows[0]), ["2017年支出明细"]);
    assert_eq!(texts(&rows[1]), ["日期", "金额"]);
    assert_eq!(texts(&rows[2]), ["2017-01-05", "1,200.00"]);
    assert_eq!(texts(&rows[3]), ["办公&差旅", "12"]);
    assert_eq!(decode_entities("研发&中文说明；&amp;"), "研发&中文说明；&");
    assert_eq!(decode_entities("&#x4E2D;&#25991;&bogus;"), "中文&bogus;");
    assert_eq!(rows[2].index, 2);
}

#[test]
fn rowspan_in_the_body_keeps_the_amounts_in_their_column() {
    let html = "<table><tr><th>月份</th><th>凭证号</th><th>摘要</th><th>金额</th></tr>\
<tr><td rowspan=\"3\">1月</td><td>记-1</td><td>办公费</td><td>100.00</td></tr>\
<tr><td>记-2</td><td>差旅费</td><td>200.00</td></tr>\
<tr><td>记-3</td><td>印刷费</td><td>300.00</td></tr>\
<tr><td>2月</td><td>记-4</td><td>邮电费</td><td>400.00</td></tr></table>";
    let tables = html_sheets(html);
    assert_eq!(tables.len(), 1);
    let rows = &tables[0].rows;
    assert_eq!(texts(&rows[1]), ["1月", "记-1", "办公费", "100.00"]);
    for (row, (voucher, amount)) in rows[2..4]
        .iter()
        .zip([("记-2", "200.00"), ("记-3", "300.00")])
    {
        assert!(row.get(0).is_empty());
        assert_eq!(text_at(row, 1), voucher);
        assert_eq!(text_at(row, 3), amount);
    }
    assert_eq!(texts(&rows[4]), ["2月", "记-4", "邮电费", "400.00"]);
    assert_eq!(rows[3].index, 3);
    assert_eq!(tables[0].merged, [region(1, 0, 3, 0)]);
}

#[test]
fn merged_regions_reach_the_text_sheet() {
    let html =
        "<table><tr><td rowspan=2>1月</td><td>10.00</td></tr><tr><td>20.00</td></tr></table>";
    let file = TempFile::new("rowspan.xls", html.as_bytes());
    let book = open_text_book(&file.0, TextKind::Html, "台账").unwrap();
    assert_eq!(book.sheets[0].merged, [region(0, 0, 1, 0)]);
    assert_eq!(text_at(&visit_rows(&book, 0).unwrap()[1], 1), "20.00");
}

#[test]
fn colspan_and_rowspan_in_a_two_row_header() {
    let html =
        "<table><tr><th rowspan=2>日期</th><th colspan=2>支出</th><th rowspan=2>备注</th></tr>\
<tr><th>项目</th><th>金额</th></tr>\
<tr><td>2024-01-05</td><td>办公费</td><td>12.00</td><td>无</td></tr></table>";
    let tables = html_sheets(html);
    let rows = &tables[0].rows;
    assert_eq!(
        rows[0].cells().map(|(c, _)| c).collect::<Vec<_>>(),
        [0, 1, 3]
    );
    assert_eq!(texts(&rows[0]), ["日期", "支出", "备注"]);
    assert_eq!(rows[1].cells().map(|(c, _)| c).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(texts(&rows[1]), ["项目", "金额"]);
    assert_eq!(texts(&rows[2]), ["2024-01-05", "办公费", "12.00", "无"]);
    assert_eq!(
        tables[0].merged,
        [region(0, 0, 1, 0), region(0, 1, 0, 2), region(0, 3, 1, 3)]
    );
}

#[test]
fn unclosed_cells_and_rows() {
    let html =
        "<table><tr><td>日期<td>金额\n<tr><td>2024-01-05<td>1.00\n<tr><th>合计<td>1.00</table>";
    let rows = &html_tables(html)[0];
    assert_eq!(texts(&rows[0]), ["日期", "金额"]);
    assert_eq!(texts(&rows[1]), ["2024-01-05", "1.00"]);
    assert_eq!(texts(&rows[2]), ["合计", "1.00"]);
    // No `</table>` either, and a cell outside any `<tr>` opens a row.
    let rows = &html_tables("<table><td>a<td>b</td></tr><td>c")[0];
    assert_eq!(texts(&rows[0]), ["a", "b"]);
    assert_eq!((rows[1].index, texts(&rows[1])), (1, vec!["c".to_string()]));
}

#[test]
fn upper_case_tags_and_unquoted_attributes() {
    let html = "<TABLE BORDER=1><TR><TD ROWSPAN = '2'>一月</TD><Td colspan=2>办公费</tD><TD ROWSPAN=\"2\">备注</TD></TR>\
<TR><TD>记-1<TD>100.00</TR></TABLE>";
    let tables = html_sheets(html);
    let rows = &tables[0].rows;
    assert_eq!(
        rows[0].cells().map(|(c, _)| c).collect::<Vec<_>>(),
        [0, 1, 3]
    );
    assert_eq!(rows[1].cells().map(|(c, _)| c).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(texts(&rows[1]), ["记-1", "100.00"]);
    assert_eq!(
        tables[0].merged,
        [region(0, 0, 1, 0), region(0, 1, 0, 2), region(0, 3, 1, 3)]
    );
    assert_eq!(span(Some(" +3px"), MAX_ROWSPAN, MAX_ROWSPAN), 3);
    assert_eq!(span(Some("abc"), MAX_COLSPAN, 1), 1);
    assert_eq!(span(Some("0"), MAX_COLSPAN, 1), 1);
    assert_eq!(
        span(Some("99999999999999999999"), MAX_COLSPAN, 1),
        MAX_COLSPAN
    );
}

#[test]
fn nested_tables_are_tables_of_their_own() {
    let html = "<table><tr><td>外层</td><td>前<table><tr><td>内1</td><td>内2</td></tr>\
<tr><td colspan=2>内3</td></tr></table>后</td><td>x</td></tr>\
<tr><td>a</td><td>b</td><td>c</td></tr></table>";
    let tables = html_sheets(html);
    assert_eq!(tables.len(), 2);
    assert_eq!(texts(&tables[0].rows[0]), ["外层", "前 后", "x"]);
    assert_eq!(texts(&tables[0].rows[1]), ["a", "b", "c"]);
    assert!(tables[0].merged.is_empty());
    assert_eq!(texts(&tables[1].rows[0]), ["内1", "内2"]);
    assert_eq!(texts(&tables[1].rows[1]), ["内3"]);
    assert_eq!(tables[1].merged, [region(1, 0, 1, 1)]);
}

#[test]
fn sections_comments_scripts_and_breaks() {
    let html = "<html><head><title><td>标题</td></title><style>td { color: red } /* <td>x</td> */</style>\
<!--[if gte mso 9]><xml><td>注释</td></xml><![endif]--></head><body><table>\
<THEAD><tr><th title=\"a>b\">日期</th><th>摘要</th></tr></THEAD>\
<tbody><tr><td>1</td><td>办公<br>用品<!-- 不算 --><script>document.write('<td>x</td>')</SCRIPT></td>\
</tr></tbody><tfoot><tr><td>合计&nbsp;</td><td> a < b </td></tr></tfoot></table></body></html>";
    let rows = &html_tables(html)[0];
    assert_eq!(rows.len(), 3);
    assert_eq!(texts(&rows[0]), ["日期", "摘要"]);
    assert_eq!(texts(&rows[1]), ["1", "办公 用品"]);
    assert_eq!(texts(&rows[2]), ["合计", "a < b"]);
    assert_eq!(rows[2].index, 2);
}

#[test]
fn row_spans_end_with_their_row_group_and_cost_nothing() {
    let html =
        "<table><tbody><tr><td rowspan=65535>x</td><td>1</td></tr><tr><td>2</td></tr></tbody>\
<tbody><tr><td>3</td><td rowspan=0>y</td></tr><tr><td>4</td></tr><tr><td>5</td></tr></tbody>\
<tr><td rowspan=\"4294967296\" colspan=\"99999\">z</td></tr></table>";
    let tables = html_sheets(html);
    let rows = &tables[0].rows;
    assert_eq!((text_at(&rows[1], 1), text_at(&rows[2], 0)), ("2", "3"));
    assert_eq!((text_at(&rows[3], 0), text_at(&rows[4], 0)), ("4", "5"));
    // The last cell is in the last row: its block is as wide as declared (clamped), one row high.
    assert_eq!(
        tables[0].merged,
        [region(0, 0, 1, 0), region(2, 1, 4, 1), region(5, 0, 5, 999)]
    );
}

#[test]
fn a_cell_never_overlaps_a_block_from_above() {
    let html = "<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>\
<tr><td colspan=3>d</td><td>e</td></tr></table>";
    let tables = html_sheets(html);
    let rows = &tables[0].rows;
    assert_eq!(rows[1].cells().map(|(c, _)| c).collect::<Vec<_>>(), [0, 2]);
    assert_eq!(texts(&rows[1]), ["d", "e"]);
    assert_eq!(tables[0].merged, [region(0, 1, 1, 1)]);
}

#[test]
fn broken_markup_never_panics() {
    let page = "<table><tr><td rowspan='2' colspan=\"3\">一月&amp;</td><td>支出，</td></tr>\
<tr><td>记—1<br/>办公<!-- 注 --></td></tr></table><table><tr><td>二";
    for (at, _) in page.char_indices() {
        let _ = html_sheets(&page[..at]);
        let _ = html_sheets(&page[at..]);
    }
    for junk in [
        "<",
        "</",
        "<!",
        "<!--",
        "<!-->",
        "<!--->",
        "<?",
        "</>",
        "<td",
        "<table",
        "<table><td",
        "<table><td rowspan=\"",
        "<table><td a='",
        "<table><td =x>y",
        "<table><tr><td>\u{3000}",
        "<script>",
        "<table><script></script",
        "</table></table><tr><td>x",
        "<table><td>&#xFFFFFFFF;",
    ] {
        let _ = html_sheets(junk);
    }
    let nested =
        |depth: usize| "<table><tr><td>".repeat(depth) + "底" + &"</td></tr></table>".repeat(depth);
    let tables = html_sheets(&nested(MAX_TABLE_DEPTH));
    assert_eq!(tables.len(), 1);
    assert_eq!(texts(&tables[0].rows[0]), ["底"]);
    // Deeper than that, the innermost tables are skipped with their text.
    assert!(html_sheets(&nested(MAX_TABLE_DEPTH + 1)).is_empty());
    assert!(html_sheets(&"<table>".repeat(100_000)).is_empty());
}

#[test]
fn large_tables_are_read_in_linear_time() {
    let cells = 200_000;
    let mut html = String::from("<table><tr>");
    for i in 0..cells {
        html.push_str(&format!("<td>{i}</td>"));
    }
    html.push_str("</tr></table>");
    let started = Instant::now();
    let tables = html_sheets(&html);
    let wide = started.elapsed();
    assert_eq!(tables[0].rows.len(), 1);
    assert_eq!(tables[0].rows[0].cells().count(), cells);
    assert_eq!(text_at(&tables[0].rows[0], cells as u32 - 1), "199999");

    let lines = 100_000;
    let mut html = String::from("<table>");
    for i in 0..lines {
        // Unclosed rows and cells, and a rowspan now and then.
        let span = if i % 10 == 0 { " rowspan=2" } else { "" };
        html.push_str(&format!("<tr><td{span}>{i}<td>1.00\n"));
    }
    html.push_str("</table>");
    let started = Instant::now();
    let tables = html_sheets(&html);
    let tall = started.elapsed();
    assert_eq!(tables[0].rows.len(), lines);
    assert_eq!(tables[0].merged.len(), lines / 10);
    assert_eq!(text_at(&tables[0].rows[1], 2), "1.00");
    eprintln!("200000 cells in one row: {wide:?}; {lines} rows: {tall:?}");
    assert!(wide < Duration::from_secs(5) && tall < Duration::from_secs(5));
}

/// Pages of the tests above, for the streaming tests below.
const PAGES: &[&str] = &[
    "<html><head><title><td>标题</td></title><style>td { color: red } /* <td>x</td> */</style>\
<!--[if gte mso 9]><xml><td>注释</td></xml><![endif]--><!----><!---></head><body><table>\
<THEAD><tr><th title=\"a>b\">日期</th><th>摘要</th></tr></THEAD>\
<tbody><tr><td>1</td><td>办公<br>用品<!-- 不算 --><script>document.write('</scrip</td>')</SCRIPT></td>\
</tr></tbody><tfoot><tr><td>合计&nbsp;</td><td> a < b &amp; c</td></tr></tfoot></table></body></html>",
    "<TABLE BORDER=1><TR><TD ROWSPAN = '2'>一月</TD><Td colspan=2>办公费</tD><TD ROWSPAN=\"2\">备注</TD></TR>\
<TR><TD>记-1<TD>100.00</TR></TABLE><? php ?><!doctype x></ x><p>段落</p>",
    "<table><tr><td>外层</td><td>前<table><tr><td>内1</td><td>内2</td></tr>\
<tr><td colspan=2>内3</td></tr></table>后</td><td>x</td></tr>\
<tr><td>a</td><td>b</td><td>c</td></tr></table><table><tr><td>二<td rowspan=0>三",
];

#[test]
fn html_fed_in_pieces_reads_as_html_fed_whole() {
    for page in PAGES {
        let whole = html_sheets(page);
        assert!(!whole.is_empty());
        for piece in 1..=9 {
            let pieces = html_sheets_in_pieces(page, piece);
            assert_eq!(pieces.len(), whole.len(), "{piece}: {page}");
            for (a, b) in pieces.iter().zip(&whole) {
                assert_eq!(a.rows, b.rows, "{piece}: {page}");
                assert_eq!(a.merged, b.merged, "{piece}: {page}");
            }
        }
    }
    let first = &html_sheets(PAGES[0])[0].rows;
    assert_eq!(texts(&first[1]), ["1", "办公 用品"]);
    assert_eq!(texts(&first[2]), ["合计", "a < b & c"]);
}

#[test]
fn decoding_in_pieces_splits_no_character() {
    let text = "日期,摘要,金额\n2024-01-05,办公费（打印纸）€𠀀,1.00\n";
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let utf8 = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    let gbk = GB18030.encode(text).0.into_owned();
    for (name, bytes, encoding) in [
        ("gbk.csv", gbk, GB18030),
        ("utf8.csv", utf8, UTF_8),
        ("utf16le.csv", utf16le, UTF_16LE),
        ("utf16be.csv", utf16be, UTF_16BE),
    ] {
        let file = TempFile::new(name, &bytes);
        let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
        assert_eq!(book.encoding, encoding.name());
        // Raw pieces of 1 to 7 bytes cut every character somewhere.
        for capacity in 1..=7 {
            let mut source = book.source(book.text_start, capacity).unwrap();
            let mut read = String::new();
            while let Some(piece) = source.next_piece().unwrap() {
                read.push_str(piece);
            }
            assert_eq!(read, text, "{name} in pieces of {capacity}");
            // The csv reader reads the same text through `Read`, a few bytes at a time.
            let source = book.source(book.text_start, capacity).unwrap();
            let mut rows = Vec::new();
            let _ = visit_delimited(source, ',', capacity, &mut collect(&mut rows)).unwrap();
            assert_eq!(
                texts(&rows[1]),
                ["2024-01-05", "办公费（打印纸）€𠀀", "1.00"]
            );
        }
    }
    // A character across the file's own 64 KiB pieces.
    let mut text = String::from("date,memo\n");
    while text.len() < CHUNK - 100 {
        text.push_str("2024-01-05,1.00\n");
    }
    text.push_str("2024-01-05,");
    text.push_str(&"x".repeat(CHUNK - 1 - text.len()));
    text.push_str("办公费\n");
    let bytes = GB18030.encode(&text).0.into_owned();
    assert_eq!(bytes[CHUNK - 1..CHUNK + 1], GB18030.encode("办").0[..]);
    let file = TempFile::new("boundary.csv", &bytes);
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    assert_eq!(book.encoding, GB18030.name());
    let rows = visit_rows(&book, 0).unwrap();
    let last = text_at(rows.last().unwrap(), 1);
    assert!(last.starts_with("xx") && last.ends_with("x办公费"));
}

#[test]
fn quoted_fields_may_hold_line_breaks() {
    let text = "日期,摘要,金额\r\n2024-01-05,\"办公费\r\n（打印纸，墨盒）\",\"1,200.00\"\r\n2024-01-06,差旅费,300\r\n";
    let rows = delimited_rows(text, ',');
    assert_eq!(rows.len(), 3);
    assert_eq!(
        texts(&rows[1]),
        ["2024-01-05", "办公费\r\n（打印纸，墨盒）", "1,200.00"]
    );
    assert_eq!(
        (rows[2].index, texts(&rows[2])),
        (
            2,
            vec!["2024-01-06".to_string(), "差旅费".into(), "300".into()]
        )
    );
    let file = TempFile::new("quoted.csv", text.as_bytes());
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    assert_eq!(visit_rows(&book, 0).unwrap(), rows);
}

#[test]
fn a_late_non_utf8_byte_makes_the_file_gbk() {
    let mut text = String::from("日期,摘要,金额\n");
    while text.len() < 2 << 20 {
        text.push_str("2024-01-05,office,1.00\n");
    }
    text.push_str("2024-12-31,办公费,2.00\n");
    let bytes = GB18030.encode(&text).0.into_owned();
    assert!(std::str::from_utf8(&bytes[..2 << 20]).is_err());
    let ascii_head = bytes.iter().position(|b| *b >= 0x80).unwrap();
    let first_chinese = &bytes[..bytes.len() - 40];
    assert!(first_chinese.len() > HEAD_BYTES);
    assert!(ascii_head < 30);
    // The header line above is GBK too; here the head is pure ASCII.
    let text = text.replacen("日期,摘要,金额", "date,memo,amount", 1);
    let bytes = GB18030.encode(&text).0.into_owned();
    assert!(bytes[..2 << 20].is_ascii());
    let file = TempFile::new("late.csv", &bytes);
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    assert_eq!(book.encoding, GB18030.name());
    let rows = visit_rows(&book, 0).unwrap();
    assert_eq!(
        texts(rows.last().unwrap()),
        ["2024-12-31", "办公费", "2.00"]
    );
    // A file valid to its end is UTF-8.
    let file = TempFile::new("late-utf8.csv", text.as_bytes());
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    assert_eq!(book.encoding, UTF_8.name());
}

#[test]
fn a_sheet_visited_twice_gives_the_same_rows() {
    let csv = "日期;摘要;金额\n2024-01-05;办公费;1,00\n\n2024-01-06;\"差旅\n费\";2,00\n";
    let file = TempFile::new("twice.csv", &GB18030.encode(csv).0);
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    assert_eq!(book.delimiter, Some(';'));
    let first = visit_rows(&book, 0).unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(visit_rows(&book, 0).unwrap(), first);

    // Tables of a page are visited from their own tag, in every encoding:
    // broken GBK bytes and `<` in text, comments and attributes come before them.
    let page = format!(
        "<html><head><meta charset=gbk><title>a<b</title></head><body>x < y {}{}{}</body></html>",
        PAGES[0], PAGES[2], PAGES[1]
    );
    let expected = html_sheets(&page);
    assert_eq!(expected.len(), 5);
    let mut gbk = GB18030.encode(&page).0.into_owned();
    let body = gbk.windows(6).position(|w| w == b"<body>").unwrap();
    gbk.splice(body..body, [0x81, 0x3C, 0x81, 0x30, 0x3C, 0xFE]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            page.replace("charset=gbk", "")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let utf8 = page.replace("charset=gbk", "");
    for (name, bytes) in [
        ("twice-gbk.xls", gbk),
        ("twice-utf16.xls", utf16),
        ("twice-utf8.xls", utf8.into_bytes()),
    ] {
        let file = TempFile::new(name, &bytes);
        let book = open_text_book(&file.0, TextKind::Html, "账").unwrap();
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["账", "账（表2）", "账（表3）", "账（表4）", "账（表5）"],
            "{name}"
        );
        for (sheet, table) in expected.iter().enumerate() {
            let rows = visit_rows(&book, sheet).unwrap();
            assert_eq!(rows, table.rows, "{name} sheet {sheet}");
            assert_eq!(
                book.sheets[sheet].merged, table.merged,
                "{name} sheet {sheet}"
            );
            assert_eq!(visit_rows(&book, sheet).unwrap(), rows);
        }
    }
}

#[test]
fn a_fifty_megabyte_line_is_refused_quickly() {
    let mut line = "1,".repeat(25 << 20);
    line.push('\n');
    let file = TempFile::new("long.csv", line.as_bytes());
    let started = Instant::now();
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    let refused = visit_rows(&book, 0).map(|rows| rows.len());
    let refused = refused.unwrap_err().to_string();
    assert!(refused.contains("第 1 行长达 50 MB"), "{refused}");
    assert!(refused.contains("不像台账的一行"), "{refused}");
    eprintln!("50 MB line refused in {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(20));

    // A later line; lines within the limit are read.
    let text = format!(
        "日期,金额\n2024-01-05,1.00\n{}\n",
        "x".repeat(MAX_LINE_BYTES + 1000)
    );
    let file = TempFile::new("long-later.csv", text.as_bytes());
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    let refused = visit_rows(&book, 0).map(|rows| rows.len());
    let refused = refused.unwrap_err().to_string();
    assert!(refused.contains("第 3 行长达 4 MB"), "{refused}");
    let mut seen = 0;
    let flow = book
        .visit(&book.sheets[0], &mut |_, _, _| {
            seen += 1;
            Ok(ControlFlow::Break(()))
        })
        .unwrap();
    assert!(
        flow.is_break() && seen == 1,
        "a visit that stops early never meets the line"
    );

    // An unclosed quote swallows the lines after it into one record.
    let mut text = String::from("日期,摘要,金额\n2024-01-05,\"办公费,1.00\n");
    while text.len() < MAX_LINE_BYTES + (1 << 20) {
        text.push_str("2024-01-06,差旅费,2.00\n");
    }
    let file = TempFile::new("unclosed.csv", text.as_bytes());
    let book = open_text_book(&file.0, TextKind::Delimited, "账").unwrap();
    let refused = visit_rows(&book, 0).map(|rows| rows.len());
    let refused = refused.unwrap_err().to_string();
    assert!(refused.contains("从第 2 行附近开始的一条记录"), "{refused}");
    assert!(refused.contains("引号"), "{refused}");
}

#[test]
fn html_limits_are_refused_with_what_to_do() {
    let refused = |name: &str, page: &str| {
        let file = TempFile::new(name, page.as_bytes());
        open_text_book(&file.0, TextKind::Html, "账")
            .unwrap_err()
            .to_string()
    };
    let big_cell = format!(
        "<table><tr><td>日期</td><td>{}</td></tr></table>",
        "很".repeat(2 << 20)
    );
    let message = refused("big-cell.xls", &big_cell);
    assert!(
        message.contains("第 1 个表格的第 1 行内容超过 4 MB"),
        "{message}"
    );
    let big_tag = format!(
        "<table><tr><td title=\"{}\">日期</td></tr></table>",
        "x".repeat(5 << 20)
    );
    let message = refused("big-tag.xls", &big_tag);
    assert!(message.contains("标签"), "{message}");
    let many = "<table><tr><td>x</td></tr></table>".repeat(MAX_TABLES + 1);
    let message = refused("many.xls", &many);
    assert!(message.contains("表格超过 10000 个"), "{message}");
    // Up to the limits, the same pages are read; a long comment or script costs nothing.
    let fine = format!(
        "<!--{}--><script>{}</script><table><tr><td>日期</td><td>{}</td></tr></table>",
        "-".repeat(5 << 20),
        "<".repeat(5 << 20),
        "很".repeat(1 << 20)
    );
    let file = TempFile::new("fine.xls", fine.as_bytes());
    let book = open_text_book(&file.0, TextKind::Html, "账").unwrap();
    assert_eq!(visit_rows(&book, 0).unwrap()[0].cells().count(), 2);
    let many = "<table><tr><td>x</td></tr></table>".repeat(300);
    let file = TempFile::new("many-fine.xls", many.as_bytes());
    let book = open_text_book(&file.0, TextKind::Html, "账").unwrap();
    assert_eq!(book.sheets.len(), 300);
    assert_eq!(texts(&visit_rows(&book, 299).unwrap()[0]), ["x"]);
}

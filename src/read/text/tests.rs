use super::*;
use std::time::{Duration, Instant};

/// The rows of every table of a page.
fn html_tables(html: &str) -> Vec<Vec<Row>> {
    html_sheets(html).into_iter().map(|t| t.rows).collect()
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
    let path = std::env::temp_dir().join(format!("jixiao-text-{}-rowspan.xls", std::process::id()));
    let html =
        "<table><tr><td rowspan=2>1月</td><td>10.00</td></tr><tr><td>20.00</td></tr></table>";
    std::fs::write(&path, html).unwrap();
    let book = read_text_book(&path, TextKind::Html, "台账");
    std::fs::remove_file(&path).unwrap();
    let book = book.unwrap();
    assert_eq!(book.sheets[0].merged, [region(0, 0, 1, 0)]);
    assert_eq!(text_at(&book.sheets[0].rows[1], 1), "20.00");
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

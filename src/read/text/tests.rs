use super::*;

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

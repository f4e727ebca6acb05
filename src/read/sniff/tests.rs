use super::*;

#[test]
fn unique_count_is_read_from_the_sst_head() {
    let head = r#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="4000000000">"#;
    assert_eq!(declared_unique_count(head), Some(4_000_000_000));
    let huge = r#"<sst uniqueCount="18446744073709551616999">"#;
    assert_eq!(declared_unique_count(huge), Some(u64::MAX));
    assert_eq!(declared_unique_count("<sst count=\"1\">"), None);
    // Issue 9: spaces around `=` are valid XML and must not hide the count.
    assert_eq!(
        declared_unique_count("<sst xmlns=\"x\" uniqueCount = \"4000000000\">"),
        Some(4_000_000_000)
    );
    assert_eq!(declared_unique_count("<sst uniqueCount='7'>"), Some(7));
}

#[test]
fn the_root_tag_is_read_whole_however_far_it_ends() {
    // The attribute placed after the first 4 KB, behind a comment with a '>' in it.
    let padding = " ".repeat(10_000);
    let xml = format!(
        "<?xml version=\"1.0\"?><!-- a > b --><sst xmlns=\"x\"{padding}count=\"1\"\n uniqueCount=\"4000000000\"><si><t>a</t></si></sst>"
    );
    let tag = root_start_tag(xml.as_bytes()).unwrap().unwrap();
    assert!(tag.len() < 200, "white space folded: {}", tag.len());
    assert_eq!(declared_unique_count(&tag), Some(4_000_000_000));
    assert_eq!(root_start_tag("<?xml?>".as_bytes()).unwrap(), None);
    // A '>' inside a comment does not end it; the tag after the comment is the root.
    let tricky = "<!-- <sst uniqueCount=\"1\"> --><sst uniqueCount=\"9\">";
    let tag = root_start_tag(tricky.as_bytes()).unwrap().unwrap();
    assert_eq!(declared_unique_count(&tag), Some(9));
}

#[test]
fn old_biff_streams_are_recognised() {
    assert!(is_old_biff_stream(&[0x09, 0x04, 0x06, 0x00, 0x00, 0x00]));
    assert!(!is_old_biff_stream(b"date,amount"));
}

#[test]
fn text_tables_are_recognised_by_content() {
    assert_eq!(text_format(b"<html><table>"), Some(Format::Html));
    assert_eq!(text_format(&[0xFF, 0xFE, b'a', 0]), Some(Format::Delimited));
    assert_eq!(
        text_format("日期,金额\n".as_bytes()),
        Some(Format::Delimited)
    );
    assert_eq!(text_format(b"<?xml version=\"1.0\"?><Workbook>"), None);
    assert_eq!(text_format(&[0x01, 0x00, 0x02, 0x03]), None);
    assert!(describe_non_workbook(b"<?xml ?>").contains("XML"));
}

/// 512 bytes of OLE header (only the signature set), then 128-byte directory
/// slots with these names (UTF-16LE, NUL-terminated).
fn ole_with_entries(names: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0u8; 512];
    bytes[..8].copy_from_slice(OLE_MAGIC);
    for name in names {
        let mut entry = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry[..units.len()].copy_from_slice(&units);
        bytes.extend(entry);
    }
    bytes
}

#[test]
fn the_workbook_stream_is_found_as_calamine_finds_it() {
    assert!(has_workbook_entry(&ole_with_entries(&[
        "Root Entry",
        "Workbook"
    ])));
    // calamine looks the name up with ASCII case ignored, and falls back to Book (BIFF5).
    assert!(has_workbook_entry(&ole_with_entries(&["WORKBOOK"])));
    assert!(has_workbook_entry(&ole_with_entries(&["Book"])));
    assert!(!has_workbook_entry(&ole_with_entries(&[
        "Root Entry",
        "ETExtData",
        "Workbooks",
        "\u{5}SummaryInformation"
    ])));
    // The 512-byte header is not a directory slot.
    let mut header_only = ole_with_entries(&[]);
    let units: Vec<u8> = "Workbook"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    header_only[128..128 + units.len()].copy_from_slice(&units);
    header_only.resize(1024, 0);
    assert!(!has_workbook_entry(&header_only));
}

#[test]
fn an_et_is_read_by_its_content_and_refused_in_wps_words() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let wps = ole_with_entries(&["Root Entry", "Workbook", "ETExtData"]);
    assert_eq!(detect_format(&write("台账.et", &wps)).unwrap(), Format::Xls);
    assert_eq!(
        detect_format(&write("模板.ETT", &wps)).unwrap(),
        Format::Xls
    );

    let no_workbook = ole_with_entries(&["Root Entry", "ETExtData"]);
    let refused = detect_format(&write("台账.et", &no_workbook)).unwrap_err();
    assert!(
        refused.to_string().contains("WPS 表格文件（.et）"),
        "{refused}"
    );
    assert!(refused.to_string().ends_with(WPS_RESAVE), "{refused}");
    // Named .xls, the same file is left to calamine (and its own message).
    assert_eq!(
        detect_format(&write("台账.xls", &no_workbook)).unwrap(),
        Format::Xls
    );

    let garbage = [0x4B, 0x53, 0x4F, 0x00, 0x01, 0x02, 0x03, 0x04];
    let refused = detect_format(&write("乱码.et", &garbage)).unwrap_err();
    assert!(refused.downcast_ref::<super::super::NotALedger>().is_some());
    assert!(refused.to_string().ends_with(WPS_RESAVE), "{refused}");
    // Text saved as .et is read as text, as text saved as .xls is.
    assert_eq!(
        detect_format(&write("导出.et", "日期,金额\n2017-01-05,100\n".as_bytes())).unwrap(),
        Format::Delimited
    );

    assert!(is_wps_file(Path::new("台账.Et")));
    assert!(!is_wps_file(Path::new("台账.et.xlsx")));
    assert!(!is_wps_file(Path::new("et")));
}

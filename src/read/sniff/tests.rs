use super::*;

#[test]
fn unique_count_is_read_from_the_sst_head() {
    let head = r#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="4000000000">"#;
    assert_eq!(declared_unique_count(head), Some(4_000_000_000));
    let huge = r#"<sst uniqueCount="18446744073709551616999">"#;
    assert_eq!(declared_unique_count(huge), Some(u64::MAX));
    assert_eq!(declared_unique_count("<sst count=\"1\">"), None);
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

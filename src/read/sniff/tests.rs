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

use super::*;
use std::io::Write;

#[test]
fn controls_become_visible_marks() {
    assert_eq!(sanitize_xml_text("办公\u{b}用品"), "办公␋用品");
    assert_eq!(sanitize_xml_text("a\u{1}b\u{0}"), "a␁b␀");
    assert_eq!(sanitize_xml_text("x\u{fffe}y\u{ffff}z\u{fdd0}"), "x?y?z?");
    assert_eq!(sanitize_xml_text("\u{1fffe}\u{10ffff}\u{7f}\u{85}"), "??␡?");
    assert_eq!(marks_in("a\u{b}\u{c}\u{fffe}"), 3);
}

#[test]
fn ordinary_text_is_borrowed_untouched() {
    let text = "差旅费\t报销\r\n（2017年）😀\u{fffd}";
    assert!(matches!(sanitize_xml_text(text), Cow::Borrowed(_)));
    assert_eq!(marks_in(text), 0);
}

#[test]
fn every_sanitized_char_is_allowed_by_xml() {
    for code in (0u32..0x3_0000).chain(0x10_FFF0..=0x10_FFFF) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let text = c.to_string();
        let clean = sanitize_xml_text(&text);
        assert!(clean.chars().all(xml_char), "U+{code:04X}");
    }
}

fn part(xml: &str) -> std::result::Result<(), String> {
    check_part(xml.as_bytes())
}

#[test]
fn well_formed_parts_pass() {
    assert_eq!(
        part(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:t xml:space="preserve">a &amp; b&#x9;&#65;</w:t><w:b/></w:document>"#
        ),
        Ok(())
    );
}

#[test]
fn broken_parts_fail() {
    for xml in [
        "<a>\u{b}</a>",
        "<a x=\"\u{1}\"/>",
        "<a>&#x1;</a>",
        "<a x=\"&#11;\"/>",
        "<a>\u{fffe}</a>",
        "<a><b></a>",
        "<a>",
        "<a/><b/>",
        "",
        "<a>&nbsp;</a>",
        "<a>x</a>tail",
        "<a></a></a>",
    ] {
        assert!(part(xml).is_err(), "{xml:?} passed");
    }
    assert!(check_part(&b"<a>\xff</a>"[..]).is_err());
}

fn zip_with(parts: &[(&str, &str)]) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
    for (name, body) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    file
}

#[test]
fn a_package_with_a_control_character_is_refused_in_chinese() {
    let good = zip_with(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/media/a.png", "\u{1}"),
    ]);
    assert!(check_package(good.path()).is_ok());
    let bad = zip_with(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "word/document.xml",
            "<w:document><w:t>\u{b}</w:t></w:document>",
        ),
    ]);
    let error = format!("{:#}", check_package(bad.path()).unwrap_err());
    assert!(error.contains("word/document.xml"), "{error}");
    assert!(error.contains("U+000B"), "{error}");
    let not_zip = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_zip.path(), "not a zip").unwrap();
    assert!(check_package(not_zip.path()).is_err());
}

#[test]
fn the_byte_scan_finds_exactly_what_xml_forbids() {
    for code in (0u32..0x1_0000).chain(0x10_FFF0..=0x10_FFFF) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let text = format!("a{c}b");
        assert_eq!(check_text(&text, 0).is_ok(), xml_char(c), "U+{code:04X}");
    }
}

//! Issue 9: hostile files made by the tests themselves end in a Chinese message
//! (or a result), never in an abort.

use crate::samples::LEDGER_SAMPLE;
use crate::support::{jixiao, repo_path, stderr_of, TempDir};
use std::io::{Read, Write};
use std::path::Path;

/// Copies an xlsx, replacing one part's content.
fn with_part(source: &Path, target: &Path, part: &str, content: &[u8]) {
    let mut input = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut output = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for index in 0..input.len() {
        let mut entry = input.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        output.start_file(name.as_str(), options).unwrap();
        output
            .write_all(if name == part { content } else { &bytes })
            .unwrap();
    }
    output.finish().unwrap();
}

#[test]
fn a_lying_shared_string_count_is_refused_however_it_is_written() {
    let dir = TempDir::new("hostile-sst");
    let padding = " ".repeat(8_000);
    for (name, tag) in [
        ("spaced.xlsx", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount = \"4000000000\">".to_string()),
        (
            "late.xlsx",
            format!("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"{padding}count=\"1\" uniqueCount=\"4000000000\">"),
        ),
    ] {
        let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{tag}<si><t>日期</t></si></sst>");
        let input = dir.path().join(name);
        with_part(&repo_path(LEDGER_SAMPLE), &input, "xl/sharedStrings.xml", xml.as_bytes());
        let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains("共享字符串表声明有 4000000000 个字符串"), "{name}: {stderr}");
    }
}

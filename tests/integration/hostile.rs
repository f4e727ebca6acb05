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

/// Issue 9, point 5: a real ledger with one odd cell is still graded; 明细
/// leaves out or cuts what Excel cannot hold and 数据检查 says so.
#[test]
fn a_ledger_with_one_odd_cell_is_still_graded() {
    let dir = TempDir::new("odd-cell");
    let input = dir.path().join("台账.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("明细账").unwrap();
    for (column, header) in ["日期", "摘要", "金额"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 1, 5).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(1, 0, &day, &format)
        .unwrap();
    sheet.write_string(1, 1, "办公费").unwrap();
    sheet.write_number(1, 2, 100_000.0).unwrap();
    // A note in the sheet's last column (XFD).
    sheet.write_string(1, 16_383, "备注").unwrap();
    workbook.save(&input).unwrap();
    let output = jixiao(["--budget".as_ref(), "120".as_ref(), input.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let result = dir.path().join("台账_绩效自评.xlsx");
    let check = crate::support::read_sheet(&result, Some("数据检查"));
    let note = check
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "明细表"))
        .map(|r| r[1].clone())
        .unwrap_or_else(|| panic!("{check:?}"));
    assert!(note.contains("1 个单元格在 Excel 的最后一列之后"), "{note}");
    let detail = crate::support::read_sheet(&result, Some("明细"));
    assert_eq!(detail[1][1], "2017年1月", "{:?}", &detail[1][..5]);

    // Text files can hold a cell longer than Excel allows.
    let csv = dir.path().join("流水.csv");
    let long = "长".repeat(40_000);
    std::fs::write(&csv, format!("日期,摘要,金额\n2017-01-05,{long},100000\n")).unwrap();
    let output = jixiao(["--budget".as_ref(), "120".as_ref(), csv.as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let check =
        crate::support::read_sheet(&dir.path().join("流水_绩效自评.xlsx"), Some("数据检查"));
    let note = check
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "明细表"))
        .map(|r| r[1].clone())
        .unwrap_or_default();
    assert!(
        note.contains("1 个单元格的文字超过 Excel 的 32767 字上限"),
        "{note}"
    );
}

/// An xlsb whose shared-string table inflates past what a ledger needs is
/// refused before calamine keeps every string.
#[test]
fn an_xlsb_with_huge_shared_strings_is_refused() {
    let dir = TempDir::new("xlsb-sst");
    let input = dir.path().join("台账.xlsb");
    let mut output = zip::ZipWriter::new(std::fs::File::create(&input).unwrap());
    // Stored, not deflated: the test writes 300 MB quickly (the size checked is
    // the part's declared size, the same either way).
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    output.start_file("xl/workbook.bin", options).unwrap();
    output.write_all(&[0x83, 0x01, 0x00]).unwrap();
    output.start_file("xl/sharedStrings.bin", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        output.write_all(&zeros).unwrap();
    }
    output.finish().unwrap();
    let output = jixiao(["--budget".as_ref(), "120".as_ref(), input.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("共享字符串表（xl/sharedStrings.bin）解压后有 300 MB"),
        "{stderr}"
    );
}

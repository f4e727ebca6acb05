//! Issue 20, points 4–6: hostile inputs built in code end in a result or a
//! Chinese message, in bounded work.

use crate::support::{jixiao, json_of, read_sheet, stderr_of, write_fixture, Fx, TempDir};
use Fx::{D, N, S};

/// Point 6: an amount that cannot be summed — 29 digits as text, or as a
/// number — is left out as unreadable, named by its cell; the other lines
/// are graded.
#[test]
fn an_amount_too_big_to_sum_is_left_out_with_its_cell() {
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 10), S("工资"), N(250_000.0)],
        vec![
            D(2017, 1, 11),
            S("办公费"),
            S("79228162514264337593543950335"),
        ],
        vec![
            D(2017, 1, 12),
            S("办公费"),
            S("79228162514264337593543950335"),
        ],
        vec![D(2017, 1, 13), S("差旅费"), N(7.9e28)],
        vec![
            D(2017, 1, 14),
            S("印刷费"),
            S("99999999999999999999999999999999"),
        ],
        vec![D(2017, 1, 15), S("邮电费"), N(1_000.0)],
    ];
    let dir = TempDir::new("amount-too-big");
    let input = dir.path().join("台账.xlsx");
    write_fixture(&input, "Sheet1", &rows);
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("超出了计算范围"), "{stderr}");
    for cell in ["C3", "C4", "C5", "C6"] {
        assert!(
            stderr.contains(&format!("需要检查 Sheet1!{cell}：金额无法识别")),
            "{cell}: {stderr}"
        );
    }
    let json = json_of(&output);
    let january = &json["files"][0]["years"][0]["months"][0];
    assert_eq!(january["amount_wan"].as_str(), Some("25.10"), "{json}");
    let check = read_sheet(&dir.path().join("台账_绩效自评.xlsx"), Some("数据检查"));
    let listed: Vec<&str> = check
        .iter()
        .filter_map(|r| r.first())
        .filter(|a| a.starts_with("Sheet1!"))
        .map(String::as_str)
        .collect();
    assert_eq!(listed, ["Sheet1!C3", "Sheet1!C4", "Sheet1!C5", "Sheet1!C6"]);
}

/// A zip package of `parts`, stored, where the part named `big` declares
/// `declared` bytes uncompressed (its local header and central directory
/// entry are patched): the guards read the declared size before anything
/// is inflated, so a small file stands for a huge one.
fn package_declaring(parts: &[(&str, &[u8])], big: &str, declared: u32) -> Vec<u8> {
    use std::io::Write;
    let mut bytes = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bytes);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap();
    }
    let mut bytes = bytes.into_inner();
    let name = big.as_bytes();
    let mut patched = 0;
    // Local header: size at 22, name length at 26, name at 30.
    // Central directory: size at 24, name length at 28, name at 46.
    for (signature, size_at, name_at) in [(b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)] {
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
            let start = at + found;
            if bytes.get(start + name_at..start + name_at + name.len()) == Some(name) {
                bytes[start + size_at..start + size_at + 4]
                    .copy_from_slice(&declared.to_le_bytes());
                patched += 1;
            }
            at = start + 4;
        }
    }
    assert_eq!(patched, 2, "both headers of {big} patched");
    bytes
}

/// Point 4: an xlsb whose shared-string part is named in capitals is held to
/// the same size rule as `xl/sharedStrings.bin` (calamine finds it either way).
#[test]
fn an_xlsb_shared_string_part_in_capitals_is_held_to_the_size_rule() {
    let dir = TempDir::new("xlsb-caps");
    for part in [
        "xl/SHAREDSTRINGS.BIN",
        "xl/sharedStrings.bin",
        "XL/SharedStrings.Bin",
    ] {
        let bytes = package_declaring(
            &[
                ("[Content_Types].xml", b"<Types/>"),
                ("xl/workbook.bin", b"\x83\x01\x00"),
                (part, b"\x9f\x01\x08\x00\x00\x00\x00\x00\x00\x00\x00"),
            ],
            part,
            300 << 20,
        );
        let input = dir.path().join("台账.xlsb");
        std::fs::write(&input, bytes).unwrap();
        let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{part}: {stderr}");
        assert!(
            stderr.contains("共享字符串表")
                && stderr.contains("300 MB")
                && stderr.contains("256 MB"),
            "{part}: {stderr}"
        );
    }
}

/// Point 4: 20,000 merged date cells, each over a dated line and a blank one
/// below it. The blank dates are found in the merged region above by a
/// sorted lookup, not by a scan of every region per row (which took 44 s on a
/// file like this one grown to size); every line is counted in its month.
#[test]
fn twenty_thousand_merged_date_cells_are_read_by_lookup() {
    let dir = TempDir::new("many-merges");
    let input = dir.path().join("台账.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("明细账").unwrap();
    for (column, header) in ["日期", "摘要", "金额"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let regions: u32 = 20_000;
    for index in 0..regions {
        let top = 1 + 2 * index;
        let month = (index % 12 + 1) as u8;
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, month, 1).unwrap();
        sheet.merge_range(top, 0, top + 1, 0, "", &format).unwrap();
        sheet
            .write_datetime_with_format(top, 0, &day, &format)
            .unwrap();
        for row in [top, top + 1] {
            sheet.write_string(row, 1, "办公费").unwrap();
            sheet.write_number(row, 2, 1.0).unwrap();
        }
    }
    workbook.save(&input).unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json = json_of(&output);
    let months = json["files"][0]["years"][0]["months"].as_array().unwrap();
    let amounts: Vec<&str> = months
        .iter()
        .map(|m| m["amount_wan"].as_str().unwrap())
        .collect();
    // 20,000 regions over 12 months: 1,667 or 1,666 regions of two 1-元
    // lines, 0.33 万元 a month (0.17 if the blank dates were left out).
    assert_eq!(amounts, vec!["0.33"; 12], "{json}");
}

/// Copies a small ledger built in code, replacing one part's content.
fn ledger_with_part(dir: &TempDir, file: &str, part: &str, content: &[u8]) -> std::path::PathBuf {
    use std::io::{Read, Write};
    let plain = dir.path().join(format!("plain-{file}"));
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 10), S("工资"), N(250_000.0)],
    ];
    write_fixture(&plain, "Sheet1", &rows);
    let mut input = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
    let target = dir.path().join(file);
    let mut output = zip::ZipWriter::new(std::fs::File::create(&target).unwrap());
    for index in 0..input.len() {
        let mut entry = input.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        output
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        output
            .write_all(if name == part { content } else { &bytes })
            .unwrap();
    }
    output.finish().unwrap();
    std::fs::remove_file(plain).unwrap();
    target
}

/// Point 4: more sheets than the cap, or elements nested deeper than the cap,
/// end the file at once in a Chinese message naming the limit.
#[test]
fn too_many_sheets_and_too_deep_nesting_are_refused_in_chinese() {
    let dir = TempDir::new("caps");
    let sheets: String = (1..=1_001)
        .map(|i| format!("<sheet name=\"S{i}\" sheetId=\"{i}\" r:id=\"rId1\"/>"))
        .collect();
    let workbook = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{sheets}</sheets></workbook>"
    );
    let many = ledger_with_part(&dir, "多表.xlsx", "xl/workbook.xml", workbook.as_bytes());
    let depth = 10_000;
    let nested = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/>{}{}</worksheet>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let deep = ledger_with_part(
        &dir,
        "深.xlsx",
        "xl/worksheets/sheet1.xml",
        nested.as_bytes(),
    );
    for (input, words) in [
        (&many, ["1,000 个以上的工作表", "上限 1,000 个"]),
        (&deep, ["xl/worksheets/sheet1.xml", "超过 256 层"]),
    ] {
        let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        for word in words {
            assert!(stderr.contains(word), "{word}: {stderr}");
        }
    }
}

/// Point 5: a ledger reached through links that loop is said in Chinese with
/// the fix, never as the system's 「Too many levels of symbolic links」.
#[cfg(unix)]
#[test]
fn a_loop_of_links_is_said_in_chinese() {
    let dir = TempDir::new("link-loop");
    std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
    let input = dir.path().join("a").join("台账.xlsx");
    let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("符号链接") && stderr.contains("实际位置"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("os error") && !stderr.contains("symbolic"),
        "{stderr}"
    );
}

/// Point 5: an `--out-dir` that is a loop of links, or a link to nowhere, is
/// said as that — not as a folder that does not exist.
#[cfg(unix)]
#[test]
fn an_out_dir_through_a_loop_of_links_is_said_as_one() {
    let dir = TempDir::new("out-dir-loop");
    std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("b")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("无处"), dir.path().join("c")).unwrap();
    let input = dir.path().join("台账.xlsx");
    std::fs::copy(
        crate::support::repo_path(crate::samples::MONTHLY_SAMPLE),
        &input,
    )
    .unwrap();
    for (out_dir, said) in [("a", "绕成了圈"), ("c", "是一个链接，指向的位置不存在")]
    {
        let out_dir = dir.path().join(out_dir);
        let output = jixiao([
            "--budget".as_ref(),
            "322.95".as_ref(),
            "--out-dir".as_ref(),
            out_dir.as_os_str(),
            input.as_os_str(),
        ]);
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(said), "{stderr}");
        assert!(
            !stderr.contains("」不存在") && !stderr.contains("os error"),
            "{stderr}"
        );
    }
}

/// Point 4: an xlsb's shared strings are costed from its records, as an
/// xlsx's are: a table declaring four thousand million strings (calamine
/// reserves room for them: an abort) is refused in Chinese.
#[test]
fn an_xlsb_shared_string_table_is_costed_from_its_records() {
    let dir = TempDir::new("xlsb-count");
    // BrtBeginSst (0x9F, as the varint 9F 01), eight bytes: total and unique counts.
    let mut begin = vec![0x9F, 0x01, 0x08, 0, 0, 0, 0];
    begin.extend_from_slice(&4_000_000_000u32.to_le_bytes());
    let bytes = package_declaring(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.bin", b"\x83\x01\x00"),
            ("xl/SharedStrings.BIN", &begin),
        ],
        "xl/workbook.bin",
        3,
    );
    let input = dir.path().join("台账.xlsb");
    std::fs::write(&input, bytes).unwrap();
    let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("xl/SharedStrings.BIN") && stderr.contains("4,000,000,000 个以上的字符串"),
        "{stderr}"
    );
}

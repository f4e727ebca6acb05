//! Issue 20, point 3: every file written opens. Control characters and
//! non-characters in a 摘要 (a vertical tab pasted from Word, which Excel
//! stores as `_x000B_`), in the ledger's title, in the file's name and in
//! `[department]` reach neither the workbook nor the draft as they are: they
//! are shown as visible marks and noted on 数据检查, and each written package
//! is checked part by part before it takes its name.

use crate::support::{jixiao, json_of, read_sheet, stderr_of, write_fixture, Fx, TempDir};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;

/// Every part of a zip package, by name, as text.
fn parts(file: &Path) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            (
                part.name().unwrap().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )
        })
        .collect()
}

/// A ledger whose title and 摘要 hold a vertical tab, a C0 control and a non-character.
fn hostile_ledger(path: &Path) {
    let mut rows = vec![
        vec![Fx::S("某县财政局\u{b}2017年支出明细账")],
        vec![Fx::S("日期"), Fx::S("摘要"), Fx::S("金额")],
    ];
    let amounts = [
        152_300.0, 198_760.5, 245_110.0, 268_900.0, 231_450.0, 259_800.0, 240_120.0, 262_330.0,
        288_410.0, 301_250.0, 276_540.0, 330_900.0,
    ];
    let summaries = [
        "办公\u{b}用品",
        "差旅\u{1}费",
        "印刷\u{fffe}费",
        "水电费",
        "邮电费",
        "会议费",
        "培训费",
        "维修费",
        "租赁费",
        "公务接待费",
        "劳务费",
        "委托业务费",
    ];
    for (month, (amount, summary)) in amounts.iter().zip(summaries).enumerate() {
        rows.push(vec![
            Fx::D(2017, month as u8 + 1, 15),
            Fx::S(summary),
            Fx::N(*amount),
        ]);
    }
    write_fixture(path, "支出明细", &rows);
}

#[test]
fn control_characters_in_ledger_settings_and_name_still_give_files_that_open() {
    let dir = TempDir::new("hostile-text");
    // Linux and macOS allow a control character in a file name; Windows does not.
    let name = if cfg!(windows) {
        "台账2017.xlsx"
    } else {
        "台账\u{b}2017.xlsx"
    };
    let input = dir.path().join(name);
    hostile_ledger(&input);
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[department]\nname = \"某县\\u000B财政局\"\nfunctions = \"负责\\u0001财政\\uFFFE管理。\"\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    let file = &json["files"][0];
    assert_eq!(file["ok"], true, "{json}");
    let workbook = Path::new(file["output"].as_str().unwrap()).to_path_buf();
    let docx = Path::new(
        file["report_docx"]
            .as_str()
            .unwrap_or_else(|| panic!("no draft: {}", stderr_of(&output))),
    )
    .to_path_buf();

    // Both packages: every XML part well-formed XML 1.0.
    jixiao::xml_text::check_package(&workbook).unwrap();
    jixiao::xml_text::check_package(&docx).unwrap();
    let document = parts(&docx)
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .unwrap()
        .1;
    assert!(document.contains("某县␋财政局"), "the unit's name, marked");
    assert!(
        document.contains("负责␁财政?管理。"),
        "[department] text, marked"
    );
    for (name, text) in parts(&docx) {
        assert!(
            !text
                .chars()
                .any(|c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{fffe}'),
            "{name} holds a control character"
        );
    }

    // The workbook opens; the 摘要 shows the marks; 数据检查 says so.
    let detail = read_sheet(&workbook, Some("明细"));
    let all: Vec<&String> = detail.iter().flatten().collect();
    assert!(all.iter().any(|c| c.as_str() == "办公␋用品"), "{detail:?}");
    assert!(all.iter().any(|c| c.as_str() == "差旅␁费"));
    assert!(all.iter().any(|c| c.as_str() == "印刷?费"));
    assert!(!all
        .iter()
        .any(|c| c.contains('\u{b}') || c.contains('\u{1}')));
    let check = read_sheet(&workbook, Some("数据检查"));
    let note = |label: &str| {
        check
            .iter()
            .find(|row| row.first().is_some_and(|c| c == label))
            .and_then(|row| row.get(1).cloned())
            .unwrap_or_else(|| panic!("no {label} on 数据检查: {check:?}"))
    };
    let detail_note = note("明细表");
    assert!(
        detail_note.contains("3 个单元格含有 Excel 和 Word 不能显示的控制字符"),
        "{detail_note}"
    );
    assert!(detail_note.contains("「明细」"), "{detail_note}");
    let text_note = note("不能显示的字符");
    assert!(text_note.contains("页眉中的单位名称"), "{text_note}");
    let input_name = note("输入文件");
    if !cfg!(windows) {
        assert!(input_name.contains("台账␋2017"), "{input_name}");
        assert!(text_note.contains("本表"), "{text_note}");
    }
}

#[test]
fn a_package_that_fails_the_check_is_a_chinese_error_and_leaves_nothing() {
    let dir = TempDir::new("bad-package");
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file(
            "[Content_Types].xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(b"<Types/>").unwrap();
        zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all("<workbook><t>办公\u{b}用品</t></workbook>".as_bytes())
            .unwrap();
        zip.finish().unwrap();
    }
    let path = dir.path().join("汇总.xlsx");
    let error = jixiao::write::write_summary(&path, &[], None, false, &bytes).unwrap_err();
    let text = format!("{error:#}");
    assert!(
        text.contains("结果文件未通过检查（Word、WPS 或 Excel 会打不开它），没有保存"),
        "{text}"
    );
    assert!(text.contains("xl/workbook.xml"), "{text}");
    assert!(dir.file_names().is_empty(), "{:?}", dir.file_names());
}

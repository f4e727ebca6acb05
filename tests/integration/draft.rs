//! Issue 12, point 4: the 自评报告 draft beside the workbook — written by
//! default, in the seed's structure, with what only the department knows
//! from the settings or highlighted placeholders; never over an existing file;
//! a flag and a setting turn it off.

use crate::samples::LEDGER_SAMPLE;
use crate::support::{jixiao, json_of, repo_path, stderr_of, TempDir};
use std::fs;
use std::io::Read;
use std::path::Path;

/// `word/document.xml` of a .docx.
fn document(docx: &Path) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(docx).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn ledger_in_temp(label: &str) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new(label);
    let input = dir.path().join("州政务服务管理局2017年明细账.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &input).unwrap();
    (dir, input)
}

#[test]
fn the_draft_is_written_beside_the_workbook_in_the_seeds_structure() {
    let (dir, input) = ledger_in_temp("draft");
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[department]\nfunctions = \"负责政务服务的管理和监督。\"\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    let docx = dir
        .path()
        .join("州政务服务管理局2017年明细账_绩效自评报告.docx");
    assert_eq!(json["files"][0]["report_docx"], docx.display().to_string());
    let text = document(&docx);
    let mut at = 0;
    for heading in [
        "一、部门基本情况",
        "二、绩效自评工作情况",
        "三、评价情况分析及综合评价结论",
        "四、存在的问题和整改情况",
        "五、",
        "六、",
        "七、其他需说明的情况",
    ] {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found;
    }
    // The department's own words where given; a placeholder where not, never invented.
    assert!(text.contains("负责政务服务的管理和监督。"));
    assert!(!text.contains("【请填写：主要职能"));
    assert!(
        text.contains("【请填写："),
        "what only the department knows is asked for"
    );
    // The seed's standards, 及格 included.
    for threshold in ["24.22", "21.53", "18.84", "16.15"] {
        assert!(text.contains(threshold), "{threshold}");
    }
    assert!(text.contains("及格"));
}

#[test]
fn a_flag_or_a_setting_turns_the_draft_off() {
    let (dir, input) = ledger_in_temp("no-draft");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--no-docx".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(json_of(&output)["files"][0]["report_docx"].is_null());
    assert!(!dir.file_names().iter().any(|n| n.ends_with(".docx")));
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\ndocx = false\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), "--overwrite".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(!dir.file_names().iter().any(|n| n.ends_with(".docx")));
}

#[test]
fn an_existing_draft_is_never_overwritten_without_the_flag() {
    let (dir, input) = ledger_in_temp("draft-kept");
    let taken = dir
        .path()
        .join("州政务服务管理局2017年明细账_绩效自评报告.docx");
    fs::write(&taken, b"the department's own edits").unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(fs::read(&taken).unwrap(), b"the department's own edits");
    let second = dir
        .path()
        .join("州政务服务管理局2017年明细账_绩效自评报告(2).docx");
    assert_eq!(
        json_of(&output)["files"][0]["report_docx"],
        second.display().to_string()
    );
    assert!(document(&second).contains("一、部门基本情况"));
}

//! Issue 12, point 4: the 自评报告 draft beside the workbook — written by
//! default, in the seed's structure, with what only the department knows
//! from the settings or highlighted placeholders; never over an existing file;
//! a flag and a setting turn it off.

use crate::samples::LEDGER_SAMPLE;
use crate::support::{column_of, jixiao, json_of, read_sheet, repo_path, stderr_of, TempDir};
use std::fs;
use std::io::Read;
use std::path::Path;

/// `word/document.xml` of a .docx.
pub fn document(docx: &Path) -> String {
    zipped(docx, "word/document.xml")
}

/// One part of a zip file (.docx, .xlsx) as text.
fn zipped(file: &Path, part: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text of document.xml: its `<w:t>` runs, one paragraph a line.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            let mut line = String::new();
            for piece in p.split("<w:t").skip(1) {
                if !(piece.starts_with('>') || piece.starts_with(' ')) {
                    continue;
                }
                let Some(start) = piece.find('>') else {
                    continue;
                };
                let rest = &piece[start + 1..];
                line.push_str(&rest[..rest.find("</w:t>").unwrap_or(rest.len())]);
            }
            line
        })
        .filter(|l| !l.is_empty())
        .collect()
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

/// Issue 19, point 3: a ledger that names no unit (the 用友 export's title is 明细账
/// and a 科目 line) gives 【请填写：单位名称】 in the draft's title, its 落款 and the
/// workbook's page headers — never the file's name; the settings' name wins.
#[test]
fn a_ledger_naming_no_unit_is_asked_for_never_named_after_its_file() {
    let dir = TempDir::new("draft-nameless");
    let input = dir.path().join("yongyou-3col-2017.xlsx");
    fs::copy(repo_path("samples/yongyou-3col-2017.xlsx"), &input).unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    let docx = json["files"][0]["report_docx"]
        .as_str()
        .unwrap()
        .to_string();
    let lines = paragraphs(&document(Path::new(&docx)));
    assert_eq!(
        lines[0],
        "【请填写：单位名称】2017年度部门整体支出绩效自评报告"
    );
    assert_eq!(
        lines[lines.len() - 2..],
        ["【请填写：单位名称】", "【请填写：日期】"],
        "the 落款"
    );
    let all = lines.concat();
    for junk in ["yongyou", "明细账2017", "行政2017", "科目余额表"] {
        assert!(!all.contains(junk), "{junk}");
    }
    let workbook = json["files"][0]["output"].as_str().unwrap().to_string();
    let sheet = zipped(Path::new(&workbook), "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("&amp;C【请填写：单位名称】 2017年1—8月部门整体支出绩效自评"),
        "{sheet}"
    );

    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[department]\nname = \"某县财政局\"\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), "--overwrite".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let lines = paragraphs(&document(Path::new(&docx)));
    assert_eq!(lines[0], "某县财政局2017年度部门整体支出绩效自评报告");
    assert_eq!(lines[lines.len() - 2], "某县财政局");
    let sheet = zipped(Path::new(&workbook), "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("&amp;C某县财政局 2017年1—8月"), "{sheet}");
}

/// Issue 19, point 3: the bureau's summary names each ledger by its file in
/// 台账文件 and never puts the file's name in 单位.
#[test]
fn the_summary_never_passes_a_file_name_off_as_a_unit() {
    let dir = TempDir::new("summary-units");
    let named = dir.path().join("a.xlsx");
    let nameless = dir.path().join("b.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &named).unwrap();
    fs::copy(repo_path("samples/yongyou-3col-2017.xlsx"), &nameless).unwrap();
    let summary = dir.path().join("汇总.xlsx");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--no-docx".as_ref(),
        "--summary".as_ref(),
        summary.as_os_str(),
        named.as_os_str(),
        nameless.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows = read_sheet(&summary, Some("汇总"));
    let unit = column_of(&rows[0], "单位");
    let file = column_of(&rows[0], "台账文件");
    let mut pairs: Vec<(&str, &str)> = rows[1..3]
        .iter()
        .map(|r| (r[file].as_str(), r[unit].as_str()))
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("a.xlsx", "州政务服务管理局"),
            ("b.xlsx", "（台账未写明单位，见台账文件）")
        ]
    );
}

/// Issue 19, points 5 and 6: the seed's draft states the workbook's figures in
/// the words a reviewer would write — no spaces around numbers, March and April
/// explained by what was spent and asked about, never judged.
#[test]
fn the_seeds_draft_agrees_with_the_workbook_and_reads_as_written() {
    let (dir, input) = ledger_in_temp("draft-words");
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[breakdown]\n\"工资福利支出\" = 150\n\"商品和服务支出\" = 172.95\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    let docx = json["files"][0]["report_docx"]
        .as_str()
        .unwrap()
        .to_string();
    let workbook = json["files"][0]["output"].as_str().unwrap().to_string();
    let all = paragraphs(&document(Path::new(&docx))).concat();
    let monthly = read_sheet(Path::new(&workbook), Some("月度分析"));
    let total_row = monthly
        .iter()
        .find(|r| r.first().is_some_and(|c| c.starts_with("合计")))
        .unwrap();
    let total = &total_row[column_of(&monthly[0], "支出金额（万元）")];
    let total: f64 = total.parse().unwrap();
    let total = format!("{total:.2}");
    assert_eq!(total, "273.43");
    assert!(all.contains(&format!("合计{total}")), "month table: {all}");
    assert!(all.contains(&format!("累计支出{total}万元")), "{all}");
    // The breakdown's 合计 is the same figure, its rows named as the workbook names them.
    assert!(!all.contains("未对应分项"), "the row is 未归入分项的支出");
    assert!(
        all.contains(&format!("合计322.95{total}")),
        "breakdown: {all}"
    );
    assert!(!all.contains(" 万元") && !all.contains("万元 "), "{all}");
    assert!(!all.contains("属集中支出") && !all.contains("待全年数据齐全后再做"));
    assert!(
        all.contains("三月62.29231.5%优秀保持超过月均预算的2倍，主要为差旅费"),
        "{all}"
    );
    assert!(
        all.contains("【请核对】三月、四月支出超过月均预算的2倍"),
        "{all}"
    );
    assert_eq!(all.matches("以上（含本数）").count(), 0);
    assert_eq!(all.matches("应查找原因").count(), 0);
    assert!(all.ends_with("州政务服务管理局【请填写：日期】"), "{all}");
}

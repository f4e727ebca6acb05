//! The command line's promises: the input untouched, no overwrite without
//! --overwrite, no output on failure, one JSON document, failures isolated.

use crate::samples::MONTHLY_SAMPLE;
use crate::support::{jixiao, json_of, repo_path, stderr_of, Fx, TempDir};
use std::fs;
use std::path::{Path, PathBuf};
use Fx::{D, N, S};

/// Copies the monthly sample into a fresh folder and returns (folder, input path).
fn sample_in_temp() -> (TempDir, PathBuf) {
    let dir = TempDir::new("cli");
    let input = dir.path().join("支出 台账 2017.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();
    (dir, input)
}

#[test]
fn output_goes_beside_the_input_and_the_input_is_unchanged() {
    let (dir, input) = sample_in_temp();
    let before = fs::read(&input).unwrap();
    let output = jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert_eq!(fs::read(&input).unwrap(), before);
    assert_eq!(
        dir.file_names(),
        [
            "支出 台账 2017.xlsx",
            "支出 台账 2017_绩效自评.xlsx",
            "支出 台账 2017_绩效自评报告.docx"
        ]
    );
    assert!(stderr_of(&output).contains("已生成"));
    assert!(stderr_of(&output).contains("已生成自评报告草稿"));
}

#[test]
fn an_existing_output_is_never_overwritten_without_the_flag() {
    let (dir, input) = sample_in_temp();
    let taken = dir.path().join("支出 台账 2017_绩效自评.xlsx");
    fs::write(&taken, b"the accountant's own edits").unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success());
    assert_eq!(fs::read(&taken).unwrap(), b"the accountant's own edits");
    let second = dir.path().join("支出 台账 2017_绩效自评(2).xlsx");
    assert!(second.is_file());
    assert_eq!(
        json_of(&output)["files"][0]["output"],
        second.display().to_string()
    );
    assert!(stderr_of(&output).contains("没有覆盖"));

    let output = jixiao(
        ["--budget", "322.95", "--overwrite"]
            .iter()
            .map(Path::new)
            .map(Path::as_os_str)
            .chain([input.as_os_str()]),
    );
    assert!(output.status.success());
    assert_ne!(fs::read(&taken).unwrap(), b"the accountant's own edits");
    assert_eq!(
        dir.file_names(),
        [
            "支出 台账 2017.xlsx",
            "支出 台账 2017_绩效自评(2).xlsx",
            "支出 台账 2017_绩效自评.xlsx",
            "支出 台账 2017_绩效自评报告.docx"
        ],
        "no new name, no temporary file left (the draft replaced too)"
    );
}

#[test]
fn no_budget_anywhere_writes_a_settings_template_and_no_output() {
    let (dir, input) = sample_in_temp();
    // Dropped on the exe (no flags): nothing to type a flag into, so the
    // message says the file and the line, never a flag.
    let output = jixiao([input.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr_of(&output);
    assert!(
        message.contains("jixiao.toml")
            && message.contains("budget = 0")
            && !message.contains("--budget")
            && message.contains("支出 台账 2017.xlsx"),
        "{message}"
    );
    assert_eq!(dir.file_names(), ["jixiao.toml", "支出 台账 2017.xlsx"]);
    let template = fs::read_to_string(dir.path().join("jixiao.toml")).unwrap();
    assert!(template.contains("budget = 0") && template.contains("# 全年预算收入（万元）"));
    // Dropped again before filling it in: the template is kept, and the message points at its line.
    let again = jixiao([input.as_os_str()]);
    let message = stderr_of(&again);
    let line = template.lines().position(|l| l == "budget = 0").unwrap() + 1;
    assert!(
        message.contains(&format!("jixiao.toml」第 {line} 行 budget"))
            && message.contains("请填写全年预算收入"),
        "{message}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("jixiao.toml")).unwrap(),
        template
    );
    // Filled in: graded without any flag, and the report says where the budget came from.
    fs::write(
        dir.path().join("jixiao.toml"),
        template.replace("budget = 0", "budget = 322.95"),
    )
    .unwrap();
    let done = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(done.status.success(), "{}", stderr_of(&done));
    let workbook = dir.path().join("支出 台账 2017_绩效自评.xlsx");
    let check = crate::support::read_sheet(&workbook, Some("数据检查"));
    let budget = check.iter().find(|r| r[0] == "预算收入").unwrap();
    assert!(
        budget[1].contains("来自设置文件") && budget[1].contains("jixiao.toml"),
        "{budget:?}"
    );
    assert_eq!(
        json_of(&done)["files"][0]["years"][0]["budget_wan"],
        "322.95"
    );
}

#[test]
fn a_file_that_is_not_a_spreadsheet_gets_a_chinese_message() {
    let dir = TempDir::new("cli-bad");
    let fake = dir.path().join("导出.xls");
    // A PNG picture saved under an .xls name.
    fs::write(&fake, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "100".as_ref(),
        "--json".as_ref(),
        fake.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let file = &json_of(&output)["files"][0];
    assert_eq!(file["ok"], false);
    assert_eq!(file["output"], serde_json::Value::Null);
    assert_eq!(file["years"], serde_json::json!([]));
    let error = file["error"].as_str().unwrap();
    assert!(
        error.contains("不是 jixiao 能识别的电子表格文件") && error.contains("另存为 .xlsx"),
        "{error}"
    );
    assert!(stderr_of(&output).contains("导出.xls"));
    assert_eq!(dir.file_names(), ["导出.xls"]);
}

#[test]
fn one_failing_input_does_not_stop_the_others() {
    let (dir, input) = sample_in_temp();
    let missing = dir.path().join("不存在.xlsx");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        missing.as_os_str(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json = json_of(&output);
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(
        (files[0]["ok"].clone(), files[1]["ok"].clone()),
        (false.into(), true.into())
    );
    assert!(files[0]["error"].as_str().unwrap().contains("无法打开文件"));
    assert!(stderr_of(&output).contains("完成 1 个，失败 1 个"));
    assert!(Path::new(files[1]["output"].as_str().unwrap()).is_file());
}

#[test]
fn a_missing_out_dir_is_reported_without_output() {
    let (dir, input) = sample_in_temp();
    let nowhere = dir.path().join("没有这个目录");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--out-dir".as_ref(),
        nowhere.as_os_str(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("输出目录"),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(dir.file_names(), ["支出 台账 2017.xlsx"]);
}

#[test]
fn help_is_chinese_and_usage_errors_exit_2() {
    let help = jixiao(["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for expected in [
        "用法",
        "--budget",
        "全年预算收入（万元）",
        "--overwrite",
        "--json",
    ] {
        assert!(text.contains(expected), "help lacks {expected}: {text}");
    }
    let bad = jixiao(["--budget", "abc", "a.xlsx"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr_of(&bad).contains("322.95"));
    let version = jixiao(["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn json_mode_prints_exactly_one_document_and_messages_go_to_stderr() {
    let (_dir, input) = sample_in_temp();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let json = json_of(&output);
    let keys: Vec<&str> = json["files"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    // The keys of the first release stay first and unchanged; later ones are added after them.
    assert_eq!(keys[..5], ["input", "output", "ok", "error", "years"]);
    assert_eq!(
        keys[5..],
        [
            "warnings",
            "tie_out",
            "tie_out_total",
            "tie_out_mismatches",
            "tie_out_unchecked",
            "settings",
            "report_docx",
            "as_of"
        ]
    );
    let month_keys: Vec<&str> = json["files"][0]["years"][0]["months"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(month_keys[..3], ["month", "amount_wan", "grade"]);
    assert!(!String::from_utf8_lossy(&output.stdout).contains("已生成"));
    assert!(stderr_of(&output).contains("已生成"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (dir, input) = sample_in_temp();
    let args = |out: &Path| -> Vec<std::ffi::OsString> {
        vec![
            "--budget".into(),
            "322.95".into(),
            "--out-dir".into(),
            out.into(),
            input.clone().into(),
        ]
    };
    let first = TempDir::new("det-a");
    let second = TempDir::new("det-b");
    assert!(jixiao(args(first.path())).status.success());
    assert!(jixiao(args(second.path())).status.success());
    let name = "支出 台账 2017_绩效自评.xlsx";
    assert_eq!(
        fs::read(first.path().join(name)).unwrap(),
        fs::read(second.path().join(name)).unwrap()
    );
    drop(dir);
}

#[test]
fn a_folder_is_a_batch_of_its_ledgers() {
    let dir = TempDir::new("folder");
    let ledgers = dir.path().join("各单位台账");
    fs::create_dir(&ledgers).unwrap();
    fs::copy(repo_path(MONTHLY_SAMPLE), ledgers.join("甲局.xlsx")).unwrap();
    fs::copy(
        repo_path(crate::samples::LEDGER_SAMPLE),
        ledgers.join("乙局.xlsx"),
    )
    .unwrap();
    fs::write(ledgers.join("丙局.xls"), b"\x89PNG not a ledger").unwrap();
    // Left alone: an earlier result, Excel's lock file, a note.
    fs::write(ledgers.join("甲局_绩效自评.xlsx"), b"earlier result").unwrap();
    fs::write(ledgers.join("~$乙局.xlsx"), b"lock").unwrap();
    fs::write(ledgers.join("说明.md"), "notes").unwrap();
    let before: Vec<(String, Vec<u8>)> =
        ["甲局.xlsx", "乙局.xlsx", "丙局.xls", "甲局_绩效自评.xlsx"]
            .iter()
            .map(|n| (n.to_string(), fs::read(ledgers.join(n)).unwrap()))
            .collect();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        ledgers.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1), "one file failed");
    let json = json_of(&output);
    let files: Vec<(String, bool)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                Path::new(f["input"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                f["ok"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("丙局.xls".to_string(), false),
            ("乙局.xlsx".to_string(), true),
            ("甲局.xlsx".to_string(), true)
        ]
    );
    let message = stderr_of(&output);
    assert!(
        message.contains("共 3 个文件：完成 2 个，失败 1 个。")
            && message.contains("失败：「")
            && message.contains("丙局.xls"),
        "{message}"
    );
    for (name, bytes) in before {
        assert_eq!(
            fs::read(ledgers.join(&name)).unwrap(),
            bytes,
            "{name} was changed"
        );
    }
    assert!(ledgers.join("乙局_绩效自评.xlsx").is_file());
    assert!(
        ledgers.join("甲局_绩效自评(2).xlsx").is_file(),
        "the earlier result is kept"
    );
}

#[test]
fn an_empty_folder_is_reported() {
    let dir = TempDir::new("empty-folder");
    let output = jixiao(["--budget".as_ref(), "1".as_ref(), dir.path().as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr_of(&output).contains("里没有台账文件"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn the_bureau_summary_ranks_departments_by_their_lag() {
    let dir = TempDir::new("summary");
    let (ahead, behind) = (dir.path().join("甲"), dir.path().join("乙"));
    for (folder, budget) in [(&ahead, "322.95"), (&behind, "600")] {
        fs::create_dir(folder).unwrap();
        fs::copy(
            repo_path(crate::samples::LEDGER_SAMPLE),
            folder.join("明细账.xlsx"),
        )
        .unwrap();
        fs::write(folder.join("jixiao.toml"), format!("budget = {budget}\n")).unwrap();
    }
    let broken = dir.path().join("丙局.xlsx");
    fs::write(&broken, b"not a workbook").unwrap();
    let summary = dir.path().join("汇总.xlsx");
    let output = jixiao([
        "--json".as_ref(),
        "--summary".as_ref(),
        summary.as_os_str(),
        ahead.join("明细账.xlsx").as_os_str(),
        behind.join("明细账.xlsx").as_os_str(),
        broken.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1), "one ledger failed");
    assert_eq!(json_of(&output)["summary"], summary.display().to_string());
    let rows = crate::support::read_sheet(&summary, Some("汇总"));
    let column = |name: &str| crate::support::column_of(&rows[0], name);
    // 600 万元: 273.43 / 600 = 45.6 % against 66.7 % — behind, so first.
    let budgets: Vec<&str> = rows[1..3]
        .iter()
        .map(|r| r[column("预算收入（万元）")].as_str())
        .collect();
    assert_eq!(budgets, ["600", "322.95"]);
    assert_eq!(rows[1][column("单位")], "州政务服务管理局");
    let gap: f64 = rows[1][column("进度差异")].parse().unwrap();
    assert!((gap - (273.43 / 600.0 - 8.0 / 12.0)).abs() < 1e-9, "{gap}");
    assert_eq!(rows[2][column("优秀")], "6");
    assert_eq!(rows[2][column("评为差的月份")], "二月");
    let failed = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "未能处理的文件"))
        .unwrap();
    assert_eq!(rows[failed + 2][0], "丙局.xlsx");
    assert!(
        rows[failed + 2][1].contains("不是"),
        "{:?}",
        rows[failed + 2]
    );
    let sheet = {
        let mut archive = zip::ZipArchive::new(fs::File::open(&summary).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("xl/charts/chart1.xml").unwrap(),
            &mut text,
        )
        .unwrap();
        text
    };
    assert!(
        sheet.contains("汇总!$E$2:$E$3"),
        "the chart shows each department's execution"
    );
}

/// Issue 9, point 2: `jixiao --json DIR 2>&1 >out.json | head -c 20` must not
/// panic on the closed pipe: every ledger is still processed and written.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::process::{Command, Stdio};
    let dir = TempDir::new("broken-pipe");
    for index in 0..6 {
        fs::copy(
            repo_path(MONTHLY_SAMPLE),
            dir.path().join(format!("台账{index}.xlsx")),
        )
        .unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--budget", "322.95", "--json"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Both pipes closed before jixiao writes a word, as `| head -c 0` would.
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "no panic, no abort");
    let written = dir
        .file_names()
        .iter()
        .filter(|n| n.ends_with("_绩效自评.xlsx"))
        .count();
    assert_eq!(written, 6, "{:?}", dir.file_names());
    let drafts = dir
        .file_names()
        .iter()
        .filter(|n| n.ends_with("_绩效自评报告.docx"))
        .count();
    assert_eq!(drafts, 6, "{:?}", dir.file_names());
}

/// Issue 9, point 8: arguments that cannot be right are refused, not guessed.
#[test]
fn arguments_that_cannot_be_right_are_refused() {
    let (_dir, input) = sample_in_temp();
    for budget in [["--budget", "322_95"], ["--budget", "3e2"]] {
        let output = jixiao([budget[0].as_ref(), budget[1].as_ref(), input.as_os_str()]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{budget:?}: {}",
            stderr_of(&output)
        );
    }
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--budget".as_ref(),
        "2017=1".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("不知道该用哪一个"));
    // --amount-col naming a column that is empty on every line.
    let dir = TempDir::new("empty-amount-col");
    let ledger = dir.path().join("台账.xlsx");
    crate::support::write_fixture(
        &ledger,
        "明细账",
        &[
            vec![S("日期"), S("摘要"), S("金额"), S("备注")],
            vec![D(2017, 1, 5), S("办公费"), N(100.0)],
            vec![D(2017, 2, 5), S("差旅费"), N(200.0)],
        ],
    );
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--amount-col".as_ref(),
        "D".as_ref(),
        ledger.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("金额列 D 在全部 2 行都是空的"), "{stderr}");
}

/// Issue 9, point 6: a note and an earlier bureau summary in the folder are
/// skipped with a line each; they are not failures.
#[test]
fn a_folder_batch_skips_notes_and_earlier_summaries() {
    let dir = TempDir::new("folder-skips");
    let ledgers = dir.path().join("台账");
    fs::create_dir(&ledgers).unwrap();
    fs::copy(repo_path(MONTHLY_SAMPLE), ledgers.join("甲局.xlsx")).unwrap();
    fs::write(
        ledgers.join("说明.txt"),
        "请各单位于每月5日前报送台账。\n联系人：财务科\n",
    )
    .unwrap();
    // A summary made by an earlier run, under a name of the user's choosing.
    let earlier = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--out-dir".as_ref(),
        dir.path().as_os_str(),
        "--summary".as_ref(),
        ledgers.join("十月汇总.xlsx").as_os_str(),
        ledgers.join("甲局.xlsx").as_os_str(),
    ]);
    assert!(earlier.status.success(), "{}", stderr_of(&earlier));
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        "--out-dir".as_ref(),
        dir.path().as_os_str(),
        "--overwrite".as_ref(),
        ledgers.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json = json_of(&output);
    assert_eq!(json["files"].as_array().unwrap().len(), 1, "{json}");
    let skipped: Vec<&str> = json["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["input"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        stderr.contains("· 跳过") && stderr.contains("说明.txt"),
        "{stderr}"
    );
    assert!(stderr.contains("十月汇总.xlsx"), "{stderr}");
    assert!(stderr.contains("失败 0 个"), "{stderr}");
}

/// Issue 9, point 7: `--out-dir` naming a file says so, not “不存在”.
#[test]
fn an_out_dir_that_is_a_file_is_named_as_one() {
    let (dir, input) = sample_in_temp();
    let not_a_folder = dir.path().join("结果.txt");
    fs::write(&not_a_folder, "x").unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--out-dir".as_ref(),
        not_a_folder.as_os_str(),
        input.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("是一个文件，不是文件夹"), "{stderr}");
    assert!(!stderr.contains("不存在"), "{stderr}");
}

/// Issue 11, point 5: several ledgers dropped at once (no flags) — the window
/// shows one line per file and a final count.
#[test]
fn several_ledgers_dropped_at_once_get_a_line_each_and_a_count() {
    let (dir, first) = sample_in_temp();
    let second = dir.path().join("乙局 2017.xlsx");
    fs::copy(&first, &second).unwrap();
    let broken = dir.path().join("丙局.xlsx");
    fs::write(&broken, b"not a workbook").unwrap();
    fs::write(dir.path().join("jixiao.toml"), "budget = 322.95\n").unwrap();
    let output = jixiao([first.as_os_str(), second.as_os_str(), broken.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let report = stderr_of(&output);
    let lines: Vec<&str> = report.lines().filter(|l| !l.trim().is_empty()).collect();
    let done: Vec<&&str> = lines.iter().filter(|l| l.starts_with("✔ 「")).collect();
    assert_eq!(done.len(), 2, "{report}");
    assert!(
        done.iter()
            .all(|l| l.contains("2017 年 ") && l.contains("优秀") && l.contains("_绩效自评.xlsx")),
        "{report}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("✘ 「丙局.xlsx」"))
            .count(),
        1,
        "{report}"
    );
    assert!(
        report.contains("共 3 个文件：完成 2 个，失败 1 个。"),
        "{report}"
    );
    assert!(
        !report.contains("识别："),
        "no full report in a batch: {report}"
    );
}

/// Issue 11, point 5: a double-click with no ledger shows how to use jixiao
/// (and, from a pipe as here, does not wait for Enter).
#[test]
fn started_without_a_ledger_it_shows_the_hint() {
    let output = jixiao(Vec::<&str>::new());
    assert_eq!(output.status.code(), Some(2));
    let hint = stderr_of(&output);
    assert!(
        hint.contains("拖到 jixiao") && hint.contains("jixiao.toml"),
        "{hint}"
    );
}

/// Issue 19, point 2: a budget in 元 is refused before anything is written,
/// with the budget in 万元 said where it was written.
#[test]
fn a_budget_in_yuan_is_refused_with_the_fix_where_it_was_written() {
    let dir = TempDir::new("budget-in-yuan");
    let input = dir.path().join("台账.xlsx");
    fs::copy(repo_path(crate::samples::LEDGER_SAMPLE), &input).unwrap();
    // From a terminal: the flag.
    let output = jixiao(["--budget".as_ref(), "3229500".as_ref(), input.as_os_str()]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("像是按元写的") && said.contains("应为 322.95 万元"),
        "{said}"
    );
    assert!(said.contains("改用 --budget 322.95"), "{said}");
    assert_eq!(dir.file_names(), ["台账.xlsx"], "nothing written");
    // After a drop: the line of jixiao.toml, never a flag.
    fs::write(dir.path().join("jixiao.toml"), "# 预算\nbudget = 3229500\n").unwrap();
    let output = jixiao([input.as_os_str()]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("第 2 行改为 budget = 322.95"), "{said}");
    assert!(!said.contains("--"), "{said}");
    // The budget a flag gives per year keeps its year.
    let output = jixiao([
        "--budget".as_ref(),
        "2017=3229500".as_ref(),
        input.as_os_str(),
    ]);
    assert!(
        stderr_of(&output).contains("改用 --budget 2017=322.95"),
        "{}",
        stderr_of(&output)
    );
}

/// A journal of 100,000 and 85,000 元 with a 参数 sheet of `pairs`.
fn ledger_with_parameters(dir: &TempDir, pairs: &[(&str, f64)]) -> std::path::PathBuf {
    let input = dir.path().join("某局明细账.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("明细账").unwrap();
    sheet.write_string(0, 0, "日期").unwrap();
    sheet.write_string(0, 1, "金额（元）").unwrap();
    for (row, (date, amount)) in [("2017-01-10", 100_000.0), ("2017-02-10", 85_000.0)]
        .iter()
        .enumerate()
    {
        sheet.write_string(row as u32 + 1, 0, *date).unwrap();
        sheet.write_number(row as u32 + 1, 1, *amount).unwrap();
    }
    let parameters = workbook.add_worksheet().set_name("参数").unwrap();
    parameters.write_string(0, 0, "名称").unwrap();
    parameters.write_string(0, 1, "值").unwrap();
    for (row, (name, value)) in pairs.iter().enumerate() {
        parameters.write_string(row as u32 + 1, 0, *name).unwrap();
        parameters.write_number(row as u32 + 1, 1, *value).unwrap();
    }
    workbook.save(&input).unwrap();
    input
}

#[test]
fn a_budget_in_yuan_in_the_parameter_sheet_is_said_as_its_cell() {
    let dir = TempDir::new("budget-in-yuan-sheet");
    let input = ledger_with_parameters(&dir, &[("预算", 1_110_000.0)]);
    let output = jixiao([input.as_os_str()]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("参数!B2（预算）改为 111\n"), "{said}");
}

/// A unit that makes the spending absurd against the budget is refused with
/// the unit to give; a budget merely far from the spending is warned.
#[test]
fn a_ledger_read_in_the_wrong_unit_is_refused_and_a_far_budget_warned() {
    let dir = TempDir::new("unit-slip");
    let input = dir.path().join("台账.xlsx");
    fs::copy(repo_path(crate::samples::LEDGER_SAMPLE), &input).unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--unit".as_ref(),
        "万元".as_ref(),
        input.as_os_str(),
    ]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("单位很可能是元") && said.contains("改用 --unit 元"),
        "{said}"
    );
    assert_eq!(dir.file_names(), ["台账.xlsx"], "nothing written");
    // A monthly table in 万元 given as 元 in jixiao.toml: the line to change.
    let monthly = dir.path().join("月度.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &monthly).unwrap();
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\nunit = \"元\"\n",
    )
    .unwrap();
    let output = jixiao([monthly.as_os_str()]);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("第 2 行改为 unit = \"万元\""), "{said}");
    fs::remove_file(dir.path().join("jixiao.toml")).unwrap();
    // 40,000 万元 against 34 万元 a month: 97× — graded, no warning; 50,000: 122×, warned.
    for (budget, warned) in [("40000", false), ("50000", true)] {
        let output = jixiao([
            "--budget".as_ref(),
            budget.as_ref(),
            "--json".as_ref(),
            "--no-docx".as_ref(),
            "--overwrite".as_ref(),
            input.as_os_str(),
        ]);
        assert!(output.status.success(), "{}", stderr_of(&output));
        let codes: Vec<String> = json_of(&output)["files"][0]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            codes.contains(&"budget_far_from_spending".to_string()),
            warned,
            "{budget}: {codes:?}"
        );
    }
}

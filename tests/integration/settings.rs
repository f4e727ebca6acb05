//! Settings without flags (issue 5, point 1): a `参数` sheet in the ledger,
//! `jixiao.toml` beside it; flags above all.

use crate::support::{jixiao, json_of, read_sheet, stderr_of, TempDir};
use std::fs;

/// A small journal in a fresh folder; `with_sheet` adds a 参数 sheet.
fn ledger(with_sheet: Option<&[(&str, &str)]>) -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new("settings");
    let input = dir.path().join("某局2017明细账.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("明细账").unwrap();
    sheet
        .write_string(0, 0, "日期")
        .unwrap()
        .write_string(0, 1, "金额")
        .unwrap();
    sheet
        .write_string(1, 0, "2017-01-10")
        .unwrap()
        .write_number(1, 1, 100_000.0)
        .unwrap();
    sheet
        .write_string(2, 0, "2017-02-10")
        .unwrap()
        .write_number(2, 1, 85_000.0)
        .unwrap();
    if let Some(pairs) = with_sheet {
        let parameters = workbook.add_worksheet().set_name("参数").unwrap();
        parameters
            .write_string(0, 0, "名称")
            .unwrap()
            .write_string(0, 1, "值")
            .unwrap();
        for (row, (name, value)) in pairs.iter().enumerate() {
            parameters.write_string(row as u32 + 1, 0, *name).unwrap();
            match value.parse::<f64>() {
                Ok(number) => parameters.write_number(row as u32 + 1, 1, number).unwrap(),
                Err(_) => parameters.write_string(row as u32 + 1, 1, *value).unwrap(),
            };
        }
    }
    workbook.save(&input).unwrap();
    (dir, input)
}

fn grades(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|m| {
            format!(
                "{}:{}",
                m["grade"].as_str().unwrap_or("-"),
                m["measure"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn a_parameter_sheet_in_the_ledger_is_enough() {
    let (_dir, input) = ledger(Some(&[("年度预算（万元）", "120"), ("序时进度", "按天")]));
    let output = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    // 120 万元: share 10.00; January 10.00 优秀, February 8.50 良好.
    assert_eq!(grades(&json), ["优秀:保持", "良好:保持"]);
    let workbook = input.with_file_name("某局2017明细账_绩效自评.xlsx");
    let check = read_sheet(&workbook, Some("数据检查"));
    let budget = check.iter().find(|r| r[0] == "预算收入").unwrap();
    assert_eq!(budget[1], "2017年 120.00 万元，来自台账中的「参数」工作表");
    let monthly = read_sheet(&workbook, Some("月度分析"));
    let elapsed = crate::support::column_of(&monthly[0], "序时进度");
    let february: f64 = monthly[2][elapsed].parse().unwrap();
    assert!(
        (february - 59.0 / 365.0).abs() < 1e-12,
        "days elapsed: {february}"
    );
}

#[test]
fn a_settings_file_sets_bands_and_measures_and_flags_win() {
    let (dir, input) = ledger(None);
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 120\n[bands]\n\"优秀\" = 95\n\"良好\" = 85\n\"中等\" = 75\n\"及格\" = 65\n[measures]\n\"良好\" = \"继续保持\"\n",
    )
    .unwrap();
    let output = jixiao(["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    // 95 %: 9.50; January 10.00 优秀; February 8.50 is 良好 (≥ 8.50) with the file's measure.
    assert_eq!(grades(&json_of(&output)), ["优秀:保持", "良好:继续保持"]);
    let flagged = jixiao([
        "--json".as_ref(),
        "--overwrite".as_ref(),
        "--budget".as_ref(),
        "60".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(
        json_of(&flagged)["files"][0]["years"][0]["budget_wan"],
        "60"
    );
}

#[test]
fn a_broken_settings_file_is_named_with_its_line_and_key() {
    let (dir, input) = ledger(None);
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 120\n[rules]\nprogres = \"月\"\n",
    )
    .unwrap();
    let output = jixiao([input.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr_of(&output);
    assert!(
        message.contains("jixiao.toml」第 3 行 progres") && message.contains("不认识"),
        "{message}"
    );
    assert_eq!(
        dir.file_names(),
        ["jixiao.toml", "某局2017明细账.xlsx"],
        "no output on failure"
    );
}

#[test]
fn a_budget_breakdown_adds_the_line_by_line_sheet_and_warns_when_parts_miss() {
    let dir = TempDir::new("breakdown");
    let input = dir.path().join("明细账.xlsx");
    fs::copy(
        crate::support::repo_path(crate::samples::LEDGER_SAMPLE),
        &input,
    )
    .unwrap();
    // The seed's own items: they add up to 302.94, not the 322.95 budget.
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\n[breakdown]\n\"工资福利支出\" = 205.28\n\"社会保障缴费\" = 53.60\n\"包干经费\" = 14.70\n\"工会经费\" = 3.60\n\
\"办公取暖\" = 3.24\n\"体检费\" = 0.90\n\"住房公积金\" = 21.57\n\"福利费\" = 0.05\n",
    )
    .unwrap();
    let output = jixiao([input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let warning =
        "分项预算合计 302.94 万元，与全年预算 322.95 万元不一致（相差 20.01 万元），请核对";
    assert!(
        stderr_of(&output).contains(warning),
        "{}",
        stderr_of(&output)
    );
    let workbook = dir.path().join("明细账_绩效自评.xlsx");
    assert_eq!(
        crate::support::sheet_names(&workbook),
        ["月度分析", "自评指标体系", "分项执行", "明细", "数据检查"]
    );
    let sheet = read_sheet(&workbook, Some("分项执行"));
    let spent = |name: &str| {
        sheet
            .iter()
            .find(|r| r.first().is_some_and(|c| c == name))
            .map(|r| r[2].clone())
            .unwrap()
    };
    // Seed ledger, 一月…八月: wages 46.80 + allowances 34.055; social security 32.589; housing fund 12.586;
    // office 14.33265 + heating 3.24; union 1.80.
    assert_eq!(spent("工资福利支出"), "80.86");
    assert_eq!(spent("社会保障缴费"), "32.59");
    assert_eq!(spent("住房公积金"), "12.59");
    assert_eq!(spent("办公取暖"), "17.57");
    assert_eq!(spent("工会经费"), "1.8");
    assert_eq!(spent("体检费"), "0");
    assert!(
        spent("未归入分项的支出").parse::<f64>().unwrap() > 0.0,
        "travel and the rest are shown, not dropped"
    );
    let check = read_sheet(&workbook, Some("数据检查"));
    assert!(check
        .iter()
        .any(|r| r.get(1).is_some_and(|c| c.contains(warning))));
}

/// Issue 9, point 7: Notepad saves `jixiao.toml` as GBK (“ANSI”) or UTF-16
/// (“Unicode”) as often as UTF-8; every one of them is read.
#[test]
fn a_settings_file_saved_by_notepad_in_any_encoding_is_read() {
    let text = "# 预算（万元）\nbudget = 120\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    for (name, bytes) in [("GBK", gbk.into_owned()), ("UTF-16", utf16)] {
        let (dir, input) = ledger(None);
        fs::write(dir.path().join("jixiao.toml"), bytes).unwrap();
        let output = jixiao(["--json".as_ref(), input.as_os_str()]);
        assert!(output.status.success(), "{name}: {}", stderr_of(&output));
        assert_eq!(
            json_of(&output)["files"][0]["years"][0]["budget_wan"],
            "120",
            "{name}"
        );
    }
}

/// Issue 11: every setting can be written in `jixiao.toml` and in a 参数
/// sheet, and does what its flag does. (The budget is as large as the
/// spending read in 万元: a unit that makes them 10,000× apart is refused.)
#[test]
fn settings_beyond_the_budget_work_from_the_file_and_from_the_sheet() {
    for source in ["toml", "sheet"] {
        let results = TempDir::new("results");
        let folder = results.path().display().to_string();
        let (dir, input) = match source {
            "toml" => {
                let (dir, input) = ledger(None);
                fs::write(
                    dir.path().join("jixiao.toml"),
                    format!(
                        "budget = 1200000\nunit = \"万元\"\nout-dir = '{folder}'\noverwrite = true\n"
                    ),
                )
                .unwrap();
                (dir, input)
            }
            _ => ledger(Some(&[
                ("预算", "1200000"),
                ("单位", "万元"),
                ("结果目录", folder.as_str()),
                ("覆盖", "是"),
            ])),
        };
        for _ in 0..2 {
            let output = jixiao([input.as_os_str()]);
            assert!(output.status.success(), "{source}: {}", stderr_of(&output));
            let report = stderr_of(&output);
            assert!(
                report.contains("单位：万元（由设置指定") && report.contains("设置：预算收入——"),
                "{source}: {report}"
            );
        }
        // In the folder asked for, replaced the second time (not “(2)”), none beside the ledger.
        assert_eq!(
            results.file_names(),
            [
                "某局2017明细账_绩效自评.xlsx",
                "某局2017明细账_绩效自评报告.docx"
            ],
            "{source}"
        );
        assert!(
            !dir.file_names().iter().any(|n| n.contains("绩效自评")),
            "{source}: {:?}",
            dir.file_names()
        );
        let monthly = read_sheet(
            &results.path().join("某局2017明细账_绩效自评.xlsx"),
            Some("月度分析"),
        );
        // 100000 read as 万元, not 元.
        assert!(
            monthly.iter().any(|row| row.iter().any(|c| c == "100000")),
            "{source}: {monthly:?}"
        );
    }
}

/// Issue 11: one precedence — flags, then the 参数 sheet, then `jixiao.toml`
/// beside the ledger — setting by setting, and the report says where each came from.
#[test]
fn flags_beat_the_sheet_which_beats_the_file_setting_by_setting() {
    let (dir, input) = ledger(Some(&[("预算", "120"), ("良好整改办法", "表中的办法")]));
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 60\nprogress = \"天\"\n[measures]\n\"良好\" = \"文件的办法\"\n\"优秀\" = \"文件的优秀办法\"\n",
    )
    .unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "30".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    assert_eq!(json["files"][0]["years"][0]["budget_wan"], "30");
    let settings = json["files"][0]["settings"].as_array().unwrap();
    assert_eq!(
        settings[0],
        serde_json::json!({"what": "预算收入", "from": "命令行参数 --budget"})
    );
    assert!(
        settings
            .iter()
            .any(|s| s["what"] == "序时进度"
                && s["from"].as_str().unwrap().starts_with("设置文件「")),
        "{settings:?}"
    );
    // 30 万元: share 2.50; both months 优秀 — with the file's measure, the sheet's for 良好 unused.
    assert_eq!(
        grades(&json),
        ["优秀:文件的优秀办法", "优秀:文件的优秀办法"]
    );
    let report = stderr_of(&output);
    assert!(
        report.contains("预算收入——命令行参数 --budget")
            && report.contains("整改办法——")
            && report.contains("序时进度——设置文件「"),
        "{report}"
    );
    let check = read_sheet(
        &dir.path().join("某局2017明细账_绩效自评.xlsx"),
        Some("数据检查"),
    );
    let budget = check.iter().find(|r| r[0] == "预算收入").unwrap();
    assert!(
        budget[1].ends_with("运行 jixiao 时在命令行给出（--budget）"),
        "{budget:?}"
    );

    // Without the flag: the sheet's budget (120, not the file's 60) and its 良好
    // measure win over the file's; the file still gives 优秀's measure and 序时进度.
    let output = jixiao(["--json".as_ref(), "--overwrite".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    assert_eq!(json["files"][0]["years"][0]["budget_wan"], "120");
    // 120 万元: share 10.00; January 10.00 优秀, February 8.50 良好.
    assert_eq!(grades(&json), ["优秀:文件的优秀办法", "良好:表中的办法"]);
    let froms: Vec<String> = json["files"][0]["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}——{}",
                s["what"].as_str().unwrap(),
                s["from"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        froms.contains(&"预算收入——台账中的「参数」工作表".to_string()),
        "{froms:?}"
    );
    assert!(
        froms.contains(&"整改办法——台账中的「参数」工作表".to_string()),
        "{froms:?}"
    );
    assert!(
        froms.iter().any(|f| f.starts_with("整改办法——设置文件「")),
        "both sources of the measures are named: {froms:?}"
    );
}

/// Issue 11: a value that breaks a rule is refused by the same rule whatever
/// its source, and the message names the flag, the cell or the line.
#[test]
fn a_broken_setting_is_named_by_its_flag_its_cell_or_its_line() {
    let (dir, input) = ledger(Some(&[("预算", "120"), ("优秀", "10"), ("良好", "95")]));
    let output = jixiao([input.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr_of(&output);
    assert!(
        message.contains("依次减小")
            && message.contains("参数!B3（优秀）")
            && message.contains("参数!B4（良好）"),
        "{message}"
    );
    assert!(
        !dir.file_names().iter().any(|n| n.contains("绩效自评")),
        "no output"
    );

    let (dir, input) = ledger(None);
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 120\n\n[bands]\n\"优秀\" = 1e20\n",
    )
    .unwrap();
    let message = stderr_of(&jixiao([input.as_os_str()]));
    assert!(
        message.contains("jixiao.toml」第 4 行 优秀") && message.contains("0 到 100"),
        "{message}"
    );

    let output = jixiao(["--year".as_ref(), "17".as_ref(), input.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr_of(&output);
    assert!(
        message.contains("参数 --year：") && message.contains("四位数"),
        "{message}"
    );
}

/// Issue 11, point 3: dropped on jixiao.exe (no flags), a message that
/// suggests a fix shows the `jixiao.toml` line and where the file is; from a
/// terminal it shows the flag.
#[test]
fn a_drop_is_told_the_settings_line_and_a_terminal_the_flag() {
    let dir = TempDir::new("drop");
    let input = dir.path().join("某局明细账.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("明细").unwrap();
    for (column, header) in ["月", "日", "金额"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    for (column, value) in [1.0, 10.0, 100_000.0].iter().enumerate() {
        sheet.write_number(1, column as u16, *value).unwrap();
    }
    workbook.save(&input).unwrap();
    fs::write(dir.path().join("jixiao.toml"), "budget = 120\n").unwrap();
    let toml = dir.path().join("jixiao.toml");

    let dropped = stderr_of(&jixiao([input.as_os_str()]));
    assert!(
        dropped.contains("year = 2017")
            && dropped.contains(&toml.display().to_string())
            && !dropped.contains("--year"),
        "{dropped}"
    );
    let typed = stderr_of(&jixiao(["--json".as_ref(), input.as_os_str()]));
    assert!(
        typed.contains("--year 2017") && !typed.contains("year = 2017"),
        "{typed}"
    );

    // Written as the message says, the same drop grades.
    fs::write(&toml, "budget = 120\nyear = 2017\n").unwrap();
    let output = jixiao([input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(
        stderr_of(&output).contains("年度：2017（来自设置文件「"),
        "{}",
        stderr_of(&output)
    );
}

/// Two ledgers whose settings send their results to one folder keep a result
/// each, even with overwrite on: a run never replaces what it has just written.
#[test]
fn two_ledgers_sent_to_one_folder_keep_a_result_each() {
    let results = TempDir::new("shared-results");
    let folder = results.path().display().to_string();
    let (first_dir, first) = ledger(None);
    let (second_dir, second) = ledger(None);
    for dir in [&first_dir, &second_dir] {
        fs::write(
            dir.path().join("jixiao.toml"),
            format!("budget = 120\nout-dir = '{folder}'\noverwrite = true\n"),
        )
        .unwrap();
    }
    let output = jixiao(["--json".as_ref(), first.as_os_str(), second.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let json = json_of(&output);
    let outputs: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["output"].as_str().unwrap())
        .collect();
    assert_ne!(outputs[0], outputs[1], "{outputs:?}");
    assert_eq!(
        results.file_names(),
        [
            "某局2017明细账_绩效自评(2).xlsx",
            "某局2017明细账_绩效自评.xlsx",
            "某局2017明细账_绩效自评报告(2).docx",
            "某局2017明细账_绩效自评报告.docx"
        ]
    );
}

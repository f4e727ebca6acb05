//! Issue 20, point 2: each ledger is graded in a supervised worker. A worker
//! that runs out of memory, out of time, or is ended from outside costs only
//! its own file — a Chinese message with the cap and what to try, no
//! temporary file left — and the batch, the bureau's summary and the final
//! report carry on. Each attack is real: a ledger that needs more memory than
//! the cap, one that needs more time, a worker killed while it writes.

use crate::outputs::{slow_sync_shim, start_and_catch_the_write_with, temp_files};
use crate::samples::MONTHLY_SAMPLE;
use crate::support::{json_of, repo_path, stderr_of, TempDir};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// A journal of `rows` lines in csv (about 30 bytes a line): a genuine
/// ledger, only long.
fn long_csv(path: &Path, rows: usize) {
    let mut text = String::with_capacity(rows * 32 + 32);
    text.push_str("日期,摘要,金额\n");
    for i in 0..rows {
        let month = i % 12 + 1;
        text.push_str(&format!("2017-{month:02}-15,办公费{i},100.00\n"));
    }
    fs::write(path, text).unwrap();
}

/// A journal whose 摘要 are 40,000 different texts of 2,000 characters: the
/// file is small (they compress well) but reading it needs about 80 MiB.
fn memory_hungry_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["日期", "摘要", "金额"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    let filler = "x".repeat(2_000);
    for i in 0..40_000u32 {
        let row = i + 1;
        sheet
            .write_string(row, 0, format!("2017-{:02}-15", i % 12 + 1))
            .unwrap();
        sheet.write_string(row, 1, format!("{i}{filler}")).unwrap();
        sheet.write_number(row, 2, 100.0).unwrap();
    }
    book.save(path).unwrap();
}

fn folder_with_a_good_ledger(dir: &TempDir) -> std::path::PathBuf {
    let folder = dir.path().join("各单位");
    fs::create_dir(&folder).unwrap();
    fs::copy(repo_path(MONTHLY_SAMPLE), folder.join("乙局.xlsx")).unwrap();
    folder
}

fn file_entry<'a>(json: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["input"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} is in the JSON: {json}"))
}

/// The batch after one worker failed: the good ledger graded, the summary
/// written with the failure in it, the final count said, no temporary file.
fn assert_the_batch_carried_on(
    folder: &Path,
    summary: &Path,
    output: &std::process::Output,
    failed: &str,
) {
    let stderr = stderr_of(output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let json = json_of(output);
    assert_eq!(file_entry(&json, "乙局.xlsx")["ok"], true, "{stderr}");
    assert!(folder.join("乙局_绩效自评.xlsx").is_file());
    assert!(
        stderr.contains("共 2 个文件：完成 1 个，失败 1 个"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("失败：「{}", folder.join(failed).display())),
        "{stderr}"
    );
    assert!(summary.is_file(), "the summary is written: {stderr}");
    let rows = crate::support::read_sheet(summary, None);
    assert!(
        rows.iter().flatten().any(|cell| cell.contains(failed)),
        "the summary names the failed file: {rows:?}"
    );
    assert_eq!(temp_files(folder), Vec::<String>::new());
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "{stderr}"
    );
}

#[test]
fn a_ledger_that_needs_more_memory_than_its_cap_costs_only_itself() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: the memory cap is tested where setrlimit holds it");
        return;
    }
    let dir = TempDir::new("supervisor-memory");
    let folder = folder_with_a_good_ledger(&dir);
    memory_hungry_xlsx(&folder.join("甲局.xlsx"));
    let summary = dir.path().join("汇总.xlsx");
    let output = crate::support::jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--memory-limit".as_ref(),
        "64".as_ref(),
        "--json".as_ref(),
        "--summary".as_ref(),
        summary.as_os_str(),
        folder.as_os_str(),
    ]);
    let json = json_of(&output);
    let error = file_entry(&json, "甲局.xlsx")["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(error.starts_with("文件结构异常或过大，已跳过"), "{error}");
    assert!(error.contains("内存超过了 64 MiB 的上限"), "{error}");
    assert!(error.contains("--memory-limit 2048"), "{error}");
    assert_the_batch_carried_on(&folder, &summary, &output, "甲局.xlsx");
}

#[test]
fn a_ledger_that_needs_more_time_than_its_cap_is_stopped_and_the_batch_goes_on() {
    let dir = TempDir::new("supervisor-time");
    let folder = folder_with_a_good_ledger(&dir);
    long_csv(&folder.join("甲局.csv"), 400_000);
    // The cap from the jixiao.toml beside the ledgers; the flag is not given.
    fs::write(folder.join("jixiao.toml"), "time-limit = 1\n").unwrap();
    let summary = dir.path().join("汇总.xlsx");
    let started = Instant::now();
    let output = crate::support::jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        "--summary".as_ref(),
        summary.as_os_str(),
        folder.as_os_str(),
    ]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "stopped at its cap"
    );
    let json = json_of(&output);
    let error = file_entry(&json, "甲局.csv")["error"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(error.starts_with("文件结构异常或过大，已跳过"), "{error}");
    assert!(error.contains("用时超过了 1 秒的上限"), "{error}");
    assert_the_batch_carried_on(&folder, &summary, &output, "甲局.csv");
    assert!(!folder.join("甲局_绩效自评.xlsx").exists());
}

#[test]
fn caps_that_make_no_sense_are_refused_before_any_ledger_is_read() {
    let dir = TempDir::new("supervisor-flags");
    let input = dir.path().join("甲局.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();
    let output = crate::support::jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--time-limit".as_ref(),
        "半小时".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("--time-limit “半小时”不是整数"),
        "{}",
        stderr_of(&output)
    );
    assert!(!dir.path().join("甲局_绩效自评.xlsx").exists());
    fs::write(dir.path().join("jixiao.toml"), "memory-limit = 10\n").unwrap();
    let output =
        crate::support::jixiao(["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("第 1 行 memory-limit：10 MiB超出范围"),
        "{stderr}"
    );
    assert!(!dir.path().join("甲局_绩效自评.xlsx").exists());
}

/// The worker process of `supervisor`, once it has one.
fn worker_of(supervisor: u32) -> Option<u32> {
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (name) state ppid …`: the name may hold spaces, the rest does not.
        let after_name = stat.rsplit(')').next().unwrap_or_default();
        let ppid = after_name
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        let cmdline = fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if ppid == Some(supervisor)
            && String::from_utf8_lossy(&cmdline).contains("--supervised-worker")
        {
            return Some(pid);
        }
    }
    None
}

#[test]
fn a_worker_killed_while_it_writes_is_that_files_message_and_leaves_nothing() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: the slow-write shim and /proc are Linux's");
        return;
    }
    let dir = TempDir::new("supervisor-kill");
    let Some(shim) = slow_sync_shim(dir.path()) else {
        eprintln!("skipped: no C compiler to build the slow-write shim");
        return;
    };
    let folder = dir.path().join("台账");
    fs::create_dir(&folder).unwrap();
    let input = folder.join("甲局.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();
    let child = start_and_catch_the_write_with(&input, &shim, &["--json"], true);
    let worker = worker_of(child.id()).expect("the ledger is graded in a worker");
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &worker.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let json = json_of(&output);
    let error = json["files"][0]["error"].as_str().unwrap();
    assert!(error.contains("评价进程意外中止（信号 9）"), "{error}");
    assert!(stderr.contains("评价进程意外中止"), "{stderr}");
    assert_eq!(
        temp_files(&folder),
        Vec::<String>::new(),
        "the supervisor removed the worker's file"
    );
    assert!(!folder.join("甲局_绩效自评.xlsx").exists());
}

//! What the console says: argument errors in Chinese with the usage, count
//! sentences that add up, each notice once and in the user's world, and a
//! `--summary` name that would take a ledger's place refused.

use crate::sample_books::ACROSS_SAMPLE;
use crate::samples::LEDGER_SAMPLE;
use crate::support::{jixiao, repo_path, stderr_of, TempDir};
use std::fs;
use std::path::Path;

/// clap's English, which the console never shows.
const ENGLISH: [&str; 6] = [
    "error:",
    "Usage:",
    "tip:",
    "found",
    "For more information",
    "argument",
];

fn assert_chinese_usage(said: &str) {
    for english in ENGLISH {
        assert!(!said.contains(english), "{english} in {said}");
    }
    assert!(said.contains("参数有误："), "{said}");
    assert!(said.contains("用法：jixiao [选项] <台账文件>..."), "{said}");
}

#[test]
fn argument_errors_are_chinese_with_the_usage_and_exit_2() {
    let dir = TempDir::new("console-args");
    let ledger = dir.path().join("台账.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &ledger).unwrap();
    let ledger = ledger.to_string_lossy().into_owned();
    for (arguments, expected) in [
        (vec!["--budget", "-5", &ledger], "大于 0"),
        (
            vec!["--budget", "-5", &ledger],
            "\n  --budget <万元>  全年预算收入",
        ),
        (vec!["--budgt", "322.95", &ledger], "是不是要写 --budget"),
        (vec![&ledger, "--budget"], "--budget 后面缺少值"),
        (vec!["--budget", "322.95"], "没有给出台账文件"),
    ] {
        let output = jixiao(&arguments);
        let said = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{arguments:?}: {said}");
        assert_chinese_usage(&said);
        assert!(said.contains(expected), "{arguments:?}: {said}");
        assert_eq!(dir.file_names(), ["台账.xlsx"], "nothing written");
    }
}

#[test]
fn help_stays_the_chinese_help() {
    let output = jixiao(["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("用法：") && text.contains("--budget <万元>"),
        "{text}"
    );
}

/// The count sentence of a run over `sample`: its figures, in order.
fn count_sentence(sample: &str) -> String {
    let out = TempDir::new("console-counts");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--no-docx".as_ref(),
        "--out-dir".as_ref(),
        out.path().as_os_str(),
        repo_path(sample).as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    stderr_of(&output)
        .lines()
        .find(|line| line.trim_start().starts_with("读取 "))
        .unwrap()
        .trim()
        .to_string()
}

fn numbers(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect()
}

#[test]
fn the_count_sentence_of_a_ledger_adds_up() {
    let said = count_sentence(LEDGER_SAMPLE);
    assert!(
        said.starts_with("读取 68 行：计入 59 行，未计入 9 行"),
        "{said}"
    );
}

#[test]
fn the_count_sentence_of_a_table_with_months_across_says_rows_and_amounts_apart() {
    // 16 rows hold 58 monthly amounts: the rows add up, the amounts are 笔.
    let said = count_sentence(ACROSS_SAMPLE);
    let head = said.split('；').next().unwrap();
    let figures = numbers(head);
    let [read, counted_rows, counted, left_rows] = figures[..] else {
        panic!("{said}");
    };
    assert_eq!(read, counted_rows + left_rows, "{said}");
    assert!(
        head.contains(&format!("{counted_rows} 行计入 {counted} 笔")),
        "{said}"
    );
    assert!(counted > counted_rows, "{said}");
}

/// Runs jixiao as a drop would (the ledger only, the budget in jixiao.toml
/// beside it) or from a terminal with the flag.
fn run(ledger: &Path, dropped: bool) -> String {
    let output = if dropped {
        jixiao([ledger.as_os_str()])
    } else {
        jixiao(["--budget".as_ref(), "322.95".as_ref(), ledger.as_os_str()])
    };
    assert!(output.status.success(), "{}", stderr_of(&output));
    stderr_of(&output)
}

#[test]
fn a_rerun_says_the_earlier_result_is_kept_once_in_the_users_world() {
    let dir = TempDir::new("console-rerun");
    let ledger = dir.path().join("台账.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &ledger).unwrap();
    fs::write(dir.path().join("jixiao.toml"), "budget = 322.95\n").unwrap();
    run(&ledger, true);
    let dropped = run(&ledger, true);
    assert_eq!(
        dropped.matches("同名结果文件已存在").count(),
        1,
        "{dropped}"
    );
    assert!(dropped.contains("上次的结果保留不动"), "{dropped}");
    assert!(dropped.contains("删除或改名"), "{dropped}");
    assert!(!dropped.contains("--"), "a drop is told no flag: {dropped}");
    assert!(!dropped.contains("overwrite"), "{dropped}");
    let typed = run(&ledger, false);
    assert_eq!(typed.matches("同名结果文件已存在").count(), 1, "{typed}");
    assert!(typed.contains("--overwrite"), "{typed}");
    assert!(dir.path().join("台账_绩效自评报告(3).docx").is_file());
}

fn summary_refused(arguments: &[&std::ffi::OsStr], dir: &TempDir) -> String {
    let before = dir.file_names();
    let output = jixiao(arguments);
    let said = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert_chinese_usage(&said);
    assert!(said.contains("--summary <汇总表.xlsx>"), "{said}");
    assert_eq!(dir.file_names(), before, "nothing graded, nothing written");
    said
}

#[test]
fn a_summary_named_after_a_ledger_is_refused_before_anything_is_graded() {
    let dir = TempDir::new("console-summary");
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    fs::copy(repo_path(LEDGER_SAMPLE), &b).unwrap();
    let budget = ["--budget".as_ref(), "322.95".as_ref(), "--summary".as_ref()];
    // `--summary a.xlsx b.xlsx`: a is a ledger, not a summary.
    let said = summary_refused(
        &[&budget[..], &[a.as_os_str(), b.as_os_str()]].concat(),
        &dir,
    );
    assert!(said.contains("不是 jixiao 生成的汇总表"), "{said}");
    // The summary named as one of the run's ledgers.
    let said = summary_refused(
        &[&budget[..], &[b.as_os_str(), b.as_os_str()]].concat(),
        &dir,
    );
    assert!(said.contains("是本次要评价的台账"), "{said}");
    // A name that becomes a ledger's once written as .xlsx (b.xls → b.xlsx).
    let said = summary_refused(
        &[
            &budget[..],
            &[dir.path().join("b.xls").as_os_str(), a.as_os_str()],
        ]
        .concat(),
        &dir,
    );
    assert!(said.contains("b.xlsx"), "{said}");
}

#[test]
fn last_months_summary_can_be_named_again() {
    let dir = TempDir::new("console-summary-again");
    let a = dir.path().join("a.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    let summary = dir.path().join("汇总.xlsx");
    for _ in 0..2 {
        let output = jixiao([
            "--budget".as_ref(),
            "322.95".as_ref(),
            "--overwrite".as_ref(),
            "--summary".as_ref(),
            summary.as_os_str(),
            a.as_os_str(),
        ]);
        assert!(output.status.success(), "{}", stderr_of(&output));
        assert!(summary.is_file());
    }
    assert!(
        !dir.path().join("汇总(2).xlsx").exists(),
        "rewritten in place"
    );
}

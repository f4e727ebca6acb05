//! Issue 20, points 1 and 4: no input of a run is ever written and no two
//! results share a file, however the paths are spelled (`..`, a linked
//! folder, the same folder absolute and relative); special files (a named
//! pipe, a folder named `d.xlsx`) are refused at once, alone and in a batch.
//! Each case is built here, in a temporary folder.

use crate::samples::LEDGER_SAMPLE;
use crate::support::{json_of, repo_path, stderr_of, TempDir};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A second ledger, different from [`LEDGER_SAMPLE`], that grades.
const OTHER_LEDGER: &str = "samples/journal-whole-book-2017.xlsx";

/// Runs jixiao in `dir` with `args`; a run that takes more than a minute (a
/// named pipe being read) is killed and fails the test.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("jixiao {args:?} still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The bytes of each file, to compare after the run.
fn snapshot(files: &[PathBuf]) -> Vec<(PathBuf, Vec<u8>)> {
    files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).unwrap()))
        .collect()
}

fn assert_unchanged(before: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in before {
        assert_eq!(
            std::fs::read(path).ok().as_ref(),
            Some(bytes),
            "jixiao changed its input {}",
            path.display()
        );
    }
}

/// The `files` entries of a `--json` document as (input, output, report_docx).
fn results(json: &serde_json::Value) -> Vec<(String, Option<String>, Option<String>)> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["input"].as_str().unwrap().to_string(),
                f["output"].as_str().map(str::to_string),
                f["report_docx"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The real file of each path written, which must all be distinct files.
fn assert_distinct_files(dir: &Path, written: &[String]) {
    let mut real: Vec<PathBuf> = written
        .iter()
        .map(|p| {
            std::fs::canonicalize(dir.join(p))
                .unwrap_or_else(|e| panic!("{p} was reported but is not there: {e}"))
        })
        .collect();
    real.sort();
    let count = real.len();
    real.dedup();
    assert_eq!(real.len(), count, "two results share a file: {written:?}");
}

#[test]
fn an_input_named_like_a_result_is_never_written_even_with_overwrite() {
    let dir = TempDir::new("input-as-result");
    let a = dir.path().join("a.xlsx");
    let result_named = dir.path().join("a_绩效自评.xlsx");
    let draft_named = dir.path().join("a_绩效自评报告.docx");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    std::fs::copy(repo_path(OTHER_LEDGER), &result_named).unwrap();
    // Not a ledger at all, but an input of the run: the draft never goes over it.
    std::fs::write(&draft_named, b"not a draft").unwrap();
    let before = snapshot(&[a, result_named, draft_named]);
    let output = run_in(
        dir.path(),
        &[
            "--budget",
            "322.95",
            "--overwrite",
            "--json",
            "a.xlsx",
            "a_绩效自评.xlsx",
            "a_绩效自评报告.docx",
        ],
    );
    assert_unchanged(&before);
    // The .docx is no ledger: that file fails, the others are graded.
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let json = json_of(&output);
    let files = results(&json);
    assert_eq!(files[0].0, "a.xlsx");
    assert_eq!(files[0].1.as_deref(), Some("./a_绩效自评(2).xlsx"));
    assert_eq!(files[0].2.as_deref(), Some("./a_绩效自评报告(2).docx"));
    assert_eq!(files[1].1.as_deref(), Some("./a_绩效自评_绩效自评.xlsx"));
    let written: Vec<String> = files
        .iter()
        .flat_map(|(_, o, d)| o.iter().chain(d.iter()).cloned())
        .collect();
    assert_distinct_files(dir.path(), &written);
    // The console says why a.xlsx's result is at (2).
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("「./a_绩效自评.xlsx」是本次要评价的台账「a_绩效自评.xlsx」，不会被覆盖"),
        "{stderr}"
    );
    // Alone, a result name that is a hard link to the ledger is the ledger.
    #[cfg(unix)]
    {
        let single = TempDir::new("input-hard-link");
        let b = single.path().join("b.xlsx");
        std::fs::copy(repo_path(LEDGER_SAMPLE), &b).unwrap();
        std::fs::hard_link(&b, single.path().join("b_绩效自评.xlsx")).unwrap();
        let before = snapshot(std::slice::from_ref(&b));
        let alone = run_in(
            single.path(),
            &["--budget", "322.95", "--overwrite", "--json", "b.xlsx"],
        );
        assert_unchanged(&before);
        assert_eq!(alone.status.code(), Some(0), "{}", stderr_of(&alone));
        let files = results(&json_of(&alone));
        assert_eq!(files[0].1.as_deref(), Some("./b_绩效自评(2).xlsx"));
        assert!(stderr_of(&alone).contains("是本次要评价的台账「b.xlsx」"));
    }
}

#[test]
fn one_ledger_spelled_two_ways_is_graded_once() {
    let dir = TempDir::new("two-spellings");
    std::fs::create_dir(dir.path().join("x")).unwrap();
    let a = dir.path().join("x/a.xlsx");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    let absolute = a.to_string_lossy().into_owned();
    let before = snapshot(&[a]);
    let output = run_in(
        dir.path(),
        &[
            "--budget",
            "322.95",
            "--overwrite",
            "--json",
            "x/a.xlsx",
            "x/../x/a.xlsx",
            &absolute,
        ],
    );
    assert_unchanged(&before);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let json = json_of(&output);
    assert_eq!(results(&json).len(), 1, "{json}");
    let skipped = json["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{json}");
    for entry in skipped {
        let reason = entry["reason"].as_str().unwrap();
        assert!(reason.contains("与「x/a.xlsx」是同一个文件"), "{reason}");
    }
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("2 个与前面的是同一个文件，只评价一次"),
        "{stderr}"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("x"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.xlsx", "a_绩效自评.xlsx", "a_绩效自评报告.docx"]);
}

#[test]
fn two_ledgers_in_one_folder_spelled_two_ways_keep_a_result_each() {
    let dir = TempDir::new("one-folder-two-spellings");
    std::fs::create_dir(dir.path().join("x")).unwrap();
    let a = dir.path().join("x/a.xlsx");
    let other = dir.path().join("x/a.xlsm");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    std::fs::copy(repo_path(OTHER_LEDGER), &other).unwrap();
    let absolute = other.to_string_lossy().into_owned();
    let before = snapshot(&[a, other]);
    let output = run_in(
        dir.path(),
        &[
            "--budget",
            "322.95",
            "--overwrite",
            "--json",
            "x/a.xlsx",
            &absolute,
        ],
    );
    assert_unchanged(&before);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let files = results(&json_of(&output));
    assert_eq!(files.len(), 2);
    let written: Vec<String> = files
        .iter()
        .flat_map(|(_, o, d)| o.iter().chain(d.iter()).cloned())
        .collect();
    assert_eq!(written.len(), 4, "{written:?}");
    assert_distinct_files(dir.path(), &written);
}

#[cfg(unix)]
#[test]
fn a_linked_folder_is_the_folder_it_links_to() {
    let dir = TempDir::new("linked-folder");
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::os::unix::fs::symlink("x", dir.path().join("y")).unwrap();
    let a = dir.path().join("x/a.xlsx");
    let other = dir.path().join("x/a.xlsm");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    std::fs::copy(repo_path(OTHER_LEDGER), &other).unwrap();
    let before = snapshot(&[a, other]);
    let output = run_in(
        dir.path(),
        &[
            "--budget",
            "322.95",
            "--overwrite",
            "--json",
            "--summary",
            "y/a_绩效自评.xlsx",
            "x/a.xlsx",
            "y/a.xlsm",
            "y/a.xlsx",
        ],
    );
    assert_unchanged(&before);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    let json = json_of(&output);
    let files = results(&json);
    assert_eq!(files.len(), 2, "{json}");
    // y/a.xlsx is x/a.xlsx: graded once, said.
    assert_eq!(json["skipped"][0]["input"], "y/a.xlsx");
    let mut written: Vec<String> = files
        .iter()
        .flat_map(|(_, o, d)| o.iter().chain(d.iter()).cloned())
        .collect();
    // The summary asked for at a result's place (through the link) gets a name of its own.
    let summary = json["summary"].as_str().unwrap().to_string();
    assert_eq!(summary, "y/a_绩效自评(2).xlsx");
    written.push(summary);
    assert_eq!(written.len(), 5, "{written:?}");
    assert_distinct_files(dir.path(), &written);
}

/// Makes a named pipe with the system's `mkfifo`; `false` when there is none.
#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) => status.success(),
        Err(_) => false,
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_at_once_alone_and_in_a_batch() {
    let dir = TempDir::new("fifo");
    if !mkfifo(&dir.path().join("p.xlsx")) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let a = dir.path().join("a.xlsx");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    let before = snapshot(&[a]);
    let started = Instant::now();
    let alone = run_in(dir.path(), &["--budget", "322.95", "p.xlsx"]);
    assert_eq!(alone.status.code(), Some(1));
    let stderr = stderr_of(&alone);
    assert!(
        stderr.contains("「p.xlsx」是一个命名管道（FIFO），不是台账文件"),
        "{stderr}"
    );
    // In a batch: that file fails, the others are graded; a folder holding a
    // pipe named like a ledger says so too.
    let batch = run_in(
        dir.path(),
        &["--budget", "322.95", "--json", "p.xlsx", "a.xlsx", "."],
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_unchanged(&before);
    assert_eq!(batch.status.code(), Some(1));
    let json = json_of(&batch);
    let files = json["files"].as_array().unwrap();
    let failed: Vec<&str> = files.iter().filter_map(|f| f["error"].as_str()).collect();
    assert_eq!(failed.len(), 2, "{json}");
    assert!(failed.iter().all(|e| e.contains("命名管道")), "{failed:?}");
    assert_eq!(files[1]["ok"], true, "{json}");
    let stderr = stderr_of(&batch);
    assert!(stderr.contains("失败 2 个"), "{stderr}");
}

#[test]
fn a_folder_named_like_a_ledger_is_refused_alone_and_in_a_batch() {
    let dir = TempDir::new("folder-xlsx");
    std::fs::create_dir(dir.path().join("d.xlsx")).unwrap();
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::fs::create_dir(dir.path().join("x/e.xlsx")).unwrap();
    let a = dir.path().join("x/a.xlsx");
    std::fs::copy(repo_path(LEDGER_SAMPLE), &a).unwrap();
    let before = snapshot(&[a]);
    let alone = run_in(dir.path(), &["--budget", "322.95", "d.xlsx"]);
    assert_eq!(alone.status.code(), Some(1));
    let stderr = stderr_of(&alone);
    assert!(
        stderr.contains("「d.xlsx」是一个文件夹，不是台账文件"),
        "{stderr}"
    );
    let batch = run_in(dir.path(), &["--budget", "322.95", "--json", "d.xlsx", "x"]);
    assert_unchanged(&before);
    assert_eq!(batch.status.code(), Some(1));
    let json = json_of(&batch);
    let files = results(&json);
    assert_eq!(files.len(), 3, "{json}");
    let errors: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["error"].as_str())
        .collect();
    assert_eq!(errors.len(), 2, "{json}");
    assert!(
        errors.iter().all(|e| e.contains("是一个文件夹")),
        "{errors:?}"
    );
    assert!(files.iter().any(|(i, o, _)| i == "x/a.xlsx" && o.is_some()));
}

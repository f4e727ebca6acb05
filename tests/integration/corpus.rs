//! Every file of the shared corpus ends in a result or a clear Chinese message:
//! no panic, no abort, no hang, no output on failure, no temporary file left.

use crate::support::TempDir;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PER_FILE_LIMIT: Duration = Duration::from_secs(60);

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn spreadsheet_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("md" | "py" | "tsv")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs one file; returns a description of what went wrong, if anything did.
fn check_file(file: &Path, out: &Path) -> Option<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--budget", "100", "--json", "--out-dir"])
        .arg(out)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PER_FILE_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Some(format!("took longer than {PER_FILE_LIMIT:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut stdout = Vec::new();
    std::io::Read::read_to_end(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
    let code = status.code();
    if !matches!(code, Some(0 | 1)) {
        return Some(format!("exit status {status} (a panic or an abort)"));
    }
    let json: serde_json::Value = match serde_json::from_slice(&stdout) {
        Ok(json) => json,
        Err(error) => return Some(format!("stdout is not JSON: {error}")),
    };
    let result = &json["files"][0];
    match (
        code,
        result["ok"].as_bool(),
        result["error"].as_str(),
        result["output"].as_str(),
    ) {
        (Some(0), Some(true), None, Some(output)) if Path::new(output).is_file() => None,
        (Some(1), Some(false), Some(error), None)
            if error
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) =>
        {
            None
        }
        _ => Some(format!(
            "exit {code:?} with an inconsistent result: {result}"
        )),
    }
}

#[test]
fn every_corpus_file_ends_in_a_result_or_a_clear_message() {
    let Some(dir) = corpus_dir() else {
        assert!(
            std::env::var_os("JIXIAO_REQUIRE_CORPUS").is_none(),
            "JIXIAO_REQUIRE_CORPUS is set but ../shared/corpus is missing"
        );
        eprintln!("skipped: ../shared/corpus is not here (CI requires it)");
        return;
    };
    let files = spreadsheet_files(&dir);
    assert!(
        files.len() > 250,
        "the corpus looks incomplete: {} files",
        files.len()
    );
    let out = TempDir::new("corpus");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|file| {
            check_file(file, out.path()).map(|why| format!("{}: {why}", file.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} corpus files misbehaved:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let leftovers: Vec<String> = out
        .file_names()
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

/// calamine's date fixtures hold 2021-01-01 and 2021-01-02 in the 1900 and the
/// 1904 date systems; every reader path (xls ranges, xlsx and xlsb streams) must
/// give the same calendar days — a 1904 file read as 1900 would be 1,462 days off.
#[test]
fn dates_read_the_same_in_both_date_systems_and_every_format() {
    use jixiao::dates::CalendarDate;
    use jixiao::read::{CellValue, Workbook};
    let Some(dir) = corpus_dir() else {
        eprintln!("skipped: ../shared/corpus is not here");
        return;
    };
    let expected = [
        CellValue::Date(CalendarDate::new(2021, 1, 1).unwrap()),
        CellValue::Date(CalendarDate::new(2021, 1, 2).unwrap()),
    ];
    for name in [
        "date.xls",
        "date.xlsx",
        "date_1904.xls",
        "date_1904.xlsx",
        "date_1904.xlsb",
    ] {
        let mut workbook = Workbook::open(&dir.join("calamine").join(name)).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let mut first_cells = Vec::new();
        workbook
            .visit_rows(&sheet, &mut |row| {
                first_cells.push(row.get(0).clone());
                std::ops::ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(first_cells[..2], expected, "{name}");
    }
}

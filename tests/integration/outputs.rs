//! Issue 9, point 3: no result is ever lost — inputs that would share a result
//! name, a summary named like a result, and file systems without hard links.

use crate::samples::{LEDGER_SAMPLE, MONTHLY_SAMPLE};
use crate::support::{jixiao, json_of, repo_path, stderr_of, TempDir};
use std::fs;
use std::path::Path;

fn budget_args<'a>(extra: &[&'a std::ffi::OsStr]) -> Vec<&'a std::ffi::OsStr> {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--budget".as_ref(), "322.95".as_ref()];
    args.extend_from_slice(extra);
    args
}

fn outputs(json: &serde_json::Value) -> Vec<String> {
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["output"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn inputs_with_one_stem_keep_both_results_even_with_overwrite() {
    let dir = TempDir::new("same-stem");
    let (a, b, out) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("out"),
    );
    for folder in [&a, &b, &out] {
        fs::create_dir(folder).unwrap();
    }
    fs::copy(repo_path(MONTHLY_SAMPLE), a.join("台账.xlsx")).unwrap();
    fs::copy(repo_path(LEDGER_SAMPLE), b.join("台账.xlsx")).unwrap();
    let run = || {
        let output = jixiao(budget_args(&[
            "--json".as_ref(),
            "--overwrite".as_ref(),
            "--out-dir".as_ref(),
            out.as_os_str(),
            a.join("台账.xlsx").as_os_str(),
            b.join("台账.xlsx").as_os_str(),
        ]));
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        json_of(&output)
    };
    let first = outputs(&run());
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "台账.xlsx_绩效自评.xlsx",
            "台账.xlsx_绩效自评报告.docx",
            "台账_绩效自评.xlsx",
            "台账_绩效自评报告.docx"
        ]
    );
    assert_ne!(first[0], first[1]);
    // The same run again gives each input the same name (deterministic).
    assert_eq!(outputs(&run()), first);

    // x.xlsx and x.csv in one folder.
    let folder = dir.path().join("c");
    fs::create_dir(&folder).unwrap();
    fs::copy(repo_path(LEDGER_SAMPLE), folder.join("x.xlsx")).unwrap();
    fs::write(folder.join("x.csv"), "日期,金额\n2017-01-05,265400\n").unwrap();
    let output = jixiao(budget_args(&["--overwrite".as_ref(), folder.as_os_str()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    // The folder's files go in name order: x.csv first keeps the plain name.
    assert!(folder.join("x_绩效自评.xlsx").is_file());
    assert!(folder.join("x.xlsx_绩效自评.xlsx").is_file());
}

#[test]
fn a_summary_never_replaces_a_result_of_its_run() {
    let dir = TempDir::new("summary-vs-result");
    let input = dir.path().join("甲局.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();
    let result = dir.path().join("甲局_绩效自评.xlsx");
    let output = jixiao(budget_args(&[
        "--overwrite".as_ref(),
        "--summary".as_ref(),
        result.as_os_str(),
        input.as_os_str(),
    ]));
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let sheets = crate::support::sheet_names(&result);
    assert!(sheets.contains(&"月度分析".to_string()), "{sheets:?}");
    assert!(
        dir.path().join("甲局_绩效自评(2).xlsx").is_file(),
        "{stderr}"
    );
}

/// Builds a shared library for LD_PRELOAD from C `source`, or `None` without a C compiler.
fn shim(dir: &Path, name: &str, source: &str) -> Option<std::path::PathBuf> {
    let file = dir.join(format!("{name}.c"));
    fs::write(&file, source).ok()?;
    let library = dir.join(format!("lib{name}.so"));
    let built = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&library)
        .arg(&file)
        .status()
        .ok()?;
    built.success().then_some(library)
}

/// A shared library that makes `link`/`linkat` fail as on FAT/exFAT.
fn no_link_shim(dir: &Path) -> Option<std::path::PathBuf> {
    shim(
        dir,
        "nolink",
        "#include <errno.h>\n\
         int link(const char *a, const char *b) { (void)a; (void)b; errno = EPERM; return -1; }\n\
         int linkat(int c, const char *a, int d, const char *b, int f) { (void)c; (void)a; (void)d; (void)b; (void)f; errno = EPERM; return -1; }\n",
    )
}

/// Six runs at once writing to one folder where hard links fail: six results,
/// each run's reported path its own, none lost.
#[test]
fn concurrent_runs_without_hard_links_lose_nothing() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: the link-failing shim is for Linux");
        return;
    }
    let dir = TempDir::new("no-links");
    let Some(shim) = no_link_shim(dir.path()) else {
        eprintln!("skipped: no C compiler to build the link-failing shim");
        return;
    };
    let folder = dir.path().join("台账");
    fs::create_dir(&folder).unwrap();
    let input = folder.join("甲局.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();
    let children: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
                .args(["--budget", "322.95", "--json"])
                .arg(&input)
                .env("LD_PRELOAD", &shim)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut reported = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
        reported.extend(outputs(&json_of(&output)));
    }
    reported.sort();
    reported.dedup();
    assert_eq!(reported.len(), 6, "{reported:?}");
    for path in &reported {
        let sheets = crate::support::sheet_names(Path::new(path));
        assert!(sheets.contains(&"月度分析".to_string()), "{path}");
    }
    let names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let workbooks = names
        .iter()
        .filter(|n| n.ends_with(".xlsx") && n.contains("_绩效自评"))
        .count();
    let drafts = names
        .iter()
        .filter(|n| n.ends_with("_绩效自评报告.docx") || n.contains("_绩效自评报告("))
        .count();
    assert_eq!(
        (workbooks, drafts, names.len() - 1),
        (6, 6, 12),
        "no stray files: {names:?}"
    );
}

/// A shared library whose `fsync` takes three seconds: the write of a result
/// is then caught in the act, reliably.
pub(crate) fn slow_sync_shim(dir: &Path) -> Option<std::path::PathBuf> {
    shim(
        dir,
        "slowsync",
        "#include <unistd.h>\n\
         int fsync(int fd) { (void)fd; sleep(3); return 0; }\n\
         int fdatasync(int fd) { (void)fd; sleep(3); return 0; }\n",
    )
}

pub(crate) fn temp_files(folder: &Path) -> Vec<String> {
    fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".jixiao-"))
        .collect()
}

/// Starts jixiao on `input` with writes slowed down, and waits until its
/// temporary file is there.
fn start_and_catch_the_write(input: &Path, shim: &Path) -> std::process::Child {
    start_and_catch_the_write_with(input, shim, &[], false)
}

/// [`start_and_catch_the_write`] with `extra` arguments before the input, and
/// its stdout and stderr kept for `wait_with_output` when `capture`.
pub(crate) fn start_and_catch_the_write_with(
    input: &Path,
    shim: &Path,
    extra: &[&str],
    capture: bool,
) -> std::process::Child {
    let output = || {
        if capture {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        }
    };
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["--budget", "322.95"])
        .args(extra)
        .arg(input)
        .env("LD_PRELOAD", shim)
        .stdin(std::process::Stdio::null())
        .stdout(output())
        .stderr(output())
        .spawn()
        .unwrap();
    let folder = input.parent().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    // The `.tmp` name: the file is locked and being written (its `.part` name
    // lasts only the instant before the lock).
    while !temp_files(folder).iter().any(|n| n.ends_with(".tmp")) {
        assert!(
            std::time::Instant::now() < deadline,
            "no temporary file appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child
}

fn signal(child: &std::process::Child, name: &str) {
    let sent = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Issue 9, point 4: killed during the write, jixiao leaves no litter — SIGTERM
/// and Ctrl-C remove the temporary file at once, and after a kill -9 the next
/// run in that folder removes it.
#[test]
fn a_killed_write_leaves_no_litter() {
    if !cfg!(target_os = "linux") {
        eprintln!("skipped: the slow-write shim is for Linux");
        return;
    }
    let dir = TempDir::new("kill");
    let Some(shim) = slow_sync_shim(dir.path()) else {
        eprintln!("skipped: no C compiler to build the slow-write shim");
        return;
    };
    let folder = dir.path().join("台账");
    fs::create_dir(&folder).unwrap();
    let input = folder.join("甲局.xlsx");
    fs::copy(repo_path(MONTHLY_SAMPLE), &input).unwrap();

    for name in ["TERM", "INT"] {
        let mut child = start_and_catch_the_write(&input, &shim);
        signal(&child, name);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "SIG{name}");
        assert_eq!(temp_files(&folder), Vec::<String>::new(), "SIG{name}");
        assert!(!folder.join("甲局_绩效自评.xlsx").exists(), "SIG{name}");
    }

    let mut child = start_and_catch_the_write(&input, &shim);
    signal(&child, "KILL");
    let _ = child.wait();
    assert_eq!(temp_files(&folder).len(), 1, "a kill -9 cannot clean up");
    let output = jixiao(budget_args(&[input.as_os_str()]));
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(
        temp_files(&folder),
        Vec::<String>::new(),
        "the next run removed it"
    );
    assert!(folder.join("甲局_绩效自评.xlsx").is_file());
}

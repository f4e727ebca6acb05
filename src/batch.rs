//! Running jixiao over the inputs: folders expanded to their ledgers, up to
//! two ledgers at a time, each in a supervised worker ([`crate::supervisor`]),
//! its report printed as it finishes; then the bureau's summary and the
//! `--json` document over the small per-file reports.

use crate::cli::Cli;
use crate::output::console::error_text;
use crate::output::json::render;
use crate::pipeline::Options;
use crate::supervisor::limits::Limits;
use crate::supervisor::report::{FileReport, Status};
use crate::terminal::{say, say_line};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs every input (folders expanded to their spreadsheets), in parallel where
/// there are several; `dropped` when started by a drop on jixiao.exe (no
/// flags). The exit code is 0 only when all succeeded, 1 otherwise, 2 for
/// flags that break a rule.
pub fn run(cli: &Cli, dropped: bool) -> ExitCode {
    let flags = match cli.settings() {
        Ok(flags) => flags,
        Err(error) => {
            // The flag's own usage line, when the error names one flag.
            let usage = error
                .downcast_ref::<crate::settings::FlagError>()
                .and_then(|e| crate::cli::option_usage(e.flag))
                .map(|line| format!("\n  {line}"))
                .unwrap_or_default();
            say_line(&format!(
                "参数有误：{}{usage}\n{}",
                error_text(&error, &crate::advice::Advice::Flags),
                crate::cli::USAGE_LINE
            ));
            return ExitCode::from(2);
        }
    };
    let limits = match Limits::from_flags(cli.time_limit.as_deref(), cli.memory_limit.as_deref()) {
        Ok(limits) => limits,
        Err(error) => {
            say_line(&format!("参数有误：{error}\n{}", crate::cli::USAGE_LINE));
            return ExitCode::from(2);
        }
    };
    let mut options = Options {
        flags,
        dropped,
        exe_dir: std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf)),
        run_date: crate::cli::run_date(),
        ..Options::default()
    };
    let files = expand_inputs(&cli.inputs);
    let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let flag_out_dir = options.flags.out_dir.as_ref().map(|d| d.value.clone());
    // A repeat of an earlier input is never graded: it takes no name.
    let graded_paths: Vec<&Path> = files
        .iter()
        .filter(|f| f.duplicate_of.is_none())
        .map(|f| f.path.as_path())
        .collect();
    options.output_stems =
        crate::write::distinct_output_stems(&graded_paths, flag_out_dir.as_deref());
    // No result, draft or summary of this run is ever written over one of its
    // inputs, however its name is spelled (issue 20).
    options.claimed.protect_inputs(&paths);
    if let Some(problem) = cli
        .summary
        .as_deref()
        .and_then(|summary| crate::output::bureau::summary_name_problem(summary, &paths))
    {
        // Refused before any ledger is graded: `--summary a.xlsx b.xlsx`
        // would otherwise grade only b and write the summary over a.
        say_line(&format!(
            "参数有误：--summary 后面写汇总表要保存的文件名，{problem}。请另起一个名字，如 jixiao --summary 汇总.xlsx 台账1.xlsx 台账2.xlsx\n  {}\n{}",
            crate::cli::option_usage("--summary").unwrap_or_default(),
            crate::cli::USAGE_LINE
        ));
        return ExitCode::from(2);
    }
    if files.len() == 1 && std::io::stderr().is_terminal() {
        options.progress = crate::progress::Progress::on_terminal();
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let run = crate::supervisor::Run {
        args: &args,
        options: &options,
        limits: &limits,
        in_batch: files.len() > 1,
    };
    let reports = process_all(&files, &run);
    let failures: Vec<(&PathBuf, &str)> = files
        .iter()
        .zip(&reports)
        .filter(|(_, report)| report.status == Status::Failed)
        .map(|(file, report)| (&file.path, report.message.as_deref().unwrap_or_default()))
        .collect();
    let skipped = reports
        .iter()
        .filter(|r| r.status == Status::Skipped)
        .count();
    let repeated = files.iter().filter(|f| f.duplicate_of.is_some()).count();
    if files.len() > 1 {
        let done = files.len() - failures.len() - skipped;
        let mut summary = format!(
            "共 {} 个文件：完成 {done} 个，失败 {} 个",
            files.len(),
            failures.len()
        );
        if skipped > repeated {
            summary.push_str(&format!("，跳过 {} 个（不是台账）", skipped - repeated));
        }
        if repeated > 0 {
            summary.push_str(&format!("，{repeated} 个与前面的是同一个文件，只评价一次"));
        }
        summary.push('。');
        for (path, reason) in &failures {
            summary.push_str(&format!("\n  失败：「{}」：{reason}", path.display()));
        }
        say_line(&summary);
    }
    let mut summary_path = None;
    let mut summary_failed = false;
    if let Some(path) = &cli.summary {
        match crate::output::bureau::write_bureau_summary(
            path,
            &paths,
            &reports,
            Some(&options.claimed),
            cli.overwrite,
        ) {
            Ok(written) => {
                say_line(&format!("✔ 已生成汇总表「{}」", written.display()));
                summary_path = Some(written);
            }
            Err(error) => {
                say_line(&format!(
                    "✘ 汇总表未能生成：{}",
                    error_text(&error, &crate::advice::Advice::Flags)
                ));
                summary_failed = true;
            }
        }
    }
    if cli.json {
        let results: Vec<serde_json::Value> =
            reports.iter().filter_map(|r| r.json.clone()).collect();
        let skipped: Vec<(&Path, &str)> = files
            .iter()
            .zip(&reports)
            .filter(|(_, report)| report.status == Status::Skipped)
            .map(|(file, report)| {
                (
                    file.path.as_path(),
                    report.message.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(
            stdout,
            "{}",
            render(results, &skipped, summary_path.as_deref())
        );
    }
    if failures.is_empty() && !summary_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One file to process, or a reason it cannot be (an empty folder, a special file).
pub struct InputFile {
    /// The file (or the folder that held none).
    pub path: PathBuf,
    /// Why there is nothing to process, when so.
    pub problem: Option<String>,
    /// Found in a folder (not named by the user): a file there that is not a
    /// ledger is skipped, not failed.
    pub from_folder: bool,
    /// An earlier input of the run that is this very file (`a.xlsx ./a.xlsx`,
    /// a folder and a ledger in it, a link): graded once, under the first name.
    pub duplicate_of: Option<PathBuf>,
}

impl InputFile {
    fn new(path: PathBuf, problem: Option<String>, from_folder: bool) -> Self {
        Self {
            path,
            problem,
            from_folder,
            duplicate_of: None,
        }
    }
}

/// The spreadsheet extensions a folder is searched for.
const SPREADSHEET_EXTENSIONS: [&str; 9] = [
    "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt", "et", "htm",
];

/// True when `path` is named like a spreadsheet (`.xlsx`, `.csv` …).
fn spreadsheet_named(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| SPREADSHEET_EXTENSIONS.contains(&e.as_str()))
}

/// Files stay as given; a folder becomes its spreadsheets, sorted by name,
/// leaving out jixiao's own results (`*_绩效自评*`), Excel's lock files (`~$…`)
/// and hidden or temporary files. What is named like a spreadsheet but is no
/// regular file — a folder `d.xlsx`, a named pipe, a device — is kept with its
/// problem, so that it fails with a message at once (a pipe is never opened:
/// reading one waits forever). An input that is a file given before (by
/// another spelling, a link, or inside a folder also given) is marked as such.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<InputFile> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() || spreadsheet_named(input) {
            let problem = crate::pipeline::special_file_problem(input);
            files.push(InputFile::new(input.clone(), problem, false));
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        found.retain(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            spreadsheet_named(path)
                && !name.contains(crate::write::OUTPUT_SUFFIX)
                && !name.starts_with("~$")
                && !name.starts_with('.')
        });
        found.sort();
        let found: Vec<InputFile> = found
            .into_iter()
            .filter_map(|path| {
                if path.is_file() {
                    return Some(InputFile::new(path, None, true));
                }
                // A dangling link says nothing: left out, as before.
                let problem = crate::pipeline::special_file_problem(&path)?;
                Some(InputFile::new(path, Some(problem), true))
            })
            .collect();
        if found.is_empty() {
            let problem = format!(
                "文件夹「{}」里没有台账文件（xlsx、xls、xlsb、ods、csv …）",
                input.display()
            );
            files.push(InputFile::new(input.clone(), Some(problem), false));
        }
        files.extend(found);
    }
    mark_duplicates(&mut files);
    files
}

/// Marks each input that is the same file as an earlier one (by device and
/// inode, or canonical path — not by spelling).
fn mark_duplicates(files: &mut [InputFile]) {
    let mut seen: Vec<(crate::write::FileId, PathBuf)> = Vec::new();
    for file in files.iter_mut().filter(|f| f.problem.is_none()) {
        let Some(id) = crate::write::file_id(&file.path) else {
            continue;
        };
        match seen.iter().find(|(other, _)| *other == id) {
            Some((_, first)) => file.duplicate_of = Some(first.clone()),
            None => seen.push((id, file.path.clone())),
        }
    }
}

/// Ledgers processed at once.
const MAX_WORKERS: usize = 2;

/// Processes the files, up to [`MAX_WORKERS`] at a time, each in a
/// supervised worker; each file's report (one line each when there are
/// several) is printed as it finishes; the reports keep the files' order.
fn process_all(files: &[InputFile], run: &crate::supervisor::Run<'_>) -> Vec<FileReport> {
    // Two at a time: each worker holds one ledger while it works (what comes
    // back is a [`FileReport`]), so a batch of large ledgers holds at most two.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS)
        .min(files.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<FileReport>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut supervisor = crate::supervisor::Supervisor::new(run);
                loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(file) = files.get(index) else {
                        break;
                    };
                    let report = process_one(file, &mut supervisor, run.in_batch);
                    run.options.progress.clear();
                    say(&report.console);
                    if let Ok(mut slot) = slots[index].lock() {
                        *slot = Some(report);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .zip(files)
        .map(|(slot, file)| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                FileReport::failed(&file.path, "内部错误：这个文件没有处理完", run.in_batch)
            })
        })
        .collect()
}

/// One input's report: a problem found before reading (an empty folder, a
/// special file) or a repeat of an earlier input is said at once; anything
/// else is graded in the thread's supervised worker.
fn process_one(
    file: &InputFile,
    supervisor: &mut crate::supervisor::Supervisor<'_>,
    in_batch: bool,
) -> FileReport {
    if let Some(problem) = &file.problem {
        return FileReport::failed(&file.path, problem, in_batch);
    }
    if let Some(first) = &file.duplicate_of {
        return FileReport::skipped(
            &file.path,
            format!(
                "与「{}」是同一个文件，已经评价过，不再重复评价",
                first.display()
            ),
            in_batch,
        );
    }
    supervisor.grade(&crate::supervisor::Input {
        path: &file.path,
        from_folder: file.from_folder,
    })
}

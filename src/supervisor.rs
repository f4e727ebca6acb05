//! The supervisor: each ledger is graded in a worker — a child process of
//! the same executable — under a memory cap and a time cap that grow with the
//! file ([`limits`]). Whatever the file does to the worker (an abort, memory
//! exhausted, a loop that never ends), the supervisor sees a worker that
//! ended without a report or ran out of time, removes the temporary files the
//! worker told it of, and makes it that file's Chinese message; the batch,
//! the bureau's summary and the final report carry on.
//!
//! The worker asks the supervisor before it takes a result's name (the run's
//! registry of names and inputs is the supervisor's, [`crate::batch::Claimed`]),
//! tells it of each temporary file, draws its progress through it, and ends
//! by sending a small [`report::FileReport`]: nothing of the ledger crosses.
//! When no worker can be started (no executable to start, a system that
//! refuses), the file is graded in this process as before.

pub mod limits;
pub mod os;
pub mod report;
pub mod wire;
pub mod worker;

use crate::batch::Holder;
use crate::pipeline::Options;
use limits::{Caps, Limits};
use report::FileReport;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use wire::{Answer, Job, ToSupervisor, WirePath};

/// What the supervisor keeps of a worker's stderr (the last of it), to tell
/// memory exhausted from other aborts.
const STDERR_KEPT: usize = 16 * 1024;

/// The run a worker belongs to: its arguments, options and caps.
pub struct Run<'a> {
    /// The run's arguments after the program name, as given.
    pub args: &'a [std::ffi::OsString],
    /// The run's options (settings, registry, progress).
    pub options: &'a Options,
    /// The caps as set by flag (the jixiao.toml files add theirs per input).
    pub limits: &'a Limits,
    /// One of several inputs.
    pub in_batch: bool,
}

/// One input to grade.
pub struct Input<'a> {
    /// As given or found in a folder.
    pub path: &'a Path,
    /// Found in a folder.
    pub from_folder: bool,
}

/// Grades `input` in a worker and returns what came of it; never fails: a
/// worker that ends badly is the file's message.
pub fn grade(input: &Input<'_>, run: &Run<'_>) -> FileReport {
    let path = input.path;
    let limits = match run.limits.for_input(path, run.options.exe_dir.as_deref()) {
        Ok(limits) => limits,
        Err(error) => return FileReport::failed(path, &format!("{error:#}"), run.in_batch),
    };
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let caps = limits.caps(size);
    let job = Job {
        args: run.args.iter().cloned().map(WirePath::from_os).collect(),
        input: WirePath::from_path(path),
        from_folder: input.from_folder,
        stem: run.options.output_stems.get(path).cloned(),
        dropped: run.options.dropped,
        in_batch: run.in_batch,
        progress: run.options.progress.enabled(),
        memory_cap: caps.memory.unwrap_or(0),
        time_cap_secs: caps.time.map_or(0, |t| t.as_secs().max(1)),
    };
    match start_worker(&job) {
        Some(worker) => supervise(worker, path, &caps, run),
        None => {
            // No worker could be started: graded here, as before the supervisor.
            let outcome = worker::grade_input(path, input.from_folder, run.options);
            FileReport::from_outcome(path, &outcome, &run.options.advice_for(path), run.in_batch)
        }
    }
}

/// Starts a worker and hands it its job; `None` when that cannot be done.
fn start_worker(job: &Job) -> Option<std::process::Child> {
    let exe = std::env::current_exe().ok()?;
    let mut child = Command::new(exe)
        .arg(worker::WORKER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let handed = child
        .stdin
        .as_mut()
        .is_some_and(|stdin| stdin.write_all(wire::line(job).as_bytes()).is_ok());
    if !handed {
        let _ = child.kill();
        let _ = child.wait();
        return None;
    }
    Some(child)
}

/// How a worker ended when it sent no report.
enum Ending {
    /// The time cap was reached and the worker was ended.
    OutOfTime(Duration),
    /// An allocation failed under the memory cap.
    OutOfMemory(u64),
    /// Any other end: its exit code or signal.
    Crashed(String),
}

/// Answers the worker's questions until it reports, ends or runs out of time.
fn supervise(
    mut child: std::process::Child,
    path: &Path,
    caps: &Caps,
    run: &Run<'_>,
) -> FileReport {
    let started = Instant::now();
    let (lines_tx, lines) = mpsc::channel::<String>();
    if let Some(stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    let stderr = child.stderr.take().map(|mut stderr| {
        std::thread::spawn(move || {
            let mut kept = Vec::new();
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                kept.extend_from_slice(&chunk[..n]);
                if kept.len() > STDERR_KEPT {
                    kept.drain(..kept.len() - STDERR_KEPT);
                }
            }
            String::from_utf8_lossy(&kept).into_owned()
        })
    });
    let mut answers = child.stdin.take();
    let mut temps: Vec<PathBuf> = Vec::new();
    let mut report = None;
    let mut out_of_time = false;
    loop {
        let next = match caps.time {
            Some(cap) => match cap.checked_sub(started.elapsed()) {
                Some(left) => lines.recv_timeout(left),
                None => Err(mpsc::RecvTimeoutError::Timeout),
            },
            None => lines
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let line = match next {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                out_of_time = true;
                let _ = child.kill();
                break;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let Some(message) = wire::parse::<ToSupervisor>(&line) else {
            continue;
        };
        let answer = match message {
            ToSupervisor::Claim { path } => Some(Answer::Claim {
                held_by: match run.options.claimed.claim(&path.to_path()) {
                    Ok(()) => None,
                    Err(Holder::Input(input)) => Some((true, WirePath::from_path(&input))),
                    Err(Holder::Result(result)) => Some((false, WirePath::from_path(&result))),
                },
            }),
            ToSupervisor::InputAt { path } => Some(Answer::Input {
                input: run
                    .options
                    .claimed
                    .input_at(&path.to_path())
                    .map(|input| WirePath::from_path(&input)),
            }),
            ToSupervisor::Release { path } => {
                run.options.claimed.release(&path.to_path());
                None
            }
            ToSupervisor::Temp { path } => {
                let path = path.to_path();
                crate::batch::temp::adopt(&path);
                temps.push(path);
                None
            }
            ToSupervisor::TempGone { path } => {
                let path = path.to_path();
                crate::batch::temp::disown(&path, false);
                temps.retain(|p| *p != path);
                None
            }
            ToSupervisor::Progress { text } => {
                crate::progress::draw(&text);
                None
            }
            ToSupervisor::Report { report: sent } => {
                report = Some(*sent);
                None
            }
        };
        if let (Some(answer), Some(stdin)) = (answer, answers.as_mut()) {
            let _ = stdin.write_all(wire::line(&answer).as_bytes());
            let _ = stdin.flush();
        }
    }
    drop(answers);
    let status = child.wait();
    let stderr = stderr.and_then(|t| t.join().ok()).unwrap_or_default();
    // What the worker left: gone with it.
    for temp in &temps {
        crate::batch::temp::disown(temp, true);
    }
    run.options.progress.clear();
    if let (Some(report), false) = (report, out_of_time) {
        return report;
    }
    let ending = if out_of_time {
        Ending::OutOfTime(caps.time.unwrap_or_default())
    } else if stderr.contains("memory allocation of") {
        Ending::OutOfMemory(caps.memory.unwrap_or(0))
    } else {
        Ending::Crashed(match &status {
            Ok(status) => exit_description(status),
            Err(_) => "无法得知".to_string(),
        })
    };
    let advice = run.options.advice_for(path);
    FileReport::failed(path, &ending_text(&ending, &advice), run.in_batch)
}

/// How a worker's end is said: the exit code, or the signal that ended it.
fn exit_description(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("信号 {signal}");
        }
    }
    match status.code() {
        Some(code) => format!("退出码 {code}"),
        None => "无法得知".to_string(),
    }
}

/// The file's message for a worker that ended without a report.
fn ending_text(ending: &Ending, advice: &crate::advice::Advice) -> String {
    match ending {
        Ending::OutOfTime(cap) => format!(
            "文件结构异常或过大，已跳过：评价用时超过了 {} 秒的上限（上限按文件大小定，防止异常文件拖住整批）。如确是很大的台账，可以放宽上限（{}，写 0 表示不限），或只把支出明细所在的工作表复制到新工作簿另存后再试",
            cap.as_secs(),
            advice.how("用 --time-limit 600", "time-limit = 600"),
        ),
        Ending::OutOfMemory(cap) => format!(
            "文件结构异常或过大，已跳过：评价要用的内存超过了 {} MiB 的上限（上限按文件大小定，防止异常文件耗尽内存）。如确是很大的台账，可以放宽上限（{}，写 0 表示不限），或只把支出明细所在的工作表复制到新工作簿另存后再试",
            cap >> 20,
            advice.how("用 --memory-limit 2048", "memory-limit = 2048"),
        ),
        Ending::Crashed(how) => format!(
            "文件结构异常，评价进程意外中止（{how}），已跳过。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试；仍不行时请把台账文件发给维护人员"
        ),
    }
}

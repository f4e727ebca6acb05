//! The supervisor: each ledger is graded in a worker — a child process of
//! the same executable — under a memory cap and a time cap that grow with the
//! file ([`limits`]). Whatever the file does to the worker (an abort, memory
//! exhausted, a loop that never ends), the supervisor sees a worker that
//! ended without a report or ran out of time, removes the temporary files the
//! worker told it of, and makes it that file's Chinese message; the batch,
//! the bureau's summary and the final report carry on.
//!
//! The worker asks the supervisor before it takes a result's name (the run's
//! registry of names and inputs is the supervisor's, [`crate::write::Claimed`]),
//! tells it of each temporary file, draws its progress through it, and ends
//! by sending a small [`report::FileReport`]: nothing of the ledger crosses.
//! When no worker can be started (no executable to start, a system that
//! refuses), the file is graded in this process as before.

pub mod limits;
pub mod os;
pub mod report;
pub mod wire;
pub mod wire_path;
pub mod worker;

use crate::pipeline::Options;
use crate::write::Holder;
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

/// The environment variable that grades every input in the supervisor's own
/// process, without caps: the baseline `.ci/bench-batch.sh` measures the
/// supervisor's cost against, and a way to debug. Never for users: it
/// removes the protection this module gives.
pub const IN_PROCESS_VARIABLE: &str = "JIXIAO_IN_PROCESS";

/// How much smaller a job's memory cap may be than the last job's for the
/// same worker to take it.
const KEPT_WORKER_SLACK: u64 = 64 << 20;

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

/// A running worker: its process, its stdin for jobs and answers, its stdout
/// as lines, and the last of its stderr.
struct Worker {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    lines: mpsc::Receiver<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Worker {
    /// Starts a worker; `None` when that cannot be done.
    fn start() -> Option<Self> {
        let exe = std::env::current_exe().ok()?;
        let mut child = Command::new(exe)
            .arg(worker::WORKER_ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .ok()?;
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
        let stdin = child.stdin.take();
        Some(Self {
            child,
            stdin,
            lines,
            stderr,
        })
    }

    /// Writes one line to the worker; false when it cannot be read any more.
    fn tell<T: serde::Serialize>(&mut self, message: &T) -> bool {
        self.stdin.as_mut().is_some_and(|stdin| {
            stdin
                .write_all(wire::line(message).as_bytes())
                .and_then(|()| stdin.flush())
                .is_ok()
        })
    }

    /// Ends the worker (already ended, or killed now) and says how it ended.
    fn end(mut self, kill: bool) -> (String, String) {
        if kill {
            let _ = self.child.kill();
        }
        drop(self.stdin.take());
        let status = self.child.wait();
        let stderr = self
            .stderr
            .take()
            .and_then(|t| t.join().ok())
            .unwrap_or_default();
        let how = match &status {
            Ok(status) => exit_description(status),
            Err(_) => "无法得知".to_string(),
        };
        (how, stderr)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // No more jobs: the worker reads the end of its input and exits.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// Grades inputs one after another in a worker kept between them; one per
/// batch thread. A worker that ends badly is replaced for the next input.
pub struct Supervisor<'a> {
    run: &'a Run<'a>,
    worker: Option<Worker>,
    /// The memory cap of the worker's last job.
    last_memory_cap: u64,
    /// No worker could be started: the rest is graded in this process.
    in_process: bool,
}

impl<'a> Supervisor<'a> {
    /// A supervisor for the inputs of `run`; its worker starts with the
    /// first. With [`IN_PROCESS_VARIABLE`] set, every input is graded in this
    /// process, unguarded (the batch benchmark's baseline).
    pub fn new(run: &'a Run<'a>) -> Self {
        Self {
            run,
            worker: None,
            last_memory_cap: 0,
            in_process: std::env::var_os(IN_PROCESS_VARIABLE).is_some(),
        }
    }

    /// Grades `input` in the worker and returns what came of it; never
    /// fails: a worker that ends badly is the file's message.
    pub fn grade(&mut self, input: &Input<'_>) -> FileReport {
        let run = self.run;
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
            run_date: run.options.run_date,
        };
        // A worker that held a much larger ledger may still hold some of its
        // memory: a smaller cap is given to a fresh one.
        let smaller = |cap: u64| cap.saturating_add(KEPT_WORKER_SLACK) < self.last_memory_cap;
        if caps.memory.is_some_and(smaller) && self.worker.is_some() {
            drop(self.worker.take());
        }
        self.last_memory_cap = caps.memory.unwrap_or(u64::MAX);
        let worker = match self.worker.take() {
            Some(worker) => Some(worker),
            None if self.in_process => None,
            None => Worker::start(),
        };
        let Some(mut worker) = worker else {
            return self.grade_here(input);
        };
        if !worker.tell(&job) {
            // It ended while idle: a fresh one takes the job.
            drop(worker);
            let Some(fresh) = Worker::start() else {
                return self.grade_here(input);
            };
            worker = fresh;
            if !worker.tell(&job) {
                let (how, _) = worker.end(true);
                return FileReport::failed(
                    path,
                    &ending_text(&Ending::Crashed(how), &run.options.advice_for(path)),
                    run.in_batch,
                );
            }
        }
        let (report, worker) = supervise(worker, path, &caps, run);
        self.worker = worker;
        report
    }

    /// Grades `input` in this process, as before the supervisor: no worker
    /// can be started (or the baseline was asked for), for this input and
    /// the rest.
    fn grade_here(&mut self, input: &Input<'_>) -> FileReport {
        self.in_process = true;
        let options = self.run.options;
        let outcome = worker::grade_input(input.path, input.from_folder, options);
        FileReport::from_outcome(
            input.path,
            &outcome,
            &options.advice_for(input.path),
            self.run.in_batch,
        )
    }
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

/// Answers the worker's questions until it reports (the worker is given
/// back for the next input), ends or runs out of time.
fn supervise(
    mut worker: Worker,
    path: &Path,
    caps: &Caps,
    run: &Run<'_>,
) -> (FileReport, Option<Worker>) {
    let started = Instant::now();
    let mut temps: Vec<PathBuf> = Vec::new();
    let mut out_of_time = false;
    loop {
        let next = match caps.time {
            Some(cap) => match cap.checked_sub(started.elapsed()) {
                Some(left) => worker.lines.recv_timeout(left),
                None => Err(mpsc::RecvTimeoutError::Timeout),
            },
            None => worker
                .lines
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        let line = match next {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                out_of_time = true;
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
                crate::write::temp::adopt(&path);
                temps.push(path);
                None
            }
            ToSupervisor::TempGone { path } => {
                let path = path.to_path();
                crate::write::temp::disown(&path, false);
                temps.retain(|p| *p != path);
                None
            }
            ToSupervisor::Progress { text } => {
                crate::progress::draw(&text);
                None
            }
            ToSupervisor::Report { report } => {
                // Done, and well: the worker waits for the next input.
                forget_temps(&temps, false);
                run.options.progress.clear();
                return (*report, Some(worker));
            }
        };
        if let Some(answer) = answer {
            worker.tell(&answer);
        }
    }
    let (how, stderr) = worker.end(true);
    // What the worker left goes with it.
    forget_temps(&temps, true);
    run.options.progress.clear();
    let ending = if out_of_time {
        Ending::OutOfTime(caps.time.unwrap_or_default())
    } else if stderr.contains("memory allocation of") {
        Ending::OutOfMemory(caps.memory.unwrap_or(0))
    } else {
        Ending::Crashed(how)
    };
    let advice = run.options.advice_for(path);
    (
        FileReport::failed(path, &ending_text(&ending, &advice), run.in_batch),
        None,
    )
}

/// Lets go of a worker's temporary files; `remove` them when it died.
fn forget_temps(temps: &[PathBuf], remove: bool) {
    for temp in temps {
        crate::write::temp::disown(temp, remove);
    }
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

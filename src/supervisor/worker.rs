//! The worker: the same executable started by the supervisor
//! (`jixiao --supervised-worker`). For each job read from stdin it caps its
//! own memory, grades the input as a run of one would, asks the supervisor
//! before taking a result's name, tells it of every temporary file, and ends
//! the job by sending the input's [`FileReport`].

use super::report::FileReport;
use super::wire::{self, Answer, Job, ToSupervisor, WirePath};
use crate::output::console::error_text;
use crate::pipeline::{self, Options, Outcome};
use crate::write::{Ask, Claimed, Holder, Told};
use clap::Parser;
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The argument that starts the worker (alone: no user types it, and the
/// help never shows it).
pub const WORKER_ARG: &str = "--supervised-worker";

/// Grace beyond the time cap after which a worker ends itself, should its
/// supervisor be gone and unable to end it.
const SELF_END_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

/// True when this process was started as a worker.
pub fn is_worker(args: &[std::ffi::OsString]) -> bool {
    args.len() == 2 && args[1] == WORKER_ARG
}

/// Sends one message to the supervisor; a closed pipe (the supervisor is
/// gone) ends the worker, whose result nobody would read.
fn send(message: &ToSupervisor) {
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(wire::line(message).as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        std::process::exit(1);
    }
}

/// One question at a time: the answers come back in order on stdin.
static ASKING: Mutex<()> = Mutex::new(());

/// Asks the supervisor and waits for its answer.
fn ask(question: &ToSupervisor) -> Option<Answer> {
    let _asking = ASKING.lock().ok()?;
    send(question);
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(n) if n > 0 => wire::parse(&line),
        _ => None,
    }
}

/// The supervisor's registry, asked over the pipe.
fn remote_registry(question: Ask<'_>) -> Told {
    match question {
        Ask::Claim(path) => {
            let answer = ask(&ToSupervisor::Claim {
                path: WirePath::from_path(path),
            });
            Told::Claim(match answer {
                Some(Answer::Claim { held_by: None }) => Ok(()),
                Some(Answer::Claim {
                    held_by: Some((true, input)),
                }) => Err(Holder::Input(input.to_path())),
                Some(Answer::Claim {
                    held_by: Some((false, result)),
                }) => Err(Holder::Result(result.to_path())),
                // No answer: nothing is claimed.
                _ => Err(Holder::Result(path.to_path_buf())),
            })
        }
        Ask::InputAt(path) => Told::Input(
            match ask(&ToSupervisor::InputAt {
                path: WirePath::from_path(path),
            }) {
                Some(Answer::Input { input }) => input.map(|i| i.to_path()),
                _ => None,
            },
        ),
        Ask::Release(path) => {
            send(&ToSupervisor::Release {
                path: WirePath::from_path(path),
            });
            Told::Nothing
        }
    }
}

fn announce_temp(path: &Path, exists: bool) {
    let path = WirePath::from_path(path);
    send(&if exists {
        ToSupervisor::Temp { path }
    } else {
        ToSupervisor::TempGone { path }
    });
}

fn send_progress(text: &str) {
    send(&ToSupervisor::Progress {
        text: text.to_string(),
    });
}

/// When the job in hand must be over (milliseconds since the Unix epoch; 0:
/// no job, or no cap): past it, the worker ends itself, should its
/// supervisor be gone and unable to end it.
static DEADLINE_MS: AtomicU64 = AtomicU64::new(0);

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Runs the worker: jobs from stdin, one at a time, each answered by its
/// report on stdout, until stdin closes (exit 0). A worker is started once
/// per batch thread and kept while it stays healthy: starting a process per
/// ledger would cost a batch of small ledgers, on Windows most.
pub fn serve() -> ExitCode {
    super::os::end_with_supervisor();
    // A panic is caught per input and reported; no English on stderr.
    std::panic::set_hook(Box::new(|_| {}));
    crate::write::temp::install_cleanup();
    crate::write::temp::announce_with(announce_temp);
    crate::progress::draw_through(send_progress);
    std::thread::spawn(|| loop {
        std::thread::sleep(std::time::Duration::from_millis(500));
        let deadline = DEADLINE_MS.load(Ordering::Relaxed);
        if deadline != 0 && now_ms() > deadline {
            std::process::exit(3);
        }
    });
    loop {
        let mut line = String::new();
        let job: Job = match std::io::stdin().lock().read_line(&mut line) {
            Ok(n) if n > 0 => match wire::parse(&line) {
                Some(job) => job,
                None => return ExitCode::from(2),
            },
            // The supervisor has no more work.
            _ => return ExitCode::SUCCESS,
        };
        super::os::cap_own_memory(job.memory_cap);
        if job.time_cap_secs > 0 {
            let grace = u64::try_from(SELF_END_GRACE.as_millis()).unwrap_or(u64::MAX);
            let deadline = now_ms()
                .saturating_add(job.time_cap_secs.saturating_mul(1000))
                .saturating_add(grace);
            DEADLINE_MS.store(deadline, Ordering::Relaxed);
        }
        let input = job.input.to_path();
        let report = grade_job(&job, &input);
        DEADLINE_MS.store(0, Ordering::Relaxed);
        send(&ToSupervisor::Report {
            report: Box::new(report),
        });
    }
}

/// The job's input graded under the run's arguments.
fn grade_job(job: &Job, input: &Path) -> FileReport {
    let args = std::iter::once(std::ffi::OsString::from("jixiao"))
        .chain(job.args.iter().map(WirePath::to_os));
    // The supervisor parsed these same arguments before starting the worker.
    let flags = crate::cli::Cli::try_parse_from(args)
        .map_err(|e| anyhow::anyhow!("参数有误：{}", crate::cli::argument_error_text(&e)))
        .and_then(|cli| cli.settings());
    let flags = match flags {
        Ok(flags) => flags,
        Err(error) => {
            return FileReport::failed(
                input,
                &error_text(&error, &crate::advice::Advice::Flags),
                job.in_batch,
            )
        }
    };
    let options = Options {
        flags,
        dropped: job.dropped,
        exe_dir: std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf)),
        output_stems: job
            .stem
            .iter()
            .map(|stem| (input.to_path_buf(), stem.clone()))
            .collect(),
        progress: if job.progress {
            crate::progress::Progress::on_terminal()
        } else {
            crate::progress::Progress::off()
        },
        claimed: Arc::new(Claimed::remote(Box::new(remote_registry))),
        run_date: job.run_date,
    };
    let outcome = grade_input(input, job.from_folder, &options);
    FileReport::from_outcome(input, &outcome, &options.advice_for(input), job.in_batch)
}

/// One input graded — or why not. In a folder, jixiao's own results and
/// summaries, and text files that hold no table (a 说明.txt), are skipped
/// rather than failed.
pub fn grade_input(input: &Path, from_folder: bool, options: &Options) -> Outcome {
    if from_folder && crate::read::sniff::made_by_jixiao(input) {
        return Outcome::Skipped("jixiao 生成的结果或汇总表，不是台账".to_string());
    }
    match pipeline::grade_file(input, options) {
        Ok(graded) => Outcome::Done(Box::new(graded)),
        // A text file in a folder that holds no table (说明.txt) is a note; a
        // workbook that cannot be read is somebody's ledger and fails visibly.
        Err(error)
            if from_folder
                && is_text_file(input)
                && error.downcast_ref::<crate::read::NotALedger>().is_some() =>
        {
            Outcome::Skipped(format!(
                "不是台账（{}）",
                error_text(&error, &options.advice_for(input))
            ))
        }
        Err(error) => Outcome::Failed(error),
    }
}

/// True for the text extensions a note may have (txt, csv, htm).
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "txt" | "csv" | "htm" | "html"))
}

//! The messages between the supervisor and a worker: one JSON object a line,
//! the job on the worker's stdin, its questions and its report on its stdout.
//! Paths cross as text when they are Unicode and as raw code units when not,
//! so that a file name in any encoding arrives as it was.

use super::report::FileReport;
pub use super::wire_path::WirePath;
use serde::{Deserialize, Serialize};

/// What a worker is asked to do: one input, under the run's arguments.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    /// The run's arguments after the program name, as given (the worker
    /// reads its settings from them exactly as the supervisor did).
    pub args: Vec<WirePath>,
    /// The input to grade, as given or found in a folder.
    pub input: WirePath,
    /// Found in a folder: a file there that is not a ledger is skipped.
    pub from_folder: bool,
    /// The result's stem when it differs from the input's (two inputs of one
    /// name in the run).
    pub stem: Option<String>,
    /// Started by a drop on jixiao.exe.
    pub dropped: bool,
    /// One of several inputs: the console report is one line.
    pub in_batch: bool,
    /// Show the rows read and written (one input, on a terminal).
    pub progress: bool,
    /// The worker's memory cap in bytes for this job (0: none); it sets it
    /// on itself before it opens the input.
    pub memory_cap: u64,
    /// The run's date (the default 截至), as the supervisor read it: every
    /// worker of a run reports on the same day.
    pub run_date: Option<crate::dates::CalendarDate>,
    /// The time cap in seconds (0: none): the supervisor ends the worker
    /// then; the worker ends itself a little later should the supervisor be gone.
    pub time_cap_secs: u64,
}

/// A worker's message to its supervisor.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ToSupervisor {
    /// May a result be written at `path`? (Answered with [`Answer::Claim`].)
    Claim {
        /// The name asked for.
        path: WirePath,
    },
    /// A write to `path` failed: the name is free again.
    Release {
        /// The name given back.
        path: WirePath,
    },
    /// Which input of the run is `path`, if any? (Answered with [`Answer::Input`].)
    InputAt {
        /// The path asked about.
        path: WirePath,
    },
    /// A temporary file is about to exist: remove it if the worker dies.
    Temp {
        /// The temporary file.
        path: WirePath,
    },
    /// That temporary file is gone or has its final name.
    TempGone {
        /// The temporary file.
        path: WirePath,
    },
    /// The progress line to draw on the terminal.
    Progress {
        /// The text, as the worker would have drawn it.
        text: String,
    },
    /// The input's result: the worker's last message.
    Report {
        /// What came of the input.
        report: Box<FileReport>,
    },
}

/// The supervisor's answer to a question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// To [`ToSupervisor::Claim`]: `None` when taken for the worker, else who holds it.
    Claim {
        /// Who holds the name: an input (`true`) or a result, and its path.
        held_by: Option<(bool, WirePath)>,
    },
    /// To [`ToSupervisor::InputAt`].
    Input {
        /// The input of the run at that path.
        input: Option<WirePath>,
    },
}

/// One message as its line (no newline inside: JSON escapes them).
pub fn line<T: Serialize>(message: &T) -> String {
    let mut text = serde_json::to_string(message).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// A message read back from its line; `None` for anything else.
pub fn parse<T: for<'de> Deserialize<'de>>(line: &str) -> Option<T> {
    serde_json::from_str(line.trim_end()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn paths_cross_as_they_were() {
        let text = Path::new("台账/2017年 明细.xlsx");
        assert_eq!(WirePath::from_path(text).to_path(), text);
        let job = Job {
            args: vec![WirePath::from_os("--budget".into())],
            input: WirePath::from_path(text),
            from_folder: true,
            stem: Some("a(2)".into()),
            dropped: false,
            in_batch: true,
            progress: false,
            memory_cap: 1 << 30,
            time_cap_secs: 19,
            run_date: None,
        };
        let back: Job = parse(&line(&job)).expect("a job reads back");
        assert_eq!(back.input.to_path(), text);
        assert_eq!(back.stem.as_deref(), Some("a(2)"));
        assert_eq!(back.memory_cap, 1 << 30);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_unicode_crosses_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        // 台账 in GBK, as an old USB stick may hold it.
        let name = std::ffi::OsStr::from_bytes(b"\xcc\xa8\xd5\xcb.xlsx");
        let wire = WirePath::from_os(name.to_os_string());
        assert!(matches!(wire, WirePath::Raw(_)));
        let message = ToSupervisor::Claim { path: wire };
        let Some(ToSupervisor::Claim { path }) = parse(&line(&message)) else {
            panic!("the claim reads back");
        };
        assert_eq!(path.to_os(), name);
    }
}

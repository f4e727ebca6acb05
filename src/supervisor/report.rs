//! What one input came to, in the few lines and figures the run needs after
//! it: the console text, the `--json` object, the bureau's summary row and the
//! files written. A worker sends it to its supervisor; nothing in it holds the
//! ledger.

use super::wire_path::WirePath;
use crate::advice::Advice;
use crate::grade::GradedYear;
use crate::output::console::{error_text, file_report, graded_report, one_line};
use crate::output::json::{file_value, FileResult};
use crate::pipeline::Outcome;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How an input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Graded and written.
    Done,
    /// Left alone (not a ledger, jixiao's own result, a repeat of an input).
    Skipped,
    /// Could not be done.
    Failed,
}

/// One input's row of the bureau's summary.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The unit's name, when the settings or the ledger give it.
    pub department: Option<String>,
    /// The latest graded year.
    pub year: GradedYear,
    /// The day the run reported on (截至), when there was one.
    pub as_of: Option<crate::dates::CalendarDate>,
}

/// What one input came to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileReport {
    /// Done, skipped or failed.
    pub status: Status,
    /// What the console shows for it (the whole report, or one line in a batch).
    pub console: String,
    /// Why it failed or was skipped.
    pub message: Option<String>,
    /// Its object in the `--json` document (none when skipped).
    pub json: Option<serde_json::Value>,
    /// Its row of the bureau's summary (done, with a graded year).
    pub summary: Option<SummaryRow>,
    /// The files written for it (workbook, draft).
    pub written: Vec<WirePath>,
}

impl FileReport {
    /// The report of an outcome of `input`; `in_batch` when it is one of
    /// several inputs (the console line is then one line).
    pub fn from_outcome(input: &Path, outcome: &Outcome, advice: &Advice, in_batch: bool) -> Self {
        let console = match (outcome, in_batch) {
            (_, true) => one_line(input, outcome, advice),
            (Outcome::Done(graded), false) => graded_report(input, graded),
            (_, false) => file_report(input, outcome, advice),
        };
        let message = match outcome {
            Outcome::Done(_) => None,
            Outcome::Skipped(why) => Some(why.clone()),
            Outcome::Failed(error) => Some(error_text(error, advice)),
        };
        let graded = outcome.done();
        let json = (!matches!(outcome, Outcome::Skipped(_))).then(|| {
            file_value(&FileResult {
                input,
                output: graded.map(|c| c.output.as_path()),
                years: graded.map(|c| c.years.as_slice()).unwrap_or_default(),
                error: message.as_deref(),
                warnings: graded.map(|c| c.warnings.as_slice()).unwrap_or_default(),
                tie_out: graded.map(|c| &c.tie_out),
                settings: graded
                    .map(|c| c.settings_used.as_slice())
                    .unwrap_or_default(),
                report_docx: graded.and_then(|c| c.report_docx.as_deref()),
                as_of: graded.and_then(|c| c.as_of),
            })
        });
        Self {
            status: match outcome {
                Outcome::Done(_) => Status::Done,
                Outcome::Skipped(_) => Status::Skipped,
                Outcome::Failed(_) => Status::Failed,
            },
            console,
            message,
            json,
            summary: graded.and_then(|graded| {
                graded.years.last().map(|year| SummaryRow {
                    department: graded.department.clone(),
                    year: year.clone(),
                    as_of: graded.as_of,
                })
            }),
            written: graded
                .map(|graded| {
                    std::iter::once(graded.output.as_path())
                        .chain(graded.report_docx.as_deref())
                        .map(WirePath::from_path)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// The report of an input that failed with `message` (said as it is).
    pub fn failed(input: &Path, message: &str, in_batch: bool) -> Self {
        let outcome = Outcome::Failed(anyhow::anyhow!("{message}"));
        Self::from_outcome(input, &outcome, &Advice::Flags, in_batch)
    }

    /// The report of an input left alone, with why.
    pub fn skipped(input: &Path, why: String, in_batch: bool) -> Self {
        Self::from_outcome(input, &Outcome::Skipped(why), &Advice::Flags, in_batch)
    }

    /// The files written for the input.
    pub fn written_paths(&self) -> Vec<PathBuf> {
        self.written.iter().map(WirePath::to_path).collect()
    }
}

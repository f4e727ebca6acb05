//! One ledger → one result: open it, gather its settings, read it, grade it,
//! write the workbook beside it, and keep the few figures the console, the
//! `--json` document and the bureau's summary show.
//!
//! [`convert`] reads as its stages; each stage beyond a few lines is in a file
//! of its own: `settings_for` (the settings of one ledger, from every source),
//! `months` (counting, the as-of day, budgets, grading), `results` (what to
//! look at, the workbook and the draft written), `input` (what the file is,
//! its checksum, its rows again for 明细).

mod input;
mod months;
mod results;
mod settings_for;

pub use input::special_file_problem;
pub use settings_for::settings_files;

use crate::advice::Advice;
use crate::dates::CalendarDate;
use crate::grade::GradedYear;
use crate::ledger::{read_ledger_with_rows, Ledger};
use crate::read::spill::RowSpill;
use crate::read::Workbook;
use crate::settings::{self, Settings};
use crate::tieout::TieOutLog;
use crate::warnings::Warning;
use crate::write;
use anyhow::{anyhow, bail, Result};
use input::InputRows;
use settings_for::{read_options, settings_for};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// How a run is set up: what the command line gave, and how it was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The settings given as flags (the highest source).
    pub flags: Settings,
    /// Started by a drop on jixiao.exe (no flags): fixes are said as lines of `jixiao.toml`.
    pub dropped: bool,
    /// The folder of jixiao.exe, where a shared `jixiao.toml` may be.
    pub exe_dir: Option<PathBuf>,
    /// Output stems for inputs that would share a result name with an earlier
    /// input of the same run (see [`write::distinct_output_stems`]).
    pub output_stems: BTreeMap<PathBuf, String>,
    /// Where rows read and written are counted on screen (off unless set).
    pub progress: crate::progress::Progress,
    /// The results written so far in this run (see [`write::Claimed`]).
    pub claimed: std::sync::Arc<write::Claimed>,
    /// The date of the run, 截至's default (set by the CLI edge from
    /// [`crate::cli::run_date`]); `None`: every booked month is taken as ended.
    pub run_date: Option<CalendarDate>,
}

impl Options {
    /// How fixes are said for `input`.
    pub fn advice_for(&self, input: &Path) -> Advice {
        if self.dropped {
            Advice::SettingsFile(settings::template_path(input))
        } else {
            Advice::Flags
        }
    }
}

/// What is kept of a graded ledger: what the console, `--json` and the
/// bureau's summary show — a few figures, never the ledger, so that a batch of
/// large ledgers holds at most one ledger per worker at a time.
#[derive(Debug)]
pub struct Graded {
    /// Where the workbook was written.
    pub output: PathBuf,
    /// Where the 自评报告 draft was written, unless turned off or not writable.
    pub report_docx: Option<PathBuf>,
    /// Why the workbook is not at its usual place or name, or other notes.
    pub note: Option<String>,
    /// The graded year(s).
    pub years: Vec<GradedYear>,
    /// Where the year came from (`来自日期列`, `由 --year 参数指定` …).
    pub year_source: String,
    /// What a person should look at before trusting the result.
    pub warnings: Vec<Warning>,
    /// The comparisons with the book's own totals.
    pub tie_out: TieOutLog,
    /// The unit's name, from the settings or the ledger; `None` when neither
    /// names it (the file's name is never taken for it).
    pub department: Option<String>,
    /// What was detected, line by line (文件格式, 识别, 计入的科目 …).
    pub description: Vec<(&'static str, String)>,
    /// Rows read, amounts counted and left out, and the rows they stand in.
    pub rows: crate::ledger::RowCounts,
    /// The first of those: (address, reason).
    pub attention_rows: Vec<(String, String)>,
    /// Each setting given and where it came from.
    pub settings_used: Vec<(&'static str, String)>,
    /// The day the run reported on (截至), when there was one.
    pub as_of: Option<CalendarDate>,
}

/// What came of one input.
pub enum Outcome {
    /// Graded and written.
    Done(Box<Graded>),
    /// Left alone: a file in a folder that is not a ledger, or jixiao's own result.
    Skipped(String),
    /// Could not be done, with why.
    Failed(anyhow::Error),
}

impl Outcome {
    /// The result, when the input was graded.
    pub fn done(&self) -> Option<&Graded> {
        match self {
            Outcome::Done(graded) => Some(graded),
            _ => None,
        }
    }

    /// The error, when the input failed.
    pub fn failed(&self) -> Option<&anyhow::Error> {
        match self {
            Outcome::Failed(error) => Some(error),
            _ => None,
        }
    }
}

/// Rows needing attention kept by name for the console.
const ATTENTION_ROWS_KEPT: usize = 10;

/// Processes one input completely; any error (or panic) is returned, never raised.
pub fn grade_file(input: &Path, options: &Options) -> Result<Graded> {
    match catch_unwind(AssertUnwindSafe(|| convert(input, options))) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(anyhow!("读取时遇到内部错误（{detail}），文件可能已损坏。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试"))
        }
    }
}

/// The stages of one ledger, in order: open it and gather its settings, read
/// it, count and grade its months, say what to look at, write the workbook
/// and the draft, and keep what the console, `--json` and the summary show.
fn convert(input: &Path, options: &Options) -> Result<Graded> {
    if let Some(problem) = special_file_problem(input) {
        bail!("{problem}");
    }
    // Opened once: the settings sheet, the ledger and the 明细 stream all read it.
    let mut workbook = Workbook::open(input)?;
    workbook.set_progress(options.progress.clone());
    let advice = options.advice_for(input);
    let settings = settings_for(&mut workbook, input, options)?;
    let (mut ledger, spill) = read(&mut workbook, &settings, &advice, input)?;
    let as_of = settings
        .as_of
        .as_ref()
        .map(|given| given.value)
        .or(options.run_date);
    let mut notes: Vec<String> = Vec::new();
    let months::Months {
        years: graded,
        budget_source,
    } = months::grade(&mut ledger, input, &settings, &advice, as_of, &mut notes)?;
    let findings = results::Findings::of(&ledger, &graded, &settings, &advice, input)?;
    let year_source = crate::report::provenance::year_source_words(
        ledger.year_source.as_ref(),
        settings
            .year
            .as_ref()
            .map(|y| y.place.given_by())
            .as_deref(),
    );
    let written = results::write(
        &results::Sources {
            input,
            options,
            settings: &settings,
            advice: &advice,
            ledger: &ledger,
            years: &graded,
            budget_source: &budget_source,
            year_source: &year_source,
            findings: &findings,
        },
        &mut InputRows {
            workbook: &mut workbook,
            ledger: &ledger,
            spill: Some(spill),
        },
        &mut notes,
    )?;
    Ok(Graded {
        department: findings.department,
        output: written.output,
        report_docx: written.report_docx,
        note: (!notes.is_empty()).then(|| notes.join("；")),
        year_source,
        years: graded,
        warnings: findings.warnings,
        description: ledger.description(),
        rows: crate::ledger::RowCounts::of(&ledger),
        attention_rows: ledger
            .skipped
            .iter()
            .filter(|s| s.reason.needs_attention())
            .take(ATTENTION_ROWS_KEPT)
            .map(|s| (s.address.clone(), s.reason.to_string()))
            .collect(),
        settings_used: settings.used(),
        tie_out: ledger.tie_out,
        as_of,
    })
}

/// The ledger read under its settings, with the copy of its rows kept for
/// 明细; an `--amount-col` that is empty on every counted line is refused.
fn read(
    workbook: &mut Workbook,
    settings: &Settings,
    advice: &Advice,
    input: &Path,
) -> Result<(Ledger, RowSpill)> {
    let read = read_options(settings, advice, input);
    let (ledger, spill) = read_ledger_with_rows(workbook, &read)?;
    if let Some(column) = &settings.amount_column {
        let counted = ledger.entries.len();
        if counted > 0 && ledger.entries.iter().all(|e| e.amount_yuan.is_zero()) {
            bail!(
                "{}的金额列 {} 在全部 {counted} 行都是空的或 0：请换成有金额的那一列",
                column.place.given_by(),
                crate::read::cell::column_name(column.value)
            );
        }
    }
    Ok((ledger, spill))
}

#[cfg(test)]
mod tests;

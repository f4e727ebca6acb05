//! What a graded ledger comes to: what to look at (warnings, the breakdown,
//! the unit's name, the input's checksum), then the workbook written beside
//! the ledger and the 自评报告 draft beside the workbook.

use super::Options;
use crate::advice::Advice;
use crate::grade::GradedYear;
use crate::ledger::Ledger;
use crate::report::detail::RowSource;
use crate::report::{build_workbook, ReportInput, SourceFacts};
use crate::settings::{self, Settings};
use crate::warnings::Warning;
use crate::write::{self, Destination};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// What the results say beside the grades.
pub(super) struct Findings {
    /// The breakdown's execution, when the settings split the budget.
    pub(super) breakdown: Option<crate::breakdown::Breakdown>,
    /// The input's name, size and checksum.
    pub(super) source: SourceFacts,
    /// What a person should look at before trusting the result.
    pub(super) warnings: Vec<Warning>,
    /// The unit's name: the settings', else the ledger's; never the file's.
    pub(super) department: Option<String>,
}

impl Findings {
    /// The findings of a graded ledger.
    pub(super) fn of(
        ledger: &Ledger,
        years: &[GradedYear],
        settings: &Settings,
        advice: &Advice,
        input: &Path,
    ) -> Result<Self> {
        let breakdown = settings
            .breakdown
            .as_ref()
            .filter(|b| !b.value.is_empty())
            .and_then(|b| {
                years
                    .last()
                    .map(|year| crate::breakdown::execute(&b.value, year))
            });
        let source = super::input::source_facts(input)?;
        let warnings = crate::warnings::warnings(
            ledger,
            years,
            breakdown.as_ref().and_then(|b| b.warning.as_deref()),
            advice,
        );
        let department = settings
            .department(settings::DepartmentField::Name)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .or_else(|| crate::report::department(ledger));
        Ok(Self {
            breakdown,
            source,
            warnings,
            department,
        })
    }
}

/// Everything the results are made of.
pub(super) struct Sources<'a> {
    pub(super) input: &'a Path,
    pub(super) options: &'a Options,
    pub(super) settings: &'a Settings,
    pub(super) advice: &'a Advice,
    pub(super) ledger: &'a Ledger,
    pub(super) years: &'a [GradedYear],
    pub(super) budget_source: &'a str,
    pub(super) year_source: &'a str,
    pub(super) findings: &'a Findings,
}

/// Where the results were written.
pub(super) struct Written {
    /// The workbook.
    pub(super) output: PathBuf,
    /// The draft, unless turned off or not writable (said in the notes).
    pub(super) report_docx: Option<PathBuf>,
}

/// Writes the workbook (its 明细 from `rows`) and, unless turned off, the
/// draft; a renamed result or a draft that could not be written is said in
/// `notes`. The workbook is the result the bureau checks: a draft that cannot
/// be written is a note, not a failure.
pub(super) fn write(
    sources: &Sources<'_>,
    rows: &mut (dyn RowSource + Send),
    notes: &mut Vec<String>,
) -> Result<Written> {
    let Sources {
        input,
        options,
        settings,
        advice,
        ledger,
        years,
        budget_source,
        year_source,
        findings,
    } = *sources;
    let report = ReportInput {
        unit: findings.department.as_deref(),
        source: &findings.source,
        ledger,
        years,
        budget_source,
        year_source,
        breakdown: findings.breakdown.as_ref(),
        warnings: &findings.warnings,
        progress: &options.progress,
    };
    let mut book = build_workbook(&report, rows)?;
    let stem = options
        .output_stems
        .get(input)
        .cloned()
        .unwrap_or_else(|| write::input_stem(input));
    let destination = Destination {
        out_dir: settings.out_dir.as_ref().map(|d| d.value.as_path()),
        exe_dir: options.exe_dir.as_deref(),
        stem,
        overwrite: settings.overwrite.as_ref().is_some_and(|o| o.value),
        advice,
        claimed: &options.claimed,
    };
    // Called alone (not through a run), the input is still never a result.
    options.claimed.protect_inputs(&[input]);
    let (output, note) = write::write_output(input, &destination, &mut book)?;
    notes.extend(note);
    let report_docx = if settings.wants_docx() {
        write_draft(sources, &output, &destination, notes)
    } else {
        None
    };
    Ok(Written {
        output,
        report_docx,
    })
}

/// The 自评报告 draft beside the workbook at `output`; `None` (with a note)
/// when it cannot be written.
fn write_draft(
    sources: &Sources<'_>,
    output: &Path,
    destination: &Destination<'_>,
    notes: &mut Vec<String>,
) -> Option<PathBuf> {
    let findings = sources.findings;
    let caveat = crate::warnings::conclusion_caveat(&findings.warnings);
    let (count, sum_yuan, largest) =
        crate::report::check_sheet::unclassified_lines(sources.ledger, 3);
    let unclassified = crate::draft::Unclassified {
        count,
        sum_yuan,
        largest,
    };
    let draft = crate::draft::build(&crate::draft::DraftInput {
        department: findings.department.as_deref().unwrap_or_default(),
        years: sources.years,
        breakdown: findings.breakdown.as_ref(),
        settings: sources.settings,
        warnings: &findings.warnings,
        caveat: caveat.as_deref(),
        unclassified: Some(&unclassified),
    })
    .and_then(|bytes| {
        let folder = output.parent().unwrap_or(Path::new("."));
        write::write_draft(folder, destination, &bytes)
    });
    match draft {
        Ok((path, note)) => {
            // Renamed like the workbook: one notice says it for both.
            if let Some(note) = note.filter(|n| !notes.contains(n)) {
                notes.push(format!("自评报告草稿：{note}"));
            }
            Some(path)
        }
        Err(error) => {
            notes.push(format!(
                "自评报告草稿未能生成（{}），工作簿已生成",
                crate::messages::error_text(&error, sources.advice)
            ));
            None
        }
    }
}

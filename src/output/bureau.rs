//! The bureau's summary: one row per ledger of a batch, over the small
//! per-file results.

use crate::supervisor::report::{FileReport, Status};
use crate::terminal::say_line;
use std::path::{Path, PathBuf};

/// Why `summary` cannot be the name of the bureau's summary, when it cannot:
/// it is (or would be written as, `.xlsx`) one of this run's `ledgers`, or an
/// existing file that is not a summary jixiao wrote (`--summary a.xlsx
/// b.xlsx` taking the ledger a.xlsx for the name). Last month's 汇总 (a
/// jixiao summary) may be named again: it is rewritten as before.
pub fn summary_name_problem(summary: &Path, ledgers: &[&Path]) -> Option<String> {
    let written = summary.with_extension("xlsx");
    for candidate in [summary, written.as_path()] {
        if ledgers
            .iter()
            .any(|ledger| *ledger == candidate || crate::write::same_file(ledger, candidate))
        {
            return Some(format!(
                "「{}」是本次要评价的台账，不能用作汇总表的文件名",
                candidate.display()
            ));
        }
        if candidate.is_file() && !is_jixiao_summary(candidate) {
            return Some(format!(
                "「{}」已经存在，不是 jixiao 生成的汇总表（可能是台账或台账的评价结果），汇总表不会写在它上面",
                candidate.display()
            ));
        }
    }
    None
}

/// True for a workbook jixiao wrote as the bureau's summary: its title names
/// 部门整体支出绩效自评 and it has the 汇总 sheet.
fn is_jixiao_summary(path: &Path) -> bool {
    crate::read::sniff::made_by_jixiao(path)
        && crate::read::Workbook::open(path).is_ok_and(|book| {
            book.sheet_names()
                .iter()
                .any(|name| name == crate::report::summary::SUMMARY_SHEET)
        })
}

/// Writes the bureau's summary of every processed ledger (its latest year) and
/// the failures; returns where it was written.
pub fn write_bureau_summary(
    path: &Path,
    files: &[&Path],
    reports: &[FileReport],
    claimed: Option<&crate::write::Claimed>,
    overwrite: bool,
) -> anyhow::Result<PathBuf> {
    use crate::report::summary::{build, SummaryEntry};
    let file_name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    for (file, report) in files.iter().zip(reports) {
        match report.status {
            Status::Done => {
                if let Some(row) = &report.summary {
                    entries.push(SummaryEntry {
                        unit: row.department.clone(),
                        file: file_name(file),
                        year: &row.year,
                        as_of: row.as_of,
                    });
                }
            }
            Status::Failed => {
                failed.push((file_name(file), report.message.clone().unwrap_or_default()))
            }
            Status::Skipped => {}
        }
    }
    let bytes = build(&entries, &failed)?;
    // Never over an input (by real file, not spelling), nor over a result or
    // draft this run has just written: those are held in `claimed`; without
    // it, they are protected here.
    let written: Vec<PathBuf> = reports
        .iter()
        .filter(|_| claimed.is_none())
        .flat_map(FileReport::written_paths)
        .collect();
    let protected: Vec<&Path> = files
        .iter()
        .copied()
        .chain(written.iter().map(PathBuf::as_path))
        .collect();
    let (written, note) =
        crate::write::write_summary(path, &protected, claimed, overwrite, &bytes)?;
    if let Some(note) = note {
        say_line(&format!("  注意：{note}"));
    }
    Ok(written)
}

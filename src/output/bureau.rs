//! The bureau's summary: one row per ledger of a batch, over the small
//! per-file results.

use crate::console::say_line;
use crate::output::console::error_text;
use crate::pipeline::Outcome;
use std::path::{Path, PathBuf};

/// Writes the bureau's summary of every processed ledger (its latest year) and
/// the failures; returns where it was written.
pub fn write_bureau_summary(
    path: &Path,
    files: &[&Path],
    outcomes: &[Outcome],
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
    for (file, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Done(graded) => {
                if let Some(year) = graded.years.last() {
                    let name = file_name(file);
                    entries.push(SummaryEntry {
                        unit: graded.department.clone(),
                        file: name,
                        year,
                    });
                }
            }
            Outcome::Failed(error) => failed.push((
                file_name(file),
                error_text(error, &crate::advice::Advice::Flags),
            )),
            Outcome::Skipped(_) => {}
        }
    }
    let bytes = build(&entries, &failed)?;
    // Never over an input, nor over a result this run has just written.
    let protected: Vec<&Path> = files
        .iter()
        .copied()
        .chain(
            outcomes
                .iter()
                .filter_map(|o| o.done())
                .map(|c| c.output.as_path()),
        )
        .collect();
    let (written, note) = crate::batch::write_summary(path, &protected, overwrite, &bytes)?;
    if let Some(note) = note {
        say_line(&format!("  注意：{note}"));
    }
    Ok(written)
}

//! The `--json` document: one object on stdout for the whole run.
//!
//! Shape (documented in `docs/json.md`, a contract — add fields, never rename):
//! `{"files":[{"input","output","ok","error","years":[{"year","budget_wan",
//! "monthly_share_wan","thresholds_wan","months":[{"month","amount_wan","grade","measure"}]}],
//! "warnings":[{"code","text"}],"tie_out":[{"what","book","jixiao","ok","status","reason"}],
//! "tie_out_total","tie_out_mismatches","tie_out_unchecked","settings":[{"what","from"}],
//! "report_docx"}]}`.

use crate::checks::Warning;
use crate::grade::GradedYear;
use crate::money::format_cents;
use crate::tieout::TieOutLog;
use serde_json::{json, Value};
use std::path::Path;

/// What one input came to, for the JSON document.
pub struct FileResult<'a> {
    /// The input path as given.
    pub input: &'a Path,
    /// The written workbook, when there is one.
    pub output: Option<&'a Path>,
    /// The graded years (empty on failure).
    pub years: &'a [GradedYear],
    /// The error message, when the input failed.
    pub error: Option<&'a str>,
    /// What a person should look at before trusting the result.
    pub warnings: &'a [Warning],
    /// The comparisons with the book's own totals, when the input was read.
    pub tie_out: Option<&'a TieOutLog>,
    /// Each setting given and where it came from (empty on failure).
    pub settings: &'a [(&'static str, String)],
    /// The 自评报告 draft, when written.
    pub report_docx: Option<&'a Path>,
}

/// The tie-out as JSON: every comparison kept, each
/// `{"what","book","jixiao","ok","status","reason"}`: `ok` true only when the
/// figures agree, `status` `matched` / `mismatched` / `unchecked` (a total
/// jixiao could not place, with its `reason`; `null` otherwise).
fn tie_out_value(log: Option<&TieOutLog>) -> Vec<Value> {
    log.map(|log| {
        log.checks
            .iter()
            .map(|check| {
                json!({
                    "what": check.what,
                    "book": format_cents(check.book_yuan),
                    "jixiao": format_cents(check.jixiao_yuan),
                    "ok": check.ok(),
                    "status": check.status().code(),
                    "reason": check.unchecked,
                })
            })
            .collect()
    })
    .unwrap_or_default()
}

/// One graded year as JSON.
pub fn year_value(year: &GradedYear) -> Value {
    let months: Vec<Value> = year
        .months
        .iter()
        .map(|month| {
            json!({
                "month": month.month,
                "amount_wan": format_cents(month.amount_wan),
                "grade": month.grade().map(|g| g.label()),
                "measure": month.grade().map(|g| year.rules.measure(g)),
            })
        })
        .collect();
    let thresholds: Vec<Value> = year
        .rules
        .bands
        .iter()
        .map(|band| json!({"grade": band.grade.label(), "percent": band.percent.to_string(), "threshold_wan": format_cents(band.threshold_wan)}))
        .collect();
    json!({
        "year": year.year,
        "budget_wan": year.rules.budget_wan.normalize().to_string(),
        "monthly_share_wan": format_cents(year.rules.monthly_share_wan),
        "thresholds_wan": thresholds,
        "total_wan": format_cents(year.total_wan),
        "months": months,
    })
}

/// One input's object in the JSON document.
pub fn file_value(file: &FileResult<'_>) -> Value {
    json!({
        "input": file.input.display().to_string(),
        "output": file.output.map(|p| p.display().to_string()),
        "ok": file.error.is_none(),
        "error": file.error,
        "years": file.years.iter().map(year_value).collect::<Vec<_>>(),
        "warnings": file
            .warnings
            .iter()
            .map(|w| json!({"code": w.code, "text": w.text}))
            .collect::<Vec<_>>(),
        "tie_out": tie_out_value(file.tie_out),
        "tie_out_total": file.tie_out.map_or(0, |log| log.total),
        "tie_out_mismatches": file.tie_out.map_or(0, |log| log.mismatches),
        "tie_out_unchecked": file.tie_out.map_or(0, |log| log.unchecked),
        "settings": file
            .settings
            .iter()
            .map(|(what, from)| json!({"what": what, "from": from}))
            .collect::<Vec<_>>(),
        "report_docx": file.report_docx.map(|p| p.display().to_string()),
    })
}

/// The whole run's JSON document, pretty-printed, from each input's object
/// ([`file_value`]); `skipped` are the files of a folder that were not
/// ledgers, with why; `summary` is the `--summary` workbook, if any.
pub fn render(files: Vec<Value>, skipped: &[(&Path, &str)], summary: Option<&Path>) -> String {
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|(input, why)| json!({"input": input.display().to_string(), "reason": why}))
        .collect();
    let document = json!({
        "files": files,
        "summary": summary.map(|p| p.display().to_string()),
        "skipped": skipped,
    });
    serde_json::to_string_pretty(&document).unwrap_or_else(|_| document.to_string())
}

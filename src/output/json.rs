//! The `--json` document: one object on stdout for the whole run.
//!
//! Shape (documented in `docs/json.md`, a contract — add fields, never rename):
//! `{"files":[{"input","output","ok","error","years":[{"year","budget_wan",
//! "monthly_share_wan","thresholds_wan","total_wan","months":[{"month","amount_wan","grade",
//! "measure","status","needed","previous_year"}],"previous_year","needed_wan","execution"}],
//! "warnings":[{"code","text"}],"tie_out":[{"what","book","jixiao","ok","status","reason"}],
//! "tie_out_total","tie_out_mismatches","tie_out_unchecked","settings":[{"what","from"}],
//! "report_docx","as_of"}]}`.

use crate::grade::GradedYear;
use crate::money::format_cents;
use crate::tieout::TieOutLog;
use crate::warnings::Warning;
use rust_decimal::Decimal;
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
    /// The day the run reported on (截至), when the file was graded.
    pub as_of: Option<crate::dates::CalendarDate>,
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

/// A ratio as a percent with two decimals: `84.67`.
fn percent_text(ratio: Decimal) -> String {
    let mut value = crate::money::round_dp(ratio * Decimal::ONE_HUNDRED, 2);
    value.rescale(2);
    if value.is_zero() {
        return "0.00".to_string();
    }
    value.to_string()
}

/// One graded year as JSON.
pub fn year_value(year: &GradedYear) -> Value {
    let ahead = crate::ahead::ahead(year);
    let months: Vec<Value> = year
        .months
        .iter()
        .map(|month| {
            // What each remaining month needs for the year to reach its budget.
            let needed = ahead
                .as_ref()
                .filter(|a| month.month >= a.first_month)
                .map(|a| format_cents(a.needed_wan));
            json!({
                "month": month.month,
                "amount_wan": format_cents(month.amount_wan),
                "grade": month.grade().map(|g| g.label()),
                "measure": month.grade().map(|g| year.rules.measure(g)),
                "status": month.status.code(),
                "needed": needed,
                "previous_year": year.previous_of(month.month).map(format_cents),
            })
        })
        .collect();
    let thresholds: Vec<Value> = year
        .rules
        .bands
        .iter()
        .map(|band| json!({"grade": band.grade.label(), "percent": band.percent.to_string(), "threshold_wan": format_cents(band.threshold_wan)}))
        .collect();
    let figures = year.execution();
    json!({
        "year": year.year,
        "budget_wan": year.rules.budget_wan.normalize().to_string(),
        "monthly_share_wan": format_cents(year.rules.monthly_share_wan),
        "thresholds_wan": thresholds,
        "total_wan": format_cents(year.total_wan),
        "months": months,
        "previous_year": year.previous.as_ref().map(|p| p.year),
        "needed_wan": ahead.as_ref().map(|a| format_cents(a.needed_wan)),
        "execution": {
            "as_at": year.execution_day().map(|d| d.to_string()),
            "cumulative_wan": format_cents(figures.cumulative_wan),
            "cumulative_percent": percent_text(figures.cumulative_rate),
            "elapsed_percent": percent_text(figures.elapsed),
            "gap_points": percent_text(figures.gap),
            "alert": crate::monitor::alert(figures.gap).code(),
        },
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
        "as_of": file.as_of.map(|d| d.to_string()),
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

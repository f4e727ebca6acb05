//! What the console says about each file: the report of a graded ledger, or
//! why one failed — over the small per-file result, never the ledger.

use crate::advice::Advice;
use crate::pipeline::Graded;
use crate::pipeline::Outcome;
use std::path::Path;

/// An error and its causes in one line, outermost first; errors of the
/// operating system and of the libraries are said in Chinese, with what to do.
pub fn error_text(error: &anyhow::Error, advice: &Advice) -> String {
    error
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => crate::messages::io_error_text(io, advice),
            None => crate::messages::library_error_text(&cause.to_string()),
        })
        .collect::<Vec<_>>()
        .join("：")
}

/// What the user reads about one file: what was detected, the grades, what was
/// left out, where the result is — or why it failed.
pub fn file_report(input: &Path, outcome: &Outcome, advice: &Advice) -> String {
    match outcome {
        Outcome::Done(graded) => format!("✔ 已生成「{}」\n\n", graded.output.display()),
        Outcome::Skipped(why) => format!("· 跳过「{}」：{why}\n\n", input.display()),
        Outcome::Failed(error) => format!(
            "✘ 「{}」未能完成：{}\n\n",
            input.display(),
            error_text(error, advice)
        ),
    }
}

/// What the user reads about a graded file: what was detected, the settings
/// used and where each came from, the grades, what was left out, where the
/// result is.
pub fn graded_report(input: &Path, graded: &Graded) -> String {
    let mut text = format!("「{}」\n", input.display());
    for (label, line) in &graded.description {
        text.push_str(&format!("  {label}：{line}\n"));
    }
    if !graded.settings_used.is_empty() {
        let used: Vec<String> = graded
            .settings_used
            .iter()
            .map(|(what, place)| format!("{what}——{place}"))
            .collect();
        text.push_str(&format!(
            "  设置：{}；其余自动识别或取默认值\n",
            used.join("；")
        ));
    }
    for year in &graded.years {
        text.push_str(&format!(
            "  年度：{}（{}）；预算收入 {} 万元\n",
            year.year, graded.year_source, year.rules.budget_wan
        ));
        let grades: Vec<String> = year
            .due_months()
            .map(|m| {
                format!(
                    "{}月 {} {}",
                    m.month,
                    crate::money::format_cents(m.amount_wan),
                    m.grade().map(|g| g.label()).unwrap_or_default()
                )
            })
            .collect();
        text.push_str(&format!("  评定：{}\n", grades.join("，")));
    }
    text.push_str(&format!(
        "  读取 {} 行：计入 {} 笔，未计入 {} 行（其中需要检查 {} 行），明细见结果中的「数据检查」和「明细」\n",
        graded.data_rows, graded.counted, graded.left_out, graded.attention,
    ));
    for (address, reason) in &graded.attention_rows {
        text.push_str(&format!("  需要检查 {address}：{reason}\n"));
    }
    if graded.attention > graded.attention_rows.len() {
        text.push_str(&format!(
            "  ……另有 {} 行需要检查，见「数据检查」\n",
            graded.attention - graded.attention_rows.len()
        ));
    }
    const MISMATCHES_SHOWN: usize = 5;
    for check in graded
        .tie_out
        .checks
        .iter()
        .filter(|c| c.is_mismatch())
        .take(MISMATCHES_SHOWN)
    {
        text.push_str(&format!("  ⚠ 勾稽不符 {}\n", check.line()));
    }
    for warning in &graded.warnings {
        text.push_str(&format!("  ⚠ {}\n", warning.text));
    }
    if let Some(note) = &graded.note {
        text.push_str(&format!("  注意：{note}\n"));
    }
    text.push_str(&format!("✔ 已生成「{}」\n", graded.output.display()));
    if let Some(draft) = &graded.report_docx {
        text.push_str(&format!(
            "✔ 已生成自评报告草稿「{}」（标黄的【请填写】处由单位补充）\n",
            draft.display()
        ));
    }
    text.push('\n');
    text
}

/// One line about one file of a batch (several ledgers dropped at once, or a
/// folder): the grades in counts and where the result is, or why it failed;
/// the full report is in the workbook's 数据检查.
pub fn one_line(input: &Path, outcome: &Outcome, advice: &Advice) -> String {
    let name = input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match outcome {
        Outcome::Done(graded) => {
            let years: Vec<String> = graded
                .years
                .iter()
                .map(|year| {
                    let counts: Vec<String> = crate::rules::Grade::ALL
                        .iter()
                        .filter_map(|grade| {
                            let months = year
                                .due_months()
                                .filter(|m| m.grade() == Some(*grade))
                                .count();
                            (months > 0).then(|| format!("{} {months} 个月", grade.label()))
                        })
                        .collect();
                    format!("{} 年 {}", year.year, counts.join("、"))
                })
                .collect();
            let mut line = format!(
                "✔ 「{name}」：{}；结果「{}」",
                years.join("；"),
                graded.output.display()
            );
            if !graded.warnings.is_empty() {
                line.push_str(&format!(
                    "（⚠ {} 条提示，见结果中的「数据检查」）",
                    graded.warnings.len()
                ));
            }
            line.push('\n');
            line
        }
        Outcome::Skipped(why) => format!("· 跳过「{name}」：{why}\n"),
        Outcome::Failed(error) => format!("✘ 「{name}」未能完成：{}\n", error_text(error, advice)),
    }
}

//! What the console says about each file: the report of a graded ledger, or
//! why one failed — over the small per-file result, never the ledger.

use crate::advice::Advice;
use crate::ledger::RowCounts;
/// Kept here for the callers that say errors on the console.
pub use crate::messages::error_text;
use crate::pipeline::Graded;
use crate::pipeline::Outcome;
use std::path::Path;

/// The console's wording of the counts.
impl RowCounts {
    /// Rows read that hold neither a counted nor a left-out amount (blank
    /// amounts, notes, titles repeated below the header).
    fn other_rows(&self) -> u64 {
        self.read
            .saturating_sub((self.counted_rows + self.left_out_rows) as u64)
    }

    /// The console's sentence, true as stated: `读取 68 行：计入 59 行，未计入 9
    /// 行` when each amount is a row; `读取 16 行：12 行计入 58 笔，4 行未计入；
    /// 计入的行中另有 20 处金额（合计等）未计入` when rows hold several.
    pub fn sentence(&self) -> String {
        let attention = if self.attention > 0 {
            format!("（其中需要检查 {} 处）", self.attention)
        } else {
            String::new()
        };
        let other = match self.other_rows() {
            0 => String::new(),
            n => format!("，{n} 行没有金额（空白或文字）"),
        };
        let one_per_row = self.counted == self.counted_rows
            && self.left_out_in_counted_rows == 0
            && self.left_out == self.left_out_rows;
        if one_per_row {
            return format!(
                "读取 {} 行：计入 {} 行，未计入 {} 行{attention}{other}",
                self.read, self.counted_rows, self.left_out_rows
            );
        }
        let mut text = format!(
            "读取 {} 行：{} 行计入 {} 笔，{} 行未计入{other}",
            self.read, self.counted_rows, self.counted, self.left_out_rows
        );
        if self.left_out_in_counted_rows > 0 {
            text.push_str(&format!(
                "；计入的行中另有 {} 处金额未计入",
                self.left_out_in_counted_rows
            ));
        }
        text.push_str(&attention);
        text
    }
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
        if let (Some(month), Some(day)) = (year.in_progress(), year.as_of) {
            text.push_str(&format!(
                "  进行中：{}月截至 {} 已支出 {} 万元，月份未结束，不评定\n",
                month.month,
                day,
                crate::money::format_cents(month.amount_wan)
            ));
        }
        if let Some(ahead) = crate::ahead::ahead(year) {
            let range = if ahead.months_left == 1 {
                format!("{}月", ahead.first_month)
            } else {
                format!("{}—12月", ahead.first_month)
            };
            text.push_str(&if ahead.past_budget() {
                format!(
                    "  后续：累计支出 {} 万元已达到全年预算，{range}的支出都将超出预算\n",
                    crate::money::format_cents(ahead.spent_wan)
                )
            } else {
                format!(
                    "  后续：{range}每月需支出 {} 万元，全年支出可达到预算\n",
                    crate::money::format_cents(ahead.needed_wan)
                )
            });
        }
    }
    text.push_str(&format!(
        "  {}，明细见结果中的「数据检查」和「明细」\n",
        graded.rows.sentence()
    ));
    for (address, reason) in &graded.attention_rows {
        text.push_str(&format!("  需要检查 {address}：{reason}\n"));
    }
    if graded.rows.attention > graded.attention_rows.len() {
        text.push_str(&format!(
            "  ……另有 {} 处需要检查，见「数据检查」\n",
            graded.rows.attention - graded.attention_rows.len()
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
            // A result kept off an input or another result of this run is
            // said here too: the `(2)` alone would not say why.
            if let Some(note) = graded
                .note
                .as_deref()
                .filter(|n| crate::write::says_run_clash(n))
            {
                line.push_str(&format!("\n  注意：{note}"));
            }
            line.push('\n');
            line
        }
        Outcome::Skipped(why) => format!("· 跳过「{name}」：{why}\n"),
        Outcome::Failed(error) => format!("✘ 「{name}」未能完成：{}\n", error_text(error, advice)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(
        read: u64,
        counted: usize,
        counted_rows: usize,
        left_out: usize,
        in_counted: usize,
        left_rows: usize,
    ) -> RowCounts {
        RowCounts {
            read,
            counted,
            counted_rows,
            left_out,
            left_out_in_counted_rows: in_counted,
            left_out_rows: left_rows,
            attention: 0,
        }
    }

    #[test]
    fn a_ledger_of_one_amount_a_row_says_rows_that_add_up() {
        let text = counts(68, 59, 59, 9, 0, 9).sentence();
        assert_eq!(text, "读取 68 行：计入 59 行，未计入 9 行");
    }

    #[test]
    fn rows_without_an_amount_are_counted_so_the_sentence_adds_up() {
        let text = counts(13, 8, 8, 1, 0, 1).sentence();
        assert_eq!(
            text,
            "读取 13 行：计入 8 行，未计入 1 行，4 行没有金额（空白或文字）"
        );
    }

    #[test]
    fn a_table_with_months_across_says_rows_and_amounts_apart() {
        // 16 rows: 15 hold the 58 monthly amounts (and a 合计 cell each), one is a total row.
        let text = counts(16, 58, 15, 39, 15, 1).sentence();
        assert_eq!(
            text,
            "读取 16 行：15 行计入 58 笔，1 行未计入；计入的行中另有 15 处金额未计入"
        );
    }

    #[test]
    fn cells_to_check_are_counted_as_places() {
        let mut rows = counts(10, 8, 8, 2, 0, 2);
        rows.attention = 2;
        assert_eq!(
            rows.sentence(),
            "读取 10 行：计入 8 行，未计入 2 行（其中需要检查 2 处）"
        );
    }
}

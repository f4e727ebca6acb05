//! The 部门整体支出绩效自评报告 draft: `<stem>_绩效自评报告.docx` beside the
//! workbook, in the seed's structure (一、部门基本情况 … 七、其他需说明的情况),
//! every figure taken from the graded year; what only the department knows
//! comes from the settings' `[department]` section, else a highlighted
//! 【请填写：…】 placeholder — never invented.

use crate::breakdown::Breakdown;
use crate::grade::GradedYear;
use crate::settings::Settings;
use crate::warnings::Warning;
use anyhow::{Context, Result};

mod docx;
mod page;
mod text;

/// Everything the draft says, all of it already computed.
pub struct DraftInput<'a> {
    /// The unit's name (from the settings, else the ledger); empty when
    /// neither names it, and the draft then asks for it.
    pub department: &'a str,
    /// The graded years, oldest first; the draft reports on the latest.
    pub years: &'a [GradedYear],
    /// The latest year's budget breakdown, when the settings give one.
    pub breakdown: Option<&'a Breakdown>,
    /// The settings: the `[department]` fields and where the budget came from.
    pub settings: &'a Settings,
    /// What a person should look at before trusting the figures.
    pub warnings: &'a [Warning],
    /// The 综合评价结论's opening caveat when the tie-out failed.
    pub caveat: Option<&'a str>,
    /// The counted spending jixiao could not classify, when there is any.
    pub unclassified: Option<&'a Unclassified>,
}

/// The counted lines left 未归类支出: a problem for 四、存在的问题.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unclassified {
    /// How many lines.
    pub count: usize,
    /// Their sum in 元.
    pub sum_yuan: rust_decimal::Decimal,
    /// The largest of them, largest first.
    pub largest: Vec<crate::report::check_sheet::UnclassifiedLine>,
}

/// The draft as the bytes of a .docx file.
///
/// # Errors
/// When the document cannot be put together.
pub fn build(input: &DraftInput<'_>) -> Result<Vec<u8>> {
    let year = input
        .years
        .iter()
        .max_by_key(|y| y.year)
        .context("没有评定的年度，无法生成自评报告草稿")?;
    docx::render(&text::blocks(input, year), year.year)
}

/// The draft's file name beside the workbook: `<stem>_绩效自评报告.docx`.
pub fn file_name(stem: &str) -> String {
    format!("{stem}_绩效自评报告.docx")
}

#[cfg(test)]
mod tests;

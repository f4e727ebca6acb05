//! Samples shaped like hand-kept and platform books (totals in any column, wordless
//! subtotals, 承前页/过次页, closing entries, HTML with rowspan, a book spanning two years).

use crate::samples::SampleWriter;

/// This module's samples, each with the function that writes it.
pub fn samples() -> Vec<SampleWriter> {
    vec![]
}

//! Samples shaped like software exports (多栏账, 科目余额表, months across by economic
//! classification, monthly progress reports), each giving the seed's 2017 months.

use crate::samples::SampleWriter;

/// This module's samples, each with the function that writes it.
pub fn samples() -> Vec<SampleWriter> {
    vec![]
}

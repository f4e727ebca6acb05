//! What only the sources together can break, checked once they are laid
//! over each other: the bands, each source's and the seed's for the rest,
//! must fall strictly from 优秀 to 及格.

use super::super::Settings;
use crate::rules::Grade;
use anyhow::{bail, Result};

impl Settings {
    /// Checks what only the sources together can break: the bands, each
    /// source's and the seed's for the rest, must fall strictly from 优秀 to 及格.
    ///
    /// # Errors
    /// Names the bands out of order and where each was written.
    pub fn check(&self) -> Result<()> {
        let percents = self.percents();
        let grades = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Pass];
        for i in 0..3 {
            if percents[i] <= percents[i + 1] {
                let said = |i: usize| {
                    let grade = grades[i];
                    match self.bands.get(&grade) {
                        Some(band) => {
                            format!("{} {}（{}）", grade.label(), percents[i], band.place.at())
                        }
                        None => format!("{} {}（默认）", grade.label(), percents[i]),
                    }
                };
                bail!(
                    "绩效评定标准应从优秀到及格依次减小（如 90、80、70、60），现在 {} 不大于 {}：请改正",
                    said(i),
                    said(i + 1)
                );
            }
        }
        Ok(())
    }
}

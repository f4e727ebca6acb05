//! jixiao（绩效）: grades a government department's monthly spending against its
//! budget, as the finance bureau's 部门整体支出绩效自评 asks.
//!
//! Data flows one way through plain types:
//! `read` (calamine) → [`layout`] → [`ledger::Ledger`] → [`totals::MonthlyTotals`]
//! → [`grade::GradedYear`] (with [`rules::Rules`]) → [`analysis`] → [`report`]
//! (the workbook), with [`batch`] the only module that writes files.
//!
//! Around it: [`cli`] turns the arguments into [`settings::Settings`] (the one
//! value every source — flags, 参数 sheet, `jixiao.toml` — goes through);
//! [`run`] runs the inputs; [`pipeline`] turns one ledger into a small
//! [`pipeline::Graded`]; [`output`] shows those (console, `--json`, the
//! bureau's summary); [`draft`] writes the 自评报告 draft beside the workbook.

// Tests may unwrap: a failed unwrap there is a failed test, not a crash for a user.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod advice;
pub mod ahead;
pub mod analysis;
pub mod as_of;
pub mod batch;
pub mod breakdown;
pub mod budget;
pub mod checks;
pub mod classify;
pub mod cli;
pub mod console;
pub mod dates;
pub mod draft;
pub mod grade;
pub mod ledger;
/// Layout detection lives with the ledger it reads; this path is kept for callers.
pub use ledger::layout;
pub mod messages;
pub mod money;
pub mod monitor;
pub mod output;
pub mod pipeline;
pub mod plausibility;
pub mod progress;
pub mod read;
pub mod report;
pub mod rules;
pub mod run;
pub mod settings;
pub mod supervisor;
/// The tie-out lives with the ledger it checks; this path is kept for callers.
pub use ledger::tieout;
pub mod totals;
pub mod xml_text;
pub mod year_on_year;

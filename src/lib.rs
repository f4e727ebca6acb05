//! jixiao（绩效）: grades a government department's monthly spending against its
//! budget, as the finance bureau's 部门整体支出绩效自评 asks.
//!
//! Data flows one way through plain types; each module below keeps one rule
//! (docs/architecture.md has the whole map):
//!
//! - **Reading**: [`read`] opens a workbook or text table (calamine, guarded,
//!   streamed) → [`ledger`] finds each sheet's layout ([`layout`]), parses its
//!   rows, ties out against the book's own totals ([`tieout`]) and keeps the
//!   counted entries: a [`ledger::Ledger`]. [`classify`] says which economic item
//!   a line is; [`dates`] and [`money`] read what cells hold.
//! - **Figures**: [`totals`] sums per month → [`grade`] grades the months by
//!   [`rules`] (with [`budget`], [`breakdown`], [`as_of`] for the month in
//!   progress, [`ahead`] for what the rest of the year needs, [`year_on_year`]
//!   for 上年同期, [`monitor`] for the bureau's marks, [`plausibility`] for a
//!   budget that cannot be meant) → [`warnings`] says what to look at →
//!   [`analysis`] writes the words.
//! - **Results**: [`report`] plans the workbook, [`draft`] the 自评报告, and
//!   [`write`] is the only module that writes files (atomically, never over an
//!   input); [`xml_text`] keeps every written file valid.
//! - **Running**: [`cli`] turns the arguments into [`settings::Settings`] (the
//!   one value flags, the 参数 sheet and `jixiao.toml` go through, with
//!   [`advice`] for how a fix is said); [`batch`] runs the inputs (one or many);
//!   [`supervisor`] grades each in a worker process under caps; [`pipeline`]
//!   turns one ledger into a small [`pipeline::Graded`]; [`output`] shows the
//!   results (console text, `--json`, the bureau's summary); [`terminal`] is
//!   the console window itself, [`progress`] its progress line, [`messages`]
//!   the Chinese for system and library errors.

// Tests may unwrap: a failed unwrap there is a failed test, not a crash for a user.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod advice;
pub mod ahead;
pub mod analysis;
pub mod as_of;
pub mod batch;
pub mod breakdown;
pub mod budget;
pub mod classify;
pub mod cli;
pub mod dates;
pub mod draft;
pub mod grade;
pub mod ledger;
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
pub mod settings;
pub mod supervisor;
pub mod terminal;
pub mod totals;
pub mod warnings;
pub mod write;
pub mod xml_text;
pub mod year_on_year;

/// Layout detection lives with the ledger it reads; this path is kept for callers.
pub use ledger::layout;
/// The tie-out lives with the ledger it checks; this path is kept for callers.
pub use ledger::tieout;

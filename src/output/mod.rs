//! What a run shows, over the small per-file results: the console text, the
//! `--json` document and the bureau's summary.

pub mod bureau;
pub mod console;
pub mod json;

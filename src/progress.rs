//! Progress of long inputs on an interactive terminal: a running count of rows
//! read and written, redrawn on one line. Off unless turned on (the CLI turns
//! it on when stderr is a terminal and one file is processed), so scripts,
//! pipes and tests never see it.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(false);
/// The expected number of rows of the current stage, 0 when unknown.
static TOTAL: AtomicU64 = AtomicU64::new(0);

/// Sets the expected rows of the next stage (0: unknown, a counter is shown instead of a bar).
pub fn expect(total: u64) {
    TOTAL.store(total, Ordering::Relaxed);
}

/// How many rows pass between two redraws.
pub const EVERY: u64 = 20_000;

/// Turns progress output on or off.
pub fn enable(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// True when progress is shown.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// The line shown for `count` of `total` rows of `stage` (`读取`, `写入明细`):
/// a bar when the total is known, else a running count.
pub fn line(stage: &str, count: u64, total: u64) -> String {
    let digits = count.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if total == 0 {
        return format!("\r  {stage}：{grouped} 行…");
    }
    let done = (count.min(total) * 20 / total) as usize;
    let percent = count.min(total) * 100 / total;
    format!(
        "\r  {stage} [{}{}] {percent:>3}%  {grouped} 行",
        "#".repeat(done),
        "-".repeat(20 - done)
    )
}

/// Reports that `count` rows of `stage` are done; redraws every [`EVERY`] rows.
pub fn tick(stage: &str, count: u64) {
    if enabled() && count > 0 && count.is_multiple_of(EVERY) {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "{}",
            line(stage, count, TOTAL.load(Ordering::Relaxed))
        );
        let _ = stderr.flush();
    }
}

/// Clears the progress line.
pub fn clear() {
    if enabled() {
        let _ = write!(std::io::stderr().lock(), "\r{:60}\r", "");
    }
}

#[cfg(test)]
mod tests;

//! Progress of long inputs on an interactive terminal: a running count of rows
//! read and written, redrawn on one line. Off unless turned on (the CLI turns
//! it on when stderr is a terminal and one file is processed), so scripts,
//! pipes and tests never see it.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Where the progress line goes instead of stderr (a worker sends it to its
/// supervisor, which draws it).
static SINK: std::sync::OnceLock<fn(&str)> = std::sync::OnceLock::new();

/// Sends every progress line of this process to `sink` from now on. A second
/// call is ignored.
pub fn draw_through(sink: fn(&str)) {
    let _ = SINK.set(sink);
}

/// Draws `text` on the progress line: through the sink, or on stderr.
pub fn draw(text: &str) {
    if let Some(sink) = SINK.get() {
        sink(text);
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "{text}");
    let _ = stderr.flush();
}

/// A handle to the progress line, passed down to what reads and writes rows.
/// Off by default ([`Progress::off`]); clones share one line.
#[derive(Debug, Clone, Default)]
pub struct Progress(Option<Arc<AtomicU64>>);

impl Progress {
    /// No progress shown (scripts, pipes, batches, tests).
    pub fn off() -> Self {
        Self(None)
    }

    /// Progress drawn on stderr.
    pub fn on_terminal() -> Self {
        Self(Some(Arc::new(AtomicU64::new(0))))
    }

    /// True when progress is shown.
    pub fn enabled(&self) -> bool {
        self.0.is_some()
    }

    /// Sets the expected rows of the next stage (0: unknown, a counter is shown instead of a bar).
    pub fn set_total(&self, total: u64) {
        if let Some(expected) = &self.0 {
            expected.store(total, Ordering::Relaxed);
        }
    }

    /// Reports that `count` rows of `stage` are done; redraws every [`EVERY`] rows.
    pub fn tick(&self, stage: &str, count: u64) {
        let Some(expected) = &self.0 else {
            return;
        };
        if count > 0 && count.is_multiple_of(EVERY) {
            draw(&line(stage, count, expected.load(Ordering::Relaxed)));
        }
    }

    /// Clears the progress line.
    pub fn clear(&self) {
        if self.enabled() {
            draw(&format!("\r{:60}\r", ""));
        }
    }
}

/// How many rows pass between two redraws.
pub const EVERY: u64 = 20_000;

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

#[cfg(test)]
mod tests;

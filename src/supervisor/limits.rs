//! How long and how much memory one ledger's worker may take. By default the
//! caps grow with the file: a small hostile file is stopped well inside 30 s
//! and 512 MiB, while a genuine million-row ledger on a slow PC never meets
//! them. `--time-limit` / `--memory-limit`, or `time-limit` / `memory-limit`
//! in a jixiao.toml, set them (0: no cap) — never the ledger's own 参数
//! sheet: a file must not lift the caps that hold it.

use anyhow::{anyhow, Result};
use std::path::Path;
use std::time::Duration;
use toml::de::{DeTable, DeValue};

/// Time allowed for any ledger, before its size adds to it.
pub const BASE_TIME: Duration = Duration::from_secs(15);
/// Time added per MiB of the file (a million-row ledger of about 40 MiB reads
/// in about 13 s here: five times that is allowed).
pub const TIME_PER_MIB: Duration = Duration::from_secs(2);
/// How much longer an unoptimised (debug, test) build takes than a release:
/// its caps by size allow that much more time, so that the test suite's large
/// ledgers are not stopped on a slow machine. 1 in a release build.
const UNOPTIMISED_SLOWDOWN: u32 = if cfg!(debug_assertions) { 10 } else { 1 };

/// Memory allowed for any ledger, before its size adds to it.
pub const BASE_MEMORY: u64 = 448 << 20;
/// Memory added per byte of the file.
pub const MEMORY_PER_BYTE: u64 = 8;

/// One cap as set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cap {
    /// Grows with the file (the default).
    #[default]
    BySize,
    /// This many seconds, or MiB.
    Fixed(u64),
    /// No cap (`0`).
    Off,
}

/// The two caps as set for a run or a file, and where each was set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// The time cap, and where it was set.
    pub time: (Cap, Option<String>),
    /// The memory cap, and where it was set.
    pub memory: (Cap, Option<String>),
}

/// The caps one worker runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Wall-clock time, `None` for no cap.
    pub time: Option<Duration>,
    /// Memory in bytes, `None` for no cap.
    pub memory: Option<u64>,
}

/// The setting's names: flag, jixiao.toml key, unit and range.
struct Setting {
    flag: &'static str,
    key: &'static str,
    unit: &'static str,
    least: u64,
    most: u64,
}

const TIME: Setting = Setting {
    flag: "--time-limit",
    key: "time-limit",
    unit: "秒",
    least: 1,
    most: 86_400,
};

const MEMORY: Setting = Setting {
    flag: "--memory-limit",
    key: "memory-limit",
    unit: "MiB",
    least: 64,
    most: 1 << 20,
};

impl Setting {
    /// A value as written: a whole number in range, or 0 for no cap.
    fn cap(&self, text: &str) -> Result<Cap, String> {
        let text = text.trim();
        let value: u64 = text.parse().map_err(|_| {
            format!(
                "“{text}”不是整数：应写{}数，如 {} 600；写 0 表示不限",
                self.unit, self.flag
            )
        })?;
        match value {
            0 => Ok(Cap::Off),
            v if (self.least..=self.most).contains(&v) => Ok(Cap::Fixed(v)),
            v => Err(format!(
                "{v} {}超出范围：应在 {} 至 {} {} 之间，写 0 表示不限",
                self.unit, self.least, self.most, self.unit
            )),
        }
    }
}

impl Limits {
    /// The caps given as flags (either may be absent).
    ///
    /// # Errors
    /// A Chinese message naming the flag, for a value that is not a whole
    /// number in range.
    pub fn from_flags(time: Option<&str>, memory: Option<&str>) -> Result<Self> {
        let mut limits = Self::default();
        for (text, setting, slot) in [
            (time, &TIME, &mut limits.time),
            (memory, &MEMORY, &mut limits.memory),
        ] {
            if let Some(text) = text {
                let cap = setting
                    .cap(text)
                    .map_err(|why| anyhow!("{} {why}", setting.flag))?;
                *slot = (cap, Some(format!("由 {} 参数指定", setting.flag)));
            }
        }
        Ok(limits)
    }

    /// These caps, with what is not set here taken from the jixiao.toml
    /// files that apply to `input` (the one beside it first, then the one
    /// beside jixiao.exe).
    ///
    /// # Errors
    /// A Chinese message naming the file and line of a value that is not a
    /// whole number in range.
    pub fn for_input(&self, input: &Path, exe_dir: Option<&Path>) -> Result<Self> {
        let mut limits = self.clone();
        if limits.time.1.is_some() && limits.memory.1.is_some() {
            return Ok(limits);
        }
        for (path, _) in crate::pipeline::settings_files(input, exe_dir) {
            if limits.time.1.is_some() && limits.memory.1.is_some() {
                break;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                // Unreadable: the worker says so, with the settings it reads.
                continue;
            };
            let text = crate::read::text::decode_settings_text(&bytes);
            // A file TOML cannot read gives no caps here: the worker reports
            // it with the other settings.
            let Ok(table) = DeTable::parse(&text) else {
                continue;
            };
            for (setting, slot) in [(&TIME, &mut limits.time), (&MEMORY, &mut limits.memory)] {
                if slot.1.is_some() {
                    continue;
                }
                if let Some((line, value)) = toml_value(table.get_ref(), &text, setting.key) {
                    let cap = setting.cap(&value).map_err(|why| {
                        anyhow!(
                            "设置文件「{}」第 {line} 行 {}：{why}",
                            path.display(),
                            setting.key
                        )
                    })?;
                    *slot = (cap, Some(format!("来自「{}」第 {line} 行", path.display())));
                }
            }
        }
        Ok(limits)
    }

    /// The caps for a file of `size` bytes.
    pub fn caps(&self, size: u64) -> Caps {
        let mib = size.div_ceil(1 << 20);
        Caps {
            time: match self.time.0 {
                Cap::BySize => Some(
                    (BASE_TIME
                        + TIME_PER_MIB.saturating_mul(u32::try_from(mib).unwrap_or(u32::MAX)))
                    .saturating_mul(UNOPTIMISED_SLOWDOWN),
                ),
                Cap::Fixed(seconds) => Some(Duration::from_secs(seconds)),
                Cap::Off => None,
            },
            memory: match self.memory.0 {
                Cap::BySize => {
                    Some(BASE_MEMORY.saturating_add(size.saturating_mul(MEMORY_PER_BYTE)))
                }
                Cap::Fixed(mib) => Some(mib.saturating_mul(1 << 20)),
                Cap::Off => None,
            },
        }
    }
}

/// The line and value of a top-level `key` (`_` and `-` alike, any case) of
/// a jixiao.toml's `table`, read from `text`, when written.
fn toml_value(table: &DeTable<'_>, text: &str, key: &str) -> Option<(usize, String)> {
    let (name, value) = table
        .iter()
        .find(|(name, _)| name.get_ref().trim().to_ascii_lowercase().replace('_', "-") == key)?;
    let line = text
        .get(..name.span().start)
        .map_or(1, |before| before.matches('\n').count() + 1);
    let value = match value.get_ref() {
        DeValue::Integer(number) => number.as_str().to_string(),
        DeValue::String(text) => text.to_string(),
        DeValue::Float(number) => number.as_str().to_string(),
        DeValue::Boolean(flag) => flag.to_string(),
        _ => "（一个小节或列表）".to_string(),
    };
    Some((line, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_default_the_caps_grow_with_the_file() {
        let caps = Limits::default().caps(1_400_000);
        // A 1.4 MB file: stopped well inside 30 s and 512 MiB.
        assert_eq!(
            caps.time,
            Some(Duration::from_secs(19) * UNOPTIMISED_SLOWDOWN)
        );
        assert!(caps.memory.is_some_and(|m| m < 470 << 20));
        // A 40 MiB million-row ledger: far more than it needs (13 s, 62 MiB here).
        let big = Limits::default().caps(40 << 20);
        assert_eq!(
            big.time,
            Some(Duration::from_secs(95) * UNOPTIMISED_SLOWDOWN)
        );
        assert!(big.memory.is_some_and(|m| m > 700 << 20));
    }

    #[test]
    fn flags_set_or_lift_the_caps_and_bad_values_are_named() {
        let limits = Limits::from_flags(Some("600"), Some("0")).expect("valid flags");
        let caps = limits.caps(10);
        assert_eq!(caps.time, Some(Duration::from_secs(600)));
        assert_eq!(caps.memory, None);
        let error = Limits::from_flags(None, Some("32")).expect_err("32 MiB is too little");
        assert!(
            error.to_string().contains("--memory-limit 32 MiB超出范围"),
            "{error}"
        );
        let error = Limits::from_flags(Some("十秒"), None).expect_err("not a number");
        assert!(
            error.to_string().contains("--time-limit “十秒”不是整数"),
            "{error}"
        );
    }

    /// The caps' names here are the settings table's rows for them (flag,
    /// jixiao.toml key, refused from 参数): the README and the template come
    /// from that table.
    #[test]
    fn the_caps_are_named_as_the_settings_table_names_them() {
        use crate::settings::spec::{Sheet, Toml};
        for setting in [&TIME, &MEMORY] {
            let row = crate::settings::SETTINGS
                .iter()
                .find(|row| matches!(row.toml, Toml::Supervisor(name) if name == setting.key))
                .unwrap_or_else(|| panic!("a table row for {}", setting.key));
            assert!(row.flags.iter().any(|flag| flag.name == setting.flag));
            assert!(matches!(row.sheet, Sheet::Refused(_)), "{}", setting.key);
        }
    }

    #[test]
    fn a_settings_file_sets_what_the_flags_did_not() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let ledger = dir.path().join("台账.xlsx");
        std::fs::write(
            dir.path().join("jixiao.toml"),
            "year = 2017\ntime_limit = 120\nmemory-limit = 1024\n",
        )
        .expect("write the settings");
        let flags = Limits::from_flags(None, Some("2048")).expect("valid flag");
        let limits = flags.for_input(&ledger, None).expect("valid settings");
        assert_eq!(limits.time.0, Cap::Fixed(120));
        assert!(limits
            .time
            .1
            .as_deref()
            .is_some_and(|s| s.contains("第 2 行")));
        // The flag wins over the file.
        assert_eq!(limits.memory.0, Cap::Fixed(2048));
        std::fs::write(dir.path().join("jixiao.toml"), "\n\ntime-limit = -5\n")
            .expect("write the settings");
        let error = Limits::default()
            .for_input(&ledger, None)
            .expect_err("a negative time");
        assert!(error.to_string().contains("第 3 行 time-limit"), "{error}");
    }
}

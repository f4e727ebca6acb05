//! How a message tells the person in front of jixiao to fix something.
//!
//! From a terminal the fix is a flag (`--year 2017`). Started by a drop on
//! jixiao.exe (no flags at all), there is nowhere to type one: the fix is the
//! line to write in `jixiao.toml` (`year = 2017`) and where that file is.

use std::path::PathBuf;

/// Which way fixes are said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Advice {
    /// Say the flag (a terminal, a script).
    #[default]
    Flags,
    /// Say the line to write in this `jixiao.toml` (a drop on the exe).
    SettingsFile(PathBuf),
}

impl Advice {
    /// From a terminal `flag` as written (`用 --year 2017`); after a drop,
    /// `在设置文件「D:\账\jixiao.toml」中写一行 year = 2017` for `line`
    /// (`year = 2017`). Both say the same setting, each in its own way.
    pub fn how(&self, flag: &str, line: &str) -> String {
        match self {
            Advice::Flags => flag.to_string(),
            Advice::SettingsFile(path) => {
                format!("在设置文件「{}」中写一行 {line}", path.display())
            }
        }
    }

    /// True after a drop: fixes are lines of the settings file.
    pub fn is_drop(&self) -> bool {
        matches!(self, Advice::SettingsFile(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_is_told_the_flag_and_a_drop_the_line_and_the_file() {
        assert_eq!(
            Advice::Flags.how("用 --year 2017", "year = 2017"),
            "用 --year 2017"
        );
        let dropped = Advice::SettingsFile(PathBuf::from("D:/账/jixiao.toml"));
        let said = dropped.how("用 --year 2017", "year = 2017");
        assert!(
            said.contains("D:/账/jixiao.toml") && said.contains("year = 2017"),
            "{said}"
        );
        assert!(!said.contains("--"), "{said}");
    }
}

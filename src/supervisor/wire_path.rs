//! A path as it crosses the pipe between the supervisor and a worker: as
//! text when it is Unicode, as raw code units when not, so that a file name
//! in any encoding arrives as it was.

use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A path, lossless across the pipe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum WirePath {
    /// A path that is valid Unicode (nearly every one).
    Text(String),
    /// Any other: its bytes (Unix) or UTF-16 code units (Windows).
    Raw(Vec<u32>),
}

impl WirePath {
    /// The path as it crosses the pipe.
    pub fn from_path(path: &Path) -> Self {
        Self::from_os(path.as_os_str().to_os_string())
    }

    /// Any OS string (a command-line argument) as it crosses the pipe.
    pub fn from_os(text: OsString) -> Self {
        match text.into_string() {
            Ok(text) => Self::Text(text),
            Err(raw) => Self::Raw(raw_units(&raw)),
        }
    }

    /// The OS string it stands for.
    pub fn to_os(&self) -> OsString {
        match self {
            Self::Text(text) => OsString::from(text),
            Self::Raw(units) => from_raw_units(units),
        }
    }

    /// The path it stands for.
    pub fn to_path(&self) -> PathBuf {
        PathBuf::from(self.to_os())
    }
}

#[cfg(unix)]
fn raw_units(text: &std::ffi::OsStr) -> Vec<u32> {
    use std::os::unix::ffi::OsStrExt;
    text.as_bytes().iter().map(|b| u32::from(*b)).collect()
}

#[cfg(unix)]
fn from_raw_units(units: &[u32]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(units.iter().map(|u| (*u & 0xFF) as u8).collect())
}

#[cfg(windows)]
fn raw_units(text: &std::ffi::OsStr) -> Vec<u32> {
    use std::os::windows::ffi::OsStrExt;
    text.encode_wide().map(u32::from).collect()
}

#[cfg(windows)]
fn from_raw_units(units: &[u32]) -> OsString {
    use std::os::windows::ffi::OsStringExt;
    let wide: Vec<u16> = units.iter().map(|u| (*u & 0xFFFF) as u16).collect();
    OsString::from_wide(&wide)
}

#[cfg(not(any(unix, windows)))]
fn raw_units(text: &std::ffi::OsStr) -> Vec<u32> {
    text.to_string_lossy().chars().map(u32::from).collect()
}

#[cfg(not(any(unix, windows)))]
fn from_raw_units(units: &[u32]) -> OsString {
    units
        .iter()
        .filter_map(|u| char::from_u32(*u))
        .collect::<String>()
        .into()
}

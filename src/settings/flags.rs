//! Command-line flags → [`RawSetting`]s, each with its flag: every flag of the
//! settings table that is read into [`Settings`](super::Settings), in the
//! table's order. Which flags there are and their help are clap's
//! (`crate::cli`); what each one is, is the table's.

use super::spec::{FlagForm, Keys};
use super::{table, FlagError, Key, Place, RawSetting, RawValue};
use crate::rules::Grade;
use anyhow::Result;

/// The settings given as flags, before they are checked. `typed(flag)` gives
/// what was typed after one flag of the table (`--budget`), each time it was
/// given, in order; for a switch, one (empty) text when it is on.
///
/// # Errors
/// A `等级=值` flag (`--band`, `--measure`) that names no grade, or a band for
/// 差: a [`FlagError`] naming the flag.
pub fn from_flags(typed: impl Fn(&str) -> Vec<String>) -> Result<Vec<RawSetting>> {
    let mut raws = Vec::new();
    for (spec, flag) in table::setting_flags() {
        for written in typed(flag.name) {
            let (key, value) = match (flag.form, spec.key.plain()) {
                (FlagForm::Graded, _) => graded(&spec.key, flag.name, &written)?,
                (FlagForm::Switch(on), Some(key)) => (key, RawValue::Bool(on)),
                (FlagForm::Value | FlagForm::Values, Some(key)) => (key, RawValue::Text(written)),
                // The table's tests keep every flag read here to a row with a plain key.
                _ => continue,
            };
            raws.push(RawSetting {
                key,
                value,
                place: Place::Flag(flag.name),
            });
        }
    }
    Ok(raws)
}

/// `--band 优秀=95` → the band of 优秀, `"95"`; `--measure 差=约谈` → the
/// measure of 差, `"约谈"`.
fn graded(keys: &Keys, flag: &'static str, written: &str) -> Result<(Key, RawValue)> {
    let (name, value) = written.split_once(['=', ':', '：']).ok_or_else(|| {
        flag_error(
            flag,
            format!("命令行参数 {flag}：“{written}”应写成 等级=值，如 {flag} 优秀=90"),
        )
    })?;
    let grade = Grade::ALL
        .into_iter()
        .find(|g| g.label() == name.trim())
        .ok_or_else(|| {
            flag_error(
                flag,
                format!(
                    "命令行参数 {flag}：等级只能是 优秀、良好、中等、及格、差，不是“{}”",
                    name.trim()
                ),
            )
        })?;
    let key = match keys {
        Keys::Band if grade == Grade::Poor => {
            return Err(flag_error(
                flag,
                format!(
                "命令行参数 {flag}：“差”没有标准（低于及格即为差），请写 优秀、良好、中等 或 及格"
            ),
            ))
        }
        Keys::Band => Key::Band(grade),
        // The table gives `等级=值` flags to the bands and the measures only.
        _ => Key::Measure(grade),
    };
    Ok((key, RawValue::Text(value.trim().to_string())))
}

/// An error about one flag, which the console shows with the flag's usage.
fn flag_error(flag: &'static str, text: String) -> anyhow::Error {
    anyhow::Error::new(FlagError { flag, text })
}

//! A `参数` sheet (名称 | 值) → [`RawSetting`]s, each with its cell.
//!
//! Names are matched exactly (after dropping spaces and a bracketed unit such
//! as `（万元）`) against each setting's names in the settings table
//! ([`super::table`]), so that a note such as `预算年度 | 2017` or
//! `科目说明 | …` is never read as a budget or an account filter. Notes (说明, 备注, 填表人 …) and a heading row are passed over; any
//! other name is refused with the names jixiao knows.

use super::names::{compact, normal_key};
use super::{table, Key, Place, RawSetting, RawValue, SHEET_NAME};
use crate::read::cell::column_name;
use crate::read::CellValue;
use anyhow::{bail, Result};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::path::Path;

/// Rows that are notes for people, not settings.
const NOTES: [&str; 8] = [
    "说明",
    "备注",
    "填表人",
    "填表日期",
    "联系人",
    "联系电话",
    "审核人",
    "注",
];

/// Column B of a heading row.
const HEADING_VALUES: [&str; 6] = ["值", "数值", "取值", "内容", "设置值", "参数值"];

/// Reads a `参数` sheet's rows: (0-based row, the name in column A, the value
/// in column B). `file` is the ledger's file name, for messages; `folder` the
/// ledger's folder, which a relative 结果目录 is relative to. Rows without a
/// value, notes and a heading row (名称 | 值) are passed over.
///
/// # Errors
/// A name jixiao does not know, naming its cell.
pub fn from_sheet(
    rows: &[(u32, String, CellValue)],
    file: &str,
    folder: &Path,
) -> Result<Vec<RawSetting>> {
    let mut settings = Vec::new();
    for (row, name, value_cell) in rows {
        let name = name.trim();
        let Some(value) = raw(value_cell) else {
            continue;
        };
        let heading = matches!(&value, RawValue::Text(t) if HEADING_VALUES.contains(&t.as_str()));
        if name.is_empty() || heading || NOTES.iter().any(|note| name.starts_with(note)) {
            continue;
        }
        let place = Place::Sheet {
            file: file.to_string(),
            cell: format!("{}{}", column_name(1), u64::from(*row) + 1),
            name: name.to_string(),
            folder: folder.to_path_buf(),
        };
        // A formula with no saved result, or an error value, is no value to
        // read: said as what it is, not as a value of the wrong form.
        match value_cell {
            CellValue::FormulaWithoutValue(formula) => bail!(
                "{}：是公式「={}」，但文件里没有保存它的计算结果（文件由程序生成、没有在 Excel 中打开保存过）。请在 Excel 或 WPS 中打开台账保存一次，或在这个单元格里直接写值",
                place.at(),
                formula.trim_start_matches('=')
            ),
            CellValue::Error(error) => bail!(
                "{}：是错误值 {error}（公式算不出结果）。请改正这个单元格的公式，或直接写值",
                place.at()
            ),
            _ => {}
        }
        if is_cap_name(name) {
            bail!(
                "{}：用时和内存的上限不能由台账自己放宽（它们防止异常文件拖住整批），请写在 jixiao.toml（time-limit = 600、memory-limit = 2048）或命令行（--time-limit、--memory-limit），并删去这一行",
                place.at()
            );
        }
        let Some(key) = key_named(name) else {
            bail!(
                "{}：不认识这个设置项。「{SHEET_NAME}」工作表 A 列可以写：{}；给人看的文字请写在“说明”或“备注”行",
                place.at(),
                table::sheet_names()
            );
        };
        settings.push(RawSetting { key, value, place });
    }
    Ok(settings)
}

/// The `参数` name as compared, and as a `jixiao.toml` key (`Header_Row` →
/// `header-row`).
fn compared(name: &str) -> (String, String) {
    let compact = compact(name);
    let english = normal_key(&compact);
    (compact, english)
}

/// True for a name of the supervisor's caps (`time-limit`, `用时上限` …),
/// which a ledger may not set for itself.
fn is_cap_name(name: &str) -> bool {
    let (compact, english) = compared(name);
    table::is_refused_in_sheet(&compact, &english)
}

/// The setting a name in column A stands for (Chinese as the template's
/// comments say it, or the `jixiao.toml` key).
pub(super) fn key_named(name: &str) -> Option<Key> {
    let (compact, english) = compared(name);
    table::by_sheet_name(&compact, &english)
}

/// A cell as a raw value; `None` for an empty cell.
fn raw(value: &CellValue) -> Option<RawValue> {
    match value {
        CellValue::Empty => None,
        CellValue::Text(text) if text.trim().is_empty() => None,
        CellValue::Text(text) => Some(RawValue::Text(text.trim().to_string())),
        CellValue::Number(number) => Some(
            Decimal::from_f64(*number)
                .map(|n| crate::money::round_dp(n, 6).normalize())
                .map_or_else(|| RawValue::Text(number.to_string()), RawValue::Number),
        ),
        CellValue::Bool(flag) => Some(RawValue::Bool(*flag)),
        other => Some(RawValue::Text(other.display())),
    }
}

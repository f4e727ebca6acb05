//! A `参数` sheet (名称 | 值) → [`RawSetting`]s, each with its cell.

use super::{DepartmentField, Key, Place, RawSetting, RawValue, SHEET_NAME};
use crate::read::cell::column_name;
use crate::read::CellValue;
use crate::rules::Grade;
use anyhow::{bail, Result};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;

/// The names a 参数 sheet may use, for messages.
const NAMES: &str = "预算（或 2017年预算）、年度、金额单位、工作表、表头行、日期列、金额列、科目、优秀/良好/中等/及格（百分数）、优秀整改办法 …、序时进度、分项:名称、结果目录、覆盖、自评报告、单位名称、主要职能、机构情况、人员情况、预算管理制度建设情况、其他需说明的情况";

/// Reads a `参数` sheet's rows: (0-based row, the name in column A, the value
/// in column B). `file` is the ledger's file name, for messages. Rows without
/// a value, and a heading row (名称 | 值), are passed over.
///
/// # Errors
/// A name jixiao does not know, naming its cell.
pub fn from_sheet(rows: &[(u32, String, CellValue)], file: &str) -> Result<Vec<RawSetting>> {
    let mut settings = Vec::new();
    for (row, name, value) in rows {
        let name = name.trim();
        let Some(value) = raw(value) else {
            continue;
        };
        if name.is_empty() || matches!(name, "名称" | "项目" | "参数" | "设置项" | "参数名称")
        {
            continue;
        }
        let place = Place::Sheet {
            file: file.to_string(),
            cell: format!("{}{}", column_name(1), u64::from(*row) + 1),
            name: name.to_string(),
        };
        let Some(key) = key_named(name) else {
            bail!(
                "{}：不认识这个设置项。「{SHEET_NAME}」工作表 A 列可以写：{NAMES}",
                place.at()
            );
        };
        settings.push(RawSetting { key, value, place });
    }
    Ok(settings)
}

/// The setting a name in column A stands for (Chinese as the template's
/// comments say it, or the `jixiao.toml` key).
fn key_named(name: &str) -> Option<Key> {
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let english = compact.to_ascii_lowercase().replace('_', "-");
    if let Some(line) = compact
        .strip_prefix("分项")
        .map(|l| l.trim_start_matches([':', '：']))
    {
        return Some(Key::Breakdown(line.to_string()));
    }
    if compact.contains("预算") || english == "budget" {
        return Some(Key::Budget(crate::dates::find_year_in_text(&compact)));
    }
    if compact.contains("序时进度") || english == "progress" {
        return Some(Key::Progress);
    }
    if let Some(grade) = Grade::ALL
        .into_iter()
        .find(|g| compact.starts_with(g.label()))
    {
        if compact.contains("整改") {
            return Some(Key::Measure(grade));
        }
        return (grade != Grade::Poor).then_some(Key::Band(grade));
    }
    let key = match english.as_str() {
        "year" => Key::Year,
        "unit" => Key::Unit,
        "sheet" => Key::Sheet,
        "header-row" => Key::HeaderRow,
        "date-col" => Key::DateColumn,
        "amount-col" => Key::AmountColumn,
        "accounts" | "account" => Key::Accounts,
        "out-dir" => Key::OutDir,
        "overwrite" => Key::Overwrite,
        "docx" => Key::Docx,
        _ if compact.contains("自评报告") => Key::Docx,
        _ if compact.contains("其他需说明") => Key::Department(DepartmentField::Other),
        _ if compact.contains("预算管理制度") || compact == "制度建设" => {
            Key::Department(DepartmentField::Management)
        }
        _ if matches!(compact.as_str(), "单位名称" | "部门名称") => {
            Key::Department(DepartmentField::Name)
        }
        _ if compact.contains("职能") => Key::Department(DepartmentField::Functions),
        _ if compact.starts_with("机构") => Key::Department(DepartmentField::Organisation),
        _ if compact.starts_with("人员") || compact.contains("编制") => {
            Key::Department(DepartmentField::Staff)
        }
        _ if compact.contains("科目") => Key::Accounts,
        _ if matches!(compact.as_str(), "年度" | "评价年度" | "年份") => Key::Year,
        _ if matches!(compact.as_str(), "单位" | "金额单位") => Key::Unit,
        _ if compact.contains("工作表") => Key::Sheet,
        _ if compact.contains("表头") => Key::HeaderRow,
        _ if compact.contains("日期列") => Key::DateColumn,
        _ if compact.contains("金额列") => Key::AmountColumn,
        _ if compact.contains("目录") || compact.contains("文件夹") => Key::OutDir,
        _ if compact.contains("覆盖") => Key::Overwrite,
        _ => return None,
    };
    Some(key)
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

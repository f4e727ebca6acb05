//! A `参数` sheet (名称 | 值) → [`RawSetting`]s, each with its cell.
//!
//! Names are matched exactly (after dropping spaces and a bracketed unit such
//! as `（万元）`) against a short list per setting, so that a note such as
//! `预算年度 | 2017` or `科目说明 | …` is never read as a budget or an account
//! filter. Notes (说明, 备注, 填表人 …) and a heading row are passed over; any
//! other name is refused with the names jixiao knows.

use super::{DepartmentField, Key, Place, RawSetting, RawValue, SHEET_NAME};
use crate::read::cell::column_name;
use crate::read::CellValue;
use crate::rules::Grade;
use anyhow::{bail, Result};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::path::Path;

/// The names a 参数 sheet may use, for messages.
const NAMES: &str = "预算（多个年度写 2017年预算）、年度、单位、工作表、表头行、日期列、金额列、科目、排除科目、优秀/良好/中等/及格（百分数）、优秀整改办法 …、序时进度、截至、分项:名称、结果目录、覆盖、自评报告、单位名称、主要职能、机构情况、人员情况、预算管理制度建设情况、其他需说明的情况";

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
                "{}：不认识这个设置项。「{SHEET_NAME}」工作表 A 列可以写：{NAMES}；给人看的文字请写在“说明”或“备注”行",
                place.at()
            );
        };
        settings.push(RawSetting { key, value, place });
    }
    Ok(settings)
}

/// True for a name of the supervisor's caps (`time-limit`, `用时上限` …),
/// which a ledger may not set for itself.
fn is_cap_name(name: &str) -> bool {
    let name = compact(name).to_ascii_lowercase().replace('_', "-");
    matches!(
        name.as_str(),
        "time-limit" | "memory-limit" | "用时上限" | "时间上限" | "内存上限"
    )
}

/// A name without spaces and without a bracketed unit: `年度预算（万元）` → `年度预算`.
fn compact(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The setting a name in column A stands for (Chinese as the template's
/// comments say it, or the `jixiao.toml` key).
fn key_named(name: &str) -> Option<Key> {
    let compact = compact(name);
    let english = compact.to_ascii_lowercase().replace('_', "-");
    if let Some(line) = compact
        .strip_prefix("分项:")
        .or_else(|| compact.strip_prefix("分项："))
        .filter(|line| !line.is_empty())
    {
        return Some(Key::Breakdown(Some(line.to_string())));
    }
    const BUDGETS: [&str; 7] = [
        "预算",
        "预算收入",
        "年度预算",
        "全年预算",
        "全年预算收入",
        "年度预算收入",
        "财政预算收入",
    ];
    if BUDGETS.contains(&compact.as_str()) || english == "budget" {
        return Some(Key::Budget(None));
    }
    // 2017年预算, 2017年度预算收入: a year, then a budget name.
    if let Some((year, rest)) = compact.split_once('年') {
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && BUDGETS.contains(&rest) {
            return year.parse().ok().map(|year| Key::Budget(Some(year)));
        }
    }
    for grade in Grade::ALL {
        let label = grade.label();
        if [format!("{label}整改办法"), format!("{label}的整改办法")].contains(&compact) {
            return Some(Key::Measure(grade));
        }
        if grade != Grade::Poor && [label.to_string(), format!("{label}标准")].contains(&compact)
        {
            return Some(Key::Band(grade));
        }
    }
    let key = match (compact.as_str(), english.as_str()) {
        ("年度" | "评价年度" | "年份", _) | (_, "year") => Key::Year,
        ("单位" | "金额单位", _) | (_, "unit") => Key::Unit,
        ("工作表" | "台账工作表", _) | (_, "sheet") => Key::Sheet,
        ("表头行" | "表头所在行" | "表头行号", _) | (_, "header-row") => Key::HeaderRow,
        ("日期列", _) | (_, "date-col") => Key::DateColumn,
        ("金额列", _) | (_, "amount-col") => Key::AmountColumn,
        ("科目" | "统计科目" | "只统计科目", _) | (_, "accounts" | "account") => {
            Key::Accounts
        }
        ("排除科目" | "不计入科目" | "不统计科目", _)
        | (_, "exclude-accounts" | "exclude-account") => Key::ExcludeAccounts,
        ("序时进度" | "序时进度算法", _) | (_, "progress") => Key::Progress,
        ("截至" | "截至日期" | "截止日期" | "评价截至日期", _) | (_, "as-of") => {
            Key::AsOf
        }
        ("结果目录" | "输出目录" | "结果文件夹", _) | (_, "out-dir") => Key::OutDir,
        ("覆盖" | "覆盖已有结果", _) | (_, "overwrite") => Key::Overwrite,
        ("自评报告" | "生成自评报告", _) | (_, "docx") => Key::Docx,
        ("单位名称" | "部门名称", _) => Key::Department(DepartmentField::Name),
        ("主要职能" | "职能", _) => Key::Department(DepartmentField::Functions),
        ("机构情况", _) => Key::Department(DepartmentField::Organisation),
        ("人员情况" | "人员编制", _) => Key::Department(DepartmentField::Staff),
        ("预算管理制度建设情况" | "预算管理制度", _) => {
            Key::Department(DepartmentField::Management)
        }
        ("其他需说明的情况" | "其他需说明", _) => {
            Key::Department(DepartmentField::Other)
        }
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

//! The settings that take one value, each read from what was written into
//! the value jixiao uses, or what to write instead: where the ledger is read
//! (year, unit, sheet, header row, columns), what is counted (accounts), how
//! it is graded (a band's percent, a measure, 序时进度, 截至), where results go
//! and what is written (folder, yes or no, the department's words).

use super::super::{DepartmentField, Place, RawValue};
use super::written::{number, shown, text, whole_number, words};
use crate::dates::CalendarDate;
use crate::ledger::layout::Unit;
use crate::rules::ProgressBasis;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// The year to grade: four digits, 1990 to 2100.
pub fn year(value: &RawValue) -> Result<i32, String> {
    whole_number(value)
        .filter(|y| (1990..=2100).contains(y))
        .map(|y| y as i32)
        .ok_or_else(|| "年度应写成 2017 这样的四位数（1990 到 2100）".to_string())
}

/// The unit of the ledger's amounts: 元 or 万元.
pub fn unit(value: &RawValue) -> Result<Unit, String> {
    match text(value).as_deref().map(str::trim) {
        Some("元" | "yuan") => Ok(Unit::Yuan),
        Some("万元" | "wan") => Ok(Unit::Wan),
        _ => Err("单位只能是“元”或“万元”".to_string()),
    }
}

/// The one sheet to read: its name.
pub fn sheet(value: &RawValue) -> Result<String, String> {
    words(value).ok_or_else(|| "请写工作表的名称，例如 序时账".to_string())
}

/// The header's row, 1-based as written, 0-based as kept.
pub fn header_row(value: &RawValue) -> Result<u32, String> {
    whole_number(value)
        .filter(|r| (1..=1_048_576).contains(r))
        .map(|r| r as u32 - 1)
        .ok_or_else(|| {
            format!(
                "“{}”不是有效的行号：请写 1 到 1048576 之间的数字，例如 4",
                shown(value)
            )
        })
}

/// A column as Excel names it (`A`, `F`, `AB`) or 1-based, 0-based as kept.
pub fn column(value: &RawValue) -> Result<u32, String> {
    column_index(value).ok_or_else(|| {
        format!(
            "“{}”不是有效的列：请写列字母（如 F）或从 1 起的列号（如 6）",
            shown(value)
        )
    })
}

/// Accounts (code prefixes or names): a list, or one text of them separated
/// by commas, 、, spaces or semicolons.
pub fn accounts(value: &RawValue) -> Result<Vec<String>, String> {
    let items = match value {
        RawValue::List(items) => items.iter().map(shown).collect::<Vec<_>>(),
        other => shown(other)
            .split([',', '，', '、', ' ', ';', '；'])
            .map(str::to_string)
            .collect(),
    };
    let items: Vec<String> = items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect();
    if items.is_empty() || matches!(value, RawValue::Bool(_)) {
        return Err("请写科目编码开头或名称，例如 7101、7201".to_string());
    }
    Ok(items)
}

/// A grade's band: a percent of the monthly share above 0 and at most 100
/// (`90`, `90%`), never a percent cell's fraction (0.9).
pub fn band(value: &RawValue) -> Result<Decimal, String> {
    let written = match value {
        // `90%` as typed in a cell or a file.
        RawValue::Text(text) => {
            RawValue::Text(text.trim().trim_end_matches(['%', '％']).trim().to_string())
        }
        other => other.clone(),
    };
    let percent = number(&written)
        .filter(|p| *p > Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
        .ok_or_else(|| "应为 0 到 100 之间的百分数，例如 90".to_string())?;
    if percent <= Decimal::ONE && matches!(value, RawValue::Number(_)) {
        // A cell formatted as a percentage holds 0.9 for 90 %.
        return Err(format!(
            "{} 不像是百分数：单元格是百分比格式时 0.9 即 90%，请写成 90",
            percent.normalize()
        ));
    }
    Ok(percent.normalize())
}

/// A grade's 整改办法: words.
pub fn measure(value: &RawValue) -> Result<String, String> {
    words(value).ok_or_else(|| "整改办法要写成文字，例如 加快资金支出进度".to_string())
}

/// How 序时进度 is measured: by months or by days.
pub fn progress(value: &RawValue) -> Result<ProgressBasis, String> {
    match text(value).as_deref().map(str::trim) {
        Some("月" | "按月" | "month" | "months") => Ok(ProgressBasis::Months),
        Some("天" | "按天" | "day" | "days") => Ok(ProgressBasis::Days),
        _ => Err("只能是 \"月\"（按月）或 \"天\"（按天）".to_string()),
    }
}

/// 截至: a day, or a month for its last day.
pub fn as_of(value: &RawValue) -> Result<CalendarDate, String> {
    as_of_date(value).ok_or_else(|| {
        format!(
            "“{}”不是有效的截至日期：请写 2017-09-12 这样的日期，或 2017-09（即该月最后一天）",
            shown(value)
        )
    })
}

/// The folder results go to. A relative folder is relative to the settings
/// file, or to the ledger for its 参数 sheet — never to wherever jixiao was
/// started (a flag's stays as typed).
pub fn out_dir(value: &RawValue, place: &Place) -> Result<PathBuf, String> {
    let folder = PathBuf::from(
        words(value).ok_or_else(|| "请写结果文件放的文件夹，例如 D:\\绩效自评".to_string())?,
    );
    if folder.is_relative() {
        match place {
            Place::File { path, .. } => {
                if let Some(parent) = path.parent() {
                    return Ok(parent.join(folder));
                }
            }
            Place::Sheet { folder: ledger, .. } => return Ok(ledger.join(folder)),
            Place::Flag(_) => {}
        }
    }
    Ok(folder)
}

/// Whether an existing result is replaced.
pub fn overwrite(value: &RawValue) -> Result<bool, String> {
    yes_or_no(value).ok_or_else(|| "只能是 true（覆盖）或 false（不覆盖）".to_string())
}

/// Whether the 自评报告 draft is written.
pub fn docx(value: &RawValue) -> Result<bool, String> {
    yes_or_no(value).ok_or_else(|| "只能是 true（生成自评报告）或 false（不生成）".to_string())
}

/// What only the department knows: words.
pub fn department(value: &RawValue, field: DepartmentField) -> Result<String, String> {
    words(value).ok_or_else(|| format!("请用文字写{}", field.label()))
}

/// `true` / `false`, or 是 / 否 as a 参数 cell says it.
fn yes_or_no(value: &RawValue) -> Option<bool> {
    match value {
        RawValue::Bool(flag) => Some(*flag),
        other => match shown(other).trim() {
            "是" | "true" | "TRUE" | "True" | "1" | "覆盖" | "生成" => Some(true),
            "否" | "false" | "FALSE" | "False" | "0" | "不覆盖" | "不生成" => Some(false),
            _ => None,
        },
    }
}

/// The 截至 date: a day or a month as text (a TOML date, a 参数 date cell
/// shown as `2017-09-12`), or the serial of a date cell that lost its format.
fn as_of_date(value: &RawValue) -> Option<CalendarDate> {
    match value {
        RawValue::Number(number) if number.fract().is_zero() => {
            let whole = i64::try_from(*number).ok()?;
            // 20170912 or 201709 typed as a number, else an Excel serial (42990).
            crate::as_of::parse_as_of(&whole.to_string())
                .or_else(|| CalendarDate::from_plain_serial(whole as f64))
        }
        RawValue::Number(number) => crate::as_of::parse_as_of(&number.normalize().to_string()),
        RawValue::Text(text) => crate::as_of::parse_as_of(text),
        _ => None,
    }
}

/// A column as Excel names it or 1-based, 0-based; `None` beyond XFD.
fn column_index(value: &RawValue) -> Option<u32> {
    if let Some(number) = whole_number(value) {
        return (1..=16_384).contains(&number).then(|| number as u32 - 1);
    }
    let written = text(value)?;
    let letters = written.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let number = letters
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (1..=16_384).contains(&number).then(|| number - 1)
}

//! `jixiao.toml` → [`RawSetting`]s, each with its file and line.

use super::{Beside, DepartmentField, Key, Place, RawSetting, RawValue};
use crate::rules::Grade;
use anyhow::{anyhow, Result};
use rust_decimal::Decimal;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The keys a `jixiao.toml` may hold at its top level, for messages.
const TOP_KEYS: &str = "budget、year、unit、sheet、header-row、date-col、amount-col、accounts、exclude-accounts、progress、as-of、out-dir、overwrite、docx、time-limit、memory-limit、[bands]、[measures]、[breakdown]、[department]";

/// Reads the settings written in a `jixiao.toml` (its text, already decoded);
/// `beside` says which of the two files it is.
///
/// # Errors
/// A Chinese message naming the file, the line and the key: a line TOML cannot
/// read, or a key jixiao does not know.
pub fn from_toml(text: &str, path: &Path, beside: Beside) -> Result<Vec<RawSetting>> {
    let shown = path.display();
    // The 1-based line of the character at `offset`.
    let line_at = |offset: usize| {
        text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    };
    let table = DeTable::parse(text).map_err(|error| {
        let line = error.span().map_or(1, |span| line_at(span.start));
        anyhow!(
            "设置文件「{shown}」第 {line} 行写法有误：{}。请对照说明改正（文字要加英文双引号，数字不加）",
            parse_error_text(error.message())
        )
    })?;
    let place = |key: &Spanned<toml::de::DeString<'_>>| Place::File {
        path: path.to_path_buf(),
        line: line_at(key.span().start),
        key: key.get_ref().to_string(),
        beside,
    };
    let problem =
        |key: &Spanned<toml::de::DeString<'_>>, what: &str| anyhow!("{}：{what}", place(key).at());
    let mut settings = Vec::new();
    let mut push = |key: Key, name: &Spanned<toml::de::DeString<'_>>, value: RawValue| {
        settings.push(RawSetting {
            key,
            value,
            place: place(name),
        });
    };
    for (name, entry) in table.get_ref() {
        let key = name.get_ref().as_ref();
        match (normal_key(key).as_str(), entry.get_ref()) {
            ("budget", DeValue::Table(years)) => {
                for (year_name, amount) in years {
                    if let Some(misplaced) = top_level_key(year_name.get_ref()) {
                        return Err(problem(year_name, &misplaced));
                    }
                    let year = year_name
                        .get_ref()
                        .trim()
                        .trim_end_matches('年')
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1990..=2100).contains(y))
                        .ok_or_else(|| problem(year_name, "年度应写成 2017 这样的四位数"))?;
                    push(Key::Budget(Some(year)), year_name, raw(amount, text));
                }
            }
            ("budget", _) => push(Key::Budget(None), name, raw(entry, text)),
            ("rules", DeValue::Table(rules)) => {
                // Older files keep progress and accounts under [rules].
                for (rule, value) in rules {
                    let key = match normal_key(rule.get_ref()).as_str() {
                        "progress" => Key::Progress,
                        "accounts" | "account" => Key::Accounts,
                        _ => {
                            return Err(problem(
                                rule,
                                "不认识这个设置项（[rules] 下可以写 progress、accounts）",
                            ))
                        }
                    };
                    push(key, rule, raw(value, text));
                }
            }
            ("bands", DeValue::Table(bands)) => {
                for (grade_name, value) in bands {
                    if let Some(misplaced) = top_level_key(grade_name.get_ref()) {
                        return Err(problem(grade_name, &misplaced));
                    }
                    let grade = grade_named(grade_name.get_ref())
                        .filter(|g| *g != Grade::Poor)
                        .ok_or_else(|| problem(grade_name, "等级只能是 优秀、良好、中等、及格"))?;
                    push(Key::Band(grade), grade_name, raw(value, text));
                }
            }
            ("measures", DeValue::Table(measures)) => {
                for (grade_name, value) in measures {
                    if let Some(misplaced) = top_level_key(grade_name.get_ref()) {
                        return Err(problem(grade_name, &misplaced));
                    }
                    let grade = grade_named(grade_name.get_ref()).ok_or_else(|| {
                        problem(grade_name, "等级只能是 优秀、良好、中等、及格、差")
                    })?;
                    push(Key::Measure(grade), grade_name, raw(value, text));
                }
            }
            ("breakdown", DeValue::Table(lines)) => {
                for (line, amount) in lines {
                    if let Some(misplaced) = top_level_key(line.get_ref()) {
                        return Err(problem(line, &misplaced));
                    }
                    push(
                        Key::Breakdown(Some(line.get_ref().trim().to_string())),
                        line,
                        raw(amount, text),
                    );
                }
            }
            ("department", DeValue::Table(fields)) => {
                for (field_name, value) in fields {
                    if let Some(misplaced) = top_level_key(field_name.get_ref()) {
                        return Err(problem(field_name, &misplaced));
                    }
                    let wanted = normal_key(field_name.get_ref());
                    let field = DepartmentField::ALL
                        .into_iter()
                        .find(|f| f.key() == wanted || f.label() == field_name.get_ref().trim())
                        .ok_or_else(|| {
                            problem(
                                field_name,
                                "不认识这个设置项（[department] 下可以写 name、functions、organisation、staff、management、other）",
                            )
                        })?;
                    push(Key::Department(field), field_name, raw(value, text));
                }
            }
            (section @ ("rules" | "bands" | "measures" | "breakdown" | "department"), _) => {
                return Err(problem(name, &format!("应为 [{section}] 小节")));
            }
            // Read by the supervisor before a worker starts (src/supervisor/limits.rs).
            ("time-limit" | "memory-limit", _) => {}
            (plain, value) => {
                let key = match plain {
                    "year" => Key::Year,
                    "unit" => Key::Unit,
                    "sheet" => Key::Sheet,
                    "header-row" => Key::HeaderRow,
                    "date-col" => Key::DateColumn,
                    "amount-col" => Key::AmountColumn,
                    "accounts" | "account" => Key::Accounts,
                    "exclude-accounts" | "exclude-account" => Key::ExcludeAccounts,
                    "progress" => Key::Progress,
                    "as-of" => Key::AsOf,
                    "out-dir" => Key::OutDir,
                    "overwrite" => Key::Overwrite,
                    "docx" => Key::Docx,
                    _ => {
                        return Err(problem(
                            name,
                            &format!("不认识这个设置项（可以写 {TOP_KEYS}）"),
                        ))
                    }
                };
                if matches!(value, DeValue::Table(_)) {
                    return Err(problem(name, "应写成 名称 = 值，不是一个小节"));
                }
                push(key, name, raw(entry, text));
            }
        }
    }
    Ok(settings)
}

/// The keys that belong before the first `[小节]`.
const TOP_LEVEL: [&str; 17] = [
    "year",
    "unit",
    "sheet",
    "header-row",
    "date-col",
    "amount-col",
    "accounts",
    "account",
    "exclude-accounts",
    "exclude-account",
    "progress",
    "as-of",
    "out-dir",
    "overwrite",
    "docx",
    "time-limit",
    "memory-limit",
];

/// When a key of the top level was written inside a `[小节]` (TOML puts every
/// line after `[bands]` into it), what to do about it.
fn top_level_key(key: &str) -> Option<String> {
    let key = normal_key(key);
    TOP_LEVEL.contains(&key.as_str()).then(|| {
        format!("{key} 写在了一个 [小节] 之下，会被当成这个小节的一项：请把这一行移到文件开头、第一个 [小节] 之前")
    })
}

/// TOML's parse errors in Chinese where a person is likely to make them.
fn parse_error_text(message: &str) -> String {
    if message.contains("duplicate key") {
        "同一项写了两次，请只保留一个".to_string()
    } else if message.contains("invalid unquoted key") || message.contains("invalid key") {
        "名称里有中文或空格时要加英文双引号，如 \"优秀\" = 90".to_string()
    } else if message.contains("invalid string") || message.contains("unterminated") {
        "文字要放在一对英文双引号（或单引号）里，如 unit = \"元\"".to_string()
    } else {
        message.to_string()
    }
}

/// `header_row`, `Header-Row` and `header-row` are one key.
fn normal_key(key: &str) -> String {
    key.trim().to_ascii_lowercase().replace('_', "-")
}

fn grade_named(name: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| g.label() == name.trim())
}

/// A TOML value as written (`source` is the file's text, for a number's
/// literal); numbers are read exactly from their text, and only as a person
/// writes them: `322_95`, `0x10` or `3e2` stay text, which the rules then
/// refuse (as they refuse `--budget 322_95`).
fn raw(spanned: &Spanned<DeValue<'_>>, source: &str) -> RawValue {
    let value = spanned.get_ref();
    let written = source.get(spanned.span()).unwrap_or_default().trim();
    let plain = |text: &str| {
        let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
            && digits.matches('.').count() <= 1
    };
    match value {
        DeValue::String(text) => RawValue::Text(text.to_string()),
        DeValue::Integer(_) | DeValue::Float(_) => {
            match (plain(written), written.parse::<Decimal>()) {
                (true, Ok(n)) => RawValue::Number(n),
                _ => RawValue::Text(written.to_string()),
            }
        }
        DeValue::Boolean(flag) => RawValue::Bool(*flag),
        DeValue::Datetime(when) => RawValue::Text(when.to_string()),
        DeValue::Array(items) => RawValue::List(items.iter().map(|i| raw(i, source)).collect()),
        DeValue::Table(_) => RawValue::Text(String::new()),
    }
}

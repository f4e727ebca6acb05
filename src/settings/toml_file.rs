//! `jixiao.toml` → [`RawSetting`]s, each with its file and line.

use super::names::normal_key;
use super::spec::Toml;
use super::{table, Beside, Key, Place, RawSetting, RawValue};
use anyhow::{anyhow, Result};
use rust_decimal::Decimal;
use std::path::Path;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

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
        let key = normal_key(name.get_ref());
        if key == "rules" {
            // Older files keep progress and accounts under [rules]; nothing else is read there.
            let DeValue::Table(rules) = entry.get_ref() else {
                return Err(problem(name, "应为 [rules] 小节"));
            };
            for (rule, value) in rules {
                let key = rules_key(rule.get_ref()).ok_or_else(|| {
                    problem(
                        rule,
                        "不认识这个设置项（[rules] 下可以写 progress、accounts）",
                    )
                })?;
                push(key, rule, raw(value, text));
            }
            continue;
        }
        let unknown = || {
            problem(
                name,
                &format!("不认识这个设置项（可以写 {}）", table::toml_keys()),
            )
        };
        let Some(spec) = table::by_toml_key(&key) else {
            return Err(unknown());
        };
        match (&spec.toml, entry.get_ref()) {
            (
                Toml::Section { entry: member, .. } | Toml::ValueOrSection { entry: member, .. },
                DeValue::Table(lines),
            ) => {
                for (line, value) in lines {
                    if let Some(misplaced) = top_level_key(line.get_ref()) {
                        return Err(problem(line, &misplaced));
                    }
                    let key = member(line.get_ref()).map_err(|what| problem(line, what))?;
                    push(key, line, raw(value, text));
                }
            }
            (Toml::Section { name: section, .. }, _) => {
                return Err(problem(name, &format!("应为 [{section}] 小节")));
            }
            // Read by the supervisor before a worker starts (src/supervisor/limits.rs).
            (Toml::Supervisor(_), _) => {}
            (Toml::Value(_), DeValue::Table(_)) => {
                return Err(problem(name, "应写成 名称 = 值，不是一个小节"));
            }
            (Toml::Value(_) | Toml::ValueOrSection { .. }, _) => {
                // A row written `name = value` always has a plain key.
                if let Some(key) = spec.key.plain() {
                    push(key, name, raw(entry, text));
                }
            }
            (Toml::None, _) => return Err(unknown()),
        }
    }
    Ok(settings)
}

/// The key of a line of an older file's `[rules]`, which held only
/// progress and accounts.
fn rules_key(name: &str) -> Option<Key> {
    let key = normal_key(name);
    ["progress", "accounts", "account"]
        .contains(&key.as_str())
        .then(|| table::by_toml_key(&key).and_then(|spec| spec.key.plain()))
        .flatten()
}

/// When a key of the top level was written inside a `[小节]` (TOML puts every
/// line after `[bands]` into it), what to do about it.
fn top_level_key(key: &str) -> Option<String> {
    let key = normal_key(key);
    table::is_top_level(&key).then(|| {
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

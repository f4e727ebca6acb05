//! The one set of rules every setting is checked by, whichever source it came
//! from: [`RawSetting`]s → [`Settings`].

use super::{Key, Place, RawSetting, RawValue, Settings, Sourced};
use crate::budget::Budgets;
use crate::dates::CalendarDate;
use crate::ledger::layout::Unit;
use crate::rules::{Grade, ProgressBasis};
use anyhow::{anyhow, bail, Result};
use rust_decimal::Decimal;
use std::path::PathBuf;

/// The largest budget (or budget line) taken, in 万元: 1 万亿元.
pub const BUDGET_CEILING_WAN: i64 = 100_000_000;
/// The smallest budget taken, in 万元: a monthly share of at least 0.01 万元.
pub const BUDGET_FLOOR_WAN: &str = "0.12";

/// A setting given as a flag that breaks its rule: the message (`命令行参数
/// --budget：…`) and the flag, so that the console can show the flag's usage.
#[derive(Debug)]
pub struct FlagError {
    /// The flag as typed, `--budget`.
    pub flag: &'static str,
    /// The whole message.
    pub text: String,
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for FlagError {}

/// Checks the settings of one source (all from flags, or one sheet, or one
/// file) and gives them as one [`Settings`].
///
/// # Errors
/// The first setting that breaks a rule, named by its place (`命令行参数 --year`,
/// `「台账.xlsx」的 参数!B3（年度）`, `设置文件「…」第 7 行 year`) with what to write.
pub fn validate(raws: Vec<RawSetting>) -> Result<Settings> {
    let mut settings = Settings::default();
    let mut breakdown: Vec<(String, Decimal)> = Vec::new();
    let mut breakdown_place: Option<Place> = None;
    let mut accounts: Vec<String> = Vec::new();
    let mut accounts_place: Option<Place> = None;
    let mut exclude_accounts: Vec<String> = Vec::new();
    let mut exclude_accounts_place: Option<Place> = None;
    let mut bare_budget: Option<(Decimal, Place)> = None;
    let mut budgets = Budgets::default();
    let mut budget_place: Option<Place> = None;
    // Settings that take one value: a second one in the same source is refused.
    let mut single: Vec<(Key, Place)> = Vec::new();
    for RawSetting { key, value, place } in raws {
        let fail = |what: &str| match &place {
            // A flag's error keeps the flag, so the console can add its usage.
            Place::Flag(flag) => anyhow::Error::new(FlagError {
                flag,
                text: format!("{}：{what}", place.at()),
            }),
            _ => anyhow!("{}：{what}", place.at()),
        };
        let takes_one = !matches!(
            key,
            Key::Budget(_) | Key::Breakdown(_) | Key::Accounts | Key::ExcludeAccounts
        );
        if takes_one {
            if let Some((_, first)) = single.iter().find(|(known, _)| *known == key) {
                return Err(fail(&format!(
                    "这一项已经在{}写过，请只保留一个",
                    first.short()
                )));
            }
            single.push((key.clone(), place.clone()));
        }
        match key {
            Key::Budget(year) => {
                let (year, wan) = budget(&value, year).map_err(|what| fail(&what))?;
                match year {
                    None => {
                        if let Some((earlier, _)) = &bare_budget {
                            return Err(fail(&format!(
                                "已经给了一个不带年度的预算 {earlier}，不知道该用哪一个。一个年度只写一个预算；多个年度请分年度写（如 2016=300、2017=322.95）"
                            )));
                        }
                        bare_budget = Some((wan, place.clone()));
                        budgets.only_year = Some(wan);
                    }
                    Some(year) => {
                        if budgets.by_year.insert(year, wan).is_some() {
                            return Err(fail(&format!("{year} 年的预算给了两次，请只保留一个")));
                        }
                    }
                }
                if let (Some((wan, _)), Some(year)) = (&bare_budget, budgets.by_year.keys().next())
                {
                    return Err(fail(&format!(
                        "既给了不带年度的预算 {wan}，又给了 {year} 年的预算，不知道该用哪一个。一个年度只写一个预算（如 322.95）；多个年度都写上年度（如 2016=300、2017=322.95）"
                    )));
                }
                budget_place.get_or_insert(place);
            }
            Key::Year => {
                let year = whole_number(&value)
                    .filter(|y| (1990..=2100).contains(y))
                    .ok_or_else(|| fail("年度应写成 2017 这样的四位数（1990 到 2100）"))?;
                settings.year = Some(sourced(year as i32, place));
            }
            Key::Unit => {
                let unit = match text(&value).as_deref().map(str::trim) {
                    Some("元" | "yuan") => Unit::Yuan,
                    Some("万元" | "wan") => Unit::Wan,
                    _ => return Err(fail("单位只能是“元”或“万元”")),
                };
                settings.unit = Some(sourced(unit, place));
            }
            Key::Sheet => {
                let name = text(&value)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| fail("请写工作表的名称，例如 序时账"))?;
                settings.sheet = Some(sourced(name, place));
            }
            Key::HeaderRow => {
                let row = whole_number(&value)
                    .filter(|r| (1..=1_048_576).contains(r))
                    .ok_or_else(|| {
                        fail(&format!(
                            "“{}”不是有效的行号：请写 1 到 1048576 之间的数字，例如 4",
                            shown(&value)
                        ))
                    })?;
                settings.header_row = Some(sourced(row as u32 - 1, place));
            }
            Key::DateColumn | Key::AmountColumn => {
                let column = column(&value).ok_or_else(|| {
                    fail(&format!(
                        "“{}”不是有效的列：请写列字母（如 F）或从 1 起的列号（如 6）",
                        shown(&value)
                    ))
                })?;
                if key == Key::DateColumn {
                    settings.date_column = Some(sourced(column, place));
                } else {
                    settings.amount_column = Some(sourced(column, place));
                }
            }
            Key::Accounts | Key::ExcludeAccounts => {
                let items = match &value {
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
                    return Err(fail("请写科目编码开头或名称，例如 7101、7201"));
                }
                if key == Key::Accounts {
                    accounts.extend(items);
                    accounts_place.get_or_insert(place);
                } else {
                    exclude_accounts.extend(items);
                    exclude_accounts_place.get_or_insert(place);
                }
            }
            Key::Band(grade) => {
                let written = match &value {
                    // `90%` as typed in a cell or a file.
                    RawValue::Text(text) => {
                        RawValue::Text(text.trim().trim_end_matches(['%', '％']).trim().to_string())
                    }
                    other => other.clone(),
                };
                let percent = number(&written)
                    .filter(|p| *p > Decimal::ZERO && *p <= Decimal::ONE_HUNDRED)
                    .ok_or_else(|| fail("应为 0 到 100 之间的百分数，例如 90"))?;
                if percent <= Decimal::ONE && matches!(value, RawValue::Number(_)) {
                    // A cell formatted as a percentage holds 0.9 for 90 %.
                    return Err(fail(&format!(
                        "{} 不像是百分数：单元格是百分比格式时 0.9 即 90%，请写成 90",
                        percent.normalize()
                    )));
                }
                settings
                    .bands
                    .insert(grade, sourced(percent.normalize(), place));
            }
            Key::Measure(grade) => {
                let measure = text(&value)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| fail("整改办法要写成文字，例如 加快资金支出进度"))?;
                settings.measures.insert(grade, sourced(measure, place));
            }
            Key::Progress => {
                let basis = match text(&value).as_deref().map(str::trim) {
                    Some("月" | "按月" | "month" | "months") => ProgressBasis::Months,
                    Some("天" | "按天" | "day" | "days") => ProgressBasis::Days,
                    _ => return Err(fail("只能是 \"月\"（按月）或 \"天\"（按天）")),
                };
                settings.progress = Some(sourced(basis, place));
            }
            Key::AsOf => {
                let date = as_of(&value).ok_or_else(|| {
                    fail(&format!(
                        "“{}”不是有效的截至日期：请写 2017-09-12 这样的日期，或 2017-09（即该月最后一天）",
                        shown(&value)
                    ))
                })?;
                settings.as_of = Some(sourced(date, place));
            }
            Key::Breakdown(name) => {
                let (name, wan) = match name {
                    Some(name) => (name, line_wan(&value).map_err(|what| fail(&what))?),
                    None => {
                        // A flag writes the line and its amount as one text: 工资福利支出=205.28.
                        let written = shown(&value);
                        let (name, amount) =
                            written.rsplit_once(['=', ':', '：']).ok_or_else(|| {
                                fail("分项预算写成 名称=万元数，例如 工资福利支出=205.28")
                            })?;
                        let wan = line_wan(&RawValue::Text(amount.trim().to_string()))
                            .map_err(|what| fail(&what))?;
                        (name.trim().to_string(), wan)
                    }
                };
                if name.is_empty() {
                    return Err(fail("分项预算要写出名称，例如 工资福利支出"));
                }
                if breakdown.iter().any(|(known, _)| *known == name) {
                    return Err(fail(&format!("分项“{name}”写了两次，请只保留一个")));
                }
                breakdown.push((name, wan));
                breakdown_place.get_or_insert(place);
            }
            Key::OutDir => {
                let folder = text(&value)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| fail("请写结果文件放的文件夹，例如 D:\\绩效自评"))?;
                let mut folder = PathBuf::from(folder);
                // A relative folder is relative to the settings file, or to the
                // ledger for its 参数 sheet — never to wherever jixiao was started.
                if folder.is_relative() {
                    match &place {
                        Place::File { path, .. } => {
                            if let Some(parent) = path.parent() {
                                folder = parent.join(folder);
                            }
                        }
                        Place::Sheet { folder: ledger, .. } => folder = ledger.join(folder),
                        Place::Flag(_) => {}
                    }
                }
                settings.out_dir = Some(sourced(folder, place));
            }
            Key::Overwrite => {
                let overwrite = yes_or_no(&value)
                    .ok_or_else(|| fail("只能是 true（覆盖）或 false（不覆盖）"))?;
                settings.overwrite = Some(sourced(overwrite, place));
            }
            Key::Docx => {
                let docx = yes_or_no(&value)
                    .ok_or_else(|| fail("只能是 true（生成自评报告）或 false（不生成）"))?;
                settings.docx = Some(sourced(docx, place));
            }
            Key::Department(field) => {
                let said = text(&value)
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .ok_or_else(|| fail(&format!("请用文字写{}", field.label())))?;
                settings.department.insert(field, sourced(said, place));
            }
        }
    }
    if let Some(place) = budget_place {
        settings.budgets = Some(sourced(budgets, place));
    }
    if let Some(place) = accounts_place {
        settings.accounts = Some(sourced(accounts, place));
    }
    if let Some(place) = exclude_accounts_place {
        settings.exclude_accounts = Some(sourced(exclude_accounts, place));
    }
    if let Some(place) = breakdown_place {
        settings.breakdown = Some(sourced(breakdown, place));
    }
    Ok(settings)
}

impl Settings {
    /// Checks what only the sources together can break: the bands, each
    /// source's and the seed's for the rest, must fall strictly from 优秀 to 及格.
    ///
    /// # Errors
    /// Names the bands out of order and where each was written.
    pub fn check(&self) -> Result<()> {
        let percents = self.percents();
        let grades = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Pass];
        for i in 0..3 {
            if percents[i] <= percents[i + 1] {
                let said = |i: usize| {
                    let grade = grades[i];
                    match self.bands.get(&grade) {
                        Some(band) => {
                            format!("{} {}（{}）", grade.label(), percents[i], band.place.at())
                        }
                        None => format!("{} {}（默认）", grade.label(), percents[i]),
                    }
                };
                bail!(
                    "绩效评定标准应从优秀到及格依次减小（如 90、80、70、60），现在 {} 不大于 {}：请改正",
                    said(i),
                    said(i + 1)
                );
            }
        }
        Ok(())
    }
}

/// The 截至 date: a day or a month as text (a TOML date, a 参数 date cell
/// shown as `2017-09-12`), or the serial of a date cell that lost its format.
fn as_of(value: &RawValue) -> Option<CalendarDate> {
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

fn sourced<T>(value: T, place: Place) -> Sourced<T> {
    Sourced { value, place }
}

/// A value as the user wrote it, for messages and lists.
fn shown(value: &RawValue) -> String {
    match value {
        RawValue::Text(text) => text.clone(),
        RawValue::Number(number) => number.normalize().to_string(),
        RawValue::Bool(flag) => flag.to_string(),
        RawValue::List(items) => items.iter().map(shown).collect::<Vec<_>>().join("、"),
    }
}

/// Text, or a number written where text is expected (`sheet = 2017`).
fn text(value: &RawValue) -> Option<String> {
    match value {
        RawValue::Text(_) | RawValue::Number(_) => Some(shown(value)),
        _ => None,
    }
}

/// A number, from a number or from text of digits and one decimal point
/// (`322_95` or `3e2` are not numbers a person writes).
fn number(value: &RawValue) -> Option<Decimal> {
    match value {
        RawValue::Number(number) => Some(*number),
        RawValue::Text(text) => {
            let text = text.trim();
            let plain = !text.is_empty()
                && text.chars().all(|c| c.is_ascii_digit() || c == '.')
                && text.matches('.').count() <= 1;
            plain.then(|| text.parse().ok()).flatten()
        }
        _ => None,
    }
}

/// A whole number (`2017`, `2017.0`, "4").
fn whole_number(value: &RawValue) -> Option<i64> {
    let number = number(value)?;
    (number.fract().is_zero())
        .then(|| i64::try_from(number).ok())
        .flatten()
}

/// A column as Excel names it (`A`, `F`, `AB`) or a 1-based number, 0-based.
fn column(value: &RawValue) -> Option<u32> {
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

/// A year's budget in 万元 within the bounds, or what to write instead.
fn amount_wan(value: &RawValue) -> Result<Decimal, String> {
    let wan = positive_wan(value)?;
    let floor: Decimal = BUDGET_FLOOR_WAN.parse().unwrap_or(Decimal::ONE);
    if wan < floor {
        return Err(format!(
            "预算 {} 万元不在合理范围内（{BUDGET_FLOOR_WAN} 到 {BUDGET_CEILING_WAN} 万元）：请确认写的是全年预算收入、单位是万元",
            wan.normalize()
        ));
    }
    Ok(wan)
}

/// A breakdown line's amount in 万元, or what to write instead.
fn line_wan(value: &RawValue) -> Result<Decimal, String> {
    positive_wan(value).map_err(|_| {
        format!(
            "“{}”不是有效的分项预算：应为大于 0 的万元数（不超过 {BUDGET_CEILING_WAN}），例如 205.28",
            shown(value)
        )
    })
}

/// An amount in 万元 above 0 (to the cent: 0.000001 万元) and below the
/// ceiling, or what to write instead.
fn positive_wan(value: &RawValue) -> Result<Decimal, String> {
    let cent = Decimal::new(1, 6);
    let wan = number(value).filter(|n| *n >= cent).ok_or_else(|| {
        format!(
            "“{}”不是有效的预算：预算必须是大于 0 的万元数，例如 322.95；请填写全年预算收入",
            shown(value)
        )
    })?;
    if wan > Decimal::from(BUDGET_CEILING_WAN) {
        return Err(format!(
            "预算 {} 万元超过了 {BUDGET_CEILING_WAN} 万元（1 万亿元）：请确认单位是万元",
            wan.normalize()
        ));
    }
    Ok(wan.normalize())
}

/// A budget: its year (from the key, or written `2017=322.95`) and 万元.
fn budget(value: &RawValue, year: Option<i32>) -> Result<(Option<i32>, Decimal), String> {
    if let (None, RawValue::Text(written)) = (year, value) {
        if let Some((year, amount)) = written.split_once(['=', ':', '：']) {
            let year = year
                .trim()
                .trim_end_matches('年')
                .parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| {
                    format!(
                        "“{written}”不是有效的预算：年度应写成 2017 这样的四位数，如 2017=322.95"
                    )
                })?;
            let wan = amount_wan(&RawValue::Text(amount.trim().to_string()))?;
            return Ok((Some(year), wan));
        }
    }
    Ok((year, amount_wan(value)?))
}

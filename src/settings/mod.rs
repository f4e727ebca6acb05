//! Settings without flags: the budget and rules from a `参数` sheet in the
//! input workbook, `jixiao.toml` beside the input, or `jixiao.toml` beside
//! jixiao.exe — the first found wins; command-line flags win over all.
//!
//! With no budget anywhere, [`write_template`] puts a commented `jixiao.toml`
//! beside the input for the accountant to fill in. Invalid settings name the
//! file, the line and the key.

use crate::budget::Budgets;
use crate::read::{CellValue, Workbook};
use crate::rules::Grade;
use anyhow::{bail, Context, Result};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The settings file's name.
pub const FILE_NAME: &str = "jixiao.toml";
/// The name of the settings sheet inside a ledger workbook.
pub const SHEET_NAME: &str = "参数";

/// How 序时进度 (the share of the year elapsed) is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressBasis {
    /// Months elapsed ÷ 12 (the default).
    #[default]
    Months,
    /// Days elapsed to the month's end ÷ days in the year.
    Days,
}

/// Settings as found in one place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Where they came from, in words (`jixiao.toml（D:\账\jixiao.toml）`).
    pub source: String,
    /// Budgets in 万元.
    pub budgets: Budgets,
    /// Percent of the monthly share per grade (优秀 … 及格), when not the seed's.
    pub percents: BTreeMap<Grade, Decimal>,
    /// 整改办法 per grade, when not the seed's.
    pub measures: BTreeMap<Grade, String>,
    /// How 序时进度 is measured.
    pub progress: ProgressBasis,
    /// Accounts to count (code prefixes or names).
    pub accounts: Vec<String>,
    /// The budget split into lines (name, 万元), in order, for the 分项执行 sheet.
    pub breakdown: Vec<(String, Decimal)>,
}

impl Settings {
    /// True when any budget is given.
    pub fn has_budget(&self) -> bool {
        self.budgets.only_year.is_some() || !self.budgets.by_year.is_empty()
    }
}

/// Finds the settings for an input (opened as `workbook`): its `参数` sheet,
/// `jixiao.toml` in its folder, then `jixiao.toml` in `exe_dir`. `Ok(None)`
/// when there are none.
///
/// # Errors
/// When a settings source exists but is invalid; the message names file, line and key.
pub fn find(
    workbook: &mut Workbook,
    input: &Path,
    exe_dir: Option<&Path>,
) -> Result<Option<Settings>> {
    if let Some(settings) = from_sheet(workbook, input)? {
        return Ok(Some(settings));
    }
    let beside_input = input.parent().map(|dir| dir.join(FILE_NAME));
    let beside_exe = exe_dir.map(|dir| dir.join(FILE_NAME));
    for candidate in [beside_input, beside_exe].into_iter().flatten() {
        if candidate.is_file() {
            let bytes = std::fs::read(&candidate)
                .with_context(|| format!("无法读取设置文件「{}」", candidate.display()))?;
            // Notepad saves UTF-8, UTF-16 (“Unicode”) or GBK (“ANSI”): all are read.
            let text = crate::read::text::decode_settings_text(&bytes);
            return parse_file(&text, &candidate).map(Some);
        }
    }
    Ok(None)
}

/// The file a template would be written to: `jixiao.toml` beside the input.
pub fn template_path(input: &Path) -> PathBuf {
    input.parent().unwrap_or(Path::new(".")).join(FILE_NAME)
}

/// The commented settings template, in Chinese, for `years` (the ledger's years).
pub fn template(years: &[i32]) -> String {
    let mut text = String::from(
        "# jixiao 设置文件：部门整体支出绩效自评\n\
# 用记事本打开，填写后保存，再把台账拖到 jixiao.exe 上。以 # 开头的行是说明，不起作用。\n\
\n\
# 全年预算收入（万元），例如 322.95。必填。\n",
    );
    if years.len() > 1 {
        text.push_str("# 台账中有多个年度，请按年度分别填写：\n[budget]\n");
        for year in years {
            text.push_str(&format!("{year} = 0\n"));
        }
    } else {
        text.push_str("budget = 0\n");
        text.push_str("# 台账中有多个年度时，改为按年度分别填写（删掉上面一行，去掉下面三行开头的 #）：\n# [budget]\n# 2016 = 300\n# 2017 = 322.95\n");
    }
    text.push_str(
        "\n\
# 以下都可以不填，不填时按原报告的规则。\n\
[rules]\n\
# 序时进度的算法：\"月\"（已过月数 ÷ 12）或 \"天\"（已过天数 ÷ 全年天数）\n\
# progress = \"月\"\n\
# 只统计这些科目（科目编码开头或名称）；不填时自动判断\n\
# accounts = [\"7101\", \"7201\"]\n\
\n\
# 绩效评定标准：每月支出达到月均预算的百分之几\n\
# [bands]\n\
# \"优秀\" = 90\n\
# \"良好\" = 80\n\
# \"中等\" = 70\n\
# \"及格\" = 60\n\
\n\
# 分项预算（万元）：填写后结果中增加「分项执行」表，逐项对照支出\n\
# [breakdown]\n\
# \"工资福利支出\" = 205.28\n\
# \"社会保障缴费\" = 53.60\n\
# \"办公取暖\" = 3.24\n\
\n\
# 各等级的整改办法\n\
# [measures]\n\
# \"优秀\" = \"保持\"\n\
# \"良好\" = \"保持\"\n\
# \"中等\" = \"查缺预防\"\n\
# \"及格\" = \"查缺预防\"\n\
# \"差\" = \"加快资金支出进度\"\n",
    );
    text
}

/// Writes the template beside the input unless a file is already there; returns its path.
pub fn write_template(input: &Path, years: &[i32]) -> Result<Option<PathBuf>> {
    let path = template_path(input);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut file) => {
            use std::io::Write;
            let written = file
                .write_all(template(years).as_bytes())
                .and_then(|()| file.sync_all());
            if let Err(error) = written {
                // A full disk must not leave an empty or half template behind.
                drop(file);
                let _ = std::fs::remove_file(&path);
                return Err(error)
                    .with_context(|| format!("无法写入设置文件模板「{}」", path.display()));
            }
            Ok(Some(path))
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(error) => {
            Err(error).with_context(|| format!("无法在「{}」旁写入设置文件模板", input.display()))
        }
    }
}

/// The 1-based line of the first `key =` in a settings text, for messages.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches('"');
            line.starts_with(key)
                && line[key.len()..]
                    .trim_start()
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with('=')
        })
        .map_or(1, |index| index + 1)
}

/// Parses `jixiao.toml`.
///
/// # Errors
/// A Chinese message naming the file, the line and the key.
pub fn parse_file(text: &str, path: &Path) -> Result<Settings> {
    let shown = path.display();
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
        let line = error.span().map_or(1, |span| text[..span.start.min(text.len())].lines().count().max(1));
        anyhow::anyhow!(
            "设置文件「{shown}」第 {line} 行写法有误：{}。请对照说明改正（文字要加英文双引号，数字不加）",
            error.message()
        )
    })?;
    let mut settings = Settings {
        source: format!("设置文件「{shown}」"),
        ..Settings::default()
    };
    let problem = |key: &str, what: &str| -> anyhow::Error {
        anyhow::anyhow!(
            "设置文件「{shown}」第 {} 行 {key}：{what}",
            line_of(text, key)
        )
    };
    for (key, value) in &table {
        match key.as_str() {
            "budget" => match value {
                toml::Value::Table(years) => {
                    for (year, amount) in years {
                        let year_number: i32 = year
                            .trim_end_matches('年')
                            .parse()
                            .ok()
                            .filter(|y| (1990..=2100).contains(y))
                            .ok_or_else(|| problem(year, "年度应写成 2017 这样的四位数"))?;
                        let wan = budget_of(amount).ok_or_else(|| {
                            problem(year, "预算必须是大于 0 的万元数，例如 322.95")
                        })?;
                        settings.budgets.by_year.insert(year_number, wan);
                    }
                }
                other => {
                    let wan = budget_of(other).ok_or_else(|| {
                        problem(
                            "budget",
                            "预算必须是大于 0 的万元数，例如 322.95；请填写全年预算收入",
                        )
                    })?;
                    settings.budgets.only_year = Some(wan);
                }
            },
            "rules" => {
                let rules = value
                    .as_table()
                    .ok_or_else(|| problem("rules", "应为 [rules] 小节"))?;
                for (rule, value) in rules {
                    match rule.as_str() {
                        "progress" => {
                            settings.progress = match value.as_str() {
                                Some("月") | Some("month") => ProgressBasis::Months,
                                Some("天") | Some("day") | Some("days") => ProgressBasis::Days,
                                _ => return Err(problem("progress", "只能是 \"月\" 或 \"天\"")),
                            }
                        }
                        "accounts" => {
                            let list = value.as_array().ok_or_else(|| {
                                problem("accounts", "应写成 [\"7101\", \"7201\"]")
                            })?;
                            for item in list {
                                let text = match item {
                                    toml::Value::String(s) => s.clone(),
                                    toml::Value::Integer(n) => n.to_string(),
                                    _ => {
                                        return Err(problem(
                                            "accounts",
                                            "每个科目写成 \"7101\" 这样的文字",
                                        ))
                                    }
                                };
                                settings.accounts.push(text);
                            }
                        }
                        other => {
                            return Err(problem(
                                other,
                                "不认识这个设置项（[rules] 下可以写 progress、accounts）",
                            ))
                        }
                    }
                }
            }
            "bands" => {
                let bands = value
                    .as_table()
                    .ok_or_else(|| problem("bands", "应为 [bands] 小节"))?;
                for (name, value) in bands {
                    let grade = grade_named(name)
                        .filter(|g| *g != Grade::Poor)
                        .ok_or_else(|| problem(name, "等级只能是 优秀、良好、中等、及格"))?;
                    let percent = budget_of(value)
                        .filter(|p| *p <= Decimal::from(1000))
                        .ok_or_else(|| problem(name, "应为百分数，例如 90"))?;
                    settings.percents.insert(grade, percent);
                }
                let ordered: Vec<Decimal> = Grade::ALL
                    .iter()
                    .filter_map(|g| settings.percents.get(g).copied())
                    .collect();
                if settings.percents.len() != 4 {
                    return Err(problem(
                        "bands",
                        "请同时写出 优秀、良好、中等、及格 四个等级的百分数",
                    ));
                }
                if ordered.windows(2).any(|w| w[0] <= w[1]) {
                    return Err(problem(
                        "bands",
                        "百分数应从优秀到及格依次减小，例如 90、80、70、60",
                    ));
                }
            }
            "breakdown" => {
                let lines = value
                    .as_table()
                    .ok_or_else(|| problem("breakdown", "应为 [breakdown] 小节"))?;
                for (name, amount) in lines {
                    let wan = budget_of(amount)
                        .ok_or_else(|| problem(name, "分项预算应为大于 0 的万元数"))?;
                    settings.breakdown.push((name.clone(), wan));
                }
            }
            "measures" => {
                let measures = value
                    .as_table()
                    .ok_or_else(|| problem("measures", "应为 [measures] 小节"))?;
                for (name, value) in measures {
                    let grade = grade_named(name)
                        .ok_or_else(|| problem(name, "等级只能是 优秀、良好、中等、及格、差"))?;
                    let text = value
                        .as_str()
                        .filter(|t| !t.trim().is_empty())
                        .ok_or_else(|| problem(name, "整改办法要写成加英文双引号的文字"))?;
                    settings.measures.insert(grade, text.trim().to_string());
                }
            }
            other => {
                return Err(problem(
                    other,
                    "不认识这个设置项（可以写 budget、[rules]、[bands]、[measures]、[breakdown]）",
                ));
            }
        }
    }
    Ok(settings)
}

fn grade_named(name: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| g.label() == name.trim())
}

/// A positive amount from a TOML number (or a number written as text).
fn budget_of(value: &toml::Value) -> Option<Decimal> {
    let amount = match value {
        toml::Value::Integer(n) => Decimal::from(*n),
        toml::Value::Float(f) => Decimal::from_f64(*f)?,
        toml::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (amount > Decimal::ZERO && amount <= Decimal::from(100_000_000)).then(|| amount.normalize())
}

/// Reads a `参数` sheet (名称 | 值) from the input workbook, when it has one.
fn from_sheet(workbook: &mut Workbook, input: &Path) -> Result<Option<Settings>> {
    if !workbook.sheet_names().iter().any(|name| name == SHEET_NAME) {
        return Ok(None);
    }
    let mut pairs: Vec<(u32, String, CellValue)> = Vec::new();
    workbook.visit_rows(SHEET_NAME, &mut |row| {
        if let Some(name) = row.get(0).as_text() {
            pairs.push((row.index, name.to_string(), row.get(1).clone()));
        }
        std::ops::ControlFlow::Continue(())
    })?;
    let file = input
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut settings = Settings {
        source: format!("台账中的「{SHEET_NAME}」工作表"),
        ..Settings::default()
    };
    for (row, name, value) in pairs {
        let at = format!(
            "「{file}」的「{SHEET_NAME}」工作表第 {} 行（{name}）",
            row + 1
        );
        let number = || -> Result<Decimal> {
            let amount = match &value {
                CellValue::Number(n) => Decimal::from_f64(*n),
                CellValue::Text(t) => t.trim().parse().ok(),
                _ => None,
            };
            amount
                .filter(|a| *a > Decimal::ZERO)
                .map(|a| crate::money::round_dp(a, 6).normalize())
                .with_context(|| format!("{at}：值应为大于 0 的数字"))
        };
        if name.contains("预算") {
            let year = crate::dates::find_year_in_text(&name);
            match year {
                Some(year) => {
                    settings.budgets.by_year.insert(year, number()?);
                }
                None => settings.budgets.only_year = Some(number()?),
            }
        } else if let Some(line) = name
            .strip_prefix("分项")
            .map(|l| l.trim_start_matches([':', '：', ' ']))
        {
            settings.breakdown.push((line.to_string(), number()?));
        } else if name.contains("序时进度") {
            settings.progress = match value.as_text().map(str::trim) {
                Some("按月") | Some("月") => ProgressBasis::Months,
                Some("按天") | Some("天") => ProgressBasis::Days,
                _ => bail!("{at}：只能是“按月”或“按天”"),
            };
        } else if name.contains("科目") {
            let text = value
                .as_text()
                .map(str::to_string)
                .unwrap_or_else(|| value.display());
            settings.accounts = text
                .split([',', '，', '、', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
        } else if let Some(grade) = Grade::ALL.into_iter().find(|g| name.starts_with(g.label())) {
            if name.contains("整改") {
                let text = value
                    .as_text()
                    .with_context(|| format!("{at}：整改办法应为文字"))?;
                settings.measures.insert(grade, text.to_string());
            } else if grade != Grade::Poor {
                settings.percents.insert(grade, number()?);
            }
        }
    }
    Ok(Some(settings))
}

#[cfg(test)]
mod tests;

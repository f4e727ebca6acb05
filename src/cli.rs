//! The command line: arguments (clap derive, Chinese help), turned into the
//! settings value every other source goes through too. Running the inputs is
//! [`crate::batch`].

use crate::settings::{self, Place, Settings};
use anyhow::Result;
use clap::{ArgAction, Parser};
use std::ffi::OsString;
use std::path::PathBuf;

/// 部门整体支出绩效自评：按月统计台账中的支出，依据年度预算评定绩效等级，并在台账旁生成「<台账名>_绩效自评.xlsx」。
///
/// 每个选项也可以写在台账旁的 jixiao.toml 或台账的「参数」工作表里（拖放到 jixiao.exe 上时不用输入参数）。
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    override_usage = "jixiao [选项] <台账文件>...",
    help_template = "{name} {version}\n{about}\n\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}\n\n示例：\n  jixiao --budget 322.95 2017年支出明细账.xlsx\n  jixiao --budget 322.95 --json 台账1.xlsx 台账2.xls\n\n设置的优先次序：命令行参数 > 台账中的「参数」工作表 > 台账旁的 jixiao.toml > jixiao.exe 旁的 jixiao.toml > 默认。\n"
)]
pub struct Cli {
    /// 台账文件（xlsx、xlsm、xls、xlsb、ods、WPS 的 et、csv），或装着台账的文件夹，可以一次给多个
    #[arg(required = true, value_name = "台账文件")]
    pub inputs: Vec<PathBuf>,

    /// 全年预算收入（万元），例如 322.95；台账含多个年度时分别写 --budget 2016=300 --budget 2017=322.95
    // A negative budget (`--budget -5`) is the budget's value, refused by the
    // budget's own rule in Chinese, not an unknown flag.
    #[arg(long, value_name = "万元", allow_negative_numbers = true)]
    pub budget: Vec<String>,

    /// 台账金额的单位：元 或 万元；不指定时看表头或标题（如“单位：元”），都没写时明细账按元、月度表按万元
    #[arg(long, value_name = "元|万元")]
    pub unit: Option<String>,

    /// 评价年度，例如 2017；台账含多个年度时必须指定
    #[arg(long, value_name = "年度")]
    pub year: Option<String>,

    /// 只读取这个工作表（默认自动寻找；按月分表时读取各月工作表）
    #[arg(long, value_name = "工作表名")]
    pub sheet: Option<String>,

    /// 表头所在的行号（从 1 起），自动识别不出表头时使用
    #[arg(long, value_name = "行号")]
    pub header_row: Option<String>,

    /// 日期列（列字母如 A，或从 1 起的列号）
    #[arg(long, value_name = "列")]
    pub date_col: Option<String>,

    /// 金额列（列字母如 F，或从 1 起的列号）
    #[arg(long, value_name = "列")]
    pub amount_col: Option<String>,

    /// 只统计这些科目（科目编码开头或名称中的文字，可重复），如 --account 7101 --account 7201
    #[arg(long = "account", value_name = "科目")]
    pub accounts: Vec<String>,

    /// 不计入这些科目（科目编码开头或名称中的文字，可重复），如 jixiao 不认识、按支出计入了的科目并不是支出：--exclude-account 代管资金
    #[arg(long = "exclude-account", value_name = "科目")]
    pub exclude_accounts: Vec<String>,

    /// 绩效评定标准：某等级为月均预算的百分之几，如 --band 优秀=95（可重复；从优秀到及格依次减小）
    #[arg(long = "band", value_name = "等级=百分数")]
    pub bands: Vec<String>,

    /// 某等级的整改办法，如 --measure 差=约谈并加快支出进度（可重复）
    #[arg(long = "measure", value_name = "等级=整改办法")]
    pub measures: Vec<String>,

    /// 序时进度的算法：月（已过月数 ÷ 12，默认）或 天（已过天数 ÷ 全年天数）
    #[arg(long, value_name = "月|天")]
    pub progress: Option<String>,

    /// 截至日期：评价截至哪一天，如 2017-09-12，或 2017-09（该月最后一天）；默认为运行当天。还没过完的月份为“进行中”，不评定
    #[arg(long, value_name = "日期")]
    pub as_of: Option<String>,

    /// 分项预算（万元），如 --breakdown 工资福利支出=205.28（可重复）；结果中增加「分项执行」表
    #[arg(long = "breakdown", value_name = "名称=万元")]
    pub breakdown: Vec<String>,

    /// 结果文件放在这个目录（默认放在台账旁边）
    #[arg(long, value_name = "目录")]
    pub out_dir: Option<PathBuf>,

    /// 已有同名结果文件时覆盖它（默认另起新名，如“…_绩效自评(2).xlsx”）
    #[arg(long)]
    pub overwrite: bool,

    /// 不生成自评报告草稿（默认在工作簿旁生成「<台账名>_绩效自评报告.docx」）
    #[arg(long)]
    pub no_docx: bool,

    /// 另外生成一个汇总表（财政局用）：每个台账一行，按进度差异排序
    #[arg(long, value_name = "汇总表.xlsx")]
    pub summary: Option<PathBuf>,

    /// 每个台账评价用时的上限（秒，写 0 不限）；默认按文件大小定（15 秒起，每 MiB 加 2 秒），防止异常文件拖住整批
    #[arg(long, value_name = "秒")]
    pub time_limit: Option<String>,

    /// 每个台账评价可用内存的上限（MiB，写 0 不限）；默认按文件大小定（448 MiB 起）
    #[arg(long, value_name = "MiB")]
    pub memory_limit: Option<String>,

    /// 在标准输出打印 JSON 结果（提示信息仍输出到标准错误）
    #[arg(long)]
    pub json: bool,

    /// 显示帮助
    #[arg(short = 'h', long, action = ArgAction::Help)]
    help: Option<bool>,

    /// 显示版本
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

/// The order the settings' flags are checked in (the first of several broken
/// ones is named); a flag not listed comes after them.
const CHECK_ORDER: [&str; 17] = [
    "--budget",
    "--unit",
    "--year",
    "--sheet",
    "--header-row",
    "--date-col",
    "--amount-col",
    "--progress",
    "--as-of",
    "--account",
    "--exclude-account",
    "--breakdown",
    "--out-dir",
    "--no-docx",
    "--overwrite",
    "--band",
    "--measure",
];

/// The usage line every argument error ends with.
pub const USAGE_LINE: &str = "用法：jixiao [选项] <台账文件>...，例如：jixiao --budget 322.95 台账.xlsx；jixiao --help 查看全部选项";

/// A command-line error of clap said in Chinese, from its kind and the
/// argument it names (never from clap's English text): what is wrong, the
/// usage of the option concerned (its value and help line), and the general
/// usage line. `--help` and `--version` are not errors and are not said here.
pub fn argument_error_text(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::Strings(values)) => Some(values.join("、")),
        _ => None,
    };
    let invalid = text(ContextKind::InvalidArg);
    // `--budget <万元>` → `--budget`: the option as the user types it.
    let flag = invalid
        .as_deref()
        .and_then(|arg| arg.split([' ', '=']).next())
        .map(str::to_string);
    let value = text(ContextKind::InvalidValue);
    let suggested = text(ContextKind::SuggestedArg);
    let named = |flag: &Option<String>| flag.clone().unwrap_or_else(|| "参数".to_string());
    let (problem, about) = match error.kind() {
        ErrorKind::UnknownArgument => {
            let given = invalid.clone().unwrap_or_default();
            match &suggested {
                Some(similar) => (
                    format!("没有“{given}”这个选项，是不是要写 {similar}？"),
                    Some(similar.clone()),
                ),
                None if given.starts_with('-') && !given.starts_with("--") => (
                    format!("没有“{given}”这个选项；如果它是文件名，请写成 ./{given}"),
                    None,
                ),
                None if given.starts_with("--") => (format!("没有“{given}”这个选项"), None),
                None => (format!("多余的参数“{given}”"), None),
            }
        }
        ErrorKind::InvalidValue if value.as_deref().is_none_or(str::is_empty) => {
            (format!("{} 后面缺少值", named(&flag)), flag.clone())
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            format!(
                "{} 的值“{}”无效",
                named(&flag),
                value.clone().unwrap_or_default()
            ),
            flag.clone(),
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            match &value {
                Some(value) if !takes_value(flag.as_deref()) => (
                    format!("{} 后面不带值，却写了“{value}”", named(&flag)),
                    flag.clone(),
                ),
                _ => (format!("{} 的值个数不对", named(&flag)), flag.clone()),
            }
        }
        ErrorKind::NoEquals => (format!("{} 的值要用 = 连着写", named(&flag)), flag.clone()),
        ErrorKind::ArgumentConflict => (format!("{} 只能写一次", named(&flag)), flag.clone()),
        ErrorKind::MissingRequiredArgument => (
            "没有给出台账文件：请在选项后面写上台账文件（或文件夹）".to_string(),
            None,
        ),
        ErrorKind::InvalidUtf8 => (
            "参数中有无法识别的字符：请检查文件名或值的写法".to_string(),
            None,
        ),
        _ => ("参数的写法不对".to_string(), None),
    };
    let mut said = format!("参数有误：{problem}");
    if let Some(line) = about.as_deref().and_then(option_usage) {
        said.push_str(&format!("\n  {line}"));
    }
    said.push_str(&format!("\n{USAGE_LINE}"));
    said
}

/// The option's usage line from the help: `--budget <万元>  全年预算收入（万元）…`;
/// `None` for a name that is no option of jixiao's.
pub fn option_usage(flag: &str) -> Option<String> {
    use clap::CommandFactory;
    let long = flag.strip_prefix("--")?;
    let command = Cli::command();
    let arg = command
        .get_arguments()
        .find(|arg| arg.get_long() == Some(long))?;
    let value = arg
        .get_value_names()
        .and_then(|names| names.first())
        .filter(|_| takes_value(Some(flag)))
        .map(|name| format!(" <{name}>"))
        .unwrap_or_default();
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    Some(format!("--{long}{value}  {help}"))
}

/// True for an option that is followed by a value (`--budget 322.95`), false
/// for a switch (`--json`) or an unknown name.
fn takes_value(flag: Option<&str>) -> bool {
    use clap::CommandFactory;
    let Some(long) = flag.and_then(|f| f.strip_prefix("--")) else {
        return false;
    };
    Cli::command()
        .get_arguments()
        .find(|arg| arg.get_long() == Some(long))
        .is_some_and(|arg| {
            arg.get_num_args().is_some_and(|n| n.takes_values())
                || matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
        })
}

/// True when jixiao was started by a drop on jixiao.exe (or 打开方式): files
/// and folders only, no flag at all. `arguments` excludes the program's name.
pub fn started_by_drop(arguments: impl IntoIterator<Item = OsString>) -> bool {
    let mut any = false;
    for argument in arguments {
        if argument.to_string_lossy().starts_with('-') {
            return false;
        }
        any = true;
    }
    any
}

impl Cli {
    /// The flags as settings, checked by the rules every source is checked by.
    ///
    /// # Errors
    /// The first flag that breaks a rule, named (`参数 --year：…`).
    pub fn settings(&self) -> Result<Settings> {
        let mut raws = settings::from_flags(|flag| self.typed(flag))?;
        // Checked in the order flags have always been: of two flags that
        // break their rules, the same one is named first as before.
        raws.sort_by_key(|raw| match raw.place {
            Place::Flag(flag) => CHECK_ORDER
                .iter()
                .position(|f| *f == flag)
                .unwrap_or(CHECK_ORDER.len()),
            _ => CHECK_ORDER.len(),
        });
        settings::validate(raws)
    }

    /// What was typed after one flag of the settings table
    /// ([`settings::SETTINGS`]), each time it was given; one empty text for a
    /// switch that is on. The one place that knows which field holds which
    /// flag: clap's derive fields cannot be looked up by name, so
    /// `every_table_flag_reaches_its_setting` (cli/tests.rs) pins this.
    fn typed(&self, flag: &str) -> Vec<String> {
        let one = |value: &Option<String>| value.iter().cloned().collect();
        let on = |given: bool| {
            if given {
                vec![String::new()]
            } else {
                Vec::new()
            }
        };
        match flag {
            "--budget" => self.budget.clone(),
            "--year" => one(&self.year),
            "--unit" => one(&self.unit),
            "--sheet" => one(&self.sheet),
            "--header-row" => one(&self.header_row),
            "--date-col" => one(&self.date_col),
            "--amount-col" => one(&self.amount_col),
            "--account" => self.accounts.clone(),
            "--exclude-account" => self.exclude_accounts.clone(),
            "--band" => self.bands.clone(),
            "--measure" => self.measures.clone(),
            "--progress" => one(&self.progress),
            "--as-of" => one(&self.as_of),
            "--breakdown" => self.breakdown.clone(),
            "--out-dir" => self
                .out_dir
                .iter()
                .map(|folder| folder.to_string_lossy().into_owned())
                .collect(),
            "--overwrite" => on(self.overwrite),
            "--no-docx" => on(self.no_docx),
            // The caps (read by the supervisor) and how the run reports are no settings.
            _ => Vec::new(),
        }
    }
}

/// The environment variable that sets the run's date (`2017-09-12`), for
/// tests and for a report remade as on a given day; `--as-of` is the way for people.
pub const RUN_DATE_VARIABLE: &str = "JIXIAO_TODAY";

/// The date of the run, the default of 截至: [`RUN_DATE_VARIABLE`] when it
/// holds a date, else today in China Standard Time (UTC+8, the one time of
/// the departments jixiao serves, without daylight saving). The only place
/// jixiao reads the clock.
pub fn run_date() -> Option<crate::dates::CalendarDate> {
    if let Some(given) = std::env::var_os(RUN_DATE_VARIABLE) {
        if let Some(date) = given.to_str().and_then(crate::as_of::parse_as_of) {
            return Some(date);
        }
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let beijing = i64::try_from(seconds).ok()? + 8 * 3600;
    crate::as_of::date_from_days(beijing.div_euclid(86_400))
}

#[cfg(test)]
mod tests;

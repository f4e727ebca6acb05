//! The command line: arguments (clap derive, Chinese help) and the run that
//! prints progress to stderr and, with `--json`, one document to stdout.

use crate::batch::{process_file, Converted, Options};
use crate::budget::{parse_budget_arg, BudgetArg, Budgets};
use crate::console::{say, say_line};
use crate::json::{render, FileResult};
use crate::ledger::layout::{Overrides, Unit};
use crate::ledger::ReadOptions;
use clap::{ArgAction, Parser, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// 部门整体支出绩效自评：按月统计台账中的支出，依据年度预算评定绩效等级，并在台账旁生成「<台账名>_绩效自评.xlsx」。
#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    override_usage = "jixiao [选项] <台账文件>...",
    help_template = "{name} {version}\n{about}\n\n用法：{usage}\n\n参数：\n{positionals}\n\n选项：\n{options}\n\n示例：\n  jixiao --budget 322.95 2017年支出明细账.xlsx\n  jixiao --budget 322.95 --json 台账1.xlsx 台账2.xls\n"
)]
pub struct Cli {
    /// 台账文件（xlsx、xlsm、xls、xlsb、ods），可以一次给多个
    #[arg(required = true, value_name = "台账文件")]
    pub inputs: Vec<PathBuf>,

    /// 全年预算收入（万元），例如 322.95；台账含多个年度时分别写 --budget 2016=300 --budget 2017=322.95
    #[arg(long, value_name = "万元", value_parser = parse_budget_arg)]
    pub budget: Vec<BudgetArg>,

    /// 台账金额的单位；不指定时看表头或标题（如“单位：元”），都没写时明细账按元、月度表按万元
    #[arg(long, value_enum, value_name = "元|万元", hide_possible_values = true)]
    pub unit: Option<UnitArg>,

    /// 评价年度，例如 2017；台账含多个年度时必须指定
    #[arg(long, value_name = "年度", value_parser = clap::value_parser!(i32).range(1990..=2100))]
    pub year: Option<i32>,

    /// 只读取这个工作表（默认自动寻找；按月分表时读取各月工作表）
    #[arg(long, value_name = "工作表名")]
    pub sheet: Option<String>,

    /// 表头所在的行号（从 1 起），自动识别不出表头时使用
    #[arg(long, value_name = "行号", value_parser = parse_row_number)]
    pub header_row: Option<u32>,

    /// 日期列（列字母如 A，或从 1 起的列号）
    #[arg(long, value_name = "列", value_parser = parse_column)]
    pub date_col: Option<u32>,

    /// 金额列（列字母如 F，或从 1 起的列号）
    #[arg(long, value_name = "列", value_parser = parse_column)]
    pub amount_col: Option<u32>,

    /// 只统计这些科目（科目编码开头或名称中的文字，可重复），如 --account 7101 --account 7201
    #[arg(long = "account", value_name = "科目")]
    pub accounts: Vec<String>,

    /// 结果文件放在这个目录（默认放在台账旁边）
    #[arg(long, value_name = "目录")]
    pub out_dir: Option<PathBuf>,

    /// 已有同名结果文件时覆盖它（默认另起新名，如“…_绩效自评(2).xlsx”）
    #[arg(long)]
    pub overwrite: bool,

    /// 另外生成一个汇总表（财政局用）：每个台账一行，按进度差异排序
    #[arg(long, value_name = "汇总表.xlsx")]
    pub summary: Option<PathBuf>,

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

/// `--unit` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// 元
    #[value(name = "元", alias = "yuan")]
    Yuan,
    /// 万元
    #[value(name = "万元", alias = "wan")]
    Wan,
}

impl From<UnitArg> for Unit {
    fn from(unit: UnitArg) -> Self {
        match unit {
            UnitArg::Yuan => Unit::Yuan,
            UnitArg::Wan => Unit::Wan,
        }
    }
}

/// A 1-based row number, stored 0-based.
fn parse_row_number(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(row) if (1..=1_048_576).contains(&row) => Ok(row - 1),
        _ => Err(format!(
            "“{text}”不是有效的行号：请写 1 到 1048576 之间的数字，例如 4"
        )),
    }
}

/// A column as Excel names it (`A`, `F`, `AB`) or a 1-based number, stored 0-based.
fn parse_column(text: &str) -> Result<u32, String> {
    let refused = || format!("“{text}”不是有效的列：请写列字母（如 F）或从 1 起的列号（如 6）");
    let trimmed = text.trim();
    if let Ok(number) = trimmed.parse::<u32>() {
        return (1..=16_384)
            .contains(&number)
            .then(|| number - 1)
            .ok_or_else(refused);
    }
    if trimmed.is_empty() || trimmed.len() > 3 || !trimmed.chars().all(|c| c.is_ascii_alphabetic())
    {
        return Err(refused());
    }
    let number = trimmed
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1));
    (1..=16_384)
        .contains(&number)
        .then(|| number - 1)
        .ok_or_else(refused)
}

impl Cli {
    fn options(&self) -> anyhow::Result<Options> {
        Ok(Options {
            budgets: Budgets::from_args(&self.budget)?,
            read: ReadOptions {
                year: self.year,
                sheet: self.sheet.clone(),
                overrides: Overrides {
                    unit: self.unit.map(Unit::from),
                    header_row: self.header_row,
                    date_column: self.date_col,
                    amount_column: self.amount_col,
                },
                accounts: self.accounts.clone(),
            },
            out_dir: self.out_dir.clone(),
            overwrite: self.overwrite,
            exe_dir: std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(Path::to_path_buf)),
            output_stems: Default::default(),
            progress: crate::progress::Progress::off(),
        })
    }
}

/// Runs every input (folders expanded to their spreadsheets), in parallel where
/// there are several; the exit code is 0 only when all succeeded, 1 otherwise.
pub fn run(cli: &Cli) -> ExitCode {
    let options = match cli.options() {
        Ok(options) => options,
        Err(error) => {
            say_line(&format!("参数有误：{}", error_text(&error)));
            return ExitCode::from(2);
        }
    };
    let files = expand_inputs(&cli.inputs);
    let mut options = options;
    let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    options.output_stems = crate::batch::distinct_output_stems(&paths, options.out_dir.as_deref());
    if files.len() == 1 && std::io::stderr().is_terminal() {
        options.progress = crate::progress::Progress::on_terminal();
    }
    let outcomes = process_all(&files, &options);
    let failures: Vec<(&PathBuf, String)> = files
        .iter()
        .zip(&outcomes)
        .filter_map(|(file, outcome)| outcome.failed().map(|e| (&file.path, error_text(e))))
        .collect();
    let skipped = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Skipped(_)))
        .count();
    if files.len() > 1 {
        let done = files.len() - failures.len() - skipped;
        let mut summary = format!(
            "共 {} 个文件：完成 {done} 个，失败 {} 个",
            files.len(),
            failures.len()
        );
        if skipped > 0 {
            summary.push_str(&format!("，跳过 {skipped} 个（不是台账）"));
        }
        summary.push('。');
        for (path, reason) in &failures {
            summary.push_str(&format!("\n  失败：「{}」：{reason}", path.display()));
        }
        say_line(&summary);
    }
    let mut summary_path = None;
    let mut summary_failed = false;
    if let Some(path) = &cli.summary {
        match write_bureau_summary(path, &files, &outcomes, cli.overwrite) {
            Ok(written) => {
                say_line(&format!("✔ 已生成汇总表「{}」", written.display()));
                summary_path = Some(written);
            }
            Err(error) => {
                say_line(&format!("✘ 汇总表未能生成：{}", error_text(&error)));
                summary_failed = true;
            }
        }
    }
    if cli.json {
        let messages: Vec<Option<String>> = outcomes
            .iter()
            .map(|o| o.failed().map(error_text))
            .collect();
        let results: Vec<FileResult<'_>> = files
            .iter()
            .zip(&outcomes)
            .zip(&messages)
            .filter(|((_, outcome), _)| !matches!(outcome, Outcome::Skipped(_)))
            .map(|((file, outcome), message)| FileResult {
                input: &file.path,
                output: outcome.done().map(|c| c.output.as_path()),
                years: outcome
                    .done()
                    .map(|c| c.years.as_slice())
                    .unwrap_or_default(),
                error: message.as_deref(),
                warnings: outcome
                    .done()
                    .map(|c| c.warnings.as_slice())
                    .unwrap_or_default(),
                tie_out: outcome.done().map(|c| &c.tie_out),
            })
            .collect();
        let skipped: Vec<(&Path, &str)> = files
            .iter()
            .zip(&outcomes)
            .filter_map(|(file, outcome)| match outcome {
                Outcome::Skipped(why) => Some((file.path.as_path(), why.as_str())),
                _ => None,
            })
            .collect();
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(
            stdout,
            "{}",
            render(&results, &skipped, summary_path.as_deref())
        );
    }
    if failures.is_empty() && !summary_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes the bureau's summary of every processed ledger (its latest year) and
/// the failures; returns where it was written.
fn write_bureau_summary(
    path: &Path,
    files: &[InputFile],
    outcomes: &[Outcome],
    overwrite: bool,
) -> anyhow::Result<PathBuf> {
    use crate::report::summary::{build, SummaryEntry};
    let file_name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    for (file, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Done(converted) => {
                if let Some(year) = converted.years.last() {
                    let name = file_name(&file.path);
                    entries.push(SummaryEntry {
                        unit: converted.department.clone(),
                        file: name,
                        year,
                    });
                }
            }
            Outcome::Failed(error) => failed.push((file_name(&file.path), error_text(error))),
            Outcome::Skipped(_) => {}
        }
    }
    let bytes = build(&entries, &failed)?;
    // Never over an input, nor over a result this run has just written.
    let protected: Vec<&Path> = files
        .iter()
        .map(|f| f.path.as_path())
        .chain(
            outcomes
                .iter()
                .filter_map(|o| o.done())
                .map(|c| c.output.as_path()),
        )
        .collect();
    let (written, note) = crate::batch::write_summary(path, &protected, overwrite, &bytes)?;
    if let Some(note) = note {
        say_line(&format!("  注意：{note}"));
    }
    Ok(written)
}

/// One file to process, or a reason it cannot be (an empty folder).
pub struct InputFile {
    /// The file (or the folder that held none).
    pub path: PathBuf,
    /// Why there is nothing to process, when so.
    pub problem: Option<String>,
    /// Found in a folder (not named by the user): a file there that is not a
    /// ledger is skipped, not failed.
    pub from_folder: bool,
}

/// What is kept of a graded input until the batch ends (the JSON and the
/// bureau's summary): a few figures, never the ledger, so that a batch of
/// large ledgers holds at most one ledger per worker at a time.
pub struct Graded {
    /// Where the workbook was written.
    pub output: PathBuf,
    /// The graded year(s).
    pub years: Vec<crate::grade::GradedYear>,
    /// What a person should look at before trusting the result.
    pub warnings: Vec<crate::checks::Warning>,
    /// The comparisons with the book's own totals.
    pub tie_out: crate::tieout::TieOutLog,
    /// The department's name for the summary.
    pub department: String,
}

impl Graded {
    /// Keeps what the end of the batch needs of `converted`; the ledger is dropped.
    fn keep(converted: Converted, input: &Path) -> Self {
        let name = input.file_name().map_or_else(
            || input.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Self {
            department: crate::report::department(&converted.ledger, &name),
            output: converted.output,
            years: converted.years,
            warnings: converted.warnings,
            tie_out: converted.ledger.tie_out,
        }
    }
}

/// What came of one input.
pub enum Outcome {
    /// Graded and written.
    Done(Box<Graded>),
    /// Left alone: a file in a folder that is not a ledger, or jixiao's own result.
    Skipped(String),
    /// Could not be done, with why.
    Failed(anyhow::Error),
}

impl Outcome {
    /// The result, when the input was graded.
    pub fn done(&self) -> Option<&Graded> {
        match self {
            Outcome::Done(graded) => Some(graded),
            _ => None,
        }
    }

    /// The error, when the input failed.
    pub fn failed(&self) -> Option<&anyhow::Error> {
        match self {
            Outcome::Failed(error) => Some(error),
            _ => None,
        }
    }
}

/// The spreadsheet extensions a folder is searched for.
const SPREADSHEET_EXTENSIONS: [&str; 9] = [
    "xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "txt", "et", "htm",
];

/// Files stay as given; a folder becomes its spreadsheets, sorted by name,
/// leaving out jixiao's own results (`*_绩效自评*`), Excel's lock files (`~$…`)
/// and hidden or temporary files.
pub fn expand_inputs(inputs: &[PathBuf]) -> Vec<InputFile> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(InputFile {
                path: input.clone(),
                problem: None,
                from_folder: false,
            });
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        found.retain(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            path.is_file()
                && SPREADSHEET_EXTENSIONS.contains(&extension.as_str())
                && !name.contains(crate::batch::OUTPUT_SUFFIX)
                && !name.starts_with("~$")
                && !name.starts_with('.')
        });
        found.sort();
        if found.is_empty() {
            let problem = format!(
                "文件夹「{}」里没有台账文件（xlsx、xls、xlsb、ods、csv …）",
                input.display()
            );
            files.push(InputFile {
                path: input.clone(),
                problem: Some(problem),
                from_folder: false,
            });
        }
        files.extend(found.into_iter().map(|path| InputFile {
            path,
            problem: None,
            from_folder: true,
        }));
    }
    files
}

/// Ledgers processed at once.
const MAX_WORKERS: usize = 2;

/// Processes the files on up to [`MAX_WORKERS`] threads; each file's messages
/// are printed as one block as it finishes; the outcomes keep the files' order.
fn process_all(files: &[InputFile], options: &Options) -> Vec<Outcome> {
    // Two workers: each holds one ledger while it works (what is kept after is
    // a [`Graded`]), so a batch of large ledgers holds at most two at a time.
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS)
        .min(files.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<Outcome>>> =
        files.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(file) = files.get(index) else {
                    break;
                };
                let (outcome, report) = match process_one(file, options) {
                    Ok(converted) => {
                        let report = graded_report(&file.path, &converted);
                        let graded = Graded::keep(converted, &file.path);
                        (Outcome::Done(Box::new(graded)), report)
                    }
                    Err(outcome) => {
                        let report = file_report(&file.path, &outcome);
                        (outcome, report)
                    }
                };
                options.progress.clear();
                say(&report);
                if let Ok(mut slot) = slots[index].lock() {
                    *slot = Some(outcome);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Outcome::Failed(anyhow::anyhow!("内部错误：这个文件没有处理完")))
        })
        .collect()
}

/// One input, graded — or the outcome that it was not. In a folder,
/// jixiao's own results and summaries, and files that are not ledgers (a
/// 说明.txt), are skipped rather than failed.
fn process_one(file: &InputFile, options: &Options) -> Result<Converted, Outcome> {
    if let Some(problem) = &file.problem {
        return Err(Outcome::Failed(anyhow::anyhow!("{problem}")));
    }
    if file.from_folder && crate::read::sniff::made_by_jixiao(&file.path) {
        return Err(Outcome::Skipped(
            "jixiao 生成的结果或汇总表，不是台账".to_string(),
        ));
    }
    process_file(&file.path, options).map_err(|error| match error {
        // A text file in a folder that holds no table (说明.txt) is a note; a
        // workbook that cannot be read is somebody's ledger and fails visibly.
        error
            if file.from_folder
                && is_text_file(&file.path)
                && error.downcast_ref::<crate::read::NotALedger>().is_some() =>
        {
            Outcome::Skipped(format!("不是台账（{}）", error_text(&error)))
        }
        error => Outcome::Failed(error),
    })
}

/// True for the text extensions a note may have (txt, csv, htm).
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "txt" | "csv" | "htm" | "html"))
}

/// An error and its causes in one line, outermost first; errors of the
/// operating system and of the libraries are said in Chinese, with what to do.
pub fn error_text(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => crate::messages::io_error_text(io),
            None => crate::messages::library_error_text(&cause.to_string()),
        })
        .collect::<Vec<_>>()
        .join("：")
}

/// What the user reads about one file: what was detected, the grades, what was
/// left out, where the result is — or why it failed.
fn file_report(input: &Path, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done(graded) => format!("✔ 已生成「{}」\n\n", graded.output.display()),
        Outcome::Skipped(why) => format!("· 跳过「{}」：{why}\n\n", input.display()),
        Outcome::Failed(error) => format!(
            "✘ 「{}」未能完成：{}\n\n",
            input.display(),
            error_text(error)
        ),
    }
}

/// What the user reads about a graded file: what was detected, the grades,
/// what was left out, where the result is.
fn graded_report(input: &Path, converted: &Converted) -> String {
    let ledger = &converted.ledger;
    let mut text = format!("「{}」\n", input.display());
    for (label, line) in ledger.description() {
        text.push_str(&format!("  {label}：{line}\n"));
    }
    for year in &converted.years {
        let source = ledger.year_source.as_deref().unwrap_or("来自日期列");
        text.push_str(&format!(
            "  年度：{}（{}）；预算收入 {} 万元\n",
            year.year, source, year.rules.budget_wan
        ));
        let grades: Vec<String> = year
            .due_months()
            .map(|m| {
                format!(
                    "{}月 {} {}",
                    m.month,
                    crate::money::format_cents(m.amount_wan),
                    m.grade().map(|g| g.label()).unwrap_or_default()
                )
            })
            .collect();
        text.push_str(&format!("  评定：{}\n", grades.join("，")));
    }
    let attention = ledger.attention_count();
    text.push_str(&format!(
        "  读取 {} 行：计入 {} 笔，未计入 {} 行（其中需要检查 {attention} 行），明细见结果中的「数据检查」和「明细」\n",
        ledger.data_rows,
        ledger.entries.len(),
        ledger.left_out_count(),
    ));
    const SHOWN: usize = 10;
    for skipped in ledger
        .skipped
        .iter()
        .filter(|s| s.reason.needs_attention())
        .take(SHOWN)
    {
        text.push_str(&format!(
            "  需要检查 {}：{}\n",
            skipped.address, skipped.reason
        ));
    }
    if attention > SHOWN {
        text.push_str(&format!(
            "  ……另有 {} 行需要检查，见「数据检查」\n",
            attention - SHOWN
        ));
    }
    const MISMATCHES_SHOWN: usize = 5;
    for check in ledger
        .tie_out
        .checks
        .iter()
        .filter(|c| !c.ok())
        .take(MISMATCHES_SHOWN)
    {
        text.push_str(&format!("  ⚠ 勾稽不符 {}\n", check.line()));
    }
    for warning in &converted.warnings {
        text.push_str(&format!("  ⚠ {}\n", warning.text));
    }
    if let Some(note) = &converted.note {
        text.push_str(&format!("  注意：{note}\n"));
    }
    text.push_str(&format!("✔ 已生成「{}」\n\n", converted.output.display()));
    text
}

#[cfg(test)]
mod tests;

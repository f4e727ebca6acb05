//! One ledger → one result: open it, gather its settings, read it, grade it,
//! write the workbook beside it, and keep the few figures the console, the
//! `--json` document and the bureau's summary show.

use crate::advice::Advice;
use crate::budget::Budgets;
use crate::dates::CalendarDate;
use crate::grade::{grade_year_as_of, GradedYear};
use crate::ledger::layout::Overrides;
use crate::ledger::{read_ledger_with_rows, Ledger, ReadOptions};
use crate::read::spill::RowSpill;
use crate::read::{Row, Workbook};
use crate::report::detail::RowSource;
use crate::report::{build_workbook, ReportInput, SourceFacts};
use crate::settings::{self, Beside, Settings};
use crate::tieout::TieOutLog;
use crate::totals::monthly_totals;
use crate::warnings::Warning;
use crate::write::{self, Destination};
use anyhow::{anyhow, bail, Context, Result};
use std::collections::BTreeMap;
use std::fs::File;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// How a run is set up: what the command line gave, and how it was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The settings given as flags (the highest source).
    pub flags: Settings,
    /// Started by a drop on jixiao.exe (no flags): fixes are said as lines of `jixiao.toml`.
    pub dropped: bool,
    /// The folder of jixiao.exe, where a shared `jixiao.toml` may be.
    pub exe_dir: Option<PathBuf>,
    /// Output stems for inputs that would share a result name with an earlier
    /// input of the same run (see [`write::distinct_output_stems`]).
    pub output_stems: BTreeMap<PathBuf, String>,
    /// Where rows read and written are counted on screen (off unless set).
    pub progress: crate::progress::Progress,
    /// The results written so far in this run (see [`write::Claimed`]).
    pub claimed: std::sync::Arc<write::Claimed>,
    /// The date of the run, 截至's default (set by the CLI edge from
    /// [`crate::cli::run_date`]); `None`: every booked month is taken as ended.
    pub run_date: Option<CalendarDate>,
}

impl Options {
    /// How fixes are said for `input`.
    pub fn advice_for(&self, input: &Path) -> Advice {
        if self.dropped {
            Advice::SettingsFile(settings::template_path(input))
        } else {
            Advice::Flags
        }
    }
}

/// What is kept of a graded ledger: what the console, `--json` and the
/// bureau's summary show — a few figures, never the ledger, so that a batch of
/// large ledgers holds at most one ledger per worker at a time.
#[derive(Debug)]
pub struct Graded {
    /// Where the workbook was written.
    pub output: PathBuf,
    /// Where the 自评报告 draft was written, unless turned off or not writable.
    pub report_docx: Option<PathBuf>,
    /// Why the workbook is not at its usual place or name, or other notes.
    pub note: Option<String>,
    /// The graded year(s).
    pub years: Vec<GradedYear>,
    /// Where the year came from (`来自日期列`, `由 --year 参数指定` …).
    pub year_source: String,
    /// What a person should look at before trusting the result.
    pub warnings: Vec<Warning>,
    /// The comparisons with the book's own totals.
    pub tie_out: TieOutLog,
    /// The unit's name, from the settings or the ledger; `None` when neither
    /// names it (the file's name is never taken for it).
    pub department: Option<String>,
    /// What was detected, line by line (文件格式, 识别, 计入的科目 …).
    pub description: Vec<(&'static str, String)>,
    /// Rows read, amounts counted and left out, and the rows they stand in.
    pub rows: crate::ledger::RowCounts,
    /// The first of those: (address, reason).
    pub attention_rows: Vec<(String, String)>,
    /// Each setting given and where it came from.
    pub settings_used: Vec<(&'static str, String)>,
    /// The day the run reported on (截至), when there was one.
    pub as_of: Option<CalendarDate>,
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

/// Rows needing attention kept by name for the console.
const ATTENTION_ROWS_KEPT: usize = 10;

/// Processes one input completely; any error (or panic) is returned, never raised.
pub fn grade_file(input: &Path, options: &Options) -> Result<Graded> {
    match catch_unwind(AssertUnwindSafe(|| convert(input, options))) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(anyhow!("读取时遇到内部错误（{detail}），文件可能已损坏。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试"))
        }
    }
}

fn convert(input: &Path, options: &Options) -> Result<Graded> {
    if let Some(problem) = special_file_problem(input) {
        bail!("{problem}");
    }
    // Opened once: the settings sheet, the ledger and the 明细 stream all read it.
    let mut workbook = Workbook::open(input)?;
    workbook.set_progress(options.progress.clone());
    let advice = options.advice_for(input);
    let settings = settings_for(&mut workbook, input, options)?;
    let read = read_options(&settings, &advice, input);
    let (mut ledger, spill) = read_ledger_with_rows(&mut workbook, &read)?;
    if let Some(column) = &settings.amount_column {
        let counted = ledger.entries.len();
        if counted > 0 && ledger.entries.iter().all(|e| e.amount_yuan.is_zero()) {
            bail!(
                "{}的金额列 {} 在全部 {counted} 行都是空的或 0：请换成有金额的那一列",
                column.place.given_by(),
                crate::read::cell::column_name(column.value)
            );
        }
    }
    let mut totals = monthly_totals(&ledger);
    if totals.is_empty() {
        bail!(
            "在{}中没有找到可以计入的支出记录{}",
            ledger.layout(),
            read.year
                .map(|y| format!("（评价年度 {y}）"))
                .unwrap_or_default()
        );
    }
    let as_of = settings
        .as_of
        .as_ref()
        .map(|given| given.value)
        .or(options.run_date);
    if let Some(day) = as_of {
        refuse_lines_after(&totals, day, &settings, &advice)?;
    }
    // Every year the book holds, for 上年同期 (kept before a year is left out).
    let previous_years: Vec<crate::year_on_year::PreviousYear> = totals
        .iter()
        .filter_map(crate::year_on_year::PreviousYear::of)
        .collect();
    let mut years: Vec<i32> = totals.iter().map(|t| t.year).collect();
    let (budgets, budget_source) = choose_budgets(input, &settings, &years, &advice)?;
    let mut notes: Vec<String> = Vec::new();
    if years.len() > 1 && budgets.by_year.is_empty() && budgets.only_year.is_some() {
        // One budget for a book spanning two years (2016-09 … 2017-08) is the
        // budget of the latest year in it; the other years are listed, not graded.
        let graded = years[years.len() - 1];
        let others: Vec<String> = years
            .iter()
            .filter(|y| **y != graded)
            .map(ToString::to_string)
            .collect();
        let moved = ledger.keep_only_year(graded);
        let flags: Vec<String> = years.iter().map(|y| format!("--budget {y}=…")).collect();
        let lines: Vec<String> = years.iter().map(|y| format!("budget.{y} = …")).collect();
        let how = match budget_fix_place(&settings, &advice) {
            Some(place) => format!("在{place}分年度写预算"),
            None => advice.how(
                &format!("用 {}", flags.join(" ")),
                &format!("{}（代替 budget = … 这一行）", lines.join("、")),
            ),
        };
        notes.push(format!(
            "台账含 {} 年和 {graded} 年的数据，只给了一个预算：按 {graded} 年评价；{} 年的 {moved} 笔记录不在评价年度内，已列入未计入。如要评价其他年度，请{how}",
            others.join("、"),
            others.join("、"),
        ));
        totals = monthly_totals(&ledger);
        years = vec![graded];
    }
    let mut graded: Vec<GradedYear> = Vec::new();
    for (year_totals, budget) in totals.iter().zip(budgets.for_years(
        &years,
        &advice,
        budget_fix_place(&settings, &advice).as_deref(),
    )?) {
        match grade_year_as_of(year_totals, settings.rules(budget), as_of) {
            Some(mut year) => {
                year.previous = previous_years
                    .iter()
                    .find(|p| p.year == year.year - 1)
                    .filter(|p| year.shown_months().any(|m| p.month(m.month).is_some()))
                    .cloned();
                graded.push(year);
            }
            None if year_totals.last_month_with_data().is_some() => {
                return Err(nothing_ended(year_totals.year, as_of, &years, &advice));
            }
            None => {}
        }
    }
    // A budget in 元 or a ledger read in the wrong unit is refused before
    // anything is written (the grades would all be 差, or all 优秀).
    crate::plausibility::refuse_slips(&ledger, &graded, &settings, &advice)?;
    let breakdown = settings
        .breakdown
        .as_ref()
        .filter(|b| !b.value.is_empty())
        .and_then(|b| {
            graded
                .last()
                .map(|year| crate::breakdown::execute(&b.value, year))
        });
    let source = source_facts(input)?;
    let warnings = crate::warnings::warnings(
        &ledger,
        &graded,
        breakdown.as_ref().and_then(|b| b.warning.as_deref()),
        &advice,
    );
    // The unit's name: the settings', else the ledger's; never the file's.
    let department = settings
        .department(settings::DepartmentField::Name)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .or_else(|| crate::report::department(&ledger));
    let report = ReportInput {
        unit: department.as_deref(),
        source: &source,
        ledger: &ledger,
        years: &graded,
        budget_source: &budget_source,
        breakdown: breakdown.as_ref(),
        warnings: &warnings,
        progress: &options.progress,
    };
    let mut book = build_workbook(
        &report,
        &mut InputRows {
            workbook: &mut workbook,
            ledger: &ledger,
            spill: Some(spill),
        },
    )?;
    let stem = options
        .output_stems
        .get(input)
        .cloned()
        .unwrap_or_else(|| write::input_stem(input));
    let destination = Destination {
        out_dir: settings.out_dir.as_ref().map(|d| d.value.as_path()),
        exe_dir: options.exe_dir.as_deref(),
        stem,
        overwrite: settings.overwrite.as_ref().is_some_and(|o| o.value),
        advice: &advice,
        claimed: &options.claimed,
    };
    // Called alone (not through a run), the input is still never a result.
    options.claimed.protect_inputs(&[input]);
    let (output, note) = write::write_output(input, &destination, &mut book)?;
    notes.extend(note);
    // The 自评报告 draft beside the workbook. The workbook is the result the
    // bureau checks; a draft that cannot be written is said, not a failure.
    let report_docx = if settings.wants_docx() {
        let caveat = crate::warnings::conclusion_caveat(&warnings);
        let (count, sum_yuan, largest) = crate::report::check_sheet::unclassified_lines(&ledger, 3);
        let unclassified = crate::draft::Unclassified {
            count,
            sum_yuan,
            largest,
        };
        let draft = crate::draft::build(&crate::draft::DraftInput {
            department: department.as_deref().unwrap_or_default(),
            years: &graded,
            breakdown: breakdown.as_ref(),
            settings: &settings,
            warnings: &warnings,
            caveat: caveat.as_deref(),
            unclassified: Some(&unclassified),
        })
        .and_then(|bytes| {
            let folder = output.parent().unwrap_or(Path::new("."));
            write::write_draft(folder, &destination, &bytes)
        });
        match draft {
            Ok((path, note)) => {
                // Renamed like the workbook: one notice says it for both.
                if let Some(note) = note.filter(|n| !notes.contains(n)) {
                    notes.push(format!("自评报告草稿：{note}"));
                }
                Some(path)
            }
            Err(error) => {
                notes.push(format!(
                    "自评报告草稿未能生成（{}），工作簿已生成",
                    crate::messages::error_text(&error, &advice)
                ));
                None
            }
        }
    } else {
        None
    };
    Ok(Graded {
        department,
        output,
        report_docx,
        note: (!notes.is_empty()).then(|| notes.join("；")),
        year_source: ledger
            .year_source
            .clone()
            .unwrap_or_else(|| "来自日期列".to_string()),
        years: graded,
        warnings,
        description: ledger.description(),
        rows: crate::ledger::RowCounts::of(&ledger),
        attention_rows: ledger
            .skipped
            .iter()
            .filter(|s| s.reason.needs_attention())
            .take(ATTENTION_ROWS_KEPT)
            .map(|s| (s.address.clone(), s.reason.to_string()))
            .collect(),
        settings_used: settings.used(),
        tie_out: ledger.tie_out,
        as_of,
    })
}

/// Refuses a book with lines in a month after the as-of day: they would be
/// graded as if the month had ended, or cut. (Books keep a line's month, not
/// always its day, so a line later in the as-of month itself is not seen.)
fn refuse_lines_after(
    totals: &[crate::totals::MonthlyTotals],
    as_of: CalendarDate,
    settings: &Settings,
    advice: &Advice,
) -> Result<()> {
    let Some((year, month)) = crate::as_of::first_month_after(totals, as_of) else {
        return Ok(());
    };
    let (last_year, last_month) = totals
        .iter()
        .filter_map(|t| t.last_month_with_data().map(|m| (t.year, m)))
        .max()
        .unwrap_or((year, month));
    let end = crate::as_of::month_end(last_year, last_month).unwrap_or(as_of);
    let source = match &settings.as_of {
        Some(given) => given.place.given_by(),
        None => "即运行当天".to_string(),
    };
    let fix = match settings.as_of.as_ref().map(|given| &given.place) {
        Some(place @ (settings::Place::Sheet { .. } | settings::Place::File { .. })) => {
            format!("把{}中的截至日期改为 {end} 或更晚", place.describe())
        }
        _ => advice.how(
            &format!("用 --as-of {end} 把截至日期改为 {end} 或更晚"),
            &format!("as-of = {end}"),
        ),
    };
    bail!(
        "台账中有 {year} 年 {month} 月的支出记录，晚于截至日期 {}（{source}）：截至日期以后的记录既不能评定，也不会被略去。请{fix}，或核对这些记录的日期",
        crate::as_of::chinese(as_of)
    )
}

/// Why a year cannot be graded on the as-of day: its only booked month,
/// January, has not ended.
fn nothing_ended(
    year: i32,
    as_of: Option<CalendarDate>,
    years: &[i32],
    advice: &Advice,
) -> anyhow::Error {
    let day = as_of.map(crate::as_of::chinese).unwrap_or_default();
    let others: Vec<String> = years
        .iter()
        .filter(|y| **y != year)
        .map(ToString::to_string)
        .collect();
    let other = match others.last() {
        Some(last) => format!(
            "；如要评价 {} 年，请{}",
            others.join("、"),
            advice.how(&format!("用 --year {last}"), &format!("year = {last}"))
        ),
        None => String::new(),
    };
    anyhow!(
        "截至 {day}，{year} 年只有一月有支出记录，一月尚未结束（进行中），还没有可以评定的月份：请在一月结束后再评价，或{}{other}",
        advice.how(
            &format!("用 --as-of {year}-01 按一月已结束评价"),
            &format!("as-of = {year}-01-31")
        )
    )
}

/// Why `path` cannot be read as a ledger at all, found without opening it:
/// it is a folder (`d.xlsx`), a named pipe (reading one waits forever for a
/// writer), a device or a socket. `None` for a regular file, or one that
/// cannot be looked at (the reader then says why).
pub fn special_file_problem(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let kind = special_kind(&meta)?;
    let fix = if meta.is_dir() {
        "要评价其中的台账，请给出文件夹里的台账文件，或把文件夹改名（去掉扩展名）后再交给 jixiao"
    } else {
        "请给出 Excel、WPS 或 CSV 台账文件本身"
    };
    Some(format!(
        "「{}」是一个{kind}，不是台账文件，没有读取：{fix}",
        path.display()
    ))
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("文件夹");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("命名管道（FIFO）");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("设备文件");
        }
        if kind.is_socket() {
            return Some("套接字（socket）");
        }
    }
    Some("特殊文件")
}

/// The settings for one ledger, each source laid over the next: the flags,
/// its `参数` sheet, `jixiao.toml` beside it, `jixiao.toml` beside jixiao.exe.
fn settings_for(workbook: &mut Workbook, input: &Path, options: &Options) -> Result<Settings> {
    let mut merged = options.flags.clone();
    if let Some(sheet) = sheet_settings(workbook, input)? {
        merged = merged.over(sheet);
    }
    let beside_input = settings::template_path(input);
    let beside_exe = options
        .exe_dir
        .as_ref()
        .map(|dir| dir.join(settings::FILE_NAME))
        .filter(|exe| !write::same_file(exe, &beside_input));
    for (path, beside) in [
        (Some(beside_input), Beside::Ledger),
        (beside_exe, Beside::Exe),
    ] {
        let Some(path) = path.filter(|p| p.is_file()) else {
            continue;
        };
        let bytes = std::fs::read(&path)
            .with_context(|| format!("无法读取设置文件「{}」", path.display()))?;
        // Notepad saves UTF-8, UTF-16 (“Unicode”) or GBK (“ANSI”): all are read.
        let text = crate::read::text::decode_settings_text(&bytes);
        let raws = settings::from_toml(&text, &path, beside)?;
        merged = merged.over(settings::validate(raws)?);
    }
    merged.check()?;
    Ok(merged)
}

/// The settings in the input's `参数` sheet, when it has one.
fn sheet_settings(workbook: &mut Workbook, input: &Path) -> Result<Option<Settings>> {
    if !workbook
        .sheet_names()
        .iter()
        .any(|name| name == settings::SHEET_NAME)
    {
        return Ok(None);
    }
    let mut rows = Vec::new();
    workbook.visit_rows(settings::SHEET_NAME, &mut |row| {
        if let Some(name) = row.get(0).as_text() {
            rows.push((row.index, name.to_string(), row.get(1).clone()));
        }
        std::ops::ControlFlow::Continue(())
    })?;
    let file = input
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let folder = input
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let raws = settings::from_sheet(&rows, &file, folder)?;
    settings::validate(raws).map(Some)
}

/// How to read the ledger `input`, from the settings.
fn read_options(settings: &Settings, advice: &Advice, input: &Path) -> ReadOptions {
    ReadOptions {
        year: settings.year.as_ref().map(|y| y.value),
        sheet: settings.sheet.as_ref().map(|s| s.value.clone()),
        overrides: Overrides {
            unit: settings.unit.as_ref().map(|u| u.value),
            header_row: settings.header_row.as_ref().map(|r| r.value),
            date_column: settings.date_column.as_ref().map(|c| c.value),
            amount_column: settings.amount_column.as_ref().map(|c| c.value),
        },
        accounts: settings
            .accounts
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default(),
        year_given_by: settings.year.as_ref().map(|y| y.place.given_by()),
        accounts_given_by: settings.accounts.as_ref().map(|a| a.place.given_by()),
        exclude_accounts: settings
            .exclude_accounts
            .as_ref()
            .map(|a| a.value.clone())
            .unwrap_or_default(),
        exclude_accounts_given_by: settings
            .exclude_accounts
            .as_ref()
            .map(|a| a.place.given_by()),
        advice: advice.clone(),
        file_name: input
            .file_name()
            .map(|name| name.to_string_lossy().into_owned()),
    }
}

/// Where a missing budget must be written when it is not where `advice`
/// points: budgets are taken whole from one place, so a year missing from the
/// 参数 sheet (or from the toml beside jixiao.exe) is added there.
fn budget_fix_place(settings: &Settings, advice: &Advice) -> Option<String> {
    let place = &settings.budgets.as_ref()?.place;
    match (place, advice) {
        (settings::Place::Flag(_), _) => None,
        (settings::Place::File { path, .. }, Advice::SettingsFile(target)) if path == target => {
            None
        }
        (settings::Place::File { .. }, Advice::Flags) => Some(place.describe()),
        (settings::Place::Sheet { .. }, _) => Some(format!(
            "{}（A 列写“2017年预算”这样的名称，B 列写金额）",
            place.describe()
        )),
        (other, _) => Some(other.describe()),
    }
}

/// The budgets to grade with and where they came from. With none anywhere, a
/// commented `jixiao.toml` is written beside the input (never over a file)
/// and the message says to fill it in.
fn choose_budgets(
    input: &Path,
    settings: &Settings,
    years: &[i32],
    advice: &Advice,
) -> Result<(Budgets, String)> {
    if let Some(budgets) = &settings.budgets {
        return Ok((budgets.value.clone(), budgets.place.given_by()));
    }
    let or_flag = if advice.is_drop() {
        ""
    } else {
        "；也可以在命令行加 --budget 322.95"
    };
    let fill_in = if years.len() > 1 {
        let lines: Vec<String> = years.iter().map(|y| format!("budget.{y} = 0")).collect();
        format!("把 {} 中的 0 改为各年度的预算收入", lines.join("、"))
    } else {
        "把 budget = 0 改为全年预算收入".to_string()
    };
    match write::write_template(input, &settings::template(years))? {
        Some(path) => bail!(
            "没有找到年度预算。已在台账旁生成设置文件「{}」：请用{}打开，{fill_in}（万元，如 322.95），保存后再把台账拖到 {} 上{or_flag}",
            path.display(),
            crate::terminal::EDITOR,
            crate::terminal::PROGRAM
        ),
        None => bail!(
            "没有找到年度预算：请在设置文件「{}」中填写 budget = 全年预算收入（万元，如 322.95）{or_flag}",
            settings::template_path(input).display()
        ),
    }
}

/// The input's name, size and SHA-256 (read in chunks, never all at once).
fn source_facts(input: &Path) -> Result<SourceFacts> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = File::open(input).context("无法再次打开台账文件计算校验值")?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let read = file
            .read(&mut buffer)
            .context("无法读取台账文件计算校验值")?;
        if read == 0 {
            break;
        }
        size += read as u64;
        hasher.update(&buffer[..read]);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.display().to_string());
    Ok(SourceFacts { name, size, sha256 })
}

/// The rows of the input's read sheets again, for the `明细` sheet: from the
/// copy kept while reading, else (no temporary folder) from the input itself.
struct InputRows<'a> {
    workbook: &'a mut Workbook,
    ledger: &'a Ledger,
    spill: Option<RowSpill>,
}

impl RowSource for InputRows<'_> {
    fn for_each_row(&mut self, visit: &mut dyn FnMut(u16, Row)) -> Result<()> {
        if let Some(mut spill) = self.spill.take().filter(RowSpill::is_usable) {
            // Read back before anything is written: a copy that cannot be read
            // fails here, and the input is streamed instead.
            let mut rows_seen = false;
            let result = spill.replay(&mut |sheet, row| {
                rows_seen = true;
                visit(sheet, row);
            });
            match result {
                Ok(()) => return Ok(()),
                Err(error) if rows_seen => {
                    return Err(anyhow!(error)).context("读取临时副本失败，请重试")
                }
                Err(_) => {}
            }
        }
        for (index, layout) in self.ledger.sheets.iter().enumerate() {
            let sheet_index = u16::try_from(index).unwrap_or(u16::MAX);
            self.workbook.visit_rows(&layout.sheet, &mut |row| {
                if row.index > layout.header_row {
                    visit(sheet_index, row);
                }
                std::ops::ControlFlow::Continue(())
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;

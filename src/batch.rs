//! Running jixiao over the inputs: the only module that writes files.
//!
//! Each input goes read (keeping a copy of its rows for 明细) → totals →
//! grade → workbook, streamed into a temporary file → renamed into place
//! beside the input (or in `--out-dir`). A failing input is reported and the others
//! go on; a panic inside a dependency becomes that input's error.

use crate::budget::Budgets;
use crate::checks::Warning;
use crate::grade::{grade_year, GradedYear};
use crate::ledger::{read_ledger_with_rows, Ledger, ReadOptions};
use crate::read::spill::RowSpill;
use crate::read::{Row, Workbook};
use crate::report::detail::RowSource;
use crate::report::{build_workbook, ReportInput, SourceFacts};
use crate::rules::Grade;
use crate::rules::{Rules, SEED_PERCENTS};
use crate::settings::{self, Settings};
use crate::totals::monthly_totals;
use anyhow::{anyhow, bail, Context, Result};
use rust_decimal::Decimal;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use temp::TempFile;

/// The suffix of every output file's stem.
pub const OUTPUT_SUFFIX: &str = "_绩效自评";

/// How a run is set up (from the command line).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The budgets in 万元 (one year, or per year).
    pub budgets: Budgets,
    /// How to read the inputs (year, sheet, forced columns, accounts).
    pub read: ReadOptions,
    /// Where outputs go instead of beside each input.
    pub out_dir: Option<PathBuf>,
    /// Replace an existing output instead of choosing a new name.
    pub overwrite: bool,
    /// The folder of jixiao.exe, where a shared `jixiao.toml` may be.
    pub exe_dir: Option<PathBuf>,
    /// Output stems for inputs that would share a result name with an earlier
    /// input of the same run (see [`distinct_output_stems`]).
    pub output_stems: std::collections::BTreeMap<PathBuf, String>,
    /// Where rows read and written are counted on screen (off unless set).
    pub progress: crate::progress::Progress,
}

/// A successfully processed input.
#[derive(Debug)]
pub struct Converted {
    /// The ledger as read.
    pub ledger: Ledger,
    /// What a person should look at before trusting the result.
    pub warnings: Vec<Warning>,
    /// The graded year(s).
    pub years: Vec<GradedYear>,
    /// Where the workbook was written.
    pub output: PathBuf,
    /// Why the workbook is not at its usual place or name, when it is not.
    pub note: Option<String>,
}

/// Processes one input completely; any error (or panic) is returned, never raised.
pub fn process_file(input: &Path, options: &Options) -> Result<Converted> {
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

fn convert(input: &Path, options: &Options) -> Result<Converted> {
    // Opened once: the settings sheet, the ledger and the 明细 stream all read it.
    let mut workbook = Workbook::open(input)?;
    workbook.set_progress(options.progress.clone());
    let settings = settings::find(&mut workbook, input, options.exe_dir.as_deref())?;
    let mut read = options.read.clone();
    if read.accounts.is_empty() {
        read.accounts = settings
            .as_ref()
            .map(|s| s.accounts.clone())
            .unwrap_or_default();
    }
    let (mut ledger, spill) = read_ledger_with_rows(&mut workbook, &read)?;
    if let Some(column) = read.overrides.amount_column {
        let counted = ledger.entries.len();
        if counted > 0 && ledger.entries.iter().all(|e| e.amount_yuan.is_zero()) {
            bail!(
                "用 --amount-col 指定的金额列 {} 在全部 {counted} 行都是空的或 0：请换成有金额的那一列",
                crate::read::cell::column_name(column)
            );
        }
    }
    let mut totals = monthly_totals(&ledger);
    if totals.is_empty() {
        bail!(
            "在{}中没有找到可以计入的支出记录{}",
            ledger.layout(),
            options
                .read
                .year
                .map(|y| format!("（--year {y}）"))
                .unwrap_or_default()
        );
    }
    let mut years: Vec<i32> = totals.iter().map(|t| t.year).collect();
    let (budgets, budget_source) = choose_budgets(input, options, settings.as_ref(), &years)?;
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
        notes.push(format!(
            "台账含 {} 年和 {graded} 年的数据，只给了一个预算：按 {graded} 年评价；{} 年的 {moved} 笔记录不在评价年度内，已列入未计入。如要评价其他年度，请分年度给预算（--budget 2016=… --budget 2017=…）",
            others.join("、"),
            others.join("、")
        ));
        totals = monthly_totals(&ledger);
        years = vec![graded];
    }
    let graded: Vec<GradedYear> = totals
        .iter()
        .zip(budgets.for_years(&years)?)
        .filter_map(|(year_totals, budget)| {
            grade_year(year_totals, rules_for(budget, settings.as_ref()))
        })
        .collect();
    let breakdown = settings
        .as_ref()
        .filter(|s| !s.breakdown.is_empty())
        .and_then(|s| {
            graded
                .last()
                .map(|year| crate::breakdown::execute(&s.breakdown, year))
        });
    let source = source_facts(input)?;
    let warnings = crate::checks::warnings(
        &ledger,
        &graded,
        breakdown.as_ref().and_then(|b| b.warning.as_deref()),
    );
    let report = ReportInput {
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
    let (output, note) = write_output(input, options, &mut book)?;
    notes.extend(note);
    let note = (!notes.is_empty()).then(|| notes.join("；"));
    Ok(Converted {
        ledger,
        warnings,
        years: graded,
        output,
        note,
    })
}

/// The budgets to grade with and where they came from: `--budget` above all,
/// then the settings. With none anywhere, a commented `jixiao.toml` is written
/// beside the input (never over a file) and the message says to fill it in.
fn choose_budgets(
    input: &Path,
    options: &Options,
    settings: Option<&Settings>,
    years: &[i32],
) -> Result<(Budgets, String)> {
    if options.budgets.only_year.is_some() || !options.budgets.by_year.is_empty() {
        return Ok((options.budgets.clone(), "由 --budget 参数指定".to_string()));
    }
    if let Some(settings) = settings.filter(|s| s.has_budget()) {
        return Ok((settings.budgets.clone(), format!("来自{}", settings.source)));
    }
    match settings::write_template(input, years)? {
        Some(path) => bail!(
            "没有找到年度预算。已在台账旁生成设置文件「{}」：请用记事本打开，把 budget = 0 改为全年预算收入（万元，如 322.95），保存后再把台账拖到 jixiao.exe 上；也可以在命令行加 --budget 322.95",
            path.display()
        ),
        None => bail!(
            "没有找到年度预算：请在设置文件「{}」中填写 budget = 全年预算收入（万元，如 322.95），或在命令行加 --budget 322.95",
            settings::template_path(input).display()
        ),
    }
}

/// The rules for a budget: the seed's, or the bands, measures and 序时进度 basis the settings give.
fn rules_for(budget: Decimal, settings: Option<&Settings>) -> Rules {
    let Some(settings) = settings else {
        return Rules::from_budget(budget);
    };
    let grades = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Pass];
    let percents: [Decimal; 4] = std::array::from_fn(|i| {
        settings
            .percents
            .get(&grades[i])
            .copied()
            .unwrap_or(Decimal::from(SEED_PERCENTS[i]))
    });
    let measures = Grade::ALL.map(|g| {
        settings
            .measures
            .get(&g)
            .cloned()
            .unwrap_or_else(|| g.measure().to_string())
    });
    Rules::with_bands(budget, percents, measures, settings.progress)
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

/// The usual output path: `<stem>_绩效自评.xlsx` beside the input or in `out_dir`.
pub fn output_path(input: &Path, out_dir: Option<&Path>) -> PathBuf {
    let folder = out_dir
        .map(Path::to_path_buf)
        .or_else(|| input.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    folder.join(output_name(&input_stem(input), 1))
}

/// The stem of an input's result: the input's own stem.
fn input_stem(input: &Path) -> String {
    input
        .file_stem()
        .map_or_else(|| "台账".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Stems that keep every input of a run on a result name of its own. Two
/// inputs whose results would land on one name (`x.xlsx` and `x.csv` in one
/// folder; `a/台账.xlsx` and `b/台账.xlsx` with `--out-dir`) would otherwise
/// race for it, and with `--overwrite` one result would replace the other.
/// The first input in the run's order keeps its stem; each later one is
/// qualified by its extension (`x.csv`) or its folder (`台账（b）`), so the
/// names are the same from run to run whatever finishes first. File systems
/// that ignore case (Windows, FAT) are allowed for.
pub fn distinct_output_stems(
    inputs: &[&Path],
    out_dir: Option<&Path>,
) -> std::collections::BTreeMap<PathBuf, String> {
    use std::collections::{BTreeMap, HashSet};
    let mut taken: HashSet<String> = HashSet::new();
    let mut stems = BTreeMap::new();
    let folder_of = |input: &Path| {
        out_dir
            .map(Path::to_path_buf)
            .or_else(|| input.parent().map(Path::to_path_buf))
            .unwrap_or_default()
    };
    let key = |folder: &Path, stem: &str| format!("{}/{}", folder.display(), stem).to_lowercase();
    for input in inputs {
        let folder = folder_of(input);
        let plain = input_stem(input);
        if taken.insert(key(&folder, &plain)) {
            continue;
        }
        let extension = input
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = input
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut candidates = vec![
            format!("{plain}.{extension}"),
            format!("{plain}（{parent}）"),
        ];
        candidates.extend((2..1000).map(|n| format!("{plain}（{n}）")));
        if let Some(stem) = candidates
            .into_iter()
            .find(|candidate| taken.insert(key(&folder, candidate)))
        {
            stems.insert(input.to_path_buf(), stem);
        }
    }
    stems
}

/// `<stem>_绩效自评.xlsx`, or `<stem>_绩效自评(2).xlsx` for the second attempt.
fn output_name(stem: &str, attempt: u32) -> String {
    if attempt == 1 {
        format!("{stem}{OUTPUT_SUFFIX}.xlsx")
    } else {
        format!("{stem}{OUTPUT_SUFFIX}({attempt}).xlsx")
    }
}

/// Writes the workbook: into `--out-dir` when given, else beside the input,
/// falling back to jixiao.exe's folder when the input's folder cannot be
/// written. Returns the path and, when it is not the usual one, why.
fn write_output(
    input: &Path,
    options: &Options,
    book: &mut rust_xlsxwriter::Workbook,
) -> Result<(PathBuf, Option<String>)> {
    let folders: Vec<PathBuf> = match &options.out_dir {
        Some(dir) => vec![dir.clone()],
        None => {
            let beside = input
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let mut folders = vec![beside];
            folders.extend(
                options
                    .exe_dir
                    .clone()
                    .filter(|exe| !same_file(exe, &folders[0])),
            );
            folders
        }
    };
    let stem = options
        .output_stems
        .get(input)
        .cloned()
        .unwrap_or_else(|| input_stem(input));
    let name = |attempt: u32| output_name(&stem, attempt);
    // Saved once: a save that failed part-way (a full disk) is not tried again
    // in the next folder, where it would only fail the same way.
    let mut failed: Option<String> = None;
    let mut save = |file: &mut File| -> std::io::Result<()> {
        if let Some(reason) = &failed {
            return Err(std::io::Error::other(reason.clone()));
        }
        let result = save_workbook(book, file);
        if let Err(error) = &result {
            failed = Some(crate::messages::io_error_text(error));
        }
        result
    };
    write_in_folders_with(&name, &[input], &folders, options.overwrite, &mut save)
}

/// Streams the workbook into `file` (no copy of it in memory) and syncs it.
fn save_workbook(book: &mut rust_xlsxwriter::Workbook, file: &mut File) -> std::io::Result<()> {
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, &mut *file);
    book.save_to_writer(&mut writer)
        .map_err(|error| match error {
            rust_xlsxwriter::XlsxError::IoError(error) => error,
            other => std::io::Error::other(format!("生成工作簿失败：{other}")),
        })?;
    writer.flush()?;
    drop(writer);
    file.sync_all()
}

/// Writes the bureau's summary workbook at `path` (or `name(2).xlsx` … when taken,
/// unless `overwrite`), never over any of the `protected` files (the run's
/// inputs and results).
pub fn write_summary(
    path: &Path,
    protected: &[&Path],
    overwrite: bool,
    bytes: &[u8],
) -> Result<(PathBuf, Option<String>)> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let stem = path
        .file_stem()
        .map_or_else(|| "汇总".to_string(), |s| s.to_string_lossy().into_owned());
    let name = |attempt: u32| {
        if attempt == 1 {
            format!("{stem}.xlsx")
        } else {
            format!("{stem}({attempt}).xlsx")
        }
    };
    write_in_folders(
        &name,
        protected,
        &[folder],
        overwrite,
        bytes,
        write_all_synced,
    )
}

/// Tries each folder in turn; in a folder, the usual name, then `(2)`, `(3)` …
/// for names already taken (or, with `overwrite`, a file that cannot be replaced).
fn write_in_folders(
    name: &dyn Fn(u32) -> String,
    protected: &[&Path],
    folders: &[PathBuf],
    overwrite: bool,
    bytes: &[u8],
    write: fn(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<(PathBuf, Option<String>)> {
    write_in_folders_with(name, protected, folders, overwrite, &mut |file| {
        write(file, bytes)
    })
}

/// [`write_in_folders`] for content that `write` streams into the file.
fn write_in_folders_with(
    name: &dyn Fn(u32) -> String,
    protected: &[&Path],
    folders: &[PathBuf],
    overwrite: bool,
    write: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(PathBuf, Option<String>)> {
    let mut problems: Vec<String> = Vec::new();
    for folder in folders {
        if folder.is_file() {
            problems.push(format!("「{}」是一个文件，不是文件夹", folder.display()));
            continue;
        }
        if !folder.is_dir() {
            problems.push(format!("输出目录「{}」不存在", folder.display()));
            continue;
        }
        let temp = match TempFile::create_with(folder, write) {
            Ok(temp) => temp,
            Err(error) => {
                problems.push(format!("「{}」不能写入（{error}）", folder.display()));
                continue;
            }
        };
        let (path, note) = place(&temp, name, protected, folder, overwrite)?;
        let note = match (problems.is_empty(), note) {
            (true, note) => note,
            (false, _) => Some(format!(
                "{}，结果改存到「{}」",
                problems.join("；"),
                folder.display()
            )),
        };
        return Ok((path, note));
    }
    bail!(
        "结果文件无法写入：{}。请用 --out-dir 指定一个可以写入的文件夹",
        problems.join("；")
    )
}

/// Moves a written temporary file to its name in `folder`.
fn place(
    temp: &TempFile,
    name: &dyn Fn(u32) -> String,
    protected: &[&Path],
    folder: &Path,
    overwrite: bool,
) -> Result<(PathBuf, Option<String>)> {
    let mut note = None;
    for attempt in 1..=999 {
        let target = folder.join(name(attempt));
        if protected.iter().any(|input| same_file(&target, input)) {
            continue;
        }
        if overwrite && attempt == 1 {
            match temp.persist_replacing(&target) {
                Ok(()) => return Ok((target, None)),
                Err(_) if target.is_dir() => {
                    note = Some(format!(
                        "「{}」是一个同名的文件夹，不能覆盖，新结果另存为下面的文件名",
                        target.display()
                    ));
                    continue;
                }
                Err(error) => {
                    note = Some(format!(
                        "「{}」无法覆盖（可能正在 Excel 中打开：{}），新结果另存为下面的文件名",
                        target.display(),
                        crate::messages::io_error_text(&error)
                    ));
                    continue;
                }
            }
        }
        match temp.persist_new(&target) {
            Ok(()) => {
                let renamed = (attempt > 1).then(|| "同名结果文件已存在，没有覆盖，新结果另存为下面的文件名（要覆盖请加 --overwrite）".to_string());
                return Ok((target, note.or(renamed)));
            }
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => {
                return Err(anyhow!(error))
                    .with_context(|| format!("无法写入「{}」", target.display()))
            }
        }
    }
    bail!(
        "「{}」中已有太多同名结果文件。请清理后再试，或用 --overwrite 覆盖",
        folder.display()
    )
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn write_all_synced(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

pub mod temp;

#[cfg(test)]
mod tests;

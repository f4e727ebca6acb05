//! Test harness: temporary folders, running the binary, reading workbooks back.

use calamine::{open_workbook_auto, Data, Reader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// A folder under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh, empty folder whose name starts with `label`.
    pub fn new(label: &str) -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let unique = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!(
            "jixiao-test-{label}-{}-{unique}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The names of the files in the folder, sorted.
    pub fn file_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A path inside the repository.
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Runs the jixiao binary with `args`, and checks that every input it was given
/// (a file argument, or the files of a folder argument) is byte for byte what it
/// was before: jixiao never modifies its input.
pub fn jixiao<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    run_jixiao(Command::new(env!("CARGO_BIN_EXE_jixiao")), args)
}

/// [`jixiao`] as on the day `today` (`JIXIAO_TODAY`, the run's date and 截至's
/// default), so that nothing in its output depends on the clock.
pub fn jixiao_on<I, S>(today: &str, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    command.env("JIXIAO_TODAY", today);
    run_jixiao(command, args)
}

fn run_jixiao<I, S>(mut command: Command, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args
        .into_iter()
        .map(|a| a.as_ref().to_os_string())
        .collect();
    let before = input_snapshot(&args);
    let output = command.args(&args).output().unwrap();
    for (path, bytes) in before {
        assert_eq!(
            std::fs::read(&path).ok(),
            Some(bytes),
            "jixiao changed its input {}",
            path.display()
        );
    }
    output
}

/// The bytes of every input among `args`; jixiao's own results (which
/// `--overwrite` may replace) and the `--summary` target are not inputs.
fn input_snapshot(args: &[std::ffi::OsString]) -> Vec<(PathBuf, Vec<u8>)> {
    let is_result = |path: &Path| path.to_string_lossy().contains("_绩效自评");
    let mut files = Vec::new();
    let mut skip_next = false;
    for arg in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if arg == "--summary" || arg == "--out-dir" {
            skip_next = true;
            continue;
        }
        let path = PathBuf::from(arg);
        if path.is_file() {
            files.push(path);
        } else if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .filter(|p| p.is_file()),
            );
        }
    }
    files
        .into_iter()
        .filter(|p| !is_result(p))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// A cell as text: numbers as Rust prints them, dates as `yyyy-mm-dd`.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        other => other.to_string(),
    }
}

/// One sheet (the first when `sheet` is `None`) as rows of cell texts, from A1.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Vec<Vec<String>> {
    let mut workbook =
        open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = match sheet {
        Some(name) => name.to_string(),
        None => workbook.sheet_names()[0].clone(),
    };
    let range = workbook.worksheet_range(&name).unwrap();
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = vec![Vec::new(); top as usize];
    for cells in range.rows() {
        let mut row = vec![String::new(); left as usize];
        row.extend(cells.iter().map(cell_text));
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    rows
}

/// The sheet names of a workbook, in order.
pub fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// A cell of a fixture workbook.
#[derive(Clone, Copy)]
pub enum Fx<'a> {
    /// Text.
    S(&'a str),
    /// A number.
    N(f64),
    /// An Excel date cell (yyyy-mm-dd format).
    D(u16, u8, u8),
    /// Nothing.
    Blank,
}

/// Writes a one-sheet workbook of `rows` (from A1) to `path`.
pub fn write_fixture(path: &Path, sheet_name: &str, rows: &[Vec<Fx<'_>>]) {
    write_fixture_sheets(path, &[(sheet_name, rows)]);
}

/// Writes a workbook of several sheets, each from rows of fixture cells.
pub fn write_fixture_sheets(path: &Path, sheets: &[(&str, &[Vec<Fx<'_>>])]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (sheet_name, rows) in sheets {
        fill_sheet(workbook.add_worksheet(), sheet_name, rows);
    }
    workbook.save(path).unwrap();
}

fn fill_sheet(sheet: &mut rust_xlsxwriter::Worksheet, sheet_name: &str, rows: &[Vec<Fx<'_>>]) {
    sheet.set_name(sheet_name).unwrap();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match *cell {
                Fx::S(text) => {
                    sheet.write_string(r, c, text).unwrap();
                }
                Fx::N(number) => {
                    sheet.write_number(r, c, number).unwrap();
                }
                Fx::D(y, m, d) => {
                    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &date, &date_format)
                        .unwrap();
                }
                Fx::Blank => {}
            }
        }
    }
}

/// Runs jixiao with the seed's budget (322.95 万元) and `--json` on `input`,
/// writing the result into a fresh folder; returns the folder and the run.
pub fn run_with_seed_budget(input: &Path) -> (TempDir, Output) {
    let out = TempDir::new("seed-budget");
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        "--out-dir".as_ref(),
        out.path().as_os_str(),
        input.as_os_str(),
    ]);
    (out, output)
}

/// Parses the `--json` document a run printed.
pub fn json_of(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// stderr as text.
pub fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The 0-based column of `header` in a header row, found by name (the contract
/// is the names, not the positions).
pub fn column_of(header_row: &[String], header: &str) -> usize {
    header_row
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {header_row:?}"))
}

/// The 月份 / 支出金额（万元） / 绩效等级 columns of an output's 月度分析 sheet, below its header.
pub fn graded_months(output_workbook: &Path) -> Vec<(String, String, String)> {
    let rows = read_sheet(output_workbook, Some("月度分析"));
    let (month, amount, grade) = (
        column_of(&rows[0], "月份"),
        column_of(&rows[0], "支出金额（万元）"),
        column_of(&rows[0], "绩效等级"),
    );
    let cell = |row: &Vec<String>, column: usize| row.get(column).cloned().unwrap_or_default();
    rows[1..13]
        .iter()
        .map(|r| (cell(r, month), cell(r, amount), cell(r, grade)))
        .collect()
}

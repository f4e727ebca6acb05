//! The reading edge: the only module that touches calamine.
//!
//! A [`Workbook`] is opened read-only after [`sniff::detect_format`] has looked
//! at the content. Its sheets are streamed row by row as plain [`Row`]s of
//! [`CellValue`]s, so a million-row ledger is never held as a dense grid and a
//! file with three cells at the sheet's far corners costs three cells.

pub mod cell;
pub mod guard;
mod merges;
pub mod sniff;
pub mod spill;
pub mod text;

pub use cell::{CellValue, MergedRegion, Row};
pub use merges::MergedIndex;
pub use sniff::Format;

use anyhow::{anyhow, bail, Result};
use calamine::{Data, DataType, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};
use std::fs::File;
use std::io::BufReader;
use std::ops::ControlFlow;
use std::path::Path;

/// The name of the settings sheet a ledger workbook may hold (参数): read for
/// settings, never as part of the ledger.
pub const SETTINGS_SHEET: &str = "参数";

/// Most cells jixiao reads from one file: a 1,048,576-row ledger of 30 columns.
pub const MAX_CELLS: u64 = 31_457_280;
/// Excel's own row limit.
pub const MAX_ROWS: u32 = 1_048_576;
/// Excel's own column limit.
pub const MAX_COLUMNS: u32 = 16_384;

const RESAVE: &str = "请在 Excel 或 WPS 中打开该文件，另存为 .xlsx 后再试";

type FileReader = BufReader<File>;

/// The error of a file that is not a ledger at all: not a spreadsheet, or a
/// spreadsheet without a ledger's header. A batch over a folder skips such
/// files (a 说明.txt beside the ledgers) instead of failing on them.
#[derive(Debug)]
pub struct NotALedger(pub String);

impl std::fmt::Display for NotALedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotALedger {}

/// An opened workbook, ready to stream its sheets.
pub struct Workbook {
    format: Format,
    sheets: Vec<String>,
    inner: Inner,
    /// The file, for the merged-cell scan.
    path: std::path::PathBuf,
    /// Where rows read are counted on screen.
    progress: crate::progress::Progress,
}

enum Inner {
    Xlsx(Box<Xlsx<FileReader>>),
    Xlsb(Box<Xlsb<FileReader>>),
    Xls(Box<Xls<FileReader>>),
    Ods(Box<Ods<FileReader>>),
    Text(text::TextBook),
}

impl Workbook {
    /// Opens a workbook read-only after checking its content is a spreadsheet.
    ///
    /// Errors are Chinese messages that say what is wrong and what to do.
    pub fn open(path: &Path) -> Result<Self> {
        let format = sniff::detect_format(path)?;
        let opened = match format {
            Format::Xlsx => calamine::open_workbook(path)
                .map(|w| Inner::Xlsx(Box::new(w)))
                .map_err(|e: calamine::XlsxError| describe_open_error(&e)),
            Format::Xlsb => calamine::open_workbook(path)
                .map(|w| Inner::Xlsb(Box::new(w)))
                .map_err(|e: calamine::XlsbError| describe_open_error(&e)),
            // The guard may hand calamine a copy with a lying DIMENSIONS record corrected.
            Format::Xls => guard::open_xls(path).and_then(|file| {
                Xls::new(BufReader::new(file))
                    .map(|w| Inner::Xls(Box::new(w)))
                    .map_err(|e| describe_open_error(&e))
            }),
            Format::Ods => calamine::open_workbook(path)
                .map(|w| Inner::Ods(Box::new(w)))
                .map_err(|e: calamine::OdsError| describe_open_error(&e)),
            Format::Html | Format::Delimited => {
                let kind = if format == Format::Html {
                    text::TextKind::Html
                } else {
                    text::TextKind::Delimited
                };
                let stem = path
                    .file_stem()
                    .map_or_else(|| "表格".to_string(), |s| s.to_string_lossy().into_owned());
                // Only sniffed here (encoding, delimiter, tables); every visit streams the file.
                text::open_text_book(path, kind, &stem).map(Inner::Text)
            }
        };
        let inner = opened?;
        let metadata = match &inner {
            Inner::Xlsx(w) => w.sheets_metadata().to_vec(),
            Inner::Xlsb(w) => w.sheets_metadata().to_vec(),
            Inner::Xls(w) => w.sheets_metadata().to_vec(),
            Inner::Ods(w) => w.sheets_metadata().to_vec(),
            Inner::Text(_) => Vec::new(),
        };
        let sheets = match &inner {
            Inner::Text(book) => book.sheets.iter().map(|sheet| sheet.name.clone()).collect(),
            _ => metadata
                .into_iter()
                .filter(|sheet| sheet.typ == SheetType::WorkSheet)
                .map(|sheet| sheet.name)
                .collect(),
        };
        Ok(Self {
            format,
            sheets,
            inner,
            path: path.to_path_buf(),
            progress: crate::progress::Progress::off(),
        })
    }

    /// Shows the rows read on `progress` from now on.
    pub fn set_progress(&mut self, progress: crate::progress::Progress) {
        self.progress = progress;
    }

    /// The container format found by content.
    pub fn format(&self) -> Format {
        self.format
    }

    /// What the report says beside the format: for text files the encoding and
    /// delimiter found (`GBK`, `制表符`); for a WPS 表格 .et read as the xls it
    /// holds, that it is one.
    pub fn text_details(&self) -> Option<String> {
        match &self.inner {
            Inner::Xls(_) if sniff::is_wps_file(&self.path) => {
                Some("WPS 表格 .et 文件".to_string())
            }
            Inner::Text(book) => {
                let delimiter = match book.delimiter {
                    Some('\t') => "，制表符分隔",
                    Some(',') => "，逗号分隔",
                    Some(';') => "，分号分隔",
                    _ => "",
                };
                Some(format!("编码 {}{delimiter}", book.encoding))
            }
            _ => None,
        }
    }

    /// The names of the worksheets (chart and macro sheets left out), in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// The merged cells of a sheet (Excel merged ranges, HTML `rowspan` / `colspan`).
    ///
    /// A sheet whose merged cells cannot be read reports none: they only decide
    /// whether a blank date cell belongs to the line above it.
    pub fn merged_regions(&mut self, sheet: &str) -> Vec<MergedRegion> {
        let dimensions = match &mut self.inner {
            Inner::Xlsx(workbook) => match merges::xlsx_merged_regions(&self.path, sheet) {
                Some(regions) => return regions,
                None => workbook
                    .merge_cells_by_sheet_name(sheet)
                    .unwrap_or_default(),
            },
            Inner::Xls(workbook) => workbook
                .merge_cells_by_sheet_name(sheet)
                .unwrap_or_default(),
            Inner::Xlsb(_) | Inner::Ods(_) => Vec::new(),
            // Found by the pass over the page when it was opened, before any visit.
            Inner::Text(book) => {
                return book
                    .sheets
                    .iter()
                    .find(|s| s.name == sheet)
                    .map(|s| s.merged.clone())
                    .unwrap_or_default()
            }
        };
        dimensions
            .into_iter()
            .map(|d| MergedRegion {
                first_row: d.start.0,
                first_column: d.start.1,
                last_row: d.end.0,
                last_column: d.end.1,
            })
            .collect()
    }

    /// Streams one sheet's non-empty rows in order to `visit`, which may stop early.
    ///
    /// Rows are 0-based; a row with no non-empty cell is not visited.
    pub fn visit_rows(
        &mut self,
        sheet: &str,
        visit: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<()> {
        let sheet_error = |e: &dyn std::fmt::Display| {
            anyhow!("读取工作表「{sheet}」失败，文件可能已损坏（{e}）。{RESAVE}")
        };
        // Each pass over a sheet is bounded on its own: a sheet read twice (the
        // ledger, then 明细) is not counted twice against the limit.
        let mut cells_read = 0u64;
        let progress = self.progress.clone();
        let mut rows_read = 0u64;
        let mut counted = |row: Row| {
            rows_read += 1;
            progress.tick("读取", rows_read);
            visit(row)
        };
        let mut rows = RowAssembler::new(&mut cells_read, &mut counted);
        // A text file has no sheet grid: a csv of more lines than Excel's rows is valid.
        rows.text = matches!(self.inner, Inner::Text(_));
        match &mut self.inner {
            Inner::Xlsx(workbook) => {
                let mut reader = workbook
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| sheet_error(&e))?;
                // The declared dimension sizes the progress bar (it may lie; it only draws a bar).
                self.progress
                    .set_total(u64::from(reader.dimensions().end.0));
                while let Some(cell) = reader
                    .next_cell_with_formula()
                    .map_err(|e| sheet_error(&e))?
                {
                    let (row, column) = cell.pos;
                    let value = match (CellValue::from_calamine(&cell.value), cell.formula) {
                        (CellValue::Empty, Some(formula)) if !formula.is_empty() => {
                            CellValue::FormulaWithoutValue(formula)
                        }
                        (value, _) => value,
                    };
                    if rows.push(row, column, value)?.is_break() {
                        return Ok(());
                    }
                }
            }
            Inner::Xlsb(workbook) => {
                let mut reader = workbook
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| sheet_error(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&e))? {
                    let (row, column) = cell.get_position();
                    if rows
                        .push(row, column, CellValue::from_calamine(cell.get_value()))?
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
            Inner::Xls(workbook) => {
                let range = workbook
                    .worksheet_range(sheet)
                    .map_err(|e| sheet_error(&e))?;
                if rows.push_range(&range)?.is_break() {
                    return Ok(());
                }
            }
            Inner::Ods(workbook) => {
                let range = workbook
                    .worksheet_range(sheet)
                    .map_err(|e| sheet_error(&e))?;
                if rows.push_range(&range)?.is_break() {
                    return Ok(());
                }
            }
            Inner::Text(book) => {
                let Some(text_sheet) = book.sheets.iter().find(|s| s.name == sheet) else {
                    return Err(sheet_error(&"没有这个表"));
                };
                // The file is streamed again; each cell is handed over, never kept.
                let flow = book.visit(text_sheet, &mut |row, column, value| {
                    rows.push(row, column, value)
                })?;
                if flow.is_break() {
                    return Ok(());
                }
            }
        }
        rows.finish();
        Ok(())
    }
}

/// Why calamine could not open a workbook, as its error's variant says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenFailure {
    /// The workbook is encrypted with a password (calamine's `Password` variants).
    Password,
    /// An xls whose code page calamine does not know: a FILEPASS record it
    /// cannot decrypt (XOR obfuscation) leaves one, as does a foreign old format.
    UnknownCodePage,
    /// Anything else: damaged, or not what its content claims.
    Other,
}

/// An error of calamine's when it opens a workbook, by its variant.
trait CalamineOpenError: std::fmt::Display {
    fn failure(&self) -> OpenFailure;
}

impl CalamineOpenError for calamine::XlsxError {
    fn failure(&self) -> OpenFailure {
        match self {
            calamine::XlsxError::Password => OpenFailure::Password,
            _ => OpenFailure::Other,
        }
    }
}

impl CalamineOpenError for calamine::XlsbError {
    fn failure(&self) -> OpenFailure {
        match self {
            calamine::XlsbError::Password => OpenFailure::Password,
            _ => OpenFailure::Other,
        }
    }
}

impl CalamineOpenError for calamine::OdsError {
    fn failure(&self) -> OpenFailure {
        match self {
            calamine::OdsError::Password => OpenFailure::Password,
            _ => OpenFailure::Other,
        }
    }
}

impl CalamineOpenError for calamine::XlsError {
    fn failure(&self) -> OpenFailure {
        match self {
            calamine::XlsError::Password => OpenFailure::Password,
            // calamine's compound-file error type is private: which of its
            // variants this is shows only in its text (`Codepage 4E4 not
            // found`), pinned by guard/calamine/tests.rs.
            calamine::XlsError::Cfb(inner) if inner.to_string().starts_with("Codepage") => {
                OpenFailure::UnknownCodePage
            }
            _ => OpenFailure::Other,
        }
    }
}

/// Turns calamine's open errors into messages an accountant can act on.
fn describe_open_error(error: &impl CalamineOpenError) -> anyhow::Error {
    match error.failure() {
        OpenFailure::Password => anyhow!(
            "工作簿设置了密码保护，jixiao 无法读取。请在 Excel 中打开它，清除密码并保存后再试"
        ),
        OpenFailure::UnknownCodePage => anyhow!(
            "无法读取这个 xls 文件：它可能设置了密码，或是由其他软件生成的旧格式（{error}）。请在 Excel 中打开，清除密码后另存为 .xlsx 再试"
        ),
        OpenFailure::Other => {
            anyhow!("文件已损坏或格式不受支持，无法打开（{error}）。{RESAVE}")
        }
    }
}

/// Gathers streamed cells into rows, enforcing the size limits.
struct RowAssembler<'v> {
    cells_read: &'v mut u64,
    visit: &'v mut dyn FnMut(Row) -> ControlFlow<()>,
    current: Option<Row>,
    /// Rows of a text file: no Excel row limit applies.
    text: bool,
}

impl<'v> RowAssembler<'v> {
    fn new(cells_read: &'v mut u64, visit: &'v mut dyn FnMut(Row) -> ControlFlow<()>) -> Self {
        Self {
            cells_read,
            visit,
            current: None,
            text: false,
        }
    }

    /// Adds one cell; a cell of a new row hands the finished row to the visitor.
    fn push(&mut self, row: u32, column: u32, value: CellValue) -> Result<ControlFlow<()>> {
        if (row >= MAX_ROWS && !self.text) || column >= MAX_COLUMNS {
            bail!(
                "单元格位置超出 Excel 的上限（第 {} 行、第 {} 列），文件已损坏或是恶意构造的。{RESAVE}",
                u64::from(row) + 1,
                u64::from(column) + 1
            );
        }
        *self.cells_read += 1;
        if *self.cells_read > MAX_CELLS {
            bail!("工作表的单元格超过 {MAX_CELLS} 个，超出 jixiao 能处理的台账规模。请只保留支出明细所在的工作表（或按年度拆分）后再试");
        }
        if value.is_empty() {
            return Ok(ControlFlow::Continue(()));
        }
        if self
            .current
            .as_ref()
            .is_some_and(|current| current.index != row)
        {
            if let Some(finished) = self.current.take() {
                if (self.visit)(finished).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
        self.current
            .get_or_insert_with(|| Row::new(row))
            .push(column, value);
        Ok(ControlFlow::Continue(()))
    }

    /// Streams a dense calamine range (xls, ods) cell by cell.
    fn push_range(&mut self, range: &calamine::Range<Data>) -> Result<ControlFlow<()>> {
        let (top, left) = range.start().unwrap_or((0, 0));
        for (offset, cells) in range.rows().enumerate() {
            let row = top.saturating_add(offset as u32);
            for (column_offset, data) in cells.iter().enumerate() {
                if matches!(data, Data::Empty) {
                    continue;
                }
                let column = left.saturating_add(column_offset as u32);
                if self
                    .push(row, column, CellValue::from_calamine(data))?
                    .is_break()
                {
                    return Ok(ControlFlow::Break(()));
                }
            }
        }
        Ok(ControlFlow::Continue(()))
    }

    /// Hands the last row to the visitor.
    fn finish(mut self) {
        if let Some(last) = self.current.take() {
            let _ = (self.visit)(last);
        }
    }
}

impl CellValue {
    /// Converts a calamine cell value (`Data` of xls/ods ranges, `DataRef` of
    /// streamed xlsx/xlsb cells) through their common trait.
    fn from_calamine<T: DataType>(value: &T) -> Self {
        if let Some(text) = value.get_string() {
            CellValue::text(text)
        } else if let Some(number) = value.get_float() {
            CellValue::Number(number)
        } else if let Some(integer) = value.get_int() {
            CellValue::Number(integer as f64)
        } else if let Some(datetime) = value.get_datetime() {
            CellValue::from_excel_datetime(&datetime)
        } else if let Some(iso) = value.get_datetime_iso() {
            CellValue::from_iso_date(iso)
        } else if let Some(duration) = value.get_duration_iso() {
            CellValue::text(duration)
        } else if let Some(flag) = value.get_bool() {
            CellValue::Bool(flag)
        } else if let Some(error) = value.get_error() {
            CellValue::Error(error.to_string())
        } else {
            CellValue::Empty
        }
    }

    /// A date cell: calendar date when the serial is a real day (1904 system
    /// handled by calamine), else [`CellValue::InvalidDate`] with the serial.
    fn from_excel_datetime(value: &calamine::ExcelDateTime) -> Self {
        let serial = value.as_f64();
        if !value.is_datetime() {
            return CellValue::Number(serial);
        }
        // Serial 0 ("1900-01-00"), negatives, and 60 (the 1900-02-29 Excel
        // invents) are not days; neither is anything past 9999-12-31.
        if !(1.0..2_958_466.0).contains(&serial) {
            return CellValue::InvalidDate(serial);
        }
        let (year, month, day, ..) = value.to_ymd_hms_milli();
        match crate::dates::CalendarDate::new(i32::from(year), u32::from(month), u32::from(day)) {
            Some(date) => CellValue::Date(date),
            None => CellValue::InvalidDate(serial),
        }
    }

    fn from_iso_date(text: &str) -> Self {
        match crate::dates::parse_date_text(text) {
            Some(date) => CellValue::Date(date),
            None => CellValue::text(text),
        }
    }
}

#[cfg(test)]
mod tests;

//! Settings: every option jixiao takes, from wherever the user wrote it —
//! command-line flags, a `参数` sheet in the ledger, `jixiao.toml` beside the
//! ledger or beside jixiao.exe — through one parser into one value.
//!
//! Every setting is one row of the settings table ([`SETTINGS`]): its flag,
//! its `jixiao.toml` key, its `参数` names, its template lines, what it does;
//! the readers and the template are driven by it ([`table`] says what is
//! derived and what tests check against it instead).
//!
//! Each source is first turned into [`RawSetting`]s (a [`Key`], the value as
//! written, and its [`Place`]) by its reader ([`from_flags`], [`from_sheet`],
//! [`from_toml`]); [`validate`] checks them all by the same rules
//! and gives a [`Settings`] whose every value remembers where it came from;
//! [`Settings::over`] lays the sources over each other in the one precedence:
//! flags > 参数 sheet > toml beside the ledger > toml beside the exe > defaults.
//!
//! This module is pure: texts and rows in, values out. Reading the files and
//! the sheet, and writing the template, belong to the I/O edge (`pipeline`,
//! `write`).

mod flags;
mod names;
mod sheet;
pub mod spec;
pub mod table;
mod template;
mod toml_file;
mod validate;

pub use flags::from_flags;
pub use sheet::from_sheet;
pub use table::SETTINGS;
pub use template::template;
pub use toml_file::from_toml;
pub use validate::{validate, FlagError};

use crate::budget::Budgets;
use crate::dates::CalendarDate;
use crate::ledger::layout::Unit;
use crate::rules::{Grade, ProgressBasis, Rules, SEED_PERCENTS};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The settings file's name.
pub const FILE_NAME: &str = "jixiao.toml";
/// The name of the settings sheet inside a ledger workbook.
pub const SHEET_NAME: &str = crate::read::SETTINGS_SHEET;

/// Which `jixiao.toml` a setting was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Beside {
    /// The one in the ledger's folder.
    Ledger,
    /// The one in jixiao.exe's folder (shared by every ledger).
    Exe,
}

/// Where one setting was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A command-line flag (`--year`).
    Flag(&'static str),
    /// A cell of the ledger's `参数` sheet.
    Sheet {
        /// The ledger's file name.
        file: String,
        /// The value's cell (`B3`).
        cell: String,
        /// The setting's name as written in column A.
        name: String,
        /// The ledger's folder (a relative 结果目录 is relative to it).
        folder: PathBuf,
    },
    /// A line of a `jixiao.toml`.
    File {
        /// The file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// The key as written.
        key: String,
        /// Which of the two files.
        beside: Beside,
    },
}

impl Place {
    /// Where it came from, for the report of what was used: `命令行参数 --year`,
    /// `台账中的「参数」工作表`, `设置文件「D:\账\jixiao.toml」`,
    /// `jixiao.exe 旁的设置文件「…」`.
    pub fn describe(&self) -> String {
        match self {
            Place::Flag(flag) => format!("命令行参数 {flag}"),
            Place::Sheet { .. } => format!("台账中的「{SHEET_NAME}」工作表"),
            Place::File {
                path,
                beside: Beside::Ledger,
                ..
            } => format!("设置文件「{}」", path.display()),
            Place::File {
                path,
                beside: Beside::Exe,
                ..
            } => format!("jixiao.exe 旁的设置文件「{}」", path.display()),
        }
    }

    /// Where, in a few characters, for a list: `--band`, `参数!B3`, `jixiao.toml 第 7 行`.
    pub fn short(&self) -> String {
        match self {
            Place::Flag(flag) => flag.to_string(),
            Place::Sheet { cell, .. } => format!("{SHEET_NAME}!{cell}"),
            Place::File { line, .. } => format!("{FILE_NAME} 第 {line} 行"),
        }
    }

    /// Where it came from as the report says it: `由 --budget 参数指定`,
    /// `来自台账中的「参数」工作表`, `来自设置文件「…」`.
    pub fn given_by(&self) -> String {
        match self {
            Place::Flag(flag) => format!("由 {flag} 参数指定"),
            other => format!("来自{}", other.describe()),
        }
    }

    /// Exactly where, for an error: `命令行参数 --year`, `「台账.xlsx」的 参数!B3（年度）`,
    /// `设置文件「D:\账\jixiao.toml」第 7 行 year`.
    pub fn at(&self) -> String {
        match self {
            Place::Flag(flag) => format!("命令行参数 {flag}"),
            Place::Sheet {
                file, cell, name, ..
            } => {
                format!("「{file}」的 {SHEET_NAME}!{cell}（{name}）")
            }
            Place::File {
                path, line, key, ..
            } => format!("设置文件「{}」第 {line} 行 {key}", path.display()),
        }
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub place: Place,
}

/// What a setting is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// 预算收入 in 万元, for a year or for the ledger's only year.
    Budget(Option<i32>),
    /// The year to grade.
    Year,
    /// The unit of the ledger's amounts.
    Unit,
    /// The one sheet to read.
    Sheet,
    /// The header's row (1-based as written).
    HeaderRow,
    /// The date column.
    DateColumn,
    /// The amount column.
    AmountColumn,
    /// The accounts to count.
    Accounts,
    /// The accounts to leave out.
    ExcludeAccounts,
    /// A grade's percent of the monthly share.
    Band(Grade),
    /// A grade's 整改办法.
    Measure(Grade),
    /// How 序时进度 is measured.
    Progress,
    /// 截至: the day the run reports on (a month not ended on it is 进行中).
    AsOf,
    /// One line of the budget breakdown: its name, or `None` when the name is
    /// written with the amount (`--breakdown 工资福利支出=205.28`).
    Breakdown(Option<String>),
    /// The folder results go to.
    OutDir,
    /// Replace an existing result.
    Overwrite,
    /// Write the 自评报告 draft (docx) beside the workbook.
    Docx,
    /// Something only the department knows, for the 自评报告 draft.
    Department(DepartmentField),
}

/// What only the department knows, one paragraph each in the 自评报告 draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DepartmentField {
    /// 单位名称 (else taken from the ledger, else asked for: never the file name).
    Name,
    /// 主要职能.
    Functions,
    /// 机构情况及增减变动原因.
    Organisation,
    /// 人员情况及增减变动原因 (编制, 实有人数).
    Staff,
    /// 预算管理制度建设情况.
    Management,
    /// 其他需说明的情况.
    Other,
}

impl DepartmentField {
    /// Every field, in the report's order.
    pub const ALL: [DepartmentField; 6] = [
        DepartmentField::Name,
        DepartmentField::Functions,
        DepartmentField::Organisation,
        DepartmentField::Staff,
        DepartmentField::Management,
        DepartmentField::Other,
    ];

    /// The key under `[department]` in `jixiao.toml`.
    pub fn key(self) -> &'static str {
        match self {
            DepartmentField::Name => "name",
            DepartmentField::Functions => "functions",
            DepartmentField::Organisation => "organisation",
            DepartmentField::Staff => "staff",
            DepartmentField::Management => "management",
            DepartmentField::Other => "other",
        }
    }

    /// Its name in Chinese: in the 参数 sheet, the template and the draft's placeholders.
    pub fn label(self) -> &'static str {
        match self {
            DepartmentField::Name => "单位名称",
            DepartmentField::Functions => "主要职能",
            DepartmentField::Organisation => "机构情况",
            DepartmentField::Staff => "人员情况",
            DepartmentField::Management => "预算管理制度建设情况",
            DepartmentField::Other => "其他需说明的情况",
        }
    }
}

/// A value as written, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// Text (a flag's value is always text).
    Text(String),
    /// A number (a TOML literal read exactly, a cell's number to 6 decimals).
    Number(Decimal),
    /// True or false.
    Bool(bool),
    /// A list (`["7101", "7201"]`).
    List(Vec<RawValue>),
}

/// One setting as written, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RawSetting {
    /// What it is about.
    pub key: Key,
    /// The value as written.
    pub value: RawValue,
    /// Where it was written.
    pub place: Place,
}

/// Every setting, checked, each with where it came from; `None` is "not
/// given" (the default applies).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// Budgets in 万元 (one year, or per year), taken whole from one source.
    pub budgets: Option<Sourced<Budgets>>,
    /// The year to grade.
    pub year: Option<Sourced<i32>>,
    /// The unit of the ledger's amounts.
    pub unit: Option<Sourced<Unit>>,
    /// The one sheet to read.
    pub sheet: Option<Sourced<String>>,
    /// The header row, 0-based.
    pub header_row: Option<Sourced<u32>>,
    /// The date column, 0-based.
    pub date_column: Option<Sourced<u32>>,
    /// The amount column, 0-based.
    pub amount_column: Option<Sourced<u32>>,
    /// Accounts to count (code prefixes or names).
    pub accounts: Option<Sourced<Vec<String>>>,
    /// Accounts to leave out (code prefixes or names): 排除科目.
    pub exclude_accounts: Option<Sourced<Vec<String>>>,
    /// Percent of the monthly share per grade (优秀 … 及格), where given.
    pub bands: BTreeMap<Grade, Sourced<Decimal>>,
    /// 整改办法 per grade, where given.
    pub measures: BTreeMap<Grade, Sourced<String>>,
    /// How 序时进度 is measured.
    pub progress: Option<Sourced<ProgressBasis>>,
    /// 截至: the day the run reports on; the run's date when not given.
    pub as_of: Option<Sourced<CalendarDate>>,
    /// The budget split into lines (name, 万元), in order, taken whole from one source.
    pub breakdown: Option<Sourced<Vec<(String, Decimal)>>>,
    /// Where results go instead of beside the ledger.
    pub out_dir: Option<Sourced<PathBuf>>,
    /// Replace an existing result instead of choosing a new name.
    pub overwrite: Option<Sourced<bool>>,
    /// Write the 自评报告 draft beside the workbook (on unless turned off).
    pub docx: Option<Sourced<bool>>,
    /// What only the department knows, field by field.
    pub department: BTreeMap<DepartmentField, Sourced<String>>,
}

impl Settings {
    /// These settings laid over `lower` (a source further down the
    /// precedence): each setting given here wins; budgets and the breakdown
    /// are taken whole, bands and measures grade by grade.
    pub fn over(self, lower: Settings) -> Settings {
        let mut bands = lower.bands;
        bands.extend(self.bands);
        let mut measures = lower.measures;
        measures.extend(self.measures);
        let mut department = lower.department;
        department.extend(self.department);
        Settings {
            budgets: self.budgets.or(lower.budgets),
            year: self.year.or(lower.year),
            unit: self.unit.or(lower.unit),
            sheet: self.sheet.or(lower.sheet),
            header_row: self.header_row.or(lower.header_row),
            date_column: self.date_column.or(lower.date_column),
            amount_column: self.amount_column.or(lower.amount_column),
            accounts: self.accounts.or(lower.accounts),
            exclude_accounts: self.exclude_accounts.or(lower.exclude_accounts),
            bands,
            measures,
            progress: self.progress.or(lower.progress),
            as_of: self.as_of.or(lower.as_of),
            breakdown: self.breakdown.or(lower.breakdown),
            out_dir: self.out_dir.or(lower.out_dir),
            overwrite: self.overwrite.or(lower.overwrite),
            docx: self.docx.or(lower.docx),
            department,
        }
    }

    /// True unless the 自评报告 draft was turned off.
    pub fn wants_docx(&self) -> bool {
        self.docx.as_ref().is_none_or(|d| d.value)
    }

    /// A department field as given, or `None` (the draft then asks for it).
    pub fn department(&self, field: DepartmentField) -> Option<&str> {
        self.department.get(&field).map(|f| f.value.as_str())
    }

    /// The four percents (优秀 … 及格): those given, the seed's for the rest.
    pub fn percents(&self) -> [Decimal; 4] {
        let grades = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Pass];
        std::array::from_fn(|i| {
            self.bands
                .get(&grades[i])
                .map_or(Decimal::from(SEED_PERCENTS[i]), |band| band.value)
        })
    }

    /// The rules for one year's budget: the bands, measures and 序时进度
    /// basis given, the seed's where not.
    pub fn rules(&self, budget_wan: Decimal) -> Rules {
        let measures = Grade::ALL.map(|grade| {
            self.measures
                .get(&grade)
                .map_or_else(|| grade.measure().to_string(), |m| m.value.clone())
        });
        let progress = self.progress.as_ref().map(|p| p.value).unwrap_or_default();
        Rules::with_bands(budget_wan, self.percents(), measures, progress)
    }

    /// Each setting given and where it came from (`预算收入`, `设置文件「…」`),
    /// in the order of the settings table, for the report of what was used.
    pub fn used(&self) -> Vec<(&'static str, String)> {
        let mut used: Vec<(&'static str, String)> = Vec::new();
        for setting in SETTINGS.iter().filter_map(|spec| spec.used.as_ref()) {
            for place in distinct((setting.places)(self).into_iter()) {
                used.push((setting.label, place.describe()));
            }
        }
        used.dedup();
        used
    }
}

/// The places of several settings, each source once (in order).
fn distinct<'a>(places: impl Iterator<Item = &'a Place>) -> Vec<&'a Place> {
    let mut seen: Vec<&Place> = Vec::new();
    for place in places {
        if !seen.iter().any(|p| p.describe() == place.describe()) {
            seen.push(place);
        }
    }
    seen
}

/// The file a template would be written to, and drop-style messages point
/// at: `jixiao.toml` beside the input.
pub fn template_path(input: &Path) -> PathBuf {
    input.parent().unwrap_or(Path::new(".")).join(FILE_NAME)
}

#[cfg(test)]
mod tests;

//! The settings of one ledger, each source laid over the next (flags, its
//! 参数 sheet, jixiao.toml beside it, jixiao.toml beside jixiao.exe), and
//! how to read it under them.

use super::Options;
use crate::advice::Advice;
use crate::ledger::layout::Overrides;
use crate::ledger::ReadOptions;
use crate::read::Workbook;
use crate::settings::{self, Beside, Settings};
use crate::write;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The `jixiao.toml` files that apply to `input` and exist, the nearer first:
/// the one beside it, then the one beside jixiao.exe (when that is another file).
pub fn settings_files(input: &Path, exe_dir: Option<&Path>) -> Vec<(PathBuf, Beside)> {
    let beside_input = settings::template_path(input);
    let beside_exe = exe_dir
        .map(|dir| dir.join(settings::FILE_NAME))
        .filter(|exe| !write::same_file(exe, &beside_input));
    [
        (Some(beside_input), Beside::Ledger),
        (beside_exe, Beside::Exe),
    ]
    .into_iter()
    .filter_map(|(path, beside)| path.filter(|p| p.is_file()).map(|p| (p, beside)))
    .collect()
}

/// The settings for one ledger, each source laid over the next: the flags,
/// its `参数` sheet, `jixiao.toml` beside it, `jixiao.toml` beside jixiao.exe.
pub(super) fn settings_for(
    workbook: &mut Workbook,
    input: &Path,
    options: &Options,
) -> Result<Settings> {
    let mut merged = options.flags.clone();
    if let Some(sheet) = sheet_settings(workbook, input)? {
        merged = merged.over(sheet);
    }
    for (path, beside) in settings_files(input, options.exe_dir.as_deref()) {
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
pub(super) fn read_options(settings: &Settings, advice: &Advice, input: &Path) -> ReadOptions {
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
        year_from_month_sheets: false,
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

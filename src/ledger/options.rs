//! What the user told the reader of a ledger: the year, the sheet, the
//! columns and accounts given as settings, and how fixes are said.

use super::layout::Overrides;

/// What the user told the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The year to grade (`--year`, `year =`, 参数 年度); rows of other years are
    /// skipped. Also the year of layouts whose rows carry none (monthly tables,
    /// 月 | 日 columns).
    pub year: Option<i32>,
    /// The one sheet to read (`--sheet` or its setting).
    pub sheet: Option<String>,
    /// The unit, header row, date and amount columns given as settings.
    pub overrides: Overrides,
    /// Count only these accounts (code prefixes or names), given as settings.
    pub accounts: Vec<String>,
    /// The year is the month sheets' (a 汇总 sheet read beside them), not a
    /// setting's.
    pub year_from_month_sheets: bool,
    /// Where the accounts were given, for the report; `None` says the flag.
    pub accounts_given_by: Option<String>,
    /// Leave out these accounts (code prefixes or names), given as settings
    /// (`--exclude-account`, `exclude-accounts`, 参数 排除科目).
    pub exclude_accounts: Vec<String>,
    /// Where the accounts to leave out were given (`由 --exclude-account 参数指定`).
    pub exclude_accounts_given_by: Option<String>,
    /// How messages say a fix (a flag, or a line of `jixiao.toml`).
    pub advice: crate::advice::Advice,
    /// The ledger's file name (`2017年办公经费台账.xlsx`): a year in it is the
    /// year of rows that carry none, when the titles and sheet name give none.
    pub file_name: Option<String>,
}

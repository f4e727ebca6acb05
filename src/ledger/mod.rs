//! The ledger: every spending line of the sheets read, with where it came
//! from, and every line that was not counted, with why.
//!
//! [`read_ledger`] opens a workbook and chooses what to read: the sheets of a
//! book kept one sheet per month (a 汇总 sheet beside them is not counted
//! again), else the first sheet (or `--sheet`) with a recognisable header. Each
//! sheet is streamed; its layout is detected from the first rows and the rest
//! is parsed as it goes by ([`rows`]). Whole books are then narrowed to their
//! expenditure accounts ([`accounts`]). Nothing is dropped silently: every row
//! left out becomes a [`SkippedRow`] with its cell address and reason, and the
//! amounts reconcile to the cent ([`Ledger::reconciliation`]).

pub mod accounts;
mod closing;
mod counts;
pub mod layout;
pub mod left_out;
pub mod readings;
mod rows;
pub mod tieout;

use crate::classify::ItemId;
use crate::dates::parse_sheet_month;
use crate::money::format_cents;
use crate::read::spill::RowSpill;
use crate::read::{Format, MergedRegion, NotALedger, Row, Workbook};
use anyhow::{bail, Result};
pub use counts::RowCounts;
use layout::{Layout, Overrides, HEADER_SCAN_ROWS};
pub use rows::UnclassifiedText;
use rows::{SheetPart, SheetRows};
use rust_decimal::Decimal;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};
use std::ops::ControlFlow;
use std::path::Path;
use tieout::across::{common_unit, tie_out_year_to_date, EarlierSheets, SummarySheet};
use tieout::choice::{Candidate, Reading};
use tieout::BookFigure;
use tieout::TieOutLog;

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
    /// Where the year was given (`由 --year 参数指定`), for the report; `None`
    /// says the flag.
    pub year_given_by: Option<String>,
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

/// An account as a ledger names it: `510101` / `单位管理费用-办公费`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Account {
    /// The account code, digits only, when there is one.
    pub code: Option<String>,
    /// The account name as written.
    pub name: String,
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, self.name.is_empty()) {
            (Some(code), false) => write!(f, "{code} {}", self.name),
            (Some(code), true) => write!(f, "{code}"),
            (None, _) => write!(f, "{}", self.name),
        }
    }
}

/// Splits a leading code off a name: `5101 单位管理费用`, `[5101]单位管理费用`,
/// `510101-办公费` → (`5101…`, name).
pub fn split_code(text: &str) -> (Option<String>, String) {
    let trimmed = text.trim().trim_start_matches(['[', '【', '(', '（']);
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 3 {
        return (None, text.trim().to_string());
    }
    let rest = trimmed[digits.len()..]
        .trim_start_matches([']', '】', ')', '）', ' ', '-', '_', ':', '：', '\u{3000}'])
        .to_string();
    (Some(digits), rest)
}

/// One counted amount: a voucher line, a month of a monthly table, or a cell of a months-across table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The year it belongs to.
    pub year: i32,
    /// Its month, 1–12.
    pub month: u32,
    /// The spending in 元, exact to the cent (借方 − 贷方 where both exist).
    pub amount_yuan: Decimal,
    /// Index into [`Ledger::sheets`].
    pub sheet: u16,
    /// 0-based sheet row it came from.
    pub row: u32,
    /// The row's account, when it names one: read it with [`Entry::account_index`].
    /// (Stored as the index plus one: an entry is 48 bytes, and a million of
    /// them are most of what a run holds.)
    pub account: Option<NonZeroU32>,
    /// Economic classification (`None` for a monthly table's totals).
    pub item: Option<ItemId>,
    /// The voucher it belongs to, for the closing check: a 64-bit hash of its
    /// period and number, the same for every line of it wherever they stand
    /// (two numbers sharing a hash — odds under one in ten million for a million
    /// vouchers — would only be taken as one voucher by that check). Set on
    /// credits and on lines of closing counterpart accounts, when the sheet
    /// has a 凭证号 column; the other lines need none.
    pub voucher: Option<NonZeroU64>,
}

impl Entry {
    /// Index into [`Ledger::accounts`], when the row names an account.
    pub fn account_index(&self) -> Option<u32> {
        self.account.map(|id| id.get() - 1)
    }

    /// The stored form of an account index (see [`Entry::account`]).
    pub fn account_ref(index: Option<u32>) -> Option<NonZeroU32> {
        index.and_then(|i| NonZeroU32::new(i.checked_add(1)?))
    }
}

/// Why a row (or cell) was not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A total or balance line (合计, 累计, 期初余额, 过次页 …), with the text found.
    SummaryRow(String),
    /// A 合计 column of a months-across table.
    TotalColumn,
    /// A year-end closing entry (期末结转, 结转本年支出 …), with the text found.
    ClosingEntry(String),
    /// The row belongs to another year than the one graded.
    OtherYear(i32),
    /// An account that is not an expenditure account of this book.
    NotExpenditure(String),
    /// A parent account whose sub-accounts are counted.
    ParentAccount(String),
    /// An account known not to be spending: the account, and its class in
    /// words (`资产类科目`).
    NotSpending {
        /// The account as the book names it.
        account: String,
        /// Its class, as [`accounts::chart::Class::label`] says it.
        class: &'static str,
    },
    /// An account left out by the 排除科目 setting.
    ExcludedBySetting {
        /// The account as the book names it.
        account: String,
        /// Where the setting was given (`由 --exclude-account 参数指定`).
        given_by: String,
    },
    /// The date cell is not a date.
    UnreadableDate(String),
    /// The row's year is not known (月 | 日 columns with no year anywhere).
    YearUnknown,
    /// The month cell is not a month.
    UnreadableMonth(String),
    /// The amount cell is not an amount.
    UnreadableAmount(String),
    /// The amount is a formula without a computed value.
    FormulaWithoutValue(String),
    /// The month appears twice in a monthly table; the first row counts.
    DuplicateMonth(u32),
    /// Neither a date nor an amount: a note or continuation line.
    NoDateNorAmount,
    /// The header repeated inside the table (a new page or a new account's block).
    RepeatedHeader,
    /// A title row inside the table naming the account of the lines below it.
    AccountTitle(String),
    /// A title row naming the month of the lines below it (`一月份`).
    MonthTitle(String),
    /// A row of another table below the ledger, after blank rows, with that
    /// table's header (`月份 金额`).
    OtherTable(String),
    /// A trial balance whose title names a period of several months.
    PeriodSpansMonths,
    /// A trial balance whose title and sheet name name no period.
    PeriodUnknown,
    /// A line of a voided voucher (凭证状态 作废, 摘要 【作废】 …), with the text
    /// found: exports keep voided vouchers, which were never booked.
    Voided(String),
}

impl SkipReason {
    /// True when the user should look at the row (unreadable data), false when
    /// leaving it out is simply right (totals, other years, other accounts, notes).
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            SkipReason::UnreadableDate(_)
                | SkipReason::YearUnknown
                | SkipReason::UnreadableMonth(_)
                | SkipReason::UnreadableAmount(_)
                | SkipReason::FormulaWithoutValue(_)
                | SkipReason::DuplicateMonth(_)
                | SkipReason::PeriodSpansMonths
                | SkipReason::PeriodUnknown
        )
    }

    /// A short name for the kind of reason, for counts (合计行, 结转分录 …).
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::SummaryRow(_) => "合计/余额行",
            SkipReason::TotalColumn => "合计列",
            SkipReason::ClosingEntry(_) => "期末结转分录",
            SkipReason::OtherYear(_) => "其他年度",
            SkipReason::NotExpenditure(_) | SkipReason::NotSpending { .. } => "非支出科目",
            SkipReason::ExcludedBySetting { .. } => "按设置排除的科目",
            SkipReason::ParentAccount(_) => "上级科目",
            SkipReason::UnreadableDate(_) | SkipReason::YearUnknown => "日期无法识别",
            SkipReason::UnreadableMonth(_) => "月份无法识别",
            SkipReason::UnreadableAmount(_) => "金额无法识别",
            SkipReason::FormulaWithoutValue(_) => "公式无计算结果",
            SkipReason::DuplicateMonth(_) => "月份重复",
            SkipReason::NoDateNorAmount
            | SkipReason::RepeatedHeader
            | SkipReason::AccountTitle(_)
            | SkipReason::MonthTitle(_)
            | SkipReason::OtherTable(_) => "说明行",
            SkipReason::PeriodSpansMonths | SkipReason::PeriodUnknown => "期间无法按月确定",
            SkipReason::Voided(_) => "作废凭证",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::SummaryRow(word) => {
                write!(f, "合计/余额行（“{word}”），不是单笔支出，不重复计入")
            }
            SkipReason::TotalColumn => write!(f, "合计列，各月已分别计入，不重复计入"),
            SkipReason::ClosingEntry(word) => write!(f, "期末结转分录（“{word}”），不是支出"),
            SkipReason::OtherYear(year) => write!(f, "属于 {year} 年，不在本次评价的年度内"),
            SkipReason::NotExpenditure(account) => write!(f, "科目“{account}”不是支出科目，不计入"),
            SkipReason::ParentAccount(account) => {
                write!(f, "上级科目“{account}”，其明细科目已计入，不重复计入")
            }
            SkipReason::NotSpending { account, class } => {
                write!(f, "科目“{account}”是{class}，不是支出，不计入")
            }
            SkipReason::ExcludedBySetting { account, given_by } => {
                write!(f, "科目“{account}”按“排除科目”设置（{given_by}）不计入")
            }
            SkipReason::UnreadableDate(shown) => {
                write!(f, "日期无法识别：{shown}；请改为 2017-01-05 这样的日期")
            }
            SkipReason::YearUnknown => {
                write!(f, "不知道这一行属于哪一年；请指定评价年度")
            }
            SkipReason::UnreadableMonth(shown) => {
                write!(f, "月份无法识别：{shown}；请写成“一月”或“1月”")
            }
            SkipReason::UnreadableAmount(shown) => write!(f, "金额无法识别：{shown}；请改为数字"),
            SkipReason::FormulaWithoutValue(shown) => {
                write!(
                    f,
                    "金额是没有计算结果的{shown}；请在 Excel 中打开并保存一次后再试"
                )
            }
            SkipReason::DuplicateMonth(month) => {
                write!(f, "{month} 月重复出现，只计入第一行；请检查")
            }
            SkipReason::NoDateNorAmount => write!(f, "没有日期也没有金额（说明或续行）"),
            SkipReason::RepeatedHeader => write!(f, "重复的表头行（换页或换科目），不是支出"),
            SkipReason::AccountTitle(text) => {
                write!(f, "科目标题行（“{text}”）：其下各行属于这个科目")
            }
            SkipReason::MonthTitle(text) => {
                write!(f, "月份标题行（“{text}”）：其下各行属于这个月")
            }
            SkipReason::OtherTable(header) => write!(
                f,
                "台账下方空行之后的另一张表（表头“{header}”），不是台账的行，不计入"
            ),
            SkipReason::PeriodSpansMonths => write!(
                f,
                "科目余额表的期间跨多个月，无法分到各月；请按月导出科目余额表（每月一张工作表）"
            ),
            SkipReason::PeriodUnknown => write!(
                f,
                "科目余额表没有写期间；请在标题中写明“月份：2017.01”，或把工作表命名为“2017年1月”"
            ),
            SkipReason::Voided(text) => write!(f, "作废凭证（“{text}”），未记账，不计入"),
        }
    }
}

/// A row or cell that was read but not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The cell the reason is about, e.g. `明细账!G17`.
    pub address: String,
    /// Index into [`Ledger::sheets`].
    pub sheet: u16,
    /// 0-based sheet row.
    pub row: u32,
    /// Why it was left out.
    pub reason: SkipReason,
    /// Its amount in 元 when that could be read.
    pub amount_yuan: Option<Decimal>,
}

/// A sheet that was looked at but not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredSheet {
    /// The sheet's name.
    pub name: String,
    /// Why it was not read.
    pub reason: String,
}

/// The sums that prove nothing was lost: included + excluded = read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reconciliation {
    /// Every readable amount below the header(s), in 元.
    pub read_yuan: Decimal,
    /// The counted entries, in 元.
    pub included_yuan: Decimal,
    /// The rows and cells left out that had a readable amount, in 元.
    pub excluded_yuan: Decimal,
    /// Amount cells that could not be read at all (listed among the skipped rows).
    pub unreadable_cells: usize,
}

impl Reconciliation {
    /// True when included + excluded = read, to the cent.
    pub fn balances(&self) -> bool {
        self.included_yuan + self.excluded_yuan == self.read_yuan
    }
}

/// A read ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The container format found by content.
    pub format: Format,
    /// For text files, the encoding and delimiter found.
    pub format_detail: Option<String>,
    /// The layouts of the sheets read, in order.
    pub sheets: Vec<Layout>,
    /// Sheets looked at and not read (a 汇总 sheet beside monthly sheets …).
    pub ignored_sheets: Vec<IgnoredSheet>,
    /// Where the year came from when the rows carry none.
    pub year_source: Option<String>,
    /// Counted amounts, in sheet order.
    pub entries: Vec<Entry>,
    /// Rows not counted, in sheet order: the first
    /// [`left_out::KEPT_PER_REASON`] of each reason.
    pub skipped: Vec<SkippedRow>,
    /// Rows not counted past those, counted and summed (and named in 明细).
    pub skipped_beyond: left_out::LeftOutBeyond,
    /// The accounts named by rows (entries and skipped rows refer to them by index).
    pub accounts: Vec<Account>,
    /// Which accounts were counted and why, for whole books.
    pub account_rule: Option<String>,
    /// Data rows read below the header(s) (non-empty rows).
    pub data_rows: u64,
    /// Every readable amount below the header(s), in 元.
    pub read_yuan: Decimal,
    /// The comparisons with the book's own totals (勾稽).
    pub tie_out: TieOutLog,
    /// The 摘要 of the largest lines left 未归类支出 (a few per account and
    /// year, whichever are kept in the end), by sheet and row, for 数据检查.
    pub unclassified_texts: Vec<UnclassifiedText>,
    /// Where a sheet allowed more than one reading, the choice made and the
    /// readings' month totals.
    pub readings: Vec<tieout::ReadingChoice>,
}

impl Ledger {
    /// The first sheet's layout (every ledger has at least one).
    pub fn layout(&self) -> &Layout {
        &self.sheets[0]
    }

    /// What was read, in lines of (label, text) for the screen and the report:
    /// each sheet's layout, sheets not read, the account rule, the rows left
    /// out by kind, and the reconciliation.
    pub fn description(&self) -> Vec<(&'static str, String)> {
        let format = match &self.format_detail {
            Some(detail) => format!("{}（{detail}）", self.format.label()),
            None => self.format.label().to_string(),
        };
        let mut lines: Vec<(&'static str, String)> = vec![("文件格式", format)];
        lines.extend(
            self.sheets
                .iter()
                .map(|layout| ("识别", layout.to_string())),
        );
        for ignored in &self.ignored_sheets {
            lines.push((
                "未读取的工作表",
                format!("「{}」：{}", ignored.name, ignored.reason),
            ));
        }
        for choice in &self.readings {
            lines.push(("读法", choice.line()));
        }
        if let Some(rule) = &self.account_rule {
            lines.push(("计入的科目", rule.clone()));
        }
        let kinds = self.left_out_by_kind();
        if !kinds.is_empty() {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(kind, count, sum)| format!("{kind} {count} 处 {} 元", format_cents(*sum)))
                .collect();
            lines.push(("未计入", parts.join("；")));
        }
        lines.push(("勾稽", self.tie_out.summary()));
        let check = self.reconciliation();
        lines.push((
            "金额去向",
            format!(
                "读取金额 {} 元 = 计入 {} 元 + 未计入 {} 元{}{}",
                format_cents(check.read_yuan),
                format_cents(check.included_yuan),
                format_cents(check.excluded_yuan),
                if check.balances() {
                    "，一分不差（这只证明没有遗漏，不证明读对了列；读得对不对看上面的勾稽）"
                } else {
                    "，不相符！"
                },
                if check.unreadable_cells > 0 {
                    format!(
                        "；另有 {} 个金额单元格无法读取，见下表",
                        check.unreadable_cells
                    )
                } else {
                    String::new()
                }
            ),
        ));
        lines
    }

    /// Rows not counted, all of them (kept whole or only counted).
    pub fn left_out_count(&self) -> usize {
        self.skipped.len() + self.skipped_beyond.len()
    }

    /// Rows not counted that the user should look at (unreadable data).
    pub fn attention_count(&self) -> usize {
        self.skipped
            .iter()
            .filter(|s| s.reason.needs_attention())
            .count()
            + self
                .skipped_beyond
                .tallies()
                .filter(|(class, _)| class.attention)
                .map(|(_, tally)| tally.rows)
                .sum::<usize>()
    }

    /// Rows not counted by kind of reason (合计/余额行 …): (kind, rows, sum in 元),
    /// in the order the kinds are first met.
    pub fn left_out_by_kind(&self) -> Vec<(&'static str, usize, Decimal)> {
        let mut kinds: Vec<(&'static str, usize, Decimal)> = Vec::new();
        let mut add = |kind: &'static str, rows: usize, amount: Decimal| match kinds
            .iter_mut()
            .find(|(k, ..)| *k == kind)
        {
            Some((_, count, sum)) => {
                *count += rows;
                *sum += amount;
            }
            None => kinds.push((kind, rows, amount)),
        };
        for skipped in &self.skipped {
            add(
                skipped.reason.kind(),
                1,
                skipped.amount_yuan.unwrap_or_default(),
            );
        }
        for (class, tally) in self.skipped_beyond.tallies() {
            add(class.kind, tally.rows, tally.yuan);
        }
        kinds
    }

    /// Rows of other years left out: year → (rows, sum in 元).
    pub fn other_years_left_out(&self) -> std::collections::BTreeMap<i32, (usize, Decimal)> {
        let mut by_year: std::collections::BTreeMap<i32, (usize, Decimal)> = Default::default();
        for skipped in &self.skipped {
            if let SkipReason::OtherYear(year) = skipped.reason {
                let slot = by_year.entry(year).or_default();
                slot.0 += 1;
                slot.1 += skipped.amount_yuan.unwrap_or_default();
            }
        }
        for (class, tally) in self.skipped_beyond.tallies() {
            if let Some(year) = class.other_year {
                let slot = by_year.entry(year).or_default();
                slot.0 += tally.rows;
                slot.1 += tally.yuan;
            }
        }
        by_year
    }

    /// The absolute amounts left out for a problem (not totals, closing entries
    /// or other accounts, which are left out by design), in 元.
    pub fn left_out_for_problems_abs(&self) -> Decimal {
        let whole: Decimal = self
            .skipped
            .iter()
            .filter(|s| !left_out::ReasonClass::of(&s.reason).by_design)
            .filter_map(|s| s.amount_yuan)
            .map(|a| a.abs())
            .sum();
        whole
            + self
                .skipped_beyond
                .tallies()
                .filter(|(class, _)| !class.by_design)
                .map(|(_, tally)| tally.abs_yuan)
                .sum::<Decimal>()
    }

    /// Leaves out one row: kept whole while its reason has room, else counted.
    pub fn leave_out(&mut self, row: SkippedRow) {
        self.skipped_beyond.admit(&mut self.skipped, row);
    }

    /// Puts the rows left out back in sheet order (after rows were added by a later step).
    fn sort_left_out(&mut self) {
        self.skipped.sort_by_key(|s| (s.sheet, s.row));
        self.skipped_beyond.sort();
    }

    /// Leaves out every counted entry of a year other than `year` (a book that
    /// spans two years, graded for one of them); returns how many were moved.
    pub fn keep_only_year(&mut self, year: i32) -> usize {
        let mut moved = 0;
        // Filtered in place: the entries are never held twice.
        let Ledger {
            entries,
            skipped,
            skipped_beyond,
            sheets,
            ..
        } = self;
        entries.retain(|entry| {
            if entry.year == year {
                return true;
            }
            moved += 1;
            let layout = &sheets[usize::from(entry.sheet)];
            skipped_beyond.leave_out(
                skipped,
                (entry.sheet, entry.row),
                SkipReason::OtherYear(entry.year),
                Some(entry.amount_yuan),
                || {
                    let column = layout.kind.rules().date_column().unwrap_or(0);
                    crate::read::cell::cell_address(&layout.sheet, entry.row, column)
                },
            );
            false
        });
        self.entries.shrink_to_fit();
        self.sort_left_out();
        moved
    }

    /// Included, excluded and read sums.
    pub fn reconciliation(&self) -> Reconciliation {
        Reconciliation {
            read_yuan: self.read_yuan,
            included_yuan: self.entries.iter().map(|e| e.amount_yuan).sum(),
            excluded_yuan: self
                .skipped
                .iter()
                .filter_map(|s| s.amount_yuan)
                .sum::<Decimal>()
                + self
                    .skipped_beyond
                    .tallies()
                    .map(|(_, tally)| tally.yuan)
                    .sum::<Decimal>(),
            unreadable_cells: self
                .skipped
                .iter()
                .filter(|s| s.amount_yuan.is_none() && s.reason.needs_attention())
                .count()
                + self
                    .skipped_beyond
                    .tallies()
                    .filter(|(class, _)| class.attention)
                    .map(|(_, tally)| tally.without_amount)
                    .sum::<usize>(),
        }
    }
}

/// A counted `entry` left out after all, named at its account cell.
fn skipped_entry(ledger: &Ledger, entry: &Entry, reason: SkipReason) -> SkippedRow {
    SkippedRow {
        address: account_cell(&ledger.sheets, entry),
        sheet: entry.sheet,
        row: entry.row,
        reason,
        amount_yuan: Some(entry.amount_yuan),
    }
}

/// The address of a counted `entry`'s account cell.
fn account_cell(sheets: &[Layout], entry: &Entry) -> String {
    let layout = &sheets[entry.sheet as usize];
    let column = layout
        .other
        .account_code
        .or(layout.other.account_name)
        .unwrap_or(0);
    crate::read::cell::cell_address(&layout.sheet, entry.row, column)
}

/// Sheet names that hold a summary of the monthly sheets beside them.
fn is_summary_sheet(name: &str) -> bool {
    ["汇总", "合计", "全年", "总表", "年度", "累计"]
        .iter()
        .any(|w| name.contains(w))
}

/// Reads the ledger in a file.
///
/// # Errors
/// A Chinese message when the file is not a spreadsheet, is damaged, or no
/// sheet has a recognisable header; the message says what was looked for and
/// which flag forces it.
pub fn read_ledger(path: &Path, options: &ReadOptions) -> Result<Ledger> {
    read_ledger_from(&mut Workbook::open(path)?, options)
}

/// Reads the ledger in an already opened workbook (see [`read_ledger`]).
///
/// # Errors
/// As [`read_ledger`].
pub fn read_ledger_from(workbook: &mut Workbook, options: &ReadOptions) -> Result<Ledger> {
    read_ledger_recording(workbook, options, None).map(|(ledger, _)| ledger)
}

/// [`read_ledger_from`], keeping a copy of the rows read (those below each
/// read sheet's header, in order) for the `明细` sheet, so that it need not
/// parse the input a second time.
///
/// # Errors
/// As [`read_ledger_from`].
pub fn read_ledger_with_rows(
    workbook: &mut Workbook,
    options: &ReadOptions,
) -> Result<(Ledger, RowSpill)> {
    let (ledger, spill) = read_ledger_recording(workbook, options, Some(RowSpill::new()))?;
    Ok((ledger, spill.unwrap_or_default()))
}

fn read_ledger_recording(
    workbook: &mut Workbook,
    options: &ReadOptions,
    spill: Option<RowSpill>,
) -> Result<(Ledger, Option<RowSpill>)> {
    let names = workbook.sheet_names().to_vec();
    let mut builder = LedgerBuilder::new(workbook.format(), options);
    builder.spill = spill;
    builder.format_detail = workbook.text_details();
    if let Some(wanted) = &options.sheet {
        if wanted == crate::read::SETTINGS_SHEET {
            bail!(
                "「{wanted}」是设置表，不是台账：请{}",
                options.advice.how(
                    "用 --sheet 指定台账所在的工作表",
                    "sheet = \"台账所在的工作表名\""
                )
            );
        }
        if !names.contains(wanted) {
            bail!(
                "没有名为「{wanted}」的工作表。工作簿中的工作表有：「{}」",
                names.join("」「")
            );
        }
        if !builder.read_sheet(workbook, wanted, parse_sheet_month(wanted))? {
            return Err(NotALedger(no_header_message(
                std::slice::from_ref(wanted),
                builder.near_miss.as_ref(),
                &options.advice,
            ))
            .into());
        }
        return builder.finish_with_rows();
    }
    let month_sheets: Vec<(&String, Option<i32>, u32)> = names
        .iter()
        .filter_map(|name| parse_sheet_month(name).map(|(year, month)| (name, year, month)))
        .collect();
    if month_sheets.len() >= 2 {
        // 汇总 sheets are read after the month sheets, whose year they may
        // need; each keeps its place in the list of sheets not counted.
        let mut summaries: Vec<(&String, usize)> = Vec::new();
        for name in &names {
            match month_sheets.iter().find(|(n, ..)| *n == name) {
                Some((_, year, month)) => {
                    if !builder.read_sheet(workbook, name, Some((*year, *month)))? {
                        builder.ignore(
                            name,
                            format!("月份工作表，但前 {HEADER_SCAN_ROWS} 行中没有找到金额列表头"),
                        );
                    }
                }
                None if name == crate::read::SETTINGS_SHEET => {
                    builder.ignore(name, SETTINGS_SHEET_REASON.to_string());
                }
                None if is_summary_sheet(name) => {
                    summaries.push((name, builder.ignored_sheets.len()));
                }
                None => builder.ignore(
                    name,
                    "不是月份工作表（工作表名不是 1月、2017-01 这样的月份）".to_string(),
                ),
            }
        }
        for (placed, (name, place)) in summaries.into_iter().enumerate() {
            let reason = if builder.read_summary_sheet(workbook, name)? {
                "汇总表：各月工作表已分别计入，不重复计算；其各月数字用于勾稽"
            } else {
                "汇总表：各月工作表已分别计入，不重复计算"
            };
            builder.ignored_sheets.insert(
                place + placed,
                IgnoredSheet {
                    name: name.clone(),
                    reason: reason.to_string(),
                },
            );
        }
        if builder.sheets.is_empty() {
            return Err(NotALedger(no_header_message(
                &names,
                builder.near_miss.as_ref(),
                &options.advice,
            ))
            .into());
        }
        return builder.finish_with_rows();
    }
    let mut first = None;
    for (index, name) in names.iter().enumerate() {
        if name == crate::read::SETTINGS_SHEET {
            continue;
        }
        if builder.read_sheet(workbook, name, parse_sheet_month(name))? {
            first = Some(index);
            break;
        }
    }
    let Some(first) = first else {
        return Err(NotALedger(no_header_message(
            &names,
            builder.near_miss.as_ref(),
            &options.advice,
        ))
        .into());
    };
    for name in &names[..first] {
        if name == crate::read::SETTINGS_SHEET {
            builder.ignore(name, SETTINGS_SHEET_REASON.to_string());
        } else {
            builder.ignore(
                name,
                format!("前 {HEADER_SCAN_ROWS} 行中没有找到表头（空白表或说明）"),
            );
        }
    }
    // Sheets after it with the very same header are more of the same book (one
    // sheet per quarter, per account …); a 汇总 sheet is tied out; any other
    // sheet is named, never silently passed over.
    let first_name = names[first].clone();
    let first_headers = builder.sheets[0].headers.clone();
    for name in &names[first + 1..] {
        if name == crate::read::SETTINGS_SHEET {
            builder.ignore(name, SETTINGS_SHEET_REASON.to_string());
        } else if is_summary_sheet(name) && builder.read_summary_sheet(workbook, name)? {
            builder.ignore(name, "汇总表：不重复计入，其各月数字用于勾稽".to_string());
        } else {
            match builder.read_sheet_like(workbook, name, &first_headers)? {
                SheetRead::Read => {}
                SheetRead::Copy => builder.ignore(
                    name,
                    "开头几行与已读取的工作表相同，是副本，没有重复计入".to_string(),
                ),
                SheetRead::Other => builder.ignore(
                    name,
                    format!(
                        "表头与「{first_name}」不同，不是同一本账，没有读取；如要评价这个表，请{}",
                        options.advice.how(
                            &format!("用 --sheet {name} 指定"),
                            &format!("sheet = \"{name}\"")
                        )
                    ),
                ),
            }
        }
    }
    builder.finish_with_rows()
}

/// Why the 参数 sheet is not part of the ledger.
const SETTINGS_SHEET_REASON: &str = "设置表（预算等），已作为设置读取";

/// The refusal for a workbook without a recognisable header: where jixiao
/// looked, what it needs, what the row most like a header has and lacks, and
/// the setting lines that would make the file readable.
fn no_header_message(
    sheets: &[String],
    near_miss: Option<&(String, layout::near_miss::NearMiss)>,
    advice: &crate::advice::Advice,
) -> String {
    const NAMED: usize = 5;
    let searched = match sheets.len() {
        0 => "工作簿里没有工作表".to_string(),
        1..=NAMED => format!(
            "在工作表「{}」的前 {HEADER_SCAN_ROWS} 行中没有找到表头",
            sheets.join("」「")
        ),
        n => format!(
            "在工作表「{}」等 {n} 个工作表的前 {HEADER_SCAN_ROWS} 行中都没有找到表头",
            sheets[..NAMED].join("」「")
        ),
    };
    let how = match near_miss {
        Some((_, miss)) => layout::near_miss::fix_lines(miss, advice),
        None => advice.how(
        "用 --header-row 指定表头行、--date-col 指定日期列、--amount-col 指定金额列\
（如 --header-row 3 --date-col A --amount-col F），--sheet 指定工作表",
        "header-row = 3、date-col = \"A\"、amount-col = \"F\"（表头行、日期列、金额列，按台账改写），\
要读的工作表写 sheet = \"工作表名\"",
        ),
    };
    let found = near_miss
        .map(|(sheet, miss)| format!("工作表「{sheet}」{}。", miss.describe()))
        .unwrap_or_default();
    format!(
        "{searched}。{found}jixiao 需要一行表头，其中有日期列（日期、记账日期、制单日期…，或 年/月/日、会计期间）\
和金额列（金额、支出金额、借方金额、借方…），或者月份列（月份，下面是一月…十二月）和支出金额列，\
或者 1月…12月 横排的表头。如果表头用的是别的名称，可以{how}"
    )
}

/// What came of reading a sheet beside the first one.
enum SheetRead {
    /// Read as more of the same book.
    Read,
    /// A copy of a sheet already read (Excel's `明细账 (2)`), left out.
    Copy,
    /// Another table (its header differs), left out.
    Other,
}

/// Collects the sheets' results into one ledger.
struct LedgerBuilder<'o> {
    format: Format,
    format_detail: Option<String>,
    options: &'o ReadOptions,
    sheets: Vec<Layout>,
    ignored_sheets: Vec<IgnoredSheet>,
    year_source: Option<String>,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    skipped_beyond: left_out::LeftOutBeyond,
    accounts: accounts::AccountTable,
    data_rows: u64,
    read_yuan: Decimal,
    tie_out: TieOutLog,
    book_figures: Vec<BookFigure>,
    /// The 汇总 sheets' monthly figures, compared with every sheet's entries.
    summaries: Vec<SummarySheet>,
    /// The first data rows of each sheet read, to tell a copy of a sheet.
    openings: Vec<String>,
    /// Trial balances' 本年累计借方, compared with the months read.
    year_to_date: Vec<tieout::sheet::YearToDate>,
    /// Every line of the sheets read so far, per year: what a total spanning
    /// sheets (a month sheet's 本年累计) is compared with.
    earlier_sheets: EarlierSheets,
    /// The copy of the rows read, for 明细, when one is kept.
    spill: Option<RowSpill>,
    /// The largest 未归类支出 lines' 摘要.
    unclassified_texts: Vec<UnclassifiedText>,
    /// The choices made among readings of a sheet.
    readings: Vec<tieout::ReadingChoice>,
    /// The first sheet without a header: its name and the row most like one.
    near_miss: Option<(String, layout::near_miss::NearMiss)>,
}

impl<'o> LedgerBuilder<'o> {
    fn new(format: Format, options: &'o ReadOptions) -> Self {
        Self {
            format,
            format_detail: None,
            options,
            sheets: Vec::new(),
            ignored_sheets: Vec::new(),
            year_source: None,
            entries: Vec::new(),
            skipped: Vec::new(),
            skipped_beyond: left_out::LeftOutBeyond::default(),
            accounts: accounts::AccountTable::default(),
            data_rows: 0,
            read_yuan: Decimal::ZERO,
            tie_out: TieOutLog::default(),
            book_figures: Vec::new(),
            summaries: Vec::new(),
            openings: Vec::new(),
            year_to_date: Vec::new(),
            earlier_sheets: EarlierSheets::default(),
            spill: None,
            unclassified_texts: Vec::new(),
            readings: Vec::new(),
            near_miss: None,
        }
    }

    fn ignore(&mut self, name: &str, reason: String) {
        self.ignored_sheets.push(IgnoredSheet {
            name: name.to_string(),
            reason,
        });
    }

    /// Streams one sheet; false when no header was found in it.
    fn read_sheet(
        &mut self,
        workbook: &mut Workbook,
        name: &str,
        sheet_month: Option<(Option<i32>, u32)>,
    ) -> Result<bool> {
        let merged = workbook.merged_regions(name);
        let mut scan = SheetScan::new(name, sheet_month, self.options, self.sheets.len(), merged);
        scan.lend_spill(&mut self.spill);
        stream_sheet(workbook, name, &mut scan, &mut self.accounts)?;
        self.absorb(scan)
    }

    /// Streams a sheet only when its header is exactly `headers` (more of the
    /// same book) and it does not open like a sheet already read (a copy).
    fn read_sheet_like(
        &mut self,
        workbook: &mut Workbook,
        name: &str,
        headers: &[(u32, String)],
    ) -> Result<SheetRead> {
        let merged = workbook.merged_regions(name);
        let month = parse_sheet_month(name);
        let mut scan = SheetScan::new(name, month, self.options, self.sheets.len(), merged);
        scan.required_headers = Some(headers.to_vec());
        scan.openings_read = self.openings.clone();
        scan.lend_spill(&mut self.spill);
        stream_sheet(workbook, name, &mut scan, &mut self.accounts)?;
        // A short sheet is detected only now, at its end.
        if scan.parser.is_none() {
            scan.start_parsing(&mut self.accounts);
        }
        self.spill = scan.spill.take();
        if scan.is_copy {
            return Ok(SheetRead::Copy);
        }
        Ok(if self.absorb(scan)? {
            SheetRead::Read
        } else {
            SheetRead::Other
        })
    }

    /// Reads a 汇总 sheet beside month sheets for its monthly figures only: they
    /// are the book's own totals for each month, tied out once the month sheets
    /// are read. A 汇总 sheet that names no year takes the one year of the month
    /// sheets read; its unit, when it states none, is settled at the end (see
    /// [`SummarySheet::settle`]). False when the sheet has no recognisable table.
    fn read_summary_sheet(&mut self, workbook: &mut Workbook, name: &str) -> Result<bool> {
        let Some(part) = self.scan_summary(workbook, name, self.options)? else {
            return Ok(false);
        };
        let ((layout, part), year_taken) = match part {
            Ok(part) => (part, None),
            // No year of its own: the month sheets' year, when they have one.
            Err(()) => {
                let Some(year) = self.single_year_read() else {
                    return Ok(false);
                };
                let options = ReadOptions {
                    year: Some(year),
                    year_given_by: Some("取自各月工作表".to_string()),
                    ..self.options.clone()
                };
                match self.scan_summary(workbook, name, &options)? {
                    Some(Ok(part)) => (part, Some(year)),
                    _ => return Ok(false),
                }
            }
        };
        let mut months: std::collections::BTreeMap<(i32, u32), Decimal> = Default::default();
        for entry in &part.entries {
            *months.entry((entry.year, entry.month)).or_default() += entry.amount_yuan;
        }
        let figures = months
            .into_iter()
            .map(|((year, month), book_yuan)| BookFigure {
                what: format!("「{name}」表 {year} 年 {month} 月：各月工作表计入之和"),
                sheet: u16::MAX,
                year: Some(year),
                month: Some(month),
                book_yuan,
            })
            .collect();
        self.summaries.push(SummarySheet {
            figures,
            unit: layout.unit,
            unit_stated: layout.unit_source != layout::UnitSource::Default,
            year_taken,
        });
        Ok(true)
    }

    /// Scans a 汇总 sheet with `options`: `None` when it has no table,
    /// `Some(Err(()))` when its rows have no year.
    fn scan_summary(
        &self,
        workbook: &mut Workbook,
        name: &str,
        options: &ReadOptions,
    ) -> Result<Option<Result<(Layout, SheetPart), ()>>> {
        let merged = workbook.merged_regions(name);
        let mut scan = SheetScan::new(name, None, options, usize::from(u16::MAX), merged);
        let mut accounts = accounts::AccountTable::default();
        workbook.visit_rows(name, &mut |row| scan.feed(row, &mut accounts))?;
        if scan.parser.is_none() && !scan.start_parsing(&mut accounts) {
            return Ok(None);
        }
        let Some((layout, parser)) = scan.parser else {
            return Ok(None);
        };
        Ok(Some(
            parser
                .finish(&accounts)
                .map(|part| (layout, part))
                .map_err(|_| ()),
        ))
    }

    /// The year of every entry read so far, when they all have the same one.
    fn single_year_read(&self) -> Option<i32> {
        let first = self.entries.first()?.year;
        self.entries
            .iter()
            .all(|e| e.year == first)
            .then_some(first)
    }

    /// Adds a scanned sheet's rows; false when no header was found in it.
    fn absorb(&mut self, mut scan: SheetScan<'_>) -> Result<bool> {
        if let Some(spill) = scan.spill.take() {
            self.spill = Some(spill);
        }
        if scan.parser.is_none() {
            scan.spill = self.spill.take();
            let found = scan.start_parsing(&mut self.accounts);
            self.spill = scan.spill.take();
            if !found {
                if let (None, Some(miss)) = (&self.near_miss, scan.near_miss.take()) {
                    self.near_miss = Some((scan.name.clone(), miss));
                }
                return Ok(false);
            }
        }
        if let Some(opening) = scan.opening.take() {
            self.openings.push(opening);
        }
        let Some((layout, parser)) = scan.parser else {
            return Ok(false);
        };
        let first = (layout, parser.finish(&self.accounts)?);
        let mut parts: Vec<(Layout, SheetPart)> = std::iter::once(first)
            .chain(
                scan.alternates
                    .into_iter()
                    .filter_map(|(layout, alternate)| {
                        let part = alternate.finish(&self.accounts).ok()?;
                        Some((layout, part))
                    }),
            )
            .collect();
        let (kept, choice) = if parts.len() > 1 {
            let candidates = parts.iter().map(|(l, p)| candidate(l, p)).collect();
            tieout::choice::choose(&parts[0].0.sheet, candidates)
        } else {
            (0, None)
        };
        let (layout, part) = parts.swap_remove(kept);
        drop(parts);
        self.readings.extend(choice);
        if self.year_source.is_none() {
            self.year_source = part.year_source;
        }
        if let Some(spill) = self.spill.as_mut() {
            spill.commit_sheet(u16::try_from(self.sheets.len()).unwrap_or(u16::MAX));
        }
        self.sheets.push(layout);
        // The first sheet's entries are moved, not copied: a million-row
        // sheet's entries would otherwise be held twice for a moment.
        if self.entries.is_empty() {
            self.entries = part.entries;
        } else {
            self.entries.extend(part.entries);
        }
        self.skipped_beyond
            .absorb(&mut self.skipped, part.skipped, part.skipped_beyond);
        self.data_rows += part.data_rows;
        self.read_yuan += part.read_yuan;
        let totals = part.totals;
        self.tie_out.extend(totals.log);
        self.earlier_sheets
            .tie_out(totals.pending, totals.line_sums, &mut self.tie_out);
        self.book_figures.extend(totals.book_figures);
        self.year_to_date.extend(totals.year_to_date);
        self.unclassified_texts.extend(part.unclassified);
        Ok(true)
    }

    fn finish_with_rows(mut self) -> Result<(Ledger, Option<RowSpill>)> {
        let spill = self.spill.take();
        Ok((self.finish()?, spill))
    }

    fn finish(self) -> Result<Ledger> {
        let mut ledger = Ledger {
            format: self.format,
            format_detail: self.format_detail,
            sheets: self.sheets,
            ignored_sheets: self.ignored_sheets,
            year_source: self.year_source,
            entries: self.entries,
            skipped: self.skipped,
            skipped_beyond: self.skipped_beyond,
            accounts: self.accounts.into_accounts(),
            account_rule: None,
            data_rows: self.data_rows,
            read_yuan: self.read_yuan,
            tie_out: self.tie_out,
            unclassified_texts: self.unclassified_texts,
            readings: self.readings,
        };
        tie_out_year_to_date(&mut ledger, &self.year_to_date);
        closing::leave_out_closing_vouchers(&mut ledger);
        accounts::keep_expenditure(&mut ledger, self.options);
        ledger.sort_left_out();
        for figure in self.book_figures {
            ledger.tie_out.record(figure.compare(&ledger.entries));
        }
        let stated = common_unit(&ledger.sheets, true);
        let read_in = common_unit(&ledger.sheets, false);
        for summary in self.summaries {
            for check in summary.settle(stated, read_in, &ledger.entries) {
                ledger.tie_out.record(check);
            }
        }
        Ok(ledger)
    }
}

/// A sheet's reading as the tie-out chooses among readings: named by its
/// amount column, with its month totals and how the book's totals compared.
fn candidate(layout: &Layout, part: &SheetPart) -> Candidate {
    let column = readings::amount_column(layout);
    let lines = part
        .entries
        .iter()
        .filter(|e| !e.amount_yuan.is_zero())
        .count();
    Candidate {
        reading: Reading::of(
            column.map_or_else(String::new, |c| layout.describe_column(c)),
            &part.entries,
            &part.totals.log,
            &part.totals.book_figures,
        ),
        lines,
        letter: column.map_or_else(String::new, crate::read::cell::column_name),
    }
}

/// Streams sheet `name` into `scan`: the workbook is read (inflate, XML, cells)
/// on this thread while the rows are parsed on another, in chunks, in order —
/// on two cores the parsing costs no time of its own. A scan that stops (no
/// header) stops the reading a few chunks later.
fn stream_sheet(
    workbook: &mut Workbook,
    name: &str,
    scan: &mut SheetScan<'_>,
    accounts: &mut accounts::AccountTable,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, Ordering};
    const CHUNK: usize = 256;
    let stopped = AtomicBool::new(false);
    std::thread::scope(|threads| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Row>>(8);
        let parser = threads.spawn(|| {
            for chunk in receiver {
                for row in chunk {
                    if scan.feed(row, accounts).is_break() {
                        stopped.store(true, Ordering::Relaxed);
                        return;
                    }
                }
            }
        });
        let mut chunk: Vec<Row> = Vec::with_capacity(CHUNK);
        let read = workbook.visit_rows(name, &mut |row| {
            chunk.push(row);
            if chunk.len() == CHUNK {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if sender.send(full).is_err() {
                    return ControlFlow::Break(());
                }
            }
            if stopped.load(Ordering::Relaxed) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if !chunk.is_empty() && !stopped.load(Ordering::Relaxed) {
            let _ = sender.send(chunk);
        }
        drop(sender);
        if let Err(panic) = parser.join() {
            std::panic::resume_unwind(panic);
        }
        read
    })
}

/// Every cell of a row as shown, figures and dates included, for telling a
/// copy of a sheet from another sheet of the same book.
fn row_signature(row: &Row) -> String {
    row.cells()
        .map(|(column, value)| format!("{column}={}", value.display()))
        .collect::<Vec<_>>()
        .join("\t")
}

/// The state of reading one sheet: looking for the header, then parsing rows.
struct SheetScan<'o> {
    name: String,
    sheet_month: Option<(Option<i32>, u32)>,
    options: &'o ReadOptions,
    buffered: Vec<Row>,
    /// The sheet's layout and its rows as read under it.
    parser: Option<(Layout, SheetRows)>,
    /// The sheet read under its other readings (other amount columns), fed
    /// the same rows; the book's totals choose among them once it is read.
    alternates: Vec<(Layout, SheetRows)>,
    index: u16,
    merged: Vec<MergedRegion>,
    /// When set, the sheet is read only if its header is exactly this.
    required_headers: Option<Vec<(u32, String)>>,
    /// The first data rows, as text: a sheet that starts like an earlier one
    /// is a copy of it (Excel's `明细账 (2)`), not more of the book.
    opening: Option<String>,
    /// Openings of sheets already read; a sheet opening like one of them is a copy.
    openings_read: Vec<String>,
    /// True when the sheet was found to be a copy of one already read.
    is_copy: bool,
    /// When no header was found: the row most like one, and what it lacks.
    near_miss: Option<layout::near_miss::NearMiss>,
    /// The copy of the rows read, lent by the builder while this sheet is read.
    spill: Option<RowSpill>,
}

impl<'o> SheetScan<'o> {
    fn new(
        name: &str,
        sheet_month: Option<(Option<i32>, u32)>,
        options: &'o ReadOptions,
        index: usize,
        merged: Vec<MergedRegion>,
    ) -> Self {
        Self {
            merged,
            required_headers: None,
            opening: None,
            openings_read: Vec::new(),
            is_copy: false,
            near_miss: None,
            spill: None,
            name: name.to_string(),
            sheet_month,
            options,
            buffered: Vec::new(),
            parser: None,
            alternates: Vec::new(),
            index: u16::try_from(index).unwrap_or(u16::MAX),
        }
    }

    /// Takes the builder's copy of the rows, if any, to record this sheet's rows in it.
    fn lend_spill(&mut self, spill: &mut Option<RowSpill>) {
        self.spill = spill.take();
        if let Some(spill) = self.spill.as_mut() {
            spill.begin_sheet();
        }
    }

    /// Takes one streamed row; stops the stream when the sheet has no header.
    fn feed(&mut self, row: Row, accounts: &mut accounts::AccountTable) -> ControlFlow<()> {
        if let Some((_, parser)) = &mut self.parser {
            parser.parse(&row, accounts);
            for (_, alternate) in &mut self.alternates {
                alternate.parse(&row, accounts);
            }
            if let Some(spill) = self.spill.as_mut() {
                spill.record(&row);
            }
            return ControlFlow::Continue(());
        }
        self.buffered.push(row);
        if self.buffered.len() < HEADER_SCAN_ROWS {
            return ControlFlow::Continue(());
        }
        if self.start_parsing(accounts) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    }

    /// Detects the layout in the buffered rows and parses those below the header.
    fn start_parsing(&mut self, accounts: &mut accounts::AccountTable) -> bool {
        let month = self.sheet_month.map(|(_, month)| month);
        let Some(layout) =
            layout::detect(&self.name, &self.buffered, month, &self.options.overrides)
        else {
            self.near_miss = layout::near_miss::near_miss(&self.buffered);
            return false;
        };
        if self
            .required_headers
            .as_ref()
            .is_some_and(|required| *required != layout.headers)
        {
            return false;
        }
        // A copy (Excel's `明细账 (2)`) repeats the title and every cell —
        // figures and dates too. Sheets of one book (a month's 科目余额表, a
        // quarter opening with the same payroll lines) share their texts but
        // not their period or their figures.
        let opening: String = std::iter::once(layout.title.clone())
            .chain(
                self.buffered
                    .iter()
                    .filter(|row| row.index > layout.header_row)
                    .take(10)
                    .map(row_signature),
            )
            .collect::<Vec<_>>()
            .join("\n");
        if !opening.is_empty() && self.openings_read.contains(&opening) {
            self.is_copy = true;
            return false;
        }
        self.opening = Some(opening);
        let sheet_year = self.sheet_month.and_then(|(year, _)| year);
        let merged = std::mem::take(&mut self.merged);
        self.alternates = readings::alternatives(&layout, &self.options.overrides)
            .into_iter()
            .map(|other| {
                let rows =
                    SheetRows::new(&other, self.options, sheet_year, self.index, merged.clone());
                (other, rows)
            })
            .collect();
        let mut parser = SheetRows::new(&layout, self.options, sheet_year, self.index, merged);
        for row in self.buffered.drain(..) {
            if row.index > parser.header_row() {
                parser.parse(&row, accounts);
                for (_, alternate) in &mut self.alternates {
                    alternate.parse(&row, accounts);
                }
                if let Some(spill) = self.spill.as_mut() {
                    spill.record(&row);
                }
            }
        }
        self.parser = Some((layout, parser));
        true
    }
}

#[cfg(test)]
mod tests;

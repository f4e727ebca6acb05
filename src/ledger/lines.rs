//! A ledger's lines: each amount counted ([`Entry`]) or left out with why
//! ([`SkippedRow`], [`SkipReason`]), and the accounts they name ([`Account`]).
//! Plain values that every stage of the ledger core passes on; this file
//! knows no stage.

use crate::classify::ItemId;
use rust_decimal::Decimal;
use std::fmt;
use std::num::{NonZeroU32, NonZeroU64};

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
    /// Index into [`super::Ledger::sheets`].
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
    /// Index into [`super::Ledger::accounts`], when the row names an account.
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
        /// Its class, as [`super::accounts::chart::Class::label`] says it.
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
    /// Index into [`super::Ledger::sheets`].
    pub sheet: u16,
    /// 0-based sheet row.
    pub row: u32,
    /// Why it was left out.
    pub reason: SkipReason,
    /// Its amount in 元 when that could be read.
    pub amount_yuan: Option<Decimal>,
}

/// Where the year of rows that carry none came from. The stage that finds it
/// says no words: [`crate::report::provenance`] does, at the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearSource {
    /// The sheet's name (`2017年1月`, `2016年`).
    SheetName(String),
    /// The year setting (`--year`, `year =`, 年度 in 参数).
    Setting,
    /// The year of the month sheets beside a 汇总 sheet that names none.
    MonthSheets,
    /// The titles or the header (`2017年支出明细账`).
    Titles,
    /// The file's name.
    FileName(String),
    /// A span of months across two years (`2016年9月—2017年8月`), and where
    /// it is written: the place (表格标题, 表头, 工作表名, 文件名) and the text.
    Span {
        /// The span.
        span: crate::dates::MonthSpan,
        /// Where it is written.
        place: &'static str,
        /// The text it is written in, shortened.
        text: String,
    },
    /// Dates written as month and day (`1.15`) took the year from this.
    MonthDayDates(Box<YearSource>),
}

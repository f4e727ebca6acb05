//! The journal (明细账 / 序时账 / 三栏账): one row per voucher line, with a date
//! (or 年 | 月 | 日, or 会计期间, or the sheet's month) and an amount or 借方 / 贷方.
//!
//! Totals the book writes between the lines (本月合计, 本年累计, 过次页, a row
//! with figures only) are tied out against the lines and left out; closing
//! entries are recognised by wording and by structure and left out.

use super::{
    header, AmountColumns, DateColumns, HeaderView, Layout, LayoutKind, OtherColumns, SheetLayout,
    Unit,
};
use crate::ledger::accounts::AccountTable;
use crate::ledger::rows::RowParser;
use crate::ledger::SkipReason;
use crate::read::Row;
use rust_decimal::Decimal;
use std::fmt;

/// The columns of a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    /// Where the month comes from.
    pub dates: DateColumns,
    /// The amount column(s).
    pub amount: AmountColumns,
}

/// Detects a journal: an amount column and a way to date each row.
pub fn detect(view: &HeaderView<'_>) -> Option<LayoutKind> {
    let amount = amount_columns(view)?;
    let dates = date_columns(view, &[amount.debit])?;
    Some(LayoutKind::Journal(Journal { dates, amount }))
}

impl SheetLayout for Journal {
    fn describe(
        &self,
        layout: &Layout,
        header_rows: &str,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        write!(f, "明细账（逐笔记录）；{header_rows}；")?;
        describe_dates(layout, &self.dates, f)?;
        write!(f, "，")?;
        describe_amount(layout, self.amount, f)
    }

    fn amount_column(&self) -> Option<u32> {
        Some(self.amount.debit)
    }

    fn default_unit(&self) -> Unit {
        Unit::Yuan
    }

    fn rows_carry_year(&self) -> bool {
        dates_carry_year(&self.dates)
    }

    fn has_credit(&self, other: &OtherColumns) -> bool {
        self.amount.credit.is_some() || other.direction.is_some()
    }

    fn date_column(&self) -> Option<u32> {
        date_column(&self.dates)
    }

    fn parse(&self, parser: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        parse(parser, row, &self.dates, self.amount, accounts);
    }
}

/// True when rows with these date columns carry their own year (a full
/// date, a period, a 年 column), false for 月 | 日 alone or the sheet's month.
pub fn dates_carry_year(dates: &DateColumns) -> bool {
    !matches!(
        dates,
        DateColumns::YearMonthDay { year: None, .. }
            | DateColumns::SheetMonth(_)
            | DateColumns::SectionMonth { .. }
    )
}

/// The amount column (`--amount-col`, else the best-named), paired with a 贷方
/// column when it is a 借方.
pub fn amount_columns(view: &HeaderView<'_>) -> Option<AmountColumns> {
    if view.overrides.amount_column.is_none() {
        if let Some(paid) = cash_book_payments(view) {
            return Some(AmountColumns {
                debit: paid,
                credit: None,
            });
        }
    }
    let debit = view
        .overrides
        .amount_column
        .or_else(|| view.best(header::debit_rank, &[]))?;
    let credit = if header::is_debit_header(&view.normalized(debit)) {
        view.best(header::credit_rank, &[debit])
    } else {
        // 支付金额 | 退回金额: what was paid back is taken off.
        view.best(header::refund_rank, &[debit])
    };
    Some(AmountColumns { debit, credit })
}

/// A cash or bank journal (日记账) names its sides by the money: `借方（收入）`
/// and `贷方（支出）`. There the spending is the 支出 side alone, and 借方 is
/// money received — never spending.
fn cash_book_payments(view: &HeaderView<'_>) -> Option<u32> {
    let raw = |text: &str| -> String { text.chars().filter(|c| !c.is_whitespace()).collect() };
    let receipts = view.headers.iter().any(|(_, text)| {
        raw(text).starts_with("借方") && ["收入", "收款"].iter().any(|w| raw(text).contains(w))
    });
    if !receipts {
        return None;
    }
    view.headers
        .iter()
        .find(|(_, text)| {
            let text = raw(text);
            text.starts_with("贷方") && ["支出", "付款", "付出"].iter().any(|w| text.contains(w))
        })
        .map(|(c, _)| *c)
}

/// Where each row's month comes from: a date column (`--date-col` first), else
/// 年 | 月 | 日, else 会计期间, else the sheet's name.
pub fn date_columns(view: &HeaderView<'_>, taken: &[u32]) -> Option<DateColumns> {
    let period = view.best(header::period_rank, taken);
    let date = view
        .overrides
        .date_column
        .or_else(|| view.best(header::date_rank, taken));
    // A 会计期间 beside a 凭证日期 decides the month: a voucher dated 2 Feb
    // may be booked in January's period, and the book's 本月合计 follow the period.
    if let (Some(period), None) = (period, view.overrides.date_column) {
        if date.is_some() {
            return Some(DateColumns::Period(period));
        }
    }
    if let Some(date) = date {
        return Some(DateColumns::Date(date));
    }
    if let Some(month) = view.best(header::month_rank, taken) {
        return Some(DateColumns::YearMonthDay {
            year: view.best(header::year_rank, taken),
            month,
            day: view.best(header::day_rank, taken),
        });
    }
    if let Some(period) = view.best(header::period_rank, taken) {
        return Some(DateColumns::Period(period));
    }
    if let Some(day) = view.best(header::day_rank, taken) {
        // 日 alone: the months must be named by title rows between the lines.
        if view
            .below
            .iter()
            .any(|row| super::month_title(row).is_some())
        {
            return Some(DateColumns::SectionMonth { day });
        }
    }
    view.sheet_month.map(DateColumns::SheetMonth)
}

/// Describes the date columns: `日期列 A（日期）`, `月 A（月），日 B（日）` ….
pub fn describe_dates(
    layout: &Layout,
    dates: &DateColumns,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match dates {
        DateColumns::Date(c) => write!(f, "日期列 {}", layout.describe_column(*c)),
        DateColumns::YearMonthDay { year, month, day } => {
            if let Some(year) = year {
                write!(f, "年 {}，", layout.describe_column(*year))?;
            }
            write!(f, "月 {}", layout.describe_column(*month))?;
            if let Some(day) = day {
                write!(f, "，日 {}", layout.describe_column(*day))?;
            }
            Ok(())
        }
        DateColumns::Period(c) => write!(f, "会计期间列 {}", layout.describe_column(*c)),
        DateColumns::SheetMonth(month) => write!(f, "月份取自工作表名（{month} 月）"),
        DateColumns::SectionMonth { day } => write!(
            f,
            "日 {}，月份取自其上的月份标题行（如“一月份”）",
            layout.describe_column(*day)
        ),
    }
}

/// Describes the amount columns: `金额列 F（借方） 减 贷方列 G（贷方）`.
pub fn describe_amount(
    layout: &Layout,
    amount: AmountColumns,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    write!(f, "金额列 {}", layout.describe_column(amount.debit))?;
    match (amount.credit, layout.other.direction) {
        (Some(credit), _)
            if header::refund_rank(&header::normalize_header(layout.header(credit))).is_some() =>
        {
            write!(f, " 减 退回列 {}", layout.describe_column(credit))?
        }
        (Some(credit), _) => write!(f, " 减 贷方列 {}", layout.describe_column(credit))?,
        (None, Some(direction)) => write!(
            f,
            "，方向列 {}为“贷”的记为负数",
            layout.describe_column(direction)
        )?,
        (None, None) => {}
    }
    Ok(())
}

/// Parses one journal row: a total is tied out and left out; a closing entry,
/// a line of another year or an unreadable cell is left out with its reason;
/// anything else is a counted line.
fn parse(
    parser: &mut RowParser,
    row: &Row,
    dates: &DateColumns,
    amount: AmountColumns,
    accounts: &mut AccountTable,
) {
    let sides = parser.read_sides(row, amount);
    let columns = (amount.debit, amount.credit);
    if let Some(line) = parse_line(parser, row, dates, sides, columns, accounts) {
        let item = parser.classify_line(line.period.0, line.account, accounts, row);
        parser.push(row.index, line.period, line.net, line.account, Some(item));
    }
}

/// A voucher line that counts: its month, 借方 − 贷方, and account.
pub(in crate::ledger) struct Line {
    /// (year, month).
    pub period: (i32, u32),
    /// 借方 − 贷方 in 元.
    pub net: Decimal,
    /// 借方 in 元.
    pub debit: Decimal,
    /// 贷方 in 元.
    pub credit: Decimal,
    /// The account named by the row.
    pub account: Option<u32>,
}

/// Everything a journal-like row goes through before it is counted: totals
/// (tied out, left out), unreadable amounts, wordless subtotals, voided
/// vouchers, closing entries, dates, other years. `sides` are the row's 借方 and 贷方; `column`
/// is where its amount stands. Returns the line to count, or `None` when the
/// row was left out (and recorded so).
pub(in crate::ledger) fn parse_line(
    parser: &mut RowParser,
    row: &Row,
    dates: &DateColumns,
    sides: Result<(Decimal, Decimal), (u32, SkipReason)>,
    (debit_column, credit_column): (u32, Option<u32>),
    accounts: &mut AccountTable,
) -> Option<Line> {
    let net = sides.as_ref().ok().map(|(debit, credit)| debit - credit);
    if let Some(value) = net {
        parser.add_read(value);
    }
    // A line is named at the cell that holds its amount: 贷方 for a credit.
    let column = match (&sides, credit_column) {
        (Ok((debit, credit)), Some(credit_column)) if debit.is_zero() && !credit.is_zero() => {
            credit_column
        }
        _ => debit_column,
    };
    if let Some((kind, text)) = parser.total_in(row) {
        let line_after_all = sides.as_ref().is_ok_and(|(debit, credit)| {
            // `报销3月差旅费合计` on a dated line whose amount is no running sum is a line.
            !header::starts_like_total(&text)
                && !row_has_no_date(row, dates)
                && !parser.matches_a_running_sum(*debit, *credit)
        });
        if !line_after_all {
            match sides {
                Ok((debit, credit)) if debit.is_zero() && credit.is_zero() => {
                    parser.blank_book_total(row, column, kind, &text)
                }
                Ok((debit, credit)) => parser.book_total(row, column, kind, &text, debit, credit),
                Err(_) => {}
            }
            parser.skip(row.index, column, SkipReason::SummaryRow(text), net);
            return None;
        }
    }
    let (debit, credit) = match sides {
        Ok(sides) => sides,
        Err((column, reason)) => {
            parser.skip(row.index, column, reason, None);
            return None;
        }
    };
    if row_has_no_date(row, dates) && parser.wordless_total(row, column, debit, credit) {
        return None;
    }
    let net = debit - credit;
    let period = parser.resolve_month(row, dates);
    if let Ok(found) = period {
        // Before any check that may leave the line out: the line below may be
        // this voucher's next line under a merged date cell.
        parser.track_voucher(row, found);
        parser.mark_dated(found, row.index);
    }
    // A voided voucher (凭证状态 作废, 摘要 【作废】, or another line of its
    // voucher so marked) was never booked: left out, and kept out of the sums
    // the book's own totals are tied to.
    if let Some(text) = parser.voided(row) {
        parser.skip(row.index, column, SkipReason::Voided(text), Some(net));
        return None;
    }
    parser.add_line(period.as_ref().ok().copied(), debit, credit);
    let structural = parser.closing_by_structure(row, net);
    // A closing entry moves spending out: on an expense account it is a credit.
    if let Some(text) = parser.closing_in(row).filter(|_| net <= Decimal::ZERO) {
        parser.skip(row.index, column, SkipReason::ClosingEntry(text), Some(net));
        return None;
    }
    let (year, month) = match period {
        Ok(found) => found,
        Err((column, reason)) => {
            let reason = match reason {
                // A note with no amount (以下空白, 备注 in the date column) loses nothing.
                SkipReason::UnreadableDate(_)
                    if net.is_zero()
                        && (row_has_no_date(row, dates) || date_is_words(row, dates)) =>
                {
                    SkipReason::NoDateNorAmount
                }
                reason => reason,
            };
            parser.skip(row.index, column, reason, Some(net));
            return None;
        }
    };
    if !parser.year_allowed(year) {
        let column = date_column(dates).unwrap_or(column);
        parser.skip(row.index, column, SkipReason::OtherYear(year), Some(net));
        return None;
    }
    if let Some(why) = structural {
        parser.skip(row.index, column, SkipReason::ClosingEntry(why), Some(net));
        return None;
    }
    let account = parser.account_of(row, accounts);
    Some(Line {
        period: (year, month),
        net,
        debit,
        credit,
        account,
    })
}

/// The column a row's date is read from (the 月 column for 年 | 月 | 日).
pub fn date_column(dates: &DateColumns) -> Option<u32> {
    match dates {
        DateColumns::Date(c) | DateColumns::Period(c) => Some(*c),
        DateColumns::YearMonthDay { month, .. } => Some(*month),
        DateColumns::SectionMonth { day } => Some(*day),
        DateColumns::SheetMonth(_) => None,
    }
}

/// True when the date cell holds words without a digit (`以下空白`, `备注`).
fn date_is_words(row: &Row, dates: &DateColumns) -> bool {
    date_column(dates)
        .and_then(|c| row.get(c).as_text())
        .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit() || c.is_numeric()))
}

fn row_has_no_date(row: &Row, dates: &DateColumns) -> bool {
    date_column(dates).is_none_or(|c| row.get(c).is_empty())
}

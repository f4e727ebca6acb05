//! The journal (明细账 / 序时账 / 三栏账): one row per voucher line, with a date
//! (or 年 | 月 | 日, or 会计期间, or the sheet's month) and an amount or 借方 / 贷方.
//! Its rows are read by [`crate::ledger::rows::journal`].

use super::{
    header, AmountColumns, DateColumns, HeaderView, Layout, LayoutKind, OtherColumns, SheetLayout,
    Unit,
};
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

/// The column a row's date is read from (the 月 column for 年 | 月 | 日).
pub fn date_column(dates: &DateColumns) -> Option<u32> {
    match dates {
        DateColumns::Date(c) | DateColumns::Period(c) => Some(*c),
        DateColumns::YearMonthDay { month, .. } => Some(*month),
        DateColumns::SectionMonth { day } => Some(*day),
        DateColumns::SheetMonth(_) => None,
    }
}

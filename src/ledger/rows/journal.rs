//! The journal's row parser (明细账 / 序时账 / 三栏账, and the lines of a 多栏账):
//! each row is a voucher line, a total the book states, or a row left out.
//!
//! Totals the book writes between the lines (本月合计, 本年累计, 过次页, a row
//! with figures only) go to the tie-out and are left out; closing entries are
//! recognised by wording and by structure and left out; a voided voucher's
//! lines are left out wherever they stand. What carries from one line to the
//! next — the last dated line, the voucher, the 余额 — is this parser's own
//! ([`Lines`]).

use super::classes::shortened;
use super::{read_amount, LayoutRows, LineVoucher, RowParser};
use crate::classify;
use crate::dates::{
    month_day_from_number, parse_date_text, parse_month_cell_text, parse_month_day,
    parse_period_text, CalendarDate, MonthDay,
};
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::header::{
    self, is_closing_counterpart, is_void_flag_header, is_void_status, normalize_header,
    void_mark_in_summary,
};
use crate::ledger::layout::journal::{date_column, Journal};
use crate::ledger::layout::{AmountColumns, DateColumns};
use crate::ledger::lines::{split_code, SkipReason};
use crate::money::format_cents;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;
use std::num::NonZeroU64;

/// A journal's row parser: its date and amount columns, and its lines' state.
#[derive(Debug)]
pub struct JournalRows {
    dates: DateColumns,
    amount: AmountColumns,
    lines: Lines,
}

impl JournalRows {
    /// The parser of a journal laid out as `journal`; `status_header` is its
    /// 凭证状态 column's header, when it has one.
    pub fn new(journal: &Journal, status_header: Option<&str>) -> Self {
        Self {
            dates: journal.dates.clone(),
            amount: journal.amount,
            lines: Lines::new(status_header),
        }
    }
}

impl LayoutRows for JournalRows {
    /// Parses one journal row: a total is tied out and left out; a closing
    /// entry, a line of another year or an unreadable cell is left out with
    /// its reason; anything else is a counted line.
    fn parse(&mut self, core: &mut RowParser, row: &Row, accounts: &mut AccountTable) {
        let sides = Lines::read_sides(core, row, self.amount);
        let columns = (self.amount.debit, self.amount.credit);
        let lines = &mut self.lines;
        if let Some(line) = parse_line(core, lines, row, &self.dates, sides, columns, accounts) {
            let item = core.classify_line(line.period.0, line.account, accounts, row);
            let voucher = lines.voucher_of(row.index, line.net, line.account);
            core.push_line(
                row.index,
                line.period,
                line.net,
                line.account,
                Some(item),
                voucher,
            );
        }
    }
}

/// What a journal's lines carry from one row to the next: the last dated
/// line (for a date cell merged or left blank below it), the voucher, the 余额.
#[derive(Debug, Default)]
pub struct Lines {
    /// The last dated entry's (year, month, row), for merged date cells below it.
    last_dated: Option<(i32, u32, u32)>,
    voucher: VoucherTrack,
    /// The last figure read in the 余额 column.
    last_balance: Option<Decimal>,
    /// The status column is a yes/no void flag (是否作废): 是 / Y say voided.
    status_is_flag: bool,
    /// The status column's header, naming the column a flag stands in.
    status_header: String,
}

/// The voucher a line belongs to: lines of one voucher stand together.
#[derive(Debug, Default)]
struct VoucherTrack {
    /// The hash of the current voucher's (period, number); `None` for a line
    /// without a number, which is a voucher of its own.
    key: Option<u64>,
    /// The current voucher's number (12 of `记-0012`), for reversals that name it.
    number: Option<u32>,
    last_row: Option<u32>,
    /// The first row of the current voucher's run of consecutive lines.
    first_row: Option<u32>,
    /// Voided vouchers met so far, by key, with the text that said so: their
    /// other lines are left out too, wherever they stand in the sheet.
    voided: std::collections::HashMap<u64, String>,
    /// By account id: true for the counterpart accounts of closing vouchers
    /// (3301 本期盈余, 8101 财政拨款结转 …).
    counterparts: Vec<bool>,
}

/// A voucher's key: (period, number as written), hashed with fixed keys.
fn voucher_key(period: (i32, u32), cell: &CellValue) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    period.hash(&mut hasher);
    match cell {
        // The same key as `cell_key`, without a copy of the text.
        CellValue::Text(text) => text.as_str().hash(&mut hasher),
        other => cell_key(other).as_str().hash(&mut hasher),
    }
    hasher.finish()
}

impl Lines {
    /// The lines of a journal whose 凭证状态 column is headed `status_header`.
    pub fn new(status_header: Option<&str>) -> Self {
        Self {
            status_is_flag: status_header
                .is_some_and(|text| is_void_flag_header(&normalize_header(text))),
            status_header: status_header.unwrap_or_default().trim().to_string(),
            ..Self::default()
        }
    }

    /// A closing entry by structure: a credit to the line's account whose 对方科目
    /// is 本期盈余 / 财政拨款结转 …, or that moves out the account's whole 余额.
    pub fn closing_by_structure(
        &mut self,
        core: &RowParser,
        row: &Row,
        net: Decimal,
    ) -> Option<String> {
        // The 余额 the row shows, when it shows one (a blank cell is no balance).
        let after = core
            .columns()
            .balance
            .map(|c| row.get(c))
            .filter(|cell| !cell.is_empty())
            .and_then(|cell| read_amount(cell, core.unit()).ok());
        let before = self.last_balance;
        if after.is_some() {
            self.last_balance = after;
        }
        if net >= Decimal::ZERO {
            return None;
        }
        if let Some(column) = core.columns().counter_account {
            if let Some(text) = row.get(column).as_text() {
                let (code, name) = split_code(text);
                if is_closing_counterpart(code.as_deref(), &name) {
                    return Some(format!("贷方转入对方科目“{text}”"));
                }
            }
        }
        let summary = core.summary_of(row);
        let reversal = [
            "冲", "退", "红字", "更正", "收回", "返还", "缴回", "追回", "调整",
        ]
        .iter()
        .any(|w| summary.contains(w));
        match (after, before) {
            (Some(after), Some(before))
                if !reversal && after.is_zero() && before > Decimal::ZERO && -net == before =>
            {
                Some(format!(
                    "贷方 {} 元转出全部余额，余额为零",
                    format_cents(before)
                ))
            }
            _ => None,
        }
    }

    /// Follows the voucher column: consecutive lines with the same voucher number
    /// (or a blank one under a merged or continued voucher cell) are one voucher.
    pub fn track_voucher(&mut self, core: &RowParser, row: &Row, period: (i32, u32)) {
        let Some(column) = core.columns().voucher else {
            return;
        };
        let continues = self
            .voucher
            .last_row
            .is_some_and(|last| last + 1 == row.index);
        let (key, number) = match row.get(column) {
            CellValue::Empty if continues => (self.voucher.key, self.voucher.number),
            CellValue::Empty => (None, None),
            cell => (
                Some(voucher_key(period, cell)),
                match cell {
                    CellValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e9 => {
                        Some(*n as u32)
                    }
                    CellValue::Text(text) => classify::voucher_number(text),
                    _ => None,
                },
            ),
        };
        if !(continues && key.is_some() && key == self.voucher.key) {
            self.voucher.first_row = Some(row.index);
        }
        self.voucher.key = key;
        self.voucher.number = number;
        self.voucher.last_row = Some(row.index);
    }

    /// What says a line was never booked, if anything: its own mark (a status
    /// cell saying 作废 / 已删除, a 摘要 opening with 【作废】 …), else its
    /// voucher's (another line of the same voucher number and period carried
    /// the mark). Call after [`Lines::track_voucher`]. When a line of a
    /// voucher carries the mark after lines of it were counted, those are moved
    /// to the rows left out as well.
    pub fn voided(&mut self, core: &mut RowParser, row: &Row) -> Option<String> {
        let own = self.own_void_mark(core, row);
        let key = self
            .voucher
            .last_row
            .filter(|last| *last == row.index)
            .and(self.voucher.key);
        match (own, key) {
            (Some(text), Some(key)) => {
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    self.voucher.voided.entry(key)
                {
                    slot.insert(text.clone());
                    if let Some(first) = self.voucher.first_row.filter(|f| *f < row.index) {
                        core.uncount_voided_lines(first, &text);
                    }
                }
                Some(text)
            }
            (own, None) => own,
            (None, Some(key)) => self.voucher.voided.get(&key).cloned(),
        }
    }

    /// A line's own void mark: its status cell, else its 摘要.
    fn own_void_mark(&self, core: &RowParser, row: &Row) -> Option<String> {
        if let Some(column) = core.columns().status {
            let flag = self.status_is_flag;
            let said = match row.get(column) {
                CellValue::Text(text) => Some(text.trim().to_string()),
                CellValue::Number(n) if flag && *n == 1.0 => Some("1".to_string()),
                CellValue::Bool(true) if flag => Some("TRUE".to_string()),
                _ => None,
            };
            if let Some(said) = said.filter(|text| is_void_status(text, flag)) {
                // 是 alone says little: name the column it stands in.
                return Some(if flag {
                    format!("{}：{said}", self.status_header)
                } else {
                    said
                });
            }
        }
        void_mark_in_summary(core.summary_of(row)).map(|text| shortened(&text))
    }

    /// 借方 and 贷方 (or the single amount and zero) in 元; the error names the
    /// cell. A single amount beside a 借贷方向 column that says 贷 is a credit.
    pub fn read_sides(
        core: &RowParser,
        row: &Row,
        amount: AmountColumns,
    ) -> Result<(Decimal, Decimal), (u32, SkipReason)> {
        let debit =
            read_amount(row.get(amount.debit), core.unit()).map_err(|r| (amount.debit, r))?;
        match amount.credit {
            Some(column) => {
                let credit = read_amount(row.get(column), core.unit()).map_err(|r| (column, r))?;
                Ok((debit, credit))
            }
            None if Self::credit_by_direction(core, row) => Ok((Decimal::ZERO, debit)),
            None => Ok((debit, Decimal::ZERO)),
        }
    }

    /// True when the row's 借贷方向 cell says 贷.
    fn credit_by_direction(core: &RowParser, row: &Row) -> bool {
        core.columns()
            .direction
            .and_then(|c| row.get(c).as_text())
            .is_some_and(|t| t.trim_start().starts_with('贷'))
    }

    /// The (year, month) of a journal row; the error names the cell. A blank
    /// date is the line above's only when the date cell is merged with it, or
    /// when the row is otherwise a voucher line (it has 摘要, 凭证号 or account).
    pub fn resolve_month(
        &self,
        core: &RowParser,
        row: &Row,
        dates: &DateColumns,
    ) -> Result<(i32, u32), (u32, SkipReason)> {
        let carried = |column: u32| {
            let entry_like = !core.columns().row_is_wordless(row);
            let continuing = self
                .last_dated
                .filter(|(.., last_row)| {
                    last_row + 1 == row.index || core.merged_from_above(row.index, column)
                })
                .map(|(year, month, _)| (year, month));
            continuing.filter(|_| entry_like || core.merged_from_above(row.index, column))
        };
        let year_needed = |column: u32| (column, SkipReason::YearUnknown);
        match dates {
            DateColumns::Date(column) => {
                let cell = core.date_cell(row, *column);
                if cell.is_empty() {
                    return carried(*column)
                        .ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                if let Some(date) = read_date(cell) {
                    core.note_day(row.index, date);
                    return Ok((date.year, date.month));
                }
                // `2017年1期` / `2017.01` in a date column: the month is all we need.
                if let Some(found) = cell.as_text().and_then(|t| parse_period_text(t, None)) {
                    return Ok(found);
                }
                // A day and month without the year, as hand-kept books write
                // them (`1.15`, `3.5`, `1-15`, `1/15`, `1月15日`, or the number
                // 1.15 Excel keeps for a typed 1.15): the year from context.
                if let Some(month_day) = month_day_of(cell) {
                    let year = core
                        .year_for_month(month_day.month)
                        .ok_or_else(|| year_needed(*column))?;
                    if let Some(date) = month_day.in_year(year) {
                        core.note_date_took_context_year();
                        core.note_day(row.index, date);
                        return Ok((date.year, date.month));
                    }
                }
                Err((*column, SkipReason::UnreadableDate(cell.display())))
            }
            DateColumns::YearMonthDay { year, month, day } => {
                let cell = core.date_cell(row, *month);
                if cell.is_empty() {
                    return carried(*month)
                        .ok_or((*month, SkipReason::UnreadableMonth(cell.display())));
                }
                let month_value = read_month_cell(cell)
                    .ok_or((*month, SkipReason::UnreadableMonth(cell.display())))?;
                let year_value = match year {
                    Some(column) => {
                        let year_cell = core.date_cell(row, *column);
                        // A 年 written once above (merged down with no value
                        // read, or on the line above): the year is carried,
                        // the month is the row's own.
                        match (year_cell.is_empty(), carried(*column)) {
                            (true, Some((carried_year, _))) => carried_year,
                            _ => read_year_cell(year_cell).ok_or((
                                *column,
                                SkipReason::UnreadableDate(year_cell.display()),
                            ))?,
                        }
                    }
                    // `2017-01`, `201701` in the month column: the cell's own year.
                    None => match cell
                        .as_text()
                        .and_then(|t| parse_period_text(t.trim(), None))
                    {
                        Some((own_year, _)) => own_year,
                        None => core
                            .year_for_month(month_value)
                            .ok_or_else(|| year_needed(*month))?,
                    },
                };
                if let Some(day) = day.and_then(|column| read_day_cell(core.date_cell(row, column)))
                {
                    if let Some(date) = CalendarDate::new(year_value, month_value, day) {
                        core.note_day(row.index, date);
                    }
                }
                Ok((year_value, month_value))
            }
            DateColumns::Period(column) => {
                let cell = core.date_cell(row, *column);
                if cell.is_empty() {
                    return carried(*column)
                        .ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                let text = match cell {
                    CellValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
                    CellValue::Text(text) => text.clone(),
                    _ => String::new(),
                };
                parse_period_text(&text, core.context_year()).ok_or_else(|| {
                    if core.context_year().is_none()
                        && parse_period_text(&text, Some(2000)).is_some()
                    {
                        year_needed(*column)
                    } else {
                        (*column, SkipReason::UnreadableDate(cell.display()))
                    }
                })
            }
            DateColumns::SheetMonth(month) => {
                let year = core.year_for_month(*month).ok_or_else(|| year_needed(0))?;
                Ok((year, *month))
            }
            DateColumns::SectionMonth { day } => {
                let (year, month) = core.section_month().ok_or((
                    *day,
                    SkipReason::UnreadableMonth("这一行之上没有月份标题行".to_string()),
                ))?;
                let year = year
                    .or_else(|| core.year_for_month(month))
                    .ok_or_else(|| year_needed(*day))?;
                Ok((year, month))
            }
        }
    }

    /// Remembers the last dated line, for a merged date cell below it.
    pub fn mark_dated(&mut self, (year, month): (i32, u32), row: u32) {
        self.last_dated = Some((year, month, row));
    }

    /// The account of a journal row: its account columns, else the account the
    /// title or the block's title row names.
    pub fn account_of(
        &mut self,
        core: &RowParser,
        row: &Row,
        accounts: &mut AccountTable,
    ) -> Option<u32> {
        let columns = core.columns();
        let id = accounts
            .intern_from_row(row, columns.account_code, columns.account_name)
            .or_else(|| core.section_account().cloned().map(|a| accounts.intern(a)))?;
        let index = id as usize;
        if index >= self.voucher.counterparts.len() {
            self.voucher.counterparts.resize(index + 1, false);
        }
        if let Some(account) = accounts.get(id) {
            self.voucher.counterparts[index] =
                is_closing_counterpart(account.code.as_deref(), &account.name);
        }
        Some(id)
    }

    /// The voucher the line in `row` stands in, as the closing check and the
    /// reversals need it. Only a credit or a line on a closing counterpart
    /// account can be part of what the closing check looks for (a credit in
    /// the same voucher as a counterpart line): other lines need no voucher
    /// key, and a book of a million debits keeps no map of its vouchers.
    pub fn voucher_of(&self, row: u32, amount_yuan: Decimal, account: Option<u32>) -> LineVoucher {
        let on_voucher = self.voucher.last_row == Some(row);
        let matters = amount_yuan.is_sign_negative()
            || account.is_some_and(|id| {
                self.voucher
                    .counterparts
                    .get(id as usize)
                    .copied()
                    .unwrap_or(false)
            });
        LineVoucher {
            key: self
                .voucher
                .key
                .filter(|_| on_voucher && matters)
                .map(|key| NonZeroU64::new(key).unwrap_or(NonZeroU64::MIN)),
            number: self.voucher.number.filter(|_| on_voucher),
        }
    }
}

/// A voucher line that counts: its month, 借方 − 贷方, and account.
pub struct Line {
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
pub fn parse_line(
    core: &mut RowParser,
    lines: &mut Lines,
    row: &Row,
    dates: &DateColumns,
    sides: Result<(Decimal, Decimal), (u32, SkipReason)>,
    (debit_column, credit_column): (u32, Option<u32>),
    accounts: &mut AccountTable,
) -> Option<Line> {
    let net = sides.as_ref().ok().map(|(debit, credit)| debit - credit);
    if let Some(value) = net {
        core.add_read(value);
    }
    // A line is named at the cell that holds its amount: 贷方 for a credit.
    let column = match (&sides, credit_column) {
        (Ok((debit, credit)), Some(credit_column)) if debit.is_zero() && !credit.is_zero() => {
            credit_column
        }
        _ => debit_column,
    };
    if let Some((kind, text)) = core.total_in(row) {
        let line_after_all = sides.as_ref().is_ok_and(|(debit, credit)| {
            // `报销3月差旅费合计` on a dated line whose amount is no running sum is a line.
            !header::starts_like_total(&text)
                && !row_has_no_date(row, dates)
                && !core.tie_out().matches_a_running_sum(*debit, *credit)
        });
        if !line_after_all {
            match sides {
                Ok((debit, credit)) if debit.is_zero() && credit.is_zero() => {
                    core.tie_out().blank_book_total(row, column, kind, &text)
                }
                Ok((debit, credit)) => core
                    .tie_out()
                    .book_total(row, column, kind, &text, debit, credit),
                Err(_) => {}
            }
            core.skip(row.index, column, SkipReason::SummaryRow(text), net);
            return None;
        }
    }
    let (debit, credit) = match sides {
        Ok(sides) => sides,
        Err((column, reason)) => {
            core.skip(row.index, column, reason, None);
            return None;
        }
    };
    if row_has_no_date(row, dates) && wordless_total(core, row, column, debit, credit) {
        return None;
    }
    let net = debit - credit;
    let period = lines.resolve_month(core, row, dates);
    if let Ok(found) = period {
        // Before any check that may leave the line out: the line below may be
        // this voucher's next line under a merged date cell.
        lines.track_voucher(core, row, found);
        lines.mark_dated(found, row.index);
    }
    // A voided voucher (凭证状态 作废, 摘要 【作废】, or another line of its
    // voucher so marked) was never booked: left out, and kept out of the sums
    // the book's own totals are tied to.
    if let Some(text) = lines.voided(core, row) {
        core.skip(row.index, column, SkipReason::Voided(text), Some(net));
        return None;
    }
    core.tie_out()
        .add_line(period.as_ref().ok().copied(), debit, credit);
    let structural = lines.closing_by_structure(core, row, net);
    // A closing entry moves spending out: on an expense account it is a credit.
    if let Some(text) = core.closing_in(row).filter(|_| net <= Decimal::ZERO) {
        core.skip(row.index, column, SkipReason::ClosingEntry(text), Some(net));
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
            core.skip(row.index, column, reason, Some(net));
            return None;
        }
    };
    if !core.year_allowed(year) {
        let column = date_column(dates).unwrap_or(column);
        core.skip(row.index, column, SkipReason::OtherYear(year), Some(net));
        return None;
    }
    if let Some(why) = structural {
        core.skip(row.index, column, SkipReason::ClosingEntry(why), Some(net));
        return None;
    }
    let account = lines.account_of(core, row, accounts);
    Some(Line {
        period: (year, month),
        net,
        debit,
        credit,
        account,
    })
}

/// A row with figures only (no 摘要, 凭证号 or account, in a sheet that has
/// them) whose amounts equal the lines since the previous total is a
/// subtotal the book did not label: tied out and left out. False otherwise.
fn wordless_total(
    core: &mut RowParser,
    row: &Row,
    column: u32,
    debit: Decimal,
    credit: Decimal,
) -> bool {
    if !core.columns().row_is_wordless(row) || (debit.is_zero() && credit.is_zero()) {
        return false;
    }
    let Some(kind) = core.tie_out().unlabelled_total(debit, credit) else {
        return false;
    };
    let text = "（无文字的合计行）".to_string();
    core.tie_out()
        .book_total(row, column, kind, &text, debit, credit);
    core.skip(
        row.index,
        column,
        SkipReason::SummaryRow(format!(
            "无文字，金额等于{}各行之和",
            if kind == header::TotalKind::Period {
                "上一合计以来"
            } else {
                "本年"
            }
        )),
        Some(debit - credit),
    );
    true
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

/// A cell as a voucher key: text as written, whole numbers without `.0`.
fn cell_key(cell: &CellValue) -> String {
    match cell {
        CellValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        CellValue::Text(text) => text.clone(),
        other => other.display(),
    }
}

/// A 日 cell's day of the month (1–31), when it holds one.
fn read_day_cell(cell: &CellValue) -> Option<u32> {
    let day = match cell {
        CellValue::Number(n) if n.fract() == 0.0 => *n as i64,
        CellValue::Text(text) => text.trim().trim_end_matches('日').trim().parse().ok()?,
        _ => return None,
    };
    u32::try_from(day).ok().filter(|d| (1..=31).contains(d))
}

/// A date cell's calendar day: date cells, text dates, `yyyymmdd` numbers, and
/// bare serials of the years 1990–2100.
pub fn read_date(cell: &CellValue) -> Option<CalendarDate> {
    match cell {
        CellValue::Date(date) => Some(*date),
        CellValue::Text(text) => parse_date_text(text),
        CellValue::Number(n) => {
            CalendarDate::from_compact_number(*n).or_else(|| CalendarDate::from_plain_serial(*n))
        }
        _ => None,
    }
}

/// A date cell written without its year: a day-and-month text (`1.15`,
/// `1-15`, `1/15`, `1月15日`) or a number whose whole part is the month and
/// whose decimals are the day (1.15). Only asked of a date column's cells that
/// are no full date, period or date serial.
fn month_day_of(cell: &CellValue) -> Option<MonthDay> {
    match cell {
        CellValue::Text(text) => parse_month_day(text),
        CellValue::Number(n) => month_day_from_number(*n),
        _ => None,
    }
}

fn read_month_cell(cell: &CellValue) -> Option<u32> {
    match cell {
        CellValue::Number(n) if n.fract() == 0.0 && (1.0..=12.0).contains(n) => Some(*n as u32),
        CellValue::Text(text) => parse_month_cell_text(text),
        _ => None,
    }
}

fn read_year_cell(cell: &CellValue) -> Option<i32> {
    let year = match cell {
        CellValue::Number(n) if n.fract() == 0.0 => *n as i32,
        CellValue::Text(text) => text.trim().trim_end_matches(['年', '度']).parse().ok()?,
        _ => return None,
    };
    (1990..=2100).contains(&year).then_some(year)
}

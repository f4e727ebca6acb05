//! What every layout's row parser shares ([`RowParser`]): the rows counted and
//! left out of one sheet, as they are read.
//!
//! A layout's own parser ([`super::LayoutRows`], one file each beside this one)
//! reads its columns and hands what it found here: a counted amount
//! ([`RowParser::push`]), a row left out with its reason ([`RowParser::skip`]),
//! a total the book states (to the sheet's tie-out, [`RowParser::tie_out`]).
//! Every readable amount is added to the sheet's `read_yuan` (so the ledger
//! reconciles). Before a layout sees a row, the rows every layout leaves out
//! are left out here (another table below the ledger, the header repeated, a
//! block's title row), and the sheet-wide view of the cells is kept: merged
//! cells, the year of rows that carry none. The parser reads what it needs of
//! the sheet's [`Layout`] once and keeps column positions only.

use super::classes::{Classifier, UnclassifiedText};
use super::titles::{account_in_title, account_title_row};
use super::year::{context_year, month_span};
use crate::classify::ItemId;
use crate::dates::CalendarDate;
use crate::ledger::accounts::AccountTable;
use crate::ledger::layout::header::TotalKind;
use crate::ledger::layout::{self, DateColumns, Layout, LayoutKind, OtherColumns, Unit};
use crate::ledger::left_out::LeftOutBeyond;
use crate::ledger::lines::YearSource;
use crate::ledger::lines::{Account, Entry, SkipReason, SkippedRow};
use crate::ledger::options::ReadOptions;
use crate::ledger::tieout::sheet::{Boundary, SheetTieOut, SheetTotals};
use crate::ledger::tieout::BookFigure;
use crate::read::cell::cell_address;
use crate::read::{CellValue, MergedIndex, MergedRegion, Row};
use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::num::NonZeroU64;

/// One sheet's rows as read under one layout: its share of the ledger.
pub struct SheetPart {
    /// Where the year came from, when the rows carry none.
    pub year_source: Option<YearSource>,
    /// The amounts counted.
    pub entries: Vec<Entry>,
    /// The rows left out, the first few of each reason.
    pub skipped: Vec<SkippedRow>,
    /// The rows left out past those, counted.
    pub skipped_beyond: LeftOutBeyond,
    /// Data rows read below the header.
    pub data_rows: u64,
    /// Every readable amount, in 元.
    pub read_yuan: Decimal,
    /// What the sheet's tie-out leaves for the ledger.
    pub totals: SheetTotals,
    /// The largest 未归类支出 lines' cells and 摘要.
    pub unclassified: Vec<UnclassifiedText>,
    /// The latest day a counted line is dated, when its date has a day.
    pub latest_day: Option<CalendarDate>,
}

/// The voucher a counted line stands in, when its sheet has a 凭证号 column
/// ([`super::journal::Lines::voucher_of`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineVoucher {
    /// The voucher's key, for the closing check (set on the lines it needs).
    pub key: Option<NonZeroU64>,
    /// The voucher's number, for the reversals that name it.
    pub number: Option<u32>,
}

/// The shared state of parsing one sheet's rows.
pub struct RowParser {
    /// The sheet's index among the ledger's sheets.
    sheet: u16,
    /// The sheet's name, for the cells named.
    sheet_name: String,
    /// 0-based header row: rows at or above it are not data.
    header_row: u32,
    /// The unit amounts are written in.
    unit: Unit,
    /// Account and description columns.
    other: OtherColumns,
    /// The layout's amount column, where a line is named.
    amount_column: Option<u32>,
    /// Each header column's text and its group's (two-row headers), normalized
    /// once: every all-text row is compared with them.
    header_words: Vec<(u32, String, String)>,
    /// Columns whose text marks a total only when it is a bare total word.
    exclusions: Vec<u32>,
    /// Where a block's title may name its account without 「科目：」: the
    /// table's first column, in books of voucher lines (明细账, 多栏账) only —
    /// a label alone on a monthly or months-across table's row is a class.
    bare_titles_from: Option<u32>,
    /// True when the lines' months come from month title rows between them.
    months_by_title: bool,
    year_option: Option<i32>,
    /// How the message for a sheet without years says to give one.
    year_fix: String,
    context_year: Option<i32>,
    /// Where `context_year` came from (`来自文件名「…」`), whether or not rows need it.
    context_source: Option<YearSource>,
    /// Set once a date without its year (`1.15`, `1月15日`) took `context_year`.
    dates_took_context_year: std::cell::Cell<bool>,
    /// The day of the row whose date was read last, when it had a day.
    resolved_day: std::cell::Cell<Option<(u32, CalendarDate)>>,
    /// The latest day a counted line is dated.
    latest_day: Option<CalendarDate>,
    /// A span of months across two years the title (or the sheet's or file's
    /// name) states (`2016年9月—2017年8月`), with where it was found: a date
    /// without its year takes the year of the span's part that holds its month.
    month_span: Option<YearSource>,
    /// Set once a date without its year took it from `month_span`.
    dates_took_span: std::cell::Cell<bool>,
    /// The ledger's file name, for messages.
    file_name: Option<String>,
    year_source: Option<YearSource>,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    /// Left-out rows past the first few of their reason, counted.
    skipped_beyond: LeftOutBeyond,
    data_rows: u64,
    read_yuan: Decimal,
    /// The sheet's merged cells, sorted and searched (never scanned per row).
    merged: MergedIndex,
    /// The value of each merged region's top-left cell once its row was read,
    /// by (row, column): the cells below it show that value.
    merged_tops: std::collections::HashMap<(u32, u32), CellValue>,
    /// The sheet's tie-out against the book's own totals.
    tie: SheetTieOut,
    /// The lines' economic classification.
    classes: Classifier,
    /// The account a title names (`科目：7101 行政支出`), above the table or
    /// above a block of it, for rows without an account column.
    section_account: Option<Account>,
    /// The month (and year, when named) of the last month title row, for a
    /// book whose lines carry only their day.
    section_month: Option<(Option<i32>, u32)>,
    /// The row read last, to see blank rows between two rows.
    last_row: Option<u32>,
    /// True when the row read last was a lone title after blank rows.
    title_after_gap: bool,
    /// The header of another table found below the ledger: every row from
    /// it on is that table's, not the ledger's.
    other_table: Option<String>,
}

impl RowParser {
    /// The parser of sheet number `sheet`, laid out as `layout`. `options`
    /// gives the year (`--year` or a setting) and how fixes are said;
    /// `sheet_year` a year in the sheet's name; `merged` the sheet's merged cells.
    pub fn new(
        layout: &Layout,
        options: &ReadOptions,
        sheet_year: Option<i32>,
        sheet: u16,
        merged: Vec<MergedRegion>,
    ) -> Self {
        let rules = layout.kind.sheet_layout();
        let year_option = options.year;
        let year_fix = options.advice.how("用 --year 2017", "year = 2017");
        let (context_year, source) = context_year(layout, options, sheet_year);
        // A month sheet's name (`2017年1月`) says its year: no span then.
        let month_span = month_span(layout, options).filter(|_| sheet_year.is_none());
        // Rows with full dates (or periods, or a 年 column) carry their own year.
        let rows_lack_year = !rules.rows_carry_year();
        let year_source = match &month_span {
            Some(span) if rows_lack_year => Some(YearSource::MonthDayDates(Box::new(span.clone()))),
            _ if rows_lack_year => source.clone(),
            _ => None,
        };
        let other = layout.other.clone();
        let amount_column = rules.amount_column();
        let unclassified_column = amount_column
            .or(other.account_name)
            .or(other.account_code)
            .unwrap_or(0);
        let bare_titles_from = matches!(
            &layout.kind,
            LayoutKind::Journal(_) | LayoutKind::MultiColumn(_)
        )
        .then(|| layout.headers.iter().map(|(c, _)| *c).min())
        .flatten();
        let months_by_title = matches!(
            &layout.kind,
            LayoutKind::Journal(journal) if matches!(journal.dates, DateColumns::SectionMonth { .. })
        );
        Self {
            sheet,
            sheet_name: layout.sheet.clone(),
            header_row: layout.header_row,
            unit: layout.unit,
            amount_column,
            header_words: header_words(layout),
            exclusions: layout.marker_exclusions(),
            bare_titles_from,
            months_by_title,
            year_option,
            year_fix,
            context_year,
            context_source: source,
            dates_took_context_year: std::cell::Cell::new(false),
            resolved_day: std::cell::Cell::new(None),
            latest_day: None,
            month_span,
            dates_took_span: std::cell::Cell::new(false),
            file_name: options.file_name.clone(),
            year_source,
            entries: Vec::new(),
            skipped: Vec::new(),
            skipped_beyond: LeftOutBeyond::default(),
            data_rows: 0,
            read_yuan: Decimal::ZERO,
            merged: MergedIndex::new(merged),
            merged_tops: std::collections::HashMap::new(),
            tie: SheetTieOut::new(&layout.sheet, rules.has_credit(&other)),
            classes: Classifier::new(
                sheet,
                &layout.sheet,
                unclassified_column,
                other.classification,
            ),
            section_account: account_in_title(&layout.title),
            section_month: None,
            last_row: None,
            title_after_gap: false,
            other_table: None,
            other,
        }
    }

    /// The header row: rows at or above it are not data.
    pub fn header_row(&self) -> u32 {
        self.header_row
    }

    /// The year of rows that carry none (from `--year`, the sheet's name or its titles).
    pub fn context_year(&self) -> Option<i32> {
        self.context_year
    }

    /// The unit amounts are written in.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The account and description columns.
    pub fn columns(&self) -> &OtherColumns {
        &self.other
    }

    /// The account the last title names (`科目：7101 行政支出`), if any.
    pub fn section_account(&self) -> Option<&Account> {
        self.section_account.as_ref()
    }

    /// The month (and year, when named) of the last month title row.
    pub fn section_month(&self) -> Option<(Option<i32>, u32)> {
        self.section_month
    }

    /// A cell of this sheet, `明细账!F17`.
    pub fn cell(&self, row: u32, column: u32) -> String {
        cell_address(&self.sheet_name, row, column)
    }

    /// The sheet's tie-out, for the totals a layout's parser finds.
    pub fn tie_out(&mut self) -> &mut SheetTieOut {
        &mut self.tie
    }

    /// What every layout reads of a data row before its own parser: the row
    /// is counted as read and the merged cells it starts are remembered;
    /// another table below the ledger, the header repeated inside the table,
    /// a title row naming the account of the block below it and a row naming
    /// the month of the lines below it are left out here. True when the row
    /// was dealt with.
    pub fn before_layout(&mut self, row: &Row) -> bool {
        self.data_rows += 1;
        self.remember_merged_tops(row);
        let first = row.cells().next().map_or(0, |(c, _)| c);
        // After blank rows, and after a lone title below them (`各月支出汇总`).
        let after_gap =
            self.last_row.is_some_and(|last| row.index > last + 1) || self.title_after_gap;
        self.last_row = Some(row.index);
        // Looked at only after a gap: this runs for every row of a big ledger.
        self.title_after_gap = after_gap && {
            let mut cells = row.cells();
            cells.next().is_some_and(|(_, v)| v.as_text().is_some()) && cells.next().is_none()
        };
        if let Some(header) = &self.other_table {
            let reason = SkipReason::OtherTable(header.clone());
            self.skip(row.index, first, reason, None);
            return true;
        }
        if after_gap && self.starts_another_table(row) {
            let header = row.joined_text();
            self.other_table = Some(header.clone());
            self.skip(row.index, first, SkipReason::OtherTable(header), None);
            return true;
        }
        if self.repeats_header(row) {
            self.tie.start_block(Boundary::Header);
            self.skip(row.index, first, SkipReason::RepeatedHeader, None);
            return true;
        }
        if let Some((text, account)) = account_title_row(row, self.bare_titles_from) {
            // A new account's block: its totals sum its own lines only.
            self.section_account = Some(account);
            self.tie.start_block(Boundary::AccountTitle);
            self.skip(row.index, first, SkipReason::AccountTitle(text), None);
            return true;
        }
        if self.months_by_title {
            if let Some((text, year, month)) = layout::month_title(row) {
                self.section_month = Some((year, month));
                self.skip(row.index, first, SkipReason::MonthTitle(text), None);
                return true;
            }
        }
        false
    }

    /// True for a row, after blank rows, that heads another table below the
    /// ledger (an accountant's `月份 | 金额` summary): two or more texts and
    /// nothing else, naming columns as headers do, and not this table's header.
    fn starts_another_table(&self, row: &Row) -> bool {
        let texts: Vec<String> = row
            .cells()
            .map(|(_, v)| v.as_text().map(layout::header::normalize_header))
            .collect::<Option<Vec<String>>>()
            .unwrap_or_default();
        let names_columns = texts.iter().any(|t| {
            layout::header::debit_rank(t).is_some()
                || layout::header::month_rank(t).is_some()
                || layout::header::date_rank(t).is_some()
                || layout::header::label_rank(t).is_some()
        });
        texts.len() >= 2 && names_columns && !self.repeats_header(row)
    }

    /// True when a row repeats the header (either row of a two-row header):
    /// two or more of its texts, and most of its cells, are the header's own
    /// words in the same columns.
    fn repeats_header(&self, row: &Row) -> bool {
        use crate::ledger::layout::header::normalize_header;
        // A header is text only; a data row has a number or a date somewhere.
        if !row.cells().all(|(_, v)| v.as_text().is_some()) {
            return false;
        }
        let words = |column: u32| {
            self.header_words
                .iter()
                .find(|(c, ..)| *c == column)
                .map_or(("", ""), |(_, header, group)| {
                    (header.as_str(), group.as_str())
                })
        };
        let cells = row.cells().count();
        let same = row
            .cells()
            .filter(|(c, v)| {
                v.as_text().is_some_and(|t| {
                    let t = normalize_header(t);
                    let (header, group) = words(*c);
                    t == header || (!t.is_empty() && t == group)
                })
            })
            .count();
        same >= 2 && same * 2 >= cells
    }

    /// Leaves a row (or cell) out, with the cell the reason is about.
    pub fn skip(
        &mut self,
        row: u32,
        column: u32,
        reason: SkipReason,
        amount_yuan: Option<Decimal>,
    ) {
        let name = &self.sheet_name;
        self.skipped_beyond.leave_out(
            &mut self.skipped,
            (self.sheet, row),
            reason,
            amount_yuan,
            || cell_address(name, row, column),
        );
    }

    /// Counts a line of `(year, month)` from `row`, with its account and class.
    pub fn push(
        &mut self,
        row: u32,
        period: (i32, u32),
        amount_yuan: Decimal,
        account: Option<u32>,
        item: Option<ItemId>,
    ) {
        self.push_line(
            row,
            period,
            amount_yuan,
            account,
            item,
            LineVoucher::default(),
        );
    }

    /// Counts a line of `(year, month)` from `row` that stands in `voucher`.
    pub fn push_line(
        &mut self,
        row: u32,
        (year, month): (i32, u32),
        amount_yuan: Decimal,
        account: Option<u32>,
        item: Option<ItemId>,
        voucher: LineVoucher,
    ) {
        let item = item.map(|item| {
            self.classes.settle_line(
                row,
                (year, month),
                amount_yuan,
                account,
                voucher.number,
                item,
            )
        });
        if let Some((dated_row, day)) = self.resolved_day.get() {
            if dated_row == row && self.latest_day.is_none_or(|latest| day > latest) {
                self.latest_day = Some(day);
            }
        }
        self.entries.push(Entry {
            year,
            month,
            amount_yuan,
            sheet: self.sheet,
            row,
            account: Entry::account_ref(account),
            item,
            voucher: voucher.key,
        });
    }

    /// Adds a readable amount to what the sheet read.
    ///
    /// Every amount comes through [`read_amount`], below 10¹⁵ 元, so the sum
    /// cannot overflow within a workbook's cell cap; it is still added with
    /// checked arithmetic, and a sum that would overflow stays where it was.
    pub fn add_read(&mut self, amount_yuan: Decimal) {
        if let Some(sum) = self.read_yuan.checked_add(amount_yuan) {
            self.read_yuan = sum;
        }
    }

    /// True when `--year` (if given) lets rows of `year` in.
    pub fn year_allowed(&self, year: i32) -> bool {
        self.year_option.is_none_or(|wanted| wanted == year)
    }

    /// The economic classification of a line (see [`Classifier::classify_line`]).
    pub fn classify_line(
        &mut self,
        year: i32,
        account: Option<u32>,
        accounts: &AccountTable,
        row: &Row,
    ) -> ItemId {
        let summary = self.summary_of(row);
        self.classes
            .classify_line(year, account, accounts, row, summary)
    }

    /// The total or balance a row's text names (any text cell but account names).
    pub fn total_in(&self, row: &Row) -> Option<(TotalKind, String)> {
        layout::total_marker(row, &self.exclusions)
    }

    /// The row's 摘要, or empty when it has none (or no 摘要 column).
    pub fn summary_of<'r>(&self, row: &'r Row) -> &'r str {
        self.other
            .summary
            .and_then(|c| row.get(c).as_text())
            .unwrap_or_default()
    }

    /// The closing-entry wording in a row's 摘要 (or, without a 摘要 column,
    /// in any of its texts but account names), if any.
    pub fn closing_in(&self, row: &Row) -> Option<String> {
        match self.other.summary {
            Some(column) => row
                .get(column)
                .as_text()
                .filter(|t| layout::header::is_closing_text(t))
                .map(str::to_string),
            None => layout::closing_marker(row, &self.exclusions),
        }
    }

    /// Moves the counted lines of this sheet from row `first` on (the earlier
    /// lines of a voucher found voided on a later line) to the rows left out.
    pub fn uncount_voided_lines(&mut self, first: u32, text: &str) {
        let column = self.amount_column.unwrap_or(0);
        let mut moved = Vec::new();
        while self.entries.last().is_some_and(|entry| entry.row >= first) {
            if let Some(entry) = self.entries.pop() {
                moved.push(entry);
            }
        }
        if moved.is_empty() {
            return;
        }
        for entry in moved.into_iter().rev() {
            let reason = SkipReason::Voided(text.to_string());
            self.skip(entry.row, column, reason, Some(entry.amount_yuan));
        }
        self.skipped.sort_by_key(|s| s.row);
        self.skipped_beyond.sort();
    }

    /// Keeps the values of the merged regions whose top-left cell is in `row`:
    /// the blank cells below them read as that value.
    fn remember_merged_tops(&mut self, row: &Row) {
        for region in self.merged.starting_in(row.index) {
            let value = row.get(region.first_column);
            if region.last_row > region.first_row && !value.is_empty() {
                self.merged_tops
                    .insert((region.first_row, region.first_column), value.clone());
            }
        }
    }

    /// A date cell as Excel shows it: a blank cell covered by a merged region
    /// above shows the region's top-left value (a 年 merged down the table, a
    /// 月 merged over the month's lines), once that row was read.
    pub fn date_cell<'a>(&'a self, row: &'a Row, column: u32) -> &'a CellValue {
        let cell = row.get(column);
        if !cell.is_empty() {
            return cell;
        }
        self.merged
            .covering_from_above(row.index, column)
            .and_then(|r| self.merged_tops.get(&(r.first_row, r.first_column)))
            .unwrap_or(cell)
    }

    /// The year of a date written without it, in `month`: the part of the
    /// title's span of months that holds the month, else the context year.
    pub fn year_for_month(&self, month: u32) -> Option<i32> {
        match &self.month_span {
            Some(YearSource::Span { span, .. }) => {
                self.dates_took_span.set(true);
                Some(span.year_of(month))
            }
            _ => self.context_year,
        }
    }

    /// True when a blank date cell at `(row, column)` is covered by a merged cell above.
    pub fn merged_from_above(&self, row: u32, column: u32) -> bool {
        self.merged.covering_from_above(row, column).is_some()
    }

    /// Notes the day `row`'s date names; kept as the latest day if the row
    /// is counted ([`RowParser::push_line`]).
    pub fn note_day(&self, row: u32, day: CalendarDate) {
        self.resolved_day.set(Some((row, day)));
    }

    /// Notes that a date without its year took the context year.
    pub fn note_date_took_context_year(&self) {
        self.dates_took_context_year.set(true);
    }

    /// A figure the book states for the final result (a 合计 row of a monthly
    /// or months-across table), compared once the ledger's entries are final.
    pub fn book_figure(&mut self, what: String, month: Option<u32>, book_yuan: Decimal) {
        self.tie.book_figure(BookFigure {
            what,
            sheet: self.sheet,
            year: self.context_year,
            month,
            book_yuan,
        });
    }

    /// The entries counted so far on this sheet.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Moves counted entries of this sheet's `rows` to the rows left out, each
    /// named at `column(entry)`, with `reason`.
    pub fn uncount_rows(
        &mut self,
        rows: &[u32],
        column: impl Fn(&Entry) -> u32,
        reason: impl Fn(&Entry) -> SkipReason,
    ) {
        let entries = std::mem::take(&mut self.entries);
        for entry in entries {
            if rows.contains(&entry.row) {
                let column = column(&entry);
                let why = reason(&entry);
                self.skip(entry.row, column, why, Some(entry.amount_yuan));
            } else {
                self.entries.push(entry);
            }
        }
        self.skipped.sort_by_key(|s| s.row);
        self.skipped_beyond.sort();
    }

    /// The sheet's result. A layout whose rows carry no year, in a file that names
    /// none, is an error that asks for `--year` (a partial result would mislead).
    pub fn finish(mut self) -> Result<SheetPart> {
        if let Some(first) = self
            .skipped
            .iter()
            .find(|s| s.reason == SkipReason::YearUnknown)
        {
            let file = self
                .file_name
                .as_deref()
                .map(|name| format!("文件「{name}」"))
                .unwrap_or_default();
            bail!(
                "{file}工作表「{}」的行里没有年份（只有月份或月日，第一处在 {}），表格标题、表头、工作表名和文件名里也没有找到年度（如“2017年”）。没有年度就分不清各行属于哪一年，这个文件没有评价。请{}，指定年度后再试",
                self.sheet_name,
                first.address,
                self.year_fix
            );
        }
        // Dates written without their year took it from the context: say where.
        if self.dates_took_span.get() {
            self.year_source = self
                .month_span
                .clone()
                .map(|span| YearSource::MonthDayDates(Box::new(span)));
        } else if self.year_source.is_none() && self.dates_took_context_year.get() {
            self.year_source = self
                .context_source
                .clone()
                .map(|source| YearSource::MonthDayDates(Box::new(source)));
        }
        Ok(SheetPart {
            year_source: self.year_source,
            entries: self.entries,
            skipped: self.skipped,
            skipped_beyond: self.skipped_beyond,
            data_rows: self.data_rows,
            read_yuan: self.read_yuan,
            totals: self.tie.finish(),
            unclassified: self.classes.into_texts(),
            latest_day: self.latest_day,
        })
    }
}

/// Every column with a header or a group (two-row headers), with both texts normalized.
fn header_words(layout: &Layout) -> Vec<(u32, String, String)> {
    use crate::ledger::layout::header::normalize_header;
    let mut columns: Vec<u32> = layout
        .headers
        .iter()
        .map(|(c, _)| *c)
        .chain(layout.groups.iter().map(|(c, _)| *c))
        .collect();
    columns.sort_unstable();
    columns.dedup();
    columns
        .into_iter()
        .map(|column| {
            let group = layout
                .groups
                .iter()
                .find(|(c, _)| *c == column)
                .map_or("", |(_, text)| text.as_str());
            (
                column,
                normalize_header(layout.header(column)),
                normalize_header(group),
            )
        })
        .collect()
}

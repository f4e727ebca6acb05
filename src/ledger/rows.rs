//! The shared core of parsing the rows below a detected header.
//!
//! Each layout's own row parser (in [`super::layout`]'s files) reads its
//! columns and hands what it found to the [`RowParser`]: a counted amount, a
//! row left out with its reason, a total the book states. The parser converts
//! amounts to 元 cents as they are read, adds every readable amount to the
//! sheet's `read_yuan` (so the ledger reconciles), keeps the running sums that
//! the book's own totals are tied out against, and tracks the state that spans
//! rows: the last dated line (merged date cells), the voucher, the 余额.

use super::accounts::AccountTable;
use super::layout::header::{is_closing_counterpart, TotalKind};
use super::layout::{self, AmountColumns, DateColumns, Layout, LayoutKind, Unit};
use super::left_out::LeftOutBeyond;
use super::tieout::sheet::{Boundary, SheetTieOut, SheetTotals};
use super::tieout::BookFigure;
use super::tieout::TieOut;
use super::{Account, Entry, SkipReason, SkippedRow};
use crate::classify::{self, Guess, ItemId, Reversal, OTHER};
use crate::dates::{
    find_bare_year, find_month_span, find_year_in_text, month_day_from_number, parse_date_text,
    parse_month_cell_text, parse_month_day, parse_period_text, CalendarDate, MonthDay, MonthSpan,
};
use crate::money::{amount_in_yuan, decimal_from_f64, format_cents, parse_amount_text};
use crate::read::cell::cell_address;
use crate::read::{CellValue, MergedIndex, MergedRegion, Row};
use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::num::NonZeroU64;
use std::sync::Arc;

/// How many 摘要 classifications are remembered at once.
const SUMMARY_CACHE: usize = 4_096;
/// How many earlier lines a reversal can be matched with (by voucher, by
/// account and amount) at least, each; twice as many at most.
const REVERSAL_MEMORY: usize = 16_384;
/// The characters of a 未归类支出 line's 摘要 kept (a cell may hold 32,767).
const SUMMARY_SHOWN: usize = 200;
/// How many of the largest 未归类支出 lines keep their cell and 摘要, per account and year.
const UNCLASSIFIED_KEPT: usize = 16;

/// Where a line left 未归类支出 stands and what its 摘要 says, for 数据检查.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclassifiedText {
    /// Index into [`super::Ledger::sheets`].
    pub sheet: u16,
    /// 0-based sheet row.
    pub row: u32,
    /// The cell of its amount (`序时账!F17`; a months-across row's label).
    pub address: String,
    /// The row's 摘要, or empty.
    pub summary: String,
}

/// How the current line was classified, for [`RowParser::push`]: a red
/// reversal takes the class of the line it reverses, found only once its
/// amount is known.
#[derive(Debug)]
struct LineClass {
    row: u32,
    /// The ledger's own 经济分类 decided: nothing overrides it.
    own: bool,
    /// The account's name or code decided (a reversal on the same account
    /// would be classified the same: its line need not be remembered).
    by_account: bool,
    /// What the 摘要 says of a reversal.
    reversal: Option<Reversal>,
    /// The 摘要 of a line left 未归类支出 (empty without one).
    unclassified_summary: Option<String>,
}

/// Account key of a line without an account, in the reversal memory.
const NO_ACCOUNT: u32 = u32::MAX;
/// Account key matching any account, in the voucher memory.
const ANY_ACCOUNT: u32 = u32::MAX - 1;

/// Earlier lines a red reversal may reverse: by voucher (year, month,
/// number, account) and by (account, amount). Bounded: each keeps the latest
/// [`REVERSAL_MEMORY`] lines or more, and never twice that (the older half is
/// dropped as a whole), so a book of a million lines stays small.
#[derive(Debug, Default)]
struct ReversalMemory {
    by_voucher: Generations<(i32, u32, u32, u32)>,
    by_amount: Generations<(u32, Decimal)>,
}

/// A map of recent keys in two generations: when the newer is full, it
/// becomes the older and the older is dropped.
#[derive(Debug)]
struct Generations<K> {
    newer: std::collections::HashMap<K, ItemId>,
    older: std::collections::HashMap<K, ItemId>,
}

impl<K> Default for Generations<K> {
    fn default() -> Self {
        Self {
            newer: std::collections::HashMap::new(),
            older: std::collections::HashMap::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq> Generations<K> {
    fn get(&self, key: &K) -> Option<ItemId> {
        self.newer.get(key).or_else(|| self.older.get(key)).copied()
    }

    /// Sets `key`; with `keep_first`, only when it is not there yet.
    fn set(&mut self, key: K, item: ItemId, keep_first: bool) {
        if keep_first && self.get(&key).is_some() {
            return;
        }
        if self.newer.len() >= REVERSAL_MEMORY {
            self.older = std::mem::take(&mut self.newer);
        }
        self.newer.insert(key, item);
    }
}

impl ReversalMemory {
    /// Remembers a classified line; `by_amount` when its class did not come
    /// from its account alone. A voucher keeps its first line's class.
    fn remember(
        &mut self,
        period: (i32, u32),
        voucher: Option<u32>,
        account: u32,
        amount: Decimal,
        item: ItemId,
        by_amount: bool,
    ) {
        if let Some(number) = voucher {
            for key in [account, ANY_ACCOUNT] {
                self.by_voucher
                    .set((period.0, period.1, number, key), item, true);
            }
        }
        if by_amount {
            self.by_amount.set((account, amount), item, false);
        }
    }

    /// The class of the line a reversal of `amount` (negative) on `account`
    /// in `period` reverses: the voucher its 摘要 names (in the month named,
    /// else this month or an earlier one of the year), else the latest line of
    /// the same account and amount.
    fn find(
        &self,
        reversal: &Reversal,
        period: (i32, u32),
        account: u32,
        amount: Decimal,
    ) -> Option<ItemId> {
        let by_voucher = reversal.voucher.and_then(|named| {
            let months: Vec<(i32, u32)> = match named.month {
                Some(month) => vec![(named.year.unwrap_or(period.0), month)],
                None => (1..=period.1).rev().map(|m| (period.0, m)).collect(),
            };
            months.into_iter().find_map(|(year, month)| {
                [account, ANY_ACCOUNT]
                    .into_iter()
                    .find_map(|key| self.by_voucher.get(&(year, month, named.number, key)))
            })
        });
        by_voucher.or_else(|| self.by_amount.get(&(account, -amount)))
    }
}

/// The largest 未归类支出 lines' 摘要, a few per (account, year): whatever the
/// ledger leaves out later (other accounts, other years), the largest lines it
/// keeps have their 摘要 here.
#[derive(Debug, Default)]
struct UnclassifiedKept {
    by_bucket: std::collections::HashMap<(u32, i32), Vec<(Decimal, UnclassifiedText)>>,
}

impl UnclassifiedKept {
    fn offer(
        &mut self,
        bucket: (u32, i32),
        amount: Decimal,
        line: impl FnOnce() -> UnclassifiedText,
    ) {
        let size = amount.abs();
        let kept = self.by_bucket.entry(bucket).or_default();
        if kept.len() < UNCLASSIFIED_KEPT {
            kept.push((size, line()));
            return;
        }
        if let Some(smallest) = kept.iter_mut().min_by_key(|(size, _)| *size) {
            if size > smallest.0 {
                *smallest = (size, line());
            }
        }
    }

    fn into_texts(self) -> Vec<UnclassifiedText> {
        let mut texts: Vec<UnclassifiedText> = self
            .by_bucket
            .into_values()
            .flatten()
            .map(|(_, text)| text)
            .collect();
        texts.sort_by_key(|t| (t.sheet, t.row));
        texts
    }
}

/// One sheet's share of the ledger.
pub(super) struct SheetPart {
    pub layout: Layout,
    pub year_source: Option<String>,
    pub entries: Vec<Entry>,
    pub skipped: Vec<SkippedRow>,
    pub skipped_beyond: LeftOutBeyond,
    pub data_rows: u64,
    pub read_yuan: Decimal,
    /// What the sheet's tie-out leaves for the ledger.
    pub totals: SheetTotals,
    pub unclassified: Vec<UnclassifiedText>,
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

/// Parses the data rows of one sheet under its layout.
pub(in crate::ledger) struct RowParser {
    layout: Layout,
    /// The layout's kind, shared so that its parser can borrow it while
    /// the row parser is borrowed mutably.
    kind: Arc<LayoutKind>,
    /// Each header column's text and its group's (two-row headers), normalized
    /// once: every all-text row is compared with them.
    header_words: Vec<(u32, String, String)>,
    exclusions: Vec<u32>,
    year_option: Option<i32>,
    /// How the message for a sheet without years says to give one.
    year_fix: String,
    context_year: Option<i32>,
    /// Where `context_year` came from (`来自文件名「…」`), whether or not rows need it.
    context_source: Option<String>,
    /// Set once a date without its year (`1.15`, `1月15日`) took `context_year`.
    dates_took_context_year: std::cell::Cell<bool>,
    /// A span of months across two years the title (or the sheet's or file's
    /// name) states (`2016年9月—2017年8月`), with where it was found: a date
    /// without its year takes the year of the span's part that holds its month.
    month_span: Option<(MonthSpan, String)>,
    /// Set once a date without its year took it from `month_span`.
    dates_took_span: std::cell::Cell<bool>,
    /// The ledger's file name, for messages.
    file_name: Option<String>,
    /// The status column is a yes/no void flag (是否作废): 是 / Y say voided.
    status_is_flag: bool,
    year_source: Option<String>,
    sheet: u16,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    /// Left-out rows past the first few of their reason, counted.
    skipped_beyond: LeftOutBeyond,
    data_rows: u64,
    read_yuan: Decimal,
    /// The last dated entry's (year, month, row), for merged date cells below it.
    last_dated: Option<(i32, u32, u32)>,
    /// The sheet's merged cells, sorted and searched (never scanned per row).
    merged: MergedIndex,
    /// The quarter of the last row [`RowParser::total_in`] found a quarter
    /// total in (`第一季度`): a figure for it is the quarter's months.
    quarter_row: std::cell::Cell<Option<u32>>,
    /// The value of each merged region's top-left cell once its row was read,
    /// by (row, column): the cells below it show that value.
    merged_tops: std::collections::HashMap<(u32, u32), CellValue>,
    /// The sheet's tie-out against the book's own totals.
    tie: SheetTieOut,
    /// A months-across table's item rows since the last 类 or 小计 row, by month.
    by_month: [Decimal; 12],
    /// How many item rows `by_month` holds.
    by_month_rows: u64,
    voucher: VoucherTrack,
    /// The last figure read in the 余额 column.
    last_balance: Option<Decimal>,
    /// A trial balance's accounts, parents before sub-accounts.
    account_tree: layout::trial_balance::AccountTree,
    /// What each account says of the classification, by (account, codes from 2018).
    class_cache: std::collections::HashMap<(u32, bool), Guess>,
    /// What recent 摘要 say of it.
    summary_cache: std::collections::HashMap<String, Guess>,
    /// Recent texts of the ledger's own 经济分类 column, by (text, codes from 2018).
    own_cache: std::collections::HashMap<(String, bool), Option<ItemId>>,
    /// How the line being read was classified, until it is pushed.
    line_class: Option<LineClass>,
    /// Earlier lines, for the red reversals of them.
    reversals: ReversalMemory,
    /// The largest 未归类支出 lines' 摘要.
    unclassified: UnclassifiedKept,
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
    /// `options` gives the year (`--year` or a setting) and how fixes are
    /// said; `sheet_year` a year in the sheet's name; `merged` the sheet's merged cells.
    pub fn new(
        layout: Layout,
        options: &super::ReadOptions,
        sheet_year: Option<i32>,
        sheet: u16,
        merged: Vec<MergedRegion>,
    ) -> Self {
        let year_option = options.year;
        let year_fix = options.advice.how("用 --year 2017", "year = 2017");
        let (context_year, source) = context_year(&layout, options, sheet_year);
        // A month sheet's name (`2017年1月`) says its year: no span then.
        let month_span = month_span(&layout, options).filter(|_| sheet_year.is_none());
        // Rows with full dates (or periods, or a 年 column) carry their own year.
        let rows_lack_year = !layout.kind.rules().rows_carry_year();
        let year_source = match &month_span {
            Some(span) if rows_lack_year => Some(span_source(span)),
            _ if rows_lack_year => source.clone(),
            _ => None,
        };
        let status_is_flag = layout.other.status.is_some_and(|column| {
            layout::header::is_void_flag_header(&layout::header::normalize_header(
                layout.header(column),
            ))
        });
        let section_account = account_in_title(&layout.title);
        let header_words = header_words(&layout);
        let tie = SheetTieOut::new(&layout.sheet, layout.kind.rules().has_credit(&layout.other));
        Self {
            header_words,
            section_account,
            kind: Arc::new(layout.kind.clone()),
            exclusions: layout.marker_exclusions(),
            layout,
            year_option,
            year_fix,
            context_year,
            context_source: source,
            dates_took_context_year: std::cell::Cell::new(false),
            month_span,
            dates_took_span: std::cell::Cell::new(false),
            file_name: options.file_name.clone(),
            status_is_flag,
            year_source,
            sheet,
            entries: Vec::new(),
            skipped: Vec::new(),
            skipped_beyond: LeftOutBeyond::default(),
            data_rows: 0,
            read_yuan: Decimal::ZERO,
            last_dated: None,
            merged: MergedIndex::new(merged),
            merged_tops: std::collections::HashMap::new(),
            quarter_row: std::cell::Cell::new(None),
            tie,
            by_month: [Decimal::ZERO; 12],
            by_month_rows: 0,
            voucher: VoucherTrack::default(),
            last_balance: None,
            account_tree: Default::default(),
            class_cache: std::collections::HashMap::new(),
            summary_cache: std::collections::HashMap::new(),
            own_cache: std::collections::HashMap::new(),
            line_class: None,
            reversals: ReversalMemory::default(),
            unclassified: UnclassifiedKept::default(),
            section_month: None,
            last_row: None,
            title_after_gap: false,
            other_table: None,
        }
    }

    /// The header row: rows at or above it are not data.
    pub fn header_row(&self) -> u32 {
        self.layout.header_row
    }

    /// The sheet's layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The year of rows that carry none (from `--year`, the sheet's name or its titles).
    pub fn context_year(&self) -> Option<i32> {
        self.context_year
    }

    /// The unit amounts are written in.
    pub fn unit(&self) -> Unit {
        self.layout.unit
    }

    /// Parses one data row with its layout's parser. The header repeated
    /// inside the table, and a title row naming the account of the block below
    /// it, are left out first.
    pub fn parse(&mut self, row: &Row, accounts: &mut AccountTable) {
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
            return self.skip(row.index, first, reason, None);
        }
        if after_gap && self.starts_another_table(row) {
            let header = row.joined_text();
            self.other_table = Some(header.clone());
            return self.skip(row.index, first, SkipReason::OtherTable(header), None);
        }
        if self.repeats_header(row) {
            self.tie.start_block(Boundary::Header);
            return self.skip(row.index, first, SkipReason::RepeatedHeader, None);
        }
        if let Some((text, account)) = account_title_row(row, self.bare_titles_from()) {
            // A new account's block: its totals sum its own lines only.
            self.section_account = Some(account);
            self.tie.start_block(Boundary::AccountTitle);
            return self.skip(row.index, first, SkipReason::AccountTitle(text), None);
        }
        if self.months_by_title() {
            if let Some((text, year, month)) = layout::month_title(row) {
                self.section_month = Some((year, month));
                return self.skip(row.index, first, SkipReason::MonthTitle(text), None);
            }
        }
        let kind = Arc::clone(&self.kind);
        kind.rules().parse(self, row, accounts);
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

    /// Where a block's title may name its account without 「科目：」: the
    /// table's first column, in books of voucher lines (明细账, 多栏账) only —
    /// a label alone on a monthly or months-across table's row is a class.
    fn bare_titles_from(&self) -> Option<u32> {
        matches!(
            &*self.kind,
            LayoutKind::Journal(_) | LayoutKind::MultiColumn(_)
        )
        .then(|| self.layout.headers.iter().map(|(c, _)| *c).min())
        .flatten()
    }

    /// True when the lines' months come from month title rows between them.
    fn months_by_title(&self) -> bool {
        matches!(
            &*self.kind,
            LayoutKind::Journal(journal) if matches!(journal.dates, DateColumns::SectionMonth { .. })
        )
    }

    /// True when a row repeats the header (either row of a two-row header):
    /// two or more of its texts, and most of its cells, are the header's own
    /// words in the same columns.
    fn repeats_header(&self, row: &Row) -> bool {
        use layout::header::normalize_header;
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

    /// The account of a journal row: its account columns, else the account the
    /// title or the block's title row names.
    pub fn account_of(&mut self, row: &Row, accounts: &mut AccountTable) -> Option<u32> {
        let id = accounts
            .intern_from_row(
                row,
                self.layout.other.account_code,
                self.layout.other.account_name,
            )
            .or_else(|| self.section_account.clone().map(|a| accounts.intern(a)))?;
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

    /// Leaves a row (or cell) out, with the cell the reason is about.
    pub fn skip(
        &mut self,
        row: u32,
        column: u32,
        reason: SkipReason,
        amount_yuan: Option<Decimal>,
    ) {
        let name = &self.layout.sheet;
        self.skipped_beyond.leave_out(
            &mut self.skipped,
            (self.sheet, row),
            reason,
            amount_yuan,
            || cell_address(name, row, column),
        );
    }

    /// Counts a line of `(year, month)` from `row`.
    pub fn push(
        &mut self,
        row: u32,
        (year, month): (i32, u32),
        amount_yuan: Decimal,
        account: Option<u32>,
        item: Option<ItemId>,
    ) {
        // Only a credit or a line on a closing counterpart account can be
        // part of what the closing check looks for (a credit in the same
        // voucher as a counterpart line): other lines need no voucher number,
        // and a book of a million debits keeps no map of its vouchers.
        let matters = amount_yuan.is_sign_negative()
            || account.is_some_and(|id| {
                self.voucher
                    .counterparts
                    .get(id as usize)
                    .copied()
                    .unwrap_or(false)
            });
        let voucher = self
            .voucher
            .last_row
            .filter(|last| *last == row && matters)
            .and(self.voucher.key)
            .map(|key| NonZeroU64::new(key).unwrap_or(NonZeroU64::MIN));
        let item =
            item.map(|item| self.settle_line(row, (year, month), amount_yuan, account, item));
        self.entries.push(Entry {
            year,
            month,
            amount_yuan,
            sheet: self.sheet,
            row,
            account: Entry::account_ref(account),
            item,
            voucher,
        });
    }

    /// The final class of a line being counted, from its classification
    /// ([`RowParser::classify_line`]) and its amount: a red reversal (a
    /// negative line whose 摘要 says 冲销, 红冲 …) takes the class of the line it
    /// reverses when that line is found, unless the ledger's own 经济分类 says
    /// otherwise. Classified lines are remembered for later reversals; the
    /// largest lines left 未归类支出 keep their 摘要 for 数据检查.
    fn settle_line(
        &mut self,
        row: u32,
        period: (i32, u32),
        amount: Decimal,
        account: Option<u32>,
        item: ItemId,
    ) -> ItemId {
        let line = self.line_class.take().filter(|line| line.row == row);
        let account_key = account.unwrap_or(NO_ACCOUNT);
        let mut item = item;
        if let Some(line) = &line {
            if let Some(reversal) = line
                .reversal
                .filter(|_| !line.own && amount.is_sign_negative())
            {
                if let Some(reversed) = self.reversals.find(&reversal, period, account_key, amount)
                {
                    item = reversed;
                }
            }
        }
        if item == OTHER {
            let summary = line
                .and_then(|line| line.unclassified_summary)
                .unwrap_or_default();
            let column = self
                .kind
                .rules()
                .amount_column()
                .or(self.layout.other.account_name)
                .or(self.layout.other.account_code)
                .unwrap_or(0);
            let (sheet, name) = (self.sheet, &self.layout.sheet);
            self.unclassified
                .offer((account_key, period.0), amount, || UnclassifiedText {
                    sheet,
                    row,
                    address: cell_address(name, row, column),
                    summary,
                });
        } else if amount > Decimal::ZERO {
            let voucher = self
                .voucher
                .last_row
                .filter(|last| *last == row)
                .and(self.voucher.number);
            let by_amount = !line.as_ref().is_some_and(|line| line.by_account);
            self.reversals
                .remember(period, voucher, account_key, amount, item, by_amount);
        }
        item
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

    /// The economic classification of a line: the ledger's own 经济分类 column
    /// (or 辅助核算 text) first, then the account, then the 摘要; a red
    /// reversal may yet take the class of the line it reverses when it is
    /// counted ([`RowParser::push`]). What an account says is worked out once
    /// per account (and code system) and remembered: matching names against
    /// every item's words is the costliest step of a line.
    pub fn classify_line(
        &mut self,
        year: i32,
        account: Option<u32>,
        accounts: &AccountTable,
        row: &Row,
    ) -> ItemId {
        let summary = self.summary_of(row);
        let reversal = classify::reversal_in(summary);
        let own = self.own_classification(year, row);
        let by_account = match (own, account) {
            (None, Some(id)) => *self
                .class_cache
                .entry((id, year >= 2018))
                .or_insert_with(|| {
                    let account = accounts.get(id);
                    classify::guess_account(
                        year,
                        account.and_then(|a| a.code.as_deref()),
                        account.map_or("", |a| a.name.as_str()),
                    )
                }),
            _ => Guess::Nothing,
        };
        let item = match (own, by_account) {
            (Some(item), _) => item,
            (None, Guess::Item(item)) => item,
            // The same 摘要 comes back line after line (支付费用, 发放工资):
            // remembered, up to a bound so that a book of all-different 摘要
            // stays small.
            (None, account_says) => classify::settle(account_says, || {
                if let Some(guess) = self.summary_cache.get(summary) {
                    return *guess;
                }
                let guess = classify::guess_text(summary);
                if self.summary_cache.len() >= SUMMARY_CACHE {
                    self.summary_cache.clear();
                }
                self.summary_cache.insert(summary.to_string(), guess);
                guess
            }),
        };
        self.line_class = Some(LineClass {
            row: row.index,
            own: own.is_some(),
            by_account: matches!(by_account, Guess::Item(_)),
            reversal,
            unclassified_summary: (item == OTHER).then(|| shortened(summary.trim())),
        });
        item
    }

    /// The line's class in the ledger's own 经济分类 column (`30201 办公费`,
    /// `30201`, `办公费`) or 辅助核算 text (`…;经济分类:30201 办公费;…`).
    fn own_classification(&mut self, year: i32, row: &Row) -> Option<ItemId> {
        let cell = row.get(self.layout.other.classification?);
        let text = match cell {
            CellValue::Text(text) => text.clone(),
            // A code typed as a number: 30201.
            CellValue::Number(n) if n.fract() == 0.0 && *n > 0.0 && *n < 1e10 => {
                format!("{}", *n as u64)
            }
            _ => return None,
        };
        let key = (text, year >= 2018);
        if let Some(found) = self.own_cache.get(&key) {
            return *found;
        }
        let found = classify::own_classification(year, &key.0);
        if self.own_cache.len() >= SUMMARY_CACHE {
            self.own_cache.clear();
        }
        self.own_cache.insert(key, found);
        found
    }

    /// The total or balance a row's text names (any text cell but account names).
    pub fn total_in(&self, row: &Row) -> Option<(TotalKind, String)> {
        let found = layout::total_marker(row, &self.exclusions);
        self.quarter_row.set(match found {
            Some((TotalKind::Quarter(quarter), _)) => Some(quarter),
            _ => None,
        });
        found
    }

    /// The row's 摘要, or empty when it has none (or no 摘要 column).
    fn summary_of<'r>(&self, row: &'r Row) -> &'r str {
        self.layout
            .other
            .summary
            .and_then(|c| row.get(c).as_text())
            .unwrap_or_default()
    }

    /// The closing-entry wording in a row's 摘要 (or, without a 摘要 column,
    /// in any of its texts but account names), if any.
    pub fn closing_in(&self, row: &Row) -> Option<String> {
        match self.layout.other.summary {
            Some(column) => row
                .get(column)
                .as_text()
                .filter(|t| layout::header::is_closing_text(t))
                .map(str::to_string),
            None => layout::closing_marker(row, &self.exclusions),
        }
    }

    /// A closing entry by structure: a credit to the line's account whose 对方科目
    /// is 本期盈余 / 财政拨款结转 …, or that moves out the account's whole 余额.
    pub fn closing_by_structure(&mut self, row: &Row, net: Decimal) -> Option<String> {
        // The 余额 the row shows, when it shows one (a blank cell is no balance).
        let after = self
            .layout
            .other
            .balance
            .map(|c| row.get(c))
            .filter(|cell| !cell.is_empty())
            .and_then(|cell| read_amount(cell, self.unit()).ok());
        let before = self.last_balance;
        if after.is_some() {
            self.last_balance = after;
        }
        if net >= Decimal::ZERO {
            return None;
        }
        if let Some(column) = self.layout.other.counter_account {
            if let Some(text) = row.get(column).as_text() {
                let (code, name) = super::split_code(text);
                if layout::header::is_closing_counterpart(code.as_deref(), &name) {
                    return Some(format!("贷方转入对方科目“{text}”"));
                }
            }
        }
        let summary = self.summary_of(row);
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
    pub fn track_voucher(&mut self, row: &Row, period: (i32, u32)) {
        let Some(column) = self.layout.other.voucher else {
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
    /// the mark). Call after [`RowParser::track_voucher`]. When a line of a
    /// voucher carries the mark after lines of it were counted, those are moved
    /// to the rows left out as well.
    pub fn voided(&mut self, row: &Row) -> Option<String> {
        let own = self.own_void_mark(row);
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
                        self.uncount_voided_lines(first, &text);
                    }
                }
                Some(text)
            }
            (own, None) => own,
            (None, Some(key)) => self.voucher.voided.get(&key).cloned(),
        }
    }

    /// A line's own void mark: its status cell, else its 摘要.
    fn own_void_mark(&self, row: &Row) -> Option<String> {
        use layout::header::{is_void_status, void_mark_in_summary};
        if let Some(column) = self.layout.other.status {
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
                    format!("{}：{said}", self.layout.header(column).trim())
                } else {
                    said
                });
            }
        }
        void_mark_in_summary(self.summary_of(row)).map(|text| shortened(&text))
    }

    /// Moves the counted lines of this sheet from row `first` on (the earlier
    /// lines of a voucher found voided on a later line) to the rows left out.
    fn uncount_voided_lines(&mut self, first: u32, text: &str) {
        let column = self.kind.rules().amount_column().unwrap_or(0);
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

    /// 借方 and 贷方 (or the single amount and zero) in 元; the error names the
    /// cell. A single amount beside a 借贷方向 column that says 贷 is a credit.
    pub fn read_sides(
        &self,
        row: &Row,
        amount: AmountColumns,
    ) -> Result<(Decimal, Decimal), (u32, SkipReason)> {
        let debit =
            read_amount(row.get(amount.debit), self.unit()).map_err(|r| (amount.debit, r))?;
        match amount.credit {
            Some(column) => {
                let credit = read_amount(row.get(column), self.unit()).map_err(|r| (column, r))?;
                Ok((debit, credit))
            }
            None if self.credit_by_direction(row) => Ok((Decimal::ZERO, debit)),
            None => Ok((debit, Decimal::ZERO)),
        }
    }

    /// True when the row's 借贷方向 cell says 贷.
    fn credit_by_direction(&self, row: &Row) -> bool {
        self.layout
            .other
            .direction
            .and_then(|c| row.get(c).as_text())
            .is_some_and(|t| t.trim_start().starts_with('贷'))
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
    fn date_cell<'a>(&'a self, row: &'a Row, column: u32) -> &'a CellValue {
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
    fn year_for_month(&self, month: u32) -> Option<i32> {
        match &self.month_span {
            Some((span, _)) => {
                self.dates_took_span.set(true);
                Some(span.year_of(month))
            }
            None => self.context_year,
        }
    }

    /// True when a blank date cell at `(row, column)` is covered by a merged cell above.
    fn merged_from_above(&self, row: u32, column: u32) -> bool {
        self.merged.covering_from_above(row, column).is_some()
    }

    /// The (year, month) of a journal row; the error names the cell. A blank
    /// date is the line above's only when the date cell is merged with it, or
    /// when the row is otherwise a voucher line (it has 摘要, 凭证号 or account).
    pub fn resolve_month(
        &self,
        row: &Row,
        dates: &DateColumns,
    ) -> Result<(i32, u32), (u32, SkipReason)> {
        let carried = |column: u32| {
            let entry_like = !self.layout.other.row_is_wordless(row);
            let continuing = self
                .last_dated
                .filter(|(.., last_row)| {
                    last_row + 1 == row.index || self.merged_from_above(row.index, column)
                })
                .map(|(year, month, _)| (year, month));
            continuing.filter(|_| entry_like || self.merged_from_above(row.index, column))
        };
        let year_needed = |column: u32| (column, SkipReason::YearUnknown);
        match dates {
            DateColumns::Date(column) => {
                let cell = self.date_cell(row, *column);
                if cell.is_empty() {
                    return carried(*column)
                        .ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                if let Some(date) = read_date(cell) {
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
                    let year = self
                        .year_for_month(month_day.month)
                        .ok_or_else(|| year_needed(*column))?;
                    if let Some(date) = month_day.in_year(year) {
                        self.dates_took_context_year.set(true);
                        return Ok((date.year, date.month));
                    }
                }
                Err((*column, SkipReason::UnreadableDate(cell.display())))
            }
            DateColumns::YearMonthDay { year, month, .. } => {
                let cell = self.date_cell(row, *month);
                if cell.is_empty() {
                    return carried(*month)
                        .ok_or((*month, SkipReason::UnreadableMonth(cell.display())));
                }
                let month_value = read_month_cell(cell)
                    .ok_or((*month, SkipReason::UnreadableMonth(cell.display())))?;
                let year_value = match year {
                    Some(column) => {
                        let year_cell = self.date_cell(row, *column);
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
                        None => self
                            .year_for_month(month_value)
                            .ok_or_else(|| year_needed(*month))?,
                    },
                };
                Ok((year_value, month_value))
            }
            DateColumns::Period(column) => {
                let cell = self.date_cell(row, *column);
                if cell.is_empty() {
                    return carried(*column)
                        .ok_or((*column, SkipReason::UnreadableDate(cell.display())));
                }
                let text = match cell {
                    CellValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
                    CellValue::Text(text) => text.clone(),
                    _ => String::new(),
                };
                parse_period_text(&text, self.context_year).ok_or_else(|| {
                    if self.context_year.is_none() && parse_period_text(&text, Some(2000)).is_some()
                    {
                        year_needed(*column)
                    } else {
                        (*column, SkipReason::UnreadableDate(cell.display()))
                    }
                })
            }
            DateColumns::SheetMonth(month) => {
                let year = self.year_for_month(*month).ok_or_else(|| year_needed(0))?;
                Ok((year, *month))
            }
            DateColumns::SectionMonth { day } => {
                let (year, month) = self.section_month.ok_or((
                    *day,
                    SkipReason::UnreadableMonth("这一行之上没有月份标题行".to_string()),
                ))?;
                let year = year
                    .or_else(|| self.year_for_month(month))
                    .ok_or_else(|| year_needed(*day))?;
                Ok((year, month))
            }
        }
    }

    /// Remembers the last dated line, for a merged date cell below it.
    pub fn mark_dated(&mut self, (year, month): (i32, u32), row: u32) {
        self.last_dated = Some((year, month, row));
    }

    /// Adds a line (not a total) of `period` (when known) to the running sums
    /// the book's totals are tied to.
    pub fn add_line(&mut self, period: Option<(i32, u32)>, debit: Decimal, credit: Decimal) {
        self.tie.add_line(period, debit, credit);
    }

    /// A row with figures only (no 摘要, 凭证号 or account, in a sheet that has
    /// them) whose amounts equal the lines since the previous total is a
    /// subtotal the book did not label: tied out and left out. False otherwise.
    pub fn wordless_total(
        &mut self,
        row: &Row,
        column: u32,
        debit: Decimal,
        credit: Decimal,
    ) -> bool {
        if !self.layout.other.row_is_wordless(row) || (debit.is_zero() && credit.is_zero()) {
            return false;
        }
        let Some(kind) = self.tie.unlabelled_total(debit, credit) else {
            return false;
        };
        let text = "（无文字的合计行）".to_string();
        self.tie.book_total(row, column, kind, &text, debit, credit);
        self.skip(
            row.index,
            column,
            SkipReason::SummaryRow(format!(
                "无文字，金额等于{}各行之和",
                if kind == TotalKind::Period {
                    "上一合计以来"
                } else {
                    "本年"
                }
            )),
            Some(debit - credit),
        );
        true
    }

    /// True when a row's 借方 and 贷方 equal the lines since the previous total
    /// or since the start of the block: the row is a total, whatever its words.
    pub fn matches_a_running_sum(&self, debit: Decimal, credit: Decimal) -> bool {
        self.tie.matches_a_running_sum(debit, credit)
    }

    /// A total row whose amount cells are blank (see [`SheetTieOut::blank_book_total`]).
    pub fn blank_book_total(&mut self, row: &Row, column: u32, kind: TotalKind, text: &str) {
        self.tie.blank_book_total(row, column, kind, text);
    }

    /// Ties out a total row the book states (see [`SheetTieOut::book_total`]).
    pub fn book_total(
        &mut self,
        row: &Row,
        column: u32,
        kind: TotalKind,
        text: &str,
        debit: Decimal,
        credit: Decimal,
    ) {
        self.tie.book_total(row, column, kind, text, debit, credit);
    }

    /// Adds a months-across item row's month to the running group sum.
    pub fn add_month_line(&mut self, month: u32, amount: Decimal) {
        if let Some(slot) = self.by_month.get_mut(month as usize - 1) {
            *slot += amount;
        }
    }

    /// Starts a new group of item rows (after a 类 row or a 小计 row).
    pub fn start_month_group(&mut self) {
        self.by_month = [Decimal::ZERO; 12];
        self.by_month_rows = 0;
    }

    /// Counts an item row into the running group.
    pub fn count_month_group_row(&mut self) {
        self.by_month_rows += 1;
    }

    /// A 小计 row's month against the item rows of its group; `None` when the
    /// group is empty (nothing to compare with).
    pub fn month_group_sum(&self, month: u32) -> Option<Decimal> {
        (self.by_month_rows > 0)
            .then(|| self.by_month.get(month as usize - 1).copied())
            .flatten()
    }

    /// Records a comparison made by a layout's parser (a row's 合计 column, a
    /// 多栏账 band, a parent account).
    pub fn record_tie_out(&mut self, check: TieOut) {
        self.tie.record(check);
    }

    /// Compares one row's own total with jixiao's sum of its parts (see [`SheetTieOut::row_check`]).
    pub fn row_check(&mut self, kind: &'static str, place: String, book: Decimal, jixiao: Decimal) {
        self.tie.row_check(kind, place, book, jixiao);
    }

    /// Follows a trial balance's account tree; parents closed by this row are tied out.
    pub fn follow_account(&mut self, code: Option<String>, debit: Decimal, place: String) {
        for (what, book, ours) in self.account_tree.follow(code, debit, place) {
            self.row_check("上级科目：本期借方等于其下级科目之和", what, book, ours);
        }
    }

    /// Closes a trial balance's account tree at a total row (a class 小计 when
    /// `subtotal`) or its end; returns the top-level accounts' sum since the
    /// previous 小计 and since the start.
    pub fn finish_account_tree(&mut self, subtotal: bool) -> (Decimal, Decimal) {
        let (checks, since_subtotal, all) = self.account_tree.finish(subtotal);
        for (what, book, ours) in checks {
            self.row_check("上级科目：本期借方等于其下级科目之和", what, book, ours);
        }
        (since_subtotal, all)
    }

    /// Notes a trial balance's 本年累计借方, to be tied out once every sheet is read.
    pub fn book_year_to_date(
        &mut self,
        account: u32,
        period: (i32, u32),
        book_yuan: Decimal,
        place: String,
    ) {
        self.tie
            .book_year_to_date(account, period, book_yuan, place);
    }

    /// A figure the book states for the final result (a 合计 row of a monthly
    /// or months-across table), compared once the ledger's entries are final.
    ///
    /// A quarter's row (`第一季度` between the months of a monthly table) is
    /// tied out at once against the quarter's months read above it, or is
    /// 未能核对 when none of them was read.
    pub fn book_figure(&mut self, what: String, month: Option<u32>, book_yuan: Decimal) {
        if let (None, Some(quarter)) = (month, self.quarter_row.take()) {
            let months = quarter * 3 - 2..=quarter * 3;
            let year = self.context_year;
            let of_quarter: Vec<Decimal> = self
                .entries
                .iter()
                .filter(|e| months.contains(&e.month) && year.is_none_or(|y| e.year == y))
                .map(|e| e.amount_yuan)
                .collect();
            let basis = format!("{}—{} 月支出之和", months.start(), months.end());
            let what = match what.rsplit_once('：') {
                Some((place, _)) => format!("{place}：{basis}"),
                None => format!("{what}：{basis}"),
            };
            let ours: Decimal = of_quarter.iter().sum();
            let unchecked = of_quarter.is_empty().then(|| {
                format!("本表没有读到第 {quarter} 季度各月的金额，不知道这个季度合计对应哪些月")
            });
            return self.tie.record(TieOut {
                what,
                book_yuan,
                jixiao_yuan: ours,
                unchecked,
            });
        }
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
    pub fn finish(mut self, accounts: &AccountTable) -> Result<SheetPart> {
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
                self.layout.sheet,
                first.address,
                self.year_fix
            );
        }
        // Dates written without their year took it from the context: say where.
        if self.dates_took_span.get() {
            self.year_source = self.month_span.as_ref().map(span_source);
        } else if self.year_source.is_none() && self.dates_took_context_year.get() {
            self.year_source = self
                .context_source
                .as_ref()
                .map(|source| format!("日期只写了月、日，年度{source}"));
        }
        let kind = Arc::clone(&self.kind);
        kind.rules().finish(&mut self, accounts);
        Ok(SheetPart {
            layout: self.layout,
            year_source: self.year_source,
            entries: self.entries,
            skipped: self.skipped,
            skipped_beyond: self.skipped_beyond,
            data_rows: self.data_rows,
            read_yuan: self.read_yuan,
            totals: self.tie.finish(),
            unclassified: self.unclassified.into_texts(),
        })
    }
}

/// The year of rows that carry none, and where it came from, in this order:
/// a month sheet's name (`2017年1月`), a sheet name's own year when `--year`
/// names another (that sheet is another year's), `--year` (or its setting),
/// the titles or header (`2017年支出明细账`), the sheet's name (`2017年`,
/// `2017支出`), the file's name (`2017年办公经费台账.xlsx`).
fn context_year(
    layout: &Layout,
    options: &super::ReadOptions,
    sheet_year: Option<i32>,
) -> (Option<i32>, Option<String>) {
    let from_sheet = || Some(format!("来自工作表名「{}」", layout.sheet));
    // A sheet named for its year (`2016年`, `2017.03`) holds that year's rows
    // whatever year is graded: `--year` then chooses among the sheets, it
    // never moves a 2016 sheet's rows into 2017.
    if let Some(year) = sheet_year {
        return (Some(year), from_sheet());
    }
    let in_sheet_name = find_year_in_text(&layout.sheet);
    if let Some(year) = in_sheet_name.or_else(|| find_bare_year(&layout.sheet)) {
        if options.year.is_some_and(|wanted| wanted != year) {
            return (Some(year), from_sheet());
        }
    }
    if let Some(year) = options.year {
        let given_by = options
            .year_given_by
            .clone()
            .unwrap_or_else(|| "由 --year 参数指定".to_string());
        return (Some(year), Some(given_by));
    }
    if let Some(year) = layout.kind.rules().title_year().or(layout.year_in_titles) {
        // The layout's year may be the sheet name's own `2017年`: say so.
        let headers: String = layout.headers.iter().map(|(_, t)| t.as_str()).collect();
        let only_in_sheet_name = find_year_in_text(&layout.title).is_none()
            && find_year_in_text(&headers).is_none()
            && in_sheet_name == Some(year)
            && layout.kind.rules().title_year().is_none();
        let source = if only_in_sheet_name {
            from_sheet()
        } else {
            Some("来自表格标题或表头".to_string())
        };
        return (Some(year), source);
    }
    if let Some(year) = in_sheet_name.or_else(|| find_bare_year(&layout.sheet)) {
        return (Some(year), from_sheet());
    }
    let file = options.file_name.as_deref().unwrap_or_default();
    match find_year_in_text(file).or_else(|| find_bare_year(file)) {
        Some(year) => (Some(year), Some(format!("来自文件名「{file}」"))),
        None => (None, None),
    }
}

/// A span of months across two years stated in the titles or header, the
/// sheet's name or the file's name (`2016年9月—2017年8月经费支出登记簿`), with
/// where it was found.
fn month_span(layout: &Layout, options: &super::ReadOptions) -> Option<(MonthSpan, String)> {
    let headers: String = layout.headers.iter().map(|(_, t)| t.as_str()).collect();
    let file = options.file_name.as_deref().unwrap_or_default();
    // The first text that names a year decides, as for the context year: a
    // title's `2017年` is not overridden by a span in the file's name.
    for (text, place) in [
        (layout.title.as_str(), "表格标题"),
        (headers.as_str(), "表头"),
        (layout.sheet.as_str(), "工作表名"),
        (file, "文件名"),
    ] {
        let text = text.trim();
        if let Some(span) = find_month_span(text) {
            let shown = match text.char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &text[..end]),
                None => text.to_string(),
            };
            return Some((span, format!("来自{place}「{shown}」")));
        }
        let names = place == "工作表名" || place == "文件名";
        if find_year_in_text(text).is_some() || names && find_bare_year(text).is_some() {
            return None;
        }
    }
    None
}

/// How 数据检查 says where dates without their year took it from a span.
fn span_source((span, source): &(MonthSpan, String)) -> String {
    format!("日期只写了月、日，年度{source}：{}", span.describe())
}

/// A 摘要 as 数据检查 shows it: at most [`SUMMARY_SHOWN`] characters.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(SUMMARY_SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Every column with a header or a group (two-row headers), with both texts normalized.
fn header_words(layout: &Layout) -> Vec<(u32, String, String)> {
    use layout::header::normalize_header;
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

/// The account a title names: `科目：7101 行政支出`, `会计科目:5001 业务活动费用`.
fn account_in_title(text: &str) -> Option<Account> {
    let (_, after) = text.split_once("科目")?;
    let after = after.trim_start_matches("名称").trim_start();
    let after = after.strip_prefix([':', '：'])?.trim_start();
    // The title runs on into other labels (单位：元, 期间：…): stop at the next
    // label with its colon (not at 单位 in `单位管理费用`), or at a wide gap.
    let end = [
        "单位",
        "期间",
        "月份",
        "年度",
        "币种",
        "会计期间",
        "金额单位",
    ]
    .iter()
    .flat_map(|label| [format!("{label}："), format!("{label}:")])
    .chain(["  ".to_string(), "\u{3000}".to_string()])
    .filter_map(|label| after.find(&label))
    .min()
    .unwrap_or(after.len());
    let (code, name) = super::split_code(after[..end].trim());
    // An account name has no spaces: what follows one is another title.
    let name = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    (code.is_some() || !name.is_empty()).then_some(Account { code, name })
}

/// A row that only names an account, in one text cell: `科目：500101 办公费`,
/// `科目名称：单位管理费用`, or the account alone as a book printed one block
/// per account heads each block — a code of 3 or more digits with its name
/// (`30101 基本工资`, `5101 单位管理费用`, `【30201】办公费`) or a name jixiao
/// knows as an account (`单位管理费用`). A month title (`2017年1月`), a total
/// word (`本年累计`) or a count (`500 元`) is no account, and an account
/// without its label is read only where `bare_from` allows it: in the table's
/// first column (or left of it), as a block's title stands, not in a 摘要 column.
fn account_title_row(row: &Row, bare_from: Option<u32>) -> Option<(String, Account)> {
    let mut cells = row.cells().filter(|(_, v)| !v.is_empty());
    let (column, only) = cells.next()?;
    if cells.next().is_some() {
        return None;
    }
    let text = only.as_text()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with("科目") || trimmed.starts_with("会计科目") {
        return account_in_title(trimmed).map(|account| (text.to_string(), account));
    }
    if bare_from.is_none_or(|start| column > start) {
        return None;
    }
    bare_account(trimmed).map(|account| (text.to_string(), account))
}

/// The account a block's title row writes without a 「科目：」 label (see
/// [`account_title_row`]).
fn bare_account(text: &str) -> Option<Account> {
    let text = text.trim();
    let (code, name) = super::split_code(text);
    let name = name.trim();
    let plain_name = !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        && name.chars().next().is_some_and(|c| !c.is_ascii())
        && !name.starts_with([
            '年', '月', '日', '元', '万', '号', '期', '个', '次', '笔', '张', '份', '页',
        ])
        && ![
            "合计", "小计", "累计", "承前", "过次", "转下", "接上", "期初", "期末", "余额", "本月",
            "本年", "上年", "以下",
        ]
        .iter()
        .any(|w| name.contains(w))
        && crate::dates::parse_month_label(name).is_none();
    if !plain_name {
        return None;
    }
    let account = Account {
        code,
        name: name.to_string(),
    };
    // A name alone is an account only when jixiao knows it as one.
    (account.code.is_some() || !super::accounts::is_unrecognised(&account)).then_some(account)
}

#[cfg(test)]
mod account_title_tests {
    use super::account_title_row;
    use crate::read::{CellValue, Row};

    fn one_cell(column: u32, text: &str) -> Row {
        Row::from_cells(5, [(column, CellValue::text(text))])
    }

    fn title(text: &str) -> Option<(Option<String>, String)> {
        account_title_row(&one_cell(0, text), Some(0)).map(|(_, a)| (a.code, a.name))
    }

    #[test]
    fn an_account_alone_on_its_row_is_a_block_title() {
        let coded = |code: &str, name: &str| Some((Some(code.to_string()), name.to_string()));
        assert_eq!(title("30101 基本工资"), coded("30101", "基本工资"));
        assert_eq!(title("5101 单位管理费用"), coded("5101", "单位管理费用"));
        assert_eq!(title("【30201】办公费"), coded("30201", "办公费"));
        assert_eq!(
            title("科目名称：30102 津贴补贴"),
            coded("30102", "津贴补贴")
        );
        assert_eq!(title("科目：7101 行政支出"), coded("7101", "行政支出"));
        assert_eq!(
            title("单位管理费用"),
            Some((None, "单位管理费用".to_string()))
        );
    }

    #[test]
    fn months_totals_counts_notes_and_summaries_are_no_account_title() {
        for text in [
            "2017年1月",
            "一月份",
            "本年累计",
            "承前页",
            "500 元押金退回",
            "以下空白",
            "某某局日常公用经费开支情况说明",
            "30101 基本工资 2017年",
        ] {
            assert_eq!(title(text), None, "{text}");
        }
        // An account written in the 摘要 column, away from the table's first column.
        assert!(account_title_row(&one_cell(3, "30101 基本工资"), Some(0)).is_none());
        // Only where bare titles may stand (not on a monthly table's row).
        assert!(account_title_row(&one_cell(0, "30101 基本工资"), None).is_none());
        assert!(account_title_row(&one_cell(0, "科目：30101 基本工资"), None).is_some());
        // Next to an amount it is a line, not a title.
        let line = Row::from_cells(
            5,
            [
                (0, CellValue::text("30101 基本工资")),
                (4, CellValue::Number(100.0)),
            ],
        );
        assert!(account_title_row(&line, Some(0)).is_none());
    }
}

/// A cell as a voucher key: text as written, whole numbers without `.0`.
fn cell_key(cell: &CellValue) -> String {
    match cell {
        CellValue::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
        CellValue::Text(text) => text.clone(),
        other => other.display(),
    }
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

/// An amount cell's value in 元, exact to the cent; a blank counts 0.
pub fn read_amount(cell: &CellValue, unit: Unit) -> Result<Decimal, SkipReason> {
    let unreadable = || SkipReason::UnreadableAmount(cell.display());
    let value = match cell {
        CellValue::Empty => return Ok(Decimal::ZERO),
        CellValue::Number(n) => decimal_from_f64(*n).ok_or_else(unreadable)?,
        CellValue::Text(text) => parse_amount_text(text)
            .map_err(|_| unreadable())?
            .unwrap_or_default(),
        CellValue::FormulaWithoutValue(_) => {
            return Err(SkipReason::FormulaWithoutValue(cell.display()))
        }
        _ => return Err(unreadable()),
    };
    let factor = match unit {
        Unit::Yuan => Decimal::ONE,
        Unit::Wan => Decimal::from(10_000),
    };
    // Too many digits to sum, or too big for the sum: left out like any
    // other unreadable amount, with its cell (issue 20, point 6).
    amount_in_yuan(value, factor).ok_or_else(unreadable)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
#[path = "rows/tieout/tests.rs"]
mod tieout_tests;

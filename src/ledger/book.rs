//! The book: which sheets of a workbook are read, and each sheet streamed
//! through the stages of the ledger core into one [`Ledger`] — its layout
//! detected from the first rows ([`super::layout`]), its rows parsed as they go
//! by under each candidate reading ([`super::rows`], [`super::readings`]), the
//! reading the book's totals confirm kept and its totals tied out across
//! sheets ([`super::tieout`]); at the end the closing vouchers and the accounts
//! that are not spending are left out ([`super::closing`], [`super::accounts`]).

use super::accounts;
use super::closing;
use super::layout::{self, Layout, HEADER_SCAN_ROWS};
use super::left_out;
use super::readings;
use super::rows::{SheetPart, SheetRows};
use super::tieout::across::{common_unit, tie_out_year_to_date, EarlierSheets, SummarySheet};
use super::tieout::choice::{Candidate, Reading};
use super::tieout::{self, BookFigure, TieOutLog};
use super::{Entry, IgnoredSheet, Ledger, ReadOptions, SkippedRow, UnclassifiedText};
use crate::dates::parse_sheet_month;
use crate::ledger::YearSource;
use crate::read::spill::RowSpill;
use crate::read::{Format, MergedRegion, NotALedger, Row, Workbook};
use anyhow::{bail, Result};
use rust_decimal::Decimal;
use std::ops::ControlFlow;
use std::path::Path;

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
pub(super) struct LedgerBuilder<'o> {
    /// The latest day a counted line is dated, over the sheets read.
    latest_day: Option<crate::dates::CalendarDate>,
    format: Format,
    format_detail: Option<String>,
    options: &'o ReadOptions,
    sheets: Vec<Layout>,
    ignored_sheets: Vec<IgnoredSheet>,
    year_source: Option<YearSource>,
    entries: Vec<Entry>,
    skipped: Vec<SkippedRow>,
    skipped_beyond: left_out::LeftOutBeyond,
    pub(super) accounts: accounts::AccountTable,
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
    pub(super) fn new(format: Format, options: &'o ReadOptions) -> Self {
        Self {
            format,
            format_detail: None,
            options,
            sheets: Vec::new(),
            ignored_sheets: Vec::new(),
            year_source: None,
            latest_day: None,
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
                    year_from_month_sheets: true,
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
    pub(super) fn absorb(&mut self, mut scan: SheetScan<'_>) -> Result<bool> {
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
        self.latest_day = self.latest_day.max(part.latest_day);
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

    pub(super) fn finish(self) -> Result<Ledger> {
        let mut ledger = Ledger {
            format: self.format,
            format_detail: self.format_detail,
            sheets: self.sheets,
            ignored_sheets: self.ignored_sheets,
            year_source: self.year_source,
            latest_day: self.latest_day,
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
        tie_out_year_to_date(&ledger.entries, &self.year_to_date, &mut ledger.tie_out);
        closing::leave_out_closing_vouchers(&mut ledger);
        accounts::narrow::keep_expenditure(&mut ledger, self.options);
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
pub(super) struct SheetScan<'o> {
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
    pub(super) fn new(
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
    pub(super) fn feed(
        &mut self,
        row: Row,
        accounts: &mut accounts::AccountTable,
    ) -> ControlFlow<()> {
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

//! The tie-out of one sheet as its rows are read: every line adds to the
//! running sums of its block, its page and its year, and every total the book
//! states (本月合计, 本年累计, 过次页 / 承前页, a 季度 row, a row of figures only)
//! is compared with the sums it may be — 相符, 不符, or 未能核对 with why.
//!
//! A book is read in blocks (an account's lines, a page): a boundary jixiao
//! cannot be sure of (a repeated header, a 期初余额 after lines) keeps the other
//! reading beside the current one, and the first total that agrees with one
//! and not the other settles it. A total the sheet's own lines cannot make (a
//! month sheet's 本年累计) waits for the sheets before it ([`PendingTotal`],
//! settled in [`super::across`]). Row-by-row checks (a 合计 column, a 多栏账
//! band, a parent account) are summed into one line per kind.

use super::{BookFigure, Sums, TieOut, TieOutLog};
use crate::ledger::layout::header::TotalKind;
use crate::money::{decimal_from_f64, round_cents};
use crate::read::cell::cell_address;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;

/// A trial balance's 本年累计借方 of one account: the sum of the 本期借方 of the
/// account's months up to this one, when every one of those months was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearToDate {
    /// The account (index into the account table).
    pub account: u32,
    /// The sheet's (year, month).
    pub period: (i32, u32),
    /// The book's 本年累计借方, in 元.
    pub book_yuan: Decimal,
    /// Where it stands (`2017.03!G9`).
    pub place: String,
}

/// One reading of the current block of the book (the lines of one account,
/// one sheet, or the whole table): running sums since the previous period
/// total and since the block's start.
#[derive(Debug, Clone, Copy)]
struct Track {
    /// Since the previous period total (本月合计, 小计 …).
    section: Sums,
    /// Since the start of the block (or of the year, when the year changes).
    cumulative: Sums,
    /// The (year, month) of the first line in `cumulative`.
    first: Option<(i32, u32)>,
    /// The year-to-date before the block's first line: learnt from the
    /// block's first 本年累计 when the block starts mid-year.
    before: Option<Sums>,
    /// True when the block opened with a 期初余额 / 上年结转 or a 承前页: its
    /// 本年累计 has nothing before its lines that jixiao was not told of.
    opened: bool,
    /// How the tie-out names `cumulative` (`本年各行之和`, `本科目本年各行之和` …).
    name: &'static str,
    /// The lines of the current quarter, with its (year, quarter 1–4).
    quarter: Option<((i32, u32), Sums)>,
}

impl Track {
    fn new(name: &'static str) -> Self {
        Self {
            section: Sums::default(),
            cumulative: Sums::default(),
            first: None,
            before: None,
            opened: false,
            name,
            quarter: None,
        }
    }

    /// Adds a line of `period` (when known); a line of another year starts the year over.
    fn add(&mut self, period: Option<(i32, u32)>, debit: Decimal, credit: Decimal) {
        if let Some((year, month)) = period {
            if self.first.is_some_and(|(y, _)| y != year) {
                self.cumulative = Sums::default();
                self.before = None;
                self.first = None;
            }
            if self.first.is_none() {
                self.first = Some((year, month));
            }
        }
        self.section.add(debit, credit);
        self.cumulative.add(debit, credit);
        if let Some((year, month)) = period {
            let key = (year, month.div_ceil(3));
            if self.quarter.is_none_or(|(k, _)| k != key) {
                self.quarter = Some((key, Sums::default()));
            }
        }
        if let Some((_, sums)) = self.quarter.as_mut() {
            sums.add(debit, credit);
        }
    }

    /// The block's year-to-date: its lines, plus what came before them when known.
    fn year_to_date(&self) -> Sums {
        match self.before {
            Some(before) => self.cumulative.plus(before),
            None => self.cumulative,
        }
    }

    /// How the tie-out names [`Track::year_to_date`].
    fn year_to_date_name(&self) -> &'static str {
        if self.before.is_some() {
            "本块各行之和加此前累计（由本块首个本年累计推出）"
        } else {
            self.name
        }
    }

    /// The month of the block's first line when it is not January and
    /// nothing said what came before it (no 期初余额, 上年结转 or 承前页 opened
    /// the block): its 本年累计 may hold months jixiao has not seen.
    fn started_mid_year(&self) -> Option<u32> {
        self.first
            .map(|(_, month)| month)
            .filter(|month| *month > 1 && self.before.is_none() && !self.opened)
    }
}

/// What starts a new block of the book: the running totals restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boundary {
    /// A title row naming the account of the block below it: certain.
    AccountTitle,
    /// A 期初余额 / 上年结转 row after lines: very likely a new block (the
    /// lines read without the restart are kept as the other reading).
    Opening,
    /// The header repeated: a new page of the same block, or a new block
    /// (kept as the other reading).
    Header,
}

/// Running sums of the lines read, for the book's totals to be compared with.
#[derive(Debug)]
struct Running {
    /// The current block, as jixiao reads it.
    main: Track,
    /// The other reading after a boundary jixiao cannot be sure of (a
    /// repeated header: maybe a new block; a 期初余额: maybe not); the first
    /// total that agrees with one reading and not the other settles it.
    other: Option<Track>,
    /// Since the previous 过次页 / 承前页.
    page: Sums,
    /// The figure the last 承前页 brought forward.
    brought: Option<Sums>,
    /// The figure the last 过次页 carried forward.
    carried: Option<Sums>,
    /// Every line of the sheet, per year, whatever the blocks: a 合计 of all
    /// blocks, a 本年累计 across sheets.
    by_year: Vec<(i32, Sums)>,
    /// The year of the last line with a known year.
    year: Option<i32>,
    /// How many block boundaries the sheet has had.
    blocks: u32,
}

impl Default for Running {
    fn default() -> Self {
        Self {
            main: Track::new("本年各行之和"),
            other: None,
            page: Sums::default(),
            brought: None,
            carried: None,
            by_year: Vec::new(),
            year: None,
            blocks: 0,
        }
    }
}

impl Running {
    /// The sheet's lines of the year of the last line.
    fn sheet_year(&self) -> Sums {
        self.year
            .and_then(|year| self.by_year.iter().find(|(y, _)| *y == year))
            .map(|(_, sums)| *sums)
            .unwrap_or_default()
    }

    /// The tracks, the current reading first.
    fn tracks(&self) -> impl Iterator<Item = (BlockReading, &Track)> {
        std::iter::once((BlockReading::Main, &self.main)).chain(
            self.other
                .as_ref()
                .map(|other| (BlockReading::Other, other)),
        )
    }
}

/// Which sums a book's total agreed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockReading {
    /// The current block.
    Main,
    /// The other reading of the last boundary.
    Other,
    /// Neither (a page, the whole sheet, the previous 过次页).
    Neither,
}

/// A total the sheet's own lines do not make, to be compared once the sheets
/// before it are read: a 本年累计 of a month's sheet, a 合计 spanning sheets.
#[derive(Debug, Clone)]
pub struct PendingTotal {
    /// `明细账!F20「本年累计」`.
    pub what: String,
    /// The year of the lines it was compared with.
    pub year: i32,
    /// This sheet's lines of the year up to the total.
    pub so_far: Sums,
    /// The book's 借方 and 贷方.
    pub book: (Decimal, Decimal),
    /// True when the sheet has a 贷方 side compared on its own.
    pub has_credit: bool,
    /// What is recorded when the sheets before do not make it either.
    pub fallback: Vec<TieOut>,
}

impl PendingTotal {
    /// The comparisons with the lines of the sheets before (`before`) and
    /// this sheet's up to the total, when they make it; else the fallback.
    pub fn settle(self, before: Sums) -> Vec<TieOut> {
        let all = before.plus(self.so_far);
        let (debit, credit) = self.book;
        if before.lines == 0 || !all.agrees(debit, credit) {
            return self.fallback;
        }
        sides(
            &self.what,
            "本表及之前各表本年各行之和",
            self.has_credit,
            (debit, credit),
            all,
            None,
        )
    }
}

/// The comparisons of a total on each side: 借方 always, 贷方 when the sheet
/// has one and either figure is not zero; `unchecked` says why it could not be
/// placed (then one entry, on the side the total states).
fn sides(
    what: &str,
    basis: &str,
    has_credit: bool,
    (debit, credit): (Decimal, Decimal),
    sums: Sums,
    unchecked: Option<&str>,
) -> Vec<TieOut> {
    let side = |name: &str| {
        if has_credit {
            format!("（{name}）")
        } else {
            String::new()
        }
    };
    let check = |side: String, book: Decimal, ours: Decimal| TieOut {
        what: format!("{what}：{basis}{side}"),
        book_yuan: book,
        jixiao_yuan: ours,
        unchecked: unchecked.map(str::to_string),
    };
    // A total not placed is one entry, on the side it states.
    if unchecked.is_some() && debit.is_zero() && !credit.is_zero() {
        return vec![check(side("贷方"), credit, sums.credit)];
    }
    let mut checks = vec![check(side("借方"), debit, sums.debit)];
    if unchecked.is_none() && has_credit && !(credit.is_zero() && sums.credit.is_zero()) {
        checks.push(check(side("贷方"), credit, sums.credit));
    }
    checks
}

/// True for a balance line that opens a block: 期初余额, 年初余额, 上年结转, 上年结余.
fn opens_block(text: &str) -> bool {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let folded = folded.trim_start_matches(['*', '-', '=', '—', '※', '■', '[', '【']);
    ["期初", "年初", "上年结转", "上年结余"]
        .iter()
        .any(|w| folded.starts_with(w))
}

/// A kind of row-by-row comparison (a 合计 column, a 多栏账 band), summed:
/// one line in the tie-out, with every row that disagrees listed on its own.
#[derive(Debug)]
struct RowCheck {
    what: &'static str,
    /// The book's figures of the rows that agreed.
    book_agreed: Decimal,
    rows: u64,
    rows_off: u64,
}

/// The tie-out of one sheet: its running sums, the comparisons made, and
/// what waits for the sheets before it or for the final entries.
#[derive(Debug)]
pub struct SheetTieOut {
    /// The sheet's name, for the places named.
    sheet: String,
    /// True when the sheet has a 贷方 side compared on its own.
    has_credit: bool,
    running: Running,
    log: TieOutLog,
    /// Totals to compare once the sheets before are known.
    pending: Vec<PendingTotal>,
    /// Row-by-row comparisons summed per kind.
    row_checks: Vec<RowCheck>,
    book_figures: Vec<BookFigure>,
    year_to_date: Vec<YearToDate>,
}

/// What a sheet's tie-out leaves for the ledger: its comparisons, and what is
/// compared once the other sheets, or the final entries, are known.
#[derive(Debug, Default)]
pub struct SheetTotals {
    /// The comparisons made within the sheet.
    pub log: TieOutLog,
    /// Totals to compare once the sheets before are known.
    pub pending: Vec<PendingTotal>,
    /// Every line of the sheet, per year.
    pub line_sums: Vec<(i32, Sums)>,
    /// Figures the book states for the final result.
    pub book_figures: Vec<BookFigure>,
    /// A trial balance's 本年累计借方 per account, tied out across sheets.
    pub year_to_date: Vec<YearToDate>,
}

impl SheetTieOut {
    /// The tie-out of sheet `sheet`; `has_credit` when its 贷方 is a side of its own.
    pub fn new(sheet: &str, has_credit: bool) -> Self {
        Self {
            sheet: sheet.to_string(),
            has_credit,
            running: Running::default(),
            log: TieOutLog::default(),
            pending: Vec::new(),
            row_checks: Vec::new(),
            book_figures: Vec::new(),
            year_to_date: Vec::new(),
        }
    }

    /// Starts a new block of the book at `boundary`: its totals sum its own
    /// lines. A 期初余额 or a repeated header before any line of the block
    /// starts nothing.
    pub fn start_block(&mut self, boundary: Boundary) {
        let running = &mut self.running;
        let has_lines = running.main.cumulative.lines > 0 || running.main.section.lines > 0;
        match boundary {
            Boundary::AccountTitle => {
                running.main = Track::new("本科目本年各行之和");
                running.other = None;
                running.page = Sums::default();
                running.brought = None;
                running.carried = None;
            }
            Boundary::Opening if has_lines => {
                let continuing = Track {
                    name: "不分块的本年各行之和",
                    ..running.main
                };
                running.other = Some(continuing);
                running.main = Track {
                    opened: true,
                    ..Track::new("本块（期初余额以来）各行之和")
                };
            }
            // An opening balance at the top of a block: the block starts
            // with the year, whatever month its first line is.
            Boundary::Opening => {
                running.main.opened = true;
                return;
            }
            Boundary::Header if has_lines => {
                running.other = Some(Track::new("表头重复以来各行之和"));
            }
            Boundary::Header => return,
        }
        running.blocks += 1;
    }

    /// Adds a line (not a total) of `period` (when known) to the running sums
    /// the book's totals are tied to.
    pub fn add_line(&mut self, period: Option<(i32, u32)>, debit: Decimal, credit: Decimal) {
        let running = &mut self.running;
        running.main.add(period, debit, credit);
        if let Some(other) = running.other.as_mut() {
            other.add(period, debit, credit);
        }
        running.page.add(debit, credit);
        if let Some((year, _)) = period {
            running.year = Some(year);
        }
        if let Some(year) = running.year {
            match running.by_year.iter_mut().find(|(y, _)| *y == year) {
                Some((_, sums)) => sums.add(debit, credit),
                None => {
                    let mut sums = Sums::default();
                    sums.add(debit, credit);
                    running.by_year.push((year, sums));
                }
            }
        }
    }

    /// True when a row's 借方 and 贷方 equal the lines since the previous total
    /// or since the start of the block: the row is a total, whatever its words.
    pub fn matches_a_running_sum(&self, debit: Decimal, credit: Decimal) -> bool {
        let matches = |sums: Sums| sums.lines > 0 && sums.agrees(debit, credit);
        self.running
            .tracks()
            .any(|(_, t)| matches(t.section) || matches(t.year_to_date()))
    }

    /// A total row whose amount cells are blank while other cells of the row
    /// hold figures: the amount column is likely not the book's. Recorded as a
    /// mismatch (the book states a figure; jixiao's column shows none).
    pub fn blank_book_total(&mut self, row: &Row, column: u32, kind: TotalKind, text: &str) {
        if kind == TotalKind::Balance {
            return self.balance_line(text);
        }
        let other = row
            .cells()
            .filter(|(c, _)| *c != column)
            .find_map(|(_, v)| match v {
                CellValue::Number(n) if *n != 0.0 => decimal_from_f64(*n),
                _ => None,
            });
        if let Some(book) = other {
            let place = cell_address(&self.sheet, row.index, column);
            self.log.record(TieOut {
                what: format!(
                    "{place}「{text}」：金额列为空，同一行其他列却有数字，金额列可能选错"
                ),
                book_yuan: round_cents(book),
                jixiao_yuan: Decimal::ZERO,
                unchecked: None,
            });
        }
        self.book_total(row, column, kind, text, Decimal::ZERO, Decimal::ZERO);
    }

    /// A balance line (期初余额, 上年结转 …): not a sum of lines; one that opens
    /// a block after lines starts a new block.
    fn balance_line(&mut self, text: &str) {
        if opens_block(text) {
            self.start_block(Boundary::Opening);
        }
    }

    /// The sums a total of `kind` may be, in the order tried: each with how
    /// the tie-out names it and which reading of the block it belongs to.
    fn candidates(&self, kind: TotalKind) -> Vec<(&'static str, Sums, BlockReading)> {
        let running = &self.running;
        let mut list = Vec::new();
        let sections = |list: &mut Vec<(&'static str, Sums, BlockReading)>| {
            for (reading, track) in running.tracks() {
                list.push(("上一合计行以来各行之和", track.section, reading));
            }
        };
        let years = |list: &mut Vec<(&'static str, Sums, BlockReading)>| {
            for (reading, track) in running.tracks() {
                list.push((track.year_to_date_name(), track.year_to_date(), reading));
            }
        };
        // A 合计 or 总计 of every block of the sheet.
        let sheet = |list: &mut Vec<(&'static str, Sums, BlockReading)>| {
            if running.blocks > 0 {
                list.push((
                    "本表各块本年各行之和",
                    running.sheet_year(),
                    BlockReading::Neither,
                ));
            }
        };
        match kind {
            TotalKind::Period => sections(&mut list),
            TotalKind::Cumulative => {
                years(&mut list);
                sheet(&mut list);
                // A 过次页 that carried the year-to-date, brought on by the 承前页.
                if let Some(brought) = running.brought {
                    list.push((
                        "承前页金额加本页各行",
                        running.page.plus(brought),
                        BlockReading::Neither,
                    ));
                }
            }
            TotalKind::Plain => {
                sections(&mut list);
                years(&mut list);
                sheet(&mut list);
            }
            TotalKind::PageForward => {
                list.push(("本页各行之和", running.page, BlockReading::Neither));
                if let Some(brought) = running.brought {
                    list.push((
                        "承前页金额加本页各行",
                        running.page.plus(brought),
                        BlockReading::Neither,
                    ));
                }
                sections(&mut list);
                years(&mut list);
            }
            TotalKind::PageCarried => {
                if let Some(carried) = running.carried {
                    list.push(("上页过次页金额", carried, BlockReading::Neither));
                }
            }
            TotalKind::Quarter(quarter) => {
                for (reading, track) in running.tracks() {
                    if let Some((_, sums)) = track.quarter.filter(|((_, q), _)| *q == quarter) {
                        list.push(("本季度各行之和", sums, reading));
                    }
                }
            }
            TotalKind::Balance => {}
        }
        list
    }

    /// Ties out a total row the book states (本月合计, 本年累计, 过次页 …) against
    /// the lines read, on each side, and moves the running sums on. Each block
    /// of the book (an account's, a page's) is tied out against its own lines;
    /// a total that agrees with none of the sums it may be and that jixiao
    /// cannot place in the book's structure is 未能核对, not 不符.
    pub fn book_total(
        &mut self,
        row: &Row,
        column: u32,
        kind: TotalKind,
        text: &str,
        debit: Decimal,
        credit: Decimal,
    ) {
        if kind == TotalKind::Balance {
            return self.balance_line(text);
        }
        let stated = !(debit.is_zero() && credit.is_zero());
        let candidates = self.candidates(kind);
        if let (TotalKind::Quarter(quarter), true, true) = (kind, stated, candidates.is_empty()) {
            let what = format!("{}「{text}」", cell_address(&self.sheet, row.index, column));
            let why =
                format!("前面没有读到第 {quarter} 季度的明细行，不知道这个季度合计对应哪些行");
            let has_credit = self.has_credit;
            for check in sides(
                &what,
                "本季度各行之和",
                has_credit,
                (debit, credit),
                Sums::default(),
                Some(&why),
            ) {
                self.log.record(check);
            }
        }
        if stated && !candidates.is_empty() {
            let what = format!("{}「{text}」", cell_address(&self.sheet, row.index, column));
            self.tie_out_total(&what, kind, (debit, credit), &candidates);
        }
        let figure = Sums {
            debit,
            credit,
            lines: 0,
        };
        let running = &mut self.running;
        match kind {
            TotalKind::Period | TotalKind::Plain | TotalKind::Quarter(_) => {
                running.main.section = Sums::default();
                if let Some(other) = running.other.as_mut() {
                    other.section = Sums::default();
                }
            }
            TotalKind::PageForward => {
                running.carried = Some(figure);
                running.page = Sums::default();
            }
            TotalKind::PageCarried => {
                running.brought = Some(figure);
                running.page = Sums::default();
                // A block that opens with a 承前页 is told what came before.
                if running.main.cumulative.lines == 0 {
                    running.main.opened = true;
                }
            }
            TotalKind::Cumulative | TotalKind::Balance => {}
        }
    }

    /// Compares a stated total with the sums it may be and records what came
    /// of it: 相符 (and which reading of the block that settles), 不符, or
    /// 未能核对 with why; a total the sheet cannot make alone waits for the
    /// sheets before it.
    fn tie_out_total(
        &mut self,
        what: &str,
        kind: TotalKind,
        (debit, credit): (Decimal, Decimal),
        candidates: &[(&'static str, Sums, BlockReading)],
    ) {
        let has_credit = self.has_credit;
        let book = (debit, credit);
        if let Some((basis, sums, reading)) = candidates
            .iter()
            .find(|(_, sums, _)| sums.agrees(debit, credit))
            .copied()
        {
            for check in sides(what, basis, has_credit, book, sums, None) {
                self.log.record(check);
            }
            let running = &mut self.running;
            match reading {
                // The other reading was right: the boundary was (or was not) a new block.
                BlockReading::Other => {
                    if let Some(other) = running.other.take() {
                        running.main = other;
                    }
                }
                // A year-to-date of the current reading settles it.
                BlockReading::Main if kind != TotalKind::Period => running.other = None,
                BlockReading::Main | BlockReading::Neither => {}
            }
            return;
        }
        let (basis, sums, _) = candidates[0];
        let main = self.running.main;
        // A total not placed is shown beside the first sum it may be that has lines.
        let (tried, tried_sums, _) = candidates
            .iter()
            .find(|(_, sums, _)| sums.lines > 0)
            .copied()
            .unwrap_or(candidates[0]);
        let unplaced = |why: String| sides(what, tried, has_credit, book, tried_sums, Some(&why));
        let placed = || sides(what, basis, has_credit, book, sums, None);
        let checks = match kind {
            TotalKind::Period if sums.lines == 0 => {
                unplaced("上一合计行以来没有读到明细行，不知道这个合计对应哪些行".to_string())
            }
            TotalKind::Cumulative if main.cumulative.lines == 0 => {
                unplaced("本块没有读到明细行，不知道这个累计对应哪些行".to_string())
            }
            TotalKind::Cumulative => {
                let checks = match main.started_mid_year() {
                    Some(month) => {
                        // What the book had before the block's first line; the
                        // block's later 本年累计 are tied out with it.
                        self.running.main.before = Some(main.cumulative.before(debit, credit));
                        unplaced(format!(
                            "本块从 {month} 月开始，前面没有期初或承前页：台账的本年累计含有本块之前的 1—{} 月，jixiao 无从得知",
                            month - 1
                        ))
                    }
                    None => placed(),
                };
                if self.running.blocks == 0 {
                    // The sheet is one block (a month's sheet): the sheets
                    // before it may make its 本年累计.
                    return self.wait_for_sheets_before(what, book, checks);
                }
                checks
            }
            TotalKind::Plain => {
                let mut readings: Vec<Sums> = candidates
                    .iter()
                    .map(|(_, sums, _)| *sums)
                    .filter(|sums| sums.lines > 0)
                    .collect();
                readings.sort_by_key(|sums| (sums.debit, sums.credit));
                readings.dedup_by_key(|sums| (sums.debit, sums.credit));
                let checks = match readings.len() {
                    0 => unplaced("前面没有读到明细行，不知道这个合计对应哪些行".to_string()),
                    1 => placed(),
                    _ => unplaced(
                        "与上一合计以来、本块、本表的各行之和都不相等，jixiao 不知道它合计的是哪些行（可能跨表或按台账没有写明的分组合计）"
                            .to_string(),
                    ),
                };
                return self.wait_for_sheets_before(what, book, checks);
            }
            _ => placed(),
        };
        for check in checks {
            self.log.record(check);
        }
    }

    /// Keeps a total to compare with this sheet's lines of the year and the
    /// sheets' before it, once they are known; `fallback` is recorded if they
    /// do not make it either.
    fn wait_for_sheets_before(
        &mut self,
        what: &str,
        book: (Decimal, Decimal),
        fallback: Vec<TieOut>,
    ) {
        let Some(year) = self.running.year else {
            for check in fallback {
                self.log.record(check);
            }
            return;
        };
        let has_credit = self.has_credit;
        self.pending.push(PendingTotal {
            what: what.to_string(),
            year,
            so_far: self.running.sheet_year(),
            book,
            has_credit,
            fallback,
        });
    }

    /// Adds a months-across item row's month to the running group sum.
    pub fn record(&mut self, check: TieOut) {
        self.log.record(check);
    }

    /// Compares one row's own total with jixiao's sum of its parts; rows of one
    /// `kind` are summed into one tie-out line, and a row that disagrees is
    /// listed on its own as `place`.
    pub fn row_check(&mut self, kind: &'static str, place: String, book: Decimal, jixiao: Decimal) {
        if book != jixiao {
            self.log.record(TieOut {
                what: place,
                book_yuan: book,
                jixiao_yuan: jixiao,
                unchecked: None,
            });
        }
        let position = match self.row_checks.iter().position(|c| c.what == kind) {
            Some(position) => position,
            None => {
                self.row_checks.push(RowCheck {
                    what: kind,
                    book_agreed: Decimal::ZERO,
                    rows: 0,
                    rows_off: 0,
                });
                self.row_checks.len() - 1
            }
        };
        let check = &mut self.row_checks[position];
        if book == jixiao {
            check.book_agreed += book;
        }
        check.rows += 1;
        check.rows_off += u64::from(book != jixiao);
    }

    /// Notes a trial balance's 本年累计借方, to be tied out once every sheet is read.
    pub fn book_year_to_date(
        &mut self,
        account: u32,
        period: (i32, u32),
        book_yuan: Decimal,
        place: String,
    ) {
        self.year_to_date.push(YearToDate {
            account,
            period,
            book_yuan,
            place,
        });
    }

    /// The kind of total a row of figures only is, when its 借方 and 贷方
    /// equal the lines since the previous total (a period total) or of the
    /// year (a year-to-date): a subtotal the book did not label.
    pub fn unlabelled_total(&self, debit: Decimal, credit: Decimal) -> Option<TotalKind> {
        let matches = |sums: Sums| sums.lines > 0 && sums.agrees(debit, credit);
        if self.running.tracks().any(|(_, t)| matches(t.section)) {
            Some(TotalKind::Period)
        } else if self
            .running
            .tracks()
            .any(|(_, t)| matches(t.year_to_date()))
        {
            Some(TotalKind::Cumulative)
        } else {
            None
        }
    }

    /// A figure the book states for the final result (a 合计 row of a monthly
    /// or months-across table), compared once the ledger's entries are final.
    pub fn book_figure(&mut self, figure: BookFigure) {
        self.book_figures.push(figure);
    }

    /// The sheet's comparisons, with the rows that agree summed into one line
    /// per kind (rows that disagree were listed one by one as they were met),
    /// and what waits for the other sheets or the final entries.
    pub fn finish(mut self) -> SheetTotals {
        for check in std::mem::take(&mut self.row_checks) {
            let agreed = check.rows - check.rows_off;
            if agreed == 0 {
                continue;
            }
            self.log.record(TieOut {
                what: format!(
                    "工作表「{}」{}（逐项核对，{agreed} 处相符）",
                    self.sheet, check.what
                ),
                book_yuan: check.book_agreed,
                jixiao_yuan: check.book_agreed,
                unchecked: None,
            });
        }
        SheetTotals {
            log: self.log,
            pending: self.pending,
            line_sums: self.running.by_year,
            book_figures: self.book_figures,
            year_to_date: self.year_to_date,
        }
    }
}

#[cfg(test)]
mod tests;

//! Tie-out per block: each block of a book (an account's, a page's, a
//! sheet's) against its own totals; totals that cannot be placed are 未能核对.

use crate::ledger::book::{LedgerBuilder, SheetScan};
use crate::ledger::tieout::TieOutStatus;
use crate::ledger::{Ledger, ReadOptions};
use crate::read::Format;
use crate::read::{CellValue, Row};
use rust_decimal::Decimal;

const E: CellValue = CellValue::Empty;

fn t(text: &str) -> CellValue {
    CellValue::text(text)
}

fn n(value: &str) -> CellValue {
    CellValue::Number(value.parse().unwrap())
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn date(month: u32, day: u32) -> CellValue {
    CellValue::Date(crate::dates::CalendarDate::new(2017, month, day).unwrap())
}

/// A book's rows, numbered as they come.
#[derive(Default)]
struct Book {
    rows: Vec<Vec<CellValue>>,
}

const HEADER: [&str; 5] = ["日期", "凭证号", "摘要", "借方", "贷方"];

impl Book {
    fn new() -> Self {
        let mut book = Self::default();
        book.header();
        book
    }

    fn header(&mut self) {
        self.rows.push(HEADER.iter().map(|h| t(h)).collect());
    }

    fn title(&mut self, text: &str) {
        self.rows.push(vec![t(text)]);
    }

    fn line(&mut self, month: u32, debit: &str) {
        let number = format!("记-{}", self.rows.len());
        self.rows
            .push(vec![date(month, 5), t(&number), t("办公费"), n(debit), E]);
    }

    fn total(&mut self, text: &str, debit: &str) {
        self.rows.push(vec![E, E, t(text), n(debit), E]);
    }

    /// An account's block: its 期初余额, then each month's lines with 本月合计
    /// and 本年累计; returns the block's lines' sum.
    fn block(&mut self, title: Option<&str>, months: &[(u32, &[&str])]) -> Decimal {
        if let Some(title) = title {
            self.title(title);
        }
        self.total("期初余额", "0");
        let mut year = Decimal::ZERO;
        for (month, lines) in months {
            let mut sum = Decimal::ZERO;
            for line in *lines {
                self.line(*month, line);
                sum += d(line);
            }
            year += sum;
            self.total("本月合计", &sum.to_string());
            self.total("本年累计", &year.to_string());
        }
        year
    }

    fn rows(&self) -> Vec<Row> {
        self.rows
            .iter()
            .enumerate()
            .map(|(index, cells)| {
                Row::from_cells(
                    index as u32,
                    cells
                        .iter()
                        .cloned()
                        .enumerate()
                        .map(|(c, v)| (c as u32, v)),
                )
            })
            .collect()
    }
}

/// Reads sheets (name, rows) as one book.
fn read(sheets: Vec<(&str, Vec<Row>)>) -> Ledger {
    let options = ReadOptions::default();
    let mut builder = LedgerBuilder::new(Format::Xlsx, &options);
    for (index, (name, rows)) in sheets.into_iter().enumerate() {
        let month = crate::dates::parse_sheet_month(name);
        let mut scan = SheetScan::new(name, month, &options, index, Vec::new());
        for row in rows {
            let _ = scan.feed(row, &mut builder.accounts);
        }
        assert!(builder.absorb(scan).unwrap(), "no header in {name}");
    }
    let ledger = builder.finish().unwrap();
    assert!(ledger.reconciliation().balances());
    ledger
}

/// Each comparison as (status, book, jixiao).
fn statuses(ledger: &Ledger) -> Vec<(TieOutStatus, Decimal, Decimal)> {
    ledger
        .tie_out
        .checks
        .iter()
        .map(|c| (c.status(), c.book_yuan, c.jixiao_yuan))
        .collect()
}

fn lines(ledger: &Ledger) -> Vec<String> {
    ledger.tie_out.checks.iter().map(|c| c.line()).collect()
}

fn counted(ledger: &Ledger) -> Decimal {
    ledger.entries.iter().map(|e| e.amount_yuan).sum()
}

const OFFICE: &[(u32, &[&str])] = &[(1, &["100", "20.5"]), (2, &["30"]), (3, &["7.25"])];
const TRAVEL: &[(u32, &[&str])] = &[(1, &["400"]), (3, &["60", "0.75"])];
const MEETINGS: &[(u32, &[&str])] = &[(2, &["900"]), (3, &["11"])];

#[test]
fn blocks_under_account_titles_each_tie_out_against_their_own_lines() {
    let mut book = Book::new();
    let mut all = Decimal::ZERO;
    all += book.block(Some("科目：5101001 办公费"), OFFICE);
    all += book.block(Some("科目：5101002 差旅费"), TRAVEL);
    all += book.block(Some("科目：5101003 会议费"), MEETINGS);
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(counted(&ledger), all);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.mismatches, log.unchecked),
        (0, 0),
        "{:#?}",
        lines(&ledger)
    );
    // 本月合计 and 本年累计 of every month of every block.
    assert_eq!(log.total, 2 * (3 + 2 + 2), "{:#?}", lines(&ledger));
}

#[test]
fn blocks_opened_by_an_opening_balance_or_a_repeated_header_restart_their_totals() {
    // No title rows: the 期初余额 after lines opens the second block, the
    // repeated header the third (each block's 本年累计 is its own lines').
    let mut book = Book::new();
    let mut all = book.block(None, OFFICE);
    all += book.block(None, TRAVEL);
    book.header();
    for (month, lines) in MEETINGS {
        for line in *lines {
            book.line(*month, line);
        }
    }
    book.total("本月合计", "911");
    book.total("本年累计", "911");
    all += d("911");
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(counted(&ledger), all);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.mismatches, log.unchecked),
        (0, 0),
        "{:#?}",
        lines(&ledger)
    );
    assert_eq!(log.total, 2 * (3 + 2) + 2, "{:#?}", lines(&ledger));
    assert!(
        lines(&ledger)
            .iter()
            .any(|l| l.contains("本年累计") && l.contains("表头重复以来各行之和")),
        "{:#?}",
        lines(&ledger)
    );
}

#[test]
fn a_page_break_inside_a_block_keeps_its_year_to_date() {
    let mut book = Book::new();
    book.title("科目：5101001 办公费");
    book.line(1, "100");
    book.total("本月合计", "100");
    book.total("本年累计", "100");
    book.line(2, "40");
    book.total("过次页", "140");
    book.header();
    book.total("承前页", "140");
    book.line(2, "2.5");
    book.total("本月合计", "42.5");
    book.total("本年累计", "142.5");
    let ledger = read(vec![("明细账", book.rows())]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.total, log.mismatches, log.unchecked),
        (6, 0, 0),
        "{:#?}",
        lines(&ledger)
    );
}

#[test]
fn a_block_total_a_yuan_off_is_the_one_mismatch() {
    let mut book = Book::new();
    book.block(Some("科目：5101001 办公费"), OFFICE);
    book.title("科目：5101002 差旅费");
    book.total("期初余额", "0");
    book.line(1, "400");
    book.total("本月合计", "400");
    book.total("本年累计", "400");
    book.line(3, "60.75");
    book.total("本月合计", "60.75");
    // Wrong by 1 元: the block's lines make 460.75.
    book.total("本年累计", "461.75");
    let ledger = read(vec![("明细账", book.rows())]);
    let wrong: Vec<_> = statuses(&ledger)
        .into_iter()
        .filter(|(status, ..)| *status != TieOutStatus::Matched)
        .collect();
    assert_eq!(
        wrong,
        [(TieOutStatus::Mismatched, d("461.75"), d("460.75"))]
    );
    assert_eq!(ledger.tie_out.mismatches, 1);
    assert_eq!(ledger.tie_out.unchecked, 0);
}

#[test]
fn a_block_starting_mid_year_without_an_opening_cannot_tie_out_its_first_year_to_date() {
    let mut book = Book::new();
    book.block(Some("科目：5101001 办公费"), OFFICE);
    // The second block starts in March without 期初余额: its 本年累计 holds
    // January and February, which this book does not show.
    book.title("科目：5101002 差旅费");
    book.line(3, "60");
    book.total("本月合计", "60");
    book.total("本年累计", "560");
    book.line(4, "5");
    book.total("本月合计", "5");
    book.total("本年累计", "565");
    book.line(5, "1");
    book.total("本月合计", "1");
    // Then wrong by 1 元 against what came before and the block's lines.
    book.total("本年累计", "567");
    let ledger = read(vec![("明细账", book.rows())]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.mismatches, log.unchecked),
        (1, 1),
        "{:#?}",
        lines(&ledger)
    );
    let unchecked = log
        .checks
        .iter()
        .find(|c| c.status() == TieOutStatus::Unchecked)
        .unwrap();
    assert_eq!(unchecked.book_yuan, d("560"));
    assert!(
        unchecked
            .unchecked
            .as_deref()
            .unwrap()
            .contains("本块从 3 月开始"),
        "{unchecked:?}"
    );
    let mismatch = log.checks.iter().find(|c| c.is_mismatch()).unwrap();
    assert_eq!(
        (mismatch.book_yuan, mismatch.jixiao_yuan),
        (d("567"), d("566"))
    );

    // With a 期初余额 at its top the block starts with the year: a 本年累计
    // its lines do not make is 不符.
    let mut book = Book::new();
    book.title("科目：5101002 差旅费");
    book.total("期初余额", "0");
    book.line(3, "60");
    book.total("本月合计", "60");
    book.total("本年累计", "560");
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(
        statuses(&ledger),
        [
            (TieOutStatus::Matched, d("60"), d("60")),
            (TieOutStatus::Mismatched, d("560"), d("60"))
        ]
    );

    // A block opening with a 承前页 that carried the year-to-date is tied out with it.
    let mut book = Book::new();
    book.total("承前页", "500");
    book.line(3, "60");
    book.total("本月合计", "60");
    book.total("本年累计", "560");
    let ledger = read(vec![("明细账", book.rows())]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.total, log.mismatches, log.unchecked),
        (2, 0, 0),
        "{:#?}",
        lines(&ledger)
    );
}

#[test]
fn a_total_of_every_block_ties_out_and_a_total_of_no_known_lines_is_unchecked() {
    let mut book = Book::new();
    let mut all = book.block(Some("科目：5101001 办公费"), OFFICE);
    all += book.block(Some("科目：5101002 差旅费"), TRAVEL);
    book.total("合计", &all.to_string());
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", lines(&ledger));
    assert_eq!(ledger.tie_out.unchecked, 0, "{:#?}", lines(&ledger));
    assert!(lines(&ledger)
        .iter()
        .any(|l| l.contains("本表各块本年各行之和")));

    // A 合计 of something else (the blocks of another sheet, a grouping the
    // book does not show): several sums it might be, none it is.
    let mut book = Book::new();
    book.block(Some("科目：5101001 办公费"), OFFICE);
    book.block(Some("科目：5101002 差旅费"), TRAVEL);
    book.total("合计", "12345.67");
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(ledger.tie_out.mismatches, 0, "{:#?}", lines(&ledger));
    assert_eq!(ledger.tie_out.unchecked, 1, "{:#?}", lines(&ledger));

    // But a 合计 under one run of lines is placed: wrong is 不符.
    let mut book = Book::new();
    book.line(1, "10");
    book.line(2, "5");
    book.total("合计", "16");
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(
        statuses(&ledger),
        [(TieOutStatus::Mismatched, d("16"), d("15"))]
    );

    // A 本月合计 with no line since the previous total cannot be placed.
    let mut book = Book::new();
    book.line(1, "10");
    book.total("本月合计", "10");
    book.total("本月合计", "10");
    let ledger = read(vec![("明细账", book.rows())]);
    assert_eq!(
        statuses(&ledger).iter().map(|s| s.0).collect::<Vec<_>>(),
        [TieOutStatus::Matched, TieOutStatus::Unchecked]
    );
}

#[test]
fn a_month_sheets_year_to_date_ties_out_with_the_sheets_before_it() {
    let sheet = |month: u32, amounts: &[&str], year_to_date: &str| {
        let mut book = Book::new();
        let mut sum = Decimal::ZERO;
        for amount in amounts {
            book.line(month, amount);
            sum += d(amount);
        }
        book.total("本月合计", &sum.to_string());
        book.total("本年累计", year_to_date);
        book.rows()
    };
    let ledger = read(vec![
        ("1月", sheet(1, &["100", "0.5"], "100.5")),
        ("2月", sheet(2, &["30"], "130.5")),
        ("3月", sheet(3, &["9"], "139.5")),
    ]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.total, log.mismatches, log.unchecked),
        (6, 0, 0),
        "{:#?}",
        lines(&ledger)
    );
    assert!(lines(&ledger)
        .iter()
        .any(|l| l.contains("本表及之前各表本年各行之和")));

    // The same with a 期初余额 at the top of each sheet.
    let opened = |month: u32, amount: &str, year_to_date: &str| {
        let mut book = Book::new();
        book.total("期初余额", "0");
        book.line(month, amount);
        book.total("本月合计", amount);
        book.total("本年累计", year_to_date);
        book.rows()
    };
    let ledger = read(vec![
        ("1月", opened(1, "100.5", "100.5")),
        ("2月", opened(2, "30", "130.5")),
    ]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.total, log.mismatches, log.unchecked),
        (4, 0, 0),
        "{:#?}",
        lines(&ledger)
    );

    // A sheet whose 本年累计 the sheets before do not make either: the book
    // has months jixiao did not read.
    let ledger = read(vec![
        ("2月", sheet(2, &["30"], "130.5")),
        ("3月", sheet(3, &["9"], "139.5")),
    ]);
    let log = &ledger.tie_out;
    assert_eq!(
        (log.mismatches, log.unchecked),
        (0, 2),
        "{:#?}",
        lines(&ledger)
    );
}

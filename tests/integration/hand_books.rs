//! Samples shaped like hand-kept and platform books (totals in any column, wordless
//! subtotals, 承前页/过次页, closing entries, HTML with rowspan, a book spanning two years).
//!
//! Each generator writes the seed department's 2017 voucher lines (`balanced_month`) and
//! asserts, while writing, that the spending lines it wrote sum to the seed's months.

use crate::samples::{
    balanced_month, decimal_f64, fixed_properties, Line, SampleWriter, SEED_MONTHS_WAN,
};
use crate::support::{json_of, repo_path, run_with_seed_budget, stderr_of, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A hand-kept WPS 经费支出登记簿 with totals in the 序号 and 日期 columns, wordless
/// subtotals, 过次页/承前页 and 本年累计 rows.
pub const HAND_TOTALS_SAMPLE: &str = "samples/hand-totals-2017.xlsx";
/// A 用友 GRP-U8 序时账 of the whole book (平行记账) with monthly and year-end closing entries.
pub const CLOSING_SAMPLE: &str = "samples/closing-2017.xlsx";
/// A 财政一体化 platform's HTML export (GBK, `.xls` name) with rowspan over each voucher.
pub const HTML_ROWSPAN_SAMPLE: &str = "samples/html-rowspan-2017.xls";

/// This module's samples, each with the function that writes it.
pub fn samples() -> Vec<SampleWriter> {
    vec![
        (HAND_TOTALS_SAMPLE, write_hand_totals),
        (CLOSING_SAMPLE, write_closing),
        (HTML_ROWSPAN_SAMPLE, write_html_rowspan),
    ]
}

const MONTH_NUMERALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];

/// The seed's figure for a 2017 month, in 元.
fn seed_yuan(month: u32) -> Decimal {
    let wan: Decimal = SEED_MONTHS_WAN[month as usize - 1].parse().unwrap();
    wan * Decimal::from(10_000)
}

/// A month's voucher lines in date order (stable: same-day lines keep the seed's order).
fn lines_by_day(month: u32) -> Vec<(Line, Decimal)> {
    let mut lines = balanced_month(month);
    lines.sort_by_key(|(line, _)| line.day);
    lines
}

fn date_cell(year: u16, month: u32, day: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(year, month as u8, day).unwrap()
}

/// The last day of a 2017 month.
fn last_day(month: u32) -> u8 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Writes the header cells of `row` from column A.
fn write_headers(sheet: &mut Worksheet, row: u32, headers: &[&str], format: &Format) {
    for (column, header) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(row, column as u16, *header, format)
            .unwrap();
    }
}

// ---------------------------------------------------------------------------
// 1. The hand-kept WPS book
// ---------------------------------------------------------------------------

/// How a month of the hand-kept book ends.
enum MonthEnd {
    /// `一月份小计` in the 序号 column, merged across 序号..科目.
    SubtotalInSerial,
    /// A label (`本月合计`, `合　　计`) in the 日期 column.
    TotalInDate(&'static str),
    /// A row with the amount only: no 序号, date, 凭证号, 摘要 or 科目.
    Wordless,
}

fn hand_month_end(month: u32) -> MonthEnd {
    match month {
        1 | 2 | 6 => MonthEnd::SubtotalInSerial,
        3 | 8 => MonthEnd::TotalInDate("本月合计"),
        4 => MonthEnd::TotalInDate("合\u{3000}\u{3000}计"),
        _ => MonthEnd::Wordless,
    }
}

/// Writes the hand-kept WPS 经费支出登记簿: 序号 | 日期 | 凭证号 | 摘要 | 科目 | 金额, each
/// month closed by a total in the 序号 column (merged A:E), in the 日期 column
/// (`本月合计`, `合　　计`) or by a wordless row holding only the amount; `本年累计` after
/// February and June; a 过次页/承前页 pair in the middle of March; March and July dated
/// with text (`2017.03.05`), the other months with date cells; April's travel line reads
/// `报销差旅费合计3人` and is spending.
pub fn write_hand_totals(path: &Path) {
    write_hand_totals_with(path, Decimal::ZERO);
}

/// The hand-kept book, with `wordless_error` added to the first wordless subtotal (May's),
/// so that a test can make it no longer a subtotal by arithmetic.
fn write_hand_totals_with(path: &Path, wordless_error: Decimal) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let center = Format::new().set_align(FormatAlign::Center);
    let bold_center = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let bold_money = Format::new().set_bold().set_num_format("#,##0.00");
    sheet
        .merge_range(0, 0, 0, 5, "2017年经费支出登记簿", &title)
        .unwrap();
    sheet
        .write_string_with_format(
            1,
            5,
            "单位：元",
            &Format::new().set_align(FormatAlign::Right),
        )
        .unwrap();
    write_headers(
        sheet,
        2,
        &["序号", "日期", "凭证号", "摘要", "科目", "金额"],
        &bold_center,
    );
    for (column, width) in [6.0, 12.0, 8.0, 34.0, 18.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width).unwrap();
    }
    let mut row = 3u32;
    let mut serial = 0u32;
    let mut year_total = Decimal::ZERO;
    let mut wordless_error = Some(wordless_error);
    for month in 1..=8u32 {
        let mut month_total = Decimal::ZERO;
        for (index, (line, amount)) in lines_by_day(month).into_iter().enumerate() {
            if month == 3 && index == 5 {
                // The page ends here: 过次页 carries the month so far, 承前页 brings it over.
                for label in ["过次页", "承前页"] {
                    sheet.write_string(row, 3, label).unwrap();
                    sheet
                        .write_number_with_format(row, 5, decimal_f64(month_total), &money)
                        .unwrap();
                    row += 1;
                }
            }
            serial += 1;
            sheet
                .write_number_with_format(row, 0, f64::from(serial), &center)
                .unwrap();
            if month == 3 || month == 7 {
                sheet
                    .write_string(row, 1, format!("2017.{month:02}.{:02}", line.day))
                    .unwrap();
            } else {
                sheet
                    .write_datetime_with_format(row, 1, date_cell(2017, month, line.day), &date)
                    .unwrap();
            }
            sheet
                .write_string(row, 2, format!("记-{:02}", index + 1))
                .unwrap();
            let summary = if month == 4 && line.summary == "报销下乡调研差旅费" {
                "报销差旅费合计3人"
            } else {
                line.summary
            };
            sheet.write_string(row, 3, summary).unwrap();
            sheet.write_string(row, 4, line.account).unwrap();
            sheet
                .write_number_with_format(row, 5, decimal_f64(amount), &money)
                .unwrap();
            month_total += amount;
            row += 1;
        }
        assert_eq!(
            month_total,
            seed_yuan(month),
            "hand-kept book, month {month}"
        );
        year_total += month_total;
        match hand_month_end(month) {
            MonthEnd::SubtotalInSerial => {
                let label = format!("{}月份小计", MONTH_NUMERALS[month as usize - 1]);
                sheet
                    .merge_range(row, 0, row, 4, &label, &bold_center)
                    .unwrap();
            }
            MonthEnd::TotalInDate(label) => {
                sheet
                    .write_string_with_format(row, 1, label, &bold_center)
                    .unwrap();
            }
            MonthEnd::Wordless => {}
        }
        let shown = match hand_month_end(month) {
            MonthEnd::Wordless => month_total + wordless_error.take().unwrap_or_default(),
            _ => month_total,
        };
        sheet
            .write_number_with_format(row, 5, decimal_f64(shown), &bold_money)
            .unwrap();
        row += 1;
        if month == 2 || month == 6 {
            sheet
                .merge_range(row, 0, row, 4, "本年累计", &bold_center)
                .unwrap();
            sheet
                .write_number_with_format(row, 5, decimal_f64(year_total), &bold_money)
                .unwrap();
            row += 1;
        }
    }
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------
// 2. The 用友 GRP-U8 序时账 with closing entries
// ---------------------------------------------------------------------------

/// One entry (分录) of a voucher.
struct Entry {
    code: String,
    name: String,
    summary: String,
    debit: Decimal,
    credit: Decimal,
    counter: String,
}

fn entry(code: &str, name: &str, summary: &str, debit: Decimal, credit: Decimal) -> Entry {
    Entry {
        code: code.to_string(),
        name: name.to_string(),
        summary: summary.to_string(),
        debit,
        credit,
        counter: String::new(),
    }
}

impl Entry {
    fn against(mut self, counter: &str) -> Self {
        self.counter = counter.to_string();
        self
    }
}

/// An account's balance: (code, name, amount), in first-appearance order.
type Balance = (String, String, Decimal);
/// The balances of several accounts.
type Balances = Vec<Balance>;

/// One voucher: its day in the month and its entries.
struct Voucher {
    day: u8,
    entries: Vec<Entry>,
}

/// 预算会计: 7101 行政支出 / 01 财政拨款支出 / economic classification.
fn budget_account(line: &Line) -> (String, String) {
    (
        format!("710101{}", line.code),
        format!("行政支出/财政拨款支出/{}", line.account),
    )
}

/// 财务会计: 5001 业务活动费用 / 01 财政拨款经费 / economic classification.
fn expense_account(line: &Line) -> (String, String) {
    (
        format!("500101{}", line.code),
        format!("业务活动费用/财政拨款经费/{}", line.account),
    )
}

const FUNDS: &str = "8001 资金结存";
const SURPLUS: &str = "3301 本期盈余";
const CARRY_OVER: &str = "8101 财政拨款结转";

/// Adds `amount` to the balance of `code` (keeping first-appearance order).
fn add_balance(balances: &mut Balances, code: &str, name: &str, amount: Decimal) {
    match balances.iter_mut().find(|(c, ..)| c == code) {
        Some((.., balance)) => *balance += amount,
        None => balances.push((code.to_string(), name.to_string(), amount)),
    }
}

/// A closing voucher: a credit to each account for its balance, the total debited to
/// `target` (3301 本期盈余 or 8101 财政拨款结转).
fn closing_voucher(
    day: u8,
    summary: &str,
    balances: &[Balance],
    target: &str,
    closed: &str,
) -> Voucher {
    let (target_code, target_name) = target.split_once(' ').unwrap();
    let total: Decimal = balances.iter().map(|(.., b)| *b).sum();
    let mut entries =
        vec![entry(target_code, target_name, summary, total, Decimal::ZERO).against(closed)];
    for (code, name, balance) in balances {
        assert!(*balance > Decimal::ZERO, "{code} closes with a credit");
        entries.push(entry(code, name, summary, Decimal::ZERO, *balance).against(target));
    }
    Voucher { day, entries }
}

/// The 7101 balances whose economic code starts with `class` (301, 302, 303).
fn of_class(balances: &[Balance], class: &str) -> Balances {
    balances
        .iter()
        .filter(|(code, ..)| code[6..].starts_with(class))
        .cloned()
        .collect()
}

/// The vouchers of one month of the U8 book; `budget_open` carries the 7101 balances not
/// yet closed. Returns the vouchers and the month's 7101 debits (its spending).
fn u8_month(month: u32, budget_open: &mut Balances) -> (Vec<Voucher>, Decimal) {
    let lines = lines_by_day(month);
    let month_sum: Decimal = lines.iter().map(|(_, a)| *a).sum();
    let quota = month_sum + Decimal::from(50_000);
    let quota_summary = format!("收到{month}月财政授权支付额度");
    let mut vouchers = vec![Voucher {
        day: 1,
        entries: vec![
            entry(
                "1011",
                "零余额账户用款额度",
                &quota_summary,
                quota,
                Decimal::ZERO,
            )
            .against("4001 财政拨款收入"),
            entry("4001", "财政拨款收入", &quota_summary, Decimal::ZERO, quota)
                .against("1011 零余额账户用款额度"),
            entry("8001", "资金结存", &quota_summary, quota, Decimal::ZERO)
                .against("6001 财政拨款预算收入"),
            entry(
                "6001",
                "财政拨款预算收入",
                &quota_summary,
                Decimal::ZERO,
                quota,
            )
            .against(FUNDS),
        ],
    }];
    let mut spending = Decimal::ZERO;
    let mut expense_balances = Vec::new();
    // One voucher per day: the budget side (7101 / 8001), then the financial side (5001 / 1011).
    let mut days: Vec<u8> = lines.iter().map(|(l, _)| l.day).collect();
    days.dedup();
    for day in days {
        let of_day: Vec<&(Line, Decimal)> = lines.iter().filter(|(l, _)| l.day == day).collect();
        let total: Decimal = of_day.iter().map(|(_, a)| *a).sum();
        let first = of_day[0].0.summary;
        let (pay_code, pay_name) = if total.abs() < Decimal::from(1_000) {
            ("1001", "库存现金")
        } else {
            ("1011", "零余额账户用款额度")
        };
        let first_budget = budget_account(&of_day[0].0);
        let first_expense = expense_account(&of_day[0].0);
        let mut entries = Vec::new();
        for (line, amount) in &of_day {
            let (code, name) = budget_account(line);
            entries.push(entry(&code, &name, line.summary, *amount, Decimal::ZERO).against(FUNDS));
            add_balance(budget_open, &code, &name, *amount);
            spending += *amount;
        }
        entries.push(
            entry("8001", "资金结存", first, Decimal::ZERO, total)
                .against(&format!("{} {}", first_budget.0, first_budget.1)),
        );
        for (line, amount) in &of_day {
            let (code, name) = expense_account(line);
            entries.push(
                entry(&code, &name, line.summary, *amount, Decimal::ZERO)
                    .against(&format!("{pay_code} {pay_name}")),
            );
            add_balance(&mut expense_balances, &code, &name, *amount);
        }
        entries.push(
            entry(pay_code, pay_name, first, Decimal::ZERO, total)
                .against(&format!("{} {}", first_expense.0, first_expense.1)),
        );
        vouchers.push(Voucher { day, entries });
    }
    let end = last_day(month);
    // 财务会计: 期间损益结转 every month (revenue and expenses into 3301 本期盈余).
    let mut closing = closing_voucher(
        end,
        "期间损益结转",
        &expense_balances,
        SURPLUS,
        "5001 业务活动费用",
    );
    closing
        .entries
        .push(entry("4001", "财政拨款收入", "期间损益结转", quota, Decimal::ZERO).against(SURPLUS));
    closing.entries.push(
        entry("3301", "本期盈余", "期间损益结转", Decimal::ZERO, quota)
            .against("4001 财政拨款收入"),
    );
    vouchers.push(closing);
    // 预算会计: the 7101 accounts closed into 8101 in June (half a year) and in August
    // (where the book stops), in the wordings different accountants use.
    if month == 6 {
        vouchers.push(closing_voucher(
            end,
            "财政拨款支出转入财政拨款结转",
            budget_open,
            CARRY_OVER,
            "7101 行政支出",
        ));
        budget_open.clear();
    }
    if month == 8 {
        for (class, summary) in [
            ("301", "自动转账：结转本年支出"),
            ("302", "8月末结转"),
            ("303", "转账"),
        ] {
            let balances = of_class(budget_open, class);
            vouchers.push(closing_voucher(
                end,
                summary,
                &balances,
                CARRY_OVER,
                "7101 行政支出",
            ));
        }
        let closed: usize = ["301", "302", "303"]
            .iter()
            .map(|class| of_class(budget_open, class).len())
            .sum();
        assert_eq!(closed, budget_open.len(), "every 7101 account is closed");
        budget_open.clear();
    }
    (vouchers, spending)
}

/// Writes a 用友 GRP-U8 序时账 of the whole book under 政府会计制度 (平行记账):
/// 日期 | 凭证号 | 科目编码 | 科目名称 | 摘要 | 借方金额 | 贷方金额 | 对方科目. Each day's
/// payments are one voucher booked as 7101xx 行政支出 / 8001 资金结存 and 5001xx 业务活动费用 /
/// 1011 零余额账户用款额度 (1001 库存现金 for small sums); each month opens with its quota
/// (1011/4001, 8001/6001) and ends with a `期间损益结转` voucher closing 5001xx and 4001
/// into 3301; the 7101 side is closed into 8101 at the end of June
/// (`财政拨款支出转入财政拨款结转`) and of August (`自动转账：结转本年支出`, `8月末结转`, and
/// one voucher whose 摘要 is only `转账`). Spending is the 7101 debits, closings left out.
pub fn write_closing(path: &Path) {
    write_closing_with(path, true);
}

/// The U8 book, with or without its 对方科目 column.
fn write_closing_with(path: &Path, with_counterpart: bool) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("序时账").unwrap();
    let bold_center = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let mut headers = vec![
        "日期",
        "凭证号",
        "科目编码",
        "科目名称",
        "摘要",
        "借方金额",
        "贷方金额",
    ];
    if with_counterpart {
        headers.push("对方科目");
    }
    let last_column = headers.len() as u16 - 1;
    sheet
        .merge_range(0, 0, 0, last_column, "序时账", &bold_center)
        .unwrap();
    sheet
        .write_string(1, 0, "核算单位：州政务服务管理局")
        .unwrap();
    sheet
        .write_string(2, 0, "会计期间：2017.01-2017.08")
        .unwrap();
    sheet.write_string(2, last_column, "金额单位：元").unwrap();
    write_headers(sheet, 3, &headers, &bold_center);
    for (column, width) in [12.0, 10.0, 14.0, 32.0, 30.0, 14.0, 14.0, 30.0]
        .into_iter()
        .take(headers.len())
        .enumerate()
    {
        sheet.set_column_width(column as u16, width).unwrap();
    }
    let mut row = 4u32;
    let mut budget_open = Vec::new();
    for month in 1..=8u32 {
        let (vouchers, spending) = u8_month(month, &mut budget_open);
        assert_eq!(spending, seed_yuan(month), "U8 book, month {month}");
        let mut debits = Decimal::ZERO;
        let mut credits = Decimal::ZERO;
        for (number, voucher) in vouchers.iter().enumerate() {
            for e in &voucher.entries {
                sheet
                    .write_datetime_with_format(row, 0, date_cell(2017, month, voucher.day), &date)
                    .unwrap();
                sheet
                    .write_string(row, 1, format!("记-{:04}", number + 1))
                    .unwrap();
                sheet.write_string(row, 2, &e.code).unwrap();
                sheet.write_string(row, 3, &e.name).unwrap();
                sheet.write_string(row, 4, &e.summary).unwrap();
                for (column, amount) in [(5u16, e.debit), (6, e.credit)] {
                    if !amount.is_zero() {
                        sheet
                            .write_number_with_format(row, column, decimal_f64(amount), &money)
                            .unwrap();
                    }
                }
                if with_counterpart {
                    sheet.write_string(row, 7, &e.counter).unwrap();
                }
                debits += e.debit;
                credits += e.credit;
                row += 1;
            }
        }
        assert_eq!(debits, credits, "month {month}: every voucher balances");
    }
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------
// 3. The 财政一体化 platform's HTML export with rowspan
// ---------------------------------------------------------------------------

/// Splits a month's `n` lines into vouchers of 2–4 lines.
fn voucher_sizes(n: usize) -> Vec<usize> {
    let pattern = [3, 2, 4];
    let mut sizes = Vec::new();
    let mut left = n;
    while left > 0 {
        let mut size = pattern[sizes.len() % pattern.len()].min(left);
        if left - size == 1 {
            size = if size > 2 { size - 1 } else { size + 1 };
        }
        sizes.push(size);
        left -= size;
    }
    assert!(
        sizes.iter().all(|s| (2..=4).contains(s)),
        "{n} lines: {sizes:?}"
    );
    sizes
}

/// `12,345.60`, `-1,200.00`.
fn grouped_yuan(amount: Decimal) -> String {
    let text = format!("{:.2}", amount.abs());
    let (integer, fraction) = text.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if amount < Decimal::ZERO { "-" } else { "" };
    format!("{sign}{grouped}.{fraction}")
}

/// Writes a 财政一体化 platform's 支出明细 export: an HTML table in GBK
/// (`<meta charset="gb2312">`) under a `.xls` name; a title row and a `单位：元` row with
/// colspan, a two-row header (`凭证` over 日期 | 凭证号; 摘要, 经济分类, 金额 spanning both
/// rows), each voucher's 日期 and 凭证号 cells spanning its 2–4 lines with rowspan, and a
/// `本月合计` row per month whose label spans 日期..经济分类.
pub fn write_html_rowspan(path: &Path) {
    let mut html = String::from(
        "<html>\r\n<head>\r\n<meta charset=\"gb2312\">\r\n<title>支出明细查询</title>\r\n</head>\r\n<body>\r\n\
<table border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\r\n\
<tr><td colspan=\"5\" align=\"center\"><b>州政务服务管理局2017年支出明细</b></td></tr>\r\n\
<tr><td colspan=\"5\" align=\"right\">单位：元</td></tr>\r\n\
<tr><th colspan=\"2\">凭证</th><th rowspan=\"2\">摘要</th><th rowspan=\"2\">经济分类</th><th rowspan=\"2\">金额</th></tr>\r\n\
<tr><th>日期</th><th>凭证号</th></tr>\r\n",
    );
    for month in 1..=8u32 {
        let lines = lines_by_day(month);
        let mut month_total = Decimal::ZERO;
        let mut rest = lines.as_slice();
        for (number, size) in voucher_sizes(lines.len()).into_iter().enumerate() {
            let (voucher, after) = rest.split_at(size);
            rest = after;
            // A voucher is dated when it is made: the day of its last line.
            let day = voucher[size - 1].0.day;
            for (index, (line, amount)) in voucher.iter().enumerate() {
                html.push_str("<tr>");
                if index == 0 {
                    html.push_str(&format!(
                        "<td rowspan=\"{size}\">2017-{month:02}-{day:02}</td><td rowspan=\"{size}\">{month:02}-{:04}</td>",
                        number + 1
                    ));
                }
                html.push_str(&format!(
                    "<td>{}</td><td>{} {}</td><td align=\"right\">{}</td></tr>\r\n",
                    line.summary,
                    line.code,
                    line.account,
                    grouped_yuan(*amount)
                ));
                month_total += *amount;
            }
        }
        assert_eq!(month_total, seed_yuan(month), "HTML export, month {month}");
        html.push_str(&format!(
            "<tr><td colspan=\"4\" align=\"center\">本月合计</td><td align=\"right\">{}</td></tr>\r\n",
            grouped_yuan(month_total)
        ));
    }
    html.push_str("</table>\r\n</body>\r\n</html>\r\n");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&html);
    assert!(!unmappable);
    std::fs::write(path, bytes).unwrap();
}

// ---------------------------------------------------------------------------
// 4. A hand-kept book running 2016-09 to 2017-08 (not registered: it spans two years)
// ---------------------------------------------------------------------------

/// Invented lines for September–December 2016: (month, day, 科目, 摘要, 元).
const AUTUMN_2016: [(u32, u8, &str, &str, &str); 26] = [
    (9, 10, "基本工资", "发放本月基本工资", "60800.00"),
    (9, 10, "津贴补贴", "发放本月津贴补贴", "47200.00"),
    (9, 15, "社会保障缴费", "缴纳本月养老、医疗保险", "43900.00"),
    (9, 15, "住房公积金", "缴纳本月住房公积金", "17500.00"),
    (9, 21, "办公费", "购置打印纸、墨盒", "4380.00"),
    (9, 26, "维修（护）费", "办公楼电路维修", "28600.00"),
    (9, 28, "差旅费", "报销赴省培训差旅费", "12650.00"),
    (10, 10, "基本工资", "发放本月基本工资", "60800.00"),
    (10, 10, "津贴补贴", "发放本月津贴补贴", "47200.00"),
    (10, 14, "社会保障缴费", "缴纳本月养老、医疗保险", "43900.00"),
    (10, 14, "住房公积金", "缴纳本月住房公积金", "17500.00"),
    (10, 18, "邮电费", "缴纳电话费、网络费", "1860.00"),
    (
        10,
        20,
        "公务用车运行维护费",
        "公务用车加油、保养",
        "8420.00",
    ),
    (10, 25, "培训费", "窗口人员礼仪培训", "18600.00"),
    (10, 28, "差旅费", "报销下乡调研差旅费", "9870.00"),
    (11, 10, "基本工资", "发放本月基本工资", "60800.00"),
    (11, 10, "津贴补贴", "发放本月津贴补贴", "47200.00"),
    (11, 15, "社会保障缴费", "缴纳本月养老、医疗保险", "43900.00"),
    (11, 15, "住房公积金", "缴纳本月住房公积金", "17500.00"),
    (11, 22, "办公费", "购置复印机", "32800.00"),
    (11, 29, "差旅费", "报销赴京学习差旅费", "14300.00"),
    (12, 9, "基本工资", "发放本月基本工资", "60800.00"),
    (12, 9, "津贴补贴", "发放本月津贴补贴", "47200.00"),
    (12, 15, "社会保障缴费", "缴纳本月养老、医疗保险", "43900.00"),
    (12, 20, "取暖费", "支付办公楼取暖费", "31200.00"),
    (12, 28, "维修（护）费", "网上审批系统年度维护", "48000.00"),
];

/// Writes a hand-kept 经费支出登记簿 running from September 2016 to August 2017
/// (日期 | 摘要 | 科目 | 金额, date cells, no totals): invented lines of 20–30 万元 a month
/// for 2016, then the seed's 2017 January–August lines. Not in `samples()`: it spans two
/// years, and the shared sample tests assume one.
pub fn write_two_years(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("支出登记").unwrap();
    let bold_center = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    sheet
        .merge_range(
            0,
            0,
            0,
            3,
            "经费支出登记簿（2016年9月—2017年8月）",
            &bold_center,
        )
        .unwrap();
    sheet.write_string(1, 3, "单位：元").unwrap();
    write_headers(sheet, 2, &["日期", "摘要", "科目", "金额"], &bold_center);
    for (column, width) in [12.0, 32.0, 18.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width).unwrap();
    }
    let mut row = 3u32;
    let mut write = |sheet: &mut Worksheet,
                     year: u16,
                     month: u32,
                     day: u8,
                     account: &str,
                     summary: &str,
                     amount: Decimal| {
        sheet
            .write_datetime_with_format(row, 0, date_cell(year, month, day), &date)
            .unwrap();
        sheet.write_string(row, 1, summary).unwrap();
        sheet.write_string(row, 2, account).unwrap();
        sheet
            .write_number_with_format(row, 3, decimal_f64(amount), &money)
            .unwrap();
        row += 1;
    };
    for month in 9..=12u32 {
        let mut month_total = Decimal::ZERO;
        for (_, day, account, summary, yuan) in AUTUMN_2016.iter().filter(|l| l.0 == month) {
            let amount: Decimal = yuan.parse().unwrap();
            write(sheet, 2016, month, *day, account, summary, amount);
            month_total += amount;
        }
        assert!(
            (Decimal::from(200_000)..=Decimal::from(300_000)).contains(&month_total),
            "2016-{month}: {month_total}"
        );
    }
    for month in 1..=8u32 {
        let mut month_total = Decimal::ZERO;
        for (line, amount) in lines_by_day(month) {
            write(
                sheet,
                2017,
                month,
                line.day,
                line.account,
                line.summary,
                amount,
            );
            month_total += amount;
        }
        assert_eq!(month_total, seed_yuan(month), "two-year book, 2017-{month}");
    }
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// Runs jixiao with the seed's budget on `input` (results into a fresh folder);
/// returns the folder, the exit code, the JSON document and stderr.
fn run(input: &Path) -> (TempDir, Option<i32>, Value, String) {
    let (out, output) = run_with_seed_budget(input);
    let stderr = stderr_of(&output);
    let json = json_of(&output);
    (out, output.status.code(), json, stderr)
}

/// The `amount_wan` of the first file's years, as `(year, [12 months])`.
fn years_read(json: &Value) -> Vec<(i64, Vec<String>)> {
    json["files"][0]["years"]
        .as_array()
        .map(|years| {
            years
                .iter()
                .map(|year| {
                    let months = year["months"]
                        .as_array()
                        .map(|ms| {
                            ms.iter()
                                .map(|m| m["amount_wan"].as_str().unwrap_or("?").to_string())
                                .collect()
                        })
                        .unwrap_or_default();
                    (year["year"].as_i64().unwrap_or(0), months)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The seed's year as the JSON shows it: 2017, January–August the seed, the rest 0.00.
fn seed_year() -> Vec<(i64, Vec<String>)> {
    let months = (0..12)
        .map(|i| {
            SEED_MONTHS_WAN
                .get(i)
                .copied()
                .unwrap_or("0.00")
                .to_string()
        })
        .collect();
    vec![(2017, months)]
}

/// The `code`s of the run's warnings (the file's, and the document's if it has any).
fn warning_codes(json: &Value) -> Vec<String> {
    [&json["files"][0]["warnings"], &json["warnings"]]
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .map(|w| w["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Months exactly the seed's, the tie-out non-empty and all `ok`, no `tie_out_mismatch`.
fn check_seed_and_tie_out(input: &Path, stderr: &str, code: Option<i32>, json: &Value) {
    let name = input.display();
    assert_eq!(code, Some(0), "{name}: {stderr}");
    assert_eq!(years_read(json), seed_year(), "{name}: {stderr}");
    let tie_out = json["files"][0]["tie_out"].as_array();
    assert!(
        tie_out.is_some_and(|t| !t.is_empty()),
        "{name}: no tie-out in {}",
        json["files"][0]
    );
    for item in tie_out.into_iter().flatten() {
        assert_eq!(item["ok"], true, "{name}: {item}");
    }
    assert!(
        !warning_codes(json).iter().any(|c| c == "tie_out_mismatch"),
        "{name}: {}",
        json["files"][0]["warnings"]
    );
}

fn check_sample(sample: &str) {
    let input = repo_path(sample);
    let (_out, code, json, stderr) = run(&input);
    check_seed_and_tie_out(&input, &stderr, code, &json);
}

#[test]
fn generators_write_the_seed_months() {
    // Every generator asserts, while writing, that its spending lines sum to the seed.
    let dir = TempDir::new("hand-books-generators");
    for (sample, write) in samples() {
        let name = Path::new(sample).file_name().unwrap();
        write(&dir.path().join(name));
    }
    write_two_years(&dir.path().join("two-years.xlsx"));
    write_hand_totals_with(&dir.path().join("cent.xlsx"), "0.01".parse().unwrap());
    write_closing_with(&dir.path().join("no-counter.xlsx"), false);
    assert_eq!(dir.file_names().len(), samples().len() + 3);
}

#[test]
fn voucher_sizes_are_two_to_four_lines() {
    for n in 2..40 {
        assert_eq!(voucher_sizes(n).iter().sum::<usize>(), n);
    }
    assert_eq!(grouped_yuan("-1200".parse().unwrap()), "-1,200.00");
    assert_eq!(grouped_yuan("120000.5".parse().unwrap()), "120,000.50");
}

#[test]
fn hand_totals_sample_gives_the_seed_months_and_ties_out() {
    check_sample(HAND_TOTALS_SAMPLE);
}

/// A wordless row that is a cent off the lines above it is no longer a subtotal by
/// arithmetic: it must be flagged, not silently counted as spending.
#[test]
fn hand_totals_wordless_row_a_cent_off_is_flagged() {
    let dir = TempDir::new("hand-totals-cent");
    let input = dir.path().join("登记簿.xlsx");
    write_hand_totals_with(&input, "0.01".parse().unwrap());
    let (_out, code, json, stderr) = run(&input);
    assert_eq!(code, Some(0), "{stderr}");
    let warnings = warning_codes(&json);
    assert!(
        !warnings.is_empty(),
        "a wordless row 0.01 off its lines went by without a warning: {:?} {stderr}",
        years_read(&json)
    );
}

#[test]
fn closing_sample_gives_the_seed_months_and_says_it_cannot_tie_out() {
    // A 用友 序时账 prints no totals: the months must be right, and jixiao must
    // say that nothing could be tied out rather than imply a check passed.
    let input = repo_path(CLOSING_SAMPLE);
    let (_out, code, json, stderr) = run(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(years_read(&json), seed_year(), "{stderr}");
    assert_eq!(
        json["files"][0]["tie_out"].as_array().map(Vec::len),
        Some(0)
    );
    assert!(
        warning_codes(&json).iter().any(|c| c == "no_book_totals"),
        "{}",
        json["files"][0]["warnings"]
    );
    assert!(stderr.contains("台账未列合计，无法勾稽"), "{stderr}");
}

/// Without 对方科目 the closings still show: their wording, and a voucher holding a
/// 3301 or 8101 line.
#[test]
fn closing_sample_without_counterpart_column_gives_the_seed_months() {
    let dir = TempDir::new("closing-no-counter");
    let input: PathBuf = dir.path().join("序时账.xlsx");
    write_closing_with(&input, false);
    let (_out, code, json, stderr) = run(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(years_read(&json), seed_year(), "{stderr}");
}

#[test]
fn html_rowspan_sample_gives_the_seed_months_and_ties_out() {
    check_sample(HTML_ROWSPAN_SAMPLE);
}

/// A book running 2016-09 to 2017-08 with one budget and no `--year`: 2017 is graded,
/// 2016 is left out visibly, and nobody is told a budget is missing.
#[test]
fn two_year_book_grades_2017_and_leaves_2016_out_visibly() {
    let dir = TempDir::new("two-years");
    let input = dir.path().join("经费支出登记簿.xlsx");
    write_two_years(&input);
    let (_out, code, json, stderr) = run(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(years_read(&json), seed_year(), "{stderr}");
    assert!(
        warning_codes(&json)
            .iter()
            .any(|c| c == "other_years_left_out"),
        "{}",
        json["files"][0]
    );
    assert!(stderr.contains("2016"), "{stderr}");
    assert!(!stderr.contains("没有找到年度预算"), "{stderr}");
}

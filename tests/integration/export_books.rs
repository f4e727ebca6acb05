//! Samples shaped like software exports (多栏账, 科目余额表, months across by economic
//! classification, monthly progress reports), each giving the seed's 2017 months.
//!
//! Every generator is made from the seed's voucher lines (`balanced_month`) and checks,
//! while it writes, that what it wrote sums to the seed months.

use crate::samples::{
    balanced_month, decimal_f64, fixed_properties, SampleWriter, SEED_MONTHS_WAN,
};
use crate::support::{json_of, repo_path, run_with_seed_budget, stderr_of, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::collections::HashMap;
use std::path::Path;

/// 用友 多栏式明细账 of 7101 行政支出 with a `借方金额分析` band.
pub const MULTI_COLUMN_SAMPLE: &str = "samples/multi-column-2017.xlsx";
/// 科目余额表, one sheet per month (`2017.01` … `2017.08`), 平行记账.
pub const TRIAL_BALANCE_SAMPLE: &str = "samples/trial-balance-2017.xlsx";
/// Months across by economic classification (类 / 款 / 小计 / 合计 rows).
pub const ACROSS_BY_CLASS_SAMPLE: &str = "samples/across-by-class-2017.xlsx";
/// A unit's own 预算执行进度表 (本月实际支出数, 累计支出数, 执行进度).
pub const MONTHLY_REPORT_SAMPLE: &str = "samples/monthly-report-2017.xlsx";

/// This module's samples, each with the function that writes it.
pub fn samples() -> Vec<SampleWriter> {
    vec![
        (MULTI_COLUMN_SAMPLE, write_multi_column),
        (TRIAL_BALANCE_SAMPLE, write_trial_balance),
        (ACROSS_BY_CLASS_SAMPLE, write_across_by_class),
        (MONTHLY_REPORT_SAMPLE, write_monthly_report),
    ]
}

/// The 类 of the 2017 政府支出经济分类 the seed's items fall in: code, 类 name, and the
/// 业务活动费用 sub-account (政府会计制度) that carries the same spending.
const CLASSES: [(&str, &str, &str); 3] = [
    ("301", "工资福利支出", "工资福利费用"),
    ("302", "商品和服务支出", "商品和服务费用"),
    ("303", "对个人和家庭的补助", "对个人和家庭的补助费用"),
];

/// The year's 全年预算数, in 元 (322.95 万元).
const BUDGET_YUAN: i64 = 3_229_500;

/// A seed month in 元, exactly.
fn seed_yuan(month: u32) -> Decimal {
    SEED_MONTHS_WAN[month as usize - 1]
        .parse::<Decimal>()
        .unwrap()
        * Decimal::from(10_000)
}

/// An economic classification 款 as the ledgers carry it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Item {
    code: &'static str,
    name: &'static str,
}

impl Item {
    /// The index of its 类 in `CLASSES`.
    fn class(self) -> usize {
        CLASSES
            .iter()
            .position(|(code, ..)| self.code.starts_with(code))
            .unwrap_or_else(|| panic!("{} is in no class", self.code))
    }
}

/// Every item occurring in the year with its sums per month (index 0 = 1月), in order of
/// first appearance; the month columns sum to the seed months.
fn item_months() -> Vec<(Item, [Decimal; 12])> {
    let mut items: Vec<(Item, [Decimal; 12])> = Vec::new();
    for month in 1..=8u32 {
        for (line, amount) in balanced_month(month) {
            let item = Item {
                code: line.code,
                name: line.account,
            };
            let index = match items.iter().position(|(i, _)| i.code == item.code) {
                Some(index) => index,
                None => {
                    items.push((item, [Decimal::ZERO; 12]));
                    items.len() - 1
                }
            };
            assert_eq!(items[index].0, item, "one name per code");
            items[index].1[month as usize - 1] += amount;
        }
    }
    for month in 1..=12u32 {
        let sum: Decimal = items.iter().map(|(_, m)| m[month as usize - 1]).sum();
        let expected = if month <= 8 {
            seed_yuan(month)
        } else {
            Decimal::ZERO
        };
        assert_eq!(sum, expected, "items of month {month}");
    }
    items
}

/// The same, in code order (as 用友 orders analysis columns and WPS tables list 款).
fn items_by_code() -> Vec<(Item, [Decimal; 12])> {
    let mut items = item_months();
    items.sort_by_key(|(item, _)| item.code);
    items
}

/// The cell formats the samples share: bordered cells, `#,##0.00` amounts.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    bold_text: Format,
    indented: Format,
    money: Format,
    bold_money: Format,
    percent: Format,
    plain: Format,
    right: Format,
}

/// The shared formats.
fn formats() -> Formats {
    let cell = Format::new().set_border(FormatBorder::Thin);
    Formats {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        header: cell
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        text: cell.clone(),
        bold_text: cell.clone().set_bold(),
        indented: cell.clone().set_indent(1),
        money: cell.clone().set_num_format("#,##0.00"),
        bold_money: cell.clone().set_bold().set_num_format("#,##0.00"),
        percent: cell.set_num_format("0.00%"),
        plain: Format::new(),
        right: Format::new().set_align(FormatAlign::Right),
    }
}

/// An amount, or a bordered blank cell when it is zero (exports leave zeros blank).
fn money(sheet: &mut Worksheet, row: u32, column: u16, amount: Decimal, format: &Format) {
    if amount.is_zero() {
        sheet.write_blank(row, column, format).unwrap();
    } else {
        sheet
            .write_number_with_format(row, column, decimal_f64(amount), format)
            .unwrap();
    }
}

/// A bordered text cell.
fn text(sheet: &mut Worksheet, row: u32, column: u16, value: &str, format: &Format) {
    sheet
        .write_string_with_format(row, column, value, format)
        .unwrap();
}

/// A new workbook with the samples' fixed properties.
fn new_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    workbook
}

/// A named sheet of `workbook`.
fn named_sheet<'a>(workbook: &'a mut Workbook, name: &str) -> &'a mut Worksheet {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).unwrap();
    sheet
}

// ---------------------------------------------------------------------------------------
// 1. 用友 多栏式明细账
// ---------------------------------------------------------------------------------------

/// Writes the 用友 多栏式明细账 of 7101 行政支出: title `多栏式明细账`, `科目：7101 行政支出`,
/// `单位：元`; `2017年` merged over 月 | 日, 凭证号 … 余额 merged down two rows and a
/// `借方金额分析` band of one column per economic item (`30101 基本工资` …). Each voucher
/// line is in 借方 (the March red reversal as a negative 借方) and in its item's column;
/// `本月合计` and `本年累计` rows after each month; 余额 running.
pub fn write_multi_column(path: &Path) {
    write_multi_column_book(path, true);
}

/// The 多栏账, with or without its 借方 column (without it, only the band holds the amounts).
fn write_multi_column_book(path: &Path, with_debit: bool) {
    let items = items_by_code();
    let f = formats();
    let mut workbook = new_workbook();
    let sheet = named_sheet(&mut workbook, "多栏账");

    let mut left = vec!["凭证号", "摘要"];
    if with_debit {
        left.push("借方");
    }
    left.extend(["贷方", "方向", "余额"]);
    let column_of = |name: &str| left.iter().position(|h| *h == name).map(|i| i as u16 + 2);
    let (voucher_col, summary_col) = (column_of("凭证号").unwrap(), column_of("摘要").unwrap());
    let debit_col = column_of("借方");
    let credit_col = column_of("贷方").unwrap();
    let direction_col = column_of("方向").unwrap();
    let balance_col = column_of("余额").unwrap();
    let band = left.len() as u16 + 2;
    let last = band + items.len() as u16 - 1;

    sheet
        .merge_range(0, 0, 0, last, "多栏式明细账", &f.title)
        .unwrap();
    sheet.set_row_height(0, 28).unwrap();
    sheet.write_string(1, 0, "科目：7101 行政支出").unwrap();
    sheet
        .write_string_with_format(1, balance_col, "期间：2017.01-2017.08", &f.plain)
        .unwrap();
    sheet.write_string(2, 0, "单位：元").unwrap();
    sheet.merge_range(3, 0, 3, 1, "2017年", &f.header).unwrap();
    text(sheet, 4, 0, "月", &f.header);
    text(sheet, 4, 1, "日", &f.header);
    for (index, header) in left.iter().enumerate() {
        let column = index as u16 + 2;
        sheet
            .merge_range(3, column, 4, column, header, &f.header)
            .unwrap();
    }
    sheet
        .merge_range(3, band, 3, last, "借方金额分析", &f.header)
        .unwrap();
    for (index, (item, _)) in items.iter().enumerate() {
        let label = format!("{} {}", item.code, item.name);
        text(sheet, 4, band + index as u16, &label, &f.header);
    }
    for column in [0, 1, direction_col] {
        sheet.set_column_width(column, 4).unwrap();
    }
    sheet.set_column_width(voucher_col, 10).unwrap();
    sheet.set_column_width(summary_col, 30).unwrap();
    for column in [debit_col, Some(credit_col), Some(balance_col)]
        .into_iter()
        .flatten()
    {
        sheet.set_column_width(column, 14).unwrap();
    }
    for column in band..=last {
        sheet.set_column_width(column, 13).unwrap();
    }

    // Every row: 月 日 凭证号 摘要 借方 贷方 方向 余额 and the band.
    let write_row = |sheet: &mut Worksheet,
                     row: u32,
                     date: Option<(u32, u8)>,
                     voucher: &str,
                     summary: &str,
                     debit: Decimal,
                     balance: Decimal,
                     analysis: &[Decimal],
                     total: bool| {
        let amount_format = if total { &f.bold_money } else { &f.money };
        match date {
            Some((month, day)) => {
                sheet
                    .write_number_with_format(row, 0, f64::from(month), &f.text)
                    .unwrap();
                sheet
                    .write_number_with_format(row, 1, f64::from(day), &f.text)
                    .unwrap();
            }
            None => {
                sheet.write_blank(row, 0, &f.text).unwrap();
                sheet.write_blank(row, 1, &f.text).unwrap();
            }
        }
        text(sheet, row, voucher_col, voucher, &f.text);
        let summary_format = if total { &f.bold_text } else { &f.text };
        text(sheet, row, summary_col, summary, summary_format);
        if let Some(column) = debit_col {
            money(sheet, row, column, debit, amount_format);
        }
        money(sheet, row, credit_col, Decimal::ZERO, amount_format);
        let direction = if balance.is_zero() { "平" } else { "借" };
        text(sheet, row, direction_col, direction, &f.text);
        money(sheet, row, balance_col, balance, amount_format);
        for (index, amount) in analysis.iter().enumerate() {
            money(sheet, row, band + index as u16, *amount, amount_format);
        }
    };

    let zeros = vec![Decimal::ZERO; items.len()];
    write_row(
        sheet,
        5,
        Some((1, 1)),
        "",
        "上年结转",
        Decimal::ZERO,
        Decimal::ZERO,
        &zeros,
        false,
    );
    let mut row = 6u32;
    let mut balance = Decimal::ZERO;
    let mut year_debit = Decimal::ZERO;
    let mut year_band = zeros.clone();
    for month in 1..=8u32 {
        let mut month_debit = Decimal::ZERO;
        let mut month_band = zeros.clone();
        // 用友 lists a month's vouchers by date, numbered in that order.
        let mut lines = balanced_month(month);
        lines.sort_by_key(|(line, _)| line.day);
        for (voucher, (line, amount)) in lines.into_iter().enumerate() {
            let column = items
                .iter()
                .position(|(item, _)| item.code == line.code)
                .unwrap();
            let mut analysis = zeros.clone();
            analysis[column] = amount;
            month_band[column] += amount;
            month_debit += amount;
            balance += amount;
            write_row(
                sheet,
                row,
                Some((month, line.day)),
                &format!("记-{:04}", voucher + 1),
                line.summary,
                amount,
                balance,
                &analysis,
                false,
            );
            row += 1;
        }
        assert_eq!(
            month_debit,
            seed_yuan(month),
            "多栏账 借方 of month {month}"
        );
        assert_eq!(
            month_band.iter().sum::<Decimal>(),
            month_debit,
            "多栏账 band of month {month}"
        );
        for (column, (_, months)) in items.iter().enumerate() {
            assert_eq!(month_band[column], months[month as usize - 1]);
            year_band[column] += month_band[column];
        }
        year_debit += month_debit;
        write_row(
            sheet,
            row,
            None,
            "",
            "本月合计",
            month_debit,
            balance,
            &month_band,
            true,
        );
        write_row(
            sheet,
            row + 1,
            None,
            "",
            "本年累计",
            year_debit,
            balance,
            &year_band,
            true,
        );
        row += 2;
    }
    assert_eq!(year_debit, (1..=8).map(seed_yuan).sum::<Decimal>());
    sheet.set_freeze_panes(5, 4).unwrap();
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------------------
// 2. 科目余额表
// ---------------------------------------------------------------------------------------

/// One row of a 科目余额表; balances are signed, debit positive.
struct BalanceRow {
    code: String,
    name: String,
    top: bool,
    opening: Decimal,
    debit: Decimal,
    credit: Decimal,
    year_debit: Decimal,
    year_credit: Decimal,
}

impl BalanceRow {
    /// 期末余额, signed.
    fn closing(&self) -> Decimal {
        self.opening + self.debit - self.credit
    }

    /// The eight amount columns: 期初 借/贷, 本期 借/贷, 本年累计 借/贷, 期末 借/贷.
    fn columns(&self) -> [Decimal; 8] {
        let split = |balance: Decimal| {
            if balance < Decimal::ZERO {
                (Decimal::ZERO, -balance)
            } else {
                (balance, Decimal::ZERO)
            }
        };
        let (opening_debit, opening_credit) = split(self.opening);
        let (closing_debit, closing_credit) = split(self.closing());
        [
            opening_debit,
            opening_credit,
            self.debit,
            self.credit,
            self.year_debit,
            self.year_credit,
            closing_debit,
            closing_credit,
        ]
    }
}

/// Adds a posting to an account.
fn post(
    postings: &mut HashMap<String, (Decimal, Decimal)>,
    code: &str,
    debit: Decimal,
    credit: Decimal,
) {
    let entry = postings.entry(code.to_string()).or_default();
    entry.0 += debit;
    entry.1 += credit;
}

/// The 科目余额表 of each month 1…8 (index 0 = January), under 政府会计制度's 平行记账:
/// the month's quota arrives (1011 / 4001 and 8001 / 6001, 50,000 元 more than is spent),
/// every payment is booked as 5001 业务活动费用 (by 类) / 1011 and as 7101 行政支出 (by
/// economic item) / 8001 资金结存; 财务会计 closes 5001 and 4001 to 3301 本期盈余 every
/// month, 预算会计 closes at year end so 7101 and 6001 accumulate.
fn trial_balances() -> Vec<Vec<BalanceRow>> {
    let items = item_months();
    let mut chart: Vec<(String, String, Option<&str>)> = [
        ("1001", "库存现金"),
        ("1002", "银行存款"),
        ("1011", "零余额账户用款额度"),
        ("3001", "累计盈余"),
        ("3301", "本期盈余"),
        ("4001", "财政拨款收入"),
        ("5001", "业务活动费用"),
    ]
    .iter()
    .map(|(code, name)| (code.to_string(), name.to_string(), None))
    .collect();
    for (index, (_, _, expense)) in CLASSES.iter().enumerate() {
        chart.push((
            format!("5001{:02}", index + 1),
            expense.to_string(),
            Some("5001"),
        ));
    }
    chart.push(("6001".into(), "财政拨款预算收入".into(), None));
    chart.push(("7101".into(), "行政支出".into(), None));
    for (index, (item, _)) in items.iter().enumerate() {
        chart.push((
            format!("7101{:02}", index + 1),
            item.name.to_string(),
            Some("7101"),
        ));
    }
    chart.push(("8001".into(), "资金结存".into(), None));

    let mut balances: HashMap<String, Decimal> = [
        ("1001", "3260.00"),
        ("1002", "128400.00"),
        ("3001", "-131660.00"),
    ]
    .iter()
    .map(|(code, yuan)| (code.to_string(), yuan.parse().unwrap()))
    .collect();
    let mut year: HashMap<String, (Decimal, Decimal)> = HashMap::new();
    let mut sheets = Vec::new();
    for month in 1..=8u32 {
        let lines = balanced_month(month);
        let spent: Decimal = lines.iter().map(|(_, amount)| *amount).sum();
        assert_eq!(spent, seed_yuan(month));
        let quota = spent + Decimal::from(50_000);
        let zero = Decimal::ZERO;
        let mut postings = HashMap::new();
        post(&mut postings, "1011", quota, zero);
        post(&mut postings, "4001", zero, quota);
        post(&mut postings, "8001", quota, zero);
        post(&mut postings, "6001", zero, quota);
        for (line, amount) in &lines {
            let item = items.iter().position(|(i, _)| i.code == line.code).unwrap();
            let class = items[item].0.class();
            post(
                &mut postings,
                &format!("5001{:02}", class + 1),
                *amount,
                zero,
            );
            post(&mut postings, "1011", zero, *amount);
            post(
                &mut postings,
                &format!("7101{:02}", item + 1),
                *amount,
                zero,
            );
            post(&mut postings, "8001", zero, *amount);
        }
        // 期间损益结转: the 财务会计 expense and revenue accounts close to 本期盈余.
        for class in 1..=CLASSES.len() {
            let code = format!("5001{class:02}");
            let debit = postings.get(&code).map_or(zero, |p| p.0);
            post(&mut postings, &code, zero, debit);
            post(&mut postings, "3301", debit, zero);
        }
        post(&mut postings, "4001", quota, zero);
        post(&mut postings, "3301", zero, quota);
        // Parents carry the sum of their children.
        for (code, _, parent) in &chart {
            if let Some(parent) = parent {
                let (debit, credit) = postings.get(code).copied().unwrap_or_default();
                post(&mut postings, parent, debit, credit);
            }
        }
        let mut rows = Vec::new();
        for (code, name, parent) in &chart {
            let opening = balances.get(code).copied().unwrap_or_default();
            let (debit, credit) = postings.get(code).copied().unwrap_or_default();
            let to_date = year.entry(code.clone()).or_default();
            to_date.0 += debit;
            to_date.1 += credit;
            let row = BalanceRow {
                code: code.clone(),
                name: name.clone(),
                top: parent.is_none(),
                opening,
                debit,
                credit,
                year_debit: to_date.0,
                year_credit: to_date.1,
            };
            balances.insert(code.clone(), row.closing());
            // Accounts with neither balance nor activity are not shown, as 用友 does by default.
            if row.columns().iter().any(|a| !a.is_zero()) {
                rows.push(row);
            }
        }
        let spending: Decimal = rows
            .iter()
            .filter(|r| r.code.starts_with("7101") && r.code.len() == 6)
            .map(|r| r.debit)
            .sum();
        assert_eq!(
            spending,
            seed_yuan(month),
            "7101 sub-accounts of month {month}"
        );
        sheets.push(rows);
    }
    sheets
}

/// Writes a 科目余额表 sheet: title, the period line, `单位：元`, the two-row header, the
/// rows and a `合计` row of the top-level accounts; checks that debits equal credits.
fn write_balance_sheet(sheet: &mut Worksheet, period: &str, rows: &[BalanceRow], f: &Formats) {
    sheet
        .merge_range(0, 0, 0, 9, "科目余额表", &f.title)
        .unwrap();
    sheet.set_row_height(0, 28).unwrap();
    sheet.merge_range(1, 0, 1, 3, period, &f.plain).unwrap();
    sheet
        .write_string_with_format(1, 9, "单位：元", &f.right)
        .unwrap();
    sheet
        .merge_range(2, 0, 3, 0, "科目编码", &f.header)
        .unwrap();
    sheet
        .merge_range(2, 1, 3, 1, "科目名称", &f.header)
        .unwrap();
    for (index, header) in ["期初余额", "本期发生额", "本年累计", "期末余额"]
        .iter()
        .enumerate()
    {
        let column = 2 + 2 * index as u16;
        sheet
            .merge_range(2, column, 2, column + 1, header, &f.header)
            .unwrap();
        text(sheet, 3, column, "借方", &f.header);
        text(sheet, 3, column + 1, "贷方", &f.header);
    }
    sheet.set_column_width(0, 12).unwrap();
    sheet.set_column_width(1, 22).unwrap();
    for column in 2..=9 {
        sheet.set_column_width(column, 15).unwrap();
    }
    let mut totals = [Decimal::ZERO; 8];
    let mut row = 4u32;
    for account in rows {
        text(sheet, row, 0, &account.code, &f.text);
        let name_format = if account.top { &f.text } else { &f.indented };
        text(sheet, row, 1, &account.name, name_format);
        for (index, amount) in account.columns().into_iter().enumerate() {
            money(sheet, row, 2 + index as u16, amount, &f.money);
            if account.top {
                totals[index] += amount;
            }
        }
        row += 1;
    }
    sheet
        .merge_range(row, 0, row, 1, "合计", &f.header)
        .unwrap();
    for (index, amount) in totals.iter().enumerate() {
        money(sheet, row, 2 + index as u16, *amount, &f.bold_money);
    }
    for pair in totals.chunks(2) {
        assert_eq!(pair[0], pair[1], "{period}: debits equal credits");
    }
    sheet.set_freeze_panes(4, 2).unwrap();
}

/// Writes the 科目余额表 workbook: one sheet per month `2017.01` … `2017.08`, each titled
/// `科目余额表` with `月份：2017.01-2017.01` and `单位：元`, the header 科目编码 | 科目名称 |
/// 期初余额 | 本期发生额 | 本年累计 | 期末余额 (借方 | 贷方 under each), asset, income and
/// expenditure accounts in both accountings (5001 业务活动费用 by 类, 7101 行政支出 by item),
/// parents carrying their children's sums, and a `合计` row.
pub fn write_trial_balance(path: &Path) {
    let f = formats();
    let mut workbook = new_workbook();
    for (index, rows) in trial_balances().iter().enumerate() {
        let period = format!("2017.{:02}", index + 1);
        let sheet = named_sheet(&mut workbook, &period);
        write_balance_sheet(sheet, &format!("月份：{period}-{period}"), rows, &f);
    }
    workbook.save(path).unwrap();
}

/// One month's 科目余额表 alone, on a sheet named `科目余额表`, the period given as
/// `会计期间：2017年第{month}期`.
fn write_trial_balance_period(path: &Path, month: u32) {
    let f = formats();
    let mut workbook = new_workbook();
    let rows = &trial_balances()[month as usize - 1];
    let sheet = named_sheet(&mut workbook, "科目余额表");
    write_balance_sheet(sheet, &format!("会计期间：2017年第{month}期"), rows, &f);
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------------------
// 3. Months across by economic classification
// ---------------------------------------------------------------------------------------

/// Writes the finance office's 2017年支出明细表（按经济分类）: `科目编码 | 支出项目 | 1月 … 12月 |
/// 合计`, a 类 row (`301 | 工资福利支出`, the sums of its 款) above its 款 rows (`30101 |
/// 基本工资` …), a `小计` row after each 类, a `合计` row; 9月–12月 empty.
pub fn write_across_by_class(path: &Path) {
    write_across_by_class_book(path, true);
}

/// Writes the same table as [`write_across_by_class`] without the 科目编码 column and without
/// the `小计` rows: 类 rows (bold) hold their 款 rows' sums.
pub fn write_across_by_class_without_codes(path: &Path) {
    write_across_by_class_book(path, false);
}

/// The months-across table, with codes and 小计 rows or without both.
fn write_across_by_class_book(path: &Path, with_codes: bool) {
    let items = items_by_code();
    let f = formats();
    let mut workbook = new_workbook();
    let sheet = named_sheet(&mut workbook, "支出明细");
    let name_col: u16 = if with_codes { 1 } else { 0 };
    let first_month = name_col + 1;
    let total_col = first_month + 12;
    sheet
        .merge_range(
            0,
            0,
            0,
            total_col,
            "2017年支出明细表（按经济分类）",
            &f.title,
        )
        .unwrap();
    sheet.set_row_height(0, 28).unwrap();
    sheet
        .merge_range(1, 0, 1, total_col, "单位：元", &f.right)
        .unwrap();
    if with_codes {
        text(sheet, 2, 0, "科目编码", &f.header);
        sheet.set_column_width(0, 10).unwrap();
    }
    text(sheet, 2, name_col, "支出项目", &f.header);
    sheet.set_column_width(name_col, 22).unwrap();
    for month in 1..=12u16 {
        text(
            sheet,
            2,
            first_month + month - 1,
            &format!("{month}月"),
            &f.header,
        );
        sheet.set_column_width(first_month + month - 1, 12).unwrap();
    }
    text(sheet, 2, total_col, "合计", &f.header);
    sheet.set_column_width(total_col, 14).unwrap();

    let write_amounts =
        |sheet: &mut Worksheet, row: u32, months: &[Decimal; 12], format: &Format| {
            for (index, amount) in months.iter().enumerate() {
                money(sheet, row, first_month + index as u16, *amount, format);
            }
            money(sheet, row, total_col, months.iter().sum(), format);
        };
    let mut row = 3u32;
    let mut grand = [Decimal::ZERO; 12];
    let mut counted = [Decimal::ZERO; 12];
    for (class_index, (class_code, class_name, _)) in CLASSES.iter().enumerate() {
        let members: Vec<&(Item, [Decimal; 12])> = items
            .iter()
            .filter(|(item, _)| item.class() == class_index)
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut sums = [Decimal::ZERO; 12];
        for (_, months) in &members {
            for (sum, amount) in sums.iter_mut().zip(months) {
                *sum += *amount;
            }
        }
        if with_codes {
            text(sheet, row, 0, class_code, &f.bold_text);
        }
        text(sheet, row, name_col, class_name, &f.bold_text);
        write_amounts(sheet, row, &sums, &f.bold_money);
        row += 1;
        for (item, months) in &members {
            if with_codes {
                text(sheet, row, 0, item.code, &f.text);
            }
            text(sheet, row, name_col, item.name, &f.indented);
            write_amounts(sheet, row, months, &f.money);
            for (count, amount) in counted.iter_mut().zip(months) {
                *count += *amount;
            }
            row += 1;
        }
        if with_codes {
            sheet.write_blank(row, 0, &f.text).unwrap();
            text(sheet, row, name_col, "小计", &f.bold_text);
            write_amounts(sheet, row, &sums, &f.bold_money);
            row += 1;
        }
        for (total, amount) in grand.iter_mut().zip(sums) {
            *total += amount;
        }
    }
    if with_codes {
        sheet
            .merge_range(row, 0, row, 1, "合计", &f.header)
            .unwrap();
    } else {
        text(sheet, row, 0, "合计", &f.header);
    }
    write_amounts(sheet, row, &grand, &f.bold_money);
    assert_eq!(grand, counted);
    for month in 1..=12u32 {
        let expected = if month <= 8 {
            seed_yuan(month)
        } else {
            Decimal::ZERO
        };
        assert_eq!(
            counted[month as usize - 1],
            expected,
            "款 rows of month {month}"
        );
    }
    sheet.set_freeze_panes(3, first_month).unwrap();
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------------------
// 4. Monthly progress report
// ---------------------------------------------------------------------------------------

/// Writes the unit's 2017年度预算执行进度表 (`金额单位:元`): `月份 | 全年预算数 | 本月实际支出数 |
/// 累计支出数 | 执行进度`, rows 1月 … 12月 (9月–12月 without spending) with 3,229,500 as 全年预算数
/// on each row, 执行进度 as a percent, and a `合计` row.
pub fn write_monthly_report(path: &Path) {
    let f = formats();
    let budget = Decimal::from(BUDGET_YUAN);
    let mut workbook = new_workbook();
    let sheet = named_sheet(&mut workbook, "执行进度");
    sheet
        .merge_range(0, 0, 0, 4, "2017年度预算执行进度表", &f.title)
        .unwrap();
    sheet.set_row_height(0, 28).unwrap();
    sheet
        .merge_range(1, 0, 1, 4, "金额单位:元", &f.right)
        .unwrap();
    for (column, header) in [
        "月份",
        "全年预算数",
        "本月实际支出数",
        "累计支出数",
        "执行进度",
    ]
    .iter()
    .enumerate()
    {
        text(sheet, 2, column as u16, header, &f.header);
        sheet
            .set_column_width(column as u16, if column == 0 { 8 } else { 16 })
            .unwrap();
    }
    let progress = |sheet: &mut Worksheet, row: u32, spent: Decimal| {
        let share = decimal_f64(spent) / decimal_f64(budget);
        sheet
            .write_number_with_format(row, 4, share, &f.percent)
            .unwrap();
    };
    let mut cumulative = Decimal::ZERO;
    for month in 1..=12u32 {
        let row = month + 2;
        text(sheet, row, 0, &format!("{month}月"), &f.text);
        money(sheet, row, 1, budget, &f.money);
        if month <= 8 {
            let spent: Decimal = balanced_month(month).iter().map(|(_, a)| *a).sum();
            assert_eq!(spent, seed_yuan(month), "本月实际支出数 of month {month}");
            cumulative += spent;
            money(sheet, row, 2, spent, &f.money);
            money(sheet, row, 3, cumulative, &f.money);
            progress(sheet, row, cumulative);
        } else {
            for column in 2..=4 {
                sheet.write_blank(row, column, &f.text).unwrap();
            }
        }
    }
    let row = 15;
    text(sheet, row, 0, "合计", &f.header);
    money(sheet, row, 1, budget, &f.bold_money);
    money(sheet, row, 2, cumulative, &f.bold_money);
    money(sheet, row, 3, cumulative, &f.bold_money);
    progress(sheet, row, cumulative);
    assert_eq!(cumulative, (1..=8).map(seed_yuan).sum::<Decimal>());
    workbook.save(path).unwrap();
}

// ---------------------------------------------------------------------------------------
// Tests: the binary reads each sample as the seed.
// ---------------------------------------------------------------------------------------

/// Runs jixiao with the seed's budget on `input`; returns its JSON file entry and stderr.
fn run(input: &Path) -> (serde_json::Value, String) {
    let (_out, output) = run_with_seed_budget(input);
    let stderr = stderr_of(&output);
    let json = json_of(&output);
    (json["files"][0].clone(), stderr)
}

/// Checks that `input` reads as `expected` (12 months' `amount_wan`), with a tie-out that
/// is all `ok` and no `tie_out_mismatch` warning.
fn assert_reads(input: &Path, expected: &[&str; 12]) {
    let (file, stderr) = run(input);
    let name = input.display();
    assert_eq!(file["ok"], true, "{name}: {file}\n{stderr}");
    let months: Vec<&str> = file["years"][0]["months"]
        .as_array()
        .map(|months| {
            months
                .iter()
                .map(|m| m["amount_wan"].as_str().unwrap_or("?"))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(file["years"][0]["year"], 2017, "{name}\n{stderr}");
    assert_eq!(months, expected, "{name}\n{stderr}");
    let tie_out = file["tie_out"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no tie_out array in {file}"));
    assert!(!tie_out.is_empty(), "{name}: empty tie_out");
    for item in tie_out {
        assert_eq!(item["ok"], true, "{name}: {item}");
    }
    let warnings = file["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no warnings array in {file}"));
    assert!(
        warnings.iter().all(|w| w["code"] != "tie_out_mismatch"),
        "{name}: {warnings:?}"
    );
}

/// The seed's twelve months as `amount_wan`.
fn seed_months() -> [&'static str; 12] {
    let mut months = ["0.00"; 12];
    months[..8].copy_from_slice(&SEED_MONTHS_WAN);
    months
}

#[test]
fn multi_column_ledger_reads_the_debit_not_a_band_column() {
    assert_reads(&repo_path(MULTI_COLUMN_SAMPLE), &seed_months());
}

#[test]
fn multi_column_ledger_without_its_debit_column_reads_the_band_sum() {
    let dir = TempDir::new("multi-column");
    let input = dir.path().join("多栏账-无借方.xlsx");
    write_multi_column_book(&input, false);
    assert_reads(&input, &seed_months());
}

#[test]
fn trial_balance_reads_the_period_debits_of_the_lowest_7101_accounts() {
    assert_reads(&repo_path(TRIAL_BALANCE_SAMPLE), &seed_months());
}

#[test]
fn trial_balance_of_one_period_gives_that_month_only() {
    let dir = TempDir::new("trial-balance");
    let input = dir.path().join("科目余额表-第3期.xlsx");
    write_trial_balance_period(&input, 3);
    let mut expected = ["0.00"; 12];
    expected[2] = SEED_MONTHS_WAN[2];
    assert_reads(&input, &expected);
}

#[test]
fn across_by_class_counts_each_item_once() {
    assert_reads(&repo_path(ACROSS_BY_CLASS_SAMPLE), &seed_months());
}

#[test]
fn across_by_class_without_codes_or_subtotals_counts_each_item_once() {
    let dir = TempDir::new("across-by-class");
    let input = dir.path().join("支出明细表-无编码.xlsx");
    write_across_by_class_without_codes(&input);
    assert_reads(&input, &seed_months());
}

#[test]
fn monthly_report_reads_the_actual_spending_not_the_budget() {
    assert_reads(&repo_path(MONTHLY_REPORT_SAMPLE), &seed_months());
}

#[test]
fn trial_balance_sub_accounts_follow_the_items() {
    let sheets = trial_balances();
    let march = &sheets[2];
    let names: Vec<(&str, &str)> = march
        .iter()
        .filter(|r| r.code.starts_with("7101"))
        .take(6)
        .map(|r| (r.code.as_str(), r.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("7101", "行政支出"),
            ("710101", "基本工资"),
            ("710102", "津贴补贴"),
            ("710103", "社会保障缴费"),
            ("710104", "住房公积金"),
            ("710105", "办公费"),
        ]
    );
    // 本年累计 of August's 7101 is the year's spending; 5001 closes every month.
    let august = &sheets[7];
    let total = august.iter().find(|r| r.code == "7101").unwrap();
    assert_eq!(total.year_debit, (1..=8).map(seed_yuan).sum::<Decimal>());
    assert_eq!(total.closing(), total.year_debit);
    let expense = august.iter().find(|r| r.code == "5001").unwrap();
    assert_eq!(expense.closing(), Decimal::ZERO);
    assert_eq!(expense.debit, seed_yuan(8));
}

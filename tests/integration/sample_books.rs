//! The layout samples: the seed department's 2017 spending as other systems
//! keep it. Every one is made from the voucher lines of `samples.rs`, so every
//! one must give the seed's eight monthly totals exactly.

use crate::samples::{balanced_month, decimal_f64, fixed_properties, Line};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::path::Path;

/// 用友三栏式明细账 (two-row header, merged month cells).
pub const YONGYOU_SAMPLE: &str = "samples/yongyou-3col-2017.xlsx";
/// 金蝶-style 序时账 of the whole book (平行记账, 会计期间).
pub const WHOLE_BOOK_SAMPLE: &str = "samples/journal-whole-book-2017.xlsx";
/// 年 | 月 | 日 columns.
pub const YMD_SAMPLE: &str = "samples/ymd-columns-2017.xlsx";
/// Items down, months across.
pub const ACROSS_SAMPLE: &str = "samples/months-across-2017.xlsx";
/// One sheet per month plus a 汇总 sheet.
pub const MONTH_SHEETS_SAMPLE: &str = "samples/month-sheets-2017.xlsx";
/// An HTML table in GBK saved as .xls, as bank and ERP exports do.
pub const HTML_XLS_SAMPLE: &str = "samples/html-export-2017.xls";

/// A signed amount as (借方, 贷方): a negative amount is a refund on the 贷方 side.
fn debit_credit(amount: Decimal) -> (Decimal, Decimal) {
    if amount < Decimal::ZERO {
        (Decimal::ZERO, -amount)
    } else {
        (amount, Decimal::ZERO)
    }
}

/// Writes 借方 and 贷方 into two columns, leaving zeros blank as ledgers do.
fn write_debit_credit(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    (debit, credit): (Decimal, Decimal),
    format: &Format,
) {
    for (offset, amount) in [debit, credit].into_iter().enumerate() {
        if !amount.is_zero() {
            sheet
                .write_number_with_format(row, column + offset as u16, decimal_f64(amount), format)
                .unwrap();
        }
    }
}

fn sheet_with_name<'a>(workbook: &'a mut Workbook, name: &str) -> &'a mut Worksheet {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).unwrap();
    sheet
}

/// The seed months' voucher lines, in order, with the voucher number.
fn all_lines() -> Vec<(u32, usize, Line, Decimal)> {
    let mut voucher = 0;
    let mut lines = Vec::new();
    for month in 1..=8u32 {
        for (line, amount) in balanced_month(month) {
            voucher += 1;
            lines.push((month, voucher, line, amount));
        }
    }
    lines
}

/// 用友 GRP-U8 三栏式明细账 of 7101 行政支出: `2017年` merged over 月 | 日, the
/// other headers merged down two rows, the month merged over its lines, refunds
/// on the 贷方 side, 本月合计 / 本年累计 lines and a running 余额.
pub fn write_yongyou(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = sheet_with_name(&mut workbook, "明细账");
    let center = Format::new().set_align(FormatAlign::Center).set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    sheet.merge_range(0, 0, 0, 9, "明细账", &center).unwrap();
    sheet.write_string(1, 0, "科目：7101 行政支出").unwrap();
    sheet.write_string(2, 0, "单位：元").unwrap();
    sheet.merge_range(3, 0, 3, 1, "2017年", &center).unwrap();
    for (column, header) in [
        "凭证号数",
        "科目编码",
        "科目名称",
        "摘要",
        "借方",
        "贷方",
        "方向",
        "余额",
    ]
    .iter()
    .enumerate()
    {
        let column = column as u16 + 2;
        sheet
            .merge_range(3, column, 4, column, header, &center)
            .unwrap();
    }
    sheet.write_string_with_format(4, 0, "月", &center).unwrap();
    sheet.write_string_with_format(4, 1, "日", &center).unwrap();
    sheet.write_string(5, 5, "上年结转").unwrap();
    sheet.write_string(5, 8, "平").unwrap();
    sheet.write_number(5, 9, 0.0).unwrap();
    let mut row = 6u32;
    let mut balance = Decimal::ZERO;
    let (mut year_debit, mut year_credit) = (Decimal::ZERO, Decimal::ZERO);
    for month in 1..=8u32 {
        let lines = balanced_month(month);
        let first = row;
        let (mut debit_sum, mut credit_sum) = (Decimal::ZERO, Decimal::ZERO);
        for (line, amount) in lines {
            let (debit, credit) = debit_credit(amount);
            balance += debit - credit;
            debit_sum += debit;
            credit_sum += credit;
            sheet.write_number(row, 1, f64::from(line.day)).unwrap();
            sheet
                .write_string(row, 2, format!("记-{:03}", row - 5))
                .unwrap();
            sheet
                .write_string(row, 3, format!("7101{}", line.code))
                .unwrap();
            sheet
                .write_string(row, 4, format!("行政支出-{}", line.account))
                .unwrap();
            sheet.write_string(row, 5, line.summary).unwrap();
            write_debit_credit(sheet, row, 6, (debit, credit), &money);
            sheet.write_string(row, 8, "借").unwrap();
            sheet
                .write_number_with_format(row, 9, decimal_f64(balance), &money)
                .unwrap();
            row += 1;
        }
        // The month is merged over its lines: only the top cell keeps the value.
        sheet
            .merge_range(first, 0, row - 1, 0, "", &Format::new())
            .unwrap();
        sheet.write_number(first, 0, f64::from(month)).unwrap();
        year_debit += debit_sum;
        year_credit += credit_sum;
        for (label, debit, credit) in [
            ("本月合计", debit_sum, credit_sum),
            ("本年累计", year_debit, year_credit),
        ] {
            sheet.write_string(row, 5, label).unwrap();
            sheet
                .write_number_with_format(row, 6, decimal_f64(debit), &money)
                .unwrap();
            sheet
                .write_number_with_format(row, 7, decimal_f64(credit), &money)
                .unwrap();
            sheet.write_string(row, 8, "借").unwrap();
            sheet
                .write_number_with_format(row, 9, decimal_f64(balance), &money)
                .unwrap();
            row += 1;
        }
    }
    workbook.save(path).unwrap();
}

/// A 金蝶-style 序时账 of the whole book under 政府会计制度: every payment is booked
/// twice (7101 行政支出 / 8001 资金结存 and 5101 单位管理费用 / 1011 零余额账户用款额度),
/// the monthly quota arrives (1011 / 4001, 8001 / 6001), and August ends with a
/// 期末结转 of the expense accounts. Only the 7101 lines are spending.
pub fn write_whole_book(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = sheet_with_name(&mut workbook, "序时账");
    let money = Format::new().set_num_format("#,##0.00");
    sheet.write_string(0, 0, "序时账").unwrap();
    sheet
        .write_string(1, 0, "核算单位：州政务服务管理局    币别：人民币")
        .unwrap();
    let headers = [
        "会计期间",
        "凭证字号",
        "分录号",
        "科目代码",
        "科目名称",
        "摘要",
        "借方金额",
        "贷方金额",
    ];
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string(2, column as u16, *header).unwrap();
    }
    let mut row = 3u32;
    let mut voucher = 0;
    let mut write = |sheet: &mut Worksheet,
                     period: &str,
                     voucher: usize,
                     entry: usize,
                     code: &str,
                     name: &str,
                     summary: &str,
                     debit: Decimal,
                     credit: Decimal| {
        sheet.write_string(row, 0, period).unwrap();
        sheet
            .write_string(row, 1, format!("记-{voucher:04}"))
            .unwrap();
        sheet.write_number(row, 2, entry as f64).unwrap();
        sheet.write_string(row, 3, code).unwrap();
        sheet.write_string(row, 4, name).unwrap();
        sheet.write_string(row, 5, summary).unwrap();
        write_debit_credit(sheet, row, 6, (debit, credit), &money);
        row += 1;
    };
    let mut expense_total = Decimal::ZERO;
    for month in 1..=8u32 {
        let period = format!("2017年{month}期");
        let lines = balanced_month(month);
        let quota: Decimal = lines.iter().map(|(_, a)| *a).sum::<Decimal>() + Decimal::from(50_000);
        voucher += 1;
        write(
            sheet,
            &period,
            voucher,
            1,
            "1011",
            "零余额账户用款额度",
            "收到财政授权支付额度",
            quota,
            Decimal::ZERO,
        );
        write(
            sheet,
            &period,
            voucher,
            2,
            "4001",
            "财政拨款收入",
            "收到财政授权支付额度",
            Decimal::ZERO,
            quota,
        );
        write(
            sheet,
            &period,
            voucher,
            3,
            "8001",
            "资金结存",
            "收到财政授权支付额度",
            quota,
            Decimal::ZERO,
        );
        write(
            sheet,
            &period,
            voucher,
            4,
            "6001",
            "财政拨款预算收入",
            "收到财政授权支付额度",
            Decimal::ZERO,
            quota,
        );
        for (line, amount) in lines {
            voucher += 1;
            let budget_code = format!("710101{}", &line.code[3..]);
            let expense_code = format!("510101{}", &line.code[3..]);
            write(
                sheet,
                &period,
                voucher,
                1,
                &budget_code,
                &format!("行政支出-基本支出-{}", line.account),
                line.summary,
                amount,
                Decimal::ZERO,
            );
            write(
                sheet,
                &period,
                voucher,
                2,
                "8001",
                "资金结存",
                line.summary,
                Decimal::ZERO,
                amount,
            );
            write(
                sheet,
                &period,
                voucher,
                3,
                &expense_code,
                &format!("单位管理费用-{}", line.account),
                line.summary,
                amount,
                Decimal::ZERO,
            );
            write(
                sheet,
                &period,
                voucher,
                4,
                "1011",
                "零余额账户用款额度",
                line.summary,
                Decimal::ZERO,
                amount,
            );
            expense_total += amount;
        }
    }
    voucher += 1;
    write(
        sheet,
        "2017年8期",
        voucher,
        1,
        "3301",
        "本期盈余",
        "期末结转",
        expense_total,
        Decimal::ZERO,
    );
    write(
        sheet,
        "2017年8期",
        voucher,
        2,
        "5101",
        "单位管理费用",
        "期末结转",
        Decimal::ZERO,
        expense_total,
    );
    workbook.save(path).unwrap();
}

/// A hand-kept register with separate 年 | 月 | 日 columns, years and months as text and numbers.
pub fn write_ymd(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = sheet_with_name(&mut workbook, "支出登记");
    sheet.write_string(0, 0, "支出登记簿（单位：元）").unwrap();
    for (column, header) in ["年", "月", "日", "凭证号", "摘要", "支出金额"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, column as u16, *header).unwrap();
    }
    for (index, (month, voucher, line, amount)) in all_lines().into_iter().enumerate() {
        let row = index as u32 + 2;
        if index % 2 == 0 {
            sheet.write_number(row, 0, 2017.0).unwrap();
            sheet.write_number(row, 1, f64::from(month)).unwrap();
        } else {
            sheet.write_string(row, 0, "2017").unwrap();
            sheet.write_string(row, 1, format!("{month:02}")).unwrap();
        }
        sheet.write_number(row, 2, f64::from(line.day)).unwrap();
        sheet.write_string(row, 3, format!("{voucher}")).unwrap();
        sheet.write_string(row, 4, line.summary).unwrap();
        sheet.write_number(row, 5, decimal_f64(amount)).unwrap();
    }
    workbook.save(path).unwrap();
}

/// Items down (`30101 基本工资` …), 1月…12月 across, with a 合计 column and row.
pub fn write_months_across(path: &Path) {
    let mut items: Vec<(String, [Decimal; 12])> = Vec::new();
    for (month, _, line, amount) in all_lines() {
        let label = format!("{} {}", line.code, line.account);
        let position = match items.iter().position(|(l, _)| *l == label) {
            Some(position) => position,
            None => {
                items.push((label, [Decimal::ZERO; 12]));
                items.len() - 1
            }
        };
        items[position].1[month as usize - 1] += amount;
    }
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = sheet_with_name(&mut workbook, "分月支出");
    let money = Format::new().set_num_format("#,##0.00");
    sheet
        .write_string(0, 0, "州政务服务管理局2017年分月支出统计表")
        .unwrap();
    sheet.write_string(1, 0, "单位：元").unwrap();
    sheet.write_string(2, 0, "支出项目").unwrap();
    for month in 1..=12u16 {
        sheet.write_string(2, month, format!("{month}月")).unwrap();
    }
    sheet.write_string(2, 13, "合计").unwrap();
    let mut column_totals = [Decimal::ZERO; 12];
    for (index, (label, months)) in items.iter().enumerate() {
        let row = index as u32 + 3;
        sheet.write_string(row, 0, label).unwrap();
        for (m, amount) in months.iter().enumerate().take(8) {
            if !amount.is_zero() {
                sheet
                    .write_number_with_format(row, m as u16 + 1, decimal_f64(*amount), &money)
                    .unwrap();
            }
            column_totals[m] += *amount;
        }
        let total: Decimal = months.iter().sum();
        sheet
            .write_number_with_format(row, 13, decimal_f64(total), &money)
            .unwrap();
    }
    let row = items.len() as u32 + 3;
    sheet.write_string(row, 0, "合计").unwrap();
    for (m, amount) in column_totals.iter().enumerate().take(8) {
        sheet
            .write_number_with_format(row, m as u16 + 1, decimal_f64(*amount), &money)
            .unwrap();
    }
    let grand: Decimal = column_totals.iter().sum();
    sheet
        .write_number_with_format(row, 13, decimal_f64(grand), &money)
        .unwrap();
    workbook.save(path).unwrap();
}

/// One sheet per month (1月 … 8月) without a date column, and a 汇总 sheet in front.
pub fn write_month_sheets(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let summary = sheet_with_name(&mut workbook, "汇总");
    summary
        .write_string(0, 0, "2017年各月支出汇总（单位：元）")
        .unwrap();
    summary.write_string(1, 0, "月份").unwrap();
    summary.write_string(1, 1, "支出金额").unwrap();
    for month in 1..=8u32 {
        let total: Decimal = balanced_month(month).iter().map(|(_, a)| *a).sum();
        summary
            .write_string(month + 1, 0, format!("{month}月"))
            .unwrap();
        summary
            .write_number(month + 1, 1, decimal_f64(total))
            .unwrap();
    }
    for month in 1..=8u32 {
        let sheet = sheet_with_name(&mut workbook, &format!("{month}月"));
        sheet
            .write_string(0, 0, format!("州政务服务管理局2017年{month}月支出明细"))
            .unwrap();
        for (column, header) in ["凭证号", "科目", "摘要", "金额（元）"].iter().enumerate()
        {
            sheet.write_string(1, column as u16, *header).unwrap();
        }
        let lines = balanced_month(month);
        for (index, (line, amount)) in lines.iter().enumerate() {
            let row = index as u32 + 2;
            sheet
                .write_string(row, 0, format!("{month}-{:02}", index + 1))
                .unwrap();
            sheet.write_string(row, 1, line.account).unwrap();
            sheet.write_string(row, 2, line.summary).unwrap();
            sheet.write_number(row, 3, decimal_f64(*amount)).unwrap();
        }
        let total: Decimal = lines.iter().map(|(_, a)| *a).sum();
        let row = lines.len() as u32 + 2;
        sheet.write_string(row, 2, "合计").unwrap();
        sheet.write_number(row, 3, decimal_f64(total)).unwrap();
    }
    workbook.save(path).unwrap();
}

/// An HTML page in GBK (charset=gb2312) saved as .xls, with 制单日期 as text,
/// amounts with thousands separators and refunds on the 贷方 side.
pub fn write_html_export(path: &Path) {
    let mut html = String::from(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>\r\n\
<table border=\"1\"><tr><td colspan=\"6\">州政务服务管理局 2017年支出明细（导出）</td></tr>\r\n\
<tr><th>制单日期</th><th>凭证号</th><th>科目名称</th><th>摘要</th><th>借方金额</th><th>贷方金额</th></tr>\r\n",
    );
    for (month, voucher, line, amount) in all_lines() {
        let text = |value: Decimal| {
            if value.is_zero() {
                String::new()
            } else {
                money_text(value)
            }
        };
        let (debit, credit) = debit_credit(amount);
        let (debit, credit) = (text(debit), text(credit));
        html.push_str(&format!(
            "<tr><td>2017-{month:02}-{:02}</td><td>记-{voucher:04}</td><td>{}</td><td>{}</td><td>{debit}</td><td>{credit}</td></tr>\r\n",
            line.day, line.account, line.summary
        ));
    }
    html.push_str("</table></body></html>\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&html);
    std::fs::write(path, bytes).unwrap();
}

/// `12,345.60`.
fn money_text(amount: Decimal) -> String {
    let text = format!("{:.2}", amount);
    let (integer, fraction) = text.split_once('.').unwrap();
    let digits: Vec<char> = integer.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    format!("{grouped}.{fraction}")
}

#[test]
fn money_text_groups_thousands() {
    assert_eq!(money_text("1234567.5".parse().unwrap()), "1,234,567.50");
    assert_eq!(money_text("999".parse().unwrap()), "999.00");
}

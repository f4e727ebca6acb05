//! The samples in `samples/`, made by code so they can be remade and checked.
//!
//! `JIXIAO_WRITE_SAMPLES=1 cargo test --test integration samples` rewrites them;
//! otherwise the test checks that the committed files hold exactly what this
//! code makes, cell by cell.

use crate::support::{read_sheet, repo_path, sheet_names, TempDir};
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use std::path::Path;

/// The seed's monthly spending, 一月…八月, in 万元.
pub const SEED_MONTHS_WAN: [&str; 8] = [
    "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
];
/// The seed's grades for those months with a 322.95 万元 budget.
pub const SEED_GRADES: [&str; 8] = ["优秀", "差", "优秀", "优秀", "优秀", "优秀", "优秀", "良好"];
/// The voucher-level ledger sample.
pub const LEDGER_SAMPLE: &str = "samples/ledger-2017.xlsx";
/// The seed's own monthly table.
pub const MONTHLY_SAMPLE: &str = "samples/monthly-2017.xlsx";

/// One voucher line of the sample ledger.
pub struct Line {
    pub day: u8,
    pub code: &'static str,
    pub account: &'static str,
    pub summary: &'static str,
    yuan: &'static str,
}

const fn line(
    day: u8,
    code: &'static str,
    account: &'static str,
    summary: &'static str,
    yuan: &'static str,
) -> Line {
    Line {
        day,
        code,
        account,
        summary,
        yuan,
    }
}

/// Wages and social security paid every month (February has nothing else, as the seed says).
fn payroll(month: u32) -> Vec<Line> {
    if month == 2 {
        return vec![
            line(10, "30101", "基本工资", "发放2月基本工资", "31200.00"),
            line(
                15,
                "30104",
                "社会保障缴费",
                "缴纳2月养老、医疗保险",
                "13200.00",
            ),
        ];
    }
    vec![
        line(10, "30101", "基本工资", "发放本月基本工资", "62400.00"),
        line(10, "30102", "津贴补贴", "发放本月津贴补贴", "48650.00"),
        line(
            15,
            "30104",
            "社会保障缴费",
            "缴纳本月养老、医疗、失业保险",
            "44670.00",
        ),
        line(15, "30311", "住房公积金", "缴纳本月住房公积金", "17980.00"),
    ]
}

/// The running costs of a month; the last line (差旅费) balances to the seed's total.
fn running_costs(month: u32) -> Vec<Line> {
    match month {
        1 => vec![
            line(6, "30201", "办公费", "购置打印纸、硒鼓", "6356.50"),
            line(12, "30207", "邮电费", "缴纳电话费、网络费", "1860.00"),
            line(20, "30228", "工会经费", "拨付一季度工会经费", "9000.00"),
            line(23, "30208", "取暖费", "支付办公楼取暖费", "32400.00"),
        ],
        2 => vec![],
        3 => vec![
            line(
                3,
                "30201",
                "办公费",
                "购置办公易耗品（上年结余经费）",
                "48620.00",
            ),
            line(8, "30202", "印刷费", "印制政务服务指南", "12800.00"),
            line(
                14,
                "30231",
                "公务用车运行维护费",
                "公务用车加油、保险",
                "15340.00",
            ),
            line(
                17,
                "30211",
                "差旅费",
                "冲销2月多报差旅费（红字）",
                "-1200.00",
            ),
            line(22, "30213", "维修（护）费", "网上审批系统维护", "86000.00"),
            line(27, "30216", "培训费", "窗口人员业务培训", "23500.00"),
        ],
        4 => vec![
            line(5, "30201", "办公费", "购置办公桌椅", "76300.00"),
            line(
                11,
                "30217",
                "公务接待费",
                "接待省政务服务中心检查",
                "4860.00",
            ),
            line(18, "30231", "公务用车运行维护费", "公务用车维修", "9620.00"),
            line(
                25,
                "30213",
                "维修（护）费",
                "交易中心电子监察系统维护",
                "120000.00",
            ),
        ],
        5 => vec![
            line(9, "30201", "办公费", "购置文件柜", "5480.00"),
            line(16, "30207", "邮电费", "缴纳电话费、网络费", "1860.00"),
        ],
        6 => vec![
            line(7, "30201", "办公费", "购置办公用品", "3920.00"),
            line(21, "30229", "福利费", "职工困难补助", "500.00"),
        ],
        7 => vec![
            line(4, "30201", "办公费", "购置打印纸", "2650.00"),
            line(12, "30228", "工会经费", "拨付三季度工会经费", "9000.00"),
            line(19, "30231", "公务用车运行维护费", "公务用车保养", "6310.00"),
        ],
        8 => vec![line(16, "30207", "邮电费", "缴纳电话费、网络费", "1860.00")],
        _ => vec![],
    }
}

/// The sample ledger's lines of one month, summing to the seed's figure exactly.
fn month_lines(month: u32) -> Vec<Line> {
    let mut lines = payroll(month);
    lines.extend(running_costs(month));
    if month != 2 {
        lines.push(line(28, "30211", "差旅费", "报销下乡调研差旅费", ""));
    }
    lines
}

fn yuan(text: &str) -> Decimal {
    text.parse().unwrap_or_default()
}

/// The month's lines with the balancing line's amount filled in (as a Decimal per line).
pub fn balanced_month(month: u32) -> Vec<(Line, Decimal)> {
    let target = yuan(SEED_MONTHS_WAN[month as usize - 1]) * Decimal::from(10_000);
    let lines = month_lines(month);
    let known: Decimal = lines
        .iter()
        .filter(|l| !l.yuan.is_empty())
        .map(|l| yuan(l.yuan))
        .sum();
    lines
        .into_iter()
        .map(|l| {
            let amount = if l.yuan.is_empty() {
                target - known
            } else {
                yuan(l.yuan)
            };
            assert!(
                amount > Decimal::ZERO || !l.yuan.is_empty(),
                "month {month} does not balance"
            );
            (l, amount)
        })
        .collect()
}

pub fn fixed_properties() -> DocProperties {
    let created =
        ExcelDateTime::from_ymd(2017, 9, 1).unwrap_or_else(|_| unreachable!("a valid date"));
    DocProperties::new()
        .set_author("州政务服务管理局财务室")
        .set_creation_datetime(&created)
}

/// Writes the voucher-level ledger: title rows, 凭证号, 科目, 摘要, amounts in 元,
/// a 本月合计 line after each month and a 累计 line at the end.
pub fn write_ledger(path: &Path) {
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("明细账").unwrap();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    sheet
        .write_string_with_format(0, 0, "州政务服务管理局2017年度支出明细账", &bold)
        .unwrap();
    sheet.write_string(1, 0, "单位：元").unwrap();
    let headers = ["日期", "凭证号", "科目编码", "科目名称", "摘要", "金额"];
    for (column, header) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(3, column as u16, *header, &bold)
            .unwrap();
    }
    for (column, width) in [12.0, 10.0, 10.0, 18.0, 32.0, 14.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width).unwrap();
    }
    let mut row = 4u32;
    let mut voucher = 0;
    let mut year_total = Decimal::ZERO;
    for month in 1..=8u32 {
        let mut month_total = Decimal::ZERO;
        for (line, amount) in balanced_month(month) {
            voucher += 1;
            let day = ExcelDateTime::from_ymd(2017, month as u8, line.day).unwrap();
            sheet
                .write_datetime_with_format(row, 0, &day, &date)
                .unwrap();
            sheet
                .write_string(row, 1, format!("记-{voucher:04}"))
                .unwrap();
            sheet.write_string(row, 2, line.code).unwrap();
            sheet.write_string(row, 3, line.account).unwrap();
            sheet.write_string(row, 4, line.summary).unwrap();
            sheet
                .write_number_with_format(row, 5, decimal_f64(amount), &money)
                .unwrap();
            month_total += amount;
            row += 1;
        }
        year_total += month_total;
        sheet.write_string(row, 4, "本月合计").unwrap();
        sheet
            .write_number_with_format(row, 5, decimal_f64(month_total), &money)
            .unwrap();
        row += 1;
    }
    sheet.write_string(row, 4, "本年累计").unwrap();
    sheet
        .write_number_with_format(row, 5, decimal_f64(year_total), &money)
        .unwrap();
    workbook.save(path).unwrap();
}

/// Writes the seed's own monthly table (一月…八月, 支出金额 in 万元, the seed's grades and notes).
pub fn write_monthly_table(path: &Path) {
    let notes = [
        "收入支出均增加绩效",
        "只有工资和社会保障",
        "机构一般运行维护经费产生，同时拨入上年结余经费支出多用于差旅费和办公易耗品购置。",
    ];
    let mut workbook = Workbook::new();
    workbook.set_properties(&fixed_properties());
    let sheet = workbook.add_worksheet();
    sheet.set_name("绩效自评").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .write_string_with_format(0, 0, "2017年1—8月资金支出情况", &bold)
        .unwrap();
    for (column, header) in ["月份", "支出金额", "绩效等级", "情况分析"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(1, column as u16, *header, &bold)
            .unwrap();
    }
    let money = Format::new().set_num_format("0.00");
    for (index, amount) in SEED_MONTHS_WAN.iter().enumerate() {
        let row = index as u32 + 2;
        let month = [
            "一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月",
        ][index];
        sheet.write_string(row, 0, month).unwrap();
        sheet
            .write_number_with_format(row, 1, decimal_f64(yuan(amount)), &money)
            .unwrap();
        sheet.write_string(row, 2, SEED_GRADES[index]).unwrap();
        if let Some(note) = notes.get(index) {
            sheet.write_string(row, 3, *note).unwrap();
        }
    }
    sheet.set_column_width(3, 60).unwrap();
    workbook.save(path).unwrap();
}

pub fn decimal_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or_default()
}

/// A sample's path and the function that writes it.
pub type SampleWriter = (&'static str, fn(&Path));

/// Every sample, each with the function that makes it; each gives the seed's 2017 months.
pub fn all_samples() -> Vec<SampleWriter> {
    use crate::sample_books::*;
    let own: Vec<SampleWriter> = vec![
        (LEDGER_SAMPLE, write_ledger),
        (MONTHLY_SAMPLE, write_monthly_table),
        (YONGYOU_SAMPLE, write_yongyou),
        (WHOLE_BOOK_SAMPLE, write_whole_book),
        (YMD_SAMPLE, write_ymd),
        (ACROSS_SAMPLE, write_months_across),
        (MONTH_SHEETS_SAMPLE, write_month_sheets),
        (HTML_XLS_SAMPLE, write_html_export),
    ];
    own.into_iter()
        .chain(crate::export_books::samples())
        .chain(crate::hand_books::samples())
        .collect()
}

/// A file's content for comparison: every sheet's cells for workbooks, the bytes otherwise.
fn content(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    if path.extension().is_some_and(|e| e == "xlsx") {
        sheet_names(path)
            .into_iter()
            .map(|name| {
                let cells = read_sheet(path, Some(&name));
                (name, cells)
            })
            .collect()
    } else {
        vec![(
            String::new(),
            vec![vec![format!("{:?}", std::fs::read(path).unwrap())]],
        )]
    }
}

#[test]
fn samples_are_made_by_this_code() {
    if std::env::var_os("JIXIAO_WRITE_SAMPLES").is_some() {
        for (path, write) in all_samples() {
            write(&repo_path(path));
        }
    }
    let temp = TempDir::new("samples");
    for (path, write) in all_samples() {
        let extension = Path::new(path)
            .extension()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let fresh = temp.path().join(format!("fresh.{extension}"));
        write(&fresh);
        assert_eq!(
            content(&repo_path(path)),
            content(&fresh),
            "{path} differs from what tests/integration/samples.rs makes; \
             rerun with JIXIAO_WRITE_SAMPLES=1 to remake it"
        );
    }
}

#[test]
fn ledger_lines_sum_to_the_seed_months() {
    for month in 1..=8u32 {
        let sum: Decimal = balanced_month(month)
            .iter()
            .map(|(_, amount)| *amount)
            .sum();
        assert_eq!(
            sum,
            yuan(SEED_MONTHS_WAN[month as usize - 1]) * Decimal::from(10_000),
            "month {month}"
        );
    }
    let february: Vec<&str> = balanced_month(2).iter().map(|(l, _)| l.account).collect();
    assert_eq!(february, ["基本工资", "社会保障缴费"]);
}

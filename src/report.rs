//! The output workbook, built in memory: the only module that touches rust_xlsxwriter.
//!
//! Sheets: `月度分析` (the graded months and the conclusion), `自评指标体系`
//! (the seed's table of bands) and `数据检查` (what was read, what was left out
//! and why). The sheet names and the columns 月份 / 支出金额（万元） / 绩效等级
//! are a contract others script against: add, never rename.

use crate::analysis::{conclusion, month_note};
use crate::dates::chinese_month_name;
use crate::grade::{GradedYear, MonthStatus};
use crate::ledger::Ledger;
use crate::money::format_cents;
use crate::totals::yuan_to_wan;
use anyhow::{Context, Result};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The monthly analysis sheet.
pub const MONTHLY_SHEET: &str = "月度分析";
/// The sheet with the rules table.
pub const RULES_SHEET: &str = "自评指标体系";
/// The sheet with what was read.
pub const CHECK_SHEET: &str = "数据检查";
/// The header row of [`MONTHLY_SHEET`], in order.
pub const MONTHLY_HEADERS: [&str; 5] = [
    "月份",
    "支出金额（万元）",
    "绩效等级",
    "整改办法",
    "情况分析",
];
/// Width of the text column of [`CHECK_SHEET`], in characters.
const CHECK_TEXT_WIDTH: f64 = 90.0;
/// The text standing for a month not yet due.
pub const NOT_DUE: &str = "未到期";

/// Everything the workbook shows about one input.
pub struct ReportInput<'a> {
    /// The input file's name, as the user knows it.
    pub source_name: &'a str,
    /// The ledger as read.
    pub ledger: &'a Ledger,
    /// The graded years, ascending (at least one).
    pub years: &'a [GradedYear],
}

/// The names of a year's two sheets: the latest year's are the contract names
/// (月度分析, 自评指标体系); an earlier year's carry the year (2016年月度分析).
pub fn year_sheet_names(year: i32, latest: bool) -> (String, String) {
    if latest {
        (MONTHLY_SHEET.to_string(), RULES_SHEET.to_string())
    } else {
        (
            format!("{year}年{MONTHLY_SHEET}"),
            format!("{year}年{RULES_SHEET}"),
        )
    }
}

/// Cell formats used across the sheets.
struct Styles {
    header: Format,
    label: Format,
    text: Format,
    wrap: Format,
    money: Format,
    bold: Format,
}

impl Styles {
    fn new() -> Self {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        Self {
            header: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("D9E1F2")
                .set_text_wrap(),
            label: cell().set_bold().set_background_color("D9E1F2"),
            text: cell(),
            wrap: cell().set_text_wrap(),
            money: cell().set_num_format("#,##0.00"),
            bold: Format::new().set_bold(),
        }
    }
}

/// Builds the workbook and returns its bytes. The same input gives the same
/// bytes: the creation time is fixed to 1 January of the latest graded year.
/// The latest year's sheets come first under the contract names; earlier
/// years follow as `2016年月度分析` / `2016年自评指标体系`; `数据检查` is last.
///
/// # Errors
/// Only when rust_xlsxwriter refuses a value (it should not for data we made).
pub fn build_workbook(input: &ReportInput<'_>) -> Result<Vec<u8>> {
    let latest = input
        .years
        .iter()
        .map(|y| y.year)
        .max()
        .context("没有可评定的年度")?;
    let mut workbook = Workbook::new();
    let created =
        ExcelDateTime::from_ymd(year_u16(latest), 1, 1).context("无法设置工作簿创建时间")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{latest}年度部门整体支出绩效自评"))
            .set_creation_datetime(&created),
    );
    let styles = Styles::new();
    for year in input.years.iter().rev() {
        let (monthly, rules) = year_sheet_names(year.year, year.year == latest);
        write_monthly_sheet(workbook.add_worksheet(), year, &monthly, &styles)
            .with_context(|| format!("写入「{monthly}」失败"))?;
        write_rules_sheet(workbook.add_worksheet(), year, &rules, &styles)
            .with_context(|| format!("写入「{rules}」失败"))?;
    }
    write_check_sheet(workbook.add_worksheet(), input, &styles).context("写入「数据检查」失败")?;
    workbook.save_to_buffer().context("生成工作簿失败")
}

/// A4 landscape, one page wide, as the bureau prints it.
fn set_print_layout(sheet: &mut Worksheet) {
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
}

/// The height (points) a row needs so that `text`, wrapped in a column
/// `column_width` characters wide, shows whole: a CJK character takes about 1.8
/// columns, others 0.9 (measured against LibreOffice's rendering of the default
/// font); 15 points a line, as Excel's default row.
pub fn wrapped_row_height(text: &str, column_width: f64) -> f64 {
    let width: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.9 } else { 1.8 })
        .sum();
    let usable = (column_width - 1.0).max(1.0);
    let lines = (width / usable).ceil().max(1.0);
    lines * 15.0
}

fn year_u16(year: i32) -> u16 {
    u16::try_from(year).unwrap_or(1900).clamp(1900, 9999)
}

fn number(value: Decimal) -> f64 {
    // Two-decimal figures below 10¹⁵ convert to the nearest f64, which Excel shows exactly.
    value.to_f64().unwrap_or_default()
}

fn write_monthly_sheet(
    sheet: &mut Worksheet,
    year: &GradedYear,
    name: &str,
    styles: &Styles,
) -> Result<()> {
    sheet.set_name(name)?;
    set_print_layout(sheet);
    sheet.set_repeat_rows(0, 0)?;
    for (column, header) in MONTHLY_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *header, &styles.header)?;
    }
    let widths = [13.0, 16.0, 10.0, 18.0, 70.0];
    for (column, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, month) in year.months.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string_with_format(
            row,
            0,
            chinese_month_name(month.month).unwrap_or_default(),
            &styles.text,
        )?;
        match month.status {
            MonthStatus::Graded(grade) => {
                sheet.write_number_with_format(row, 1, number(month.amount_wan), &styles.money)?;
                sheet.write_string_with_format(row, 2, grade.label(), &styles.text)?;
                sheet.write_string_with_format(row, 3, grade.measure(), &styles.text)?;
            }
            MonthStatus::NotDue => {
                sheet.write_blank(row, 1, &styles.money)?;
                sheet.write_string_with_format(row, 2, NOT_DUE, &styles.text)?;
                sheet.write_blank(row, 3, &styles.text)?;
            }
        }
        let note = month_note(year, month);
        sheet.set_row_height(row, wrapped_row_height(&note, widths[4]))?;
        sheet.write_string_with_format(row, 4, note, &styles.wrap)?;
    }
    let total_row = 14;
    let label = if year.last_due_month == 1 {
        "合计（1月）".to_string()
    } else {
        format!("合计（1—{}月）", year.last_due_month)
    };
    sheet.write_string_with_format(total_row, 0, label, &styles.label)?;
    sheet.write_number_with_format(total_row, 1, number(year.total_wan), &styles.money)?;
    sheet.write_string(total_row + 2, 0, "综合评价结论")?;
    sheet.set_cell_format(total_row + 2, 0, &styles.bold)?;
    let summary = conclusion(year);
    sheet.merge_range(total_row + 3, 0, total_row + 3, 4, &summary, &styles.wrap)?;
    sheet.set_row_height(
        total_row + 3,
        wrapped_row_height(&summary, widths.iter().sum()),
    )?;
    Ok(())
}

fn write_rules_sheet(
    sheet: &mut Worksheet,
    year: &GradedYear,
    name: &str,
    styles: &Styles,
) -> Result<()> {
    let rules = &year.rules;
    sheet.set_name(name)?;
    set_print_layout(sheet);
    for (column, width) in [34.0, 16.0, 12.0, 20.0].into_iter().enumerate() {
        sheet.set_column_width(column as u16, width)?;
    }
    sheet.write_string_with_format(0, 0, "财政预算收入资金（万元）", &styles.header)?;
    sheet.write_number_with_format(0, 1, number(rules.budget_wan), &styles.money)?;
    sheet.write_string_with_format(1, 0, "月均预算（万元）＝预算收入÷12", &styles.header)?;
    sheet.write_number_with_format(
        1,
        1,
        number(crate::money::round_cents(rules.monthly_share_wan)),
        &styles.money,
    )?;
    let headers = ["支出进度", "每月支出标准（万元）", "绩效评定", "整改办法"];
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(3, column as u16, *header, &styles.header)?;
    }
    let mut row = 4;
    for band in &rules.bands {
        let progress = format!(
            "每月≥{}万元（月均预算的{}%以上）",
            format_cents(band.threshold_wan),
            band.percent
        );
        sheet.write_string_with_format(row, 0, progress, &styles.text)?;
        sheet.write_number_with_format(row, 1, number(band.threshold_wan), &styles.money)?;
        sheet.write_string_with_format(row, 2, band.grade.label(), &styles.text)?;
        sheet.write_string_with_format(row, 3, band.grade.measure(), &styles.text)?;
        row += 1;
    }
    let poor = crate::rules::Grade::Poor;
    sheet.write_string_with_format(
        row,
        0,
        format!(
            "每月<{}万元（不足月均预算的60%）",
            format_cents(rules.pass_line_wan())
        ),
        &styles.text,
    )?;
    sheet.write_blank(row, 1, &styles.money)?;
    sheet.write_string_with_format(row, 2, poor.label(), &styles.text)?;
    sheet.write_string_with_format(row, 3, poor.measure(), &styles.text)?;
    let notes = [
        "取整规则：每月支出标准＝预算收入×比例÷12，四舍五入（远离零）到0.01万元；当月支出也先四舍五入到0.01万元，再与标准比较，达到标准（≥）即为该等级。",
        "原表没有“及格”一行；及格的整改办法按“查缺预防”处理。",
    ];
    for (offset, note) in notes.iter().enumerate() {
        sheet.write_string(row + 2 + offset as u32, 0, *note)?;
    }
    Ok(())
}

fn write_check_sheet(
    sheet: &mut Worksheet,
    input: &ReportInput<'_>,
    styles: &Styles,
) -> Result<()> {
    let ledger = input.ledger;
    sheet.set_name(CHECK_SHEET)?;
    set_print_layout(sheet);
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, CHECK_TEXT_WIDTH)?;
    sheet.set_column_width(2, 16)?;
    let counted: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    let years: Vec<String> = input.years.iter().map(|y| y.year.to_string()).collect();
    let year_source = ledger
        .year_source
        .clone()
        .unwrap_or_else(|| "来自日期列".to_string());
    let mut facts: Vec<(&str, String)> = vec![("输入文件", input.source_name.to_string())];
    facts.extend(ledger.description());
    facts.extend([
        (
            "评价年度",
            format!("{}（{}）", years.join("、"), year_source),
        ),
        ("读取数据行", ledger.data_rows.to_string()),
        ("计入笔数", ledger.entries.len().to_string()),
        (
            "计入金额",
            format!(
                "{} 元（合 {} 万元）",
                format_cents(counted),
                format_cents(yuan_to_wan(counted))
            ),
        ),
        ("未计入处数", ledger.skipped.len().to_string()),
        ("jixiao 版本", env!("CARGO_PKG_VERSION").to_string()),
    ]);
    for (row, (label, value)) in facts.iter().enumerate() {
        sheet.write_string_with_format(row as u32, 0, *label, &styles.label)?;
        sheet.set_row_height(row as u32, wrapped_row_height(value, CHECK_TEXT_WIDTH))?;
        sheet.write_string_with_format(row as u32, 1, value, &styles.wrap)?;
    }
    let start = facts.len() as u32 + 1;
    for (column, header) in ["未计入的单元格", "原因", "金额（元）"].iter().enumerate()
    {
        sheet.write_string_with_format(start, column as u16, *header, &styles.header)?;
    }
    for (offset, skipped) in ledger.skipped.iter().enumerate() {
        let row = start + 1 + offset as u32;
        sheet.write_string_with_format(row, 0, &skipped.address, &styles.text)?;
        let reason = skipped.reason.to_string();
        sheet.set_row_height(row, wrapped_row_height(&reason, CHECK_TEXT_WIDTH))?;
        sheet.write_string_with_format(row, 1, reason, &styles.wrap)?;
        match skipped.amount_yuan {
            Some(amount) => {
                sheet.write_number_with_format(row, 2, number(amount), &styles.money)?
            }
            None => sheet.write_blank(row, 2, &styles.money)?,
        };
    }
    if ledger.skipped.is_empty() {
        sheet.write_string(start + 1, 0, "（无：表头以下的每一行都已计入）")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_rows_grow_with_their_text() {
        assert_eq!(wrapped_row_height("", 70.0), 15.0);
        assert_eq!(wrapped_row_height("未到期，暂不评定", 70.0), 15.0);
        // 40 CJK characters ≈ 72 columns: two lines in a 70-wide column.
        assert_eq!(wrapped_row_height(&"支".repeat(40), 70.0), 30.0);
        assert_eq!(wrapped_row_height(&"支".repeat(38), 70.0), 15.0);
        assert_eq!(wrapped_row_height(&"a".repeat(160), 70.0), 45.0);
    }
}

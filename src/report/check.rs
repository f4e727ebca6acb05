//! The `数据检查` sheet: which file was read (name, size, SHA-256), what was
//! detected, what was left out and why, the reconciliation, and warnings.

use super::plan::{SheetPlan, Style, Value};
use super::ReportInput;
use crate::money::format_cents;
use crate::report::wrapped_row_height;
use crate::tieout::{TieOutLog, NO_BOOK_TOTALS};
use crate::totals::yuan_to_wan;
use rust_decimal::Decimal;

/// Width of the text column, in characters.
const TEXT_WIDTH: f64 = 90.0;
/// The tie-out table (勾稽): every comparison with the book's own totals, a
/// 不符 highlighted; or the sentence that there was nothing to compare with.
/// Returns the row after it.
fn tie_out_table(sheet: &mut SheetPlan, log: &TieOutLog, start: u32) -> u32 {
    sheet.text(start, 0, "勾稽（与台账自列合计核对）", Style::Title);
    let mut row = start + 1;
    if log.total == 0 {
        sheet.text(row, 0, NO_BOOK_TOTALS, Style::Note);
        return row + 1;
    }
    for (column, header) in [
        "结果",
        "比较的内容",
        "台账的数字（元）",
        "jixiao 的数字（元）",
    ]
    .iter()
    .enumerate()
    {
        sheet.text(row, column as u16, *header, Style::Header);
    }
    row += 1;
    // Mismatches first: they are what a reader must see.
    let ordered = log
        .checks
        .iter()
        .filter(|c| !c.ok())
        .chain(log.checks.iter().filter(|c| c.ok()));
    for check in ordered {
        let style = if check.ok() {
            Style::Centered
        } else {
            Style::Alert
        };
        sheet.text(row, 0, check.verdict(), style);
        sheet
            .heights
            .push((row, wrapped_row_height(&check.what, TEXT_WIDTH)));
        sheet.text(
            row,
            1,
            check.what.clone(),
            if check.ok() {
                Style::Wrap
            } else {
                Style::Alert
            },
        );
        sheet.put(row, 2, Value::Number(check.book_yuan), Style::Money);
        sheet.put(row, 3, Value::Number(check.jixiao_yuan), Style::Money);
        row += 1;
    }
    if log.total > log.checks.len() {
        sheet.text(
            row,
            0,
            format!("……另有 {} 处相符的核对未列出", log.total - log.checks.len()),
            Style::Note,
        );
        row += 1;
    }
    row
}

/// Rows left out for plain reasons (totals, other accounts) listed here; all of them are in `明细`.
const LISTED_PLAIN_ROWS: usize = 1_000;
/// Rows needing attention listed here (a million unreadable amounts would
/// make a sheet nobody reads and a workbook of gigabytes).
const LISTED_ATTENTION_ROWS: usize = 2_000;

/// Plans `数据检查`.
pub fn plan(
    input: &ReportInput<'_>,
    name: &str,
    page_header: &str,
    detail_note: Option<String>,
) -> SheetPlan {
    let ledger = input.ledger;
    let mut sheet = SheetPlan::new(name);
    sheet.page_header = page_header.to_string();
    sheet.page_footer = super::plan::PAGE_FOOTER.to_string();
    sheet.widths = vec![(0, 22.0), (1, TEXT_WIDTH), (2, 16.0), (3, 16.0)];
    let counted: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    let years: Vec<String> = input.years.iter().map(|y| y.year.to_string()).collect();
    let year_source = ledger
        .year_source
        .clone()
        .unwrap_or_else(|| "来自日期列".to_string());
    let attention = ledger.attention_count();
    let mut facts: Vec<(&str, String)> = vec![
        ("输入文件", input.source.name.clone()),
        ("文件大小", format!("{} 字节", input.source.size)),
        ("SHA-256", input.source.sha256.clone()),
    ];
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
        (
            "未计入处数",
            format!("{}（其中需要检查 {attention} 处）", ledger.left_out_count()),
        ),
        ("jixiao 版本", env!("CARGO_PKG_VERSION").to_string()),
    ]);
    if let Some(note) = detail_note {
        facts.push(("明细表", note));
    }
    if input.warnings.is_empty() {
        facts.push(("提示", "无".to_string()));
    }
    let mut row = 0u32;
    for (label, value) in &facts {
        sheet.text(row, 0, *label, Style::Label);
        sheet
            .heights
            .push((row, wrapped_row_height(value, TEXT_WIDTH)));
        let style = if *label == "勾稽" && ledger.tie_out.mismatches > 0 {
            Style::Alert
        } else {
            Style::Wrap
        };
        sheet.text(row, 1, value.clone(), style);
        row += 1;
    }
    for warning in input.warnings {
        sheet.text(row, 0, "提示", Style::Label);
        sheet
            .heights
            .push((row, wrapped_row_height(&warning.text, TEXT_WIDTH)));
        sheet.text(row, 1, warning.text.clone(), Style::Alert);
        row += 1;
    }
    let start = tie_out_table(&mut sheet, &ledger.tie_out, row + 1) + 1;
    for (column, header) in ["未计入的单元格", "原因", "金额（元）"].iter().enumerate()
    {
        sheet.text(start, column as u16, *header, Style::Header);
    }
    let (mut plain_listed, mut attention_listed) = (0, 0);
    let mut row = start + 1;
    for skipped in &ledger.skipped {
        // Each kind is listed up to its limit; every row's handling is in 明细.
        let (listed, limit) = if skipped.reason.needs_attention() {
            (&mut attention_listed, LISTED_ATTENTION_ROWS)
        } else {
            (&mut plain_listed, LISTED_PLAIN_ROWS)
        };
        if *listed == limit {
            continue;
        }
        *listed += 1;
        sheet.text(row, 0, skipped.address.clone(), Style::Text);
        let reason = skipped.reason.to_string();
        sheet
            .heights
            .push((row, wrapped_row_height(&reason, TEXT_WIDTH)));
        sheet.text(row, 1, reason, Style::Wrap);
        sheet.put(
            row,
            2,
            skipped.amount_yuan.map_or(Value::Blank, Value::Number),
            Style::Money,
        );
        row += 1;
    }
    if attention > attention_listed {
        sheet.text(
            row,
            0,
            format!(
                "……另有 {} 处需要检查的单元格未列出（同样的问题往往成片出现），每一行的处理见「明细」表",
                attention - attention_listed
            ),
            Style::Note,
        );
        row += 1;
    }
    let plain_total = ledger.left_out_count() - attention;
    if plain_total > plain_listed {
        let rest = plain_total - plain_listed;
        sheet.text(
            row,
            0,
            format!("……另有 {rest} 处合计行、非支出科目等未列出，每一行的处理见「明细」表"),
            Style::Note,
        );
    } else if ledger.skipped.is_empty() {
        sheet.text(row, 0, "（无：表头以下的每一行都已计入）", Style::Note);
    }
    sheet
}

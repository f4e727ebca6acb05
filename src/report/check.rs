//! The `数据检查` sheet: which file was read (name, size, SHA-256), what was
//! detected, what was left out and why, the reconciliation, and warnings.

use super::plan::{SheetPlan, Style, Value};
use super::ReportInput;
use crate::ledger::layout::UnitSource;
use crate::money::format_cents;
use crate::report::wrapped_row_height;
use crate::totals::yuan_to_wan;
use rust_decimal::Decimal;

/// Width of the text column, in characters.
const TEXT_WIDTH: f64 = 90.0;
/// Rows left out for plain reasons (totals, other accounts) listed here; all of them are in `明细`.
const LISTED_PLAIN_ROWS: usize = 1_000;

/// The problems worth a user's attention, in words; empty when there are none.
pub fn warnings(input: &ReportInput<'_>) -> Vec<String> {
    let ledger = input.ledger;
    let mut warnings = Vec::new();
    let attention = ledger
        .skipped
        .iter()
        .filter(|s| s.reason.needs_attention())
        .count();
    if attention > 0 {
        warnings.push(format!(
            "有 {attention} 处数据无法识别，没有计入，请逐条检查下表"
        ));
    }
    if !ledger.reconciliation().balances() {
        warnings
            .push("核对不相符：计入与未计入之和不等于读取金额，请把台账发给维护人员".to_string());
    }
    if let Some(warning) = input.breakdown.and_then(|b| b.warning.as_ref()) {
        warnings.push(warning.clone());
    }
    for layout in &ledger.sheets {
        if layout.unit_source == UnitSource::Default {
            warnings.push(format!(
                "工作表「{}」没有注明金额单位，按{}计算；如不对请用 --unit 指定",
                layout.sheet,
                layout.unit.label()
            ));
        }
    }
    warnings
}

/// Plans `数据检查`.
pub fn plan(input: &ReportInput<'_>, name: &str, page_header: &str) -> SheetPlan {
    let ledger = input.ledger;
    let mut sheet = SheetPlan::new(name);
    sheet.page_header = page_header.to_string();
    sheet.page_footer = super::plan::PAGE_FOOTER.to_string();
    sheet.widths = vec![(0, 22.0), (1, TEXT_WIDTH), (2, 16.0)];
    let counted: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    let years: Vec<String> = input.years.iter().map(|y| y.year.to_string()).collect();
    let year_source = ledger
        .year_source
        .clone()
        .unwrap_or_else(|| "来自日期列".to_string());
    let attention = ledger
        .skipped
        .iter()
        .filter(|s| s.reason.needs_attention())
        .count();
    let warnings = warnings(input);
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
            format!("{}（其中需要检查 {attention} 处）", ledger.skipped.len()),
        ),
        (
            "提示",
            if warnings.is_empty() {
                "无".to_string()
            } else {
                warnings.join("；")
            },
        ),
        ("jixiao 版本", env!("CARGO_PKG_VERSION").to_string()),
    ]);
    for (row, (label, value)) in facts.iter().enumerate() {
        let row = row as u32;
        sheet.text(row, 0, *label, Style::Label);
        sheet
            .heights
            .push((row, wrapped_row_height(value, TEXT_WIDTH)));
        sheet.text(row, 1, value.clone(), Style::Wrap);
    }
    let start = facts.len() as u32 + 1;
    for (column, header) in ["未计入的单元格", "原因", "金额（元）"].iter().enumerate()
    {
        sheet.text(start, column as u16, *header, Style::Header);
    }
    let mut plain_listed = 0;
    let mut row = start + 1;
    for skipped in &ledger.skipped {
        if !skipped.reason.needs_attention() {
            if plain_listed == LISTED_PLAIN_ROWS {
                continue;
            }
            plain_listed += 1;
        }
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
    let plain_total = ledger.skipped.len() - attention;
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
    sheet.freeze = Some((start + 1, 0));
    sheet
}

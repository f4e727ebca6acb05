//! The `数据检查` sheet: which file was read (name, size, SHA-256), what was
//! detected, what was left out and why, the reconciliation, warnings, and the
//! largest lines jixiao could not classify (未归类支出).

use super::plan::{SheetPlan, Style, Value};
use super::ReportInput;
use crate::classify::{OTHER, UNCLASSIFIED};
use crate::ledger::{Entry, Ledger};
use crate::money::format_cents;
use crate::report::wrapped_row_height;
use crate::tieout::{TieOutLog, TieOutStatus, NO_BOOK_TOTALS};
use crate::totals::yuan_to_wan;
use rust_decimal::Decimal;

/// Width of the text column, in characters.
const TEXT_WIDTH: f64 = 90.0;
/// The tie-out table (勾稽): every comparison with the book's own totals, a
/// 不符 highlighted, a total jixiao could not place (未能核对) with why; or the
/// sentence that there was nothing to compare with. Returns the row after it.
fn tie_out_table(sheet: &mut SheetPlan, log: &TieOutLog, start: u32) -> u32 {
    sheet.text(start, 0, "勾稽（与台账自列合计核对）", Style::Title);
    let mut row = start + 1;
    if log.total == 0 && log.unchecked == 0 {
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
    // Mismatches first: they are what a reader must see; then the totals
    // that could not be placed, then the matches.
    let ordered = [
        TieOutStatus::Mismatched,
        TieOutStatus::Unchecked,
        TieOutStatus::Matched,
    ]
    .into_iter()
    .flat_map(|status| log.checks.iter().filter(move |c| c.status() == status));
    for check in ordered {
        let (verdict_style, text_style) = match check.status() {
            TieOutStatus::Matched => (Style::Centered, Style::Wrap),
            TieOutStatus::Mismatched => (Style::Alert, Style::Alert),
            TieOutStatus::Unchecked => (Style::Centered, Style::Wrap),
        };
        let what = match &check.unchecked {
            Some(why) => format!("{}（未能核对：{why}）", check.what),
            None => check.what.clone(),
        };
        sheet.text(row, 0, check.verdict(), verdict_style);
        sheet
            .heights
            .push((row, wrapped_row_height(&what, TEXT_WIDTH)));
        sheet.text(row, 1, what, text_style);
        sheet.put(row, 2, Value::Number(check.book_yuan), Style::Money);
        if check.unchecked.is_none() {
            sheet.put(row, 3, Value::Number(check.jixiao_yuan), Style::Money);
        } else {
            sheet.text(row, 3, "", Style::Text);
        }
        row += 1;
    }
    if log.total + log.unchecked > log.checks.len() {
        sheet.text(
            row,
            0,
            format!(
                "……另有 {} 处相符的核对未列出",
                (log.total + log.unchecked).saturating_sub(log.checks.len())
            ),
            Style::Note,
        );
        row += 1;
    }
    row
}

/// The 未归类支出 lines listed, largest first.
const LISTED_UNCLASSIFIED: usize = 10;

/// A counted line jixiao could not classify, as 数据检查 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclassifiedLine {
    /// The cell of its amount (`明细账!F17`).
    pub address: String,
    /// Its account as the ledger names it, or empty.
    pub account: String,
    /// Its 摘要, when the ledger has one.
    pub summary: String,
    /// Its amount in 元.
    pub amount_yuan: Decimal,
}

/// The counted lines left 未归类支出: how many, their sum in 元, and the `n`
/// largest (by size, a red line too), in that order.
pub fn unclassified_lines(ledger: &Ledger, n: usize) -> (usize, Decimal, Vec<UnclassifiedLine>) {
    let (mut count, mut sum) = (0usize, Decimal::ZERO);
    let mut largest: Vec<&Entry> = Vec::with_capacity(n + 1);
    let size = |e: &Entry| (std::cmp::Reverse(e.amount_yuan.abs()), e.sheet, e.row);
    for entry in ledger.entries.iter().filter(|e| e.item == Some(OTHER)) {
        count += 1;
        sum += entry.amount_yuan;
        let at = largest.partition_point(|kept| size(kept) <= size(entry));
        if at < n {
            largest.insert(at, entry);
            largest.truncate(n);
        }
    }
    let lines = largest
        .into_iter()
        .map(|entry| {
            let account = entry
                .account_index()
                .and_then(|id| ledger.accounts.get(id as usize))
                .map_or_else(String::new, |account| {
                    // A cell holds 32,767 characters; an account name is short.
                    let name = account.to_string();
                    match name.char_indices().nth(200) {
                        Some((end, _)) => format!("{}…", &name[..end]),
                        None => name,
                    }
                });
            let texts = &ledger.unclassified_texts;
            let (address, summary) =
                match texts.binary_search_by_key(&(entry.sheet, entry.row), |t| (t.sheet, t.row)) {
                    Ok(at) => (texts[at].address.clone(), texts[at].summary.clone()),
                    // Not kept while reading (more than a few larger lines of its
                    // account were left out since): its row.
                    Err(_) => (
                        ledger
                            .sheets
                            .get(usize::from(entry.sheet))
                            .map_or_else(String::new, |layout| {
                                crate::read::cell::cell_address(&layout.sheet, entry.row, 0)
                            }),
                        String::new(),
                    ),
                };
            UnclassifiedLine {
                address,
                account,
                summary,
                amount_yuan: entry.amount_yuan,
            }
        })
        .collect();
    (count, sum, lines)
}

/// The 未归类支出 table: the largest lines jixiao could not classify, so that
/// the accountant sees what they are. Returns the row after it.
fn unclassified_table(sheet: &mut SheetPlan, ledger: &Ledger, start: u32) -> u32 {
    let (count, _, lines) = unclassified_lines(ledger, LISTED_UNCLASSIFIED);
    if lines.is_empty() {
        return start;
    }
    sheet.text(
        start,
        0,
        format!(
            "{UNCLASSIFIED}（未能归入支出经济分类、照常计入的支出，金额最大的 {} 笔）",
            lines.len()
        ),
        Style::Title,
    );
    let mut row = start + 1;
    for (column, header) in ["单元格", "摘要", "金额（元）", "科目"].iter().enumerate()
    {
        sheet.text(row, column as u16, *header, Style::Header);
    }
    row += 1;
    for line in lines {
        sheet.text(row, 0, line.address, Style::Text);
        sheet
            .heights
            .push((row, wrapped_row_height(&line.summary, TEXT_WIDTH)));
        sheet.text(row, 1, line.summary, Style::Wrap);
        sheet.put(row, 2, Value::Number(line.amount_yuan), Style::Money);
        sheet.text(row, 3, line.account, Style::Wrap);
        row += 1;
    }
    if count > LISTED_UNCLASSIFIED {
        sheet.text(
            row,
            0,
            format!(
                "……另有 {} 笔{UNCLASSIFIED}未列出，每一行的经济分类见「明细」表",
                count - LISTED_UNCLASSIFIED
            ),
            Style::Note,
        );
        row += 1;
    }
    row + 1
}

/// The 未归类支出 fact: how many lines and how much, or that every line was
/// classified; `None` when the ledger classifies no line (a monthly table).
fn unclassified_fact(ledger: &Ledger, counted: Decimal) -> Option<String> {
    if ledger.entries.iter().all(|e| e.item.is_none()) {
        return None;
    }
    let (count, sum, _) = unclassified_lines(ledger, 0);
    if count == 0 {
        return Some("无：每一笔计入的支出都归入了支出经济分类".to_string());
    }
    let share = if counted > Decimal::ZERO {
        format!("（占计入金额 {}）", crate::analysis::percent(sum, counted))
    } else {
        String::new()
    };
    Some(format!(
        "{count} 笔，合计 {} 元{share}：台账的科目、经济分类和摘要都没有说明是哪一款，照常计入；金额最大的几笔见下表，可在台账中补上经济分类",
        format_cents(sum)
    ))
}

/// Where the budget came from, in the accountant's words: `运行 jixiao 时在命令行给出（--budget）`
/// for a flag, else as the settings say it (`来自设置文件「…」`).
pub fn budget_source_words(source: &str) -> String {
    match source
        .strip_prefix("由 ")
        .and_then(|rest| rest.strip_suffix(" 参数指定"))
    {
        Some(flag) => format!("运行 jixiao 时在命令行给出（{flag}）"),
        None => source.to_string(),
    }
}

/// What the sheets handed in leave to this page: the budget and where it came
/// from, how figures are rounded and graded, what the 及格 band's measure is
/// when the seed's table had none, and what an edit recalculates.
fn grading_facts(input: &ReportInput<'_>) -> Vec<(&'static str, String)> {
    use crate::rules::Grade;
    let budgets: Vec<String> = input
        .years
        .iter()
        .map(|y| format!("{}年 {} 万元", y.year, format_cents(y.rules.budget_wan)))
        .collect();
    let mut facts = vec![(
        "预算收入",
        format!(
            "{}，{}",
            budgets.join("；"),
            budget_source_words(input.budget_source)
        ),
    )];
    let mut rule = "每月支出标准＝预算收入×比例÷12，四舍五入保留两位小数（万元）；当月支出也四舍五入保留两位小数，再与标准比较，达到标准即评为该等级".to_string();
    if let Some(year) = input.years.last() {
        if year.rules.measure(Grade::Pass) == Grade::Pass.measure() {
            rule.push_str(&format!(
                "。原自评表没有“及格”一档，及格月份的整改办法取“{}”",
                Grade::Pass.measure()
            ));
        }
    }
    facts.push(("评定标准", rule));
    facts.push((
        "改动后的重算",
        "在「月度分析」改支出金额、或在「自评指标体系」改预算收入后，完成率、绩效等级、整改办法、累计支出、累计执行率、进度差异、各档标准和图表自动重算；情况分析和综合评价结论是按台账写成的文字，不会改写，而是变为“已改动，请重新生成”的提示：请更正台账后重新生成结果".to_string(),
    ));
    facts
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
    text_note: Option<String>,
) -> SheetPlan {
    let ledger = input.ledger;
    let mut sheet = SheetPlan::new(name);
    sheet.page_header = page_header.to_string();
    sheet.page_footer = super::plan::PAGE_FOOTER.to_string();
    sheet.widths = vec![(0, 22.0), (1, TEXT_WIDTH), (2, 16.0), (3, 24.0)];
    let counted: Decimal = ledger.entries.iter().map(|e| e.amount_yuan).sum();
    let years: Vec<String> = input.years.iter().map(|y| y.year.to_string()).collect();
    let year_source = input.year_source;
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
    ]);
    if let Some(fact) = unclassified_fact(ledger, counted) {
        facts.push((UNCLASSIFIED, fact));
    }
    facts.extend(grading_facts(input));
    facts.extend([
        (
            "未计入处数",
            format!("{}（其中需要检查 {attention} 处）", ledger.left_out_count()),
        ),
        ("jixiao 版本", env!("CARGO_PKG_VERSION").to_string()),
    ]);
    if let Some(note) = detail_note {
        facts.push(("明细表", note));
    }
    if let Some(note) = text_note {
        facts.push(("不能显示的字符", note));
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
    let after_tie_out = tie_out_table(&mut sheet, &ledger.tie_out, row + 1) + 1;
    let start = unclassified_table(&mut sheet, ledger, after_tie_out);
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

#[cfg(test)]
mod tests;

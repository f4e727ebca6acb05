//! 后续月份支出测算 on 月度分析: for each remaining month (the month in
//! progress counting as one), what it needs for the year to reach its budget
//! and for 优秀 / 及格, and the sentence of [`crate::analysis::outlook`] — all
//! formulas of the budget and the amounts, so that an edited cell follows.

use super::{at, AMOUNT, COLUMNS, GAP, NOT_APPLICABLE};
use crate::ahead::{still_needed, Ahead};
use crate::analysis::outlook::{ahead_parts, render, Figure, Part};
use crate::dates::chinese_month_name;
use crate::grade::GradedYear;
use crate::report::plan::{merged_row_height, text_literal, Cached, SheetPlan, Style, Value};
use crate::report::rules_sheet::NAMED_CELLS;
use rust_decimal::Decimal;

/// The block's title.
pub const TITLE: &str = "后续月份支出测算";

/// The block's table headers (the fourth over two merged columns).
pub const HEADERS: [&str; 6] = [
    "月份",
    "已支出（万元）",
    "完成全年预算需支出（万元）",
    "达到优秀标准需支出（万元）",
    "达到及格标准需支出（万元）",
    "说明",
];

/// The columns of the block's table (the fourth value spans D:E).
const COLUMNS_AT: [u16; 6] = [0, 1, 2, 3, 5, 6];

/// The budget not yet spent, as the workbook computes it.
fn remaining() -> String {
    format!(
        "ROUND({}-SUM({}),2)",
        NAMED_CELLS[0].0,
        super::super::plan::MONTH_AMOUNTS
    )
}

/// Plans the block from `first` (its title row) down; returns its last row.
pub fn plan(sheet: &mut SheetPlan, year: &GradedYear, ahead: &Ahead, first: u32) -> u32 {
    let budget = NAMED_CELLS[0].0;
    let amounts = super::super::plan::MONTH_AMOUNTS;
    sheet.text(first, 0, TITLE, Style::Title);
    let sentence_row = first + 1;
    let header_row = first + 2;
    let first_month_row = header_row + 1;
    let needed_cell = at(first_month_row, 2);
    // The same words either way: the sheet shows the one its cells call for.
    let formula = |past: bool| {
        ahead_parts(year, ahead, past)
            .iter()
            .map(|part| part_formula(part, &needed_cell, year))
            .collect::<Vec<_>>()
            .join("&")
    };
    let text = render(&ahead_parts(year, ahead, ahead.past_budget()));
    let width: f64 = COLUMNS.iter().map(|(_, w)| w).sum();
    sheet
        .heights
        .push((sentence_row, merged_row_height(&text, width)));
    sheet.merges.push((sentence_row, 0, sentence_row, GAP));
    sheet.put(
        sentence_row,
        0,
        Value::Formula(
            format!(
                "IF({}<=0,{},{})",
                remaining(),
                formula(true),
                formula(false)
            ),
            Cached::Text(text),
        ),
        Style::Wrap,
    );
    for (header, column) in HEADERS.iter().zip(COLUMNS_AT) {
        sheet.text(header_row, column, *header, Style::Header);
    }
    sheet.merges.push((header_row, 3, header_row, 4));
    sheet.put(header_row, 4, Value::Blank, Style::Header);
    sheet.heights.push((header_row, 45.0));
    let months_left = Decimal::from(ahead.months_left);
    let rules = &year.rules;
    let (best, pass) = (
        rules
            .bands
            .first()
            .map_or(Decimal::ZERO, |b| b.threshold_wan),
        rules.pass_line_wan(),
    );
    let mut row = first_month_row;
    for month in ahead.first_month..=12 {
        let graded = year.months.get(month as usize - 1);
        let in_progress = graded.filter(|m| m.in_progress());
        sheet.text(
            row,
            0,
            chinese_month_name(month).unwrap_or_default(),
            Style::Text,
        );
        let amount = at(month, AMOUNT);
        match in_progress {
            Some(m) => sheet.put(
                row,
                1,
                Value::Formula(amount.clone(), Cached::Number(m.amount_wan)),
                Style::Money,
            ),
            None => sheet.text(row, 1, NOT_APPLICABLE, Style::Centered),
        }
        sheet.put(
            row,
            2,
            Value::Formula(
                format!(
                    "IF({}<=0,0,ROUND(({budget}-SUM({amounts}))/{},2))",
                    remaining(),
                    months_left
                ),
                Cached::Number(ahead.needed_wan),
            ),
            Style::Money,
        );
        for (column, (name, standard)) in [
            (3u16, (NAMED_CELLS[1].0, best)),
            (5, (NAMED_CELLS[4].0, pass)),
        ] {
            let value = match in_progress {
                Some(m) => Value::Formula(
                    format!("IF(ROUND({amount},2)>={name},\"已达到\",{name}-ROUND({amount},2))"),
                    still_needed(standard, m.amount_wan)
                        .map_or(Cached::Text("已达到".to_string()), Cached::Number),
                ),
                None => Value::Formula(name.to_string(), Cached::Number(standard)),
            };
            sheet.put(row, column, value, Style::Money);
        }
        sheet.merges.push((row, 3, row, 4));
        sheet.put(row, 4, Value::Blank, Style::Money);
        let said = match (in_progress, year.as_of) {
            (Some(_), Some(day)) => format!(
                "进行中：已支出截至{}月{}日，需支出为本月还需再支出的金额",
                day.month, day.day
            ),
            _ => crate::report::NOT_DUE.to_string(),
        };
        sheet.text(row, 6, said, Style::Text);
        row += 1;
    }
    let note_row = row;
    let note = "注：完成全年预算需支出＝（预算收入－截至目前的累计支出）÷剩余月数（含进行中的月份）；达到优秀、及格标准需支出即每月支出标准，进行中的月份扣除本月已支出。";
    sheet.merges.push((note_row, 0, note_row, GAP));
    sheet
        .heights
        .push((note_row, merged_row_height(note, width)));
    sheet.text(note_row, 0, note, Style::NoteWrap);
    note_row
}

/// A part of the sentence as a piece of the formula.
fn part_formula(part: &Part, needed_cell: &str, year: &GradedYear) -> String {
    let figure = |expression: String| format!("TEXT(ROUND({expression},2),\"0.00\")");
    let amounts = super::super::plan::MONTH_AMOUNTS;
    let budget = NAMED_CELLS[0].0;
    match part {
        Part::Words(words) => text_literal(words),
        Part::Figure(which, _) => match which {
            Figure::Budget => figure(budget.to_string()),
            Figure::Spent => figure(format!("SUM({amounts})")),
            Figure::Remaining => figure(format!("{budget}-SUM({amounts})")),
            Figure::Overspent => figure(format!("SUM({amounts})-{budget}")),
            Figure::Needed => figure(needed_cell.to_string()),
            Figure::SoFar => figure(at(year.last_shown_month(), AMOUNT)),
            Figure::Standard(index) => figure(
                NAMED_CELLS
                    .get(index + 1)
                    .map_or(budget, |(name, _)| name)
                    .to_string(),
            ),
        },
    }
}

//! 上年同期 and 同比 on 月度分析, when the book holds the previous year: two
//! columns after the hidden chart data (so that no column of the table or the
//! charts moves), printed right after 进度差异.

use super::{at, AMOUNT, TOTAL_ROW};
use crate::analysis::compare::{change_note, period_change};
use crate::grade::{GradedMonth, GradedYear};
use crate::money::round_cents;
use crate::report::plan::{number_literal, Cached, SheetPlan, Style, Value};
use crate::year_on_year::change;
use rust_decimal::Decimal;

/// 上年同期（万元）: the previous year's month, as the book holds it.
pub const PREVIOUS: u16 = 17;
/// 同比: this year's month against it.
pub const CHANGE: u16 = 18;

/// The 情况分析 of a month compared with 上年同期 once that cell was edited.
pub const NOTICE: &str = "上年同期金额已改动，请重新生成本月情况分析";

/// The two columns of a year whose previous year the book holds.
pub struct Columns;

impl Columns {
    /// The columns for `year`, with their headers planned on `sheet`'s first
    /// row when the book holds the previous year; `None` (nothing planned) when not.
    pub fn start(sheet: &mut SheetPlan, year: &GradedYear) -> Option<Self> {
        let previous = year.previous.as_ref()?;
        sheet.text(
            0,
            PREVIOUS,
            format!("上年同期（{}年，万元）", previous.year),
            Style::Header,
        );
        sheet.text(0, CHANGE, "同比", Style::Header);
        sheet.widths.push((PREVIOUS, 14.0));
        sheet.widths.push((CHANGE, 9.0));
        if period_change(year).is_some() {
            total(sheet, year);
        }
        Some(Self)
    }

    /// A month's 上年同期 and 同比 (none for a month in progress, which has not
    /// ended, nor for a month not yet due).
    pub fn put(&self, sheet: &mut SheetPlan, year: &GradedYear, month: &GradedMonth) {
        let row = month.month;
        let previous = year.previous_of(month.month);
        sheet.put(
            row,
            PREVIOUS,
            previous.map_or(Value::Blank, Value::Number),
            Style::Money,
        );
        let (amount, before) = (at(row, AMOUNT), at(row, PREVIOUS));
        let ratio = previous
            .filter(|_| month.grade().is_some())
            .and_then(|p| change(month.amount_wan, p));
        let value = if month.in_progress() {
            Value::Text(super::NOT_APPLICABLE.to_string())
        } else {
            Value::Formula(
                format!("IF(OR({amount}=\"\",N({before})<=0),\"—\",{amount}/{before}-1)"),
                ratio.map_or(
                    Cached::Text(super::NOT_APPLICABLE.to_string()),
                    Cached::Number,
                ),
            )
        };
        sheet.put(row, CHANGE, value, Style::Rate);
    }

    /// The condition that holds while a month's 上年同期 cell is what its
    /// 情况分析 was written with; `None` when the 情况分析 does not compare.
    pub fn kept(&self, year: &GradedYear, month: &GradedMonth) -> Option<String> {
        change_note(year, month)?;
        let previous = year.previous_of(month.month)?;
        Some(format!(
            "ROUND({},2)={}",
            at(month.month, PREVIOUS),
            number_literal(round_cents(previous))
        ))
    }
}

/// The 合计 row: the previous year's graded months and this year's against
/// them, when the book holds every one of them.
fn total(sheet: &mut SheetPlan, year: &GradedYear) {
    let last = year.last_due_month;
    let this: Decimal = year.due_months().map(|m| m.amount_wan).sum();
    let before: Decimal = year
        .due_months()
        .filter_map(|m| year.previous_of(m.month))
        .sum();
    let previous_sum = format!("SUM({}:{})", at(1, PREVIOUS), at(last, PREVIOUS));
    sheet.put(
        TOTAL_ROW,
        PREVIOUS,
        Value::Formula(previous_sum, Cached::Number(before)),
        Style::Money,
    );
    let this_sum = format!("SUM({}:{})", at(1, AMOUNT), at(last, AMOUNT));
    let total = at(TOTAL_ROW, PREVIOUS);
    sheet.put(
        TOTAL_ROW,
        CHANGE,
        Value::Formula(
            format!("IF(N({total})<=0,\"—\",{this_sum}/{total}-1)"),
            change(this, before).map_or(
                Cached::Text(super::NOT_APPLICABLE.to_string()),
                Cached::Number,
            ),
        ),
        Style::Rate,
    );
}

//! Amounts in 万元: a year's budget and a line of the breakdown, each within
//! bounds that a real budget keeps.

use super::super::RawValue;
use super::written::{number, shown};
use rust_decimal::Decimal;

/// The largest budget (or budget line) taken, in 万元: 1 万亿元.
pub const BUDGET_CEILING_WAN: i64 = 100_000_000;
/// The smallest budget taken, in 万元: a monthly share of at least 0.01 万元.
pub const BUDGET_FLOOR_WAN: &str = "0.12";

/// A budget: its year (from the key, or written `2017=322.95`) and 万元, or
/// what to write instead.
pub fn budget(value: &RawValue, year: Option<i32>) -> Result<(Option<i32>, Decimal), String> {
    if let (None, RawValue::Text(written)) = (year, value) {
        if let Some((year, amount)) = written.split_once(['=', ':', '：']) {
            let year = year
                .trim()
                .trim_end_matches('年')
                .parse::<i32>()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| {
                    format!(
                        "“{written}”不是有效的预算：年度应写成 2017 这样的四位数，如 2017=322.95"
                    )
                })?;
            let wan = year_wan(&RawValue::Text(amount.trim().to_string()))?;
            return Ok((Some(year), wan));
        }
    }
    Ok((year, year_wan(value)?))
}

/// A breakdown line's amount in 万元, or what to write instead.
pub fn line_wan(value: &RawValue) -> Result<Decimal, String> {
    positive_wan(value).map_err(|_| {
        format!(
            "“{}”不是有效的分项预算：应为大于 0 的万元数（不超过 {BUDGET_CEILING_WAN}），例如 205.28",
            shown(value)
        )
    })
}

/// A year's budget in 万元 within the bounds, or what to write instead.
fn year_wan(value: &RawValue) -> Result<Decimal, String> {
    let wan = positive_wan(value)?;
    let floor: Decimal = BUDGET_FLOOR_WAN.parse().unwrap_or(Decimal::ONE);
    if wan < floor {
        return Err(format!(
            "预算 {} 万元不在合理范围内（{BUDGET_FLOOR_WAN} 到 {BUDGET_CEILING_WAN} 万元）：请确认写的是全年预算收入、单位是万元",
            wan.normalize()
        ));
    }
    Ok(wan)
}

/// An amount in 万元 above 0 (to the cent: 0.000001 万元) and below the
/// ceiling, or what to write instead.
fn positive_wan(value: &RawValue) -> Result<Decimal, String> {
    let cent = Decimal::new(1, 6);
    let wan = number(value).filter(|n| *n >= cent).ok_or_else(|| {
        format!(
            "“{}”不是有效的预算：预算必须是大于 0 的万元数，例如 322.95；请填写全年预算收入",
            shown(value)
        )
    })?;
    if wan > Decimal::from(BUDGET_CEILING_WAN) {
        return Err(format!(
            "预算 {} 万元超过了 {BUDGET_CEILING_WAN} 万元（1 万亿元）：请确认单位是万元",
            wan.normalize()
        ));
    }
    Ok(wan.normalize())
}

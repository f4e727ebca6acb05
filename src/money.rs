//! Money: the one rounding rule, conversions from cell values, and amount text.
//!
//! Every figure in jixiao is a [`Decimal`]. Cell floats are converted with
//! [`Decimal::from_f64`] and rounded to cents at once, which removes binary
//! noise such as `7.0000000000000009`. Displayed figures round 四舍五入, half
//! away from zero, to two decimals (see `docs/rules.md`).

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to two decimals, half away from zero (四舍五入): 21.525 → 21.53, −0.005 → −0.01.
///
/// ```
/// use jixiao::money::round_cents;
/// use rust_decimal::Decimal;
///
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(round_cents(d("21.525")), d("21.53"));
/// assert_eq!(round_cents(d("6.025")), d("6.03")); // not 6.02 as banker's rounding would give
/// assert_eq!(round_cents(d("-0.005")), d("-0.01"));
/// ```
pub fn round_cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds to `dp` decimals, half away from zero.
pub fn round_dp(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Converts a cell's float to the shortest decimal that reads back as the same
/// float (`0.1 + 0.2` → 0.30000000000000004, which the caller then rounds to
/// cents), or `None` for NaN, infinities and values beyond what a ledger can
/// hold (|x| ≥ 10¹⁵).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() || value.abs() >= 1e15 {
        return None;
    }
    Decimal::from_f64(value)
}

/// The largest amount a ledger cell may hold, in 元 (exclusive): 10¹⁵ 元,
/// a thousand 万亿. Anything larger is a wrong unit or a broken cell, and
/// keeping it out keeps every sum of a workbook (at most
/// [`crate::read::MAX_CELLS`] cells) far inside what a [`Decimal`] can hold.
pub fn amount_limit_yuan() -> Decimal {
    Decimal::from(1_000_000_000_000_000_i64)
}

/// Converts a cell's amount to 元 (`factor` is 1 for 元, 10 000 for 万元) and
/// rounds it to cents; `None` when it cannot be summed: the product
/// overflows, or it reaches [`amount_limit_yuan`]. Checked arithmetic
/// throughout: one odd cell is left out, it never fails the ledger.
///
/// ```
/// use jixiao::money::amount_in_yuan;
/// use rust_decimal::Decimal;
///
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// assert_eq!(amount_in_yuan(d("1.5"), Decimal::from(10_000)), Some(d("15000")));
/// assert_eq!(amount_in_yuan(d("79228162514264337593543950335"), Decimal::ONE), None);
/// assert_eq!(amount_in_yuan(d("7922816251426433759354395033"), Decimal::from(10_000)), None);
/// ```
pub fn amount_in_yuan(value: Decimal, factor: Decimal) -> Option<Decimal> {
    let yuan = value.checked_mul(factor)?;
    (yuan.abs() < amount_limit_yuan()).then(|| round_cents(yuan))
}

/// Formats with exactly two decimals after rounding to cents: `26.5` → `"26.50"`.
pub fn format_cents(value: Decimal) -> String {
    let mut rounded = round_cents(value);
    rounded.rescale(2);
    if rounded.is_zero() {
        // −0.00 would look like a refund; a zero is a zero.
        return "0.00".to_string();
    }
    rounded.to_string()
}

/// Why a text cell could not be read as an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountTextError {
    /// The text as it stood in the cell.
    pub text: String,
}

/// Reads an amount written as text, exactly as written (the caller rounds).
///
/// Accepts thousands separators in groups of three (`12,345.67`), full-width
/// digits and punctuation (`１２，３４５．６７`), `¥` / `￥` and a trailing `元`,
/// a leading minus (`-`, `−`, `－`) or parentheses for negatives. Returns
/// `Ok(None)` for a blank, a lone dash (`-`, `—`), `/` or `无`, which ledgers
/// use for zero, and for the `以下空白` that closes a printed form.
/// Anything ambiguous, like `1.234,56`, is an error rather than a guess.
///
/// ```
/// use jixiao::money::parse_amount_text;
///
/// assert_eq!(parse_amount_text("￥12,345.67元").unwrap(), Some("12345.67".parse().unwrap()));
/// assert_eq!(parse_amount_text("（86.40）").unwrap(), Some("-86.40".parse().unwrap()));
/// assert_eq!(parse_amount_text("-").unwrap(), None);
/// assert!(parse_amount_text("1.234,56").is_err());
/// ```
pub fn parse_amount_text(text: &str) -> Result<Option<Decimal>, AmountTextError> {
    let error = || AmountTextError {
        text: text.to_string(),
    };
    let normalized: String = text
        .chars()
        .map(fold_full_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '¥' | '￥'))
        .collect();
    let mut body = normalized.strip_suffix('元').unwrap_or(&normalized);
    if body.is_empty() || matches!(body, "-" | "—" | "--" | "——" | "/" | "无" | "0元") {
        return Ok(None);
    }
    // A printed form closes its last page with 以下空白 in the amount column.
    if matches!(
        body.trim_matches(['(', ')', '*', '-', '—', '_']),
        "以下空白" | "以下无正文" | "以下无数据" | "空白"
    ) {
        return Ok(None);
    }
    let mut negative = false;
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        negative = true;
        body = inner;
    }
    if let Some(rest) = body.strip_prefix(['-', '−']) {
        negative = !negative;
        body = rest;
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest;
    }
    let (integer, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let integer_digits = strip_thousands(integer).ok_or_else(error)?;
    let mut plain = integer_digits;
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
            return Err(error());
        }
        plain.push('.');
        plain.push_str(fraction);
    }
    let value: Decimal = plain.parse().map_err(|_| error())?;
    Ok(Some(if negative { -value } else { value }))
}

/// Maps full-width digits and the punctuation used in amounts to ASCII.
fn fold_full_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '，' => ',',
        '．' | '。' => '.',
        '－' => '-',
        '（' => '(',
        '）' => ')',
        '＋' => '+',
        other => other,
    }
}

/// Removes thousands separators when they stand in groups of three; `None`
/// when the text is not plain digits in that shape.
fn strip_thousands(integer: &str) -> Option<String> {
    if integer.is_empty() {
        return Some("0".to_string());
    }
    let groups: Vec<&str> = integer.split(',').collect();
    let first_ok = groups[0].len() <= 3 || groups.len() == 1;
    let valid = !groups[0].is_empty()
        && first_ok
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    valid.then(|| groups.concat())
}

#[cfg(test)]
mod tests;

//! How a value as written reads, whatever the setting: as the user wrote it
//! (for messages), as text, as a number as a person writes one.

use super::super::RawValue;
use rust_decimal::Decimal;

/// A value as the user wrote it, for messages and lists.
pub fn shown(value: &RawValue) -> String {
    match value {
        RawValue::Text(text) => text.clone(),
        RawValue::Number(number) => number.normalize().to_string(),
        RawValue::Bool(flag) => flag.to_string(),
        RawValue::List(items) => items.iter().map(shown).collect::<Vec<_>>().join("、"),
    }
}

/// Text, or a number written where text is expected (`sheet = 2017`).
pub fn text(value: &RawValue) -> Option<String> {
    match value {
        RawValue::Text(_) | RawValue::Number(_) => Some(shown(value)),
        _ => None,
    }
}

/// Text with something in it, trimmed.
pub fn words(value: &RawValue) -> Option<String> {
    text(value)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A number, from a number or from text of digits and one decimal point
/// (`322_95` or `3e2` are not numbers a person writes).
pub fn number(value: &RawValue) -> Option<Decimal> {
    match value {
        RawValue::Number(number) => Some(*number),
        RawValue::Text(text) => {
            let text = text.trim();
            let plain = !text.is_empty()
                && text.chars().all(|c| c.is_ascii_digit() || c == '.')
                && text.matches('.').count() <= 1;
            plain.then(|| text.parse().ok()).flatten()
        }
        _ => None,
    }
}

/// A whole number (`2017`, `2017.0`, "4").
pub fn whole_number(value: &RawValue) -> Option<i64> {
    let number = number(value)?;
    (number.fract().is_zero())
        .then(|| i64::try_from(number).ok())
        .flatten()
}

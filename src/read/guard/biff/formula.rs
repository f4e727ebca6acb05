//! FORMULA records as calamine reads them: whether the value is a cell or a
//! string to follow, and what `parse_formula` makes of the tokens — the
//! length of the text and the bytes moved building it.

use super::super::u16_at;

/// calamine's reading of the formula value bytes of a FORMULA record:
/// `Some(true)` a value cell, `Some(false)` a string that follows in a STRING
/// record, `None` an error.
pub(in crate::read::guard) fn formula_value(bytes: &[u8]) -> Option<bool> {
    match *bytes {
        [0x00, .., 0xFF, 0xFF] => Some(false),
        [0x01, _, _, .., 0xFF, 0xFF] => Some(true),
        [0x02, _, e, .., 0xFF, 0xFF] => error_code(e).then_some(true),
        [0x03, _, .., 0xFF, 0xFF] => Some(true),
        [_, .., 0xFF, 0xFF] => None,
        _ => Some(true),
    }
}

pub(in crate::read::guard) fn error_code(code: u8) -> bool {
    matches!(code, 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B)
}

/// What calamine's `parse_formula` makes of a FORMULA record's tokens (`data`
/// from its `cce`): an upper bound of the text's length, and of the bytes it
/// moves inserting spaces. The tokens are walked with calamine's sizes; where
/// it would stop with an error, so does the walk.
pub(in crate::read::guard) fn formula_text(data: &[u8], biff8: bool) -> (u64, u64) {
    let Some(rgce) = u16_at(data, 0).and_then(|cce| data.get(2..2 + usize::from(cce))) else {
        return (96, 0);
    };
    let mut rest = rgce;
    let mut spaces = 0u64;
    let mut names = 0u64;
    // An upper bound of the text so far, for the cost of each insertion.
    let mut text = 0u64;
    let mut moved = 0u64;
    while let Some((&ptg, tail)) = rest.split_first() {
        rest = tail;
        let (size, most): (usize, u64) = match ptg {
            0x3A | 0x5A | 0x7A | 0x3C | 0x5C | 0x7C => (6, 128),
            0x3B | 0x5B | 0x7B | 0x3D | 0x5D | 0x7D => (10, 160),
            0x01 => (4, 0),
            0x03..=0x16 => (0, 4),
            0x17 => {
                let Some(&chars) = rest.first() else { break };
                let chars = usize::from(chars);
                let size = match (biff8, rest.get(1)) {
                    (false, _) => 1 + chars,
                    (true, Some(&flags)) => 2 + chars * if flags & 1 != 0 { 2 } else { 1 },
                    (true, None) => break,
                };
                names += 1;
                (size, 3 * chars as u64 + 2)
            }
            0x18 => (5, 0),
            0x19 => {
                let (Some(&kind), Some(&count)) = (rest.first(), rest.get(2)) else {
                    break;
                };
                match kind {
                    0x01 | 0x02 | 0x08 | 0x20 | 0x21 => (3, 0),
                    0x10 => (3, 5),
                    0x04 => (3 + 2 * (usize::from(u16_at(rest, 1).unwrap_or(0)) + 1), 0),
                    0x40 | 0x41 => {
                        let count = u64::from(count);
                        moved = moved.saturating_add(count.saturating_mul(text + count));
                        spaces += count;
                        (3, count)
                    }
                    _ => break,
                }
            }
            0x1C | 0x1D => (1, 14),
            0x1E => (2, 6),
            0x1F => (8, 32),
            0x20 | 0x40 | 0x60 => (7, 10),
            0x22 | 0x42 | 0x62 => (3, 40),
            0x21 | 0x41 | 0x61 => (2, 40),
            0x23 | 0x43 | 0x63 | 0x39 | 0x59 => {
                names += 1;
                (if ptg & 0x1F == 0x19 { 6 } else { 4 }, 800)
            }
            0x24 | 0x44 | 0x64 | 0x2A | 0x4A | 0x6A => (if biff8 { 4 } else { 3 }, 16),
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => (if biff8 { 8 } else { 6 }, 32),
            _ => break,
        };
        text = text.saturating_add(most);
        if size > rest.len() {
            break;
        }
        rest = &rest[size..];
    }
    // The text kept: about four characters per token byte, the spaces, and
    // a defined name or string (up to 255 characters) for each that names one.
    let len = (rgce.len() as u64 * 4 + spaces + names * 765).max(96);
    (len, moved)
}

//! The BIFF record scan of an xls workbook stream, as calamine parses it: the
//! workbook globals (code page, sheets, shared strings), then each sheet's
//! records, adding up what calamine will build. Records are read in
//! [`records`], formulas measured in [`formula`], a sheet's costs kept in
//! [`sheet`].

use anyhow::{anyhow, Result};

use super::{heap, u16_at, u32_at, MEMORY_BUDGET, STRING};

mod formula;
mod records;
mod sheet;

pub(super) use formula::{formula_text, formula_value};
#[cfg(test)]
pub(super) use sheet::Bounds;
pub(super) use sheet::{corrected_dimensions, SheetScan};

use formula::error_code;
use records::{short_string, sst_string, Records};
use sheet::{dimensions, Dimensions};

/// What the BIFF stream makes calamine build.
#[derive(Default)]
pub(super) struct BiffScan {
    pub(super) sst_bytes: u64,
    pub(super) sheets: Vec<SheetScan>,
}

fn password_refusal() -> anyhow::Error {
    anyhow!("工作簿设置了密码保护，jixiao 无法读取。请在 Excel 中打开它，清除密码并保存后再试")
}

impl BiffScan {
    /// Scans the workbook globals and each sheet's records. Stops where calamine
    /// stops with an error (what it built before stays counted).
    pub(super) fn run(stream: &[u8]) -> Result<Self> {
        let mut scan = BiffScan::default();
        let mut sst: Vec<u32> = Vec::new();
        let mut sheets: Vec<(usize, String)> = Vec::new();
        let mut codepage = 1200u16;
        let mut biff8 = true;
        for record in (Records { stream, at: 0 }) {
            let Ok(mut record) = record else {
                return Ok(scan);
            };
            let data = record.data;
            match record.kind {
                0x002F => return Err(password_refusal()),
                0x0042 => codepage = u16_at(data, 0).unwrap_or(codepage),
                0x0085 => {
                    let (Some(pos), Some(&state), Some(&kind)) =
                        (u32_at(data, 0), data.get(4), data.get(5))
                    else {
                        return Ok(scan);
                    };
                    if state & 0x3F > 2 || !matches!(kind, 0 | 1 | 2 | 6) {
                        return Ok(scan);
                    }
                    let Some(name) = short_string(&data[6..], biff8, codepage) else {
                        return Ok(scan);
                    };
                    sheets.push((pos as usize, name));
                }
                0x0809 => {
                    let Some(version) = u16_at(data, 0) else {
                        return Ok(scan);
                    };
                    let kind = u16_at(data, 2).unwrap_or(0);
                    biff8 = match version {
                        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                        0 => kind != 0x1000,
                        _ => true,
                    };
                }
                0x00FC => {
                    if data.len() < 8 {
                        return Ok(scan);
                    }
                    record.data = &data[8..];
                    sst.clear();
                    scan.sst_bytes = 0;
                    let unicode = codepage == 1200 || codepage == 1201;
                    while !record.data.is_empty() || record.next_continue() {
                        let Some((len, bytes)) = sst_string(&mut record, unicode) else {
                            return Ok(scan);
                        };
                        sst.push(len.min(u64::from(u32::MAX)) as u32);
                        scan.sst_bytes = scan.sst_bytes.saturating_add(STRING + bytes);
                        if scan.sst_bytes > MEMORY_BUDGET {
                            // Counted on no further: the estimate is over the budget already.
                            return Ok(scan);
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        for (pos, name) in sheets {
            if pos > stream.len() {
                // calamine panics slicing the stream here; nothing more is built.
                break;
            }
            let (sheet, complete) = scan_sheet(stream, pos, name, &sst, biff8);
            scan.sheets.push(sheet);
            if !complete {
                break;
            }
        }
        Ok(scan)
    }
}

/// One sheet's records from `pos` to its EOF, as calamine's sheet loop reads
/// them; `false` when calamine stops with an error in this sheet.
fn scan_sheet(
    stream: &[u8],
    pos: usize,
    name: String,
    sst: &[u32],
    biff8: bool,
) -> (SheetScan, bool) {
    let mut sheet = SheetScan {
        name,
        ..SheetScan::default()
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut formula_at = (0u16, 0u16);
    for record in (Records { stream, at: pos }) {
        let Ok(record) = record else {
            return (sheet, false);
        };
        let data = record.data;
        if depth > 0 {
            match record.kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let position = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
        let ok = match record.kind {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
                true
            }
            0x0200 => match dimensions(data) {
                Some((reserve, broken)) => {
                    sheet.dimensions.push(Dimensions {
                        offset: record.offset,
                        len: data.len(),
                        reserve,
                        before: sheet.cells,
                        broken,
                    });
                    true
                }
                None => false,
            },
            0x0203 | 0x027E => match position() {
                Some((row, column))
                    if data.len() >= if record.kind == 0x0203 { 14 } else { 10 } =>
                {
                    sheet.push(row, u32::from(column), 0);
                    true
                }
                _ => false,
            },
            0x0204 | 0x00D6 => match position() {
                Some((row, column)) if data.len() >= 8 => {
                    let text = (data.len() as u64 - 6) * 3;
                    sheet.push(row, u32::from(column), heap(text));
                    true
                }
                _ => false,
            },
            0x0205 => match (position(), data.get(6), data.get(7)) {
                (Some((row, column)), Some(&code), Some(&kind))
                    if kind == 0 || (kind == 1 && error_code(code)) =>
                {
                    sheet.push(row, u32::from(column), 0);
                    true
                }
                _ => false,
            },
            0x0207 => {
                let text = (data.len() as u64).saturating_sub(2) * 3;
                sheet.push(formula_at.0, u32::from(formula_at.1), heap(text));
                true
            }
            0x00FD => match (position(), u32_at(data, 6)) {
                (Some((row, column)), Some(index)) => {
                    if let Some(&len) = sst.get(index as usize) {
                        sheet.push(row, u32::from(column), heap(u64::from(len)));
                    }
                    true
                }
                _ => false,
            },
            0x00BD => {
                let (Some((row, first)), Some(last)) =
                    (position(), u16_at(data, data.len().saturating_sub(2)))
                else {
                    return (sheet, false);
                };
                // calamine's u16 arithmetic, wrapping as in a release build.
                let count = usize::from(last.wrapping_sub(first).wrapping_add(1));
                if data.len() != 6 + 6 * count {
                    return (sheet, false);
                }
                for offset in 0..count as u32 {
                    sheet.push(row, u32::from(first) + offset, 0);
                }
                true
            }
            0x0006 => match position() {
                Some((row, column)) if data.len() >= 20 => {
                    formula_at = (row, column);
                    match formula_value(&data[6..14]) {
                        Some(value) => {
                            if value {
                                sheet.push(row, u32::from(column), 0);
                            }
                            sheet.formulas += 1;
                            let (len, moved) = formula_text(&data[20..], biff8);
                            sheet.formula_heap = sheet.formula_heap.saturating_add(heap(len));
                            sheet.formula_moves = sheet.formula_moves.saturating_add(moved);
                            if moved > sheet.slowest_formula.0 {
                                sheet.slowest_formula = (moved, row, column);
                            }
                            sheet.formula_bounds.add(u32::from(row), u32::from(column));
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            },
            0x000A => return (sheet, true),
            _ => true,
        };
        if !ok {
            return (sheet, false);
        }
    }
    (sheet, true)
}

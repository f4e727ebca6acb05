//! xlsb (BIFF12) parts: the shared strings calamine will keep, and the sheets
//! and defined names of the workbook, counted from the records before
//! calamine reads them.
//!
//! A record is a type (one or two bytes, seven bits each), a size (one to
//! four bytes, seven bits each) and that many bytes of data.

use anyhow::{bail, Result};
use std::io::{BufReader, Read};

use super::xlsx::{MAX_DEFINED_NAMES, MAX_SHEETS};
use super::{grouped, heap, mib, MEMORY_BUDGET, RESAVE, STRING};

/// BrtBeginSst: the table's declared string counts. The unique one is counted
/// as if calamine reserved room for it; calamine 0.38 reads that many strings
/// one by one instead (guard/calamine/tests.rs), so the estimate errs high.
const BEGIN_SST: u32 = 0x9F;
/// BrtSSTItem: one shared string.
const SST_ITEM: u32 = 0x13;
/// BrtBundleSh: one sheet of the workbook.
const BUNDLE_SHEET: u32 = 0x9C;
/// BrtName: one defined name.
const NAME: u32 = 0x27;

/// A seven-bit varint of at most `bytes` bytes; `None` at the end of the part.
fn varint(reader: &mut impl Read, bytes: u32) -> Option<u32> {
    let mut value = 0u32;
    for index in 0..bytes {
        let mut byte = [0u8; 1];
        reader.read_exact(&mut byte).ok()?;
        value |= u32::from(byte[0] & 0x7F) << (7 * index);
        if byte[0] & 0x80 == 0 {
            break;
        }
    }
    Some(value)
}

/// Calls `visit` with each record's type and its first `keep` bytes of data
/// (fewer when the record is shorter); stops at the end or at a broken
/// record, which calamine then reports in its place.
fn records(
    part: impl Read,
    keep: usize,
    mut visit: impl FnMut(u32, &[u8]) -> Result<()>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(1 << 16, part);
    let mut head = vec![0u8; keep];
    while let Some(kind) = varint(&mut reader, 2) {
        let Some(size) = varint(&mut reader, 4) else {
            return Ok(());
        };
        let kept = keep.min(size as usize);
        if reader.read_exact(&mut head[..kept]).is_err() {
            return Ok(());
        }
        visit(kind, &head[..kept])?;
        let rest = u64::from(size) - kept as u64;
        if rest > 0 {
            let skipped = std::io::copy(&mut (&mut reader).take(rest), &mut std::io::sink());
            if !matches!(skipped, Ok(n) if n == rest) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Checks an xlsb's shared-string part: the strings calamine keeps (a
/// `String` for each, room reserved for the declared count, and the texts,
/// up to three bytes of UTF-8 for each UTF-16 unit) must fit in
/// [`MEMORY_BUDGET`]. An xlsb of millions of empty strings is refused here.
pub(crate) fn check_xlsb_shared_strings(part: impl Read, name: &str) -> Result<()> {
    let mut declared = 0u64;
    let mut strings = 0u64;
    let mut texts = 0u64;
    let cost = |declared: u64, strings: u64, texts: u64| {
        strings
            .max(declared)
            .saturating_mul(STRING)
            .saturating_add(texts)
    };
    records(part, 8, |kind, data| {
        match kind {
            BEGIN_SST => {
                if let Some(unique) = data.get(4..8) {
                    declared = u64::from(u32::from_le_bytes([
                        unique[0], unique[1], unique[2], unique[3],
                    ]));
                }
            }
            SST_ITEM => {
                strings += 1;
                if let Some(units) = data.get(1..5) {
                    let units =
                        u64::from(u32::from_le_bytes([units[0], units[1], units[2], units[3]]));
                    texts = texts.saturating_add(heap(units.saturating_mul(3)));
                }
            }
            _ => return Ok(()),
        }
        let total = cost(declared, strings, texts);
        if total > MEMORY_BUDGET {
            bail!(
                "文件的共享字符串表（{name}）有 {} 个以上的字符串，读取时约需 {} MB 以上内存，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需一百多 MB。文件可能已损坏或是恶意构造的。{RESAVE}",
                grouped(strings.max(declared)),
                mib(total),
                mib(MEMORY_BUDGET)
            );
        }
        Ok(())
    })
}

/// Checks an xlsb's workbook part: at most [`MAX_SHEETS`] sheets and
/// [`MAX_DEFINED_NAMES`] defined names, the limits an xlsx is held to.
pub(crate) fn check_xlsb_workbook(part: impl Read) -> Result<()> {
    let (mut sheets, mut names) = (0u64, 0u64);
    records(part, 0, |kind, _| {
        match kind {
            BUNDLE_SHEET => sheets += 1,
            NAME => names += 1,
            _ => {}
        }
        if sheets > MAX_SHEETS {
            bail!(
                "文件有 {} 个以上的工作表，超过 jixiao 的上限 {} 个；逐一查看这么多工作表要很久。请把台账所在的工作表复制到一个新的工作簿，另存为 .xlsx 再试",
                grouped(MAX_SHEETS),
                grouped(MAX_SHEETS)
            );
        }
        if names > MAX_DEFINED_NAMES {
            bail!(
                "文件定义了 {} 个以上的名称（公式 → 名称管理器），超过 jixiao 的上限 {} 个；真实的台账只有几个到几千个。文件可能已损坏或是恶意构造的。{RESAVE}",
                grouped(MAX_DEFINED_NAMES),
                grouped(MAX_DEFINED_NAMES)
            );
        }
        Ok(())
    })
}

//! What to do with an xls file, behind [`open_xls`](super::open_xls): the OLE
//! and BIFF costs added up as calamine will hold them, a refusal that names the
//! sheet and cell to blame, or the patches that correct lying DIMENSIONS
//! records in a private copy.

use anyhow::{anyhow, bail, Result};

use super::biff::{corrected_dimensions, BiffScan, SheetScan};
use super::ole::{Halt, Ole};
use super::{
    address, cell_address, grouped, mib, DATA_CELL, MAX_FORMULA_MOVES, MEMORY_BUDGET, RESAVE,
};

/// A byte range of the file to overwrite.
pub(super) struct Patch {
    pub(super) file: usize,
    pub(super) bytes: Vec<u8>,
}

/// What to do with an xls file.
pub(super) enum XlsPlan {
    /// Hand it to calamine as it is.
    AsIs,
    /// Hand calamine a copy with these bytes replaced.
    Patched(Vec<Patch>),
}

/// Works out calamine's cost for an xls image and what to do about it.
pub(super) fn plan_xls(image: &[u8]) -> Result<XlsPlan> {
    let stream = match Ole::open(image).and_then(|mut ole| ole.workbook_stream()) {
        Ok(stream) => stream,
        Err(Halt::Calamine) => return Ok(XlsPlan::AsIs),
        Err(Halt::Refuse(error)) => return Err(error),
    };
    let scan = BiffScan::run(&stream.bytes)?;
    let total_held: u64 = scan.sheets.iter().map(SheetScan::held_bytes).sum();
    let gathering = scan
        .sheets
        .iter()
        .map(|s| s.gathering_bytes(true))
        .max()
        .unwrap_or(0);
    let copy = scan
        .sheets
        .iter()
        .map(SheetScan::range_bytes)
        .max()
        .unwrap_or(0);
    let file = image.len() as u64;
    let opening = file
        .saturating_add(stream.bytes.len() as u64)
        .saturating_add(scan.sst_bytes)
        .saturating_add(total_held)
        .saturating_add(gathering);
    let reading = file.saturating_add(total_held).saturating_add(copy);
    let need = opening.max(reading);
    if need > MEMORY_BUDGET {
        return Err(xls_refusal(&scan, need));
    }
    let moves: u64 = scan.sheets.iter().map(|s| s.formula_moves).sum();
    if moves > MAX_FORMULA_MOVES {
        let sheet = scan
            .sheets
            .iter()
            .max_by_key(|s| s.slowest_formula.0)
            .map_or((String::new(), 0, 0), |s| {
                (s.name.clone(), s.slowest_formula.1, s.slowest_formula.2)
            });
        bail!(
            "xls 工作表「{}」的公式里有大量空格记号（例如单元格 {} 的公式），读取时要逐个插入，需要很长时间；Excel 不会这样保存公式，文件可能已损坏或是恶意构造的。{RESAVE}",
            sheet.0,
            cell_address(&sheet.0, u32::from(sheet.1), u32::from(sheet.2))
        );
    }
    // What is left to correct: DIMENSIONS records that claim far more than their sheet.
    let mut patches = Vec::new();
    for sheet in &scan.sheets {
        for d in sheet
            .dimensions
            .iter()
            .filter(|d| sheet.needs_correction(d))
        {
            let bytes = corrected_dimensions(d.len, &sheet.bounds);
            let mut pieces = Vec::new();
            let mut covered = 0;
            let first = stream.spans.partition_point(|s| s.at + s.len <= d.offset);
            for span in &stream.spans[first..] {
                let end = d.offset + d.len;
                if span.at >= end {
                    break;
                }
                let from = span.at.max(d.offset);
                let to = (span.at + span.len).min(end);
                pieces.push(Patch {
                    file: span.file + (from - span.at),
                    bytes: bytes[from - d.offset..to - d.offset].to_vec(),
                });
                covered += to - from;
            }
            if covered != d.len {
                bail!(
                    "xls 工作表「{}」开头的尺寸记录（DIMENSIONS）声称有 {} 个单元格，远多于表中实有的数据，而且无法更正；读取它会耗尽内存，文件已损坏或是恶意构造的。{RESAVE}",
                    sheet.name,
                    grouped(d.reserve)
                );
            }
            patches.extend(pieces);
        }
    }
    Ok(if patches.is_empty() {
        XlsPlan::AsIs
    } else {
        XlsPlan::Patched(patches)
    })
}

/// Says which sheet, and if one cell is to blame which cell, makes an xls too big.
fn xls_refusal(scan: &BiffScan, need: u64) -> anyhow::Error {
    let limit = mib(MEMORY_BUDGET);
    let worst = scan
        .sheets
        .iter()
        .max_by_key(|s| s.held_bytes().max(s.gathering_bytes(true)));
    let Some(sheet) = worst.filter(|s| s.held_bytes() > scan.sst_bytes) else {
        return anyhow!(
            "这个 xls 文件的共享字符串表（SST）读取时约需 {} MB 内存，超过 jixiao 读取 xls 的上限 {limit} MB，文件可能已损坏或是恶意构造的。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            mib(scan.sst_bytes)
        );
    };
    let grid = match sheet.bounds.corners() {
        Some((top, left, bottom, right)) => {
            format!("{}:{}", address(top, left), address(bottom, right))
        }
        None => "（空）".to_string(),
    };
    let dense = grouped(sheet.dense());
    let outliers = sheet.bounds.outliers(sheet.cells);
    if !outliers.is_empty() {
        let cell = outliers
            .iter()
            .map(|&(row, column)| cell_address(&sheet.name, row, column))
            .collect::<Vec<_>>()
            .join("、");
        return anyhow!(
            "xls 工作表「{}」中的单元格 {cell} 离其他数据很远：读取 xls 时要为 {grid} 整块区域（{dense} 个单元格）一次性准备内存，约需 {} MB，超过 jixiao 读取 xls 的上限 {limit} MB。请在 Excel 或 WPS 中清除该单元格（选中后按 Delete 键）并保存，或把文件另存为 .xlsx（Excel 工作簿）后再试（jixiao 逐行读取 .xlsx，不受此限制）",
            sheet.name,
            grouped(mib(need))
        );
    }
    if sheet.heap > sheet.dense().saturating_mul(DATA_CELL) {
        return anyhow!(
            "xls 工作表「{}」的数据区 {grid} 中的文字读取时约需 {} MB 内存（同一段长文字被许多单元格引用时，每个单元格各复制一份），超过 jixiao 读取 xls 的上限 {limit} MB。文件可能已损坏或是恶意构造的。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            sheet.name,
            grouped(mib(need))
        );
    }
    anyhow!(
        "xls 工作表「{}」的数据区 {grid} 共有 {dense} 个单元格，读取 xls 时要一次性为它们准备内存，约需 {} MB，超过 jixiao 读取 xls 的上限 {limit} MB。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）；如果表中有远离数据的单元格，也可以先把它们清除",
        sheet.name,
        grouped(mib(need))
    )
}

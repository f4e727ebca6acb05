//! Allocation guards: what calamine would allocate for a file, worked out
//! before calamine opens it.
//!
//! calamine 0.38 sizes some allocations from what a file claims, or from the
//! dense bounding box of a sheet, before jixiao sees a single cell. An
//! allocation that fails aborts the process — it is not a panic, nothing can
//! catch it — and a whole batch is lost. So each guard here reads the file the
//! way calamine will, keeps nothing of it, and either lets it through or
//! refuses it with a Chinese message that names the problem, the limit and
//! what to do. Every estimate errs on the high side, and counts what calamine
//! really holds (measured: a 500,000-row ods ledger estimated at 421 MiB for
//! calamine peaks at 442 MiB in all). Real ledgers pass by far, with one
//! exception by design: an ods beyond about 380,000 rows of six columns, or an
//! xls beyond about three million cells, cannot be held by calamine within the
//! run's 512 MiB, and is refused with the advice to save it as .xlsx, which
//! jixiao streams row by row.
//!
//! - **xls** ([`open_xls`]): calamine parses every sheet into a dense grid of
//!   32-byte cells spanning all its value cells, keeps all sheets, and copies a
//!   sheet when it is read; one value in the far corner (`IV65536`) makes that
//!   grid gigabytes. The OLE compound file is walked exactly as calamine's
//!   private reader walks it (same bytes, same quirks, but refusing sector
//!   chains that loop), the BIFF records are scanned, and the cost is added up.
//!   A DIMENSIONS record — calamine reserves room for the cells it claims — that
//!   claims far more than the cells need is corrected in a private temporary
//!   copy: it changes nothing else, so such a file is still read.
//! - **ods** ([`check_ods`]): `content.xml` is scanned and repeated rows and
//!   cells are counted the way calamine expands them. Trailing empty repeats,
//!   which LibreOffice writes in every file, cost nothing and count nothing.
//! - **xlsx** ([`check_xlsx`]): every XML part calamine may read is inflated
//!   (streamed, never kept) and scanned for a text or a tag longer than any cell
//!   can hold, the shared strings are counted, and shared-formula numbers are
//!   checked (calamine sizes a table by the largest).
//!
//! This module holds the entry points, the limits (the constants below) and
//! the helpers every guard shares; the parts live beside it: `xml` (the
//! bounded tokenizer), `xlsx` and `ods` (their parts' checks), `ole` (the
//! compound file), `biff` (the record scan) and `xls` (what to do with an xls).
//! `guard/tests.rs` tests the estimates, `guard/calamine/tests.rs` that calamine
//! (pinned at `=0.38.0`) still reads and allocates as they assume, one test per
//! assumption, and `tests/integration/hostile_grid.rs` whole runs on hostile
//! files (peak RSS under GNU time).
//! `docs/reliability.md` lists the limits with the other promises.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::cell::{cell_address, column_name};

mod biff;
mod ods;
mod ole;
mod xls;
mod xlsb;
mod xlsx;
mod xml;

use ods::OdsScan;
use xls::{plan_xls, XlsPlan};
pub(crate) use xlsb::{check_xlsb_shared_strings, check_xlsb_workbook};
use xlsx::{content_targets, package_path, XlsxPart};
use xml::scan_part;

/// Most memory calamine may need for one workbook's grids and strings:
/// 320 MiB. jixiao's own work on the largest ledger (1,048,576 rows) takes
/// under 190 MiB more, so a run stays under the 512 MiB every run must keep to.
pub const MEMORY_BUDGET: u64 = 320 << 20;
/// Longest run of text, or longest single tag, in an XML part: 1 MiB. An Excel
/// cell holds at most 32,767 characters (≤ 262,136 bytes even when every one is
/// written as `&#65535;`); other writers may go past that, so jixiao allows four
/// times as much, while calamine (which copies a text about three times) can
/// never be made to hold more than a few MiB for one text.
pub const MAX_XML_RUN: u64 = 1 << 20;
/// Largest uncompressed shared-string part of an xlsx: 256 MiB. A real
/// 1,048,576-row ledger written by Excel or rust_xlsxwriter needs a few tens of MiB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;

/// Bytes calamine may move building formula texts before jixiao gives up on
/// a file: a few tenths of a second. calamine inserts the spaces of a space
/// token one by one at the start of an operand, so a formula of a few thousand
/// such tokens (8 KB) takes it seconds, and a file of many, hours.
const MAX_FORMULA_MOVES: u64 = 4_000_000_000;

const RESAVE: &str = "请在 Excel 或 WPS 中打开该文件，另存为 .xlsx（Excel 工作簿）后再试";

// The sizes of calamine's values that the estimates count, checked when
// jixiao is compiled: calamine is pinned (`=0.38.0` in Cargo.toml), and a new
// one that changes a size stops the build here. What calamine does with them
// is checked by `guard/calamine/tests.rs`, one test per assumption.

/// Bytes of one calamine `Data` cell in a dense grid.
const DATA_CELL: u64 = 32;
const _: () = assert!(
    size_of::<calamine::Data>() as u64 == DATA_CELL,
    "calamine::Data changed size: review the guard's estimates"
);
/// Bytes of one `Cell<Data>` (a value with its position) while a sheet is gathered.
const SPARSE_CELL: u64 = 40;
const _: () = assert!(
    size_of::<calamine::Cell<calamine::Data>>() as u64 == SPARSE_CELL,
    "calamine::Cell<Data> changed size: review the guard's estimates"
);
/// Bytes of one `String` without its text (a formula slot, a shared string).
const STRING: u64 = 24;
const _: () = assert!(
    size_of::<String>() as u64 == STRING,
    "String is not 24 bytes: the guard's estimates assume a 64-bit target"
);
/// Bytes of one `Cell<String>` (a formula with its position).
const SPARSE_FORMULA: u64 = 32;
const _: () = assert!(
    size_of::<calamine::Cell<String>>() as u64 == SPARSE_FORMULA,
    "calamine::Cell<String> changed size: review the guard's estimates"
);
/// Bytes of one entry of calamine's shared-formula table in an xlsx sheet: an
/// `Option` of its private `SharedFormula { formula: String, range: Dimensions }`.
const SHARED_FORMULA: u64 = 40;
const _: () = assert!(
    size_of::<Option<(String, calamine::Dimensions)>>() as u64 == SHARED_FORMULA,
    "a shared formula's String and calamine::Dimensions changed size: review the guard's estimates"
);

/// What the allocator takes for a text of `len` bytes: 16-byte granules, at least 32.
fn heap(len: u64) -> u64 {
    if len == 0 {
        0
    } else {
        (len.saturating_add(8 + 15) / 16 * 16).max(32)
    }
}

/// Whole MiB, rounded up, for messages.
fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

/// `16777216` → `16,777,216`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A1-style address of a 0-based cell, `IV65536`.
fn address(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), u64::from(row) + 1)
}

/// The little-endian `u16` at `at`, if `bytes` holds it.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// The little-endian `u32` at `at`, if `bytes` holds it.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// Checks the XML parts of an xlsx package that calamine may read: no text or
/// tag longer than [`MAX_XML_RUN`], shared strings that fit in
/// [`MEMORY_BUDGET`] (and a part no larger than [`MAX_SHARED_STRINGS_BYTES`]),
/// and shared-formula numbers that match the formulas present.
///
/// Every XML part is checked, wherever it lies, except custom XML and document
/// properties (Power Query keeps megabytes of base64 there) that no
/// relationship hands to calamine as a workbook, sheet, table or style part.
/// Each part is inflated as a stream; nothing of it is kept.
pub(crate) fn check_xlsx<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<()> {
    let read_by_calamine = content_targets(archive);
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index(index) else {
            continue;
        };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let lower = package_path(&name);
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml");
        let aside = lower.starts_with("customxml/") || lower.starts_with("docprops/");
        if !xml || (aside && !read_by_calamine.contains(&lower)) {
            continue;
        }
        let shared = lower.ends_with("sharedstrings.xml");
        if shared && part.size() > MAX_SHARED_STRINGS_BYTES {
            bail!(
                "文件的共享字符串表（{name}）解压后有 {} MB，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需几十 MB。文件可能已损坏、是恶意构造的，或夹带了大量与台账无关的文字。请在 Excel 或 WPS 中打开该文件，删去不需要的工作表后另存为 .xlsx 再试",
                mib(part.size()),
                mib(MAX_SHARED_STRINGS_BYTES)
            );
        }
        let mut scan = XlsxPart::new(shared);
        if scan_part(part, &name, &mut scan)? {
            scan.finish(&name)?;
        }
    }
    Ok(())
}

/// Checks an ods package's `content.xml`: the cells calamine will materialise
/// from repeated rows and cells, and the texts it will build, must fit in
/// [`MEMORY_BUDGET`].
pub(crate) fn check_ods<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<()> {
    let Ok(content) = archive.by_name("content.xml") else {
        // calamine reports the missing part.
        return Ok(());
    };
    let mut scan = OdsScan::default();
    if scan_part(content, "content.xml", &mut scan)? {
        scan.finish()?;
    }
    Ok(())
}

/// Checks an xls file and opens it for calamine: the file itself, or — when a
/// DIMENSIONS record claims far more than the sheet holds — a private temporary
/// copy with the record corrected (removed when closed, by the system even if
/// jixiao is killed). Refuses, with a message naming the cell or the limit,
/// what calamine cannot hold in [`MEMORY_BUDGET`].
pub fn open_xls(path: &Path) -> Result<File> {
    let size = std::fs::metadata(path).context("无法读取文件内容")?.len();
    // calamine holds the whole file and the BIFF stream copied out of it.
    if size.saturating_mul(2) > MEMORY_BUDGET {
        bail!(
            "这个 xls 文件有 {} MB，读取时要把它整个装入内存两遍，超过 jixiao 读取 xls 的上限 {} MB。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            mib(size),
            mib(MEMORY_BUDGET / 2)
        );
    }
    let mut image = std::fs::read(path).context("无法读取文件内容")?;
    match plan_xls(&image)? {
        XlsPlan::AsIs => File::open(path).context("无法打开文件"),
        XlsPlan::Patched(patches) => {
            for patch in patches {
                image[patch.file..patch.file + patch.bytes.len()].copy_from_slice(&patch.bytes);
            }
            let mut copy = tempfile::tempfile()
                .and_then(|mut file| {
                    file.write_all(&image)?;
                    Ok(file)
                })
                .map_err(|error| {
                    anyhow::anyhow!(crate::messages::temp_folder_text(
                        &error,
                        "写入读取 xls 所需的临时副本"
                    ))
                })?;
            copy.seek(SeekFrom::Start(0))
                .context("无法读取 xls 的临时副本")?;
            Ok(copy)
        }
    }
}

#[cfg(test)]
#[path = "guard/calamine/tests.rs"]
mod calamine_tests;
#[cfg(test)]
mod tests;

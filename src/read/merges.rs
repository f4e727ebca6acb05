//! Merged cells of an xlsx sheet, found by scanning the sheet's bytes.
//!
//! calamine finds them by tokenizing the whole sheet XML a second time, which
//! cost a tenth of a large ledger's run. Here the sheet part is inflated as a
//! stream and searched for `<mergeCell ref="A1:B2"/>` elements (they stand
//! after the cell data), holding one buffer, never the sheet.

use super::MergedRegion;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// The merged regions of sheet `sheet` of the xlsx at `path`; `None` when the
/// package cannot be read this way (calamine's own reading is the fallback).
pub fn xlsx_merged_regions(path: &Path, sheet: &str) -> Option<Vec<MergedRegion>> {
    let file = File::open(path).ok()?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).ok()?;
    let part = sheet_part(&mut archive, sheet)?;
    let entry = archive.by_name(&part).ok()?;
    scan(entry).ok()
}

/// A text part of the package, at most `limit` bytes.
fn read_small(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    name: &str,
    limit: u64,
) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut text = String::new();
    entry.take(limit).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The part name of a sheet (`xl/worksheets/sheet1.xml`), from workbook.xml and its relationships.
fn sheet_part(archive: &mut zip::ZipArchive<BufReader<File>>, sheet: &str) -> Option<String> {
    let workbook = read_small(archive, "xl/workbook.xml", 16 << 20)?;
    let rels = read_small(archive, "xl/_rels/workbook.xml.rels", 16 << 20)?;
    let id = workbook.split("<sheet ").skip(1).find_map(|tag| {
        let tag = tag.split('>').next()?;
        (unescape(&attribute(tag, "name")?) == sheet).then(|| attribute(tag, "r:id"))?
    })?;
    let target = rels.split("<Relationship ").skip(1).find_map(|tag| {
        let tag = tag.split('>').next()?;
        (attribute(tag, "Id")? == id).then(|| attribute(tag, "Target"))?
    })?;
    Some(match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    })
}

/// An attribute's raw value in a tag's text (`name="…"`, at the start or after a space).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let tag = format!(" {tag}");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_string())
}

/// The five XML entities, for sheet names like `收&支`.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Streams the sheet XML and collects every `<mergeCell ref="…"/>`.
fn scan(mut part: impl Read) -> std::io::Result<Vec<MergedRegion>> {
    const NEEDLE: &[u8] = b"<mergeCell ";
    let finder = memchr::memmem::Finder::new(NEEDLE);
    let mut regions = Vec::new();
    let mut buffer = vec![0u8; 1 << 16];
    // Bytes kept from the previous chunk: an element may straddle two chunks.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let read = part.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        carry.extend_from_slice(&buffer[..read]);
        let mut consumed = 0;
        while let Some(at) = finder.find(&carry[consumed..]) {
            let start = consumed + at;
            let Some(end) = memchr::memchr(b'>', &carry[start..]) else {
                break;
            };
            let tag = String::from_utf8_lossy(&carry[start..start + end]);
            if let Some(region) = attribute(&tag, "ref").as_deref().and_then(parse_range) {
                regions.push(region);
            }
            consumed = start + end + 1;
        }
        // Keep what may still begin an element: from an unfinished one, or the
        // needle's length back.
        let keep_from = match finder.find(&carry[consumed..]) {
            Some(at) => consumed + at,
            None => carry.len().saturating_sub(NEEDLE.len()).max(consumed),
        };
        carry.drain(..keep_from);
        // A cell text can be long, but an unfinished `<mergeCell` tag cannot.
        if carry.len() > 1 << 20 {
            carry.clear();
        }
    }
    Ok(regions)
}

/// `A1:C3` → a region (0-based); a single cell `B2` is not a merge.
fn parse_range(range: &str) -> Option<MergedRegion> {
    let (from, to) = range.split_once(':')?;
    let (first_row, first_column) = parse_cell(from)?;
    let (last_row, last_column) = parse_cell(to)?;
    Some(MergedRegion {
        first_row,
        first_column,
        last_row,
        last_column,
    })
}

/// `AB12` → (11, 27).
fn parse_cell(cell: &str) -> Option<(u32, u32)> {
    let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &cell[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let column = letters.bytes().try_fold(0u32, |n, b| {
        Some(n * 26 + u32::from(b.to_ascii_uppercase().checked_sub(b'A')? + 1))
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column.checked_sub(1)?))
}

#[cfg(test)]
mod tests;

/// A sheet's merged regions, for the two questions a row asks of them in
/// O(log n): which regions start in this row, and which region covers a blank
/// cell from above. A ledger of 20,000 merged date cells asked this for every
/// row once took a row × region scan (44 s); now each column asked about is
/// indexed once, sorted by first row, and searched.
#[derive(Debug, Default)]
pub struct MergedIndex {
    /// All regions, by (first row, first column).
    regions: Vec<MergedRegion>,
    /// Per column asked about: the regions covering it.
    columns: std::cell::RefCell<std::collections::HashMap<u32, ColumnRegions>>,
}

/// The regions covering one column, by first row, with a running maximum of
/// their last rows (regions of a broken file may overlap: the maximum still
/// answers "does any region above reach this row").
#[derive(Debug)]
struct ColumnRegions {
    first_rows: Vec<u32>,
    /// `reach[i]`: the largest last row among regions `0..=i`, and which region (index into `regions`).
    reach: Vec<(u32, usize)>,
}

impl MergedIndex {
    /// Sorts `regions` once.
    pub fn new(mut regions: Vec<MergedRegion>) -> Self {
        regions.sort_by_key(|region| (region.first_row, region.first_column));
        Self {
            regions,
            columns: Default::default(),
        }
    }

    /// The regions whose top-left cell is in `row`.
    pub fn starting_in(&self, row: u32) -> &[MergedRegion] {
        let start = self.regions.partition_point(|r| r.first_row < row);
        let len = self.regions[start..].partition_point(|r| r.first_row == row);
        &self.regions[start..start + len]
    }

    /// A region that starts above `row` and covers `(row, column)`, so the
    /// blank cell there shows the region's top-left value.
    pub fn covering_from_above(&self, row: u32, column: u32) -> Option<&MergedRegion> {
        let mut columns = self.columns.borrow_mut();
        let index = columns.entry(column).or_insert_with(|| {
            let mut first_rows = Vec::new();
            let mut reach: Vec<(u32, usize)> = Vec::new();
            for (at, region) in self.regions.iter().enumerate() {
                if (region.first_column..=region.last_column).contains(&column) {
                    let best = match reach.last() {
                        Some(&(last, which)) if last >= region.last_row => (last, which),
                        _ => (region.last_row, at),
                    };
                    first_rows.push(region.first_row);
                    reach.push(best);
                }
            }
            ColumnRegions { first_rows, reach }
        });
        let above = index.first_rows.partition_point(|&first| first < row);
        let &(last_row, which) = index.reach.get(above.checked_sub(1)?)?;
        (last_row >= row).then(|| &self.regions[which])
    }
}

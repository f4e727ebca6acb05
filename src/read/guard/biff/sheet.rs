//! What calamine builds for one xls sheet: the bounding box of its cells (and
//! which cells lie far out), its DIMENSIONS records and the corrected record,
//! and the bytes the sheet costs while gathered, held and copied.

use super::super::{u16_at, u32_at, DATA_CELL, SPARSE_CELL, SPARSE_FORMULA, STRING};

/// Tracks the most extreme value on one side of a sheet's cells, the cell
/// holding it, and the runner-up value, to name a cell lying far out.
#[derive(Clone, Copy, Default)]
pub(in crate::read::guard) struct Side {
    best: Option<i64>,
    cell: (u32, u32),
    ties: u32,
    second: Option<i64>,
}

impl Side {
    fn add(&mut self, key: i64, cell: (u32, u32)) {
        match self.best {
            None => {
                self.best = Some(key);
                self.cell = cell;
                self.ties = 1;
            }
            Some(best) if key > best => {
                self.second = Some(best);
                self.best = Some(key);
                self.cell = cell;
                self.ties = 1;
            }
            Some(best) if key == best => self.ties += 1,
            Some(_) => self.second = self.second.max(Some(key)),
        }
    }
}

/// The bounding box of some cells: `[top, left, bottom, right]` sides.
#[derive(Clone, Copy, Default)]
pub(in crate::read::guard) struct Bounds {
    pub(in crate::read::guard) sides: [Side; 4],
}

impl Bounds {
    pub(in crate::read::guard) fn add(&mut self, row: u32, column: u32) {
        let cell = (row, column);
        self.sides[0].add(-i64::from(row), cell);
        self.sides[1].add(-i64::from(column), cell);
        self.sides[2].add(i64::from(row), cell);
        self.sides[3].add(i64::from(column), cell);
    }

    pub(in crate::read::guard) fn values(&self) -> Option<[i64; 4]> {
        let mut values = [0; 4];
        for (value, side) in values.iter_mut().zip(&self.sides) {
            *value = side.best?;
        }
        Some(values)
    }

    pub(in crate::read::guard) fn area_of(values: [i64; 4]) -> u64 {
        let rows = (values[2] + values[0] + 1).max(0) as u64;
        let columns = (values[3] + values[1] + 1).max(0) as u64;
        rows * columns
    }

    /// Cells of the dense grid calamine builds over these cells.
    pub(in crate::read::guard) fn area(&self) -> u64 {
        self.values().map_or(0, Self::area_of)
    }

    /// (top, left, bottom, right) as 0-based row and column numbers.
    pub(in crate::read::guard) fn corners(&self) -> Option<(u32, u32, u32, u32)> {
        let v = self.values()?;
        Some(((-v[0]) as u32, (-v[1]) as u32, v[2] as u32, v[3] as u32))
    }

    /// The cells lying far out: removed one at a time, each the one whose
    /// removal shrinks the grid most, while the grid is more than four times
    /// the `cells` it holds.
    pub(in crate::read::guard) fn outliers(&self, cells: u64) -> Vec<(u32, u32)> {
        let Some(mut values) = self.values() else {
            return Vec::new();
        };
        let mut used = [false; 4];
        let mut found = Vec::new();
        while Self::area_of(values) > cells.saturating_mul(4).saturating_add(1 << 16) {
            let mut best: Option<(u64, usize, i64)> = None;
            for (index, side) in self.sides.iter().enumerate() {
                let (false, Some(second), 1) = (used[index], side.second, side.ties) else {
                    continue;
                };
                let mut shrunk = values;
                shrunk[index] = second;
                let area = Self::area_of(shrunk);
                if best.is_none_or(|(smallest, _, _)| area < smallest) {
                    best = Some((area, index, second));
                }
            }
            // Only a cell that shrinks the grid at least fourfold is to blame.
            let Some((area, index, second)) =
                best.filter(|(area, _, _)| area.saturating_mul(4) <= Self::area_of(values))
            else {
                break;
            };
            let cell = self.sides[index].cell;
            used[index] = true;
            values[index] = second;
            if !found.contains(&cell) {
                found.push(cell);
            }
            if area == 0 {
                break;
            }
        }
        found
    }
}

/// One DIMENSIONS record of a sheet.
pub(in crate::read::guard) struct Dimensions {
    pub(in crate::read::guard) offset: usize,
    pub(in crate::read::guard) len: usize,
    /// Cells calamine reserves from it (its row count times its column count,
    /// worked out with calamine's wrapping arithmetic), on top of those gathered.
    pub(in crate::read::guard) reserve: u64,
    pub(in crate::read::guard) before: u64,
    /// Its last row or column comes before its first: calamine's arithmetic wraps.
    pub(in crate::read::guard) broken: bool,
}

/// What calamine will build for one sheet.
#[derive(Default)]
pub(in crate::read::guard) struct SheetScan {
    pub(in crate::read::guard) name: String,
    pub(in crate::read::guard) cells: u64,
    pub(in crate::read::guard) heap: u64,
    pub(in crate::read::guard) bounds: Bounds,
    pub(in crate::read::guard) formulas: u64,
    pub(in crate::read::guard) formula_heap: u64,
    /// Bytes calamine moves building the formula texts, and the slowest formula.
    pub(in crate::read::guard) formula_moves: u64,
    pub(in crate::read::guard) slowest_formula: (u64, u16, u16),
    pub(in crate::read::guard) formula_bounds: Bounds,
    pub(in crate::read::guard) dimensions: Vec<Dimensions>,
}

impl SheetScan {
    pub(in crate::read::guard) fn push(&mut self, row: u16, column: u32, heap: u64) {
        self.cells += 1;
        self.heap = self.heap.saturating_add(heap);
        self.bounds.add(u32::from(row), column);
    }

    pub(in crate::read::guard) fn dense(&self) -> u64 {
        self.bounds.area()
    }

    /// The dense range and its texts, as kept by calamine and copied when read.
    pub(in crate::read::guard) fn range_bytes(&self) -> u64 {
        self.dense()
            .saturating_mul(DATA_CELL)
            .saturating_add(self.heap)
    }

    pub(in crate::read::guard) fn held_bytes(&self) -> u64 {
        self.range_bytes()
            .saturating_add(self.formula_bounds.area().saturating_mul(STRING))
            .saturating_add(self.formula_heap)
    }

    /// Cells reserved by the DIMENSIONS records as they will be (corrected ones
    /// reserve the real grid).
    pub(in crate::read::guard) fn reserved(&self, corrected: bool) -> u64 {
        self.dimensions
            .iter()
            .map(|d| {
                let reserve = if corrected && self.needs_correction(d) {
                    self.dense()
                } else {
                    d.reserve
                };
                d.before.saturating_add(reserve)
            })
            .max()
            .unwrap_or(0)
    }

    /// The vector of gathered cells and formulas while the sheet is parsed.
    pub(in crate::read::guard) fn gathering_bytes(&self, corrected: bool) -> u64 {
        self.reserved(corrected)
            .max(self.cells)
            .saturating_mul(SPARSE_CELL)
            .saturating_add(self.formulas.saturating_mul(SPARSE_FORMULA))
    }

    /// A DIMENSIONS record is corrected when calamine's arithmetic on it wraps,
    /// or when it reserves far more than the cells will take (64 MiB more).
    pub(in crate::read::guard) fn needs_correction(&self, d: &Dimensions) -> bool {
        d.broken
            || d.reserve.saturating_mul(SPARSE_CELL)
                > self
                    .dense()
                    .max(self.cells)
                    .saturating_mul(SPARSE_CELL)
                    .saturating_add(64 << 20)
    }
}

/// calamine's reading of a DIMENSIONS record: `None` where it errors.
pub(in crate::read::guard) fn dimensions(data: &[u8]) -> Option<(u64, bool)> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let broken = end.0 < start.0 || end.1 < start.1;
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
    let columns = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
    Some((rows.saturating_mul(columns), broken))
}

/// The DIMENSIONS record calamine should have seen: the sheet's real grid.
pub(in crate::read::guard) fn corrected_dimensions(len: usize, bounds: &Bounds) -> Vec<u8> {
    let (top, left, bottom, right) = bounds.corners().unwrap_or((0, 0, 0, 0));
    let (last_row, last_column) = if bounds.values().is_some() {
        (bottom + 1, right + 1)
    } else {
        (0, 0)
    };
    let mut bytes = Vec::with_capacity(len);
    if len == 10 {
        bytes.extend_from_slice(&(top.min(0xFFFF) as u16).to_le_bytes());
        bytes.extend_from_slice(&(last_row.min(0xFFFF) as u16).to_le_bytes());
    } else {
        bytes.extend_from_slice(&top.to_le_bytes());
        bytes.extend_from_slice(&last_row.to_le_bytes());
    }
    bytes.extend_from_slice(&(left.min(0xFFFF) as u16).to_le_bytes());
    bytes.extend_from_slice(&(last_column.min(0xFFFF) as u16).to_le_bytes());
    bytes.resize(len, 0);
    bytes
}

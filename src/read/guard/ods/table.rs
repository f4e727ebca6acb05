//! What one ods table costs calamine: the rows it turns into a dense range,
//! the cells of the row being read, and the bytes a table holds once read.

use super::super::{DATA_CELL, STRING};
use super::ODS_MAX_CELLS;

/// The rows of a table that calamine turns into one dense range: from the first
/// row with a non-empty cell to the last, every row repeated as often as it says.
#[derive(Default, Clone, Copy)]
pub(in crate::read::guard) struct Extent {
    pub(in crate::read::guard) started: bool,
    pub(in crate::read::guard) rows: u64,
    pub(in crate::read::guard) pending_empty: u64,
    /// Row elements in the range (calamine reserves room for one copy of each).
    pub(in crate::read::guard) elements: u64,
    pub(in crate::read::guard) pending_elements: u64,
    pub(in crate::read::guard) first_column: u64,
    pub(in crate::read::guard) last_column: u64,
    pub(in crate::read::guard) heap: u64,
}

impl Extent {
    pub(in crate::read::guard) fn add_row(
        &mut self,
        repeats: u64,
        span: Option<(u64, u64)>,
        heap_per_copy: u64,
    ) {
        match span {
            Some((first, last)) => {
                if self.started {
                    self.rows = self
                        .rows
                        .saturating_add(self.pending_empty)
                        .saturating_add(repeats);
                    self.elements += self.pending_elements + 1;
                    self.first_column = self.first_column.min(first);
                    self.last_column = self.last_column.max(last);
                } else {
                    *self = Extent {
                        started: true,
                        rows: repeats,
                        elements: 1,
                        first_column: first,
                        last_column: last,
                        ..Extent::default()
                    };
                }
                self.pending_empty = 0;
                self.pending_elements = 0;
                self.heap = self
                    .heap
                    .saturating_add(heap_per_copy.saturating_mul(repeats));
            }
            None if self.started => {
                self.pending_empty = self.pending_empty.saturating_add(repeats);
                self.pending_elements += 1;
            }
            None => {}
        }
    }

    pub(in crate::read::guard) fn width(&self) -> u64 {
        if self.started {
            self.last_column + 1 - self.first_column
        } else {
            0
        }
    }

    /// Cells of the range, or of the room calamine reserves for it when that
    /// is more (one copy of each row element, at most its cell limit).
    pub(in crate::read::guard) fn cells(&self) -> u64 {
        let reserved = self
            .elements
            .saturating_mul(self.width())
            .min(ODS_MAX_CELLS);
        self.rows.saturating_mul(self.width()).max(reserved)
    }
}

/// The cells of the row being read, as calamine pushes them.
#[derive(Default)]
pub(in crate::read::guard) struct OdsRow {
    pub(in crate::read::guard) repeats: u64,
    /// 0-based row number of this row in the expanded table.
    pub(in crate::read::guard) number: u64,
    pub(in crate::read::guard) pushed: u64,
    pub(in crate::read::guard) pending_empty: u64,
    pub(in crate::read::guard) values: Option<(u64, u64)>,
    pub(in crate::read::guard) values_heap: u64,
    pub(in crate::read::guard) formulas: Option<(u64, u64)>,
    pub(in crate::read::guard) formulas_heap: u64,
}

/// The cell being read: what `get_datatype` found so far.
#[derive(Default)]
pub(in crate::read::guard) struct OdsCell {
    pub(in crate::read::guard) repeats: u64,
    pub(in crate::read::guard) valued: bool,
    pub(in crate::read::guard) value_len: u64,
    pub(in crate::read::guard) formula_len: u64,
}

/// One table's costs.
#[derive(Default)]
pub(in crate::read::guard) struct OdsTable {
    pub(in crate::read::guard) name: String,
    pub(in crate::read::guard) total_rows: u64,
    pub(in crate::read::guard) raw_cells: u64,
    pub(in crate::read::guard) raw_heap: u64,
    pub(in crate::read::guard) values: Extent,
    pub(in crate::read::guard) formulas: Extent,
    /// The valued cell copied most often: (copies, row, column).
    pub(in crate::read::guard) most_copied: (u64, u64, u64),
}

impl OdsTable {
    pub(in crate::read::guard) fn range_bytes(&self) -> u64 {
        self.values
            .cells()
            .saturating_mul(DATA_CELL)
            .saturating_add(self.values.heap)
    }

    pub(in crate::read::guard) fn held_bytes(&self) -> u64 {
        self.range_bytes().saturating_add(
            self.formulas
                .cells()
                .saturating_mul(STRING)
                .saturating_add(self.formulas.heap),
        )
    }

    /// calamine gathers a table as one `Data` and one formula `String` per pushed cell.
    pub(in crate::read::guard) fn raw_bytes(&self) -> u64 {
        self.raw_cells
            .saturating_mul(DATA_CELL + STRING)
            .saturating_add(self.raw_heap)
    }
}

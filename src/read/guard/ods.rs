//! The ods `content.xml` scan behind [`check_ods`](super::check_ods): the
//! tables, rows and cells read as calamine reads them, repeats expanded as it
//! expands them, and the estimate checked against the budget as it grows.
//! What one table costs is worked out in [`table`].

use anyhow::{anyhow, Result};

use super::xml::{attribute, attributes, parse_count, unescape, XmlEvent, XmlVisitor};
use super::{cell_address, grouped, heap, mib, MEMORY_BUDGET};

mod table;

use table::{OdsCell, OdsRow, OdsTable};

/// calamine caps the rows of an ods table at Excel's limit.
const ODS_MAX_ROWS: u64 = 1_048_576;
/// … and the cells of one row.
const ODS_MAX_COLUMNS: u64 = 16_384;
/// … and refuses a table of more cells (after building that many).
const ODS_MAX_CELLS: u64 = 100_000_000;

/// Where the scanner is, in calamine's reading of `content.xml`.
#[derive(Default)]
enum OdsMode {
    #[default]
    Outside,
    /// Inside a `table:table` with a name (calamine's `read_table`).
    Table,
    /// Inside a row (`read_row`).
    Row,
    /// Inside a cell whose text is its value (`get_datatype`'s loop).
    Text {
        in_annotation: bool,
        first_paragraph: bool,
    },
    /// Skipping the rest of a cell (`read_to_end_into`).
    Skip { depth: u32 },
}

#[derive(Default)]
pub(super) struct OdsScan {
    mode: OdsMode,
    table: OdsTable,
    row: OdsRow,
    cell: OdsCell,
    /// Bytes of the finished tables' ranges, all kept by calamine.
    held: u64,
    /// The most any one table needs on top while it is built or copied.
    transient: u64,
    /// The longest single text calamine builds (a growing `String` may hold twice it).
    longest_text: u64,
    /// The table that needs the most, for the message.
    worst: Option<OdsTable>,
}

impl XmlVisitor for OdsScan {
    fn event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        self.on_event(event)
    }
}

impl OdsScan {
    pub(super) fn estimate(&self, current: Option<&OdsTable>) -> u64 {
        let (held, transient) = match current {
            Some(table) => (
                table.held_bytes(),
                table.raw_bytes().max(table.range_bytes()),
            ),
            None => (0, 0),
        };
        self.held
            .saturating_add(held)
            .saturating_add(self.transient.max(transient))
            .saturating_add(self.longest_text.saturating_mul(2))
    }

    fn on_event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        match std::mem::take(&mut self.mode) {
            OdsMode::Outside => {
                if let XmlEvent::Start {
                    name: b"table:table",
                    attrs,
                } = event
                {
                    if let Some(name) = attribute(attrs, b"table:name") {
                        self.table = OdsTable {
                            name: unescape(name)
                                .unwrap_or_else(|| String::from_utf8_lossy(name).into_owned()),
                            ..OdsTable::default()
                        };
                        self.mode = OdsMode::Table;
                        return Ok(());
                    }
                }
                self.mode = OdsMode::Outside;
            }
            OdsMode::Table => match event {
                XmlEvent::Start {
                    name: b"table:table-row",
                    attrs,
                } => {
                    let repeats = attribute(attrs, b"table:number-rows-repeated")
                        .map_or(Some(1), |v| parse_count(v, true))
                        .unwrap_or(1);
                    let capped = repeats.min(ODS_MAX_ROWS.saturating_sub(self.table.total_rows));
                    self.row = OdsRow {
                        repeats: capped,
                        number: self.table.total_rows,
                        ..OdsRow::default()
                    };
                    self.table.total_rows += capped;
                    self.mode = OdsMode::Row;
                }
                XmlEvent::End {
                    name: b"table:table",
                } => {
                    self.finish_table();
                    self.mode = OdsMode::Outside;
                }
                _ => self.mode = OdsMode::Table,
            },
            OdsMode::Row => match event {
                XmlEvent::Start { name, attrs }
                    if name == b"table:table-cell" || name == b"table:covered-table-cell" =>
                {
                    self.mode = self.start_cell(attrs);
                }
                XmlEvent::End {
                    name: b"table:table-row",
                } => {
                    self.finish_row()?;
                    self.mode = OdsMode::Table;
                }
                // calamine fails on anything else in a row; counting on is safe.
                _ => self.mode = OdsMode::Row,
            },
            OdsMode::Text {
                in_annotation,
                first_paragraph,
            } => {
                let mut first = first_paragraph;
                let mut annotation = in_annotation;
                match event {
                    XmlEvent::End { name } if annotation => {
                        annotation = name != b"office:annotation";
                    }
                    _ if annotation => {}
                    XmlEvent::End { name }
                        if name == b"table:table-cell" || name == b"table:covered-table-cell" =>
                    {
                        self.push_cell();
                        self.mode = OdsMode::Row;
                        return Ok(());
                    }
                    XmlEvent::Text(bytes) => self.cell.value_len += bytes,
                    XmlEvent::Start { name, attrs } => match name {
                        b"office:annotation" => annotation = true,
                        b"text:p" => {
                            if !first {
                                self.cell.value_len += 1;
                            }
                            first = false;
                        }
                        b"text:s" => {
                            let spaces = attribute(attrs, b"text:c")
                                .map_or(Some(1), |v| parse_count(v, true))
                                .unwrap_or(0);
                            self.cell.value_len = self.cell.value_len.saturating_add(spaces);
                        }
                        b"text:tab" | b"text:line-break" => self.cell.value_len += 1,
                        _ => {}
                    },
                    XmlEvent::End { .. } => {}
                }
                self.longest_text = self.longest_text.max(self.cell.value_len);
                if self.longest_text.saturating_mul(2) > MEMORY_BUDGET {
                    return Err(self.refusal(&self.table));
                }
                self.mode = OdsMode::Text {
                    in_annotation: annotation,
                    first_paragraph: first,
                };
            }
            OdsMode::Skip { depth } => {
                let depth = match event {
                    XmlEvent::Start { name, .. } if is_cell(name) => depth + 1,
                    XmlEvent::End { name } if is_cell(name) => depth - 1,
                    _ => depth,
                };
                self.mode = if depth == 0 {
                    OdsMode::Row
                } else {
                    OdsMode::Skip { depth }
                };
            }
        }
        Ok(())
    }

    /// A cell's start tag, read as `get_datatype` reads it.
    fn start_cell(&mut self, attrs: &[u8]) -> OdsMode {
        let repeats = attribute(attrs, b"table:number-columns-repeated")
            .map_or(Some(1), |v| parse_count(v, false))
            .unwrap_or(1);
        let mut value_set = false;
        let mut string = false;
        let mut error = false;
        let mut value_len = 0;
        let mut formula_len = 0;
        for (key, value) in attributes(attrs) {
            match key {
                b"office:value" | b"office:boolean-value" if !value_set => value_set = true,
                b"office:string-value" | b"office:date-value" | b"office:time-value"
                    if !value_set =>
                {
                    value_set = true;
                    value_len = value.len() as u64;
                }
                b"office:value-type" if !value_set => string = value == b"string",
                b"calcext:value-type" => error = value == b"error",
                b"table:formula" => formula_len = value.len() as u64,
                _ => {}
            }
        }
        let text = (!value_set && string) || (error && value_set && value_len == 0);
        self.cell = OdsCell {
            repeats,
            valued: value_set || text,
            value_len: if text { 0 } else { value_len },
            formula_len,
        };
        if text {
            OdsMode::Text {
                in_annotation: false,
                first_paragraph: true,
            }
        } else {
            self.push_cell();
            OdsMode::Skip { depth: 1 }
        }
    }

    /// Pushes the cell's copies as `read_row` does.
    fn push_cell(&mut self) {
        let row = &mut self.row;
        let cell = &self.cell;
        let table = &mut self.table;
        let empty = row.pending_empty.min(ODS_MAX_COLUMNS - row.pushed);
        row.pushed += empty;
        table.raw_cells += empty;
        row.pending_empty = 0;
        let copies = cell.repeats.min(ODS_MAX_COLUMNS - row.pushed);
        if !cell.valued && cell.formula_len == 0 {
            row.pending_empty = copies;
            return;
        }
        if copies == 0 {
            return;
        }
        let first = row.pushed;
        let last = first + copies - 1;
        row.pushed += copies;
        table.raw_cells += copies;
        let value_heap = heap(cell.value_len);
        let formula_heap = heap(cell.formula_len);
        table.raw_heap = table
            .raw_heap
            .saturating_add(copies.saturating_mul(value_heap + formula_heap));
        if cell.valued {
            row.values = Some(row.values.map_or((first, last), |(f, _)| (f, last)));
            row.values_heap = row
                .values_heap
                .saturating_add(copies.saturating_mul(value_heap));
            let total = copies.saturating_mul(row.repeats);
            if total > table.most_copied.0 {
                table.most_copied = (total, row.number, first);
            }
        }
        if cell.formula_len > 0 {
            row.formulas = Some(row.formulas.map_or((first, last), |(f, _)| (f, last)));
            row.formulas_heap = row
                .formulas_heap
                .saturating_add(copies.saturating_mul(formula_heap));
        }
    }

    fn finish_row(&mut self) -> Result<()> {
        let row = std::mem::take(&mut self.row);
        self.table
            .values
            .add_row(row.repeats, row.values, row.values_heap);
        self.table
            .formulas
            .add_row(row.repeats, row.formulas, row.formulas_heap);
        if self.estimate(Some(&self.table)) > MEMORY_BUDGET {
            return Err(self.refusal(&self.table));
        }
        Ok(())
    }

    fn finish_table(&mut self) {
        let table = std::mem::take(&mut self.table);
        self.held = self.held.saturating_add(table.held_bytes());
        self.transient = self
            .transient
            .max(table.raw_bytes())
            .max(table.range_bytes());
        if self
            .worst
            .as_ref()
            .is_none_or(|worst| worst.held_bytes() < table.held_bytes())
        {
            self.worst = Some(table);
        }
    }

    pub(super) fn finish(&self) -> Result<()> {
        if self.estimate(None) > MEMORY_BUDGET {
            let empty = OdsTable::default();
            return Err(self.refusal(self.worst.as_ref().unwrap_or(&empty)));
        }
        Ok(())
    }

    fn refusal(&self, table: &OdsTable) -> anyhow::Error {
        let need = grouped(mib(self.estimate(Some(table))));
        let limit = mib(MEMORY_BUDGET);
        let what = if self.longest_text.saturating_mul(2) > MEMORY_BUDGET / 2 {
            format!(
                "有一个单元格的文字展开后长达 {} MB（text:s 等重复空格）",
                grouped(mib(self.longest_text))
            )
        } else if table.raw_cells > table.values.cells().saturating_mul(2) {
            format!(
                "读取时要先逐个读入 {} 个单元格（大多是用「重复」属性 table:number-columns-repeated 展开的空单元格）",
                grouped(table.raw_cells)
            )
        } else {
            let (copies, row, column) = table.most_copied;
            let extent = format!(
                "展开后有 {} 行 × {} 列 = {} 个单元格",
                grouped(table.values.rows),
                grouped(table.values.width()),
                grouped(table.values.cells())
            );
            if copies > 1 && copies >= table.values.cells() / 10 {
                format!(
                    "的单元格 {} 用「重复」属性（table:number-columns-repeated / table:number-rows-repeated）复制了 {} 次，{extent}",
                    cell_address(&table.name, row.min(u64::from(u32::MAX)) as u32, column as u32),
                    grouped(copies)
                )
            } else {
                extent
            }
        };
        anyhow!(
            "ODS 工作表「{}」{what}，读取时约需 {need} MB 内存，超过 jixiao 读取 ods 的上限 {limit} MB。文件可能已损坏或是恶意构造的；如果是真实的表格，请在 LibreOffice 或 WPS 中删去多余的行列，另存为 .xlsx（Excel 工作簿）后再试（jixiao 逐行读取 .xlsx，不受此限制）",
            table.name
        )
    }
}

fn is_cell(name: &[u8]) -> bool {
    name == b"table:table-cell" || name == b"table:covered-table-cell"
}

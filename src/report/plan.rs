//! Sheets as plain data: what goes in which cell, with which style, which
//! formula and which cached result. Unit tests check plans without files;
//! [`render`] is the one place that turns a plan into rust_xlsxwriter calls.

use anyhow::Result;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatAlign, FormatBorder,
    Formula, Worksheet,
};

/// The page footer of every sheet: 第 N 页，共 M 页.
pub const PAGE_FOOTER: &str = "&C第 &P 页，共 &N 页";

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Bold, centred, shaded, wrapped: column headers.
    Header,
    /// Bold, shaded: labels in the first column.
    Label,
    /// Bordered text.
    Text,
    /// Bordered, wrapped text.
    Wrap,
    /// Bordered `#,##0.00`.
    Money,
    /// Bordered `0.0%`.
    Rate,
    /// Bordered, centred text (grades).
    Centered,
    /// Bold text without a border (section titles).
    Title,
    /// Plain text without a border (notes).
    Note,
    /// Wrapped text without a border (a note merged across a table).
    NoteWrap,
    /// Bold red on a light red fill, bordered and wrapped: a tie-out that does
    /// not agree, a warning.
    Alert,
}

/// What a formula shows before anyone recalculates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cached {
    /// A number.
    Number(Decimal),
    /// Text (possibly empty).
    Text(String),
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A number.
    Number(Decimal),
    /// A formula and its computed result (readers that do not recalculate see the result).
    Formula(String, Cached),
    /// A formatted empty cell.
    Blank,
}

/// One planned cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub column: u16,
    /// Its content.
    pub value: Value,
    /// Its look.
    pub style: Style,
}

/// A cell range, 0-based and inclusive: (first row, first column, last row, last column).
pub type Range = (u32, u16, u32, u16);

/// A chart: its kind of content and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartPlan {
    /// Title shown above the chart.
    pub title: String,
    /// Series: (name, sheet, range of values) drawn as columns.
    pub columns: Vec<(String, String, Range)>,
    /// Series drawn as lines.
    pub lines: Vec<(String, String, Range)>,
    /// The category labels (sheet, range).
    pub categories: (String, Range),
    /// The value axis number format (`0.00` or `0%`).
    pub number_format: String,
    /// Top-left cell where the chart is placed.
    pub anchor: (u32, u16),
}

/// A whole sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SheetPlan {
    /// The sheet's name.
    pub name: String,
    /// The cells, in any order.
    pub cells: Vec<Cell>,
    /// Column widths in characters.
    pub widths: Vec<(u16, f64)>,
    /// Row heights in points.
    pub heights: Vec<(u32, f64)>,
    /// Merged ranges; the first cell of each holds the value.
    pub merges: Vec<Range>,
    /// Rows and columns frozen above and left of this cell.
    pub freeze: Option<(u32, u16)>,
    /// Header rows repeated on every printed page.
    pub repeat_rows: Option<(u32, u32)>,
    /// Ranges whose grades are coloured by conditional formatting.
    pub grade_colours: Vec<Range>,
    /// Ranges whose monitoring marks (红, 黄, 绿) are coloured likewise.
    pub alert_colours: Vec<Range>,
    /// Charts.
    pub charts: Vec<ChartPlan>,
    /// Columns kept out of sight and out of print (chart data).
    pub hidden_columns: Vec<u16>,
    /// Rows a printed page starts at (before each chart, so none is cut).
    pub page_breaks: Vec<u32>,
    /// What prints, when not the whole sheet (chart data stays outside).
    pub print_area: Option<Range>,
    /// Page header and footer (Excel's `&C…` codes).
    pub page_header: String,
    /// Page footer.
    pub page_footer: String,
}

impl SheetPlan {
    /// An empty plan for a sheet named `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_string(),
            ..Self::default()
        }
    }

    /// A sheet that is one table: page header and footer with page numbers, a
    /// header row (two lines high, frozen, repeated on every printed page) of
    /// `columns` (header, width).
    pub fn table(name: &str, page_header: &str, columns: &[(&str, f64)]) -> Self {
        let mut sheet = Self::new(name);
        sheet.page_header = page_header.to_string();
        sheet.page_footer = PAGE_FOOTER.to_string();
        sheet.freeze = Some((1, 1));
        sheet.repeat_rows = Some((0, 0));
        // Headers like 支出金额（万元） wrap onto two lines.
        sheet.heights.push((0, 30.0));
        for (column, (header, width)) in columns.iter().enumerate() {
            sheet.text(0, column as u16, *header, Style::Header);
            sheet.widths.push((column as u16, *width));
        }
        sheet
    }

    /// Plans a cell.
    pub fn put(&mut self, row: u32, column: u16, value: Value, style: Style) {
        self.cells.push(Cell {
            row,
            column,
            value,
            style,
        });
    }

    /// Plans a text cell.
    pub fn text(&mut self, row: u32, column: u16, text: impl Into<String>, style: Style) {
        self.put(row, column, Value::Text(text.into()), style);
    }

    /// The planned cell at a position, for tests.
    pub fn cell(&self, row: u32, column: u16) -> Option<&Cell> {
        self.cells
            .iter()
            .rev()
            .find(|c| c.row == row && c.column == column)
    }
}

/// Grade colours, dark to light so that a grey print still tells them apart;
/// the grade's name is always in the cell, so colour only helps.
pub const GRADE_COLOURS: [(&str, &str, &str); 5] = [
    ("优秀", "1B5E20", "FFFFFF"),
    ("良好", "66BB6A", "000000"),
    ("中等", "FFF59D", "000000"),
    ("及格", "FFCC80", "000000"),
    ("差", "B71C1C", "FFFFFF"),
];

/// The colours of the monitoring marks (预算执行动态监控): mark, fill, font.
pub const ALERT_COLOURS: [(&str, &str, &str); 3] = [
    ("红", "C00000", "FFFFFF"),
    ("黄", "FFD966", "000000"),
    ("绿", "70AD47", "FFFFFF"),
];

fn format_for(style: Style) -> Format {
    let cell = || {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
    };
    match style {
        Style::Header => cell()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color("D9E1F2")
            .set_text_wrap(),
        Style::Label => cell().set_bold().set_background_color("D9E1F2"),
        Style::Text => cell(),
        Style::Wrap => cell().set_text_wrap(),
        Style::Money => cell().set_num_format("#,##0.00"),
        Style::Rate => cell().set_num_format("0.0%"),
        Style::Centered => cell().set_align(FormatAlign::Center),
        Style::Title => Format::new().set_bold(),
        Style::Note => Format::new(),
        Style::NoteWrap => Format::new().set_text_wrap().set_align(FormatAlign::Top),
        Style::Alert => cell()
            .set_text_wrap()
            .set_bold()
            .set_font_color("9C0006")
            .set_background_color("FFC7CE"),
    }
}

/// A text as a formula's string literal: quoted, quotes doubled, and cut into
/// pieces joined by `&` (a literal in an Excel formula holds at most 255 characters).
pub fn text_literal(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return "\"\"".to_string();
    }
    chars
        .chunks(200)
        .map(|piece| {
            format!(
                "\"{}\"",
                piece.iter().collect::<String>().replace('"', "\"\"")
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A decimal as a formula's number literal: `26.54`, `-8.97`, `0`.
pub fn number_literal(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A decimal as the float Excel stores; two-decimal figures below 10¹⁵ convert exactly enough.
pub fn float(value: Decimal) -> f64 {
    value.to_f64().unwrap_or_default()
}

/// Makes every text of `plan` valid for XML 1.0 and fit to show
/// ([`crate::xml_text::sanitize_xml_text`]: control characters become visible
/// marks); returns the cells (0-based row, column) whose text changed, in
/// plan order. Page header, footer and chart titles are cleaned too.
pub fn sanitize(plan: &mut SheetPlan) -> Vec<(u32, u16)> {
    fn clean(text: &mut String) -> bool {
        match crate::xml_text::sanitize_xml_text(text) {
            std::borrow::Cow::Borrowed(_) => false,
            std::borrow::Cow::Owned(clean) => {
                *text = clean;
                true
            }
        }
    }
    let mut marked = Vec::new();
    for cell in &mut plan.cells {
        let changed = match &mut cell.value {
            Value::Text(text) | Value::Formula(_, Cached::Text(text)) => clean(text),
            _ => false,
        };
        if changed {
            marked.push((cell.row, cell.column));
        }
    }
    clean(&mut plan.page_header);
    clean(&mut plan.page_footer);
    for chart in &mut plan.charts {
        clean(&mut chart.title);
    }
    marked
}

/// The most characters Excel holds in one cell (UTF-16 code units).
const CELL_UNITS: usize = 32_767;

/// What is said where a text was cut to fit a cell.
const CUT_NOTE: &str = "…（文字超过 Excel 单元格的长度上限，以下省略）";

/// A text as a cell holds it: valid for XML 1.0, and cut to Excel's 32,767
/// characters with a note where longer (a sheet name of 40,000 characters
/// quoted in 数据检查 must not fail the workbook).
fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    let text = crate::xml_text::sanitize_xml_text(text);
    if text.encode_utf16().count() <= CELL_UNITS {
        return text;
    }
    let room = CELL_UNITS - CUT_NOTE.encode_utf16().count();
    let mut used = 0;
    let mut cut: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= room
        })
        .collect();
    cut.push_str(CUT_NOTE);
    std::borrow::Cow::Owned(cut)
}

/// Writes a plan into a (standard, not constant-memory) worksheet; its texts
/// are written valid for XML 1.0 (see [`sanitize`]).
pub fn render(sheet: &mut Worksheet, plan: &SheetPlan) -> Result<()> {
    sheet.set_name(&plan.name)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    if !plan.page_header.is_empty() {
        sheet.set_header(crate::xml_text::sanitize_xml_text(&plan.page_header).as_ref());
    }
    if !plan.page_footer.is_empty() {
        sheet.set_footer(crate::xml_text::sanitize_xml_text(&plan.page_footer).as_ref());
    }
    for (column, width) in &plan.widths {
        sheet.set_column_width(*column, *width)?;
    }
    for (row, height) in &plan.heights {
        sheet.set_row_height(*row, *height)?;
    }
    if let Some((row, column)) = plan.freeze {
        sheet.set_freeze_panes(row, column)?;
    }
    if let Some((first, last)) = plan.repeat_rows {
        sheet.set_repeat_rows(first, last)?;
    }
    let merged_first =
        |row: u32, column: u16| plan.merges.iter().find(|m| m.0 == row && m.1 == column);
    for cell in &plan.cells {
        let format = format_for(cell.style);
        if let Some(&(r1, c1, r2, c2)) = merged_first(cell.row, cell.column) {
            let text = match &cell.value {
                Value::Text(text) => text.as_str(),
                _ => "",
            };
            let text = cell_text(text);
            sheet.merge_range(r1, c1, r2, c2, &text, &format)?;
            if !matches!(cell.value, Value::Formula(..)) {
                continue;
            }
        }
        let (row, column) = (cell.row, cell.column);
        match &cell.value {
            Value::Text(text) => {
                sheet.write_string_with_format(row, column, cell_text(text), &format)?
            }
            Value::Number(number) => {
                sheet.write_number_with_format(row, column, float(*number), &format)?
            }
            Value::Formula(formula, cached) => {
                let result = match cached {
                    Cached::Number(number) => float(*number).to_string(),
                    Cached::Text(text) => crate::xml_text::sanitize_xml_text(text).into_owned(),
                };
                sheet.write_formula_with_format(
                    row,
                    column,
                    Formula::new(formula).set_result(result),
                    &format,
                )?
            }
            Value::Blank => sheet.write_blank(row, column, &format)?,
        };
    }
    let coloured = plan
        .grade_colours
        .iter()
        .map(|range| (range, &GRADE_COLOURS[..]))
        .chain(
            plan.alert_colours
                .iter()
                .map(|range| (range, &ALERT_COLOURS[..])),
        );
    for (&(r1, c1, r2, c2), colours) in coloured {
        for &(grade, fill, font) in colours {
            let colour = Format::new()
                .set_background_color(fill)
                .set_font_color(font)
                .set_bold();
            let rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(format!("\"{grade}\"")))
                .set_format(colour);
            sheet.add_conditional_format(r1, c1, r2, c2, &rule)?;
        }
    }
    for column in &plan.hidden_columns {
        sheet.set_column_hidden(*column)?;
    }
    if let Some((r1, c1, r2, c2)) = plan.print_area {
        sheet.set_print_area(r1, c1, r2, c2)?;
    }
    if !plan.page_breaks.is_empty() {
        sheet.set_page_breaks(&plan.page_breaks)?;
    }
    for chart in &plan.charts {
        sheet.insert_chart(chart.anchor.0, chart.anchor.1, &build_chart(chart))?;
    }
    Ok(())
}

fn build_chart(plan: &ChartPlan) -> Chart {
    use rust_xlsxwriter::ChartType;
    let (kind, first) = if plan.columns.is_empty() {
        (ChartType::Line, &plan.lines)
    } else {
        (ChartType::Column, &plan.columns)
    };
    let mut chart = Chart::new(kind);
    let (category_sheet, (cr1, cc1, cr2, cc2)) = &plan.categories;
    let add = |chart: &mut Chart, (name, sheet, (r1, c1, r2, c2)): &(String, String, Range)| {
        chart
            .add_series()
            .set_name(name.as_str())
            .set_categories((category_sheet.as_str(), *cr1, *cc1, *cr2, *cc2))
            .set_values((sheet.as_str(), *r1, *c1, *r2, *c2));
    };
    for series in first {
        add(&mut chart, series);
    }
    if !plan.columns.is_empty() && !plan.lines.is_empty() {
        let mut lines = Chart::new(ChartType::Line);
        for series in &plan.lines {
            add(&mut lines, series);
        }
        chart.combine(&lines);
    }
    chart.title().set_name(&plan.title);
    chart.y_axis().set_num_format(&plan.number_format);
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.set_width(900).set_height(320);
    // Chart data may sit in hidden columns; months not yet due are #N/A or
    // empty there, and are drawn as gaps, never as zeros.
    chart.show_hidden_data();
    chart.show_empty_cells_as(rust_xlsxwriter::ChartEmptyCells::Gaps);
    chart
}
/// The amounts of 一月 … 十二月 on a year's 月度分析 sheet, `$B$2:$B$13`, for
/// the formulas of other sheets that follow them.
pub const MONTH_AMOUNTS: &str = "$B$2:$B$13";

/// The lines `text` takes wrapped in a column `width` characters wide, in
/// the widest default font of Excel, WPS and LibreOffice: a CJK character
/// about 2.1 columns (Excel's 11-point 等线 / 宋体 against Calibri's digit),
/// others 1.1.
fn wrapped_lines(text: &str, width: f64) -> f64 {
    let used: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum();
    (used / (width - 2.0).max(1.0)).ceil().max(1.0)
}

/// The height (points) of a row whose wrapped `text` in a column `width`
/// characters wide must show whole.
pub fn text_row_height(text: &str, width: f64) -> f64 {
    wrapped_lines(text, width) * 15.0
}

/// The height (points) of a merged cell holding `text` across `width`
/// characters: as [`text_row_height`], with a line to spare.
pub fn merged_row_height(text: &str, width: f64) -> f64 {
    (wrapped_lines(text, width) + 1.0) * 15.0
}

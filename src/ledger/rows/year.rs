//! The year of rows that carry none (a monthly table, 月 | 日 columns, dates
//! written without their year), and where it came from: `--year`, a sheet's
//! name, the titles, the file's name — or a span of months across two years
//! that the title states (`2016年9月—2017年8月`).

use crate::dates::{find_bare_year, find_month_span, find_year_in_text};
use crate::ledger::layout::Layout;
use crate::ledger::lines::YearSource;
use crate::ledger::options::ReadOptions;

/// The year of rows that carry none, and where it came from, in this order:
/// a month sheet's name (`2017年1月`), a sheet name's own year when `--year`
/// names another (that sheet is another year's), `--year` (or its setting),
/// the titles or header (`2017年支出明细账`), the sheet's name (`2017年`,
/// `2017支出`), the file's name (`2017年办公经费台账.xlsx`).
pub fn context_year(
    layout: &Layout,
    options: &ReadOptions,
    sheet_year: Option<i32>,
) -> (Option<i32>, Option<YearSource>) {
    let from_sheet = || Some(YearSource::SheetName(layout.sheet.clone()));
    // A sheet named for its year (`2016年`, `2017.03`) holds that year's rows
    // whatever year is graded: `--year` then chooses among the sheets, it
    // never moves a 2016 sheet's rows into 2017.
    if let Some(year) = sheet_year {
        return (Some(year), from_sheet());
    }
    let in_sheet_name = find_year_in_text(&layout.sheet);
    if let Some(year) = in_sheet_name.or_else(|| find_bare_year(&layout.sheet)) {
        if options.year.is_some_and(|wanted| wanted != year) {
            return (Some(year), from_sheet());
        }
    }
    if let Some(year) = options.year {
        let given = if options.year_from_month_sheets {
            YearSource::MonthSheets
        } else {
            YearSource::Setting
        };
        return (Some(year), Some(given));
    }
    if let Some(year) = layout
        .kind
        .sheet_layout()
        .title_year()
        .or(layout.year_in_titles)
    {
        // The layout's year may be the sheet name's own `2017年`: say so.
        let headers: String = layout.headers.iter().map(|(_, t)| t.as_str()).collect();
        let only_in_sheet_name = find_year_in_text(&layout.title).is_none()
            && find_year_in_text(&headers).is_none()
            && in_sheet_name == Some(year)
            && layout.kind.sheet_layout().title_year().is_none();
        let source = if only_in_sheet_name {
            from_sheet()
        } else {
            Some(YearSource::Titles)
        };
        return (Some(year), source);
    }
    if let Some(year) = in_sheet_name.or_else(|| find_bare_year(&layout.sheet)) {
        return (Some(year), from_sheet());
    }
    let file = options.file_name.as_deref().unwrap_or_default();
    match find_year_in_text(file).or_else(|| find_bare_year(file)) {
        Some(year) => (Some(year), Some(YearSource::FileName(file.to_string()))),
        None => (None, None),
    }
}

/// A span of months across two years stated in the titles or header, the
/// sheet's name or the file's name (`2016年9月—2017年8月经费支出登记簿`), with
/// where it was found.
pub fn month_span(layout: &Layout, options: &ReadOptions) -> Option<YearSource> {
    let headers: String = layout.headers.iter().map(|(_, t)| t.as_str()).collect();
    let file = options.file_name.as_deref().unwrap_or_default();
    // The first text that names a year decides, as for the context year: a
    // title's `2017年` is not overridden by a span in the file's name.
    for (text, place) in [
        (layout.title.as_str(), "表格标题"),
        (headers.as_str(), "表头"),
        (layout.sheet.as_str(), "工作表名"),
        (file, "文件名"),
    ] {
        let text = text.trim();
        if let Some(span) = find_month_span(text) {
            let shown = match text.char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &text[..end]),
                None => text.to_string(),
            };
            return Some(YearSource::Span {
                span,
                place,
                text: shown,
            });
        }
        let names = place == "工作表名" || place == "文件名";
        if find_year_in_text(text).is_some() || names && find_bare_year(text).is_some() {
            return None;
        }
    }
    None
}

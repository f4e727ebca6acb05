//! Issue 22, point 6: golden dumps. Every sample in `samples/` is run as a user
//! runs it (a copy in a fresh folder, the seed's budget, `--json`), on a fixed
//! day, and what the user sees is written out as plain text and compared with
//! the reviewed snapshot in `tests/integration/snapshots/<sample>.snap`:
//! 月度分析 cell by cell (value, and the formula behind it), 自评指标体系 and
//! 数据检查 line by line, 明细's own columns (every ledger line's month, amount,
//! class and fate), the 自评报告 draft paragraph by paragraph, what the
//! terminal says and the `--json` document. Any change to one of them fails
//! here until the new snapshot is reviewed and accepted (`cargo insta review`,
//! or `INSTA_UPDATE=always cargo test --test integration golden` and `git diff`).
//!
//! Nothing machine-specific may be in a snapshot: the folder is written as
//! `<dir>`, the day is fixed by `JIXIAO_TODAY`, and a dump that still holds the
//! temp folder or the checkout's path fails before it is compared.

use crate::samples::all_samples;
use crate::support::{cell_text, jixiao_on, json_of, repo_path, stderr_of, TempDir};
use calamine::{open_workbook_auto, Data, Range, Reader};
use quick_xml::events::Event;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

/// The run's date (`JIXIAO_TODAY`, 截至's default): the seed's own report was
/// made in September 2017, after the books of August were closed.
const TODAY: &str = "2017-09-12";
/// The seed's budget, which every sample's own tests use.
const BUDGET: &str = "322.95";
/// What a folder path is written as in a dump.
const DIR: &str = "<dir>";

/// The sheet dumped cell by cell, with its formulas.
const MONTHLY: &str = "月度分析";
/// The sheet of which only jixiao's own columns are dumped.
const DETAIL: &str = "明细";
/// 明细's own columns, before the ledger's.
const ADDED: [&str; 5] = ["来源", "所属月份", "计入金额（元）", "经济分类", "处理"];
/// 数据检查's line for the version, which changes with every release, not with what
/// a ledger gives.
const VERSION_LINE: &str = concat!("jixiao 版本 | ", env!("CARGO_PKG_VERSION"), "\n");

/// Runs `sample` as a user would and dumps what they see, as stable text.
fn dump(sample: &str) -> String {
    let dir = TempDir::new("golden");
    let file_name = Path::new(sample).file_name().unwrap();
    let input = dir.path().join(file_name);
    std::fs::copy(repo_path(sample), &input).unwrap();
    let output = jixiao_on(
        TODAY,
        [
            "--budget".as_ref(),
            BUDGET.as_ref(),
            "--json".as_ref(),
            input.as_os_str(),
        ],
    );
    let redact = |text: &str| redact(text, dir.path());
    assert!(
        output.status.success(),
        "{sample}: {}",
        redact(&stderr_of(&output))
    );
    let mut json = json_of(&output);
    let file = json["files"][0].clone();
    let workbook = Path::new(file["output"].as_str().unwrap()).to_path_buf();
    let docx = Path::new(file["report_docx"].as_str().unwrap()).to_path_buf();
    redact_json(&mut json, &redact);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "jixiao --budget {BUDGET} --json {DIR}/{}   (JIXIAO_TODAY={TODAY})",
        file_name.to_string_lossy()
    );
    let _ = writeln!(out, "files: {}", dir.file_names().join(", "));
    section(&mut out, "终端");
    out.push_str(&redact(&stderr_of(&output)));

    let mut book = open_workbook_auto(&workbook).unwrap();
    let names = book.sheet_names();
    section(&mut out, "工作表");
    let _ = writeln!(out, "{}", names.join(", "));
    section(&mut out, MONTHLY);
    let values = book.worksheet_range(MONTHLY).unwrap();
    let formulas = book.worksheet_formula(MONTHLY).unwrap();
    out.push_str(&cells_with_formulas(&values, &formulas));
    for name in names
        .iter()
        .filter(|n| ![MONTHLY, DETAIL].contains(&n.as_str()))
    {
        section(&mut out, name);
        let text = lines(&book.worksheet_range(name).unwrap());
        out.push_str(&redact(
            &text.replace(VERSION_LINE, "jixiao 版本 | <版本>\n"),
        ));
    }
    section(&mut out, DETAIL);
    out.push_str(&detail_lines(&book.worksheet_range(DETAIL).unwrap()));
    section(&mut out, "自评报告草稿");
    out.push_str(&redact(&docx_paragraphs(&docx)));
    section(&mut out, "--json");
    out.push_str(&serde_json::to_string_pretty(&json).unwrap());
    out.push('\n');

    for machine_specific in [
        dir.path().display().to_string(),
        std::env::temp_dir().display().to_string(),
        repo_path("").display().to_string(),
        "jixiao-test-".to_string(),
    ] {
        let machine_specific = machine_specific.trim_end_matches(['/', '\\']);
        assert!(
            machine_specific.is_empty() || !out.contains(machine_specific),
            "{sample}: the dump holds {machine_specific}:\n{out}"
        );
    }
    out
}

/// A heading between the parts of a dump.
fn section(out: &mut String, title: &str) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let _ = writeln!(out, "\n=== {title} ===");
}

/// `text` with the run's folder written as `<dir>` (and `/` after it on every system).
fn redact(text: &str, dir: &Path) -> String {
    let folder = dir.display().to_string();
    text.replace(&format!("{folder}\\"), &format!("{DIR}/"))
        .replace(&folder, DIR)
}

/// Every string in the JSON document redacted.
fn redact_json(value: &mut serde_json::Value, redact: &dyn Fn(&str) -> String) {
    match value {
        serde_json::Value::String(s) => *s = redact(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, redact)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| redact_json(v, redact)),
        _ => {}
    }
}

/// A cell's text on one line.
fn one_line(cell: &Data) -> String {
    cell_text(cell).replace('\r', "").replace('\n', "⏎")
}

/// `A1`, `AB12`, from 0-based (row, column).
fn address(row: u32, column: u32) -> String {
    let mut letters = String::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Every cell that holds something, row by row: `C2: 26.9125  (=自评指标体系!$B$1/12)`,
/// the value being the formula's result as cached in the file (what Excel shows
/// before it recalculates, and what calamine reads); a blank line between rows.
fn cells_with_formulas(values: &Range<Data>, formulas: &Range<String>) -> String {
    let corners = [
        values.start(),
        values.end(),
        formulas.start(),
        formulas.end(),
    ];
    let corners: Vec<(u32, u32)> = corners.into_iter().flatten().collect();
    let (Some(top), Some(bottom), Some(left), Some(right)) = (
        corners.iter().map(|c| c.0).min(),
        corners.iter().map(|c| c.0).max(),
        corners.iter().map(|c| c.1).min(),
        corners.iter().map(|c| c.1).max(),
    ) else {
        return "（空）\n".to_string();
    };
    let mut out = String::new();
    for row in top..=bottom {
        let mut any = false;
        for column in left..=right {
            let value = values
                .get_value((row, column))
                .map(one_line)
                .unwrap_or_default();
            let formula = formulas
                .get_value((row, column))
                .cloned()
                .unwrap_or_default();
            if value.is_empty() && formula.is_empty() {
                continue;
            }
            any = true;
            let _ = write!(out, "{}: {value}", address(row, column));
            if !formula.is_empty() {
                let _ = write!(out, "  (={formula})");
            }
            out.push('\n');
        }
        if any {
            out.push('\n');
        }
    }
    out
}

/// The sheet's non-empty rows, one a line, cells from A joined by ` | `.
fn lines(range: &Range<Data>) -> String {
    let (_, left) = range.start().unwrap_or((0, 0));
    let mut out = String::new();
    for cells in range.rows() {
        let mut texts: Vec<String> = vec![String::new(); left as usize];
        texts.extend(cells.iter().map(one_line));
        while texts.last().is_some_and(String::is_empty) {
            texts.pop();
        }
        if !texts.is_empty() {
            let _ = writeln!(out, "{}", texts.join(" | "));
        }
    }
    out
}

/// 明细 line by line, the columns jixiao adds (来源, 所属月份, 计入金额, 经济分类,
/// 处理: every line's fate) without the ledger's own, which are the input's
/// cells repeated.
fn detail_lines(range: &Range<Data>) -> String {
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return "（空）\n".to_string();
    };
    let header: Vec<String> = header.iter().map(one_line).collect();
    assert_eq!(
        header[..ADDED.len()],
        ADDED,
        "明细's own columns come first"
    );
    let mut out = String::new();
    let _ = writeln!(out, "表头: {}", header.join(" | "));
    for cells in rows {
        let texts: Vec<String> = cells.iter().take(ADDED.len()).map(one_line).collect();
        let _ = writeln!(out, "{}", texts.join(" | "));
    }
    out
}

/// The draft's text: each `<w:p>` of `word/document.xml` one line (its `<w:t>`
/// runs joined), a table's cells joined by ` | ` on the line of their row.
fn docx_paragraphs(docx: &Path) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut row: Option<Vec<String>> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().as_ref() {
                "w:t" => in_text = true,
                "w:tr" => row = Some(Vec::new()),
                "w:p" => paragraph.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => paragraph.push('\t'),
                "w:br" => paragraph.push('⏎'),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => match row.as_mut() {
                    Some(cells) => cells.push(std::mem::take(&mut paragraph)),
                    None => {
                        let _ = writeln!(out, "{}", std::mem::take(&mut paragraph));
                    }
                },
                "w:tr" => {
                    let cells = row.take().unwrap_or_default();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                _ => {}
            },
            Event::Text(text) if in_text => paragraph.push_str(&text),
            Event::GeneralRef(reference) if in_text => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    paragraph.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&reference) {
                    paragraph.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Compares the dump of `sample` with its snapshot (named after the file).
fn check(sample: &str) {
    let name = Path::new(sample).file_stem().unwrap().to_string_lossy();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!(
        "{sample}: what a user sees (tests/integration/golden.rs)"
    ));
    settings.bind(|| insta::assert_snapshot!(name.into_owned(), dump(sample)));
}

macro_rules! golden {
    ($($test:ident => $sample:expr,)*) => {
        $(
            #[test]
            fn $test() {
                check($sample);
            }
        )*
        /// The samples that have a golden test.
        const GOLDEN_SAMPLES: &[&str] = &[$($sample),*];
    };
}

golden! {
    ledger_2017 => "samples/ledger-2017.xlsx",
    monthly_2017 => "samples/monthly-2017.xlsx",
    yongyou_3col_2017 => "samples/yongyou-3col-2017.xlsx",
    journal_whole_book_2017 => "samples/journal-whole-book-2017.xlsx",
    ymd_columns_2017 => "samples/ymd-columns-2017.xlsx",
    months_across_2017 => "samples/months-across-2017.xlsx",
    month_sheets_2017 => "samples/month-sheets-2017.xlsx",
    html_export_2017 => "samples/html-export-2017.xls",
    multi_column_2017 => "samples/multi-column-2017.xlsx",
    trial_balance_2017 => "samples/trial-balance-2017.xlsx",
    across_by_class_2017 => "samples/across-by-class-2017.xlsx",
    monthly_report_2017 => "samples/monthly-report-2017.xlsx",
    hand_totals_2017 => "samples/hand-totals-2017.xlsx",
    closing_2017 => "samples/closing-2017.xlsx",
    html_rowspan_2017 => "samples/html-rowspan-2017.xls",
}

/// Every sample has its golden test and its snapshot, and no snapshot is left
/// over from a sample that is gone.
#[test]
fn every_sample_has_a_golden_dump() {
    let mut samples: Vec<&str> = all_samples().into_iter().map(|(path, _)| path).collect();
    let mut golden = GOLDEN_SAMPLES.to_vec();
    samples.sort_unstable();
    golden.sort_unstable();
    assert_eq!(
        golden, samples,
        "add the new sample to golden! in golden.rs"
    );
    let mut snapshots: Vec<String> = std::fs::read_dir(repo_path("tests/integration/snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    snapshots.sort_unstable();
    let mut expected: Vec<String> = samples
        .iter()
        .map(|s| {
            format!(
                "{}.snap",
                Path::new(s).file_stem().unwrap().to_string_lossy()
            )
        })
        .collect();
    expected.sort_unstable();
    assert_eq!(
        snapshots, expected,
        "a snapshot without its sample, or one missing"
    );
}

#[test]
fn addresses_count_like_excel() {
    assert_eq!(address(0, 0), "A1");
    assert_eq!(address(1, 25), "Z2");
    assert_eq!(address(2, 26), "AA3");
    assert_eq!(address(0, 27), "AB1");
    assert_eq!(address(9, 701), "ZZ10");
    assert_eq!(address(9, 702), "AAA10");
}

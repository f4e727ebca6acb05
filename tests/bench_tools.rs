//! Tools for `.ci/bench.sh` (a test target without the test harness, so that
//! it builds with the project and needs no folder of its own). Without
//! arguments it does nothing, so `cargo test` passes over it.
//!
//! - `journal <rows> <out.xlsx|out.csv> [unreadable]`: a whole-book 序时账 of
//!   `rows` lines for 2017 — date cells, 凭证号, 科目编码, 科目名称, 摘要, 借方,
//!   贷方 (7 columns), about 30 accounts, a 本月合计 row after each month and
//!   closing entries in December; with `unreadable`, every amount is “待定”.
//! - `reference <in.xlsx|in.csv> <out.xlsx>`: the bare minimum any tool that
//!   reads a ledger and writes an annotated copy must do — calamine's cell
//!   reader streaming the sheet (or the csv reader), rust_xlsxwriter in
//!   constant-memory mode writing the same cells, zip level 3 — the baseline
//!   jixiao is measured against.
//! - `floor <in.xlsx> <jixiao-out.xlsx> <scratch.xlsx>`: the two halves of the
//!   work timed apart, for `.ci/bench-floor.sh` — reading the input with
//!   calamine's cell reader and nothing else, then writing jixiao's own 明细
//!   (loaded into memory first, so no reading is timed) with rust_xlsxwriter
//!   in constant-memory mode, rows and save timed apart. Prints
//!   `read_s rows_s save_s` on one line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Write;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match args.as_slice() {
        ["journal", rows, out, rest @ ..] => {
            let rows: usize = rows.parse().expect("rows");
            journal(rows, Path::new(out), rest.contains(&"unreadable"));
        }
        ["reference", input, out] => reference(Path::new(input), Path::new(out)),
        ["floor", input, annotated, scratch] => {
            floor(Path::new(input), Path::new(annotated), Path::new(scratch))
        }
        _ => {}
    }
}

/// Expense accounts (7101 行政支出 by economic item) and their counterparts.
const ACCOUNTS: [(&str, &str); 30] = [
    ("71010101", "行政支出-基本工资"),
    ("71010102", "行政支出-津贴补贴"),
    ("71010103", "行政支出-奖金"),
    ("71010108", "行政支出-机关事业单位基本养老保险缴费"),
    ("71010110", "行政支出-职工基本医疗保险缴费"),
    ("71010113", "行政支出-住房公积金"),
    ("71010201", "行政支出-办公费"),
    ("71010202", "行政支出-印刷费"),
    ("71010205", "行政支出-水费"),
    ("71010206", "行政支出-电费"),
    ("71010207", "行政支出-邮电费"),
    ("71010209", "行政支出-物业管理费"),
    ("71010211", "行政支出-差旅费"),
    ("71010213", "行政支出-维修（护）费"),
    ("71010215", "行政支出-会议费"),
    ("71010216", "行政支出-培训费"),
    ("71010217", "行政支出-公务接待费"),
    ("71010226", "行政支出-劳务费"),
    ("71010227", "行政支出-委托业务费"),
    ("71010228", "行政支出-工会经费"),
    ("71010229", "行政支出-福利费"),
    ("71010231", "行政支出-公务用车运行维护费"),
    ("71010239", "行政支出-其他交通费用"),
    ("71010299", "行政支出-其他商品和服务支出"),
    ("71010302", "行政支出-退休费"),
    ("71010305", "行政支出-生活补助"),
    ("71010399", "行政支出-其他对个人和家庭的补助"),
    ("71031002", "行政支出-办公设备购置"),
    ("71031007", "行政支出-信息网络及软件购置更新"),
    ("71031099", "行政支出-其他资本性支出"),
];

/// One ledger row: date (year, month, day), voucher, code, name, 摘要, 借方, 贷方.
struct Line {
    day: (u16, u8, u8),
    voucher: String,
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    debit: Option<f64>,
    credit: Option<f64>,
}

/// The journal's rows, deterministic (a linear congruential generator).
fn lines(rows: usize) -> Vec<Line> {
    let mut seed: u64 = 2017;
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        seed >> 33
    };
    let per_month = (rows / 12).max(2);
    let mut out = Vec::with_capacity(rows + 40);
    for month in 1..=12u8 {
        let (mut debits, mut credits) = (0.0, 0.0);
        let mut voucher = 0;
        while out.len() < rows && (voucher * 2) < per_month {
            voucher += 1;
            let (code, name) = ACCOUNTS[(next() % 30) as usize];
            let amount = (next() % 5_000_000) as f64 / 100.0 + 10.0;
            let day = (1 + next() % 28) as u8;
            let number = format!("记-{month:02}{voucher:05}");
            out.push(Line {
                day: (2017, month, day),
                voucher: number.clone(),
                code,
                name,
                summary: "支付费用",
                debit: Some(amount),
                credit: None,
            });
            out.push(Line {
                day: (2017, month, day),
                voucher: number,
                code: "8001",
                name: "资金结存",
                summary: "支付费用",
                debit: None,
                credit: Some(amount),
            });
            debits += amount;
            credits += amount;
        }
        out.push(Line {
            day: (0, month, 0),
            voucher: String::new(),
            code: "",
            name: "",
            summary: "本月合计",
            debit: Some(debits),
            credit: Some(credits),
        });
    }
    out
}

fn journal(rows: usize, out: &Path, unreadable: bool) {
    let lines = lines(rows);
    let headers = [
        "日期",
        "凭证号",
        "科目编码",
        "科目名称",
        "摘要",
        "借方",
        "贷方",
    ];
    let amount = |value: Option<f64>| -> String {
        match (value, unreadable) {
            (Some(_), true) => "待定".to_string(),
            (Some(v), false) => format!("{v:.2}"),
            (None, _) => String::new(),
        }
    };
    if out.extension().is_some_and(|e| e == "csv") {
        let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
        writeln!(file, "{}", headers.join(",")).unwrap();
        for line in &lines {
            let date = if line.day.0 == 0 {
                String::new()
            } else {
                format!("{}-{:02}-{:02}", line.day.0, line.day.1, line.day.2)
            };
            writeln!(
                file,
                "{date},{},{},{},{},{},{}",
                line.voucher,
                line.code,
                line.name,
                line.summary,
                amount(line.debit),
                amount(line.credit)
            )
            .unwrap();
        }
        return;
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory().unwrap();
    sheet.set_name("序时账").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (column, header) in headers.iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    for (index, line) in lines.iter().enumerate() {
        let row = index as u32 + 1;
        if line.day.0 != 0 {
            let day = ExcelDateTime::from_ymd(line.day.0, line.day.1, line.day.2).unwrap();
            sheet
                .write_datetime_with_format(row, 0, &day, &date)
                .unwrap();
            sheet.write_string(row, 1, &line.voucher).unwrap();
            sheet.write_string(row, 2, line.code).unwrap();
            sheet.write_string(row, 3, line.name).unwrap();
        }
        sheet.write_string(row, 4, line.summary).unwrap();
        for (column, value) in [(5u16, line.debit), (6, line.credit)] {
            match (value, unreadable) {
                (Some(_), true) => {
                    sheet.write_string(row, column, "待定").unwrap();
                }
                (Some(v), false) => {
                    sheet.write_number(row, column, v).unwrap();
                }
                (None, _) => {}
            }
        }
    }
    workbook.save(out).unwrap();
}

fn reference(input: &Path, out: &Path) {
    use calamine::{DataType, Reader, Xlsx};
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(3);
    let sheet = workbook.add_worksheet_with_constant_memory().unwrap();
    if input.extension().is_some_and(|e| e == "csv") {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(input)
            .unwrap();
        let mut record = csv::StringRecord::new();
        let mut row = 0u32;
        while reader.read_record(&mut record).unwrap() {
            for (column, field) in record.iter().enumerate() {
                if !field.is_empty() {
                    sheet.write_string(row, column as u16, field).unwrap();
                }
            }
            row += 1;
        }
    } else {
        let mut book: Xlsx<_> = calamine::open_workbook(input).unwrap();
        let name = book.sheet_names()[0].clone();
        let mut cells = book.worksheet_cells_reader(&name).unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        while let Some(cell) = cells.next_cell().unwrap() {
            let (row, column) = cell.get_position();
            let column = column as u16;
            let value = cell.get_value();
            if let Some(text) = value.get_string() {
                sheet.write_string(row, column, text).unwrap();
            } else if let Some(number) = value.get_float() {
                sheet.write_number(row, column, number).unwrap();
            } else if let Some(datetime) = value.get_datetime() {
                let when = ExcelDateTime::from_serial_datetime(datetime.as_f64()).unwrap();
                sheet
                    .write_datetime_with_format(row, column, &when, &date)
                    .unwrap();
            } else if let Some(integer) = value.get_int() {
                sheet.write_number(row, column, integer as f64).unwrap();
            }
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    workbook.save_to_writer(file).unwrap();
}

fn floor(input: &Path, annotated: &Path, scratch: &Path) {
    use calamine::{Data, DataType, Reader, Xlsx};
    use std::time::Instant;

    let started = Instant::now();
    let mut book: Xlsx<_> = calamine::open_workbook(input).unwrap();
    let name = book.sheet_names()[0].clone();
    let mut cells = book.worksheet_cells_reader(&name).unwrap();
    let mut seen = 0usize;
    while let Some(cell) = cells.next_cell().unwrap() {
        if !cell.get_value().is_empty() {
            seen += 1;
        }
    }
    let read = started.elapsed().as_secs_f64();
    assert!(seen > 0, "nothing read from {}", input.display());

    let mut book: Xlsx<_> = calamine::open_workbook(annotated).unwrap();
    let detail = book.worksheet_range("明细").unwrap();
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(3);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let started = Instant::now();
    let sheet = workbook.add_worksheet_with_constant_memory().unwrap();
    for (row, cells) in detail.rows().enumerate() {
        let row = row as u32;
        for (column, value) in cells.iter().enumerate() {
            let column = column as u16;
            match value {
                Data::String(text) => {
                    sheet.write_string(row, column, text).unwrap();
                }
                Data::Float(number) if column == 2 => {
                    sheet
                        .write_number_with_format(row, column, *number, &money)
                        .unwrap();
                }
                Data::Float(number) => {
                    sheet.write_number(row, column, *number).unwrap();
                }
                Data::Int(number) => {
                    sheet.write_number(row, column, *number as f64).unwrap();
                }
                Data::DateTime(when) => {
                    let when = ExcelDateTime::from_serial_datetime(when.as_f64()).unwrap();
                    sheet
                        .write_datetime_with_format(row, column, &when, &date)
                        .unwrap();
                }
                _ => {}
            }
        }
    }
    let rows = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(scratch).unwrap());
    workbook.save_to_writer(file).unwrap();
    let save = started.elapsed().as_secs_f64();
    println!("{read:.2} {rows:.2} {save:.2}");
}

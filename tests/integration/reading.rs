//! Issue 8: readings that used to come out wrong and said 相符 are now right, or
//! flagged; sheets beside the ledger are read or named, never passed over.
//! Issue 13: WPS 表格 files (.et, and xlsx saved by WPS) are read, or refused
//! with the advice to save them as .xlsx.

use crate::support::{jixiao, json_of, stderr_of, write_fixture_sheets, Fx, TempDir};
use Fx::{Blank, D, N, S};

/// Runs jixiao with `--budget 120 --json` on a workbook of `sheets`; returns (JSON, stderr).
fn run(sheets: &[(&str, &[Vec<Fx<'_>>])]) -> (serde_json::Value, String) {
    let dir = TempDir::new("reading");
    let input = dir.path().join("台账.xlsx");
    write_fixture_sheets(&input, sheets);
    let output = jixiao([
        "--budget".as_ref(),
        "120".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    (json_of(&output), stderr_of(&output))
}

fn month_amounts(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["years"][0]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["amount_wan"].as_str().unwrap().to_string())
        .take(3)
        .collect()
}

fn codes(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_direction_column_makes_credit_lines_negative() {
    let rows = vec![
        vec![S("日期"), S("摘要"), S("借贷方向"), S("金额")],
        vec![D(2017, 1, 5), S("办公费"), S("借"), N(100_000.0)],
        vec![D(2017, 1, 9), S("退回多付办公费"), S("贷"), N(20_000.0)],
        vec![D(2017, 2, 5), S("差旅费"), S("借"), N(50_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows)]);
    assert_eq!(month_amounts(&json), ["8.00", "5.00", "0.00"], "{stderr}");
    assert!(
        stderr.contains("方向列 C（借贷方向）为“贷”的记为负数"),
        "{stderr}"
    );
}

#[test]
fn sheets_with_the_same_header_are_one_book_and_others_are_named() {
    // A hand-kept book with one sheet per account, a note sheet and an unrelated table.
    let header = vec![S("日期"), S("摘要"), S("金额")];
    let office = vec![
        header.clone(),
        vec![D(2017, 1, 5), S("打印纸"), N(10_000.0)],
        vec![D(2017, 2, 5), S("硒鼓"), N(20_000.0)],
    ];
    let travel = vec![
        header.clone(),
        vec![D(2017, 1, 15), S("差旅费"), N(30_000.0)],
    ];
    let note = vec![vec![S("填表说明：每个科目一张表")]];
    let staff = vec![
        vec![S("姓名"), S("日期"), S("工资")],
        vec![S("张三"), D(2017, 1, 10), N(99_999.0)],
    ];
    let (json, stderr) = run(&[
        ("说明", &note),
        ("办公费", &office),
        ("差旅费", &travel),
        ("人员", &staff),
    ]);
    assert_eq!(month_amounts(&json), ["4.00", "2.00", "0.00"], "{stderr}");
    assert!(stderr.contains("未读取的工作表：「说明」"), "{stderr}");
    assert!(
        stderr.contains("未读取的工作表：「人员」：表头与「办公费」不同"),
        "{stderr}"
    );
}

#[test]
fn subtotals_in_the_first_column_are_not_spending() {
    // The old reading counted 一月份小计 (in 序号) and the wordless row as spending.
    let rows = vec![
        vec![S("序号"), S("日期"), S("凭证号"), S("摘要"), S("金额")],
        vec![N(1.0), D(2017, 1, 5), S("记-1"), S("办公费"), N(60_000.0)],
        vec![N(2.0), D(2017, 1, 9), S("记-2"), S("差旅费"), N(40_000.0)],
        vec![S("一月份小计"), Blank, Blank, Blank, N(100_000.0)],
        vec![N(3.0), D(2017, 2, 5), S("记-3"), S("办公费"), N(30_000.0)],
        vec![Blank, Blank, Blank, Blank, N(30_000.0)],
        vec![S("合\u{3000}\u{3000}计"), Blank, Blank, Blank, N(130_000.0)],
    ];
    let (json, stderr) = run(&[("登记簿", &rows)]);
    assert_eq!(month_amounts(&json), ["10.00", "3.00", "0.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
    assert_eq!(json["files"][0]["tie_out_total"], 3, "{stderr}");
}

#[test]
fn a_wrong_amount_column_no_longer_says_it_agrees() {
    // 金额 holds a running balance by mistake of the book's maker; its own 本月合计
    // cannot agree with the sum of balances, so the tie-out flags it.
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额"), S("借方")],
        vec![D(2017, 1, 5), S("办公费"), N(10_000.0), N(10_000.0)],
        vec![D(2017, 1, 9), S("差旅费"), N(30_000.0), N(20_000.0)],
        vec![Blank, S("本月合计"), N(30_000.0), N(30_000.0)],
    ];
    let dir = TempDir::new("reading-wrong-column");
    let input = dir.path().join("台账.xlsx");
    write_fixture_sheets(&input, &[("明细账", &rows)]);
    let output = jixiao([
        "--budget".as_ref(),
        "120".as_ref(),
        "--amount-col".as_ref(),
        "C".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let json = json_of(&output);
    let stderr = stderr_of(&output);
    assert_eq!(json["files"][0]["tie_out_mismatches"], 1, "{stderr}");
    assert!(
        codes(&json).contains(&"tie_out_mismatch".to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("⚠ 勾稽不符"), "{stderr}");
    assert!(!stderr.contains("全部相符"), "{stderr}");
}

#[test]
fn closing_entries_that_cancel_the_year_are_left_out() {
    // The old reading let 期间损益结转 cancel each month's spending: 0.00 差 every month.
    let rows = vec![
        vec![
            S("日期"),
            S("凭证号"),
            S("科目编码"),
            S("科目名称"),
            S("摘要"),
            S("借方"),
            S("贷方"),
        ],
        vec![
            D(2017, 1, 5),
            S("记-1"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("办公费"),
            N(50_000.0),
            Blank,
        ],
        vec![
            D(2017, 1, 5),
            S("记-1"),
            S("1011"),
            S("零余额账户用款额度"),
            S("办公费"),
            Blank,
            N(50_000.0),
        ],
        vec![
            D(2017, 1, 31),
            S("记-2"),
            S("3301"),
            S("本期盈余"),
            S("转账"),
            N(50_000.0),
            Blank,
        ],
        vec![
            D(2017, 1, 31),
            S("记-2"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("转账"),
            Blank,
            N(50_000.0),
        ],
        vec![
            D(2017, 2, 6),
            S("记-3"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("差旅费"),
            N(20_000.0),
            Blank,
        ],
        vec![
            D(2017, 2, 6),
            S("记-3"),
            S("1011"),
            S("零余额账户用款额度"),
            S("差旅费"),
            Blank,
            N(20_000.0),
        ],
        vec![
            D(2017, 2, 28),
            S("记-4"),
            S("500101"),
            S("业务活动费用-办公费"),
            S("期间损益结转"),
            Blank,
            N(20_000.0),
        ],
        vec![
            D(2017, 2, 28),
            S("记-4"),
            S("3301"),
            S("本期盈余"),
            S("期间损益结转"),
            N(20_000.0),
            Blank,
        ],
    ];
    let (json, stderr) = run(&[("序时账", &rows)]);
    assert_eq!(month_amounts(&json), ["5.00", "2.00", "0.00"], "{stderr}");
    assert!(
        !codes(&json).contains(&"all_months_zero".to_string()),
        "{stderr}"
    );
}

#[test]
fn a_book_of_account_blocks_counts_only_expenditure_accounts() {
    // 用友 prints a 三栏账 of every account: a 科目 title and the header again for each block.
    let header = vec![
        S("日期"),
        S("凭证号"),
        S("摘要"),
        S("借方"),
        S("贷方"),
        S("余额"),
    ];
    let rows = vec![
        vec![S("三栏式明细账")],
        vec![S("科目：1011 零余额账户用款额度")],
        header.clone(),
        vec![
            D(2017, 1, 3),
            S("记-1"),
            S("收到额度"),
            N(500_000.0),
            Blank,
            N(500_000.0),
        ],
        vec![
            D(2017, 1, 5),
            S("记-2"),
            S("支付办公费"),
            Blank,
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            Blank,
            Blank,
            S("本月合计"),
            N(500_000.0),
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            Blank,
            Blank,
            S("本年累计"),
            N(500_000.0),
            N(60_000.0),
            N(440_000.0),
        ],
        vec![S("科目：7101 行政支出")],
        header.clone(),
        vec![
            D(2017, 1, 5),
            S("记-2"),
            S("支付办公费"),
            N(60_000.0),
            Blank,
            N(60_000.0),
        ],
        vec![Blank, Blank, S("本月合计"), N(60_000.0), Blank, N(60_000.0)],
        vec![Blank, Blank, S("本年累计"), N(60_000.0), Blank, N(60_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows)]);
    assert_eq!(month_amounts(&json), ["6.00", "0.00", "0.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
    assert!(stderr.contains("7 开头"), "{stderr}");
}

#[test]
fn a_copy_of_the_ledger_sheet_is_not_counted_twice() {
    // Excel's “移动或复制 → 建立副本” gives `明细账 (2)`: the same rows again.
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 5), S("办公费"), N(10_000.0)],
        vec![D(2017, 2, 5), S("差旅费"), N(20_000.0)],
    ];
    let (json, stderr) = run(&[("明细账", &rows), ("明细账 (2)", &rows)]);
    assert_eq!(month_amounts(&json), ["1.00", "2.00", "0.00"], "{stderr}");
    assert!(
        stderr.contains("「明细账 (2)」：开头几行与已读取的工作表相同，是副本"),
        "{stderr}"
    );
}

#[test]
fn a_bank_journal_counts_its_payments_not_its_receipts() {
    // 出纳 keep 银行存款日记账 with 借方（收入） and 贷方（支出）: spending is the 支出 side.
    let rows = vec![
        vec![
            S("日期"),
            S("摘要"),
            S("借方（收入）"),
            S("贷方（支出）"),
            S("余额"),
        ],
        vec![
            D(2017, 1, 3),
            S("收到财政拨款"),
            N(500_000.0),
            Blank,
            N(500_000.0),
        ],
        vec![
            D(2017, 1, 5),
            S("支付办公费"),
            Blank,
            N(60_000.0),
            N(440_000.0),
        ],
        vec![
            D(2017, 2, 5),
            S("支付差旅费"),
            Blank,
            N(20_000.0),
            N(420_000.0),
        ],
    ];
    let (json, stderr) = run(&[("银行日记账", &rows)]);
    assert_eq!(month_amounts(&json), ["6.00", "2.00", "0.00"], "{stderr}");
}

#[test]
fn a_progress_statement_across_months_counts_only_its_spending_row() {
    // Rows 预算数 / 本月支出 / 累计支出 / 执行率 with 1月…12月 across: only 本月支出 is spending.
    let rows = vec![
        vec![S("2017年预算执行情况（单位：元）")],
        vec![S("项目"), S("1月"), S("2月"), S("3月"), S("合计")],
        vec![
            S("预算数"),
            N(100_000.0),
            N(100_000.0),
            N(100_000.0),
            N(300_000.0),
        ],
        vec![
            S("本月支出"),
            N(90_000.0),
            N(80_000.0),
            N(70_000.0),
            N(240_000.0),
        ],
        vec![
            S("累计支出"),
            N(90_000.0),
            N(170_000.0),
            N(240_000.0),
            N(240_000.0),
        ],
        vec![S("执行率"), N(0.9), N(0.85), N(0.8), N(0.8)],
    ];
    let (json, stderr) = run(&[("执行进度", &rows)]);
    assert_eq!(month_amounts(&json), ["9.00", "8.00", "7.00"], "{stderr}");
    assert_eq!(json["files"][0]["tie_out_mismatches"], 0, "{stderr}");
}

// --- WPS 表格 files (issue 13) ----------------------------------------------

/// A BIFF8 record.
fn biff_record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut record = kind.to_le_bytes().to_vec();
    record.extend((data.len() as u16).to_le_bytes());
    record.extend_from_slice(data);
    record
}

/// A BIFF8 workbook stream of one sheet, as WPS 表格 and Excel 97–2003 write
/// it: the globals (BOF, CODEPAGE 1200, BOUNDSHEET, EOF), then the sheet (BOF,
/// DIMENSIONS, a LABEL or NUMBER record per cell, EOF). Dates are written as
/// text (`2017-01-05`); zero bytes after the last EOF make the stream 4,096
/// bytes at least, so that it lives in regular sectors.
fn biff8_workbook(sheet: &str, rows: &[Vec<Fx<'_>>]) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut data = [0x0600u16, kind, 0x0DBB, 0x07CC]
            .map(u16::to_le_bytes)
            .concat();
        data.extend_from_slice(&[0, 0, 0, 0, 6, 0, 0, 0]);
        biff_record(0x0809, &data)
    };
    let utf16 =
        |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let mut stream = bof(0x0005);
    stream.extend(biff_record(0x0042, &1200u16.to_le_bytes()));
    let name = utf16(sheet);
    // BOUNDSHEET: where the sheet's BOF is, visible worksheet, then its name.
    let position = (stream.len() + 4 + 8 + name.len() + 4) as u32;
    let mut bound = position.to_le_bytes().to_vec();
    bound.extend_from_slice(&[0, 0, sheet.encode_utf16().count() as u8, 1]);
    bound.extend_from_slice(&name);
    stream.extend(biff_record(0x0085, &bound));
    stream.extend(biff_record(0x000A, &[]));
    assert_eq!(stream.len(), position as usize);
    stream.extend(bof(0x0010));
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let mut dimensions = [0u32, rows.len() as u32].map(u32::to_le_bytes).concat();
    dimensions.extend([0u16, columns, 0].map(u16::to_le_bytes).concat());
    stream.extend(biff_record(0x0200, &dimensions));
    for (row, cells) in rows.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            let mut data = [row as u16, column as u16, 0]
                .map(u16::to_le_bytes)
                .concat();
            let text = match cell {
                Fx::N(value) => {
                    data.extend(value.to_le_bytes());
                    stream.extend(biff_record(0x0203, &data));
                    continue;
                }
                Fx::Blank => continue,
                Fx::S(text) => text.to_string(),
                Fx::D(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            };
            data.extend((text.encode_utf16().count() as u16).to_le_bytes());
            data.push(1);
            data.extend(utf16(&text));
            stream.extend(biff_record(0x0204, &data));
        }
    }
    stream.extend(biff_record(0x000A, &[]));
    stream.resize(stream.len().max(4096), 0);
    stream
}

/// A version-3 OLE compound file (512-byte sectors) holding `streams`, each at
/// least 4,096 bytes (regular sectors, no mini stream): the header, one FAT
/// sector, one directory sector (the root entry and up to three streams),
/// then the streams' sectors.
fn compound_file(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    assert!(streams.len() <= 3 && streams.iter().all(|(_, s)| s.len() >= 4096));
    let mut fat = vec![0xFFFF_FFFD, END];
    let mut starts = Vec::new();
    for (_, stream) in streams {
        let first = fat.len() as u32;
        let sectors = stream.len().div_ceil(512) as u32;
        starts.push(first);
        fat.extend((1..sectors).map(|i| first + i));
        fat.push(END);
    }
    assert!(fat.len() <= 128, "one FAT sector is enough for these tests");
    fat.resize(128, FREE);
    let mut file = vec![0u8; 512];
    file[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    file[24..34].copy_from_slice(&[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0]);
    file[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    file[48..52].copy_from_slice(&1u32.to_le_bytes()); // the directory at sector 1
    file[56..60].copy_from_slice(&4096u32.to_le_bytes());
    file[60..64].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    file[68..72].copy_from_slice(&END.to_le_bytes()); // no DIFAT sectors
    file[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT at sector 0
    for slot in file[80..512].chunks_exact_mut(4) {
        slot.copy_from_slice(&FREE.to_le_bytes());
    }
    file.extend(fat.iter().flat_map(|id| id.to_le_bytes()));
    // Directory entries: the root's child is the first stream, each stream's
    // right sibling the next (names in CFB order: shorter first).
    let entry = |name: &str, kind: u8, right: u32, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u8> = name
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        e[..units.len()].copy_from_slice(&units);
        e[64..66].copy_from_slice(&(units.len() as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    let child = if streams.is_empty() { FREE } else { 1 };
    file.extend(entry("Root Entry", 5, FREE, child, END, 0));
    for (index, (name, stream)) in streams.iter().enumerate() {
        let right = if index + 1 < streams.len() {
            index as u32 + 2
        } else {
            FREE
        };
        file.extend(entry(
            name,
            2,
            right,
            FREE,
            starts[index],
            stream.len() as u32,
        ));
    }
    file.resize(512 * 3, 0);
    for (_, stream) in streams {
        file.extend_from_slice(stream);
        file.resize(file.len().div_ceil(512) * 512, 0);
    }
    file
}

/// A ledger whose months are known: 12.00, 5.00 and 0.00 万元 for 1–3 月.
fn wps_ledger_rows() -> Vec<Vec<Fx<'static>>> {
    vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 5), S("办公费"), N(100_000.0)],
        vec![D(2017, 1, 20), S("印刷费"), N(20_000.0)],
        vec![D(2017, 2, 8), S("差旅费"), N(50_000.0)],
    ]
}

/// Runs jixiao with `--budget 120 --json` on one file.
fn run_file(input: &std::path::Path) -> std::process::Output {
    jixiao([
        "--budget".as_ref(),
        "120".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ])
}

#[test]
fn a_wps_et_file_is_read_like_the_xls_it_holds() {
    // WPS 表格 saves .et as an Excel 97–2003 compound file: a BIFF8 Workbook
    // stream beside its own ETExtData stream (whose content jixiao never reads).
    let dir = TempDir::new("wps-et");
    let input = dir.path().join("台账.et");
    let workbook = biff8_workbook("明细账", &wps_ledger_rows());
    std::fs::write(
        &input,
        compound_file(&[("Workbook", workbook), ("ETExtData", vec![0; 4096])]),
    )
    .unwrap();
    let output = run_file(&input);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json = json_of(&output);
    assert_eq!(month_amounts(&json), ["12.00", "5.00", "0.00"], "{stderr}");
    assert!(
        stderr.contains("文件格式：xls（WPS 表格 .et 文件）"),
        "{stderr}"
    );
    assert!(dir.path().join("台账_绩效自评.xlsx").is_file(), "{stderr}");
}

#[test]
fn an_et_file_jixiao_cannot_read_says_to_save_it_as_xlsx_and_writes_nothing() {
    let dir = TempDir::new("wps-et-bad");
    // An OLE container without a Workbook stream, and bytes that are no
    // spreadsheet at all.
    let no_workbook = compound_file(&[("ETExtData", vec![0; 4096])]);
    let mut garbage = vec![0x4Bu8, 0x53, 0x4F, 0x00];
    garbage.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    for (name, bytes, why) in [
        (
            "无工作簿.et",
            no_workbook,
            "没有与 Excel 97–2003（.xls）相同的工作簿数据",
        ),
        (
            "乱码.et",
            garbage,
            "既不是与 .xls 相同的复合文档，也不是 .xlsx 压缩包",
        ),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let output = run_file(&input);
        let stderr = stderr_of(&output);
        assert_ne!(output.status.code(), Some(0), "{name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(stderr.contains("这是 WPS 表格文件（.et）"), "{stderr}");
        assert!(stderr.contains(why), "{stderr}");
        assert!(
            stderr.contains("请用 WPS 打开它，另存为 .xlsx（Excel 工作簿）后再试"),
            "{stderr}"
        );
        assert_eq!(dir.file_names(), [name], "no output for {name}");
        std::fs::remove_file(&input).unwrap();
    }
}

#[test]
fn an_xlsx_saved_by_wps_is_read() {
    // What the WPS-made xlsx files seen in the wild have and Excel's do not:
    // docProps/app.xml naming WPS 表格, docProps/custom.xml with
    // KSOProductBuildVer, the parts in another order ([Content_Types].xml
    // last), entries for the folders, and WPS's etCustomData namespace on the sheet.
    let dir = TempDir::new("wps-xlsx");
    let plain = dir.path().join("excel.xlsx");
    crate::support::write_fixture(&plain, "明细账", &wps_ledger_rows());
    let input = dir.path().join("台账.xlsx");
    {
        use std::io::{Read, Write};
        let mut source = zip::ZipArchive::new(std::fs::File::open(&plain).unwrap()).unwrap();
        let mut parts = Vec::new();
        for index in 0..source.len() {
            let mut entry = source.by_index(index).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let text = match name.as_str() {
                "docProps/app.xml" => {
                    let start = text.find("<Application>").unwrap();
                    let end = text.find("</Application>").unwrap();
                    format!("{}<Application>WPS 表格{}", &text[..start], &text[end..])
                }
                "[Content_Types].xml" => text.replace(
                    "</Types>",
                    "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/></Types>",
                ),
                "xl/worksheets/sheet1.xml" => text.replacen(
                    "<worksheet ",
                    "<worksheet xmlns:etc=\"http://www.wps.cn/officeDocument/2017/etCustomData\" ",
                    1,
                ),
                _ => text,
            };
            parts.push((name, text));
        }
        assert!(parts.iter().any(|(_, t)| t.contains("WPS 表格")));
        parts.push((
            "docProps/custom.xml".to_string(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"2\" name=\"KSOProductBuildVer\"><vt:lpwstr>2052-11.1.0.12763</vt:lpwstr></property></Properties>".to_string(),
        ));
        // docProps first, [Content_Types].xml last, as older WPS versions write them.
        parts.sort_by_key(|(name, _)| {
            (
                !name.starts_with("docProps/"),
                name == "[Content_Types].xml",
                name.clone(),
            )
        });
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&input).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for folder in ["docProps/", "xl/"] {
            zip.add_directory(folder, options).unwrap();
        }
        for (name, text) in &parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    std::fs::remove_file(&plain).unwrap();
    let output = run_file(&input);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        month_amounts(&json_of(&output)),
        ["12.00", "5.00", "0.00"],
        "{stderr}"
    );
    assert!(dir.path().join("台账_绩效自评.xlsx").is_file(), "{stderr}");
}

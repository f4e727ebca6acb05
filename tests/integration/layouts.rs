//! The two foundation layouts as departments write them, built in code.

use crate::support::{
    graded_months, jixiao, json_of, read_sheet, stderr_of, write_fixture, Fx, TempDir,
};
use Fx::{Blank, D, N, S};

/// Runs jixiao on a fixture with extra flags; returns (folder, output workbook, JSON, stderr, exit code).
fn grade(
    rows: &[Vec<Fx<'_>>],
    flags: &[&str],
) -> (TempDir, std::path::PathBuf, serde_json::Value, String, i32) {
    let dir = TempDir::new("layout");
    let input = dir.path().join("台账.xlsx");
    write_fixture(&input, "Sheet1", rows);
    let mut args: Vec<std::ffi::OsString> = flags.iter().map(Into::into).collect();
    args.push("--json".into());
    args.push(input.clone().into());
    let output = jixiao(args);
    let workbook = dir.path().join("台账_绩效自评.xlsx");
    let json = json_of(&output);
    (
        dir,
        workbook,
        json,
        stderr_of(&output),
        output.status.code().unwrap_or(-1),
    )
}

fn amounts(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["years"][0]["months"]
        .as_array()
        .map(|months| {
            months
                .iter()
                .map(|m| {
                    format!(
                        "{}:{}",
                        m["amount_wan"].as_str().unwrap(),
                        m["grade"].as_str().unwrap_or("-")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn journal_with_text_dates_debit_header_and_unit_in_title() {
    let rows = vec![
        vec![S("某某局2017年度支出序时账")],
        vec![S("金额单位：元")],
        vec![
            S("记账日期"),
            S("凭证字号"),
            S("摘要"),
            S("贷方金额"),
            S("借方金额"),
        ],
        vec![
            S("2017-01-05"),
            S("记-0001"),
            S("工资"),
            Blank,
            N(100_000.0),
        ],
        vec![
            S("2017/1/20"),
            S("记-0002"),
            S("办公费"),
            Blank,
            S("1,234.56"),
        ],
        vec![
            S("2017年2月3日"),
            S("记-0003"),
            S("差旅费"),
            Blank,
            S("１２，３４５．６７"),
        ],
        vec![
            S("20170315"),
            S("记-0004"),
            S("红字冲销"),
            Blank,
            S("-345.67"),
        ],
        vec![
            D(2017, 3, 20),
            S("记-0005"),
            S("维修费"),
            N(999.0),
            N(200_000.0),
        ],
        vec![Blank, Blank, S("本月合计"), Blank, N(199_654.33)],
    ];
    let (_dir, workbook, json, stderr, code) = grade(&rows, &["--budget", "240"]);
    assert_eq!(code, 0, "{stderr}");
    // 240 万元 → share 20.00: thresholds 18.00 / 16.00 / 14.00 / 12.00.
    let months = amounts(&json);
    // March: −345.67 + (200,000 借方 − 999 贷方) = 198,655.33 元.
    assert_eq!(months[..3], ["10.12:差", "1.23:差", "19.87:优秀"]);
    assert!(months[3..].iter().all(|m| m == "0.00:-"));
    assert!(
        stderr.contains("借方金额") && stderr.contains("来自 Sheet1!A2 的“金额单位：元”"),
        "{stderr}"
    );
    let graded = graded_months(&workbook);
    assert_eq!(graded[0], ("一月".into(), "10.12".into(), "差".into()));
    assert_eq!(graded[3], ("四月".into(), "".into(), "未到期".into()));
}

#[test]
fn unit_in_the_amount_header_and_the_unit_flag() {
    let rows = vec![
        vec![S("日期"), S("金额（万元）")],
        vec![D(2017, 1, 5), N(24.22)],
        vec![D(2017, 2, 5), N(24.215)],
    ];
    let (_dir, _wb, json, stderr, code) = grade(&rows, &["--budget", "322.95"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(amounts(&json)[..2], ["24.22:优秀", "24.22:优秀"]);
    // The flag wins over the header: the same figures read as 元 are tiny —
    // 10,000× below the budget's share, so refused with the unit to give.
    let (_dir, _wb, _, stderr, code) = grade(&rows, &["--budget", "322.95", "--unit", "元"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("台账金额按元读取") && stderr.contains("改用 --unit 万元"),
        "{stderr}"
    );
}

#[test]
fn monthly_table_with_arabic_months_and_blank_future_months() {
    let mut rows = vec![
        vec![S("2018年各月支出")],
        vec![S("月份"), S("支出金额（万元）")],
    ];
    let figures = [Some(20.0), Some(16.14), Some(0.0), None, None];
    let labels = ["1月", "2月", "3月", "4月", "5月"];
    for (label, figure) in labels.iter().zip(figures) {
        rows.push(vec![S(label), figure.map_or(Blank, N)]);
    }
    let (_dir, _wb, json, stderr, code) = grade(&rows, &["--budget", "240"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["files"][0]["years"][0]["year"], 2018);
    let months = amounts(&json);
    assert_eq!(
        months[..4],
        ["20.00:优秀", "16.14:良好", "0.00:差", "0.00:-"]
    );
}

#[test]
fn several_years_with_one_budget_grade_the_latest_and_list_the_rest() {
    // Issue 8, point 5: one bare --budget for a book spanning two years grades the
    // year with most months (the later on a tie); the other year is listed, not lost.
    let rows = vec![
        vec![S("日期"), S("金额")],
        vec![D(2016, 12, 30), N(50_000.0)],
        vec![D(2017, 1, 10), N(300_000.0)],
    ];
    let (dir, _wb, json, stderr, code) = grade(&rows, &["--budget", "322.95"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json["files"][0]["years"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["years"][0]["year"], 2017);
    assert_eq!(amounts(&json)[0], "30.00:优秀");
    let codes: Vec<&str> = json["files"][0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"other_years_left_out"), "{codes:?}");
    assert!(stderr.contains("按 2017 年评价"), "{stderr}");
    assert!(!stderr.contains("没有找到年度预算"), "{stderr}");
    assert_eq!(
        dir.file_names().len(),
        3,
        "the result and its 自评报告 draft are written"
    );

    let (_dir, workbook, json, stderr, code) =
        grade(&rows, &["--budget", "322.95", "--year", "2017"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(amounts(&json)[0], "30.00:优秀");
    let check = read_sheet(&workbook, Some("数据检查"));
    assert!(
        check
            .iter()
            .any(|r| r.len() > 1 && r[0] == "Sheet1!A2" && r[1].contains("属于 2016 年")),
        "{check:?}"
    );
}

#[test]
fn unreadable_cells_are_named_in_the_messages_and_the_check_sheet() {
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 10), S("工资"), N(250_000.0)],
        vec![S("上月"), S("补记"), N(1_000.0)],
        vec![D(2017, 1, 12), S("办公费"), S("待定")],
    ];
    let (_dir, workbook, _json, stderr, code) = grade(&rows, &["--budget", "322.95"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("需要检查 Sheet1!A3：日期无法识别：“上月”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("需要检查 Sheet1!C4：金额无法识别：“待定”"),
        "{stderr}"
    );
    let check = read_sheet(&workbook, Some("数据检查"));
    let listed: Vec<&str> = check
        .iter()
        .filter_map(|r| r.first())
        .filter(|a| a.starts_with("Sheet1!"))
        .map(String::as_str)
        .collect();
    assert_eq!(listed, ["Sheet1!A3", "Sheet1!C4"]);
}

#[test]
fn a_sheet_without_the_needed_columns_says_what_was_looked_for() {
    let rows = vec![vec![S("姓名"), S("电话")], vec![S("张三"), S("1234")]];
    let (dir, _wb, json, _stderr, code) = grade(&rows, &["--budget", "322.95"]);
    assert_eq!(code, 1);
    let error = json["files"][0]["error"].as_str().unwrap();
    assert!(
        error.contains("Sheet1") && error.contains("日期列") && error.contains("金额列"),
        "{error}"
    );
    assert_eq!(dir.file_names(), ["台账.xlsx"]);
}

#[test]
fn the_header_is_found_in_a_later_sheet() {
    let dir = TempDir::new("two-sheets");
    let input = dir.path().join("两表.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook
        .add_worksheet()
        .set_name("说明")
        .unwrap()
        .write_string(0, 0, "本表为2017年支出")
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("数据").unwrap();
    sheet
        .write_string(0, 0, "日期")
        .unwrap()
        .write_string(0, 1, "支出金额")
        .unwrap();
    sheet
        .write_string(1, 0, "2017-05-02")
        .unwrap()
        .write_number(1, 1, 123_456.78)
        .unwrap();
    workbook.save(&input).unwrap();
    let output = jixiao([
        "--budget".as_ref(),
        "100".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let month = &json_of(&output)["files"][0]["years"][0]["months"][4];
    assert_eq!(month["amount_wan"], "12.35");
    assert!(stderr_of(&output).contains("工作表「数据」"));
}

/// Runs jixiao on a file written as raw bytes; returns (folder, JSON, stderr, exit code).
fn grade_bytes(
    name: &str,
    bytes: &[u8],
    flags: &[&str],
) -> (TempDir, serde_json::Value, String, i32) {
    let dir = TempDir::new("text-layout");
    let input = dir.path().join(name);
    std::fs::write(&input, bytes).unwrap();
    let mut args: Vec<std::ffi::OsString> = flags.iter().map(Into::into).collect();
    args.push("--json".into());
    args.push(input.into());
    let output = jixiao(args);
    let json = json_of(&output);
    (
        dir,
        json,
        stderr_of(&output),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn an_html_table_saved_as_xls_is_read() {
    let html = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"></head><body>\
<table><tr><td colspan=3>某局2017年支出明细</td></tr>\
<tr><th>制单日期</th><th>摘要</th><th>借方金额</th></tr>\
<tr><td>2017-01-05</td><td>办公费</td><td>12,000.00</td></tr>\
<tr><td>2017-02-06</td><td>差旅费&nbsp;</td><td>3,456.78</td></tr></table></body></html>";
    let (_dir, json, stderr, code) =
        grade_bytes("银行导出.xls", html.as_bytes(), &["--budget", "12"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(amounts(&json)[..2], ["1.20:优秀", "0.35:差"]);
    assert!(stderr.contains("制单日期"), "{stderr}");
}

#[test]
fn gbk_tab_separated_text_saved_as_xls_is_read() {
    let text = "日期\t摘要\t金额\r\n2017-03-01\t购置打印纸\t1,000.00\r\n2017-03-02\t\"办公费,硒鼓\"\t500\r\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let (_dir, json, stderr, code) = grade_bytes("财务软件导出.xls", &gbk, &["--budget", "12"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(amounts(&json)[2], "0.15:差");
    assert!(
        stderr.contains("GB18030") || stderr.contains("gb18030"),
        "{stderr}"
    );
}

#[test]
fn utf16_csv_with_split_thousands_is_read_to_the_cent() {
    let text = "日期,摘要,金额\n2017-01-05,办公费,1,500.25\n2017-01-06,邮电费,\"2,000.00\"\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (_dir, json, stderr, code) = grade_bytes("ledger.csv", &bytes, &["--budget", "12"]);
    assert_eq!(code, 0, "{stderr}");
    // 1,500.25 + 2,000.00 = 3,500.25 元.
    assert_eq!(amounts(&json)[0], "0.35:差");
}

#[test]
fn several_years_are_graded_each_against_its_own_budget() {
    let rows = vec![
        vec![S("日期"), S("金额")],
        vec![D(2016, 11, 30), N(100_000.0)],
        vec![D(2016, 12, 30), N(50_000.0)],
        vec![D(2017, 1, 10), N(300_000.0)],
    ];
    let (_dir, workbook, json, stderr, code) =
        grade(&rows, &["--budget", "2016=120", "--budget", "2017=322.95"]);
    assert_eq!(code, 0, "{stderr}");
    let years = json["files"][0]["years"].as_array().unwrap();
    let summary: Vec<(i64, &str, &str)> = years
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["budget_wan"].as_str().unwrap(),
                y["months"][10]["amount_wan"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary, [(2016, "120", "10.00"), (2017, "322.95", "0.00")]);
    // 2016: share 10.00 → November 10.00 优秀, December 5.00 差; 2017 January 30.00 优秀.
    assert_eq!(years[0]["months"][11]["grade"], "差");
    assert_eq!(years[1]["months"][0]["grade"], "优秀");
    assert_eq!(
        crate::support::sheet_names(&workbook),
        [
            "月度分析",
            "自评指标体系",
            "2016年月度分析",
            "2016年自评指标体系",
            "明细",
            "数据检查"
        ]
    );
    let earlier = read_sheet(&workbook, Some("2016年月度分析"));
    let grade = crate::support::column_of(&earlier[0], "绩效等级");
    assert_eq!(
        (
            earlier[11][0].as_str(),
            earlier[11][1].as_str(),
            earlier[11][grade].as_str()
        ),
        ("十一月", "10", "优秀")
    );
}

#[test]
fn flags_force_the_sheet_header_row_and_columns() {
    let dir = TempDir::new("overrides");
    let input = dir.path().join("自制表.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet().set_name("封面").unwrap();
    notes
        .write_string(0, 0, "日期")
        .unwrap()
        .write_string(0, 1, "金额")
        .unwrap();
    notes
        .write_string(1, 0, "2017-01-01")
        .unwrap()
        .write_number(1, 1, 999_999.0)
        .unwrap();
    let sheet = workbook.add_worksheet().set_name("流水").unwrap();
    sheet.write_string(0, 0, "某局流水").unwrap();
    sheet
        .write_string(2, 0, "发生时间")
        .unwrap()
        .write_string(2, 1, "事项")
        .unwrap()
        .write_string(2, 2, "本次支付")
        .unwrap();
    sheet
        .write_string(3, 0, "2017-02-03")
        .unwrap()
        .write_string(3, 1, "办公费")
        .unwrap()
        .write_number(3, 2, 12_345.0)
        .unwrap();
    workbook.save(&input).unwrap();
    let run = |extra: &[&str]| {
        let mut args: Vec<std::ffi::OsString> = ["--budget", "100", "--json", "--overwrite"]
            .iter()
            .map(Into::into)
            .collect();
        args.extend(extra.iter().map(Into::into));
        args.push(input.clone().into());
        jixiao(args)
    };
    // Without flags the cover sheet's header wins: the wrong sheet.
    let cover = run(&[]);
    assert_eq!(json_of(&cover)["files"][0]["years"][0]["year"], 2017);
    assert!(stderr_of(&cover).contains("工作表「封面」"));
    // --sheet alone finds no header there, and says which flags help.
    let error = run(&["--sheet", "流水"]);
    assert_eq!(error.status.code(), Some(1));
    assert!(
        stderr_of(&error).contains("--header-row"),
        "{}",
        stderr_of(&error)
    );
    let forced = run(&[
        "--sheet",
        "流水",
        "--header-row",
        "3",
        "--date-col",
        "A",
        "--amount-col",
        "C",
    ]);
    assert!(forced.status.success(), "{}", stderr_of(&forced));
    assert_eq!(
        json_of(&forced)["files"][0]["years"][0]["months"][1]["amount_wan"],
        "1.23"
    );
    let missing = run(&["--sheet", "不存在"]);
    assert!(
        stderr_of(&missing).contains("「封面」「流水」"),
        "{}",
        stderr_of(&missing)
    );
}

/// Issue 10: past the first 2000 rows of a reason, rows left out are counted,
/// not kept whole — and still every one is counted, summed and named in 明细.
#[test]
fn thousands_of_rows_left_out_are_all_counted_and_named_in_明细() {
    let mut rows = vec![vec![S("日期"), S("摘要"), S("金额")]];
    // 3000 unreadable amounts, 2500 dated in another year, 12 counted lines.
    for i in 0..3000u32 {
        rows.push(vec![D(2017, 1 + (i % 12) as u8, 5), S("办公费"), S("待定")]);
    }
    for _ in 0..2500 {
        rows.push(vec![D(2016, 12, 5), S("上年"), N(10.0)]);
    }
    for month in 1..=12u8 {
        rows.push(vec![D(2017, month, 20), S("工资"), N(250_000.0)]);
    }
    let (_dir, workbook, json, stderr, code) =
        grade(&rows, &["--budget", "322.95", "--year", "2017"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("计入 12 行，未计入 5500 行（其中需要检查 3000 处）"),
        "{stderr}"
    );
    assert!(stderr.contains("金额无法识别 3000 处"), "{stderr}");
    assert!(stderr.contains("其他年度 2500 处 25000.00 元"), "{stderr}");
    assert!(stderr.contains("一分不差"), "{stderr}");
    assert_eq!(json["files"][0]["ok"], true);
    let check = read_sheet(&workbook, Some("数据检查"));
    let count = check
        .iter()
        .find(|r| r.first().is_some_and(|l| l == "未计入处数"))
        .unwrap();
    assert_eq!(count[1], "5500（其中需要检查 3000 处）");
    // Every input row has its line in 明细, with what was done with it.
    let detail = read_sheet(&workbook, Some("明细"));
    let handling = crate::support::column_of(&detail[0], "处理");
    assert_eq!(detail.len(), 1 + 3000 + 2500 + 12);
    for (index, row) in detail[1..].iter().enumerate() {
        let expected = match index {
            0..3000 => "排除：金额无法识别：“待定”",
            3000..5500 => "排除：属于 2016 年",
            _ => "计入",
        };
        assert!(
            row[handling].starts_with(expected),
            "明细 row {}: {:?}",
            index + 2,
            row[handling]
        );
    }
}

/// A journal with its own 经济分类 column: the column wins over a misleading
/// account name, a red reversal takes the class of the line it mirrors, and
/// 数据检查 lists the largest lines jixiao could not classify (未归类支出)
/// with their cell, 摘要, amount and account.
#[test]
fn the_check_sheet_lists_the_largest_unclassified_lines() {
    let header = vec![
        S("日期"),
        S("凭证号"),
        S("科目名称"),
        S("摘要"),
        S("经济分类"),
        S("金额"),
    ];
    let line = |(month, day): (u8, u8), account, summary, class, amount| {
        vec![
            D(2017, month, day),
            S("记-1"),
            S(account),
            S(summary),
            class,
            N(amount),
        ]
    };
    let mut rows = vec![
        header,
        // Row 2: the account says 差旅费, the book's 经济分类 says 办公费.
        line(
            (1, 5),
            "业务活动费用-差旅费",
            "报销差旅费",
            S("30201 办公费"),
            8_000.0,
        ),
        // Row 3: nothing says what it is.
        line((1, 6), "单位管理费用", "支付款项", Blank, 50_000.0),
        // Row 4 and its red reversal, row 5.
        line((1, 7), "单位管理费用", "购买办公用品", Blank, 3_000.0),
        line((1, 10), "单位管理费用", "红字冲销", Blank, -3_000.0),
        // Rows 6 and 7: February, unclassified, one of them red.
        line((2, 3), "单位管理费用", "往来款", Blank, 1_200.0),
        line((2, 4), "单位管理费用", "调整", Blank, -700.0),
    ];
    // Rows 8–17: small unclassified lines of 10 … 100 元.
    const SMALL: [&str; 10] = [
        "杂项1", "杂项2", "杂项3", "杂项4", "杂项5", "杂项6", "杂项7", "杂项8", "杂项9", "杂项10",
    ];
    for (i, summary) in SMALL.iter().enumerate() {
        let yuan = 10.0 * (i as f64 + 1.0);
        rows.push(line((2, 9), "单位管理费用", summary, Blank, yuan));
    }
    let (_dir, workbook, _json, stderr, code) = grade(&rows, &["--budget", "240"]);
    assert_eq!(code, 0, "{stderr}");

    // 明细: each line's class.
    let detail = read_sheet(&workbook, Some("明细"));
    let class = crate::support::column_of(&detail[0], "经济分类");
    let classes: Vec<&str> = detail[1..7].iter().map(|r| r[class].as_str()).collect();
    assert_eq!(
        classes,
        [
            "302 商品和服务支出／办公费",
            "未归类支出",
            "302 商品和服务支出／办公费",
            "302 商品和服务支出／办公费",
            "未归类支出",
            "未归类支出",
        ]
    );

    let check = read_sheet(&workbook, Some("数据检查"));
    let fact = check
        .iter()
        .find(|r| r.first().is_some_and(|l| l == "未归类支出"))
        .unwrap_or_else(|| panic!("no 未归类支出 fact: {check:?}"));
    // 50,000 + 1,200 − 700 + 550 of 59,050 counted.
    assert!(
        fact[1].starts_with("13 笔，合计 51050.00 元（占计入金额 86.5%）"),
        "{fact:?}"
    );
    let title = check
        .iter()
        .position(|r| r.first().is_some_and(|t| t.starts_with("未归类支出（")))
        .unwrap_or_else(|| panic!("no 未归类支出 table: {check:?}"));
    assert!(
        check[title][0].contains("金额最大的 10 笔"),
        "{:?}",
        check[title]
    );
    assert_eq!(check[title + 1], ["单元格", "摘要", "金额（元）", "科目"]);
    let listed: Vec<[&str; 4]> = check[title + 2..title + 12]
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[3].as_str()])
        .collect();
    let small = |row: u32, yuan: &'static str| {
        [
            format!("Sheet1!F{row}"),
            format!("杂项{}", row - 7),
            yuan.to_string(),
        ]
    };
    let mut expected: Vec<[String; 3]> = vec![
        ["Sheet1!F3".into(), "支付款项".into(), "50000".into()],
        ["Sheet1!F6".into(), "往来款".into(), "1200".into()],
        ["Sheet1!F7".into(), "调整".into(), "-700".into()],
    ];
    for (row, yuan) in [
        (17, "100"),
        (16, "90"),
        (15, "80"),
        (14, "70"),
        (13, "60"),
        (12, "50"),
        (11, "40"),
    ] {
        expected.push(small(row, yuan));
    }
    for (got, want) in listed.iter().zip(&expected) {
        assert_eq!(got[..3], [want[0].as_str(), &want[1], &want[2]], "{got:?}");
        assert_eq!(got[3], "单位管理费用", "{got:?}");
    }
    assert_eq!(listed.len(), expected.len());
    assert_eq!(
        check[title + 12][0],
        "……另有 3 笔未归类支出未列出，每一行的经济分类见「明细」表"
    );
    // The rows left out are listed after it, as before.
    assert!(check[title + 13..]
        .iter()
        .any(|r| r.first().is_some_and(|t| t == "未计入的单元格")));
}

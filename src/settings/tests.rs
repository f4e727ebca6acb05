use super::*;
use crate::read::CellValue;
use anyhow::Result;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

const FILE: &str = "D:/台账/jixiao.toml";

fn parse(text: &str) -> Result<Settings> {
    let settings = validate(from_toml(text, Path::new(FILE), Beside::Ledger)?)?;
    settings.check()?;
    Ok(settings)
}

fn sheet(rows: &[(&str, CellValue)]) -> Result<Settings> {
    let rows: Vec<(u32, String, CellValue)> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, value))| (i as u32, name.to_string(), value.clone()))
        .collect();
    let settings = validate(from_sheet(&rows, "台账.xlsx", Path::new("D:/账"))?)?;
    settings.check()?;
    Ok(settings)
}

fn text(value: &str) -> CellValue {
    CellValue::Text(value.to_string())
}

#[test]
fn a_full_settings_file_is_read() {
    let text = "budget = 322.95\n[rules]\nprogress = \"天\"\naccounts = [\"7101\", 7201]\n\
[bands]\n\"优秀\" = 95\n\"良好\" = 85\n\"中等\" = 75\n\"及格\" = 65\n[measures]\n\"差\" = \"约谈并加快进度\"\n";
    let settings = parse(text).unwrap();
    assert_eq!(
        settings.budgets.as_ref().unwrap().value.only_year,
        Some(d("322.95"))
    );
    assert_eq!(
        settings.progress.as_ref().unwrap().value,
        ProgressBasis::Days
    );
    assert_eq!(settings.accounts.as_ref().unwrap().value, ["7101", "7201"]);
    assert_eq!(settings.bands[&Grade::Excellent].value, d("95"));
    assert_eq!(settings.measures[&Grade::Poor].value, "约谈并加快进度");
    let place = &settings.budgets.as_ref().unwrap().place;
    assert!(place.describe().contains("jixiao.toml"), "{place:?}");
    assert!(
        matches!(
            place,
            Place::File {
                line: 1,
                beside: Beside::Ledger,
                ..
            }
        ),
        "{place:?}"
    );
    // The measure is on line 11 (not the line of the first “差” or “优秀”).
    match &settings.measures[&Grade::Poor].place {
        Place::File { line, .. } => assert_eq!(*line, 11),
        other => panic!("{other:?}"),
    }
    let with_lines =
        parse("budget = 322.95\n[breakdown]\n\"工资福利支出\" = 205.28\n\"办公取暖\" = 3.24\n")
            .unwrap();
    let names: Vec<&str> = with_lines
        .breakdown
        .as_ref()
        .unwrap()
        .value
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names, ["工资福利支出", "办公取暖"], "in the file's order");
}

#[test]
fn every_setting_can_be_written_in_the_file() {
    let settings = parse(
        "budget = 322.95\nyear = 2017\nunit = \"万元\"\nsheet = \"序时账\"\nheader-row = 3\n\
date_col = \"A\"\namount-col = 6\naccounts = \"7101、7201\"\nprogress = \"月\"\n\
out-dir = '结果'\noverwrite = true\n",
    )
    .unwrap();
    assert_eq!(settings.year.unwrap().value, 2017);
    assert_eq!(settings.unit.unwrap().value, Unit::Wan);
    assert_eq!(settings.sheet.unwrap().value, "序时账");
    assert_eq!(settings.header_row.unwrap().value, 2);
    assert_eq!(settings.date_column.unwrap().value, 0);
    assert_eq!(settings.amount_column.unwrap().value, 5);
    assert_eq!(settings.accounts.unwrap().value, ["7101", "7201"]);
    // A relative folder is relative to the file that names it.
    assert_eq!(
        settings.out_dir.unwrap().value,
        Path::new("D:/台账").join("结果")
    );
    assert!(settings.overwrite.unwrap().value);
}

#[test]
fn budgets_per_year() {
    let settings = parse("[budget]\n2016 = 300\n\"2017\" = 322.95\n").unwrap();
    let budgets = settings.budgets.unwrap().value;
    assert_eq!(budgets.by_year.get(&2016), Some(&d("300")));
    assert_eq!(budgets.by_year.get(&2017), Some(&d("322.95")));
}

#[test]
fn mistakes_name_the_file_line_and_key() {
    let error = |text: &str| parse(text).unwrap_err().to_string();
    let message = error("# 说明\n\nbudget = 0\n");
    assert!(
        message.contains("jixiao.toml」第 3 行 budget") && message.contains("请填写全年预算收入"),
        "{message}"
    );
    let message = error("budget = 322.95\nbuget = 1\n");
    assert!(
        message.contains("第 2 行 buget") && message.contains("不认识"),
        "{message}"
    );
    let message = error("budget = 322.95\nbudget = = 1\n");
    assert!(message.contains("第 2 行写法有误"), "{message}");
    let message = error("[bands]\n\"优秀\" = 80\n\"良好\" = 90\n\"中等\" = 70\n\"及格\" = 60\n");
    assert!(
        message.contains("依次减小")
            && message.contains("第 2 行 优秀")
            && message.contains("第 3 行 良好"),
        "{message}"
    );
    let message = error("[rules]\nprogress = \"周\"\n");
    assert!(message.contains("第 2 行 progress"), "{message}");
    let message = error("[budget]\n17 = 300\n");
    assert!(message.contains("四位数"), "{message}");
    let message = error("year = 17\n");
    assert!(
        message.contains("第 1 行 year") && message.contains("四位数"),
        "{message}"
    );
    let message = error("unit = \"千元\"\n");
    assert!(
        message.contains("第 1 行 unit") && message.contains("“元”或“万元”"),
        "{message}"
    );
}

#[test]
fn values_beyond_sense_are_refused_whatever_their_source() {
    // Issue 11: the 参数 sheet took these, jixiao.toml refused them.
    for (name, value) in [
        ("预算", CellValue::Number(1e27)),
        ("预算", CellValue::Number(5e26)),
        ("预算", CellValue::Number(1e-9)),
        ("预算", CellValue::Number(0.0)),
        ("优秀", CellValue::Number(1e20)),
        ("优秀", CellValue::Number(0.0)),
    ] {
        let message = sheet(&[(name, value.clone())]).unwrap_err().to_string();
        assert!(
            message.contains("「台账.xlsx」的 参数!B1"),
            "{name} {value:?}: {message}"
        );
    }
    for text in [
        "budget = 1e27\n",
        "budget = 5e26\n",
        "budget = 1e-9\n",
        "[bands]\n\"优秀\" = 1e20\n",
    ] {
        let message = parse(text).unwrap_err().to_string();
        assert!(message.contains("jixiao.toml」第 "), "{text}: {message}");
    }
}

#[test]
fn bands_that_cannot_all_be_reached_are_refused() {
    // 优秀 10 % / 良好 95 %: 良好 could never be reached and 6.00 万元 would grade 优秀.
    let message = sheet(&[
        ("预算", CellValue::Number(120.0)),
        ("优秀", CellValue::Number(10.0)),
        ("良好", CellValue::Number(95.0)),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        message.contains("依次减小") && message.contains("参数!B2") && message.contains("参数!B3"),
        "{message}"
    );
    // One band alone is checked against the seed's others.
    let message = sheet(&[("中等", CellValue::Number(85.0))])
        .unwrap_err()
        .to_string();
    assert!(message.contains("良好 80（默认）"), "{message}");
    assert!(sheet(&[("中等", CellValue::Number(75.0))]).is_ok());
}

#[test]
fn a_parameter_sheet_names_every_setting_in_chinese() {
    let settings = sheet(&[
        ("名称", text("值")),
        ("2017年预算（万元）", CellValue::Number(322.95)),
        ("年度", CellValue::Number(2017.0)),
        ("单位", text("元")),
        ("工作表", text("序时账")),
        ("表头行", CellValue::Number(3.0)),
        ("日期列", text("A")),
        ("金额列", text("F")),
        ("科目", text("7101，7201")),
        ("序时进度", text("按天")),
        ("分项:工资福利支出", CellValue::Number(205.28)),
        ("差整改办法", text("约谈")),
        ("结果目录", text("D:/结果")),
        ("覆盖", text("是")),
        ("说明", CellValue::Empty),
    ])
    .unwrap();
    assert_eq!(
        settings.budgets.as_ref().unwrap().value.by_year[&2017],
        d("322.95")
    );
    assert_eq!(settings.year.as_ref().unwrap().value, 2017);
    assert_eq!(settings.header_row.as_ref().unwrap().value, 2);
    assert_eq!(settings.amount_column.as_ref().unwrap().value, 5);
    assert_eq!(settings.accounts.as_ref().unwrap().value, ["7101", "7201"]);
    assert_eq!(settings.measures[&Grade::Poor].value, "约谈");
    assert!(settings.overwrite.as_ref().unwrap().value);
    let year = &settings.year.as_ref().unwrap().place;
    assert_eq!(year.at(), "「台账.xlsx」的 参数!B3（年度）");
    assert_eq!(year.describe(), "台账中的「参数」工作表");
    let message = sheet(&[("预箅", CellValue::Number(1.0))])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("参数!B1（预箅）") && message.contains("不认识"),
        "{message}"
    );
}

#[test]
fn the_precedence_is_flags_then_sheet_then_the_files() {
    let flag = validate(vec![RawSetting {
        key: Key::Year,
        value: RawValue::Text("2018".into()),
        place: Place::Flag("--year"),
    }])
    .unwrap();
    let from_sheet = sheet(&[("年度", CellValue::Number(2017.0)), ("单位", text("万元"))]).unwrap();
    let beside_ledger = validate(
        from_toml(
            "year = 2016\nunit = \"元\"\nprogress = \"天\"\n",
            Path::new(FILE),
            Beside::Ledger,
        )
        .unwrap(),
    )
    .unwrap();
    let beside_exe = validate(
        from_toml(
            "budget = 300\nprogress = \"月\"\n[measures]\n\"差\" = \"约谈\"\n",
            Path::new("C:/jixiao/jixiao.toml"),
            Beside::Exe,
        )
        .unwrap(),
    )
    .unwrap();
    let merged = flag.over(from_sheet.over(beside_ledger.over(beside_exe)));
    assert_eq!(merged.year.as_ref().unwrap().value, 2018);
    assert_eq!(merged.year.as_ref().unwrap().place, Place::Flag("--year"));
    assert_eq!(
        merged.unit.as_ref().unwrap().value,
        Unit::Wan,
        "the sheet over the file"
    );
    assert_eq!(
        merged.progress.as_ref().unwrap().value,
        ProgressBasis::Days,
        "beside the ledger over beside the exe"
    );
    assert!(matches!(
        merged.budgets.as_ref().unwrap().place,
        Place::File {
            beside: Beside::Exe,
            ..
        }
    ));
    assert_eq!(merged.measures[&Grade::Poor].value, "约谈");
    let used: Vec<&str> = merged.used().iter().map(|(what, _)| *what).collect();
    assert_eq!(used, ["预算收入", "年度", "单位", "整改办法", "序时进度"]);
}

#[test]
fn the_template_reads_back_once_filled_in() {
    let single = template(&[2017]);
    assert!(single.contains("# 全年预算收入（万元）"));
    let unfilled = parse(&single).unwrap_err().to_string();
    assert!(
        unfilled.contains("budget") && unfilled.contains("请填写全年预算收入"),
        "{unfilled}"
    );
    let filled = parse(&single.replace("budget = 0", "budget = 322.95")).unwrap();
    assert_eq!(filled.budgets.unwrap().value.only_year, Some(d("322.95")));
    assert!(filled.progress.is_none());
    let years = template(&[2016, 2017]);
    let filled = parse(
        &years
            .replace("budget.2016 = 0", "budget.2016 = 300")
            .replace("budget.2017 = 0", "budget.2017 = 322.95"),
    )
    .unwrap();
    assert_eq!(filled.budgets.unwrap().value.by_year.len(), 2);
    // Every commented example reads back when uncommented, in the one-year
    // template and in the one for several years (no key falls into a [小节]).
    let uncomment = |text: &str| -> String {
        text.lines()
            .filter(|line| !line.starts_with("# budget."))
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest.to_string(),
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for text in [
        single.replace("budget = 0", "budget = 322.95"),
        years
            .replace("budget.2016 = 0", "budget.2016 = 300")
            .replace("budget.2017 = 0", "budget.2017 = 322.95"),
    ] {
        let all = uncomment(&text);
        let settings = parse(&all).unwrap_or_else(|e| panic!("{e}\n{all}"));
        assert_eq!(settings.year.as_ref().unwrap().value, 2017, "{all}");
        let used: Vec<&str> = settings.used().iter().map(|(what, _)| *what).collect();
        assert_eq!(
            used,
            [
                "预算收入",
                "年度",
                "单位",
                "工作表",
                "表头行",
                "日期列",
                "金额列",
                "科目",
                "排除科目",
                "评定标准",
                "整改办法",
                "序时进度",
                "截至日期",
                "分项预算",
                "结果目录",
                "覆盖",
                "自评报告",
                "单位情况"
            ]
        );
    }
}

fn flags(values: &[(Key, &'static str, &str)]) -> Result<Settings> {
    validate(
        values
            .iter()
            .map(|(key, flag, value)| RawSetting {
                key: key.clone(),
                value: RawValue::Text(value.to_string()),
                place: Place::Flag(flag),
            })
            .collect(),
    )
}

#[test]
fn budgets_are_written_as_a_person_writes_them() {
    let budget = |text: &str| flags(&[(Key::Budget(None), "--budget", text)]);
    let one = budget("2017年=322.95").unwrap().budgets.unwrap().value;
    assert_eq!(one.by_year[&2017], d("322.95"));
    assert_eq!(
        budget("2016:300").unwrap().budgets.unwrap().value.by_year[&2016],
        d("300")
    );
    for bad in [
        "0", "-5", "+5", "abc", "1800=5", "2017=", "=5", "322_95", "3e2", "1.2.3", "0.1",
    ] {
        let error = budget(bad).unwrap_err().to_string();
        assert!(error.starts_with("命令行参数 --budget："), "{bad}: {error}");
    }
    let two = flags(&[
        (Key::Budget(None), "--budget", "1"),
        (Key::Budget(None), "--budget", "2"),
    ]);
    assert!(two.unwrap_err().to_string().contains("不知道该用哪一个"));
    let twice = flags(&[
        (Key::Budget(None), "--budget", "2017=1"),
        (Key::Budget(None), "--budget", "2017=2"),
    ]);
    assert!(twice.unwrap_err().to_string().contains("给了两次"));
    let mixed = flags(&[
        (Key::Budget(None), "--budget", "322.95"),
        (Key::Budget(None), "--budget", "2017=1"),
    ]);
    assert!(mixed.unwrap_err().to_string().contains("不知道该用哪一个"));
    // In a file, numbers as a person writes them: not 322_95 (= 32295), 0x10 or 3e2.
    for text in ["budget = 322_95\n", "budget = 0x10\n", "budget = 3e2\n"] {
        let message = parse(text).unwrap_err().to_string();
        assert!(message.contains("第 1 行 budget"), "{text}: {message}");
    }
}

#[test]
fn a_setting_given_twice_in_one_place_is_refused() {
    let message = sheet(&[
        ("年度", CellValue::Number(2017.0)),
        ("评价年度", CellValue::Number(2016.0)),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        message.contains("参数!B2") && message.contains("已经在参数!B1写过"),
        "{message}"
    );
    let message = parse("budget = 1\nprogress = \"天\"\n[rules]\nprogress = \"月\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("第 4 行 progress") && message.contains("第 2 行"),
        "{message}"
    );
}

#[test]
fn the_sheet_takes_only_names_it_knows_exactly() {
    // Notes and a heading are passed over; a name that merely contains 预算 or 科目 is not a setting.
    let settings = sheet(&[
        ("项目名称", text("内容")),
        ("说明", text("本表填写参数")),
        ("备注", text("预算单位：万元")),
        ("单位名称", text("某局")),
        ("年度预算（万元）", CellValue::Number(120.0)),
    ])
    .unwrap();
    assert_eq!(settings.budgets.unwrap().value.only_year, Some(d("120")));
    assert_eq!(settings.department[&DepartmentField::Name].value, "某局");
    for (name, value) in [
        ("预算年度", CellValue::Number(2017.0)),
        ("预算科目", CellValue::Number(7101.0)),
        ("科目说明", text("只含财政拨款支出")),
        ("工作表说明", text("…")),
        ("覆盖范围", text("全局")),
        ("分项预算:工资", CellValue::Number(1.0)),
    ] {
        let message = sheet(&[(name, value)]).unwrap_err().to_string();
        assert!(message.contains("不认识这个设置项"), "{name}: {message}");
    }
}

#[test]
fn a_band_in_a_percent_cell_is_not_read_as_a_hundredth() {
    // A cell formatted as 90% holds 0.9: refused, not graded as 0.9 %.
    let message = sheet(&[("优秀", CellValue::Number(0.9))])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("0.9 即 90%") && message.contains("参数!B1"),
        "{message}"
    );
    let typed = sheet(&[("优秀", text("95%"))]).unwrap();
    assert_eq!(typed.bands[&Grade::Excellent].value, d("95"));
}

#[test]
fn keys_that_fell_into_a_section_are_named_with_the_fix() {
    let message = parse("budget = 1\n[bands]\n\"优秀\" = 95\nyear = 2017\n")
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("第 4 行 year") && message.contains("第一个 [小节] 之前"),
        "{message}"
    );
    let message = parse("budget = 1\nbudget = 2\n").unwrap_err().to_string();
    assert!(
        message.contains("同一项写了两次") && !message.contains("duplicate"),
        "{message}"
    );
}

#[test]
fn a_relative_folder_in_the_sheet_is_beside_the_ledger() {
    let settings = sheet(&[("结果目录", text("结果"))]).unwrap();
    assert_eq!(
        settings.out_dir.unwrap().value,
        Path::new("D:/账").join("结果")
    );
}

#[test]
fn accounts_to_leave_out_are_read_from_every_source() {
    let from_file = parse("budget = 322.95\nexclude-accounts = [\"代管资金\", 2307]\n").unwrap();
    assert_eq!(
        from_file.exclude_accounts.as_ref().unwrap().value,
        ["代管资金", "2307"]
    );
    assert!(from_file.accounts.is_none());
    let from_sheet = sheet(&[
        ("预算", CellValue::Number(322.95)),
        ("排除科目", text("代管资金、暂付款,2307")),
    ])
    .unwrap();
    assert_eq!(
        from_sheet.exclude_accounts.as_ref().unwrap().value,
        ["代管资金", "暂付款", "2307"]
    );
    assert!(from_sheet
        .used()
        .iter()
        .any(|(what, from)| *what == "排除科目" && from.contains("参数")));
    // Given twice in one source, both count (like 科目); nothing is refused.
    let twice =
        parse("budget = 1\nexclude-accounts = \"代管资金\"\nexclude-account = \"暂付款\"\n")
            .unwrap();
    assert_eq!(
        twice.exclude_accounts.unwrap().value,
        ["代管资金", "暂付款"]
    );
    let empty = parse("budget = 1\nexclude-accounts = \"\"\n").unwrap_err();
    assert!(empty.to_string().contains("科目"), "{empty}");
    // A flag wins over a file, whole.
    let flags = Settings {
        exclude_accounts: Some(Sourced {
            value: vec!["2307".to_string()],
            place: Place::Flag("--exclude-account"),
        }),
        ..Settings::default()
    };
    assert_eq!(
        flags.over(from_file).exclude_accounts.unwrap().value,
        ["2307"]
    );
}

/// Issue 20: a 参数 value that is a formula without a saved result, or an
/// error value, is said as what it is — not as a year or budget of the wrong form.
#[test]
fn a_formula_without_its_result_in_the_sheet_is_said_as_one() {
    let error = sheet(&[("年度", CellValue::FormulaWithoutValue("2016+1".to_string()))])
        .expect_err("no value to read");
    let text = error.to_string();
    assert!(
        text.contains("参数!B1（年度）：是公式「=2016+1」，但文件里没有保存它的计算结果"),
        "{text}"
    );
    assert!(!text.contains("四位数"), "{text}");
    let error = sheet(&[("预算收入", CellValue::Error("#REF!".to_string()))])
        .expect_err("no value to read");
    assert!(
        error
            .to_string()
            .contains("参数!B1（预算收入）：是错误值 #REF!"),
        "{error}"
    );
}

/// Issue 20, point 2: the caps that hold a ledger cannot be lifted by the
/// ledger's own 参数 sheet; the row is named with where the caps are set.
#[test]
fn a_ledger_cannot_lift_its_own_caps() {
    for name in ["time-limit", "内存上限", "用时上限（秒）"] {
        let error = sheet(&[(name, CellValue::Number(0.0))]).expect_err("not from the sheet");
        let text = error.to_string();
        assert!(text.contains("参数!B1"), "{text}");
        assert!(
            text.contains("不能由台账自己放宽") && text.contains("jixiao.toml"),
            "{text}"
        );
    }
}

/// Issue 21, point 1: 截至 is read from the file, the sheet and a flag alike;
/// a month stands for its last day.
#[test]
fn the_as_of_day_is_read_from_every_source() {
    use crate::dates::CalendarDate;
    let day = |y, m, d| CalendarDate::new(y, m, d).unwrap();
    // A TOML date, and a month as text.
    let toml = parse("budget = 1\nas-of = 2017-09-12\n").unwrap();
    assert_eq!(toml.as_of.as_ref().unwrap().value, day(2017, 9, 12));
    assert!(matches!(
        toml.as_of.as_ref().unwrap().place,
        Place::File { line: 2, .. }
    ));
    let month = parse("as_of = \"2017-09\"\n").unwrap();
    assert_eq!(month.as_of.unwrap().value, day(2017, 9, 30));
    // The sheet: a date cell, a month written as text, a date cell that lost its format.
    for (value, want) in [
        (CellValue::Date(day(2017, 9, 12)), day(2017, 9, 12)),
        (text("2017年9月"), day(2017, 9, 30)),
        (CellValue::Number(42990.0), day(2017, 9, 12)),
        (CellValue::Number(201709.0), day(2017, 9, 30)),
    ] {
        let settings = sheet(&[("截至", value)]).unwrap();
        assert_eq!(settings.as_of.unwrap().value, want);
    }
    let message = sheet(&[("截至日期", text("九月中"))])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("参数!B1（截至日期）") && message.contains("不是有效的截至日期"),
        "{message}"
    );
    let message = parse("as-of = \"下个月\"\n").unwrap_err().to_string();
    assert!(message.contains("第 1 行 as-of"), "{message}");
    // A key of the top level written under a [小节] is named with the fix.
    let message = parse("[bands]\nas-of = 2017-09-12\n")
        .unwrap_err()
        .to_string();
    assert!(message.contains("移到文件开头"), "{message}");
    let used: Vec<&str> = toml.used().iter().map(|(what, _)| *what).collect();
    assert_eq!(used, ["预算收入", "截至日期"]);
}

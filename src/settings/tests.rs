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
    let settings = validate(from_sheet(&rows, "台账.xlsx")?)?;
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
            .replace("2016 = 0", "2016 = 300")
            .replace("2017 = 0", "2017 = 322.95"),
    )
    .unwrap();
    assert_eq!(filled.budgets.unwrap().value.by_year.len(), 2);
    // Every commented example reads back when uncommented.
    let uncommented: String = single
        .replace("budget = 0", "budget = 322.95")
        .lines()
        .filter(|line| {
            !line.starts_with("# 2016")
                && !line.starts_with("# 2017")
                && !line.starts_with("# [budget]")
        })
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest.to_string(),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let all = parse(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    assert_eq!(all.used().len(), 14, "{:?}", all.used());
}

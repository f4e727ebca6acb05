use super::*;
use clap::CommandFactory;

fn flags(arguments: &[&str]) -> Result<Settings> {
    let mut all = vec!["jixiao"];
    all.extend_from_slice(arguments);
    all.push("a.xlsx");
    Cli::try_parse_from(all).unwrap().settings()
}

#[test]
fn command_is_well_formed() {
    Cli::command().debug_assert();
}

#[test]
fn budgets_are_repeatable_per_year() {
    let settings = flags(&["--budget", "2016=300", "--budget", "2017=322.95"]).unwrap();
    let budgets = settings.budgets.unwrap();
    assert_eq!(budgets.value.by_year.len(), 2);
    assert_eq!(budgets.place, Place::Flag("--budget"));
    let error = flags(&["--budget", "abc"]).unwrap_err().to_string();
    assert!(
        error.starts_with("命令行参数 --budget：") && error.contains("“abc”"),
        "{error}"
    );
}

#[test]
fn rows_and_columns_are_read_as_excel_names_them() {
    let column = |text: &str| {
        flags(&["--amount-col", text])
            .map(|s| s.amount_column.unwrap().value)
            .map_err(|e| e.to_string())
    };
    assert_eq!(column("A"), Ok(0));
    assert_eq!(column("f"), Ok(5));
    assert_eq!(column("AB"), Ok(27));
    assert_eq!(column("6"), Ok(5));
    assert_eq!(column("XFD"), Ok(16_383));
    for bad in ["XFE", "金额", "0"] {
        let error = column(bad).unwrap_err();
        assert!(
            error.starts_with("命令行参数 --amount-col：") && error.contains("不是有效的列"),
            "{error}"
        );
    }
    let row = flags(&["--header-row", "4"]).unwrap().header_row.unwrap();
    assert_eq!(row.value, 3, "stored 0-based");
    assert!(flags(&["--header-row", "0"]).is_err());
}

#[test]
fn every_setting_has_a_flag() {
    let settings = flags(&[
        "--unit",
        "万元",
        "--year",
        "2017",
        "--sheet",
        "序时账",
        "--date-col",
        "A",
        "--account",
        "7101",
        "--account",
        "7201",
        "--band",
        "优秀=95",
        "--measure",
        "差=约谈",
        "--progress",
        "天",
        "--breakdown",
        "工资福利支出=205.28",
        "--out-dir",
        "结果",
        "--overwrite",
    ])
    .unwrap();
    assert_eq!(
        settings.unit.unwrap().value,
        crate::ledger::layout::Unit::Wan
    );
    assert_eq!(settings.year.unwrap().value, 2017);
    assert_eq!(settings.sheet.unwrap().value, "序时账");
    assert_eq!(settings.date_column.unwrap().value, 0);
    assert_eq!(settings.accounts.unwrap().value, ["7101", "7201"]);
    assert_eq!(
        settings.bands[&Grade::Excellent].value,
        "95".parse().unwrap()
    );
    assert_eq!(settings.measures[&Grade::Poor].value, "约谈");
    assert_eq!(
        settings.progress.unwrap().value,
        crate::rules::ProgressBasis::Days
    );
    assert_eq!(
        settings.breakdown.unwrap().value,
        [("工资福利支出".to_string(), "205.28".parse().unwrap())]
    );
    assert_eq!(settings.out_dir.unwrap().value, PathBuf::from("结果"));
    assert!(settings.overwrite.unwrap().value);
    // 差 has no band: it is what falls below 及格.
    assert!(flags(&["--band", "差=10"]).is_err());
}

#[test]
fn a_drop_is_files_and_nothing_else() {
    let drop = |arguments: &[&str]| started_by_drop(arguments.iter().map(OsString::from));
    assert!(drop(&["D:\\账\\台账.xlsx"]));
    assert!(drop(&["a.xlsx", "b.xls"]));
    assert!(!drop(&["--budget", "322.95", "a.xlsx"]));
    assert!(!drop(&["a.xlsx", "--json"]));
    assert!(
        !drop(&[]),
        "a double-click with nothing dropped is not a drop"
    );
}

#[test]
fn exclude_account_is_repeatable_and_named_in_help() {
    let settings = flags(&["--exclude-account", "代管资金", "--exclude-account", "2307"]).unwrap();
    let excluded = settings.exclude_accounts.unwrap();
    assert_eq!(excluded.value, ["代管资金", "2307"]);
    assert_eq!(excluded.place.given_by(), "由 --exclude-account 参数指定");
    assert!(settings.accounts.is_none());
    let help = Cli::command().render_long_help().to_string();
    assert!(help.contains("--exclude-account"), "{help}");
}

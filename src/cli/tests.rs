use super::*;
use crate::rules::Grade;
use crate::settings::Place;
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

/// What jixiao says for `arguments` (program name and a ledger added as given).
fn said(arguments: &[&str]) -> String {
    let mut all = vec!["jixiao"];
    all.extend_from_slice(arguments);
    match Cli::try_parse_from(all) {
        Ok(_) => panic!("{arguments:?} parsed"),
        Err(error) => argument_error_text(&error),
    }
}

/// No English word of clap's (error:, Usage:, tip:, found, argument …).
fn assert_chinese(text: &str) {
    for english in [
        "error", "Usage", "tip", "found", "argument", "value", "help'",
    ] {
        assert!(!text.contains(english), "{english} in {text}");
    }
    assert!(text.starts_with("参数有误："), "{text}");
    assert!(text.ends_with(USAGE_LINE), "{text}");
}

#[test]
fn a_mistyped_option_is_said_in_chinese_with_the_option_meant_and_its_usage() {
    let text = said(&["--budgt", "3", "a.xlsx"]);
    assert_chinese(&text);
    assert!(
        text.contains("“--budgt”") && text.contains("是不是要写 --budget"),
        "{text}"
    );
    assert!(text.contains("--budget <万元>  全年预算收入"), "{text}");
}

#[test]
fn an_unknown_option_with_nothing_like_it_is_named() {
    let text = said(&["--zzz", "a.xlsx"]);
    assert_chinese(&text);
    assert!(text.contains("没有“--zzz”这个选项"), "{text}");
}

#[test]
fn a_missing_value_names_the_option_and_its_usage() {
    for arguments in [&["a.xlsx", "--budget"][..], &["--unit"][..]] {
        let text = said(arguments);
        assert_chinese(&text);
        let flag = arguments.iter().find(|a| a.starts_with("--")).unwrap();
        assert!(text.contains(&format!("{flag} 后面缺少值")), "{text}");
        assert!(text.contains(&format!("\n  {flag} <")), "{text}");
    }
}

#[test]
fn no_ledger_a_value_on_a_switch_and_an_option_twice_are_said_in_chinese() {
    let text = said(&["--budget", "3"]);
    assert_chinese(&text);
    assert!(text.contains("没有给出台账文件"), "{text}");
    let text = said(&["--json=1", "a.xlsx"]);
    assert_chinese(&text);
    assert!(text.contains("--json 后面不带值，却写了“1”"), "{text}");
    assert!(text.contains("\n  --json  "), "{text}");
    let text = said(&["--unit", "元", "--unit", "万元", "a.xlsx"]);
    assert_chinese(&text);
    assert!(text.contains("--unit 只能写一次"), "{text}");
}

#[test]
fn a_negative_budget_reaches_the_budget_rule_instead_of_being_an_unknown_option() {
    let error = flags(&["--budget", "-5"]).unwrap_err().to_string();
    assert!(
        error.contains("--budget") && error.contains("大于 0"),
        "{error}"
    );
}

#[test]
fn a_flag_that_breaks_its_rule_keeps_the_flag_for_its_usage_line() {
    for (arguments, flag) in [
        (&["--budget", "-5"][..], "--budget"),
        (&["--year", "20"][..], "--year"),
        (&["--band", "差=5"][..], "--band"),
        (&["--band", "好=5"][..], "--band"),
    ] {
        let error = flags(arguments).unwrap_err();
        let named = error
            .downcast_ref::<settings::FlagError>()
            .unwrap_or_else(|| panic!("{arguments:?}: {error}"));
        assert_eq!(named.flag, flag);
        assert!(
            error
                .to_string()
                .starts_with(&format!("命令行参数 {flag}：")),
            "{error}"
        );
        assert!(option_usage(flag).is_some_and(|line| line.starts_with(&format!("{flag} <"))));
    }
}

/// Issue 21, point 1: `--as-of` takes a day or a month (its last day); the run's
/// date can be set for tests and never needs the clock there.
#[test]
fn the_as_of_flag_takes_a_day_or_a_month() {
    use crate::dates::CalendarDate;
    let as_of = |text: &str| {
        flags(&["--as-of", text])
            .map(|s| s.as_of.unwrap().value)
            .map_err(|e| e.to_string())
    };
    assert_eq!(
        as_of("2017-09-12"),
        Ok(CalendarDate::new(2017, 9, 12).unwrap())
    );
    assert_eq!(
        as_of("2017-09"),
        Ok(CalendarDate::new(2017, 9, 30).unwrap())
    );
    let error = as_of("9月12日").unwrap_err();
    assert!(
        error.starts_with("命令行参数 --as-of：") && error.contains("2017-09-12"),
        "{error}"
    );
    assert!(option_usage("--as-of").unwrap().contains("截至日期"));
}

/// Issue 22, point 2: `--help`'s options are the settings table's flags, each
/// of the form the table says (a switch, one value, or repeated), and no other.
#[test]
fn every_option_is_a_flag_of_the_settings_table_of_the_same_form() {
    use crate::settings::spec::FlagForm;
    let command = Cli::command();
    let table: Vec<_> = settings::SETTINGS
        .iter()
        .flat_map(|spec| spec.flags)
        .collect();
    for flag in &table {
        let long = flag.name.trim_start_matches("--");
        let arg = command
            .get_arguments()
            .find(|arg| arg.get_long() == Some(long))
            .unwrap_or_else(|| panic!("{} is no option of jixiao's", flag.name));
        let action = match flag.form {
            FlagForm::Values | FlagForm::Graded => ArgAction::Append,
            FlagForm::Switch(_) => ArgAction::SetTrue,
            FlagForm::Value => ArgAction::Set,
            FlagForm::Outside if flag.example.is_some() => ArgAction::Set,
            FlagForm::Outside => ArgAction::SetTrue,
        };
        assert_eq!(
            format!("{:?}", arg.get_action()),
            format!("{action:?}"),
            "{}",
            flag.name
        );
        assert!(
            arg.get_help()
                .is_some_and(|help| !help.to_string().is_empty()),
            "{} has its help",
            flag.name
        );
    }
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else {
            continue;
        };
        if ["help", "version"].contains(&long) {
            continue;
        }
        assert!(
            table.iter().any(|flag| flag.name == format!("--{long}")),
            "--{long} is in no row of the settings table"
        );
    }
}

/// Issue 22, point 2: each flag of the table that is a setting reaches it,
/// from the field clap fills (`Cli::typed`), said as given by that flag.
#[test]
fn every_table_flag_reaches_its_setting() {
    for spec in settings::SETTINGS {
        let Some(used) = &spec.used else {
            continue;
        };
        for flag in spec.flags {
            let mut arguments = vec![flag.name];
            arguments.extend(flag.example);
            let given = flags(&arguments).unwrap_or_else(|e| panic!("{arguments:?}: {e}"));
            let said = given.used();
            assert_eq!(
                said,
                [(used.label, format!("命令行参数 {}", flag.name))],
                "{arguments:?}"
            );
        }
    }
}

/// Of two flags that break their rules, the one named is the one named before
/// the settings became one table: flags are checked in their old order.
#[test]
fn of_two_broken_flags_the_same_one_is_named_as_before() {
    let cli = Cli::try_parse_from(["jixiao", "--year", "20", "--unit", "千元", "台账.xlsx"])
        .expect("the arguments parse");
    let error = cli.settings().expect_err("both are broken").to_string();
    assert!(error.contains("--unit"), "{error}");
    assert!(!error.contains("--year"), "{error}");
}

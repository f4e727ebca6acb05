use super::*;
use clap::CommandFactory;

#[test]
fn command_is_well_formed() {
    Cli::command().debug_assert();
}

#[test]
fn budgets_are_repeatable_per_year() {
    let cli = Cli::try_parse_from([
        "jixiao",
        "--budget",
        "2016=300",
        "--budget",
        "2017=322.95",
        "a.xlsx",
    ])
    .unwrap();
    let budgets = cli.options().unwrap().budgets;
    assert_eq!(budgets.by_year.len(), 2);
    assert!(Cli::try_parse_from(["jixiao", "--budget", "abc", "a.xlsx"]).is_err());
}

#[test]
fn rows_and_columns_are_read_as_excel_names_them() {
    assert_eq!(parse_row_number("4"), Ok(3));
    assert!(parse_row_number("0").is_err());
    assert_eq!(parse_column("A"), Ok(0));
    assert_eq!(parse_column("f"), Ok(5));
    assert_eq!(parse_column("AB"), Ok(27));
    assert_eq!(parse_column("6"), Ok(5));
    assert_eq!(parse_column("XFD"), Ok(16_383));
    assert!(parse_column("XFE").is_err());
    assert!(parse_column("金额").is_err());
}

#[test]
fn units_take_chinese_names() {
    let cli = Cli::try_parse_from(["jixiao", "--unit", "万元", "a.xlsx"]).unwrap();
    assert_eq!(cli.unit, Some(UnitArg::Wan));
    let cli = Cli::try_parse_from(["jixiao", "--unit", "yuan", "a.xlsx"]).unwrap();
    assert_eq!(cli.unit, Some(UnitArg::Yuan));
}

//! Issue 21: as of a day (截至), the month in progress, what the months ahead
//! need, last year beside this one, and the bureau's view — run through the
//! binary, every output read back. The run's date is always given (`--as-of`
//! or the `JIXIAO_TODAY` variable the CLI edge reads): no test reads the clock.

use crate::samples::{LEDGER_SAMPLE, SEED_GRADES};
use crate::support::{column_of, json_of, read_sheet, repo_path, stderr_of, Fx, TempDir};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use Fx::{D, N, S};

/// Runs jixiao on the day `today` (the run's date, 截至's default).
fn jixiao_on<I, A>(today: &str, args: I) -> Output
where
    I: IntoIterator<Item = A>,
    A: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .env("JIXIAO_TODAY", today)
        .args(args)
        .output()
        .unwrap()
}

/// The seed's ledger in a fresh folder.
fn seed_in_temp(label: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(label);
    let input = dir.path().join("明细账.xlsx");
    fs::copy(repo_path(LEDGER_SAMPLE), &input).unwrap();
    (dir, input)
}

/// Runs the seed's ledger with its budget and `extra`, on `today`; returns the
/// JSON's file object and the workbook.
fn run_seed(today: &str, extra: &[&str], label: &str) -> (TempDir, serde_json::Value, PathBuf) {
    let (dir, input) = seed_in_temp(label);
    let mut args: Vec<std::ffi::OsString> =
        vec!["--budget".into(), "322.95".into(), "--json".into()];
    args.extend(extra.iter().map(Into::into));
    args.push(input.into());
    let output = jixiao_on(today, &args);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = json_of(&output)["files"][0].clone();
    let workbook = PathBuf::from(file["output"].as_str().unwrap());
    (dir, file, workbook)
}

/// Point 1: a book whose booked months have all ended on the as-of day reports
/// exactly as before, however many years later it is run.
#[test]
fn a_book_whose_months_have_ended_reports_as_ever() {
    let (_a, end_of_august, first) = run_seed("2017-09-12", &[], "as-of-ended-a");
    let (_b, years_later, second) = run_seed("2031-03-01", &[], "as-of-ended-b");
    assert_eq!(end_of_august["as_of"], "2017-09-12");
    assert_eq!(years_later["as_of"], "2031-03-01");
    assert_eq!(end_of_august["years"], years_later["years"]);
    let months = &end_of_august["years"][0]["months"];
    for (index, grade) in SEED_GRADES.iter().enumerate() {
        assert_eq!(months[index]["grade"], *grade);
        assert_eq!(months[index]["status"], "graded");
        assert!(months[index]["needed"].is_null());
    }
    for index in 8..12 {
        assert_eq!(months[index]["status"], "not_due");
        assert!(months[index]["grade"].is_null());
    }
    assert_eq!(
        read_sheet(&first, Some("月度分析")),
        read_sheet(&second, Some("月度分析"))
    );
    let rows = read_sheet(&first, Some("月度分析"));
    let header = &rows[0];
    let elapsed: f64 = rows[8][column_of(header, "序时进度")].parse().unwrap();
    assert!(
        (elapsed - 8.0 / 12.0).abs() < 1e-12,
        "66.7 % at August's end: {elapsed}"
    );
    for row in &rows[9..13] {
        assert_eq!(row[column_of(header, "绩效等级")], "未到期");
        assert_eq!(row[column_of(header, "情况分析")], "未到期，暂不评定");
    }
    assert_eq!(rows[14][0], "合计（1—8月）");
    // The as-of day given as the last day of August changes nothing either.
    let (_c, given, third) = run_seed("2031-03-01", &["--as-of", "2017-08"], "as-of-ended-c");
    assert_eq!(given["years"], end_of_august["years"]);
    assert_eq!(given["as_of"], "2017-08-31");
    assert_eq!(
        read_sheet(&third, Some("月度分析")),
        read_sheet(&first, Some("月度分析"))
    );
}

/// Point 1: on 15 August, August is in progress: its spending so far shown,
/// never graded, its sentence what it still needs; 序时进度 at July's end.
#[test]
fn the_month_in_progress_is_shown_not_graded() {
    let (dir, file, workbook) = run_seed("2030-01-01", &["--as-of", "2017-08-28"], "as-of-august");
    assert_eq!(file["as_of"], "2017-08-28");
    let year = &file["years"][0];
    let august = &year["months"][7];
    assert_eq!(august["status"], "in_progress");
    assert_eq!(august["amount_wan"], "23.24");
    assert!(august["grade"].is_null() && august["measure"].is_null());
    // (322.95 − 273.43) ÷ 5 = 9.90 for each of August … December.
    assert_eq!(august["needed"], "9.90");
    assert_eq!(year["months"][11]["needed"], "9.90");
    assert!(year["months"][6]["needed"].is_null());
    assert_eq!(year["needed_wan"], "9.90");
    assert_eq!(year["total_wan"], "273.43");
    assert_eq!(year["execution"]["as_at"], "2017-07-31");
    assert_eq!(year["execution"]["cumulative_wan"], "250.19");
    assert_eq!(year["execution"]["elapsed_percent"], "58.33");
    assert_eq!(year["execution"]["cumulative_percent"], "77.47");
    assert_eq!(year["execution"]["gap_points"], "19.14");
    assert_eq!(year["execution"]["alert"], "green");
    let rows = read_sheet(&workbook, Some("月度分析"));
    let header = &rows[0];
    let column = |name: &str| column_of(header, name);
    assert_eq!(rows[8][column("支出金额（万元）")], "23.24");
    assert_eq!(rows[8][column("绩效等级")], "进行中");
    assert_eq!(rows[8][column("整改办法")], "—");
    let note = &rows[8][column("情况分析")];
    assert!(
        note.starts_with(
            "截至8月28日已支出23.24万元，已达到良好标准21.53万元，本月再支出0.98万元可达优秀标准"
        ),
        "{note}"
    );
    assert!(
        !note.contains("差") && !note.contains("加快资金支出进度"),
        "{note}"
    );
    assert_eq!(rows[8][column("序时进度")], "—");
    assert_eq!(rows[14][0], "合计（截至8月28日）");
    assert_eq!(rows[14][1], "273.43");
    for (index, grade) in SEED_GRADES[..7].iter().enumerate() {
        assert_eq!(rows[index + 1][column("绩效等级")], *grade);
    }
    let conclusion = &rows[17][0];
    assert!(
        conclusion.starts_with("2017年1—7月共评定7个月")
            && conclusion.contains("八月截至8月28日已支出23.24万元，本月尚未结束，暂不评定。")
            && conclusion.contains("截至2017年7月末，累计支出250.19万元"),
        "{conclusion}"
    );
    let rules = read_sheet(&workbook, Some("自评指标体系"));
    assert_eq!(rules[2][1], "2017年1—7月（8月截至28日，进行中）");
    // The draft says the same, and never grades August.
    let draft = dir.path().join("明细账_绩效自评报告.docx");
    let text = crate::draft::document(&draft);
    assert!(text.contains(
        "2017年1—7月各月支出及绩效评定情况如下表（八月截至8月28日，尚在进行中，不评定）。"
    ));
    assert!(text.contains("截至8月28日已支出23.24万元"));
    assert!(!text.contains("八月支出23.24万元"), "August is not graded");
}

/// Point 1: by days, the year's 序时进度 is taken on the as-of day: 240 of 365
/// (the seed's August is booked to the 28th).
#[test]
fn by_days_the_year_is_measured_on_the_as_of_day() {
    let (_dir, file, workbook) = run_seed(
        "2030-01-01",
        &["--as-of", "2017-08-28", "--progress", "天"],
        "as-of-days",
    );
    let execution = &file["years"][0]["execution"];
    assert_eq!(execution["as_at"], "2017-08-28");
    assert_eq!(execution["cumulative_wan"], "273.43");
    assert_eq!(execution["elapsed_percent"], "65.75");
    let rows = read_sheet(&workbook, Some("月度分析"));
    let elapsed: f64 = rows[8][column_of(&rows[0], "序时进度")].parse().unwrap();
    assert!((elapsed - 240.0 / 365.0).abs() < 1e-12, "{elapsed}");
}

/// Point 1: the as-of day defaults to the run's date, from the one function
/// of the CLI edge; a setting given in jixiao.toml or the 参数 sheet wins.
#[test]
fn the_as_of_day_defaults_to_the_run_and_every_source_can_set_it() {
    let (dir, input) = seed_in_temp("as-of-default");
    let output = jixiao_on(
        "2017-08-28",
        [
            "--budget".as_ref(),
            "322.95".as_ref(),
            "--json".as_ref(),
            input.as_os_str(),
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = &json_of(&output)["files"][0];
    assert_eq!(file["as_of"], "2017-08-28");
    assert_eq!(file["years"][0]["months"][7]["status"], "in_progress");
    let settings = file["settings"].as_array().unwrap();
    assert!(
        settings.iter().all(|s| s["what"] != "截至日期"),
        "the default is not a setting given"
    );
    assert!(stderr_of(&output).contains("进行中：8月截至 2017-08-28 已支出 23.24 万元"));
    // jixiao.toml beside the ledger.
    fs::write(
        dir.path().join("jixiao.toml"),
        "budget = 322.95\nas-of = 2017-12-31\n",
    )
    .unwrap();
    let output = jixiao_on(
        "2017-08-28",
        ["--json".as_ref(), "--overwrite".as_ref(), input.as_os_str()],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = &json_of(&output)["files"][0];
    assert_eq!(file["as_of"], "2017-12-31");
    assert_eq!(file["years"][0]["months"][7]["grade"], "良好");
    assert!(file["settings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["what"] == "截至日期" && s["from"].as_str().unwrap().contains("jixiao.toml")));
}

/// A journal of `lines` (yyyy, m, d, 摘要, 元) with a 参数 sheet of `settings`.
fn journal(path: &Path, lines: &[(u16, u8, u8, &str, f64)], settings: &[(&str, Fx<'_>)]) {
    let mut rows: Vec<Vec<Fx<'_>>> = vec![vec![S("日期"), S("摘要"), S("金额（元）")]];
    for (year, month, day, summary, yuan) in lines {
        rows.push(vec![D(*year, *month, *day), S(summary), N(*yuan)]);
    }
    let parameters: Vec<Vec<Fx<'_>>> = settings
        .iter()
        .map(|(name, value)| vec![S(name), *value])
        .collect();
    if parameters.is_empty() {
        crate::support::write_fixture(path, "明细账", &rows);
    } else {
        crate::support::write_fixture_sheets(path, &[("明细账", &rows), ("参数", &parameters)]);
    }
}

/// Point 1: the 参数 sheet's 截至 (an Excel date cell) makes a month in progress.
#[test]
fn the_parameter_sheet_sets_the_as_of_day() {
    let dir = TempDir::new("as-of-sheet");
    let input = dir.path().join("台账.xlsx");
    journal(
        &input,
        &[
            (2017, 1, 5, "工资", 270_000.0),
            (2017, 2, 3, "工资", 100_000.0),
        ],
        &[("预算", N(322.95)), ("截至", D(2017, 2, 10))],
    );
    let output = jixiao_on("2031-01-01", ["--json".as_ref(), input.as_os_str()]);
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = &json_of(&output)["files"][0];
    assert_eq!(file["as_of"], "2017-02-10");
    let months = &file["years"][0]["months"];
    assert_eq!(months[0]["grade"], "优秀");
    assert_eq!(months[1]["status"], "in_progress");
    assert_eq!(months[1]["amount_wan"], "10.00");
    // (322.95 − 37.00) ÷ 11 = 26.00 万元 for February … December.
    assert_eq!(months[1]["needed"], "26.00");
}

/// Point 1: a book with lines in a month after the as-of day is refused, with
/// the fix, and nothing is written; so is a year whose only month, January,
/// has not ended.
#[test]
fn lines_after_the_as_of_day_are_refused_never_cut() {
    let (dir, input) = seed_in_temp("as-of-after");
    let output = jixiao_on(
        "2030-01-01",
        [
            "--budget".as_ref(),
            "322.95".as_ref(),
            "--as-of".as_ref(),
            "2017-07-31".as_ref(),
            input.as_os_str(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(
        said.contains(
            "台账中有 2017 年 8 月的支出记录，晚于截至日期 2017年7月31日（由 --as-of 参数指定）"
        ) && said.contains("用 --as-of 2017-08-31"),
        "{said}"
    );
    assert_eq!(dir.file_names(), ["明细账.xlsx"], "nothing written");
    // By default (the run's date) too: a book dated after the day it is run.
    let output = jixiao_on(
        "2017-06-30",
        ["--budget".as_ref(), "322.95".as_ref(), input.as_os_str()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr_of(&output)
        .contains("2017 年 7 月的支出记录，晚于截至日期 2017年6月30日（即运行当天）"));
    let january = dir.path().join("一月.xlsx");
    journal(&january, &[(2017, 1, 5, "工资", 100_000.0)], &[]);
    let output = jixiao_on(
        "2017-01-20",
        ["--budget".as_ref(), "322.95".as_ref(), january.as_os_str()],
    );
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(
        said.contains("2017 年只有一月有支出记录，一月尚未结束（进行中）"),
        "{said}"
    );
    assert!(said.contains("--as-of 2017-01"), "{said}");
}

/// Lines of 2016 (every month) and of 2017 (January to August).
fn two_years() -> Vec<(u16, u8, u8, &'static str, f64)> {
    let mut lines = Vec::new();
    for month in 1..=12u8 {
        // 20 万元 a month in 2016, 30 in March.
        let yuan = if month == 3 { 300_000.0 } else { 200_000.0 };
        lines.push((2016, month, 10, "办公费", yuan));
    }
    for month in 1..=8u8 {
        lines.push((2017, month, 10, "办公费", 270_000.0));
    }
    lines
}

/// Point 3: a book that holds the previous year gains 上年同期 and 同比 on
/// 月度分析, a sentence for a month that changed much, and the comparison in
/// the draft; `--json` carries `previous_year`.
#[test]
fn last_year_stands_beside_this_year() {
    let dir = TempDir::new("as-of-previous");
    let input = dir.path().join("两年.xlsx");
    journal(&input, &two_years(), &[]);
    let output = jixiao_on(
        "2030-01-01",
        [
            "--budget".as_ref(),
            "2016=240".as_ref(),
            "--budget".as_ref(),
            "2017=322.95".as_ref(),
            "--json".as_ref(),
            input.as_os_str(),
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = &json_of(&output)["files"][0];
    let (older, latest) = (&file["years"][0], &file["years"][1]);
    assert!(older["previous_year"].is_null());
    assert!(older["months"][0]["previous_year"].is_null());
    assert_eq!(latest["previous_year"], 2016);
    assert_eq!(latest["months"][0]["previous_year"], "20.00");
    assert_eq!(latest["months"][11]["previous_year"], "20.00");
    let workbook = PathBuf::from(file["output"].as_str().unwrap());
    let rows = read_sheet(&workbook, Some("月度分析"));
    let header = &rows[0];
    let (previous, change, note) = (
        column_of(header, "上年同期（2016年，万元）"),
        column_of(header, "同比"),
        column_of(header, "情况分析"),
    );
    assert_eq!(rows[1][previous], "20");
    assert!((rows[1][change].parse::<f64>().unwrap() - 0.35).abs() < 1e-12);
    // January: 27.00 against 20.00, 35 % and 7 万元 more — said. March: 27 against 30, 10 % — not.
    assert!(
        rows[1][note].ends_with("比上年同期20.00万元增加7.00万元，增长35.0%"),
        "{}",
        rows[1][note]
    );
    assert!(!rows[3][note].contains("上年同期"));
    assert_eq!(rows[14][previous], "170");
    assert!(rows[17][0].contains("与上年同期相比，2017年1—8月支出216.00万元，上年同期170.00万元，增加46.00万元，增长27.1%。"), "{}", rows[17][0]);
    // The earlier year's sheet has no previous year in the book: nothing changes there.
    let earlier = read_sheet(&workbook, Some("2016年月度分析"));
    assert!(!earlier[0].iter().any(|h| h.starts_with("上年同期")));
    let draft = PathBuf::from(file["report_docx"].as_str().unwrap());
    let text = crate::draft::document(&draft);
    assert!(
        text.contains("与上年同期相比，2017年1—8月支出216.00万元"),
        "{text}"
    );
    assert!(text.contains("比上年同期20.00万元增加7.00万元，增长35.0%"));
    // One budget for the two years: 2017 graded, 2016 still beside it.
    let output = jixiao_on(
        "2030-01-01",
        [
            "--budget".as_ref(),
            "322.95".as_ref(),
            "--json".as_ref(),
            "--overwrite".as_ref(),
            input.as_os_str(),
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let file = &json_of(&output)["files"][0];
    assert_eq!(file["years"].as_array().unwrap().len(), 1);
    assert_eq!(file["years"][0]["months"][2]["previous_year"], "30.00");
}

/// Point 4: the bureau's summary gives each unit its as-of day, 累计执行率,
/// 序时进度, the gap, a red / yellow / green mark by the rules stated on the
/// sheet, and what each remaining month needs; the lagging first.
#[test]
fn the_bureau_sees_the_lagging_units_first_with_their_marks() {
    let dir = TempDir::new("as-of-summary");
    let (ahead, behind) = (dir.path().join("甲"), dir.path().join("乙"));
    for (folder, budget) in [(&ahead, "322.95"), (&behind, "600")] {
        fs::create_dir(folder).unwrap();
        fs::copy(repo_path(LEDGER_SAMPLE), folder.join("明细账.xlsx")).unwrap();
        fs::write(folder.join("jixiao.toml"), format!("budget = {budget}\n")).unwrap();
    }
    let summary = dir.path().join("汇总.xlsx");
    let output = jixiao_on(
        "2017-09-05",
        [
            "--summary".as_ref(),
            summary.as_os_str(),
            ahead.join("明细账.xlsx").as_os_str(),
            behind.join("明细账.xlsx").as_os_str(),
        ],
    );
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows = read_sheet(&summary, Some("汇总"));
    let column = |name: &str| column_of(&rows[0], name);
    assert_eq!(rows[1][column("预算收入（万元）")], "600");
    assert_eq!(rows[1][column("预警")], "红", "45.6 % against 66.7 %");
    assert_eq!(rows[2][column("预警")], "绿");
    assert_eq!(rows[1][column("截至日期")], "2017年9月5日");
    // (600 − 273.43) ÷ 4 = 81.64; (322.95 − 273.43) ÷ 4 = 12.38.
    assert_eq!(rows[1][column("剩余每月需支出（万元）")], "81.64");
    assert_eq!(rows[2][column("剩余每月需支出（万元）")], "12.38");
    let rules = rows
        .iter()
        .position(|r| {
            r.first()
                .is_some_and(|c| c == "预警规则（预算执行动态监控）")
        })
        .unwrap();
    assert_eq!(rows[rules + 1][1], "10");
    assert_eq!(rows[rules + 2][1], "5");
}

/// Point 1: a counted line later in the as-of month than the as-of day is
/// refused too (「截至9月12日已支出」 would count it), with the day and the fix;
/// a 合计 row dated at the month's end is no such line; with the as-of day
/// moved to the latest line, the month is in progress and holds both lines.
#[test]
fn a_line_later_in_the_as_of_month_is_refused_never_counted_as_spent_by_then() {
    let dir = TempDir::new("as-of-day");
    let input = dir.path().join("台账.xlsx");
    let mut rows: Vec<Vec<Fx<'_>>> = vec![vec![S("日期"), S("摘要"), S("金额（元）")]];
    for (month, day, summary, yuan) in [
        (8u8, 5u8, "工资", 250_000.0),
        (9, 5, "工资", 60_000.0),
        (9, 20, "办公费", 22_000.0),
    ] {
        rows.push(vec![D(2017, month, day), S(summary), N(yuan)]);
    }
    rows.push(vec![D(2017, 9, 30), S("本月合计"), N(82_000.0)]);
    crate::support::write_fixture(&input, "明细账", &rows);
    let run = |as_of: &str| {
        jixiao_on(
            "2031-01-01",
            [
                "--budget".as_ref(),
                "322.95".as_ref(),
                "--json".as_ref(),
                "--as-of".as_ref(),
                as_of.as_ref(),
                input.as_os_str(),
            ],
        )
    };
    let output = run("2017-09-12");
    assert_eq!(output.status.code(), Some(1));
    let said = stderr_of(&output);
    assert!(
        said.contains(
            "台账中有 2017-09-20 的支出记录，晚于截至日期 2017年9月12日（由 --as-of 参数指定）"
        ) && said.contains("用 --as-of 2017-09-20"),
        "{said}"
    );
    assert_eq!(dir.file_names(), ["台账.xlsx"], "nothing written");
    // The 本月合计 row dated 9-30 is not a line: 9-20 is the latest.
    let output = run("2017-09-20");
    assert!(output.status.success(), "{}", stderr_of(&output));
    let months = &json_of(&output)["files"][0]["years"][0]["months"];
    assert_eq!(months[8]["status"], "in_progress");
    assert_eq!(months[8]["amount_wan"], "8.20");
}

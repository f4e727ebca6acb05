//! A ledger's months: counted per year, held to the as-of day, given their
//! budgets (one budget for a book of several years grades the latest), graded,
//! beside last year's when the book holds it — and refused when the budget
//! cannot be meant for these figures.

use crate::advice::Advice;
use crate::budget::Budgets;
use crate::dates::CalendarDate;
use crate::grade::{grade_year_as_of, GradedYear};
use crate::ledger::Ledger;
use crate::settings::{self, Settings};
use crate::totals::monthly_totals;
use crate::write;
use anyhow::{anyhow, bail, Result};
use std::path::Path;

/// A ledger's graded years, and where their budgets came from.
pub(super) struct Months {
    /// The graded years, earliest first.
    pub(super) years: Vec<GradedYear>,
    /// Where the budgets came from (`由 --budget 参数指定` …).
    pub(super) budget_source: String,
}

/// The graded years of `ledger` under its settings on the as-of day; a note
/// is added to `notes` when a year of the book is left out.
///
/// # Errors
/// Nothing to count, lines after the as-of day, a year with no month ended,
/// no budget (a settings file is written beside the input to fill in), or a
/// budget the figures show cannot be meant.
pub(super) fn grade(
    ledger: &mut Ledger,
    input: &Path,
    settings: &Settings,
    advice: &Advice,
    as_of: Option<CalendarDate>,
    notes: &mut Vec<String>,
) -> Result<Months> {
    let mut totals = monthly_totals(ledger);
    if totals.is_empty() {
        bail!(
            "在{}中没有找到可以计入的支出记录{}",
            ledger.layout(),
            settings
                .year
                .as_ref()
                .map(|y| format!("（评价年度 {}）", y.value))
                .unwrap_or_default()
        );
    }
    if let Some(day) = as_of {
        refuse_lines_after(&totals, day, settings, advice)?;
        refuse_days_after(ledger.latest_day, day, settings, advice)?;
    }
    // Every year the book holds, for 上年同期 (kept before a year is left out).
    let previous_years: Vec<crate::year_on_year::PreviousYear> = totals
        .iter()
        .filter_map(crate::year_on_year::PreviousYear::of)
        .collect();
    let mut years: Vec<i32> = totals.iter().map(|t| t.year).collect();
    let (budgets, budget_source) = choose_budgets(input, settings, &years, advice)?;
    if years.len() > 1 && budgets.by_year.is_empty() && budgets.only_year.is_some() {
        let graded = years[years.len() - 1];
        notes.push(keep_the_latest_year(ledger, &years, settings, advice));
        totals = monthly_totals(ledger);
        years = vec![graded];
    }
    let mut graded: Vec<GradedYear> = Vec::new();
    for (year_totals, budget) in totals.iter().zip(budgets.for_years(
        &years,
        advice,
        budget_fix_place(settings, advice).as_deref(),
    )?) {
        match grade_year_as_of(year_totals, settings.rules(budget), as_of) {
            Some(mut year) => {
                year.previous = previous_years
                    .iter()
                    .find(|p| p.year == year.year - 1)
                    .filter(|p| year.shown_months().any(|m| p.month(m.month).is_some()))
                    .cloned();
                graded.push(year);
            }
            None if year_totals.last_month_with_data().is_some() => {
                return Err(nothing_ended(year_totals.year, as_of, &years, advice));
            }
            None => {}
        }
    }
    // A budget in 元 or a ledger read in the wrong unit is refused before
    // anything is written (the grades would all be 差, or all 优秀).
    crate::plausibility::refuse_slips(ledger, &graded, settings, advice)?;
    Ok(Months {
        years: graded,
        budget_source,
    })
}

/// One budget for a book spanning several years (2016-09 … 2017-08) is the
/// budget of the latest year in it: the other years' entries are moved to
/// the left-out lines, and the note says how to grade them.
fn keep_the_latest_year(
    ledger: &mut Ledger,
    years: &[i32],
    settings: &Settings,
    advice: &Advice,
) -> String {
    let graded = years[years.len() - 1];
    let others: Vec<String> = years
        .iter()
        .filter(|y| **y != graded)
        .map(ToString::to_string)
        .collect();
    let moved = ledger.keep_only_year(graded);
    let flags: Vec<String> = years.iter().map(|y| format!("--budget {y}=…")).collect();
    let lines: Vec<String> = years.iter().map(|y| format!("budget.{y} = …")).collect();
    let how = match budget_fix_place(settings, advice) {
        Some(place) => format!("在{place}分年度写预算"),
        None => advice.how(
            &format!("用 {}", flags.join(" ")),
            &format!("{}（代替 budget = … 这一行）", lines.join("、")),
        ),
    };
    format!(
        "台账含 {} 年和 {graded} 年的数据，只给了一个预算：按 {graded} 年评价；{} 年的 {moved} 笔记录不在评价年度内，已列入未计入。如要评价其他年度，请{how}",
        others.join("、"),
        others.join("、"),
    )
}

/// Refuses a book with lines in a month after the as-of day: they would be
/// graded as if the month had ended, or cut. (A line later in the as-of
/// month itself is [`refuse_days_after`]'s, where its day is written.)
fn refuse_lines_after(
    totals: &[crate::totals::MonthlyTotals],
    as_of: CalendarDate,
    settings: &Settings,
    advice: &Advice,
) -> Result<()> {
    let Some((year, month)) = crate::as_of::first_month_after(totals, as_of) else {
        return Ok(());
    };
    let (last_year, last_month) = totals
        .iter()
        .filter_map(|t| t.last_month_with_data().map(|m| (t.year, m)))
        .max()
        .unwrap_or((year, month));
    let end = crate::as_of::month_end(last_year, last_month).unwrap_or(as_of);
    let (source, fix) = as_of_fix(settings, advice, end);
    bail!(
        "台账中有 {year} 年 {month} 月的支出记录，晚于截至日期 {}（{source}）：截至日期以后的记录既不能评定，也不会被略去。请{fix}，或核对这些记录的日期",
        crate::as_of::chinese(as_of)
    )
}

/// Refuses a book with a counted line dated after the as-of day within its
/// month (the month in progress): 「截至9月12日已支出」 would count it.
fn refuse_days_after(
    latest: Option<CalendarDate>,
    as_of: CalendarDate,
    settings: &Settings,
    advice: &Advice,
) -> Result<()> {
    let Some(latest) = latest.filter(|latest| *latest > as_of) else {
        return Ok(());
    };
    let (source, fix) = as_of_fix(settings, advice, latest);
    bail!(
        "台账中有 {latest} 的支出记录，晚于截至日期 {}（{source}）：截至日期以后的记录既不能算作截至那天已支出的，也不会被略去。请{fix}，或核对这些记录的日期",
        crate::as_of::chinese(as_of)
    )
}

/// Where the as-of day was given, and how to move it to `end` or later.
fn as_of_fix(settings: &Settings, advice: &Advice, end: CalendarDate) -> (String, String) {
    let source = match &settings.as_of {
        Some(given) => given.place.given_by(),
        None => "即运行当天".to_string(),
    };
    let fix = match settings.as_of.as_ref().map(|given| &given.place) {
        Some(place @ (settings::Place::Sheet { .. } | settings::Place::File { .. })) => {
            format!("把{}中的截至日期改为 {end} 或更晚", place.describe())
        }
        _ => advice.how(
            &format!("用 --as-of {end} 把截至日期改为 {end} 或更晚"),
            &format!("as-of = {end}"),
        ),
    };
    (source, fix)
}

/// Why a year cannot be graded on the as-of day: its only booked month,
/// January, has not ended.
fn nothing_ended(
    year: i32,
    as_of: Option<CalendarDate>,
    years: &[i32],
    advice: &Advice,
) -> anyhow::Error {
    let day = as_of.map(crate::as_of::chinese).unwrap_or_default();
    let others: Vec<String> = years
        .iter()
        .filter(|y| **y != year)
        .map(ToString::to_string)
        .collect();
    let other = match others.last() {
        Some(last) => format!(
            "；如要评价 {} 年，请{}",
            others.join("、"),
            advice.how(&format!("用 --year {last}"), &format!("year = {last}"))
        ),
        None => String::new(),
    };
    anyhow!(
        "截至 {day}，{year} 年只有一月有支出记录，一月尚未结束（进行中），还没有可以评定的月份：请在一月结束后再评价，或{}{other}",
        advice.how(
            &format!("用 --as-of {year}-01 按一月已结束评价"),
            &format!("as-of = {year}-01-31")
        )
    )
}

/// Where a missing budget must be written when it is not where `advice`
/// points: budgets are taken whole from one place, so a year missing from the
/// 参数 sheet (or from the toml beside jixiao.exe) is added there.
fn budget_fix_place(settings: &Settings, advice: &Advice) -> Option<String> {
    let place = &settings.budgets.as_ref()?.place;
    match (place, advice) {
        (settings::Place::Flag(_), _) => None,
        (settings::Place::File { path, .. }, Advice::SettingsFile(target)) if path == target => {
            None
        }
        (settings::Place::File { .. }, Advice::Flags) => Some(place.describe()),
        (settings::Place::Sheet { .. }, _) => Some(format!(
            "{}（A 列写“2017年预算”这样的名称，B 列写金额）",
            place.describe()
        )),
        (other, _) => Some(other.describe()),
    }
}

/// The budgets to grade with and where they came from. With none anywhere, a
/// commented `jixiao.toml` is written beside the input (never over a file)
/// and the message says to fill it in.
pub(super) fn choose_budgets(
    input: &Path,
    settings: &Settings,
    years: &[i32],
    advice: &Advice,
) -> Result<(Budgets, String)> {
    if let Some(budgets) = &settings.budgets {
        return Ok((budgets.value.clone(), budgets.place.given_by()));
    }
    let or_flag = if advice.is_drop() {
        ""
    } else {
        "；也可以在命令行加 --budget 322.95"
    };
    let fill_in = if years.len() > 1 {
        let lines: Vec<String> = years.iter().map(|y| format!("budget.{y} = 0")).collect();
        format!("把 {} 中的 0 改为各年度的预算收入", lines.join("、"))
    } else {
        "把 budget = 0 改为全年预算收入".to_string()
    };
    match write::write_template(input, &settings::template(years))? {
        Some(path) => bail!(
            "没有找到年度预算。已在台账旁生成设置文件「{}」：请用{}打开，{fill_in}（万元，如 322.95），保存后再把台账拖到 {} 上{or_flag}",
            path.display(),
            crate::terminal::EDITOR,
            crate::terminal::PROGRAM
        ),
        None => bail!(
            "没有找到年度预算：请在设置文件「{}」中填写 budget = 全年预算收入（万元，如 322.95）{or_flag}",
            settings::template_path(input).display()
        ),
    }
}

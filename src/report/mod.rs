//! The output workbook: the only module that touches rust_xlsxwriter.
//!
//! Sheets, in order: `月度分析` and `自评指标体系` for the latest year (earlier
//! years follow as `2016年月度分析` / `2016年自评指标体系`), `明细` (every input
//! row and what was done with it) and `数据检查`. The sheet names and the
//! columns 月份 / 支出金额（万元） / 绩效等级 are a contract others script
//! against: add, never rename. Each sheet but `明细` is planned as plain data
//! ([`plan::SheetPlan`]) and then rendered.

pub mod breakdown_sheet;
pub mod check_sheet;
pub mod detail;
pub mod monthly;
pub mod plan;
pub mod provenance;
pub mod rules_sheet;
pub mod summary;

use crate::grade::GradedYear;
use crate::ledger::Ledger;
use anyhow::{Context, Result};
use detail::RowSource;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

/// The monthly analysis sheet.
pub const MONTHLY_SHEET: &str = "月度分析";
/// The sheet with the rules table.
pub const RULES_SHEET: &str = "自评指标体系";
/// The sheet with every input row.
pub const DETAIL_SHEET: &str = "明细";
/// The sheet with what was read.
pub const CHECK_SHEET: &str = "数据检查";
/// The text standing for a month not yet due.
pub const NOT_DUE: &str = "未到期";

/// The input file as the report names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFacts {
    /// The file name, as the user knows it.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
}

/// Everything the workbook shows about one input.
pub struct ReportInput<'a> {
    /// The input file.
    pub source: &'a SourceFacts,
    /// The ledger as read.
    pub ledger: &'a Ledger,
    /// The graded years, ascending (at least one).
    pub years: &'a [GradedYear],
    /// Where the budget came from (`--budget 参数` …).
    pub budget_source: &'a str,
    /// Where the graded year came from, in words ([`provenance`]).
    pub year_source: &'a str,
    /// The latest year's budget breakdown, when the settings give one.
    pub breakdown: Option<&'a crate::breakdown::Breakdown>,
    /// What a person should look at before trusting the result.
    pub warnings: &'a [crate::warnings::Warning],
    /// Where the rows written to 明细 are counted on screen.
    pub progress: &'a crate::progress::Progress,
    /// The unit's name from the settings, when given (else the ledger's, else
    /// [`UNIT_PLACEHOLDER`] in the page headers).
    pub unit: Option<&'a str>,
}

/// The names of a year's two sheets: the latest year's are the contract names
/// (月度分析, 自评指标体系); an earlier year's carry the year (2016年月度分析).
pub fn year_sheet_names(year: i32, latest: bool) -> (String, String) {
    if latest {
        (MONTHLY_SHEET.to_string(), RULES_SHEET.to_string())
    } else {
        (
            format!("{year}年{MONTHLY_SHEET}"),
            format!("{year}年{RULES_SHEET}"),
        )
    }
}

/// What a page header and the draft say where neither the settings nor the
/// ledger name the unit: a request to fill it in, never a file or sheet name.
pub const UNIT_PLACEHOLDER: &str = "【请填写：单位名称】";

/// The unit's name as the ledger states it, else `None` (never the file's
/// or a sheet's name): a labelled cell above the table (`编制单位：某局`,
/// `单位名称`, `核算单位`, `填报单位`), else the title before its year or before
/// words like 明细账 (`州政务服务管理局2017年明细账`), when what is left reads as
/// a name rather than a form's own title (科目余额表, 支出明细).
pub fn department(ledger: &Ledger) -> Option<String> {
    unit_in_title(&ledger.layout().title)
}

/// [`department`] on the text of the rows above the table.
pub fn unit_in_title(title: &str) -> Option<String> {
    const LABELS: [&str; 6] = [
        "编制单位",
        "单位名称",
        "核算单位",
        "填报单位",
        "报送单位",
        "部门名称",
    ];
    const ENDINGS: [&str; 10] = [
        "明细账",
        "序时账",
        "日记账",
        "总账",
        "台账",
        "登记簿",
        "支出",
        "统计表",
        "资金",
        "绩效",
    ];
    let is_space = |c: char| c.is_whitespace() || c == '\u{3000}';
    for label in LABELS {
        for (at, _) in title.match_indices(label) {
            let rest = title[at + label.len()..]
                .trim_start_matches(|c: char| is_space(c) || c == '：' || c == ':');
            let end = rest
                .find(|c: char| is_space(c) || "，,；;|".contains(c))
                .unwrap_or(rest.len());
            if let Some(name) = plausible_unit(&rest[..end], true) {
                return Some(name);
            }
        }
    }
    title.split(is_space).find_map(|token| {
        let mut end = token.len();
        if let Some(position) = token.find(|c: char| c.is_ascii_digit()) {
            end = end.min(position);
        }
        for word in ENDINGS {
            if let Some(position) = token.find(word) {
                end = end.min(position);
            }
        }
        plausible_unit(&token[..end], false)
    })
}

/// `text` as a unit's name, when it reads as one: two characters or more, no
/// label or Latin letters, none of the words a form's own title is made of;
/// unlabelled, it must also end as the name of an organisation does (局, 委员会,
/// 中心, 政府 …), so that 多栏式, 行政 (of 行政支出) or 本年累计 are never taken.
fn plausible_unit(text: &str, labelled: bool) -> Option<String> {
    const FORM_WORDS: [&str; 21] = [
        "账",
        "表",
        "簿",
        "明细",
        "凭证",
        "科目",
        "余额",
        "发生额",
        "月份",
        "期间",
        "日期",
        "单位",
        "币别",
        "币种",
        "金额",
        "合计",
        "导出",
        "打印",
        "多栏",
        "三栏",
        "累计",
    ];
    const ENDINGS: [&str; 26] = [
        "局", "厅", "委", "办", "院", "所", "站", "队", "部", "会", "处", "室", "馆", "校", "中心",
        "园", "社", "团", "政府", "街道", "镇", "乡", "村", "公司", "署", "司",
    ];
    let name = text.trim_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
    // 某局（本级）ends as 某局 does.
    let stem = match name.strip_suffix('）') {
        Some(inner) => inner.rfind('（').map_or(name, |open| &inner[..open]),
        None => name,
    };
    let readable = name.chars().count() >= 2
        && !name.contains(['：', ':'])
        && !name.chars().any(|c| c.is_ascii_alphanumeric())
        && !FORM_WORDS.iter().any(|word| name.contains(word))
        && (labelled || ENDINGS.iter().any(|end| stem.ends_with(end)));
    readable.then(|| name.to_string())
}

/// The page header of a year's sheets: `&C州政务服务管理局 2017年1—8月部门整体支出绩效自评`.
fn page_header(department: &str, year: &GradedYear) -> String {
    let months = match year.last_due_month {
        1 => "1月".to_string(),
        last => format!("1—{last}月"),
    };
    // Excel allows 255 characters in a header: a long title is shortened.
    let department: String = department.chars().take(60).collect();
    format!(
        "&C{} {}年{months}部门整体支出绩效自评",
        department.replace('&', "&&"),
        year.year
    )
}

/// Builds the workbook, ready to be saved; `rows` streams the input again for
/// `明细`, which rust_xlsxwriter keeps in a temporary file (constant memory)
/// until [`Workbook::save_to_writer`] streams the whole workbook into its
/// file. The same input gives the same bytes: the creation time is fixed to
/// 1 January of the latest graded year.
///
/// # Errors
/// When the input cannot be streamed again, or rust_xlsxwriter refuses a value.
pub fn build_workbook(
    input: &ReportInput<'_>,
    rows: &mut (dyn RowSource + Send),
) -> Result<Workbook> {
    let latest = input
        .years
        .iter()
        .map(|y| y.year)
        .max()
        .context("没有可评定的年度")?;
    let mut workbook = Workbook::new();
    // Level 3 deflates a large 明细 about twice as fast as the default, for a
    // file a few percent larger.
    workbook.set_zip_compression_level(3);
    let created =
        ExcelDateTime::from_ymd(year_u16(latest), 1, 1).context("无法设置工作簿创建时间")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("{latest}年度部门整体支出绩效自评"))
            .set_creation_datetime(&created),
    );
    let department = input
        .unit
        .map(str::to_string)
        .or_else(|| department(input.ledger))
        .unwrap_or_else(|| UNIT_PLACEHOLDER.to_string());
    // Texts from the ledger, the settings or the file name that held
    // characters XML cannot carry: where they are, for 数据检查.
    let mut marked: Vec<String> = Vec::new();
    if crate::xml_text::marks_in(&department) > 0 {
        marked.push("页眉中的单位名称".to_string());
    }
    let department = crate::xml_text::sanitize_xml_text(&department).into_owned();
    let caveat = crate::warnings::conclusion_caveat(input.warnings);
    for year in input.years.iter().rev() {
        let header = page_header(&department, year);
        let (monthly, rules) = year_sheet_names(year.year, year.year == latest);
        let mut monthly_plan = monthly::plan(year, &monthly, &rules, &header, caveat.as_deref());
        note_marked(&mut marked, &mut monthly_plan);
        plan::render(workbook.add_worksheet(), &monthly_plan)
            .with_context(|| format!("写入「{monthly}」失败"))?;
        let mut rules_plan = rules_sheet::plan(year, &rules, &monthly, &header);
        note_marked(&mut marked, &mut rules_plan);
        plan::render(workbook.add_worksheet(), &rules_plan)
            .with_context(|| format!("写入「{rules}」失败"))?;
        for (name, row) in rules_sheet::NAMED_CELLS {
            workbook
                .define_name(
                    format!("'{monthly}'!{name}"),
                    &format!("='{rules}'!$B${}", row + 1),
                )
                .with_context(|| format!("无法定义名称「{name}」"))?;
        }
        if let Some(breakdown) = input.breakdown.filter(|_| year.year == latest) {
            let mut breakdown_plan = breakdown_sheet::plan(breakdown, year, &header);
            note_marked(&mut marked, &mut breakdown_plan);
            plan::render(workbook.add_worksheet(), &breakdown_plan)
                .context("写入「分项执行」失败")?;
        }
    }
    let latest_year = input
        .years
        .iter()
        .find(|y| y.year == latest)
        .context("没有可评定的年度")?;
    let detail_limits = detail::write(
        &mut workbook,
        DETAIL_SHEET,
        &page_header(&department, latest_year),
        input.ledger,
        rows,
        input.progress,
    )
    .context("写入「明细」失败")?;
    let check_header = page_header(&department, latest_year);
    let mut check_plan = check_sheet::plan(
        input,
        CHECK_SHEET,
        &check_header,
        detail_limits.note(),
        None,
    );
    // 数据检查's own texts (the file's name, the ledger's title) count too: the
    // sheet is planned again with the note when they hold such characters.
    let own = plan::sanitize(&mut check_plan).len();
    if !marked.is_empty() || own > 0 {
        check_plan = check_sheet::plan(
            input,
            CHECK_SHEET,
            &check_header,
            detail_limits.note(),
            Some(marked_note(&marked, own)),
        );
        plan::sanitize(&mut check_plan);
    }
    plan::render(workbook.add_worksheet(), &check_plan).context("写入「数据检查」失败")?;
    Ok(workbook)
}

/// Cleans `plan`'s texts ([`plan::sanitize`]) and adds the cells that held
/// characters XML cannot carry to `marked` (`月度分析!A1`).
fn note_marked(marked: &mut Vec<String>, plan: &mut plan::SheetPlan) {
    for (row, column) in plan::sanitize(plan) {
        marked.push(format!(
            "{}!{}{}",
            plan.name,
            crate::read::cell::column_name(u32::from(column)),
            row + 1
        ));
    }
}

/// The 数据检查 note on texts outside 明细 whose control characters were
/// replaced: how many, and the first few places.
fn marked_note(marked: &[String], on_check_sheet: usize) -> String {
    let total = marked.len() + on_check_sheet;
    let mut places: Vec<String> = marked.iter().take(3).cloned().collect();
    if marked.len() > 3 {
        places.push("…".to_string());
    }
    if on_check_sheet > 0 {
        places.push(format!("本表 {on_check_sheet} 处（文件名或台账标题）"));
    }
    format!(
        "「明细」以外有 {total} 处来自台账、设置或文件名的文字含有 Excel 和 Word 不能显示的控制字符（如从 Word 粘贴来的垂直制表符）或非字符，已换成可见的符号（如 ␋、?）后写入：{}",
        places.join("、")
    )
}

fn year_u16(year: i32) -> u16 {
    u16::try_from(year).unwrap_or(1900).clamp(1900, 9999)
}

/// The height (points) a row needs so that `text`, wrapped in a column
/// `column_width` characters wide, shows whole: a CJK character takes about 1.8
/// columns, others 0.9 (measured against LibreOffice's rendering of the default
/// font); 15 points a line, as Excel's default row.
pub fn wrapped_row_height(text: &str, column_width: f64) -> f64 {
    let width: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.9 } else { 1.8 })
        .sum();
    let usable = (column_width - 1.0).max(1.0);
    let lines = (width / usable).ceil().max(1.0);
    lines * 15.0
}

#[cfg(test)]
mod tests;

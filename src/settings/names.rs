//! How settings are named: a `jixiao.toml` key as compared (`header_row` is
//! `header-row`), a `参数` name as compared (`年度预算（万元）` is `年度预算`), and
//! the members of a family — a budget's year, a grade, a breakdown line, a
//! department field — read from the name they are written under. The rows of
//! [`super::table::SETTINGS`] point here for their members.

use super::{DepartmentField, Key};
use crate::rules::Grade;

/// `header_row`, `Header-Row` and `header-row` are one `jixiao.toml` key.
pub fn normal_key(key: &str) -> String {
    key.trim().to_ascii_lowercase().replace('_', "-")
}

/// A `参数` name without spaces and without a bracketed unit:
/// `年度预算（万元）` → `年度预算`.
pub fn compact(name: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in name.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out
}

/// The grade a name says (`优秀`).
fn grade_named(name: &str) -> Option<Grade> {
    Grade::ALL.into_iter().find(|g| g.label() == name.trim())
}

/// A line of `[budget]`: its key is the year (`2017`, `"2017年"`).
pub fn budget_year(name: &str) -> Result<Key, &'static str> {
    name.trim()
        .trim_end_matches('年')
        .parse::<i32>()
        .ok()
        .filter(|y| (1990..=2100).contains(y))
        .map(|year| Key::Budget(Some(year)))
        .ok_or("年度应写成 2017 这样的四位数")
}

/// A line of `[bands]`: its key is a grade with a band (差 has none).
pub fn band_grade(name: &str) -> Result<Key, &'static str> {
    grade_named(name)
        .filter(|g| *g != Grade::Poor)
        .map(Key::Band)
        .ok_or("等级只能是 优秀、良好、中等、及格")
}

/// A line of `[measures]`: its key is any grade.
pub fn measure_grade(name: &str) -> Result<Key, &'static str> {
    grade_named(name)
        .map(Key::Measure)
        .ok_or("等级只能是 优秀、良好、中等、及格、差")
}

/// A line of `[breakdown]`: its key is the line's name, whatever it is.
pub fn breakdown_line(name: &str) -> Result<Key, &'static str> {
    Ok(Key::Breakdown(Some(name.trim().to_string())))
}

/// A line of `[department]`: its key is a field's key (`name`) or its Chinese label.
pub fn department_field(name: &str) -> Result<Key, &'static str> {
    let wanted = normal_key(name);
    DepartmentField::ALL
        .into_iter()
        .find(|f| f.key() == wanted || f.label() == name.trim())
        .map(Key::Department)
        .ok_or("不认识这个设置项（[department] 下可以写 name、functions、organisation、staff、management、other）")
}

/// The names a budget is written under in a `参数` sheet.
const BUDGETS: [&str; 7] = [
    "预算",
    "预算收入",
    "年度预算",
    "全年预算",
    "全年预算收入",
    "年度预算收入",
    "财政预算收入",
];

/// A budget in a `参数` sheet: `预算` (the only year), or a year then a budget
/// name (`2017年预算`, `2017年度预算收入`).
pub fn budget_named(compact: &str) -> Option<Key> {
    if BUDGETS.contains(&compact) {
        return Some(Key::Budget(None));
    }
    let (year, rest) = compact.split_once('年')?;
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && BUDGETS.contains(&rest) {
        return year.parse().ok().map(|year| Key::Budget(Some(year)));
    }
    None
}

/// A band in a `参数` sheet: `优秀` or `优秀标准` (差 has none).
pub fn band_named(compact: &str) -> Option<Key> {
    Grade::ALL
        .into_iter()
        .filter(|grade| *grade != Grade::Poor)
        .find(|grade| compact == grade.label() || compact == format!("{}标准", grade.label()))
        .map(Key::Band)
}

/// A measure in a `参数` sheet: `差整改办法` or `差的整改办法`.
pub fn measure_named(compact: &str) -> Option<Key> {
    Grade::ALL
        .into_iter()
        .find(|grade| {
            let label = grade.label();
            compact == format!("{label}整改办法") || compact == format!("{label}的整改办法")
        })
        .map(Key::Measure)
}

/// A breakdown line in a `参数` sheet: `分项:工资福利支出` (or with `：`).
pub fn breakdown_named(compact: &str) -> Option<Key> {
    compact
        .strip_prefix("分项:")
        .or_else(|| compact.strip_prefix("分项："))
        .filter(|line| !line.is_empty())
        .map(|line| Key::Breakdown(Some(line.to_string())))
}

/// A department field in a `参数` sheet, by its label or a usual other name.
pub fn department_named(compact: &str) -> Option<Key> {
    let field = match compact {
        "单位名称" | "部门名称" => DepartmentField::Name,
        "主要职能" | "职能" => DepartmentField::Functions,
        "机构情况" => DepartmentField::Organisation,
        "人员情况" | "人员编制" => DepartmentField::Staff,
        "预算管理制度建设情况" | "预算管理制度" => DepartmentField::Management,
        "其他需说明的情况" | "其他需说明" => DepartmentField::Other,
        _ => return None,
    };
    Some(Key::Department(field))
}

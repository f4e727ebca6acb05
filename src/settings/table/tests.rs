//! The table against what it cannot derive: its own rows (each consistent),
//! the template's examples and comments, the README's settings table, and the
//! lists messages said before the table drove them.

use super::super::names::compact;
use super::super::sheet::key_named;
use super::super::spec::{FlagForm, Keys, SettingSpec, Sheet, Takes, Toml};
use super::super::template::SECTION_ORDER;
use super::super::{from_sheet, from_toml, validate, Beside};
use super::*;
use crate::read::CellValue;
use std::path::Path;

/// The row a key is read into, by position (rows are compared by place).
fn row_of(key: &Key) -> usize {
    SETTINGS
        .iter()
        .position(|spec| spec.key.holds(key))
        .unwrap_or_else(|| panic!("{key:?} is in no row"))
}

fn index(spec: &SettingSpec) -> usize {
    SETTINGS
        .iter()
        .position(|row| std::ptr::eq(row, spec))
        .unwrap()
}

/// How a row is named in a failure: its first flag or key.
fn name(spec: &SettingSpec) -> String {
    spec.flags
        .first()
        .map(|flag| flag.name.to_string())
        .or_else(|| spec.toml.listed())
        .unwrap_or_else(|| format!("{:?}", spec.key))
}

#[test]
fn each_row_is_whole() {
    for spec in SETTINGS {
        let row = name(spec);
        let outside = spec.key == Keys::Outside;
        assert_eq!(spec.used.is_none(), outside, "{row}: in Settings or not");
        if spec.toml.takes_value() && !matches!(spec.toml, Toml::Supervisor(_)) {
            assert!(
                spec.key.plain().is_some(),
                "{row}: `name = value` needs a key"
            );
        }
        if matches!(spec.toml, Toml::Supervisor(_)) || matches!(spec.sheet, Sheet::Refused(_)) {
            assert!(outside, "{row}: read by the supervisor, not into Settings");
        }
        for flag in spec.flags {
            assert!(flag.name.starts_with("--"), "{row}");
            assert_eq!(
                flag.form == FlagForm::Outside,
                outside,
                "{row}: {} is read into Settings exactly when its row is",
                flag.name
            );
            match flag.form {
                FlagForm::Switch(_) => {
                    assert!(
                        flag.example.is_none() && spec.key.plain().is_some(),
                        "{row}"
                    )
                }
                FlagForm::Graded => {
                    assert!(matches!(spec.key, Keys::Band | Keys::Measure), "{row}")
                }
                FlagForm::Value | FlagForm::Values => {
                    assert!(
                        flag.example.is_some() && spec.key.plain().is_some(),
                        "{row}"
                    )
                }
                FlagForm::Outside => {}
            }
            if flag.form == FlagForm::Values {
                assert!(
                    spec.takes == Takes::Gathered,
                    "{row}: a repeated flag gathers"
                );
            }
        }
    }
    let flags: Vec<&str> = SETTINGS
        .iter()
        .flat_map(|spec| spec.flags.iter().map(|flag| flag.name))
        .collect();
    let mut unique = flags.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), flags.len(), "a flag in two rows: {flags:?}");
}

#[test]
fn every_name_reads_back_to_its_own_row() {
    for spec in SETTINGS {
        let row = name(spec);
        let here = index(spec);
        for toml in spec.toml.value_names() {
            assert!(
                std::ptr::eq(by_toml_key(toml).unwrap(), spec),
                "{row}: {toml}"
            );
        }
        if let Toml::Section { name, .. } | Toml::ValueOrSection { name, .. } = spec.toml {
            assert!(std::ptr::eq(by_toml_key(name).unwrap(), spec), "{row}");
        }
        match spec.sheet {
            Sheet::Names(names) => {
                for name in names.iter().chain(spec.toml.value_names()) {
                    let key = key_named(name).unwrap_or_else(|| panic!("{row}: {name}"));
                    assert_eq!(row_of(&key), here, "{row}: {name} is {key:?}");
                }
            }
            Sheet::Refused(names) => {
                for name in names.iter().chain(spec.toml.value_names()) {
                    let rows = [(0, name.to_string(), CellValue::Number(0.0))];
                    let refused = from_sheet(&rows, "台账.xlsx", Path::new("D:/账"))
                        .expect_err("a ledger may not set it")
                        .to_string();
                    assert!(refused.contains("不能由台账自己放宽"), "{row}: {refused}");
                }
            }
            Sheet::Members { .. } | Sheet::None => {}
        }
    }
}

/// The lists messages give, as they were written out before the table.
#[test]
fn the_lists_in_messages_say_what_they_said() {
    assert_eq!(
        toml_keys(),
        "budget、year、unit、sheet、header-row、date-col、amount-col、accounts、exclude-accounts、progress、as-of、out-dir、overwrite、docx、time-limit、memory-limit、[bands]、[measures]、[breakdown]、[department]"
    );
    assert_eq!(
        sheet_names(),
        "预算（多个年度写 2017年预算）、年度、单位、工作表、表头行、日期列、金额列、科目、排除科目、优秀/良好/中等/及格（百分数）、优秀整改办法 …、序时进度、截至、分项:名称、结果目录、覆盖、自评报告、单位名称、主要职能、机构情况、人员情况、预算管理制度建设情况、其他需说明的情况"
    );
    let top_level: Vec<&str> = SETTINGS
        .iter()
        .flat_map(|spec| spec.toml.value_names().iter().copied())
        .collect();
    assert_eq!(
        top_level,
        [
            "year",
            "unit",
            "sheet",
            "header-row",
            "date-col",
            "amount-col",
            "accounts",
            "account",
            "exclude-accounts",
            "exclude-account",
            "progress",
            "as-of",
            "out-dir",
            "overwrite",
            "docx",
            "time-limit",
            "memory-limit",
        ]
    );
    assert!(top_level.iter().all(|key| is_top_level(key)));
    assert!(!is_top_level("budget") && !is_top_level("bands"));
}

#[test]
fn every_template_example_reads_back_to_its_row() {
    for spec in SETTINGS {
        let Some(template) = &spec.template else {
            continue;
        };
        let row = name(spec);
        let text = template.example.join("\n") + "\n";
        let raws = from_toml(&text, Path::new("D:/账/jixiao.toml"), Beside::Ledger)
            .unwrap_or_else(|e| panic!("{row}: {e}\n{text}"));
        if matches!(spec.toml, Toml::Supervisor(_)) {
            assert!(raws.is_empty(), "{row}: the supervisor reads it");
            continue;
        }
        assert!(!raws.is_empty(), "{row}: {text}");
        for raw in &raws {
            assert!(spec.key.holds(&raw.key), "{row}: {:?} in {text}", raw.key);
        }
        validate(raws).unwrap_or_else(|e| panic!("{row}: {e}\n{text}"));
    }
}

/// The 参数 names a text offers (`参数表：日期列、金额列；…`), as column A would hold them.
fn sheet_items(text: &str) -> Vec<String> {
    compact(text)
        .split(['、', '；'])
        .map(|item| item.trim_end_matches('…').to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

#[test]
fn the_template_comments_name_each_settings_flags_and_sheet_names() {
    // A comment speaks for its row and for the rows after it that have none.
    let mut groups: Vec<(String, Vec<&SettingSpec>)> = Vec::new();
    for spec in SETTINGS {
        let Some(template) = &spec.template else {
            continue;
        };
        if template.comment.is_empty() {
            let (_, rows) = groups.last_mut().expect("the first row has a comment");
            rows.push(spec);
        } else {
            groups.push((template.comment.concat(), vec![spec]));
        }
    }
    for (comment, rows) in groups {
        for flag in rows.iter().flat_map(|spec| spec.flags) {
            assert!(comment.contains(flag.name), "{}: {comment}", flag.name);
        }
        let offered = comment.split_once("参数表：").map(|(_, rest)| {
            let end = rest.find(['；', '）', '，']).unwrap_or(rest.len());
            sheet_items(&rest[..end])
        });
        let Some(offered) = offered else {
            assert!(
                rows.iter()
                    .all(|spec| matches!(spec.sheet, Sheet::Refused(_) | Sheet::None)),
                "{comment}: no 参数 name"
            );
            continue;
        };
        let keys: Vec<Key> = offered
            .iter()
            .map(|item| key_named(item).unwrap_or_else(|| panic!("{item} in {comment}")))
            .collect();
        for spec in &rows {
            assert!(
                keys.iter().any(|key| spec.key.holds(key)),
                "{}: {comment} offers {offered:?}",
                name(spec)
            );
        }
        for key in &keys {
            assert!(
                rows.iter().any(|spec| spec.key.holds(key)),
                "{key:?}: {comment}"
            );
        }
    }
}

#[test]
fn every_section_is_in_the_template_once() {
    let mut sections: Vec<&str> = SETTINGS
        .iter()
        .filter_map(|spec| match spec.toml {
            Toml::Section { name, .. } => Some(name),
            _ => None,
        })
        .collect();
    let mut order = SECTION_ORDER.to_vec();
    sections.sort_unstable();
    order.sort_unstable();
    assert_eq!(sections, order);
}

#[test]
fn every_row_with_lines_is_in_the_template() {
    // The budget is filled in where its comment is, then shown for several years.
    let text = super::super::template(&[2017]);
    let commented =
        |lines: &[&str]| -> String { lines.iter().map(|line| format!("# {line}\n")).collect() };
    for spec in SETTINGS {
        let Some(template) = &spec.template else {
            continue;
        };
        let block = if spec.key == Keys::Budget {
            commented(template.example)
        } else {
            commented(template.comment) + &commented(template.example)
        };
        assert!(
            text.contains(&commented(template.comment)),
            "{}",
            name(spec)
        );
        assert!(text.contains(&block), "{}:\n{block}", name(spec));
    }
}

/// The README's settings table: its header and rows, each as four cells.
fn readme_rows() -> Vec<Vec<String>> {
    let readme = include_str!("../../../README.md");
    let table = readme
        .split_once("## 设置")
        .and_then(|(_, rest)| rest.split_once("| 命令行 | jixiao.toml | “参数”表 A 列 | 作用 |"))
        .map(|(_, rest)| rest)
        .expect("the README has its settings table");
    table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The words in backquotes in a README cell.
fn quoted(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

#[test]
fn the_readme_settings_table_says_what_the_table_says() {
    let rows = readme_rows();
    assert_eq!(
        rows.len(),
        SETTINGS.iter().filter(|spec| spec.role.is_some()).count(),
        "a README row for each row that says what it does"
    );
    let mut covered = vec![false; SETTINGS.len()];
    for cells in &rows {
        let [flags, toml, sheet, role] = cells.as_slice() else {
            panic!("{cells:?}");
        };
        // The settings this line speaks of: by the flags, keys and 参数 names it shows.
        let mut named: Vec<usize> = Vec::new();
        for word in quoted(flags) {
            let flag = word.split(' ').next().unwrap_or_default();
            named.extend(
                SETTINGS
                    .iter()
                    .position(|spec| spec.flags.iter().any(|f| f.name == flag)),
            );
        }
        for word in quoted(toml) {
            let key = word.split(" = ").next().unwrap_or_default();
            let key = key.trim_start_matches('[').trim_end_matches(']');
            named.extend(by_toml_key(key).map(index));
        }
        if !sheet.starts_with('—') {
            for item in sheet_items(sheet) {
                let key = key_named(&item).unwrap_or_else(|| panic!("{item} in {cells:?}"));
                named.push(row_of(&key));
            }
        }
        named.sort_unstable();
        named.dedup();
        // One row that says what they do, then those said with it.
        let (&first, rest) = named.split_first().unwrap_or_else(|| panic!("{cells:?}"));
        assert_eq!(SETTINGS[first].role, Some(role.as_str()), "{cells:?}");
        assert!(
            rest.iter()
                .enumerate()
                .all(|(i, &row)| row == first + 1 + i && SETTINGS[row].role.is_none()),
            "{cells:?}: {named:?}"
        );
        for &row in &named {
            let spec = &SETTINGS[row];
            assert!(!covered[row], "{} in two README rows", name(spec));
            covered[row] = true;
            for flag in spec.flags {
                let shown = match flag.example {
                    Some(example) => format!("`{} {example}", flag.name),
                    None => format!("`{}`", flag.name),
                };
                assert!(flags.contains(&shown), "{cells:?} lacks {shown}");
            }
            if spec.flags.is_empty() {
                assert_eq!(flags, "—", "{cells:?}");
            }
            match spec.toml {
                Toml::Value(names) => {
                    assert!(toml.contains(&format!("`{} = ", names[0])), "{cells:?}")
                }
                Toml::Supervisor(name) => {
                    assert!(toml.contains(&format!("`{name} = ")), "{cells:?}")
                }
                Toml::Section { name, .. } => {
                    assert!(toml.contains(&format!("`[{name}]`")), "{cells:?}")
                }
                Toml::ValueOrSection { name, .. } => assert!(
                    toml.contains(&format!("`{name} = ")) && toml.contains(&format!("`[{name}]`")),
                    "{cells:?}"
                ),
                Toml::None => assert_eq!(toml, "—", "{cells:?}"),
            }
            match spec.sheet {
                Sheet::Names(_) | Sheet::Members { .. } => assert!(!sheet.starts_with('—')),
                Sheet::Refused(_) | Sheet::None => assert!(sheet.starts_with('—'), "{cells:?}"),
            }
        }
    }
    for (row, covered) in covered.into_iter().enumerate() {
        assert!(covered, "{} is in no README row", name(&SETTINGS[row]));
    }
}

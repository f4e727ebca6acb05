//! The commented `jixiao.toml` written beside a ledger that has no budget:
//! a few lines of how to use it, then each row of the settings table that has
//! a place in the file, its comment and its example.

use super::spec::{Keys, SettingSpec, Template, Toml};
use super::table::SETTINGS;

/// How to use the file, above the settings.
const HEADER: &str = "# jixiao 设置文件：部门整体支出绩效自评\n\
# 用记事本（或文本编辑器）打开，填写后保存，再把台账拖到 jixiao 的图标上。以 # 开头的行是说明，不起作用。\n\
# 每一项也可以写在台账的「参数」工作表里（A 列写括号中的名称，B 列写值），或在命令行用括号中的参数。\n\
# 同一项写在几处时：命令行参数 > 「参数」工作表 > 台账旁的 jixiao.toml > jixiao.exe 旁的 jixiao.toml > 默认。\n\
\n";

/// Above the settings that may be left out.
const OPTIONAL: &str = "\n# 以下都可以不填，不填时自动识别，或按原报告的规则。\n\n";

/// Above the sections.
const SECTIONS_FOLLOW: &str =
    "\n# 以下各 [小节] 要写在上面各项之后：[小节] 下面的行都属于这个小节。\n";

/// The sections in the template's order, which is not the table's: the
/// breakdown has always followed the bands here, and a file a department
/// already keeps is not reshuffled. The table cannot say this order, so
/// `every_section_is_in_the_template_once` pins that each section of the
/// table is listed here.
pub(super) const SECTION_ORDER: [&str; 4] = ["bands", "breakdown", "measures", "department"];

/// The commented settings template, in Chinese, for `years` (the ledger's
/// years): every setting jixiao takes, each with its command-line flag and its
/// name in a `参数` sheet; only the budget is to be filled in.
pub fn template(years: &[i32]) -> String {
    let mut text = String::from(HEADER);
    let budget_lines = SETTINGS
        .iter()
        .find(|spec| spec.key == Keys::Budget)
        .and_then(|spec| spec.template.as_ref());
    if let Some(lines) = budget_lines {
        budget(&mut text, lines, years);
    }
    text.push_str(OPTIONAL);
    let top_level = SETTINGS
        .iter()
        .filter(|spec| matches!(spec.toml, Toml::Value(_) | Toml::Supervisor(_)));
    for lines in top_level.filter_map(|spec| spec.template.as_ref()) {
        commented(&mut text, lines);
    }
    text.push_str(SECTIONS_FOLLOW);
    for lines in SECTION_ORDER
        .iter()
        .filter_map(|name| section(name))
        .filter_map(|spec| spec.template.as_ref())
    {
        text.push('\n');
        commented(&mut text, lines);
    }
    text
}

/// The budget, the one line to fill in: live, once or per year of the ledger;
/// for one year, the row's examples show how several are written.
fn budget(text: &mut String, lines: &Template, years: &[i32]) {
    for line in lines.comment {
        text.push_str(&format!("# {line}\n"));
    }
    if years.len() > 1 {
        text.push_str("# 台账中有多个年度，请按年度分别填写：\n");
        for year in years {
            text.push_str(&format!("budget.{year} = 0\n"));
        }
    } else {
        text.push_str("budget = 0\n");
        text.push_str(
            "# 台账中有多个年度时，改为按年度分别填写（删掉上面一行，去掉下面两行开头的 #）：\n",
        );
        for line in lines.example {
            text.push_str(&format!("# {line}\n"));
        }
    }
}

/// A row's comment and its example, commented out.
fn commented(text: &mut String, lines: &Template) {
    for line in lines.comment.iter().chain(lines.example) {
        text.push_str(&format!("# {line}\n"));
    }
}

/// The row of the section `name`.
fn section(name: &str) -> Option<&'static SettingSpec> {
    SETTINGS
        .iter()
        .find(|spec| matches!(spec.toml, Toml::Section { name: section, .. } if section == name))
}

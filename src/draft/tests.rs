use super::text::month_analysis;
use super::*;
use crate::analysis::tight;
use crate::breakdown::execute;
use crate::classify::{ItemId, ITEMS};
use crate::grade::grade_year;
use crate::rules::Rules;
use crate::settings::{DepartmentField, Place, Sourced};
use crate::totals::MonthlyTotals;
use crate::warnings::{code, Warning};
use std::io::Read;

const SEED_AMOUNTS: [&str; 8] = [
    "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
];
const SEED_GRADES: [(&str, &str); 8] = [
    ("一月", "优秀"),
    ("二月", "差"),
    ("三月", "优秀"),
    ("四月", "优秀"),
    ("五月", "优秀"),
    ("六月", "优秀"),
    ("七月", "优秀"),
    ("八月", "良好"),
];
const HEADINGS: [&str; 7] = [
    "一、部门基本情况",
    "二、绩效自评工作情况",
    "三、评价情况分析及综合评价结论",
    "四、存在的问题和整改情况",
    "五、绩效自评结果应用",
    "六、主要经验及做法",
    "七、其他需说明的情况",
];

fn year_of(amounts: &[&str], budget: &str) -> GradedYear {
    let mut totals = MonthlyTotals::new(2017);
    for (i, a) in amounts.iter().enumerate() {
        totals.months_wan[i] = Some(a.parse().unwrap());
    }
    grade_year(&totals, Rules::from_budget(budget.parse().unwrap())).unwrap()
}

/// The month table's 合计 and the 累计支出 of （三） both read `total`.
fn text_has_total(xml: &str, total: &str) -> bool {
    let monthly = tables(xml)
        .into_iter()
        .find(|t| t[0].first().map(String::as_str) == Some("月份"));
    monthly.is_some_and(|t| t.last().is_some_and(|r| r[1] == total))
        && plain(xml).contains(&format!("累计支出{total}万元"))
}

/// The seed's 2017: 322.95 万元 and January–August as the source report has them,
/// February wages and social security only, March mostly travel and office costs.
fn seed_year() -> GradedYear {
    grade_year(
        &seed_totals(),
        Rules::from_budget("322.95".parse().unwrap()),
    )
    .unwrap()
}

fn seed_totals() -> MonthlyTotals {
    let mut totals = MonthlyTotals::new(2017);
    for (i, a) in SEED_AMOUNTS.iter().enumerate() {
        totals.months_wan[i] = Some(a.parse().unwrap());
    }
    let item = |name: &str| ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId;
    totals.items_wan[1].insert(item("基本工资"), "3.12".parse().unwrap());
    totals.items_wan[1].insert(item("社会保障缴费"), "1.32".parse().unwrap());
    totals.items_wan[2].insert(item("差旅费"), "26.414".parse().unwrap());
    totals.items_wan[2].insert(item("办公费"), "21.036".parse().unwrap());
    totals.items_wan[2].insert(item("基本工资"), "14.84".parse().unwrap());
    totals
}

fn with_department(fields: &[(DepartmentField, &str)]) -> Settings {
    let mut settings = Settings::default();
    for (field, value) in fields {
        settings.department.insert(
            *field,
            Sourced {
                value: value.to_string(),
                place: Place::Flag("--x"),
            },
        );
    }
    settings
}

fn input<'a>(years: &'a [GradedYear], settings: &'a Settings) -> DraftInput<'a> {
    DraftInput {
        department: "州政务服务管理局",
        years,
        breakdown: None,
        settings,
        warnings: &[],
        caveat: None,
        unclassified: None,
    }
}

/// word/document.xml of a built draft.
fn document_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of an XML fragment: the contents of its `<w:t>` elements.
fn plain(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        // <w:t> or <w:t xml:space="preserve">, not <w:tbl>, <w:tc>, <w:tab/>.
        if !(piece.starts_with('>') || piece.starts_with(' ')) {
            continue;
        }
        let Some(start) = piece.find('>') else {
            continue;
        };
        if piece[..start].ends_with('/') {
            continue;
        }
        let rest = &piece[start + 1..];
        let end = rest.find("</w:t>").unwrap_or(rest.len());
        out.push_str(&rest[..end]);
    }
    out.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Each `<tag ...>…</tag>` element of `xml`, in order.
fn elements<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let open = format!("<{tag}>");
    let open_attr = format!("<{tag} ");
    let close = format!("</{tag}>");
    let mut found = Vec::new();
    let mut rest = xml;
    loop {
        let start = match (rest.find(&open), rest.find(&open_attr)) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let Some(len) = rest[start..].find(&close) else {
            break;
        };
        let end = start + len + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// The rows of the document's tables, each as its cells' texts.
fn tables(xml: &str) -> Vec<Vec<Vec<String>>> {
    elements(xml, "w:tbl")
        .into_iter()
        .map(|table| {
            elements(table, "w:tr")
                .into_iter()
                .map(|row| elements(row, "w:tc").into_iter().map(plain).collect())
                .collect()
        })
        .collect()
}

/// The runs whose text contains `needle`.
fn runs_with<'x>(xml: &'x str, needle: &str) -> Vec<&'x str> {
    elements(xml, "w:r")
        .into_iter()
        .filter(|run| plain(run).contains(needle))
        .collect()
}

fn seed_document(settings: &Settings) -> String {
    let years = [seed_year()];
    document_xml(&build(&input(&years, settings)).unwrap())
}

#[test]
fn the_sections_come_in_the_seeds_order() {
    let text = plain(&seed_document(&Settings::default()));
    assert!(
        text.starts_with("州政务服务管理局2017年度部门整体支出绩效自评报告"),
        "{text}"
    );
    let mut at = 0;
    for heading in HEADINGS.iter().chain(&[
        "（一）部门概况",
        "1.主要职能",
        "2.部门基本情况",
        "（二）部门绩效目标的设立情况",
        "（三）部门整体收支情况",
        "（四）部门预算管理制度建设情况",
        "（一）绩效自评目的",
        "（二）自评指标体系",
        "（三）自评组织过程",
    ]) {
        assert!(text.contains(heading), "{heading} missing");
    }
    for heading in HEADINGS {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found + heading.len();
    }
}

#[test]
fn the_goal_names_every_band_inclusive() {
    let text = plain(&seed_document(&Settings::default()));
    assert!(text.contains(
        "2017年度全年预算收入322.95万元，分12个月均衡支出，月均预算26.91万元。\
每月支出达到24.22万元（月均预算的90%）的，绩效评定为优秀；\
达到21.53万元（80%）的，为良好；达到18.84万元（70%）的，为中等；\
达到16.15万元（60%）的，为及格；不足16.15万元的，为差。"
    ));
    assert!(text.contains(
        "整改办法：评为优秀、良好的，保持；评为中等、及格的，查缺预防；评为差的，加快资金支出进度。"
    ));
    assert!(!text.contains('>'), "the seed's > is not the rule");
    // That a standard includes itself is said once, under the indicator table.
    assert_eq!(text.matches("含本数").count(), 1, "{text}");
    assert!(text.contains("注：“达到”“以上”均含本数；"));
}

#[test]
fn the_indicator_table_has_every_band_and_the_poor_row() {
    let xml = seed_document(&Settings::default());
    let tables = tables(&xml);
    let indicators = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("支出进度"))
        .unwrap();
    assert_eq!(
        indicators[0],
        ["支出进度", "每月支出标准（万元）", "绩效评定", "整改办法"]
    );
    let rows: Vec<[&str; 4]> = indicators[1..]
        .iter()
        .map(|r| [&r[0], &r[1], &r[2], &r[3]].map(String::as_str))
        .collect();
    assert_eq!(
        rows,
        [
            ["达到月均预算的90%", "24.22以上", "优秀", "保持"],
            ["达到月均预算的80%", "21.53以上", "良好", "保持"],
            ["达到月均预算的70%", "18.84以上", "中等", "查缺预防"],
            ["达到月均预算的60%", "16.15以上", "及格", "查缺预防"],
            ["不足月均预算的60%", "不足16.15", "差", "加快资金支出进度"],
        ]
    );
}

#[test]
fn the_monthly_table_has_the_seed_grades_and_notes() {
    let years = [seed_year()];
    let xml = seed_document(&Settings::default());
    let tables = tables(&xml);
    let monthly = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("月份"))
        .unwrap();
    assert_eq!(
        monthly[0],
        [
            "月份",
            "支出金额（万元）",
            "完成率",
            "绩效等级",
            "整改办法",
            "情况分析"
        ]
    );
    assert_eq!(monthly.len(), 1 + 8 + 1, "header, eight due months, 合计");
    for (i, (month, grade)) in SEED_GRADES.iter().enumerate() {
        let row = &monthly[i + 1];
        assert_eq!(row[0], *month);
        assert_eq!(row[1], SEED_AMOUNTS[i]);
        assert_eq!(row[3], *grade, "{month}");
        assert_eq!(row[5], month_analysis(&years[0], &years[0].months[i]));
    }
    // What the columns beside it do not say: how far a 差 month fell short,
    // a high month as high with what it went on, never judged.
    assert_eq!(
        monthly[2][5],
        "比及格标准少11.71万元；仅发生工资福利支出（基本工资、社会保障缴费）"
    );
    assert_eq!(
        monthly[3][5],
        "超过月均预算的2倍，主要为差旅费26.41万元、办公费21.04万元"
    );
    assert_eq!(monthly[4][5], "超过月均预算的2倍");
    assert_eq!(monthly[1][5], "—", "no classified lines in January");
    assert_eq!(monthly[1][2], "98.6%");
    assert_eq!(monthly[2][4], "加快资金支出进度");
    assert_eq!(monthly[9][0], "合计");
    assert_eq!(monthly[9][1], "273.43");
    assert_eq!(
        monthly[9][5], "",
        "said once, in （三） and the 综合评价结论"
    );
    let text = plain(&xml);
    assert_eq!(text.matches("累计执行率84.7%").count(), 1, "{text}");
    let text = plain(&xml);
    assert!(text.contains(&format!(
        "综合评价结论：{}",
        tight(&crate::analysis::conclusion(&years[0]))
    )));
    assert!(text.contains(
        "综合评价结论：2017年1—8月共评定8个月：优秀6个月、良好1个月、差1个月。\
评为差的月份：二月支出4.44万元，仅发生工资福利支出。"
    ));
    // The department is asked about its high and low months, highlighted.
    let asked = runs_with(&xml, "【请核对】");
    assert_eq!(
        plain(asked[0]),
        "【请核对】三月、四月支出超过月均预算的2倍，请结合当月主要支出说明原因；\
二月评为差，请说明支出偏低的原因。"
    );
    assert!(asked[0].contains("w:highlight"));
    for judged in ["属集中支出", "突击", "待全年数据齐全后再做"] {
        assert!(!text.contains(judged), "{judged}: {text}");
    }
}

#[test]
fn numbers_sit_in_the_chinese_text_without_spaces() {
    assert_eq!(tight("二月支出 4.44 万元"), "二月支出4.44万元");
    assert_eq!(
        tight("净支出为 -8.97 万元，占 42.4 %"),
        "净支出为-8.97万元，占42.4%"
    );
    assert_eq!(tight("2017 年 1—8 月"), "2017年1—8月");
    assert_eq!(
        tight("用 --budget 322.95 重新运行"),
        "用 --budget 322.95重新运行"
    );
    assert_eq!(tight("Microsoft Excel 2007"), "Microsoft Excel 2007");
    let years = [seed_year()];
    let warnings = [Warning {
        code: code::UNIT_ASSUMED,
        text: "读取 16 行，计入 58 笔".to_string(),
    }];
    let settings = Settings::default();
    let draft = DraftInput {
        warnings: &warnings,
        ..input(&years, &settings)
    };
    let text = plain(&document_xml(&build(&draft).unwrap()));
    assert!(text.contains("读取16行，计入58笔"), "{text}");
    // Every space left in the text sits between two Latin letters or digits.
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            let around = &chars[i.saturating_sub(8)..(i + 8).min(chars.len())];
            let near: String = around.iter().collect();
            assert!(
                i > 0 && chars[i - 1].is_ascii() && chars.get(i + 1).is_some_and(char::is_ascii),
                "space in 「{near}」"
            );
        }
    }
}

#[test]
fn no_phrase_is_said_again_where_once_says_it() {
    let text = plain(&seed_document(&Settings::default()));
    assert_eq!(text.matches("以上（含本数）").count(), 0, "{text}");
    // The measure of 差 in the 整改办法 sentence, the indicator table, February's
    // 整改办法 cell and 四、's one 整改措施; never again in a sentence.
    assert_eq!(text.matches("加快资金支出进度").count(), 4, "{text}");
    assert_eq!(text.matches("查找原因").count(), 1, "{text}");
}

#[test]
fn placeholders_are_highlighted_until_the_department_says() {
    let xml = seed_document(&Settings::default());
    for what in [
        "【请填写：主要职能】",
        "【请填写：机构情况及增减变动原因】",
        "【请填写：部门预算管理制度建设情况】",
        "【请填写：其他需说明的情况，没有则写“无”】",
        "【请填写：基本支出、项目支出各多少万元】",
    ] {
        let runs = runs_with(&xml, what);
        assert_eq!(runs.len(), 1, "{what}");
        assert!(
            runs[0].contains(r#"<w:highlight w:val="yellow""#),
            "{what}: {}",
            runs[0]
        );
    }
    let given = with_department(&[
        (
            DepartmentField::Functions,
            "（1）负责政务服务中心的管理。\n（2）负责公共资源交易中心的管理。",
        ),
        (DepartmentField::Organisation, "本局为行政机关，独立核算。"),
        (DepartmentField::Staff, "编制数21名。"),
        (DepartmentField::Management, "按《预算法》管理预算。"),
        (DepartmentField::Other, "无"),
    ]);
    let xml = seed_document(&given);
    let text = plain(&xml);
    for absent in [
        "主要职能】",
        "机构情况及增减变动原因】",
        "人员情况",
        "预算管理制度建设情况】",
        "其他需说明的情况，",
    ] {
        assert!(
            !text.contains(&format!("【请填写：{absent}")),
            "{absent} still asked"
        );
    }
    for said in [
        "（1）负责政务服务中心的管理。",
        "（2）负责公共资源交易中心的管理。",
        "本局为行政机关，独立核算。",
        "编制数21名。",
        "按《预算法》管理预算。",
    ] {
        let runs = runs_with(&xml, said);
        assert_eq!(runs.len(), 1, "{said}");
        assert!(!runs[0].contains("w:highlight"), "{said} highlighted");
    }
    // Each line of a field is a paragraph of its own.
    assert!(elements(&xml, "w:p")
        .iter()
        .any(|p| plain(p) == "（1）负责政务服务中心的管理。"));
    assert!(
        text.ends_with("七、其他需说明的情况无州政务服务管理局【请填写：日期】"),
        "{text}"
    );
}

#[test]
fn problems_come_from_the_grades_and_the_warnings() {
    let years = [seed_year()];
    let settings = Settings::default();
    let warnings = [Warning {
        code: code::UNIT_ASSUMED,
        text: "工作表「序时账」没有注明金额单位，按元计算".to_string(),
    }];
    let caveat = "【注意】台账数据未通过核对。";
    let draft = DraftInput {
        warnings: &warnings,
        caveat: Some(caveat),
        ..input(&years, &settings)
    };
    let xml = document_xml(&build(&draft).unwrap());
    let text = plain(&xml);
    let problems = &text[text.find("四、存在的问题和整改情况").unwrap()..];
    assert!(problems.contains(
        "1.二月支出4.44万元，低于及格标准16.15万元，绩效评定为差。整改措施：查找原因，加快资金支出进度。"
    ));
    assert!(!problems.contains("慢于序时进度") && !problems.contains("低于序时进度"));
    let warning = runs_with(&xml, "按元计算");
    assert!(warning[0].contains("w:highlight"));
    assert!(text.contains(&format!(
        "综合评价结论：{caveat}{}",
        tight(&crate::analysis::conclusion(&years[0]))
    )));
}

#[test]
fn a_lagging_year_says_so_and_an_even_one_says_there_is_nothing() {
    // 20 万元 a month on 322.95: 中等 every month, 74.3% of 序时进度's pace.
    let lagging = [year_of(&["20"; 6], "322.95")];
    let settings = Settings::default();
    let text = plain(&document_xml(&build(&input(&lagging, &settings)).unwrap()));
    assert!(
        text.contains("截至2017年6月末，累计执行率37.2%，低于（滞后于）序时进度50.0%，相差12.8个百分点。整改措施："),
        "{text}"
    );
    assert!(text.contains("绩效评定为中等，未达到良好标准21.53万元。整改措施：查缺预防。"));

    let even = [year_of(&["27"; 3], "322.95")];
    let text = plain(&document_xml(&build(&input(&even, &settings)).unwrap()));
    assert!(
        text.contains("2017年1—3月各月支出均达到及格标准16.15万元，累计执行率25.1%，不低于序时进度25.0%，未发现支出进度方面的问题。"),
        "{text}"
    );
    assert!(!text.contains("【请核对】"), "nothing to explain: {text}");
}

#[test]
fn a_breakdown_is_a_table_of_lines() {
    // The seed's February and March alone, every 万元 of them classified.
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[1] = Some("4.44".parse().unwrap());
    totals.months_wan[2] = Some("62.29".parse().unwrap());
    totals.items_wan[1..3].clone_from_slice(&seed_totals().items_wan[1..3]);
    let years = [grade_year(&totals, Rules::from_budget("322.95".parse().unwrap())).unwrap()];
    let lines = vec![
        ("工资福利支出".to_string(), "302.95".parse().unwrap()),
        ("商品和服务支出".to_string(), "10".parse().unwrap()),
    ];
    let breakdown = execute(&lines, &years[0]);
    let settings = Settings::default();
    let draft = DraftInput {
        breakdown: Some(&breakdown),
        ..input(&years, &settings)
    };
    let xml = document_xml(&build(&draft).unwrap());
    let tables = tables(&xml);
    let table = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("分项"))
        .unwrap();
    assert_eq!(table[1][0], "工资福利支出");
    assert_eq!(table[1][1], "302.95");
    assert_eq!(table[1][2], "19.28");
    assert_eq!(table[2][0], "商品和服务支出");
    assert_eq!(table[2][2], "47.45");
    assert_eq!(
        table[0],
        ["分项", "预算（万元）", "已支出（万元）", "执行率"],
        "the workbook's 分项执行 names"
    );
    // The 合计 is the year's spending as graded: 19.28 + 47.45.
    assert_eq!(table.last().unwrap(), &["合计", "312.95", "66.73", "21.3%"]);
    assert!(text_has_total(&xml, "66.73"));
    let text = plain(&xml);
    assert!(!text.contains("基本支出、项目支出各多少万元"));
    assert!(!text.contains("各行金额分别四舍五入"), "the rows add up");
    let check = runs_with(&xml, "分项预算合计312.95万元");
    assert!(check[0].contains("w:highlight"), "{}", check[0]);
    // The parts, the two lines and the months: each asked once.
    assert_eq!(text.matches("请核对").count(), 4, "{text}");
    assert!(text.contains(
        "【请核对】分项预算合计312.95万元，与全年预算322.95万元不一致（相差10.00万元）。"
    ));
    // A line far over or far under its budget is said, and asked about.
    assert!(text.contains(
        "【请核对】商品和服务支出已支出47.45万元，为预算10.00万元的474.5%，已超过全年预算，请说明原因"
    ), "{text}");
    assert!(text.contains(
        "【请核对】工资福利支出已支出19.28万元，为预算302.95万元的6.4%，执行率不到序时进度25.0%的一半，请说明原因。"
    ), "{text}");
}

#[test]
fn a_breakdown_whose_rows_miss_the_total_by_a_cent_says_so() {
    // Two lines of 0.005 万元 each: each row shows 0.01, the 合计 0.01.
    let mut totals = MonthlyTotals::new(2017);
    totals.months_wan[0] = Some("0.01".parse().unwrap());
    let item = |name: &str| ITEMS.iter().position(|i| i.name == name).unwrap() as ItemId;
    totals.items_wan[0].insert(item("差旅费"), "0.005".parse().unwrap());
    totals.items_wan[0].insert(item("办公费"), "0.005".parse().unwrap());
    let years = [grade_year(&totals, Rules::from_budget("120".parse().unwrap())).unwrap()];
    let lines = vec![
        ("差旅费".to_string(), "60".parse().unwrap()),
        ("办公费".to_string(), "60".parse().unwrap()),
    ];
    let breakdown = execute(&lines, &years[0]);
    let settings = Settings::default();
    let draft = DraftInput {
        breakdown: Some(&breakdown),
        ..input(&years, &settings)
    };
    let xml = document_xml(&build(&draft).unwrap());
    let tables = tables(&xml);
    let table = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("分项"))
        .unwrap();
    assert_eq!(table[1][2], "0.01");
    assert_eq!(table[2][2], "0.01");
    assert_eq!(table.last().unwrap()[2], "0.01");
    assert!(
        plain(&xml).contains("注：各行金额分别四舍五入到分，相加为0.02万元，与合计相差0.01万元。")
    );
    assert!(
        !plain(&xml).contains("注：各月"),
        "one month: nothing to add up"
    );
}

#[test]
fn the_month_table_adds_up_to_its_total() {
    // 0.005 + 0.005 万元: each month is graded at 0.01, and the 合计 adds those up
    // as 月度分析 does.
    let years = [year_of(&["0.005", "0.005"], "120")];
    let settings = Settings::default();
    let xml = document_xml(&build(&input(&years, &settings)).unwrap());
    let tables = tables(&xml);
    let monthly = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("月份"))
        .unwrap();
    assert_eq!(monthly[1][1], "0.01");
    assert_eq!(monthly[2][1], "0.01");
    assert_eq!(monthly[3][..2], ["合计", "0.02"]);
    assert!(text_has_total(&xml, "0.02"));
    assert!(!plain(&xml).contains("四舍五入到分"));
}

#[test]
fn zero_negative_and_missing_years_do_not_panic() {
    let settings = Settings::default();
    for amounts in [
        vec!["0"; 12],
        vec!["-3.5", "0", "-0.004", "12"],
        vec!["-1"],
        vec!["0.001"],
    ] {
        let years = [year_of(&amounts, "322.95")];
        let xml = document_xml(&build(&input(&years, &settings)).unwrap());
        let text = plain(&xml);
        for heading in HEADINGS {
            assert!(text.contains(heading), "{amounts:?}: {heading}");
        }
    }
    let none: [GradedYear; 0] = [];
    assert!(build(&input(&none, &settings)).is_err());
}

#[test]
fn the_latest_year_is_reported_and_the_file_is_the_same_each_time() {
    let mut older = year_of(&["10"; 12], "120");
    older.year = 2016;
    let years = [older, seed_year()];
    let settings = Settings::default();
    let nameless = DraftInput {
        department: " ",
        ..input(&years, &settings)
    };
    let first = build(&nameless).unwrap();
    assert_eq!(first, build(&nameless).unwrap());
    let xml = document_xml(&first);
    let text = plain(&xml);
    assert!(text.starts_with("【请填写：单位名称】2017年度"), "{text}");
    assert!(!text.contains("2016"));
}

#[test]
fn the_page_is_a4_with_the_document_margins_fonts_and_page_numbers() {
    let years = [seed_year()];
    let settings = Settings::default();
    let bytes = build(&input(&years, &settings)).unwrap();
    let xml = document_xml(&bytes);
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "A4 portrait"
    );
    for margin in [
        r#"w:top="2098""#,
        r#"w:bottom="1984""#,
        r#"w:left="1587""#,
        r#"w:right="1474""#,
    ] {
        assert!(xml.contains(margin), "{margin}");
    }
    assert!(xml.contains(r#"w:eastAsia="仿宋_GB2312""#));
    assert!(xml.contains(r#"w:eastAsia="黑体""#));
    assert!(xml.contains(r#"w:eastAsia="楷体_GB2312""#));
    assert!(xml.contains(r#"w:lineRule="exact""#));
    // Every table's header row repeats on each page it runs onto, and only it.
    for table in elements(&xml, "w:tbl") {
        let rows = elements(table, "w:tr");
        assert!(rows[0].contains("<w:tblHeader />"), "{}", rows[0]);
        assert!(rows[1..].iter().all(|r| !r.contains("tblHeader")));
    }
    assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
    // A table that fits on a page is kept on one: each row but the last keeps
    // with the next, as does the sentence introducing it.
    for table in elements(&xml, "w:tbl") {
        let rows = elements(table, "w:tr");
        let (last, others) = rows.split_last().unwrap();
        assert!(others.iter().all(|r| r.contains("<w:keepNext />")));
        assert!(!last.contains("<w:keepNext />"), "{last}");
    }
    let intro = elements(&xml, "w:p")
        .into_iter()
        .find(|p| plain(p).ends_with("各月支出及绩效评定情况如下表。"))
        .unwrap();
    assert!(intro.contains("<w:keepNext />"), "{intro}");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    let footer = names
        .iter()
        .find(|n| n.starts_with("word/footer"))
        .unwrap()
        .clone();
    let mut footer_xml = String::new();
    archive
        .by_name(&footer)
        .unwrap()
        .read_to_string(&mut footer_xml)
        .unwrap();
    assert!(footer_xml.contains("PAGE"), "{footer_xml}");
    assert_eq!(plain(&footer_xml), "— 1 —");
    let mut fonts = String::new();
    archive
        .by_name("word/fontTable.xml")
        .unwrap()
        .read_to_string(&mut fonts)
        .unwrap();
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    // No automatic space between Chinese and digits: 4.44万元 is set as written.
    let mut styles = String::new();
    archive
        .by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    let defaults = &styles[styles.find("<w:pPrDefault>").unwrap()..];
    let defaults = &defaults[..defaults.find("</w:pPrDefault>").unwrap()];
    assert!(
        defaults.contains(r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#),
        "{defaults}"
    );
}

/// Writes the seed year's draft to `$JIXIAO_DRAFT_OUT` for `.ci/draft-check.sh`:
/// `JIXIAO_DRAFT_OUT=/tmp/draft.docx cargo test --lib draft::tests::write_sample -- --ignored`.
#[test]
#[ignore]
fn write_sample() {
    let path = std::env::var_os("JIXIAO_DRAFT_OUT").expect("set JIXIAO_DRAFT_OUT to a .docx path");
    let years = [seed_year()];
    let settings = with_department(&[(
        DepartmentField::Staff,
        "编制数21名，其中行政编制8名，事业编制12名，机关工人1名。",
    )]);
    let warnings = [Warning {
        code: code::NO_BOOK_TOTALS,
        text: "台账未列合计，无法勾稽：请人工核对各月金额".to_string(),
    }];
    let draft = DraftInput {
        warnings: &warnings,
        ..input(&years, &settings)
    };
    std::fs::write(path, build(&draft).unwrap()).unwrap();
}

#[test]
fn unclassified_spending_is_a_problem_with_its_largest_lines() {
    let years = [seed_year()];
    let settings = Settings::default();
    let unclassified = Unclassified {
        count: 2,
        sum_yuan: "115800".parse().unwrap(),
        largest: vec![crate::report::check_sheet::UnclassifiedLine {
            address: "明细账!F9".to_string(),
            account: "其他".to_string(),
            summary: "某项目支出".to_string(),
            amount_yuan: "100000".parse().unwrap(),
        }],
    };
    let draft = DraftInput {
        unclassified: Some(&unclassified),
        ..input(&years, &settings)
    };
    let xml = document_xml(&build(&draft).unwrap());
    assert!(
        xml.contains("有2笔支出共11.58万元未能归入支出经济分类（未归类支出），金额较大的有：某项目支出100000.00元"),
        "{xml}"
    );
}

#[test]
fn the_unit_is_read_from_the_ledger_never_from_a_form_title() {
    use crate::report::unit_in_title;
    for (title, unit) in [
        (
            "州政务服务管理局2017年度支出明细账",
            Some("州政务服务管理局"),
        ),
        (
            "州政务服务管理局 2017年支出明细（导出）",
            Some("州政务服务管理局"),
        ),
        (
            "州政务服务管理局2017年分月支出统计表",
            Some("州政务服务管理局"),
        ),
        (
            "支出明细 编制单位：州政务服务管理局　　金额单位：元",
            Some("州政务服务管理局"),
        ),
        (
            "核算单位：州政务服务管理局    币别：人民币",
            Some("州政务服务管理局"),
        ),
        ("单位名称: 元江县财政局 单位：元", Some("元江县财政局")),
        ("科目余额表 月份：2017.01-2017.01 单位：元", None),
        ("2017年支出明细", None),
        ("序时账", None),
        ("yongyou-3col-2017", None),
        // The samples' form titles: 多栏式明细账, a 科目 line, a balance's bands.
        (
            "多栏式明细账 科目：7101 行政支出 期间：2017.01-2017.08 单位：元",
            None,
        ),
        ("明细账 科目：7101 行政支出 单位：元", None),
        ("科目余额表 期初余额 本期发生额 本年累计", None),
        ("某县财政局（本级）2017年明细账", Some("某县财政局（本级）")),
        ("某县人民政府办公室 2017年支出", Some("某县人民政府办公室")),
        ("单位：元", None),
        ("编制单位： 金额单位：元", None),
        ("", None),
    ] {
        assert_eq!(unit_in_title(title).as_deref(), unit, "{title}");
    }
}

#[test]
fn a_nameless_unit_is_asked_for_in_the_title_and_the_closing() {
    let years = [seed_year()];
    let settings = Settings::default();
    let nameless = DraftInput {
        department: "",
        ..input(&years, &settings)
    };
    let xml = document_xml(&build(&nameless).unwrap());
    let text = plain(&xml);
    assert!(text.starts_with("【请填写：单位名称】2017年度部门整体支出绩效自评报告"));
    assert!(
        text.ends_with("【请填写：单位名称】【请填写：日期】"),
        "{text}"
    );
    // The 落款 is right-aligned, the last two paragraphs of the body.
    let paragraphs = elements(&xml, "w:p");
    let closing: Vec<&&str> = paragraphs.iter().rev().take(2).collect();
    for p in closing {
        assert!(p.contains(r#"<w:jc w:val="right" />"#), "{p}");
        assert!(p.contains("w:highlight"), "{p}");
    }
}

/// The seed with September booked to 12 September, graded on that day.
fn september_12() -> GradedYear {
    let mut totals = seed_totals();
    totals.months_wan[8] = Some("8.2".parse().unwrap());
    crate::grade::grade_year_as_of(
        &totals,
        Rules::from_budget("322.95".parse().unwrap()),
        crate::dates::CalendarDate::new(2017, 9, 12),
    )
    .unwrap()
}

/// Issue 21, points 1 and 2: the month in progress is a row of the table,
/// never 差; the months ahead are a sentence in （三） — 月度分析's own — and the
/// measure in 四、.
#[test]
fn the_draft_says_the_month_in_progress_and_what_the_months_ahead_need() {
    let years = [september_12()];
    let settings = Settings::default();
    let xml = document_xml(&build(&input(&years, &settings)).unwrap());
    let text = plain(&xml);
    let table = tables(&xml)
        .into_iter()
        .find(|t| t[0].first().map(String::as_str) == Some("月份"))
        .unwrap();
    let september = table.iter().find(|r| r[0] == "九月").unwrap();
    assert_eq!(september[1..5], ["8.20", "—", "进行中", "—"]);
    assert!(
        september[5].starts_with("截至9月12日已支出8.20万元，本月再支出16.02万元可达优秀标准"),
        "{september:?}"
    );
    assert_eq!(table.last().unwrap()[1], "281.63", "the 合计 of 月度分析");
    assert!(text.contains(
        "2017年1—8月各月支出及绩效评定情况如下表（九月截至9月12日，尚在进行中，不评定）。"
    ));
    let year = &years[0];
    let ahead = crate::ahead::ahead(year).unwrap();
    let sentence = crate::analysis::outlook::ahead_sentence(year, &ahead);
    assert!(text.contains(&format!("3.{sentence}")), "{text}");
    let problems = &text[text.find("四、存在的问题和整改情况").unwrap()..];
    assert!(
        problems.contains("后续月份：为使全年支出达到预算收入322.95万元，剩余9—12月每月平均需支出10.33万元（每月支出达到优秀标准需24.22万元，低于及格标准16.15万元为差），其中九月截至2017年9月12日已支出8.20万元。整改措施：按此安排后续各月的支出计划，逐月跟踪预算执行进度。"),
        "{problems}"
    );
    // September is never 差, nor told to hurry.
    assert!(!problems.contains("九月支出8.20万元"), "{problems}");
    assert_eq!(text.matches("加快资金支出进度").count(), 4, "{text}");
}

/// Issue 21, point 2: the seed's months ahead in the draft, and a year past
/// its budget said as such, for the department to check.
#[test]
fn the_draft_plans_the_months_ahead_or_says_the_budget_is_spent() {
    let text = plain(&seed_document(&Settings::default()));
    assert!(text.contains(
        "3.全年预算收入322.95万元，截至2017年8月末累计支出273.43万元，尚余49.52万元；剩余9—12月共4个月，平均每月需支出12.38万元"
    ), "{text}");
    assert!(text.contains(
        "后续月份：为使全年支出达到预算收入322.95万元，剩余9—12月每月平均需支出12.38万元"
    ));
    let past = [year_of(&["200", "150"], "322.95")];
    let settings = Settings::default();
    let xml = document_xml(&build(&input(&past, &settings)).unwrap());
    let marked = runs_with(&xml, "已达到全年预算收入322.95万元");
    assert!(
        marked.iter().any(|run| run.contains("w:highlight")),
        "{marked:?}"
    );
    assert!(plain(&xml).contains("【请核对】后续月份：截至2017年2月末累计支出350.00万元"));
}

/// Issue 21, point 3: with the previous year, a month that changed much says
/// so in its 情况分析, and the 综合评价结论 sets the period beside the same
/// months of the year before.
#[test]
fn the_draft_compares_with_the_previous_year() {
    let mut year = seed_year();
    let mut previous = MonthlyTotals::new(2016);
    for (i, amount) in ["20", "4.4", "60", "59", "28", "27", "40", "23"]
        .iter()
        .enumerate()
    {
        previous.months_wan[i] = Some(amount.parse().unwrap());
    }
    year.previous = crate::year_on_year::PreviousYear::of(&previous);
    assert!(month_analysis(&year, &year.months[0])
        .ends_with("比上年同期20.00万元增加6.54万元，增长32.7%"));
    assert!(!month_analysis(&year, &year.months[1]).contains("上年同期"));
    let years = [year];
    let settings = Settings::default();
    let text = plain(&document_xml(&build(&input(&years, &settings)).unwrap()));
    assert!(text.contains("与上年同期相比，2017年1—8月支出273.43万元，上年同期261.40万元，增加12.03万元，增长4.6%。"), "{text}");
    // Without the previous year, not a word of it.
    assert!(!plain(&seed_document(&Settings::default())).contains("上年同期"));
}

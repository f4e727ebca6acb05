use super::*;
use crate::breakdown::execute;
use crate::checks::{code, Warning};
use crate::classify::{ItemId, ITEMS};
use crate::grade::grade_year;
use crate::rules::Rules;
use crate::settings::{DepartmentField, Place, Sourced};
use crate::totals::MonthlyTotals;
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

/// The seed's 2017: 322.95 万元 and January–August as the source report has them,
/// February wages and social security only, March mostly travel and office costs.
fn seed_year() -> GradedYear {
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
    grade_year(&totals, Rules::from_budget("322.95".parse().unwrap())).unwrap()
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
每月支出达到24.22万元（月均预算的90%）以上（含本数）的，绩效评定为优秀；\
达到21.53万元（80%）以上（含本数）的为良好；达到18.84万元（70%）以上（含本数）的为中等；\
达到16.15万元（60%）以上（含本数）的为及格；不足16.15万元的为差，应查找原因，加快资金支出进度。"
    ));
    assert!(text.contains("整改办法：评为优秀、良好的，保持；评为中等、及格的，查缺预防。"));
    assert!(!text.contains('>'), "the seed's > is not the rule");
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
            ["达到月均预算的90%", "24.22以上（含本数）", "优秀", "保持"],
            ["达到月均预算的80%", "21.53以上（含本数）", "良好", "保持"],
            [
                "达到月均预算的70%",
                "18.84以上（含本数）",
                "中等",
                "查缺预防"
            ],
            [
                "达到月均预算的60%",
                "16.15以上（含本数）",
                "及格",
                "查缺预防"
            ],
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
        assert_eq!(
            row[5],
            crate::analysis::month_note(&years[0], &years[0].months[i])
        );
    }
    assert_eq!(monthly[1][2], "98.6%");
    assert_eq!(monthly[2][4], "加快资金支出进度");
    assert_eq!(monthly[9][0], "合计");
    assert_eq!(monthly[9][1], "273.43");
    assert_eq!(monthly[9][5], "累计执行率84.7%，序时进度66.7%");
    let text = plain(&xml);
    assert!(text.contains(&format!(
        "综合评价结论：{}",
        crate::analysis::conclusion(&years[0])
    )));
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
    assert!(text.ends_with("七、其他需说明的情况无"), "{text}");
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
        "1.二月支出4.44万元，低于及格标准16.15万元，绩效评定为差。整改措施：应查找原因，加快资金支出进度。"
    ));
    assert!(!problems.contains("慢于序时进度") && !problems.contains("低于序时进度"));
    let warning = runs_with(&xml, "按元计算");
    assert!(warning[0].contains("w:highlight"));
    assert!(text.contains(&format!(
        "综合评价结论：{caveat}{}",
        crate::analysis::conclusion(&years[0])
    )));
}

#[test]
fn a_lagging_year_says_so_and_an_even_one_says_there_is_nothing() {
    // 20 万元 a month on 322.95: 中等 every month, 74.3% of 序时进度's pace.
    let lagging = [year_of(&["20"; 6], "322.95")];
    let settings = Settings::default();
    let text = plain(&document_xml(&build(&input(&lagging, &settings)).unwrap()));
    assert!(
        text.contains("截至2017年6月末，累计支出120.00万元，累计执行率37.2%，序时进度50.0%，累计执行率低于（滞后于）序时进度12.8个百分点。"),
        "{text}"
    );
    assert!(text.contains("绩效评定为中等，未达到良好标准21.53万元。整改措施：查缺预防。"));

    let even = [year_of(&["27"; 3], "322.95")];
    let text = plain(&document_xml(&build(&input(&even, &settings)).unwrap()));
    assert!(
        text.contains("2017年1—3月各月支出均达到及格标准16.15万元以上（含本数），累计执行率25.1%，不低于序时进度25.0%，未发现支出进度方面的问题。"),
        "{text}"
    );
    assert!(!text.contains("原因说明】"));
}

#[test]
fn a_breakdown_is_a_table_of_lines() {
    let years = [seed_year()];
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
    assert_eq!(table.last().unwrap()[..2], ["分项合计", "312.95"]);
    let text = plain(&xml);
    assert!(!text.contains("基本支出、项目支出各多少万元"));
    let check = runs_with(&xml, "分项预算合计 312.95 万元");
    assert!(check[0].contains("w:highlight"), "{}", check[0]);
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
        largest: vec![crate::report::check::UnclassifiedLine {
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

use super::*;

fn name(
    year: i32,
    code: Option<&str>,
    account: &str,
    summary: &str,
) -> (&'static str, &'static str) {
    let id = classify(year, code, account, summary);
    (category_name(id), item_name(id))
}

#[test]
fn codes_follow_the_2018_change() {
    assert_eq!(
        name(2017, Some("30104"), "", ""),
        ("工资福利支出", "社会保障缴费")
    );
    assert_eq!(
        name(2018, Some("30108"), "", ""),
        ("工资福利支出", "社会保障缴费")
    );
    assert_eq!(
        name(2018, Some("30112"), "", ""),
        ("工资福利支出", "社会保障缴费")
    );
    assert_eq!(
        name(2017, Some("30311"), "", ""),
        ("对个人和家庭的补助", "住房公积金（对个人和家庭的补助）")
    );
    assert_eq!(
        name(2018, Some("30311"), "", ""),
        ("对个人和家庭的补助", "代缴社会保险费")
    );
    assert_eq!(
        name(2018, Some("30113"), "", ""),
        ("工资福利支出", "住房公积金")
    );
    assert_eq!(
        name(2017, Some("30201"), "", ""),
        ("商品和服务支出", "办公费")
    );
    assert_eq!(
        name(2017, Some("30288"), "", ""),
        ("商品和服务支出", "其他商品和服务支出")
    );
}

#[test]
fn names_and_summaries_decide_without_codes() {
    assert_eq!(
        name(2017, Some("710101"), "行政支出-基本支出-差旅费", ""),
        ("商品和服务支出", "差旅费")
    );
    assert_eq!(
        name(2017, None, "", "报销下乡调研差旅费"),
        ("商品和服务支出", "差旅费")
    );
    assert_eq!(
        name(2017, None, "", "公务用车维修"),
        ("商品和服务支出", "公务用车运行维护费")
    );
    assert_eq!(
        name(2017, None, "", "购置办公设备"),
        ("资本性支出", "办公设备购置")
    );
    assert_eq!(
        name(2017, None, "", "缴纳本月住房公积金"),
        ("工资福利支出", "住房公积金")
    );
    assert_eq!(
        name(2017, None, "", "发放本月基本工资"),
        ("工资福利支出", "基本工资")
    );
    assert_eq!(name(2017, None, "杂项", "其他"), ("其他", "其他"));
}

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
    assert_eq!(
        name(2017, None, "杂项", "其他"),
        ("未归类支出", "未归类支出")
    );
}

fn item_of(text: &str) -> &'static str {
    item_name(classify(2018, None, "", text))
}

#[test]
fn the_catch_all_is_called_unclassified() {
    assert_eq!(item_name(OTHER), "未归类支出");
    assert_eq!(category_name(OTHER), "未归类支出");
    assert_eq!(category_code(OTHER), "");
    assert_eq!(item_of("杂项"), "未归类支出");
    assert_eq!(item_of(""), "未归类支出");
}

#[test]
fn known_misses_are_classified() {
    // 委托第三方审计 is 委托业务费, not 咨询 nor 未归类.
    assert_eq!(item_of("委托第三方审计"), "委托业务费");
    assert_eq!(item_of("支付会计师事务所审计费"), "委托业务费");
    assert_eq!(item_of("委托第三方开展绩效评价"), "委托业务费");
    // 宽带费 / 网络费 / 电话费 / 邮寄 are 邮电费.
    for text in [
        "宽带费",
        "缴纳3月宽带费",
        "网络费",
        "电话费",
        "邮寄材料",
        "通讯费",
        "快递费",
    ] {
        assert_eq!(item_of(text), "邮电费", "{text}");
    }
    // 保安 / 保洁 / 物业 are 物业管理费.
    for text in ["保安服务费", "保洁费", "支付物业公司物业费", "安保服务"] {
        assert_eq!(item_of(text), "物业管理费", "{text}");
    }
}

#[test]
fn every_item_of_the_classification_is_there() {
    // Every 款 of the 部门预算支出经济分类科目 (2018), by code and by name.
    let expected: &[(&str, &str)] = &[
        ("30101", "基本工资"),
        ("30102", "津贴补贴"),
        ("30103", "奖金"),
        ("30106", "伙食补助费"),
        ("30107", "绩效工资"),
        ("30108", "社会保障缴费"),
        ("30109", "社会保障缴费"),
        ("30110", "社会保障缴费"),
        ("30111", "社会保障缴费"),
        ("30112", "社会保障缴费"),
        ("30113", "住房公积金"),
        ("30114", "医疗费"),
        ("30199", "其他工资福利支出"),
        ("30201", "办公费"),
        ("30202", "印刷费"),
        ("30203", "咨询费"),
        ("30204", "手续费"),
        ("30205", "水费"),
        ("30206", "电费"),
        ("30207", "邮电费"),
        ("30208", "取暖费"),
        ("30209", "物业管理费"),
        ("30211", "差旅费"),
        ("30212", "因公出国（境）费用"),
        ("30213", "维修（护）费"),
        ("30214", "租赁费"),
        ("30215", "会议费"),
        ("30216", "培训费"),
        ("30217", "公务接待费"),
        ("30218", "专用材料费"),
        ("30224", "被装购置费"),
        ("30225", "专用燃料费"),
        ("30226", "劳务费"),
        ("30227", "委托业务费"),
        ("30228", "工会经费"),
        ("30229", "福利费"),
        ("30231", "公务用车运行维护费"),
        ("30239", "其他交通费用"),
        ("30240", "税金及附加费用"),
        ("30299", "其他商品和服务支出"),
        ("30301", "离休费"),
        ("30302", "退休费"),
        ("30303", "退职（役）费"),
        ("30304", "抚恤金"),
        ("30305", "生活补助"),
        ("30306", "救济费"),
        ("30307", "医疗费补助"),
        ("30308", "助学金"),
        ("30309", "奖励金"),
        ("30310", "个人农业生产补贴"),
        ("30311", "代缴社会保险费"),
        ("30399", "其他对个人和家庭的补助"),
        ("30701", "国内债务付息"),
        ("30702", "国外债务付息"),
        ("30703", "国内债务发行费用"),
        ("30704", "国外债务发行费用"),
        ("30902", "办公设备购置"),
        ("30999", "其他基本建设支出"),
        ("31001", "房屋建筑物购建"),
        ("31002", "办公设备购置"),
        ("31003", "专用设备购置"),
        ("31005", "基础设施建设"),
        ("31006", "大型修缮"),
        ("31007", "信息网络及软件购置更新"),
        ("31008", "物资储备"),
        ("31009", "土地补偿"),
        ("31010", "安置补助"),
        ("31011", "地上附着物和青苗补偿"),
        ("31012", "拆迁补偿"),
        ("31013", "公务用车购置"),
        ("31019", "其他交通工具购置"),
        ("31021", "文物和陈列品购置"),
        ("31022", "无形资产购置"),
        ("31099", "其他资本性支出"),
        ("39906", "赠与"),
        ("39907", "国家赔偿费用"),
        ("39908", "对民间非营利组织和群众性自治组织补贴"),
        ("39999", "其他支出"),
    ];
    for (code, item) in expected {
        let id = classify(2018, Some(code), "", "");
        assert_eq!(item_name(id), *item, "{code}");
        assert_eq!(category_code(id), &code[..3], "{code}");
        // Each name, as an account name, is its own item (309's repeat 310's).
        let by_name = classify(2018, None, item, "");
        assert_eq!(item_name(by_name), *item, "{item}");
    }
    // The item names are unique within a category, and every category has one.
    for (code, _) in CATEGORIES {
        assert!(ITEMS.iter().any(|i| i.category == code), "{code}");
    }
    // Before 2018: 30108 / 30109 (pensions) were 社会保障缴费 too; 30307 was 医疗费 (补助).
    assert_eq!(name(2017, Some("30108"), "", "").1, "社会保障缴费");
    assert_eq!(name(2017, Some("30307"), "", "").1, "医疗费补助");
}

#[test]
fn typical_words_of_each_item() {
    let cases: &[(&str, &str)] = &[
        ("发放岗位工资", "基本工资"),
        ("乡镇工作补贴", "津贴补贴"),
        ("年终奖", "奖金"),
        ("缴纳职工基本医疗保险", "社会保障缴费"),
        ("缴纳职业年金", "社会保障缴费"),
        ("公务员医疗补助缴费", "社会保障缴费"),
        ("发放奖励性绩效", "绩效工资"),
        ("公费医疗", "医疗费"),
        ("编外人员工资", "其他工资福利支出"),
        ("加班费", "其他工资福利支出"),
        ("购买打印纸硒鼓", "办公费"),
        ("订阅报刊", "办公费"),
        ("印制宣传册", "印刷费"),
        ("法律咨询", "咨询费"),
        ("银行手续费", "手续费"),
        ("自来水公司水费", "水费"),
        ("交电费", "电费"),
        ("取暖费", "取暖费"),
        ("冬季供暖", "取暖费"),
        ("报销出差住宿", "差旅费"),
        ("因公出国（境）费用", "因公出国（境）费用"),
        ("因公出国(境)费用", "因公出国（境）费用"),
        ("办公楼维修", "维修（护）费"),
        ("维修(护)费", "维修（护）费"),
        ("电脑维修", "维修（护）费"),
        ("复印机维修", "维修（护）费"),
        ("房租", "租赁费"),
        ("召开会议", "会议费"),
        ("业务培训", "培训费"),
        ("公务接待", "公务接待费"),
        ("专用材料", "专用材料费"),
        ("被装购置", "被装购置费"),
        ("购买制服", "被装购置费"),
        ("专用燃料", "专用燃料费"),
        ("支付临聘人员劳务费", "劳务费"),
        ("专家评审费", "劳务费"),
        ("委托业务费", "委托业务费"),
        ("拨付工会经费", "工会经费"),
        ("春节慰问困难职工", "福利费"),
        ("职工体检", "福利费"),
        ("公务用车加油", "公务用车运行维护费"),
        ("车辆保险", "公务用车运行维护费"),
        ("车辆维修费", "公务用车运行维护费"),
        ("公务交通补贴", "其他交通费用"),
        ("交通费", "其他交通费用"),
        ("印花税", "税金及附加费用"),
        ("其他商品和服务支出", "其他商品和服务支出"),
        ("离休费", "离休费"),
        ("退休金", "退休费"),
        ("抚恤金", "抚恤金"),
        ("丧葬费", "抚恤金"),
        ("遗属生活补助", "生活补助"),
        ("困难群众生活补贴", "生活补助"),
        ("医疗费补助", "医疗费补助"),
        ("助学金", "助学金"),
        ("独生子女父母奖励", "奖励金"),
        ("其他对个人和家庭的补助", "其他对个人和家庭的补助"),
        ("购买电脑", "办公设备购置"),
        ("购置打印机", "办公设备购置"),
        ("购买专用设备", "专用设备购置"),
        ("购买财务软件", "信息网络及软件购置更新"),
        ("购置公务用车", "公务用车购置"),
        ("其他资本性支出", "其他资本性支出"),
    ];
    for (text, item) in cases {
        assert_eq!(item_of(text), *item, "{text}");
    }
}

#[test]
fn words_that_used_to_match_falsely() {
    // A heading of the category is no item of it: 工资福利支出 is not 基本工资.
    assert_eq!(
        guess_account(2017, None, "工资福利支出"),
        Guess::Category("301")
    );
    assert_eq!(
        name(2017, None, "工资福利支出", ""),
        ("工资福利支出", "其他工资福利支出")
    );
    // The heading takes its item from the 摘要, when of its category.
    assert_eq!(
        name(2017, None, "行政支出-工资福利支出", "发放1月基本工资"),
        ("工资福利支出", "基本工资")
    );
    assert_eq!(
        name(2017, None, "工资福利支出", "购买办公用品"),
        ("工资福利支出", "其他工资福利支出")
    );
    assert_eq!(
        name(2017, None, "商品和服务支出", "报销差旅费"),
        ("商品和服务支出", "差旅费")
    );
    assert_eq!(
        name(2017, Some("302"), "", "报销差旅费"),
        ("商品和服务支出", "差旅费")
    );
    // 补贴 in 生活补贴 / 交通补贴 / 农业生产补贴 is not 津贴补贴.
    assert_eq!(item_of("生活补贴"), "生活补助");
    assert_eq!(item_of("发放公务交通补贴"), "其他交通费用");
    assert_eq!(item_of("个人农业生产补贴"), "个人农业生产补贴");
    assert_eq!(item_of("发放岗位津贴补贴"), "津贴补贴");
    // 工资 in 绩效工资 / 退休工资 / 编外人员工资 is not 基本工资.
    assert_eq!(item_of("发放绩效工资"), "绩效工资");
    assert_eq!(item_of("退休工资"), "退休费");
    // A device named with what was done to it or put in it.
    assert_eq!(item_of("打印机硒鼓"), "办公费");
    assert_eq!(item_of("公务用车维修"), "公务用车运行维护费");
    assert_eq!(item_of("购买公务用车"), "公务用车购置");
    // 医疗费补助 (303) is not 医疗费 (301) nor 社会保障缴费.
    assert_eq!(item_of("医疗费补助"), "医疗费补助");
    // 会议材料 is no 专用材料费.
    assert_eq!(item_of("会议材料费"), "会议费");
    // 代缴社会保险 (303) is not 社会保障缴费 (301).
    assert_eq!(item_of("代缴社会保险费"), "代缴社会保险费");
    assert_eq!(item_of("其他工资福利支出"), "其他工资福利支出");
}

#[test]
fn own_classification_from_a_column_or_auxiliary_text() {
    let own = |text: &str| own_classification(2017, text).map(item_name);
    assert_eq!(own("30201 办公费"), Some("办公费"));
    assert_eq!(own("30201"), Some("办公费"));
    assert_eq!(own("办公费"), Some("办公费"));
    assert_eq!(own("[30211]差旅费"), Some("差旅费"));
    assert_eq!(own("3021101 差旅费"), Some("差旅费"));
    assert_eq!(own("30201:办公费"), Some("办公费"));
    assert_eq!(own("维修（护）费"), Some("维修（护）费"));
    assert_eq!(own("302 商品和服务支出"), Some("其他商品和服务支出"));
    // 辅助核算: the 经济分类 part, whatever comes around it.
    assert_eq!(own("经济分类:30201 办公费"), Some("办公费"));
    assert_eq!(
        own("部门:办公室;经济分类:30211 差旅费;项目:日常运转"),
        Some("差旅费")
    );
    assert_eq!(
        own("部门：办公室；支出经济分类：30213 维修（护）费；项目：公务用车"),
        Some("维修（护）费")
    );
    assert_eq!(
        own("部门:办公室 经济分类:30215 会议费 项目:培训中心"),
        Some("会议费")
    );
    assert_eq!(
        own("【经济分类】30217公务接待费【部门】办公室"),
        Some("公务接待费")
    );
    assert_eq!(own("部门经济分类=30228 工会经费"), Some("工会经费"));
    assert_eq!(
        own("【部门:办公室】【经济分类:办公费】【项目:日常】"),
        Some("办公费")
    );
    assert_eq!(own("部门:办公室/经济分类:差旅费/项目:培训"), Some("差旅费"));
    assert_eq!(own("经济分类:[30211]差旅费"), Some("差旅费"));
    // The code wins over a name that disagrees; the name refines a category.
    assert_eq!(own("经济分类：30201 差旅费"), Some("办公费"));
    // Other dimensions only, or nothing economic: no classification.
    assert_eq!(own("部门:办公室;项目:差旅"), None);
    assert_eq!(own(""), None);
    assert_eq!(own("办公室"), None);
    assert_eq!(own("2010101 行政运行"), None);
    // The year decides the codes.
    assert_eq!(
        own_classification(2018, "30311 代缴社会保险费").map(item_name),
        Some("代缴社会保险费")
    );
    assert_eq!(
        own_classification(2017, "30311").map(item_name),
        Some("住房公积金（对个人和家庭的补助）")
    );
}

#[test]
fn reversals_and_the_vouchers_they_name() {
    let voucher = |text: &str| reversal_in(text).and_then(|r| r.voucher);
    assert!(reversal_in("报销差旅费").is_none());
    assert!(reversal_in("红字冲销").is_some());
    assert_eq!(voucher("红字冲销"), None);
    for text in ["冲销", "冲回", "红冲", "冲减", "退回"] {
        assert!(reversal_in(&format!("{text}多付款项")).is_some(), "{text}");
    }
    let number = |n: u32| {
        Some(VoucherRef {
            year: None,
            month: None,
            number: n,
        })
    };
    assert_eq!(voucher("冲销 记-12 号凭证"), number(12));
    assert_eq!(voucher("冲销记－0012号凭证"), number(12));
    assert_eq!(voucher("红冲第15号凭证"), number(15));
    assert_eq!(voucher("冲销凭证号 7"), number(7));
    assert_eq!(voucher("冲回１２号凭证"), number(12));
    assert_eq!(
        voucher("冲回3月记-5"),
        Some(VoucherRef {
            year: None,
            month: Some(3),
            number: 5
        })
    );
    assert_eq!(
        voucher("冲销2017年3月5日记12号凭证"),
        Some(VoucherRef {
            year: Some(2017),
            month: Some(3),
            number: 12
        })
    );
    // Days, amounts and months are no voucher numbers.
    assert_eq!(voucher("冲减3月5号多付电费"), None);
    assert_eq!(voucher("冲销多付1200元"), None);
    assert_eq!(voucher("冲销2017-03-15多付"), None);
    // A voucher cell's number.
    assert_eq!(voucher_number("记-0012"), Some(12));
    assert_eq!(voucher_number("记字第12号"), Some(12));
    assert_eq!(voucher_number("12"), Some(12));
    assert_eq!(voucher_number("2017-03-记12"), Some(12));
    assert_eq!(voucher_number("记"), None);
}

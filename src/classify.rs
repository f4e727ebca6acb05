//! Economic classification (支出经济分类) of a spending line: its category
//! (工资福利支出 301, 商品和服务支出 302 …) and item (基本工资, 办公费 …).
//!
//! The ledger's own classification comes first: a 经济分类 column, or the
//! 经济分类 part of a 辅助核算 text (`部门:办公室;经济分类:30211 差旅费`), read
//! by [`own_classification`]. Without one, a line is classified from the
//! account code when it is an economic code (30201), else from the account
//! name, else from the 摘要 ([`classify`]). A name or code that only gives the
//! category (`工资福利支出`, `302`) takes the 摘要's item when it is of that
//! category, else the category's own catch-all (其他工资福利支出 …).
//!
//! The codes changed in 2018: 社会保障缴费 was 30104 (and 30108–30109 for the
//! pensions of 2015–2017), then 30108–30112; 住房公积金 was 30311 (under 303),
//! then 30113; 医疗费 became 30114 under 301, and 303's 30307 医疗费 became
//! 医疗费补助. A line that matches nothing is 未归类支出 ([`OTHER`]), still
//! counted, and listed in 数据检查.
//!
//! An account named exactly as a 款 of the classification ([`kuan`]: the
//! 部门预算 list from 2018, its older names, the 政府预算 list) is of that 款's
//! category even when no item's word is in its name (`其他对事业单位补助`).

pub mod kuan;

/// An item of the classification, by index into [`ITEMS`].
pub type ItemId = u16;

/// One item: its name, category code, codes before and from 2018, and words that name it.
pub struct Item {
    /// The item's name (基本工资).
    pub name: &'static str,
    /// The category code (301).
    pub category: &'static str,
    /// Codes used up to 2017.
    pub codes_before_2018: &'static [&'static str],
    /// Codes used from 2018.
    pub codes_from_2018: &'static [&'static str],
    /// Words in account names or 摘要 that name the item; the longest word
    /// found in a text decides.
    pub words: &'static [&'static str],
    /// Words that name the item only when no other item's word (nor a
    /// category's) is in the text: things bought (电脑, 打印机) that a line may
    /// as well repair or feed (电脑维修, 打印机硒鼓).
    pub weak_words: &'static [&'static str],
}

const fn item(
    name: &'static str,
    category: &'static str,
    codes_before_2018: &'static [&'static str],
    codes_from_2018: &'static [&'static str],
    words: &'static [&'static str],
) -> Item {
    Item {
        name,
        category,
        codes_before_2018,
        codes_from_2018,
        words,
        weak_words: &[],
    }
}

impl Item {
    const fn weak(self, weak_words: &'static [&'static str]) -> Item {
        Item { weak_words, ..self }
    }
}

/// The categories (类) of expenditure, by code.
pub const CATEGORIES: [(&str, &str); 7] = [
    ("301", "工资福利支出"),
    ("302", "商品和服务支出"),
    ("303", "对个人和家庭的补助"),
    ("307", "债务利息及费用支出"),
    ("309", "资本性支出（基本建设）"),
    ("310", "资本性支出"),
    ("399", "其他支出"),
];

/// Words that name a category but no item of it (a heading such as
/// `工资福利支出`): the line takes the category, and its item from the 摘要.
/// Longer than the item words they contain (工资), so a heading is never
/// taken for one of its items.
const CATEGORY_WORDS: [(&str, &str); 13] = [
    ("301", "工资福利支出"),
    ("301", "工资福利"),
    ("302", "商品和服务支出"),
    ("302", "商品服务支出"),
    ("302", "商品和服务"),
    ("303", "对个人和家庭的补助"),
    ("303", "对个人和家庭补助"),
    ("307", "债务利息及费用支出"),
    ("307", "债务利息"),
    ("309", "资本性支出（基本建设）"),
    ("309", "基本建设支出"),
    ("310", "资本性支出"),
    ("310", "资本性"),
];

/// The items (款) jixiao names, category by category in the order of the
/// 部门预算支出经济分类科目; the last one, 未归类支出, takes what matches nothing.
/// Where 309 (基本建设) repeats an item of 310, the 310 item comes first and
/// the 309 one is found by its code only.
pub const ITEMS: &[Item] = &[
    // 301 工资福利支出
    item(
        "基本工资",
        "301",
        &["30101"],
        &["30101"],
        &["基本工资", "岗位工资", "薪级工资", "工资"],
    ),
    item(
        "津贴补贴",
        "301",
        &["30102"],
        &["30102"],
        &["津贴补贴", "津贴", "补贴"],
    ),
    item(
        "奖金",
        "301",
        &["30103"],
        &["30103"],
        &["奖金", "年终一次性奖", "年终奖"],
    ),
    item(
        "社会保障缴费",
        "301",
        &["30104", "30108", "30109"],
        &["30108", "30109", "30110", "30111", "30112"],
        &[
            "社会保障缴费",
            "社会保障",
            "社会保险",
            "社保",
            "养老保险",
            "医疗保险",
            "医保",
            "失业保险",
            "工伤保险",
            "生育保险",
            "职业年金",
            "公务员医疗补助",
        ],
    ),
    item(
        "伙食补助费",
        "301",
        &["30106"],
        &["30106"],
        &["伙食补助费", "伙食补助"],
    ),
    item(
        "绩效工资",
        "301",
        &["30107"],
        &["30107"],
        &["绩效工资", "绩效奖", "奖励性绩效", "基础性绩效"],
    ),
    item(
        "住房公积金",
        "301",
        &[],
        &["30113"],
        &["住房公积金", "公积金"],
    ),
    item("医疗费", "301", &[], &["30114"], &["医疗费", "公费医疗"]),
    item(
        "其他工资福利支出",
        "301",
        &["30199"],
        &["30199"],
        &[
            "其他工资福利",
            "编外人员",
            "编外",
            "编制外人员",
            "编制外",
            "长期聘用",
            "加班工资",
            "加班费",
        ],
    ),
    // 302 商品和服务支出
    item(
        "办公费",
        "302",
        &["30201"],
        &["30201"],
        &[
            "办公费",
            "办公用品",
            "办公经费",
            "办公耗材",
            "打印纸",
            "复印纸",
            "硒鼓",
            "墨盒",
            "碳粉",
            "文具",
            "报刊",
            "书报",
            "杂志",
            "订阅",
        ],
    ),
    item(
        "印刷费",
        "302",
        &["30202"],
        &["30202"],
        &["印刷费", "印刷", "印制", "复印费", "装订"],
    ),
    item("咨询费", "302", &["30203"], &["30203"], &["咨询费", "咨询"]),
    item(
        "手续费",
        "302",
        &["30204"],
        &["30204"],
        &["手续费", "汇费", "转账费"],
    ),
    item(
        "水费",
        "302",
        &["30205"],
        &["30205"],
        &["水费", "自来水", "污水处理费"],
    ),
    item("电费", "302", &["30206"], &["30206"], &["电费"]),
    item(
        "邮电费",
        "302",
        &["30207"],
        &["30207"],
        &[
            "邮电费",
            "电话费",
            "话费",
            "通讯费",
            "通信费",
            "网络费",
            "网费",
            "宽带",
            "上网费",
            "光纤",
            "专线",
            "邮寄",
            "邮费",
            "邮资",
            "快递",
        ],
    ),
    item(
        "取暖费",
        "302",
        &["30208"],
        &["30208"],
        &["取暖费", "取暖", "供暖", "采暖", "暖气", "供热"],
    ),
    item(
        "物业管理费",
        "302",
        &["30209"],
        &["30209"],
        &[
            "物业管理费",
            "物业费",
            "物业",
            "保安",
            "安保",
            "保洁",
            "清洁费",
            "绿化",
        ],
    ),
    item(
        "差旅费",
        "302",
        &["30211"],
        &["30211"],
        &[
            "差旅费",
            "差旅",
            "出差",
            "下乡",
            "城市间交通费",
            "出差伙食补助",
            "机票",
            "火车票",
            "高铁票",
            "动车票",
        ],
    ),
    item(
        "因公出国（境）费用",
        "302",
        &["30212"],
        &["30212"],
        &[
            "因公出国（境）",
            "因公出国(境)",
            "因公出国",
            "因公出境",
            "出国",
            "出境",
        ],
    ),
    item(
        "维修（护）费",
        "302",
        &["30213"],
        &["30213"],
        &[
            "维修（护）费",
            "维修(护)费",
            "维修",
            "维护",
            "修缮",
            "修理",
            "维保",
            "检修",
        ],
    ),
    item(
        "租赁费",
        "302",
        &["30214"],
        &["30214"],
        &["租赁费", "租赁", "房租", "租金", "租用"],
    ),
    item(
        "会议费",
        "302",
        &["30215"],
        &["30215"],
        &["会议费", "会议", "会务"],
    ),
    item(
        "培训费",
        "302",
        &["30216"],
        &["30216"],
        &["培训费", "培训", "轮训"],
    ),
    item(
        "公务接待费",
        "302",
        &["30217"],
        &["30217"],
        &["公务接待费", "公务接待", "接待", "招待"],
    ),
    item(
        "专用材料费",
        "302",
        &["30218"],
        &["30218"],
        &["专用材料", "药品", "试剂"],
    ),
    item(
        "被装购置费",
        "302",
        &["30224"],
        &["30224"],
        &["被装购置", "被装", "制服", "服装"],
    ),
    item("专用燃料费", "302", &["30225"], &["30225"], &["专用燃料"]),
    item(
        "劳务费",
        "302",
        &["30226"],
        &["30226"],
        &[
            "劳务费",
            "劳务",
            "临时聘用",
            "临聘人员",
            "临聘",
            "钟点工",
            "稿费",
            "翻译费",
            "评审费",
            "专家费",
        ],
    ),
    item(
        "委托业务费",
        "302",
        &["30227"],
        &["30227"],
        &[
            "委托业务",
            "委托",
            "第三方",
            "审计费",
            "购买服务",
            "外包",
            "评估费",
            "检测费",
            "鉴定费",
            "测绘",
        ],
    ),
    item(
        "工会经费",
        "302",
        &["30228"],
        &["30228"],
        &["工会经费", "工会"],
    ),
    item(
        "福利费",
        "302",
        &["30229"],
        &["30229"],
        &["福利费", "困难补助", "慰问", "体检"],
    ),
    item(
        "公务用车运行维护费",
        "302",
        &["30231"],
        &["30231"],
        &[
            "公务用车运行维护费",
            "公务用车",
            "公车",
            "车辆",
            "车辆维修",
            "车辆保养",
            "车辆保险",
            "加油",
            "油费",
            "燃油",
            "汽油",
            "柴油",
            "过路",
            "过桥",
            "停车费",
            "洗车",
        ],
    ),
    item(
        "其他交通费用",
        "302",
        &["30239"],
        &["30239"],
        &[
            "其他交通费",
            "交通费",
            "交通补贴",
            "公务交通补贴",
            "出租车",
            "打车",
        ],
    ),
    item(
        "税金及附加费用",
        "302",
        &["30240"],
        &["30240"],
        &[
            "税金及附加",
            "税金",
            "印花税",
            "车船税",
            "房产税",
            "土地使用税",
        ],
    ),
    item(
        "其他商品和服务支出",
        "302",
        &["30299"],
        &["30299"],
        &["其他商品和服务", "其他商品服务"],
    ),
    // 303 对个人和家庭的补助
    item("离休费", "303", &["30301"], &["30301"], &["离休费", "离休"]),
    item(
        "退休费",
        "303",
        &["30302"],
        &["30302"],
        &["退休费", "退休金", "退休工资"],
    ),
    item(
        "退职（役）费",
        "303",
        &["30303"],
        &["30303"],
        &["退职", "退役"],
    ),
    item("抚恤金", "303", &["30304"], &["30304"], &["抚恤", "丧葬"]),
    item(
        "生活补助",
        "303",
        &["30305"],
        &["30305"],
        &["生活补助", "生活补贴", "遗属"],
    ),
    item("救济费", "303", &["30306"], &["30306"], &["救济"]),
    item(
        "医疗费补助",
        "303",
        &["30307"],
        &["30307"],
        &["医疗费补助", "医疗补助"],
    ),
    item(
        "助学金",
        "303",
        &["30308"],
        &["30308"],
        &["助学金", "奖学金", "助学"],
    ),
    item(
        "奖励金",
        "303",
        &["30309"],
        &["30309"],
        &["奖励金", "独生子女"],
    ),
    item(
        "个人农业生产补贴",
        "303",
        &["30310"],
        &["30310"],
        &["农业生产补贴", "生产补贴"],
    ),
    item(
        "住房公积金（对个人和家庭的补助）",
        "303",
        &["30311"],
        &[],
        &[],
    ),
    item("代缴社会保险费", "303", &[], &["30311"], &["代缴社会保险"]),
    item(
        "其他对个人和家庭的补助",
        "303",
        &["30399"],
        &["30399"],
        &["其他对个人和家庭", "提租补贴", "购房补贴"],
    ),
    // 307 债务利息及费用支出
    item(
        "国内债务付息",
        "307",
        &["30701"],
        &["30701"],
        &["国内债务付息", "债务付息"],
    ),
    item(
        "国外债务付息",
        "307",
        &["30702"],
        &["30702"],
        &["国外债务付息"],
    ),
    item(
        "国内债务发行费用",
        "307",
        &["30703"],
        &["30703"],
        &["国内债务发行"],
    ),
    item(
        "国外债务发行费用",
        "307",
        &["30704"],
        &["30704"],
        &["国外债务发行"],
    ),
    // 310 资本性支出
    item(
        "房屋建筑物购建",
        "310",
        &["31001"],
        &["31001"],
        &["房屋建筑物购建", "房屋建筑物", "房屋购建"],
    ),
    item(
        "办公设备购置",
        "310",
        &["31002"],
        &["31002"],
        &["办公设备购置", "办公设备"],
    )
    .weak(&[
        "电脑",
        "计算机",
        "笔记本",
        "打印机",
        "复印机",
        "扫描仪",
        "传真机",
        "投影仪",
        "空调",
        "办公桌椅",
        "办公家具",
        "文件柜",
    ]),
    item("专用设备购置", "310", &["31003"], &["31003"], &["专用设备"]),
    item("基础设施建设", "310", &["31005"], &["31005"], &["基础设施"]),
    item("大型修缮", "310", &["31006"], &["31006"], &["大型修缮"]),
    item(
        "信息网络及软件购置更新",
        "310",
        &["31007"],
        &["31007"],
        &["信息网络及软件", "信息网络", "软件"],
    ),
    item("物资储备", "310", &["31008"], &["31008"], &["物资储备"]),
    item(
        "土地补偿",
        "310",
        &["31009"],
        &["31009"],
        &["土地补偿", "土地征迁"],
    ),
    item("安置补助", "310", &["31010"], &["31010"], &["安置补助"]),
    item(
        "地上附着物和青苗补偿",
        "310",
        &["31011"],
        &["31011"],
        &["地上附着物", "青苗补偿"],
    ),
    item("拆迁补偿", "310", &["31012"], &["31012"], &["拆迁补偿"]),
    item(
        "公务用车购置",
        "310",
        &["31013"],
        &["31013"],
        &[
            "公务用车购置",
            "购置公务用车",
            "购买公务用车",
            "购置车辆",
            "购买车辆",
            "车辆购置",
        ],
    ),
    item(
        "其他交通工具购置",
        "310",
        &["31019"],
        &["31019"],
        &["其他交通工具购置", "交通工具购置"],
    ),
    item(
        "文物和陈列品购置",
        "310",
        &["31021"],
        &["31021"],
        &["文物和陈列品", "陈列品"],
    ),
    item("无形资产购置", "310", &["31022"], &["31022"], &["无形资产"]),
    item(
        "其他资本性支出",
        "310",
        &["31099"],
        &["31099"],
        &["其他资本性"],
    ),
    // 309 资本性支出（基本建设）: the same items as 310, by code.
    item("房屋建筑物购建", "309", &["30901"], &["30901"], &[]),
    item("办公设备购置", "309", &["30902"], &["30902"], &[]),
    item("专用设备购置", "309", &["30903"], &["30903"], &[]),
    item("基础设施建设", "309", &["30905"], &["30905"], &[]),
    item("大型修缮", "309", &["30906"], &["30906"], &[]),
    item("信息网络及软件购置更新", "309", &["30907"], &["30907"], &[]),
    item("物资储备", "309", &["30908"], &["30908"], &[]),
    item("公务用车购置", "309", &["30913"], &["30913"], &[]),
    item("其他交通工具购置", "309", &["30919"], &["30919"], &[]),
    item("文物和陈列品购置", "309", &["30921"], &["30921"], &[]),
    item("无形资产购置", "309", &["30922"], &["30922"], &[]),
    item(
        "其他基本建设支出",
        "309",
        &["30999"],
        &["30999"],
        &["其他基本建设"],
    ),
    // 399 其他支出
    item(
        "赠与",
        "399",
        &["39906"],
        &["39906", "39909", "39910"],
        &["赠与", "经常性赠与", "资本性赠与"],
    ),
    item("国家赔偿费用", "399", &["39907"], &["39907"], &["国家赔偿"]),
    item(
        "对民间非营利组织和群众性自治组织补贴",
        "399",
        &["39908"],
        &["39908"],
        &["对民间非营利组织", "群众性自治组织"],
    ),
    item("其他支出", "399", &["39999"], &["39999"], &["其他支出"]),
    item(UNCLASSIFIED, "", &[], &[], &[]),
];

/// What jixiao calls a line it could not classify.
pub const UNCLASSIFIED: &str = "未归类支出";

/// The item that takes what matches nothing: 未归类支出.
pub const OTHER: ItemId = (ITEMS.len() - 1) as ItemId;

/// The item's name.
pub fn item_name(id: ItemId) -> &'static str {
    ITEMS
        .get(id as usize)
        .map_or(UNCLASSIFIED, |item| item.name)
}

/// The item's category name (工资福利支出 …), or 未归类支出.
pub fn category_name(id: ItemId) -> &'static str {
    let code = ITEMS.get(id as usize).map_or("", |item| item.category);
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(UNCLASSIFIED, |(_, name)| name)
}

/// The item's category code (301 …), empty for 未归类支出.
pub fn category_code(id: ItemId) -> &'static str {
    ITEMS.get(id as usize).map_or("", |item| item.category)
}

/// What a code, a name or a text says of a line's classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// An item.
    Item(ItemId),
    /// A category only (its code: `301`), from a 3-digit code, a code the
    /// table does not know (30288), or a heading (`工资福利支出`).
    Category(&'static str),
    /// Nothing.
    Nothing,
}

/// Classifies a line of `year` by its account code, then the account name, then the 摘要.
pub fn classify(year: i32, code: Option<&str>, account_name: &str, summary: &str) -> ItemId {
    settle(guess_account(year, code, account_name), || {
        guess_text(summary)
    })
}

/// What an account says: its code when it is an economic code, else its
/// name's last part (`行政支出-基本支出-差旅费`), else the whole name. A code
/// that gives only the category takes the name's item when it is of that
/// category.
pub fn guess_account(year: i32, code: Option<&str>, name: &str) -> Guess {
    let by_code = code.map_or(Guess::Nothing, |code| by_code(year, code));
    if let Guess::Item(_) = by_code {
        return by_code;
    }
    let last = name
        .rsplit(['-', '/', '_', '\\', '—'])
        .next()
        .unwrap_or(name);
    let by_last = by_name(last);
    let by_name = match by_last {
        Guess::Item(_) => by_last,
        _ => match by_name(name) {
            Guess::Nothing => by_last,
            found => found,
        },
    };
    // A 款 named exactly: its category, and the words' item only when of it.
    let by_name = match kuan::category_of_name(last).or_else(|| kuan::category_of_name(name)) {
        Some(category) => match by_name {
            Guess::Item(item) if category_code(item) == category => by_name,
            _ => Guess::Category(category),
        },
        None => by_name,
    };
    combine(by_code, by_name)
}

/// A code's guess with a name's: the code's item, else the name's item when
/// it is of the code's category (or the code says nothing), else the code's category.
fn combine(by_code: Guess, by_name: Guess) -> Guess {
    match (by_code, by_name) {
        (Guess::Item(_), _) => by_code,
        (Guess::Category(category), Guess::Item(item)) if category_code(item) == category => {
            by_name
        }
        (Guess::Category(_), _) => by_code,
        (Guess::Nothing, _) => by_name,
    }
}

/// What a text (a 摘要) says by its words.
pub fn guess_text(text: &str) -> Guess {
    by_name(text)
}

/// The item from what the account says, refined by `then` (the 摘要) when
/// the account gives no item: the 摘要's item when the account gives nothing
/// or the same category, else the category's catch-all; 未归类支出 when
/// neither says anything.
pub fn settle(first: Guess, then: impl FnOnce() -> Guess) -> ItemId {
    match first {
        Guess::Item(item) => item,
        Guess::Category(category) => match then() {
            Guess::Item(item) if category_code(item) == category => item,
            _ => catch_all(category),
        },
        Guess::Nothing => match then() {
            Guess::Item(item) => item,
            Guess::Category(category) => catch_all(category),
            Guess::Nothing => OTHER,
        },
    }
}

/// The ledger's own classification of a line, from a 经济分类 column
/// (`30201 办公费`, `30201`, `办公费`) or a 辅助核算 text
/// (`部门:办公室;经济分类:30211 差旅费;项目:…`, with `:` or `：`). `None` when
/// the text names no item nor category (a 辅助核算 of other dimensions only).
pub fn own_classification(year: i32, text: &str) -> Option<ItemId> {
    let part = economic_part(text)?;
    let code = economic_code(part);
    let by_code = code.map_or(Guess::Nothing, |code| by_code(year, code));
    let name: String = part
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect::<String>()
        .trim_matches(|c: char| c.is_whitespace() || "[]【】()（）-_:：.、".contains(c))
        .to_string();
    // The name as the classification writes it (办公费), else by its words.
    let by_name = match ITEMS
        .iter()
        .position(|item| !item.category.is_empty() && item.name == name)
    {
        Some(position) => Guess::Item(position as ItemId),
        None => by_name(&name),
    };
    let guess = combine(by_code, by_name);
    let item = settle(guess, || Guess::Nothing);
    (item != OTHER).then_some(item)
}

/// Labels of the economic part of a 辅助核算 text.
const ECONOMIC_LABELS: [&str; 2] = ["经济分类", "经济科目"];

/// The economic part of a classification cell: the value labelled 经济分类
/// (`…;经济分类:30211 差旅费;…`), else the whole text when it has no labels.
fn economic_part(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let labelled = |c: char| matches!(c, ':' | '：' | '=' | '】' | ']');
    let Some(at) = ECONOMIC_LABELS.iter().filter_map(|l| text.find(l)).min() else {
        // Other dimensions only (部门:办公室;项目:…): nothing economic. A
        // colon after a code (`30201:办公费`) is no label.
        let other_labels = text.char_indices().any(|(at, c)| {
            matches!(c, ':' | '：' | '=')
                && text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|before| !before.is_ascii_digit())
        });
        return (!other_labels).then_some(text);
    };
    let after = &text[at..];
    let Some(colon) = after.find(labelled) else {
        // `经济分类 30201 办公费`: the label then the value.
        return Some(after);
    };
    let value = &after[colon..];
    let value = value
        .char_indices()
        .nth(1)
        .map_or("", |(start, _)| &value[start..]);
    // The value runs to the next field: a separator (a bracket that closes
    // `【经济分类:30201 办公费】`, not one that opens `[30201]办公费`), or the
    // next `标签:`.
    let mut end = value
        .char_indices()
        .find(|&(at, c)| {
            matches!(c, ';' | '；' | '|' | '\n' | '\r' | ',' | '，' | '、' | '/')
                || (at > 0 && matches!(c, '】' | '【' | ']'))
        })
        .map_or(value.len(), |(at, _)| at);
    if let Some(next_label) = value[..end].find([':', '：', '=']) {
        end = value[..next_label]
            .rfind(|c: char| c.is_whitespace())
            .unwrap_or(next_label);
    }
    let value = value[..end].trim();
    (!value.is_empty()).then_some(value)
}

/// An economic code in a text: a run of 3 or 5–9 digits starting with 3
/// (`302`, `30201`, `3020101`), not part of a longer number.
fn economic_code(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |n| start + n);
        let run = &text[start..end];
        if run.starts_with('3') && (run.len() == 3 || (5..=9).contains(&run.len())) {
            return Some(run);
        }
        start = end;
    }
    None
}

/// An economic code: 5 digits (30201, or longer: 3020101), or a category's
/// 3 digits. A code the table does not know gives its category.
fn by_code(year: i32, code: &str) -> Guess {
    if !code.starts_with('3') {
        return Guess::Nothing;
    }
    let key = code.get(..5).unwrap_or(code);
    let found = ITEMS.iter().position(|item| {
        let codes = if year >= 2018 {
            item.codes_from_2018
        } else {
            item.codes_before_2018
        };
        codes.contains(&key)
    });
    if let Some(position) = found {
        return Guess::Item(position as ItemId);
    }
    code.get(..3)
        .and_then(|prefix| CATEGORIES.iter().find(|(c, _)| *c == prefix))
        .map_or(Guess::Nothing, |(code, _)| Guess::Category(code))
}

/// A category's catch-all (its xxx99 item), or 未归类支出 when it has none (307).
fn catch_all(category: &str) -> ItemId {
    ITEMS
        .iter()
        .position(|item| {
            item.category == category && item.codes_from_2018.iter().any(|c| c.ends_with("99"))
        })
        .map_or(OTHER, |position| position as ItemId)
}

/// The item whose longest word appears in the text; a category heading longer
/// than any item word gives the category; weak words count last.
fn by_name(text: &str) -> Guess {
    if text.is_empty() {
        return Guess::Nothing;
    }
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let longest = |words: &dyn Fn(&'static Item) -> &'static [&'static str]| {
        ITEMS
            .iter()
            .enumerate()
            .flat_map(|(position, item)| words(item).iter().map(move |word| (position, *word)))
            .filter(|(_, word)| text.contains(word))
            .max_by_key(|(position, word)| (word.chars().count(), std::cmp::Reverse(*position)))
    };
    let strong = longest(&|item| item.words);
    let heading = CATEGORY_WORDS
        .iter()
        .filter(|(_, word)| text.contains(word))
        .max_by_key(|(_, word)| word.chars().count());
    match (strong, heading) {
        (Some((_, word)), Some((category, heading)))
            if heading.chars().count() > word.chars().count() =>
        {
            Guess::Category(category)
        }
        (Some((position, _)), _) => Guess::Item(position as ItemId),
        (None, Some((category, _))) => Guess::Category(category),
        (None, None) => longest(&|item| item.weak_words).map_or(Guess::Nothing, |(position, _)| {
            Guess::Item(position as ItemId)
        }),
    }
}

/// What a red reversal's 摘要 says: that the line reverses an earlier one, and
/// the voucher it names, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reversal {
    /// The voucher named (`冲销 记-12 号凭证`, `冲回3月记-5`).
    pub voucher: Option<VoucherRef>,
}

/// A voucher a 摘要 names: its number, and the year and month when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoucherRef {
    /// The year written before it (`2017年3月记-12`).
    pub year: Option<i32>,
    /// The month written before it (`3月记-12`).
    pub month: Option<u32>,
    /// The voucher's number (12 of `记-0012`).
    pub number: u32,
}

/// Words of a 摘要 that say a line reverses an earlier one.
const REVERSAL_WORDS: [&str; 9] = [
    "冲销", "冲回", "红冲", "冲红", "冲减", "冲账", "冲正", "红字", "退回",
];

/// The reversal a 摘要 states (`红字冲销…`, `冲回记-12号凭证`), if any.
pub fn reversal_in(summary: &str) -> Option<Reversal> {
    if !REVERSAL_WORDS.iter().any(|w| summary.contains(w)) {
        return None;
    }
    Some(Reversal {
        voucher: voucher_named(summary),
    })
}

/// The voucher a 摘要 names: a number after 记/字/第/号/证/`#` or `记-`, or
/// before 号 (not a day: `3月5号`) or 凭证; a year and month before it.
fn voucher_named(text: &str) -> Option<VoucherRef> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '＃' => '#',
            other => other,
        })
        .collect();
    let (mut year, mut month) = (None, None);
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = chars[start..i].iter().collect();
        let before = start.checked_sub(1).map(|b| chars[b]);
        let before_that = start.checked_sub(2).map(|b| chars[b]);
        let after = chars.get(i).copied();
        match after {
            Some('年') => {
                year = digits.parse().ok();
                continue;
            }
            Some('月') => {
                month = digits.parse().ok().filter(|m| (1..=12).contains(m));
                continue;
            }
            Some('日') => continue,
            _ => {}
        }
        let after_day = before == Some('月');
        let marked_before = match before {
            // Not 付 / 收 alone: `多付1200元` names no voucher.
            Some('记' | '字' | '第' | '号' | '证' | '#') => true,
            // `记-12`, `银付-3`, not `2017-03`.
            Some('-') => before_that.is_some_and(|c| !c.is_ascii_digit()),
            _ => false,
        };
        let marked_after = match after {
            Some('号') => !after_day,
            Some('凭') => chars.get(i + 1) == Some(&'证'),
            _ => false,
        };
        if digits.len() <= 6 && (marked_before || marked_after) {
            if let Ok(number) = digits.parse() {
                return Some(VoucherRef {
                    year,
                    month,
                    number,
                });
            }
        }
    }
    None
}

/// The number of a voucher cell (`记-0012`, `记字第12号`, `12`): its first run
/// of digits that is not a year or month (`2017年`, `2017-03-记12`).
pub fn voucher_number(text: &str) -> Option<u32> {
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let tail = &rest[start..];
        let len = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let digits = &tail[..len];
        let next = tail[len..].chars().next();
        let year_like = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        let dated = matches!(next, Some('年' | '月' | '日'))
            || (year_like && matches!(next, Some('-' | '.' | '/')));
        if !dated && digits.len() <= 9 {
            if let Ok(number) = digits.parse() {
                return Some(number);
            }
        }
        rest = &tail[len..];
        // `2017-03-记12`: the month after a year is a date too.
        if year_like {
            rest = rest.trim_start_matches(['-', '.', '/']);
            let month_len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            rest = &rest[month_len..];
        }
    }
    None
}

#[cfg(test)]
mod tests;

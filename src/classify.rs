//! Economic classification (支出经济分类) of a spending line: its category
//! (工资福利支出 301, 商品和服务支出 302 …) and item (基本工资, 办公费 …).
//!
//! Found from the account code when it is an economic code (30201), else from
//! the account name, else from the 摘要. The codes changed in 2018: 社会保障缴费
//! was 30104, then 30108–30112; 住房公积金 was 30311 (under 303), then 30113.
//! A line that matches nothing is 其他 and still counted.

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
    /// Words in account names or 摘要 that name the item.
    pub words: &'static [&'static str],
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

/// The items (款) jixiao names; the last one, 其他, takes what matches nothing.
pub const ITEMS: &[Item] = &[
    item(
        "基本工资",
        "301",
        &["30101"],
        &["30101"],
        &["基本工资", "工资"],
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
        &["奖金", "年终一次性奖"],
    ),
    item(
        "社会保障缴费",
        "301",
        &["30104"],
        &["30108", "30109", "30110", "30111", "30112"],
        &[
            "社会保障缴费",
            "社会保障",
            "社保",
            "养老保险",
            "医疗保险",
            "失业保险",
            "工伤保险",
            "生育保险",
            "职业年金",
        ],
    ),
    item("伙食补助费", "301", &["30106"], &["30106"], &["伙食补助"]),
    item(
        "绩效工资",
        "301",
        &["30107"],
        &["30107"],
        &["绩效工资", "绩效奖"],
    ),
    item(
        "住房公积金",
        "301",
        &[],
        &["30113"],
        &["住房公积金", "公积金"],
    ),
    item(
        "其他工资福利支出",
        "301",
        &["30199"],
        &["30114", "30199"],
        &["其他工资福利"],
    ),
    item(
        "办公费",
        "302",
        &["30201"],
        &["30201"],
        &["办公费", "办公用品", "办公耗材", "打印纸", "硒鼓", "文具"],
    ),
    item(
        "印刷费",
        "302",
        &["30202"],
        &["30202"],
        &["印刷费", "印刷", "印制"],
    ),
    item("咨询费", "302", &["30203"], &["30203"], &["咨询费", "咨询"]),
    item("手续费", "302", &["30204"], &["30204"], &["手续费"]),
    item("水费", "302", &["30205"], &["30205"], &["水费"]),
    item("电费", "302", &["30206"], &["30206"], &["电费"]),
    item(
        "邮电费",
        "302",
        &["30207"],
        &["30207"],
        &["邮电费", "电话费", "网络费", "邮寄", "快递"],
    ),
    item(
        "取暖费",
        "302",
        &["30208"],
        &["30208"],
        &["取暖费", "取暖", "供暖"],
    ),
    item(
        "物业管理费",
        "302",
        &["30209"],
        &["30209"],
        &["物业管理费", "物业费", "物业"],
    ),
    item(
        "差旅费",
        "302",
        &["30211"],
        &["30211"],
        &["差旅费", "差旅", "出差", "下乡"],
    ),
    item(
        "因公出国（境）费用",
        "302",
        &["30212"],
        &["30212"],
        &["因公出国", "出国"],
    ),
    item(
        "维修（护）费",
        "302",
        &["30213"],
        &["30213"],
        &["维修（护）费", "维修", "维护", "修缮"],
    ),
    item(
        "租赁费",
        "302",
        &["30214"],
        &["30214"],
        &["租赁费", "租赁", "房租", "租金"],
    ),
    item("会议费", "302", &["30215"], &["30215"], &["会议费", "会议"]),
    item("培训费", "302", &["30216"], &["30216"], &["培训费", "培训"]),
    item(
        "公务接待费",
        "302",
        &["30217"],
        &["30217"],
        &["公务接待费", "公务接待", "接待"],
    ),
    item("专用材料费", "302", &["30218"], &["30218"], &["专用材料"]),
    item("劳务费", "302", &["30226"], &["30226"], &["劳务费", "劳务"]),
    item("委托业务费", "302", &["30227"], &["30227"], &["委托业务"]),
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
        &["福利费", "困难补助", "慰问"],
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
            "加油",
            "油费",
        ],
    ),
    item(
        "其他交通费用",
        "302",
        &["30239"],
        &["30239"],
        &["其他交通费", "交通费"],
    ),
    item(
        "税金及附加费用",
        "302",
        &["30240"],
        &["30240"],
        &["税金及附加"],
    ),
    item(
        "其他商品和服务支出",
        "302",
        &["30299"],
        &["30299"],
        &["其他商品和服务"],
    ),
    item("离休费", "303", &["30301"], &["30301"], &["离休费"]),
    item("退休费", "303", &["30302"], &["30302"], &["退休费"]),
    item("抚恤金", "303", &["30304"], &["30304"], &["抚恤"]),
    item("生活补助", "303", &["30305"], &["30305"], &["生活补助"]),
    item("医疗费补助", "303", &["30307"], &["30307"], &["医疗费补助"]),
    item("奖励金", "303", &["30309"], &["30309"], &["奖励金"]),
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
        &["其他对个人和家庭"],
    ),
    item(
        "房屋建筑物购建",
        "310",
        &["31001"],
        &["31001"],
        &["房屋建筑物购建"],
    ),
    item(
        "办公设备购置",
        "310",
        &["31002"],
        &["31002"],
        &[
            "办公设备购置",
            "办公设备",
            "电脑",
            "计算机",
            "打印机",
            "复印机",
            "办公桌椅",
            "办公家具",
        ],
    ),
    item("专用设备购置", "310", &["31003"], &["31003"], &["专用设备"]),
    item(
        "信息网络及软件购置更新",
        "310",
        &["31007"],
        &["31007"],
        &["软件", "信息网络"],
    ),
    item(
        "公务用车购置",
        "310",
        &["31013"],
        &["31013"],
        &["公务用车购置", "购置车辆"],
    ),
    item(
        "其他资本性支出",
        "310",
        &["31099"],
        &["31099"],
        &["其他资本性"],
    ),
    item("其他", "", &[], &[], &[]),
];

/// The item that takes what matches nothing.
pub const OTHER: ItemId = (ITEMS.len() - 1) as ItemId;

/// The item's name.
pub fn item_name(id: ItemId) -> &'static str {
    ITEMS.get(id as usize).map_or("其他", |item| item.name)
}

/// The item's category name (工资福利支出 …), or 其他.
pub fn category_name(id: ItemId) -> &'static str {
    let code = ITEMS.get(id as usize).map_or("", |item| item.category);
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("其他", |(_, name)| name)
}

/// The item's category code (301 …), empty for 其他.
pub fn category_code(id: ItemId) -> &'static str {
    ITEMS.get(id as usize).map_or("", |item| item.category)
}

/// Classifies a line of `year` by its account code, then the account name, then the 摘要.
pub fn classify(year: i32, code: Option<&str>, account_name: &str, summary: &str) -> ItemId {
    code.and_then(|code| by_code(year, code))
        .or_else(|| {
            by_name(
                account_name
                    .rsplit(['-', '/', '_', '\\', '—'])
                    .next()
                    .unwrap_or(account_name),
            )
        })
        .or_else(|| by_name(account_name))
        .or_else(|| by_name(summary))
        .unwrap_or(OTHER)
}

/// An economic code: 5 digits (30201), or a category's 3 digits (its 其他 item).
fn by_code(year: i32, code: &str) -> Option<ItemId> {
    if !code.starts_with('3') {
        return None;
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
        return Some(position as ItemId);
    }
    // An item code not in the table: the category's catch-all (its xxx99 item).
    let category = code.get(..3)?;
    ITEMS
        .iter()
        .position(|item| {
            item.category == category && item.codes_from_2018.iter().any(|c| c.ends_with("99"))
        })
        .map(|position| position as ItemId)
}

/// The item whose longest word appears in the text.
fn by_name(text: &str) -> Option<ItemId> {
    if text.is_empty() {
        return None;
    }
    ITEMS
        .iter()
        .enumerate()
        .flat_map(|(position, item)| item.words.iter().map(move |word| (position, *word)))
        .filter(|(_, word)| text.contains(word))
        .max_by_key(|(position, word)| (word.chars().count(), std::cmp::Reverse(*position)))
        .map(|(position, _)| position as ItemId)
}

#[cfg(test)]
mod tests;

//! The accounts that are not spending, by name: every account of classes 1
//! (资产), 2 (负债), 3 (净资产), 4 (收入), 6 (预算收入) and 8 (预算结余) of the
//! 政府会计制度 (2019), with the names the 行政单位会计制度, the 事业单位会计制度
//! and older charts gave them (资产基金, 事业基金, 拨入经费 …).
//!
//! A whole book whose accounts carry names only is narrowed with this chart:
//! an account is left out only when its name (its top level:
//! `应付职工薪酬-基本工资` is 应付职工薪酬) is here, or follows the pattern of
//! a class (应付…, 应收…, …收入, …结余). Some end in 费用 or 支出 and are still
//! not spending: 待摊费用, 长期待摊费用 and 预提费用 spread or accrue what is
//! spent in other months, 研发支出 is an asset.
//!
//! The 费用 accounts of financial accounting (5001 业务活动费用 …) are spending,
//! but the same spending as the 预算会计 支出 accounts (7101 行政支出 …): a book
//! with both is counted on the budget side ([`EXPENSE_ACCOUNTS`],
//! [`BUDGET_EXPENDITURE_ACCOUNTS`]).

/// The kind of an account that is not spending, as a sentence part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// 1 资产.
    Asset,
    /// 2 负债.
    Liability,
    /// 3 净资产.
    NetAssets,
    /// 4 收入.
    Income,
    /// 6 预算收入.
    BudgetIncome,
    /// 8 预算结余.
    BudgetBalance,
    /// 5 费用 in a book that also has the 7 预算支出 accounts.
    FinancialSide,
}

impl Class {
    /// The class in words (资产类).
    pub fn label(self) -> &'static str {
        match self {
            Class::Asset => "资产类科目",
            Class::Liability => "负债类科目",
            Class::NetAssets => "净资产类科目",
            Class::Income => "收入类科目",
            Class::BudgetIncome => "预算收入类科目",
            Class::BudgetBalance => "预算结余类科目",
            Class::FinancialSide => {
                "财务会计的费用科目，同一笔支出已在预算会计的支出科目中计入，不重复计入"
            }
        }
    }

    /// The class of an account code's first digit (政府会计制度 and the
    /// 行政/事业单位会计制度 agree on 1, 2, 3, 4; 6 and 8 are the 政府会计制度's).
    pub fn of_code_digit(digit: char) -> Option<Class> {
        match digit {
            '1' => Some(Class::Asset),
            '2' => Some(Class::Liability),
            '3' => Some(Class::NetAssets),
            '4' => Some(Class::Income),
            '6' => Some(Class::BudgetIncome),
            '8' => Some(Class::BudgetBalance),
            _ => None,
        }
    }
}

/// Accounts that are not spending, by name, with their class. The 政府会计制度
/// first (its codes in the comments), then the older charts' names.
pub const NOT_SPENDING: &[(&str, Class)] = &[
    // 1 资产（政府会计制度）
    ("库存现金", Class::Asset),                     // 1001
    ("银行存款", Class::Asset),                     // 1002
    ("零余额账户用款额度", Class::Asset),           // 1011
    ("其他货币资金", Class::Asset),                 // 1021
    ("短期投资", Class::Asset),                     // 1101
    ("财政应返还额度", Class::Asset),               // 1201
    ("应收票据", Class::Asset),                     // 1211
    ("应收账款", Class::Asset),                     // 1212
    ("预付账款", Class::Asset),                     // 1214
    ("应收股利", Class::Asset),                     // 1215
    ("应收利息", Class::Asset),                     // 1216
    ("其他应收款", Class::Asset),                   // 1218
    ("坏账准备", Class::Asset),                     // 1219
    ("在途物品", Class::Asset),                     // 1301
    ("库存物品", Class::Asset),                     // 1302
    ("加工物品", Class::Asset),                     // 1303
    ("待摊费用", Class::Asset),                     // 1401
    ("长期股权投资", Class::Asset),                 // 1501
    ("长期债券投资", Class::Asset),                 // 1502
    ("固定资产", Class::Asset),                     // 1601
    ("固定资产累计折旧", Class::Asset),             // 1602
    ("工程物资", Class::Asset),                     // 1611
    ("在建工程", Class::Asset),                     // 1613
    ("无形资产", Class::Asset),                     // 1701
    ("无形资产累计摊销", Class::Asset),             // 1702
    ("研发支出", Class::Asset),                     // 1703
    ("公共基础设施", Class::Asset),                 // 1801
    ("公共基础设施累计折旧（摊销）", Class::Asset), // 1802
    ("公共基础设施累计折旧", Class::Asset),         // 1802
    ("政府储备物资", Class::Asset),                 // 1811
    ("文物文化资产", Class::Asset),                 // 1821
    ("保障性住房", Class::Asset),                   // 1831
    ("保障性住房累计折旧", Class::Asset),           // 1832
    ("受托代理资产", Class::Asset),                 // 1891
    ("长期待摊费用", Class::Asset),                 // 1901
    ("待处理财产损溢", Class::Asset),               // 1902
    // 2 负债
    ("短期借款", Class::Liability),       // 2001
    ("应交增值税", Class::Liability),     // 2101
    ("其他应交税费", Class::Liability),   // 2102
    ("应缴财政款", Class::Liability),     // 2103
    ("应付职工薪酬", Class::Liability),   // 2201
    ("应付票据", Class::Liability),       // 2301
    ("应付账款", Class::Liability),       // 2302
    ("应付政府补贴款", Class::Liability), // 2303
    ("应付利息", Class::Liability),       // 2304
    ("预收账款", Class::Liability),       // 2305
    ("其他应付款", Class::Liability),     // 2307
    ("预提费用", Class::Liability),       // 2401
    ("长期借款", Class::Liability),       // 2501
    ("长期应付款", Class::Liability),     // 2502
    ("预计负债", Class::Liability),       // 2601
    ("受托代理负债", Class::Liability),   // 2901
    // 3 净资产
    ("累计盈余", Class::NetAssets),         // 3001
    ("专用基金", Class::NetAssets),         // 3101
    ("权益法调整", Class::NetAssets),       // 3201
    ("本期盈余", Class::NetAssets),         // 3301
    ("本年盈余分配", Class::NetAssets),     // 3302
    ("无偿调拨净资产", Class::NetAssets),   // 3401
    ("以前年度盈余调整", Class::NetAssets), // 3501
    // 4 收入
    ("财政拨款收入", Class::Income),       // 4001
    ("事业收入", Class::Income),           // 4101
    ("上级补助收入", Class::Income),       // 4201
    ("附属单位上缴收入", Class::Income),   // 4301
    ("经营收入", Class::Income),           // 4401
    ("非同级财政拨款收入", Class::Income), // 4601
    ("投资收益", Class::Income),           // 4602
    ("捐赠收入", Class::Income),           // 4603
    ("利息收入", Class::Income),           // 4604
    ("租金收入", Class::Income),           // 4605
    ("其他收入", Class::Income),           // 4609
    // 6 预算收入
    ("财政拨款预算收入", Class::BudgetIncome),       // 6001
    ("事业预算收入", Class::BudgetIncome),           // 6101
    ("上级补助预算收入", Class::BudgetIncome),       // 6201
    ("附属单位上缴预算收入", Class::BudgetIncome),   // 6301
    ("经营预算收入", Class::BudgetIncome),           // 6401
    ("债务预算收入", Class::BudgetIncome),           // 6501
    ("非同级财政拨款预算收入", Class::BudgetIncome), // 6601
    ("投资预算收益", Class::BudgetIncome),           // 6602
    ("其他预算收入", Class::BudgetIncome),           // 6609
    // 8 预算结余
    ("资金结存", Class::BudgetBalance),           // 8001
    ("财政拨款结转", Class::BudgetBalance),       // 8101
    ("财政拨款结余", Class::BudgetBalance),       // 8102
    ("非财政拨款结转", Class::BudgetBalance),     // 8201
    ("非财政拨款结余", Class::BudgetBalance),     // 8202
    ("专用结余", Class::BudgetBalance),           // 8301
    ("经营结余", Class::BudgetBalance),           // 8401
    ("其他结余", Class::BudgetBalance),           // 8501
    ("非财政拨款结余分配", Class::BudgetBalance), // 8701
    // 行政单位会计制度（2014）
    ("应收账款", Class::Asset),
    ("其他应收款", Class::Asset),
    ("存货", Class::Asset),
    ("累计折旧", Class::Asset),
    ("累计摊销", Class::Asset),
    ("待处理财产损溢", Class::Asset),
    ("应缴税费", Class::Liability),
    ("资产基金", Class::NetAssets),
    ("待偿债净资产", Class::NetAssets),
    ("其他资金结转结余", Class::NetAssets),
    // 事业单位会计制度（2012）
    ("长期投资", Class::Asset),
    ("待处置资产损溢", Class::Asset),
    ("应缴国库款", Class::Liability),
    ("应缴财政专户款", Class::Liability),
    ("事业基金", Class::NetAssets),
    ("非流动资产基金", Class::NetAssets),
    ("财政补助结转", Class::NetAssets),
    ("财政补助结余", Class::NetAssets),
    ("非财政补助结转", Class::NetAssets),
    ("非财政补助结余", Class::NetAssets),
    ("事业结余", Class::NetAssets),
    ("非财政补助结余分配", Class::NetAssets),
    ("财政补助收入", Class::Income),
    // 更早的行政、事业单位会计制度
    ("暂付款", Class::Asset),
    ("借出款", Class::Asset),
    ("有价证券", Class::Asset),
    ("材料", Class::Asset),
    ("对外投资", Class::Asset),
    ("暂存款", Class::Liability),
    ("借入款", Class::Liability),
    ("应缴预算款", Class::Liability),
    ("固定基金", Class::NetAssets),
    ("结余", Class::NetAssets),
    ("专款结余", Class::NetAssets),
    ("拨入经费", Class::Income),
    ("拨入专款", Class::Income),
    ("预算外资金收入", Class::Income),
];

/// Beginnings of names of a class (应付…, 应收…, 预付…): for names the lists
/// above do not hold (应付工资, 应收单位款).
const PREFIXES: &[(&str, Class)] = &[
    ("应收", Class::Asset),
    ("预付", Class::Asset),
    ("应付", Class::Liability),
    ("预收", Class::Liability),
    ("应缴", Class::Liability),
    ("应交", Class::Liability),
];

/// Endings of names of a class (…预算收入, …收入, …结转, …结余).
const SUFFIXES: &[(&str, Class)] = &[
    ("预算收入", Class::BudgetIncome),
    ("预算收益", Class::BudgetIncome),
    ("收入", Class::Income),
    ("结转", Class::BudgetBalance),
    ("结余", Class::BudgetBalance),
    ("结存", Class::BudgetBalance),
    ("盈余", Class::NetAssets),
    ("累计折旧", Class::Asset),
    ("累计摊销", Class::Asset),
];

/// The 费用 accounts of the 政府会计制度 (class 5), the financial side of the
/// spending the 预算支出 accounts record.
pub const EXPENSE_ACCOUNTS: &[&str] = &[
    "业务活动费用",
    "单位管理费用",
    "经营费用",
    "资产处置费用",
    "上缴上级费用",
    "对附属单位补助费用",
    "所得税费用",
    "其他费用",
];

/// The 预算支出 accounts of the 政府会计制度 (class 7) whose names say the book
/// keeps budget accounting (其他支出 aside: it is also a 款 of the classification).
pub const BUDGET_EXPENDITURE_ACCOUNTS: &[&str] = &[
    "行政支出",
    "事业支出",
    "经营支出",
    "上缴上级支出",
    "对附属单位补助支出",
    "投资支出",
    "债务还本支出",
];

/// Spending accounts of older charts whose names end neither in 支出 nor 费用.
pub const OLD_SPENDING_ACCOUNTS: &[&str] = &["拨出经费", "拨出专款"];

/// The class of an account's top-level name, when it is not spending.
pub fn class_of_name(top: &str) -> Option<Class> {
    let top: String = top.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((_, class)) = NOT_SPENDING.iter().find(|(name, _)| *name == top) {
        return Some(*class);
    }
    PREFIXES
        .iter()
        .find(|(prefix, _)| top.starts_with(prefix))
        .or_else(|| SUFFIXES.iter().find(|(suffix, _)| top.ends_with(suffix)))
        .map(|(_, class)| *class)
}

//! Header words: what the column headers of Chinese ledgers are called, and
//! which text marks a row as a total or a closing entry rather than spending.
//!
//! Every function takes a header already normalized by [`normalize_header`]
//! and answers with a rank (lower is better) or a yes/no.

/// Header text without white space, with full-width brackets folded and a
/// trailing unit in brackets removed: `借方金额（元）` → `借方金额`.
pub fn normalize_header(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect();
    match folded.find('(') {
        Some(open) if folded.ends_with(')') && open > 0 => folded[..open].to_string(),
        _ => folded,
    }
}

const DATE_HEADERS: [&str; 11] = [
    "日期",
    "记账日期",
    "制单日期",
    "凭证日期",
    "业务日期",
    "发生日期",
    "交易日期",
    "支出日期",
    "入账日期",
    "支付日期",
    "审核日期",
];

/// A full-date column: 日期, 记账日期, 制单日期 … or any header ending in 日期.
pub fn date_rank(header: &str) -> Option<u8> {
    if DATE_HEADERS.contains(&header) {
        Some(0)
    } else if header.ends_with("日期") && !header.contains("到期") {
        Some(1)
    } else {
        None
    }
}

/// The spending column: 支出金额 > 借方 … > 金额 … > anything ending in 金额 / 支出.
pub fn debit_rank(header: &str) -> Option<u8> {
    const NOT_SPENDING: [&str; 10] = [
        "贷方", "余额", "预算", "单价", "数量", "税", "累计", "合计", "比", "外币",
    ];
    if NOT_SPENDING.iter().any(|word| header.contains(word)) {
        return None;
    }
    match header {
        "支出金额" | "支出数" | "实际支出" | "支出" | "支出额" => Some(0),
        "借方金额"
        | "借方"
        | "借方发生额"
        | "本期借方"
        | "借方本位币"
        | "借方发生"
        | "借方金额本位币"
        | "本币借方" => Some(1),
        "金额" | "发生额" | "本期发生额" | "发生金额" | "本币金额" => Some(2),
        _ if header.ends_with("金额") || header.ends_with("支出") => Some(3),
        _ => None,
    }
}

/// True for a debit header (借方 …), which pairs with a credit column.
pub fn is_debit_header(header: &str) -> bool {
    header.contains("借方") || header.ends_with("借方")
}

/// The credit column that pairs with a 借方 column.
pub fn credit_rank(header: &str) -> Option<u8> {
    match header {
        "贷方金额"
        | "贷方"
        | "贷方发生额"
        | "本期贷方"
        | "贷方本位币"
        | "贷方发生"
        | "贷方金额本位币"
        | "本币贷方" => Some(0),
        _ if header.starts_with("贷方") && !header.contains("余额") => Some(1),
        _ => None,
    }
}

/// A month column: 月份 / 月 (the 月 under a merged 2017年).
pub fn month_rank(header: &str) -> Option<u8> {
    match header {
        "月份" => Some(0),
        "月" => Some(1),
        _ => None,
    }
}

/// A day column: 日.
pub fn day_rank(header: &str) -> Option<u8> {
    matches!(header, "日" | "日期(日)").then_some(0)
}

/// A year column: 年 / 年度.
pub fn year_rank(header: &str) -> Option<u8> {
    matches!(header, "年" | "年度" | "会计年度").then_some(0)
}

/// An accounting-period column: 会计期间 (2017年1期, 2017.01).
pub fn period_rank(header: &str) -> Option<u8> {
    match header {
        "会计期间" | "期间" | "会计期" | "记账期间" => Some(0),
        _ => None,
    }
}

/// The account code column: 科目编码 / 科目代码 ….
pub fn account_code_rank(header: &str) -> Option<u8> {
    match header {
        "科目编码" | "科目代码" | "科目编号" | "会计科目编码" | "会计科目代码" | "科目号" => {
            Some(0)
        }
        _ => None,
    }
}

/// The account name column: 科目名称 / 会计科目 / 科目 ….
pub fn account_name_rank(header: &str) -> Option<u8> {
    match header {
        "科目名称" | "会计科目名称" | "科目全名" => Some(0),
        "会计科目" | "科目" | "明细科目" | "总账科目" | "科目全称" => Some(1),
        _ => None,
    }
}

/// The description column: 摘要 ….
pub fn summary_rank(header: &str) -> Option<u8> {
    match header {
        "摘要" => Some(0),
        "说明" | "用途" | "事由" | "内容" | "备注" => Some(1),
        _ => None,
    }
}

/// A label column of a months-across table: 项目 / 类别 / 科目 ….
pub fn label_rank(header: &str) -> Option<u8> {
    match header {
        "项目" | "支出项目" | "类别" | "支出类别" | "科目" | "科目名称" | "经济分类" | "名称" => {
            Some(0)
        }
        _ => None,
    }
}

/// A 合计 column of a months-across table.
pub fn is_total_header(header: &str) -> bool {
    matches!(
        header,
        "合计" | "总计" | "全年合计" | "小计" | "年度合计" | "累计" | "全年"
    )
}

/// Opening and closing balance lines (they say what a balance is, not what was spent).
const BALANCE_LINES: [&str; 7] = [
    "期初余额",
    "期末余额",
    "上年结转",
    "上年结转余额",
    "上年结余",
    "年初余额",
    "本年结余",
];

/// True when a cell's text says the row is a total or a balance, not a
/// transaction: it starts with a total word (`本月合计`, `承前页`, `期初余额` …),
/// ends with 合计 / 小计 / 累计 / 总计 (`一月份合计`), or is a balance line
/// (`上年结转`). A voucher line that merely mentions a total in the middle
/// (`报销差旅费合计3人`) or spends carried-over funds (`上年结转资金购置电脑`) is a transaction.
pub fn is_summary_text(text: &str) -> bool {
    const LEADING: [&str; 9] = [
        "合计",
        "小计",
        "总计",
        "累计",
        "承前页",
        "过次页",
        "期初余额",
        "期末余额",
        "年初余额",
    ];
    /// Period totals start with a period and name a sum: 本月合计, 本期发生额, 本年累计.
    const PERIODS: [&str; 3] = ["本月", "本期", "本年"];
    const SUMS: [&str; 3] = ["合计", "累计", "发生额"];
    const TRAILING: [&str; 4] = ["合计", "小计", "累计", "总计"];
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let period_total =
        PERIODS.iter().any(|p| folded.starts_with(p)) && SUMS.iter().any(|w| folded.contains(w));
    period_total
        || BALANCE_LINES.contains(&folded.as_str())
        || LEADING.iter().any(|w| folded.starts_with(w))
        || TRAILING.iter().any(|w| folded.ends_with(w))
}

/// True for a year-end closing entry (期末结转, 结转本年支出, 结转本期盈余): it moves
/// the year's spending to net assets and is not spending itself.
pub fn is_closing_text(text: &str) -> bool {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !folded.contains("结转") || folded.starts_with("上年结转") {
        return false;
    }
    ["期末结转", "年末结转", "年终结转", "月末结转"]
        .iter()
        .any(|w| folded.starts_with(w))
        || (folded.starts_with("结转")
            && ["本年", "本期", "本月", "盈余", "结余", "支出", "费用"]
                .iter()
                .any(|w| folded.contains(w)))
}

#[cfg(test)]
mod tests;

//! Header words: what the column headers of Chinese ledgers are called, and
//! which text marks a row as a total or a closing entry rather than spending.
//!
//! Every function takes a header already normalized by [`normalize_header`]
//! and answers with a rank (lower is better) or a yes/no.

/// Header text without white space, with full-width brackets folded and a
/// trailing unit removed: `借方金额（元）`, `借方金额/元` → `借方金额`.
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
    let folded = match folded.find('(') {
        Some(open) if folded.ends_with(')') && open > 0 => folded[..open].to_string(),
        _ => folded,
    };
    // `金额/元`, `支出/万元`: a unit after a slash.
    match folded
        .strip_suffix("/万元")
        .or_else(|| folded.strip_suffix("/元"))
    {
        Some(name) if !name.is_empty() => name.to_string(),
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
    } else if (header.ends_with("日期") || header.ends_with("时间")) && !header.contains("到期")
    {
        Some(1)
    } else if matches!(header, "月日" | "月/日" | "月-日" | "月.日") {
        Some(2)
    } else {
        None
    }
}

/// The spending column: 支出金额 > 借方 … > 金额 … > anything ending in 金额 / 支出.
pub fn debit_rank(header: &str) -> Option<u8> {
    const NOT_SPENDING: [&str; 17] = [
        "贷方", "余额", "预算", "单价", "数量", "税", "累计", "合计", "比", "外币", "原币", "分析",
        "收入", "收款", "退回", "退款", "冲回",
    ];
    // `其中：基本支出` is a part of the amount beside it, never the amount.
    if header.starts_with("其中") {
        return None;
    }
    // What was planned, approved or applied for, not what was spent: an
    // amount column only when the sheet has no other.
    const PLANNED: [&str; 4] = ["计划", "批复", "申请", "指标"];
    if NOT_SPENDING.iter().any(|word| header.contains(word)) || names_an_account(header) {
        return None;
    }
    if PLANNED.iter().any(|word| header.contains(word)) {
        return (header.ends_with("金额") || header.ends_with("数")).then_some(5);
    }
    match header {
        "支出金额"
        | "支出数"
        | "实际支出"
        | "支出"
        | "支出额"
        | "本月支出数"
        | "本月实际支出数"
        | "本月支出额"
        | "本月支出"
        | "本月实际支出"
        | "实际支出数"
        | "实际支出额"
        | "本月支出金额" => Some(0),
        "借方金额"
        | "借方"
        | "借方发生额"
        | "本期借方"
        | "借方本位币"
        | "借方发生"
        | "借方金额本位币"
        | "本币借方" => Some(1),
        _ if header.starts_with("借方") || header.ends_with("借方") => Some(1),
        "金额" | "发生额" | "本期发生额" | "发生金额" | "本币金额" => Some(2),
        _ if header.ends_with("金额") || header.ends_with("支出") => Some(3),
        "本月数" | "本期数" | "本月发生数" | "本月金额" | "当月支出" | "当月数" | "本月执行数"
        | "执行数" | "本期发生数" => Some(2),
        // Hand-kept books' own words for what was paid.
        "数额" | "发生数" | "报销数" | "报销额" | "开支" | "开支额" | "付款" | "付款额"
        | "实付" | "实支" | "支付额" | "付出" | "金额数" | "支出金额数" => Some(3),
        _ => None,
    }
}

/// True for a header that names an account, not an amount: `借方科目`,
/// `贷方科目名称`, `借方账户`, `借方科目编码`.
fn names_an_account(header: &str) -> bool {
    ["科目", "账户", "科目名称", "科目编码", "科目代码"]
        .iter()
        .any(|word| header.ends_with(word))
}

/// A column of money paid back (退回金额, 退款金额): subtracted from the
/// amount column beside it, like a 贷方 from its 借方.
pub fn refund_rank(header: &str) -> Option<u8> {
    let refund = ["退回", "退款", "冲回"].iter().any(|w| header.contains(w));
    (refund && (header.ends_with("金额") || header.ends_with("额") || header.ends_with("数")))
        .then_some(0)
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
        _ if header.starts_with("贷方")
            && !header.contains("余额")
            && !names_an_account(header) =>
        {
            Some(1)
        }
        _ => None,
    }
}

/// A month column: 月份 / 月 (the 月 under a merged 2017年).
pub fn month_rank(header: &str) -> Option<u8> {
    match header {
        "月份" | "会计月份" | "记账月份" | "所属月份" | "支出月份" => Some(0),
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
        "会计期间" | "期间" | "会计期" | "记账期间" | "所属期" | "所属期间" | "支出期间" => {
            Some(0)
        }
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
        // A book of entries one per row (借方科目 | 贷方科目 | 金额): the
        // spending is on the debited account.
        "借方科目" | "借方科目名称" | "借方账户" => Some(2),
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
const BALANCE_LINES: [&str; 15] = [
    "期初余额",
    "期末余额",
    "上年结转",
    "上年结转余额",
    "上年结余",
    "年初余额",
    "本年结余",
    "上月结转",
    "上期结转",
    "承上月",
    "结转下年",
    "结转下月",
    "结转下期",
    "月末余额",
    "年末余额",
];

/// What a total row of the book sums, which decides what jixiao compares it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// 本月合计, 本期合计, 月计, 一月份小计, 小计: the lines since the previous such total.
    Period,
    /// 本年累计, 累计, 总计, 全年合计: the lines since the start of the year (or sheet).
    Cumulative,
    /// 合计 alone: the lines since the previous total, or since the start.
    Plain,
    /// 过次页 / 转次页: carried to the next page (this page, the month or the year so far).
    PageForward,
    /// 承前页 / 承上页: brought from the previous page (equals the last 过次页).
    PageCarried,
    /// 期初余额, 上年结转, 期末余额: a balance, not a sum of lines.
    Balance,
    /// 第一季度, 一季度小计, 第二季度合计, 3季度: the lines (or months) of that
    /// quarter, 1–4.
    Quarter(u32),
}

/// The quarter a quarter-total text names: `第一季度`, `一季度`, `1季度`,
/// `第1季`, optionally followed by 合计 / 小计 / 支出 / 发生额 (`一季度小计`,
/// `第一季度合计`). A text that goes on with other words (`第一季度房租`) is
/// a line's 摘要, not a total.
pub fn quarter_total(folded: &str) -> Option<u32> {
    let rest = folded.strip_prefix('第').unwrap_or(folded);
    let mut chars = rest.chars();
    let quarter = match chars.next()? {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return None,
    };
    let rest = chars.as_str();
    let rest = rest
        .strip_prefix("季度")
        .or_else(|| rest.strip_prefix('季'))?;
    matches!(
        rest,
        "" | "合计" | "小计" | "计" | "支出" | "支出合计" | "合计数" | "发生额" | "支出数"
    )
    .then_some(quarter)
}

/// What kind of total or balance line a cell's text names, if any: it starts
/// with a total word (`本月合计`, `承前页`, `期初余额` …), ends with 合计 / 小计 /
/// 累计 / 总计 / 月计 (`一月份合计`), or is a balance line (`上年结转`). White space,
/// full-width spaces included, is ignored (`合　　计`). A voucher line that merely
/// mentions a total in the middle (`报销差旅费合计3人`) or spends carried-over
/// funds (`上年结转资金购置电脑`) is a transaction.
pub fn total_kind(text: &str) -> Option<TotalKind> {
    // Every total or balance word has one of these characters: most cells
    // (dates, 摘要 of voucher lines, names) are passed over without work.
    if !text.contains(['计', '页', '余', '转', '额', '结', '季']) {
        return None;
    }
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let folded = folded.trim_matches([
        '*', '-', '=', '—', '※', '■', '[', ']', '【', '】', ':', '：',
    ]);
    let starts = |words: &[&str]| words.iter().any(|w| folded.starts_with(w));
    let ends = |words: &[&str]| words.iter().any(|w| folded.ends_with(w));
    if BALANCE_LINES.contains(&folded)
        || starts(&[
            "期初余额",
            "期末余额",
            "年初余额",
            "本月余额",
            "本期余额",
            "年末余额",
        ])
    {
        return Some(TotalKind::Balance);
    }
    if starts(&["承前页", "承上页", "接上页"]) {
        return Some(TotalKind::PageCarried);
    }
    if starts(&["过次页", "转次页", "转下页", "过下页"]) {
        return Some(TotalKind::PageForward);
    }
    if let Some(quarter) = quarter_total(folded) {
        return Some(TotalKind::Quarter(quarter));
    }
    let period_start = starts(&["本月", "本期", "当月", "本季"]);
    if starts(&[
        "本年累计",
        "累计",
        "总计",
        "全年合计",
        "本年合计",
        "年度合计",
    ]) || (period_start && folded.contains("累计"))
        || ends(&["累计", "总计"])
    {
        return Some(TotalKind::Cumulative);
    }
    if (period_start
        && ["合计", "发生额", "小计"]
            .iter()
            .any(|w| folded.contains(w)))
        || starts(&["小计", "月计"])
        || ends(&["小计", "月计"])
        || (ends(&["合计"]) && folded.contains('月'))
    {
        return Some(TotalKind::Period);
    }
    if starts(&["合计"]) || ends(&["合计"]) {
        return Some(TotalKind::Plain);
    }
    None
}

/// True for a cell holding nothing but a total word (`合计`, `合　计`, `本月合计`,
/// `本年累计`, `小计`): a total even in a column of account names.
pub fn is_bare_total(text: &str) -> bool {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        folded.as_str(),
        "合计"
            | "小计"
            | "总计"
            | "累计"
            | "月计"
            | "本月合计"
            | "本月小计"
            | "本期合计"
            | "本年累计"
            | "本期累计"
            | "全年合计"
            | "本年合计"
            | "承前页"
            | "过次页"
    )
}

/// True when a text opens like a total or balance line (`本月合计`, `合计`,
/// `承前页`, `期初余额`, `一月份小计`), rather than only ending in a total
/// word as a voucher line's 摘要 may (`报销3月差旅费合计`).
pub fn starts_like_total(text: &str) -> bool {
    const OPENINGS: [&str; 21] = [
        "合计",
        "小计",
        "总计",
        "累计",
        "月计",
        "本月",
        "本期",
        "本年",
        "当月",
        "本季",
        "本日",
        "全年",
        "年度",
        "承前页",
        "承上页",
        "接上页",
        "过次页",
        "转次页",
        "转下页",
        "过下页",
        "期初",
    ];
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let month_total = parse_month_prefix(&folded);
    is_bare_total(&folded)
        || quarter_total(&folded).is_some()
        || OPENINGS.iter().any(|w| folded.starts_with(w))
        || month_total
        || total_kind(&folded) == Some(TotalKind::Balance)
}

/// `一月份小计`, `1月合计`, `十二月份合计`: a month's name, then the total word.
fn parse_month_prefix(folded: &str) -> bool {
    let Some((month, rest)) = folded.split_once('月') else {
        return false;
    };
    let rest = rest.trim_start_matches('份');
    let is_month = month
        .chars()
        .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        && !month.is_empty()
        && month.chars().count() <= 3;
    is_month
        && ["合计", "小计", "累计", "月计"]
            .iter()
            .any(|w| rest.starts_with(w))
}

/// True when a cell's text says the row is a total or a balance, not a
/// transaction (see [`total_kind`]).
pub fn is_summary_text(text: &str) -> bool {
    total_kind(text).is_some()
}

/// Wordings of closing entries (结转分录) seen in 用友, 金蝶, 浪潮 and hand-kept books:
/// they move the period's spending to net assets or balances and are not spending.
const CLOSING_PHRASES: [&str; 32] = [
    "期间损益结转",
    "损益结转",
    "结转损益",
    "结转本期盈余",
    "结转本年盈余",
    "结转本期支出",
    "结转本年支出",
    "结转本月支出",
    "结转本期费用",
    "结转本年费用",
    "结转本月费用",
    "结转费用",
    "结转支出",
    "年末转账",
    "年终转账",
    "月末转账",
    "期末转账",
    "期末结转",
    "年末结转",
    "年终结转",
    "月末结转",
    "转入财政拨款结转",
    "转入非财政拨款结转",
    "转入财政拨款结余",
    "转入非财政拨款结余",
    "结转至财政拨款",
    "结转至非财政拨款",
    "转入本期盈余",
    "转入本年盈余",
    "转入其他结余",
    "结转至其他结余",
    "转入累计盈余",
];

/// True for a closing entry (期间损益结转, 结转本年支出, 财政拨款支出转入财政拨款结转,
/// 12月末结转 …), wherever the wording stands in the text: it moves the period's
/// spending to net assets and is not spending itself. A line that spends
/// carried-over funds (`上年结转资金购置电脑`) is not one.
pub fn is_closing_text(text: &str) -> bool {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if folded.starts_with("上年结转") {
        return false;
    }
    CLOSING_PHRASES.iter().any(|w| folded.contains(w))
        || (folded.starts_with("结转")
            && ["本年", "本期", "本月", "盈余", "结余", "支出", "费用"]
                .iter()
                .any(|w| folded.contains(w)))
}

/// Account codes and names that a closing entry moves spending into: 本期盈余 (3301),
/// 累计盈余 (3001), 财政拨款结转 / 结余 (8101 / 8102), 非财政拨款结转 / 结余 (8201 / 8202),
/// 其他结余 (8301), and the old 制度's 结余 / 结转 accounts.
pub fn is_closing_counterpart(code: Option<&str>, name: &str) -> bool {
    const CODES: [&str; 7] = ["3301", "3001", "8101", "8102", "8201", "8202", "8301"];
    const NAMES: [&str; 7] = [
        "本期盈余",
        "累计盈余",
        "财政拨款结转",
        "财政拨款结余",
        "非财政拨款结转",
        "非财政拨款结余",
        "其他结余",
    ];
    // With a code, the code decides; an expense account whose name mentions
    // 财政拨款结转 is not a carry-forward account.
    match code {
        Some(code) => CODES.iter().any(|p| code.starts_with(p)),
        None => {
            // The top-level account decides: 财政拨款结转-基本支出结转 is one.
            let top = name
                .split(['-', '/', '_', '\\', '—'])
                .next()
                .unwrap_or(name)
                .trim();
            NAMES.contains(&top)
        }
    }
}

/// A voucher-number column: 凭证号, 凭证字号, 凭证号数 ….
pub fn voucher_rank(header: &str) -> Option<u8> {
    match header {
        "凭证号" | "凭证字号" | "凭证号数" | "凭证编号" | "凭证字" | "记账凭证号" => {
            Some(0)
        }
        "凭证" | "凭证号码" | "凭证类型号" => Some(1),
        _ => None,
    }
}

/// A counter-account column: 对方科目.
pub fn counter_account_rank(header: &str) -> Option<u8> {
    match header {
        "对方科目" | "对方科目名称" | "对方科目编码" | "对应科目" => Some(0),
        "贷方科目" | "贷方科目名称" | "贷方账户" => Some(1),
        _ => None,
    }
}

/// A debit/credit direction column beside a single amount column (借 / 贷).
pub fn direction_rank(header: &str) -> Option<u8> {
    match header {
        "借贷方向" | "借贷" | "借贷标志" | "借/贷" | "发生方向" => Some(0),
        "方向" => Some(1),
        _ => None,
    }
}

/// A running balance column: 余额 (not 期初余额 / 期末余额 of a trial balance).
pub fn balance_rank(header: &str) -> Option<u8> {
    match header {
        "余额" | "余额金额" | "借方余额" | "本币余额" => Some(0),
        _ => None,
    }
}

/// An economic classification column: 经济分类, 支出经济分类 (its code or its
/// name), else a 辅助核算 text that may hold it (`部门:办公室;经济分类:30201 办公费`).
pub fn classification_rank(header: &str) -> Option<u8> {
    match header {
        "经济分类" | "支出经济分类" | "经济科目" | "部门经济分类" | "政府经济分类" => {
            Some(0)
        }
        "经济分类编码"
        | "经济分类代码"
        | "经济分类名称"
        | "支出经济分类编码"
        | "支出经济分类名称"
        | "经济科目编码"
        | "经济科目名称" => Some(0),
        "经济分类科目" | "支出经济分类科目" | "辅助核算" | "辅助项" | "辅助核算项" => {
            Some(1)
        }
        "辅助核算项目" | "辅助核算内容" | "辅助信息" | "核算项目" => Some(1),
        _ => None,
    }
}

/// A voucher status column: 凭证状态 / 状态 (rank 0), a void flag 作废标志 /
/// 是否作废 / 作废 (rank 0), 审核状态 (rank 1: its values say 已审核 most of
/// the time, and only 作废 in it leaves a line out).
pub fn voucher_status_rank(header: &str) -> Option<u8> {
    match header {
        "凭证状态" | "状态" | "作废标志" | "是否作废" | "作废" | "作废标记" | "删除标志"
        | "是否删除" => Some(0),
        "审核状态" | "记账状态" => Some(1),
        _ => None,
    }
}

/// True for a yes/no void flag column (作废标志, 是否作废): there 是 / Y say voided.
pub fn is_void_flag_header(header: &str) -> bool {
    (header.contains("作废") || header.contains("删除")) && !header.contains("状态")
}

/// The words that mark a voucher as voided, longest first.
const VOID_WORDS: [&str; 5] = ["已作废", "作废凭证", "作废", "已删除", "删除"];

/// True when a status cell's text says the voucher was voided: 作废, 已作废,
/// 删除, 已删除 (and, in a yes/no void flag column, 是, Y, YES, TRUE, √).
/// 已审核, 已记账, 正常, 未作废 and 否 say it was booked.
pub fn is_void_status(text: &str, flag_column: bool) -> bool {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_matches(['【', '】', '[', ']', '(', ')', '（', '）', '〔', '〕'])
        .to_uppercase();
    if VOID_WORDS.contains(&folded.as_str()) {
        return true;
    }
    flag_column && matches!(folded.as_str(), "是" | "Y" | "YES" | "TRUE" | "√" | "1")
}

/// The void mark a 摘要 opens with, if any: `作废`, `已作废：报销差旅费`,
/// `【作废】报销差旅费`, `（作废）…`, `删除 …`. The mark must stand as a word
/// of its own (the 摘要's end, a bracket, a space, a colon or a dash after it,
/// or 凭证): `作废票据重开` (a voided invoice reissued, a real payment) and
/// `删除重复发票后报销` are voucher lines.
pub fn void_mark_in_summary(text: &str) -> Option<String> {
    let trimmed = text.trim_start();
    let opened = [
        ('【', '】'),
        ('（', '）'),
        ('(', ')'),
        ('[', ']'),
        ('〔', '〕'),
    ]
    .iter()
    .find_map(|(open, close)| {
        let inner = trimmed.strip_prefix(*open)?;
        let (word, _) = inner.split_once(*close)?;
        let word: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        VOID_WORDS.contains(&word.as_str()).then_some(())
    });
    if opened.is_some() {
        return Some(trimmed.to_string());
    }
    let word = ["已作废", "作废", "已删除", "删除"]
        .iter()
        .find(|w| trimmed.starts_with(*w))?;
    let rest = &trimmed[word.len()..];
    let stands_alone = rest.is_empty()
        || rest.starts_with("凭证")
        || rest.starts_with(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '：' | ':'
                        | '，'
                        | ','
                        | '。'
                        | '-'
                        | '—'
                        | '_'
                        | '/'
                        | '、'
                        | '；'
                        | ';'
                        | '（'
                        | '('
                        | '【'
                        | '['
                        | '!'
                        | '！'
                )
        });
    stands_alone.then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests;

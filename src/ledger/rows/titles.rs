//! Title rows inside a table: a row that only names the account of the block
//! below it (`科目：7101 行政支出`, `30101 基本工资` alone in the first column),
//! and the account a title above the table names.

use crate::ledger::accounts::is_unrecognised;
use crate::ledger::lines::{split_code, Account};
use crate::read::Row;

/// The account a title names: `科目：7101 行政支出`, `会计科目:5001 业务活动费用`.
pub fn account_in_title(text: &str) -> Option<Account> {
    let (_, after) = text.split_once("科目")?;
    let after = after.trim_start_matches("名称").trim_start();
    let after = after.strip_prefix([':', '：'])?.trim_start();
    // The title runs on into other labels (单位：元, 期间：…): stop at the next
    // label with its colon (not at 单位 in `单位管理费用`), or at a wide gap.
    let end = [
        "单位",
        "期间",
        "月份",
        "年度",
        "币种",
        "会计期间",
        "金额单位",
    ]
    .iter()
    .flat_map(|label| [format!("{label}："), format!("{label}:")])
    .chain(["  ".to_string(), "\u{3000}".to_string()])
    .filter_map(|label| after.find(&label))
    .min()
    .unwrap_or(after.len());
    let (code, name) = split_code(after[..end].trim());
    // An account name has no spaces: what follows one is another title.
    let name = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    (code.is_some() || !name.is_empty()).then_some(Account { code, name })
}

/// A row that only names an account, in one text cell: `科目：500101 办公费`,
/// `科目名称：单位管理费用`, or the account alone as a book printed one block
/// per account heads each block — a code of 3 or more digits with its name
/// (`30101 基本工资`, `5101 单位管理费用`, `【30201】办公费`) or a name jixiao
/// knows as an account (`单位管理费用`). A month title (`2017年1月`), a total
/// word (`本年累计`) or a count (`500 元`) is no account, and an account
/// without its label is read only where `bare_from` allows it: in the table's
/// first column (or left of it), as a block's title stands, not in a 摘要 column.
pub fn account_title_row(row: &Row, bare_from: Option<u32>) -> Option<(String, Account)> {
    let mut cells = row.cells().filter(|(_, v)| !v.is_empty());
    let (column, only) = cells.next()?;
    if cells.next().is_some() {
        return None;
    }
    let text = only.as_text()?;
    let trimmed = text.trim_start();
    if trimmed.starts_with("科目") || trimmed.starts_with("会计科目") {
        return account_in_title(trimmed).map(|account| (text.to_string(), account));
    }
    if bare_from.is_none_or(|start| column > start) {
        return None;
    }
    bare_account(trimmed).map(|account| (text.to_string(), account))
}

/// The account a block's title row writes without a 「科目：」 label (see
/// [`account_title_row`]).
fn bare_account(text: &str) -> Option<Account> {
    let text = text.trim();
    let (code, name) = split_code(text);
    let name = name.trim();
    let plain_name = !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        && name.chars().next().is_some_and(|c| !c.is_ascii())
        && !name.starts_with([
            '年', '月', '日', '元', '万', '号', '期', '个', '次', '笔', '张', '份', '页',
        ])
        && ![
            "合计", "小计", "累计", "承前", "过次", "转下", "接上", "期初", "期末", "余额", "本月",
            "本年", "上年", "以下",
        ]
        .iter()
        .any(|w| name.contains(w))
        && crate::dates::parse_month_label(name).is_none();
    if !plain_name {
        return None;
    }
    let account = Account {
        code,
        name: name.to_string(),
    };
    // A name alone is an account only when jixiao knows it as one.
    (account.code.is_some() || !is_unrecognised(&account)).then_some(account)
}

#[cfg(test)]
mod account_title_tests {
    use super::account_title_row;
    use crate::read::{CellValue, Row};

    fn one_cell(column: u32, text: &str) -> Row {
        Row::from_cells(5, [(column, CellValue::text(text))])
    }

    fn title(text: &str) -> Option<(Option<String>, String)> {
        account_title_row(&one_cell(0, text), Some(0)).map(|(_, a)| (a.code, a.name))
    }

    #[test]
    fn an_account_alone_on_its_row_is_a_block_title() {
        let coded = |code: &str, name: &str| Some((Some(code.to_string()), name.to_string()));
        assert_eq!(title("30101 基本工资"), coded("30101", "基本工资"));
        assert_eq!(title("5101 单位管理费用"), coded("5101", "单位管理费用"));
        assert_eq!(title("【30201】办公费"), coded("30201", "办公费"));
        assert_eq!(
            title("科目名称：30102 津贴补贴"),
            coded("30102", "津贴补贴")
        );
        assert_eq!(title("科目：7101 行政支出"), coded("7101", "行政支出"));
        assert_eq!(
            title("单位管理费用"),
            Some((None, "单位管理费用".to_string()))
        );
    }

    #[test]
    fn months_totals_counts_notes_and_summaries_are_no_account_title() {
        for text in [
            "2017年1月",
            "一月份",
            "本年累计",
            "承前页",
            "500 元押金退回",
            "以下空白",
            "某某局日常公用经费开支情况说明",
            "30101 基本工资 2017年",
        ] {
            assert_eq!(title(text), None, "{text}");
        }
        // An account written in the 摘要 column, away from the table's first column.
        assert!(account_title_row(&one_cell(3, "30101 基本工资"), Some(0)).is_none());
        // Only where bare titles may stand (not on a monthly table's row).
        assert!(account_title_row(&one_cell(0, "30101 基本工资"), None).is_none());
        assert!(account_title_row(&one_cell(0, "科目：30101 基本工资"), None).is_some());
        // Next to an amount it is a line, not a title.
        let line = Row::from_cells(
            5,
            [
                (0, CellValue::text("30101 基本工资")),
                (4, CellValue::Number(100.0)),
            ],
        );
        assert!(account_title_row(&line, Some(0)).is_none());
    }
}

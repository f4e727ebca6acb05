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

pub mod guess;
pub mod items;
pub mod kuan;
pub mod reversal;

pub use guess::{classify, guess_account, guess_text, own_classification, settle, Guess};
pub use items::{
    category_code, category_name, item_name, Item, ItemId, CATEGORIES, ITEMS, OTHER, UNCLASSIFIED,
};
pub use reversal::{reversal_in, voucher_number, Reversal, VoucherRef};

#[cfg(test)]
mod tests;

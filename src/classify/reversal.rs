//! What a 摘要 says of other lines: that it reverses one (冲销, 红冲 …) and
//! the voucher it names (`记-12`, `2017年3月记-12`).

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

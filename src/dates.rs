//! Calendar dates and months as ledgers write them.
//!
//! Excel date cells arrive from the reader already converted (see `read`);
//! this module reads the text forms (`2017-01-05`, `2017/1/5`, `2017.01.05`,
//! `20170105`, `2017年1月5日`), month labels (`一月`, `1月`, `01月`) and years
//! mentioned in titles (`2017年度…`).

/// A day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// Four-digit year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month, 1–31.
    pub day: u32,
}

impl CalendarDate {
    /// Builds a date when it exists in the calendar (no 2017-02-29).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        let valid = (1900..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Reads a date written as a number `yyyymmdd` (`20170105`).
    pub fn from_compact_number(value: f64) -> Option<Self> {
        if value.fract() != 0.0 || !(19_000_101.0..=99_991_231.0).contains(&value) {
            return None;
        }
        let n = value as u64;
        Self::new(
            (n / 10_000) as i32,
            (n / 100 % 100) as u32,
            (n % 100) as u32,
        )
    }
}

impl CalendarDate {
    /// Reads a bare number as an Excel 1900-system date serial, accepted only for
    /// days in 1990–2100 (serials 32874–73050) so that amounts are not taken for dates.
    pub fn from_plain_serial(serial: f64) -> Option<Self> {
        if serial.fract() != 0.0 || !(32_874.0..=73_050.0).contains(&serial) {
            return None;
        }
        // Days since 1899-12-30 (Excel's epoch once its 1900-02-29 is accounted for).
        let mut days = serial as i64 - 32_874; // serial 32874 is 1990-01-01
        let mut year = 1990;
        loop {
            let year_days = if days_in_month(year, 2) == 29 {
                366
            } else {
                365
            };
            if days < year_days {
                break;
            }
            days -= year_days;
            year += 1;
        }
        let mut month = 1;
        while days >= i64::from(days_in_month(year, month)) {
            days -= i64::from(days_in_month(year, month));
            month += 1;
        }
        Self::new(year, month, days as u32 + 1)
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The number of days in a month of a year (leap years counted).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads a date written as text; a time after the date (`2017-01-05 00:00:00`) is ignored.
///
/// ```
/// use jixiao::dates::{parse_date_text, CalendarDate};
///
/// let day = CalendarDate::new(2017, 1, 5);
/// assert_eq!(parse_date_text("2017年1月5日"), day);
/// assert_eq!(parse_date_text("20170105"), day);
/// assert_eq!(parse_date_text("2017-02-29"), None); // not a day
/// ```
pub fn parse_date_text(text: &str) -> Option<CalendarDate> {
    let text = text.trim();
    let date_part = text.split([' ', 'T']).next().unwrap_or(text);
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        return date_part
            .parse::<f64>()
            .ok()
            .and_then(CalendarDate::from_compact_number);
    }
    let numbers: Vec<&str> = date_part
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|s| !s.is_empty())
        .collect();
    let separators_ok = date_part
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'));
    if numbers.len() != 3 || !separators_ok || numbers[0].len() != 4 {
        return None;
    }
    let year = numbers[0].parse().ok()?;
    let month = numbers[1].parse().ok()?;
    let day = numbers[2].parse().ok()?;
    CalendarDate::new(year, month, day)
}

/// Reads `1月5日` (a date without its year) given the year from context.
pub fn parse_month_day_text(text: &str, year: i32) -> Option<CalendarDate> {
    let text = text.trim();
    let (month, rest) = text.split_once('月')?;
    let day = rest.strip_suffix('日').unwrap_or(rest);
    let valid = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !valid(month) || !valid(day) {
        return None;
    }
    CalendarDate::new(year, month.parse().ok()?, day.parse().ok()?)
}

/// Reads an accounting period: `2017年1期`, `2017年第1期`, `2017年01月`, `2017.01`,
/// `2017-01`, `2017/1`, `201701`; or a bare `1期` / `01` with the year from context.
/// Returns (year, month).
pub fn parse_period_text(text: &str, context_year: Option<i32>) -> Option<(i32, u32)> {
    let folded: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let folded = folded.trim_end_matches(['期', '月']).replace("第", "");
    if folded.len() == 6 && folded.bytes().all(|b| b.is_ascii_digit()) {
        let year = folded[..4].parse().ok()?;
        let month: u32 = folded[4..].parse().ok()?;
        return ((1..=12).contains(&month) && (1990..=2100).contains(&year))
            .then_some((year, month));
    }
    let parts: Vec<&str> = folded
        .split(['年', '.', '-', '/'])
        .filter(|p| !p.is_empty())
        .collect();
    let (year, month) = match parts.as_slice() {
        [year, month] if year.len() == 4 => (year.parse().ok()?, month),
        [month] => (context_year?, month),
        _ => return None,
    };
    let month: u32 = month.parse().ok()?;
    ((1..=12).contains(&month) && (1990..=2100).contains(&year)).then_some((year, month))
}

/// The month a sheet's name stands for: `1月`, `01月`, `一月`, `2017年1月`,
/// `2017-01`, `2017.01`, `201701`. Returns (year if named, month).
pub fn parse_sheet_month(name: &str) -> Option<(Option<i32>, u32)> {
    let name = name.trim();
    if let Some(month) = parse_month_label(name) {
        return Some((find_year_in_text(name), month));
    }
    let looks_like_period = name.len() >= 6
        && name
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/'));
    if looks_like_period {
        return parse_period_text(name, None).map(|(year, month)| (Some(year), month));
    }
    None
}

/// Reads a month cell of a 月 column: 1…12 as a number, `1`, `01`, `1月`, `一月`.
pub fn parse_month_cell_text(text: &str) -> Option<u32> {
    let trimmed = text.trim();
    if let Some(month) = parse_month_label(trimmed) {
        return Some(month);
    }
    let month: u32 = trimmed.parse().ok()?;
    (trimmed.len() <= 2 && (1..=12).contains(&month)).then_some(month)
}

const CHINESE_MONTHS: [&str; 12] = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];

/// The Chinese name of a month, 1 → `一月`; `None` outside 1–12.
pub fn chinese_month_name(month: u32) -> Option<&'static str> {
    CHINESE_MONTHS.get(month.checked_sub(1)? as usize).copied()
}

/// Reads a month label: `一月`…`十二月`, `1月`…`12月`, `01月`, `2017年1月`.
///
/// ```
/// use jixiao::dates::parse_month_label;
///
/// assert_eq!(parse_month_label("十一月"), Some(11));
/// assert_eq!(parse_month_label("2017年3月"), Some(3));
/// assert_eq!(parse_month_label("合计"), None);
/// ```
pub fn parse_month_label(text: &str) -> Option<u32> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let after_year = match text.split_once('年') {
        Some((year, rest)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => text.as_str(),
    };
    let after_year = after_year.strip_suffix("份").unwrap_or(after_year);
    if let Some(position) = CHINESE_MONTHS.iter().position(|m| *m == after_year) {
        return Some(position as u32 + 1);
    }
    let digits = after_year.strip_suffix('月')?;
    let month: u32 = digits.parse().ok()?;
    (digits.len() <= 2 && (1..=12).contains(&month)).then_some(month)
}

/// Finds a year written as `2017年` in free text (a title, a header, a sheet name).
pub fn find_year_in_text(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    for (i, window) in chars.windows(5).enumerate() {
        if window[4] == '年' && window[..4].iter().all(|c| c.is_ascii_digit()) {
            let before_is_digit = i > 0 && chars[i - 1].is_ascii_digit();
            let year: i32 = window[..4].iter().collect::<String>().parse().ok()?;
            if !before_is_digit && (1990..=2100).contains(&year) {
                return Some(year);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;

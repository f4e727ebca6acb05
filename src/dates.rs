//! Calendar dates and months as ledgers write them.
//!
//! Excel date cells arrive from the reader already converted (see `read`);
//! this module reads the text forms (`2017-01-05`, `2017/1/5`, `2017.01.05`,
//! `20170105`, `2017年1月5日`), month labels (`一月`, `1月`, `01月`) and years
//! mentioned in titles (`2017年度…`).

/// A day of the Gregorian calendar.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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

/// Reads a date written as text; a time after the date (`2017-01-05 00:00:00`)
/// is ignored, and a two-digit year (`17-1-5`, `17.01.05`) is of this century.
///
/// ```
/// use jixiao::dates::{parse_date_text, CalendarDate};
///
/// let day = CalendarDate::new(2017, 1, 5);
/// assert_eq!(parse_date_text("2017年1月5日"), day);
/// assert_eq!(parse_date_text("20170105"), day);
/// assert_eq!(parse_date_text("2017-02-29"), None); // not a day
/// assert_eq!(parse_date_text("17-1-5"), day); // a two-digit year
/// assert_eq!(parse_date_text("17年1月5日"), day);
/// assert_eq!(parse_date_text("1.15"), None); // month and day: see parse_month_day
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
    if numbers.len() != 3 || !separators_ok || !matches!(numbers[0].len(), 2 | 4) {
        return None;
    }
    // `17-1-5`, `17年1月5日`: a two-digit year is of this century, as hand-kept
    // books and Excel's own `yy-m-d` mean it.
    let year = match numbers[0].parse::<i32>().ok()? {
        short if numbers[0].len() == 2 => 2000 + short,
        year => year,
    };
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

/// A date written with its month and day only, as hand-kept books do: the
/// month, and the day when it is certain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month when it is certain; `None` for a number like `1.1`,
    /// which Excel stores for both `1.1` and `1.10`.
    pub day: Option<u32>,
}

impl MonthDay {
    /// The calendar day in `year`, or the month's first day when the day is
    /// not certain; `None` when the day does not exist in that year (`2.29` in 2017).
    pub fn in_year(self, year: i32) -> Option<CalendarDate> {
        CalendarDate::new(year, self.month, self.day.unwrap_or(1))
    }
}

/// True when `day` can be a day of `month` in some year (29 February included).
fn day_of_month(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(2000, month)
}

/// Reads a day-and-month text without a year: `1.15`, `3.5`, `01.15`, `1-15`,
/// `1/15`, `1月15日`, `1月15`. The day must exist in the month (in a leap year).
///
/// ```
/// use jixiao::dates::{parse_month_day, MonthDay};
///
/// assert_eq!(parse_month_day("1.15"), Some(MonthDay { month: 1, day: Some(15) }));
/// assert_eq!(parse_month_day("3月5日"), Some(MonthDay { month: 3, day: Some(5) }));
/// assert_eq!(parse_month_day("13.1"), None); // no 13th month
/// assert_eq!(parse_month_day("2017.01"), None); // a period, not a day
/// ```
pub fn parse_month_day(text: &str) -> Option<MonthDay> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let (month, day) = if let Some((month, rest)) = text.split_once('月') {
        (month, rest.strip_suffix('日').unwrap_or(rest))
    } else {
        let separator = text.find(['.', '-', '/'])?;
        let (month, rest) = text.split_at(separator);
        (month, &rest[1..])
    };
    if !digits(month) || !digits(day) {
        return None;
    }
    let (month, day): (u32, u32) = (month.parse().ok()?, day.parse().ok()?);
    day_of_month(month, day).then_some(MonthDay {
        month,
        day: Some(day),
    })
}

/// Reads a number cell that holds a day and month typed as `1.15` (Excel keeps
/// the number 1.15; `1.10` becomes 1.1): the month is the whole part, 1–12,
/// and the day the digits after the point. A number without a fraction, with
/// more than two decimals, or whose day cannot be, is no date.
///
/// ```
/// use jixiao::dates::{month_day_from_number, MonthDay};
///
/// assert_eq!(month_day_from_number(1.15), Some(MonthDay { month: 1, day: Some(15) }));
/// assert_eq!(month_day_from_number(1.1).map(|d| d.month), Some(1)); // 1.1 or 1.10
/// assert_eq!(month_day_from_number(12.0), None);
/// assert_eq!(month_day_from_number(2.31), None);
/// assert_eq!(month_day_from_number(1234.56), None);
/// ```
pub fn month_day_from_number(value: f64) -> Option<MonthDay> {
    if !value.is_finite() || value.fract() == 0.0 || !(1.0..13.0).contains(&value) {
        return None;
    }
    // Rust prints the shortest text that reads back as the same number: 1.15, 1.1.
    let shown = format!("{value}");
    let (whole, fraction) = shown.split_once('.')?;
    let month: u32 = whole.parse().ok()?;
    let first: u32 = fraction.get(..1)?.parse().ok()?;
    let day = match fraction.len() {
        2 => Some(fraction.parse().ok()?),
        // `1.1` is 1.1 or 1.10; `2.3` can only be the 3rd (no 30 February).
        1 if day_of_month(month, first * 10) && first != 0 => None,
        1 => Some(first),
        _ => return None,
    };
    match day {
        Some(day) if !day_of_month(month, day) => None,
        day => (1..=12).contains(&month).then_some(MonthDay { month, day }),
    }
}

/// Finds a year written without 年 in a name: `2017支出`, `台账2017`,
/// `2017-办公经费`. Only four digits standing alone (not part of `20170105`)
/// in 1990–2100 count, and only when every such number names the same year.
pub fn find_bare_year(text: &str) -> Option<i32> {
    let mut found: Option<i32> = None;
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            run.push(c);
            continue;
        }
        if run.len() == 4 {
            let year: i32 = run.parse().ok()?;
            if (1990..=2100).contains(&year) {
                if found.is_some_and(|f| f != year) {
                    return None;
                }
                found = Some(year);
            }
        }
        run.clear();
    }
    found
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
    // `2017-01`, `2017.01`, `201701`: a period written in the month column.
    if let Some((_, month)) = parse_period_text(trimmed, None) {
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

/// A book's span of months across two years, as a fiscal-year title names it
/// (`2016年9月—2017年8月`): a date written with its month and day only takes
/// the year of the span's part that holds its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthSpan {
    /// The first month: (year, month).
    pub start: (i32, u32),
    /// The last month: (year, month), in the year after `start`'s.
    pub end: (i32, u32),
}

impl MonthSpan {
    /// The year a month of the span falls in: months from the start month on
    /// are the start year's, the months before it the end year's.
    pub fn year_of(&self, month: u32) -> i32 {
        if month >= self.start.1 {
            self.start.0
        } else {
            self.end.0
        }
    }

    /// The span as 数据检查 says it: `9—12 月为 2016 年，1—8 月为 2017 年`.
    pub fn describe(&self) -> String {
        let first = if self.start.1 == 12 {
            "12 月".to_string()
        } else {
            format!("{}—12 月", self.start.1)
        };
        let second = if self.start.1 == 2 {
            "1 月".to_string()
        } else {
            format!("1—{} 月", self.start.1 - 1)
        };
        format!(
            "{first}为 {} 年，{second}为 {} 年",
            self.start.0, self.end.0
        )
    }
}

/// Finds a span of months across two years in free text (a title, a sheet or
/// file name): `2016年9月—2017年8月`, `2016年9月至2017年8月`, `2016.9-2017.8`,
/// `2016-09～2017-08`, `2016年9月1日至2017年8月31日`. Only a span of at most
/// twelve months that runs into the next year counts: within one year every
/// date takes that year anyway, and a longer span leaves months in two years.
///
/// ```
/// use jixiao::dates::find_month_span;
///
/// let span = find_month_span("2016年9月—2017年8月经费支出登记簿").unwrap();
/// assert_eq!((span.start, span.end), ((2016, 9), (2017, 8)));
/// assert_eq!((span.year_of(12), span.year_of(1)), (2016, 2017));
/// assert!(find_month_span("2016.9-2017.8").is_some());
/// assert!(find_month_span("2017年1月—2017年8月").is_none()); // one year
/// assert!(find_month_span("2016年1月—2017年8月").is_none()); // 1—8 月 twice
/// ```
pub fn find_month_span(text: &str) -> Option<MonthSpan> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).find_map(|i| {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            return None;
        }
        let (start, next) = year_month_at(&chars, i)?;
        let mut j = next;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        let dashes = chars[j.min(chars.len())..]
            .iter()
            .take_while(|c| matches!(c, '—' | '–' | '-' | '－' | '―' | '~' | '～'))
            .count();
        j += match chars.get(j) {
            Some('至' | '到') => 1,
            _ if (1..=2).contains(&dashes) => dashes,
            _ => return None,
        };
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        let (end, _) = year_month_at(&chars, j)?;
        (end.0 == start.0 + 1 && end.1 < start.1).then_some(MonthSpan { start, end })
    })
}

/// A year and month written at `chars[i..]` (`2016年9月`, `2016.09`, `2016-9`,
/// a day after it skipped: `2016年9月1日`, `2016-09-01`), and where it ends.
fn year_month_at(chars: &[char], i: usize) -> Option<((i32, u32), usize)> {
    let digits_from = |from: usize, most: usize| {
        chars[from.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .take(most + 1)
            .count()
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        chars[from..from + len]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    };
    if digits_from(i, 4) != 4 {
        return None;
    }
    let year = number(i, 4)? as i32;
    let separator = *chars.get(i + 4)?;
    if !matches!(separator, '年' | '.' | '-' | '/') || !(1990..=2100).contains(&year) {
        return None;
    }
    let month_len = digits_from(i + 5, 2);
    if !(1..=2).contains(&month_len) {
        return None;
    }
    let month = number(i + 5, month_len)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut end = i + 5 + month_len;
    if separator == '年' {
        if chars.get(end) != Some(&'月') {
            return None;
        }
        end += 1;
        if chars.get(end) == Some(&'份') {
            end += 1;
        }
        let day_len = digits_from(end, 2);
        if (1..=2).contains(&day_len) && chars.get(end + day_len) == Some(&'日') {
            end += day_len + 1;
        }
    } else if chars.get(end) == Some(&separator) {
        // A day after the month (`2016-09-01`), not the next year (`2016-9-2017-8`).
        let day_len = digits_from(end + 1, 2);
        if (1..=2).contains(&day_len) {
            end += day_len + 1;
        }
    }
    Some(((year, month), end))
}

/// A period written as a range of days or of compact months, each end as
/// (year, month): `2017-01-01至2017-01-31`, `2017年1月1日至2017年1月31日`,
/// `2017/01/01-2017/01/31`, `2017-01-01 至 2017-01-31`, `201701-201701`.
/// Both ends must be of the same form and the range must not run backwards.
/// A single date (`打印日期：2017-04-05`) is no range and names no period.
///
/// ```
/// use jixiao::dates::period_ranges_in;
///
/// assert_eq!(period_ranges_in("日期：2017-01-01至2017-01-31"), vec![((2017, 1), (2017, 1))]);
/// assert_eq!(period_ranges_in("期间：201701-201703"), vec![((2017, 1), (2017, 3))]);
/// assert!(period_ranges_in("打印日期：2017-04-05").is_empty());
/// ```
pub fn period_ranges_in(text: &str) -> Vec<((i32, u32), (i32, u32))> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((start, after_start)) = range_end_at(&chars, i) else {
            i += 1;
            continue;
        };
        let mut j = after_start;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        if !matches!(
            chars.get(j),
            Some('至' | '到' | '-' | '—' | '－' | '~' | '～')
        ) {
            i = after_start;
            continue;
        }
        j += 1;
        while chars.get(j).is_some_and(|c| c.is_whitespace()) {
            j += 1;
        }
        match range_end_at(&chars, j) {
            Some((end, after_end)) if end.is_day == start.is_day && end.key() >= start.key() => {
                found.push((start.month(), end.month()));
                i = after_end;
            }
            _ => i = after_start,
        }
    }
    found
}

/// One end of a written period range: a day, or a month alone (`201701`).
#[derive(Debug, Clone, Copy)]
struct RangeEnd {
    year: i32,
    month: u32,
    day: u32,
    is_day: bool,
}

impl RangeEnd {
    fn month(self) -> (i32, u32) {
        (self.year, self.month)
    }

    fn key(self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }
}

/// Reads a range end starting at `at`: `2017-01-31`, `2017/1/31`, `2017.01.31`,
/// `2017年1月31日`, `20170131` (days) or `201701` (a month); with the position after it.
fn range_end_at(chars: &[char], at: usize) -> Option<(RangeEnd, usize)> {
    if at > 0 && chars[at - 1].is_ascii_digit() {
        return None;
    }
    let digits = |from: usize| -> usize {
        chars.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|c| c.is_ascii_digit()).count()
        })
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        chars
            .get(from..from + len)?
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    };
    let run = digits(at);
    let (year, month, day, end) = match run {
        8 | 6 => {
            let day = if run == 8 { number(at + 6, 2)? } else { 1 };
            (number(at, 4)? as i32, number(at + 4, 2)?, day, at + run)
        }
        4 => {
            let year = number(at, 4)? as i32;
            let separator = *chars.get(at + 4)?;
            let (month_end, day_end) = match separator {
                '-' | '/' | '.' => (separator, separator),
                '年' => ('月', '日'),
                _ => return None,
            };
            let month_at = at + 5;
            let month_len = digits(month_at);
            if !(1..=2).contains(&month_len) || chars.get(month_at + month_len) != Some(&month_end)
            {
                return None;
            }
            let day_at = month_at + month_len + 1;
            let day_len = digits(day_at);
            if !(1..=2).contains(&day_len) {
                return None;
            }
            let mut end = day_at + day_len;
            if day_end == '日' {
                if chars.get(end) != Some(&'日') {
                    return None;
                }
                end += 1;
            }
            (
                year,
                number(month_at, month_len)?,
                number(day_at, day_len)?,
                end,
            )
        }
        _ => return None,
    };
    if chars.get(end).is_some_and(char::is_ascii_digit) || !(1990..=2100).contains(&year) {
        return None;
    }
    CalendarDate::new(year, month, day)?;
    let is_day = run != 6;
    Some((
        RangeEnd {
            year,
            month,
            day,
            is_day,
        },
        end,
    ))
}

#[cfg(test)]
mod period_range_tests {
    use super::period_ranges_in;

    #[test]
    fn ranges_of_days_and_of_compact_months_give_their_ends_months() {
        for text in [
            "单位名称：某某局    日期：2017-01-01至2017-01-31    单位：元",
            "2017年1月1日至2017年1月31日",
            "起止日期：2017/01/01-2017/01/31",
            "2017-01-01 至 2017-01-31",
            "2017.1.1~2017.1.31",
            "20170101-20170131",
            "会计期间：201701-201701",
        ] {
            assert_eq!(
                period_ranges_in(text),
                vec![((2017, 1), (2017, 1))],
                "{text}"
            );
        }
        assert_eq!(
            period_ranges_in("日期：2017-01-01至2017-03-31"),
            vec![((2017, 1), (2017, 3))]
        );
        assert_eq!(
            period_ranges_in("期间：201701-201712"),
            vec![((2017, 1), (2017, 12))]
        );
    }

    #[test]
    fn single_dates_backward_or_mixed_ranges_and_non_days_are_no_range() {
        for text in [
            "打印日期：2017-04-05",
            "2017-01-31至2017-01-01",
            "2017-01-01至201701",
            "2017-02-30至2017-02-31",
            "凭证号 20170101-3",
            "12017-01-01至2017-01-31",
            "2017年1月至3月",
            "2017.01-2017.03",
        ] {
            assert!(period_ranges_in(text).is_empty(), "{text}");
        }
    }
}

#[cfg(test)]
mod tests;

//! 预算执行动态监控: the mark the bureau's monitoring gives a unit by how far
//! its 累计执行率 lags 序时进度 — red below it by more than
//! [`RED_POINTS`] percentage points, yellow by more than [`YELLOW_POINTS`],
//! green otherwise. The bureau's `--summary` states the rules on its sheet
//! (where they can be changed, and the marks follow).

use crate::money::round_dp;
use rust_decimal::Decimal;

/// Red: 累计执行率 below 序时进度 by more than this many points.
pub const RED_POINTS: i64 = 10;
/// Yellow: below it by more than this many points (and not red).
pub const YELLOW_POINTS: i64 = 5;

/// A unit's mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alert {
    /// Far behind: a talk with the unit.
    Red,
    /// Behind: a warning.
    Yellow,
    /// On pace, or ahead.
    Green,
}

impl Alert {
    /// The mark as the summary shows it: 红, 黄, 绿.
    pub fn label(self) -> &'static str {
        match self {
            Alert::Red => "红",
            Alert::Yellow => "黄",
            Alert::Green => "绿",
        }
    }

    /// The code `--json` gives it: `red`, `yellow`, `green`.
    pub fn code(self) -> &'static str {
        match self {
            Alert::Red => "red",
            Alert::Yellow => "yellow",
            Alert::Green => "green",
        }
    }
}

/// The gap (累计执行率 − 序时进度, a ratio) in percentage points, as the
/// summary's formula compares it: to four decimals.
pub fn gap_points(gap: Decimal) -> Decimal {
    round_dp(gap * Decimal::ONE_HUNDRED, 4)
}

/// The mark for a gap by the default rules.
///
/// ```
/// use jixiao::monitor::{alert, Alert};
/// use rust_decimal::Decimal;
///
/// let gap = |points: i64| Decimal::new(points, 2); // points ÷ 100
/// assert_eq!(alert(gap(-11)), Alert::Red);
/// assert_eq!(alert(gap(-10)), Alert::Yellow); // by more than 10: not at 10
/// assert_eq!(alert(gap(-5)), Alert::Green);
/// ```
pub fn alert(gap: Decimal) -> Alert {
    let points = gap_points(gap);
    if points < -Decimal::from(RED_POINTS) {
        Alert::Red
    } else if points < -Decimal::from(YELLOW_POINTS) {
        Alert::Yellow
    } else {
        Alert::Green
    }
}

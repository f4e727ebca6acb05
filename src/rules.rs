//! The seed's grading rules: the monthly share of the budget and the four bands.
//!
//! The year's budget (预算收入, 万元) is split over 12 months. A month whose
//! spending reaches 90 % of that share is 优秀, 80 % 良好, 70 % 中等, 60 % 及格,
//! anything below 差. Thresholds are rounded to 0.01 万元 half away from zero,
//! so 322.95 gives 24.22 / 21.53 / 18.84 / 16.15 exactly as the seed states.

use crate::money::round_cents;
use rust_decimal::Decimal;

/// A performance grade (绩效等级).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Grade {
    /// 优秀: at least 90 % of the monthly share.
    Excellent,
    /// 良好: at least 80 %.
    Good,
    /// 中等: at least 70 %.
    Fair,
    /// 及格: at least 60 %.
    Pass,
    /// 差: below 60 %.
    Poor,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 5] = [
        Grade::Excellent,
        Grade::Good,
        Grade::Fair,
        Grade::Pass,
        Grade::Poor,
    ];

    /// The grade's Chinese name, as the bureau writes it.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优秀",
            Grade::Good => "良好",
            Grade::Fair => "中等",
            Grade::Pass => "及格",
            Grade::Poor => "差",
        }
    }

    /// The rectification measure (整改办法). The seed has no 及格 row; 及格
    /// takes 查缺预防 like 中等 (docs/rules.md).
    pub fn measure(self) -> &'static str {
        match self {
            Grade::Excellent | Grade::Good => "保持",
            Grade::Fair | Grade::Pass => "查缺预防",
            Grade::Poor => "加快资金支出进度",
        }
    }
}

/// One band of the rules: spending at or above `threshold_wan` earns `grade`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Band {
    /// The grade this band gives.
    pub grade: Grade,
    /// Percent of the monthly share (90, 80, 70, 60).
    pub percent: Decimal,
    /// The monthly threshold in 万元, rounded to 0.01.
    pub threshold_wan: Decimal,
}

/// How 序时进度 (the share of the year elapsed) is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ProgressBasis {
    /// Months elapsed ÷ 12 (the default).
    #[default]
    Months,
    /// Days elapsed to the month's end ÷ days in the year.
    Days,
}

/// The seed's bands: 优秀, 良好, 中等, 及格 at these percents of the monthly share.
pub const SEED_PERCENTS: [i64; 4] = [90, 80, 70, 60];

/// The rules for one year: budget, monthly share and thresholds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rules {
    /// The year's budget (预算收入) in 万元, as given.
    pub budget_wan: Decimal,
    /// budget / 12, unrounded.
    pub monthly_share_wan: Decimal,
    /// The graded bands, best first; below the last one is 差.
    pub bands: Vec<Band>,
    /// 整改办法 per grade, 优秀 … 差.
    pub measures: [String; 5],
    /// How 序时进度 is measured.
    pub progress: ProgressBasis,
}

impl Rules {
    /// The seed's rules for a budget in 万元 (90 / 80 / 70 / 60 % of budget / 12).
    ///
    /// ```
    /// use jixiao::rules::Rules;
    ///
    /// let rules = Rules::from_budget("322.95".parse().unwrap());
    /// let thresholds: Vec<String> = rules.bands.iter().map(|b| b.threshold_wan.to_string()).collect();
    /// assert_eq!(thresholds, ["24.22", "21.53", "18.84", "16.15"]);
    /// ```
    pub fn from_budget(budget_wan: Decimal) -> Self {
        Self::with_bands(
            budget_wan,
            SEED_PERCENTS.map(Decimal::from),
            Grade::ALL.map(|g| g.measure().to_string()),
            ProgressBasis::Months,
        )
    }

    /// Rules with other percents (优秀, 良好, 中等, 及格, descending), measures
    /// (优秀 … 差) and 序时进度 basis, as settings may give them.
    pub fn with_bands(
        budget_wan: Decimal,
        percents: [Decimal; 4],
        measures: [String; 5],
        progress: ProgressBasis,
    ) -> Self {
        let monthly_share_wan = budget_wan / Decimal::from(12);
        let bands = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Pass]
            .into_iter()
            .zip(percents)
            .map(|(grade, percent)| {
                Band {
                    grade,
                    percent,
                    // budget × percent / 1200 keeps the product exact before the one rounding.
                    threshold_wan: round_cents(budget_wan * percent / Decimal::from(1200)),
                }
            })
            .collect();
        Self {
            budget_wan,
            monthly_share_wan,
            bands,
            measures,
            progress,
        }
    }

    /// The 整改办法 of a grade under these rules.
    pub fn measure(&self, grade: Grade) -> &str {
        let index = Grade::ALL.iter().position(|g| *g == grade).unwrap_or(4);
        &self.measures[index]
    }

    /// 序时进度 at the end of `month` of `year`: months ÷ 12, or days elapsed ÷ days in the year.
    pub fn elapsed(&self, year: i32, month: u32) -> Decimal {
        match self.progress {
            ProgressBasis::Months => Decimal::from(month) / Decimal::from(12),
            ProgressBasis::Days => {
                let days_to =
                    |m: u32| -> u32 { (1..=m).map(|k| crate::dates::days_in_month(year, k)).sum() };
                Decimal::from(days_to(month)) / Decimal::from(days_to(12))
            }
        }
    }

    /// 序时进度 on a day of a month in progress: days elapsed to that day ÷
    /// days in the year by days; by months, the months ended before it ÷ 12.
    pub fn elapsed_on(&self, day: crate::dates::CalendarDate) -> Decimal {
        match self.progress {
            ProgressBasis::Months => Decimal::from(day.month - 1) / Decimal::from(12),
            ProgressBasis::Days => {
                Decimal::from(crate::as_of::day_of_year(day))
                    / Decimal::from(crate::as_of::days_in_year(day.year))
            }
        }
    }

    /// Grades a month's spending in 万元: the amount is rounded to 0.01 first and
    /// compared with each displayed threshold, inclusive (以上 means ≥).
    ///
    /// ```
    /// use jixiao::rules::{Grade, Rules};
    ///
    /// let rules = Rules::from_budget("322.95".parse().unwrap());
    /// assert_eq!(rules.grade("24.22".parse().unwrap()), Grade::Excellent);
    /// assert_eq!(rules.grade("21.525".parse().unwrap()), Grade::Good); // shown 21.53
    /// assert_eq!(rules.grade("16.14".parse().unwrap()).label(), "差");
    /// ```
    pub fn grade(&self, amount_wan: Decimal) -> Grade {
        let shown = round_cents(amount_wan);
        self.bands
            .iter()
            .find(|band| shown >= band.threshold_wan)
            .map_or(Grade::Poor, |band| band.grade)
    }

    /// The lowest passing threshold (及格线); spending below it is 差.
    pub fn pass_line_wan(&self) -> Decimal {
        self.bands
            .last()
            .map_or(Decimal::ZERO, |band| band.threshold_wan)
    }
}

#[cfg(test)]
mod tests;

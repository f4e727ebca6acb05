use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn seed_rules() -> Rules {
    Rules::from_budget(d("322.95"))
}

#[test]
fn seed_thresholds_are_reproduced() {
    let thresholds: Vec<String> = seed_rules()
        .bands
        .iter()
        .map(|b| b.threshold_wan.to_string())
        .collect();
    assert_eq!(thresholds, ["24.22", "21.53", "18.84", "16.15"]);
}

#[test]
fn grades_at_under_and_over_every_threshold() {
    let rules = seed_rules();
    let cases = [
        ("24.23", Grade::Excellent),
        ("24.22", Grade::Excellent),
        ("24.21", Grade::Good),
        ("21.54", Grade::Good),
        ("21.53", Grade::Good),
        ("21.525", Grade::Good), // shown 21.53
        ("21.52", Grade::Fair),
        ("21.5249", Grade::Fair), // shown 21.52
        ("18.85", Grade::Fair),
        ("18.84", Grade::Fair),
        ("18.83", Grade::Pass),
        ("16.16", Grade::Pass),
        ("16.15", Grade::Pass),
        ("16.145", Grade::Pass), // shown 16.15
        ("16.14", Grade::Poor),
        ("0", Grade::Poor),
        ("-3.5", Grade::Poor),
    ];
    for (amount, expected) in cases {
        assert_eq!(rules.grade(d(amount)), expected, "amount {amount}");
    }
}

#[test]
fn seed_months_get_seed_grades() {
    let rules = seed_rules();
    let months = [
        "26.54", "4.44", "62.29", "59.21", "28.34", "27.68", "41.69", "23.24",
    ];
    let grades: Vec<&str> = months.iter().map(|m| rules.grade(d(m)).label()).collect();
    assert_eq!(
        grades,
        ["优秀", "差", "优秀", "优秀", "优秀", "优秀", "优秀", "良好"]
    );
}

#[test]
fn measures_follow_the_seed_table() {
    let measures: Vec<&str> = Grade::ALL.iter().map(|g| g.measure()).collect();
    assert_eq!(
        measures,
        ["保持", "保持", "查缺预防", "查缺预防", "加快资金支出进度"]
    );
}

#[test]
fn elapsed_time_by_months_or_days() {
    let rules = seed_rules();
    assert_eq!(rules.elapsed(2017, 8), d("8") / d("12"));
    let days = Rules {
        progress: ProgressBasis::Days,
        ..seed_rules()
    };
    assert_eq!(days.elapsed(2017, 2), d("59") / d("365"));
    assert_eq!(days.elapsed(2016, 2), d("60") / d("366"));
    assert_eq!(days.elapsed(2017, 12), d("1"));
}

#[test]
fn bands_and_measures_can_be_set() {
    let measures = ["甲", "乙", "丙", "丁", "戊"].map(String::from);
    let rules = Rules::with_bands(
        d("120"),
        [95, 85, 75, 65].map(Decimal::from),
        measures,
        ProgressBasis::Months,
    );
    assert_eq!(rules.bands[0].threshold_wan, d("9.50"));
    assert_eq!(rules.grade(d("9.49")), Grade::Good);
    assert_eq!(rules.measure(Grade::Poor), "戊");
}

#[test]
fn thresholds_round_half_away_from_zero() {
    // 120.5 × 60 % / 12 = 6.025 exactly: half away from zero gives 6.03
    // (banker's rounding would give 6.02).
    let rules = Rules::from_budget(d("120.5"));
    assert_eq!(rules.pass_line_wan(), d("6.03"));
}

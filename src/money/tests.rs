use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn rounds_half_away_from_zero() {
    assert_eq!(round_cents(d("21.525")), d("21.53"));
    assert_eq!(round_cents(d("21.524999")), d("21.52"));
    assert_eq!(round_cents(d("-0.005")), d("-0.01"));
    assert_eq!(round_cents(d("24.22125")), d("24.22"));
}

#[test]
fn float_noise_is_removed_by_rounding_to_cents() {
    let cents = |f: f64| decimal_from_f64(f).map(round_cents);
    assert_eq!(cents(7.000_000_000_000_001), Some(d("7.00")));
    assert_eq!(cents(0.1 + 0.2), Some(d("0.30")));
    assert_eq!(decimal_from_f64(24.215), Some(d("24.215")));
    assert_eq!(decimal_from_f64(f64::NAN), None);
    assert_eq!(decimal_from_f64(1e300), None);
}

#[test]
fn formats_two_decimals() {
    assert_eq!(format_cents(d("26.5")), "26.50");
    assert_eq!(format_cents(d("4.444")), "4.44");
    assert_eq!(format_cents(d("-0.001")), "0.00");
    assert_eq!(format_cents(Decimal::ZERO), "0.00");
}

#[test]
fn reads_amount_text() {
    let ok = |s: &str| parse_amount_text(s).unwrap();
    assert_eq!(ok("12,345.67"), Some(d("12345.67")));
    assert_eq!(ok("１２，３４５．６７"), Some(d("12345.67")));
    assert_eq!(ok("¥1,200"), Some(d("1200")));
    assert_eq!(ok("￥ 86.40元"), Some(d("86.40")));
    assert_eq!(ok("(1,234.00)"), Some(d("-1234.00")));
    assert_eq!(ok("（86.40）"), Some(d("-86.40")));
    assert_eq!(ok("−12.5"), Some(d("-12.5")));
    assert_eq!(ok("-"), None);
    assert_eq!(ok("  "), None);
    assert_eq!(ok(".5"), Some(d("0.5")));
    for blank in ["/", "无", "以下空白", "（以下空白）", "***以下空白***"] {
        assert_eq!(ok(blank), None, "{blank}");
    }
}

#[test]
fn refuses_ambiguous_amount_text() {
    for bad in [
        "1.234,56",
        "12,34",
        "TBC",
        "1,2345.00",
        "12.3.4",
        "1e5",
        "12.",
    ] {
        assert!(parse_amount_text(bad).is_err(), "{bad} should be refused");
    }
}

#[test]
fn an_amount_that_cannot_be_summed_is_refused_not_a_panic() {
    let wan = Decimal::from(10_000);
    assert_eq!(amount_in_yuan(d("12.345"), Decimal::ONE), Some(d("12.35")));
    assert_eq!(amount_in_yuan(d("-1.5"), wan), Some(d("-15000")));
    // 29 digits: parses, but a sum of two would overflow.
    let huge = d("79228162514264337593543950335");
    assert_eq!(amount_in_yuan(huge, Decimal::ONE), None);
    assert_eq!(amount_in_yuan(-huge, Decimal::ONE), None);
    // The product itself overflows: checked, not a panic.
    assert_eq!(amount_in_yuan(d("7922816251426433759354395033"), wan), None);
    // The limit is 10¹⁵ 元, exclusive, in 元 after the unit.
    assert_eq!(
        amount_in_yuan(d("999999999999999.99"), Decimal::ONE),
        Some(d("999999999999999.99"))
    );
    assert_eq!(amount_in_yuan(d("1000000000000000"), Decimal::ONE), None);
    assert_eq!(amount_in_yuan(d("100000000000"), wan), None);
}

use super::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn totals(months: &[(u32, &str)]) -> MonthlyTotals {
    let mut totals = MonthlyTotals::new(2017);
    for (month, amount) in months {
        totals.months_wan[(*month - 1) as usize] = Some(d(amount));
    }
    totals
}

#[test]
fn months_after_the_last_with_data_are_not_due() {
    let year = grade_year(
        &totals(&[(1, "26.54"), (3, "62.29")]),
        Rules::from_budget(d("322.95")),
    )
    .unwrap();
    assert_eq!(year.last_due_month, 3);
    assert_eq!(year.months[0].status, MonthStatus::Graded(Grade::Excellent));
    // February has no entries but lies before March: 0.00, graded 差.
    assert_eq!(year.months[1].amount_wan, d("0"));
    assert_eq!(year.months[1].status, MonthStatus::Graded(Grade::Poor));
    assert!(year.months[3..]
        .iter()
        .all(|m| m.status == MonthStatus::NotDue));
    assert_eq!(year.total_wan, d("88.83"));
    assert_eq!(year.count(Grade::Excellent), 2);
}

#[test]
fn grading_uses_the_rounded_amount() {
    let year = grade_year(
        &totals(&[(1, "21.525"), (2, "21.5249")]),
        Rules::from_budget(d("322.95")),
    )
    .unwrap();
    assert_eq!(year.months[0].amount_wan, d("21.53"));
    assert_eq!(year.months[0].grade(), Some(Grade::Good));
    assert_eq!(year.months[1].grade(), Some(Grade::Fair));
}

#[test]
fn a_year_without_data_is_not_graded() {
    assert_eq!(grade_year(&totals(&[]), Rules::from_budget(d("100"))), None);
}

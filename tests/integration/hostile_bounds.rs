//! Issue 20, points 4–6: hostile inputs built in code end in a result or a
//! Chinese message, in bounded work.

use crate::support::{jixiao, json_of, read_sheet, stderr_of, write_fixture, Fx, TempDir};
use Fx::{D, N, S};

/// Point 6: an amount that cannot be summed — 29 digits as text, or as a
/// number — is left out as unreadable, named by its cell; the other lines
/// are graded.
#[test]
fn an_amount_too_big_to_sum_is_left_out_with_its_cell() {
    let rows = vec![
        vec![S("日期"), S("摘要"), S("金额")],
        vec![D(2017, 1, 10), S("工资"), N(250_000.0)],
        vec![
            D(2017, 1, 11),
            S("办公费"),
            S("79228162514264337593543950335"),
        ],
        vec![
            D(2017, 1, 12),
            S("办公费"),
            S("79228162514264337593543950335"),
        ],
        vec![D(2017, 1, 13), S("差旅费"), N(7.9e28)],
        vec![
            D(2017, 1, 14),
            S("印刷费"),
            S("99999999999999999999999999999999"),
        ],
        vec![D(2017, 1, 15), S("邮电费"), N(1_000.0)],
    ];
    let dir = TempDir::new("amount-too-big");
    let input = dir.path().join("台账.xlsx");
    write_fixture(&input, "Sheet1", &rows);
    let output = jixiao([
        "--budget".as_ref(),
        "322.95".as_ref(),
        "--json".as_ref(),
        input.as_os_str(),
    ]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("超出了计算范围"), "{stderr}");
    for cell in ["C3", "C4", "C5", "C6"] {
        assert!(
            stderr.contains(&format!("需要检查 Sheet1!{cell}：金额无法识别")),
            "{cell}: {stderr}"
        );
    }
    let json = json_of(&output);
    let january = &json["files"][0]["years"][0]["months"][0];
    assert_eq!(january["amount_wan"].as_str(), Some("25.10"), "{json}");
    let check = read_sheet(&dir.path().join("台账_绩效自评.xlsx"), Some("数据检查"));
    let listed: Vec<&str> = check
        .iter()
        .filter_map(|r| r.first())
        .filter(|a| a.starts_with("Sheet1!"))
        .map(String::as_str)
        .collect();
    assert_eq!(listed, ["Sheet1!C3", "Sheet1!C4", "Sheet1!C5", "Sheet1!C6"]);
}

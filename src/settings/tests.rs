use super::*;

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn parse(text: &str) -> Result<Settings> {
    parse_file(text, Path::new("D:/台账/jixiao.toml"))
}

#[test]
fn a_full_settings_file_is_read() {
    let text = "budget = 322.95\n[rules]\nprogress = \"天\"\naccounts = [\"7101\", 7201]\n\
[bands]\n\"优秀\" = 95\n\"良好\" = 85\n\"中等\" = 75\n\"及格\" = 65\n[measures]\n\"差\" = \"约谈并加快进度\"\n";
    let settings = parse(text).unwrap();
    assert_eq!(settings.budgets.only_year, Some(d("322.95")));
    assert_eq!(settings.progress, ProgressBasis::Days);
    assert_eq!(settings.accounts, ["7101", "7201"]);
    assert_eq!(settings.percents.get(&Grade::Excellent), Some(&d("95")));
    assert_eq!(
        settings.measures.get(&Grade::Poor).map(String::as_str),
        Some("约谈并加快进度")
    );
    assert!(settings.source.contains("jixiao.toml"));
    let with_lines =
        parse("budget = 322.95\n[breakdown]\n\"工资福利支出\" = 205.28\n\"办公取暖\" = 3.24\n")
            .unwrap();
    let names: Vec<&str> = with_lines
        .breakdown
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(names, ["工资福利支出", "办公取暖"], "in the file's order");
}

#[test]
fn budgets_per_year() {
    let settings = parse("[budget]\n2016 = 300\n\"2017\" = 322.95\n").unwrap();
    assert_eq!(settings.budgets.by_year.get(&2016), Some(&d("300")));
    assert_eq!(settings.budgets.by_year.get(&2017), Some(&d("322.95")));
}

#[test]
fn mistakes_name_the_file_line_and_key() {
    let error = |text: &str| parse(text).unwrap_err().to_string();
    let message = error("# 说明\n\nbudget = 0\n");
    assert!(
        message.contains("jixiao.toml」第 3 行 budget") && message.contains("请填写全年预算收入"),
        "{message}"
    );
    let message = error("budget = 322.95\nbuget = 1\n");
    assert!(
        message.contains("第 2 行 buget") && message.contains("不认识"),
        "{message}"
    );
    let message = error("budget = 322.95\nbudget = = 1\n");
    assert!(message.contains("第 2 行写法有误"), "{message}");
    let message = error("[bands]\n\"优秀\" = 80\n\"良好\" = 90\n\"中等\" = 70\n\"及格\" = 60\n");
    assert!(message.contains("依次减小"), "{message}");
    let message = error("[rules]\nprogress = \"周\"\n");
    assert!(message.contains("第 2 行 progress"), "{message}");
    let message = error("[budget]\n17 = 300\n");
    assert!(message.contains("四位数"), "{message}");
}

#[test]
fn the_template_reads_back_once_filled_in() {
    let single = template(&[2017]);
    assert!(single.contains("# 全年预算收入（万元）"));
    let unfilled = parse(&single).unwrap_err().to_string();
    assert!(
        unfilled.contains("budget") && unfilled.contains("请填写全年预算收入"),
        "{unfilled}"
    );
    let filled = parse(&single.replace("budget = 0", "budget = 322.95")).unwrap();
    assert_eq!(filled.budgets.only_year, Some(d("322.95")));
    assert_eq!(filled.progress, ProgressBasis::Months);
    let years = template(&[2016, 2017]);
    let filled = parse(
        &years
            .replace("2016 = 0", "2016 = 300")
            .replace("2017 = 0", "2017 = 322.95"),
    )
    .unwrap();
    assert_eq!(filled.budgets.by_year.len(), 2);
}

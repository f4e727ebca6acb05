//! Where a figure came from, in the words the console, 数据检查 and the
//! draft use: the stages return what they found ([`YearSource`]); only here is
//! it said.

use crate::ledger::YearSource;

/// Where the graded year came from: `来自日期列` when the rows carry their
/// own dates; `year_given_by` says where a year setting was given (`由 --year
/// 参数指定`, `来自台账中的「参数」工作表` …).
pub fn year_source_words(source: Option<&YearSource>, year_given_by: Option<&str>) -> String {
    match source {
        None => "来自日期列".to_string(),
        Some(source) => words(source, year_given_by),
    }
}

fn words(source: &YearSource, year_given_by: Option<&str>) -> String {
    match source {
        YearSource::SheetName(sheet) => format!("来自工作表名「{sheet}」"),
        YearSource::Setting => year_given_by.unwrap_or("由 --year 参数指定").to_string(),
        YearSource::MonthSheets => "取自各月工作表".to_string(),
        YearSource::Titles => "来自表格标题或表头".to_string(),
        YearSource::FileName(file) => format!("来自文件名「{file}」"),
        YearSource::Span { place, text, .. } => format!("来自{place}「{text}」"),
        YearSource::MonthDayDates(inner) => match inner.as_ref() {
            YearSource::Span { span, .. } => format!(
                "日期只写了月、日，年度{}：{}",
                words(inner, year_given_by),
                span.describe()
            ),
            other => format!("日期只写了月、日，年度{}", words(other, year_given_by)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_source_is_said_as_before() {
        let said = |source: YearSource| year_source_words(Some(&source), None);
        assert_eq!(year_source_words(None, None), "来自日期列");
        assert_eq!(
            said(YearSource::SheetName("2017年".into())),
            "来自工作表名「2017年」"
        );
        assert_eq!(said(YearSource::Setting), "由 --year 参数指定");
        assert_eq!(
            year_source_words(
                Some(&YearSource::Setting),
                Some("来自台账中的「参数」工作表")
            ),
            "来自台账中的「参数」工作表"
        );
        assert_eq!(said(YearSource::Titles), "来自表格标题或表头");
        assert_eq!(
            said(YearSource::MonthDayDates(Box::new(YearSource::FileName(
                "2017年台账.xlsx".into()
            )))),
            "日期只写了月、日，年度来自文件名「2017年台账.xlsx」"
        );
    }
}

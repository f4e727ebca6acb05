//! The settings table: one row per setting, every way it is written and what
//! it does. A new setting is one row here and its use (its [`Key`], its field
//! of [`Settings`](super::Settings), its check in `validate`, its clap field).
//!
//! Derived from the table ([`lookup`] and the readers): the `jixiao.toml`
//! reader's lookup of a key, the keys it lists when one is unknown, the keys
//! that belong before the first `[小节]`; the `参数` reader's lookup of a name,
//! the names it lists and the names it refuses (the caps); the template's
//! lines; the flags read into settings and what follows each (one value,
//! repeated, `等级=值`, a switch); which settings one source may give only
//! once; the report of what was used, and its order.
//!
//! Checked against the table by tests, since they cannot be derived: clap's
//! derive fields, which keep the help text as doc comments (`cli/tests.rs`:
//! every flag here is an option of `Cli::command()` of the same form, with a
//! help line, and every option is here; each flag reaches its setting through
//! `Cli::typed`); the README's settings table (`table/tests.rs`: each line
//! names the flags, keys and 参数 names of the settings it describes, and says
//! what the table says they do); the template's comments (they name each
//! setting's flags and 参数 names) and its examples (each reads back to its
//! row); the template's order of sections (`template::SECTION_ORDER`).

use super::names::{
    band_grade, band_named, breakdown_line, breakdown_named, budget_named, budget_year,
    department_field, department_named, measure_grade, measure_named,
};
use super::spec::{place, Flag, Keys, SettingSpec, Sheet, Takes, Template, Toml, Used};
use super::Key;

/// Every setting, in the order of the README's settings table, which the
/// report of what was used ([`Settings::used`](super::Settings::used)) and the
/// lists in messages follow too.
pub static SETTINGS: &[SettingSpec] = &[
    SettingSpec {
        key: Keys::Budget,
        flags: &[Flag::values("--budget", "322.95")],
        toml: Toml::ValueOrSection {
            name: "budget",
            entry: budget_year,
        },
        sheet: Sheet::Members {
            listed: "预算（多个年度写 2017年预算）",
            named: budget_named,
        },
        takes: Takes::Gathered,
        used: Some(Used::new("预算收入", |s| place(&s.budgets))),
        // The one line to fill in: the template writes it live (per year when
        // the ledger has several), and these examples for several years.
        template: Some(Template {
            comment: &["全年预算收入（万元），例如 322.95。必填。（参数表：预算；命令行：--budget）"],
            example: &["budget.2016 = 300", "budget.2017 = 322.95"],
        }),
        role: Some("全年预算收入（万元，0.12 至 1 亿）；台账含多个年度时按年度分别写"),
    },
    SettingSpec {
        key: Keys::One(Key::Year),
        flags: &[Flag::value("--year", "2017")],
        toml: Toml::Value(&["year"]),
        sheet: Sheet::Names(&["年度", "评价年度", "年份"]),
        takes: Takes::One,
        used: Some(Used::new("年度", |s| place(&s.year))),
        template: Some(Template {
            comment: &["评价年度，台账含多个年度或行里没有年份时填写（参数表：年度；命令行：--year）"],
            example: &["year = 2017"],
        }),
        role: Some("只评价这一年度；月度表没写年度时也用它"),
    },
    SettingSpec {
        key: Keys::One(Key::Unit),
        flags: &[Flag::value("--unit", "元")],
        toml: Toml::Value(&["unit"]),
        sheet: Sheet::Names(&["单位", "金额单位"]),
        takes: Takes::One,
        used: Some(Used::new("单位", |s| place(&s.unit))),
        template: Some(Template {
            comment: &["台账金额的单位：\"元\" 或 \"万元\"（参数表：单位；命令行：--unit）"],
            example: &["unit = \"元\""],
        }),
        role: Some("台账金额单位；不填时看表头或标题，都没写时明细账按元、月度表按万元"),
    },
    SettingSpec {
        key: Keys::One(Key::Sheet),
        flags: &[Flag::value("--sheet", "工作表名")],
        toml: Toml::Value(&["sheet"]),
        sheet: Sheet::Names(&["工作表", "台账工作表"]),
        takes: Takes::One,
        used: Some(Used::new("工作表", |s| place(&s.sheet))),
        template: Some(Template {
            comment: &["只读取这个工作表（参数表：工作表；命令行：--sheet）"],
            example: &["sheet = \"序时账\""],
        }),
        role: Some("只读这个工作表"),
    },
    SettingSpec {
        key: Keys::One(Key::HeaderRow),
        flags: &[Flag::value("--header-row", "4")],
        toml: Toml::Value(&["header-row"]),
        sheet: Sheet::Names(&["表头行", "表头所在行", "表头行号"]),
        takes: Takes::One,
        used: Some(Used::new("表头行", |s| place(&s.header_row))),
        template: Some(Template {
            comment: &["表头所在的行号，从 1 起（参数表：表头行；命令行：--header-row）"],
            example: &["header-row = 3"],
        }),
        role: Some("自动识别不出表头时，指定表头行、日期列、金额列"),
    },
    SettingSpec {
        key: Keys::One(Key::DateColumn),
        flags: &[Flag::value("--date-col", "A")],
        toml: Toml::Value(&["date-col"]),
        sheet: Sheet::Names(&["日期列"]),
        takes: Takes::One,
        used: Some(Used::new("日期列", |s| place(&s.date_column))),
        template: Some(Template {
            comment: &["日期列、金额列：列字母或从 1 起的列号（参数表：日期列、金额列；命令行：--date-col、--amount-col）"],
            example: &["date-col = \"A\""],
        }),
        role: None,
    },
    SettingSpec {
        key: Keys::One(Key::AmountColumn),
        flags: &[Flag::value("--amount-col", "F")],
        toml: Toml::Value(&["amount-col"]),
        sheet: Sheet::Names(&["金额列"]),
        takes: Takes::One,
        used: Some(Used::new("金额列", |s| place(&s.amount_column))),
        template: Some(Template {
            comment: &[],
            example: &["amount-col = \"F\""],
        }),
        role: None,
    },
    SettingSpec {
        key: Keys::One(Key::Accounts),
        flags: &[Flag::values("--account", "7101")],
        toml: Toml::Value(&["accounts", "account"]),
        sheet: Sheet::Names(&["科目", "统计科目", "只统计科目"]),
        takes: Takes::Gathered,
        used: Some(Used::new("科目", |s| place(&s.accounts))),
        template: Some(Template {
            comment: &["只统计这些科目：科目编码开头或名称（参数表：科目；命令行：--account）"],
            example: &["accounts = [\"7101\", \"7201\"]"],
        }),
        role: Some("只统计这些科目（科目编码开头或名称）"),
    },
    SettingSpec {
        key: Keys::One(Key::ExcludeAccounts),
        flags: &[Flag::values("--exclude-account", "代管资金")],
        toml: Toml::Value(&["exclude-accounts", "exclude-account"]),
        sheet: Sheet::Names(&["排除科目", "不计入科目", "不统计科目"]),
        takes: Takes::Gathered,
        used: Some(Used::new("排除科目", |s| place(&s.exclude_accounts))),
        template: Some(Template {
            comment: &["不计入这些科目：科目编码开头或名称；jixiao 不认识、按支出计入的科目如不是支出，写在这里（参数表：排除科目，多个用、或 , 分隔；命令行：--exclude-account）"],
            example: &["exclude-accounts = [\"暂付款\", \"代管资金\"]"],
        }),
        role: Some("不计入这些科目（科目编码开头或名称）；jixiao 不认识、按支出计入并列出的科目如不是支出，写在这里"),
    },
    SettingSpec {
        key: Keys::Band,
        flags: &[Flag::graded("--band", "优秀=90")],
        toml: Toml::Section {
            name: "bands",
            entry: band_grade,
        },
        sheet: Sheet::Members {
            listed: "优秀/良好/中等/及格（百分数）",
            named: band_named,
        },
        takes: Takes::One,
        used: Some(Used::new("评定标准", |s| {
            s.bands.values().map(|band| &band.place).collect()
        })),
        template: Some(Template {
            comment: &[
                "绩效评定标准：每月支出达到月均预算的百分之几，从优秀到及格依次减小",
                "（参数表：优秀、良好、中等、及格；命令行：--band 优秀=90）",
            ],
            example: &[
                "[bands]",
                "\"优秀\" = 90",
                "\"良好\" = 80",
                "\"中等\" = 70",
                "\"及格\" = 60",
            ],
        }),
        role: Some("评定标准（月均预算的百分之几，0–100，从优秀到及格依次减小）"),
    },
    SettingSpec {
        key: Keys::Measure,
        flags: &[Flag::graded("--measure", "差=加快资金支出进度")],
        toml: Toml::Section {
            name: "measures",
            entry: measure_grade,
        },
        sheet: Sheet::Members {
            listed: "优秀整改办法 …",
            named: measure_named,
        },
        takes: Takes::One,
        used: Some(Used::new("整改办法", |s| {
            s.measures.values().map(|measure| &measure.place).collect()
        })),
        template: Some(Template {
            comment: &["各等级的整改办法（参数表：优秀整改办法 …；命令行：--measure 差=加快资金支出进度）"],
            example: &[
                "[measures]",
                "\"优秀\" = \"保持\"",
                "\"良好\" = \"保持\"",
                "\"中等\" = \"查缺预防\"",
                "\"及格\" = \"查缺预防\"",
                "\"差\" = \"加快资金支出进度\"",
            ],
        }),
        role: Some("各等级的整改办法"),
    },
    SettingSpec {
        key: Keys::One(Key::Progress),
        flags: &[Flag::value("--progress", "天")],
        toml: Toml::Value(&["progress"]),
        sheet: Sheet::Names(&["序时进度", "序时进度算法"]),
        takes: Takes::One,
        used: Some(Used::new("序时进度", |s| place(&s.progress))),
        template: Some(Template {
            comment: &["序时进度的算法：\"月\"（已过月数 ÷ 12）或 \"天\"（已过天数 ÷ 全年天数）（参数表：序时进度；命令行：--progress）"],
            example: &["progress = \"月\""],
        }),
        role: Some("序时进度按月（默认）或按天计算"),
    },
    SettingSpec {
        key: Keys::One(Key::AsOf),
        flags: &[Flag::value("--as-of", "2017-09-12")],
        toml: Toml::Value(&["as-of"]),
        sheet: Sheet::Names(&["截至", "截至日期", "截止日期", "评价截至日期"]),
        takes: Takes::One,
        used: Some(Used::new("截至日期", |s| place(&s.as_of))),
        template: Some(Template {
            comment: &["截至日期：评价截至哪一天，默认为运行当天；台账中还没过完的月份为“进行中”，不评定。写日期，或写月份表示该月最后一天（参数表：截至；命令行：--as-of）"],
            example: &["as-of = 2017-09-12"],
        }),
        role: Some("评价截至哪一天（只写月份为该月最后一天），默认为运行当天；这一天还没过完的月份为“进行中”，列出已支出的、不评定"),
    },
    SettingSpec {
        key: Keys::Breakdown,
        flags: &[Flag::values("--breakdown", "工资福利支出=205.28")],
        toml: Toml::Section {
            name: "breakdown",
            entry: breakdown_line,
        },
        sheet: Sheet::Members {
            listed: "分项:名称",
            named: breakdown_named,
        },
        takes: Takes::Gathered,
        used: Some(Used::new("分项预算", |s| place(&s.breakdown))),
        template: Some(Template {
            comment: &[
                "分项预算（万元）：填写后结果中增加「分项执行」表，逐项对照支出",
                "（参数表：分项:工资福利支出；命令行：--breakdown 工资福利支出=205.28）",
            ],
            example: &[
                "[breakdown]",
                "\"工资福利支出\" = 205.28",
                "\"社会保障缴费\" = 53.60",
                "\"办公取暖\" = 3.24",
            ],
        }),
        role: Some("分项预算，结果中增加“分项执行”表"),
    },
    SettingSpec {
        key: Keys::One(Key::OutDir),
        flags: &[Flag::value("--out-dir", "目录")],
        toml: Toml::Value(&["out-dir"]),
        sheet: Sheet::Names(&["结果目录", "输出目录", "结果文件夹"]),
        takes: Takes::One,
        used: Some(Used::new("结果目录", |s| place(&s.out_dir))),
        template: Some(Template {
            comment: &["结果文件放在这个文件夹，默认放在台账旁边（参数表：结果目录；命令行：--out-dir）"],
            example: &["out-dir = 'D:\\绩效自评'"],
        }),
        role: Some("结果放到指定目录（默认在台账旁边；jixiao.toml 里的相对路径从该文件所在文件夹算起）"),
    },
    SettingSpec {
        key: Keys::One(Key::Overwrite),
        flags: &[Flag::switch("--overwrite", true)],
        toml: Toml::Value(&["overwrite"]),
        sheet: Sheet::Names(&["覆盖", "覆盖已有结果"]),
        takes: Takes::One,
        used: Some(Used::new("覆盖", |s| place(&s.overwrite))),
        template: Some(Template {
            comment: &["已有同名结果文件时覆盖它：true 或 false（参数表：覆盖；命令行：--overwrite）"],
            example: &["overwrite = false"],
        }),
        role: Some("覆盖已有的同名结果（默认另存为 `…_绩效自评(2).xlsx`）"),
    },
    SettingSpec {
        key: Keys::One(Key::Docx),
        flags: &[Flag::switch("--no-docx", false)],
        toml: Toml::Value(&["docx"]),
        sheet: Sheet::Names(&["自评报告", "生成自评报告"]),
        takes: Takes::One,
        used: Some(Used::new("自评报告", |s| place(&s.docx))),
        template: Some(Template {
            comment: &["同时生成自评报告草稿（<台账名>_绩效自评报告.docx）：true 或 false（参数表：自评报告；命令行：--no-docx 不生成）"],
            example: &["docx = true"],
        }),
        role: Some("不生成自评报告草稿"),
    },
    SettingSpec {
        key: Keys::Outside,
        flags: &[Flag::outside("--time-limit", Some("600"))],
        toml: Toml::Supervisor("time-limit"),
        sheet: Sheet::Refused(&["用时上限", "时间上限"]),
        takes: Takes::One,
        used: None,
        template: Some(Template {
            comment: &[
                "每个台账评价用时和可用内存的上限（秒、MiB，写 0 不限），默认按文件大小定；很大的台账被中止时才需要放宽",
                "（只能写在这里或命令行：--time-limit、--memory-limit；台账的参数表不能放宽）",
            ],
            example: &["time-limit = 600"],
        }),
        role: Some("每个台账评价用时（秒）和内存（MiB）的上限，写 0 不限；默认按文件大小定（15 秒、448 MiB 起），异常文件超出时中止它、跳过并说明，其他台账照常"),
    },
    SettingSpec {
        key: Keys::Outside,
        flags: &[Flag::outside("--memory-limit", Some("2048"))],
        toml: Toml::Supervisor("memory-limit"),
        sheet: Sheet::Refused(&["内存上限"]),
        takes: Takes::One,
        used: None,
        template: Some(Template {
            comment: &[],
            example: &["memory-limit = 2048"],
        }),
        role: None,
    },
    SettingSpec {
        key: Keys::Department,
        flags: &[],
        toml: Toml::Section {
            name: "department",
            entry: department_field,
        },
        sheet: Sheet::Members {
            listed: "单位名称、主要职能、机构情况、人员情况、预算管理制度建设情况、其他需说明的情况",
            named: department_named,
        },
        takes: Takes::One,
        used: Some(Used::new("单位情况", |s| {
            s.department.values().map(|field| &field.place).collect()
        })),
        template: Some(Template {
            comment: &["单位情况，写进自评报告草稿；不填的在草稿中标出【请填写】（参数表：单位名称、主要职能 …）"],
            example: &[
                "[department]",
                "name = \"州政务服务管理局\"",
                "functions = \"负责……\"",
                "organisation = \"本局为行政机关，独立核算，全年无新增或减少机构。\"",
                "staff = \"编制 21 名，年初实有 18 人。\"",
                "management = \"严格执行《预算法》《会计法》……\"",
                "other = \"无\"",
            ],
        }),
        role: Some("写进自评报告草稿；不写的地方标黄留空"),
    },
    SettingSpec {
        key: Keys::Outside,
        flags: &[Flag::outside("--summary", Some("汇总.xlsx"))],
        toml: Toml::None,
        sheet: Sheet::None,
        takes: Takes::One,
        used: None,
        template: None,
        role: Some("另外生成各台账的汇总表（财政局用），按进度差距排序，带红 / 黄 / 绿预警和剩余每月需支出"),
    },
    SettingSpec {
        key: Keys::Outside,
        flags: &[Flag::outside("--json", None)],
        toml: Toml::None,
        sheet: Sheet::None,
        takes: Takes::One,
        used: None,
        template: None,
        role: Some("在标准输出打印 JSON 结果"),
    },
];

pub mod lookup;

pub use lookup::{
    by_sheet_name, by_toml_key, is_refused_in_sheet, is_top_level, of_key, setting_flags,
    sheet_names, takes_one, toml_keys,
};

#[cfg(test)]
mod tests;

//! The commented `jixiao.toml` written beside a ledger that has no budget.

/// The commented settings template, in Chinese, for `years` (the ledger's
/// years): every setting jixiao takes, each with its command-line flag and its
/// name in a `参数` sheet; only the budget is to be filled in.
pub fn template(years: &[i32]) -> String {
    let mut text = String::from(
        "# jixiao 设置文件：部门整体支出绩效自评\n\
# 用记事本（或文本编辑器）打开，填写后保存，再把台账拖到 jixiao 的图标上。以 # 开头的行是说明，不起作用。\n\
# 每一项也可以写在台账的「参数」工作表里（A 列写括号中的名称，B 列写值），或在命令行用括号中的参数。\n\
# 同一项写在几处时：命令行参数 > 「参数」工作表 > 台账旁的 jixiao.toml > jixiao.exe 旁的 jixiao.toml > 默认。\n\
\n\
# 全年预算收入（万元），例如 322.95。必填。（参数表：预算；命令行：--budget）\n",
    );
    if years.len() > 1 {
        text.push_str("# 台账中有多个年度，请按年度分别填写：\n");
        for year in years {
            text.push_str(&format!("budget.{year} = 0\n"));
        }
    } else {
        text.push_str("budget = 0\n");
        text.push_str("# 台账中有多个年度时，改为按年度分别填写（删掉上面一行，去掉下面两行开头的 #）：\n# budget.2016 = 300\n# budget.2017 = 322.95\n");
    }
    text.push_str(
        "\n\
# 以下都可以不填，不填时自动识别，或按原报告的规则。\n\
\n\
# 评价年度，台账含多个年度或行里没有年份时填写（参数表：年度；命令行：--year）\n\
# year = 2017\n\
# 台账金额的单位：\"元\" 或 \"万元\"（参数表：单位；命令行：--unit）\n\
# unit = \"元\"\n\
# 只读取这个工作表（参数表：工作表；命令行：--sheet）\n\
# sheet = \"序时账\"\n\
# 表头所在的行号，从 1 起（参数表：表头行；命令行：--header-row）\n\
# header-row = 3\n\
# 日期列、金额列：列字母或从 1 起的列号（参数表：日期列、金额列；命令行：--date-col、--amount-col）\n\
# date-col = \"A\"\n\
# amount-col = \"F\"\n\
# 只统计这些科目：科目编码开头或名称（参数表：科目；命令行：--account）\n\
# accounts = [\"7101\", \"7201\"]\n\
# 不计入这些科目：科目编码开头或名称；jixiao 不认识、按支出计入的科目如不是支出，写在这里（参数表：排除科目，多个用、或 , 分隔；命令行：--exclude-account）\n\
# exclude-accounts = [\"暂付款\", \"代管资金\"]\n\
# 序时进度的算法：\"月\"（已过月数 ÷ 12）或 \"天\"（已过天数 ÷ 全年天数）（参数表：序时进度；命令行：--progress）\n\
# progress = \"月\"\n\
# 截至日期：评价截至哪一天，默认为运行当天；台账中还没过完的月份为“进行中”，不评定。写日期，或写月份表示该月最后一天（参数表：截至；命令行：--as-of）\n\
# as-of = 2017-09-12\n\
# 结果文件放在这个文件夹，默认放在台账旁边（参数表：结果目录；命令行：--out-dir）\n\
# out-dir = 'D:\\绩效自评'\n\
# 已有同名结果文件时覆盖它：true 或 false（参数表：覆盖；命令行：--overwrite）\n\
# overwrite = false\n\
# 同时生成自评报告草稿（<台账名>_绩效自评报告.docx）：true 或 false（参数表：自评报告；命令行：--no-docx 不生成）\n\
# docx = true\n\
# 每个台账评价用时和可用内存的上限（秒、MiB，写 0 不限），默认按文件大小定；很大的台账被中止时才需要放宽\n\
# （只能写在这里或命令行：--time-limit、--memory-limit；台账的参数表不能放宽）\n\
# time-limit = 600\n\
# memory-limit = 2048\n\
\n\
# 以下各 [小节] 要写在上面各项之后：[小节] 下面的行都属于这个小节。\n\
\n\
# 绩效评定标准：每月支出达到月均预算的百分之几，从优秀到及格依次减小\n\
# （参数表：优秀、良好、中等、及格；命令行：--band 优秀=90）\n\
# [bands]\n\
# \"优秀\" = 90\n\
# \"良好\" = 80\n\
# \"中等\" = 70\n\
# \"及格\" = 60\n\
\n\
# 分项预算（万元）：填写后结果中增加「分项执行」表，逐项对照支出\n\
# （参数表：分项:工资福利支出；命令行：--breakdown 工资福利支出=205.28）\n\
# [breakdown]\n\
# \"工资福利支出\" = 205.28\n\
# \"社会保障缴费\" = 53.60\n\
# \"办公取暖\" = 3.24\n\
\n\
# 各等级的整改办法（参数表：优秀整改办法 …；命令行：--measure 差=加快资金支出进度）\n\
# [measures]\n\
# \"优秀\" = \"保持\"\n\
# \"良好\" = \"保持\"\n\
# \"中等\" = \"查缺预防\"\n\
# \"及格\" = \"查缺预防\"\n\
# \"差\" = \"加快资金支出进度\"\n\
\n\
# 单位情况，写进自评报告草稿；不填的在草稿中标出【请填写】（参数表：单位名称、主要职能 …）\n\
# [department]\n\
# name = \"州政务服务管理局\"\n\
# functions = \"负责……\"\n\
# organisation = \"本局为行政机关，独立核算，全年无新增或减少机构。\"\n\
# staff = \"编制 21 名，年初实有 18 人。\"\n\
# management = \"严格执行《预算法》《会计法》……\"\n\
# other = \"无\"\n",
    );
    text
}

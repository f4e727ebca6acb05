//! Errors of the operating system and of the libraries, said in Chinese with
//! what to do: the person in front of the screen is an accountant, and
//! `No space left on device` helps nobody.

/// An operating-system error in Chinese, with what to do; a fix that is a
/// setting is said as `advice` says fixes.
pub fn io_error_text(error: &std::io::Error, advice: &crate::advice::Advice) -> String {
    use std::io::ErrorKind;
    let elsewhere = || advice.how("用 --out-dir", "out-dir = 'D:\\绩效自评'");
    let said = match error.kind() {
        ErrorKind::StorageFull => {
            return format!(
                "磁盘空间已满：请清理磁盘，或{}，把结果放到有空间的位置",
                elsewhere()
            )
        }
        ErrorKind::ReadOnlyFilesystem => {
            return format!(
                "这个位置是只读的（如光盘或写保护的 U 盘）：请{}，把结果放到可以写入的文件夹",
                elsewhere()
            )
        }
        ErrorKind::PermissionDenied => "没有权限：请确认文件没有被其他程序占用，文件夹允许写入",
        ErrorKind::NotFound => "找不到文件或文件夹：请确认路径是否正确",
        ErrorKind::InvalidFilename => {
            "文件名或路径太长或含有不允许的字符：请把文件放到路径较短的文件夹，或改短文件名"
        }
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一部分是文件，不是文件夹",
        ErrorKind::AlreadyExists => "同名文件已经存在",
        ErrorKind::QuotaExceeded => {
            return format!("磁盘配额已用完：请清理空间，或{}，换一个位置", elsewhere())
        }
        ErrorKind::FileTooLarge => {
            "文件太大，超出了文件系统的上限（如 FAT32 U 盘单个文件不能超过 4 GB）"
        }
        _ => "",
    };
    if said.is_empty() {
        format!("系统错误（{error}）")
    } else {
        said.to_string()
    }
}

/// Library messages that reach the user in English, in Chinese.
pub fn library_error_text(text: &str) -> String {
    const KNOWN: [(&str, &str); 4] = [
        (
            "exceeds Excel's limit",
            "表头或页眉文字超过 Excel 的长度上限：请缩短台账标题后再试",
        ),
        (
            "Multiplication overflowed",
            "金额或预算大得超出了计算范围：请检查预算和金额的单位",
        ),
        ("Division by zero", "预算为 0 或太小，无法计算：请检查预算"),
        (
            "Addition overflowed",
            "金额合计大得超出了计算范围：请检查金额的单位",
        ),
    ];
    KNOWN
        .iter()
        .find(|(english, _)| text.contains(english))
        .map_or_else(|| text.to_string(), |(_, chinese)| (*chinese).to_string())
}

#[cfg(test)]
mod tests;

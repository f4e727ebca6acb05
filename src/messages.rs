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
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "文件或设备正被其他程序使用：请关闭正在使用它的程序（如 Excel、WPS）后再试"
        }
        ErrorKind::OutOfMemory => "内存不足：请关闭其他程序后再试，或一次少处理几个文件",
        ErrorKind::TimedOut => "操作超时：如果文件在网络文件夹中，请先复制到本机再试",
        ErrorKind::Interrupted => "操作被中断：请再试一次",
        ErrorKind::UnexpectedEof => {
            "文件不完整（读到一半就结束了）：文件可能还没有复制完或已损坏，请重新复制或另存后再试"
        }
        ErrorKind::StaleNetworkFileHandle
        | ErrorKind::NetworkDown
        | ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => "网络文件夹的连接中断了：请把文件复制到本机后再试",
        ErrorKind::TooManyLinks => "这个文件的硬链接太多：请把文件复制一份后再试",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件：请让结果和临时文件放在同一个磁盘上",
        _ => "",
    };
    if !said.is_empty() {
        return said.to_string();
    }
    if let Some(text) = error.raw_os_error().and_then(os_code_text) {
        return text.to_string();
    }
    match (error.raw_os_error(), error.get_ref()) {
        // Never the system's own (English) words: the code is enough to look up.
        (Some(code), _) => format!(
            "操作系统报告了错误（代码 {code}）：请再试一次；如果反复出现，请检查磁盘或 U 盘，或把文件复制到本机其他文件夹后再试"
        ),
        // An error jixiao made with words of its own, or a library's that is
        // known in Chinese; a library's English is not passed on.
        (None, Some(inner)) => {
            let text = library_error_text(&inner.to_string());
            if text.is_ascii() {
                "系统错误：请再试一次；如果反复出现，请把文件复制到本机其他文件夹后再试".to_string()
            } else {
                text
            }
        }
        (None, None) => "系统错误：请再试一次；如果反复出现，请把文件复制到本机其他文件夹后再试".to_string(),
    }
}

/// What the operating system's error codes that Rust gives no kind of mean
/// for the user (Linux, macOS and Windows numbers).
fn os_code_text(code: i32) -> Option<&'static str> {
    const LOOP: &str = "路径中的快捷方式（符号链接）层层相连或绕成了圈，系统找不到真正的文件：请改用文件或文件夹的实际位置";
    const TOO_MANY_OPEN: &str = "同时打开的文件太多：请关闭其他程序，或一次少处理几个文件后再试";
    const DEVICE: &str =
        "读写磁盘时出错：磁盘、U 盘或网络文件夹可能有问题，请把文件复制到本机硬盘后再试";
    const LOCKED: &str = "文件正被其他程序（如 Excel、WPS）打开：请关闭它后再试";
    let text = if cfg!(windows) {
        match code {
            32 | 33 => LOCKED,
            4 => TOO_MANY_OPEN,
            23 | 1117 => DEVICE,
            1921 => LOOP,
            _ => return None,
        }
    } else if cfg!(target_os = "macos") {
        match code {
            62 => LOOP,
            23 | 24 => TOO_MANY_OPEN,
            5 => DEVICE,
            _ => return None,
        }
    } else {
        match code {
            40 => LOOP,
            23 | 24 => TOO_MANY_OPEN,
            5 => DEVICE,
            _ => return None,
        }
    };
    Some(text)
}

/// Why a file could not be made in the system's temporary folder, naming
/// that folder (`TMP` / `TEMP` on Windows, `TMPDIR` elsewhere) and what to do:
/// a missing or full temporary folder is not a damaged ledger.
pub fn temp_folder_text(error: &std::io::Error, what: &str) -> String {
    use std::io::ErrorKind;
    let folder = std::env::temp_dir();
    let folder = folder.display();
    let variable = if cfg!(windows) {
        "TMP 和 TEMP"
    } else {
        "TMPDIR"
    };
    let fix = format!("或把环境变量 {variable} 设为一个存在、可写入且有空间的文件夹后再试");
    match error.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => {
            format!("无法{what}：临时文件夹「{folder}」不存在。请新建这个文件夹，{fix}")
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            format!("无法{what}：临时文件夹「{folder}」所在的磁盘已满。请清理这个磁盘，{fix}")
        }
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            format!("无法{what}：临时文件夹「{folder}」不允许写入。请让它可以写入，{fix}")
        }
        _ => format!(
            "无法{what}：在临时文件夹「{folder}」中写入失败（{}）。{fix}",
            io_error_text(error, &crate::advice::Advice::Flags)
        ),
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

/// An error and its causes in one line, outermost first; errors of the
/// operating system and of the libraries are said in Chinese, with what to do.
pub fn error_text(error: &anyhow::Error, advice: &crate::advice::Advice) -> String {
    error
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_error_text(io, advice),
            None => library_error_text(&cause.to_string()),
        })
        .collect::<Vec<_>>()
        .join("：")
}

#[cfg(test)]
mod tests;

use super::*;
use crate::advice::Advice;

#[test]
fn system_errors_are_said_in_chinese_with_what_to_do() {
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    assert!(io_error_text(&full, &Advice::Flags).contains("磁盘空间已满"));
    let read_only = std::io::Error::from(std::io::ErrorKind::ReadOnlyFilesystem);
    assert!(io_error_text(&read_only, &Advice::Flags).contains("只读"));
    let too_long = std::io::Error::from(std::io::ErrorKind::InvalidFilename);
    assert!(io_error_text(&too_long, &Advice::Flags).contains("太长"));
    let other = std::io::Error::other("odd");
    assert!(io_error_text(&other, &Advice::Flags).starts_with("系统错误"));
    assert!(!io_error_text(&other, &Advice::Flags).contains("odd"));
}

#[test]
fn library_messages_in_english_are_translated() {
    assert!(
        library_error_text("Header string exceeds Excel's limit of 255 characters")
            .contains("页眉")
    );
    assert!(library_error_text("Multiplication overflowed").contains("超出了计算范围"));
    assert_eq!(library_error_text("文件已损坏"), "文件已损坏");
}

/// Issue 20, point 5: no system error reaches the user in the system's own
/// English words; each one a user can meet has a Chinese sentence with the fix.
#[test]
fn no_system_error_is_said_in_english() {
    use std::io::{Error, ErrorKind};
    let advice = Advice::Flags;
    let said = |error: Error| io_error_text(&error, &advice);
    // What a Linux system gives for each (ELOOP 40, ENAMETOOLONG 36, EROFS 30,
    // ENOSPC 28, EACCES 13, EMFILE 24, EIO 5, an unknown code).
    #[cfg(target_os = "linux")]
    {
        for (code, words) in [
            (40, "符号链接"),
            (36, "太长"),
            (30, "只读"),
            (28, "磁盘空间已满"),
            (13, "没有权限"),
            (24, "打开的文件太多"),
            (5, "读写磁盘时出错"),
            (200, "代码 200"),
        ] {
            let text = said(Error::from_raw_os_error(code));
            assert!(text.contains(words), "{code}: {text}");
            assert!(
                !text.is_ascii() && !text.contains("os error"),
                "{code}: {text}"
            );
            assert!(
                !text.contains("device") && !text.contains("symbolic"),
                "{code}: {text}"
            );
        }
    }
    assert!(said(Error::from(ErrorKind::ResourceBusy)).contains("其他程序"));
    // Words made by jixiao travel as they are; a kind alone is not said in English.
    assert_eq!(said(Error::other("磁盘空间已满")), "磁盘空间已满");
    let bare = said(Error::from(ErrorKind::Other));
    assert!(
        bare.starts_with("系统错误") && !bare.contains("other"),
        "{bare}"
    );
}

/// Issue 20, point 5: a missing or full temporary folder is said as such,
/// naming the folder and the variable that moves it.
#[test]
fn a_missing_or_full_temporary_folder_is_named() {
    use std::io::{Error, ErrorKind};
    let folder = std::env::temp_dir().display().to_string();
    let missing = temp_folder_text(&Error::from(ErrorKind::NotFound), "写入临时副本");
    assert!(
        missing.contains("不存在") && missing.contains(&folder),
        "{missing}"
    );
    let full = temp_folder_text(&Error::from(ErrorKind::StorageFull), "写入临时副本");
    assert!(
        full.contains("磁盘已满") && full.contains(&folder),
        "{full}"
    );
    assert!(
        full.contains(if cfg!(windows) { "TMP" } else { "TMPDIR" }),
        "{full}"
    );
    assert!(!full.contains("damaged") && !full.contains("请确认路径是否正确"));
}

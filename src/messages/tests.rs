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

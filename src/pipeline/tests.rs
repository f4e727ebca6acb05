use super::*;
use crate::ledger::ReadOptions;
use crate::read::Row;
use crate::report::detail::RowSource;

/// The rows 明细 gets from the copy kept while reading, or from reading the input again.
fn detail_rows(path: &Path, from_copy: bool) -> Vec<(u16, Row)> {
    let mut workbook = Workbook::open(path).unwrap();
    let (ledger, spill) = read_ledger_with_rows(&mut workbook, &ReadOptions::default()).unwrap();
    assert!(spill.is_usable(), "{}: no copy was kept", path.display());
    let mut rows = InputRows {
        workbook: &mut workbook,
        ledger: &ledger,
        spill: from_copy.then_some(spill),
    };
    let mut seen = Vec::new();
    rows.for_each_row(&mut |sheet, row| seen.push((sheet, row)))
        .unwrap();
    seen
}

#[test]
fn the_copy_kept_while_reading_gives_明细_the_rows_a_second_reading_gives() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut compared = 0;
    // The samples as a folder given to jixiao is read: never the results the
    // README's command writes beside them (`*_绩效自评*.xlsx`, the draft).
    for file in crate::batch::expand_inputs(&[samples]) {
        let path = file.path;
        assert!(
            !crate::read::sniff::made_by_jixiao(&path),
            "{}",
            path.display()
        );
        let reread = detail_rows(&path, false);
        let copied = detail_rows(&path, true);
        assert!(!reread.is_empty(), "{}", path.display());
        assert_eq!(copied.len(), reread.len(), "{}", path.display());
        for (a, b) in copied.iter().zip(&reread) {
            assert_eq!(a, b, "{}", path.display());
        }
        compared += 1;
    }
    assert!(compared >= 10, "only {compared} samples");
}

/// Issue 20: what is not a regular file is named for what it is, without
/// being opened (a named pipe would wait forever).
#[test]
fn special_files_are_named_for_what_they_are() {
    let dir = std::env::temp_dir().join(format!("jixiao-special-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("d.xlsx")).unwrap();
    let problem = special_file_problem(&dir.join("d.xlsx")).unwrap();
    assert!(problem.contains("是一个文件夹，不是台账文件"), "{problem}");
    std::fs::write(dir.join("a.xlsx"), b"PK").unwrap();
    assert_eq!(special_file_problem(&dir.join("a.xlsx")), None);
    assert_eq!(special_file_problem(&dir.join("missing.xlsx")), None);
    #[cfg(unix)]
    {
        let problem = special_file_problem(Path::new("/dev/null")).unwrap();
        assert!(problem.contains("设备文件"), "{problem}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

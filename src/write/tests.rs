use super::*;

#[test]
fn output_names_follow_the_input() {
    let input = Path::new("/data/州政务局2017明细账.xlsx");
    assert_eq!(
        output_path(input, None),
        Path::new("/data/州政务局2017明细账_绩效自评.xlsx")
    );
    assert_eq!(
        output_path(input, Some(Path::new("/out"))),
        Path::new("/out/州政务局2017明细账_绩效自评.xlsx")
    );
    assert_eq!(
        output_name(&input_stem(input), 2),
        "州政务局2017明细账_绩效自评(2).xlsx"
    );
}

fn temp_folder(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-batch-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_that_fails_midway_leaves_nothing_behind() {
    fn half_then_disk_full(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::other("磁盘已满"))
    }
    let dir = temp_folder("fail");
    let input = dir.join("台账.xlsx");
    let protected = [input.as_path()];
    let target = |advice| Target {
        protected: &protected,
        folders: std::slice::from_ref(&dir),
        overwrite: false,
        advice,
        claimed: None,
    };
    let write = |advice| {
        write_in_folders(
            &|attempt| output_name(&input_stem(&input), attempt),
            &target(advice),
            &[7u8; 4096],
            half_then_disk_full,
        )
        .unwrap_err()
        .to_string()
    };
    let error = write(&Advice::Flags);
    assert!(
        error.contains("磁盘已满") && error.contains("--out-dir"),
        "{error}"
    );
    // Dropped on the exe: the fix is a line of jixiao.toml, not a flag.
    let error = write(&Advice::SettingsFile(dir.join("jixiao.toml")));
    assert!(
        error.contains("磁盘已满") && error.contains("out-dir = ") && !error.contains("--out-dir"),
        "{error}"
    );
    assert!(
        files_in(&dir).is_empty(),
        "left behind: {:?}",
        files_in(&dir)
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// The smallest package the check before placing lets through: one XML part.
fn tiny_package() -> Vec<u8> {
    use std::io::Write;
    let mut bytes = Vec::new();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
    zip.start_file(
        "[Content_Types].xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.finish().unwrap();
    bytes
}

#[test]
fn a_file_that_cannot_be_replaced_gets_a_new_name() {
    let dir = temp_folder("locked");
    let input = dir.join("台账.xlsx");
    // A directory where the output would go cannot be replaced, like a file open in Excel on Windows.
    fs::create_dir(dir.join("台账_绩效自评.xlsx")).unwrap();
    let target = Target {
        protected: &[&input],
        folders: std::slice::from_ref(&dir),
        overwrite: true,
        advice: &Advice::Flags,
        claimed: None,
    };
    let (path, note) = write_in_folders(
        &|attempt| output_name(&input_stem(&input), attempt),
        &target,
        &tiny_package(),
        write_all_synced,
    )
    .unwrap();
    assert_eq!(path, dir.join("台账_绩效自评(2).xlsx"));
    // Issue 9: a folder in the way is not “open in Excel”.
    let note = note.unwrap();
    assert!(note.contains("是一个同名的文件夹"), "{note}");
    assert_eq!(fs::read(&path).unwrap(), tiny_package());
    assert_eq!(
        files_in(&dir),
        ["台账_绩效自评(2).xlsx", "台账_绩效自评.xlsx"]
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_cannot_be_written_falls_back_to_the_next() {
    let dir = temp_folder("fallback");
    let input = Path::new("/proc/台账.xlsx");
    // Nobody, not even root, can create files in /proc.
    let folders = [PathBuf::from("/proc"), dir.clone()];
    let target = Target {
        protected: &[input],
        folders: &folders,
        overwrite: false,
        advice: &Advice::Flags,
        claimed: None,
    };
    let (path, note) = write_in_folders(
        &|attempt| output_name(&input_stem(input), attempt),
        &target,
        &tiny_package(),
        write_all_synced,
    )
    .unwrap();
    assert_eq!(path, dir.join("台账_绩效自评.xlsx"));
    let note = note.unwrap();
    assert!(
        note.contains("「/proc」不能写入") && note.contains("改存到"),
        "{note}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn inputs_that_would_share_a_result_get_names_of_their_own() {
    let inputs = [
        Path::new("/台账/x.xlsx"),
        Path::new("/台账/X.csv"),
        Path::new("/甲/台账.xlsx"),
        Path::new("/乙/台账.xlsx"),
        Path::new("/乙/other.xlsx"),
    ];
    let beside = distinct_output_stems(&inputs, None);
    assert_eq!(beside.len(), 1, "{beside:?}");
    assert_eq!(beside[Path::new("/台账/X.csv")], "X.csv");
    let gathered = distinct_output_stems(&inputs, Some(Path::new("/out")));
    assert_eq!(gathered[Path::new("/台账/X.csv")], "X.csv");
    assert_eq!(gathered[Path::new("/乙/台账.xlsx")], "台账.xlsx");
    // Deterministic: the same inputs give the same names.
    assert_eq!(
        gathered,
        distinct_output_stems(&inputs, Some(Path::new("/out")))
    );
}

/// Issue 20: names are told apart by the real folder, not by spelling, and an
/// input of the run is never a result's name — not even with `overwrite`.
#[test]
fn claims_are_by_the_real_place_and_inputs_are_never_claimed() {
    let dir = temp_folder("claims");
    fs::create_dir(dir.join("x")).unwrap();
    let input = dir.join("x/a.xlsx");
    fs::write(&input, b"ledger").unwrap();
    let claimed = Claimed::default();
    claimed.protect_inputs(&[&input]);
    // The input, spelled another way: refused, naming it.
    assert_eq!(
        claimed.claim(&dir.join("x/../x/a.xlsx")),
        Err(Holder::Input(input.clone()))
    );
    let result = dir.join("x/a_绩效自评.xlsx");
    assert_eq!(claimed.claim(&result), Ok(()));
    assert_eq!(
        claimed.claim(&dir.join("x/./../x/A_绩效自评.xlsx")),
        Err(Holder::Result(result.clone()))
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("x", dir.join("y")).unwrap();
        assert_eq!(
            claimed.claim(&dir.join("y/a_绩效自评.xlsx")),
            Err(Holder::Result(result.clone()))
        );
        // A hard link to the input is the input.
        fs::hard_link(&input, dir.join("x/b_绩效自评.xlsx")).unwrap();
        assert_eq!(
            claimed.claim(&dir.join("x/b_绩效自评.xlsx")),
            Err(Holder::Input(input.clone()))
        );
    }
    // A result's name given back after a failed write can be taken again;
    // an input's never is.
    claimed.release(&result);
    assert_eq!(claimed.claim(&result), Ok(()));
    claimed.release(&input);
    assert!(claimed.claim(&input).is_err());
    // With `overwrite`, a result is never renamed over the input.
    let target = Target {
        protected: &[],
        folders: &[dir.join("x")],
        overwrite: true,
        advice: &Advice::Flags,
        claimed: Some(&claimed),
    };
    let (path, note) = write_in_folders(
        &|attempt| match attempt {
            1 => "a.xlsx".to_string(),
            n => format!("a({n}).xlsx"),
        },
        &target,
        &tiny_package(),
        write_all_synced,
    )
    .unwrap();
    assert_eq!(path, dir.join("x/a(2).xlsx"));
    let note = note.unwrap();
    assert!(note.contains("是本次要评价的台账"), "{note}");
    assert_eq!(fs::read(&input).unwrap(), b"ledger");
    fs::remove_dir_all(&dir).unwrap();
}

/// Issue 20, point 5: when the ledger's folder is full, the save is not tried
/// again in jixiao.exe's folder (the workbook is streamed once) — and that
/// folder is not said to be full too: nothing was tried there.
#[test]
fn a_folder_not_tried_is_not_said_to_have_failed() {
    let ledger_folder = temp_folder("full");
    let exe_folder = temp_folder("exe");
    let input = ledger_folder.join("台账.xlsx");
    let protected = [input.as_path()];
    let folders = [ledger_folder.clone(), exe_folder.clone()];
    let target = Target {
        protected: &protected,
        folders: &folders,
        overwrite: false,
        advice: &Advice::Flags,
        claimed: None,
    };
    let mut saves = 0;
    let mut save = tried_once(|file: &mut File| {
        saves += 1;
        file.write_all(b"PK")?;
        Err(std::io::Error::from(ErrorKind::StorageFull))
    });
    let error = write_in_folders_with(
        &|attempt| output_name(&input_stem(&input), attempt),
        &target,
        &mut save,
    )
    .unwrap_err()
    .to_string();
    drop(save);
    assert_eq!(saves, 1, "the save is tried once");
    assert!(
        error.contains(&ledger_folder.display().to_string()),
        "{error}"
    );
    assert!(
        !error.contains(&exe_folder.display().to_string()),
        "{error}"
    );
    assert!(files_in(&ledger_folder).is_empty() && files_in(&exe_folder).is_empty());
    fs::remove_dir_all(&ledger_folder).unwrap();
    fs::remove_dir_all(&exe_folder).unwrap();
}

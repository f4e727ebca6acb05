use super::*;

fn folder(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-temp-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn leftovers_of_gone_processes_are_removed_and_live_ones_kept() {
    let dir = folder("stale");
    // A leftover of a killed process: nobody holds its lock.
    let stale = dir.join(".jixiao-999999-0.tmp");
    fs::write(&stale, b"half a workbook").unwrap();
    // A file being written by a live process: its lock is held.
    let live = dir.join(".jixiao-999998-0.tmp");
    let held = File::create(&live).unwrap();
    held.lock().unwrap();
    // Somebody else's file that only looks similar.
    fs::write(dir.join("jixiao-notes.tmp"), b"mine").unwrap();
    assert_eq!(remove_stale(&dir), 1);
    assert!(!stale.exists());
    assert!(live.exists());
    assert!(dir.join("jixiao-notes.tmp").exists());
    drop(held);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_temporary_file_is_registered_while_it_lives() {
    let dir = folder("live");
    let temp = TempFile::create(&dir, b"PK", |file, bytes| {
        use std::io::Write;
        file.write_all(bytes)
    })
    .unwrap();
    let path = temp.path.clone();
    assert!(LIVE.lock().unwrap().contains(&path));
    drop(temp);
    assert!(!path.exists());
    assert!(!LIVE.lock().unwrap().contains(&path));
    fs::remove_dir_all(&dir).unwrap();
}

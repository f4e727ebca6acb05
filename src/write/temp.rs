//! Temporary files: a result is written under a hidden name in its folder
//! (`.jixiao-<pid>-<n>.tmp`) and only then takes its own name, so a reader
//! never sees half a workbook. None may be left behind:
//!
//! - a failed write removes its file (the [`TempFile`] drops);
//! - Ctrl-C, SIGTERM, a closed terminal, or a closed console window on Windows
//!   remove every temporary file still open ([`install_cleanup`]);
//! - after a kill that no handler sees (`kill -9`, a power cut), the next run
//!   writing into that folder removes the leftovers ([`remove_stale`]): each
//!   temporary file is born as `….part`, locked, and only then named `….tmp`,
//!   so a `.tmp` that can be locked belongs to a process that is gone (and a
//!   `.part` is a leftover once it is ten minutes old).

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The next temporary file number of this process.
static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Temporary files open in this process, removed by the exit handler.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The prefix and suffix of every temporary file's name.
const PREFIX: &str = ".jixiao-";
const SUFFIX: &str = ".tmp";
/// The suffix of a temporary file in the instant before it is locked.
const PART: &str = ".part";
/// A `.part` file older than this was left by a run killed in that instant.
const PART_GRACE: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes this process's temporary files on Ctrl-C, SIGTERM, SIGHUP (a
/// closed terminal) and a closed console window, then exits with 130. Call
/// once, early; a second call (or a handler set elsewhere) is ignored.
pub fn install_cleanup() {
    let _ = ctrlc::set_handler(|| {
        remove_live();
        std::process::exit(130);
    });
}

/// Removes every temporary file this process has open.
fn remove_live() {
    // A writer thread may hold the registry for a moment when the signal
    // comes: try for a while rather than wait forever; a poisoned registry
    // still gives its paths.
    let mut paths = Vec::new();
    for _ in 0..500 {
        match LIVE.try_lock() {
            Ok(live) => {
                paths = live.clone();
                break;
            }
            Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                paths = poisoned.into_inner().clone();
                break;
            }
            Err(std::sync::TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(2))
            }
        }
    }
    for path in paths {
        let _ = fs::remove_file(path);
    }
}

/// Told of each temporary file before it exists (`true`) and once it is
/// gone or has its final name (`false`): a worker tells its supervisor, which
/// removes what a worker that died left.
static ANNOUNCE: std::sync::OnceLock<fn(&Path, bool)> = std::sync::OnceLock::new();

/// Has `announce` told of every temporary file of this process from now on.
/// A second call is ignored.
pub fn announce_with(announce: fn(&Path, bool)) {
    let _ = ANNOUNCE.set(announce);
}

fn register(path: &Path) {
    if let Some(announce) = ANNOUNCE.get() {
        announce(path, true);
    }
    if let Ok(mut live) = LIVE.lock() {
        live.push(path.to_path_buf());
    }
}

fn unregister(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != path);
    }
    if let Some(announce) = ANNOUNCE.get() {
        announce(path, false);
    }
}

/// Takes another process's temporary file (a worker's) as this one's own:
/// removed on Ctrl-C, SIGTERM or a closed window like the others.
pub fn adopt(path: &Path) {
    register(path);
}

/// Lets go of a file taken with [`adopt`]; `remove` also deletes it (its
/// worker died before it could).
pub fn disown(path: &Path, remove: bool) {
    unregister(path);
    if remove {
        let _ = fs::remove_file(path);
    }
}

/// Removes temporary files in `dir` left by processes that are gone (their
/// lock can be taken). Files of running processes are left alone; errors are
/// ignored (a leftover is untidy, not wrong). Returns how many were removed.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let own = format!("{PREFIX}{}-", std::process::id());
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(PREFIX) || name.starts_with(&own) {
            continue;
        }
        let path = entry.path();
        if name.ends_with(PART) {
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok())
                .is_some_and(|age| age > PART_GRACE);
            if old && fs::remove_file(&path).is_ok() {
                removed += 1;
            }
            continue;
        }
        if !name.ends_with(SUFFIX) {
            continue;
        }
        let Ok(file) = OpenOptions::new().read(true).write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            drop(file);
            if fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// A fully written temporary file, locked while it exists, removed unless
/// moved into place.
pub struct TempFile {
    path: PathBuf,
    /// Held open (and locked) until the file is gone or has its final name.
    file: Option<File>,
}

impl TempFile {
    /// Creates a new temporary file in `dir` and writes `bytes` with `write`;
    /// a failed write leaves nothing behind.
    pub fn create(
        dir: &Path,
        bytes: &[u8],
        write: fn(&mut File, &[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<Self> {
        Self::create_with(dir, &mut |file| write(file, bytes))
    }

    /// Creates a new temporary file in `dir` and fills it with `write`, which
    /// streams straight into the file (a workbook is never held as bytes in
    /// memory); a failed write leaves nothing behind.
    pub fn create_with(
        dir: &Path,
        write: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
    ) -> std::io::Result<Self> {
        remove_stale(dir);
        let mut attempt = 0u32;
        loop {
            // A number no other thread of this process uses: two threads
            // writing into one folder never meet on a name.
            let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let stem = format!("{PREFIX}{}-{number}", std::process::id());
            // Born under a name other runs leave alone, locked, then renamed:
            // a `.tmp` name is locked for as long as its writer lives.
            let part = dir.join(format!("{stem}{PART}"));
            let path = dir.join(format!("{stem}{SUFFIX}"));
            // Registered before they exist: a signal in between still finds them.
            register(&part);
            register(&path);
            let file = match OpenOptions::new().write(true).create_new(true).open(&part) {
                Ok(file) => file,
                Err(error) => {
                    unregister(&part);
                    unregister(&path);
                    if error.kind() == ErrorKind::AlreadyExists && attempt < 100 {
                        attempt += 1;
                        continue;
                    }
                    return Err(error);
                }
            };
            // A file system without locks simply goes without.
            let _ = file.lock();
            if let Err(error) = fs::rename(&part, &path) {
                drop(file);
                let _ = fs::remove_file(&part);
                unregister(&part);
                unregister(&path);
                return Err(error);
            }
            unregister(&part);
            // Dropping `temp` on a failed write removes the half-written file.
            let mut temp = Self {
                path,
                file: Some(file),
            };
            if let Some(file) = temp.file.as_mut() {
                write(file)?;
            }
            return Ok(temp);
        }
    }

    /// Where the file is while it is temporary.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves into `target` only when no file is there: a hard link is atomic
    /// and fails on an existing name; where links are not supported, the name
    /// is claimed by creating it and the file is renamed onto the claim.
    pub fn persist_new(&self, target: &Path) -> std::io::Result<()> {
        match fs::hard_link(&self.path, target) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(error),
            // No hard links here (FAT/exFAT USB sticks, some network shares).
            // Checking `exists()` first would race with another run.
            Err(_) => {
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(target)?;
                fs::rename(&self.path, target).inspect_err(|_| {
                    let _ = fs::remove_file(target);
                })
            }
        }
    }

    /// Moves into `target`, replacing what is there.
    pub fn persist_replacing(&self, target: &Path) -> std::io::Result<()> {
        fs::rename(&self.path, target)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        drop(self.file.take());
        // After a hard link the temporary name is still there; after a rename it is gone.
        let _ = fs::remove_file(&self.path);
        unregister(&self.path);
    }
}

#[cfg(test)]
mod tests;

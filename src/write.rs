//! Writing results: the only module that writes files — the workbook, the
//! bureau's summary and the settings template.
//!
//! Each is written into a temporary file in the target folder and renamed into
//! place: never over an input, never over an existing file unless asked
//! (`overwrite`), falling back to jixiao.exe's folder when the ledger's folder
//! cannot be written.

use crate::advice::Advice;
use anyhow::{anyhow, bail, Context, Result};
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use temp::TempFile;

/// The suffix of every output file's stem.
pub const OUTPUT_SUFFIX: &str = "_绩效自评";

/// Where one ledger's workbook goes.
#[derive(Debug, Clone)]
pub struct Destination<'a> {
    /// The folder asked for, instead of beside the ledger.
    pub out_dir: Option<&'a Path>,
    /// jixiao.exe's folder: the fallback when the ledger's folder cannot be written.
    pub exe_dir: Option<&'a Path>,
    /// The result's stem (`<ledger stem>`; see [`distinct_output_stems`]).
    pub stem: String,
    /// Replace an existing result instead of choosing a new name.
    pub overwrite: bool,
    /// How a message says to change the folder or to overwrite.
    pub advice: &'a Advice,
    /// The results this run has written so far: never replaced, even with
    /// `overwrite` (two ledgers sent to one folder keep a result each).
    pub claimed: &'a Claimed,
}

/// What a run must never write over and the names its results have taken,
/// shared by its workers. Names are told apart by the real place (the folder
/// with links and `..` resolved, case ignored), not by how they are spelled:
/// `x/a_绩效自评.xlsx`, `x/../x/a_绩效自评.xlsx` and `y/a_绩效自评.xlsx` with `y` a
/// link to `x` are one name. The run's inputs are held here too, by their
/// real file (device and inode on Unix, the canonical path elsewhere), so
/// that no result, draft or summary is ever written over one of them — not
/// even with `overwrite`. A worker process asks its supervisor's registry
/// instead of keeping one ([`Claimed::remote`]).
#[derive(Default)]
pub struct Claimed {
    state: std::sync::Mutex<ClaimState>,
    /// The registry of another process, when this one is a worker.
    remote: Option<RemoteRegistry>,
}

/// How a worker asks its supervisor's registry.
pub type RemoteRegistry = Box<dyn Fn(Ask<'_>) -> Told + Send + Sync>;

/// A question to a registry in another process.
#[derive(Debug, Clone, Copy)]
pub enum Ask<'a> {
    /// [`Claimed::claim`].
    Claim(&'a Path),
    /// [`Claimed::release`].
    Release(&'a Path),
    /// [`Claimed::input_at`].
    InputAt(&'a Path),
}

/// The answer of a registry in another process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// To [`Ask::Claim`].
    Claim(Result<(), Holder>),
    /// To [`Ask::InputAt`].
    Input(Option<PathBuf>),
    /// To [`Ask::Release`].
    Nothing,
}

impl std::fmt::Debug for Claimed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claimed")
            .field("state", &self.state)
            .field("remote", &self.remote.is_some())
            .finish()
    }
}

/// The inside of [`Claimed`].
#[derive(Debug, Default)]
struct ClaimState {
    /// Each name taken (its [`place_key`]) → the path as given, and whether
    /// it is an input (never released) or a result.
    names: std::collections::BTreeMap<PathBuf, (PathBuf, bool)>,
    /// The inputs' real files → the input as given.
    inputs: Vec<(FileId, PathBuf)>,
}

/// Who holds a name asked for: an input of the run, or another result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// An input of the run (as given on the command line or found in a folder).
    Input(PathBuf),
    /// A result this run has already written there (as written).
    Result(PathBuf),
}

impl Claimed {
    /// A registry that is another process's: each question goes to `ask`.
    pub fn remote(ask: RemoteRegistry) -> Self {
        Self {
            state: std::sync::Mutex::default(),
            remote: Some(ask),
        }
    }

    /// Records the run's inputs: from now on no name that is one of them
    /// (by place or by real file) can be claimed. (A remote registry holds
    /// its run's inputs already.)
    pub fn protect_inputs(&self, inputs: &[&Path]) {
        if self.remote.is_some() {
            return;
        }
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        for input in inputs {
            state
                .names
                .entry(place_key(input))
                .or_insert_with(|| (input.to_path_buf(), true));
            if let Some(id) = file_id(input) {
                state.inputs.push((id, input.to_path_buf()));
            }
        }
    }

    /// The input of the run that `path` is (its place, or the file it
    /// names through a link or a hard link), if any.
    pub fn input_at(&self, path: &Path) -> Option<PathBuf> {
        if let Some(ask) = &self.remote {
            return match ask(Ask::InputAt(path)) {
                Told::Input(input) => input,
                _ => None,
            };
        }
        let state = self.state.lock().ok()?;
        if let Some((input, true)) = state.names.get(&place_key(path)) {
            return Some(input.clone());
        }
        let id = file_id(path)?;
        state
            .inputs
            .iter()
            .find(|(input_id, _)| *input_id == id)
            .map(|(_, input)| input.clone())
    }

    /// Takes `path` for a result, or says who holds it. A poisoned registry
    /// (a worker panicked holding it) claims nothing more.
    pub fn claim(&self, path: &Path) -> Result<(), Holder> {
        if let Some(ask) = &self.remote {
            return match ask(Ask::Claim(path)) {
                Told::Claim(answer) => answer,
                // No answer: nothing is claimed.
                _ => Err(Holder::Result(path.to_path_buf())),
            };
        }
        let Ok(mut state) = self.state.lock() else {
            return Err(Holder::Result(path.to_path_buf()));
        };
        if let Some(input) = state
            .inputs
            .iter()
            .find(|(id, _)| file_id(path).is_some_and(|p| p == *id))
            .map(|(_, input)| input.clone())
        {
            return Err(Holder::Input(input));
        }
        match state.names.entry(place_key(path)) {
            std::collections::btree_map::Entry::Occupied(taken) => {
                let (holder, is_input) = taken.get().clone();
                Err(if is_input {
                    Holder::Input(holder)
                } else {
                    Holder::Result(holder)
                })
            }
            std::collections::btree_map::Entry::Vacant(free) => {
                free.insert((path.to_path_buf(), false));
                Ok(())
            }
        }
    }

    /// Gives back a result's name after a write to it failed (an input's
    /// name is never given back).
    pub fn release(&self, path: &Path) {
        if let Some(ask) = &self.remote {
            ask(Ask::Release(path));
            return;
        }
        if let Ok(mut state) = self.state.lock() {
            let key = place_key(path);
            if state.names.get(&key).is_some_and(|(_, is_input)| !is_input) {
                state.names.remove(&key);
            }
        }
    }
}

/// The real identity of an existing file: device and inode on Unix (a hard
/// link or a symbolic link to it is the same file), the canonical path
/// elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileId {
    /// Device and inode.
    Inode(u64, u64),
    /// The canonical path (links and `..` resolved).
    Canonical(PathBuf),
}

/// The real file `path` names (links followed), when it exists.
pub fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path)
            .ok()
            .map(|meta| FileId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::canonicalize(path).ok().map(FileId::Canonical)
    }
}

/// Where `path` is, for telling names apart: its folder with links and `..`
/// resolved, joined with its own name (itself not followed: a result name
/// that is a link is a name of its own), in lower case (Windows and macOS
/// ignore case). A folder that does not exist is kept as spelled, made absolute.
pub fn place_key(path: &Path) -> PathBuf {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = fs::canonicalize(folder)
        .or_else(|_| std::path::absolute(folder))
        .unwrap_or_else(|_| folder.to_path_buf());
    let place = match path.file_name() {
        Some(name) => folder.join(name),
        None => folder,
    };
    PathBuf::from(place.to_string_lossy().to_lowercase())
}

/// Writes the settings template beside the input unless a file is already
/// there; returns its path.
///
/// # Errors
/// When the folder cannot be written; nothing is left behind.
pub fn write_template(input: &Path, text: &str) -> Result<Option<PathBuf>> {
    let path = crate::settings::template_path(input);
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut file) => {
            let written = file
                .write_all(text.as_bytes())
                .and_then(|()| file.sync_all());
            if let Err(error) = written {
                // A full disk must not leave an empty or half template behind.
                drop(file);
                let _ = fs::remove_file(&path);
                return Err(error)
                    .with_context(|| format!("无法写入设置文件模板「{}」", path.display()));
            }
            Ok(Some(path))
        }
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(None),
        Err(error) => {
            Err(error).with_context(|| format!("无法在「{}」旁写入设置文件模板", input.display()))
        }
    }
}

/// The usual output path: `<stem>_绩效自评.xlsx` beside the input or in `out_dir`.
pub fn output_path(input: &Path, out_dir: Option<&Path>) -> PathBuf {
    let folder = out_dir
        .map(Path::to_path_buf)
        .or_else(|| input.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    folder.join(output_name(&input_stem(input), 1))
}

/// The stem of an input's result: the input's own stem.
pub fn input_stem(input: &Path) -> String {
    input
        .file_stem()
        .map_or_else(|| "台账".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Stems that keep every input of a run on a result name of its own. Two
/// inputs whose results would land on one name (`x.xlsx` and `x.csv` in one
/// folder; `a/台账.xlsx` and `b/台账.xlsx` with `--out-dir`) would otherwise
/// race for it, and with `--overwrite` one result would replace the other.
/// The first input in the run's order keeps its stem; each later one is
/// qualified by its extension (`x.csv`) or its folder (`台账（b）`), so the
/// names are the same from run to run whatever finishes first. File systems
/// that ignore case (Windows, FAT) are allowed for.
pub fn distinct_output_stems(
    inputs: &[&Path],
    out_dir: Option<&Path>,
) -> std::collections::BTreeMap<PathBuf, String> {
    use std::collections::{BTreeMap, HashSet};
    let mut taken: HashSet<String> = HashSet::new();
    let mut stems = BTreeMap::new();
    let folder_of = |input: &Path| {
        out_dir
            .map(Path::to_path_buf)
            .or_else(|| input.parent().map(Path::to_path_buf))
            .unwrap_or_default()
    };
    // The real folder: `x/a.xlsx` and `$PWD/x/a.csv`, or `y/a.csv` with `y` a
    // link to `x`, are results in one folder.
    let key = |folder: &Path, stem: &str| {
        place_key(&folder.join(format!("{stem}{OUTPUT_SUFFIX}")))
            .to_string_lossy()
            .into_owned()
    };
    for input in inputs {
        let folder = folder_of(input);
        let plain = input_stem(input);
        if taken.insert(key(&folder, &plain)) {
            continue;
        }
        let extension = input
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parent = input
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut candidates = vec![
            format!("{plain}.{extension}"),
            format!("{plain}（{parent}）"),
        ];
        candidates.extend((2..1000).map(|n| format!("{plain}（{n}）")));
        if let Some(stem) = candidates
            .into_iter()
            .find(|candidate| taken.insert(key(&folder, candidate)))
        {
            stems.insert(input.to_path_buf(), stem);
        }
    }
    stems
}

/// `<stem>_绩效自评.xlsx`, or `<stem>_绩效自评(2).xlsx` for the second attempt.
fn output_name(stem: &str, attempt: u32) -> String {
    if attempt == 1 {
        format!("{stem}{OUTPUT_SUFFIX}.xlsx")
    } else {
        format!("{stem}{OUTPUT_SUFFIX}({attempt}).xlsx")
    }
}

/// Writes the workbook: into the folder asked for, else beside the input,
/// falling back to jixiao.exe's folder when the input's folder cannot be
/// written. Returns the path and, when it is not the usual one, why.
///
/// # Errors
/// When no folder can take it; the message says how to choose another.
pub fn write_output(
    input: &Path,
    destination: &Destination<'_>,
    book: &mut rust_xlsxwriter::Workbook,
) -> Result<(PathBuf, Option<String>)> {
    let folders: Vec<PathBuf> = match destination.out_dir {
        Some(dir) => vec![dir.to_path_buf()],
        None => {
            let beside = input
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let mut folders = vec![beside];
            folders.extend(
                destination
                    .exe_dir
                    .map(Path::to_path_buf)
                    .filter(|exe| !same_file(exe, &folders[0])),
            );
            folders
        }
    };
    let name = |attempt: u32| output_name(&destination.stem, attempt);
    let advice = destination.advice;
    let mut save = tried_once(|file: &mut File| save_workbook(book, file));
    let target = Target {
        protected: &[input],
        folders: &folders,
        overwrite: destination.overwrite,
        advice,
        claimed: Some(destination.claimed),
    };
    write_in_folders_with(&name, &target, &mut save)
}

/// Writes the 自评报告 draft (`bytes`) into `folder` (the workbook's), as
/// `<stem>_绩效自评报告.docx`, or `…(2).docx` when that name is taken and
/// overwriting was not asked for — never over a file this run has written.
///
/// # Errors
/// When the folder cannot take it.
pub fn write_draft(
    folder: &Path,
    destination: &Destination<'_>,
    bytes: &[u8],
) -> Result<(PathBuf, Option<String>)> {
    let name = |attempt: u32| {
        let file = crate::draft::file_name(&destination.stem);
        match attempt {
            1 => file,
            n => match file.rsplit_once('.') {
                Some((stem, extension)) => format!("{stem}({n}).{extension}"),
                None => format!("{file}({n})"),
            },
        }
    };
    let target = Target {
        protected: &[],
        folders: &[folder.to_path_buf()],
        overwrite: destination.overwrite,
        advice: destination.advice,
        claimed: Some(destination.claimed),
    };
    write_in_folders(&name, &target, bytes, write_all_synced)
}

/// Streams the workbook into `file` (no copy of it in memory) and syncs it.
fn save_workbook(book: &mut rust_xlsxwriter::Workbook, file: &mut File) -> std::io::Result<()> {
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, &mut *file);
    book.save_to_writer(&mut writer)
        .map_err(|error| match error {
            rust_xlsxwriter::XlsxError::IoError(error) => error,
            other => std::io::Error::other(format!("生成工作簿失败：{other}")),
        })?;
    writer.flush()?;
    drop(writer);
    file.sync_all()
}

/// Writes the bureau's summary workbook at `path` (or `name(2).xlsx` … when taken,
/// unless `overwrite`), never over any of the `protected` files nor a name
/// `claimed` by the run (its inputs and results, by real file). The summary
/// is asked for with a flag, so fixes are flags.
///
/// # Errors
/// When the folder cannot take it.
pub fn write_summary(
    path: &Path,
    protected: &[&Path],
    claimed: Option<&Claimed>,
    overwrite: bool,
    bytes: &[u8],
) -> Result<(PathBuf, Option<String>)> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let stem = path
        .file_stem()
        .map_or_else(|| "汇总".to_string(), |s| s.to_string_lossy().into_owned());
    let name = |attempt: u32| {
        if attempt == 1 {
            format!("{stem}.xlsx")
        } else {
            format!("{stem}({attempt}).xlsx")
        }
    };
    let target = Target {
        protected,
        folders: &[folder],
        overwrite,
        advice: &Advice::Flags,
        claimed,
    };
    write_in_folders(&name, &target, bytes, write_all_synced)
}

/// Where a file may go: the folders to try in turn, the files it must never
/// replace, whether it may replace another, and how messages say the fix.
struct Target<'a> {
    protected: &'a [&'a Path],
    folders: &'a [PathBuf],
    overwrite: bool,
    advice: &'a Advice,
    claimed: Option<&'a Claimed>,
}

impl Target<'_> {
    /// Takes `path` for this file unless an input or another result of the
    /// run has it.
    fn claim(&self, path: &Path) -> Result<(), Holder> {
        if let Some(input) = self.protected.iter().find(|input| same_file(path, input)) {
            return Err(Holder::Input(input.to_path_buf()));
        }
        match self.claimed {
            None => Ok(()),
            Some(claimed) => claimed.claim(path),
        }
    }

    /// Gives `path` back after a write to it failed.
    fn release(&self, path: &Path) {
        if let Some(claimed) = self.claimed {
            claimed.release(path);
        }
    }
}

/// A save that failed part-way is not tried again in the next folder (the
/// workbook is streamed once); that folder is then not said to have failed.
#[derive(Debug)]
struct NotTriedAgain;

impl std::fmt::Display for NotTriedAgain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("没有再试")
    }
}

impl std::error::Error for NotTriedAgain {}

/// `save`, made to give up after its first failure: a save that failed
/// part-way (a full disk) is not tried again in the next folder — the
/// workbook is streamed once — and that folder is not said to have failed.
fn tried_once(
    mut save: impl FnMut(&mut File) -> std::io::Result<()>,
) -> impl FnMut(&mut File) -> std::io::Result<()> {
    let mut failed = false;
    move |file| {
        if failed {
            return Err(std::io::Error::other(NotTriedAgain));
        }
        save(file).inspect_err(|_| failed = true)
    }
}

/// Tries each folder in turn; in a folder, the usual name, then `(2)`, `(3)` …
/// for names already taken (or, with `overwrite`, a file that cannot be replaced).
fn write_in_folders(
    name: &dyn Fn(u32) -> String,
    target: &Target<'_>,
    bytes: &[u8],
    write: fn(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<(PathBuf, Option<String>)> {
    write_in_folders_with(name, target, &mut |file| write(file, bytes))
}

/// [`write_in_folders`] for content that `write` streams into the file.
fn write_in_folders_with(
    name: &dyn Fn(u32) -> String,
    target: &Target<'_>,
    write: &mut dyn FnMut(&mut File) -> std::io::Result<()>,
) -> Result<(PathBuf, Option<String>)> {
    let mut problems: Vec<String> = Vec::new();
    for folder in target.folders {
        if let Some(problem) = folder_problem(folder, target.advice) {
            problems.push(problem);
            continue;
        }
        let temp = match TempFile::create_with(folder, write) {
            Ok(temp) => temp,
            // Nothing was tried there: it is not said to have failed.
            Err(error) if error.get_ref().is_some_and(|e| e.is::<NotTriedAgain>()) => continue,
            Err(error) => {
                problems.push(format!(
                    "「{}」不能写入（{}）",
                    folder.display(),
                    crate::messages::io_error_text(&error, target.advice)
                ));
                continue;
            }
        };
        // Every file written opens: a package whose XML is not well-formed is not placed.
        if name(1).ends_with(".xlsx") || name(1).ends_with(".docx") {
            crate::xml_text::check_package(temp.path()).context(
                "结果文件未通过检查（Word、WPS 或 Excel 会打不开它），没有保存。这是 jixiao 的缺陷，请把台账和这条消息发给维护人员",
            )?;
        }
        let (path, note) = place(&temp, name, target, folder)?;
        let note = match (problems.is_empty(), note) {
            (true, note) => note,
            (false, _) => Some(format!(
                "{}，结果改存到「{}」",
                problems.join("；"),
                folder.display()
            )),
        };
        return Ok((path, note));
    }
    bail!(
        "结果文件无法写入：{}。请{}，指定一个可以写入的文件夹",
        problems.join("；"),
        target
            .advice
            .how("用 --out-dir", "out-dir = 'D:\\绩效自评'")
    )
}

/// Why `folder` cannot hold a result, when it cannot: a file, a folder that
/// does not exist, a link that leads nowhere or round in a loop (said by
/// the system's code, [`crate::messages::io_error_text`]).
fn folder_problem(folder: &Path, advice: &Advice) -> Option<String> {
    let shown = folder.display();
    match fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some(format!("「{shown}」是一个文件，不是文件夹")),
        Err(error) => {
            let is_link = fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink());
            Some(match error.kind() {
                ErrorKind::NotFound if is_link => {
                    format!("输出目录「{shown}」是一个链接，指向的位置不存在")
                }
                ErrorKind::NotFound => format!("输出目录「{shown}」不存在"),
                _ => format!(
                    "输出目录「{shown}」无法使用（{}）",
                    crate::messages::io_error_text(&error, advice)
                ),
            })
        }
    }
}

/// Moves a written temporary file to its name in `folder`.
fn place(
    temp: &TempFile,
    name: &dyn Fn(u32) -> String,
    target: &Target<'_>,
    folder: &Path,
) -> Result<(PathBuf, Option<String>)> {
    let mut note = None;
    for attempt in 1..=999 {
        let path = folder.join(name(attempt));
        match target.claim(&path) {
            Ok(()) => {}
            // An input of this run: never written, even with `overwrite`.
            Err(Holder::Input(input)) => {
                note = Some(format!(
                    "「{}」是本次要评价的台账「{}」，不会被覆盖，新结果另存为下面的文件名",
                    path.display(),
                    input.display()
                ));
                continue;
            }
            // Another ledger of this run has just written its result here.
            Err(Holder::Result(other)) => {
                note = Some(if other == path {
                    format!(
                        "本次运行中另一个台账的结果已经用了「{}」这个名字，新结果另存为下面的文件名",
                        path.display()
                    )
                } else {
                    format!(
                        "「{}」与本次运行中另一个台账的结果「{}」是同一个文件，新结果另存为下面的文件名",
                        path.display(),
                        other.display()
                    )
                });
                continue;
            }
        }
        if target.overwrite && attempt == 1 {
            match temp.persist_replacing(&path) {
                Ok(()) => return Ok((path, None)),
                Err(_) if path.is_dir() => {
                    target.release(&path);
                    note = Some(format!(
                        "「{}」是一个同名的文件夹，不能覆盖，新结果另存为下面的文件名",
                        path.display()
                    ));
                    continue;
                }
                Err(error) => {
                    target.release(&path);
                    note = Some(format!(
                        "「{}」无法覆盖（可能正在 Excel 中打开：{}），新结果另存为下面的文件名",
                        path.display(),
                        crate::messages::io_error_text(&error, target.advice)
                    ));
                    continue;
                }
            }
        }
        match temp.persist_new(&path) {
            Ok(()) => {
                let renamed = (attempt > 1).then(|| renamed_note(target.advice));
                return Ok((path, note.or(renamed)));
            }
            Err(error) if error.kind() == ErrorKind::AlreadyExists => {
                target.release(&path);
                continue;
            }
            Err(error) => {
                target.release(&path);
                return Err(anyhow!(error))
                    .with_context(|| format!("无法写入「{}」", path.display()));
            }
        }
    }
    bail!(
        "「{}」中已有太多同名结果文件。请清理后再试，或{}，覆盖旧的结果",
        folder.display(),
        target.advice.how("加 --overwrite", "overwrite = true")
    )
}

/// Words only the notes of a name kept apart from an input or another result
/// of the same run contain (see [`says_run_clash`]).
const RUN_CLASH_WORDS: [&str; 2] = ["是本次要评价的台账", "本次运行中另一个台账"];

/// True when `note` says a result was kept off an input or another result of
/// this run: a batch prints it on the file's line too, not only in the
/// single-file report.
pub fn says_run_clash(note: &str) -> bool {
    RUN_CLASH_WORDS.iter().any(|words| note.contains(words))
}

/// The note for a result saved under a new name because the earlier one is
/// there: after a drop, what to do with the files themselves (a flag means
/// nothing there); from a terminal, the flag that overwrites.
pub fn renamed_note(advice: &crate::advice::Advice) -> String {
    if advice.is_drop() {
        "同名结果文件已存在，没有覆盖：上次的结果保留不动，新结果另存为下面的文件名；不再需要上次的结果时，可以先把它删除或改名，再把台账拖上来".to_string()
    } else {
        "同名结果文件已存在，没有覆盖：上次的结果保留不动，新结果另存为下面的文件名（要覆盖请加 --overwrite）"
            .to_string()
    }
}

/// True when both paths name one existing file (or folder).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn write_all_synced(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

pub mod temp;

#[cfg(test)]
mod tests;

//! Deciding what a file is by its content, and refusing hostile packages
//! before calamine sees them.
//!
//! Extensions lie: Chinese systems save HTML tables and tab-separated text under
//! `.xls`, and zip bombs look like any `.xlsx`. We look at the first bytes, and
//! for zip packages at the declared (and by the zip crate enforced) sizes of
//! every part, so calamine never inflates or pre-allocates something absurd
//! (see `shared/notes/reading-pitfalls.md`); the content of the parts is then
//! checked by [`super::guard`].

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// The spreadsheet containers jixiao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97–2003 workbook (.xls, BIFF).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// An HTML table (often saved as .xls by bank and ERP exports).
    Html,
    /// Comma-, tab- or semicolon-separated text (.csv, .txt, or a text .xls).
    Delimited,
}

impl Format {
    /// The name users know the format by.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Html => "网页表格（HTML）",
            Format::Delimited => "分隔符文本（CSV/制表符）",
        }
    }
}

/// Largest uncompressed size of one part of a zip package we inflate (1 GiB):
/// a 1,048,576-row ledger with ten columns stays well below it.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// Largest uncompressed size of all parts together (2 GiB).
pub const MAX_PACKAGE_BYTES: u64 = 2 << 30;
/// Most entries a package may have.
const MAX_PACKAGE_ENTRIES: usize = 10_000;
/// The message tail for files that are broken or built to harm.
const RESAVE: &str = "请在 Excel 或 WPS 中打开该文件，另存为 .xlsx（Excel 工作簿）后再试";

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP_MAGIC: &[u8] = b"PK\x05\x06";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Looks at a file's content and says which format it is, or why it cannot be read.
pub fn detect_format(path: &Path) -> Result<Format> {
    let mut file =
        File::open(path).context("无法打开文件（文件不存在、没有读取权限，或正被其他程序独占）")?;
    let mut head = Vec::with_capacity(4096);
    file.by_ref()
        .take(4096)
        .read_to_end(&mut head)
        .context("无法读取文件内容")?;
    if head.is_empty() {
        bail!("文件是空的（0 字节），里面没有任何表格。请确认选对了文件");
    }
    if head.starts_with(ZIP_MAGIC) || head.starts_with(EMPTY_ZIP_MAGIC) {
        return inspect_zip(path);
    }
    if head.starts_with(OLE_MAGIC) {
        let ole = inspect_ole(path)?;
        if ole.encrypted {
            bail!("工作簿设置了打开密码（已加密），jixiao 无法读取。请在 Excel 中打开它，在「文件 → 信息 → 保护工作簿 → 用密码进行加密」中清除密码并保存后再试");
        }
        if is_wps_file(path) && ole.workbook == Some(false) {
            bail!("这是 WPS 表格文件（.et），但里面没有与 Excel 97–2003（.xls）相同的工作簿数据（Workbook 流），jixiao 无法读取。{WPS_RESAVE}");
        }
        return Ok(Format::Xls);
    }
    if is_old_biff_stream(&head) {
        bail!("这是 Excel 2.x–4.0 时代的旧格式工作簿，jixiao 不能读取。{RESAVE}");
    }
    if let Some(format) = text_format(&head) {
        return Ok(format);
    }
    if is_wps_file(path) {
        return Err(super::NotALedger(format!(
            "这是 WPS 表格文件（.et），但它的内容既不是与 .xls 相同的复合文档，也不是 .xlsx 压缩包，jixiao 无法读取。{WPS_RESAVE}"
        ))
        .into());
    }
    Err(super::NotALedger(format!("{}。{RESAVE}", describe_non_workbook(&head))).into())
}

/// The advice for a WPS 表格 file jixiao cannot read.
const WPS_RESAVE: &str = "请用 WPS 打开它，另存为 .xlsx（Excel 工作簿）后再试";

/// True for WPS 表格's own extensions: `.et` (workbook) and `.ett` (template).
///
/// WPS saves these as an Excel 97–2003 compound file: a BIFF8 `Workbook`
/// stream like any .xls, beside WPS's own streams (`ETExtData`). So content
/// decides, as for every file, and such an .et is read as an xls; the
/// extension only words the message when the content is something else.
pub fn is_wps_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| e == "et" || e == "ett")
}

/// True when a workbook was written by jixiao (a result or a bureau summary,
/// however renamed): its document title names 部门整体支出绩效自评. Anything
/// unreadable counts as not jixiao's.
pub fn made_by_jixiao(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return false;
    };
    let Ok(core) = archive.by_name("docProps/core.xml") else {
        return false;
    };
    let mut head = Vec::new();
    if core.take(64 << 10).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    text.split("<dc:title>")
        .nth(1)
        .and_then(|rest| rest.split("</dc:title>").next())
        .is_some_and(|title| title.contains("部门整体支出绩效自评"))
}

/// A bare BIFF2–4 worksheet stream (no OLE container) starts with a BOF record:
/// 0x0009, 0x0209 or 0x0409, then a 16-bit length of at most 16.
fn is_old_biff_stream(head: &[u8]) -> bool {
    matches!(head, [0x09, 0x00 | 0x02 | 0x04, length, 0x00, ..] if *length <= 16)
}

/// HTML tables and delimited text, by their first bytes: a UTF-16 BOM, HTML
/// markup, or text without NUL bytes that has line breaks or delimiters.
fn text_format(head: &[u8]) -> Option<Format> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Some(Format::Delimited);
    }
    let lower = String::from_utf8_lossy(head).to_lowercase();
    if lower.contains("<?xml") {
        return None;
    }
    if lower.contains("<html") || lower.contains("<table") || lower.contains("<!doctype html") {
        return Some(Format::Html);
    }
    let textual = !head.contains(&0)
        && head
            .iter()
            .filter(|b| b.is_ascii_control() && !b.is_ascii_whitespace())
            .count()
            * 50
            < head.len();
    let tabular = head
        .iter()
        .any(|b| matches!(b, b'\t' | b',' | b';' | b'\n'));
    (textual && tabular).then_some(Format::Delimited)
}

/// Names what a file that is neither a workbook nor a text table looks like.
fn describe_non_workbook(head: &[u8]) -> String {
    if String::from_utf8_lossy(head)
        .to_lowercase()
        .contains("<?xml")
    {
        "这不是 jixiao 能读取的工作簿，而是 XML 格式的表格（如「XML 电子表格 2003」或 .fods）"
            .to_string()
    } else {
        "这不是 jixiao 能识别的电子表格文件（既不是 xlsx/xlsb/ods 的压缩包，也不是 xls 文件、网页表格或文本表格）".to_string()
    }
}

/// Checks a zip package's declared sizes and tells which workbook format it holds.
fn inspect_zip(path: &Path) -> Result<Format> {
    let file = File::open(path).context("无法打开文件")?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| anyhow::anyhow!("文件已损坏或不完整（压缩包结构无法读取：{e}）。{RESAVE}"))?;
    if archive.len() > MAX_PACKAGE_ENTRIES {
        bail!(
            "文件包含 {} 个部件，远超正常工作簿，可能是损坏或恶意构造的文件。{RESAVE}",
            archive.len()
        );
    }
    let mut total: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|e| {
            anyhow::anyhow!(
                "文件已损坏（压缩包第 {} 个部件无法读取：{e}）。{RESAVE}",
                index + 1
            )
        })?;
        let size = entry.size();
        let name = entry
            .name()
            .map(|n| n.replace('\\', "/").to_lowercase())
            .unwrap_or_default();
        if size > MAX_PART_BYTES {
            bail!(
                "文件中的部件「{}」解压后有 {} MB，超过 jixiao 的上限 {} MB，可能是损坏或恶意构造的文件（压缩炸弹）。{RESAVE}",
                name,
                size >> 20,
                MAX_PART_BYTES >> 20
            );
        }
        total = total.saturating_add(size);
        names.push(name);
    }
    if total > MAX_PACKAGE_BYTES {
        bail!(
            "文件解压后共有 {} MB，超过 jixiao 的上限 {} MB，可能是损坏或恶意构造的文件。{RESAVE}",
            total >> 20,
            MAX_PACKAGE_BYTES >> 20
        );
    }
    let has = |wanted: &str| names.iter().any(|n| n.trim_start_matches('/') == wanted);
    if has("xl/workbook.bin") {
        check_xlsb_strings(&mut archive, &names)?;
        return Ok(Format::Xlsb);
    }
    if has("xl/workbook.xml") {
        check_shared_string_count(&mut archive, &names)?;
        super::guard::check_xlsx(&mut archive)?;
        return Ok(Format::Xlsx);
    }
    if has("content.xml") && has("mimetype") {
        super::guard::check_ods(&mut archive)?;
        return Ok(Format::Ods);
    }
    bail!(
        "这是一个压缩包，但里面没有 Excel 或 ODS 工作簿（可能是 Numbers 文件或普通 zip）。{RESAVE}"
    )
}

/// calamine keeps every string of an xlsb's shared-string table: the table's
/// size is bounded as an xlsx's is ([`super::guard::MAX_SHARED_STRINGS_BYTES`]).
///
/// calamine finds the part whatever the case of its name
/// (`xl/SHAREDSTRINGS.BIN`), so the part is looked up the same way: every
/// entry whose name, in lower case, is `xl/sharedstrings.bin` is held to the
/// one size rule, then costed record by record
/// ([`super::guard::check_xlsb_shared_strings`]); the workbook part's sheets
/// and defined names are counted ([`super::guard::check_xlsb_workbook`]).
/// `names` are the entries' names, lower-cased, in index order.
fn check_xlsb_strings(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    names: &[String],
) -> Result<()> {
    let limit = super::guard::MAX_SHARED_STRINGS_BYTES;
    for (index, name) in names.iter().enumerate() {
        let lower = name.trim_start_matches('/');
        if lower == "xl/workbook.bin" {
            if let Ok(part) = archive.by_index(index) {
                super::guard::check_xlsb_workbook(part)?;
            }
            continue;
        }
        if lower != "xl/sharedstrings.bin" {
            continue;
        }
        let Ok(part) = archive.by_index_raw(index) else {
            continue;
        };
        let spelled = part.name().map_or_else(|_| name.clone(), |n| n.to_string());
        if part.size() > limit {
            bail!(
                "文件的共享字符串表（{spelled}）解压后有 {} MB，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需几十 MB。文件可能已损坏或是恶意构造的。{RESAVE}",
                part.size() >> 20,
                limit >> 20
            );
        }
        drop(part);
        if let Ok(part) = archive.by_index(index) {
            super::guard::check_xlsb_shared_strings(part, &spelled)?;
        }
    }
    Ok(())
}

/// calamine reserves room for the `uniqueCount` that sharedStrings.xml declares;
/// a lie there (4,000,000,000 strings in 2 KB) aborts the process. Every
/// string takes at least five bytes (`<si/>`), so the part's size bounds the
/// count. The root element's start tag is read whole, however far into the
/// part it ends and however its attribute is spaced (`uniqueCount = "…"`).
fn check_shared_string_count(
    archive: &mut zip::ZipArchive<BufReader<File>>,
    names: &[String],
) -> Result<()> {
    let Some(index) = names
        .iter()
        .position(|n| n.trim_start_matches('/') == "xl/sharedstrings.xml")
    else {
        return Ok(());
    };
    let part = archive
        .by_index(index)
        .map_err(|e| anyhow::anyhow!("文件已损坏（共享字符串表无法读取：{e}）。{RESAVE}"))?;
    let size = part.size();
    let tag = match root_start_tag(part) {
        Ok(Some(tag)) => tag,
        // No root, or a read error (a corrupt stream): calamine reports it in its place.
        Ok(None) | Err(_) => return Ok(()),
    };
    let count = declared_unique_count(&tag);
    if tag.len() >= MAX_START_TAG || count.is_some_and(|count| count > size / 5) {
        bail!(
            "文件的共享字符串表声明有 {} 个字符串，但它只有 {size} 字节，文件已损坏或是恶意构造的。{RESAVE}",
            count.map_or_else(|| "极多".to_string(), |c| c.to_string())
        );
    }
    Ok(())
}

/// Longest root start tag kept (white space runs count as one byte); a real
/// `<sst …>` is under 200 bytes.
const MAX_START_TAG: usize = 64 << 10;

/// The first element's start tag of an XML part (`<sst xmlns=… uniqueCount="3">`),
/// streamed: declarations and comments skipped, white space runs folded to one
/// space, at most [`MAX_START_TAG`] bytes kept.
fn root_start_tag(part: impl Read) -> std::io::Result<Option<String>> {
    let mut bytes = BufReader::new(part).bytes();
    let mut next = || bytes.next().transpose();
    loop {
        // Find the next '<'.
        loop {
            match next()? {
                Some(b'<') => break,
                Some(_) => {}
                None => return Ok(None),
            }
        }
        let Some(first) = next()? else {
            return Ok(None);
        };
        match first {
            b'?' | b'!' => {
                // A declaration or DOCTYPE ends at '>'; a comment `<!--` at `-->`.
                let mut seen = Vec::with_capacity(2);
                let mut comment = false;
                let mut tail = [0u8; 2];
                while let Some(byte) = next()? {
                    if first == b'!' && seen.len() < 2 {
                        seen.push(byte);
                        comment = seen == b"--";
                        if seen.len() < 2 || comment {
                            continue;
                        }
                    }
                    if byte == b'>' && (!comment || tail == *b"--") {
                        break;
                    }
                    tail = [tail[1], byte];
                }
            }
            _ => {
                let mut tag = vec![b'<', first];
                let mut quote: Option<u8> = None;
                while let Some(byte) = next()? {
                    match (quote, byte) {
                        (None, b'>') => {
                            tag.push(b'>');
                            return Ok(Some(String::from_utf8_lossy(&tag).into_owned()));
                        }
                        (None, b'"' | b'\'') => quote = Some(byte),
                        (Some(open), _) if byte == open => quote = None,
                        _ => {}
                    }
                    let space = byte.is_ascii_whitespace();
                    if space && tag.last().is_some_and(u8::is_ascii_whitespace) {
                        continue;
                    }
                    if tag.len() >= MAX_START_TAG {
                        return Ok(Some(String::from_utf8_lossy(&tag).into_owned()));
                    }
                    tag.push(if space { b' ' } else { byte });
                }
                return Ok(None);
            }
        }
    }
}

/// Reads the `uniqueCount` attribute of a start tag (spaces around `=` allowed,
/// either quote); a number too large for u64 counts as `u64::MAX`.
fn declared_unique_count(tag: &str) -> Option<u64> {
    let mut rest = tag;
    while let Some(at) = rest.find("uniqueCount") {
        let before = rest[..at].chars().last();
        let after = rest[at + "uniqueCount".len()..].trim_start();
        rest = &rest[at + "uniqueCount".len()..];
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let digits: String = value
            .trim_start()
            .trim_start_matches(['"', '\''])
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.is_empty() {
            return None;
        }
        return Some(digits.parse().unwrap_or(u64::MAX));
    }
    None
}

/// What the first bytes of an OLE compound file tell before calamine opens it.
struct OleFacts {
    /// It holds `EncryptionInfo` / `EncryptedPackage` streams: an encrypted
    /// OOXML workbook. (An xls whose BIFF stream starts with a FILEPASS record
    /// is an encrypted xls; calamine and the guard report that one.)
    encrypted: bool,
    /// Whether it has a `Workbook` or `Book` stream, which calamine reads;
    /// `None` when the file is longer than what was looked at.
    workbook: Option<bool>,
}

/// Most bytes of an OLE file looked at.
const OLE_LOOK: u64 = 64 << 20;

/// Looks through an OLE file's first [`OLE_LOOK`] bytes. Directory names are
/// UTF-16LE, so we search for those bytes.
fn inspect_ole(path: &Path) -> Result<OleFacts> {
    let mut bytes = Vec::new();
    File::open(path)
        .context("无法打开文件")?
        .take(OLE_LOOK + 1)
        .read_to_end(&mut bytes)
        .context("无法读取文件内容")?;
    let whole = bytes.len() as u64 <= OLE_LOOK;
    bytes.truncate(OLE_LOOK as usize);
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let needles = [utf16("EncryptedPackage"), utf16("EncryptionInfo")];
    let encrypted = needles
        .iter()
        .any(|needle| bytes.windows(needle.len()).any(|w| w == needle.as_slice()));
    let found = has_workbook_entry(&bytes);
    Ok(OleFacts {
        encrypted,
        workbook: (found || whole).then_some(found),
    })
}

/// True when a 128-byte slot of an OLE file (after the 512-byte header) names
/// `Workbook` or `Book` the way calamine looks a stream up: the slot's first 64
/// bytes as UTF-16LE up to the first NUL, ASCII case ignored. Directory
/// sectors start at 512 + n × the sector size (512 or 4096), so every directory
/// entry fills such a slot: none found in the whole file means calamine will
/// find no workbook stream either.
fn has_workbook_entry(bytes: &[u8]) -> bool {
    bytes.chunks_exact(128).skip(4).any(|entry| {
        let name = entry[..64]
            .chunks_exact(2)
            .map(|u| u16::from_le_bytes([u[0], u[1]]))
            .take_while(|&u| u != 0);
        let is = |wanted: &str| {
            let mut units = name.clone();
            wanted.bytes().all(|w| {
                units
                    .next()
                    .is_some_and(|u| u8::try_from(u).is_ok_and(|u| u.eq_ignore_ascii_case(&w)))
            }) && units.next().is_none()
        };
        is("Workbook") || is("Book")
    })
}

#[cfg(test)]
mod tests;

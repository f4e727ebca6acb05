//! The input file itself: what it is when it is no regular file, its name,
//! size and checksum, and its rows again for the 明细 sheet.

use crate::ledger::Ledger;
use crate::read::spill::RowSpill;
use crate::read::{Row, Workbook};
use crate::report::detail::RowSource;
use crate::report::SourceFacts;
use anyhow::{anyhow, Context, Result};
use std::fs::File;
use std::path::Path;

/// Why `path` cannot be read as a ledger at all, found without opening it:
/// it is a folder (`d.xlsx`), a named pipe (reading one waits forever for a
/// writer), a device or a socket. `None` for a regular file, or one that
/// cannot be looked at (the reader then says why).
pub fn special_file_problem(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let kind = special_kind(&meta)?;
    let fix = if meta.is_dir() {
        "要评价其中的台账，请给出文件夹里的台账文件，或把文件夹改名（去掉扩展名）后再交给 jixiao"
    } else {
        "请给出 Excel、WPS 或 CSV 台账文件本身"
    };
    Some(format!(
        "「{}」是一个{kind}，不是台账文件，没有读取：{fix}",
        path.display()
    ))
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("文件夹");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("命名管道（FIFO）");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("设备文件");
        }
        if kind.is_socket() {
            return Some("套接字（socket）");
        }
    }
    Some("特殊文件")
}

/// The input's name, size and SHA-256 (read in chunks, never all at once).
pub(super) fn source_facts(input: &Path) -> Result<SourceFacts> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = File::open(input).context("无法再次打开台账文件计算校验值")?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let read = file
            .read(&mut buffer)
            .context("无法读取台账文件计算校验值")?;
        if read == 0 {
            break;
        }
        size += read as u64;
        hasher.update(&buffer[..read]);
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| input.display().to_string());
    Ok(SourceFacts { name, size, sha256 })
}

/// The rows of the input's read sheets again, for the `明细` sheet: from the
/// copy kept while reading, else (no temporary folder) from the input itself.
pub(super) struct InputRows<'a> {
    pub(super) workbook: &'a mut Workbook,
    pub(super) ledger: &'a Ledger,
    pub(super) spill: Option<RowSpill>,
}

impl RowSource for InputRows<'_> {
    fn for_each_row(&mut self, visit: &mut dyn FnMut(u16, Row)) -> Result<()> {
        if let Some(mut spill) = self.spill.take().filter(RowSpill::is_usable) {
            // Read back before anything is written: a copy that cannot be read
            // fails here, and the input is streamed instead.
            let mut rows_seen = false;
            let result = spill.replay(&mut |sheet, row| {
                rows_seen = true;
                visit(sheet, row);
            });
            match result {
                Ok(()) => return Ok(()),
                Err(error) if rows_seen => {
                    return Err(anyhow!(error)).context("读取临时副本失败，请重试")
                }
                Err(_) => {}
            }
        }
        for (index, layout) in self.ledger.sheets.iter().enumerate() {
            let sheet_index = u16::try_from(index).unwrap_or(u16::MAX);
            self.workbook.visit_rows(&layout.sheet, &mut |row| {
                if row.index > layout.header_row {
                    visit(sheet_index, row);
                }
                std::ops::ControlFlow::Continue(())
            })?;
        }
        Ok(())
    }
}

//! Every file written opens: text is made valid for XML 1.0 before it reaches
//! the workbook or the draft ([`sanitize_xml_text`]), and a written package
//! (.xlsx, .docx) is checked part by part before it takes its name
//! ([`check_package`]).
//!
//! XML 1.0 allows tab, line feed and carriage return and nothing else below
//! U+0020, and never U+FFFE / U+FFFF. A vertical tab pasted from Word into a
//! 摘要 (Excel stores it as `_x000B_`) or a control character in a file name or
//! a setting used to reach `document.xml` as it was, and Word and LibreOffice
//! refused the draft. Such characters are now shown as a visible mark — the
//! Unicode "control picture" of the character (`␋` for a vertical tab), or `?`
//! for the others (DEL, C1 controls and non-characters) — and the places are
//! noted on 数据检查.

use anyhow::{bail, Context, Result};
use quick_xml::events::Event;
use std::borrow::Cow;
use std::io::BufRead;
use std::path::Path;

/// The most parts a package of ours has any business holding; more means the
/// file is not what was written.
const MAX_PARTS: usize = 10_000;

/// The visible mark that stands for `c` when XML cannot (or should not) hold
/// it, else `None` (the character is kept as it is).
///
/// C0 controls other than tab, line feed and carriage return become their
/// control picture (U+2400 + code: `\u{b}` → `␋`); DEL becomes `␡`; C1 controls
/// and non-characters (U+FDD0–U+FDEF and every U+xFFFE / U+xFFFF) become `?`.
pub fn visible_mark(c: char) -> Option<char> {
    let code = u32::from(c);
    match code {
        0x09 | 0x0A | 0x0D => None,
        0x00..=0x1F => char::from_u32(0x2400 + code),
        0x7F => Some('\u{2421}'),
        0x80..=0x9F | 0xFDD0..=0xFDEF => Some('?'),
        _ if code & 0xFFFE == 0xFFFE => Some('?'),
        _ => None,
    }
}

/// `text` made valid for XML 1.0 and fit to show: each character
/// [`visible_mark`] names is replaced by its mark; text without one is
/// borrowed as it is.
pub fn sanitize_xml_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| visible_mark(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| visible_mark(c).unwrap_or(c)).collect())
}

/// How many characters of `text` [`sanitize_xml_text`] replaces.
pub fn marks_in(text: &str) -> usize {
    text.chars().filter(|c| visible_mark(*c).is_some()).count()
}

/// True when XML 1.0 allows `c` in a document (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(u32::from(c),
        0x09 | 0x0A | 0x0D | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A worksheet part larger than this (unpacked) is not parsed again by
/// [`check_package`]: only a big ledger's 明细, written by rust_xlsxwriter.
pub const UNCHECKED_SHEET_BYTES: u64 = 1024 * 1024;

/// Checks the package at `path` (a .xlsx or .docx as written): a readable
/// zip, each XML part (`.xml`, `.rels`, `.vml`) well-formed XML 1.0 in UTF-8
/// — one root element, every element closed in order, attributes well-formed,
/// no character (written or referenced as `&#…;`) that XML 1.0 forbids.
/// Streams each part (no part is held in memory).
///
/// # Errors
/// A Chinese sentence naming the first part that fails and why.
pub fn check_package(path: &Path) -> Result<()> {
    let file = std::fs::File::open(path).context("无法重新打开刚写出的文件进行检查")?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|error| anyhow::anyhow!("刚写出的文件不是完整的压缩包（{error}）"))?;
    if archive.len() > MAX_PARTS {
        bail!("刚写出的文件含有 {} 个部件，超出正常范围", archive.len());
    }
    for index in 0..archive.len() {
        let part = archive.by_index(index).map_err(|error| {
            anyhow::anyhow!("刚写出的文件中第 {} 个部件无法读取（{error}）", index + 1)
        })?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml")) {
            continue;
        }
        // A big ledger's 明细 sheet is written cell by cell by rust_xlsxwriter,
        // which escapes every control character, from text already made
        // valid: parsing its megabytes again would add a quarter to a big
        // ledger's time (half to a 10,000-row one). Every other part, and a
        // small ledger's 明细, is parsed whole.
        if lower.starts_with("xl/worksheets/") && part.size() > UNCHECKED_SHEET_BYTES {
            continue;
        }
        check_part(std::io::BufReader::with_capacity(1 << 16, part))
            .map_err(|why| anyhow::anyhow!("刚写出的文件中「{name}」不是合格的 XML（{why}）"))?;
    }
    Ok(())
}

/// Checks one XML part read from `reader`; the reason it fails, in Chinese.
///
/// # Errors
/// Why the part is not well-formed XML 1.0.
pub fn check_part<R: BufRead>(reader: R) -> std::result::Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(reader);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut buf = Vec::new();
    let mut depth: usize = 0;
    let mut roots: usize = 0;
    loop {
        let position = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|error| format!("第 {position} 字节附近：{error}"))?;
        match event {
            Event::Start(ref start) | Event::Empty(ref start) => {
                if depth == 0 {
                    roots += 1;
                    if roots > 1 {
                        return Err(format!("第 {position} 字节附近：有不止一个根元素"));
                    }
                }
                check_text(start.name().as_ref(), position)?;
                for attribute in start.attributes().with_checks(true) {
                    let attribute =
                        attribute.map_err(|error| format!("第 {position} 字节附近：{error}"))?;
                    check_text(&attribute.value, position)?;
                    // A character reference (`&#11;`) is checked as what it stands for.
                    if attribute.value.contains('&') {
                        let value = attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|error| format!("第 {position} 字节附近：{error}"))?;
                        check_text(&value, position)?;
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth
                    .checked_sub(1)
                    .ok_or_else(|| format!("第 {position} 字节附近：多出一个结束标记"))?;
            }
            Event::Text(text) => {
                if depth == 0 && text.chars().any(|c| !c.is_ascii_whitespace()) {
                    return Err(format!("第 {position} 字节附近：根元素之外有文字"));
                }
                check_text(&text, position)?;
            }
            Event::CData(text) => check_text(&text, position)?,
            Event::Comment(text) => check_text(&text, position)?,
            Event::GeneralRef(reference) => {
                if reference.is_char_ref() {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) if xml_char(c) => {}
                        _ => {
                            return Err(format!(
                                "第 {position} 字节附近：字符引用 &{}; 不是 XML 允许的字符",
                                &*reference
                            ))
                        }
                    }
                } else if !matches!(&*reference, "amp" | "lt" | "gt" | "quot" | "apos") {
                    return Err(format!(
                        "第 {position} 字节附近：未定义的实体 &{};",
                        &*reference
                    ));
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            Event::Eof => {
                if depth > 0 {
                    return Err(format!("有 {depth} 个元素没有结束标记"));
                }
                if roots == 0 {
                    return Err("没有根元素".to_string());
                }
                return Ok(());
            }
        }
        buf.clear();
    }
}

/// Checks that `text` holds only characters XML 1.0 allows. A `str` is valid
/// UTF-8 without surrogates, so what is left to find are bytes below 0x20
/// other than tab, line feed and carriage return, and U+FFFE / U+FFFF (`EF BF
/// BE`, `EF BF BF`): a scan of the bytes, several times faster than of chars.
fn check_text(text: &str, position: u64) -> std::result::Result<(), String> {
    let bytes = text.as_bytes();
    let bad = bytes.iter().enumerate().find_map(|(at, &byte)| match byte {
        0x09 | 0x0A | 0x0D => None,
        0x00..=0x1F => Some(u32::from(byte)),
        0xEF if bytes.get(at + 1) == Some(&0xBF) => match bytes.get(at + 2) {
            Some(0xBE) => Some(0xFFFE),
            Some(0xBF) => Some(0xFFFF),
            _ => None,
        },
        _ => None,
    });
    match bad {
        None => Ok(()),
        Some(code) => Err(format!(
            "第 {position} 字节附近：含有 XML 不允许的字符 U+{code:04X}"
        )),
    }
}

#[cfg(test)]
mod tests;

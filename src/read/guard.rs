//! Allocation guards: what calamine would allocate for a file, worked out
//! before calamine opens it.
//!
//! calamine 0.38 sizes some allocations from what a file claims, or from the
//! dense bounding box of a sheet, before jixiao sees a single cell. An
//! allocation that fails aborts the process — it is not a panic, nothing can
//! catch it — and a whole batch is lost. So each guard here reads the file the
//! way calamine will, keeps nothing of it, and either lets it through or
//! refuses it with a Chinese message that names the problem, the limit and
//! what to do. Every estimate errs on the high side, and counts what calamine
//! really holds (measured: a 500,000-row ods ledger estimated at 421 MiB for
//! calamine peaks at 442 MiB in all). Real ledgers pass by far, with one
//! exception by design: an ods beyond about 380,000 rows of six columns, or an
//! xls beyond about three million cells, cannot be held by calamine within the
//! run's 512 MiB, and is refused with the advice to save it as .xlsx, which
//! jixiao streams row by row.
//!
//! - **xls** ([`open_xls`]): calamine parses every sheet into a dense grid of
//!   32-byte cells spanning all its value cells, keeps all sheets, and copies a
//!   sheet when it is read; one value in the far corner (`IV65536`) makes that
//!   grid gigabytes. The OLE compound file is walked exactly as calamine's
//!   private reader walks it (same bytes, same quirks, but refusing sector
//!   chains that loop), the BIFF records are scanned, and the cost is added up.
//!   A DIMENSIONS record — calamine reserves room for the cells it claims — that
//!   claims far more than the cells need is corrected in a private temporary
//!   copy: it changes nothing else, so such a file is still read.
//! - **ods** ([`check_ods`]): `content.xml` is scanned and repeated rows and
//!   cells are counted the way calamine expands them. Trailing empty repeats,
//!   which LibreOffice writes in every file, cost nothing and count nothing.
//! - **xlsx** ([`check_xlsx`]): every XML part calamine may read is inflated
//!   (streamed, never kept) and scanned for a text or a tag longer than any cell
//!   can hold, the shared strings are counted, and shared-formula numbers are
//!   checked (calamine sizes a table by the largest).
//!
//! The limits are the constants below; `guard/tests.rs` tests the estimates
//! and `tests/integration/hostile_grid.rs` whole runs on hostile files (peak
//! RSS under GNU time). `docs/reliability.md` lists them with the other promises.

use anyhow::{anyhow, bail, Context, Result};
use std::fs::File;
use std::io::{BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::Path;

use super::cell::{cell_address, column_name};

/// Most memory calamine may need for one workbook's grids and strings:
/// 320 MiB. jixiao's own work on the largest ledger (1,048,576 rows) takes
/// under 190 MiB more, so a run stays under the 512 MiB every run must keep to.
pub const MEMORY_BUDGET: u64 = 320 << 20;
/// Longest run of text, or longest single tag, in an XML part: 1 MiB. An Excel
/// cell holds at most 32,767 characters (≤ 262,136 bytes even when every one is
/// written as `&#65535;`); other writers may go past that, so jixiao allows four
/// times as much, while calamine (which copies a text about three times) can
/// never be made to hold more than a few MiB for one text.
pub const MAX_XML_RUN: u64 = 1 << 20;
/// Largest uncompressed shared-string part of an xlsx: 256 MiB. A real
/// 1,048,576-row ledger written by Excel or rust_xlsxwriter needs a few tens of MiB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;

const RESAVE: &str = "请在 Excel 或 WPS 中打开该文件，另存为 .xlsx（Excel 工作簿）后再试";

/// Bytes of one calamine `Data` cell in a dense grid.
const DATA_CELL: u64 = 32;
/// Bytes of one `Cell<Data>` (a value with its position) while a sheet is gathered.
const SPARSE_CELL: u64 = 40;
/// Bytes of one `String` without its text (a formula slot, a shared string).
const STRING: u64 = 24;
/// Bytes of one `Cell<String>` (a formula with its position).
const SPARSE_FORMULA: u64 = 32;
/// Bytes of one entry of calamine's shared-formula table in an xlsx sheet.
const SHARED_FORMULA: u64 = 40;

/// What the allocator takes for a text of `len` bytes: 16-byte granules, at least 32.
fn heap(len: u64) -> u64 {
    if len == 0 {
        0
    } else {
        (len.saturating_add(8 + 15) / 16 * 16).max(32)
    }
}

/// Whole MiB, rounded up, for messages.
fn mib(bytes: u64) -> u64 {
    bytes.div_ceil(1 << 20)
}

/// `16777216` → `16,777,216`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A1-style address of a 0-based cell, `IV65536`.
fn address(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column), u64::from(row) + 1)
}

// ---------------------------------------------------------------------------
// XML scanning
// ---------------------------------------------------------------------------

/// One event of the XML byte scanner, in document order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum XmlEvent<'t> {
    /// A start tag; an empty element `<a/>` is reported as a start and an end.
    Start {
        /// The qualified name, `table:table-cell`.
        name: &'t [u8],
        /// Everything after the name, attributes still escaped.
        attrs: &'t [u8],
    },
    /// An end tag.
    End {
        /// The qualified name.
        name: &'t [u8],
    },
    /// A run of character data (or CDATA) of this many bytes, escapes not decoded.
    Text(u64),
}

/// Why a scan stopped early.
#[derive(Debug)]
pub(crate) enum ScanStop {
    /// The part cannot be read (a corrupt deflate stream, a wrong declared
    /// size): calamine meets the same error and reports it.
    Unreadable,
    /// A text run or a piece of markup longer than the limit.
    TooLong {
        /// Markup (a tag, comment, declaration) rather than text.
        markup: bool,
    },
    /// The visitor refused the content.
    Refused(anyhow::Error),
}

/// What a scan reports to, and what it wants reported: tags of some names
/// only, text only where it matters. Unwanted tokens are still measured.
pub(crate) trait XmlVisitor {
    /// Whether start and end tags of this (qualified) name are reported.
    fn wants(&self, _name: &[u8]) -> bool {
        true
    }
    /// Whether text runs are reported now.
    fn wants_text(&self) -> bool {
        true
    }
    /// One event; an error stops the scan as [`ScanStop::Refused`].
    fn event(&mut self, event: XmlEvent<'_>) -> Result<()>;
}

enum Lex {
    Text,
    /// Just after `<`.
    Open,
    /// After `<!`, telling a comment, CDATA and a DOCTYPE apart.
    Bang,
    Comment,
    CData,
    Doctype {
        depth: u32,
    },
    Pi,
    /// Inside a tag that did not end in the chunk it began in; `quote` is the
    /// open quote character or 0.
    Tag {
        quote: u8,
    },
}

/// The end of a tag starting at `bytes[0]`, quotes respected: the index of
/// its `>`, or `None` when it does not end in `bytes`. A plain loop: tags are
/// short, and a vectorised search pays its set-up for every quote.
fn tag_end(bytes: &[u8]) -> Option<usize> {
    let mut quote = 0u8;
    for (index, &byte) in bytes.iter().enumerate() {
        if quote != 0 {
            if byte == quote {
                quote = 0;
            }
        } else if byte == b'>' {
            return Some(index);
        } else if byte == b'"' || byte == b'\'' {
            quote = byte;
        }
    }
    None
}

/// The first `<` in `bytes`: most text runs are short, so a plain look at
/// the first bytes before the vectorised search.
fn next_open(bytes: &[u8]) -> Option<usize> {
    let head = bytes.len().min(64);
    match bytes[..head].iter().position(|&b| b == b'<') {
        Some(found) => Some(found),
        None => memchr::memchr(b'<', &bytes[head..]).map(|found| found + head),
    }
}

/// Streams an XML document through a small tokenizer, in bounded memory: no
/// token (text run, tag, comment) may be longer than `limit` bytes — which is
/// also what quick-xml, calamine's parser, would buffer whole.
pub(crate) fn scan_xml<V: XmlVisitor + ?Sized>(
    source: impl Read,
    limit: u64,
    visitor: &mut V,
) -> Result<(), ScanStop> {
    let mut reader = BufReader::with_capacity(1 << 17, source);
    let mut tag: Vec<u8> = Vec::new();
    let mut lex = Lex::Text;
    let mut run: u64 = 0;
    let mut tail = [0u8; 2];
    let too_long = |markup: bool| ScanStop::TooLong { markup };
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(ScanStop::Unreadable),
        };
        if chunk.is_empty() {
            break;
        }
        let length = chunk.len();
        let mut at = 0;
        while at < length {
            let rest = &chunk[at..];
            match &mut lex {
                Lex::Text => match next_open(rest) {
                    Some(p) => {
                        run += p as u64;
                        if run > limit {
                            return Err(too_long(false));
                        }
                        if run > 0 && visitor.wants_text() {
                            visitor
                                .event(XmlEvent::Text(run))
                                .map_err(ScanStop::Refused)?;
                        }
                        run = 1;
                        at += p + 1;
                        lex = Lex::Open;
                    }
                    None => {
                        run += rest.len() as u64;
                        at = length;
                        if run > limit {
                            return Err(too_long(false));
                        }
                    }
                },
                Lex::Open => match rest[0] {
                    b'!' => {
                        lex = Lex::Bang;
                        tag.clear();
                        at += 1;
                        run += 1;
                    }
                    b'?' => {
                        lex = Lex::Pi;
                        tail = [0; 2];
                        at += 1;
                        run += 1;
                    }
                    _ => match tag_end(rest) {
                        // The usual case: the whole tag is in this chunk.
                        Some(end) => {
                            if end as u64 + 2 > limit {
                                return Err(too_long(true));
                            }
                            emit_tag(&rest[..end], visitor).map_err(ScanStop::Refused)?;
                            at += end + 1;
                            run = 0;
                            lex = Lex::Text;
                        }
                        None => {
                            tag.clear();
                            lex = Lex::Tag { quote: 0 };
                        }
                    },
                },
                Lex::Bang => {
                    tag.push(rest[0]);
                    if b"--".starts_with(&tag) || b"[CDATA[".starts_with(&tag) {
                        at += 1;
                        run += 1;
                        if tag == b"--" {
                            lex = Lex::Comment;
                            tail = [0; 2];
                        } else if tag == b"[CDATA[" {
                            lex = Lex::CData;
                            tail = [0; 2];
                        }
                    } else {
                        tag.pop();
                        lex = Lex::Doctype { depth: 0 };
                    }
                }
                Lex::Comment | Lex::CData | Lex::Pi | Lex::Doctype { .. } => {
                    // Rare and, past the limit, refused: byte by byte is fine.
                    let byte = rest[0];
                    at += 1;
                    run += 1;
                    let ended = match &mut lex {
                        Lex::Comment => byte == b'>' && tail == *b"--",
                        Lex::CData => byte == b'>' && tail == *b"]]",
                        Lex::Pi => byte == b'>' && tail[1] == b'?',
                        Lex::Doctype { depth } => {
                            match byte {
                                b'[' => *depth += 1,
                                b']' => *depth = depth.saturating_sub(1),
                                _ => {}
                            }
                            byte == b'>' && *depth == 0
                        }
                        _ => false,
                    };
                    tail = [tail[1], byte];
                    if ended {
                        if matches!(lex, Lex::CData) && visitor.wants_text() {
                            // The content of a CDATA section is text (quick-xml buffers it whole).
                            visitor
                                .event(XmlEvent::Text(run.saturating_sub(12)))
                                .map_err(ScanStop::Refused)?;
                        }
                        lex = Lex::Text;
                        run = 0;
                    } else if run > limit {
                        return Err(too_long(!matches!(lex, Lex::CData)));
                    }
                }
                Lex::Tag { quote } => {
                    let stop = if *quote == 0 {
                        memchr::memchr3(b'>', b'"', b'\'', rest)
                    } else {
                        memchr::memchr(*quote, rest)
                    };
                    let piece = stop.unwrap_or(rest.len());
                    run += piece as u64 + u64::from(stop.is_some());
                    if run > limit {
                        return Err(too_long(true));
                    }
                    tag.extend_from_slice(&rest[..piece]);
                    at += piece;
                    if let Some(p) = stop {
                        at += 1;
                        let byte = rest[p];
                        if *quote != 0 {
                            tag.push(byte);
                            *quote = 0;
                        } else if byte == b'>' {
                            emit_tag(&tag, visitor).map_err(ScanStop::Refused)?;
                            lex = Lex::Text;
                            run = 0;
                        } else {
                            tag.push(byte);
                            *quote = byte;
                        }
                    }
                }
            }
        }
        reader.consume(length);
    }
    if matches!(lex, Lex::Text) && run > 0 && visitor.wants_text() {
        visitor
            .event(XmlEvent::Text(run))
            .map_err(ScanStop::Refused)?;
    }
    Ok(())
}

/// Reports one complete tag (without its `<` and `>`), if its name is wanted.
fn emit_tag<V: XmlVisitor + ?Sized>(tag: &[u8], visitor: &mut V) -> Result<()> {
    if let Some(rest) = tag.strip_prefix(b"/") {
        let end = rest
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(rest.len());
        let name = &rest[..end];
        return if visitor.wants(name) {
            visitor.event(XmlEvent::End { name })
        } else {
            Ok(())
        };
    }
    let (body, empty) = match tag.strip_suffix(b"/") {
        Some(body) => (body, true),
        None => (tag, false),
    };
    let end = body
        .iter()
        .position(u8::is_ascii_whitespace)
        .unwrap_or(body.len());
    let name = &body[..end];
    if !visitor.wants(name) {
        return Ok(());
    }
    visitor.event(XmlEvent::Start {
        name,
        attrs: &body[end..],
    })?;
    if empty {
        visitor.event(XmlEvent::End { name })?;
    }
    Ok(())
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// The attributes of a start tag in order, as raw (still escaped) values.
pub(crate) fn attributes(attrs: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        rest = trim_start(rest);
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .iter()
            .position(|&b| b == b'=' || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after = trim_start(&rest[name_end..]);
        let Some(value) = after.strip_prefix(b"=") else {
            // A name without a value; skip at least one byte.
            rest = if name.is_empty() { &after[1..] } else { after };
            return Some((name, &[][..]));
        };
        let value = trim_start(value);
        match value.first() {
            Some(&quote) if quote == b'"' || quote == b'\'' => {
                let body = &value[1..];
                let end = body.iter().position(|&b| b == quote).unwrap_or(body.len());
                rest = body.get(end + 1..).unwrap_or_default();
                Some((name, &body[..end]))
            }
            _ => {
                let end = value
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .unwrap_or(value.len());
                rest = &value[end..];
                Some((name, &value[..end]))
            }
        }
    })
}

/// The raw value of one attribute.
pub(crate) fn attribute<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    attributes(attrs)
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value)
}

/// The part of a qualified name after its prefix: `x:si` → `si`.
fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// An attribute value as calamine reads a count from it: decoded (`decode`)
/// or raw, then parsed as an unsigned integer (a leading `+` allowed, as
/// Rust's parser does). `None` where calamine's parse fails.
pub(crate) fn parse_count(raw: &[u8], decode: bool) -> Option<u64> {
    let text = if decode {
        unescape(raw)?
    } else {
        String::from_utf8(raw.to_vec()).ok()?
    };
    text.parse().ok()
}

/// Decodes XML character and entity references; `None` for an unknown entity.
fn unescape(raw: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(raw).ok()?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';')?;
        let entity = &after[..semi];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    entity.strip_prefix('#')?.parse().ok()?
                };
                char::from_u32(code)?
            }
        };
        out.push(c);
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The message for a text or tag longer than [`MAX_XML_RUN`] (the scan stops
/// there, so only a lower bound of its length is known).
fn long_run_message(part: &str, markup: bool) -> anyhow::Error {
    let what = if markup {
        "一个标签（<…>）"
    } else {
        "一段文字"
    };
    anyhow!(
        "文件中的部件「{part}」里有{what}长达 {} MB 以上，超过 jixiao 的上限 {} MB（Excel 一个单元格最多只能放 32,767 个字符，不到 0.25 MB）。这样的内容不是 Excel 或 WPS 保存的，文件可能已损坏或是恶意构造的，读取它会耗尽内存。{RESAVE}；如果表中确有这样长的文字，请先把它删短",
        mib(MAX_XML_RUN),
        mib(MAX_XML_RUN)
    )
}

/// Runs one part through [`scan_xml`]: an unreadable part is left to calamine
/// (`false`), a too-long run or a refusal becomes the error.
fn scan_part<V: XmlVisitor>(part: impl Read, name: &str, visitor: &mut V) -> Result<bool> {
    match scan_xml(part, MAX_XML_RUN, visitor) {
        Ok(()) => Ok(true),
        Err(ScanStop::Unreadable) => Ok(false),
        Err(ScanStop::TooLong { markup }) => Err(long_run_message(name, markup)),
        Err(ScanStop::Refused(error)) => Err(error),
    }
}

// ---------------------------------------------------------------------------
// xlsx
// ---------------------------------------------------------------------------

/// Checks the XML parts of an xlsx package that calamine may read: no text or
/// tag longer than [`MAX_XML_RUN`], shared strings that fit in
/// [`MEMORY_BUDGET`] (and a part no larger than [`MAX_SHARED_STRINGS_BYTES`]),
/// and shared-formula numbers that match the formulas present.
///
/// Every XML part is checked, wherever it lies, except custom XML and document
/// properties (Power Query keeps megabytes of base64 there) that no
/// relationship hands to calamine as a workbook, sheet, table or style part.
/// Each part is inflated as a stream; nothing of it is kept.
pub(crate) fn check_xlsx<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<()> {
    let read_by_calamine = content_targets(archive);
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index(index) else {
            continue;
        };
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let lower = package_path(&name);
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels") || lower.ends_with(".vml");
        let aside = lower.starts_with("customxml/") || lower.starts_with("docprops/");
        if !xml || (aside && !read_by_calamine.contains(&lower)) {
            continue;
        }
        let shared = lower.ends_with("sharedstrings.xml");
        if shared && part.size() > MAX_SHARED_STRINGS_BYTES {
            bail!(
                "文件的共享字符串表（{name}）解压后有 {} MB，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需几十 MB。文件可能已损坏、是恶意构造的，或夹带了大量与台账无关的文字。请在 Excel 或 WPS 中打开该文件，删去不需要的工作表后另存为 .xlsx 再试",
                mib(part.size()),
                mib(MAX_SHARED_STRINGS_BYTES)
            );
        }
        let mut scan = XlsxPart::new(shared);
        if scan_part(part, &name, &mut scan)? {
            scan.finish(&name)?;
        }
    }
    Ok(())
}

/// A part name as a package path: forward slashes, no leading one, lower case.
fn package_path(name: &str) -> String {
    name.replace('\\', "/")
        .trim_start_matches('/')
        .to_lowercase()
}

/// The relationship types whose targets calamine parses as XML.
const CONTENT_RELATIONSHIPS: &[&str] = &[
    "officedocument",
    "worksheet",
    "chartsheet",
    "dialogsheet",
    "macrosheet",
    "xlmacrosheet",
    "sharedstrings",
    "styles",
    "theme",
    "table",
    "sheetmetadata",
];

/// The parts that some relationship hands to calamine as content (package
/// paths, see [`package_path`]). Relationship parts that cannot be read add nothing.
fn content_targets<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Vec<String> {
    let mut targets = Vec::new();
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index(index) else {
            continue;
        };
        let rels = package_path(part.name().map(|n| n.to_string()).as_deref().unwrap_or(""));
        // `xl/_rels/workbook.xml.rels` describes `xl/workbook.xml`: targets are relative to `xl/`.
        let Some(base) = rels
            .strip_suffix(".rels")
            .and_then(|owner| owner.rsplit_once("_rels/"))
            .map(|(dir, _)| dir.to_string())
        else {
            continue;
        };
        let mut collect = Relationships::default();
        let _ = scan_xml(part, MAX_XML_RUN, &mut collect);
        for target in collect.targets {
            let path = if let Some(absolute) = target.strip_prefix('/') {
                absolute.to_string()
            } else {
                format!("{base}{target}")
            };
            let mut resolved: Vec<&str> = Vec::new();
            for segment in path.split('/') {
                match segment {
                    "" | "." => {}
                    ".." => {
                        resolved.pop();
                    }
                    other => resolved.push(other),
                }
            }
            targets.push(package_path(&resolved.join("/")));
        }
    }
    targets
}

/// Collects the internal targets of content relationships.
#[derive(Default)]
struct Relationships {
    targets: Vec<String>,
}

impl XmlVisitor for Relationships {
    fn wants(&self, name: &[u8]) -> bool {
        local_name(name) == b"Relationship"
    }

    fn wants_text(&self) -> bool {
        false
    }

    fn event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        if let XmlEvent::Start { attrs, .. } = event {
            let kind = attribute(attrs, b"Type").map(|t| String::from_utf8_lossy(t).to_lowercase());
            let content = kind.is_some_and(|kind| {
                let last = kind.rsplit('/').next().unwrap_or("");
                CONTENT_RELATIONSHIPS.contains(&last)
            });
            let external = attribute(attrs, b"TargetMode") == Some(&b"External"[..]);
            if let (true, false, Some(target)) = (content, external, attribute(attrs, b"Target")) {
                let target = unescape(target)
                    .unwrap_or_else(|| String::from_utf8_lossy(target).into_owned());
                self.targets.push(target.replace('\\', "/"));
            }
        }
        Ok(())
    }
}

/// What one xlsx part tells about calamine's allocations.
#[derive(Default)]
struct XlsxPart {
    shared: bool,
    in_string: bool,
    string_bytes: u64,
    strings: u64,
    strings_heap: u64,
    unique_count: u64,
    formulas: u64,
    max_shared_index: Option<u64>,
}

impl XmlVisitor for XlsxPart {
    fn wants(&self, name: &[u8]) -> bool {
        match local_name(name) {
            b"f" => true,
            b"sst" | b"si" => self.shared,
            _ => false,
        }
    }

    fn wants_text(&self) -> bool {
        self.in_string
    }

    fn event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        self.on_event(event)
    }
}

impl XlsxPart {
    fn new(shared: bool) -> Self {
        Self {
            shared,
            ..Self::default()
        }
    }

    /// What calamine keeps of the shared strings: a `String` per string (room
    /// reserved for the declared `uniqueCount`) and the texts.
    fn strings_cost(&self) -> u64 {
        self.strings
            .max(self.unique_count)
            .saturating_mul(STRING)
            .saturating_add(self.strings_heap)
    }

    fn on_event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        match event {
            XmlEvent::Start { name, attrs } => match local_name(name) {
                b"sst" if self.shared => {
                    self.unique_count = attribute(attrs, b"uniqueCount")
                        .and_then(|v| parse_count(v, false))
                        .unwrap_or(0);
                }
                b"si" if self.shared => {
                    self.in_string = true;
                    self.string_bytes = 0;
                }
                b"f" => {
                    self.formulas += 1;
                    if attribute(attrs, b"t") == Some(&b"shared"[..]) {
                        // calamine reads `si` with a digits-only parser.
                        if let Some(index) = attribute(attrs, b"si")
                            .filter(|v| !v.is_empty() && v.iter().all(u8::is_ascii_digit))
                            .map(|v| parse_count(v, false).unwrap_or(u64::MAX))
                        {
                            self.max_shared_index = self.max_shared_index.max(Some(index));
                        }
                    }
                }
                _ => {}
            },
            XmlEvent::Text(bytes) if self.in_string => {
                self.string_bytes = self.string_bytes.saturating_add(bytes);
            }
            XmlEvent::End { name } if self.in_string && local_name(name) == b"si" => {
                self.in_string = false;
                self.strings += 1;
                self.strings_heap = self.strings_heap.saturating_add(heap(self.string_bytes));
                if self.strings_cost() > MEMORY_BUDGET {
                    return Err(self.strings_message());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn strings_message(&self) -> anyhow::Error {
        anyhow!(
            "文件的共享字符串表有 {} 个以上的字符串，读取时约需 {} MB 以上内存，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需一百多 MB。文件可能已损坏、是恶意构造的，或夹带了大量与台账无关的文字。请在 Excel 或 WPS 中打开该文件，删去不需要的工作表后另存为 .xlsx 再试",
            grouped(self.strings.max(self.unique_count)),
            mib(self.strings_cost()),
            mib(MEMORY_BUDGET)
        )
    }

    fn finish(&self, name: &str) -> Result<()> {
        if self.shared && self.strings_cost() > MEMORY_BUDGET {
            return Err(self.strings_message());
        }
        if let Some(index) = self.max_shared_index {
            // calamine grows a table to the largest shared-formula number it meets;
            // Excel numbers them 0, 1, 2 …, one per shared formula written.
            let table = index.saturating_add(1).saturating_mul(SHARED_FORMULA);
            if table > MEMORY_BUDGET || (index >= 1 << 20 && index >= self.formulas) {
                bail!(
                    "文件中的部件「{name}」里有编号为 {index} 的共享公式，但整个部件只有 {} 个公式；读取时要按这个编号准备约 {} MB 内存，超过 jixiao 的上限 {} MB。文件已损坏或是恶意构造的。{RESAVE}",
                    grouped(self.formulas),
                    grouped(mib(table)),
                    mib(MEMORY_BUDGET)
                );
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// ods
// ---------------------------------------------------------------------------

/// Checks an ods package's `content.xml`: the cells calamine will materialise
/// from repeated rows and cells, and the texts it will build, must fit in
/// [`MEMORY_BUDGET`].
pub(crate) fn check_ods<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Result<()> {
    let Ok(content) = archive.by_name("content.xml") else {
        // calamine reports the missing part.
        return Ok(());
    };
    let mut scan = OdsScan::default();
    if scan_part(content, "content.xml", &mut scan)? {
        scan.finish()?;
    }
    Ok(())
}

/// calamine caps the rows of an ods table at Excel's limit.
const ODS_MAX_ROWS: u64 = 1_048_576;
/// … and the cells of one row.
const ODS_MAX_COLUMNS: u64 = 16_384;
/// … and refuses a table of more cells (after building that many).
const ODS_MAX_CELLS: u64 = 100_000_000;

/// Where the scanner is, in calamine's reading of `content.xml`.
#[derive(Default)]
enum OdsMode {
    #[default]
    Outside,
    /// Inside a `table:table` with a name (calamine's `read_table`).
    Table,
    /// Inside a row (`read_row`).
    Row,
    /// Inside a cell whose text is its value (`get_datatype`'s loop).
    Text {
        in_annotation: bool,
        first_paragraph: bool,
    },
    /// Skipping the rest of a cell (`read_to_end_into`).
    Skip { depth: u32 },
}

/// The rows of a table that calamine turns into one dense range: from the first
/// row with a non-empty cell to the last, every row repeated as often as it says.
#[derive(Default, Clone, Copy)]
struct Extent {
    started: bool,
    rows: u64,
    pending_empty: u64,
    /// Row elements in the range (calamine reserves room for one copy of each).
    elements: u64,
    pending_elements: u64,
    first_column: u64,
    last_column: u64,
    heap: u64,
}

impl Extent {
    fn add_row(&mut self, repeats: u64, span: Option<(u64, u64)>, heap_per_copy: u64) {
        match span {
            Some((first, last)) => {
                if self.started {
                    self.rows = self
                        .rows
                        .saturating_add(self.pending_empty)
                        .saturating_add(repeats);
                    self.elements += self.pending_elements + 1;
                    self.first_column = self.first_column.min(first);
                    self.last_column = self.last_column.max(last);
                } else {
                    *self = Extent {
                        started: true,
                        rows: repeats,
                        elements: 1,
                        first_column: first,
                        last_column: last,
                        ..Extent::default()
                    };
                }
                self.pending_empty = 0;
                self.pending_elements = 0;
                self.heap = self
                    .heap
                    .saturating_add(heap_per_copy.saturating_mul(repeats));
            }
            None if self.started => {
                self.pending_empty = self.pending_empty.saturating_add(repeats);
                self.pending_elements += 1;
            }
            None => {}
        }
    }

    fn width(&self) -> u64 {
        if self.started {
            self.last_column + 1 - self.first_column
        } else {
            0
        }
    }

    /// Cells of the range, or of the room calamine reserves for it when that
    /// is more (one copy of each row element, at most its cell limit).
    fn cells(&self) -> u64 {
        let reserved = self
            .elements
            .saturating_mul(self.width())
            .min(ODS_MAX_CELLS);
        self.rows.saturating_mul(self.width()).max(reserved)
    }
}

/// The cells of the row being read, as calamine pushes them.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    /// 0-based row number of this row in the expanded table.
    number: u64,
    pushed: u64,
    pending_empty: u64,
    values: Option<(u64, u64)>,
    values_heap: u64,
    formulas: Option<(u64, u64)>,
    formulas_heap: u64,
}

/// The cell being read: what `get_datatype` found so far.
#[derive(Default)]
struct OdsCell {
    repeats: u64,
    valued: bool,
    value_len: u64,
    formula_len: u64,
}

/// One table's costs.
#[derive(Default)]
struct OdsTable {
    name: String,
    total_rows: u64,
    raw_cells: u64,
    raw_heap: u64,
    values: Extent,
    formulas: Extent,
    /// The valued cell copied most often: (copies, row, column).
    most_copied: (u64, u64, u64),
}

impl OdsTable {
    fn range_bytes(&self) -> u64 {
        self.values
            .cells()
            .saturating_mul(DATA_CELL)
            .saturating_add(self.values.heap)
    }

    fn held_bytes(&self) -> u64 {
        self.range_bytes().saturating_add(
            self.formulas
                .cells()
                .saturating_mul(STRING)
                .saturating_add(self.formulas.heap),
        )
    }

    /// calamine gathers a table as one `Data` and one formula `String` per pushed cell.
    fn raw_bytes(&self) -> u64 {
        self.raw_cells
            .saturating_mul(DATA_CELL + STRING)
            .saturating_add(self.raw_heap)
    }
}

#[derive(Default)]
struct OdsScan {
    mode: OdsMode,
    table: OdsTable,
    row: OdsRow,
    cell: OdsCell,
    /// Bytes of the finished tables' ranges, all kept by calamine.
    held: u64,
    /// The most any one table needs on top while it is built or copied.
    transient: u64,
    /// The longest single text calamine builds (a growing `String` may hold twice it).
    longest_text: u64,
    /// The table that needs the most, for the message.
    worst: Option<OdsTable>,
}

impl XmlVisitor for OdsScan {
    fn event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        self.on_event(event)
    }
}

impl OdsScan {
    fn estimate(&self, current: Option<&OdsTable>) -> u64 {
        let (held, transient) = match current {
            Some(table) => (
                table.held_bytes(),
                table.raw_bytes().max(table.range_bytes()),
            ),
            None => (0, 0),
        };
        self.held
            .saturating_add(held)
            .saturating_add(self.transient.max(transient))
            .saturating_add(self.longest_text.saturating_mul(2))
    }

    fn on_event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        match std::mem::take(&mut self.mode) {
            OdsMode::Outside => {
                if let XmlEvent::Start {
                    name: b"table:table",
                    attrs,
                } = event
                {
                    if let Some(name) = attribute(attrs, b"table:name") {
                        self.table = OdsTable {
                            name: unescape(name)
                                .unwrap_or_else(|| String::from_utf8_lossy(name).into_owned()),
                            ..OdsTable::default()
                        };
                        self.mode = OdsMode::Table;
                        return Ok(());
                    }
                }
                self.mode = OdsMode::Outside;
            }
            OdsMode::Table => match event {
                XmlEvent::Start {
                    name: b"table:table-row",
                    attrs,
                } => {
                    let repeats = attribute(attrs, b"table:number-rows-repeated")
                        .map_or(Some(1), |v| parse_count(v, true))
                        .unwrap_or(1);
                    let capped = repeats.min(ODS_MAX_ROWS.saturating_sub(self.table.total_rows));
                    self.row = OdsRow {
                        repeats: capped,
                        number: self.table.total_rows,
                        ..OdsRow::default()
                    };
                    self.table.total_rows += capped;
                    self.mode = OdsMode::Row;
                }
                XmlEvent::End {
                    name: b"table:table",
                } => {
                    self.finish_table();
                    self.mode = OdsMode::Outside;
                }
                _ => self.mode = OdsMode::Table,
            },
            OdsMode::Row => match event {
                XmlEvent::Start { name, attrs }
                    if name == b"table:table-cell" || name == b"table:covered-table-cell" =>
                {
                    self.mode = self.start_cell(attrs);
                }
                XmlEvent::End {
                    name: b"table:table-row",
                } => {
                    self.finish_row()?;
                    self.mode = OdsMode::Table;
                }
                // calamine fails on anything else in a row; counting on is safe.
                _ => self.mode = OdsMode::Row,
            },
            OdsMode::Text {
                in_annotation,
                first_paragraph,
            } => {
                let mut first = first_paragraph;
                let mut annotation = in_annotation;
                match event {
                    XmlEvent::End { name } if annotation => {
                        annotation = name != b"office:annotation";
                    }
                    _ if annotation => {}
                    XmlEvent::End { name }
                        if name == b"table:table-cell" || name == b"table:covered-table-cell" =>
                    {
                        self.push_cell();
                        self.mode = OdsMode::Row;
                        return Ok(());
                    }
                    XmlEvent::Text(bytes) => self.cell.value_len += bytes,
                    XmlEvent::Start { name, attrs } => match name {
                        b"office:annotation" => annotation = true,
                        b"text:p" => {
                            if !first {
                                self.cell.value_len += 1;
                            }
                            first = false;
                        }
                        b"text:s" => {
                            let spaces = attribute(attrs, b"text:c")
                                .map_or(Some(1), |v| parse_count(v, true))
                                .unwrap_or(0);
                            self.cell.value_len = self.cell.value_len.saturating_add(spaces);
                        }
                        b"text:tab" | b"text:line-break" => self.cell.value_len += 1,
                        _ => {}
                    },
                    XmlEvent::End { .. } => {}
                }
                self.longest_text = self.longest_text.max(self.cell.value_len);
                if self.longest_text.saturating_mul(2) > MEMORY_BUDGET {
                    return Err(self.refusal(&self.table));
                }
                self.mode = OdsMode::Text {
                    in_annotation: annotation,
                    first_paragraph: first,
                };
            }
            OdsMode::Skip { depth } => {
                let depth = match event {
                    XmlEvent::Start { name, .. } if is_cell(name) => depth + 1,
                    XmlEvent::End { name } if is_cell(name) => depth - 1,
                    _ => depth,
                };
                self.mode = if depth == 0 {
                    OdsMode::Row
                } else {
                    OdsMode::Skip { depth }
                };
            }
        }
        Ok(())
    }

    /// A cell's start tag, read as `get_datatype` reads it.
    fn start_cell(&mut self, attrs: &[u8]) -> OdsMode {
        let repeats = attribute(attrs, b"table:number-columns-repeated")
            .map_or(Some(1), |v| parse_count(v, false))
            .unwrap_or(1);
        let mut value_set = false;
        let mut string = false;
        let mut error = false;
        let mut value_len = 0;
        let mut formula_len = 0;
        for (key, value) in attributes(attrs) {
            match key {
                b"office:value" | b"office:boolean-value" if !value_set => value_set = true,
                b"office:string-value" | b"office:date-value" | b"office:time-value"
                    if !value_set =>
                {
                    value_set = true;
                    value_len = value.len() as u64;
                }
                b"office:value-type" if !value_set => string = value == b"string",
                b"calcext:value-type" => error = value == b"error",
                b"table:formula" => formula_len = value.len() as u64,
                _ => {}
            }
        }
        let text = (!value_set && string) || (error && value_set && value_len == 0);
        self.cell = OdsCell {
            repeats,
            valued: value_set || text,
            value_len: if text { 0 } else { value_len },
            formula_len,
        };
        if text {
            OdsMode::Text {
                in_annotation: false,
                first_paragraph: true,
            }
        } else {
            self.push_cell();
            OdsMode::Skip { depth: 1 }
        }
    }

    /// Pushes the cell's copies as `read_row` does.
    fn push_cell(&mut self) {
        let row = &mut self.row;
        let cell = &self.cell;
        let table = &mut self.table;
        let empty = row.pending_empty.min(ODS_MAX_COLUMNS - row.pushed);
        row.pushed += empty;
        table.raw_cells += empty;
        row.pending_empty = 0;
        let copies = cell.repeats.min(ODS_MAX_COLUMNS - row.pushed);
        if !cell.valued && cell.formula_len == 0 {
            row.pending_empty = copies;
            return;
        }
        if copies == 0 {
            return;
        }
        let first = row.pushed;
        let last = first + copies - 1;
        row.pushed += copies;
        table.raw_cells += copies;
        let value_heap = heap(cell.value_len);
        let formula_heap = heap(cell.formula_len);
        table.raw_heap = table
            .raw_heap
            .saturating_add(copies.saturating_mul(value_heap + formula_heap));
        if cell.valued {
            row.values = Some(row.values.map_or((first, last), |(f, _)| (f, last)));
            row.values_heap = row
                .values_heap
                .saturating_add(copies.saturating_mul(value_heap));
            let total = copies.saturating_mul(row.repeats);
            if total > table.most_copied.0 {
                table.most_copied = (total, row.number, first);
            }
        }
        if cell.formula_len > 0 {
            row.formulas = Some(row.formulas.map_or((first, last), |(f, _)| (f, last)));
            row.formulas_heap = row
                .formulas_heap
                .saturating_add(copies.saturating_mul(formula_heap));
        }
    }

    fn finish_row(&mut self) -> Result<()> {
        let row = std::mem::take(&mut self.row);
        self.table
            .values
            .add_row(row.repeats, row.values, row.values_heap);
        self.table
            .formulas
            .add_row(row.repeats, row.formulas, row.formulas_heap);
        if self.estimate(Some(&self.table)) > MEMORY_BUDGET {
            return Err(self.refusal(&self.table));
        }
        Ok(())
    }

    fn finish_table(&mut self) {
        let table = std::mem::take(&mut self.table);
        self.held = self.held.saturating_add(table.held_bytes());
        self.transient = self
            .transient
            .max(table.raw_bytes())
            .max(table.range_bytes());
        if self
            .worst
            .as_ref()
            .is_none_or(|worst| worst.held_bytes() < table.held_bytes())
        {
            self.worst = Some(table);
        }
    }

    fn finish(&self) -> Result<()> {
        if self.estimate(None) > MEMORY_BUDGET {
            let empty = OdsTable::default();
            return Err(self.refusal(self.worst.as_ref().unwrap_or(&empty)));
        }
        Ok(())
    }

    fn refusal(&self, table: &OdsTable) -> anyhow::Error {
        let need = grouped(mib(self.estimate(Some(table))));
        let limit = mib(MEMORY_BUDGET);
        let what = if self.longest_text.saturating_mul(2) > MEMORY_BUDGET / 2 {
            format!(
                "有一个单元格的文字展开后长达 {} MB（text:s 等重复空格）",
                grouped(mib(self.longest_text))
            )
        } else if table.raw_cells > table.values.cells().saturating_mul(2) {
            format!(
                "读取时要先逐个读入 {} 个单元格（大多是用「重复」属性 table:number-columns-repeated 展开的空单元格）",
                grouped(table.raw_cells)
            )
        } else {
            let (copies, row, column) = table.most_copied;
            let extent = format!(
                "展开后有 {} 行 × {} 列 = {} 个单元格",
                grouped(table.values.rows),
                grouped(table.values.width()),
                grouped(table.values.cells())
            );
            if copies > 1 && copies >= table.values.cells() / 10 {
                format!(
                    "的单元格 {} 用「重复」属性（table:number-columns-repeated / table:number-rows-repeated）复制了 {} 次，{extent}",
                    cell_address(&table.name, row.min(u64::from(u32::MAX)) as u32, column as u32),
                    grouped(copies)
                )
            } else {
                extent
            }
        };
        anyhow!(
            "ODS 工作表「{}」{what}，读取时约需 {need} MB 内存，超过 jixiao 读取 ods 的上限 {limit} MB。文件可能已损坏或是恶意构造的；如果是真实的表格，请在 LibreOffice 或 WPS 中删去多余的行列，另存为 .xlsx（Excel 工作簿）后再试（jixiao 逐行读取 .xlsx，不受此限制）",
            table.name
        )
    }
}

fn is_cell(name: &[u8]) -> bool {
    name == b"table:table-cell" || name == b"table:covered-table-cell"
}

// ---------------------------------------------------------------------------
// xls: the OLE compound file, walked as calamine walks it
// ---------------------------------------------------------------------------

/// Why walking the file stopped.
enum Halt {
    /// calamine fails here too (an error or a panic it turns into one), before
    /// allocating anything large: the file is left to it.
    Calamine,
    /// Going on would make calamine exhaust memory or loop for ever.
    Refuse(anyhow::Error),
}

type Step<T> = std::result::Result<T, Halt>;

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// `data[at..at + len]` came from `image[file..file + len]`.
#[derive(Clone, Copy, Debug)]
struct Span {
    at: usize,
    file: usize,
    len: usize,
}

fn push_span(spans: &mut Vec<Span>, span: Span) {
    if span.len == 0 {
        return;
    }
    if let Some(last) = spans.last_mut() {
        if last.at + last.len == span.at && last.file + last.len == span.file {
            last.len += span.len;
            return;
        }
    }
    spans.push(span);
}

/// Bytes read through a sector chain, and where each piece came from.
#[derive(Default)]
struct Chained {
    bytes: Vec<u8>,
    spans: Vec<Span>,
}

fn chain_loop() -> Halt {
    Halt::Refuse(anyhow!(
        "xls 文件的内部结构（OLE 复合文档的扇区链）首尾相连，读取它会无休止地占用内存或时间，文件已损坏或是恶意构造的。{RESAVE}"
    ))
}

/// calamine's `Sectors`: the sectors read so far, in one buffer that grows as
/// sectors beyond it are asked for (reading on from wherever the file reader is).
struct Sectors {
    data: Vec<u8>,
    spans: Vec<Span>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn get(&mut self, id: u32, image: &[u8], pos: &mut usize) -> Step<std::ops::Range<usize>> {
        if self.maxid < id {
            return Err(Halt::Calamine);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let n = (end - len).min(image.len().saturating_sub(*pos));
                if n == 0 {
                    // calamine returns the short sector, or panics slicing past it.
                    return if start > len {
                        Err(Halt::Calamine)
                    } else {
                        Ok(start..len)
                    };
                }
                self.data[len..len + n].copy_from_slice(&image[*pos..*pos + n]);
                push_span(
                    &mut self.spans,
                    Span {
                        at: len,
                        file: *pos,
                        len: n,
                    },
                );
                *pos += n;
                len += n;
            }
        }
        Ok(start..end)
    }

    /// Where `data[start..start + len]` came from, shifted to `out_at`.
    fn map(&self, start: usize, len: usize, out_at: usize, out: &mut Vec<Span>) {
        let end = start + len;
        let first = self.spans.partition_point(|s| s.at + s.len <= start);
        for span in &self.spans[first..] {
            if span.at >= end {
                break;
            }
            let from = span.at.max(start);
            let to = (span.at + span.len).min(end);
            push_span(
                out,
                Span {
                    at: out_at + (from - start),
                    file: span.file + (from - span.at),
                    len: to - from,
                },
            );
        }
    }

    /// calamine's `get_chain`, refusing a chain that loops: it would grow past
    /// `cap` (more than the file holds) or never end.
    fn chain(
        &mut self,
        first: u32,
        fats: &[u32],
        len: usize,
        image: &[u8],
        pos: &mut usize,
    ) -> Step<Chained> {
        let cap = image.len() + (1 << 20);
        let period = u64::from(self.maxid) + 2;
        let mut out = Chained::default();
        let mut id = first;
        let mut steps = 0u64;
        let mut checkpoint = 0usize;
        while id != ENDOFCHAIN {
            let range = self.get(id, image, pos)?;
            let take = range.len().min(len - out.bytes.len());
            self.map(range.start, take, out.bytes.len(), &mut out.spans);
            out.bytes
                .extend_from_slice(&self.data[range.start..range.start + take]);
            if out.bytes.len() >= len {
                break;
            }
            if out.bytes.len() > cap {
                return Err(chain_loop());
            }
            steps += 1;
            if steps.is_multiple_of(period) {
                if out.bytes.len() == checkpoint {
                    return Err(chain_loop());
                }
                checkpoint = out.bytes.len();
            }
            id = *fats.get(id as usize).ok_or(Halt::Calamine)?;
        }
        Ok(out)
    }
}

/// calamine's `to_u32`, which asserts whole words.
fn words(bytes: &[u8]) -> Step<impl Iterator<Item = u32> + '_> {
    if !bytes.len().is_multiple_of(4) {
        return Err(Halt::Calamine);
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

/// calamine's `Cfb`, over the file's bytes.
struct Ole<'a> {
    image: &'a [u8],
    pos: usize,
    sectors: Sectors,
    mini: Sectors,
    fats: Vec<u32>,
    mini_fats: Vec<u32>,
    directories: Vec<Directory>,
}

impl<'a> Ole<'a> {
    fn open(image: &'a [u8]) -> Step<Self> {
        if image.len() < 512 || &image[..8] != OLE_SIGNATURE {
            return Err(Halt::Calamine);
        }
        let field = |at| u32_at(image, at).ok_or(Halt::Calamine);
        let version = u16_at(image, 26).ok_or(Halt::Calamine)?;
        let size = match u16_at(image, 30) {
            Some(0x0009) => 512,
            Some(0x000C) if image.len() >= 4096 => 4096,
            _ => return Err(Halt::Calamine),
        };
        if u16_at(image, 32) != Some(6) {
            return Err(Halt::Calamine);
        }
        let dir_start = field(48)?;
        let mini_fat_start = field(60)?;
        let mini_fat_len = field(64)? as usize;
        let difat_start = field(68)?;
        let mut difat: Vec<u32> = words(&image[76..512])?.collect();
        let mut pos = size;
        let maxid = image.len() / size;
        let mut sectors = Sectors {
            data: Vec::new(),
            spans: Vec::new(),
            size,
            maxid: maxid as u32,
        };
        let mut id = difat_start;
        let mut difat_sectors = 0usize;
        while id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > maxid + 1 {
                return Err(Halt::Calamine);
            }
            let range = sectors.get(id, image, &mut pos)?;
            difat.extend(words(&sectors.data[range])?);
            id = difat.pop().ok_or(Halt::Calamine)?;
        }
        let mut fats = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            let range = sectors.get(id, image, &mut pos)?;
            // A FAT listed many times over would make calamine's table larger than the file.
            if (fats.len() + range.len() / 4) * 4 > image.len() + (64 << 10) {
                return Err(chain_loop());
            }
            fats.extend(words(&sectors.data[range])?);
        }
        let dirs = sectors.chain(dir_start, &fats, usize::MAX, image, &mut pos)?;
        let directories: Vec<Directory> = dirs
            .bytes
            .chunks_exact(128)
            .map(|entry| {
                let units = entry[..64]
                    .chunks_exact(2)
                    .map(|u| u16::from_le_bytes([u[0], u[1]]));
                let mut name: String = char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect();
                if let Some(nul) = name.find('\0') {
                    name.truncate(nul);
                }
                let start = u32::from_le_bytes([entry[116], entry[117], entry[118], entry[119]]);
                let len = if size == 512 {
                    u32::from_le_bytes([entry[120], entry[121], entry[122], entry[123]]) as usize
                } else {
                    u64::from_le_bytes([
                        entry[120], entry[121], entry[122], entry[123], entry[124], entry[125],
                        entry[126], entry[127],
                    ]) as usize
                };
                Directory { name, start, len }
            })
            .collect();
        if directories.is_empty() || (version != 3 && directories[0].start == ENDOFCHAIN) {
            return Err(Halt::Calamine);
        }
        let (mini_fats, ministream) = if mini_fat_len > 0 {
            let root = &directories[0];
            let stream = sectors.chain(root.start, &fats, root.len, image, &mut pos)?;
            let table = sectors.chain(
                mini_fat_start,
                &fats,
                mini_fat_len.saturating_mul(size),
                image,
                &mut pos,
            )?;
            let fats: Vec<u32> = words(&table.bytes)?.collect();
            (fats, stream)
        } else {
            (Vec::new(), Chained::default())
        };
        Ok(Self {
            image,
            pos,
            sectors,
            mini: Sectors {
                data: ministream.bytes,
                spans: ministream.spans,
                size: 64,
                maxid: (maxid * 8) as u32,
            },
            fats,
            mini_fats,
            directories,
        })
    }

    /// calamine's `get_stream`; `Halt::Calamine` also when the stream is missing.
    fn stream(&mut self, name: &str) -> Step<Chained> {
        let Some(directory) = self
            .directories
            .iter()
            .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
        else {
            return Err(Halt::Calamine);
        };
        let (start, len) = (directory.start, directory.len);
        if len < 4096 {
            self.mini
                .chain(start, &self.mini_fats, len, self.image, &mut self.pos)
        } else {
            self.sectors
                .chain(start, &self.fats, len, self.image, &mut self.pos)
        }
    }

    /// The BIFF stream, as `parse_workbook` finds it.
    fn workbook_stream(&mut self) -> Step<Chained> {
        match self.stream("Workbook") {
            Err(Halt::Calamine) => self.stream("Book"),
            other => other,
        }
    }
}

// ---------------------------------------------------------------------------
// xls: the BIFF records, scanned as calamine parses them
// ---------------------------------------------------------------------------

/// One BIFF record with the CONTINUE records that follow it.
struct Record<'s> {
    kind: u16,
    /// Offset of `data` in the stream.
    offset: usize,
    data: &'s [u8],
    continues: Vec<&'s [u8]>,
}

impl Record<'_> {
    /// calamine's `continue_record`: the next CONTINUE's data, if any.
    fn next_continue(&mut self) -> bool {
        if self.continues.is_empty() {
            false
        } else {
            self.data = self.continues.remove(0);
            true
        }
    }

    /// calamine's `Record::skip`.
    fn skip(&mut self, mut len: usize) -> Option<()> {
        while len > 0 {
            if self.data.is_empty() && !self.next_continue() {
                return None;
            }
            let n = len.min(self.data.len());
            self.data = &self.data[n..];
            len -= n;
        }
        Some(())
    }
}

/// calamine's `RecordIter`: `Err` where it reports a truncated record.
struct Records<'s> {
    stream: &'s [u8],
    at: usize,
}

impl<'s> Iterator for Records<'s> {
    type Item = std::result::Result<Record<'s>, ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.stream[self.at..];
        if rest.len() < 4 {
            return if rest.is_empty() { None } else { Some(Err(())) };
        }
        let kind = u16::from_le_bytes([rest[0], rest[1]]);
        let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
        if rest.len() < len + 4 {
            return Some(Err(()));
        }
        let offset = self.at + 4;
        let data = &self.stream[offset..offset + len];
        self.at += len + 4;
        let mut continues = Vec::new();
        loop {
            let rest = &self.stream[self.at..];
            if rest.len() <= 4 || u16::from_le_bytes([rest[0], rest[1]]) != 0x003C {
                break;
            }
            let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
            if rest.len() < len + 4 {
                return Some(Err(()));
            }
            continues.push(&rest[4..4 + len]);
            self.at += len + 4;
        }
        Some(Ok(Record {
            kind,
            offset,
            data,
            continues,
        }))
    }
}

/// Upper bound of the UTF-8 length calamine makes of BIFF characters.
fn utf8_len(bytes: &[u8], wide: bool, unicode: bool) -> u64 {
    match (wide, unicode) {
        (true, true) => bytes
            .chunks_exact(2)
            .map(|u| match u16::from_le_bytes([u[0], u[1]]) {
                0..=0x7F => 1,
                0x80..=0x7FF => 2,
                _ => 3,
            })
            .sum(),
        (false, true) => bytes.iter().map(|&b| if b < 0x80 { 1 } else { 2 }).sum(),
        // A legacy code page: every byte may become U+FFFD, a compressed one also a NUL.
        (true, false) => bytes.len() as u64 * 3,
        (false, false) => bytes.len() as u64 * 4,
    }
}

/// One string of the SST as `read_rich_extended_string` reads it: its
/// estimated UTF-8 length and the bytes calamine reserves for it.
fn sst_string(record: &mut Record<'_>, unicode: bool) -> Option<(u64, u64)> {
    if record.data.is_empty() {
        return Some((0, 0));
    }
    if record.data.len() < 3 {
        return None;
    }
    let chars = usize::from(u16::from_le_bytes([record.data[0], record.data[1]]));
    let flags = record.data[2];
    record.data = &record.data[3..];
    let mut wide = flags & 1 != 0;
    let mut runs = 0;
    let mut extra = 0;
    if flags & 8 != 0 {
        runs = usize::from(u16_at(record.data, 0)?);
        record.data = &record.data[2..];
    }
    if flags & 4 != 0 {
        extra = u32_at(record.data, 0)? as i32 as usize;
        record.data = &record.data[4..];
    }
    let mut left = chars;
    let mut len = 0u64;
    while left > 0 {
        let (taken, bytes) = if wide {
            let n = (record.data.len() / 2).min(left);
            (n, 2 * n)
        } else {
            let n = record.data.len().min(left);
            (n, n)
        };
        len += utf8_len(&record.data[..bytes], wide, unicode);
        record.data = &record.data[bytes..];
        left -= taken;
        if left > 0 {
            if !record.next_continue() {
                return None;
            }
            wide = *record.data.first()? & 1 != 0;
            record.data = &record.data[1..];
        }
    }
    record.skip(runs * 4)?;
    record.skip(extra)?;
    Some((len, heap(len.max(chars as u64))))
}

/// A sheet name as `parse_short_string` reads it (for messages only).
fn short_string(data: &[u8], biff8: bool, codepage: u16) -> Option<String> {
    let chars = usize::from(*data.first()?);
    let mut name = if biff8 {
        let wide = *data.get(1)? & 1 != 0;
        let rest = &data[2..];
        if wide {
            let units = rest
                .chunks_exact(2)
                .take(chars)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        } else {
            rest.iter().take(chars).map(|&b| char::from(b)).collect()
        }
    } else {
        let bytes = &data[1..data.len().min(1 + chars)];
        let encoding = match codepage {
            936 => encoding_rs::GBK,
            950 => encoding_rs::BIG5,
            932 => encoding_rs::SHIFT_JIS,
            949 => encoding_rs::EUC_KR,
            1250..=1258 => {
                encoding_rs::Encoding::for_label(format!("windows-{codepage}").as_bytes())
                    .unwrap_or(encoding_rs::WINDOWS_1252)
            }
            _ => encoding_rs::WINDOWS_1252,
        };
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    name.retain(|c| c != '\0');
    Some(name)
}

/// Tracks the most extreme value on one side of a sheet's cells, the cell
/// holding it, and the runner-up value, to name a cell lying far out.
#[derive(Clone, Copy, Default)]
struct Side {
    best: Option<i64>,
    cell: (u32, u32),
    ties: u32,
    second: Option<i64>,
}

impl Side {
    fn add(&mut self, key: i64, cell: (u32, u32)) {
        match self.best {
            None => {
                self.best = Some(key);
                self.cell = cell;
                self.ties = 1;
            }
            Some(best) if key > best => {
                self.second = Some(best);
                self.best = Some(key);
                self.cell = cell;
                self.ties = 1;
            }
            Some(best) if key == best => self.ties += 1,
            Some(_) => self.second = self.second.max(Some(key)),
        }
    }
}

/// The bounding box of some cells: `[top, left, bottom, right]` sides.
#[derive(Clone, Copy, Default)]
struct Bounds {
    sides: [Side; 4],
}

impl Bounds {
    fn add(&mut self, row: u32, column: u32) {
        let cell = (row, column);
        self.sides[0].add(-i64::from(row), cell);
        self.sides[1].add(-i64::from(column), cell);
        self.sides[2].add(i64::from(row), cell);
        self.sides[3].add(i64::from(column), cell);
    }

    fn values(&self) -> Option<[i64; 4]> {
        let mut values = [0; 4];
        for (value, side) in values.iter_mut().zip(&self.sides) {
            *value = side.best?;
        }
        Some(values)
    }

    fn area_of(values: [i64; 4]) -> u64 {
        let rows = (values[2] + values[0] + 1).max(0) as u64;
        let columns = (values[3] + values[1] + 1).max(0) as u64;
        rows * columns
    }

    /// Cells of the dense grid calamine builds over these cells.
    fn area(&self) -> u64 {
        self.values().map_or(0, Self::area_of)
    }

    /// (top, left, bottom, right) as 0-based row and column numbers.
    fn corners(&self) -> Option<(u32, u32, u32, u32)> {
        let v = self.values()?;
        Some(((-v[0]) as u32, (-v[1]) as u32, v[2] as u32, v[3] as u32))
    }

    /// The cells lying far out: removed one at a time, each the one whose
    /// removal shrinks the grid most, while the grid is more than four times
    /// the `cells` it holds.
    fn outliers(&self, cells: u64) -> Vec<(u32, u32)> {
        let Some(mut values) = self.values() else {
            return Vec::new();
        };
        let mut used = [false; 4];
        let mut found = Vec::new();
        while Self::area_of(values) > cells.saturating_mul(4).saturating_add(1 << 16) {
            let mut best: Option<(u64, usize, i64)> = None;
            for (index, side) in self.sides.iter().enumerate() {
                let (false, Some(second), 1) = (used[index], side.second, side.ties) else {
                    continue;
                };
                let mut shrunk = values;
                shrunk[index] = second;
                let area = Self::area_of(shrunk);
                if best.is_none_or(|(smallest, _, _)| area < smallest) {
                    best = Some((area, index, second));
                }
            }
            // Only a cell that shrinks the grid at least fourfold is to blame.
            let Some((area, index, second)) =
                best.filter(|(area, _, _)| area.saturating_mul(4) <= Self::area_of(values))
            else {
                break;
            };
            let cell = self.sides[index].cell;
            used[index] = true;
            values[index] = second;
            if !found.contains(&cell) {
                found.push(cell);
            }
            if area == 0 {
                break;
            }
        }
        found
    }
}

/// One DIMENSIONS record of a sheet.
struct Dimensions {
    offset: usize,
    len: usize,
    /// Cells calamine reserves from it (its row count times its column count,
    /// worked out with calamine's wrapping arithmetic), on top of those gathered.
    reserve: u64,
    before: u64,
    /// Its last row or column comes before its first: calamine's arithmetic wraps.
    broken: bool,
}

/// What calamine will build for one sheet.
#[derive(Default)]
struct SheetScan {
    name: String,
    cells: u64,
    heap: u64,
    bounds: Bounds,
    formulas: u64,
    formula_heap: u64,
    /// Bytes calamine moves building the formula texts, and the slowest formula.
    formula_moves: u64,
    slowest_formula: (u64, u16, u16),
    formula_bounds: Bounds,
    dimensions: Vec<Dimensions>,
}

impl SheetScan {
    fn push(&mut self, row: u16, column: u32, heap: u64) {
        self.cells += 1;
        self.heap = self.heap.saturating_add(heap);
        self.bounds.add(u32::from(row), column);
    }

    fn dense(&self) -> u64 {
        self.bounds.area()
    }

    /// The dense range and its texts, as kept by calamine and copied when read.
    fn range_bytes(&self) -> u64 {
        self.dense()
            .saturating_mul(DATA_CELL)
            .saturating_add(self.heap)
    }

    fn held_bytes(&self) -> u64 {
        self.range_bytes()
            .saturating_add(self.formula_bounds.area().saturating_mul(STRING))
            .saturating_add(self.formula_heap)
    }

    /// Cells reserved by the DIMENSIONS records as they will be (corrected ones
    /// reserve the real grid).
    fn reserved(&self, corrected: bool) -> u64 {
        self.dimensions
            .iter()
            .map(|d| {
                let reserve = if corrected && self.needs_correction(d) {
                    self.dense()
                } else {
                    d.reserve
                };
                d.before.saturating_add(reserve)
            })
            .max()
            .unwrap_or(0)
    }

    /// The vector of gathered cells and formulas while the sheet is parsed.
    fn gathering_bytes(&self, corrected: bool) -> u64 {
        self.reserved(corrected)
            .max(self.cells)
            .saturating_mul(SPARSE_CELL)
            .saturating_add(self.formulas.saturating_mul(SPARSE_FORMULA))
    }

    /// A DIMENSIONS record is corrected when calamine's arithmetic on it wraps,
    /// or when it reserves far more than the cells will take (64 MiB more).
    fn needs_correction(&self, d: &Dimensions) -> bool {
        d.broken
            || d.reserve.saturating_mul(SPARSE_CELL)
                > self
                    .dense()
                    .max(self.cells)
                    .saturating_mul(SPARSE_CELL)
                    .saturating_add(64 << 20)
    }
}

/// calamine's reading of a DIMENSIONS record: `None` where it errors.
fn dimensions(data: &[u8]) -> Option<(u64, bool)> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let broken = end.0 < start.0 || end.1 < start.1;
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
    let columns = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
    Some((rows.saturating_mul(columns), broken))
}

/// The DIMENSIONS record calamine should have seen: the sheet's real grid.
fn corrected_dimensions(len: usize, bounds: &Bounds) -> Vec<u8> {
    let (top, left, bottom, right) = bounds.corners().unwrap_or((0, 0, 0, 0));
    let (last_row, last_column) = if bounds.values().is_some() {
        (bottom + 1, right + 1)
    } else {
        (0, 0)
    };
    let mut bytes = Vec::with_capacity(len);
    if len == 10 {
        bytes.extend_from_slice(&(top.min(0xFFFF) as u16).to_le_bytes());
        bytes.extend_from_slice(&(last_row.min(0xFFFF) as u16).to_le_bytes());
    } else {
        bytes.extend_from_slice(&top.to_le_bytes());
        bytes.extend_from_slice(&last_row.to_le_bytes());
    }
    bytes.extend_from_slice(&(left.min(0xFFFF) as u16).to_le_bytes());
    bytes.extend_from_slice(&(last_column.min(0xFFFF) as u16).to_le_bytes());
    bytes.resize(len, 0);
    bytes
}

/// calamine's reading of the formula value bytes of a FORMULA record:
/// `Some(true)` a value cell, `Some(false)` a string that follows in a STRING
/// record, `None` an error.
fn formula_value(bytes: &[u8]) -> Option<bool> {
    match *bytes {
        [0x00, .., 0xFF, 0xFF] => Some(false),
        [0x01, _, _, .., 0xFF, 0xFF] => Some(true),
        [0x02, _, e, .., 0xFF, 0xFF] => error_code(e).then_some(true),
        [0x03, _, .., 0xFF, 0xFF] => Some(true),
        [_, .., 0xFF, 0xFF] => None,
        _ => Some(true),
    }
}

fn error_code(code: u8) -> bool {
    matches!(code, 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B)
}

/// Bytes calamine may move building formula texts before jixiao gives up on
/// a file: a few tenths of a second. calamine inserts the spaces of a space
/// token one by one at the start of an operand, so a formula of a few thousand
/// such tokens (8 KB) takes it seconds, and a file of many, hours.
const MAX_FORMULA_MOVES: u64 = 4_000_000_000;

/// What calamine's `parse_formula` makes of a FORMULA record's tokens (`data`
/// from its `cce`): an upper bound of the text's length, and of the bytes it
/// moves inserting spaces. The tokens are walked with calamine's sizes; where
/// it would stop with an error, so does the walk.
fn formula_text(data: &[u8], biff8: bool) -> (u64, u64) {
    let Some(rgce) = u16_at(data, 0).and_then(|cce| data.get(2..2 + usize::from(cce))) else {
        return (96, 0);
    };
    let mut rest = rgce;
    let mut spaces = 0u64;
    let mut names = 0u64;
    // An upper bound of the text so far, for the cost of each insertion.
    let mut text = 0u64;
    let mut moved = 0u64;
    while let Some((&ptg, tail)) = rest.split_first() {
        rest = tail;
        let (size, most): (usize, u64) = match ptg {
            0x3A | 0x5A | 0x7A | 0x3C | 0x5C | 0x7C => (6, 128),
            0x3B | 0x5B | 0x7B | 0x3D | 0x5D | 0x7D => (10, 160),
            0x01 => (4, 0),
            0x03..=0x16 => (0, 4),
            0x17 => {
                let Some(&chars) = rest.first() else { break };
                let chars = usize::from(chars);
                let size = match (biff8, rest.get(1)) {
                    (false, _) => 1 + chars,
                    (true, Some(&flags)) => 2 + chars * if flags & 1 != 0 { 2 } else { 1 },
                    (true, None) => break,
                };
                names += 1;
                (size, 3 * chars as u64 + 2)
            }
            0x18 => (5, 0),
            0x19 => {
                let (Some(&kind), Some(&count)) = (rest.first(), rest.get(2)) else {
                    break;
                };
                match kind {
                    0x01 | 0x02 | 0x08 | 0x20 | 0x21 => (3, 0),
                    0x10 => (3, 5),
                    0x04 => (3 + 2 * (usize::from(u16_at(rest, 1).unwrap_or(0)) + 1), 0),
                    0x40 | 0x41 => {
                        let count = u64::from(count);
                        moved = moved.saturating_add(count.saturating_mul(text + count));
                        spaces += count;
                        (3, count)
                    }
                    _ => break,
                }
            }
            0x1C | 0x1D => (1, 14),
            0x1E => (2, 6),
            0x1F => (8, 32),
            0x20 | 0x40 | 0x60 => (7, 10),
            0x22 | 0x42 | 0x62 => (3, 40),
            0x21 | 0x41 | 0x61 => (2, 40),
            0x23 | 0x43 | 0x63 | 0x39 | 0x59 => {
                names += 1;
                (if ptg & 0x1F == 0x19 { 6 } else { 4 }, 800)
            }
            0x24 | 0x44 | 0x64 | 0x2A | 0x4A | 0x6A => (if biff8 { 4 } else { 3 }, 16),
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => (if biff8 { 8 } else { 6 }, 32),
            _ => break,
        };
        text = text.saturating_add(most);
        if size > rest.len() {
            break;
        }
        rest = &rest[size..];
    }
    // The text kept: about four characters per token byte, the spaces, and
    // a defined name or string (up to 255 characters) for each that names one.
    let len = (rgce.len() as u64 * 4 + spaces + names * 765).max(96);
    (len, moved)
}

/// What the BIFF stream makes calamine build.
#[derive(Default)]
struct BiffScan {
    sst_bytes: u64,
    sheets: Vec<SheetScan>,
}

fn password_refusal() -> anyhow::Error {
    anyhow!("工作簿设置了密码保护，jixiao 无法读取。请在 Excel 中打开它，清除密码并保存后再试")
}

impl BiffScan {
    /// Scans the workbook globals and each sheet's records. Stops where calamine
    /// stops with an error (what it built before stays counted).
    fn run(stream: &[u8]) -> Result<Self> {
        let mut scan = BiffScan::default();
        let mut sst: Vec<u32> = Vec::new();
        let mut sheets: Vec<(usize, String)> = Vec::new();
        let mut codepage = 1200u16;
        let mut biff8 = true;
        for record in (Records { stream, at: 0 }) {
            let Ok(mut record) = record else {
                return Ok(scan);
            };
            let data = record.data;
            match record.kind {
                0x002F => return Err(password_refusal()),
                0x0042 => codepage = u16_at(data, 0).unwrap_or(codepage),
                0x0085 => {
                    let (Some(pos), Some(&state), Some(&kind)) =
                        (u32_at(data, 0), data.get(4), data.get(5))
                    else {
                        return Ok(scan);
                    };
                    if state & 0x3F > 2 || !matches!(kind, 0 | 1 | 2 | 6) {
                        return Ok(scan);
                    }
                    let Some(name) = short_string(&data[6..], biff8, codepage) else {
                        return Ok(scan);
                    };
                    sheets.push((pos as usize, name));
                }
                0x0809 => {
                    let Some(version) = u16_at(data, 0) else {
                        return Ok(scan);
                    };
                    let kind = u16_at(data, 2).unwrap_or(0);
                    biff8 = match version {
                        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
                        0 => kind != 0x1000,
                        _ => true,
                    };
                }
                0x00FC => {
                    if data.len() < 8 {
                        return Ok(scan);
                    }
                    record.data = &data[8..];
                    sst.clear();
                    scan.sst_bytes = 0;
                    let unicode = codepage == 1200 || codepage == 1201;
                    while !record.data.is_empty() || record.next_continue() {
                        let Some((len, bytes)) = sst_string(&mut record, unicode) else {
                            return Ok(scan);
                        };
                        sst.push(len.min(u64::from(u32::MAX)) as u32);
                        scan.sst_bytes = scan.sst_bytes.saturating_add(STRING + bytes);
                        if scan.sst_bytes > MEMORY_BUDGET {
                            // Counted on no further: the estimate is over the budget already.
                            return Ok(scan);
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        for (pos, name) in sheets {
            if pos > stream.len() {
                // calamine panics slicing the stream here; nothing more is built.
                break;
            }
            let (sheet, complete) = scan_sheet(stream, pos, name, &sst, biff8);
            scan.sheets.push(sheet);
            if !complete {
                break;
            }
        }
        Ok(scan)
    }
}

/// One sheet's records from `pos` to its EOF, as calamine's sheet loop reads
/// them; `false` when calamine stops with an error in this sheet.
fn scan_sheet(
    stream: &[u8],
    pos: usize,
    name: String,
    sst: &[u32],
    biff8: bool,
) -> (SheetScan, bool) {
    let mut sheet = SheetScan {
        name,
        ..SheetScan::default()
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut formula_at = (0u16, 0u16);
    for record in (Records { stream, at: pos }) {
        let Ok(record) = record else {
            return (sheet, false);
        };
        let data = record.data;
        if depth > 0 {
            match record.kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let position = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
        let ok = match record.kind {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
                true
            }
            0x0200 => match dimensions(data) {
                Some((reserve, broken)) => {
                    sheet.dimensions.push(Dimensions {
                        offset: record.offset,
                        len: data.len(),
                        reserve,
                        before: sheet.cells,
                        broken,
                    });
                    true
                }
                None => false,
            },
            0x0203 | 0x027E => match position() {
                Some((row, column))
                    if data.len() >= if record.kind == 0x0203 { 14 } else { 10 } =>
                {
                    sheet.push(row, u32::from(column), 0);
                    true
                }
                _ => false,
            },
            0x0204 | 0x00D6 => match position() {
                Some((row, column)) if data.len() >= 8 => {
                    let text = (data.len() as u64 - 6) * 3;
                    sheet.push(row, u32::from(column), heap(text));
                    true
                }
                _ => false,
            },
            0x0205 => match (position(), data.get(6), data.get(7)) {
                (Some((row, column)), Some(&code), Some(&kind))
                    if kind == 0 || (kind == 1 && error_code(code)) =>
                {
                    sheet.push(row, u32::from(column), 0);
                    true
                }
                _ => false,
            },
            0x0207 => {
                let text = (data.len() as u64).saturating_sub(2) * 3;
                sheet.push(formula_at.0, u32::from(formula_at.1), heap(text));
                true
            }
            0x00FD => match (position(), u32_at(data, 6)) {
                (Some((row, column)), Some(index)) => {
                    if let Some(&len) = sst.get(index as usize) {
                        sheet.push(row, u32::from(column), heap(u64::from(len)));
                    }
                    true
                }
                _ => false,
            },
            0x00BD => {
                let (Some((row, first)), Some(last)) =
                    (position(), u16_at(data, data.len().saturating_sub(2)))
                else {
                    return (sheet, false);
                };
                // calamine's u16 arithmetic, wrapping as in a release build.
                let count = usize::from(last.wrapping_sub(first).wrapping_add(1));
                if data.len() != 6 + 6 * count {
                    return (sheet, false);
                }
                for offset in 0..count as u32 {
                    sheet.push(row, u32::from(first) + offset, 0);
                }
                true
            }
            0x0006 => match position() {
                Some((row, column)) if data.len() >= 20 => {
                    formula_at = (row, column);
                    match formula_value(&data[6..14]) {
                        Some(value) => {
                            if value {
                                sheet.push(row, u32::from(column), 0);
                            }
                            sheet.formulas += 1;
                            let (len, moved) = formula_text(&data[20..], biff8);
                            sheet.formula_heap = sheet.formula_heap.saturating_add(heap(len));
                            sheet.formula_moves = sheet.formula_moves.saturating_add(moved);
                            if moved > sheet.slowest_formula.0 {
                                sheet.slowest_formula = (moved, row, column);
                            }
                            sheet.formula_bounds.add(u32::from(row), u32::from(column));
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            },
            0x000A => return (sheet, true),
            _ => true,
        };
        if !ok {
            return (sheet, false);
        }
    }
    (sheet, true)
}

/// A byte range of the file to overwrite.
struct Patch {
    file: usize,
    bytes: Vec<u8>,
}

/// What to do with an xls file.
enum XlsPlan {
    /// Hand it to calamine as it is.
    AsIs,
    /// Hand calamine a copy with these bytes replaced.
    Patched(Vec<Patch>),
}

/// Checks an xls file and opens it for calamine: the file itself, or — when a
/// DIMENSIONS record claims far more than the sheet holds — a private temporary
/// copy with the record corrected (removed when closed, by the system even if
/// jixiao is killed). Refuses, with a message naming the cell or the limit,
/// what calamine cannot hold in [`MEMORY_BUDGET`].
pub fn open_xls(path: &Path) -> Result<File> {
    let size = std::fs::metadata(path).context("无法读取文件内容")?.len();
    // calamine holds the whole file and the BIFF stream copied out of it.
    if size.saturating_mul(2) > MEMORY_BUDGET {
        bail!(
            "这个 xls 文件有 {} MB，读取时要把它整个装入内存两遍，超过 jixiao 读取 xls 的上限 {} MB。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            mib(size),
            mib(MEMORY_BUDGET / 2)
        );
    }
    let mut image = std::fs::read(path).context("无法读取文件内容")?;
    match plan_xls(&image)? {
        XlsPlan::AsIs => File::open(path).context("无法打开文件"),
        XlsPlan::Patched(patches) => {
            for patch in patches {
                image[patch.file..patch.file + patch.bytes.len()].copy_from_slice(&patch.bytes);
            }
            let mut copy = tempfile::tempfile()
                .and_then(|mut file| {
                    file.write_all(&image)?;
                    Ok(file)
                })
                .context(
                    "无法在临时文件夹中写入读取 xls 所需的临时副本（磁盘已满或没有写入权限？）",
                )?;
            copy.seek(SeekFrom::Start(0))
                .context("无法读取 xls 的临时副本")?;
            Ok(copy)
        }
    }
}

/// Works out calamine's cost for an xls image and what to do about it.
fn plan_xls(image: &[u8]) -> Result<XlsPlan> {
    let stream = match Ole::open(image).and_then(|mut ole| ole.workbook_stream()) {
        Ok(stream) => stream,
        Err(Halt::Calamine) => return Ok(XlsPlan::AsIs),
        Err(Halt::Refuse(error)) => return Err(error),
    };
    let scan = BiffScan::run(&stream.bytes)?;
    let total_held: u64 = scan.sheets.iter().map(SheetScan::held_bytes).sum();
    let gathering = scan
        .sheets
        .iter()
        .map(|s| s.gathering_bytes(true))
        .max()
        .unwrap_or(0);
    let copy = scan
        .sheets
        .iter()
        .map(SheetScan::range_bytes)
        .max()
        .unwrap_or(0);
    let file = image.len() as u64;
    let opening = file
        .saturating_add(stream.bytes.len() as u64)
        .saturating_add(scan.sst_bytes)
        .saturating_add(total_held)
        .saturating_add(gathering);
    let reading = file.saturating_add(total_held).saturating_add(copy);
    let need = opening.max(reading);
    if need > MEMORY_BUDGET {
        return Err(xls_refusal(&scan, need));
    }
    let moves: u64 = scan.sheets.iter().map(|s| s.formula_moves).sum();
    if moves > MAX_FORMULA_MOVES {
        let sheet = scan
            .sheets
            .iter()
            .max_by_key(|s| s.slowest_formula.0)
            .map_or((String::new(), 0, 0), |s| {
                (s.name.clone(), s.slowest_formula.1, s.slowest_formula.2)
            });
        bail!(
            "xls 工作表「{}」的公式里有大量空格记号（例如单元格 {} 的公式），读取时要逐个插入，需要很长时间；Excel 不会这样保存公式，文件可能已损坏或是恶意构造的。{RESAVE}",
            sheet.0,
            cell_address(&sheet.0, u32::from(sheet.1), u32::from(sheet.2))
        );
    }
    // What is left to correct: DIMENSIONS records that claim far more than their sheet.
    let mut patches = Vec::new();
    for sheet in &scan.sheets {
        for d in sheet
            .dimensions
            .iter()
            .filter(|d| sheet.needs_correction(d))
        {
            let bytes = corrected_dimensions(d.len, &sheet.bounds);
            let mut pieces = Vec::new();
            let mut covered = 0;
            let first = stream.spans.partition_point(|s| s.at + s.len <= d.offset);
            for span in &stream.spans[first..] {
                let end = d.offset + d.len;
                if span.at >= end {
                    break;
                }
                let from = span.at.max(d.offset);
                let to = (span.at + span.len).min(end);
                pieces.push(Patch {
                    file: span.file + (from - span.at),
                    bytes: bytes[from - d.offset..to - d.offset].to_vec(),
                });
                covered += to - from;
            }
            if covered != d.len {
                bail!(
                    "xls 工作表「{}」开头的尺寸记录（DIMENSIONS）声称有 {} 个单元格，远多于表中实有的数据，而且无法更正；读取它会耗尽内存，文件已损坏或是恶意构造的。{RESAVE}",
                    sheet.name,
                    grouped(d.reserve)
                );
            }
            patches.extend(pieces);
        }
    }
    Ok(if patches.is_empty() {
        XlsPlan::AsIs
    } else {
        XlsPlan::Patched(patches)
    })
}

/// Says which sheet, and if one cell is to blame which cell, makes an xls too big.
fn xls_refusal(scan: &BiffScan, need: u64) -> anyhow::Error {
    let limit = mib(MEMORY_BUDGET);
    let worst = scan
        .sheets
        .iter()
        .max_by_key(|s| s.held_bytes().max(s.gathering_bytes(true)));
    let Some(sheet) = worst.filter(|s| s.held_bytes() > scan.sst_bytes) else {
        return anyhow!(
            "这个 xls 文件的共享字符串表（SST）读取时约需 {} MB 内存，超过 jixiao 读取 xls 的上限 {limit} MB，文件可能已损坏或是恶意构造的。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            mib(scan.sst_bytes)
        );
    };
    let grid = match sheet.bounds.corners() {
        Some((top, left, bottom, right)) => {
            format!("{}:{}", address(top, left), address(bottom, right))
        }
        None => "（空）".to_string(),
    };
    let dense = grouped(sheet.dense());
    let outliers = sheet.bounds.outliers(sheet.cells);
    if !outliers.is_empty() {
        let cell = outliers
            .iter()
            .map(|&(row, column)| cell_address(&sheet.name, row, column))
            .collect::<Vec<_>>()
            .join("、");
        return anyhow!(
            "xls 工作表「{}」中的单元格 {cell} 离其他数据很远：读取 xls 时要为 {grid} 整块区域（{dense} 个单元格）一次性准备内存，约需 {} MB，超过 jixiao 读取 xls 的上限 {limit} MB。请在 Excel 或 WPS 中清除该单元格（选中后按 Delete 键）并保存，或把文件另存为 .xlsx（Excel 工作簿）后再试（jixiao 逐行读取 .xlsx，不受此限制）",
            sheet.name,
            grouped(mib(need))
        );
    }
    if sheet.heap > sheet.dense().saturating_mul(DATA_CELL) {
        return anyhow!(
            "xls 工作表「{}」的数据区 {grid} 中的文字读取时约需 {} MB 内存（同一段长文字被许多单元格引用时，每个单元格各复制一份），超过 jixiao 读取 xls 的上限 {limit} MB。文件可能已损坏或是恶意构造的。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）",
            sheet.name,
            grouped(mib(need))
        );
    }
    anyhow!(
        "xls 工作表「{}」的数据区 {grid} 共有 {dense} 个单元格，读取 xls 时要一次性为它们准备内存，约需 {} MB，超过 jixiao 读取 xls 的上限 {limit} MB。{RESAVE}（jixiao 逐行读取 .xlsx，不受此限制）；如果表中有远离数据的单元格，也可以先把它们清除",
        sheet.name,
        grouped(mib(need))
    )
}

#[cfg(test)]
mod tests;

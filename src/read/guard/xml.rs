//! The bounded XML tokenizer every xlsx and ods check runs on: a byte
//! scanner that reports tags and text lengths in document order and stops at
//! any token longer than a limit, so no part is ever held whole. The values
//! of attributes are read in [`attrs`].

use anyhow::{anyhow, Result};
use std::io::{BufRead, BufReader, ErrorKind, Read};

use super::{mib, MAX_XML_RUN, RESAVE};

mod attrs;

pub(crate) use attrs::{attribute, attributes, parse_count};
pub(super) use attrs::{local_name, unescape};

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
    /// Elements nested deeper than [`MAX_XML_DEPTH`].
    TooDeep,
    /// The visitor refused the content.
    Refused(anyhow::Error),
}

/// Deepest nesting of elements in a part: 256. Excel nests a sheet's cells
/// about six deep and no workbook part goes past twenty; calamine's parser
/// keeps every open element's name, so a part of millions of nested elements
/// costs hundreds of MiB (70 million took 607 MiB).
pub const MAX_XML_DEPTH: u32 = 256;

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
    let mut depth: u32 = 0;
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
                            emit_tag(&rest[..end], visitor, &mut depth)?;
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
                            emit_tag(&tag, visitor, &mut depth)?;
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

/// Reports one complete tag (without its `<` and `>`), if its name is wanted;
/// `depth` counts the elements open, whatever their names, and stops the scan
/// past [`MAX_XML_DEPTH`].
fn emit_tag<V: XmlVisitor + ?Sized>(
    tag: &[u8],
    visitor: &mut V,
    depth: &mut u32,
) -> Result<(), ScanStop> {
    if let Some(rest) = tag.strip_prefix(b"/") {
        *depth = depth.saturating_sub(1);
        let end = rest
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(rest.len());
        let name = &rest[..end];
        return if visitor.wants(name) {
            visitor
                .event(XmlEvent::End { name })
                .map_err(ScanStop::Refused)
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
    if !empty {
        *depth += 1;
        if *depth > MAX_XML_DEPTH {
            return Err(ScanStop::TooDeep);
        }
    }
    if !visitor.wants(name) {
        return Ok(());
    }
    visitor
        .event(XmlEvent::Start {
            name,
            attrs: &body[end..],
        })
        .map_err(ScanStop::Refused)?;
    if empty {
        visitor
            .event(XmlEvent::End { name })
            .map_err(ScanStop::Refused)?;
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
pub(super) fn scan_part<V: XmlVisitor>(
    part: impl Read,
    name: &str,
    visitor: &mut V,
) -> Result<bool> {
    match scan_xml(part, MAX_XML_RUN, visitor) {
        Ok(()) => Ok(true),
        Err(ScanStop::Unreadable) => Ok(false),
        Err(ScanStop::TooLong { markup }) => Err(long_run_message(name, markup)),
        Err(ScanStop::TooDeep) => Err(anyhow!(
            "文件中的部件「{name}」里的元素层层嵌套超过 {MAX_XML_DEPTH} 层（Excel 和 WPS 保存的文件不超过二十层），读取它会耗尽内存，文件可能已损坏或是恶意构造的。{RESAVE}"
        )),
        Err(ScanStop::Refused(error)) => Err(error),
    }
}

//! The OLE compound file of an xls, walked exactly as calamine's private
//! reader walks it — same bytes, same quirks — but refusing sector chains
//! that loop, and remembering where in the file each byte of a stream came
//! from, so a record can be corrected in place.

use anyhow::anyhow;

use super::{u16_at, u32_at, RESAVE};

/// Why walking the file stopped.
pub(super) enum Halt {
    /// calamine fails here too (an error or a panic it turns into one), before
    /// allocating anything large: the file is left to it.
    Calamine,
    /// Going on would make calamine exhaust memory or loop for ever.
    Refuse(anyhow::Error),
}

pub(super) type Step<T> = std::result::Result<T, Halt>;

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const OLE_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// `data[at..at + len]` came from `image[file..file + len]`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    pub(super) at: usize,
    pub(super) file: usize,
    pub(super) len: usize,
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
pub(super) struct Chained {
    pub(super) bytes: Vec<u8>,
    pub(super) spans: Vec<Span>,
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

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

/// calamine's `Cfb`, over the file's bytes.
pub(super) struct Ole<'a> {
    image: &'a [u8],
    pos: usize,
    sectors: Sectors,
    mini: Sectors,
    fats: Vec<u32>,
    mini_fats: Vec<u32>,
    directories: Vec<Directory>,
}

impl<'a> Ole<'a> {
    pub(super) fn open(image: &'a [u8]) -> Step<Self> {
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
    pub(super) fn stream(&mut self, name: &str) -> Step<Chained> {
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
    pub(super) fn workbook_stream(&mut self) -> Step<Chained> {
        match self.stream("Workbook") {
            Err(Halt::Calamine) => self.stream("Book"),
            other => other,
        }
    }
}

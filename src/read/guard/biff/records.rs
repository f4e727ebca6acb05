//! BIFF records as calamine reads them: a record with the CONTINUE records
//! that follow it, the iteration over a stream, and the strings (SST entries,
//! sheet names) read from them.

use super::super::{heap, u16_at, u32_at};

/// One BIFF record with the CONTINUE records that follow it.
pub(in crate::read::guard) struct Record<'s> {
    pub(in crate::read::guard) kind: u16,
    /// Offset of `data` in the stream.
    pub(in crate::read::guard) offset: usize,
    pub(in crate::read::guard) data: &'s [u8],
    pub(in crate::read::guard) continues: Vec<&'s [u8]>,
}

impl Record<'_> {
    /// calamine's `continue_record`: the next CONTINUE's data, if any.
    pub(in crate::read::guard) fn next_continue(&mut self) -> bool {
        if self.continues.is_empty() {
            false
        } else {
            self.data = self.continues.remove(0);
            true
        }
    }

    /// calamine's `Record::skip`.
    pub(in crate::read::guard) fn skip(&mut self, mut len: usize) -> Option<()> {
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
pub(in crate::read::guard) struct Records<'s> {
    pub(in crate::read::guard) stream: &'s [u8],
    pub(in crate::read::guard) at: usize,
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
pub(in crate::read::guard) fn sst_string(
    record: &mut Record<'_>,
    unicode: bool,
) -> Option<(u64, u64)> {
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
pub(in crate::read::guard) fn short_string(
    data: &[u8],
    biff8: bool,
    codepage: u16,
) -> Option<String> {
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

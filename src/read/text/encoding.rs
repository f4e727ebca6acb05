//! The text's encoding (BOM, declared charset, UTF-8, UTF-16, else GB18030)
//! and the file decoded piece by piece as it is read, its lines bounded.

use super::*;

/// Decodes a settings file as Notepad may have saved it: UTF-8 (with or
/// without BOM), UTF-16 with its BOM, or GBK.
pub fn decode_settings_text(bytes: &[u8]) -> String {
    decode(bytes, TextKind::Delimited).0
}

/// Decodes text held in memory, deciding as [`choose_encoding`] does.
pub(super) fn decode(bytes: &[u8], kind: TextKind) -> (String, &'static Encoding) {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let (encoding, bom) = choose_encoding(head, kind, || Ok(std::str::from_utf8(bytes).is_ok()))
        .unwrap_or((GB18030, 0));
    let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
    (text.into_owned(), encoding)
}

/// The encoding and BOM length: by BOM, then (HTML) the declared charset, then
/// UTF-8 if the whole text is valid UTF-8, then UTF-16 if every other byte of
/// the head is zero, else GB18030 (a superset of GBK).
pub(super) fn choose_encoding(
    head: &[u8],
    kind: TextKind,
    whole_is_utf8: impl FnOnce() -> io::Result<bool>,
) -> io::Result<(&'static Encoding, usize)> {
    if let Some(found) = Encoding::for_bom(head) {
        return Ok(found);
    }
    if kind == TextKind::Html {
        let declared = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_lowercase();
        if [
            "charset=gb2312",
            "charset=gbk",
            "charset=gb18030",
            "charset=\"gb2312\"",
            "charset=\"gbk\"",
        ]
        .iter()
        .any(|c| declared.contains(c))
        {
            return Ok((GB18030, 0));
        }
    }
    if whole_is_utf8()? {
        return Ok((UTF_8, 0));
    }
    if looks_like_utf16(head) {
        let encoding = if head.get(1) == Some(&0) {
            UTF_16LE
        } else {
            UTF_16BE
        };
        return Ok((encoding, 0));
    }
    Ok((GB18030, 0))
}

/// True when the whole file is valid UTF-8, read piece by piece (a character
/// cut by a piece's end is carried into the next).
pub(super) fn file_is_utf8(path: &Path) -> io::Result<bool> {
    let mut file = File::open(path)?;
    let mut buffer = vec![0u8; CHUNK];
    let mut carried = 0;
    loop {
        let read = match file.read(&mut buffer[carried..]) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            read => read?,
        };
        if read == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + read;
        match std::str::from_utf8(&buffer[..filled]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buffer.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// UTF-16 without a BOM: every other byte of ASCII text is zero.
pub(super) fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    sample.len() >= 4 && zeros * 3 >= sample.len()
}

/// Text decoded piece by piece.
pub(super) trait TextSource {
    /// The next piece of text (whole characters), or `None` at the end.
    fn next_piece(&mut self) -> io::Result<Option<&str>>;
}

/// A file decoded as it is read: at most one piece of raw bytes and one of
/// text are held. Also an [`io::Read`] of the text as UTF-8, for the csv reader.
pub(super) struct Decoded {
    raw: BufReader<File>,
    decoder: Decoder,
    text: String,
    /// How much of `text` [`Read::read`] has handed out.
    taken: usize,
    finished: bool,
}

impl Decoded {
    /// Decodes `path` from byte `start` (where the text starts, after any BOM,
    /// or an HTML table's `<`), reading `raw_capacity` bytes at a time.
    pub(super) fn open(
        path: &Path,
        encoding: &'static Encoding,
        start: u64,
        raw_capacity: usize,
    ) -> io::Result<Self> {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(start))?;
        Ok(Self {
            raw: BufReader::with_capacity(raw_capacity.max(1), file),
            decoder: encoding.new_decoder_without_bom_handling(),
            text: String::with_capacity(CHUNK),
            taken: 0,
            finished: false,
        })
    }

    /// Decodes the next piece into `text`; false at the end of the file.
    fn refill(&mut self) -> io::Result<bool> {
        self.text.clear();
        self.taken = 0;
        while !self.finished {
            let raw = self.raw.fill_buf()?;
            let last = raw.is_empty();
            let (result, read, _) = self.decoder.decode_to_string(raw, &mut self.text, last);
            self.raw.consume(read);
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
            if !self.text.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl TextSource for Decoded {
    fn next_piece(&mut self) -> io::Result<Option<&str>> {
        if !self.refill()? {
            return Ok(None);
        }
        self.taken = self.text.len();
        Ok(Some(&self.text))
    }
}

impl Read for Decoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.taken == self.text.len() && !self.refill()? {
            return Ok(0);
        }
        let rest = &self.text.as_bytes()[self.taken..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.taken += n;
        Ok(n)
    }
}

//! Attribute values of a scanned tag, read as calamine (quick-xml) reads
//! them: the attributes in order, one by key, names without their prefix, and
//! counts decoded and parsed the way calamine parses them.

use super::trim_start;

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
pub(in crate::read::guard) fn local_name(name: &[u8]) -> &[u8] {
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
pub(in crate::read::guard) fn unescape(raw: &[u8]) -> Option<String> {
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

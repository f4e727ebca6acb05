use super::biff::{formula_text, Bounds};
use super::xls::Patch;
use super::xml::{attribute, attributes, parse_count, scan_xml, ScanStop, XmlEvent, XmlVisitor};
use super::*;
use std::io::Write;

// --- XML scanning ----------------------------------------------------------

/// Records every event as text.
#[derive(Default)]
struct Recorder(Vec<String>);

impl XmlVisitor for Recorder {
    fn event(&mut self, event: XmlEvent<'_>) -> Result<()> {
        self.0.push(match event {
            XmlEvent::Start { name, attrs } => format!(
                "<{}|{}>",
                String::from_utf8_lossy(name),
                String::from_utf8_lossy(attrs).trim()
            ),
            XmlEvent::End { name } => format!("</{}>", String::from_utf8_lossy(name)),
            XmlEvent::Text(bytes) => format!("#{bytes}"),
        });
        Ok(())
    }
}

fn events(xml: &[u8]) -> Vec<String> {
    let mut recorder = Recorder::default();
    scan_xml(xml, MAX_XML_RUN, &mut recorder).unwrap();
    recorder.0
}

#[test]
fn the_scanner_reports_tags_and_text_lengths() {
    let xml = br#"<?xml version="1.0"?><!-- a > b --><a x="1 > 2" y='<'><b/>text&amp;<![CDATA[xy]]></a >"#;
    assert_eq!(
        events(xml),
        [r#"<a|x="1 > 2" y='<'>"#, "<b|>", "</b>", "#9", "#2", "</a>"]
    );
    // A DOCTYPE with an internal subset is skipped whole.
    assert_eq!(
        events(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a/>"),
        ["<a|>", "</a>"]
    );
}

#[test]
fn tokens_crossing_buffer_boundaries_are_whole() {
    // The scanner reads 128 KiB at a time: a text run and a tag spanning chunks.
    let text = "x".repeat(200_000);
    let attr = "y".repeat(300_000);
    let xml = format!("<a>{text}<b v=\"{attr}\" w='>'/></a>");
    let events = events(xml.as_bytes());
    assert_eq!(events[1], "#200000");
    assert!(events[2].starts_with("<b|v=\"yyy") && events[2].ends_with("w='>'>"));
    assert_eq!(events[3..], ["</b>", "</a>"]);
}

#[test]
fn a_text_or_tag_longer_than_the_limit_stops_the_scan() {
    let scan = |xml: &[u8], limit| scan_xml(xml, limit, &mut Recorder::default());
    assert!(matches!(
        scan(format!("<a>{}</a>", "x".repeat(2000)).as_bytes(), 1000),
        Err(ScanStop::TooLong { markup: false })
    ));
    assert!(matches!(
        scan(format!("<a b=\"{}\"/>", "x".repeat(2000)).as_bytes(), 1000),
        Err(ScanStop::TooLong { markup: true })
    ));
    assert!(matches!(
        scan(format!("<!-- {} -->", "<".repeat(2000)).as_bytes(), 1000),
        Err(ScanStop::TooLong { markup: true })
    ));
    assert!(scan(format!("<a>{}</a>", "x".repeat(999)).as_bytes(), 1000).is_ok());
}

#[test]
fn attributes_are_read_as_xml_allows() {
    let attrs = br#" a = "1"  b='two words' c=3 d"#;
    let all: Vec<(&[u8], &[u8])> = attributes(attrs).collect();
    assert_eq!(
        all,
        [
            (&b"a"[..], &b"1"[..]),
            (b"b", b"two words"),
            (b"c", b"3"),
            (b"d", b""),
        ]
    );
    assert_eq!(attribute(attrs, b"b"), Some(&b"two words"[..]));
    assert_eq!(attribute(attrs, b"e"), None);
    assert_eq!(parse_count(b"&#49;0", true), Some(10));
    assert_eq!(parse_count(b"&#49;0", false), None);
    assert_eq!(parse_count(b"+5", false), Some(5));
    assert_eq!(parse_count(b" 5", false), None);
    assert_eq!(parse_count(b"18446744073709551616", false), None);
}

#[test]
fn helpers_round_and_group() {
    assert_eq!(heap(0), 0);
    assert_eq!(heap(1), 32);
    assert_eq!(heap(100), 112);
    assert_eq!(grouped(16_777_216), "16,777,216");
    assert_eq!(grouped(999), "999");
    assert_eq!(address(65_535, 255), "IV65536");
}

// --- xlsx parts ------------------------------------------------------------

fn xlsx_part(xml: &str, shared: bool) -> Result<()> {
    let mut part = XlsxPart::new(shared);
    assert!(scan_part(xml.as_bytes(), "xl/part.xml", &mut part)?);
    part.finish("xl/part.xml")
}

#[test]
fn shared_strings_are_counted_against_the_budget() {
    let few = format!(
        "<sst uniqueCount=\"3\">{}</sst>",
        "<si><t>办公费</t></si>".repeat(3)
    );
    xlsx_part(&few, true).unwrap();
    let mut part = XlsxPart::new(true);
    scan_xml(few.as_bytes(), MAX_XML_RUN, &mut part).unwrap();
    assert_eq!(part.strings, 3);
    assert_eq!(part.strings_cost(), 3 * (STRING + 32));
    // A declared count calamine would reserve room for counts too.
    let declared = "<x:sst uniqueCount=\"20000000\"><x:si><x:t>a</x:t></x:si></x:sst>";
    let error = xlsx_part(declared, true).unwrap_err().to_string();
    assert!(error.contains("20,000,000 个以上的字符串"), "{error}");
    assert!(error.contains("上限 320 MB"), "{error}");
}

#[test]
fn a_shared_formula_number_far_beyond_the_formulas_is_refused() {
    let sheet = |si: u64| {
        format!("<worksheet><sheetData><row><c r=\"A1\"><f t=\"shared\" ref=\"A1:A2\" si=\"{si}\">1+1</f><v>2</v></c></row></sheetData></worksheet>")
    };
    xlsx_part(&sheet(0), false).unwrap();
    xlsx_part(&sheet(1000), false).unwrap();
    let error = xlsx_part(&sheet(2_000_000_000), false)
        .unwrap_err()
        .to_string();
    assert!(error.contains("编号为 2000000000 的共享公式"), "{error}");
}

/// An xlsx-like package of stored parts, in memory.
fn package(parts: &[(&str, &str)]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        zip.start_file(*name, stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip::ZipArchive::new(zip.finish().unwrap()).unwrap()
}

#[test]
fn custom_xml_is_checked_only_when_calamine_would_read_it() {
    // Power Query keeps its queries as one long base64 text in custom XML.
    let mashup = format!("<DataMashup>{}</DataMashup>", "QUJD".repeat(1 << 19));
    let workbook_rels = |extra: &str| {
        format!("<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml\" Target=\"../customXml/item1.xml\"/>{extra}</Relationships>")
    };
    let mut plain = package(&[
        ("xl/_rels/workbook.xml.rels", &workbook_rels("")),
        ("xl/worksheets/sheet1.xml", "<worksheet/>"),
        ("customXml/item1.xml", &mashup),
    ]);
    check_xlsx(&mut plain).unwrap();
    // The same part made a sheet of the workbook is read by calamine.
    let sheet = "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/customXml/item1.xml\"/>";
    let mut hidden = package(&[
        ("xl/_rels/workbook.xml.rels", &workbook_rels(sheet)),
        ("xl/worksheets/sheet1.xml", "<worksheet/>"),
        ("customXml/item1.xml", &mashup),
    ]);
    let error = check_xlsx(&mut hidden).unwrap_err().to_string();
    assert!(
        error.contains("「customXml/item1.xml」里有一段文字"),
        "{error}"
    );
}

// --- ods -------------------------------------------------------------------

fn ods(tables: &str) -> String {
    format!("<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>")
}

/// The estimate for an ods `content.xml`, or its refusal.
fn ods_cost(content: &str) -> Result<u64> {
    let mut scan = OdsScan::default();
    scan_part(content.as_bytes(), "content.xml", &mut scan)?;
    scan.finish()?;
    Ok(scan.estimate(None))
}

/// A ledger as LibreOffice writes one: the rest of each row and the rest of
/// the sheet as empty repeats.
fn libreoffice_ledger(rows: usize) -> String {
    let mut xml = String::from("<table:table table:name=\"明细账\"><table:table-column table:number-columns-repeated=\"1024\"/><table:table-row><table:table-cell office:value-type=\"string\"><text:p>日期</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>金额</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"1022\"/></table:table-row>");
    for row in 0..rows {
        xml.push_str(&format!("<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2017-01-05\"><text:p>2017-01-05</text:p></table:table-cell><table:table-cell office:value-type=\"float\" office:value=\"{row}\"><text:p>{row}</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"1022\"/></table:table-row>"));
    }
    xml.push_str("<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row></table:table>");
    ods(&xml)
}

#[test]
fn trailing_empty_repeats_cost_nothing() {
    let cost = ods_cost(&libreoffice_ledger(1000)).unwrap();
    // 1,001 rows of 2 cells, their date texts, and the cells gathered first.
    assert!(cost < 1 << 20, "{cost}");
}

#[test]
fn repeated_valued_cells_are_refused_with_the_cell_named() {
    let bomb = ods("<table:table table:name=\"Sheet1\"><table:table-row table:number-rows-repeated=\"6000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table>");
    let error = ods_cost(&bomb).unwrap_err().to_string();
    assert!(
        error.contains("ODS 工作表「Sheet1」的单元格 Sheet1!A1"),
        "{error}"
    );
    assert!(error.contains("复制了 98,304,000 次"), "{error}");
    assert!(error.contains("上限 320 MB"), "{error}");
    // calamine caps a row at 16,384 cells and a table at 1,048,576 rows.
    let capped = ods("<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"99999999999\"><table:table-cell table:number-columns-repeated=\"99999999\" office:value=\"1\"/></table:table-row></table:table>");
    let error = ods_cost(&capped).unwrap_err().to_string();
    assert!(error.contains("1,048,576 行 × 16,384 列"), "{error}");
}

#[test]
fn empty_rows_between_values_are_expanded() {
    // A value in row 1 and one in row 1,000,002, twenty columns wide.
    let far = ods("<table:table table:name=\"S\"><table:table-row><table:table-cell office:value=\"1\"/></table:table-row><table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated=\"19\"/><table:table-cell office:value=\"1\"/></table:table-row></table:table>");
    let error = ods_cost(&far).unwrap_err().to_string();
    assert!(error.contains("1,000,002 行 × 20 列"), "{error}");
}

#[test]
fn empty_cells_before_a_cell_are_gathered() {
    // calamine pushes the 16,000 empty cells because another cell follows them.
    let row = "<table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell/></table:table-row>";
    let cost = ods_cost(&ods(&format!(
        "<table:table table:name=\"S\">{}</table:table>",
        row.repeat(10)
    )))
    .unwrap();
    assert_eq!(cost, 10 * 16_000 * (DATA_CELL + STRING));
    let error = ods_cost(&ods(&format!(
        "<table:table table:name=\"S\">{}</table:table>",
        row.repeat(1000)
    )))
    .unwrap_err()
    .to_string();
    assert!(
        error.contains("ODS 工作表「S」读取时要先逐个读入"),
        "{error}"
    );
}

#[test]
fn repeated_spaces_in_a_text_are_counted() {
    let spaces = ods("<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"2000000000\"/></text:p></table:table-cell></table:table-row></table:table>");
    let error = ods_cost(&spaces).unwrap_err().to_string();
    assert!(error.contains("文字展开后长达 1,908 MB"), "{error}");
    // A text cell repeated across a row copies its text each time.
    let text = "长".repeat(20_000);
    let copies = ods(&format!("<table:table table:name=\"S\"><table:table-row table:number-rows-repeated=\"100\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell></table:table-row></table:table>"));
    assert!(ods_cost(&copies).is_err());
    // Text in an annotation is not the cell's value; an empty text cell is a value.
    let note = ods(&format!("<table:table table:name=\"S\"><table:table-row><table:table-cell office:value-type=\"string\"><office:annotation><text:p>{text}</text:p></office:annotation></table:table-cell></table:table-row></table:table>"));
    // One empty text: gathered (56 bytes), then kept in the range (32).
    let cost = ods_cost(&note).unwrap();
    assert_eq!(cost, DATA_CELL + STRING + DATA_CELL);
}

// --- xls -------------------------------------------------------------------

/// BIFF8 records and a compound file around them, as Excel 97–2003 writes.
pub(super) mod biff {
    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(data.len() + 4);
        bytes.extend_from_slice(&kind.to_le_bytes());
        bytes.extend_from_slice(&(data.len() as u16).to_le_bytes());
        bytes.extend_from_slice(data);
        bytes
    }

    pub fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
        let units: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut data = [row.to_le_bytes(), column.to_le_bytes(), 15u16.to_le_bytes()].concat();
        data.extend_from_slice(&(text.encode_utf16().count() as u16).to_le_bytes());
        data.push(1);
        data.extend_from_slice(&units);
        record(0x0204, &data)
    }

    pub fn number(row: u16, column: u16, value: f64, xf: u16) -> Vec<u8> {
        let mut data = [row.to_le_bytes(), column.to_le_bytes(), xf.to_le_bytes()].concat();
        data.extend_from_slice(&value.to_le_bytes());
        record(0x0203, &data)
    }

    pub fn blank(row: u16, column: u16) -> Vec<u8> {
        record(
            0x0201,
            &[row.to_le_bytes(), column.to_le_bytes(), 15u16.to_le_bytes()].concat(),
        )
    }

    pub fn label_sst(row: u16, column: u16, index: u32) -> Vec<u8> {
        let mut data = [row.to_le_bytes(), column.to_le_bytes(), 15u16.to_le_bytes()].concat();
        data.extend_from_slice(&index.to_le_bytes());
        record(0x00FD, &data)
    }

    pub fn dimensions(
        first_row: u32,
        rows_end: u32,
        first_column: u16,
        columns_end: u16,
    ) -> Vec<u8> {
        let mut data = [first_row.to_le_bytes(), rows_end.to_le_bytes()].concat();
        data.extend_from_slice(&first_column.to_le_bytes());
        data.extend_from_slice(&columns_end.to_le_bytes());
        data.extend_from_slice(&[0, 0]);
        record(0x0200, &data)
    }

    /// A FORMULA record with a number as its value and these tokens.
    pub fn formula(row: u16, column: u16, tokens: &[u8]) -> Vec<u8> {
        let mut data = [row.to_le_bytes(), column.to_le_bytes(), 0u16.to_le_bytes()].concat();
        data.extend_from_slice(&1.0f64.to_le_bytes());
        data.extend_from_slice(&[0; 6]);
        data.extend_from_slice(&(tokens.len() as u16).to_le_bytes());
        data.extend_from_slice(tokens);
        record(0x0006, &data)
    }

    /// An SST holding one string of `len` ASCII characters, split over
    /// CONTINUE records as Excel splits it.
    pub fn sst_with_long_string(len: usize) -> Vec<u8> {
        let mut payload = vec![];
        payload.extend_from_slice(&1u32.to_le_bytes());
        payload.extend_from_slice(&1u32.to_le_bytes());
        payload.extend_from_slice(&(len as u16).to_le_bytes());
        payload.push(0);
        let text = vec![b'a'; len];
        let first = 8224 - payload.len();
        payload.extend_from_slice(&text[..first.min(len)]);
        let mut bytes = record(0x00FC, &payload);
        for piece in text[first.min(len)..].chunks(8223) {
            let mut data = vec![0u8];
            data.extend_from_slice(piece);
            bytes.extend(record(0x003C, &data));
        }
        bytes
    }

    /// A workbook stream: globals (with `extra` records, e.g. an SST), then
    /// each sheet's records between its BOF and EOF.
    pub fn workbook(sheets: &[(&str, Vec<Vec<u8>>)], extra: &[Vec<u8>]) -> Vec<u8> {
        let bof = |kind: u16| {
            let mut data = [0x0600u16, kind, 0x0DBB, 0x07CC]
                .map(u16::to_le_bytes)
                .concat();
            data.extend_from_slice(&[0; 4]);
            data.extend_from_slice(&6u32.to_le_bytes());
            record(0x0809, &data)
        };
        let xf = |format: u16| {
            let mut data = [0u16, format, 0x0001].map(u16::to_le_bytes).concat();
            data.extend_from_slice(&[0x20, 0, 0, 0]);
            data.extend_from_slice(&[0; 8]);
            data.extend_from_slice(&0x20C0u16.to_le_bytes());
            record(0x00E0, &data)
        };
        let mut globals = bof(0x0005);
        globals.extend(record(0x0042, &1200u16.to_le_bytes()));
        for _ in 0..16 {
            globals.extend(xf(0));
        }
        globals.extend(xf(14)); // XF 16: a date
        for extra in extra {
            globals.extend_from_slice(extra);
        }
        let bound = |pos: u32, name: &str| {
            let mut data = pos.to_le_bytes().to_vec();
            data.extend_from_slice(&[0, 0, name.encode_utf16().count() as u8, 1]);
            data.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            record(0x0085, &data)
        };
        let bodies: Vec<Vec<u8>> = sheets
            .iter()
            .map(|(_, records)| {
                let mut body = bof(0x0010);
                for r in records {
                    body.extend_from_slice(r);
                }
                body.extend(record(0x000A, &[]));
                body
            })
            .collect();
        let bound_len: usize = sheets.iter().map(|(name, _)| bound(0, name).len()).sum();
        let mut pos = globals.len() + bound_len + 4;
        for ((name, _), body) in sheets.iter().zip(&bodies) {
            globals.extend(bound(pos as u32, name));
            pos += body.len();
        }
        globals.extend(record(0x000A, &[]));
        for body in bodies {
            globals.extend(body);
        }
        globals
    }

    /// A version-3 compound file holding `stream` as `Workbook`: in 512-byte
    /// sectors, or in the mini stream when it is under 4,096 bytes.
    pub fn compound_file(stream: &[u8]) -> Vec<u8> {
        compound_file_named("Workbook", stream)
    }

    /// A compound file holding `stream` under the name `name` (see [`compound_file`]).
    pub fn compound_file_named(name: &str, stream: &[u8]) -> Vec<u8> {
        const END: u32 = 0xFFFF_FFFE;
        const FREE: u32 = 0xFFFF_FFFF;
        let mini = stream.len() < 4096;
        let sectors = |len: usize| len.div_ceil(512);
        // Layout: FAT sectors, directory, [mini FAT], data (stream or mini stream).
        let data = if mini {
            let mut padded = stream.to_vec();
            padded.resize(stream.len().div_ceil(64) * 64, 0);
            padded
        } else {
            stream.to_vec()
        };
        let data_sectors = sectors(data.len());
        let mut fat_sectors = 1;
        while fat_sectors * 128 < fat_sectors + 1 + usize::from(mini) + data_sectors {
            fat_sectors += 1;
        }
        let directory = fat_sectors as u32;
        let mini_fat = directory + 1;
        let first = directory + 1 + u32::from(mini);
        let mut fat: Vec<u32> = vec![0xFFFF_FFFD; fat_sectors];
        fat.push(END);
        if mini {
            fat.push(END);
        }
        for i in 0..data_sectors as u32 {
            fat.push(if i + 1 < data_sectors as u32 {
                first + i + 1
            } else {
                END
            });
        }
        fat.resize(fat_sectors * 128, FREE);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        let mut put = |at: usize, bytes: &[u8]| header[at..at + bytes.len()].copy_from_slice(bytes);
        put(24, &[0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0]);
        put(44, &(fat_sectors as u32).to_le_bytes());
        put(48, &directory.to_le_bytes());
        put(56, &4096u32.to_le_bytes());
        put(60, &(if mini { mini_fat } else { END }).to_le_bytes());
        put(64, &u32::from(mini).to_le_bytes());
        put(68, &END.to_le_bytes());
        for i in 0..109 {
            let id = if i < fat_sectors { i as u32 } else { FREE };
            put(76 + 4 * i, &id.to_le_bytes());
        }
        let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
            let mut e = vec![0u8; 128];
            let units: Vec<u8> = name
                .encode_utf16()
                .chain([0])
                .flat_map(u16::to_le_bytes)
                .collect();
            e[..units.len()].copy_from_slice(&units);
            e[64..66].copy_from_slice(&(units.len() as u16).to_le_bytes());
            e[66] = kind;
            e[67] = 1;
            e[68..72].copy_from_slice(&FREE.to_le_bytes());
            e[72..76].copy_from_slice(&FREE.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
            e
        };
        let mut file = header;
        file.extend(fat.iter().flat_map(|id| id.to_le_bytes()));
        if mini {
            file.extend(entry("Root Entry", 5, 1, first, data.len() as u32));
            file.extend(entry(name, 2, FREE, 0, stream.len() as u32));
        } else {
            file.extend(entry("Root Entry", 5, 1, END, 0));
            file.extend(entry(name, 2, FREE, first, stream.len() as u32));
        }
        file.extend(vec![0u8; 256]);
        if mini {
            let count = data.len() / 64;
            let mut table: Vec<u32> = (1..=count as u32)
                .map(|next| if (next as usize) < count { next } else { END })
                .collect();
            table.resize(128, FREE);
            file.extend(table.iter().flat_map(|id| id.to_le_bytes()));
        }
        file.extend_from_slice(&data);
        file.resize(
            512 * (1 + fat_sectors + 1 + usize::from(mini) + data_sectors),
            0,
        );
        file
    }

    /// A small ledger: 日期 | 摘要 | 金额 and `rows` lines of 2017.
    pub fn ledger(rows: u16) -> Vec<Vec<u8>> {
        let mut records = vec![
            label(0, 0, "日期"),
            label(0, 1, "摘要"),
            label(0, 2, "金额"),
        ];
        for row in 1..=rows {
            records.push(number(row, 0, 42_740.0 + f64::from(row % 28), 16));
            records.push(label(row, 1, "办公费"));
            records.push(number(row, 2, 1_000.0 + f64::from(row), 0));
        }
        records
    }
}

fn xls(sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
    biff::compound_file(&biff::workbook(sheets, &[]))
}

fn with_dimensions(dims: Vec<u8>, mut records: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    records.insert(0, dims);
    records
}

fn refusal(image: &[u8]) -> String {
    match plan_xls(image) {
        Ok(_) => panic!("not refused"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_real_ledger_passes_as_it_is() {
    for rows in [20, 2000] {
        // 20 rows sit in the mini stream, 2,000 in regular sectors.
        let image = xls(&[(
            "明细账",
            with_dimensions(
                biff::dimensions(0, u32::from(rows) + 1, 0, 3),
                biff::ledger(rows),
            ),
        )]);
        assert!(matches!(plan_xls(&image), Ok(XlsPlan::AsIs)), "{rows}");
    }
}

#[test]
fn a_value_in_the_far_corner_is_named() {
    let mut records = biff::ledger(20);
    records.push(biff::label(65_535, 255, "x"));
    let error = refusal(&xls(&[("Sheet1", records)]));
    assert!(error.contains("Sheet1!IV65536"), "{error}");
    assert!(error.contains("A1:IV65536"), "{error}");
    assert!(error.contains("16,777,216 个单元格"), "{error}");
    assert!(error.contains("上限 320 MB"), "{error}");
    let mut records = biff::ledger(20);
    records.push(biff::number(40_000, 16_383, 1.0, 0));
    let error = refusal(&xls(&[("明细", records)]));
    assert!(error.contains("明细!XFD40001"), "{error}");
    // Two far cells, in two directions: both are named.
    let mut records = biff::ledger(20);
    records.push(biff::number(65_535, 0, 1.0, 0));
    records.push(biff::number(0, 16_383, 1.0, 0));
    let error = refusal(&xls(&[("S", records)]));
    assert!(
        error.contains("单元格 S!XFD1、S!A65536 离其他数据很远"),
        "{error}"
    );
    // A block full to the brim has no cell to blame; a lone far cell has.
    let mut bounds = Bounds::default();
    for row in 0..300 {
        for column in 0..300 {
            bounds.add(row, column);
        }
    }
    assert_eq!(bounds.outliers(90_000), []);
    bounds.add(1_000_000, 7);
    assert_eq!(bounds.outliers(90_001), [(1_000_000, 7)]);
}

/// The DIMENSIONS record's data in a patched image.
fn dimensions_after(image: &[u8], patches: Vec<Patch>) -> Vec<u8> {
    let mut image = image.to_vec();
    for patch in patches {
        image[patch.file..patch.file + patch.bytes.len()].copy_from_slice(&patch.bytes);
    }
    assert!(
        matches!(plan_xls(&image), Ok(XlsPlan::AsIs)),
        "the corrected copy needs no more correction"
    );
    let marker = [0x00, 0x02, 14, 0];
    let at = image
        .windows(4)
        .position(|w| w == marker)
        .expect("a DIMENSIONS record");
    image[at + 4..at + 18].to_vec()
}

#[test]
fn a_lying_dimensions_record_is_corrected_not_refused() {
    for rows in [20u16, 2000] {
        for lie in [
            biff::dimensions(0, u32::MAX, 0, 0xFFFF),
            // Last row before the first: calamine's arithmetic wraps.
            biff::dimensions(100, 5, 0, 3),
        ] {
            let image = xls(&[("明细账", with_dimensions(lie, biff::ledger(rows)))]);
            let Ok(XlsPlan::Patched(patches)) = plan_xls(&image) else {
                panic!("not corrected");
            };
            let expected = biff::dimensions(0, u32::from(rows) + 1, 0, 3);
            assert_eq!(dimensions_after(&image, patches), expected[4..], "{rows}");
        }
    }
}

#[test]
fn a_far_blank_cell_costs_nothing() {
    // calamine ignores BLANK records; Excel's DIMENSIONS includes them.
    let mut records = with_dimensions(biff::dimensions(0, 65_536, 0, 256), biff::ledger(20));
    records.push(biff::blank(65_535, 255));
    let image = xls(&[("明细账", records)]);
    assert!(matches!(plan_xls(&image), Ok(XlsPlan::Patched(_))));
}

#[test]
fn a_long_shared_string_copied_into_many_cells_is_counted() {
    let sst = biff::sst_with_long_string(65_535);
    let cells = |count: u16| (1..=count).map(|row| biff::label_sst(row, 0, 0)).collect();
    let image = |count| {
        biff::compound_file(&biff::workbook(
            &[("S", cells(count))],
            std::slice::from_ref(&sst),
        ))
    };
    assert!(plan_xls(&image(100)).is_ok());
    let error = refusal(&image(5000));
    assert!(
        error.contains("xls 工作表「S」的数据区 A2:A5001 中的文字"),
        "{error}"
    );
}

#[test]
fn a_formula_of_thousands_of_space_tokens_is_refused() {
    // `1` followed by 2,049 tokens of 255 spaces each: calamine inserts the
    // 522,495 spaces one at a time in front of the `1`, about 1.5 s a formula.
    let mut tokens = vec![0x1E, 1, 0];
    for _ in 0..2049 {
        tokens.extend_from_slice(&[0x19, 0x40, 0x00, 0xFF]);
    }
    let records = |count: u16| -> Vec<Vec<u8>> {
        let mut records = biff::ledger(2);
        records.extend((0..count).map(|i| biff::formula(10 + i, 0, &tokens)));
        records
    };
    let error = refusal(&xls(&[("S", records(1))]));
    assert!(error.contains("例如单元格 S!A11 的公式"), "{error}");
    // Real formulas: `A2*6.25` (whose number holds the bytes of a space token)
    // with two spaces typed before it.
    let mut real = vec![0x19, 0x40, 0x00, 0x02, 0x24, 1, 0, 0, 0xC0, 0x1F];
    real.extend_from_slice(&6.25f64.to_le_bytes());
    real.push(0x05);
    let mut records = biff::ledger(2);
    records.extend((0..3000).map(|i| biff::formula(10 + i, 3, &real)));
    assert!(matches!(
        plan_xls(&xls(&[("S", records)])),
        Ok(XlsPlan::AsIs)
    ));
    let (len, moved) = formula_text(
        &[real.len() as u8, 0]
            .iter()
            .chain(&real)
            .copied()
            .collect::<Vec<u8>>(),
        true,
    );
    assert_eq!(moved, 2 * 2);
    assert!(len < 200, "{len}");
}

#[test]
fn an_encrypted_xls_gets_the_password_message() {
    let filepass = vec![0x2F, 0x00, 0x02, 0x00, 0x00, 0x00];
    let image = biff::compound_file(&biff::workbook(&[("S", biff::ledger(2))], &[filepass]));
    assert!(refusal(&image).contains("密码"));
}

#[test]
fn a_looping_sector_chain_is_refused() {
    let mut image = xls(&[("S", biff::ledger(2000))]);
    // Make the Workbook stream's second sector point back to its first, and
    // claim 3 GB: calamine would go round until it holds 3 GB.
    let u32_at =
        |image: &[u8], at: usize| u32::from_le_bytes(image[at..at + 4].try_into().unwrap());
    let entry = 512 * (u32_at(&image, 48) as usize + 1) + 128;
    let first = u32_at(&image, entry + 116) as usize;
    let fat = 512 + 4 * (first + 1);
    image[fat..fat + 4].copy_from_slice(&(first as u32).to_le_bytes());
    image[entry + 120..entry + 124].copy_from_slice(&3_000_000_000u32.to_le_bytes());
    let error = refusal(&image);
    assert!(error.contains("扇区链）首尾相连"), "{error}");
}

#[test]
fn what_calamine_refuses_itself_is_left_to_it() {
    assert!(matches!(plan_xls(b"not an ole file"), Ok(XlsPlan::AsIs)));
    let mut image = xls(&[("S", biff::ledger(2))]);
    image.truncate(1500);
    assert!(matches!(plan_xls(&image), Ok(XlsPlan::AsIs)));
}

// --- Issue 20: caps on nesting, names, merges and sheets --------------------

#[test]
fn nesting_deeper_than_the_cap_stops_the_scan() {
    let nested = |depth: usize| format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let at_cap = nested(super::xml::MAX_XML_DEPTH as usize);
    assert!(scan_xml(at_cap.as_bytes(), MAX_XML_RUN, &mut Recorder::default()).is_ok());
    // Empty elements and siblings do not nest.
    let flat = "<a/>".repeat(10_000) + &"<b></b>".repeat(10_000);
    assert!(scan_xml(flat.as_bytes(), MAX_XML_RUN, &mut Recorder::default()).is_ok());
    let deeper = nested(super::xml::MAX_XML_DEPTH as usize + 1);
    // Counted whatever the visitor wants reported.
    let mut part = XlsxPart::new(false);
    assert!(matches!(
        scan_xml(deeper.as_bytes(), MAX_XML_RUN, &mut part),
        Err(ScanStop::TooDeep)
    ));
    let error = super::xml::scan_part(deeper.as_bytes(), "xl/worksheets/sheet1.xml", &mut part)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("xl/worksheets/sheet1.xml") && error.contains("超过 256 层"),
        "{error}"
    );
}

/// Feeds `count` start tags of `name` to a part's check; the error, if any.
fn count_elements(name: &[u8], count: u64) -> Option<String> {
    let mut part = XlsxPart::new(false);
    for _ in 0..count {
        let event = XmlEvent::Start { name, attrs: b"" };
        if let Err(error) = part.on_event(event) {
            return Some(error.to_string());
        }
    }
    None
}

#[test]
fn defined_names_merges_and_sheets_are_capped_with_a_chinese_message() {
    assert_eq!(
        count_elements(b"definedName", xlsx::MAX_DEFINED_NAMES),
        None
    );
    let names = count_elements(b"x:definedName", xlsx::MAX_DEFINED_NAMES + 1).unwrap();
    assert!(
        names.contains("上限 100,000 个") && names.contains("名称管理器"),
        "{names}"
    );
    assert_eq!(count_elements(b"mergeCell", xlsx::MAX_MERGES), None);
    let merges = count_elements(b"mergeCell", xlsx::MAX_MERGES + 1).unwrap();
    assert!(
        merges.contains("上限 1,000,000 个") && merges.contains("合并单元格"),
        "{merges}"
    );
    assert_eq!(count_elements(b"sheet", xlsx::MAX_SHEETS), None);
    let sheets = count_elements(b"sheet", xlsx::MAX_SHEETS + 1).unwrap();
    assert!(
        sheets.contains("上限 1,000 个") && sheets.contains("工作表"),
        "{sheets}"
    );
    // Elements of other names are not counted.
    assert_eq!(count_elements(b"sheetView", xlsx::MAX_SHEETS + 1), None);
}

// --- Issue 20: xlsb records -------------------------------------------------

/// One BIFF12 record: type and size as seven-bit varints, then the data.
fn record(kind: u32, data: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let put = |mut value: u32, bytes: &mut Vec<u8>| loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(byte);
            break;
        }
        bytes.push(byte | 0x80);
    };
    put(kind, &mut bytes);
    put(data.len() as u32, &mut bytes);
    bytes.extend_from_slice(data);
    bytes
}

/// An endless run of one pattern, read as a stream (nothing is held).
struct Cycle(Vec<u8>, usize);

impl std::io::Read for Cycle {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        for byte in buffer.iter_mut() {
            *byte = self.0[self.1];
            self.1 = (self.1 + 1) % self.0.len();
        }
        Ok(buffer.len())
    }
}

#[test]
fn an_xlsb_of_millions_of_empty_strings_is_refused_by_its_cost() {
    use std::io::Read as _;
    let empty = record(0x13, &[0, 0, 0, 0, 0]);
    assert_eq!(empty.len(), 7);
    let begin = record(0x9F, &[0; 8]);
    // 100,000 empty strings pass; 15 million cost 24 bytes each, over 320 MiB.
    let few = std::io::Cursor::new(begin.clone()).chain(Cycle(empty.clone(), 0).take(7 * 100_000));
    check_xlsb_shared_strings(few, "xl/sharedStrings.bin").unwrap();
    let many = std::io::Cursor::new(begin).chain(Cycle(empty, 0).take(7 * 15_000_000));
    let error = check_xlsb_shared_strings(many, "xl/SHAREDSTRINGS.BIN")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("xl/SHAREDSTRINGS.BIN") && error.contains("上限 320 MB"),
        "{error}"
    );
    // A declared count calamine reserves room for is counted as well.
    let mut declared = vec![0u8; 8];
    declared[4..8].copy_from_slice(&4_000_000_000u32.to_le_bytes());
    let error = check_xlsb_shared_strings(&record(0x9F, &declared)[..], "xl/sharedStrings.bin")
        .unwrap_err()
        .to_string();
    assert!(error.contains("4,000,000,000 个以上的字符串"), "{error}");
    // Text of a real table: 1,000 strings of 20 characters.
    let mut text = vec![0u8];
    text.extend_from_slice(&20u32.to_le_bytes());
    text.extend_from_slice(&[0x5E, 0x4E].repeat(20));
    let table: Vec<u8> = record(0x9F, &[0; 8])
        .into_iter()
        .chain(record(0x13, &text).repeat(1_000))
        .collect();
    check_xlsb_shared_strings(&table[..], "xl/sharedStrings.bin").unwrap();
}

#[test]
fn an_xlsb_workbook_is_held_to_the_sheet_and_name_caps() {
    let sheets = |count: usize| record(0x9C, &[0; 12]).repeat(count);
    check_xlsb_workbook(&sheets(xlsx::MAX_SHEETS as usize)[..]).unwrap();
    let error = check_xlsb_workbook(&sheets(xlsx::MAX_SHEETS as usize + 1)[..])
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("上限 1,000 个") && error.contains("工作表"),
        "{error}"
    );
    let names = record(0x27, &[0; 4]).repeat(xlsx::MAX_DEFINED_NAMES as usize + 1);
    let error = check_xlsb_workbook(&names[..]).unwrap_err().to_string();
    assert!(
        error.contains("上限 100,000 个") && error.contains("名称"),
        "{error}"
    );
    // A broken record ends the scan quietly: calamine reports it.
    check_xlsb_workbook(&[0x9C, 0xFF, 0xFF][..]).unwrap();
}

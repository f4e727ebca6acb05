//! The xlsx part checks behind [`check_xlsx`](super::check_xlsx): which parts
//! relationships hand to calamine, and what one part costs — its shared
//! strings against the budget, its shared-formula numbers against the formulas
//! present.

use anyhow::{anyhow, bail, Result};
use std::io::{Read, Seek};

use super::xml::{attribute, local_name, parse_count, scan_xml, unescape, XmlEvent, XmlVisitor};
use super::{grouped, heap, mib, MAX_XML_RUN, MEMORY_BUDGET, RESAVE, SHARED_FORMULA, STRING};

/// A part name as a package path: forward slashes, no leading one, lower case.
pub(super) fn package_path(name: &str) -> String {
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
pub(super) fn content_targets<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> Vec<String> {
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
pub(super) struct XlsxPart {
    shared: bool,
    in_string: bool,
    string_bytes: u64,
    pub(super) strings: u64,
    strings_heap: u64,
    unique_count: u64,
    formulas: u64,
    max_shared_index: Option<u64>,
    /// `<definedName>`, `<mergeCell>` and `<sheet>` elements met.
    defined_names: u64,
    merges: u64,
    sheets: u64,
}

/// Most defined names a workbook may have: 100,000. Real workbooks hold a
/// few, broken ones some thousands; calamine keeps every name and formula
/// (20 million took 2.1 GiB).
pub const MAX_DEFINED_NAMES: u64 = 100_000;
/// Most merged regions a sheet may have: 1,000,000 — a merged date over every
/// second line of the largest sheet Excel allows. calamine and jixiao keep
/// each region (40 million took 617 MiB).
pub const MAX_MERGES: u64 = 1_000_000;
/// Most sheets a workbook may have: 1,000. Every sheet is looked at for a
/// ledger (8,000 sheets took 47 s); a real ledger has a sheet per month or
/// per account, a few hundred at most.
pub const MAX_SHEETS: u64 = 1_000;

/// The end of a refusal that offers saving the file anew.
const RESAVE_TAIL: &str = "在 Excel 或 WPS 中打开该文件，另存为 .xlsx（Excel 工作簿）后再试";

impl XmlVisitor for XlsxPart {
    fn wants(&self, name: &[u8]) -> bool {
        match local_name(name) {
            b"f" | b"definedName" | b"mergeCell" | b"sheet" => true,
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
    pub(super) fn new(shared: bool) -> Self {
        Self {
            shared,
            ..Self::default()
        }
    }

    /// What calamine keeps of the shared strings: a `String` per string (room
    /// reserved for the declared `uniqueCount`) and the texts.
    pub(super) fn strings_cost(&self) -> u64 {
        self.strings
            .max(self.unique_count)
            .saturating_mul(STRING)
            .saturating_add(self.strings_heap)
    }

    pub(super) fn on_event(&mut self, event: XmlEvent<'_>) -> Result<()> {
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
                b"definedName" => {
                    self.defined_names += 1;
                    if self.defined_names > MAX_DEFINED_NAMES {
                        bail!(
                            "文件定义了 {} 个以上的名称（公式 → 名称管理器），超过 jixiao 的上限 {} 个；真实的台账只有几个到几千个。文件可能已损坏或是恶意构造的。请在 Excel 的名称管理器中删去不需要的名称，或{}",
                            grouped(MAX_DEFINED_NAMES),
                            grouped(MAX_DEFINED_NAMES),
                            RESAVE_TAIL
                        );
                    }
                }
                b"mergeCell" => {
                    self.merges += 1;
                    if self.merges > MAX_MERGES {
                        bail!(
                            "文件的一个工作表有 {} 个以上的合并单元格，超过 jixiao 的上限 {} 个，读取它会耗尽内存。文件可能已损坏或是恶意构造的。请在 Excel 或 WPS 中选中整张表，取消单元格合并后另存为 .xlsx 再试",
                            grouped(MAX_MERGES),
                            grouped(MAX_MERGES)
                        );
                    }
                }
                b"sheet" => {
                    self.sheets += 1;
                    if self.sheets > MAX_SHEETS {
                        bail!(
                            "文件有 {} 个以上的工作表，超过 jixiao 的上限 {} 个；逐一查看这么多工作表要很久。请把台账所在的工作表复制到一个新的工作簿，另存为 .xlsx 再试",
                            grouped(MAX_SHEETS),
                            grouped(MAX_SHEETS)
                        );
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

    pub(super) fn strings_message(&self) -> anyhow::Error {
        anyhow!(
            "文件的共享字符串表有 {} 个以上的字符串，读取时约需 {} MB 以上内存，超过 jixiao 的上限 {} MB；一百万行的真实台账也只需一百多 MB。文件可能已损坏、是恶意构造的，或夹带了大量与台账无关的文字。请在 Excel 或 WPS 中打开该文件，删去不需要的工作表后另存为 .xlsx 再试",
            grouped(self.strings.max(self.unique_count)),
            mib(self.strings_cost()),
            mib(MEMORY_BUDGET)
        )
    }

    pub(super) fn finish(&self, name: &str) -> Result<()> {
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

//! The page the draft is set on: A4 portrait with the margins of a Chinese
//! government document (3.7 / 3.5 / 2.8 / 2.6 cm, top / bottom / left /
//! right). The words ([`super::text`]) size their tables to [`TEXT_WIDTH`];
//! the document ([`super::docx`]) sets the page.

/// A length given in tenths of a centimetre, in twips (twentieths of a point): 1 cm is 566.9 twips.
pub const fn twips(cm_tenths: usize) -> usize {
    // cm_tenths / 10 cm, rounded to the nearest twip.
    (cm_tenths * 5669 + 50) / 100
}

/// A4 in twips.
pub const PAGE_WIDTH: u32 = 11906;
/// A4 in twips.
pub const PAGE_HEIGHT: u32 = 16838;
/// Top margin, 3.7 cm.
pub const MARGIN_TOP: usize = twips(37);
/// Bottom margin, 3.5 cm.
pub const MARGIN_BOTTOM: usize = twips(35);
/// Left margin, 2.8 cm.
pub const MARGIN_LEFT: usize = twips(28);
/// Right margin, 2.6 cm.
pub const MARGIN_RIGHT: usize = twips(26);
/// From the page's bottom edge to the footer, 2.5 cm: the page number sits
/// just under the text block.
pub const FOOTER: usize = twips(25);

/// The width of the text on the page in twentieths of a point: A4 (11906)
/// less the left (2.8 cm) and right (2.6 cm) margins.
pub const TEXT_WIDTH: usize = PAGE_WIDTH as usize - MARGIN_LEFT - MARGIN_RIGHT;

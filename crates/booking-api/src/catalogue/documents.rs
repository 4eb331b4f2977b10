//! The documents a catalogue ships (its terms), and the demo's, built
//! into the binary beside `seed/catalogue.json`.

use std::path::Path;

/// The largest document a catalogue may ship.
const DOCUMENT_MAX_BYTES: u64 = 512 * 1024;

/// The demo's documents, beside `seed/catalogue.json`, built into the
/// binary with it.
pub(super) const SEED_DOCUMENTS: &[(&str, &str)] = &[(
    "terms/2024-01.html",
    include_str!("../../seed/terms/2024-01.html"),
)];

/// The demo terms' HTML, which a StoRegister listing (that has no terms)
/// starts from.
pub(super) fn demo_terms_html() -> &'static str {
    SEED_DOCUMENTS[0].1
}

/// The document's text, if it is a UTF-8 file of reasonable size.
pub(super) fn read_document(file: &Path) -> Result<String, String> {
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot read it ({e})"))?
        .len();
    if size > DOCUMENT_MAX_BYTES {
        return Err(format!("{size} bytes; at most {DOCUMENT_MAX_BYTES} bytes"));
    }
    std::fs::read_to_string(file).map_err(|e| format!("cannot read it as UTF-8 text ({e})"))
}

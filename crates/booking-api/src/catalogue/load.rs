//! Reading a catalogue: our format or a StoRegister listing, then
//! [`Catalogue::validate`], then the documents it names.

use std::path::Path;

use serde_json::Value;

use super::documents::{read_document, SEED_DOCUMENTS};
use super::error::{invalid, CatalogueError};
use super::format::Catalogue;
use super::storegister;
use booking_model::StorageType;

/// Where the documents a catalogue names are read from.
#[derive(Debug, Clone, Copy)]
enum Documents<'a> {
    /// The directory of the catalogue file.
    Beside(&'a Path),
    /// The demo's, built in: a catalogue given as text can name only those.
    Seed,
}

impl Catalogue {
    /// Reads a catalogue given as text: our own format, or a StoRegister
    /// listing answer (`{"data": {"property", "storage",
    /// "propertySizePriceData"}}`) whose prices become tax-inclusive
    /// monthly prices. Documents it names are looked up among the demo's
    /// (`seed/`); [`Self::from_file`] reads them beside the file.
    ///
    /// # Errors
    /// Malformed JSON, or a catalogue that [`Self::validate`] refuses.
    pub fn from_json(text: &str) -> Result<Self, CatalogueError> {
        Self::read(text, Documents::Seed)
    }

    /// Reads a catalogue file and the documents it names, relative to it.
    ///
    /// # Errors
    /// An unreadable file, or as [`Self::from_json`].
    pub fn from_file(file: &Path) -> Result<Self, CatalogueError> {
        let text = std::fs::read_to_string(file).map_err(|e| CatalogueError::Read {
            file: file.to_owned(),
            source: e,
        })?;
        let dir = file.parent().unwrap_or_else(|| Path::new("."));
        Self::read(&text, Documents::Beside(dir))
    }

    fn read(text: &str, documents: Documents<'_>) -> Result<Self, CatalogueError> {
        let value: Value = serde_json::from_str(text)?;
        let listing = value
            .get("data")
            .is_some_and(|d| d.get("propertySizePriceData").is_some());
        let mut catalogue = if listing {
            storegister::from_listing(&value)?
        } else {
            serde_path_to_error::deserialize::<_, Self>(value)
                .map_err(|e| invalid(e.path().to_string(), e.inner().to_string()))?
        };
        for property in &mut catalogue.properties {
            property.details.storages = property
                .storages
                .iter()
                .map(|s| StorageType {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    dimension_type: s.dimension_type.clone(),
                })
                .collect();
            property.details.earliest_move_in_date = None;
            property.details.latest_move_in_date = None;
        }
        // The file's own mistakes first, then the documents it names.
        catalogue.validate()?;
        if !listing {
            catalogue.read_documents(documents)?;
        }
        Ok(catalogue)
    }

    /// Fills each terms document's HTML from the file it names.
    fn read_documents(&mut self, documents: Documents<'_>) -> Result<(), CatalogueError> {
        for (p, property) in self.properties.iter_mut().enumerate() {
            let Some(document) = &mut property.terms_document else {
                continue;
            };
            let path = format!("properties[{p}].details.terms");
            if document.html.is_some() {
                return Err(invalid(
                    format!("{path}.documentHtml"),
                    "is read at import from terms.document, not written by hand",
                ));
            }
            let html = match documents {
                Documents::Seed => SEED_DOCUMENTS
                    .iter()
                    .find(|(name, _)| *name == document.file)
                    .map(|(_, html)| (*html).to_owned())
                    .ok_or_else(|| {
                        invalid(
                            format!("{path}.document"),
                            format!(
                                "{} is not a built-in document; import the catalogue file to read documents beside it",
                                document.file
                            ),
                        )
                    })?,
                Documents::Beside(dir) => {
                    read_document(&dir.join(&document.file)).map_err(|message| {
                        invalid(format!("{path}.document"), format!("{}: {message}", document.file))
                    })?
                }
            };
            document.html = Some(html);
        }
        Ok(())
    }
}

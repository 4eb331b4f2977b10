//! The stock rows an import writes: one per price variant and mode, the
//! rows bookings then decrement.

use super::format::Catalogue;

/// Stock of one variant for one mode: the row bookings decrement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockRow {
    pub price_id: String,
    pub mode: &'static str,
    pub property_id: String,
    pub available: i64,
}

impl Catalogue {
    /// The initial stock rows an import writes.
    #[must_use]
    pub fn stock(&self) -> Vec<StockRow> {
        let mut rows = Vec::new();
        for property in &self.properties {
            for variant in property
                .storages
                .iter()
                .flat_map(|s| &s.sizes)
                .flat_map(|z| &z.categories)
                .flat_map(|c| &c.variants)
            {
                for (mode, available) in [
                    ("RENT", variant.available_for_rent),
                    ("BOOK", variant.available_for_book),
                ] {
                    rows.push(StockRow {
                        price_id: variant.id.clone(),
                        mode,
                        property_id: property.details.property.id.clone(),
                        available,
                    });
                }
            }
        }
        rows
    }
}

//! The operator's catalogue: properties, their sizes and prices, their
//! stock, and the publishable keys that may show them. It is stored in the
//! database as one document (plus a stock table that bookings decrement).
//!
//! One module per concern, none importing its importers: `format` (the
//! types, imports nothing here), `error`, `listing` (the projection to the
//! contract's DTOs) and `stock` (the rows an import writes) read the format;
//! `validate` uses the projection's pricing; `storegister` produces format
//! types; `documents` holds the demo's terms and reads an operator's; `load` ties reading, validation and documents together; `schema`
//! generates the published JSON Schema.

mod documents;
mod error;
mod format;
mod listing;
mod load;
mod schema;
mod stock;
mod storegister;
mod validate;

pub use error::CatalogueError;
pub use format::{
    Catalogue, CatalogueCategory, CatalogueProperty, CatalogueSize, CatalogueStorage,
    CatalogueVariant, DetailsFile, PriceRule, PropertyFile, PublishableKey, TermsDocument,
    TermsFile,
};
pub use listing::ListingFilter;
pub use schema::{catalogue_schema, catalogue_schema_text, SCHEMA_FILE};
pub use stock::StockRow;
pub use storegister::{from_listing as from_storegister_listing, GENERAL_TENANT_TYPE};
pub use validate::is_served_path;

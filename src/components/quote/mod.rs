//! The live quote and the invoice tables it (and the confirmation) shows.

mod invoice_table;
mod quote_preview;

pub use invoice_table::InvoiceTable;
pub use quote_preview::QuotePreview;

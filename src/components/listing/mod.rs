//! The listing: sizes by group, filtered and sorted, each with its price
//! variants to rent or reserve, and a waiting list where nothing is left.
//! None of it depends on the form or the pricing code: the listing is what
//! a tenant waits for, and can be shown on its own.

mod as_of;
mod listing_filters;
mod price_tag;
mod price_variant;
mod size_card;
mod size_listing;
mod waiting_list;

pub use as_of::AsOf;
pub use listing_filters::ListingFilters;
pub use price_tag::PriceTag;
pub use price_variant::PriceVariant;
pub use size_card::SizeCard;
pub use size_listing::SizeListing;
pub use waiting_list::WaitingList;

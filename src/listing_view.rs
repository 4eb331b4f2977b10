//! How the listing is shown: sizes grouped by size group with the storage
//! category inside, filtered and sorted. Pure, over `booking_model`'s DTOs.

use booking_model::{Listing, PriceBlock, PriceVariant, SizeEntry, StorageCategory};
use rust_decimal::Decimal;

/// The tenant's choice of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Size,
    PriceAsc,
    PriceDesc,
}

impl SortKey {
    /// The value kept in the page URL (`?sort=price`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Size => "size",
            Self::PriceAsc => "price",
            Self::PriceDesc => "price-desc",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Self {
        match text {
            "price" => Self::PriceAsc,
            "price-desc" => Self::PriceDesc,
            _ => Self::Size,
        }
    }
}

/// One size in one storage category: what a card shows.
#[derive(Debug, Clone, Copy)]
pub struct Card<'a> {
    /// The storage type the size belongs to (the selection's `storageInfoId`).
    pub storage_id: &'a str,
    pub size: &'a SizeEntry,
    pub category: &'a StorageCategory,
}

impl Card<'_> {
    /// The lowest monthly price a tenant can get for this size, promotions
    /// included: what "sort by price" compares.
    #[must_use]
    pub fn from_price(&self) -> Option<Decimal> {
        self.category
            .price
            .iter()
            .filter_map(|v| v.rental_price.as_ref().or(v.booking_price.as_ref()))
            .map(payable)
            .min()
    }

    /// Whether no variant can be rented or booked any more.
    #[must_use]
    pub fn sold_out(&self) -> bool {
        self.category.price.iter().all(|v| !bookable(v))
    }
}

/// Whether a variant has a unit left in some mode.
#[must_use]
pub fn bookable(variant: &PriceVariant) -> bool {
    (variant.rental_price.is_some() && variant.available_space_for_rent > 0)
        || (variant.booking_price.is_some() && variant.available_space_for_book > 0)
}

/// What the tenant pays for a month of a price block, tax and promotion included.
#[must_use]
pub fn payable(block: &PriceBlock) -> Decimal {
    block
        .payable_amount
        .as_ref()
        .unwrap_or(&block.net_amount)
        .price
        .0
}

/// A size group ("Small") and its cards.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub id: i64,
    pub name: &'a str,
    pub cards: Vec<Card<'a>>,
}

/// Every size group of the listing, in id order, for the filter.
#[must_use]
pub fn group_names(listing: &Listing) -> Vec<(i64, String)> {
    let mut groups: Vec<(i64, String)> = listing
        .property_size_price_data
        .iter()
        .flat_map(|d| &d.sizes)
        .map(|s| {
            (
                s.storage_size_group_info_id,
                s.storage_size_group_info_name.clone(),
            )
        })
        .collect();
    groups.sort();
    groups.dedup_by_key(|g| g.0);
    groups
}

/// The listing as groups of cards: only `group` if given, each group's cards
/// in the chosen order.
#[must_use]
pub fn groups(listing: &Listing, group: Option<i64>, sort: SortKey) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    let sizes = listing.property_size_price_data.iter().flat_map(|d| {
        d.sizes
            .iter()
            .map(move |size| (d.storage_info_id.as_str(), size))
    });
    for (storage_id, size) in
        sizes.filter(|(_, s)| group.is_none_or(|g| s.storage_size_group_info_id == g))
    {
        for category in &size.storage_category {
            let card = Card {
                storage_id,
                size,
                category,
            };
            match out
                .iter_mut()
                .find(|g| g.id == size.storage_size_group_info_id)
            {
                Some(g) => g.cards.push(card),
                None => out.push(Group {
                    id: size.storage_size_group_info_id,
                    name: &size.storage_size_group_info_name,
                    cards: vec![card],
                }),
            }
        }
    }
    out.sort_by_key(|g| g.id);
    // One comparator for the three orders: each `sort_by_key` closure
    // would be a sort of its own in the wasm (about 7 KB apiece).
    let order = |a: &Card<'_>, b: &Card<'_>| {
        let (size, price) = (
            a.size.surface.0.cmp(&b.size.surface.0),
            a.from_price().cmp(&b.from_price()),
        );
        match sort {
            SortKey::Size => size.then(price),
            SortKey::PriceAsc => price.then(size),
            SortKey::PriceDesc => price.reverse().then(size),
        }
    };
    for g in &mut out {
        g.cards.sort_by(order);
    }
    out
}

/// Whether prices are shown with tax, as the property's country shows them
/// (North America quotes before tax).
#[must_use]
pub fn shows_tax_inclusive(locale: &str) -> bool {
    let region = locale
        .split(['-', '_'])
        .nth(1)
        .unwrap_or("")
        .to_ascii_uppercase();
    !matches!(region.as_str(), "US" | "CA")
}

/// "m²" or "ft²" from the listing's `scaleMetrics`.
#[must_use]
pub fn area_unit(scale_metrics: &str) -> &'static str {
    match scale_metrics.to_ascii_lowercase().as_str() {
        "ft" | "feet" | "foot" => "ft²",
        _ => "m²",
    }
}

/// "m" or "ft" for a dimension.
#[must_use]
pub fn length_unit(scale_metrics: &str) -> &'static str {
    match area_unit(scale_metrics) {
        "ft²" => "ft",
        _ => "m",
    }
}

//! How the listing is shown: sizes grouped by size group with the storage
//! category inside, filtered and sorted. Pure, over `booking_model`'s DTOs.

use std::cmp::Ordering;

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
    let mut groups: Vec<(i64, String)> = Vec::new();
    for size in listing
        .property_size_price_data
        .iter()
        .flat_map(|d| &d.sizes)
    {
        let id = size.storage_size_group_info_id;
        let at = groups.partition_point(|(other, _)| *other < id);
        if groups.get(at).is_none_or(|(other, _)| *other != id) {
            groups.insert(at, (id, size.storage_size_group_info_name.clone()));
        }
    }
    groups
}

/// Inserts `item` after every element that `order` does not put after it:
/// a listing holds a few dozen cards, and this keeps a whole sort routine
/// (about 11 KB) out of the wasm. Stable, as `sort_by` is.
fn insert_ordered<T>(list: &mut Vec<T>, item: T, mut order: impl FnMut(&T, &T) -> Ordering) {
    let at = list.partition_point(|probe| order(probe, &item) != Ordering::Greater);
    list.insert(at, item);
}

/// The listing as groups of cards: only `group` if given, each group's cards
/// in the chosen order.
#[must_use]
pub fn groups(listing: &Listing, group: Option<i64>, sort: SortKey) -> Vec<Group<'_>> {
    // One comparator for the three orders.
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
            let id = size.storage_size_group_info_id;
            let at = out.partition_point(|g| g.id < id);
            match out.get_mut(at).filter(|g| g.id == id) {
                Some(g) => insert_ordered(&mut g.cards, card, order),
                None => out.insert(
                    at,
                    Group {
                        id,
                        name: &size.storage_size_group_info_name,
                        cards: vec![card],
                    },
                ),
            }
        }
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

/// "m" or "ft", from the listing's `scaleMetrics`.
#[must_use]
pub fn length_unit(scale_metrics: &str) -> &'static str {
    match scale_metrics.to_ascii_lowercase().as_str() {
        "ft" | "feet" | "foot" => "ft",
        _ => "m",
    }
}

/// "m²", "m³", "ft²" or "ft³": what a size's `surface` counts.
#[must_use]
pub fn surface_unit(size: &SizeEntry) -> &'static str {
    let volume = size.size_metrics.eq_ignore_ascii_case("VOLUME");
    match (length_unit(&size.scale_metrics), volume) {
        ("ft", false) => "ft²",
        ("ft", true) => "ft³",
        (_, false) => "m²",
        (_, true) => "m³",
    }
}

/// A size's name for the host page and analytics, the same whatever the
/// widget's language ("Box 4 m²"); the views write the number the
/// locale's way instead.
#[must_use]
pub fn size_name(category: &StorageCategory, size: &SizeEntry) -> String {
    format!("{} {} {}", category.name, size.surface, surface_unit(size))
}

/// A chosen size and variant, found in the listing by their ids.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub size: &'a SizeEntry,
    pub category: &'a StorageCategory,
    pub variant: &'a PriceVariant,
}

impl Unit<'_> {
    #[must_use]
    pub fn name(&self) -> String {
        size_name(self.category, self.size)
    }
}

/// The size `size_id` and its variant `price_id`, in any storage of the listing.
#[must_use]
pub fn find_unit<'a>(listing: &'a Listing, size_id: &str, price_id: &str) -> Option<Unit<'a>> {
    listing
        .property_size_price_data
        .iter()
        .flat_map(|d| &d.sizes)
        .filter(|s| s.storage_space_size_info_id == size_id)
        .flat_map(|size| size.storage_category.iter().map(move |c| (size, c)))
        .find_map(|(size, category)| {
            let variant = category.price.iter().find(|v| v.id == price_id)?;
            Some(Unit {
                size,
                category,
                variant,
            })
        })
}

/// Every priced variant of the listing with its size's name and monthly
/// price: GA4's `view_item_list`.
#[must_use]
pub fn priced_variants(listing: &Listing) -> Vec<(Unit<'_>, Decimal)> {
    listing
        .property_size_price_data
        .iter()
        .flat_map(|d| &d.sizes)
        .flat_map(|size| size.storage_category.iter().map(move |c| (size, c)))
        .flat_map(|(size, category)| {
            category.price.iter().filter_map(move |variant| {
                let block = variant
                    .rental_price
                    .as_ref()
                    .or(variant.booking_price.as_ref())?;
                Some((
                    Unit {
                        size,
                        category,
                        variant,
                    },
                    payable(block),
                ))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{listing, SMALL_4M, SMALL_8M};

    #[test]
    fn groups_and_sorts_cards() {
        let listing = listing();
        let shown = groups(&listing, None, SortKey::Size);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].name, "Small");
        let sizes = |g: &Group<'_>| -> Vec<String> {
            g.cards.iter().map(|c| c.size.surface.to_string()).collect()
        };
        assert_eq!(sizes(&shown[0]), ["4", "8"]);
        assert_eq!(
            sizes(&groups(&listing, None, SortKey::PriceDesc)[0]),
            ["8", "4"]
        );
        assert_eq!(
            sizes(&groups(&listing, None, SortKey::PriceAsc)[0]),
            ["4", "8"]
        );
        assert!(groups(&listing, Some(9), SortKey::Size).is_empty());
        assert_eq!(group_names(&listing), [(2, "Small".to_owned())]);
    }

    #[test]
    fn groups_come_in_id_order_and_equal_cards_keep_the_listings_order() {
        let mut listing = listing();
        let sizes = &mut listing.property_size_price_data[0].sizes;
        let mut big = sizes[1].clone();
        big.storage_size_group_info_id = 3;
        big.storage_size_group_info_name = "Large".into();
        let mut tiny = sizes[0].clone();
        tiny.storage_size_group_info_id = 1;
        tiny.storage_size_group_info_name = "Tiny".into();
        let mut twin = sizes[0].clone();
        twin.storage_space_size_info_id = "twin".into();
        sizes.insert(0, big);
        sizes.push(tiny);
        sizes.push(twin);
        let shown = groups(&listing, None, SortKey::Size);
        let names: Vec<&str> = shown.iter().map(|g| g.name).collect();
        assert_eq!(names, ["Tiny", "Small", "Large"]);
        let small: Vec<&str> = shown[1]
            .cards
            .iter()
            .map(|c| c.size.storage_space_size_info_id.as_str())
            .collect();
        assert_eq!(
            small,
            [SMALL_4M, "twin", SMALL_8M],
            "the twin of 4 m² after it, before 8 m²"
        );
        assert_eq!(
            group_names(&listing),
            [
                (1, "Tiny".to_owned()),
                (2, "Small".to_owned()),
                (3, "Large".to_owned())
            ]
        );
    }

    #[test]
    fn the_lowest_price_counts_promotions() {
        let listing = listing();
        let shown = groups(&listing, None, SortKey::Size);
        // 4 m²: 30.00 plain, 27.00 with the first month's promotion.
        assert_eq!(shown[0].cards[0].from_price(), Some(Decimal::new(27, 0)));
        assert!(!shown[0].cards[0].sold_out());
    }

    #[test]
    fn units_are_found_by_their_ids_and_named_alike_everywhere() {
        let listing = listing();
        let unit =
            find_unit(&listing, SMALL_8M, "33903946-7989-471d-9f89-91ddb68c701e").expect("8 m²");
        assert_eq!(unit.name(), "Box 8 m²");
        assert!(
            find_unit(&listing, SMALL_8M, "4m-plain").is_none(),
            "a variant of another size"
        );
        assert!(find_unit(&listing, SMALL_4M, "4m-promo").is_some());
        let names: Vec<String> = priced_variants(&listing)
            .iter()
            .map(|(u, _)| u.name())
            .collect();
        assert_eq!(names, ["Box 4 m²", "Box 4 m²", "Box 8 m²"]);
    }

    #[test]
    fn units_of_measure() {
        let mut size = listing().property_size_price_data[0].sizes[0].clone();
        assert_eq!(surface_unit(&size), "m²");
        size.size_metrics = "VOLUME".into();
        assert_eq!(surface_unit(&size), "m³");
        size.scale_metrics = "ft".into();
        assert_eq!(surface_unit(&size), "ft³");
        assert_eq!(length_unit("feet"), "ft");
        assert!(shows_tax_inclusive("fr-FR"));
        assert!(!shows_tax_inclusive("en-CA"));
    }
}

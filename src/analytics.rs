//! What the widget tells the host page at each step of a booking, built
//! here and nowhere else: the `detail` of the DOM `CustomEvent`
//! (`storage-widget:<step>`, amounts as decimal strings) and, for GA4, the
//! e-commerce object (amounts as JSON numbers written from their decimal
//! text). One [`Item`] names a unit the same way in every GA4 event, so a
//! funnel from `view_item_list` to `purchase` lines up. Pure: the JSON is
//! tested natively; `events` dispatches it.

use booking_model::{BookingResponse, FieldError, JsonDecimal, Listing, Mode, PropertyDetails};
use pricing::Quote;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::listing_view::{priced_variants, Unit};

/// The steps a host page can listen to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    ListingViewed,
    SizeSelected,
    QuoteChanged,
    BookingCreated,
    BookingFailed,
}

impl Step {
    /// The DOM event's type.
    #[must_use]
    pub const fn event_name(self) -> &'static str {
        match self {
            Self::ListingViewed => "storage-widget:listing-viewed",
            Self::SizeSelected => "storage-widget:size-selected",
            Self::QuoteChanged => "storage-widget:quote-changed",
            Self::BookingCreated => "storage-widget:booking-created",
            Self::BookingFailed => "storage-widget:booking-failed",
        }
    }

    /// GA4's recommended e-commerce event for this step, if any.
    #[must_use]
    pub const fn ga4_event(self) -> Option<&'static str> {
        match self {
            Self::ListingViewed => Some("view_item_list"),
            Self::SizeSelected => Some("select_item"),
            Self::QuoteChanged => Some("begin_checkout"),
            Self::BookingCreated => Some("purchase"),
            Self::BookingFailed => None,
        }
    }
}

/// One step, ready to dispatch: both payloads as JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub step: Step,
    pub detail: String,
    /// GA4's `ecommerce` object, for the steps GA4 knows.
    pub ecommerce: Option<String>,
}

impl Report {
    fn new(step: Step, detail: &impl Serialize, ecommerce: Option<&Ga4<'_>>) -> Self {
        Self {
            step,
            detail: json(detail),
            ecommerce: ecommerce.map(json),
        }
    }
}

fn json(value: &impl Serialize) -> String {
    // Plain structs of strings and numbers: serializing cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// A unit as GA4 names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'a> {
    /// The price variant's id (the selection's `priceId`).
    pub id: &'a str,
    /// The size's language-independent name ("Box 4 m²").
    pub name: String,
    pub mode: Option<Mode>,
}

impl<'a> Item<'a> {
    #[must_use]
    pub fn of(unit: &Unit<'a>, mode: Option<Mode>) -> Self {
        Self {
            id: &unit.variant.id,
            name: unit.name(),
            mode,
        }
    }

    /// The unit of `price_id` in the listing; its id for a name if the
    /// listing no longer has it.
    #[must_use]
    pub fn find(
        listing: Option<&'a Listing>,
        size_id: &str,
        price_id: &'a str,
        mode: Mode,
    ) -> Self {
        listing
            .and_then(|l| crate::listing_view::find_unit(l, size_id, price_id))
            .map_or_else(
                || Self {
                    id: price_id,
                    name: price_id.to_owned(),
                    mode: Some(mode),
                },
                |unit| Self::of(&unit, Some(mode)),
            )
    }
}

#[derive(Serialize)]
struct Ga4Item<'a> {
    item_id: &'a str,
    item_name: &'a str,
    item_category: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_variant: Option<&'static str>,
    price: JsonDecimal,
    quantity: u32,
}

#[derive(Serialize, Default)]
struct Ga4<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    item_list_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<JsonDecimal>,
    items: Vec<Ga4Item<'a>>,
}

fn ga4_item<'a>(property: &'a PropertyDetails, item: &'a Item<'_>, price: Decimal) -> Ga4Item<'a> {
    Ga4Item {
        item_id: item.id,
        item_name: &item.name,
        item_category: &property.property.name,
        item_variant: item.mode.map(Mode::as_str),
        price: JsonDecimal(price),
        quantity: 1,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListingViewed<'a> {
    property_id: &'a str,
    variants: usize,
}

/// The listing is on screen.
#[must_use]
pub fn listing_viewed(property: &PropertyDetails, listing: &Listing) -> Report {
    let priced = priced_variants(listing);
    let items: Vec<Item<'_>> = priced
        .iter()
        .map(|(unit, _)| Item::of(unit, None))
        .collect();
    let ga4 = Ga4 {
        item_list_id: Some(&property.property.id),
        items: items
            .iter()
            .zip(&priced)
            .map(|(item, (_, price))| ga4_item(property, item, *price))
            .collect(),
        ..Ga4::default()
    };
    let detail = ListingViewed {
        property_id: &property.property.id,
        variants: priced.len(),
    };
    Report::new(Step::ListingViewed, &detail, Some(&ga4))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SizeSelected<'a> {
    size_id: &'a str,
    price_id: &'a str,
    mode: &'static str,
    monthly_price: String,
}

/// The tenant chose a variant of a size, to rent or to reserve, at its
/// monthly price.
#[must_use]
pub fn size_selected(
    property: &PropertyDetails,
    unit: &Unit<'_>,
    mode: Mode,
    monthly: Decimal,
) -> Report {
    let item = Item::of(unit, Some(mode));
    let detail = SizeSelected {
        size_id: &unit.size.storage_space_size_info_id,
        price_id: &unit.variant.id,
        mode: mode.as_str(),
        monthly_price: monthly.to_string(),
    };
    let ga4 = Ga4 {
        item_list_id: Some(&property.property.id),
        items: vec![ga4_item(property, &item, monthly)],
        ..Ga4::default()
    };
    Report::new(Step::SizeSelected, &detail, Some(&ga4))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct QuoteChanged<'a> {
    currency: &'static str,
    due_at_move_in: String,
    recurring_gross_amount: String,
    size_id: &'a str,
    price_id: &'a str,
}

/// The quote changed; GA4's `begin_checkout` only for the first quote of
/// a visit (`first`).
#[must_use]
pub fn quote_changed(
    property: &PropertyDetails,
    item: &Item<'_>,
    size_id: &str,
    quote: &Quote,
    first: bool,
) -> Report {
    let due = quote.due_at_move_in.value();
    let detail = QuoteChanged {
        currency: quote.currency.code(),
        due_at_move_in: quote.due_at_move_in.to_string(),
        recurring_gross_amount: quote.recurring_gross_amount.to_string(),
        size_id,
        price_id: item.id,
    };
    let ga4 = first.then(|| Ga4 {
        currency: Some(quote.currency.code()),
        value: Some(JsonDecimal(due)),
        items: vec![ga4_item(property, item, due)],
        ..Ga4::default()
    });
    Report::new(Step::QuoteChanged, &detail, ga4.as_ref())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BookingCreated<'a> {
    booking_id: &'a str,
    reference: &'a str,
    currency: &'static str,
    due_at_move_in: String,
}

/// The booking is made.
#[must_use]
pub fn booking_created(
    property: &PropertyDetails,
    item: &Item<'_>,
    booking: &BookingResponse,
) -> Report {
    let quote = &booking.quote;
    let due = quote.due_at_move_in.value();
    let detail = BookingCreated {
        booking_id: &booking.id,
        reference: &booking.transact_id,
        currency: quote.currency.code(),
        due_at_move_in: quote.due_at_move_in.to_string(),
    };
    let ga4 = Ga4 {
        transaction_id: Some(&booking.transact_id),
        currency: Some(quote.currency.code()),
        value: Some(JsonDecimal(due)),
        items: vec![ga4_item(property, item, due)],
        ..Ga4::default()
    };
    Report::new(Step::BookingCreated, &detail, Some(&ga4))
}

#[derive(Serialize)]
struct BookingFailed<'a> {
    status: &'a str,
    errors: &'a [FieldError],
}

/// A booking attempt failed: `status` is the API's (`SOLD_OUT`) or
/// `NETWORK_ERROR` / `UNEXPECTED_ANSWER`.
#[must_use]
pub fn booking_failed(status: &str, errors: &[FieldError]) -> Report {
    Report::new(Step::BookingFailed, &BookingFailed { status, errors }, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing_view::find_unit;
    use crate::quote::price;
    use crate::test_fixtures::{listing, property, today, SMALL_8M};
    use booking_model::{BookingStatus, ErrorCode, Selection};

    const PRICE_8M: &str = "33903946-7989-471d-9f89-91ddb68c701e";

    fn ga4(report: &Report) -> serde_json::Value {
        serde_json::from_str(report.ecommerce.as_deref().expect("a GA4 object")).expect("JSON")
    }

    fn detail(report: &Report) -> serde_json::Value {
        serde_json::from_str(&report.detail).expect("JSON")
    }

    fn selection() -> Selection {
        let details = property();
        Selection {
            property_info_id: details.property.id.clone(),
            storage_info_id: details.storages[0].id.clone(),
            storage_space_size_info_id: SMALL_8M.into(),
            price_id: PRICE_8M.into(),
            mode: Mode::Rent,
            tax_user_type_info_id: details.tenant_types[0].id.clone(),
            payment_period: pricing::Period::Monthly,
            move_in_date: today(),
            insurance_plan_id: None,
            add_ons: Vec::new(),
            promo_code: None,
        }
    }

    #[test]
    fn every_ga4_event_names_the_unit_alike() {
        let (details, listing) = (property(), listing());
        let unit = find_unit(&listing, SMALL_8M, PRICE_8M).expect("unit");
        let quote = price(&details, &listing, &selection(), today())
            .expect("priced")
            .quote;
        let item = Item::find(Some(&listing), SMALL_8M, PRICE_8M, Mode::Rent);
        let booking = BookingResponse {
            id: "b-1".into(),
            transact_id: "CAT70".into(),
            status: BookingStatus::Confirmed,
            created_at: chrono::DateTime::UNIX_EPOCH,
            selection: selection(),
            quote: quote.clone(),
            attribution: None,
        };
        let reports = [
            listing_viewed(&details, &listing),
            size_selected(&details, &unit, Mode::Rent, Decimal::new(90, 0)),
            quote_changed(&details, &item, SMALL_8M, &quote, true),
            booking_created(&details, &item, &booking),
        ];
        for report in &reports {
            let items = ga4(report)["items"].clone();
            let named = items
                .as_array()
                .expect("items")
                .iter()
                .find(|i| i["item_id"] == PRICE_8M)
                .unwrap_or_else(|| panic!("{:?} lacks the 8 m²: {items}", report.step))
                .clone();
            assert_eq!(named["item_name"], "Box 8 m²", "{:?}", report.step);
            assert_eq!(named["item_category"], "Chalets");
        }
        let purchase = ga4(&reports[3]);
        assert_eq!(purchase["transaction_id"], "CAT70");
        assert_eq!(purchase["currency"], "EUR");
        assert!(
            purchase["value"].is_number(),
            "GA4 wants a number: {purchase}"
        );
        assert_eq!(
            purchase["value"].to_string(),
            quote.due_at_move_in.value().normalize().to_string()
        );
        assert_eq!(purchase["items"][0]["item_variant"], "RENT");
    }

    #[test]
    fn details_carry_decimal_strings() {
        let (details, listing) = (property(), listing());
        let unit = find_unit(&listing, SMALL_8M, PRICE_8M).expect("unit");
        let selected = detail(&size_selected(
            &details,
            &unit,
            Mode::Rent,
            Decimal::new(9000, 2),
        ));
        assert_eq!(
            selected,
            serde_json::json!({"sizeId": SMALL_8M, "priceId": PRICE_8M, "mode": "RENT", "monthlyPrice": "90.00"})
        );
        let viewed = detail(&listing_viewed(&details, &listing));
        assert_eq!(
            viewed,
            serde_json::json!({"propertyId": details.property.id, "variants": 3})
        );
        let quote = price(&details, &listing, &selection(), today())
            .expect("priced")
            .quote;
        let item = Item::find(Some(&listing), SMALL_8M, PRICE_8M, Mode::Rent);
        let changed = quote_changed(&details, &item, SMALL_8M, &quote, false);
        assert_eq!(changed.ecommerce, None, "begin_checkout once");
        assert_eq!(
            detail(&changed)["dueAtMoveIn"],
            quote.due_at_move_in.to_string()
        );
        let failed = booking_failed(
            "SOLD_OUT",
            &[FieldError::general(ErrorCode::SoldOut, "gone")],
        );
        assert_eq!(failed.step.ga4_event(), None);
        assert_eq!(detail(&failed)["errors"][0]["code"], "SOLD_OUT");
    }

    #[test]
    fn an_item_the_listing_lost_is_named_by_its_id() {
        let item = Item::find(None, SMALL_8M, "gone", Mode::Book);
        assert_eq!((item.id, item.name.as_str()), ("gone", "gone"));
    }
}

//! The confirmation: the unit, every line of the first invoice and the
//! total, and where and when to come.

use std::sync::Arc;

use booking_model::{BookingResponse, BookingStatus, Mode, Selection};
use leptos::prelude::*;
use storage_widget::components::confirmation::Confirmation;
use storage_widget::i18n::Lang;
use storage_widget::state::{Confirmed, Locale};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn booked(status: BookingStatus) -> Confirmed {
    let (details, listing) = (property(), listing());
    let selection = Selection {
        property_info_id: details.property.id.clone(),
        storage_info_id: details.storages[0].id.clone(),
        storage_space_size_info_id: SMALL_8M.into(),
        price_id: PRICE_8M.into(),
        mode: Mode::Rent,
        tax_user_type_info_id: details.tenant_types[0].id.clone(),
        payment_period: pricing::Period::Monthly,
        move_in_date: today() + chrono::Days::new(3),
        insurance_plan_id: Some(details.insurance_plans[0].id.clone()),
        add_ons: vec![booking_model::AddOnSelection {
            id: "padlock".into(),
            quantity: 1,
        }],
        promo_code: None,
    };
    let quote = storage_widget::quote::price(&details, &listing, &selection, today())
        .expect("priced")
        .quote;
    let size = listing.property_size_price_data[0].sizes[1].clone();
    Confirmed {
        booking: BookingResponse {
            id: "b-1".into(),
            transact_id: "CAT70".into(),
            status,
            created_at: chrono::DateTime::UNIX_EPOCH,
            selection,
            quote,
            attribution: None,
        },
        unit: Some((size, "Box".into())),
    }
}

#[wasm_bindgen_test]
async fn the_confirmation_says_what_was_booked_what_it_costs_and_where_to_come() {
    let confirmed = booked(BookingStatus::Confirmed);
    let quote = confirmed.booking.quote.clone();
    let again = RwSignal::new(false);
    let locale = Locale::new(Lang::En, "fr-FR", pricing::Currency::EUR);
    let root = mount_with_locale(Lang::En, move || {
        let details = Arc::new(property());
        view! { <Confirmation confirmed details on_again=Callback::new(move |()| again.set(true)) /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, "h2"), "Your booking is confirmed");
    assert_eq!(text(&root, ".sw-confirm__reference"), "CAT70");
    assert_eq!(text(&root, ".sw-confirm__unit-name"), "Box 8 m²");
    assert_eq!(text(&root, ".sw-confirm__dimensions"), "2 × 4 × 4 m");
    assert_eq!(text(&root, ".sw-confirm__move-in"), "7 Feb 2024");
    assert_eq!(
        text(&root, ".sw-confirm__total"),
        money(&locale, quote.due_at_move_in.value())
    );
    // Every line of the first invoice, its tax and its total, to the cent.
    let invoice = &quote.pro_rata;
    let mut expected: Vec<String> = invoice
        .lines
        .iter()
        .map(|l| money(&locale, l.gross.value()))
        .collect();
    if !invoice.tax_amount.value().is_zero() {
        expected.push(money(&locale, invoice.tax_amount.value()));
    }
    expected.push(money(&locale, invoice.gross_amount.value()));
    assert_eq!(texts(&root, ".sw-quote__invoice td"), expected);
    let lines = texts(&root, ".sw-quote__invoice tbody th");
    assert!(
        lines.iter().any(|l| l.starts_with("Box - 8m²")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("Cadenas")), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.starts_with("Assurance")),
        "{lines:?}"
    );
    // Where and when to come.
    assert_eq!(
        text(&root, ".sw-office__address"),
        "Chalets1234 rue des Chalets, 31000 Toulouse"
    );
    assert_eq!(
        attr(&root, ".sw-office__phone a", "href").as_deref(),
        Some("tel:+330522243838")
    );
    assert_eq!(
        texts(&root, ".sw-hours__table th").len(),
        2,
        "the fixture's two days"
    );
    assert_eq!(
        text(&root, ".sw-hours h4"),
        "Office hours",
        "under the office's heading"
    );
    click(&root, ".sw-confirm button");
    assert!(again.get_untracked());
}

#[wasm_bindgen_test]
async fn a_reservation_says_so() {
    let confirmed = booked(BookingStatus::Reserved);
    let root = mount_with_locale(Lang::Fr, move || {
        view! { <Confirmation confirmed details=Arc::new(property()) on_again=Callback::new(|()| {}) /> }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, "h2"), "Votre box est réservé");
    assert_eq!(text(&root, ".sw-confirm__unit-name"), "Box 8 m²");
}

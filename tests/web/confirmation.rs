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
        email: "giada@example.com".into(),
    }
}

#[wasm_bindgen_test]
async fn the_confirmation_says_what_was_booked_what_it_costs_and_where_to_come() {
    let confirmed = booked(BookingStatus::Confirmed);
    let quote = confirmed.booking.quote.clone();
    let (again, sign_in) = (RwSignal::new(false), RwSignal::new(false));
    let locale = Locale::new(Lang::En, "fr-FR", pricing::Currency::EUR);
    let root = mount_with_locale(Lang::En, move || {
        let details = Arc::new(property());
        view! {
            <Confirmation
                confirmed
                details
                on_again=Callback::new(move |()| again.set(true))
                on_sign_in=Callback::new(move |()| sign_in.set(true))
            />
        }
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
    // What next: the deposit, the amount per period, where it was sent,
    // the calendar, signing in.
    let deposit = storage_widget::quote::deposit(&quote).expect("the fixture's deposit");
    assert_eq!(text(&root, ".sw-confirm__deposit"), money(&locale, deposit));
    let every = format!(
        "then {} every month from ",
        money(&locale, quote.recurring_gross_amount.value())
    );
    let then = text(&root, ".sw-confirm__then");
    assert!(then.starts_with(&every), "{then:?} against {every:?}");
    assert!(
        then.ends_with("7 Mar"),
        "a month after moving in on 7 Feb: {then:?}"
    );
    assert_eq!(
        text(&root, ".sw-confirm__sent-to"),
        "We sent this to giada@example.com."
    );
    let href = attr(&root, ".sw-confirm__calendar", "href").expect("a calendar link");
    let ics = String::from(
        js_sys::decode_uri_component(href.trim_start_matches("data:text/calendar;charset=utf-8,"))
            .expect("encoded"),
    );
    assert!(
        href.starts_with("data:text/calendar;charset=utf-8,"),
        "{href}"
    );
    assert!(ics.contains("\r\nDTSTART;VALUE=DATE:20240207\r\n"), "{ics}");
    assert!(ics.contains("\r\nSUMMARY:Move in: Chalets\r\n"), "{ics}");
    assert!(
        ics.contains("LOCATION:1234 rue des Chalets\\, 31000 Toulouse"),
        "{ics}"
    );
    assert_eq!(
        attr(&root, ".sw-confirm__calendar", "download").as_deref(),
        Some("move-in-CAT70.ics")
    );
    click(&root, ".sw-confirm__sign-in");
    assert!(sign_in.get_untracked());
    assert!(!again.get_untracked());
    click(&root, ".sw-confirm > button");
    assert!(again.get_untracked());
}

#[wasm_bindgen_test]
async fn a_reservation_says_so() {
    let confirmed = booked(BookingStatus::Reserved);
    let root = mount_with_locale(Lang::Fr, move || {
        view! {
            <Confirmation
                confirmed
                details=Arc::new(property())
                on_again=Callback::new(|()| {})
                on_sign_in=Callback::new(|()| {})
            />
        }
    });
    leptos::task::tick().await;
    assert_eq!(text(&root, "h2"), "Votre box est réservé");
    assert_eq!(text(&root, ".sw-confirm__unit-name"), "Box 8 m²");
    assert_eq!(
        text(&root, ".sw-confirm__sent-to"),
        "Nous vous l’avons envoyé à giada@example.com."
    );
    assert_eq!(
        text(&root, ".sw-confirm__sign-in"),
        "Voir votre réservation\u{a0}: se connecter"
    );
}

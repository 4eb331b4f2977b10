//! The widget's components in a real headless Chromium, on the fixtures of
//! `booking-model` (the demo property and its listing). Each test mounts on
//! a fresh element and asserts on the DOM a tenant (or a screen reader) gets.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use booking_model::{Listing, PropertyDetails};
use chrono::NaiveDate;
use leptos::prelude::*;
use storage_widget::api::Api;
use storage_widget::components::booking_form::BookingForm;
use storage_widget::components::booking_widget::{Ctx, CtxInit};
use storage_widget::components::opening_hours::OpeningHoursPanel;
use storage_widget::components::quote_preview::QuotePreview;
use storage_widget::components::size_listing::SizeListing;
use storage_widget::form::{Draft, Form};
use storage_widget::i18n::Lang;
use storage_widget::intl;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PROPERTY: &str = include_str!("../crates/booking-model/tests/fixtures/property.json");
const LISTING: &str = include_str!("../crates/booking-model/tests/fixtures/listing.json");
const SMALL_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
const SMALL_8M: &str = "f491d3e3-b615-41af-b50b-b1735bed682f";

fn property() -> PropertyDetails {
    serde_json::from_str(PROPERTY).expect("property fixture")
}

fn listing() -> Listing {
    serde_json::from_str(LISTING).expect("listing fixture")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 4).expect("date")
}

fn fresh_root() -> web_sys::HtmlElement {
    let document = document();
    let root = document
        .create_element("div")
        .expect("div")
        .unchecked_into::<web_sys::HtmlElement>();
    root.set_class_name("sw");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("appended");
    root
}

/// Mounts `child` under a `Ctx` on the fixtures and hands the `Ctx` back.
fn mount_in_ctx<V: IntoView + 'static>(
    listing: Listing,
    lang: Lang,
    child: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, Ctx) {
    let root = fresh_root();
    let slot: Rc<RefCell<Option<Ctx>>> = Rc::default();
    let out = slot.clone();
    let details = property();
    leptos::mount::mount_to(root.clone(), move || {
        let draft = Draft {
            storage_id: details.storages[0].id.clone(),
            tenant_type: details.tenant_types[0].id.clone(),
            period: Some(pricing::Period::Monthly),
            move_in_date: today().to_string(),
            ..Draft::default()
        };
        let listing = Memo::new(move |_| Some(Arc::new(listing.clone())));
        // No request leaves these tests: nothing listens on port 9.
        let api = Api::new("http://127.0.0.1:9", "pk_test");
        let ctx = Ctx::new(CtxInit {
            details,
            api,
            lang,
            today: today(),
            form: Form::new(draft),
            listing,
            reload: RwSignal::new(0),
            events: storage_widget::events::Events::new(None, false),
            group: None,
        });
        *out.borrow_mut() = Some(ctx.clone());
        provide_context(ctx);
        child()
    })
    .forget();
    let ctx = slot.borrow().clone().expect("mounted");
    (root, ctx)
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

/// Types `text` as a keyboard would: the value, then an `input` event.
fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatched");
}

fn change_select(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let select = one(root, selector).unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value(value);
    let event = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn listing_groups_sizes_and_sorts_by_price() {
    let (root, _) = mount_in_ctx(
        listing(),
        Lang::En,
        || view! { <SizeListing listing=Arc::new(listing()) /> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".sw-group__title"), ["Small"]);
    assert_eq!(
        texts(&root, ".sw-card__title"),
        ["Box 4 m²", "Box 8 m²"],
        "by size first"
    );
    change_select(&root, "#sw-sort", "price-desc");
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".sw-card__title"),
        ["Box 8 m²", "Box 4 m²"],
        "dearest first"
    );
    // Filter and order live in the page URL, for reloads and shared links.
    change_select(&root, "#sw-group-filter", "2");
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".sw-card__title"), ["Box 8 m²", "Box 4 m²"]);
    let search = window().location().search().expect("search");
    assert!(
        search.contains("group=2") && search.contains("sort=price-desc"),
        "{search}"
    );
    change_select(&root, "#sw-group-filter", "0");
    change_select(&root, "#sw-sort", "size");
    leptos::task::tick().await;
    let search = window().location().search().expect("search");
    assert!(
        !search.contains("group=") && !search.contains("sort="),
        "{search}"
    );
}

#[wasm_bindgen_test]
async fn sold_out_variants_cannot_be_chosen_and_a_sold_out_size_offers_the_waiting_list() {
    let mut listing = listing();
    for size in &mut listing.property_size_price_data[0].sizes {
        if size.storage_space_size_info_id == SMALL_8M {
            for variant in &mut size.storage_category[0].price {
                variant.available_space_for_rent = 0;
                variant.available_space_for_book = 0;
            }
        }
    }
    let shown = listing.clone();
    let (root, _) = mount_in_ctx(
        listing,
        Lang::En,
        move || view! { <SizeListing listing=Arc::new(shown) /> },
    );
    leptos::task::tick().await;
    let left = texts(&root, ".sw-choice__left");
    // 4 m²: plain (3 to rent, 10 to book), promotion (0 to rent, 1 to book).
    assert_eq!(&left[..4], ["3 left", "10 left", "Sold out", "Only 1 left"]);
    let buttons = root
        .query_selector_all(".sw-choice__button")
        .expect("buttons");
    let disabled: Vec<bool> = (0..buttons.length())
        .map(|i| {
            buttons
                .item(i)
                .expect("button")
                .unchecked_into::<web_sys::HtmlButtonElement>()
                .disabled()
        })
        .collect();
    assert_eq!(&disabled[..4], [false, false, true, false]);
    let cards = root.query_selector_all(".sw-card").expect("cards");
    let waiting: Vec<bool> = (0..cards.length())
        .map(|i| {
            cards
                .item(i)
                .expect("card")
                .unchecked_into::<web_sys::Element>()
                .query_selector(".sw-waiting")
                .expect("q")
                .is_some()
        })
        .collect();
    assert_eq!(
        waiting,
        [false, true],
        "only the size with nothing left offers the waiting list"
    );
    // Joining asks for a name and an e-mail, checked as the server does.
    one(&root, ".sw-waiting button[type=submit]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    leptos::task::tick().await;
    let errors = texts(&root, ".sw-waiting .sw-field__error");
    assert_eq!(&errors[..3], ["This field is required."; 3], "{errors:?}");
    let email = one(&root, ".sw-waiting input[type=email]");
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(
        texts(&root, ".sw-price__saving")
            .iter()
            .any(|s| s.starts_with("Save")),
        "the promotion shows its saving"
    );
}

#[wasm_bindgen_test]
async fn quote_updates_as_the_tenant_changes_the_selection() {
    let (root, ctx) = mount_in_ctx(listing(), Lang::En, || view! { <QuotePreview /> });
    leptos::task::tick().await;
    assert!(
        texts(&root, ".sw-quote__total").is_empty(),
        "no size, no quote"
    );

    ctx.form.size_id.set(SMALL_4M.into());
    ctx.form.price_id.set("4m-plain".into());
    leptos::task::tick().await;
    let quote = |ctx: &Ctx| {
        ctx.quote
            .get_untracked()
            .expect("a selection")
            .expect("priced")
            .0
    };
    let first = quote(&ctx);
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [ctx.money(&first.due_at_move_in.to_string())]
    );

    // Adding the 12.50 tax-exempt protection plan adds exactly 12.50 on an
    // anniversary month: the DOM follows.
    ctx.form
        .insurance_plan_id
        .set(property().insurance_plans[0].id.clone());
    leptos::task::tick().await;
    let second = quote(&ctx);
    assert_eq!(
        second.due_at_move_in.value() - first.due_at_move_in.value(),
        rust_decimal::Decimal::new(1250, 2)
    );
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [ctx.money(&second.due_at_move_in.to_string())]
    );
    assert!(texts(&root, ".sw-quote__invoice th")
        .iter()
        .any(|t| t.starts_with("Assurance pour 3 500€")));

    // Quarterly: three months of rent in the first invoice.
    ctx.form.period.set(pricing::Period::Quarterly);
    leptos::task::tick().await;
    let quarterly = quote(&ctx);
    assert!(quarterly.due_at_move_in.value() > second.due_at_move_in.value());
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [ctx.money(&quarterly.due_at_move_in.to_string())]
    );
    assert!(texts(&root, ".sw-quote__then")[0].contains("every quarter"));
}

#[wasm_bindgen_test]
async fn validation_messages_sit_beside_their_fields() {
    let (root, ctx) = mount_in_ctx(listing(), Lang::En, || view! { <BookingForm /> });
    ctx.form.size_id.set(SMALL_4M.into());
    ctx.form.price_id.set("4m-plain".into());
    leptos::task::tick().await;
    let email = one(&root, "#sw-email");
    assert_eq!(
        email.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "untouched fields stay quiet"
    );

    one(&root, "button[type=submit]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("sw-email-error")
    );
    assert_eq!(
        one(&root, "#sw-email-error").text_content().as_deref(),
        Some("This field is required.")
    );
    assert_eq!(
        one(&root, "#sw-terms-error").text_content().as_deref(),
        Some("Please accept the terms to book.")
    );
    assert_eq!(
        one(&root, ".sw-form__banner").text_content().as_deref(),
        Some("Please correct the fields marked below.")
    );

    // Typing goes through the input event, as a keyboard would.
    let input = email.unchecked_into::<web_sys::HtmlInputElement>();
    type_into(&input, "not-an-address");
    leptos::task::tick().await;
    assert_eq!(
        one(&root, "#sw-email-error").text_content().as_deref(),
        Some("Enter an e-mail address such as name@example.com.")
    );
    type_into(&input, "tenant@example.com");
    leptos::task::tick().await;
    assert_eq!(
        one(&root, "#sw-email-error").text_content().as_deref(),
        Some("")
    );
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );

    // A move-in date outside the property's window is refused beside the date.
    ctx.form.move_in_date.set("2031-01-01".into());
    leptos::task::tick().await;
    assert_eq!(
        one(&root, "#sw-move-in-error").text_content().as_deref(),
        Some("This value is outside what is offered.")
    );
}

#[wasm_bindgen_test]
async fn opening_hours_for_a_given_instant_and_time_zone() {
    // The seed's week: closed Sunday, two slots the other days, holidays closed.
    let seed: serde_json::Value = serde_json::from_str(include_str!(
        "../../shared/api/examples/storegister-listing.json"
    ))
    .expect("seed");
    let week: Vec<booking_model::OpeningHours> = serde_json::from_value(
        seed["data"]["property"]["propertyOfficeOpeningHoursInfoList"].clone(),
    )
    .expect("hours");
    let mount = |zone: &'static str, at: &'static str| {
        let root = fresh_root();
        let week = week.clone();
        leptos::mount::mount_to(root.clone(), move || {
            view! { <OpeningHoursPanel week time_zone=zone.to_owned() locale="en-GB".to_owned() lang=Lang::En at=at.to_owned() /> }
        })
        .forget();
        root
    };
    // Monday 5 Feb 2024, 08:30 UTC: 09:30 in Paris, 03:30 in New York.
    let paris = mount("Europe/Paris", "2024-02-05T08:30:00Z");
    let new_york = mount("America/New_York", "2024-02-05T08:30:00Z");
    // Saturday 3 Feb 2024, 18:30 UTC: 19:30 in Paris, after closing.
    let saturday = mount("Europe/Paris", "2024-02-03T18:30:00Z");
    leptos::task::tick().await;
    assert_eq!(
        texts(&paris, ".sw-hours__status"),
        ["Open now, closes at 12:30"]
    );
    assert_eq!(
        texts(&new_york, ".sw-hours__status"),
        ["Closed, opens at 09:00"]
    );
    assert_eq!(
        texts(&saturday, ".sw-hours__status"),
        ["Closed, opens Monday 09:00"]
    );
    let today = one(&paris, "[aria-current=date] th")
        .text_content()
        .unwrap_or_default();
    assert!(today.starts_with("Monday"), "{today}");
    let rows = texts(&paris, ".sw-hours__table th");
    assert_eq!(rows.len(), 8, "seven days and public holidays: {rows:?}");
    assert_eq!(
        texts(&paris, ".sw-hours__table td")[0],
        "09:00 to 12:30, 13:30 to 19:00"
    );
    assert_eq!(texts(&paris, ".sw-hours__table td")[6], "Closed");
    assert_eq!(
        intl::wall_clock(
            &js_sys::Date::new(&"2024-02-05T08:30:00Z".into()),
            "Asia/Tokyo"
        )
        .map(|c| c.2),
        Some(17 * 60 + 30)
    );
}

//! What the component tests share: fixtures, mounting under the contexts a
//! component reads, and reading or driving the DOM as a tenant would.

use std::cell::RefCell;
use std::rc::Rc;

use booking_model::{Listing, PropertyDetails};
use chrono::NaiveDate;
use leptos::prelude::*;
use storage_widget::api::Api;
use storage_widget::draft::Draft;
use storage_widget::events::Events;
use storage_widget::i18n::Lang;
use storage_widget::state::{Booking, Catalogue, Deferred, Form, Locale};
use wasm_bindgen::JsCast;

const PROPERTY: &str = include_str!("../../crates/booking-model/tests/fixtures/property.json");
const LISTING: &str = include_str!("../../crates/booking-model/tests/fixtures/listing.json");
pub const SMALL_4M: &str = "e9c7f096-e719-4c03-8d03-239de36a772f";
pub const SMALL_8M: &str = "f491d3e3-b615-41af-b50b-b1735bed682f";
pub const PRICE_8M: &str = "33903946-7989-471d-9f89-91ddb68c701e";

pub fn property() -> PropertyDetails {
    serde_json::from_str(PROPERTY).expect("property fixture")
}

pub fn listing() -> Listing {
    serde_json::from_str(LISTING).expect("listing fixture")
}

/// Sunday 4 February 2024.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 2, 4).expect("date")
}

/// A fresh `.sw` element at the end of the page.
pub fn fresh_root() -> web_sys::HtmlElement {
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

/// Mounts `child` with only the locale context (what presentational
/// components read).
pub fn mount_with_locale<V: IntoView + 'static>(
    lang: Lang,
    child: impl FnOnce() -> V + 'static,
) -> web_sys::HtmlElement {
    let root = fresh_root();
    let details = property();
    leptos::mount::mount_to(root.clone(), move || {
        provide_context(Locale::new(lang, &details.locale, details.currency));
        child()
    })
    .forget();
    root
}

/// The three contexts of a widget on the fixtures, as a test reads them.
#[derive(Clone)]
pub struct Widget {
    pub locale: Locale,
    pub booking: Booking,
}

impl Widget {
    pub fn form(&self) -> Form {
        self.booking.form
    }
}

/// Mounts `child` under the catalogue (with `listing`), locale and booking
/// contexts, the draft on the property's defaults.
pub fn mount_widget<V: IntoView + 'static>(
    listing: Listing,
    lang: Lang,
    child: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, Widget) {
    let root = fresh_root();
    let slot: Rc<RefCell<Option<Widget>>> = Rc::default();
    let out = slot.clone();
    let details = property();
    // The widget's events are dispatched on its root, where a test hears them.
    let host: web_sys::Element = root.clone().into();
    leptos::mount::mount_to(root.clone(), move || {
        let draft = Draft {
            storage_id: details.storages[0].id.clone(),
            tenant_type: details.tenant_types[0].id.clone(),
            period: Some(pricing::Period::Monthly),
            move_in_date: today().to_string(),
            country: details.property.country_iso_code2.clone(),
            ..Draft::default()
        };
        let locale = Locale::new(lang, &details.locale, details.currency);
        // No request leaves these tests: nothing listens on port 9.
        let api = Api::new("http://127.0.0.1:9", "pk_test");
        let catalogue = Catalogue::with_listing(api, details, today(), listing);
        let booking = Booking::new(
            &catalogue,
            Form::new(draft),
            Events::new(Some(host), false),
            Default::default(),
        );
        provide_context(catalogue.clone());
        provide_context(locale.clone());
        provide_context(booking.clone());
        // The deferred parts (the waiting list of a sold-out size) are there.
        provide_context(Deferred::ready(
            storage_widget::components::deferred::parts(),
        ));
        *out.borrow_mut() = Some(Widget { locale, booking });
        child()
    })
    .forget();
    let widget = slot.borrow().clone().expect("mounted");
    (root, widget)
}

pub fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).expect("selector");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

pub fn one(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

pub fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    one(root, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

pub fn attr(root: &web_sys::HtmlElement, selector: &str, name: &str) -> Option<String> {
    one(root, selector).get_attribute(name)
}

/// Types `text` as a keyboard would: the value, then an `input` event.
pub fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input = one(root, selector).unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(text);
    dispatch(&input, "input");
}

/// Leaves a field, as Tab would.
pub fn blur(root: &web_sys::HtmlElement, selector: &str) {
    dispatch(&one(root, selector), "blur");
}

pub fn change_select(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let select = one(root, selector).unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value(value);
    dispatch(&select, "change");
}

pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    one(root, selector)
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

fn dispatch(target: &web_sys::EventTarget, name: &str) {
    target
        .dispatch_event(&web_sys::Event::new(name).expect("event"))
        .expect("dispatched");
}

/// The options of a `<select>`: value, label and whether selected.
pub fn options(root: &web_sys::HtmlElement, selector: &str) -> Vec<(String, String, bool)> {
    let select = one(root, selector).unchecked_into::<web_sys::HtmlSelectElement>();
    let list = select.options();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|o| o.unchecked_into::<web_sys::HtmlOptionElement>())
        .map(|o| (o.value(), o.text(), o.selected()))
        .collect()
}

/// `Intl`'s writing of an amount, to compare with the page.
pub fn money(locale: &Locale, amount: rust_decimal::Decimal) -> String {
    locale.money(amount)
}

/// The `detail` of every `storage-widget:<step>` event heard on `root` from now on.
pub fn record_events(
    root: &web_sys::HtmlElement,
    step: &str,
) -> Rc<RefCell<Vec<wasm_bindgen::JsValue>>> {
    let heard: Rc<RefCell<Vec<wasm_bindgen::JsValue>>> = Rc::default();
    let sink = heard.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new(
        move |e: web_sys::CustomEvent| {
            sink.borrow_mut().push(e.detail());
        },
    );
    root.add_event_listener_with_callback(
        &format!("storage-widget:{step}"),
        listener.as_ref().unchecked_ref(),
    )
    .expect("listening");
    listener.forget();
    heard
}

/// Waits (a bounded number of ticks and timers) until `done` holds.
pub async fn until(mut done: impl FnMut() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        let sleep = js_sys::Promise::new(&mut |resolve, _| {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .expect("timer");
        });
        wasm_bindgen_futures::JsFuture::from(sleep)
            .await
            .expect("slept");
    }
    panic!("gave up waiting");
}

//! The booking form: messages beside their fields, the country as a list
//! of names in the tenant's language.

use leptos::prelude::*;
use storage_widget::components::booking::BookingForm;
use storage_widget::i18n::Lang;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn validation_messages_sit_beside_their_fields() {
    let (root, widget) = mount_widget(listing(), Lang::En, || view! { <BookingForm /> });
    let form = widget.form();
    form.size_id.set(SMALL_4M.into());
    form.price_id.set("4m-plain".into());
    leptos::task::tick().await;
    assert_eq!(
        attr(&root, "#sw-email", "aria-invalid").as_deref(),
        Some("false"),
        "untouched fields stay quiet"
    );
    assert_eq!(
        attr(&root, "label[for=sw-email]", "class").as_deref(),
        Some("sw-field__label")
    );

    click(&root, "button[type=submit]");
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(
        attr(&root, "#sw-email", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "#sw-email", "aria-describedby").as_deref(),
        Some("sw-email-error")
    );
    assert_eq!(text(&root, "#sw-email-error"), "This field is required.");
    assert_eq!(
        text(&root, "#sw-terms-error"),
        "Please accept the terms to book."
    );
    assert_eq!(
        text(&root, ".sw-form__banner"),
        "Please correct the fields marked below."
    );
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("sw-first-name"),
        "focus goes to the first field to correct"
    );

    // Typing goes through the input event, as a keyboard would.
    type_into(&root, "#sw-email", "not-an-address");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "#sw-email-error"),
        "Enter an e-mail address such as name@example.com."
    );
    type_into(&root, "#sw-email", "tenant@example.com");
    leptos::task::tick().await;
    assert_eq!(text(&root, "#sw-email-error"), "");
    assert_eq!(
        attr(&root, "#sw-email", "aria-invalid").as_deref(),
        Some("false")
    );

    // A move-in date outside the property's window is refused beside the date.
    form.move_in_date.set("2031-01-01".into());
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "#sw-move-in-error"),
        "This value is outside what is offered."
    );
    // The mandatory admin fee is fixed at one, said to be included.
    assert_eq!(
        attr(&root, "#sw-addon-admin-fee", "disabled").as_deref(),
        Some("")
    );
    assert!(text(&root, "label[for=sw-addon-admin-fee]").ends_with("always included)"));
}

#[wasm_bindgen_test]
async fn the_country_is_a_list_of_names_in_the_tenants_language_with_the_propertys_first() {
    for (lang, home, neighbour) in [
        (Lang::Fr, "France", "Allemagne"),
        (Lang::En, "France", "Germany"),
        (Lang::De, "Frankreich", "Deutschland"),
        (Lang::Nl, "Frankrijk", "Duitsland"),
        (Lang::Es, "Francia", "Alemania"),
    ] {
        let (root, widget) = mount_widget(listing(), lang, || view! { <BookingForm /> });
        leptos::task::tick().await;
        let list = options(&root, "#sw-country");
        assert_eq!(
            list[0],
            ("FR".to_owned(), home.to_owned(), true),
            "{lang:?}: the property's country, selected"
        );
        assert!(list.len() > 240, "{lang:?}: every country");
        let de = list
            .iter()
            .find(|(code, ..)| code == "DE")
            .expect("Germany");
        assert_eq!(de.1, neighbour, "{lang:?}");
        // After the first, by name (`Intl.Collator`, so accents sort where they belong).
        let names: Vec<&str> = list[1..].iter().map(|(_, n, _)| n.as_str()).collect();
        let collator = js_sys::Intl::Collator::new(
            &js_sys::Array::of1(&widget.locale.tag().into()),
            &js_sys::Object::new(),
        );
        let compare = collator.compare();
        for pair in names.windows(2) {
            let order = compare
                .call2(
                    &wasm_bindgen::JsValue::NULL,
                    &pair[0].into(),
                    &pair[1].into(),
                )
                .expect("compare");
            assert!(
                order.as_f64().unwrap_or(1.0) <= 0.0,
                "{lang:?}: {} before {}",
                pair[0],
                pair[1]
            );
        }
        // The wire keeps the ISO code.
        change_select(&root, "#sw-country", "BE");
        leptos::task::tick().await;
        assert_eq!(widget.form().draft().tenant().country_iso_code2, "BE");
        assert_eq!(
            text(&root, "label[for=sw-country]"),
            lang.t().country.to_owned() + "*"
        );
    }
}

#[wasm_bindgen_test]
async fn a_booking_that_cannot_be_sent_keeps_everything_and_tells_the_host_page() {
    let (root, widget) = mount_widget(listing(), Lang::En, || view! { <BookingForm /> });
    let failed = record_events(&root, "booking-failed");
    let form = widget.form();
    form.size_id.set(SMALL_8M.into());
    form.price_id.set(PRICE_8M.into());
    leptos::task::tick().await;
    for (id, value) in [
        ("#sw-first-name", "Camille"),
        ("#sw-last-name", "Durand"),
        ("#sw-email", "camille@example.com"),
        ("#sw-phone", "+33 5 22 24 38 38"),
        ("#sw-address", "12 rue des Lilas"),
        ("#sw-city", "Toulouse"),
        ("#sw-postal-code", "31000"),
    ] {
        type_into(&root, id, value);
    }
    click(&root, "#sw-terms");
    leptos::task::tick().await;
    // The API of these tests does not answer (nothing listens on port 9).
    click(&root, "button[type=submit]");
    until(|| !failed.borrow().is_empty()).await;
    let detail = failed.borrow()[0].clone();
    let status = js_sys::Reflect::get(&detail, &"status".into()).expect("status");
    assert_eq!(status.as_string().as_deref(), Some("NETWORK_ERROR"));
    until(|| text(&root, ".sw-form__banner").starts_with("The connection failed")).await;
    assert_eq!(
        text(&root, "button[type=submit]"),
        "Book now",
        "ready to try again"
    );
    assert_eq!(
        attr(&root, "#sw-first-name", "aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(
        widget.form().draft_now().first_name,
        "Camille",
        "nothing lost"
    );
    assert!(widget.booking.confirmation.get_untracked().is_none());
}

//! Five languages, each from its own table, amounts and dates through
//! `Intl` in that language.

use leptos::prelude::*;
use storage_widget::components::booking::BookingForm;
use storage_widget::components::property_header::PropertyHeader;
use storage_widget::components::quote::QuotePreview;
use storage_widget::i18n::{fill, Lang};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn every_language_speaks_from_its_table_and_writes_amounts_its_way() {
    for lang in Lang::ALL {
        let (root, widget) = mount_widget(listing(), lang, || {
            view! { <PropertyHeader property=property().property /> <BookingForm /> <QuotePreview /> }
        });
        let form = widget.form();
        form.size_id.set(SMALL_8M.into());
        form.price_id.set(PRICE_8M.into());
        leptos::task::tick().await;
        let t = lang.t();
        assert_eq!(text(&root, "h1"), t.title, "{lang:?}");
        assert_eq!(text(&root, "#sw-form-title"), t.your_booking, "{lang:?}");
        assert_eq!(text(&root, "button[type=submit]"), t.book_now, "{lang:?}");
        let due = widget
            .booking
            .quote
            .get_untracked()
            .expect("chosen")
            .expect("priced")
            .quote
            .due_at_move_in
            .value();
        let tag = widget.locale.tag().to_owned();
        let by_intl =
            js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&tag.as_str().into()), &{
                let o = js_sys::Object::new();
                js_sys::Reflect::set(&o, &"style".into(), &"currency".into()).expect("set");
                js_sys::Reflect::set(&o, &"currency".into(), &"EUR".into()).expect("set");
                o
            })
            .format()
            .call1(&wasm_bindgen::JsValue::NULL, &due.to_string().into())
            .expect("format")
            .as_string()
            .expect("text");
        assert_eq!(tag, format!("{}-FR", lang.code()));
        assert_eq!(
            texts(&root, ".sw-quote__total"),
            std::slice::from_ref(&by_intl),
            "{lang:?}"
        );
        assert_eq!(
            texts(&root, ".sw-quote__due"),
            [fill(t.due_announcement, &[&by_intl])],
            "{lang:?}"
        );
        let page = root.text_content().unwrap_or_default();
        if lang != Lang::Fr {
            assert!(
                !page.contains(" :"),
                "{lang:?}: a space before a colon in {page:?}"
            );
        }
    }
}

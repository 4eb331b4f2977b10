//! The listing: groups, order, filters in the URL, sold-out variants and
//! the waiting list.

use std::sync::Arc;

use leptos::prelude::*;
use storage_widget::components::listing::SizeListing;
use storage_widget::i18n::Lang;
use storage_widget::listing_view::SortKey;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

#[wasm_bindgen_test]
async fn listing_groups_sizes_and_sorts_by_price() {
    let (root, _) = mount_widget(listing(), Lang::En, || {
        let (group, sort) = (RwSignal::new(None), RwSignal::new(SortKey::Size));
        view! { <SizeListing listing=Arc::new(listing()) group sort /> }
    });
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".sw-group__title"), ["Small"]);
    assert_eq!(
        texts(&root, ".sw-card__title"),
        ["Box 4 m²", "Box 8 m²"],
        "by size first"
    );
    assert_eq!(texts(&root, ".sw-card__dimensions")[1], "2 × 4 × 4 m");
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
    let (root, widget) = mount_widget(listing, Lang::En, move || {
        let (group, sort) = (RwSignal::new(None), RwSignal::new(SortKey::Size));
        view! { <SizeListing listing=Arc::new(shown) group sort /> }
    });
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
            let card = cards
                .item(i)
                .expect("card")
                .unchecked_into::<web_sys::Element>();
            card.query_selector(".sw-waiting").expect("q").is_some()
        })
        .collect();
    assert_eq!(
        waiting,
        [false, true],
        "only the size with nothing left offers the waiting list"
    );
    // Joining asks for a name and an e-mail, checked as the server does.
    click(&root, ".sw-waiting button[type=submit]");
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

    // Choosing a variant fills the form's choice and marks it pressed.
    click(&root, ".sw-choice__button");
    leptos::task::tick().await;
    let form = widget.form();
    assert_eq!(form.size_id.get_untracked(), SMALL_4M);
    assert_eq!(form.price_id.get_untracked(), "4m-plain");
    assert_eq!(
        attr(&root, ".sw-choice__button", "aria-pressed").as_deref(),
        Some("true")
    );
}

//! The live quote: it follows the selection, and a promo code that does
//! not apply keeps it, without the promotion, with the message on the
//! promo field.

use booking_model::Mode;
use leptos::prelude::*;
use rust_decimal::Decimal;
use storage_widget::components::booking::BookingForm;
use storage_widget::components::quote::QuotePreview;
use storage_widget::i18n::Lang;
use storage_widget::quote::LocalQuote;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

fn local(widget: &Widget) -> LocalQuote {
    widget
        .booking
        .quote
        .get_untracked()
        .expect("a selection")
        .expect("priced")
}

#[wasm_bindgen_test]
async fn quote_updates_as_the_tenant_changes_the_selection() {
    let (root, widget) = mount_widget(listing(), Lang::En, || view! { <QuotePreview /> });
    leptos::task::tick().await;
    assert!(
        texts(&root, ".sw-quote__total").is_empty(),
        "no size, no quote"
    );
    let form = widget.form();
    form.size_id.set(SMALL_4M.into());
    form.price_id.set("4m-plain".into());
    leptos::task::tick().await;
    let first = local(&widget).quote;
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [widget.locale.money(first.due_at_move_in.value())]
    );

    // Adding the 12.50 tax-exempt protection plan adds exactly 12.50 on an
    // anniversary month: the DOM follows.
    form.insurance_plan_id
        .set(property().insurance_plans[0].id.clone());
    leptos::task::tick().await;
    let second = local(&widget).quote;
    assert_eq!(
        second.due_at_move_in.value() - first.due_at_move_in.value(),
        Decimal::new(1250, 2)
    );
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [widget.locale.money(second.due_at_move_in.value())]
    );
    assert!(texts(&root, ".sw-quote__invoice th")
        .iter()
        .any(|t| t.starts_with("Assurance pour 3 500€")));
    // Taxes per line, punctuated as English writes them.
    assert!(
        texts(&root, ".sw-quote__taxes")
            .iter()
            .any(|t| t.starts_with("VAT 20%: ")),
        "{:?}",
        texts(&root, ".sw-quote__taxes")
    );

    // Quarterly: three months of rent in the first invoice.
    form.period.set(pricing::Period::Quarterly);
    leptos::task::tick().await;
    let quarterly = local(&widget).quote;
    assert!(quarterly.due_at_move_in.value() > second.due_at_move_in.value());
    assert_eq!(
        texts(&root, ".sw-quote__total"),
        [widget.locale.money(quarterly.due_at_move_in.value())]
    );
    assert!(texts(&root, ".sw-quote__then")[0].contains("every quarter"));
    assert_eq!(
        texts(&root, ".sw-quote__due"),
        [format!(
            "Due at move-in: {}",
            widget.locale.money(quarterly.due_at_move_in.value())
        )],
        "announced with English punctuation"
    );
}

#[wasm_bindgen_test]
async fn a_promo_code_that_does_not_apply_keeps_the_quote_and_says_so_on_its_field() {
    let (root, widget) = mount_widget(
        listing(),
        Lang::En,
        || view! { <BookingForm /> <QuotePreview /> },
    );
    let form = widget.form();
    // 4m-promo to reserve: 5 off with the code BIENVENUE.
    form.choose(&property().storages[0].id, SMALL_4M, "4m-promo", Mode::Book);
    leptos::task::tick().await;
    let plain = texts(&root, ".sw-quote__total");
    assert_eq!(plain.len(), 1);
    // Letter by letter: the quote stays at every letter, without a discount.
    for typed in ["B", "BI", "BIE", "BIENVENU"] {
        type_into(&root, "#sw-promo", typed);
        leptos::task::tick().await;
        assert_eq!(texts(&root, ".sw-quote__total"), plain, "after {typed:?}");
        assert!(
            texts(&root, ".sw-quote__empty").is_empty(),
            "after {typed:?}"
        );
        assert!(root
            .query_selector(".sw-quote__discount")
            .expect("q")
            .is_none());
    }
    blur(&root, "#sw-promo");
    leptos::task::tick().await;
    assert_eq!(
        text(&root, "#sw-promo-error"),
        "This promo code does not apply."
    );
    assert_eq!(
        attr(&root, "#sw-promo", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        attr(&root, "#sw-promo", "aria-describedby").as_deref(),
        Some("sw-promo-error")
    );

    // The whole code applies: a discount line, a lower total, its name said.
    type_into(&root, "#sw-promo", "BIENVENUE");
    leptos::task::tick().await;
    assert_eq!(text(&root, "#sw-promo-error"), "");
    assert!(root
        .query_selector(".sw-quote__discount")
        .expect("q")
        .is_some());
    assert_ne!(texts(&root, ".sw-quote__total"), plain);
    assert_eq!(text(&root, ".sw-field__note"), "Applied: Code BIENVENUE");
    assert!(local(&widget).promo_rejected.is_none());
}

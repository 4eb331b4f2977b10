use booking_model::{Mode, PriceVariant as Variant};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::PriceTag;
use crate::i18n::fill;
use crate::listing_view::{payable, shows_tax_inclusive};
use crate::page::find_in_root;
use crate::state::{Booking, Catalogue, Locale};

/// One price variant of a size: its monthly price and promotion, and a
/// button for each way to take it (rent now, reserve for later) with what
/// is left of it.
#[component]
pub fn PriceVariant(variant: Variant, size_id: String, storage_id: String) -> impl IntoView {
    let (catalogue, locale, booking) = (Catalogue::expect(), Locale::expect(), Booking::expect());
    let t = locale.t();
    let inclusive = shows_tax_inclusive(&catalogue.details.locale);
    let price = variant
        .rental_price
        .as_ref()
        .or(variant.booking_price.as_ref())
        .map(|block| view! { <PriceTag block=block.clone() inclusive /> });
    let promotion = variant
        .rental_price
        .as_ref()
        .and_then(|b| {
            b.promotion
                .as_ref()
                .map(|p| p.description.clone())
                .or_else(|| b.discount_description.clone())
        })
        .filter(|d| !d.is_empty());
    let choices = [
        (Mode::Rent, t.rent, t.rent_hint),
        (Mode::Book, t.book, t.book_hint),
    ]
    .into_iter()
    .filter_map(|(mode, label, hint)| {
        let monthly = payable(variant.block(mode)?);
        let available = variant.available(mode);
        let form = booking.form;
        let (size_id, price_id) = (size_id.clone(), variant.id.clone());
        let is_chosen = {
            let (size_id, price_id) = (size_id.clone(), price_id.clone());
            move || form.size_id.with(|s| *s == size_id) && form.price_id.with(|p| *p == price_id) && form.mode.get() == mode
        };
        let (booking, catalogue, storage_id) = (booking.clone(), catalogue.clone(), storage_id.clone());
        let choose = move |ev: leptos::ev::MouseEvent| {
            booking.choose(&catalogue, &storage_id, &size_id, &price_id, mode);
            focus_booking_form(&ev);
        };
        Some(view! {
            <li class="sw-choice">
                <button
                    type="button"
                    class="sw-choice__button"
                    aria-pressed=move || if is_chosen() { "true" } else { "false" }
                    disabled=available <= 0
                    on:click=choose
                >
                    <span class="sw-choice__label">{label}</span>
                    <span class="sw-choice__hint">{fill(t.choice_hint, &[hint, &locale.money(monthly)])}</span>
                </button>
                <span class="sw-choice__left" class:sw-choice__left--low=available == 1 class:sw-choice__left--none=available <= 0>
                    {locale.lang().units_left(available)}
                </span>
            </li>
        })
    })
    .collect_view();
    view! {
        <li class="sw-variant">
            {price}
            {promotion.map(|p| view! { <p class="sw-variant__promotion">{p}</p> })}
            <ul class="sw-variant__choices" role="list">{choices}</ul>
        </li>
    }
}

/// Moves keyboard focus to the form once a size is chosen, looking in the
/// widget's own root (a shadow root when embedded).
fn focus_booking_form(ev: &leptos::ev::MouseEvent) {
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .and_then(|node| find_in_root(&node, "#sw-form-title"));
    if let Some(heading) = form {
        let _ = heading.focus();
    }
}

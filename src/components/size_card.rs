use booking_model::{Mode, PriceBlock, PriceVariant, SizeEntry, StorageCategory};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::booking_widget::{use_ctx, Ctx};
use crate::components::waiting_list::WaitingList;
use crate::events::Step;
use crate::listing_view::{area_unit, bookable, length_unit, payable, shows_tax_inclusive};

/// One size of one storage category: its picture, dimensions, and each
/// price variant with its promotion and what is left to rent or reserve.
#[component]
pub fn SizeCard(size: SizeEntry, category: StorageCategory, storage_id: String) -> impl IntoView {
    let ctx = use_ctx();
    let unit = length_unit(&size.scale_metrics);
    let dimensions = format!("{} × {} × {} {unit}", size.width, size.length, size.height);
    let surface = format!("{} {}", size.surface, area_unit(&size.scale_metrics));
    let title = format!("{} {surface}", category.name);
    let title_id = format!(
        "sw-size-{}-{}",
        size.storage_space_size_info_id, category.id
    );
    let labelled_by = title_id.clone();
    let sold_out = category.price.iter().all(|v| !bookable(v));
    let first_variant = category.price.first().cloned();
    let chosen_here = {
        let (form, size_id) = (ctx.form, size.storage_space_size_info_id.clone());
        move || form.size_id.with(|s| *s == size_id)
    };
    let variants = category
        .price
        .iter()
        .map(|variant| variant_view(&ctx, &size, variant, storage_id.clone()))
        .collect_view();
    view! {
        <li class="sw-card" class:sw-card--chosen=chosen_here class:sw-card--sold-out=sold_out aria-labelledby=labelled_by>
            {size.storage_size_image_info_path.as_deref().map(|path| ctx.api.asset(path)).map(|src| view! {
                <img class="sw-card__image" src=src alt="" width="96" height="96" loading="lazy" />
            })}
            <div class="sw-card__body">
                <h4 class="sw-card__title" id=title_id>{title}</h4>
                <p class="sw-card__dimensions">{dimensions}</p>
                <ul class="sw-card__variants" role="list">{variants}</ul>
                {(sold_out).then(|| first_variant.map(|variant| view! {
                    <WaitingList size_id=size.storage_space_size_info_id.clone() price_id=variant.id storage_id=storage_id.clone() />
                }))}
            </div>
        </li>
    }
}

fn variant_view(
    ctx: &Ctx,
    size: &SizeEntry,
    variant: &PriceVariant,
    storage_id: String,
) -> impl IntoView {
    let t = ctx.lang.t();
    let price = variant
        .rental_price
        .as_ref()
        .or(variant.booking_price.as_ref())
        .map(|block| price_view(ctx, block));
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
    let choices = [(Mode::Rent, &variant.rental_price, variant.available_space_for_rent, t.rent, t.rent_hint),
        (Mode::Book, &variant.booking_price, variant.available_space_for_book, t.book, t.book_hint)]
        .into_iter()
        .filter(|(_, block, ..)| block.is_some())
        .map(|(mode, block, available, label, hint)| {
            let form = ctx.form;
            let (size_id, price_id, storage_id) = (size.storage_space_size_info_id.clone(), variant.id.clone(), storage_id.clone());
            let is_chosen = {
                let (size_id, price_id) = (size_id.clone(), price_id.clone());
                move || form.size_id.get() == size_id && form.price_id.get() == price_id && form.mode.get() == mode
            };
            let monthly_value = block.as_ref().map(|b| payable(b).to_string()).unwrap_or_default();
            let monthly = ctx.money(&monthly_value);
            let ctx_events = ctx.clone();
            let size_name = format!("{} m²", size.surface);
            let left = ctx.lang.units_left(available);
            let low = available == 1;
            view! {
                <li class="sw-choice">
                    <button
                        type="button"
                        class="sw-choice__button"
                        aria-pressed=move || if is_chosen() { "true" } else { "false" }
                        disabled=available <= 0
                        on:click=move |ev| {
                            form.storage_id.set(storage_id.clone());
                            form.size_id.set(size_id.clone());
                            form.price_id.set(price_id.clone());
                            form.mode.set(mode);
                            let detail = serde_json::json!({
                                "sizeId": size_id, "priceId": price_id, "mode": mode.as_str(), "monthlyPrice": monthly_value,
                            });
                            let ecommerce = serde_json::json!({
                                "item_list_id": ctx_events.details.property.id,
                                "items": [ctx_events.ga4_item(&size_name, &price_id, &monthly_value)],
                            });
                            ctx_events.events.emit(Step::SizeSelected, &detail, Some(&ecommerce));
                            focus_booking_form(&ev);
                        }
                    >
                        <span class="sw-choice__label">{label}</span>
                        <span class="sw-choice__hint">{format!("{hint} · {monthly}")}</span>
                    </button>
                    <span class="sw-choice__left" class:sw-choice__left--low=low class:sw-choice__left--none=available <= 0>
                        {left}
                    </span>
                </li>
            }
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

/// The month's price: struck through with the saving when a promotion
/// applies, tax included or not as the property's country shows prices.
fn price_view(ctx: &Ctx, block: &PriceBlock) -> impl IntoView {
    let t = ctx.lang.t();
    let inclusive = shows_tax_inclusive(&ctx.details.locale);
    let (shown, basis) = if inclusive {
        (block.net_amount.price.0, t.tax_incl)
    } else {
        (block.taxable_price.price.0, t.tax_excl)
    };
    match (&block.discount_amount, &block.payable_amount) {
        (Some(saving), Some(payable)) => {
            let old = ctx.money(&block.net_amount.price.0.to_string());
            let new = ctx.money(&payable.price.0.to_string());
            let saving = ctx.lang.saving(&ctx.money(&saving.price.0.to_string()));
            view! {
                <p class="sw-price">
                    <del class="sw-price__old">{old}</del>
                    " "
                    <strong class="sw-price__amount">{new}</strong>
                    <span class="sw-price__basis">{format!(" {} {}", t.per_month, t.tax_incl)}</span>
                    <span class="sw-price__saving">{saving}</span>
                </p>
            }
            .into_any()
        }
        _ => view! {
            <p class="sw-price">
                <strong class="sw-price__amount">{ctx.money(&shown.to_string())}</strong>
                <span class="sw-price__basis">{format!(" {} {basis}", t.per_month)}</span>
            </p>
        }
        .into_any(),
    }
}

/// Moves keyboard focus to the form once a size is chosen, looking in the
/// widget's own root (a shadow root when embedded).
fn focus_booking_form(ev: &leptos::ev::MouseEvent) {
    let heading = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .and_then(|node| crate::config::find_in_root(&node, "#sw-form-title"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(heading) = heading {
        let _ = heading.focus();
    }
}

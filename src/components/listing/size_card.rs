use booking_model::{SizeEntry, StorageCategory};
use leptos::prelude::*;

use super::PriceVariant;
use crate::i18n::fill;
use crate::listing_view::{bookable, length_unit, surface_unit};
use crate::state::{Booking, Catalogue, Deferred, Locale};

/// One size of one storage category: its picture, dimensions, and each
/// price variant with its promotion and what is left to rent or reserve;
/// a waiting list when nothing is.
#[component]
pub fn SizeCard(size: SizeEntry, category: StorageCategory, storage_id: String) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let t = locale.t();
    let title = format!(
        "{} {} {}",
        category.name,
        locale.number(size.surface.0),
        surface_unit(&size)
    );
    let dimensions = fill(
        t.dimensions,
        &[
            &locale.number(size.width.0),
            &locale.number(size.length.0),
            &locale.number(size.height.0),
            length_unit(&size.scale_metrics),
        ],
    );
    let title_id = format!(
        "sw-size-{}-{}",
        size.storage_space_size_info_id, category.id
    );
    let labelled_by = title_id.clone();
    let sold_out = category.price.iter().all(|v| !bookable(v));
    let chosen_here = {
        let size_id = size.storage_space_size_info_id.clone();
        move || form.size_id.with(|s| *s == size_id)
    };
    let image = size
        .storage_size_image_info_path
        .as_deref()
        .map(|path| catalogue.api.asset(path));
    let waiting = sold_out
        .then(|| category.price.first().map(|v| v.id.clone()))
        .flatten()
        .map(|price_id| {
            let (size_id, storage_id) =
                (size.storage_space_size_info_id.clone(), storage_id.clone());
            let later = Deferred::expect();
            move || {
                let (size_id, price_id, storage_id) =
                    (size_id.clone(), price_id.clone(), storage_id.clone());
                later.view("sw-pending sw-pending--waiting", move |p| {
                    (p.waiting_list)(size_id, price_id, storage_id)
                })
            }
        });
    let variants = category
        .price
        .into_iter()
        .map(|variant| {
            let (size_id, storage_id) =
                (size.storage_space_size_info_id.clone(), storage_id.clone());
            view! { <PriceVariant variant size_id storage_id /> }
        })
        .collect_view();
    view! {
        <li class="sw-card" class:sw-card--chosen=chosen_here class:sw-card--sold-out=sold_out aria-labelledby=labelled_by>
            {image.map(|src| view! {
                <img class="sw-card__image" src=src alt="" width="96" height="96" loading="lazy" />
            })}
            <div class="sw-card__body">
                <h4 class="sw-card__title" id=title_id>{title}</h4>
                <p class="sw-card__dimensions">{dimensions}</p>
                <ul class="sw-card__variants" role="list">{variants}</ul>
                {waiting}
            </div>
        </li>
    }
}

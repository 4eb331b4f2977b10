use std::sync::Arc;

use booking_model::Listing;
use leptos::prelude::*;

use crate::components::booking_widget::use_ctx;
use crate::components::size_card::SizeCard;
use crate::config::{query_params, replace_query};
use crate::listing_view::{group_names, groups, SortKey};

/// The sizes, grouped by size group, with a group filter and a sort order
/// that live in the page URL (`?group=2&sort=price`), so a shared link or a
/// reload shows the same list.
#[component]
pub fn SizeListing(listing: Arc<Listing>) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let query = query_params();
    let initial_group = query
        .as_ref()
        .and_then(|q| q.get("group"))
        .and_then(|g| g.parse::<i64>().ok());
    let initial_sort = query
        .as_ref()
        .and_then(|q| q.get("sort"))
        .map(|s| SortKey::parse(&s))
        .unwrap_or_default();
    let group = RwSignal::new(initial_group.or(ctx.group).filter(|g| *g != 0));
    let sort = RwSignal::new(initial_sort);
    Effect::new(move |_| {
        replace_query(&[
            ("group", group.get().map(|g| g.to_string())),
            (
                "sort",
                Some(sort.get())
                    .filter(|s| *s != SortKey::Size)
                    .map(|s| s.as_str().to_owned()),
            ),
        ]);
    });

    let options = group_names(&listing)
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=move || group.get() == Some(id)>{name}</option> })
        .collect_view();
    let sections = {
        let listing = listing.clone();
        move || {
            let shown = groups(&listing, group.get(), sort.get());
            if shown.is_empty() {
                return view! { <p class="sw__empty">{t.no_sizes}</p> }.into_any();
            }
            shown
                .into_iter()
                .map(|g| {
                    let heading_id = format!("sw-group-{}", g.id);
                    let labelled_by = heading_id.clone();
                    let cards = g
                        .cards
                        .iter()
                        .map(|c| {
                            view! {
                                <SizeCard
                                    size=c.size.clone()
                                    category=c.category.clone()
                                    storage_id=c.storage_id.to_owned()
                                />
                            }
                        })
                        .collect_view();
                    view! {
                        <section class="sw-group" aria-labelledby=labelled_by>
                            <h3 class="sw-group__title" id=heading_id>{g.name.to_owned()}</h3>
                            <ul class="sw-group__cards" role="list">{cards}</ul>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }
    };

    view! {
        <section class="sw-listing" aria-labelledby="sw-listing-title">
            <h2 id="sw-listing-title" class="sw__subtitle">{t.sizes}</h2>
            <div class="sw-listing__controls">
                <div class="sw-field sw-field--inline">
                    <label class="sw-field__label" for="sw-group-filter">{t.group}</label>
                    <select
                        id="sw-group-filter"
                        class="sw-field__input"
                        on:change=move |ev| group.set(event_target_value(&ev).parse::<i64>().ok().filter(|g| *g != 0))
                    >
                        <option value="0" selected=move || group.get().is_none()>{t.all_groups}</option>
                        {options}
                    </select>
                </div>
                <div class="sw-field sw-field--inline">
                    <label class="sw-field__label" for="sw-sort">{t.sort_by}</label>
                    <select
                        id="sw-sort"
                        class="sw-field__input"
                        on:change=move |ev| sort.set(SortKey::parse(&event_target_value(&ev)))
                    >
                        {[(SortKey::Size, t.sort_size), (SortKey::PriceAsc, t.sort_price_asc), (SortKey::PriceDesc, t.sort_price_desc)]
                            .into_iter()
                            .map(|(key, label)| view! {
                                <option value=key.as_str() selected=move || sort.get() == key>{label}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
            {sections}
        </section>
    }
}

use std::sync::Arc;

use booking_model::Listing;
use leptos::prelude::*;

use super::{AsOf, ListingFilters, SizeCard};
use crate::listing_view::{group_names, groups, SortKey};
use crate::page::replace_query;
use crate::state::{Catalogue, Locale};

/// The sizes, grouped by size group, with a group filter and a sort order
/// that live in the page URL (`?group=2&sort=price`), so a shared link or a
/// reload shows the same list.
#[component]
pub fn SizeListing(
    listing: Arc<Listing>,
    /// The group shown (`None`: all).
    group: RwSignal<Option<i64>>,
    sort: RwSignal<SortKey>,
) -> impl IntoView {
    let t = Locale::expect().t();
    Effect::new(move |_| {
        let sort = Some(sort.get()).filter(|s| *s != SortKey::Size);
        replace_query(&[
            ("group", group.get().map(|g| g.to_string())),
            ("sort", sort.map(|s| s.as_str().to_owned())),
        ]);
    });
    let names = group_names(&listing);
    let as_of = listing.as_of.map(|at| {
        let time_zone = Catalogue::expect().details.time_zone.clone();
        view! { <AsOf at time_zone /> }
    });
    let sections = move || {
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
                        let (size, category) = (c.size.clone(), c.category.clone());
                        view! { <SizeCard size category storage_id=c.storage_id.to_owned() /> }
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
    };
    view! {
        <section class="sw-listing" aria-labelledby="sw-listing-title">
            <h2 id="sw-listing-title" class="sw__subtitle" tabindex="-1">{t.sizes}</h2>
            {as_of}
            <ListingFilters names group sort />
            {sections}
        </section>
    }
}

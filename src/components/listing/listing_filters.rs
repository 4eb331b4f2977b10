use leptos::prelude::*;

use crate::components::field::{FieldLayout, FieldSpec, SelectField, SelectOption};
use crate::listing_view::SortKey;
use crate::state::Locale;

/// The size-group filter and the sort order of the listing.
#[component]
pub fn ListingFilters(
    /// Every size group: id and name.
    names: Vec<(i64, String)>,
    group: RwSignal<Option<i64>>,
    sort: RwSignal<SortKey>,
) -> impl IntoView {
    let t = Locale::expect().t();
    let groups = std::iter::once(SelectOption::new("0", t.all_groups))
        .chain(
            names
                .into_iter()
                .map(|(id, name)| SelectOption::new(id.to_string(), name)),
        )
        .collect();
    let orders = [
        (SortKey::Size, t.sort_size),
        (SortKey::PriceAsc, t.sort_price_asc),
        (SortKey::PriceDesc, t.sort_price_desc),
    ]
    .into_iter()
    .map(|(key, label)| SelectOption::new(key.as_str(), label))
    .collect();
    let inline = |id: &str, label: &str| FieldSpec::new(id, label).layout(FieldLayout::Inline);
    view! {
        <div class="sw-listing__controls">
            <SelectField
                spec=inline("sw-group-filter", t.group)
                options=groups
                value=Signal::derive(move || group.get().unwrap_or(0).to_string())
                on_change=Callback::new(move |value: String| group.set(value.parse().ok().filter(|g| *g != 0)))
            />
            <SelectField
                spec=inline("sw-sort", t.sort_by)
                options=orders
                value=Signal::derive(move || sort.get().as_str().to_owned())
                on_change=Callback::new(move |value: String| sort.set(SortKey::parse(&value)))
            />
        </div>
    }
}

use booking_model::Property;
use leptos::prelude::*;

use crate::office::{address_line, tel_href};
use crate::state::Locale;

/// The widget's title and the property it books: name, address, phone.
#[component]
pub fn PropertyHeader(property: Property) -> impl IntoView {
    let t = Locale::expect().t();
    let address = address_line(&property);
    view! {
        <header class="sw__header">
            <h1 class="sw__title">{t.title}</h1>
            <p class="sw__property">
                <strong class="sw__property-item">{property.name}</strong>
                <span class="sw__property-item">{address}</span>
                {property.contact_number.map(|phone| {
                    let href = tel_href(&phone);
                    view! { <a class="sw__property-item" href=href>{phone}</a> }
                })}
            </p>
        </header>
    }
}

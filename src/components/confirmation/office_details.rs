use std::sync::Arc;

use booking_model::PropertyDetails;
use leptos::prelude::*;

use crate::components::opening_hours::OpeningHoursPanel;
use crate::office::{address_line, tel_href};
use crate::state::Locale;

/// Where and when to come: the office's address, phone and hours.
#[component]
pub fn OfficeDetails(details: Arc<PropertyDetails>) -> impl IntoView {
    let t = Locale::expect().t();
    let property = &details.property;
    let phone = property.contact_number.clone().map(|phone| {
        let href = tel_href(&phone);
        view! {
            <dt>{t.phone}</dt>
            <dd class="sw-office__phone"><a href=href>{phone}</a></dd>
        }
    });
    view! {
        <section class="sw-office" aria-labelledby="sw-office-title">
            <h3 id="sw-office-title" class="sw-office__title">{t.visit_us}</h3>
            <dl class="sw-office__details">
                <dt>{t.address}</dt>
                <dd class="sw-office__address">
                    <strong>{property.name.clone()}</strong>
                    <span>{address_line(property)}</span>
                </dd>
                {phone}
            </dl>
            <OpeningHoursPanel
                week=property.property_office_opening_hours_info_list.clone().unwrap_or_default()
                closures=details.closures.clone()
                time_zone=details.time_zone.clone()
                heading_level=4
            />
        </section>
    }
}

use booking_model::PropertyDetails;
use leptos::prelude::*;

use crate::api::Api;
use crate::components::deferred;
use crate::components::listing::SizeListing;
use crate::components::opening_hours::OpeningHoursPanel;
use crate::components::property_header::PropertyHeader;
use crate::config::Config;
use crate::deep_link::DeepLink;
use crate::draft::{self, Defaults};
use crate::events::Events;
use crate::i18n::Lang;
use crate::state::{
    load_draft, save_draft, Account, Booking, Catalogue, Deferred, ListingQuery, Locale,
};

/// The widget once its property is known: it makes the three contexts
/// (catalogue, locale, booking) and lays out the listing, the form with
/// its live quote and the office hours, then the confirmation. The form,
/// the quote, the confirmation and the sign-in flow are deferred parts
/// (`state::Deferred`): loaded on idle once the listing is shown, or at
/// the first choice of a size, with a placeholder of their size meanwhile.
#[component]
pub fn BookingWidget(
    details: PropertyDetails,
    api: Api,
    config: Config,
    lang: Lang,
    events: Events,
) -> impl IntoView {
    let link = DeepLink::parse(crate::page::query().pairs());
    let defaults = Defaults {
        storage_id: config.storage_id.as_deref(),
        tenant_type: config.tenant_type.as_deref(),
    };
    let saved = load_draft(&details.property.id);
    let (draft, move_in_linked) = draft::initial(saved, &details, defaults, &link);
    let form = crate::state::Form::new(draft);
    let query = move || ListingQuery {
        storage_id: form.storage_id.get(),
        tenant_type: form.tenant_type.get(),
        period: form.period.get(),
    };
    let catalogue = Catalogue::load(api, details, query);
    let details = catalogue.details.clone();
    if !move_in_linked {
        let earliest = details
            .move_in_window
            .earliest(catalogue.today)
            .unwrap_or(catalogue.today);
        if let Some(date) = form
            .move_in_date
            .with_untracked(|d| draft::settled_move_in(d, earliest))
        {
            form.move_in_date.set(date.to_string());
        }
    }
    // Every change is saved, so a reload finds the form as it was left.
    let property_id = details.property.id.clone();
    Effect::new(move |_| save_draft(&property_id, &form.draft()));

    let locale = Locale::new(lang, &details.locale, details.currency);
    let booking = Booking::new(&catalogue, form, events, crate::attribution::from_page());
    booking.report_steps(&catalogue);
    provide_context(catalogue.clone());
    provide_context(locale.clone());
    provide_context(booking.clone());
    let account = Account::new();
    provide_context(account);
    let later = Deferred::new(booking.pricer);
    provide_context(later);
    Effect::new(move |_| {
        if !form.size_id.with(String::is_empty) || account.open.get() {
            later.start(deferred::load);
        }
    });

    // The form and the side panel render in the frame after the listing's:
    // the sizes, what the tenant came for, are painted without waiting.
    let ready = RwSignal::new(false);
    let listing = catalogue.listing;
    Effect::new(move |_| {
        if listing.with(Option::is_some) && !ready.get_untracked() {
            request_animation_frame(move || ready.set(true));
            crate::page::when_idle(move || later.start(deferred::load));
        }
    });
    let t = locale.t();
    // The listing's filters outlive a reload of the listing.
    let group = RwSignal::new(link.group_or(config.group));
    let sort = RwSignal::new(link.sort.unwrap_or_default());
    let confirmation = booking.confirmation;
    let confirmed = {
        let catalogue = catalogue.clone();
        move || {
            let (catalogue, booking) = (catalogue.clone(), booking.clone());
            let parts = later.parts.get()?;
            confirmation.get().map(move |confirmed| {
                let details = catalogue.details.clone();
                let again = Callback::new(move |()| booking.start_again(&catalogue));
                let email = confirmed.email.clone();
                let on_sign_in = Callback::new(move |()| account.start(&email));
                (parts.confirmation)(confirmed, details, again, on_sign_in)
            })
        }
    };
    let (failed, reload) = (
        catalogue.listing_failed,
        Callback::new(move |()| catalogue.reload()),
    );
    let office = StoredValue::new(details.clone());
    view! {
        <PropertyHeader property=details.property.clone() />
        <Show when=move || !account.open.get() fallback=move || later.view("sw-pending sw-pending--account", |p| (p.sign_in)())>
        <button type="button" class="sw__button sw-account__open" on:click=move |_| account.start("")>{t.already_booked}</button>
        <Show when=move || confirmation.with(Option::is_none) fallback=confirmed.clone()>
            <div class="sw__layout">
                <div class="sw__main">
                    <Show when=move || failed.get()>
                        <div class="sw__error" role="alert">
                            <p>{t.load_failed}</p>
                            <button type="button" class="sw__button" on:click=move |_| reload.run(())>{t.retry}</button>
                        </div>
                    </Show>
                    {move || match listing.get() {
                        Some(listing) => view! { <SizeListing listing group sort /> }.into_any(),
                        None => view! {
                            <p class="sw__loading" role="status" aria-live="polite" aria-busy="true">{t.loading}</p>
                        }.into_any(),
                    }}
                    <Show when=move || ready.get()>
                        {move || later.view("sw-pending sw-pending--form", |p| (p.booking_form)())}
                    </Show>
                </div>
                <aside class="sw__aside">
                    <Show when=move || ready.get()>
                        {move || later.view("sw-pending sw-pending--quote", |p| (p.quote_preview)())}
                        <OpeningHoursPanel
                            week=office.with_value(|d| d.property.property_office_opening_hours_info_list.clone().unwrap_or_default())
                            closures=office.with_value(|d| d.closures.clone())
                            time_zone=office.with_value(|d| d.time_zone.clone())
                        />
                    </Show>
                </aside>
            </div>
        </Show>
        </Show>
    }
}

use booking_model::{validate_contact, Mode, WaitingListContact, WaitingListRequest};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::field::{FieldSpec, TextField};
use crate::state::{Booking, Catalogue, Locale};
use crate::validation::Validation;

/// Offered when every variant of a size is sold out: the tenant leaves a
/// name and an e-mail address, checked as the server checks them, and the
/// API records them for the operator. The names are the booking form's.
#[component]
pub fn WaitingList(size_id: String, price_id: String, storage_id: String) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let t = locale.t();
    let contact = move || {
        let (first_name, last_name, email) = (
            form.first_name.get(),
            form.last_name.get(),
            form.email.get(),
        );
        WaitingListContact {
            first_name: first_name.trim().to_owned(),
            last_name: last_name.trim().to_owned(),
            email: email.trim().to_owned(),
            phone_number: None,
        }
    };
    let validation = Validation::new(locale.lang(), move || validate_contact(&contact()));
    let (joined, failed) = (RwSignal::new(false), RwSignal::new(false));
    let suffix = id_suffix(&price_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !validation.submit() {
            return;
        }
        let mut wanted = form.draft_now();
        wanted.storage_id.clone_from(&storage_id);
        wanted.size_id.clone_from(&size_id);
        wanted.price_id.clone_from(&price_id);
        wanted.mode = Some(Mode::Rent);
        let Some(selection) = wanted.selection(&catalogue.details.property.id) else {
            return;
        };
        let request = WaitingListRequest {
            selection,
            contact: untrack(contact),
        };
        let api = catalogue.api.clone();
        leptos::task::spawn_local(async move {
            match api.join_waiting_list(&request).await {
                Ok(_) => joined.set(true),
                Err(ApiError::Rejected { errors, .. }) if !errors.is_empty() => {
                    validation.set_server(errors)
                }
                Err(_) => failed.set(true),
            }
        });
    };
    let fields = move || {
        [
            (
                "first-name",
                "contact.firstName",
                t.first_name,
                form.first_name,
                "text",
                "given-name",
            ),
            (
                "last-name",
                "contact.lastName",
                t.last_name,
                form.last_name,
                "text",
                "family-name",
            ),
            (
                "email",
                "contact.email",
                t.email,
                form.email,
                "email",
                "email",
            ),
        ]
        .map(|(name, path, label, value, input_type, autocomplete)| {
            let spec = FieldSpec::new(format!("sw-wl-{name}-{suffix}"), label)
                .error(validation.error(path))
                .required();
            view! { <TextField spec value input_type autocomplete /> }
        })
    };
    view! {
        <Show
            when=move || !joined.get()
            fallback=move || view! { <p class="sw-waiting__done" role="status">{t.joined}</p> }
        >
            <form class="sw-waiting" novalidate on:submit=submit.clone()>
                <p class="sw-waiting__hint">{t.waiting_list_hint}</p>
                {fields.clone()}
                <button type="submit" class="sw__button">{t.waiting_list}</button>
                <p class="sw-field__error" role="alert">{move || failed.get().then_some(t.network_retry)}</p>
            </form>
        </Show>
    }
}

/// Ids must be unique on the page: one waiting list per sold-out variant.
fn id_suffix(price_id: &str) -> String {
    price_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

use booking_model::{validate_contact, FieldError, Mode, WaitingListContact, WaitingListRequest};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::booking_widget::use_ctx;

/// Offered when every variant of a size is sold out: the tenant leaves a
/// name and an e-mail address, checked as the server checks them, and the
/// API records them for the operator.
#[component]
pub fn WaitingList(size_id: String, price_id: String, storage_id: String) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let lang = ctx.lang;
    let form = ctx.form;
    let joined = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failed = RwSignal::new(false);
    let ids = ["first-name", "last-name", "email"].map(|f| format!("sw-wl-{f}-{size_id}"));
    let error_of = move |field: &'static str| {
        move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field.as_deref() == Some(field))
                    .map(|e| lang.error(e.code))
            })
        }
    };
    let submit = {
        let ctx = ctx.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let draft = form.draft();
            let contact = WaitingListContact {
                first_name: draft.first_name.trim().to_owned(),
                last_name: draft.last_name.trim().to_owned(),
                email: draft.email.trim().to_owned(),
                phone_number: None,
            };
            let problems = validate_contact(&contact);
            if !problems.is_empty() {
                errors.set(problems);
                return;
            }
            let mut probe = draft;
            probe.storage_id = storage_id.clone();
            probe.size_id = size_id.clone();
            probe.price_id = price_id.clone();
            probe.mode = Some(Mode::Rent);
            let Some(selection) = probe.selection(&ctx.details.property.id) else {
                return;
            };
            let request = WaitingListRequest { selection, contact };
            let api = ctx.api.clone();
            leptos::task::spawn_local(async move {
                match api.join_waiting_list(&request).await {
                    Ok(_) => joined.set(true),
                    Err(ApiError::Rejected { errors: found, .. }) if !found.is_empty() => {
                        errors.set(found)
                    }
                    Err(_) => failed.set(true),
                }
            });
        }
    };
    let field = move |id: String,
                      label: &'static str,
                      value: RwSignal<String>,
                      kind: &'static str,
                      auto: &'static str,
                      path: &'static str| {
        let error_id = format!("{id}-error");
        let described = error_id.clone();
        let error = error_of(path);
        view! {
            <div class="sw-field">
                <label class="sw-field__label" for=id.clone()>{label}</label>
                <input
                    class="sw-field__input"
                    id=id
                    type=kind
                    autocomplete=auto
                    required
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    aria-describedby=described
                    bind:value=value
                />
                <p class="sw-field__error" id=error_id aria-live="polite">{error}</p>
            </div>
        }
    };
    let [first_id, last_id, email_id] = ids;
    view! {
        <Show
            when=move || !joined.get()
            fallback=move || view! { <p class="sw-waiting__done" role="status">{t.joined}</p> }
        >
            <form class="sw-waiting" novalidate on:submit=submit.clone()>
                <p class="sw-waiting__hint">{t.waiting_list_hint}</p>
                {field(first_id.clone(), t.first_name, form.first_name, "text", "given-name", "contact.firstName")}
                {field(last_id.clone(), t.last_name, form.last_name, "text", "family-name", "contact.lastName")}
                {field(email_id.clone(), t.email, form.email, "email", "email", "contact.email")}
                <button type="submit" class="sw__button">{t.waiting_list}</button>
                <p class="sw-field__error" role="alert">{move || failed.get().then_some(t.network_retry)}</p>
            </form>
        </Show>
    }
}

use booking_model::{Mode, WaitingListContact, WaitingListRequest};
use leptos::prelude::*;

use crate::components::booking_widget::use_ctx;

/// Offered when every variant of a size is sold out: the tenant leaves a
/// name and an e-mail address, and the API records them for the operator.
#[component]
pub fn WaitingList(size_id: String, price_id: String, storage_id: String) -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let form = ctx.form;
    let joined = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let email_id = format!("sw-wl-email-{size_id}");
    let submit = {
        let ctx = ctx.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let draft = form.draft();
            let mut probe = draft.clone();
            probe.storage_id = storage_id.clone();
            probe.size_id = size_id.clone();
            probe.price_id = price_id.clone();
            probe.mode = Some(Mode::Rent);
            let Some(selection) = probe.selection(&ctx.details.property.id) else {
                return;
            };
            let request = WaitingListRequest {
                selection,
                contact: WaitingListContact {
                    first_name: draft.first_name.trim().to_owned(),
                    last_name: draft.last_name.trim().to_owned(),
                    email: draft.email.trim().to_owned(),
                    phone_number: None,
                },
            };
            let api = ctx.api.clone();
            let lang = ctx.lang;
            leptos::task::spawn_local(async move {
                match api.join_waiting_list(&request).await {
                    Ok(_) => joined.set(true),
                    Err(crate::api::ApiError::Rejected { errors, .. }) if !errors.is_empty() => {
                        error.set(Some(lang.error(&errors[0].code).to_owned()));
                    }
                    Err(_) => error.set(Some(lang.t().network_retry.to_owned())),
                }
            });
        }
    };
    view! {
        <Show
            when=move || !joined.get()
            fallback=move || view! { <p class="sw-waiting__done" role="status">{t.joined}</p> }
        >
            <form class="sw-waiting" on:submit=submit.clone()>
                <p class="sw-waiting__hint">{t.waiting_list_hint}</p>
                <label class="sw-field__label" for=email_id.clone()>{t.email}</label>
                <input class="sw-field__input" id=email_id.clone() type="email" autocomplete="email" required bind:value=form.email />
                <button type="submit" class="sw__button sw__button--secondary">{t.waiting_list}</button>
                <p class="sw-field__error" role="alert">{move || error.get()}</p>
            </form>
        </Show>
    }
}

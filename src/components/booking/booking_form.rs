use booking_model::{validate_tenant, ErrorCode, FieldError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{AddOnFields, PromoField, SelectionFields, TenantFields, TermsField};
use crate::api::new_idempotency_key;
use crate::page::{find_in_root, focus_later};
use crate::state::{Booking, Catalogue, Locale};
use crate::submit::{self, Attempt, Reason};
use crate::validation::Validation;

/// The booking itself. Errors show beside their field once it is left or
/// the form is sent, in the widget's language, found by the same checks
/// the server runs; sending it books, or says why not above the button.
#[component]
pub fn BookingForm() -> impl IntoView {
    let (catalogue, locale, booking) = (Catalogue::expect(), Locale::expect(), Booking::expect());
    let t = locale.t();
    let (form, quote) = (booking.form, booking.quote);
    let validation = Validation::new(locale.lang(), move || {
        let draft = form.draft();
        let mut errors = validate_tenant(&draft.tenant());
        match quote.get() {
            Some(Err(mapping)) => errors.extend(mapping),
            Some(Ok(local)) => errors.extend(local.promo_rejected),
            None => {}
        }
        if !draft.terms_accepted {
            errors.push(FieldError::new(
                "termsAccepted",
                ErrorCode::MustAcceptTerms,
                "terms",
            ));
        }
        errors
    });
    // Any edit makes the server's verdict on the last attempt stale.
    Effect::new(move |_| {
        let _ = form.draft();
        validation.set_server(Vec::new());
    });
    let banner = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(false);
    let attempt = StoredValue::new(Attempt::default());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let node: Option<web_sys::Element> = ev.target().and_then(|t| t.dyn_into().ok());
        if pending.get_untracked() {
            return;
        }
        banner.set(None);
        let valid = validation.submit();
        let local = quote.get_untracked().and_then(Result::ok);
        let request = local.as_ref().filter(|_| valid).and_then(|local| {
            submit::booking_request(
                &form.draft_now(),
                local,
                &catalogue.details.property.id,
                &booking.attribution,
                locale.lang(),
            )
        });
        let Some(request) = request else {
            banner.set(Some(t.fix_errors));
            focus_later(node, "[aria-invalid=true]");
            return;
        };
        let body = serde_json::to_string(&request).unwrap_or_default();
        let key = attempt
            .try_update_value(|a| a.key_for(&body, new_idempotency_key))
            .unwrap_or_else(new_idempotency_key);
        pending.set(true);
        let (catalogue, booking) = (catalogue.clone(), booking.clone());
        leptos::task::spawn_local(async move {
            let outcome = submit::send(&catalogue.api, &request, &key).await;
            pending.set(false);
            if let submit::SubmitOutcome::Failed(failure) = &outcome {
                validation.set_server(failure.errors.clone());
            } else {
                attempt.update_value(Attempt::finish);
            }
            let Some(reason) = booking.settle(&catalogue, outcome) else {
                return;
            };
            banner.set(Some(reason.message(t)));
            match reason {
                Reason::Fields => focus_later(node, "[aria-invalid=true]"),
                Reason::SoldOut => {
                    if let Some(heading) = node
                        .as_ref()
                        .and_then(|n| find_in_root(n, "#sw-listing-title"))
                    {
                        heading.scroll_into_view();
                        let _ = heading.focus();
                    }
                }
                Reason::PriceChanged
                | Reason::InProgress
                | Reason::RateLimited
                | Reason::Unavailable
                | Reason::UpstreamUnavailable
                | Reason::Retry => {}
            }
        });
    };

    view! {
        <form class="sw-form" novalidate on:submit=submit aria-labelledby="sw-form-title">
            <h2 id="sw-form-title" class="sw__subtitle" tabindex="-1">{t.your_booking}</h2>
            <Show when=move || form.size_id.with(String::is_empty)>
                <p class="sw-form__hint">{t.pick_a_size}</p>
            </Show>
            <SelectionFields validation />
            <AddOnFields validation />
            <PromoField validation />
            <TenantFields validation />
            <TermsField validation />
            <p class="sw-form__banner" role="alert">{move || banner.get()}</p>
            <button type="submit" class="sw__button sw__button--primary" aria-disabled=move || pending.get().to_string()>
                {move || if pending.get() { t.booking } else { t.book_now }}
            </button>
        </form>
    }
}

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::StepHeading;
use crate::components::field::{FieldSpec, TextField};
use crate::sign_in::Problem;
use crate::state::{Account, Catalogue, Locale, Step};

/// Step 1: the address to mail a code to. The server answers the same for
/// every address; only a malformed one or too many requests say otherwise.
#[component]
pub fn EmailStep(
    /// What the flow announces (`aria-live`).
    status: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let (account, api, locale) = (Account::expect(), Catalogue::expect().api, Locale::expect());
    let (t, lang) = (locale.t(), locale.lang());
    let error = RwSignal::new(None::<&'static str>);
    let sending = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let email = account.email.get_untracked().trim().to_owned();
        if email.is_empty() {
            error.set(Some(t.err_required));
            return;
        }
        let api = api.clone();
        sending.set(true);
        status.set(Some(t.sending));
        spawn_local(async move {
            let answer = api.sign_in(&email).await;
            sending.set(false);
            status.set(None);
            match answer {
                Ok(_) => {
                    error.set(None);
                    account.step.set(Step::Code);
                }
                Err(e) => match Problem::of(&e) {
                    Problem::Email(code) => error.set(Some(lang.error(code))),
                    Problem::RateLimited => status.set(Some(t.rate_limited)),
                    Problem::Code(_) | Problem::SessionEnded | Problem::Connection => {
                        status.set(Some(t.connection_failed));
                    }
                },
            }
        });
    };
    Effect::new(move |_| {
        account.email.track();
        error.set(None);
    });
    let spec = FieldSpec::new("sw-sign-in-email", t.email)
        .error(error.into())
        .required();
    view! {
        <form class="sw-account__step" novalidate on:submit=submit>
            <StepHeading text=t.sign_in_title />
            <p class="sw-account__hint">{t.sign_in_hint}</p>
            <TextField spec value=account.email input_type="email" autocomplete="email" />
            <button type="submit" class="sw__button sw__button--primary" aria-disabled=move || sending.get().to_string()>
                {move || if sending.get() { t.sending } else { t.send_code }}
            </button>
        </form>
    }
}

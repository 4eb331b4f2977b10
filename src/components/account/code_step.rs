use booking_model::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::StepHeading;
use crate::components::field::{FieldSpec, TextField};
use crate::i18n::fill;
use crate::sign_in::{code_of, Problem};
use crate::state::{Account, Catalogue, Locale, Step};

/// Step 2: the six digits mailed to the address. A wrong or expired code
/// is said on the field, with "send a new code" beside it.
#[component]
pub fn CodeStep(
    /// What the flow announces (`aria-live`).
    status: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let (account, api, locale) = (Account::expect(), Catalogue::expect().api, Locale::expect());
    let (t, lang) = (locale.t(), locale.lang());
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let sending = RwSignal::new(false);
    let fail = move |e| match Problem::of(&e) {
        Problem::Code(c) | Problem::Email(c) => error.set(Some(lang.error(c))),
        Problem::RateLimited => status.set(Some(t.rate_limited)),
        Problem::SessionEnded | Problem::Connection => status.set(Some(t.connection_failed)),
    };
    let submit = {
        let api = api.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if sending.get_untracked() {
                return;
            }
            let Some(typed) = code_of(&code.get_untracked()) else {
                error.set(Some(lang.error(ErrorCode::InvalidCode)));
                return;
            };
            let (api, email) = (api.clone(), account.email.get_untracked());
            sending.set(true);
            status.set(Some(t.sending));
            spawn_local(async move {
                let answer = api.open_session(email.trim(), &typed).await;
                sending.set(false);
                status.set(None);
                match answer {
                    Ok(session) => account.step.set(Step::Account(session.token)),
                    Err(e) => fail(e),
                }
            });
        }
    };
    let resend = move |_| {
        let (api, email) = (api.clone(), account.email.get_untracked());
        status.set(Some(t.sending));
        spawn_local(async move {
            match api.sign_in(email.trim()).await {
                Ok(_) => {
                    code.set(String::new());
                    error.set(None);
                    status.set(Some(t.code_resent));
                }
                Err(e) => fail(e),
            }
        });
    };
    Effect::new(move |_| {
        code.track();
        error.set(None);
    });
    let sent = move || fill(t.code_sent, &[account.email.get().trim()]);
    let spec = FieldSpec::new("sw-sign-in-code", t.code_label)
        .error(error.into())
        .required();
    view! {
        <form class="sw-account__step" novalidate on:submit=submit>
            <StepHeading text=t.code_title />
            <p class="sw-account__hint">{sent}</p>
            <TextField spec value=code autocomplete="one-time-code" inputmode="numeric" />
            <button type="submit" class="sw__button sw__button--primary" aria-disabled=move || sending.get().to_string()>
                {move || if sending.get() { t.sending } else { t.sign_in }}
            </button>
            <p class="sw-account__actions">
                <button type="button" class="sw__button sw-account__new-code" on:click=resend>{t.new_code}</button>
                <button type="button" class="sw__button sw-account__other" on:click=move |_| account.step.set(Step::Email)>
                    {t.other_address}
                </button>
            </p>
        </form>
    }
}

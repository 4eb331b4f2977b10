use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AccountPanel, CodeStep, EmailStep};
use crate::sign_in::Problem;
use crate::state::{Account, Catalogue, Locale, Step};

/// The sign-in flow: the address, the code, then the account, with one
/// polite live region for what is going on. Signing out (or a session that
/// ended) forgets the token and goes back to the address.
#[component]
pub fn SignInFlow() -> impl IntoView {
    let (account, api, t) = (
        Account::expect(),
        Catalogue::expect().api,
        Locale::expect().t(),
    );
    let status = RwSignal::new(None::<&'static str>);
    let step = Memo::new(move |_| account.step.get());
    let body = move || match step.get() {
        Step::Email => view! { <EmailStep status /> }.into_any(),
        Step::Code => view! { <CodeStep status /> }.into_any(),
        Step::Account(token) => {
            let api = api.clone();
            let loaded = LocalResource::new({
                let (api, token) = (api.clone(), token.clone());
                move || {
                    let (api, token) = (api.clone(), token.clone());
                    async move { api.tenant_account(&token).await }
                }
            });
            let sign_out = Callback::new(move |()| {
                let (api, token) = (api.clone(), token.clone());
                spawn_local(async move {
                    // The token is forgotten here whatever the answer.
                    let _ = api.sign_out(&token).await;
                });
                account.signed_out();
            });
            view! {
                <Suspense fallback=move || view! { <p class="sw__loading" aria-busy="true">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match loaded.await {
                            Ok(tenant) => view! { <AccountPanel account=tenant on_sign_out=sign_out /> }.into_any(),
                            Err(e) => {
                                let ended = Problem::of(&e) == Problem::SessionEnded;
                                status.set(Some(if ended { t.session_ended } else { t.connection_failed }));
                                if ended {
                                    account.signed_out();
                                }
                                view! {
                                    <button type="button" class="sw__button" on:click=move |_| loaded.refetch()>{t.retry}</button>
                                }.into_any()
                            }
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
    };
    view! {
        <section class="sw-account" aria-label=t.account_title>
            {body}
            <p class="sw-account__live" role="status" aria-live="polite">{move || status.get()}</p>
            <button type="button" class="sw__button sw-account__back" on:click=move |_| account.open.set(false)>
                {t.back_to_sizes}
            </button>
        </section>
    }
}

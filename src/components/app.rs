use leptos::prelude::*;

use crate::api::Api;
use crate::components::booking_widget::BookingWidget;
use crate::config::Config;
use crate::events::Events;
use crate::i18n::Lang;

/// The widget's root: loads the property, then hands over to
/// [`BookingWidget`]. While it loads it shows a loading state as tall as
/// the listing, so nothing shifts when prices arrive. The root carries the
/// widget's language for assistive technology and hyphenation, whatever
/// the host page's.
#[component]
pub fn App(
    /// Which API, key and property this instance shows.
    config: Config,
    /// Where the host page hears about each step.
    events: Events,
) -> impl IntoView {
    let api = Api::new(&config.api_base, &config.api_key);
    let property_id = config.property_id.clone();
    let property = LocalResource::new({
        let api = api.clone();
        move || {
            let (api, property_id) = (api.clone(), property_id.clone());
            async move { api.property(&property_id).await }
        }
    });
    let chosen = config.lang;
    let lang = move || {
        chosen
            .or_else(|| {
                property.with(|p| {
                    p.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map(|d| Lang::from_tag(&d.locale))
                })
            })
            .unwrap_or_default()
    };
    view! {
        <div class="sw" lang=move || lang().code()>
            <Transition fallback=move || view! { <Loading text=untrack(lang).t().loading /> }>
                {move || Suspend::new({
                    let (api, config, events) = (api.clone(), config.clone(), events.clone());
                    async move {
                        match property.await {
                            Ok(details) => {
                                let lang = untrack(lang);
                                view! { <BookingWidget details api config lang events /> }.into_any()
                            }
                            Err(_) => {
                                let t = untrack(lang).t();
                                view! {
                                    <div class="sw__error" role="alert">
                                        <p>{t.load_failed}</p>
                                        <button type="button" class="sw__button" on:click=move |_| property.refetch()>
                                            {t.retry}
                                        </button>
                                    </div>
                                }
                                .into_any()
                            }
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

/// A placeholder as tall as the content it stands for.
#[component]
fn Loading(text: &'static str) -> impl IntoView {
    view! {
        <p class="sw__loading" role="status" aria-live="polite" aria-busy="true">
            {text}
        </p>
    }
}

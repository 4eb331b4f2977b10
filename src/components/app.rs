use leptos::prelude::*;

use crate::api::Api;
use crate::components::booking_widget::BookingWidget;
use crate::config::Config;
use crate::events::Events;
use crate::i18n::Lang;

/// The widget's root: loads the property, then hands over to
/// [`BookingWidget`]. While it loads it shows a loading state of the same
/// height as the listing, so nothing shifts when prices arrive.
#[component]
pub fn App(
    /// Which API, key and property this instance shows.
    config: Config,
    /// Where the host page hears about each step.
    events: Events,
) -> impl IntoView {
    let lang = config.lang.as_deref().map(Lang::from_tag);
    let api = Api::new(&config.api_base, &config.api_key);
    let property_id = config.property_id.clone();
    let property = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            let property_id = property_id.clone();
            async move { api.property(&property_id).await }
        }
    });
    let t = lang.unwrap_or_default().t();
    view! {
        <div class="sw">
            <Transition fallback=move || view! { <Loading text=t.loading /> }>
                {move || Suspend::new({
                    let api = api.clone();
                    let config = config.clone();
                    let events = events.clone();
                    async move {
                        match property.await {
                            Ok(details) => {
                                let lang = lang.unwrap_or_else(|| Lang::from_tag(&details.locale));
                                view! { <BookingWidget details api config lang events /> }.into_any()
                            }
                            Err(err) => {
                                leptos::logging::warn!("property failed to load: {err}");
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

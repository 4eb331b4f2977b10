use leptos::prelude::*;

/// The widget's root. Until the property and its listing arrive it shows a
/// loading state of the same height, so nothing shifts when prices load.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <main class="sw" aria-labelledby="sw-title">
            <h1 id="sw-title" class="sw__title">"Book a storage unit"</h1>
            <p class="sw__loading" role="status" aria-live="polite" aria-busy="true">
                "Loading sizes and prices…"
            </p>
        </main>
    }
}

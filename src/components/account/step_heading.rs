use leptos::prelude::*;

/// A step's heading, focused when the step appears so that a screen reader
/// announces where the tenant is.
#[component]
pub fn StepHeading(text: &'static str) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! { <h2 class="sw__subtitle sw-account__title" tabindex="-1" node_ref=heading>{text}</h2> }
}

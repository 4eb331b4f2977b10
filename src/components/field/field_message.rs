use leptos::prelude::*;

/// A field's error message, announced politely when it appears; the
/// control is described by its id.
#[component]
pub fn FieldMessage(
    #[prop(into)] id: String,
    error: Signal<Option<&'static str>>,
) -> impl IntoView {
    view! { <p class="sw-field__error" id=id aria-live="polite">{move || error.get()}</p> }
}

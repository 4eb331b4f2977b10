use leptos::prelude::*;

/// A field's label, marked when the field is required.
#[component]
pub fn FieldLabel(
    /// The control it labels.
    #[prop(into)]
    for_id: String,
    #[prop(into)] text: String,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <label class="sw-field__label" for=for_id>
            {text}
            {required.then(|| view! { <span class="sw-field__required" aria-hidden="true">"*"</span> })}
        </label>
    }
}

use leptos::prelude::*;

use super::{FieldLabel, FieldMessage, FieldSpec};

/// A text input (`text`, `email`, `tel`) bound to a string, with an
/// optional note that is not an error (a promotion that applied).
#[component]
pub fn TextField(
    spec: FieldSpec,
    value: RwSignal<String>,
    #[prop(default = "text")] input_type: &'static str,
    /// The `autocomplete` token, so browsers fill in the tenant's details.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// The on-screen keyboard (`numeric` for a code).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    #[prop(optional, into)] note: Option<Signal<Option<String>>>,
) -> impl IntoView {
    view! {
        <div class=spec.class()>
            <FieldLabel for_id=spec.id.clone() text=spec.label.clone() required=spec.required />
            <input
                class="sw-field__input"
                id=spec.id.clone()
                name=spec.id.clone()
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                required=spec.required
                aria-invalid=spec.invalid()
                aria-describedby=spec.described_by()
                bind:value=value
                on:blur=spec.blur()
            />
            {note.map(|note| view! { <p class="sw-field__note" aria-live="polite">{move || note.get()}</p> })}
            <FieldMessage id=spec.message_id() error=spec.error />
        </div>
    }
}

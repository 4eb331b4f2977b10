use leptos::prelude::*;

use super::{FieldLabel, FieldMessage, FieldSpec};

/// A date picker bound to an ISO date (`2024-02-04`), within `min..=max`.
#[component]
pub fn DateField(
    spec: FieldSpec,
    value: RwSignal<String>,
    #[prop(default = None)] min: Option<String>,
    #[prop(default = None)] max: Option<String>,
) -> impl IntoView {
    view! {
        <div class=spec.class()>
            <FieldLabel for_id=spec.id.clone() text=spec.label.clone() required=spec.required />
            <input
                class="sw-field__input"
                id=spec.id.clone()
                type="date"
                min=min
                max=max
                required=spec.required
                aria-invalid=spec.invalid()
                aria-describedby=spec.described_by()
                bind:value=value
                on:blur=spec.blur()
            />
            <FieldMessage id=spec.message_id() error=spec.error />
        </div>
    }
}

use leptos::prelude::*;

use super::{FieldLabel, FieldMessage, FieldSpec};

/// A whole number within `0..=max` (an extra's quantity).
#[component]
pub fn NumberField(
    spec: FieldSpec,
    #[prop(into)] value: Signal<u32>,
    on_input: Callback<u32>,
    max: u32,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    view! {
        <div class=spec.class()>
            <FieldLabel for_id=spec.id.clone() text=spec.label.clone() required=spec.required />
            <input
                class="sw-field__input sw-field__input--narrow"
                id=spec.id.clone()
                type="number"
                inputmode="numeric"
                min="0"
                max=max.to_string()
                disabled=disabled
                aria-invalid=spec.invalid()
                aria-describedby=spec.described_by()
                prop:value=move || value.get().to_string()
                on:input=move |ev| on_input.run(event_target_value(&ev).trim().parse().unwrap_or(0).min(max))
                on:blur=spec.blur()
            />
            <FieldMessage id=spec.message_id() error=spec.error />
        </div>
    }
}

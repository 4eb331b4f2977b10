use leptos::prelude::*;

use super::{FieldLabel, FieldMessage, FieldSpec};

/// One choice of a [`SelectField`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    pub value: String,
    pub label: String,
}

impl SelectOption {
    #[must_use]
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A drop-down list; `value` says which option is selected, `on_change`
/// hears the tenant's choice.
#[component]
pub fn SelectField(
    spec: FieldSpec,
    options: Vec<SelectOption>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|option| {
            let this = option.value.clone();
            view! {
                <option value=option.value selected=move || value.with(|v| *v == this)>{option.label}</option>
            }
        })
        .collect_view();
    view! {
        <div class=spec.class()>
            <FieldLabel for_id=spec.id.clone() text=spec.label.clone() required=spec.required />
            <select
                class="sw-field__input"
                id=spec.id.clone()
                required=spec.required
                aria-invalid=spec.invalid()
                aria-describedby=spec.described_by()
                on:change=move |ev| on_change.run(event_target_value(&ev))
                on:blur=spec.blur()
            >
                {options}
            </select>
            <FieldMessage id=spec.message_id() error=spec.error />
        </div>
    }
}

use leptos::prelude::*;

use super::{FieldLabel, FieldLayout, FieldMessage, FieldSpec};

/// A checkbox bound to a flag, its label after it; an optional link
/// (the terms) follows the label, opening in a new tab, said so.
#[component]
pub fn CheckboxField(
    spec: FieldSpec,
    checked: RwSignal<bool>,
    /// `(href, text, "opens in a new tab")`.
    #[prop(optional)]
    link: Option<(String, String, &'static str)>,
) -> impl IntoView {
    let spec = spec.layout(FieldLayout::Check);
    view! {
        <div class=spec.class()>
            <input
                id=spec.id.clone()
                type="checkbox"
                required=spec.required
                aria-invalid=spec.invalid()
                aria-describedby=spec.described_by()
                bind:checked=checked
                on:blur=spec.blur()
            />
            <FieldLabel for_id=spec.id.clone() text=spec.label.clone() required=spec.required />
            {link.map(|(href, text, new_tab)| view! {
                <a class="sw-field__link" href=href target="_blank" rel="noopener">
                    {text}
                    <span class="sw-visually-hidden">" "{new_tab}</span>
                </a>
            })}
            <FieldMessage id=spec.message_id() error=spec.error />
        </div>
    }
}

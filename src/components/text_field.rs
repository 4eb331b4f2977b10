use leptos::prelude::*;

/// A labelled text input whose error sits right under it, is linked by
/// `aria-describedby` and announced when it appears.
#[component]
pub fn TextField(
    /// Unique id of the input (also names its error element).
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    /// The message to show, if the value is not acceptable.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called when the field loses focus (errors show once touched).
    on_blur: Callback<()>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = "")] inputmode: &'static str,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="sw-field" class:sw-field--invalid=move || error.get().is_some()>
            <label class="sw-field__label" for=id>
                {label}
                {required.then(|| view! { <span class="sw-field__required" aria-hidden="true">" *"</span> })}
            </label>
            <input
                class="sw-field__input"
                id=id
                name=id
                type=input_type
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                required=required
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=move || error.get().map(|_| described.clone())
                bind:value=value
                on:blur=move |_| on_blur.run(())
            />
            <p class="sw-field__error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}

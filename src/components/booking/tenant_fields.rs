use leptos::prelude::*;

use crate::components::field::{FieldSpec, SelectField, SelectOption, TextField};
use crate::state::{Booking, Catalogue, Locale};
use crate::validation::Validation;

/// Who books: name, contact and address, the country chosen from a list of
/// names in the tenant's language with the property's country first (the
/// wire keeps its ISO code).
#[component]
pub fn TenantFields(validation: Validation) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let t = locale.t();
    let checked = |id: &str, label: &str, path: &str| {
        FieldSpec::new(id, label)
            .checked(validation.error(path), validation.touch(path))
            .required()
    };
    let text_fields = [
        (
            "sw-first-name",
            "tenant.firstName",
            t.first_name,
            form.first_name,
            "text",
            "given-name",
        ),
        (
            "sw-last-name",
            "tenant.lastName",
            t.last_name,
            form.last_name,
            "text",
            "family-name",
        ),
        (
            "sw-email",
            "tenant.email",
            t.email,
            form.email,
            "email",
            "email",
        ),
        (
            "sw-phone",
            "tenant.phoneNumber",
            t.phone,
            form.phone_number,
            "tel",
            "tel",
        ),
        (
            "sw-address",
            "tenant.address",
            t.address,
            form.address,
            "text",
            "street-address",
        ),
        (
            "sw-city",
            "tenant.city",
            t.city,
            form.city,
            "text",
            "address-level2",
        ),
        (
            "sw-postal-code",
            "tenant.postalCode",
            t.postal_code,
            form.postal_code,
            "text",
            "postal-code",
        ),
    ]
    .map(|(id, path, label, value, input_type, autocomplete)| {
        view! { <TextField spec=checked(id, label, path) value input_type autocomplete /> }
    });
    let countries = locale
        .countries(&catalogue.details.property.country_iso_code2)
        .into_iter()
        .map(|(code, name)| SelectOption::new(code, name))
        .collect();
    view! {
        <fieldset class="sw-form__group">
            <legend>{t.your_details}</legend>
            <div class="sw-form__grid">
                {text_fields}
                <SelectField
                    spec=checked("sw-country", t.country, "tenant.countryISOCode2")
                    options=countries
                    value=form.country
                    on_change=Callback::new(move |code| form.country.set(code))
                />
            </div>
        </fieldset>
    }
}

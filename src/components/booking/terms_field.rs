use leptos::prelude::*;

use crate::components::field::{CheckboxField, FieldSpec};
use crate::state::{Booking, Catalogue, Locale};
use crate::validation::Validation;

/// The terms the tenant accepts, with a link to them (from the API's
/// origin, in a new tab).
#[component]
pub fn TermsField(validation: Validation) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let t = locale.t();
    let terms = &catalogue.details.terms;
    let link = (
        catalogue.api.asset(&terms.url),
        terms.title.clone(),
        t.new_tab,
    );
    let spec = FieldSpec::new("sw-terms", t.accept_terms)
        .checked(
            validation.error("termsAccepted"),
            validation.touch("termsAccepted"),
        )
        .required();
    view! { <CheckboxField spec checked=form.terms_accepted link /> }
}

use leptos::prelude::*;

use crate::components::field::{FieldSpec, TextField};
use crate::i18n::fill;
use crate::quote::PROMO_FIELD;
use crate::state::{Booking, Locale};
use crate::validation::Validation;

/// The promo code. A code that does not apply leaves the quote in place,
/// priced without it, and says so here once the field is left; a code that
/// applies names its promotion.
#[component]
pub fn PromoField(validation: Validation) -> impl IntoView {
    let (locale, booking) = (Locale::expect(), Booking::expect());
    let t = locale.t();
    let (form, quote) = (booking.form, booking.quote);
    let applied = Signal::derive(move || {
        let code = form.promo_code.with(|c| !c.trim().is_empty());
        let promotion = quote.with(|q| match q {
            Some(Ok(local)) if local.promo_rejected.is_none() => local
                .request
                .discount
                .as_ref()
                .map(|d| d.description.clone()),
            _ => None,
        })?;
        code.then(|| fill(t.promo_applied, &[&promotion]))
    });
    // A code that came with a link is judged at once: the tenant did not type it.
    if form.promo_code.with_untracked(|c| !c.trim().is_empty()) {
        validation.touch(PROMO_FIELD).run(());
    }
    let spec = FieldSpec::new("sw-promo", t.promo_code)
        .checked(validation.error(PROMO_FIELD), validation.touch(PROMO_FIELD));
    view! { <TextField spec value=form.promo_code autocomplete="off" note=applied /> }
}

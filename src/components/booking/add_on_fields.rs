use leptos::prelude::*;

use crate::components::field::{FieldSpec, NumberField};
use crate::i18n::fill;
use crate::state::{Booking, Catalogue, Locale};
use crate::validation::Validation;

/// The property's extras (padlock, boxes, admin fee) with their quantity;
/// an extra that is always charged shows as included, fixed at one.
#[component]
pub fn AddOnFields(validation: Validation) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let t = locale.t();
    let fields = catalogue
        .details
        .add_ons
        .iter()
        .enumerate()
        .map(|(i, add_on)| {
            let price = locale.money(add_on.price);
            let template = match (add_on.mandatory, add_on.recurring) {
                (true, _) => t.add_on_included,
                (false, true) => t.add_on_monthly,
                (false, false) => t.add_on_once,
            };
            let label = fill(template, &[&add_on.name, &price]);
            let (id, mandatory, max) = (add_on.id.clone(), add_on.mandatory, add_on.max_quantity);
            let input_id = format!("sw-addon-{id}");
            let quantity = Signal::derive({
                let id = id.clone();
                move || {
                    if mandatory {
                        1
                    } else {
                        form.add_on_quantity(&id)
                    }
                }
            });
            let set = Callback::new(move |quantity: u32| form.set_add_on_quantity(&id, quantity));
            let path = format!("addOns[{i}].quantity");
            let spec = FieldSpec::new(input_id, label).error(validation.error(path));
            view! { <NumberField spec value=quantity on_input=set max disabled=mandatory /> }
        })
        .collect_view();
    view! {
        <fieldset class="sw-form__group sw-form__group--addons">
            <legend>{t.add_ons}</legend>
            {fields}
        </fieldset>
    }
}

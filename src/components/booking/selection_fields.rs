use leptos::prelude::*;
use pricing::Period;

use crate::components::field::{DateField, FieldSpec, SelectField, SelectOption};
use crate::i18n::fill;
use crate::state::{Booking, Catalogue, Locale};
use crate::validation::Validation;

/// What is booked, beyond the size: move-in date, tenant type, billing
/// period and protection plan, as the property offers them.
#[component]
pub fn SelectionFields(validation: Validation) -> impl IntoView {
    let (catalogue, locale, form) = (
        Catalogue::expect(),
        Locale::expect(),
        Booking::expect().form,
    );
    let (t, lang) = (locale.t(), locale.lang());
    let details = &catalogue.details;
    let window = details.move_in_window;
    let earliest = window.earliest(catalogue.today).map(|d| d.to_string());
    let latest = window.latest(catalogue.today).map(|d| d.to_string());
    let tenant_types = details
        .tenant_types
        .iter()
        .map(|tt| SelectOption::new(&tt.id, &tt.name))
        .collect();
    let periods = details
        .payment_periods
        .iter()
        .map(|p| SelectOption::new(p.as_str(), lang.period(*p)))
        .collect();
    let plans = std::iter::once(SelectOption::new("", t.no_insurance))
        .chain(details.insurance_plans.iter().map(|plan| {
            let label = fill(
                t.insurance_option,
                &[&plan.description, &locale.money(plan.price)],
            );
            SelectOption::new(&plan.id, label)
        }))
        .collect();
    let set_period = Callback::new(move |value: String| {
        if let Some(period) = Period::from_wire(&value) {
            form.period.set(period);
        }
    });
    let checked = |id: &str, label: &str, path: &str| {
        FieldSpec::new(id, label).checked(validation.error(path), validation.touch(path))
    };
    view! {
        <div class="sw-form__grid">
            <DateField
                spec=checked("sw-move-in", t.move_in_date, "moveInDate").required()
                value=form.move_in_date
                min=earliest
                max=latest
            />
            <SelectField
                spec=FieldSpec::new("sw-tenant-type", t.tenant_type)
                options=tenant_types
                value=form.tenant_type
                on_change=Callback::new(move |v| form.tenant_type.set(v))
            />
            <SelectField
                spec=FieldSpec::new("sw-period", t.billing_period)
                options=periods
                value=Signal::derive(move || form.period.get().as_str().to_owned())
                on_change=set_period
            />
            <SelectField
                spec=checked("sw-insurance", t.insurance, "insurancePlanId")
                options=plans
                value=form.insurance_plan_id
                on_change=Callback::new(move |v| form.insurance_plan_id.set(v))
            />
        </div>
    }
}

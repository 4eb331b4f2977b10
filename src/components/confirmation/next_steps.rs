use booking_model::{BookingResponse, PropertyDetails};
use leptos::prelude::*;

use crate::i18n::fill;
use crate::office::address_line;
use crate::quote::{deposit, recurring_from};
use crate::state::Locale;
use booking_model::calendar::{ics, MoveIn};

/// What comes after the first invoice: the deposit in it, what is paid per
/// period afterwards, where the confirmation was sent, the move-in day for
/// the tenant's calendar, and the way back to the booking (signing in).
/// Every amount is the booking's quote's.
#[component]
pub fn NextSteps(
    booking: BookingResponse,
    details: std::sync::Arc<PropertyDetails>,
    /// The tenant's address the confirmation was mailed to.
    email: String,
    /// "See your booking: sign in".
    on_sign_in: Callback<()>,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let quote = &booking.quote;
    let deposit = deposit(quote).map(|amount| {
        view! {
            <dl class="sw-confirm__details sw-confirm__next">
                <dt>{t.deposit}</dt>
                <dd class="sw-confirm__deposit">{locale.money(amount)}</dd>
            </dl>
        }
    });
    let then = fill(
        t.then_every,
        &[
            &locale.money(quote.recurring_gross_amount.value()),
            locale.lang().every(quote.period),
            &locale.day_month(recurring_from(quote)),
        ],
    );
    let property = &details.property;
    let uid = format!("{}@storage-widget", booking.id);
    let event = ics(&MoveIn {
        uid: &uid,
        date: quote.move_in_date,
        summary: &fill(t.calendar_summary, &[&property.name]),
        location: &address_line(property),
        description: None,
        stamp: booking.created_at,
    });
    let href = format!(
        "data:text/calendar;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&event))
    );
    let file = format!("move-in-{}.ics", booking.transact_id);
    let sent_to = (!email.is_empty()).then(|| {
        view! { <p class="sw-confirm__sent-to">{fill(t.sent_to, &[&email])}</p> }
    });
    view! {
        {deposit}
        <p class="sw-confirm__then">{then}</p>
        {sent_to}
        <p class="sw-confirm__actions">
            <a class="sw-confirm__calendar" href=href download=file>{t.add_to_calendar}</a>
            <button type="button" class="sw__link sw-confirm__sign-in" on:click=move |_| on_sign_in.run(())>
                {t.see_booking}
            </button>
        </p>
    }
}

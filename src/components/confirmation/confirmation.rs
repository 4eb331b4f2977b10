use std::sync::Arc;

use booking_model::{BookingStatus, PropertyDetails};
use leptos::prelude::*;

use super::{NextSteps, OfficeDetails};
use crate::components::quote::InvoiceTable;
use crate::i18n::fill;
use crate::listing_view::{length_unit, surface_unit};
use crate::state::{Confirmed, Locale};

/// The booking is made: its reference, the unit (size and dimensions),
/// the move-in date, every line of the first invoice and the total due,
/// what comes next (deposit, the amount per period, where the
/// confirmation was sent, the calendar, signing in), then the office's
/// address, phone and hours. Focus moves to the heading
/// so a screen reader announces it.
#[component]
pub fn Confirmation(
    confirmed: Confirmed,
    /// The property booked at.
    details: Arc<PropertyDetails>,
    /// "Book another unit".
    on_again: Callback<()>,
    /// "See your booking: sign in".
    on_sign_in: Callback<()>,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let Confirmed {
        booking,
        unit,
        email,
    } = confirmed;
    let quote = booking.quote.clone();
    let title = match booking.status {
        BookingStatus::Confirmed => t.confirmed,
        BookingStatus::Reserved => t.reserved,
        BookingStatus::Cancelled => t.cancelled,
    };
    let unit = unit.map(|(size, category)| {
        let name = format!(
            "{category} {} {}",
            locale.number(size.surface.0),
            surface_unit(&size)
        );
        let dimensions = fill(
            t.dimensions,
            &[
                &locale.number(size.width.0),
                &locale.number(size.length.0),
                &locale.number(size.height.0),
                length_unit(&size.scale_metrics),
            ],
        );
        view! {
            <dt>{t.your_unit}</dt>
            <dd class="sw-confirm__unit">
                <span class="sw-confirm__unit-name">{name}</span>
                <span class="sw-confirm__dimensions">{dimensions}</span>
            </dd>
        }
    });
    let first_dates = locale.date_range(quote.pro_rata.start_date, quote.pro_rata.end_date);
    view! {
        <section class="sw-confirm" aria-labelledby="sw-confirm-title">
            <h2 id="sw-confirm-title" class="sw__subtitle" tabindex="-1" node_ref=heading>{title}</h2>
            <dl class="sw-confirm__details">
                <dt>{t.reference}</dt>
                <dd class="sw-confirm__reference">{booking.transact_id.clone()}</dd>
                {unit}
                <dt>{t.move_in_date}</dt>
                <dd class="sw-confirm__move-in">{locale.full_date(quote.move_in_date)}</dd>
                <dt>{t.due_at_move_in}</dt>
                <dd class="sw-confirm__total">{locale.money(quote.due_at_move_in.value())}</dd>
            </dl>
            <InvoiceTable title=t.first_invoice reason=first_dates invoice=quote.pro_rata />
            <NextSteps booking details=details.clone() email on_sign_in />
            <OfficeDetails details />
            <button type="button" class="sw__button" on:click=move |_| on_again.run(())>{t.book_another}</button>
        </section>
    }
}

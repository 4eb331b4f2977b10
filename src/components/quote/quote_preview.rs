use chrono::Months;
use leptos::prelude::*;
use pricing::Quote;

use super::InvoiceTable;
use crate::i18n::fill;
use crate::state::{Booking, Locale};

/// The live quote: the first invoice (a prorated stub or a first full
/// period) and a full period, the total due at move-in and what is paid
/// per period once any promotion ends, with the reasoning in words. Every
/// amount is the pricing crate's, computed in wasm as the tenant types; a
/// promo code that does not apply leaves it in place, without the
/// promotion. The total is announced politely.
#[component]
pub fn QuotePreview() -> impl IntoView {
    let (locale, quote) = (Locale::expect(), Booking::expect().quote);
    let t = locale.t();
    let shown = move || quote.get().and_then(Result::ok).map(|local| local.quote);
    let announced = {
        let locale = locale.clone();
        move || {
            shown().map(|q| {
                fill(
                    t.due_announcement,
                    &[&locale.money(q.due_at_move_in.value())],
                )
            })
        }
    };
    view! {
        <section class="sw-quote" aria-labelledby="sw-quote-title">
            <h2 id="sw-quote-title" class="sw__subtitle">{t.quote}</h2>
            {move || match shown() {
                Some(quote) => quote_view(&locale, &quote).into_any(),
                None => view! { <p class="sw-quote__empty">{t.pick_a_size}</p> }.into_any(),
            }}
            <p class="sw-quote__due" aria-live="polite" aria-atomic="true">{announced}</p>
        </section>
    }
}

fn quote_view(locale: &Locale, quote: &Quote) -> impl IntoView {
    let t = locale.t();
    let has_stub = quote.pro_rata.start_date != quote.full_cycle.start_date;
    let first_span = locale.date_range(quote.pro_rata.start_date, quote.pro_rata.end_date);
    let first_reason = if has_stub {
        // The stub is charged by days of the month it falls in.
        let next = quote.full_cycle.start_date;
        let previous = next.checked_sub_months(Months::new(1)).unwrap_or(next);
        let days = (next - quote.pro_rata.start_date).num_days();
        locale
            .lang()
            .stub_reason(&first_span, days, (next - previous).num_days())
    } else {
        first_span
    };
    let recurring_from = crate::quote::recurring_from(quote);
    let then = fill(
        t.then_every,
        &[
            &locale.money(quote.recurring_gross_amount.value()),
            locale.lang().every(quote.period),
            &locale.day_month(recurring_from),
        ],
    );
    let full_reason = locale.date_range(quote.full_cycle.start_date, quote.full_cycle.end_date);
    view! {
        <InvoiceTable title=t.first_invoice reason=first_reason invoice=quote.pro_rata.clone() />
        {has_stub.then(|| view! { <InvoiceTable title=t.full_cycle reason=full_reason invoice=quote.full_cycle.clone() /> })}
        <dl class="sw-quote__summary">
            <dt>{t.due_at_move_in}</dt>
            <dd class="sw-quote__total">{locale.money(quote.due_at_move_in.value())}</dd>
        </dl>
        {quote.prepays_next_cycle.then(|| view! { <p class="sw-quote__note">{t.includes_next_cycle}</p> })}
        <p class="sw-quote__then">{then}</p>
    }
}

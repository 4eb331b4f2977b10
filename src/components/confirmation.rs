use leptos::prelude::*;

use crate::components::booking_widget::use_ctx;
use crate::intl;

/// The booking is made: its reference and what was booked, with focus
/// moved here so a screen reader announces it.
#[component]
pub fn Confirmation() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let booking = ctx.confirmation;
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let again = move |_| {
        ctx.form.size_id.set(String::new());
        ctx.form.price_id.set(String::new());
        ctx.reload.update(|n| *n += 1);
        booking.set(None);
    };
    let details = move || {
        let ctx = use_ctx();
        booking.get().map(|b| {
            let quote = &b.quote;
            view! {
                <dl class="sw-confirm__details">
                    <dt>{t.reference}</dt>
                    <dd class="sw-confirm__reference">{b.transact_id.clone()}</dd>
                    <dt>{t.move_in_date}</dt>
                    <dd>{intl::full_date(quote.move_in_date, &ctx.locale)}</dd>
                    <dt>{t.due_at_move_in}</dt>
                    <dd>{ctx.money(&quote.due_at_move_in.to_string())}</dd>
                </dl>
            }
        })
    };
    view! {
        <section class="sw-confirm" aria-labelledby="sw-confirm-title">
            <h2 id="sw-confirm-title" class="sw__subtitle" tabindex="-1" node_ref=heading>{t.confirmed}</h2>
            {details}
            <button type="button" class="sw__button" on:click=again>{t.book_another}</button>
        </section>
    }
}

use chrono::{Days, Months};
use leptos::prelude::*;
use pricing::{Category, Invoice, Line, Quote};

use crate::components::booking_widget::{use_ctx, Ctx};
use crate::intl;

/// The live quote: the first invoice (a prorated stub or a first full
/// period) and a full period, each line with its taxes, the total due at
/// move-in and what is paid per period once the promotion ends, with the
/// reasoning in words. Every amount is the pricing crate's, computed here
/// in wasm as the tenant types; the total is announced politely.
#[component]
pub fn QuotePreview() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let quote = ctx.quote;
    view! {
        <section class="sw-quote" aria-labelledby="sw-quote-title">
            <h2 id="sw-quote-title" class="sw__subtitle">{t.quote}</h2>
            {move || match quote.get() {
                Some(Ok((quote, _))) => quote_view(&ctx, &quote).into_any(),
                _ => view! { <p class="sw-quote__empty">{t.pick_a_size}</p> }.into_any(),
            }}
            <p class="sw-quote__due" aria-live="polite" aria-atomic="true">
                {
                    let ctx = use_ctx();
                    move || quote.get().and_then(Result::ok).map(|(q, _)| {
                        format!("{} : {}", t.due_at_move_in, ctx.money(&q.due_at_move_in.to_string()))
                    })
                }
            </p>
        </section>
    }
}

fn quote_view(ctx: &Ctx, quote: &Quote) -> impl IntoView {
    let t = ctx.lang.t();
    let locale = &ctx.locale;
    let has_stub = quote.pro_rata.start_date != quote.full_cycle.start_date;
    let first_reason = if has_stub {
        // The stub is charged by days of the month it falls in.
        let next = quote.full_cycle.start_date;
        let prev = next.checked_sub_months(Months::new(1)).unwrap_or(next);
        let days = (next - quote.pro_rata.start_date).num_days();
        let of = (next - prev).num_days();
        let span = intl::date_range(quote.pro_rata.start_date, quote.pro_rata.end_date, locale);
        ctx.lang.stub_reason(&span, days, of)
    } else {
        intl::date_range(quote.pro_rata.start_date, quote.pro_rata.end_date, locale)
    };
    // Once the first full period is paid, the recurring amount applies.
    let recurring_from = if has_stub && !quote.prepays_next_cycle {
        quote.full_cycle.start_date
    } else {
        quote
            .full_cycle
            .end_date
            .checked_add_days(Days::new(1))
            .unwrap_or(quote.full_cycle.end_date)
    };
    let then = ctx.lang.then_every(
        &ctx.money(&quote.recurring_gross_amount.to_string()),
        quote.period,
        &intl::day_month(recurring_from, locale),
    );
    let full_reason = intl::date_range(
        quote.full_cycle.start_date,
        quote.full_cycle.end_date,
        locale,
    );
    let due = ctx.money(&quote.due_at_move_in.to_string());
    view! {
        {invoice_view(ctx, t.first_invoice, &first_reason, &quote.pro_rata)}
        {has_stub.then(|| invoice_view(ctx, t.full_cycle, &full_reason, &quote.full_cycle))}
        <dl class="sw-quote__summary">
            <dt>{t.due_at_move_in}</dt>
            <dd class="sw-quote__total">
                {due}
                {quote.prepays_next_cycle.then(|| view! { <span class="sw-quote__note">{format!(" ({})", t.includes_next_cycle)}</span> })}
            </dd>
        </dl>
        <p class="sw-quote__then">{then}</p>
    }
}

fn invoice_view(ctx: &Ctx, title: &'static str, reason: &str, invoice: &Invoice) -> impl IntoView {
    let t = ctx.lang.t();
    let rows = invoice
        .lines
        .iter()
        .map(|line| line_view(ctx, line))
        .collect_view();
    let tax = (!invoice.tax_amount.value().is_zero()).then(|| {
        view! {
            <tr class="sw-quote__tax">
                <th scope="row">{t.subtotal_tax}</th>
                <td>{ctx.money(&invoice.tax_amount.to_string())}</td>
            </tr>
        }
    });
    view! {
        <table class="sw-quote__invoice">
            <caption>
                <span class="sw-quote__invoice-title">{title}</span>
                <span class="sw-quote__reason">{reason.to_owned()}</span>
            </caption>
            <tbody>{rows}{tax}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">{t.total}</th>
                    <td>{ctx.money(&invoice.gross_amount.to_string())}</td>
                </tr>
            </tfoot>
        </table>
    }
}

fn line_view(ctx: &Ctx, line: &Line) -> impl IntoView {
    let t = ctx.lang.t();
    let description = match line.category {
        Category::Deposit if line.description.is_empty() => t.deposit.to_owned(),
        _ => line.description.clone(),
    };
    let taxes = if line.taxes.iter().all(|tax| tax.amount.value().is_zero()) {
        t.not_taxed.to_owned()
    } else {
        line.taxes
            .iter()
            .map(|tax| {
                format!(
                    "{} {} {}",
                    tax.name,
                    intl::percent(&tax.rate.to_string(), &ctx.locale),
                    ctx.money(&tax.amount.to_string())
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let is_discount = line.category == Category::RentalDiscount;
    view! {
        <tr class:sw-quote__discount=is_discount>
            <th scope="row">
                {description}
                <span class="sw-quote__taxes">{taxes}</span>
            </th>
            <td>{ctx.money(&line.gross.to_string())}</td>
        </tr>
    }
}

use leptos::prelude::*;
use pricing::{Category, Invoice, Line};

use crate::i18n::fill;
use crate::state::Locale;

/// One invoice: each line with its taxes, the tax and the total.
#[component]
pub fn InvoiceTable(
    title: &'static str,
    /// Its dates, and why it is prorated when it is.
    #[prop(into)]
    reason: String,
    invoice: Invoice,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let rows = invoice
        .lines
        .iter()
        .map(|line| line_view(&locale, line))
        .collect_view();
    let tax = (!invoice.tax_amount.value().is_zero()).then(|| {
        view! {
            <tr class="sw-quote__tax">
                <th scope="row">{t.subtotal_tax}</th>
                <td>{locale.money(invoice.tax_amount.value())}</td>
            </tr>
        }
    });
    view! {
        <table class="sw-quote__invoice">
            <caption>
                <span class="sw-quote__invoice-title">{title}</span>
                <span class="sw-quote__reason">{reason}</span>
            </caption>
            <tbody>{rows}{tax}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">{t.total}</th>
                    <td>{locale.money(invoice.gross_amount.value())}</td>
                </tr>
            </tfoot>
        </table>
    }
}

fn line_view(locale: &Locale, line: &Line) -> impl IntoView {
    let t = locale.t();
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
                fill(
                    t.tax_detail,
                    &[
                        &tax.name,
                        &locale.percent(tax.rate),
                        &locale.money(tax.amount.value()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(t.list_separator)
    };
    view! {
        <tr class:sw-quote__discount=line.category == Category::RentalDiscount>
            <th scope="row">
                {description}
                <span class="sw-quote__taxes">{taxes}</span>
            </th>
            <td>{locale.money(line.gross.value())}</td>
        </tr>
    }
}

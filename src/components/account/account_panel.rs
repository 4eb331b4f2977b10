use booking_model::TenantAccount;
use leptos::prelude::*;

use super::StepHeading;
use crate::account_view::{AccountView, LeaseStatus};
use crate::state::Locale;

/// Step 3: the tenant's bookings (unit, status, move-in date), what is
/// unpaid and the balance, from the server's tenant view; every amount is
/// the server's decimal, written by `Intl`.
#[component]
pub fn AccountPanel(
    account: TenantAccount,
    /// "Sign out".
    on_sign_out: Callback<()>,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let view = AccountView::of(&account);
    let date = {
        let locale = locale.clone();
        move |d: Option<chrono::NaiveDate>| d.map(|d| locale.full_date(d)).unwrap_or_default()
    };
    let contracts = view
        .contracts
        .into_iter()
        .map(|c| {
            let status = match c.status {
                LeaseStatus::Initiated => t.status_initiated.to_owned(),
                LeaseStatus::Cancelled => t.status_cancelled.to_owned(),
                LeaseStatus::Active => t.status_active.to_owned(),
                LeaseStatus::Other(text) => text,
            };
            view! {
                <li class="sw-account__contract">
                    <h3 class="sw-account__unit">{c.unit}" · "{c.property}</h3>
                    <dl class="sw-confirm__details">
                        <dt>{t.reference}</dt>
                        <dd class="sw-account__reference">{c.reference}</dd>
                        <dt>{t.status}</dt>
                        <dd class="sw-account__status">{status}</dd>
                        <dt>{t.move_in_date}</dt>
                        <dd class="sw-account__move-in">{date(c.move_in)}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view();
    let unpaid = if view.unpaid.is_empty() {
        view! { <p class="sw-account__none">{t.no_unpaid}</p> }.into_any()
    } else {
        let rows = view
            .unpaid
            .into_iter()
            .map(|i| {
                view! {
                    <tr>
                        <th scope="row">{i.reference}</th>
                        <td class="sw-account__date">{date(i.date)}</td>
                        <td class="sw-account__due">{locale.money(i.due)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="sw-account__invoices">
                <thead><tr><th scope="col">{t.reference}</th><th scope="col">{t.date}</th><th scope="col">{t.amount_due}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let none = account
        .contract
        .is_empty()
        .then(|| view! { <p class="sw-account__none">{t.no_contracts}</p> });
    view! {
        <section class="sw-account__step">
            <StepHeading text=t.account_title />
            {none}
            <ul class="sw-account__contracts">{contracts}</ul>
            <h3 class="sw-account__subtitle">{t.unpaid_invoices}</h3>
            {unpaid}
            <dl class="sw-confirm__details">
                <dt>{t.balance}</dt>
                <dd class="sw-account__balance">{locale.money(view.balance)}</dd>
            </dl>
            <button type="button" class="sw__button sw-account__sign-out" on:click=move |_| on_sign_out.run(())>
                {t.sign_out}
            </button>
        </section>
    }
}

use booking_model::PriceBlock;
use leptos::prelude::*;

use crate::i18n::fill;
use crate::state::Locale;

/// A month's price: struck through with the saving when a promotion
/// applies; tax included or not as the property's country shows prices.
#[component]
pub fn PriceTag(
    block: PriceBlock,
    /// Show the price with tax (Europe) rather than before it (North America).
    inclusive: bool,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    match (&block.discount_amount, &block.payable_amount) {
        (Some(saving), Some(payable)) => view! {
            <p class="sw-price">
                <del class="sw-price__old">{locale.money(block.net_amount.price.0)}</del>
                " "
                <strong class="sw-price__amount">{locale.money(payable.price.0)}</strong>
                " "
                <span class="sw-price__basis">{fill(t.per_month_tax, &[t.tax_incl])}</span>
                <span class="sw-price__saving">{fill(t.saving, &[&locale.money(saving.price.0)])}</span>
            </p>
        }
        .into_any(),
        _ => {
            let (shown, basis) = if inclusive {
                (block.net_amount.price.0, t.tax_incl)
            } else {
                (block.taxable_price.price.0, t.tax_excl)
            };
            view! {
                <p class="sw-price">
                    <strong class="sw-price__amount">{locale.money(shown)}</strong>
                    " "
                    <span class="sw-price__basis">{fill(t.per_month_tax, &[basis])}</span>
                </p>
            }
            .into_any()
        }
    }
}

use booking_model::{Closure, ClosureKind, OpeningHours};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::DaySlots;
use crate::hours::{self, PUBLIC_HOLIDAYS};
use crate::state::Locale;

/// How far ahead closures are listed, in days.
const AHEAD_DAYS: u64 = 60;

/// The closures and public holidays of the coming weeks, each with its
/// name and the hours kept that day (a holiday's, or none).
#[component]
pub fn UpcomingClosures(
    week: Vec<OpeningHours>,
    closures: Vec<Closure>,
    /// The property's date today.
    today: NaiveDate,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let rows = hours::upcoming(&closures, today, AHEAD_DAYS)
        .into_iter()
        .map(|closure| {
            let (kind, hours) = match closure.kind {
                ClosureKind::PublicHoliday => {
                    let week = week.clone();
                    (t.closure_public_holiday, Some(view! { <DaySlots week row=PUBLIC_HOLIDAYS /> }))
                }
                ClosureKind::Exceptional => (t.closure_exceptional, None),
            };
            let name = Some(closure.name.clone())
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| kind.to_owned());
            view! {
                <tr>
                    <th scope="row">{locale.long_date(closure.date)}</th>
                    <td>
                        <span class="sw-hours__closure-name">{name}</span>
                        <span class="sw-hours__closure-hours">
                            {hours.map_or_else(|| view! { <span class="sw-hours__slot">{t.closed}</span> }.into_any(), IntoAny::into_any)}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    (!rows.is_empty()).then(|| {
        view! {
            <table class="sw-hours__table sw-hours__closures">
                <caption>{t.upcoming_closures}</caption>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

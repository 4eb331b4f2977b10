use booking_model::OpeningHours;
use leptos::prelude::*;

use crate::hours::{self, format_time, OfficeStatus};
use crate::i18n::Lang;
use crate::intl;

/// The office's week (Monday first, public holidays last), today
/// highlighted, and whether it is open now, all in the property's time zone.
#[component]
pub fn OpeningHoursPanel(
    week: Vec<OpeningHours>,
    /// IANA zone of the property.
    time_zone: String,
    /// `Intl` locale for day names.
    locale: String,
    lang: Lang,
    /// The instant to show the status for (ISO 8601); now when absent.
    #[prop(optional)]
    at: Option<String>,
) -> impl IntoView {
    let t = lang.t();
    let instant = at.map_or_else(js_sys::Date::new_0, |at| js_sys::Date::new(&at.into()));
    let now = intl::wall_clock(&instant, &time_zone);
    let status = now.map(|(_, day, minutes)| hours::status(&week, day, minutes));
    let is_open = matches!(status, Some(OfficeStatus::OpenUntil(_)));
    let status_text = status.map(|status| match status {
        OfficeStatus::OpenUntil(close) => lang.open_until(&format_time(close)),
        OfficeStatus::OpensToday(open) => lang.closed_opens(None, &format_time(open)),
        OfficeStatus::OpensOn(day, open) => {
            lang.closed_opens(Some(&intl::weekday_name(day, &locale)), &format_time(open))
        }
        OfficeStatus::NeverOpen => t.closed.to_owned(),
    });
    let today = now.map(|(_, d, _)| i8::try_from(d).unwrap_or(-2));
    let order: Vec<i8> = vec![1, 2, 3, 4, 5, 6, 0, -1];
    let rows = order
        .into_iter()
        .filter_map(|dow| week.iter().find(|d| d.day_of_week == dow).cloned())
        .map(|day| {
            let name = if day.day_of_week < 0 {
                t.public_holidays.to_owned()
            } else {
                intl::weekday_name(u8::try_from(day.day_of_week).unwrap_or(0), &locale)
            };
            let slots = hours::slots_of(std::slice::from_ref(&day), day.day_of_week);
            let text = if slots.is_empty() {
                t.closed.to_owned()
            } else {
                slots
                    .iter()
                    .map(|s| lang.time_range(&format_time(s.open), &format_time(s.close)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let is_today = today == Some(day.day_of_week);
            view! {
                <tr class:sw-hours__today=is_today aria-current=is_today.then_some("date")>
                    <th scope="row">
                        {name}
                        {is_today.then(|| view! { <span class="sw-visually-hidden">{format!(" ({})", t.today)}</span> })}
                    </th>
                    <td>{text}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="sw-hours" aria-labelledby="sw-hours-title">
            <h2 id="sw-hours-title" class="sw__subtitle">{t.opening_hours}</h2>
            {status_text.map(|s| view! {
                <p class="sw-hours__status" class:sw-hours__status--open=is_open>{s}</p>
            })}
            <table class="sw-hours__table">
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

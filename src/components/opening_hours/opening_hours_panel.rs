use booking_model::{Closure, OpeningHours};
use chrono::NaiveDate;
use leptos::either::EitherOf3;
use leptos::prelude::*;

use super::{DaySlots, UpcomingClosures};
use crate::hours::{self, OfficeStatus, PUBLIC_HOLIDAYS};
use crate::i18n::fill;
use crate::intl;
use crate::state::Locale;

/// The office's week (Monday first, public holidays last) with today's
/// row marked, whether it is open now, and the closures and public
/// holidays to come, all in the property's time zone: on a public holiday
/// the holiday hours apply, on an exceptional closure the office is shut.
#[component]
pub fn OpeningHoursPanel(
    week: Vec<OpeningHours>,
    closures: Vec<Closure>,
    /// IANA zone of the property.
    #[prop(into)]
    time_zone: String,
    /// The instant to show the status for (ISO 8601); now when absent.
    #[prop(optional, into)]
    at: Option<String>,
    /// 2 in the side panel, deeper inside the confirmation.
    #[prop(default = 2)]
    heading_level: u8,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let instant = at.map_or_else(js_sys::Date::new_0, |at| js_sys::Date::new(&at.into()));
    let now = intl::wall_clock(&instant, &time_zone);
    let status = now.map(|(today, minutes)| hours::status(&week, &closures, today, minutes));
    let is_open = matches!(status, Some(OfficeStatus::OpenUntil(_)));
    let status_text = status
        .zip(now)
        .map(|(status, (today, _))| status_text(&locale, status, today));
    let today_row = now.and_then(|(today, _)| hours::row_of(&closures, today));
    let rows = [1, 2, 3, 4, 5, 6, 0, PUBLIC_HOLIDAYS]
        .into_iter()
        .filter(|row| week.iter().any(|d| d.day_of_week == *row))
        .map(|row| {
            let name = u8::try_from(row).map_or_else(|_| t.public_holidays.to_owned(), |day| locale.weekday(day));
            let is_today = today_row == Some(row);
            let week = week.clone();
            view! {
                <tr class:sw-hours__today=is_today aria-current=is_today.then_some("date")>
                    <th scope="row">
                        {name}
                        {is_today.then(|| view! { <span class="sw-visually-hidden">" "{t.today_suffix}</span> })}
                    </th>
                    <td><DaySlots week row /></td>
                </tr>
            }
        })
        .collect_view();
    let coming =
        now.map(|(today, _)| view! { <UpcomingClosures week=week.clone() closures today /> });
    let title_id = format!("sw-hours-title-{heading_level}");
    let labelled_by = title_id.clone();
    let title = t.opening_hours;
    let heading = match heading_level {
        2 => EitherOf3::A(view! { <h2 id=title_id class="sw__subtitle">{title}</h2> }),
        3 => EitherOf3::B(view! { <h3 id=title_id class="sw-hours__title">{title}</h3> }),
        _ => EitherOf3::C(view! { <h4 id=title_id class="sw-hours__title">{title}</h4> }),
    };
    view! {
        <section class="sw-hours" aria-labelledby=labelled_by>
            {heading}
            {status_text.map(|s| view! { <p class="sw-hours__status" class:sw-hours__status--open=is_open>{s}</p> })}
            <table class="sw-hours__table">
                <tbody>{rows}</tbody>
            </table>
            {coming}
        </section>
    }
}

fn status_text(locale: &Locale, status: OfficeStatus, today: NaiveDate) -> String {
    let t = locale.t();
    match status {
        OfficeStatus::OpenUntil(close) => fill(t.open_until, &[&locale.time(close)]),
        OfficeStatus::OpensToday(open) => fill(t.opens_later_today, &[&locale.time(open)]),
        OfficeStatus::OpensOn(date, open) => {
            // Within a week the weekday is enough; further, the date.
            let day = if (date - today).num_days() < 7 {
                locale.weekday(u8::try_from(hours::weekday(date)).unwrap_or(0))
            } else {
                locale.long_date(date)
            };
            fill(t.opens_on, &[&day, &locale.time(open)])
        }
        OfficeStatus::NeverOpen => t.closed.to_owned(),
    }
}

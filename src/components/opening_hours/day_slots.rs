use booking_model::OpeningHours;
use leptos::prelude::*;

use crate::hours;
use crate::i18n::fill;
use crate::state::Locale;

/// One row of the week's hours ("09:00 to 12:30, 13:30 to 19:00", or
/// "Closed"), each slot kept on one line: a line breaks between slots.
#[component]
pub fn DaySlots(
    week: Vec<OpeningHours>,
    /// The row: 0 = Sunday, -1 = public holidays.
    row: i8,
) -> impl IntoView {
    let locale = Locale::expect();
    let t = locale.t();
    let slots = hours::slots_of(&week, row);
    if slots.is_empty() {
        return view! { <span class="sw-hours__slot">{t.closed}</span> }.into_any();
    }
    let last = slots.len() - 1;
    slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let range = fill(t.time_range, &[&locale.time(slot.open), &locale.time(slot.close)]);
            let separator = (i < last).then_some(t.list_separator);
            view! { <span class="sw-hours__slot">{range}{separator.map(str::trim_end)}</span> {separator.map(|_| " ")} }
        })
        .collect_view()
        .into_any()
}

//! The office's hours: the week, whether it is open now, and the closures
//! and public holidays to come.

mod day_slots;
mod opening_hours_panel;
mod upcoming_closures;

pub use day_slots::DaySlots;
pub use opening_hours_panel::OpeningHoursPanel;
pub use upcoming_closures::UpcomingClosures;

//! Office hours: parsing StoRegister's "09:00 To 12:30" slots and telling
//! whether the office is open at a given wall-clock moment. Pure, so it is
//! tested for any instant without a browser.

use booking_model::OpeningHours;

/// Minutes since midnight.
pub type Minutes = u16;

/// One opening, `open` included, `close` excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub open: Minutes,
    pub close: Minutes,
}

/// "09:00 To 12:30" → 540..750; anything else is not a slot.
#[must_use]
pub fn parse_slot(text: &str) -> Option<Slot> {
    let lower = text.to_ascii_lowercase();
    let (open, close) = lower.split_once(" to ")?;
    let slot = Slot {
        open: parse_time(open.trim())?,
        close: parse_time(close.trim())?,
    };
    (slot.open < slot.close).then_some(slot)
}

fn parse_time(text: &str) -> Option<Minutes> {
    let (h, m) = text.split_once(':')?;
    let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

/// "09:30".
#[must_use]
pub fn format_time(minutes: Minutes) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The open slots of a day of the week (0 = Sunday); none when closed.
#[must_use]
pub fn slots_of(week: &[OpeningHours], day_of_week: i8) -> Vec<Slot> {
    week.iter()
        .find(|d| d.day_of_week == day_of_week)
        .filter(|d| !d.is_closed)
        .map(|d| {
            [&d.first_time_slot, &d.second_time_slot]
                .into_iter()
                .filter_map(|s| s.as_deref().and_then(parse_slot))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the office is open now, and when that changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeStatus {
    OpenUntil(Minutes),
    /// Closed now; opens later the same day.
    OpensToday(Minutes),
    /// Closed now; opens on that weekday (0 = Sunday) at that time.
    OpensOn(u8, Minutes),
    /// No opening in the whole week.
    NeverOpen,
}

/// The office's status at `minutes` past midnight on weekday `today`
/// (0 = Sunday), both read in the property's time zone.
#[must_use]
pub fn status(week: &[OpeningHours], today: u8, minutes: Minutes) -> OfficeStatus {
    let today_slots = slots_of(week, i8::try_from(today % 7).unwrap_or(0));
    if let Some(slot) = today_slots
        .iter()
        .find(|s| s.open <= minutes && minutes < s.close)
    {
        return OfficeStatus::OpenUntil(slot.close);
    }
    if let Some(slot) = today_slots
        .iter()
        .filter(|s| s.open > minutes)
        .min_by_key(|s| s.open)
    {
        return OfficeStatus::OpensToday(slot.open);
    }
    (1..=7u8)
        .map(|ahead| (today + ahead) % 7)
        .find_map(|day| {
            let slots = slots_of(week, i8::try_from(day).unwrap_or(0));
            slots
                .iter()
                .map(|s| s.open)
                .min()
                .map(|open| OfficeStatus::OpensOn(day, open))
        })
        .unwrap_or(OfficeStatus::NeverOpen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(dow: i8, first: Option<&str>, second: Option<&str>) -> OpeningHours {
        OpeningHours {
            day_of_week: dow,
            week: None,
            first_time_slot: first.map(str::to_owned),
            second_time_slot: second.map(str::to_owned),
            is_closed: first.is_none() && second.is_none(),
        }
    }

    /// The seed property: closed Sunday, 09:00–12:30 and 13:30–19:00 otherwise.
    fn chalets() -> Vec<OpeningHours> {
        let mut week = vec![day(0, None, None)];
        week.extend((1..=6).map(|d| day(d, Some("09:00 To 12:30"), Some("13:30 To 19:00"))));
        week.push(day(-1, None, None));
        week
    }

    #[test]
    fn parses_slots() {
        assert_eq!(
            parse_slot("09:00 To 12:30"),
            Some(Slot {
                open: 540,
                close: 750
            })
        );
        assert_eq!(
            parse_slot("13:30 to 19:00"),
            Some(Slot {
                open: 810,
                close: 1140
            })
        );
        assert_eq!(parse_slot("12:30 To 09:00"), None);
        assert_eq!(parse_slot("soon"), None);
        assert_eq!(format_time(750), "12:30");
    }

    #[test]
    fn open_in_a_slot_closes_at_its_end() {
        assert_eq!(status(&chalets(), 1, 10 * 60), OfficeStatus::OpenUntil(750));
        assert_eq!(
            status(&chalets(), 6, 18 * 60 + 59),
            OfficeStatus::OpenUntil(1140)
        );
    }

    #[test]
    fn lunch_break_opens_later_today() {
        assert_eq!(
            status(&chalets(), 3, 12 * 60 + 30),
            OfficeStatus::OpensToday(810)
        );
        assert_eq!(status(&chalets(), 3, 7 * 60), OfficeStatus::OpensToday(540));
    }

    #[test]
    fn saturday_evening_and_sunday_open_monday() {
        assert_eq!(
            status(&chalets(), 6, 19 * 60),
            OfficeStatus::OpensOn(1, 540)
        );
        assert_eq!(
            status(&chalets(), 0, 11 * 60),
            OfficeStatus::OpensOn(1, 540)
        );
    }

    #[test]
    fn a_week_without_hours_never_opens() {
        assert_eq!(status(&[day(0, None, None)], 0, 0), OfficeStatus::NeverOpen);
    }
}

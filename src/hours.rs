//! Office hours: StoRegister's "09:00 To 12:30" slots, the property's
//! closures (a public holiday keeps the `dayOfWeek` -1 hours, an
//! exceptional closure shuts the whole day), and whether the office is
//! open at a wall-clock moment of the property's time zone. Pure, so it is
//! tested for any date and instant without a browser.

use booking_model::{Closure, ClosureKind, OpeningHours};
use chrono::{Datelike, Days, NaiveDate};

/// Minutes since midnight.
pub type Minutes = u16;

/// The `dayOfWeek` whose hours apply on public holidays.
pub const PUBLIC_HOLIDAYS: i8 = -1;

/// How far ahead the status looks for the next opening, in days: far
/// enough to cross a week of exceptional closures.
const LOOK_AHEAD_DAYS: u64 = 31;

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

/// The open slots of a row of the week (0 = Sunday, -1 = public
/// holidays); none when closed or absent.
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

/// The weekday of a date, 0 = Sunday, as `dayOfWeek` counts.
#[must_use]
pub fn weekday(date: NaiveDate) -> i8 {
    // `num_days_from_sunday` is 0..=6.
    i8::try_from(date.weekday().num_days_from_sunday()).unwrap_or(0)
}

/// The closure on a date, if any (the first listed when there are two).
#[must_use]
pub fn closure_on(closures: &[Closure], date: NaiveDate) -> Option<&Closure> {
    closures.iter().find(|c| c.date == date)
}

/// Which row of the week a date follows: its weekday, the public holidays'
/// row on a public holiday, none on an exceptional closure.
#[must_use]
pub fn row_of(closures: &[Closure], date: NaiveDate) -> Option<i8> {
    match closure_on(closures, date).map(|c| c.kind) {
        None => Some(weekday(date)),
        Some(ClosureKind::PublicHoliday) => Some(PUBLIC_HOLIDAYS),
        Some(ClosureKind::Exceptional) => None,
    }
}

/// The open slots of a date, closures honoured.
#[must_use]
pub fn slots_on(week: &[OpeningHours], closures: &[Closure], date: NaiveDate) -> Vec<Slot> {
    row_of(closures, date).map_or_else(Vec::new, |row| slots_of(week, row))
}

/// Whether the office is open now, and when that changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeStatus {
    OpenUntil(Minutes),
    /// Closed now; opens later the same day.
    OpensToday(Minutes),
    /// Closed now; opens on that date at that time.
    OpensOn(NaiveDate, Minutes),
    /// No opening in the weeks ahead.
    NeverOpen,
}

/// The office's status at `minutes` past midnight on `today`, both read in
/// the property's time zone.
#[must_use]
pub fn status(
    week: &[OpeningHours],
    closures: &[Closure],
    today: NaiveDate,
    minutes: Minutes,
) -> OfficeStatus {
    let today_slots = slots_on(week, closures, today);
    if let Some(slot) = today_slots
        .iter()
        .find(|s| s.open <= minutes && minutes < s.close)
    {
        return OfficeStatus::OpenUntil(slot.close);
    }
    if let Some(open) = today_slots
        .iter()
        .map(|s| s.open)
        .filter(|open| *open > minutes)
        .min()
    {
        return OfficeStatus::OpensToday(open);
    }
    (1..=LOOK_AHEAD_DAYS)
        .filter_map(|ahead| today.checked_add_days(Days::new(ahead)))
        .find_map(|date| {
            let open = slots_on(week, closures, date)
                .iter()
                .map(|s| s.open)
                .min()?;
            Some(OfficeStatus::OpensOn(date, open))
        })
        .unwrap_or(OfficeStatus::NeverOpen)
}

/// The closures from `today` to `within_days` later, by date, one per date.
#[must_use]
pub fn upcoming(closures: &[Closure], today: NaiveDate, within_days: u64) -> Vec<&Closure> {
    let last = today
        .checked_add_days(Days::new(within_days))
        .unwrap_or(NaiveDate::MAX);
    // Few closures: inserted in order (a sort would add a whole sort
    // routine to the wasm).
    let mut found: Vec<&Closure> = Vec::new();
    for closure in closures.iter().filter(|c| (today..=last).contains(&c.date)) {
        let at = found.partition_point(|c| c.date < closure.date);
        if found.get(at).is_none_or(|c| c.date != closure.date) {
            found.insert(at, closure);
        }
    }
    found
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

    /// The seed property: closed Sunday, 09:00–12:30 and 13:30–19:00 on
    /// other days, 10:00–12:00 on public holidays.
    fn chalets() -> Vec<OpeningHours> {
        let mut week = vec![day(0, None, None)];
        week.extend((1..=6).map(|d| day(d, Some("09:00 To 12:30"), Some("13:30 To 19:00"))));
        week.push(day(PUBLIC_HOLIDAYS, Some("10:00 To 12:00"), None));
        week
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).expect("date")
    }

    fn closure(date: NaiveDate, kind: ClosureKind) -> Closure {
        Closure {
            date,
            kind,
            name: String::new(),
        }
    }

    // 5 February 2024 was a Monday.
    const MONDAY: (u32, u32) = (2, 5);

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
        assert_eq!(parse_slot("25:00 To 26:00"), None);
    }

    #[test]
    fn open_in_a_slot_closes_at_its_end() {
        let monday = date(MONDAY.0, MONDAY.1);
        assert_eq!(weekday(monday), 1);
        assert_eq!(
            status(&chalets(), &[], monday, 10 * 60),
            OfficeStatus::OpenUntil(750)
        );
        let saturday = date(2, 10);
        assert_eq!(
            status(&chalets(), &[], saturday, 18 * 60 + 59),
            OfficeStatus::OpenUntil(1140)
        );
    }

    #[test]
    fn lunch_break_opens_later_today() {
        let wednesday = date(2, 7);
        assert_eq!(
            status(&chalets(), &[], wednesday, 12 * 60 + 30),
            OfficeStatus::OpensToday(810)
        );
        assert_eq!(
            status(&chalets(), &[], wednesday, 7 * 60),
            OfficeStatus::OpensToday(540)
        );
    }

    #[test]
    fn saturday_evening_and_sunday_open_monday() {
        let monday = date(2, 12);
        assert_eq!(
            status(&chalets(), &[], date(2, 10), 19 * 60),
            OfficeStatus::OpensOn(monday, 540)
        );
        assert_eq!(
            status(&chalets(), &[], date(2, 11), 11 * 60),
            OfficeStatus::OpensOn(monday, 540)
        );
    }

    #[test]
    fn a_public_holiday_keeps_the_holiday_hours() {
        let monday = date(MONDAY.0, MONDAY.1);
        let holiday = [closure(monday, ClosureKind::PublicHoliday)];
        assert_eq!(row_of(&holiday, monday), Some(PUBLIC_HOLIDAYS));
        assert_eq!(
            slots_on(&chalets(), &holiday, monday),
            [Slot {
                open: 600,
                close: 720
            }]
        );
        assert_eq!(
            status(&chalets(), &holiday, monday, 9 * 60 + 30),
            OfficeStatus::OpensToday(600)
        );
        assert_eq!(
            status(&chalets(), &holiday, monday, 11 * 60),
            OfficeStatus::OpenUntil(720)
        );
        // After the holiday's hours: Tuesday, as usual.
        assert_eq!(
            status(&chalets(), &holiday, monday, 15 * 60),
            OfficeStatus::OpensOn(date(2, 6), 540)
        );
        // A week whose holiday row says closed keeps the office shut.
        let mut closed_on_holidays = chalets();
        closed_on_holidays.pop();
        closed_on_holidays.push(day(PUBLIC_HOLIDAYS, None, None));
        assert_eq!(slots_on(&closed_on_holidays, &holiday, monday), []);
    }

    #[test]
    fn an_exceptional_closure_shuts_the_day_and_the_next_opening_moves_on() {
        let monday = date(MONDAY.0, MONDAY.1);
        let tuesday = date(2, 6);
        let works = [
            closure(monday, ClosureKind::Exceptional),
            closure(tuesday, ClosureKind::Exceptional),
        ];
        assert_eq!(row_of(&works, monday), None);
        assert_eq!(
            status(&chalets(), &works, monday, 10 * 60),
            OfficeStatus::OpensOn(date(2, 7), 540)
        );
        // Sunday evening before: the office opens Wednesday, not Monday.
        assert_eq!(
            status(&chalets(), &works, date(2, 4), 20 * 60),
            OfficeStatus::OpensOn(date(2, 7), 540)
        );
    }

    #[test]
    fn a_week_without_hours_never_opens() {
        assert_eq!(
            status(&[day(0, None, None)], &[], date(2, 4), 0),
            OfficeStatus::NeverOpen
        );
    }

    #[test]
    fn upcoming_closures_are_the_next_ones_in_date_order() {
        let today = date(2, 5);
        let closures = [
            closure(date(3, 30), ClosureKind::Exceptional),
            closure(date(2, 4), ClosureKind::PublicHoliday), // yesterday
            closure(date(2, 14), ClosureKind::PublicHoliday),
            closure(date(2, 5), ClosureKind::Exceptional), // today
            closure(date(2, 14), ClosureKind::Exceptional), // same date twice
        ];
        let dates: Vec<_> = upcoming(&closures, today, 30)
            .iter()
            .map(|c| c.date)
            .collect();
        assert_eq!(dates, [date(2, 5), date(2, 14)]);
        assert_eq!(upcoming(&closures, today, 60).len(), 3);
    }
}

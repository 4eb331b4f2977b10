//! The move-in day as an iCalendar event (RFC 5545): the confirmation
//! mail's attachment and the widget's "add to calendar" link write the same
//! text. An all-day event, so that no time zone is needed and the office's
//! hours stay with the booking.

use chrono::{DateTime, Datelike, Days, NaiveDate, Timelike, Utc};

/// What the event says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveIn<'a> {
    /// Unique and stable for the booking (`{booking id}@{who wrote it}`):
    /// importing twice updates the event rather than doubling it.
    pub uid: &'a str,
    pub date: NaiveDate,
    /// The event's title ("Move in: Chalets").
    pub summary: &'a str,
    /// The property's address.
    pub location: &'a str,
    /// More for the tenant (the booking's reference), if anything.
    pub description: Option<&'a str>,
    /// When the booking was made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

/// The `.ics` text: CRLF line ends, text escaped and lines folded at 75
/// octets, as calendar apps require.
#[must_use]
pub fn ics(event: &MoveIn<'_>) -> String {
    let next = event
        .date
        .checked_add_days(Days::new(1))
        .unwrap_or(event.date);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//storage-booking//move-in//EN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(event.uid)),
        format!(
            "DTSTAMP:{}T{:02}{:02}{:02}Z",
            basic_date(event.stamp.date_naive()),
            event.stamp.hour(),
            event.stamp.minute(),
            event.stamp.second()
        ),
        format!("DTSTART;VALUE=DATE:{}", basic_date(event.date)),
        format!("DTEND;VALUE=DATE:{}", basic_date(next)),
        format!("SUMMARY:{}", escape(event.summary)),
        format!("LOCATION:{}", escape(event.location)),
    ];
    if let Some(description) = event.description {
        lines.push(format!("DESCRIPTION:{}", escape(description)));
    }
    lines.extend(["TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"].map(str::to_owned));
    lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("")
}

/// `YYYYMMDD`, written out rather than through chrono's `format`: the
/// widget runs this too, and strftime's interpreter would cost every
/// tenant its download.
fn basic_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: a line longer than 75 octets continues on the next one,
/// which starts with a space; never inside a character.
#[must_use]
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(summary: &'a str, location: &'a str) -> MoveIn<'a> {
        MoveIn {
            uid: "b-1@storage-widget",
            date: NaiveDate::from_ymd_opt(2024, 2, 29).expect("date"),
            summary,
            location,
            description: None,
            stamp: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn an_all_day_event_on_the_move_in_date() {
        let text = ics(&event(
            "Move in: Chalets",
            "1234 rue des Chalets, 31000 Toulouse",
        ));
        assert!(
            text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nDTSTART;VALUE=DATE:20240229\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nDTEND;VALUE=DATE:20240301\r\n"),
            "the next day, leap year: {text}"
        );
        assert!(text.contains("\r\nUID:b-1@storage-widget\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTAMP:19700101T000000Z\r\n"), "{text}");
        assert!(text.contains("\r\nSUMMARY:Move in: Chalets\r\n"), "{text}");
        assert!(
            text.contains("\r\nLOCATION:1234 rue des Chalets\\, 31000 Toulouse\r\n"),
            "the comma escaped: {text}"
        );
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let long = "Déménagement : ".repeat(10);
        let text = ics(&event(&long, "a;b\nc"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains(&format!("SUMMARY:{long}\r\n")),
            "{unfolded}"
        );
        assert!(unfolded.contains("LOCATION:a\\;b\\nc\r\n"), "{unfolded}");
    }
}

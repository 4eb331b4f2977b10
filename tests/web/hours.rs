//! The office hours for a given instant and time zone, public holidays
//! and exceptional closures honoured.

use booking_model::{Closure, ClosureKind, OpeningHours};
use chrono::NaiveDate;
use leptos::prelude::*;
use storage_widget::components::opening_hours::OpeningHoursPanel;
use storage_widget::i18n::Lang;
use storage_widget::intl;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::*;

/// The seed's week: closed Sunday, two slots the other days, holidays closed.
fn week() -> Vec<OpeningHours> {
    let seed: serde_json::Value = serde_json::from_str(include_str!(
        "../../../shared/api/examples/storegister-listing.json"
    ))
    .expect("seed");
    serde_json::from_value(seed["data"]["property"]["propertyOfficeOpeningHoursInfoList"].clone())
        .expect("hours")
}

fn mount(
    lang: Lang,
    zone: &'static str,
    at: &'static str,
    closures: Vec<Closure>,
) -> web_sys::HtmlElement {
    mount_with_locale(
        lang,
        move || view! { <OpeningHoursPanel week=week() closures time_zone=zone at=at /> },
    )
}

fn closure(m: u32, d: u32, kind: ClosureKind, name: &str) -> Closure {
    Closure {
        date: NaiveDate::from_ymd_opt(2024, m, d).expect("date"),
        kind,
        name: name.to_owned(),
    }
}

#[wasm_bindgen_test]
async fn opening_hours_for_a_given_instant_and_time_zone() {
    // Monday 5 Feb 2024, 08:30 UTC: 09:30 in Paris, 03:30 in New York.
    let paris = mount(Lang::En, "Europe/Paris", "2024-02-05T08:30:00Z", vec![]);
    let new_york = mount(Lang::En, "America/New_York", "2024-02-05T08:30:00Z", vec![]);
    // Saturday 3 Feb 2024, 18:30 UTC: 19:30 in Paris, after closing.
    let saturday = mount(Lang::En, "Europe/Paris", "2024-02-03T18:30:00Z", vec![]);
    leptos::task::tick().await;
    assert_eq!(
        texts(&paris, ".sw-hours__status"),
        ["Open now, closes at 12:30"]
    );
    assert_eq!(
        texts(&new_york, ".sw-hours__status"),
        ["Closed, opens at 09:00"]
    );
    assert_eq!(
        texts(&saturday, ".sw-hours__status"),
        ["Closed, opens Monday at 09:00"]
    );
    assert_eq!(text(&paris, "[aria-current=date] th"), "Monday (today)");
    let rows = texts(&paris, ".sw-hours__table th");
    assert_eq!(rows.len(), 8, "seven days and public holidays: {rows:?}");
    assert_eq!(
        texts(&paris, ".sw-hours__table td")[0],
        "09:00 to 12:30, 13:30 to 19:00"
    );
    assert_eq!(texts(&paris, ".sw-hours__table td")[6], "Closed");
    assert!(
        paris
            .query_selector(".sw-hours__closures")
            .expect("q")
            .is_none(),
        "no closure to list"
    );
    assert_eq!(
        intl::wall_clock(
            &js_sys::Date::new(&"2024-02-05T08:30:00Z".into()),
            "Asia/Tokyo"
        )
        .map(|c| c.1),
        Some(17 * 60 + 30)
    );
    let french = mount(Lang::Fr, "Europe/Paris", "2024-02-05T08:30:00Z", vec![]);
    leptos::task::tick().await;
    assert_eq!(
        texts(&french, ".sw-hours__status"),
        ["Ouvert, ferme à 12:30"]
    );
    assert_eq!(
        texts(&french, ".sw-hours__table td")[0],
        "09:00 à 12:30, 13:30 à 19:00"
    );
}

#[wasm_bindgen_test]
async fn closures_keep_the_office_shut_and_are_listed_ahead() {
    // Monday 5 Feb, 09:30 in Paris, but a public holiday (the seed keeps its
    // holidays closed) and Tuesday an exceptional closure: next opening
    // Wednesday. Later: a holiday in March, one beyond the sixty days listed.
    let closures = vec![
        closure(2, 5, ClosureKind::PublicHoliday, "Fête de test"),
        closure(2, 6, ClosureKind::Exceptional, "Inventaire"),
        closure(3, 1, ClosureKind::PublicHoliday, ""),
        closure(5, 1, ClosureKind::PublicHoliday, "Fête du Travail"),
        closure(2, 1, ClosureKind::Exceptional, "Past"),
    ];
    let root = mount(Lang::En, "Europe/Paris", "2024-02-05T08:30:00Z", closures);
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".sw-hours__status"),
        ["Closed, opens Wednesday at 09:00"]
    );
    assert_eq!(
        text(&root, "[aria-current=date] th"),
        "Public holidays (today)",
        "the holiday row applies today"
    );
    assert_eq!(
        text(&root, ".sw-hours__closures caption"),
        "Coming closures and holidays"
    );
    let dates = texts(&root, ".sw-hours__closures th");
    assert_eq!(
        dates,
        [
            "Monday, 5 February",
            "Tuesday, 6 February",
            "Friday, 1 March"
        ]
    );
    assert_eq!(
        texts(&root, ".sw-hours__closure-name"),
        ["Fête de test", "Inventaire", "Public holiday"],
        "a closure without a name is called by its kind"
    );
    assert_eq!(
        texts(&root, ".sw-hours__closure-hours"),
        ["Closed", "Closed", "Closed"]
    );

    // A week whose holiday row has hours opens on the holiday at those hours.
    let mut open_on_holidays = week();
    let holiday = open_on_holidays
        .iter_mut()
        .find(|d| d.day_of_week == -1)
        .expect("holiday row");
    holiday.is_closed = false;
    holiday.first_time_slot = Some("10:00 To 12:00".into());
    let closures = vec![closure(2, 5, ClosureKind::PublicHoliday, "Fête de test")];
    let root = mount_with_locale(Lang::En, move || {
        view! { <OpeningHoursPanel week=open_on_holidays closures time_zone="Europe/Paris" at="2024-02-05T08:30:00Z" /> }
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".sw-hours__status"),
        ["Closed, opens at 10:00"]
    );
    assert_eq!(texts(&root, ".sw-hours__closure-hours"), ["10:00 to 12:00"]);
}

use super::*;

/// The `{n}` placeholders of a template, in order of appearance.
fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(n, _)| n.to_owned()))
        .collect();
    found.sort();
    found
}

#[test]
fn every_language_fills_the_same_placeholders_as_english() {
    let english = Lang::En.t().entries();
    for lang in Lang::ALL {
        let entries = lang.t().entries();
        assert_eq!(entries.len(), english.len());
        for ((name, text), (_, reference)) in entries.iter().zip(&english) {
            assert!(!text.trim().is_empty(), "{lang:?}.{name} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(reference),
                "{lang:?}.{name}: {text:?} against {reference:?}"
            );
        }
    }
}

#[test]
fn punctuation_belongs_to_the_language() {
    for lang in Lang::ALL {
        for (name, text) in lang.t().entries() {
            for mark in [":", ";", "?", "!"] {
                let spaced = format!(" {mark}");
                if lang == Lang::Fr {
                    // French keeps a space before `:` `;`, but one that
                    // cannot break the line.
                    assert!(
                        !text.contains(&spaced),
                        "Fr.{name}: {text:?} breaks before {mark}"
                    );
                } else {
                    assert!(!text.contains(&spaced), "{lang:?}.{name}: {text:?}");
                    assert!(
                        !text.contains(&format!("\u{a0}{mark}")),
                        "{lang:?}.{name}: {text:?}"
                    );
                }
            }
        }
    }
    assert!(Lang::Fr.t().due_announcement.contains("\u{a0}:"));
    assert_eq!(
        fill(Lang::En.t().due_announcement, &["€160.00"]),
        "Due at move-in: €160.00"
    );
}

#[test]
fn languages_come_from_tags() {
    assert_eq!(Lang::from_tag("fr-FR"), Lang::Fr);
    assert_eq!(Lang::from_tag("nl_BE"), Lang::Nl);
    assert_eq!(Lang::from_tag("DE"), Lang::De);
    assert_eq!(Lang::from_tag("es-419"), Lang::Es);
    assert_eq!(Lang::from_tag("en-CA"), Lang::En);
    assert_eq!(Lang::from_tag("it-IT"), Lang::En);
    assert_eq!(Lang::parse("it"), None);
    assert_eq!(Lang::parse(""), None);
    assert_eq!(Lang::De.intl_locale("fr-FR"), "de-FR");
    assert_eq!(Lang::Nl.intl_locale("nl_be"), "nl-BE");
    assert_eq!(Lang::Es.intl_locale("es-419"), "es");
    assert_eq!(Lang::En.intl_locale("en"), "en");
}

#[test]
fn templates_are_filled_in_order() {
    assert_eq!(fill("{0} to {1}", &["09:00", "12:30"]), "09:00 to 12:30");
    assert_eq!(fill("{1}, then {0}", &["a", "b"]), "b, then a");
    assert_eq!(fill("{2} missing", &["a"]), " missing");
    assert_eq!(
        fill("no {placeholder} here {", &[]),
        "no {placeholder} here {"
    );
    assert_eq!(Lang::Fr.units_left(1), "Plus qu’un seul");
    assert_eq!(Lang::De.units_left(3), "3 frei");
    assert_eq!(Lang::Es.units_left(0), "Agotado");
    assert_eq!(
        Lang::Fr.stub_reason("4–29 févr.", 1, 29),
        "4–29 févr.\u{a0}: 1 jour sur 29"
    );
    assert_eq!(
        Lang::En.stub_reason("4–29 Feb", 26, 29),
        "4–29 Feb: 26 of 29 days"
    );
    assert_eq!(Lang::Nl.period(Period::Quarterly), "Per kwartaal");
    assert_eq!(Lang::Es.every(Period::Yearly), "al año");
}

#[test]
fn every_error_code_has_words_in_every_language() {
    for lang in Lang::ALL {
        for code in booking_model::ErrorCode::ALL {
            assert!(!lang.error(*code).is_empty());
        }
        assert_ne!(
            lang.error(ErrorCode::InvalidPromoCode),
            lang.error(ErrorCode::Required)
        );
    }
}

//! The tenant's details and the checks that both the widget (inline, as the
//! tenant types) and the server (before anything is stored) run on them.

use serde::{Deserialize, Serialize};

use crate::booking::WaitingListContact;
use crate::envelope::{ErrorCode, FieldError};

/// Who books, as StoRegister's tenant (contact book) holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::name))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::name))]
    pub last_name: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::email))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::phone))]
    pub phone_number: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::address))]
    pub address: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::name))]
    pub city: String,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::postal_code))]
    pub postal_code: String,
    #[serde(rename = "countryISOCode2")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::country))]
    pub country_iso_code2: String,
}

const NAME_MAX: usize = 100;
const ADDRESS_MAX: usize = 200;
const EMAIL_MAX: usize = 254;
const PHONE_MAX: usize = 30;
const POSTAL_CODE_MAX: usize = 10;

/// Every problem with a tenant's details, each with its field path
/// (`tenant.email`) and code (`INVALID_EMAIL`); empty when all is well.
#[must_use]
pub fn validate_tenant(tenant: &Tenant) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let field = |name: &str| format!("tenant.{name}");
    text(
        &mut errors,
        &field("firstName"),
        &tenant.first_name,
        NAME_MAX,
    );
    text(&mut errors, &field("lastName"), &tenant.last_name, NAME_MAX);
    email(&mut errors, &field("email"), &tenant.email);
    phone(&mut errors, &field("phoneNumber"), &tenant.phone_number);
    text(&mut errors, &field("address"), &tenant.address, ADDRESS_MAX);
    text(&mut errors, &field("city"), &tenant.city, NAME_MAX);
    let country_ok = country(
        &mut errors,
        &field("countryISOCode2"),
        &tenant.country_iso_code2,
    );
    let country = country_ok.then_some(tenant.country_iso_code2.trim());
    postal_code(
        &mut errors,
        &field("postalCode"),
        &tenant.postal_code,
        country,
    );
    errors
}

/// As [`validate_tenant`] for a waiting-list contact (`contact.email`); the
/// phone number is optional there.
#[must_use]
pub fn validate_contact(contact: &WaitingListContact) -> Vec<FieldError> {
    let mut errors = Vec::new();
    text(
        &mut errors,
        "contact.firstName",
        &contact.first_name,
        NAME_MAX,
    );
    text(
        &mut errors,
        "contact.lastName",
        &contact.last_name,
        NAME_MAX,
    );
    email(&mut errors, "contact.email", &contact.email);
    if let Some(number) = contact
        .phone_number
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        phone(&mut errors, "contact.phoneNumber", number);
    }
    errors
}

/// Required, at most `max` characters, no control characters. Returns
/// whether the value passed, so that a format check can follow.
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) -> bool {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, ErrorCode::Required, "is required"));
        false
    } else if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            ErrorCode::TooLong,
            format!("must be at most {max} characters"),
        ));
        false
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            ErrorCode::InvalidCharacters,
            "must not contain control characters",
        ));
        false
    } else {
        true
    }
}

fn email(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if text(errors, field, value, EMAIL_MAX) && !is_email(value.trim()) {
        errors.push(FieldError::new(
            field,
            ErrorCode::InvalidEmail,
            "is not an e-mail address (name@example.com)",
        ));
    }
}

/// The common shape of an address (RFC 5321's dot-atom local part, a
/// domain with a dot): strict enough to catch typos, not a full grammar.
#[must_use]
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

fn phone(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if !text(errors, field, value, PHONE_MAX) {
        return;
    }
    let value = value.trim();
    let body = value.strip_prefix('+').unwrap_or(value);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || " -.()/".contains(c));
    // E.164 allows at most 15 digits; fewer than 6 is no reachable number.
    if !allowed || !(6..=15).contains(&digits) {
        errors.push(FieldError::new(
            field,
            ErrorCode::InvalidPhone,
            "is not a phone number (6 to 15 digits, optionally starting with +)",
        ));
    }
}

fn country(errors: &mut Vec<FieldError>, field: &str, value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, ErrorCode::Required, "is required"));
        return false;
    }
    let known = value.len() == 2 && ISO_3166_ALPHA2.split(' ').any(|c| c == value);
    if !known {
        errors.push(FieldError::new(
            field,
            ErrorCode::InvalidCountry,
            "is not an ISO 3166-1 alpha-2 country code in capitals (FR, DE, GB)",
        ));
    }
    known
}

fn postal_code(errors: &mut Vec<FieldError>, field: &str, value: &str, country: Option<&str>) {
    if !text(errors, field, value, POSTAL_CODE_MAX) {
        return;
    }
    let value = value.trim();
    let digits = |n: usize, s: &str| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let generic = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-');
    let valid = generic
        && match country {
            Some(
                "FR" | "DE" | "ES" | "IT" | "FI" | "EE" | "HR" | "MC" | "MA" | "MX" | "UA" | "TR",
            ) => digits(5, value),
            Some(
                "BE" | "CH" | "AT" | "DK" | "NO" | "LU" | "AU" | "NZ" | "HU" | "SI" | "ZA" | "BG",
            ) => digits(4, value),
            Some("PT") => {
                value
                    .split_once('-')
                    .is_some_and(|(a, b)| digits(4, a) && digits(3, b))
                    || digits(4, value)
            }
            Some("PL") => value
                .split_once('-')
                .is_some_and(|(a, b)| digits(2, a) && digits(3, b)),
            Some("SE" | "CZ" | "SK" | "GR") => digits(5, &value.replace(' ', "")),
            Some("NL") => {
                let compact = value.replace(' ', "");
                compact.len() == 6
                    && digits(4, &compact[..4])
                    && compact[4..].bytes().all(|b| b.is_ascii_alphabetic())
            }
            Some("US") => {
                digits(5, value)
                    || value
                        .split_once('-')
                        .is_some_and(|(a, b)| digits(5, a) && digits(4, b))
            }
            Some("CA") => {
                let compact: Vec<u8> = value.bytes().filter(|b| *b != b' ').collect();
                compact.len() == 6
                    && compact.iter().enumerate().all(|(i, b)| {
                        if i % 2 == 0 {
                            b.is_ascii_alphabetic()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
            }
            Some("GB") => {
                let compact = value.replace(' ', "");
                (5..=7).contains(&compact.len())
                    && compact.as_bytes()[0].is_ascii_alphabetic()
                    && compact.as_bytes()[compact.len() - 3].is_ascii_digit()
            }
            _ => value.bytes().any(|b| b.is_ascii_alphanumeric()),
        };
    if !valid {
        errors.push(FieldError::new(
            field,
            ErrorCode::InvalidPostalCode,
            "is not a postal code of the country",
        ));
    }
}

/// Every country code [`validate_tenant`] accepts (ISO 3166-1 alpha-2), so
/// that a client offers exactly the countries the server takes.
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    ISO_3166_ALPHA2.split(' ')
}

/// ISO 3166-1 alpha-2, officially assigned codes.
const ISO_3166_ALPHA2: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL \
BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR \
HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU \
LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU \
NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO \
SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU \
WF WS YE YT ZA ZM ZW";

#[cfg(test)]
mod tests {
    use super::*;

    fn giada() -> Tenant {
        Tenant {
            first_name: "Giada".into(),
            last_name: "Rossi".into(),
            email: "giada.rossi@example.fr".into(),
            phone_number: "+33 111120000".into(),
            address: "2400 Rue des Chalets".into(),
            city: "Toulouse".into(),
            postal_code: "31000".into(),
            country_iso_code2: "FR".into(),
        }
    }

    fn codes_of(tenant: &Tenant) -> Vec<(String, ErrorCode)> {
        validate_tenant(tenant)
            .into_iter()
            .map(|e| (e.field.unwrap_or_default(), e.code))
            .collect()
    }

    #[test]
    fn a_complete_tenant_passes() {
        assert!(validate_tenant(&giada()).is_empty());
        let mut other = giada();
        other.phone_number = "0 34348593".into();
        other.country_iso_code2 = "NL".into();
        other.postal_code = "1012 AB".into();
        assert!(validate_tenant(&other).is_empty());
    }

    #[test]
    fn the_code_list_is_complete() {
        assert_eq!(ISO_3166_ALPHA2.split(' ').count(), 249);
    }

    #[test]
    fn each_field_is_named_with_its_code() {
        let mut t = giada();
        t.first_name = "  ".into();
        t.last_name = "x".repeat(101);
        t.email = "giada@@example".into();
        t.phone_number = "12ab".into();
        t.address = "line\u{7}".into();
        t.city = String::new();
        t.postal_code = "3100".into();
        t.country_iso_code2 = "fr".into();
        let got = codes_of(&t);
        let expected = [
            ("tenant.firstName", ErrorCode::Required),
            ("tenant.lastName", ErrorCode::TooLong),
            ("tenant.email", ErrorCode::InvalidEmail),
            ("tenant.phoneNumber", ErrorCode::InvalidPhone),
            ("tenant.address", ErrorCode::InvalidCharacters),
            ("tenant.city", ErrorCode::Required),
            ("tenant.countryISOCode2", ErrorCode::InvalidCountry),
        ];
        let expected: Vec<(String, ErrorCode)> = expected
            .iter()
            .map(|(f, c)| ((*f).to_owned(), *c))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn postal_codes_follow_the_country() {
        let mut t = giada();
        t.postal_code = "3100".into();
        assert_eq!(
            codes_of(&t),
            [(
                "tenant.postalCode".to_owned(),
                ErrorCode::InvalidPostalCode.to_owned()
            )]
        );
        t.country_iso_code2 = "BE".into();
        assert!(codes_of(&t).is_empty());
        t.country_iso_code2 = "CA".into();
        t.postal_code = "H2X 1Y4".into();
        assert!(codes_of(&t).is_empty());
    }

    #[test]
    fn emails() {
        for good in [
            "a@b.fr",
            "first.last+tag@sub.example.co.uk",
            "o'neil@example.ie",
        ] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "a@b", "@b.fr", "a.@b.fr", "a b@c.fr", "a@-b.fr", "a@b.f", "a@b..fr", "a@b.123",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn contacts_may_omit_the_phone() {
        let contact = WaitingListContact {
            first_name: "Giada".into(),
            last_name: "Rossi".into(),
            email: "nope".into(),
            phone_number: None,
        };
        let errors = validate_contact(&contact);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.as_deref(), Some("contact.email"));
    }
}

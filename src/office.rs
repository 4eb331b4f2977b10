//! How the property's office is written for a tenant: its address in the
//! order its country writes one. Pure.

use booking_model::Property;

/// "1234 rue des Chalets, 31000 Toulouse"; North America and the United
/// Kingdom put the postal code after the city ("12 Main St, Toronto M5V 2T6").
#[must_use]
pub fn address_line(property: &Property) -> String {
    let code_last = matches!(
        property.country_iso_code2.to_ascii_uppercase().as_str(),
        "CA" | "US" | "GB" | "IE" | "AU"
    );
    let locality = if code_last {
        format!("{} {}", property.city, property.postal_code)
    } else {
        format!("{} {}", property.postal_code, property.city)
    };
    format!("{}, {}", property.address, locality.trim())
}

/// The phone number as a `tel:` link wants it.
#[must_use]
pub fn tel_href(number: &str) -> String {
    let dialled: String = number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{dialled}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::property;

    #[test]
    fn addresses_follow_their_country() {
        let mut chalets = property().property;
        assert_eq!(
            address_line(&chalets),
            "1234 rue des Chalets, 31000 Toulouse"
        );
        chalets.country_iso_code2 = "CA".into();
        chalets.city = "Toronto".into();
        chalets.postal_code = "M5V 2T6".into();
        assert_eq!(
            address_line(&chalets),
            "1234 rue des Chalets, Toronto M5V 2T6"
        );
        assert_eq!(tel_href("+33 5 22-24 38 38"), "tel:+33522243838");
    }
}

//! Who sent the tenant: kept with the booking so the operator can tell which
//! campaign or site a booking came from.

use serde::{Deserialize, Serialize};

use crate::envelope::{ErrorCode, FieldError};

/// UTM parameters, the referrer and the landing page of a booking, as the
/// widget read them from the page that showed it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attribution {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub utm_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub utm_medium: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub utm_campaign: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub utm_term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub utm_content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub referrer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::attribution_value))]
    pub landing_page: Option<String>,
}

/// Longest value kept: enough for any real URL, small enough to store.
pub const ATTRIBUTION_MAX: usize = 2000;

impl Attribution {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    fn fields(&self) -> [(&'static str, &Option<String>); 7] {
        [
            ("utmSource", &self.utm_source),
            ("utmMedium", &self.utm_medium),
            ("utmCampaign", &self.utm_campaign),
            ("utmTerm", &self.utm_term),
            ("utmContent", &self.utm_content),
            ("referrer", &self.referrer),
            ("landingPage", &self.landing_page),
        ]
    }
}

/// Every value over [`ATTRIBUTION_MAX`] characters or holding a control
/// character, as `attribution.<field>` errors.
#[must_use]
pub fn validate_attribution(attribution: &Attribution) -> Vec<FieldError> {
    attribution
        .fields()
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value.as_deref()?;
            let field = format!("attribution.{name}");
            if value.chars().count() > ATTRIBUTION_MAX {
                Some(FieldError::new(
                    field,
                    ErrorCode::TooLong,
                    format!("at most {ATTRIBUTION_MAX} characters"),
                ))
            } else if value.chars().any(char::is_control) {
                Some(FieldError::new(
                    field,
                    ErrorCode::InvalidCharacters,
                    "control characters are not allowed",
                ))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_or_control_values_are_refused_by_field() {
        let attribution = Attribution {
            utm_source: Some("newsletter".into()),
            utm_campaign: Some("x".repeat(ATTRIBUTION_MAX + 1)),
            referrer: Some("https://a.example/\n".into()),
            ..Attribution::default()
        };
        let fields: Vec<_> = validate_attribution(&attribution)
            .into_iter()
            .filter_map(|e| e.field)
            .collect();
        assert_eq!(fields, ["attribution.utmCampaign", "attribution.referrer"]);
        assert!(validate_attribution(&Attribution::default()).is_empty());
    }
}

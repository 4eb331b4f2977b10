//! What the tenant chose and typed, as plain data: kept in `localStorage`
//! so the form survives a reload, started from the embedder's defaults and
//! a marketing link, and turned into the API's `Selection` and `Tenant`.
//! Pure, so it is tested natively.

use booking_model::{AddOnSelection, Mode, PropertyDetails, Selection, Tenant};
use chrono::NaiveDate;
use pricing::Period;
use serde::{Deserialize, Serialize};

use crate::deep_link::DeepLink;

/// The whole form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Draft {
    pub storage_id: String,
    pub size_id: String,
    pub price_id: String,
    pub mode: Option<Mode>,
    pub tenant_type: String,
    pub period: Option<Period>,
    pub move_in_date: String,
    pub insurance_plan_id: String,
    pub add_ons: Vec<(String, u32)>,
    pub promo_code: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone_number: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, as the wire has it.
    pub country: String,
    pub terms_accepted: bool,
}

impl Draft {
    /// The selection this draft makes at `property_id`, once a size is
    /// chosen and the move-in date is a date.
    #[must_use]
    pub fn selection(&self, property_id: &str) -> Option<Selection> {
        if self.size_id.is_empty() || self.price_id.is_empty() {
            return None;
        }
        let move_in_date = self.move_in_date.parse::<NaiveDate>().ok()?;
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        Some(Selection {
            property_info_id: property_id.to_owned(),
            storage_info_id: self.storage_id.clone(),
            storage_space_size_info_id: self.size_id.clone(),
            price_id: self.price_id.clone(),
            mode: self.mode.unwrap_or(Mode::Rent),
            tax_user_type_info_id: self.tenant_type.clone(),
            payment_period: self.period.unwrap_or(Period::Monthly),
            move_in_date,
            insurance_plan_id: optional(&self.insurance_plan_id),
            add_ons: self
                .add_ons
                .iter()
                .filter(|(_, q)| *q > 0)
                .map(|(id, quantity)| AddOnSelection {
                    id: id.clone(),
                    quantity: *quantity,
                })
                .collect(),
            promo_code: optional(&self.promo_code),
        })
    }

    /// The tenant's details as typed (the server trims and checks them too).
    #[must_use]
    pub fn tenant(&self) -> Tenant {
        Tenant {
            first_name: self.first_name.trim().to_owned(),
            last_name: self.last_name.trim().to_owned(),
            email: self.email.trim().to_owned(),
            phone_number: self.phone_number.trim().to_owned(),
            address: self.address.trim().to_owned(),
            city: self.city.trim().to_owned(),
            postal_code: self.postal_code.trim().to_owned(),
            country_iso_code2: self.country.trim().to_ascii_uppercase(),
        }
    }
}

/// The embedder's defaults (`data-storage`, `data-tenant-type`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Defaults<'a> {
    pub storage_id: Option<&'a str>,
    pub tenant_type: Option<&'a str>,
}

/// The form to start from: the saved draft, else the embedder's and the
/// property's defaults (the property's country for the tenant's); then
/// whatever a marketing link asks for on top. Says whether the move-in
/// date came from the link: a linked date is kept as given, to be checked
/// like one the tenant typed, where a saved one that went stale moves on.
#[must_use]
pub fn initial(
    saved: Option<Draft>,
    details: &PropertyDetails,
    defaults: Defaults<'_>,
    link: &DeepLink,
) -> (Draft, bool) {
    let mut draft = saved.unwrap_or_default();
    let or_first = |given: Option<&str>, first: Option<&String>| {
        given
            .map(str::to_owned)
            .or_else(|| first.cloned())
            .unwrap_or_default()
    };
    if draft.storage_id.is_empty() {
        draft.storage_id = or_first(defaults.storage_id, details.storages.first().map(|s| &s.id));
    }
    if draft.tenant_type.is_empty() {
        draft.tenant_type = or_first(
            defaults.tenant_type,
            details.tenant_types.first().map(|t| &t.id),
        );
    }
    if draft.country.is_empty() {
        draft.country = details.property.country_iso_code2.to_ascii_uppercase();
    }
    if draft
        .period
        .is_none_or(|p| !details.payment_periods.contains(&p))
    {
        draft.period = details.payment_periods.first().copied();
    }
    let linked = apply_link(&mut draft, link, &details.payment_periods);
    (draft, linked)
}

/// Writes what a link asks for into `draft`; a period the property does
/// not offer is left out. Returns whether the link set the move-in date.
fn apply_link(draft: &mut Draft, link: &DeepLink, offered: &[Period]) -> bool {
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(value) = value {
            field.clone_from(value);
        }
    };
    set(&mut draft.size_id, &link.size);
    set(&mut draft.price_id, &link.price);
    set(&mut draft.promo_code, &link.promo);
    set(&mut draft.insurance_plan_id, &link.insurance);
    set(&mut draft.move_in_date, &link.move_in);
    draft.mode = link.mode.or(draft.mode);
    if let Some(period) = link.period.filter(|p| offered.contains(p)) {
        draft.period = Some(period);
    }
    link.move_in.is_some()
}

/// The move-in date a form should show: a saved date that has gone stale
/// (or was never set) moves to the earliest the property offers; `None`
/// keeps the current one.
#[must_use]
pub fn settled_move_in(current: &str, earliest: NaiveDate) -> Option<NaiveDate> {
    let stale = current.parse::<NaiveDate>().map_or(true, |d| d < earliest);
    stale.then_some(earliest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::property;

    #[test]
    fn defaults_fill_an_empty_draft_and_a_link_goes_on_top() {
        let details = property();
        let link = DeepLink::parse([
            ("size", "s-8"),
            ("price", "p-1"),
            ("mode", "book"),
            ("promo", "SPRING"),
            ("moveIn", "2024-02-10"),
            ("period", "quarterly"),
        ]);
        let (draft, linked) = initial(None, &details, Defaults::default(), &link);
        assert!(linked);
        assert_eq!(draft.storage_id, details.storages[0].id);
        assert_eq!(draft.tenant_type, details.tenant_types[0].id);
        assert_eq!(draft.country, "FR", "the property's country");
        assert_eq!(
            (draft.size_id.as_str(), draft.price_id.as_str()),
            ("s-8", "p-1")
        );
        assert_eq!(draft.mode, Some(Mode::Book));
        assert_eq!(draft.period, Some(Period::Quarterly));
        assert_eq!(draft.promo_code, "SPRING");
        assert_eq!(draft.move_in_date, "2024-02-10");
    }

    #[test]
    fn a_saved_draft_wins_over_defaults_but_not_over_a_link() {
        let details = property();
        let saved = Draft {
            tenant_type: details.tenant_types[1].id.clone(),
            country: "BE".into(),
            period: Some(Period::Yearly), // no longer offered
            promo_code: "OLD".into(),
            first_name: "Ada".into(),
            ..Draft::default()
        };
        let defaults = Defaults {
            storage_id: Some("from-embedder"),
            tenant_type: Some("ignored"),
        };
        let (draft, linked) = initial(
            Some(saved),
            &details,
            defaults,
            &DeepLink::parse([("promo", "NEW")]),
        );
        assert!(!linked);
        assert_eq!(draft.storage_id, "from-embedder");
        assert_eq!(draft.tenant_type, details.tenant_types[1].id);
        assert_eq!(draft.country, "BE");
        assert_eq!(
            draft.period,
            Some(Period::Monthly),
            "back to an offered one"
        );
        assert_eq!(draft.promo_code, "NEW");
        assert_eq!(draft.first_name, "Ada");
    }

    #[test]
    fn applying_keeps_what_the_link_does_not_say() {
        let mut draft = Draft {
            promo_code: "KEPT".into(),
            mode: Some(Mode::Book),
            period: Some(Period::Monthly),
            ..Draft::default()
        };
        let link = DeepLink::parse([("size", "s"), ("period", "YEARLY")]);
        assert!(!apply_link(
            &mut draft,
            &link,
            &[Period::Monthly, Period::Quarterly]
        ));
        assert_eq!(draft.size_id, "s");
        assert_eq!(draft.promo_code, "KEPT");
        assert_eq!(draft.mode, Some(Mode::Book));
        assert_eq!(draft.period, Some(Period::Monthly), "yearly is not offered");
    }

    #[test]
    fn a_stale_move_in_date_moves_to_the_earliest() {
        let earliest = NaiveDate::from_ymd_opt(2024, 2, 4).expect("date");
        assert_eq!(settled_move_in("2024-02-01", earliest), Some(earliest));
        assert_eq!(settled_move_in("", earliest), Some(earliest));
        assert_eq!(settled_move_in("2024-02-20", earliest), None);
    }

    #[test]
    fn a_selection_needs_a_size_and_a_date_and_trims_optional_fields() {
        let mut draft = Draft {
            storage_id: "st".into(),
            size_id: "si".into(),
            price_id: "pr".into(),
            move_in_date: "2024-02-04".into(),
            promo_code: "  ".into(),
            insurance_plan_id: " plan ".into(),
            add_ons: vec![("padlock".into(), 1), ("boxes".into(), 0)],
            country: " fr ".into(),
            ..Draft::default()
        };
        let selection = draft.selection("prop").expect("a selection");
        assert_eq!(selection.promo_code, None);
        assert_eq!(selection.insurance_plan_id.as_deref(), Some("plan"));
        assert_eq!(selection.add_ons.len(), 1);
        assert_eq!(draft.tenant().country_iso_code2, "FR");
        draft.move_in_date = "4 Feb".into();
        assert_eq!(draft.selection("prop"), None);
    }
}

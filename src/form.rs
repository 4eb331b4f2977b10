//! The booking form's state: one signal per input, shared with every
//! component through context, saved as a draft in `localStorage` so the
//! form survives a reload, and turned into the API's `Selection` and
//! `Tenant`.

use booking_model::{AddOnSelection, Mode, Selection, Tenant};
use chrono::NaiveDate;
use leptos::prelude::*;
use pricing::Period;
use serde::{Deserialize, Serialize};

/// What the tenant chose and typed, as the draft keeps it.
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
    pub country: String,
    pub terms_accepted: bool,
}

/// The form's live state; `Copy`, so closures take it freely.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub storage_id: RwSignal<String>,
    pub size_id: RwSignal<String>,
    pub price_id: RwSignal<String>,
    pub mode: RwSignal<Mode>,
    pub tenant_type: RwSignal<String>,
    pub period: RwSignal<Period>,
    pub move_in_date: RwSignal<String>,
    pub insurance_plan_id: RwSignal<String>,
    /// Chosen add-ons and their quantities; absent or 0 means not chosen.
    pub add_ons: RwSignal<Vec<(String, u32)>>,
    pub promo_code: RwSignal<String>,
    pub first_name: RwSignal<String>,
    pub last_name: RwSignal<String>,
    pub email: RwSignal<String>,
    pub phone_number: RwSignal<String>,
    pub address: RwSignal<String>,
    pub city: RwSignal<String>,
    pub postal_code: RwSignal<String>,
    pub country: RwSignal<String>,
    pub terms_accepted: RwSignal<bool>,
}

impl Form {
    #[must_use]
    pub fn new(draft: Draft) -> Self {
        Self {
            storage_id: RwSignal::new(draft.storage_id),
            size_id: RwSignal::new(draft.size_id),
            price_id: RwSignal::new(draft.price_id),
            mode: RwSignal::new(draft.mode.unwrap_or(Mode::Rent)),
            tenant_type: RwSignal::new(draft.tenant_type),
            period: RwSignal::new(draft.period.unwrap_or(Period::Monthly)),
            move_in_date: RwSignal::new(draft.move_in_date),
            insurance_plan_id: RwSignal::new(draft.insurance_plan_id),
            add_ons: RwSignal::new(draft.add_ons),
            promo_code: RwSignal::new(draft.promo_code),
            first_name: RwSignal::new(draft.first_name),
            last_name: RwSignal::new(draft.last_name),
            email: RwSignal::new(draft.email),
            phone_number: RwSignal::new(draft.phone_number),
            address: RwSignal::new(draft.address),
            city: RwSignal::new(draft.city),
            postal_code: RwSignal::new(draft.postal_code),
            country: RwSignal::new(draft.country),
            terms_accepted: RwSignal::new(draft.terms_accepted),
        }
    }

    /// The inputs that decide the price, as a draft with no tenant details:
    /// a quote derived from it is not recomputed as the tenant types a name.
    #[must_use]
    pub fn selection_draft(&self) -> Draft {
        Draft {
            storage_id: self.storage_id.get(),
            size_id: self.size_id.get(),
            price_id: self.price_id.get(),
            mode: Some(self.mode.get()),
            tenant_type: self.tenant_type.get(),
            period: Some(self.period.get()),
            move_in_date: self.move_in_date.get(),
            insurance_plan_id: self.insurance_plan_id.get(),
            add_ons: self.add_ons.get(),
            promo_code: self.promo_code.get(),
            ..Draft::default()
        }
    }

    /// The whole form as a draft; reading it tracks every input.
    #[must_use]
    pub fn draft(&self) -> Draft {
        Draft {
            first_name: self.first_name.get(),
            last_name: self.last_name.get(),
            email: self.email.get(),
            phone_number: self.phone_number.get(),
            address: self.address.get(),
            city: self.city.get(),
            postal_code: self.postal_code.get(),
            country: self.country.get(),
            terms_accepted: self.terms_accepted.get(),
            ..self.selection_draft()
        }
    }

    /// The quantity chosen for an add-on (0: not chosen).
    #[must_use]
    pub fn add_on_quantity(&self, id: &str) -> u32 {
        self.add_ons
            .with(|list| list.iter().find(|(a, _)| a == id).map_or(0, |(_, q)| *q))
    }

    pub fn set_add_on_quantity(&self, id: &str, quantity: u32) {
        self.add_ons.update(|list| {
            list.retain(|(a, _)| a != id);
            if quantity > 0 {
                list.push((id.to_owned(), quantity));
            }
        });
    }
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

const DRAFT_KEY: &str = "storage-widget:draft:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The draft saved for a property, if any (and readable).
#[must_use]
pub fn load_draft(property_id: &str) -> Option<Draft> {
    let text = storage()?
        .get_item(&format!("{DRAFT_KEY}{property_id}"))
        .ok()??;
    serde_json::from_str(&text).ok()
}

/// Saves the draft; a full or forbidden storage only loses the draft.
pub fn save_draft(property_id: &str, draft: &Draft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&format!("{DRAFT_KEY}{property_id}"), &text);
    }
}

/// Forgets the draft once the booking is made.
pub fn clear_draft(property_id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{DRAFT_KEY}{property_id}"));
    }
}

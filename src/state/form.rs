//! The draft as signals, one per input (`Copy`, so closures take it
//! freely), saved in `localStorage` so the form survives a reload.

use booking_model::{Mode, Selection};
use leptos::prelude::*;
use pricing::Period;

use crate::draft::Draft;

/// The form's live state.
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
    pub fn priced_inputs(&self) -> Draft {
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

    /// The selection to price, once a size and a date are chosen.
    #[must_use]
    pub fn selection(&self, property_id: &str) -> Option<Selection> {
        self.priced_inputs().selection(property_id)
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
            ..self.priced_inputs()
        }
    }

    /// The whole form as it is now, without tracking it (event handlers).
    #[must_use]
    pub fn draft_now(&self) -> Draft {
        untrack(|| self.draft())
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

    /// Chooses a variant of a size, to rent or to reserve.
    /// The listing is asked for again only when the storage type changes.
    pub fn choose(&self, storage_id: &str, size_id: &str, price_id: &str, mode: Mode) {
        if self.storage_id.with_untracked(|s| s != storage_id) {
            self.storage_id.set(storage_id.to_owned());
        }
        self.size_id.set(size_id.to_owned());
        self.price_id.set(price_id.to_owned());
        self.mode.set(mode);
    }

    /// Forgets the chosen size (it sold out, or the tenant books another).
    pub fn unchoose(&self) {
        self.size_id.set(String::new());
        self.price_id.set(String::new());
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
    crate::api::json::parse(&text)
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

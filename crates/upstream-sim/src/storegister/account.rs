//! The operator's StoRegister account: its listings (one per property and
//! storage, in the shape of the reference's example), booking quote previews
//! and tenants, seeded from the reference's example payloads. What the
//! simulator changes in them is availability, through the control API.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The seed data; `fixtures/storegister.json` (the reference's examples) by default.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// The operator's secret keys (`X-API-Key`).
    pub api_keys: Vec<String>,
    /// Tenant types (`taxUserTypeInfoId`); every one sees the same prices here.
    pub tax_user_types: Vec<TaxUserType>,
    /// Payment period keys the listing answers for (`Monthly`).
    pub payment_periods: Vec<String>,
    /// `data` objects of "Size and Price Listing", one per property and storage.
    pub listings: Vec<Value>,
    /// `data` objects of "Booking Activity and Quote Retrieval".
    #[serde(default)]
    pub quotes: Vec<Value>,
    /// `data` objects of "Tenant Information".
    #[serde(default)]
    pub tenants: Vec<Value>,
    /// Tenant session tokens known from the start (token → `contactBook.id`),
    /// for demos; tests issue their own through the control API.
    #[serde(default)]
    pub tenant_tokens: BTreeMap<String, String>,
}

/// Without the keys and tokens: a `{:?}` must not put them in a log.
impl std::fmt::Debug for Fixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fixture")
            .field("api_keys", &self.api_keys.len())
            .field("tax_user_types", &self.tax_user_types)
            .field("payment_periods", &self.payment_periods)
            .field("listings", &self.listings.len())
            .field("quotes", &self.quotes.len())
            .field("tenants", &self.tenants.len())
            .field("tenant_tokens", &self.tenant_tokens.len())
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxUserType {
    pub id: String,
    pub name: String,
}

pub const DEFAULT: &str = include_str!("../../fixtures/storegister.json");

impl Fixture {
    /// # Errors
    /// Only if the built-in file were broken (a test guards it).
    pub fn default_fixture() -> Result<Self, String> {
        Self::parse(DEFAULT)
    }

    /// # Errors
    /// A message naming the JSON path or the record at fault.
    pub fn parse(text: &str) -> Result<Self, String> {
        let fixture: Fixture =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
                .map_err(|e| format!("storegister fixture: {}: {}", e.path(), e.inner()))?;
        fixture.account().map(|_| fixture)
    }

    pub(crate) fn account(&self) -> Result<Account, String> {
        let account = Account {
            listings: self.listings.clone(),
            quotes: self.quotes.clone(),
            tenants: self.tenants.clone(),
        };
        for (i, listing) in account.listings.iter().enumerate() {
            if text(listing, &["property", "id"]).is_none()
                || text(listing, &["storage", "id"]).is_none()
            {
                return Err(format!(
                    "storegister fixture: listings[{i}] lacks property.id or storage.id"
                ));
            }
        }
        for (i, quote) in account.quotes.iter().enumerate() {
            if text(quote, &["id"]).is_none() {
                return Err(format!("storegister fixture: quotes[{i}] lacks id"));
            }
        }
        for (i, tenant) in account.tenants.iter().enumerate() {
            if text(tenant, &["contactBook", "id"]).is_none() {
                return Err(format!(
                    "storegister fixture: tenants[{i}] lacks contactBook.id"
                ));
            }
        }
        for contact in self.tenant_tokens.values() {
            if account.tenant(contact).is_none() {
                return Err(format!(
                    "storegister fixture: a tenant token names {contact}, not a tenant"
                ));
            }
        }
        if self.api_keys.is_empty() {
            return Err("storegister fixture: no api_keys, so no one could call".into());
        }
        Ok(account)
    }
}

/// An error code of the reference and the HTTP status it comes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failure {
    pub status: u16,
    pub code: &'static str,
    pub message: &'static str,
}

impl Failure {
    const fn new(status: u16, code: &'static str, message: &'static str) -> Self {
        Self {
            status,
            code,
            message,
        }
    }
}

pub(crate) const BAD_PROPERTY: Failure =
    Failure::new(400, "INVALID_PARAM_PROPERTY_INFO_ID", "invalid property ID");
pub(crate) const BAD_STORAGE: Failure =
    Failure::new(400, "INVALID_PARAM_STORAGE_INFO_ID", "invalid storage ID");
pub(crate) const BAD_USER_TYPE: Failure =
    Failure::new(400, "INVALID_PARAM_TAX_USER_TYPE_ID", "invalid user type");
pub(crate) const BAD_ACTIVITY: Failure =
    Failure::new(400, "INVALID_PARAM_ACTIVITY_INFO_ID", "invalid activity ID");
pub(crate) const BAD_CONTACT: Failure = Failure::new(
    400,
    "INVALID_PARAM_CONTACT_BOOK_ID",
    "invalid contact id or user id",
);
pub(crate) const NO_RECORDS: Failure =
    Failure::new(404, "NO_RECORDS_FOUND", "no relevant information found");
pub(crate) const BAD_GROUP: Failure =
    Failure::new(400, "FAILED", "storageGroupInfoId must be a whole number");

/// What a listing request names (the path's five parameters).
#[derive(Debug, Clone)]
pub(crate) struct ListingQuery<'a> {
    pub storage_id: &'a str,
    pub property_id: &'a str,
    pub user_type_id: &'a str,
    pub storage_group: &'a str,
    pub period: &'a str,
}

/// A change of availability for one size (control API), in the listing's
/// own field names; `price` picks one row of the size's price list (all
/// rows when absent).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AvailabilityChange {
    pub available_count: Option<u64>,
    pub available_space_for_rent: Option<u64>,
    pub available_space_for_book: Option<u64>,
    pub price: Option<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Account {
    listings: Vec<Value>,
    quotes: Vec<Value>,
    tenants: Vec<Value>,
}

impl Account {
    /// The listing for the path's parameters, sizes of other groups left out
    /// (`storageGroup` 0 keeps all).
    pub(crate) fn listing(
        &self,
        query: &ListingQuery<'_>,
        fixture: &Fixture,
    ) -> Result<Value, Failure> {
        let storage = uuid(query.storage_id).ok_or(BAD_STORAGE)?;
        let property = uuid(query.property_id).ok_or(BAD_PROPERTY)?;
        let user_type = uuid(query.user_type_id).ok_or(BAD_USER_TYPE)?;
        let group: i64 = query.storage_group.parse().map_err(|_| BAD_GROUP)?;
        let of_property: Vec<&Value> = self
            .listings
            .iter()
            .filter(|l| text(l, &["property", "id"]).is_some_and(|id| same_id(id, &property)))
            .collect();
        if of_property.is_empty() {
            return Err(BAD_PROPERTY);
        }
        let listing = of_property
            .into_iter()
            .find(|l| text(l, &["storage", "id"]).is_some_and(|id| same_id(id, &storage)))
            .ok_or(BAD_STORAGE)?;
        if !fixture
            .tax_user_types
            .iter()
            .any(|t| same_id(&t.id, &user_type))
        {
            return Err(BAD_USER_TYPE);
        }
        if !fixture
            .payment_periods
            .iter()
            .any(|p| p.eq_ignore_ascii_case(query.period))
        {
            return Err(NO_RECORDS);
        }
        let mut listing = listing.clone();
        let mut sizes_left = 0;
        for data in sizes_lists(&mut listing) {
            data.retain(|size| {
                group == 0
                    || size.get("storageSizeGroupInfoId").and_then(Value::as_i64) == Some(group)
            });
            sizes_left += data.len();
        }
        if sizes_left == 0 {
            return Err(NO_RECORDS);
        }
        Ok(listing)
    }

    pub(crate) fn quote(&self, booking_id: &str) -> Result<Value, Failure> {
        let id = uuid(booking_id).ok_or(BAD_ACTIVITY)?;
        self.quotes
            .iter()
            .find(|q| text(q, &["id"]).is_some_and(|qid| same_id(qid, &id)))
            .cloned()
            .ok_or(NO_RECORDS)
    }

    pub(crate) fn tenant(&self, contact_id: &str) -> Option<&Value> {
        self.tenants
            .iter()
            .find(|t| text(t, &["contactBook", "id"]) == Some(contact_id))
    }

    /// Adds a quote preview, or replaces the one with its `id`.
    pub(crate) fn put_quote(&mut self, quote: Value) -> Result<String, String> {
        let id = text(&quote, &["id"])
            .filter(|id| uuid(id).is_some())
            .ok_or("a quote needs an id that is a UUID")?
            .to_owned();
        self.quotes
            .retain(|q| text(q, &["id"]) != Some(id.as_str()));
        self.quotes.push(quote);
        Ok(id)
    }

    /// Sets availability fields of a size wherever it is listed; how many
    /// sizes were changed (0: no such size or price row).
    pub(crate) fn set_availability(&mut self, size_id: &str, change: &AvailabilityChange) -> usize {
        let mut changed = 0;
        for listing in &mut self.listings {
            for sizes in sizes_lists(listing) {
                for size in sizes.iter_mut().filter(|s| {
                    s.get("storageSpaceSizeInfoId").and_then(Value::as_str) == Some(size_id)
                }) {
                    if apply(size, change) {
                        changed += 1;
                    }
                }
            }
        }
        changed
    }
}

fn apply(size: &mut Value, change: &AvailabilityChange) -> bool {
    let mut rows: Vec<&mut Value> = size
        .get_mut("storageCategory")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(|category| category.get_mut("price").and_then(Value::as_array_mut))
        .flatten()
        .collect();
    if let Some(index) = change.price {
        if index >= rows.len() {
            return false;
        }
        rows = rows.into_iter().skip(index).take(1).collect();
    }
    for row in rows {
        if let Some(n) = change.available_space_for_rent {
            row["availableSpaceForRent"] = Value::from(n);
        }
        if let Some(n) = change.available_space_for_book {
            row["availableSpaceForBook"] = Value::from(n);
        }
    }
    if let Some(n) = change.available_count {
        size["availableCount"] = Value::from(n);
    }
    true
}

/// Every `propertySizePriceData[].sizes` array of a listing.
fn sizes_lists(listing: &mut Value) -> Vec<&mut Vec<Value>> {
    listing
        .get_mut("propertySizePriceData")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(|data| data.get_mut("sizes").and_then(Value::as_array_mut))
        .collect()
}

fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_str)
}

/// The reference's ids are "unique-identifier"s: UUIDs.
fn uuid(text: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::parse_str(text).ok()
}

fn same_id(text: &str, id: &uuid::Uuid) -> bool {
    uuid(text).as_ref() == Some(id)
}

//! The seed data: API clients, facilities with their unit types and units,
//! customers, promotions and invoices, read from JSON (`fixtures/stortech.json`
//! is the default, built in). Units are listed one by one or as numbered
//! blocks, so a facility of hundreds of units stays a short file.

use std::collections::HashSet;

use serde::Deserialize;

use super::model::{Customer, Facility, Invoice, Promotion, Unit, UnitStatus, UnitType};
use super::store::{Ids, Store, TypeEntry};

/// The default fixture, built into the binary.
pub const DEFAULT: &str = include_str!("../../fixtures/stortech.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub clients: Vec<ApiClient>,
    pub facilities: Vec<FacilityFixture>,
    #[serde(default)]
    pub customers: Vec<Customer>,
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    #[serde(default)]
    pub invoices: Vec<Invoice>,
}

/// OAuth client credentials the simulator accepts, and the scopes they may ask.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiClient {
    pub client_id: String,
    pub client_secret: String,
    #[serde(default = "all_scopes")]
    pub scopes: Vec<String>,
}

/// Without the secret: a `{:?}` must not put it in a log.
impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

fn all_scopes() -> Vec<String> {
    vec!["read".into(), "write".into()]
}

#[derive(Debug, Clone, Deserialize)]
pub struct FacilityFixture {
    #[serde(flatten)]
    pub facility: Facility,
    pub unit_types: Vec<UnitTypeFixture>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UnitTypeFixture {
    #[serde(flatten)]
    pub unit_type: UnitType,
    pub units: Vec<UnitsFixture>,
}

/// One unit (`unit_number`, optional `id`) or a block (`prefix`, `from`,
/// `count`: `A101`, `A102`, …); `status` defaults to `available`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum UnitsFixture {
    One {
        #[serde(default)]
        id: Option<String>,
        unit_number: String,
        #[serde(default = "available")]
        status: UnitStatus,
        #[serde(default)]
        access_code: Option<String>,
    },
    Block {
        prefix: String,
        from: u32,
        count: u32,
        #[serde(default = "available")]
        status: UnitStatus,
    },
}

fn available() -> UnitStatus {
    UnitStatus::Available
}

impl Fixture {
    /// The built-in default.
    ///
    /// # Errors
    /// Only if the built-in file were broken (a test guards it).
    pub fn default_fixture() -> Result<Self, String> {
        Self::parse(DEFAULT)
    }

    /// Reads and checks a fixture.
    ///
    /// # Errors
    /// A message naming the JSON path or the record at fault.
    pub fn parse(text: &str) -> Result<Self, String> {
        let fixture: Fixture =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
                .map_err(|e| format!("stortech fixture: {}: {}", e.path(), e.inner()))?;
        fixture.build().map(|_| fixture)
    }

    /// The simulator's state at start.
    pub(crate) fn build(&self) -> Result<Store, String> {
        let mut store = Store {
            promotions: self.promotions.clone(),
            next_invoice_number: 2000,
            ..Store::default()
        };
        let mut unit_ids = Ids::starting_at(100_000_001);
        let mut seen_ids = HashSet::new();
        for f in &self.facilities {
            let facility = &f.facility;
            if !seen_ids.insert(facility.id.clone()) {
                return Err(format!("stortech fixture: id {} twice", facility.id));
            }
            let mut numbers = HashSet::new();
            for t in &f.unit_types {
                if !seen_ids.insert(t.unit_type.id.clone()) {
                    return Err(format!("stortech fixture: id {} twice", t.unit_type.id));
                }
                store.types.push(TypeEntry {
                    facility_id: facility.id.clone(),
                    unit_type: t.unit_type.clone(),
                });
                for units in &t.units {
                    for (id, number, status, access_code) in expand(units) {
                        let id = id.unwrap_or_else(|| unit_ids.next("unit"));
                        if !seen_ids.insert(id.clone()) || !numbers.insert(number.clone()) {
                            return Err(format!(
                                "stortech fixture: unit {number} ({id}) twice in {}",
                                facility.id
                            ));
                        }
                        store.units.push(Unit {
                            id,
                            facility_id: facility.id.clone(),
                            unit_type_id: t.unit_type.id.clone(),
                            unit_number: number,
                            status,
                            access_code,
                            notes: None,
                            last_occupied: None,
                            created_at: facility.created_at,
                            updated_at: facility.created_at,
                        });
                    }
                }
            }
            store.facilities.push(facility.clone());
        }
        for customer in &self.customers {
            store.facility(&customer.facility_id).map_err(|_| {
                format!(
                    "stortech fixture: customer {} names facility {}, not in the fixture",
                    customer.id, customer.facility_id
                )
            })?;
            for rental in &customer.active_rentals {
                if !store.units.iter().any(|u| u.id == rental.unit_id) {
                    return Err(format!(
                        "stortech fixture: customer {} rents unit {}, not in the fixture",
                        customer.id, rental.unit_id
                    ));
                }
            }
            store.customers.push(customer.clone());
        }
        for invoice in &self.invoices {
            if !store.customers.iter().any(|c| c.id == invoice.customer_id) {
                return Err(format!(
                    "stortech fixture: invoice {} names customer {}, not in the fixture",
                    invoice.id, invoice.customer_id
                ));
            }
            store.invoices.push(invoice.clone());
        }
        if self.clients.is_empty() {
            return Err("stortech fixture: no clients, so no one could sign in".into());
        }
        Ok(store)
    }

    pub(crate) fn client(&self, client_id: &str) -> Option<&ApiClient> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }
}

type SeedUnit = (Option<String>, String, UnitStatus, Option<String>);

fn expand(units: &UnitsFixture) -> Vec<SeedUnit> {
    match units {
        UnitsFixture::One {
            id,
            unit_number,
            status,
            access_code,
        } => vec![(
            id.clone(),
            unit_number.clone(),
            *status,
            access_code.clone(),
        )],
        UnitsFixture::Block {
            prefix,
            from,
            count,
            status,
        } => (*from..from.saturating_add(*count))
            .map(|n| (None, format!("{prefix}{n}"), *status, None))
            .collect(),
    }
}

//! Store365's seed data: the client credentials Store-IT would hand out, and
//! paged resources. The reference documents no resource, only the envelope
//! and its example path `/users`, so records are listed or generated.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

pub const DEFAULT: &str = include_str!("../../fixtures/store365.json");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub clients: Vec<Client>,
    /// Resource name (`users` serves `GET /users`) → its records.
    pub resources: BTreeMap<String, Resource>,
}

/// The password grant's `username`, `password` and `client_id`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Client {
    pub username: String,
    pub password: String,
    pub client_id: String,
}

/// Without the password: a `{:?}` must not put it in a log.
impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("username", &self.username)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// Records given one by one (objects with an `id`), and/or `generate` more.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    #[serde(default)]
    pub records: Vec<Value>,
    #[serde(default)]
    pub generate: u32,
}

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
                .map_err(|e| format!("store365 fixture: {}: {}", e.path(), e.inner()))?;
        fixture.records().map(|_| fixture)
    }

    /// Every resource's records, given ones first, ids unique.
    pub(crate) fn records(&self) -> Result<BTreeMap<String, Vec<Value>>, String> {
        if self.clients.is_empty() {
            return Err("store365 fixture: no clients, so no one could sign in".into());
        }
        let mut all = BTreeMap::new();
        for (name, resource) in &self.resources {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(format!(
                    "store365 fixture: resource name {name:?} is not a path segment"
                ));
            }
            let mut records = resource.records.clone();
            let first = records.len() + 1;
            records.extend((first..first + resource.generate as usize).map(|n| generated(name, n)));
            let mut ids = std::collections::HashSet::new();
            for record in &records {
                let id = record.get("id").map(id_text).unwrap_or_default();
                if id.is_empty() || !ids.insert(id.clone()) {
                    return Err(format!(
                        "store365 fixture: {name}: every record needs a unique id (at {id:?})"
                    ));
                }
            }
            all.insert(name.clone(), records);
        }
        Ok(all)
    }
}

/// A record's id as the path segment names it.
pub(crate) fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A made-up record, CamelCased as the reference says the JSON is.
fn generated(resource: &str, n: usize) -> Value {
    json!({
        "id": n,
        "name": format!("{resource} {n}"),
        "code": format!("{}-{n:04}", resource.to_uppercase()),
        "createdAt": format!("2024-01-{:02}T{:02}:00:00Z", n % 28 + 1, n % 24),
    })
}

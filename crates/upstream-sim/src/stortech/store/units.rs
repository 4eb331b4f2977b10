//! Units: listing, the API's status updates, the desk's changes.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{invalid, Event, Refusal, Store};
use crate::stortech::model::{Unit, UnitStatus, UnitUpdated, UnitView};
use crate::stortech::paging::{Page, Paging};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitPatch {
    pub status: Option<String>,
    pub notes: Option<String>,
    pub access_code: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    pub status: Option<UnitStatus>,
    pub unit_type_id: Option<String>,
}

/// How many units of one type are in each status (control API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeAvailability {
    pub unit_type_id: String,
    pub name: String,
    pub total: usize,
    pub available: usize,
    pub occupied: usize,
    pub reserved: usize,
    pub maintenance: usize,
}

impl Store {
    pub(crate) fn units_page(
        &self,
        facility_id: &str,
        filter: &UnitFilter,
        paging: Paging,
    ) -> Result<Page<UnitView<'_>>, Refusal> {
        self.facility(facility_id)?;
        let views = self
            .units
            .iter()
            .filter(|u| u.facility_id == facility_id)
            .filter(|u| filter.status.is_none_or(|s| u.status == s))
            .filter(|u| {
                filter
                    .unit_type_id
                    .as_deref()
                    .is_none_or(|t| u.unit_type_id == t)
            })
            .filter_map(|u| {
                Some(UnitView {
                    id: &u.id,
                    unit_number: &u.unit_number,
                    unit_type: self.unit_type(&u.unit_type_id)?,
                    status: u.status,
                    access_code: u.access_code.as_deref(),
                    last_occupied: u.last_occupied,
                    created_at: u.created_at,
                    updated_at: u.updated_at,
                })
            });
        Ok(Page::of(views, paging))
    }

    /// "Update Unit Status" (the desk's own system, through the API).
    pub(crate) fn patch_unit(
        &mut self,
        facility_id: &str,
        unit_id: &str,
        patch: UnitPatch,
    ) -> Result<UnitUpdated, Refusal> {
        self.facility(facility_id)?;
        let index = self.unit_index(facility_id, unit_id)?;
        let status = match patch.status.as_deref() {
            None => None,
            Some(text) => Some(UnitStatus::parse(text).ok_or_else(|| {
                invalid(
                    "status",
                    "must be available, occupied, maintenance or reserved",
                )
            })?),
        };
        if status.is_none() && patch.notes.is_none() && patch.access_code.is_none() {
            return Err(invalid("status", "nothing to update"));
        }
        if let Some(status) = status {
            self.set_status(index, status);
        }
        let unit = &mut self.units[index];
        if let Some(notes) = patch.notes {
            unit.notes = Some(notes);
        }
        if let Some(code) = patch.access_code {
            unit.access_code = Some(code);
        }
        unit.updated_at = crate::now();
        let updated = UnitUpdated {
            id: unit.id.clone(),
            unit_number: unit.unit_number.clone(),
            status: unit.status,
            notes: unit.notes.clone(),
            access_code: unit.access_code.clone(),
            updated_at: unit.updated_at,
        };
        Ok(updated)
    }

    /// The desk changes a unit's status (control API).
    pub(crate) fn desk_set_status(
        &mut self,
        unit_id: &str,
        status: UnitStatus,
    ) -> Result<Unit, Refusal> {
        let index = self
            .units
            .iter()
            .position(|u| u.id == unit_id)
            .ok_or_else(|| Refusal::NotFound(format!("unit {unit_id}")))?;
        self.set_status(index, status);
        Ok(self.units[index].clone())
    }

    /// The desk takes the first `count` available units of a type.
    pub(crate) fn desk_take(
        &mut self,
        facility_id: &str,
        unit_type_id: &str,
        count: usize,
        status: UnitStatus,
    ) -> Result<Vec<Unit>, Refusal> {
        self.facility(facility_id)?;
        if !self
            .types
            .iter()
            .any(|t| t.facility_id == facility_id && t.unit_type.id == unit_type_id)
        {
            return Err(Refusal::NotFound(format!("unit type {unit_type_id}")));
        }
        let indices: Vec<usize> = self
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| {
                u.facility_id == facility_id
                    && u.unit_type_id == unit_type_id
                    && u.status == UnitStatus::Available
            })
            .map(|(i, _)| i)
            .take(count)
            .collect();
        for &index in &indices {
            self.set_status(index, status);
        }
        Ok(indices.iter().map(|&i| self.units[i].clone()).collect())
    }

    /// Sets a unit's status; `unit.status_changed` when it changed.
    pub(super) fn set_status(&mut self, index: usize, status: UnitStatus) {
        let unit = &mut self.units[index];
        let previous = unit.status;
        if previous == status {
            return;
        }
        let now = crate::now();
        if previous == UnitStatus::Occupied {
            unit.last_occupied = Some(now.date_naive());
        }
        unit.status = status;
        unit.updated_at = now;
        self.outbox.push(Event {
            name: "unit.status_changed",
            facility_id: unit.facility_id.clone(),
            data: json!({ "unit": {
                "id": unit.id,
                "unit_number": unit.unit_number,
                "unit_type_id": unit.unit_type_id,
                "status": status,
                "previous_status": previous,
                "updated_at": unit.updated_at,
            }}),
        });
    }

    pub(crate) fn availability(&self, facility_id: &str) -> Result<Vec<TypeAvailability>, Refusal> {
        self.facility(facility_id)?;
        Ok(self
            .types
            .iter()
            .filter(|t| t.facility_id == facility_id)
            .map(|t| {
                let units: Vec<&Unit> = self
                    .units
                    .iter()
                    .filter(|u| u.unit_type_id == t.unit_type.id)
                    .collect();
                let count = |s: UnitStatus| units.iter().filter(|u| u.status == s).count();
                TypeAvailability {
                    unit_type_id: t.unit_type.id.clone(),
                    name: t.unit_type.name.clone(),
                    total: units.len(),
                    available: count(UnitStatus::Available),
                    occupied: count(UnitStatus::Occupied),
                    reserved: count(UnitStatus::Reserved),
                    maintenance: count(UnitStatus::Maintenance),
                }
            })
            .collect())
    }
}

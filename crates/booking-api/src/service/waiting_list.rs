//! The waiting list: a tenant asks to hear when a sold-out price frees up.

use booking_model::{validate_contact, WaitingListRequest, WaitingListResponse};

use super::pricing::price_collecting;
use super::{Result, ServiceError, Services};
use crate::catalogue::PublishableKey;
use crate::db::NewWaiting;

impl Services {
    /// Keeps a contact for the operator; the selection must be one that
    /// could be booked.
    ///
    /// # Errors
    /// Invalid fields, or the database did not answer.
    pub async fn join_waiting_list(
        &self,
        key: &PublishableKey,
        request: WaitingListRequest,
    ) -> Result<WaitingListResponse> {
        let snapshot = self.snapshot().await?;
        let mut errors = validate_contact(&request.contact);
        price_collecting(&snapshot.loaded, key, &request.selection, &mut errors)?;
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        let created_at = chrono::Utc::now();
        let mails = snapshot
            .loaded
            .catalogue
            .property(&request.selection.property_info_id)
            .and_then(|property| {
                self.mailer.waiting_list_mail(
                    property,
                    &request.selection,
                    &request.contact.first_name,
                    &request.contact.email,
                )
            })
            .into_iter()
            .collect();
        let internal = |e: serde_json::Error| ServiceError::Internal(e.to_string());
        let entry = NewWaiting {
            id: uuid::Uuid::new_v4().to_string(),
            api_key: key.key.clone(),
            property_id: request.selection.property_info_id.clone(),
            selection: serde_json::to_string(&request.selection).map_err(internal)?,
            contact: serde_json::to_string(&request.contact).map_err(internal)?,
            created_at: created_at.to_rfc3339(),
            mails,
        };
        let id = entry.id.clone();
        self.store.add_waiting(entry).await?;
        self.mail_notify.notify_one();
        Ok(WaitingListResponse {
            id,
            created_at,
            selection: request.selection,
        })
    }
}

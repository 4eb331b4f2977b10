//! Webhook registrations.

use serde::Deserialize;

use super::{FieldError, Refusal, Store};
use crate::stortech::model::{Webhook, EVENTS};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewWebhook {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub secret: Option<String>,
}

impl Store {
    /// "Register Webhook Endpoint". The reference has no way to list or
    /// delete hooks, so registering a URL again replaces that hook's events
    /// and secret (`created` is false) instead of adding a second one.
    pub(crate) fn register_webhook(&mut self, new: NewWebhook) -> Result<(Webhook, bool), Refusal> {
        let mut errors = Vec::new();
        let url = new.url.unwrap_or_default();
        match reqwest::Url::parse(&url) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {}
            _ => errors.push(FieldError::new("url", "must be an http or https URL")),
        }
        let events = new.events.unwrap_or_default();
        if events.is_empty() {
            errors.push(FieldError::new("events", "at least one event is required"));
        }
        for (i, event) in events.iter().enumerate() {
            if !EVENTS.contains(&event.as_str()) {
                errors.push(FieldError::new(&format!("events[{i}]"), "unknown event"));
            }
        }
        let secret = new.secret.unwrap_or_default();
        if secret.is_empty() {
            errors.push(FieldError::new("secret", "is required to sign deliveries"));
        }
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        if let Some(hook) = self.webhooks.iter_mut().find(|h| h.url == url) {
            hook.events = events;
            hook.secret = secret;
            return Ok((hook.clone(), false));
        }
        let hook = Webhook {
            id: self.ids.next("hook"),
            url,
            events,
            secret,
            status: "active".into(),
            created_at: crate::now(),
        };
        self.webhooks.push(hook.clone());
        Ok((hook, true))
    }
}

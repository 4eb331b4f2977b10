//! Delivers the outbox's events to each key's webhook URL, signed per
//! Standard Webhooks v1. An event leaves the outbox only once its endpoint
//! answered 2xx; every attempt carries the same `webhook-id`, so a receiver
//! that saw it already can drop it. Retries back off exponentially up to
//! an hour, and never stop.

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::OutboxEvent;
use crate::service::Services;

/// How long a claimed event is left to its worker before another may retry it.
const LEASE_MS: i64 = 60_000;
const BATCH: i64 = 32;
const MAX_BACKOFF_MS: u64 = 3_600_000;

/// `v1,` + base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")), the
/// secret being the base64 after `whsec_`.
#[must_use]
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let raw = secret.strip_prefix("whsec_").unwrap_or(secret);
    let key = base64::engine::general_purpose::STANDARD.decode(raw).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    Some(format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    ))
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Runs for the life of the server.
pub async fn run(state: Services, retry_base: Duration) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            tracing::error!(error = %e, "cannot build the webhook client; webhooks stay in the outbox");
            return;
        }
    };
    loop {
        match state.store.claim_events(now_ms(), LEASE_MS, BATCH).await {
            Ok(events) if !events.is_empty() => {
                for event in events {
                    deliver(&state, &client, event, retry_base).await;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot read the outbox"),
        }
        tokio::select! {
            () = state.outbox_notify.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
    }
}

async fn deliver(
    state: &Services,
    client: &reqwest::Client,
    event: OutboxEvent,
    retry_base: Duration,
) {
    let endpoint = match state.snapshot().await {
        Ok(snapshot) => snapshot
            .loaded
            .catalogue
            .key(&event.api_key)
            .and_then(|k| Some((k.webhook_url.clone()?, k.webhook_secret.clone()?))),
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the catalogue for a webhook");
            None
        }
    };
    let result = match endpoint {
        None => Err("no webhook URL and secret for this key".to_owned()),
        Some((url, secret)) => send(client, &url, &secret, &event).await,
    };
    let outcome = match result {
        Ok(()) => state.store.event_delivered(&event.id, now_ms()).await,
        Err(error) => {
            let attempts = u32::try_from(event.attempts.max(0)).unwrap_or(u32::MAX);
            let factor = 2u64.saturating_pow(attempts.min(20));
            let delay = u64::try_from(retry_base.as_millis())
                .unwrap_or(u64::MAX)
                .saturating_mul(factor)
                .min(MAX_BACKOFF_MS);
            tracing::warn!(webhook_id = %event.id, attempts = attempts + 1, %error, "webhook not delivered; will retry");
            let next = now_ms().saturating_add(i64::try_from(delay).unwrap_or(i64::MAX));
            state.store.event_failed(&event.id, next, error).await
        }
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, webhook_id = %event.id, "cannot record a webhook attempt; the lease will retry it");
    }
}

async fn send(
    client: &reqwest::Client,
    url: &str,
    secret: &str,
    event: &OutboxEvent,
) -> Result<(), String> {
    let timestamp = chrono::Utc::now().timestamp();
    let signature = sign(secret, &event.id, timestamp, &event.payload)
        .ok_or("the webhook secret is not base64")?;
    let response = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &event.id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(event.payload.clone())
        .send()
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    if response.status().is_success() {
        tracing::info!(webhook_id = %event.id, "webhook delivered");
        Ok(())
    } else {
        Err(format!("endpoint answered {}", response.status()))
    }
}

#[cfg(test)]
mod tests {
    use super::sign;

    /// The example of the Standard Webhooks specification.
    #[test]
    fn signs_like_the_specification() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1_614_265_330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(
            signature.as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }
}

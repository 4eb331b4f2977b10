//! Outgoing webhook deliveries ("Webhook Integration"): each event goes to
//! every registered hook that lists it, as the reference's payload
//! (`event`, `timestamp`, `facility_id`, `data`), signed with the hook's
//! secret: HMAC-SHA256 of the body, lowercase hex, in `X-Stortech-Signature`
//! (the reference's `verifyWebhookSignature`). One worker sends them in the
//! order they happened, each retried on failure, so faults (twice, out of
//! order, lost) are the only disorder. Deliveries go to loopback URLs only.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::sync::mpsc;

use super::model::Webhook;
use super::store::Event;
use crate::lock;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "X-Stortech-Signature";

/// How long a delivery held back to be sent out of order waits for the next.
const REORDER_WAIT: Duration = Duration::from_secs(5);

/// HMAC-SHA256 of `body` with `secret`, lowercase hex.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(body);
    crate::hex(&mac.finalize().into_bytes())
}

/// Misbehaviour of the next deliveries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum DeliveryFault {
    /// The next `count` deliveries are sent twice, identical.
    Duplicate {
        #[serde(default = "one")]
        count: u32,
    },
    /// The next delivery is held back and sent after the one that follows it.
    Reorder,
    /// The next `count` deliveries are never sent (a lost webhook).
    Skip {
        #[serde(default = "one")]
        count: u32,
    },
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Queued,
    Delivered,
    /// Every attempt failed.
    Failed,
    /// Lost on purpose (a `skip` fault).
    Skipped,
    /// Not sent: the URL is not on loopback.
    Refused,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One delivery as the control API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub id: String,
    pub hook_id: String,
    pub url: String,
    pub event: String,
    pub payload: Value,
    pub signature: String,
    pub state: DeliveryState,
    /// How many identical copies were sent (2 under a `duplicate` fault).
    pub copies: u32,
    pub attempts: Vec<Attempt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Once,
    Twice,
    Skip,
    HoldForNext,
}

#[derive(Debug)]
struct Job {
    delivery: usize,
    url: String,
    body: Vec<u8>,
    signature_header: String,
    mode: Mode,
}

#[derive(Debug, Default)]
struct Pending {
    duplicate: u32,
    reorder: u32,
    skip: u32,
}

/// How deliveries are sent.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DeliverySettings {
    /// `sha256=<hex>` instead of `<hex>` (CONNECTORS.md accepts both).
    pub signature_prefix: bool,
    pub attempts: u32,
    pub retry_delay: Duration,
}

#[derive(Debug)]
pub(crate) struct Dispatcher {
    settings: DeliverySettings,
    queue: mpsc::UnboundedSender<Job>,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    pending: Mutex<Pending>,
}

impl Dispatcher {
    /// A dispatcher and its worker, which runs until the dispatcher is dropped.
    pub(crate) fn start(settings: DeliverySettings) -> Self {
        let (queue, jobs) = mpsc::unbounded_channel();
        let deliveries = Arc::new(Mutex::new(Vec::new()));
        tokio::spawn(worker(jobs, deliveries.clone(), settings));
        Self {
            settings,
            queue,
            deliveries,
            pending: Mutex::default(),
        }
    }

    /// Queues each event for every hook that subscribed to it.
    pub(crate) fn publish(&self, events: Vec<Event>, hooks: &[Webhook]) {
        for event in events {
            let payload = json!({
                "event": event.name,
                "timestamp": crate::now(),
                "facility_id": event.facility_id,
                "data": event.data,
            });
            for hook in hooks
                .iter()
                .filter(|h| h.events.iter().any(|e| e == event.name))
            {
                let mode = self.next_mode();
                self.enqueue(hook, event.name, payload.clone(), mode, None);
            }
        }
    }

    fn next_mode(&self) -> Mode {
        let mut pending = lock(&self.pending);
        if pending.skip > 0 {
            pending.skip -= 1;
            Mode::Skip
        } else if pending.reorder > 0 {
            pending.reorder -= 1;
            Mode::HoldForNext
        } else if pending.duplicate > 0 {
            pending.duplicate -= 1;
            Mode::Twice
        } else {
            Mode::Once
        }
    }

    fn enqueue(
        &self,
        hook: &Webhook,
        event: &str,
        payload: Value,
        mode: Mode,
        replay_of: Option<String>,
    ) -> String {
        let body = payload.to_string().into_bytes();
        let signature = sign(&hook.secret, &body);
        let signature_header = if self.settings.signature_prefix {
            format!("sha256={signature}")
        } else {
            signature.clone()
        };
        let mut deliveries = lock(&self.deliveries);
        let id = format!("dlv_{}", deliveries.len() + 1);
        deliveries.push(Delivery {
            id: id.clone(),
            hook_id: hook.id.clone(),
            url: hook.url.clone(),
            event: event.to_owned(),
            payload,
            signature,
            state: DeliveryState::Queued,
            copies: 0,
            attempts: Vec::new(),
            replay_of,
        });
        let job = Job {
            delivery: deliveries.len() - 1,
            url: hook.url.clone(),
            body,
            signature_header,
            mode,
        };
        // The worker only stops when the dispatcher is dropped.
        let _ = self.queue.send(job);
        id
    }

    /// Sends a past delivery again, byte for byte (a retry by the upstream).
    pub(crate) fn replay(&self, id: &str, hooks: &[Webhook]) -> Option<String> {
        let original = lock(&self.deliveries)
            .iter()
            .find(|d| d.id == id)
            .cloned()?;
        let hook = hooks.iter().find(|h| h.id == original.hook_id)?;
        Some(self.enqueue(
            hook,
            &original.event,
            original.payload,
            Mode::Once,
            Some(original.id),
        ))
    }

    pub(crate) fn arm(&self, fault: DeliveryFault) {
        let mut pending = lock(&self.pending);
        match fault {
            DeliveryFault::Duplicate { count } => pending.duplicate += count,
            DeliveryFault::Reorder => pending.reorder += 1,
            DeliveryFault::Skip { count } => pending.skip += count,
        }
    }

    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.deliveries).clone()
    }

    pub(crate) fn reset(&self) {
        *lock(&self.pending) = Pending::default();
    }
}

async fn worker(
    mut jobs: mpsc::UnboundedReceiver<Job>,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    settings: DeliverySettings,
) {
    let client = match reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            tracing::error!("webhook client: {e}");
            return;
        }
    };
    let sender = Sender {
        client,
        deliveries,
        settings,
    };
    let mut held: Option<Job> = None;
    loop {
        let next = match &held {
            None => jobs.recv().await,
            Some(_) => match tokio::time::timeout(REORDER_WAIT, jobs.recv()).await {
                Ok(job) => job,
                Err(_) => {
                    // Nothing came to overtake it: send it alone.
                    if let Some(job) = held.take() {
                        sender.send(job).await;
                    }
                    continue;
                }
            },
        };
        let Some(job) = next else { return };
        if job.mode == Mode::HoldForNext && held.is_none() {
            held = Some(job);
            continue;
        }
        sender.send(job).await;
        if let Some(job) = held.take() {
            sender.send(job).await;
        }
    }
}

#[derive(Debug)]
struct Sender {
    client: reqwest::Client,
    deliveries: Arc<Mutex<Vec<Delivery>>>,
    settings: DeliverySettings,
}

impl Sender {
    async fn send(&self, job: Job) {
        if job.mode == Mode::Skip {
            self.set_state(job.delivery, DeliveryState::Skipped);
            return;
        }
        if !is_loopback(&job.url) {
            self.record(
                job.delivery,
                None,
                Some("not sent: the simulator delivers to loopback only"),
            );
            self.set_state(job.delivery, DeliveryState::Refused);
            return;
        }
        let copies = if job.mode == Mode::Twice { 2 } else { 1 };
        for _ in 0..copies {
            let delivered = self.attempt_all(&job).await;
            self.set_state(
                job.delivery,
                if delivered {
                    DeliveryState::Delivered
                } else {
                    DeliveryState::Failed
                },
            );
        }
    }

    /// Tries up to the configured attempts, backing off; true once a 2xx came.
    async fn attempt_all(&self, job: &Job) -> bool {
        let mut delay = self.settings.retry_delay;
        for attempt in 1..=self.settings.attempts.max(1) {
            if attempt > 1 {
                tokio::time::sleep(delay).await;
                delay = delay.saturating_mul(2);
            }
            let result = self
                .client
                .post(&job.url)
                .header("content-type", "application/json")
                .header(SIGNATURE_HEADER, &job.signature_header)
                .body(job.body.clone())
                .send()
                .await;
            match result {
                Ok(response) => {
                    let status = response.status();
                    self.record(job.delivery, Some(status.as_u16()), None);
                    if status.is_success() {
                        self.count_copy(job.delivery);
                        return true;
                    }
                }
                Err(e) => {
                    let error = if e.is_timeout() {
                        "timed out"
                    } else {
                        "could not connect or the connection failed"
                    };
                    self.record(job.delivery, None, Some(error));
                }
            }
        }
        false
    }

    fn record(&self, index: usize, status: Option<u16>, error: Option<&str>) {
        if let Some(d) = lock(&self.deliveries).get_mut(index) {
            d.attempts.push(Attempt {
                at: crate::now(),
                status,
                error: error.map(str::to_owned),
            });
        }
    }

    fn count_copy(&self, index: usize) {
        if let Some(d) = lock(&self.deliveries).get_mut(index) {
            d.copies += 1;
        }
    }

    fn set_state(&self, index: usize, state: DeliveryState) {
        if let Some(d) = lock(&self.deliveries).get_mut(index) {
            // A duplicate whose second copy failed was still delivered once.
            if d.state != DeliveryState::Delivered {
                d.state = state;
            }
        }
    }
}

fn is_loopback(url: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(url) else {
        return false;
    };
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_as_the_reference_verifies() {
        // crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex')
        assert_eq!(
            sign("key", b"The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn only_loopback_is_delivered_to() {
        assert!(is_loopback("http://127.0.0.1:8080/hooks/stortech"));
        assert!(is_loopback("http://localhost/hooks"));
        assert!(is_loopback("http://[::1]:9/x"));
        assert!(!is_loopback("https://your-app.com/webhooks/stortech"));
    }
}

//! Sends the mail outbox: claim a batch with a lease, hand each message
//! over, mark it sent as soon as the server accepted it; on failure back
//! off (doubling, up to an hour) and retry forever. Several instances
//! share the outbox: a claimed mail is another's only once its lease ends.

use std::time::Duration;

use super::Transport;
use crate::db::OutgoingMail;
use crate::service::Services;

/// Files are quick: many a claim. An SMTP exchange may take up to its
/// 20 s timeout, so a claim holds two: done within the 60 s lease, and no
/// other instance takes a mail still being sent.
const FILE_BATCH: i64 = 64;
const SMTP_BATCH: i64 = 2;
const MAX_BACKOFF_MS: u64 = 3_600_000;

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Runs for the life of the server.
/// `lease_ms` (60 s by default) must be longer than an SMTP exchange may
/// take (its timeout is 20 s).
pub async fn run(state: Services, retry_base: Duration, lease_ms: i64) {
    let batch = match state.mailer.transport {
        Transport::Files(_) => FILE_BATCH,
        Transport::Smtp(_) => SMTP_BATCH,
    };
    loop {
        match state
            .store
            .claim_mails(now_ms(), lease_ms.max(1), batch)
            .await
        {
            Ok(mails) if !mails.is_empty() => {
                let mut written = Vec::new();
                for mail in mails {
                    if let Some(id) = send(&state, mail, retry_base).await {
                        written.push(id);
                    }
                }
                if let Err(e) = state.store.mails_sent(&written, now_ms()).await {
                    tracing::warn!(error = %e, "cannot mark mail files written; the lease will write them again");
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "cannot read the mail outbox"),
        }
        tokio::select! {
            () = state.mail_notify.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
    }
}

/// Hands one mail over. A mail the SMTP server accepted is marked sent at
/// once (a crash before the mark is the one way to send it twice); a file
/// is answered for the batch to be marked in one statement, since writing
/// it again only rewrites the same file.
async fn send(state: &Services, mail: OutgoingMail, retry_base: Duration) -> Option<String> {
    let result = state
        .mailer
        .deliver(
            &mail.id,
            &mail.kind,
            &mail.recipient,
            mail.message.as_bytes(),
        )
        .await;
    let outcome = match result {
        Ok(()) if matches!(state.mailer.transport, Transport::Files(_)) => return Some(mail.id),
        Ok(()) => state.store.mail_sent(&mail.id, now_ms()).await,
        Err(error) => {
            let attempts = u32::try_from(mail.attempts.max(0)).unwrap_or(u32::MAX);
            let delay = u64::try_from(retry_base.as_millis())
                .unwrap_or(u64::MAX)
                .saturating_mul(2u64.saturating_pow(attempts.min(20)))
                .min(MAX_BACKOFF_MS);
            tracing::warn!(mail_id = %mail.id, kind = %mail.kind, attempts = attempts + 1, %error, "mail not sent; will retry");
            let next = now_ms().saturating_add(i64::try_from(delay).unwrap_or(i64::MAX));
            state.store.mail_failed(&mail.id, next, &error).await
        }
    };
    if let Err(e) = outcome {
        tracing::warn!(error = %e, mail_id = %mail.id, "cannot record a mail attempt; the lease will retry it");
    }
    None
}

//! E-mail: what the server writes (`compose`, in the booking's language,
//! `texts`) and how it leaves (`worker`, from the database's mail outbox).
//!
//! A booking's, a cancellation's and a waiting-list entry's mails are
//! rendered whole and written in the same transaction as what they tell,
//! so a crash loses none; the worker sends each until the mail server
//! accepts it and marks it sent right after, so none leaves twice in
//! normal operation (and the outbox id is the Message-ID, so a duplicate
//! after a crash in between is recognisable). The sign-in code is the one
//! mail sent at once and never stored: the code is kept only as a hash.
//!
//! Without an SMTP URL, messages are written as `.eml` files into a folder
//! (`mail/` beside the SQLite database): the log names the file, never the
//! address.

pub mod compose;
pub mod texts;
pub mod worker;

use std::path::PathBuf;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// A folder of `.eml` files.
    Files(PathBuf),
}

/// The SMTP transport's Debug would show its credentials.
impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Smtp(…)"),
            Self::Files(dir) => f.debug_tuple("Files").field(dir).finish(),
        }
    }
}

/// The sender, its transport and the sign-in code's lifetime.
#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Transport,
    pub code_ttl: Duration,
}

/// The transport holds the SMTP URL's credentials: never printed.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("transport", &self.transport)
            .field("code_ttl", &self.code_ttl)
            .finish_non_exhaustive()
    }
}

/// What went wrong, without the server's text (which may quote the
/// recipient's address).
fn smtp_failure(e: &lettre::transport::smtp::Error) -> String {
    match e.status() {
        Some(code) => format!("the SMTP server answered {code}"),
        None if e.is_timeout() => "the SMTP server did not answer in time".to_owned(),
        None if e.is_tls() => "TLS with the SMTP server failed".to_owned(),
        None => "cannot talk to the SMTP server".to_owned(),
    }
}

/// The default sender.
pub const DEFAULT_FROM: &str = "Booking <no-reply@localhost>";

/// A mail's settings are refused at start, with the reason.
#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("--mail-from is not an address: {0}")]
    From(String),
    #[error("--smtp-url may not hold a password (an argument shows in the process list): set BOOKING_API_SMTP_URL instead")]
    PasswordInArgument,
    #[error("the SMTP URL is not usable (smtp://[user:password@]host[:port] or smtps://…): {0}")]
    Smtp(String),
}

impl Mailer {
    /// `smtp_url` `None`: `.eml` files in `dir`.
    ///
    /// # Errors
    /// A sender that is not an address, or an SMTP URL lettre refuses.
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        dir: PathBuf,
        code_ttl: Duration,
    ) -> Result<Self, MailConfigError> {
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| MailConfigError::From(e.to_string()))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    // lettre's message names no part of the URL.
                    .map_err(|e| MailConfigError::Smtp(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => Transport::Files(dir),
        };
        Ok(Self {
            from,
            transport,
            code_ttl,
        })
    }

    /// The sender's domain, for Message-IDs.
    fn domain(&self) -> &str {
        self.from.email.domain()
    }

    /// Hands one message over: accepted by the mail server, or written to
    /// its file. Logs what was done with the mail's id, never the address.
    ///
    /// # Errors
    /// The server refused or did not answer, or the file could not be written.
    pub async fn deliver(
        &self,
        id: &str,
        kind: &str,
        recipient: &str,
        message: &[u8],
    ) -> Result<(), String> {
        match &self.transport {
            Transport::Smtp(smtp) => {
                let to = recipient
                    .parse::<Mailbox>()
                    .map_err(|e| format!("recipient: {e}"))?;
                let envelope = Envelope::new(Some(self.from.email.clone()), vec![to.email])
                    .map_err(|e| format!("envelope: {e}"))?;
                smtp.send_raw(&envelope, message)
                    .await
                    .map_err(|e| smtp_failure(&e))?;
                tracing::info!(mail_id = %id, kind, "mail accepted by the SMTP server");
                Ok(())
            }
            Transport::Files(dir) => {
                let file = dir.join(format!("{id}.eml"));
                let partial = dir.join(format!(".{id}.eml.partial"));
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    tokio::fs::write(&partial, message).await?;
                    tokio::fs::rename(&partial, &file).await
                };
                write
                    .await
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
                tracing::info!(mail_id = %id, kind, file = %file.display(), "mail written");
                Ok(())
            }
        }
    }
}

//! Sending a booking and what came of it, as one typed [`SubmitOutcome`].
//!
//! The request is made from the draft and the quote the tenant saw (the
//! server books nothing when its own quote differs: `PRICE_CHANGED`). Each
//! attempt carries an `Idempotency-Key`; a retry of the very same body
//! reuses it, so a booking whose answer was lost on the network is made
//! once, not twice. Every API status is matched here without a catch-all:
//! a status the server starts sending does not compile until the widget
//! knows what to tell the tenant.

use booking_model::{Attribution, BookingRequest, BookingResponse, FieldError, Status};

use crate::api::ApiError;
use crate::draft::Draft;
use crate::i18n::{Lang, Texts};
use crate::quote::LocalQuote;

/// What a booking attempt gave.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitOutcome {
    Booked(Box<BookingResponse>),
    Failed(Failure),
}

/// A booking that was not made.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub reason: Reason,
    /// For the host page: the API's status, `NETWORK_ERROR` or `UNEXPECTED_ANSWER`.
    pub status: &'static str,
    /// The fields the server named.
    pub errors: Vec<FieldError>,
}

/// Why nothing was booked, as the tenant is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Fields are wrong: their errors show beside them.
    Fields,
    /// The server's price is not the one shown: the listing reloads.
    PriceChanged,
    /// The variant has no unit left: back to the listing.
    SoldOut,
    /// The first request with this key is still running.
    InProgress,
    RateLimited,
    /// The service cannot book now (down, or set up wrongly for this page).
    Unavailable,
    /// The operator's management system does not answer: nothing was
    /// booked; the form is kept and a retry reuses the attempt's key.
    UpstreamUnavailable,
    /// No answer, or one the widget cannot read: trying again may work.
    Retry,
}

impl Reason {
    /// What an API status means for the tenant. No catch-all arm: see the
    /// module's documentation.
    #[must_use]
    pub fn of(status: Status, errors: &[FieldError]) -> Self {
        match status {
            Status::SoldOut => Self::SoldOut,
            Status::PriceChanged => Self::PriceChanged,
            Status::RequestInProgress => Self::InProgress,
            Status::RateLimited => Self::RateLimited,
            Status::UpstreamUnavailable => Self::UpstreamUnavailable,
            Status::ValidationFailed | Status::BadRequest
                if errors.iter().any(|e| e.field.is_some()) =>
            {
                Self::Fields
            }
            Status::ValidationFailed
            | Status::BadRequest
            | Status::IdempotencyKeyReused
            | Status::SomethingWentWrong
            | Status::InvalidCode
            | Status::CodeExpired
            | Status::Success
            | Status::Unknown => Self::Retry,
            Status::InvalidParamPropertyInfoId
            | Status::InvalidParamStorageInfoId
            | Status::InvalidParamTaxUserTypeInfoId
            | Status::InvalidParamStorageGroupInfoId
            | Status::InvalidParamPaymentPeriod
            | Status::InvalidParamBookingId
            | Status::Unauthorized
            | Status::OriginNotAllowed
            | Status::PayloadTooLarge
            | Status::UnsupportedMediaType
            | Status::NoRecordsFound
            | Status::ServiceUnavailable => Self::Unavailable,
        }
    }

    /// The banner above the button.
    #[must_use]
    pub const fn message(self, t: &'static Texts) -> &'static str {
        match self {
            Self::Fields => t.fix_errors,
            Self::PriceChanged => t.price_changed,
            Self::SoldOut => t.sold_out_now,
            Self::InProgress => t.in_progress,
            Self::RateLimited => t.rate_limited,
            Self::Unavailable => t.unavailable,
            Self::UpstreamUnavailable => t.upstream_unavailable,
            Self::Retry => t.network_retry,
        }
    }
}

impl From<Result<BookingResponse, ApiError>> for SubmitOutcome {
    fn from(result: Result<BookingResponse, ApiError>) -> Self {
        let (reason, status, errors) = match result {
            Ok(booked) => return Self::Booked(Box::new(booked)),
            Err(ApiError::Rejected { status, errors, .. }) => {
                (Reason::of(status, &errors), status.as_str(), errors)
            }
            Err(ApiError::Network(_)) => (Reason::Retry, "NETWORK_ERROR", Vec::new()),
            Err(ApiError::Decode(_)) => (Reason::Retry, "UNEXPECTED_ANSWER", Vec::new()),
        };
        Self::Failed(Failure {
            reason,
            status,
            errors,
        })
    }
}

/// The request for the draft and the quote it was shown with; `None` until
/// a size is chosen, or while the promo code does not apply (the tenant
/// corrects or clears it: the server would refuse it).
#[must_use]
pub fn booking_request(
    draft: &Draft,
    quote: &LocalQuote,
    property_id: &str,
    attribution: &Attribution,
    language: Lang,
) -> Option<BookingRequest> {
    if quote.promo_rejected.is_some() {
        return None;
    }
    Some(BookingRequest {
        selection: draft.selection(property_id)?,
        tenant: draft.tenant(),
        terms_accepted: draft.terms_accepted,
        expected_due_at_move_in: quote.quote.due_at_move_in.value(),
        attribution: Some(attribution.clone()).filter(|a| !a.is_empty()),
        // The tenant's mails speak the language the widget spoke to them.
        language: Some(language.code().to_owned()),
    })
}

/// The key of the current attempt and the body it was made for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempt {
    last: Option<(String, String)>,
}

impl Attempt {
    /// The key for sending `body`: the last one if the body is the same
    /// (a retry), else a `fresh` one.
    pub fn key_for(&mut self, body: &str, fresh: impl FnOnce() -> String) -> String {
        match &self.last {
            Some((sent, key)) if sent == body => key.clone(),
            _ => {
                let key = fresh();
                self.last = Some((body.to_owned(), key.clone()));
                key
            }
        }
    }

    /// The booking is made: the next one is a new attempt.
    pub fn finish(&mut self) {
        self.last = None;
    }
}

/// Sends the booking with its attempt's key and reads what came of it.
#[cfg(target_arch = "wasm32")]
pub async fn send(api: &crate::api::Api, booking: &BookingRequest, key: &str) -> SubmitOutcome {
    api.book(booking, key).await.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use booking_model::ErrorCode;

    fn rejected(status: Status, errors: Vec<FieldError>) -> SubmitOutcome {
        Err(ApiError::Rejected {
            http: 409,
            status,
            errors,
        })
        .into()
    }

    fn reason(outcome: &SubmitOutcome) -> Reason {
        match outcome {
            SubmitOutcome::Failed(f) => f.reason,
            SubmitOutcome::Booked(_) => panic!("booked"),
        }
    }

    #[test]
    fn each_failure_says_what_to_do() {
        let field = || {
            vec![FieldError::new(
                "tenant.email",
                ErrorCode::InvalidEmail,
                "bad",
            )]
        };
        assert_eq!(reason(&rejected(Status::SoldOut, vec![])), Reason::SoldOut);
        assert_eq!(
            reason(&rejected(Status::PriceChanged, vec![])),
            Reason::PriceChanged
        );
        assert_eq!(
            reason(&rejected(Status::ValidationFailed, field())),
            Reason::Fields
        );
        assert_eq!(
            reason(&rejected(
                Status::ValidationFailed,
                vec![FieldError::general(ErrorCode::PricingError, "x")]
            )),
            Reason::Retry
        );
        assert_eq!(
            reason(&rejected(Status::RequestInProgress, vec![])),
            Reason::InProgress
        );
        assert_eq!(
            reason(&rejected(Status::RateLimited, vec![])),
            Reason::RateLimited
        );
        assert_eq!(
            reason(&rejected(Status::ServiceUnavailable, vec![])),
            Reason::Unavailable
        );
        assert_eq!(
            reason(&rejected(Status::UpstreamUnavailable, vec![])),
            Reason::UpstreamUnavailable
        );
        assert_eq!(
            reason(&rejected(Status::OriginNotAllowed, vec![])),
            Reason::Unavailable
        );
        let network: SubmitOutcome = Err(ApiError::Network("offline".into())).into();
        assert_eq!(
            network,
            SubmitOutcome::Failed(Failure {
                reason: Reason::Retry,
                status: "NETWORK_ERROR",
                errors: vec![]
            })
        );
        let SubmitOutcome::Failed(failure) = rejected(Status::SoldOut, vec![]) else {
            panic!("failed")
        };
        assert_eq!(failure.status, "SOLD_OUT");
        assert_eq!(
            Reason::SoldOut.message(Lang::En.t()),
            Lang::En.t().sold_out_now
        );
    }

    #[test]
    fn a_retry_of_the_same_body_reuses_its_key() {
        let mut attempt = Attempt::default();
        let mut made = 0;
        let mut fresh = || {
            made += 1;
            format!("key-{made}")
        };
        let first = attempt.key_for("{a}", &mut fresh);
        assert_eq!(
            attempt.key_for("{a}", &mut fresh),
            first,
            "same body, same key"
        );
        let second = attempt.key_for("{b}", &mut fresh);
        assert_ne!(second, first, "a changed body is a new attempt");
        attempt.finish();
        assert_ne!(
            attempt.key_for("{b}", &mut fresh),
            second,
            "booked: the next is new"
        );
    }
}

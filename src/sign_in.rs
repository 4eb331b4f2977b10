//! What a failed sign-in call means to the tenant: a message on the
//! address or the code field, too many attempts, a session that ended, or
//! a connection to retry. Plain data, so it is tested natively.

use booking_model::ErrorCode;

use crate::api::ApiError;

/// Why a sign-in step did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// On the address field.
    Email(ErrorCode),
    /// On the code field: `INVALID_CODE`, `CODE_EXPIRED` (ask for a new one).
    Code(ErrorCode),
    /// 429: wait, then try again.
    RateLimited,
    /// 401: the token expired or was revoked; sign in again.
    SessionEnded,
    /// No answer, or one the widget cannot read: try again.
    Connection,
}

impl Problem {
    #[must_use]
    pub fn of(error: &ApiError) -> Self {
        let ApiError::Rejected { http, errors, .. } = error else {
            return Self::Connection;
        };
        let field = errors
            .iter()
            .find_map(|e| Some((e.field.as_deref()?, e.code)));
        match (http, field) {
            (429, _) => Self::RateLimited,
            (401, _) => Self::SessionEnded,
            (_, Some(("email", code))) => Self::Email(code),
            (_, Some(("code", code))) => Self::Code(code),
            (_, _) => match errors.first().map(|e| e.code) {
                Some(code @ (ErrorCode::InvalidCode | ErrorCode::CodeExpired)) => Self::Code(code),
                _ => Self::Connection,
            },
        }
    }

    /// Whether a new code is the way forward.
    #[must_use]
    pub const fn needs_new_code(self) -> bool {
        matches!(self, Self::Code(ErrorCode::CodeExpired))
    }
}

/// Six digits, as the server checks, typed with spaces or not.
#[must_use]
pub fn code_of(typed: &str) -> Option<String> {
    let code: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use booking_model::{FieldError, Status};

    fn rejected(http: u16, field: Option<&str>, code: ErrorCode) -> ApiError {
        let mut error = FieldError::new(field.unwrap_or("x"), code, "m");
        if field.is_none() {
            error.field = None;
        }
        ApiError::Rejected {
            http,
            status: Status::Unknown,
            errors: vec![error],
        }
    }

    #[test]
    fn each_failure_lands_where_the_tenant_can_act() {
        let invalid = rejected(422, Some("code"), ErrorCode::InvalidCode);
        assert_eq!(Problem::of(&invalid), Problem::Code(ErrorCode::InvalidCode));
        assert!(!Problem::of(&invalid).needs_new_code());
        let expired = rejected(422, None, ErrorCode::CodeExpired);
        assert_eq!(Problem::of(&expired), Problem::Code(ErrorCode::CodeExpired));
        assert!(Problem::of(&expired).needs_new_code());
        assert_eq!(
            Problem::of(&rejected(422, Some("email"), ErrorCode::InvalidEmail)),
            Problem::Email(ErrorCode::InvalidEmail)
        );
        assert_eq!(
            Problem::of(&rejected(429, None, ErrorCode::RateLimited)),
            Problem::RateLimited
        );
        assert_eq!(
            Problem::of(&rejected(401, Some("X-Token"), ErrorCode::Required)),
            Problem::SessionEnded
        );
        assert_eq!(
            Problem::of(&ApiError::Network("offline".into())),
            Problem::Connection
        );
        assert_eq!(
            Problem::of(&rejected(503, None, ErrorCode::DatabaseUnavailable)),
            Problem::Connection
        );
    }

    #[test]
    fn codes_are_six_digits() {
        assert_eq!(code_of(" 042 917 ").as_deref(), Some("042917"));
        assert_eq!(code_of("04291"), None);
        assert_eq!(code_of("04291a"), None);
        assert_eq!(code_of("0429170"), None);
    }
}

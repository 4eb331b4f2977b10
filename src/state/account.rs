//! The tenant's account: whether the sign-in flow is shown, the address
//! being signed in and the session's token. The token lives in this
//! signal only (never `localStorage`): it is gone with the page.

use leptos::prelude::*;

/// Where the sign-in flow is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The address to send a code to.
    Email,
    /// The code sent to the address.
    Code,
    /// Signed in: the token to send as `X-Token`.
    Account(String),
}

/// The account context.
#[derive(Debug, Clone, Copy)]
pub struct Account {
    /// The flow is shown instead of the listing or the confirmation.
    pub open: RwSignal<bool>,
    pub email: RwSignal<String>,
    pub step: RwSignal<Step>,
}

impl Account {
    #[must_use]
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            email: RwSignal::new(String::new()),
            step: RwSignal::new(Step::Email),
        }
    }

    #[must_use]
    pub fn expect() -> Self {
        expect_context()
    }

    /// Opens the flow, at the address already known if any (the one just
    /// booked with).
    pub fn start(&self, email: &str) {
        if !email.is_empty() && matches!(self.step.get_untracked(), Step::Email) {
            self.email.set(email.to_owned());
        }
        self.open.set(true);
    }

    /// Signed out (or the session ended): back to the address, the token
    /// forgotten.
    pub fn signed_out(&self) {
        self.step.set(Step::Email);
    }
}

impl Default for Account {
    fn default() -> Self {
        Self::new()
    }
}

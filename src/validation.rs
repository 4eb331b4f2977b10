//! One form's field errors: the form's own checks (the same code the
//! server runs), shown beside a field once it is left or the form is sent,
//! and the server's verdict on the last attempt until the next edit. Every
//! form of the widget (booking, waiting list) keeps its errors this way.

use booking_model::FieldError;
use leptos::prelude::*;

use crate::i18n::Lang;

/// The errors of one form.
#[derive(Debug, Clone, Copy)]
pub struct Validation {
    lang: Lang,
    local: Memo<Vec<FieldError>>,
    server: RwSignal<Vec<FieldError>>,
    touched: RwSignal<Vec<String>>,
    submitted: RwSignal<bool>,
}

impl Validation {
    /// Over the form's checks, `local`, rerun as the inputs they read change.
    #[must_use]
    pub fn new(lang: Lang, local: impl Fn() -> Vec<FieldError> + Send + Sync + 'static) -> Self {
        Self {
            lang,
            local: Memo::new(move |_| local()),
            server: RwSignal::new(Vec::new()),
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// The message for `field` (a path: `tenant.email`), in the form's
    /// language: its own check once the field was left or the form sent,
    /// else what the server said of it.
    #[must_use]
    pub fn error(&self, field: impl Into<String>) -> Signal<Option<&'static str>> {
        let (field, this) = (field.into(), *self);
        Signal::derive(move || {
            let shown = this.submitted.get() || this.touched.with(|t| t.contains(&field));
            let code_of = |errors: &Vec<FieldError>| {
                errors
                    .iter()
                    .find(|e| e.field.as_deref() == Some(field.as_str()))
                    .map(|e| e.code)
            };
            let local = this.local.with(code_of).filter(|_| shown);
            local
                .or_else(|| this.server.with(code_of))
                .map(|code| this.lang.error(code))
        })
    }

    /// What the field's `on_blur` calls: its errors show from then on.
    #[must_use]
    pub fn touch(&self, field: impl Into<String>) -> Callback<()> {
        let (field, touched) = (field.into(), self.touched);
        Callback::new(move |()| {
            touched.update(|t| {
                if !t.contains(&field) {
                    t.push(field.clone());
                }
            });
        })
    }

    /// The form is sent: every error shows. Returns whether the form's
    /// own checks pass.
    pub fn submit(&self) -> bool {
        self.submitted.set(true);
        self.local.with_untracked(Vec::is_empty)
    }

    /// The server's verdict on the last attempt.
    pub fn set_server(&self, errors: Vec<FieldError>) {
        self.server.set(errors);
    }
}

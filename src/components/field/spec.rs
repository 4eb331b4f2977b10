use leptos::prelude::*;

/// What every field of the kit is given: its id, label, message and blur
/// handler. Built once per field (`FieldSpec::new(id, label)` …) and
/// passed as the field's `spec`.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub id: String,
    pub label: String,
    /// The message when the value is not acceptable.
    pub error: Signal<Option<&'static str>>,
    /// Called when the control loses focus (errors show from then on).
    pub on_blur: Option<Callback<()>>,
    /// Marks the label; the control says `required` to assistive technology.
    pub required: bool,
    pub layout: FieldLayout,
}

impl FieldSpec {
    #[must_use]
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            error: Signal::stored(None),
            on_blur: None,
            required: false,
            layout: FieldLayout::Stacked,
        }
    }

    /// The field's message, and what leaving it does.
    #[must_use]
    pub fn checked(mut self, error: Signal<Option<&'static str>>, on_blur: Callback<()>) -> Self {
        self.error = error;
        self.on_blur = Some(on_blur);
        self
    }

    #[must_use]
    pub fn error(mut self, error: Signal<Option<&'static str>>) -> Self {
        self.error = error;
        self
    }

    #[must_use]
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    #[must_use]
    pub const fn layout(mut self, layout: FieldLayout) -> Self {
        self.layout = layout;
        self
    }

    /// The id of the message, which the control is described by.
    #[must_use]
    pub fn message_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// `aria-invalid`'s value.
    pub fn invalid(&self) -> impl Fn() -> &'static str + Send + Sync + 'static {
        let error = self.error;
        move || {
            if error.with(Option::is_some) {
                "true"
            } else {
                "false"
            }
        }
    }

    /// `aria-describedby`: the message, once there is one.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static {
        let (error, id) = (self.error, self.message_id());
        move || error.with(Option::is_some).then(|| id.clone())
    }

    /// The wrapper's classes.
    pub fn class(&self) -> impl Fn() -> String + Send + Sync + 'static {
        let (error, layout) = (self.error, self.layout.as_str());
        move || {
            if error.with(Option::is_some) {
                format!("{layout} sw-field--invalid")
            } else {
                layout.to_owned()
            }
        }
    }

    /// What the control's `blur` does.
    pub fn blur(&self) -> impl Fn(leptos::ev::FocusEvent) + 'static {
        let on_blur = self.on_blur;
        move |_| {
            if let Some(on_blur) = on_blur {
                on_blur.run(());
            }
        }
    }
}

/// Where the label goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldLayout {
    /// Label above the control.
    #[default]
    Stacked,
    /// Label beside the control (the listing's filters).
    Inline,
    /// Control first, label after it (a checkbox).
    Check,
}

impl FieldLayout {
    /// The BEM classes.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Stacked => "sw-field",
            Self::Inline => "sw-field sw-field--inline",
            Self::Check => "sw-field sw-field--check",
        }
    }
}

//! The field kit every form of the widget uses: a text, date, number,
//! select and checkbox field, each a labelled control whose message sits
//! right under it, marked `aria-invalid` and linked by `aria-describedby`
//! the same way ([`FieldSpec`] says how, [`FieldLabel`] and
//! [`FieldMessage`] write the shared parts). Each field is a concrete
//! component rather than a generic frame around any control: no view type
//! is erased, which keeps the bundle small.

mod checkbox_field;
mod date_field;
mod field_label;
mod field_message;
mod number_field;
mod select_field;
mod spec;
mod text_field;

pub use checkbox_field::CheckboxField;
pub use date_field::DateField;
pub use field_label::FieldLabel;
pub use field_message::FieldMessage;
pub use number_field::NumberField;
pub use select_field::{SelectField, SelectOption};
pub use spec::{FieldLayout, FieldSpec};
pub use text_field::TextField;

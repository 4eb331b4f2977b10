//! The widget's components, one per file.

pub mod app;
pub mod booking_form;
pub mod booking_widget;
pub mod confirmation;
pub mod opening_hours;
pub mod quote_preview;
pub mod size_card;
pub mod size_listing;
pub mod text_field;
pub mod waiting_list;

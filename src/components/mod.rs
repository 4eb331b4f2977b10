//! The widget's components, one per file, grouped by what they show. Each
//! module imports the state it reads (`crate::state`) and the components
//! it renders, never its parent: the component modules form no cycle.

pub mod account;
pub mod app;
pub mod booking;
pub mod booking_widget;
pub mod confirmation;
pub mod deferred;
pub mod field;
pub mod listing;
pub mod opening_hours;
pub mod property_header;
pub mod quote;

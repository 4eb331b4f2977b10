//! The domain layer: what the API does, as functions of typed inputs,
//! apart from HTTP.

pub mod admin;

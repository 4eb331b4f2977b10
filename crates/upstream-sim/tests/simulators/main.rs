//! The simulators, each started on loopback and driven over HTTP as a
//! connector would, asserting what its reference document says.
#![allow(clippy::unwrap_used)]

mod binary;
mod common;
mod faults;
mod store365;
mod storegister;
mod stortech;
mod stortech_webhooks;

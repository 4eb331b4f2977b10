//! The wire contract between the booking API and the widget, and the code
//! both sides run on it.
//!
//! The widget (wasm) and the server (native) call the very same
//! [`pricing_request`] to turn a tenant's [`Selection`] into a
//! [`pricing::QuoteRequest`], and the same [`validate_tenant`] to check a
//! tenant's details, so that the price and the messages the widget shows are
//! those the server decides. Hence no I/O, no clock (the caller passes
//! today's date) and no dependency that would not build for
//! `wasm32-unknown-unknown`.
//!
//! The server's "today" is the UTC date. A browser west of UTC can be a day
//! behind it in the evening; the widget should therefore take today as the
//! server's `earliestMoveInDate` minus the window's `minDaysFromToday` (or
//! simply never offer a date before `earliestMoveInDate`), so that a date it
//! accepts is one the server accepts.

mod attribution;
mod booking;
pub mod calendar;
mod envelope;
mod listing;
mod mapping;
mod money;
#[cfg(feature = "openapi")]
pub mod openapi;
mod preview;
mod property;
#[cfg(feature = "schemars")]
pub mod schema;
mod selection;
mod tenant;
mod tenant_account;

pub use attribution::{validate_attribution, Attribution, ATTRIBUTION_MAX};
pub use booking::{
    parse_json, BodyError, BookingRequest, BookingResponse, BookingStatus, QuoteResponse,
    WaitingListContact, WaitingListRequest, WaitingListResponse,
};
pub use envelope::{Envelope, ErrorCode, FieldError, Status};
pub use listing::{
    Listing, ListingTax, PriceBlock, PriceVariant, PropertySizePriceData, SizeEntry,
    StorageCategory, StorageRef,
};
pub use mapping::{pricing_request, MoveInWindow};
pub use money::{format_money, format_percent, JsonDecimal, Money};
pub use preview::{
    PreviewClient, PreviewLine, PreviewPercentage, PreviewStorageSize, PreviewSubscription,
    PreviewTransactLine, QuotationPreview,
};
pub use property::{
    AddOn, AddOnCategory, Closure, ClosureKind, Country, DepositKind, DepositRule, InsurancePlan,
    OpeningHours, Promotion, Property, PropertyDetails, Region, StorageType, TenantType, Terms,
    CLOSURE_NAME_MAX,
};
pub use selection::{AddOnSelection, Mode, Selection};
pub use tenant::{country_codes, is_email, validate_contact, validate_tenant, Tenant};
pub use tenant_account::{
    ContactBook, ContactInsight, Contract, KeyValue, SessionRequest, SessionResponse,
    SignInAccepted, SignInRequest, TenantAccount, UnpaidInvoice,
};

//! The split point: everything the listing does not need, behind one
//! `#[lazy]` function. The release build (scripts/build-wasm.sh, with
//! `--cfg wasm_split`) moves what only [`parts`] reaches into a wasm chunk
//! of its own, fetched the first time [`load`] runs; other builds link it
//! into the one module and [`load`] is an ordinary async function.
// The `#[lazy]` expansion is the `extern "C"` import/export pair that the
// wasm-split tool rewires, the only unsafe code of the widget.
#![allow(unsafe_code)]

use leptos::prelude::*;

use crate::components::account::SignInFlow;
use crate::components::booking::BookingForm;
use crate::components::confirmation::Confirmation;
use crate::components::listing::WaitingList;
use crate::components::quote::QuotePreview;
use crate::state::Parts;

/// The deferred parts, as functions into the chunk they live in.
#[must_use]
pub fn parts() -> Parts {
    Parts {
        price: crate::quote::price,
        booking_form: || view! { <BookingForm /> }.into_any(),
        quote_preview: || view! { <QuotePreview /> }.into_any(),
        confirmation: |confirmed, details, on_again, on_sign_in| {
            view! { <Confirmation confirmed details on_again on_sign_in /> }.into_any()
        },
        waiting_list: |size_id, price_id, storage_id| {
            view! { <WaitingList size_id price_id storage_id /> }.into_any()
        },
        sign_in: || view! { <SignInFlow /> }.into_any(),
    }
}

/// [`parts`], from the chunk: the first call fetches and instantiates it.
#[cfg_attr(wasm_split, leptos::lazy)]
pub async fn load() -> Parts {
    parts()
}

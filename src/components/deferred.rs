//! The split point: everything the listing does not need, behind one
//! function. The release build (scripts/build-wasm.sh, with
//! `--cfg wasm_split`) moves what only [`parts`] reaches into a wasm chunk
//! of its own, `split_deferred.wasm`, fetched the first time [`load`] runs;
//! other builds link it into the one module.
//!
//! The split point is leptos' `wasm_split` (what its `#[lazy]` expands to)
//! with the `fallible` option, which `#[lazy]` does not pass: without it a
//! failed fetch of the chunk panics, and a panic aborts the whole module,
//! the listing included. With it, [`load`] returns the error and
//! `state::Deferred` tries again later.
// The macro's expansion is the `extern "C"` import/export pair that the
// wasm-split tool rewires, the only unsafe code of the widget.
#![allow(unsafe_code)]

use leptos::prelude::*;
pub use leptos::wasm_split::SplitLoaderError;

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

/// [`parts`], from the chunk: the first successful call fetches and
/// instantiates it.
///
/// # Errors
/// The chunk could not be fetched or instantiated (the network); a later
/// call tries again.
pub async fn load() -> Result<Parts, SplitLoaderError> {
    #[cfg(wasm_split)]
    return split_parts().await;
    #[cfg(not(wasm_split))]
    Ok(parts())
}

#[cfg(wasm_split)]
#[leptos::wasm_split::wasm_split(deferred, wasm_split_path = ::leptos::wasm_split, fallible)]
fn split_parts() -> Result<Parts, SplitLoaderError> {
    Ok(parts())
}

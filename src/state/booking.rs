//! The booking: the draft the tenant fills in, its quote (computed here in
//! wasm by the same mapping and pricing code as the server's), what became
//! of the last attempt, and the confirmation; and what the host page hears
//! of each step.

use std::sync::Arc;

use booking_model::{Attribution, BookingResponse, Listing, Mode, SizeEntry};
use leptos::prelude::*;

use crate::analytics::{self, Item};
use crate::events::Events;
use crate::listing_view::{find_unit, payable};
use crate::quote::{Pricer, QuoteResult};
use crate::state::{clear_draft, Catalogue, Form};
use crate::submit::{Reason, SubmitOutcome};

/// A booking that was made, with the unit as the listing showed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirmed {
    pub booking: BookingResponse,
    /// The size and its storage category's name, if the listing had them.
    pub unit: Option<(SizeEntry, String)>,
    /// The tenant's address, where the confirmation is mailed.
    pub email: String,
}

/// The booking context.
#[derive(Debug, Clone)]
pub struct Booking {
    pub form: Form,
    /// `None` until a size is chosen, the listing is there and the
    /// pricing code has arrived.
    pub quote: Memo<Option<QuoteResult>>,
    /// The pricing code, once its chunk is loaded (`state::Deferred`). A
    /// build that is not split has it from the start.
    pub pricer: RwSignal<Option<Pricer>>,
    pub confirmation: RwSignal<Option<Confirmed>>,
    pub events: Events,
    /// Who sent the tenant, captured when the widget mounted.
    pub attribution: Arc<Attribution>,
}

impl Booking {
    /// The booking of `form` at the catalogue's property; the quote is
    /// derived here, once, for every component.
    #[must_use]
    pub fn new(
        catalogue: &Catalogue,
        form: Form,
        events: Events,
        attribution: Attribution,
    ) -> Self {
        let (details, listing, today) = (
            catalogue.details.clone(),
            catalogue.listing,
            catalogue.today,
        );
        #[cfg(wasm_split)]
        let pricer = RwSignal::new(None::<Pricer>);
        #[cfg(not(wasm_split))]
        let pricer = RwSignal::new(Some(crate::quote::price as Pricer));
        let quote = Memo::new(move |_| {
            let price = pricer.get()?;
            let selection = form.selection(&details.property.id)?;
            let listing = listing.get()?;
            Some(price(&details, &listing, &selection, today))
        });
        Self {
            form,
            quote,
            pricer,
            confirmation: RwSignal::new(None),
            events,
            attribution: Arc::new(attribution),
        }
    }

    #[must_use]
    pub fn expect() -> Self {
        expect_context()
    }

    /// The tenant chose a variant: the form follows, the host page hears it.
    pub fn choose(
        &self,
        catalogue: &Catalogue,
        storage_id: &str,
        size_id: &str,
        price_id: &str,
        mode: Mode,
    ) {
        self.form.choose(storage_id, size_id, price_id, mode);
        let listing = catalogue.listing.get_untracked();
        let unit = listing
            .as_deref()
            .and_then(|l| find_unit(l, size_id, price_id));
        if let Some(unit) = unit {
            let monthly = unit.variant.block(mode).map(payable).unwrap_or_default();
            self.events.emit(&analytics::size_selected(
                &catalogue.details,
                &unit,
                mode,
                monthly,
            ));
        }
    }

    /// What a booking attempt changes beyond the form itself: the draft is
    /// forgotten and the confirmation shown once booked; a sold-out unit is
    /// unchosen and the listing reloaded, as after a price change. The host
    /// page hears either way. Returns why nothing was booked, if so.
    pub fn settle(&self, catalogue: &Catalogue, outcome: SubmitOutcome) -> Option<Reason> {
        let details = &catalogue.details;
        match outcome {
            SubmitOutcome::Booked(booking) => {
                clear_draft(&details.property.id);
                let listing = catalogue.listing.get_untracked();
                let selection = &booking.selection;
                let item = Item::find(
                    listing.as_deref(),
                    &selection.storage_space_size_info_id,
                    &selection.price_id,
                    selection.mode,
                );
                self.events
                    .emit(&analytics::booking_created(details, &item, &booking));
                let unit = unit_of(listing.as_deref(), &booking);
                self.confirmation.set(Some(Confirmed {
                    booking: *booking,
                    unit,
                    email: self.form.email.get_untracked().trim().to_owned(),
                }));
                None
            }
            SubmitOutcome::Failed(failure) => {
                self.events
                    .emit(&analytics::booking_failed(failure.status, &failure.errors));
                match failure.reason {
                    Reason::SoldOut => {
                        self.form.unchoose();
                        catalogue.reload();
                    }
                    Reason::PriceChanged => catalogue.reload(),
                    Reason::Fields
                    | Reason::InProgress
                    | Reason::RateLimited
                    | Reason::Unavailable
                    | Reason::UpstreamUnavailable
                    | Reason::Retry => {}
                }
                Some(failure.reason)
            }
        }
    }

    /// After a confirmation: a fresh choice on a fresh listing.
    pub fn start_again(&self, catalogue: &Catalogue) {
        self.form.unchoose();
        catalogue.reload();
        self.confirmation.set(None);
    }

    /// Tells the host page when the listing is shown and when the quote
    /// changes (GA4's `begin_checkout` only for the first quote).
    pub fn report_steps(&self, catalogue: &Catalogue) {
        let (events, details, listing) = (
            self.events.clone(),
            catalogue.details.clone(),
            catalogue.listing,
        );
        Effect::new(move |_| {
            if let Some(listing) = listing.get() {
                events.emit(&analytics::listing_viewed(&details, &listing));
            }
        });
        let (events, details, quote, form) = (
            self.events.clone(),
            catalogue.details.clone(),
            self.quote,
            self.form,
        );
        let first = StoredValue::new(true);
        Effect::new(move |_| {
            let Some(Ok(local)) = quote.get() else {
                return;
            };
            let (size_id, price_id) = (form.size_id.get_untracked(), form.price_id.get_untracked());
            let listing = listing.get_untracked();
            let item = Item::find(
                listing.as_deref(),
                &size_id,
                &price_id,
                form.mode.get_untracked(),
            );
            events.emit(&analytics::quote_changed(
                &details,
                &item,
                &size_id,
                &local.quote,
                first.get_value(),
            ));
            first.set_value(false);
        });
    }
}

fn unit_of(listing: Option<&Listing>, booking: &BookingResponse) -> Option<(SizeEntry, String)> {
    let selection = &booking.selection;
    let unit = find_unit(
        listing?,
        &selection.storage_space_size_info_id,
        &selection.price_id,
    )?;
    Some((unit.size.clone(), unit.category.name.clone()))
}

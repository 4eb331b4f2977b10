use std::sync::Arc;

use booking_model::{BookingResponse, ErrorCode, FieldError, Listing, PropertyDetails};
use chrono::NaiveDate;
use leptos::prelude::*;
use pricing::{Quote, QuoteRequest};

use crate::api::Api;
use crate::components::booking_form::BookingForm;
use crate::components::confirmation::Confirmation;
use crate::components::opening_hours::OpeningHoursPanel;
use crate::components::quote_preview::QuotePreview;
use crate::components::size_listing::SizeListing;
use crate::config::Config;
use crate::events::{number, Events, Step};
use crate::form::{load_draft, save_draft, Draft, Form};
use crate::i18n::Lang;
use crate::intl;
use booking_model::Attribution;

/// The selection's quote with the request it priced, or why it cannot be priced.
pub type LocalQuote = Result<(Quote, QuoteRequest), Vec<FieldError>>;

/// What a [`Ctx`] is made from.
#[derive(Debug)]
pub struct CtxInit {
    pub details: PropertyDetails,
    pub api: Api,
    pub lang: Lang,
    /// The property's date today, in its own time zone.
    pub today: NaiveDate,
    pub form: Form,
    pub listing: Memo<Option<Arc<Listing>>>,
    pub reload: RwSignal<u32>,
    pub events: Events,
    /// The embedder's default size group.
    pub group: Option<i64>,
}

/// What every component of one widget instance shares.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    /// The `Intl` locale: the widget's language in the property's region.
    pub locale: String,
    pub currency: &'static str,
    pub api: Api,
    pub details: Arc<PropertyDetails>,
    pub form: Form,
    /// The property's date today, in its own time zone.
    pub today: NaiveDate,
    /// The last listing that loaded.
    pub listing: Memo<Option<Arc<Listing>>>,
    /// The quote of the current selection, computed here in wasm by the
    /// same mapping and pricing code as the server's.
    pub quote: Memo<Option<LocalQuote>>,
    /// Bumped to load the listing again (after `SOLD_OUT` or `PRICE_CHANGED`).
    pub reload: RwSignal<u32>,
    pub confirmation: RwSignal<Option<BookingResponse>>,
    pub events: Events,
    /// Who sent the tenant, captured when the widget mounted.
    pub attribution: Attribution,
    /// The embedder's default size group.
    pub group: Option<i64>,
}

impl Ctx {
    /// The shared state of one widget over a loaded property and a listing
    /// signal; the quote is derived here, once, for every component.
    #[must_use]
    pub fn new(init: CtxInit) -> Self {
        let CtxInit {
            details,
            api,
            lang,
            today,
            form,
            listing,
            reload,
            events,
            group,
        } = init;
        let details = Arc::new(details);
        let property_id = details.property.id.clone();
        let quote = Memo::new({
            let details = details.clone();
            move |_| {
                let selection = form.selection_draft().selection(&property_id)?;
                let listing = listing.get()?;
                Some(
                    booking_model::pricing_request(&details, &listing, &selection, today).and_then(
                        |request| {
                            pricing::quote(&request)
                                .map(|quote| (quote, request))
                                .map_err(|e| {
                                    vec![FieldError::new(
                                        e.path,
                                        ErrorCode::PricingError,
                                        e.message,
                                    )]
                                })
                        },
                    ),
                )
            }
        });
        Self {
            lang,
            locale: lang.intl_locale(&details.locale),
            currency: details.currency.code(),
            api,
            details,
            form,
            today,
            listing,
            quote,
            reload,
            confirmation: RwSignal::new(None),
            events,
            group,
            attribution: crate::attribution::from_page(),
        }
    }

    /// GA4's `items` entry for a chosen price variant.
    #[must_use]
    pub fn ga4_item(&self, size_name: &str, price_id: &str, price: &str) -> serde_json::Value {
        serde_json::json!({
            "item_id": price_id,
            "item_name": size_name,
            "item_category": self.details.property.name,
            "price": number(price),
            "quantity": 1,
        })
    }

    /// An amount written the locale's way.
    #[must_use]
    pub fn money(&self, amount: &str) -> String {
        intl::money(amount, self.currency, &self.locale)
    }
}

/// Reads the shared [`Ctx`]; every component below `BookingWidget` has one.
#[must_use]
pub fn use_ctx() -> Ctx {
    use_context::<Ctx>().unwrap_or_else(|| panic!("BookingWidget provides Ctx"))
}

/// The widget once its property is known: opening hours, the listing, the
/// form with its live quote, then the confirmation.
#[component]
pub fn BookingWidget(
    details: PropertyDetails,
    api: Api,
    config: Config,
    lang: Lang,
    events: Events,
) -> impl IntoView {
    let property_id = details.property.id.clone();
    let (draft, move_in_linked) = initial_draft(&details, &config);
    let form = Form::new(draft);

    // The listing request leaves first: `LocalResource::new` polls its
    // future once, so `fetch` is called here, before the Intl work below
    // (the first time-zone formatter of a page costs tens of milliseconds).
    let reload = RwSignal::new(0u32);
    let listing_resource = LocalResource::new({
        let api = api.clone();
        let property_id = property_id.clone();
        move || {
            reload.track();
            let (api, property_id) = (api.clone(), property_id.clone());
            let (storage, tenant, period) = (
                form.storage_id.get(),
                form.tenant_type.get(),
                form.period.get(),
            );
            async move { api.listing(&storage, &property_id, &tenant, period).await }
        }
    });

    let today = intl::now_in_zone(&details.time_zone)
        .map(|(date, _, _)| date)
        .or(details.earliest_move_in_date)
        .unwrap_or_default();
    settle_move_in(&details, form, today, move_in_linked);

    // Every change is saved, so a reload finds the form as it was left.
    Effect::new({
        let property_id = property_id.clone();
        move |_| save_draft(&property_id, &form.draft())
    });

    let listing = Memo::new(
        move |previous: Option<&Option<Arc<Listing>>>| match listing_resource.get() {
            Some(Ok(listing)) => Some(Arc::new(listing)),
            _ => previous.cloned().flatten(),
        },
    );
    let listing_failed = move || matches!(listing_resource.get(), Some(Err(_)));

    let group = config.group;
    let ctx = Ctx::new(CtxInit {
        details,
        api,
        lang,
        today,
        form,
        listing,
        reload,
        events,
        group,
    });
    report_steps(&ctx);
    provide_context(ctx.clone());
    let t = lang.t();
    let details = ctx.details.clone();
    let locale = ctx.locale.clone();
    let property = &details.property;
    let address = format!(
        "{}, {} {}",
        property.address, property.postal_code, property.city
    );
    let week = property
        .property_office_opening_hours_info_list
        .clone()
        .unwrap_or_default();
    let time_zone = details.time_zone.clone();
    let confirmation = ctx.confirmation;
    // The form and the side panel render in the frame after the listing's:
    // the sizes, what the tenant came for, are painted without waiting
    // for them.
    let ready = RwSignal::new(false);
    let hours = StoredValue::new((week, time_zone, locale));
    Effect::new(move |_| {
        if listing.with(Option::is_some) && !ready.get_untracked() {
            request_animation_frame(move || ready.set(true));
        }
    });

    view! {
        <header class="sw__header">
            <h1 class="sw__title">{t.title}</h1>
            <p class="sw__property">
                <strong>{property.name.clone()}</strong>
                " · "
                {address}
                {property.contact_number.clone().map(|phone| view! {
                    " · " <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a>
                })}
            </p>
        </header>
        <Show
            when=move || confirmation.with(Option::is_none)
            fallback=move || view! { <Confirmation /> }
        >
            <div class="sw__layout">
                <div class="sw__main">
                    <Show when=listing_failed>
                        <div class="sw__error" role="alert">
                            <p>{t.load_failed}</p>
                            <button type="button" class="sw__button" on:click=move |_| reload.update(|n| *n += 1)>
                                {t.retry}
                            </button>
                        </div>
                    </Show>
                    {move || match listing.get() {
                        Some(listing) => view! { <SizeListing listing /> }.into_any(),
                        None => view! {
                            <p class="sw__loading" role="status" aria-live="polite" aria-busy="true">{t.loading}</p>
                        }.into_any(),
                    }}
                    <Show when=move || ready.get()>
                        <BookingForm />
                    </Show>
                </div>
                <aside class="sw__aside">
                    <Show when=move || ready.get()>
                        <QuotePreview />
                        <OpeningHoursPanel
                            week=hours.with_value(|h| h.0.clone())
                            time_zone=hours.with_value(|h| h.1.clone())
                            locale=hours.with_value(|h| h.2.clone())
                            lang
                        />
                    </Show>
                </aside>
            </div>
        </Show>
    }
}

/// Tells the host page when the listing is shown and when the quote
/// changes (GA4's `begin_checkout` only for the first quote).
fn report_steps(ctx: &Ctx) {
    let (listing, quote) = (ctx.listing, ctx.quote);
    let viewer = ctx.clone();
    Effect::new(move |_| {
        let Some(listing) = listing.get() else { return };
        let items: Vec<_> = listing
            .property_size_price_data
            .iter()
            .flat_map(|d| &d.sizes)
            .flat_map(|s| s.storage_category.iter().map(move |c| (s, c)))
            .flat_map(|(s, c)| c.price.iter().map(move |v| (s, c, v)))
            .filter_map(|(s, c, v)| {
                let block = v.rental_price.as_ref().or(v.booking_price.as_ref())?;
                let name = format!("{} {} m²", c.name, s.surface);
                Some(viewer.ga4_item(
                    &name,
                    &v.id,
                    &crate::listing_view::payable(block).to_string(),
                ))
            })
            .collect();
        let detail = serde_json::json!({ "propertyId": viewer.details.property.id, "variants": items.len() });
        let ecommerce =
            serde_json::json!({ "item_list_id": viewer.details.property.id, "items": items });
        viewer
            .events
            .emit(Step::ListingViewed, &detail, Some(&ecommerce));
    });
    let reporter = ctx.clone();
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let Some(Ok((quote, _))) = quote.get() else {
            return;
        };
        let due = quote.due_at_move_in.to_string();
        let form = reporter.form;
        let (size_id, price_id) = (form.size_id.get_untracked(), form.price_id.get_untracked());
        let detail = serde_json::json!({
            "currency": quote.currency.code(),
            "dueAtMoveIn": due,
            "recurringGrossAmount": quote.recurring_gross_amount.to_string(),
            "sizeId": size_id,
            "priceId": price_id,
        });
        let ecommerce = first.get_value().then(|| {
            serde_json::json!({
                "currency": quote.currency.code(),
                "value": number(&due),
                "items": [reporter.ga4_item(&size_id, &price_id, &due)],
            })
        });
        first.set_value(false);
        reporter
            .events
            .emit(Step::QuoteChanged, &detail, ecommerce.as_ref());
    });
}

/// The form to start from: the saved draft, else the embedder's and the
/// property's defaults; then whatever the page URL asks for (a marketing
/// link's size, promo code or move-in date) on top. Also says whether the
/// move-in date came from the link (a link's date is kept as given, to be
/// validated like one the tenant typed).
fn initial_draft(details: &PropertyDetails, config: &Config) -> (Draft, bool) {
    let mut draft = load_draft(&details.property.id).unwrap_or_default();
    let first = |ids: Vec<String>| ids.into_iter().next().unwrap_or_default();
    if draft.storage_id.is_empty() {
        draft.storage_id = config
            .storage_id
            .clone()
            .unwrap_or_else(|| first(details.storages.iter().map(|s| s.id.clone()).collect()));
    }
    if draft.tenant_type.is_empty() {
        draft.tenant_type = config
            .tenant_type
            .clone()
            .unwrap_or_else(|| first(details.tenant_types.iter().map(|t| t.id.clone()).collect()));
    }
    if draft
        .period
        .is_none_or(|p| !details.payment_periods.contains(&p))
    {
        draft.period = details.payment_periods.first().copied();
    }
    let mut move_in_linked = false;
    if let Some(query) = crate::config::query_params() {
        let set = |name: &str, field: &mut String| {
            if let Some(value) = query.get(name).filter(|v| !v.is_empty()) {
                *field = value;
            }
        };
        set("size", &mut draft.size_id);
        set("price", &mut draft.price_id);
        set("promo", &mut draft.promo_code);
        set("insurance", &mut draft.insurance_plan_id);
        if let Some(date) = query.get("moveIn").filter(|v| !v.is_empty()) {
            draft.move_in_date = date;
            move_in_linked = true;
        }
        if let Some(mode) = query.get("mode") {
            draft.mode = match mode.to_ascii_uppercase().as_str() {
                "BOOK" => Some(booking_model::Mode::Book),
                "RENT" => Some(booking_model::Mode::Rent),
                _ => draft.mode,
            };
        }
        if let Some(period) = query.get("period") {
            draft.period = pricing::Period::from_wire(&period.to_ascii_uppercase())
                .filter(|p| details.payment_periods.contains(p))
                .or(draft.period);
        }
    }
    (draft, move_in_linked)
}

/// Moves a saved move-in date that has gone stale (or was never set) to the
/// property's earliest; a linked date is left as the link gave it.
fn settle_move_in(details: &PropertyDetails, form: Form, today: NaiveDate, linked: bool) {
    if linked {
        return;
    }
    let earliest = details.move_in_window.earliest(today).unwrap_or(today);
    let stale = form
        .move_in_date
        .with_untracked(|d| d.parse::<NaiveDate>().map_or(true, |d| d < earliest));
    if stale {
        form.move_in_date.set(earliest.to_string());
    }
}

use booking_model::{validate_tenant, BookingRequest, ErrorCode, FieldError, Status};
use leptos::prelude::*;
use pricing::Period;
use wasm_bindgen::JsCast;

use crate::api::{new_idempotency_key, ApiError};
use crate::components::booking_widget::use_ctx;
use crate::components::text_field::TextField;
use crate::config::find_in_root;
use crate::events::{number, Step};
use crate::form::clear_draft;
use crate::i18n::period_label;

/// The booking itself: move-in date, tenant type, period, protection plan,
/// extras, promo code, the tenant's details and the terms. Errors show
/// beside their field once it is left or the form is sent, in the words of
/// the widget's language, checked by the same code the server runs.
#[component]
pub fn BookingForm() -> impl IntoView {
    let ctx = use_ctx();
    let t = ctx.lang.t();
    let lang = ctx.lang;
    let form = ctx.form;
    let details = ctx.details.clone();
    let property_id = details.property.id.clone();

    let touched = RwSignal::new(Vec::<String>::new());
    let submitted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let banner = RwSignal::new(None::<&'static str>);
    let pending = RwSignal::new(false);
    // The key of the current attempt and the body it was made for: a retry
    // of the same body reuses the key, any change makes a new attempt.
    let attempt = StoredValue::new(None::<(String, String)>);

    let local_errors = Memo::new({
        let quote = ctx.quote;
        move |_| {
            let draft = form.draft();
            let mut errors = validate_tenant(&draft.tenant());
            if let Some(Err(mapping)) = quote.get() {
                errors.extend(mapping);
            }
            if !draft.terms_accepted {
                errors.push(FieldError::new(
                    "termsAccepted",
                    ErrorCode::MustAcceptTerms,
                    "terms",
                ));
            }
            errors
        }
    });
    // Any edit makes the server's previous verdict stale.
    Effect::new(move |_| {
        let _ = form.draft();
        server_errors.set(Vec::new());
    });

    let error_for = move |field: &str| {
        let field = field.to_owned();
        Signal::derive(move || {
            let field = Some(field.as_str());
            let shown =
                submitted.get() || touched.with(|t| t.iter().any(|f| Some(f.as_str()) == field));
            let local = local_errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field.as_deref() == field)
                    .map(|e| e.code)
            });
            let server = server_errors.with(|errors| {
                errors
                    .iter()
                    .find(|e| e.field.as_deref() == field)
                    .map(|e| e.code)
            });
            local
                .filter(|_| shown)
                .or(server)
                .map(|code| lang.error(code).to_owned())
        })
    };
    let touch = move |field: &str| {
        let field = field.to_owned();
        Callback::new(move |()| {
            touched.update(|t| {
                if !t.contains(&field) {
                    t.push(field.clone());
                }
            });
        })
    };

    let submit = {
        let ctx = ctx.clone();
        let property_id = property_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let form_node: Option<web_sys::Node> = ev.target().and_then(|t| t.dyn_into().ok());
            let focus_first_invalid = {
                let node = form_node.clone();
                move || focus_first_invalid(node.clone())
            };
            if pending.get_untracked() {
                return;
            }
            submitted.set(true);
            banner.set(None);
            let draft = form.draft();
            let quote = ctx.quote.get_untracked();
            let (Some(selection), Some(Ok((quote, _)))) = (draft.selection(&property_id), quote)
            else {
                banner.set(Some(t.fix_errors));
                focus_first_invalid();
                return;
            };
            if !local_errors.get_untracked().is_empty() {
                banner.set(Some(t.fix_errors));
                focus_first_invalid();
                return;
            }
            let booking = BookingRequest {
                selection,
                tenant: draft.tenant(),
                terms_accepted: draft.terms_accepted,
                expected_due_at_move_in: quote.due_at_move_in.value(),
                attribution: Some(ctx.attribution.clone()).filter(|a| !a.is_empty()),
            };
            let body = serde_json::to_string(&booking).unwrap_or_default();
            let key = match attempt.get_value() {
                Some((previous, key)) if previous == body => key,
                _ => new_idempotency_key(),
            };
            attempt.set_value(Some((body, key.clone())));
            pending.set(true);
            let (api, property_id, ctx) = (ctx.api.clone(), property_id.clone(), ctx.clone());
            leptos::task::spawn_local(async move {
                let result = api.book(&booking, &key).await;
                pending.set(false);
                if let Err(err) = &result {
                    let (status, errors) = match err {
                        ApiError::Rejected { status, errors, .. } => {
                            (status.as_str(), errors.clone())
                        }
                        ApiError::Network(_) => ("NETWORK_ERROR", Vec::new()),
                        ApiError::Decode(_) => ("UNEXPECTED_ANSWER", Vec::new()),
                    };
                    let detail = serde_json::json!({ "status": status, "errors": errors });
                    ctx.events.emit(Step::BookingFailed, &detail, None);
                }
                match result {
                    Ok(confirmed) => {
                        clear_draft(&property_id);
                        attempt.set_value(None);
                        let due = confirmed.quote.due_at_move_in.to_string();
                        let currency = confirmed.quote.currency.code();
                        let detail = serde_json::json!({
                            "bookingId": confirmed.id,
                            "reference": confirmed.transact_id,
                            "currency": currency,
                            "dueAtMoveIn": due,
                        });
                        let item = ctx.ga4_item(
                            &confirmed.selection.storage_space_size_info_id,
                            &confirmed.selection.price_id,
                            &due,
                        );
                        let ecommerce = serde_json::json!({
                            "transaction_id": confirmed.transact_id,
                            "currency": currency,
                            "value": number(&due),
                            "items": [item],
                        });
                        ctx.events
                            .emit(Step::BookingCreated, &detail, Some(&ecommerce));
                        ctx.confirmation.set(Some(confirmed));
                    }
                    Err(ApiError::Network(_)) => banner.set(Some(t.network_retry)),
                    Err(ApiError::Rejected {
                        status: Status::PriceChanged,
                        ..
                    }) => {
                        banner.set(Some(t.price_changed));
                        ctx.reload.update(|n| *n += 1);
                    }
                    Err(ApiError::Rejected {
                        status: Status::SoldOut,
                        ..
                    }) => {
                        banner.set(Some(t.sold_out_now));
                        form.size_id.set(String::new());
                        form.price_id.set(String::new());
                        ctx.reload.update(|n| *n += 1);
                        if let Some(node) = &form_node {
                            scroll_to(node, "#sw-listing-title");
                        }
                    }
                    Err(ApiError::Rejected { errors, .. })
                        if errors.iter().any(|e| e.field.is_some()) =>
                    {
                        server_errors.set(errors);
                        banner.set(Some(t.fix_errors));
                        focus_first_invalid();
                    }
                    Err(err) => {
                        leptos::logging::warn!("booking failed: {err}");
                        banner.set(Some(t.network_retry));
                    }
                }
            });
        }
    };

    let earliest = details
        .move_in_window
        .earliest(ctx.today)
        .map(|d| d.to_string());
    let latest = details
        .move_in_window
        .latest(ctx.today)
        .map(|d| d.to_string());
    let tenant_types = details
        .tenant_types
        .iter()
        .map(|tt| {
            let id = tt.id.clone();
            view! { <option value=tt.id.clone() selected=move || form.tenant_type.get() == id>{tt.name.clone()}</option> }
        })
        .collect_view();
    let periods = details
        .payment_periods
        .iter()
        .map(|p| {
            let p = *p;
            view! { <option value=p.as_str() selected=move || form.period.get() == p>{period_label(lang, p)}</option> }
        })
        .collect_view();
    let insurance_plans = details
        .insurance_plans
        .iter()
        .map(|plan| {
            let id = plan.id.clone();
            let label = format!("{} · {} {}", plan.description, ctx.money(&plan.price.to_string()), t.per_month);
            view! { <option value=plan.id.clone() selected=move || form.insurance_plan_id.get() == id>{label}</option> }
        })
        .collect_view();
    let add_ons = details
        .add_ons
        .iter()
        .enumerate()
        .map(|(i, add_on)| {
            let input_id = format!("sw-addon-{}", add_on.id);
            let (id, id2) = (add_on.id.clone(), add_on.id.clone());
            let price = ctx.money(&add_on.price.to_string());
            let label = if add_on.recurring { format!("{} ({price} {})", add_on.name, t.per_month) } else { format!("{} ({price})", add_on.name) };
            let mandatory = add_on.mandatory;
            let error = error_for(&format!("addOns[{i}].quantity"));
            view! {
                <div class="sw-field sw-field--addon">
                    <label class="sw-field__label" for=input_id.clone()>{label}</label>
                    <input
                        class="sw-field__input sw-field__input--narrow"
                        id=input_id
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max=add_on.max_quantity.to_string()
                        disabled=mandatory
                        prop:value=move || if mandatory { 1 } else { form.add_on_quantity(&id) }.to_string()
                        on:input=move |ev| {
                            let quantity = event_target_value(&ev).parse::<u32>().unwrap_or(0);
                            form.set_add_on_quantity(&id2, quantity);
                        }
                    />
                    <p class="sw-field__error" aria-live="polite">{move || error.get()}</p>
                </div>
            }
        })
        .collect_view();
    let terms = details.terms.clone();
    let move_in_error = error_for("moveInDate");
    let insurance_error = error_for("insurancePlanId");
    let promo_error = error_for("promoCode");
    let terms_error = error_for("termsAccepted");
    let has_selection = move || !form.size_id.get().is_empty();

    view! {
        <form class="sw-form" novalidate on:submit=submit aria-labelledby="sw-form-title">
            <h2 id="sw-form-title" class="sw__subtitle" tabindex="-1">{t.your_booking}</h2>
            <Show when=move || !has_selection()>
                <p class="sw-form__hint">{t.pick_a_size}</p>
            </Show>
            <div class="sw-form__grid">
                <div class="sw-field" class:sw-field--invalid=move || move_in_error.get().is_some()>
                    <label class="sw-field__label" for="sw-move-in">{t.move_in_date}</label>
                    <input
                        class="sw-field__input"
                        id="sw-move-in"
                        type="date"
                        min=earliest
                        max=latest
                        required
                        aria-invalid=move || if move_in_error.get().is_some() { "true" } else { "false" }
                        aria-describedby="sw-move-in-error"
                        bind:value=form.move_in_date
                        on:blur=move |_| touch("moveInDate").run(())
                    />
                    <p class="sw-field__error" id="sw-move-in-error" aria-live="polite">{move || move_in_error.get()}</p>
                </div>
                <div class="sw-field">
                    <label class="sw-field__label" for="sw-tenant-type">{t.tenant_type}</label>
                    <select class="sw-field__input" id="sw-tenant-type" on:change=move |ev| form.tenant_type.set(event_target_value(&ev))>
                        {tenant_types}
                    </select>
                </div>
                <div class="sw-field">
                    <label class="sw-field__label" for="sw-period">{t.billing_period}</label>
                    <select
                        class="sw-field__input"
                        id="sw-period"
                        on:change=move |ev| {
                            if let Some(period) = Period::from_wire(&event_target_value(&ev)) {
                                form.period.set(period);
                            }
                        }
                    >
                        {periods}
                    </select>
                </div>
                <div class="sw-field" class:sw-field--invalid=move || insurance_error.get().is_some()>
                    <label class="sw-field__label" for="sw-insurance">{t.insurance}</label>
                    <select
                        class="sw-field__input"
                        id="sw-insurance"
                        aria-describedby="sw-insurance-error"
                        on:change=move |ev| form.insurance_plan_id.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || form.insurance_plan_id.get().is_empty()>{t.no_insurance}</option>
                        {insurance_plans}
                    </select>
                    <p class="sw-field__error" id="sw-insurance-error" aria-live="polite">{move || insurance_error.get()}</p>
                </div>
            </div>
            <fieldset class="sw-form__group">
                <legend>{t.add_ons}</legend>
                {add_ons}
            </fieldset>
            <TextField id="sw-promo" label=t.promo_code value=form.promo_code error=promo_error on_blur=touch("promoCode") autocomplete="off" />
            <fieldset class="sw-form__group">
                <legend>{t.your_details}</legend>
                <div class="sw-form__grid">
                    <TextField id="sw-first-name" label=t.first_name value=form.first_name error=error_for("tenant.firstName") on_blur=touch("tenant.firstName") autocomplete="given-name" required=true />
                    <TextField id="sw-last-name" label=t.last_name value=form.last_name error=error_for("tenant.lastName") on_blur=touch("tenant.lastName") autocomplete="family-name" required=true />
                    <TextField id="sw-email" label=t.email value=form.email error=error_for("tenant.email") on_blur=touch("tenant.email") input_type="email" autocomplete="email" required=true />
                    <TextField id="sw-phone" label=t.phone value=form.phone_number error=error_for("tenant.phoneNumber") on_blur=touch("tenant.phoneNumber") input_type="tel" autocomplete="tel" required=true />
                    <TextField id="sw-address" label=t.address value=form.address error=error_for("tenant.address") on_blur=touch("tenant.address") autocomplete="street-address" required=true />
                    <TextField id="sw-city" label=t.city value=form.city error=error_for("tenant.city") on_blur=touch("tenant.city") autocomplete="address-level2" required=true />
                    <TextField id="sw-postal-code" label=t.postal_code value=form.postal_code error=error_for("tenant.postalCode") on_blur=touch("tenant.postalCode") autocomplete="postal-code" required=true />
                    <TextField id="sw-country" label=t.country value=form.country error=error_for("tenant.countryISOCode2") on_blur=touch("tenant.countryISOCode2") autocomplete="country" required=true />
                </div>
            </fieldset>
            <div class="sw-field sw-field--check" class:sw-field--invalid=move || terms_error.get().is_some()>
                <input
                    id="sw-terms"
                    type="checkbox"
                    aria-invalid=move || if terms_error.get().is_some() { "true" } else { "false" }
                    aria-describedby="sw-terms-error"
                    bind:checked=form.terms_accepted
                    on:blur=move |_| touch("termsAccepted").run(())
                />
                <label for="sw-terms">
                    {t.accept_terms} " " <a href=terms.url target="_blank" rel="noopener">{terms.title}</a>
                </label>
                <p class="sw-field__error" id="sw-terms-error" aria-live="polite">{move || terms_error.get()}</p>
            </div>
            <p class="sw-form__banner" role="alert">{move || banner.get()}</p>
            <button type="submit" class="sw__button sw__button--primary" aria-disabled=move || pending.get().to_string()>
                {move || if pending.get() { t.booking } else { t.book_now }}
            </button>
        </form>
    }
}

/// Puts keyboard focus on the first field marked invalid, in the widget's
/// own root (a shadow root when embedded).
fn focus_first_invalid(form: Option<web_sys::Node>) {
    let Some(form) = form else { return };
    leptos::task::spawn_local(async move {
        // Let the error markup render first.
        leptos::task::tick().await;
        let field = find_in_root(&form, "[aria-invalid=true]")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
}

fn scroll_to(node: &web_sys::Node, selector: &str) {
    if let Some(el) = find_in_root(node, selector) {
        el.scroll_into_view();
    }
}

//! `GET /v1/booking/{id}/activity-quotation/preview`: a booking's quote in
//! StoRegister's quotation-preview shape.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use booking_model::{
    format_money, format_percent, Country, JsonDecimal, Money, PreviewClient, PreviewLine,
    PreviewPercentage, PreviewStorageSize, PreviewSubscription, PreviewTransactLine,
    QuotationPreview, StorageRef,
};
use chrono::NaiveDate;
use pricing::{Category, Currency, Invoice, Line};
use rust_decimal::Decimal;

use super::error::{ok, Result};
use super::extract::ApiKey;
use crate::service::booking::KeyBooking;
use crate::service::{Missing, ServiceError};
use crate::state::AppState;

/// StoRegister writes dates as `DD-MM-YYYY`.
fn sr_date(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// The booking's move-in invoice and a full cycle, StoRegister-shaped.
#[utoipa::path(
    get, path = "/v1/booking/{bookingId}/activity-quotation/preview", tag = "booking",
    params(("bookingId" = String, Path, min_length = 1)),
    responses(
        (status = 200, description = "The preview", body = super::openapi::PreviewEnvelope),
        (status = 404, response = super::openapi::NotFound),
    )
)]
pub async fn preview(
    State(state): State<AppState>,
    ApiKey(key): ApiKey,
    Path(id): Path<String>,
) -> Result<Response> {
    let KeyBooking { row, snapshot } = state.services.booking_for_key(&key, &id).await?;
    let (selection, tenant, quote) = (&row.selection, &row.tenant, &row.quote);
    let property = snapshot
        .loaded
        .catalogue
        .property(&row.property_id)
        .ok_or(ServiceError::NotFound(Missing::Booking))?;
    let details = &property.details;
    let locale = details.locale.as_str();
    let storage = property.storage(&selection.storage_info_id);
    let size = storage.and_then(|s| {
        s.sizes
            .iter()
            .find(|z| z.storage_space_size_info_id == selection.storage_space_size_info_id)
    });
    let transact_date = row.created_at.date_naive();
    let ids = LineIds {
        rent: selection.price_id.clone(),
        insurance: selection.insurance_plan_id.clone().unwrap_or_default(),
    };
    let preview = QuotationPreview {
        id: row.id.clone(),
        transact_id: row.transact_id.clone(),
        transact_date: sr_date(transact_date),
        move_in_date: sr_date(quote.move_in_date),
        client: PreviewClient {
            id: row.id.clone(),
            name: format!("{} {}", tenant.first_name.trim(), tenant.last_name.trim()),
            email: tenant.email.clone(),
            phone_number: tenant.phone_number.clone(),
            address: tenant.address.clone(),
            city: tenant.city.clone(),
            region: 0,
            postal_code: tenant.postal_code.clone(),
            country: if tenant.country_iso_code2 == details.property.country_iso_code2 {
                details.property.country.clone()
            } else {
                Country {
                    id: 0,
                    name: tenant.country_iso_code2.clone(),
                }
            },
        },
        billing_subscription: subscription(&quote.full_cycle, quote.currency, locale, &ids),
        pro_rata_subscription: subscription(&quote.pro_rata, quote.currency, locale, &ids),
        property: details.property.clone(),
        storage: StorageRef {
            id: selection.storage_info_id.clone(),
            name: storage.map(|s| s.name.clone()).unwrap_or_default(),
        },
        storage_size: PreviewStorageSize {
            size: size.map(|z| z.surface).unwrap_or_default(),
            scale_metrics: size.map(|z| z.scale_metrics.clone()).unwrap_or_default(),
            default_size_metrics: size.map(|z| z.size_metrics.clone()).unwrap_or_default(),
            length: size.map(|z| z.length).unwrap_or_default(),
            width: size.map(|z| z.width).unwrap_or_default(),
            height: size.map(|z| z.height).unwrap_or_default(),
        },
        is_document_signed: false,
        document_list: Vec::new(),
        attribution: row.attribution.clone(),
    };
    Ok(ok(StatusCode::OK, preview))
}

struct LineIds {
    rent: String,
    insurance: String,
}

fn subscription(
    invoice: &Invoice,
    currency: Currency,
    locale: &str,
    ids: &LineIds,
) -> PreviewSubscription {
    let money = |v: Decimal| Money::new(v, currency, locale);
    let period = format!(
        "{} to {}",
        sr_date(invoice.start_date),
        sr_date(invoice.end_date)
    );
    let line = |l: &Line, id: &str| preview_line(l, id, currency, locale, &period);
    let first = |c: Category| invoice.lines.iter().find(|l| l.category == c);
    let all = |c: Category| {
        let lines: Vec<_> = invoice
            .lines
            .iter()
            .filter(|l| l.category == c)
            .map(|l| line(l, ""))
            .collect();
        (!lines.is_empty()).then_some(lines)
    };
    PreviewSubscription {
        start_date: sr_date(invoice.start_date),
        end_date: sr_date(invoice.end_date),
        tax_user_type: None,
        non_taxable_amount: money(invoice.non_taxable_amount.value()),
        taxable_amount: money(invoice.taxable_amount.value()),
        tax_amount: money(invoice.tax_amount.value()),
        net_amount: money(invoice.net_amount.value()),
        gross_amount: money(invoice.gross_amount.value()),
        rent: first(Category::Rent).map(|l| line(l, &ids.rent)),
        discount: first(Category::RentalDiscount).map(|l| line(l, "")),
        insurance: first(Category::Insurance).map(|l| line(l, &ids.insurance)),
        service: all(Category::Service),
        merchandise: all(Category::Merchandise),
        transact_data: invoice
            .lines
            .iter()
            .map(|l| {
                let rate: Decimal = l.taxes.iter().map(|t| t.rate).sum();
                let taxable = if l.taxes.is_empty() {
                    l.non_taxable.value()
                } else {
                    l.taxable.value()
                };
                PreviewTransactLine {
                    name: l.description.clone(),
                    description: format!("{} (Duration: {period})", l.description),
                    categeory: l.category.as_str().to_owned(),
                    non_taxable_amount: None,
                    taxable_amount: money(taxable),
                    tax_percentage: Money {
                        price: JsonDecimal(rate),
                        formatted_price: rate.normalize().to_string(),
                    },
                    tax_amount: money(l.tax.value()),
                    net_amount: money(l.gross.value()),
                    gross_amount: money(l.gross.value()),
                }
            })
            .collect(),
    }
}

fn preview_line(l: &Line, id: &str, currency: Currency, locale: &str, period: &str) -> PreviewLine {
    let rate: Decimal = l.taxes.iter().map(|t| t.rate).sum();
    let taxable = if l.taxes.is_empty() {
        l.non_taxable.value()
    } else {
        l.taxable.value()
    };
    PreviewLine {
        id: id.to_owned(),
        description: l.description.clone(),
        taxable_price: Money::new(taxable, currency, locale),
        tax_percentage: PreviewPercentage {
            percentage: JsonDecimal(rate),
            formatted_percentage: if rate.is_zero() {
                String::new()
            } else {
                format_percent(rate, locale)
            },
        },
        tax_price: Money {
            price: JsonDecimal(l.tax.value()),
            formatted_price: if l.tax.value().is_zero() {
                String::new()
            } else {
                format_money(l.tax.value(), currency, locale)
            },
        },
        payable_price: Money::new(l.gross.value(), currency, locale),
        period: Some(period.to_owned()),
    }
}

//! `GET /v1/booking/{id}/activity-quotation/preview`: a booking's quote in
//! exactly the shape of StoRegister's quotation preview (dates as
//! `DD-MM-YYYY`, `categeory` spelt as StoRegister spells it).

use serde::{Deserialize, Serialize};

use crate::listing::StorageRef;
use crate::money::{JsonDecimal, Money};
use crate::property::{Country, Property};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct QuotationPreview {
    pub id: String,
    pub transact_id: String,
    pub transact_date: String,
    pub move_in_date: String,
    pub client: PreviewClient,
    /// A full billing cycle.
    pub billing_subscription: PreviewSubscription,
    /// The move-in invoice.
    pub pro_rata_subscription: PreviewSubscription,
    pub property: Property,
    pub storage: StorageRef,
    pub storage_size: PreviewStorageSize,
    pub is_document_signed: bool,
    pub document_list: Vec<serde_json::Value>,
    /// Who sent the tenant (not in StoRegister's document: an addition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<crate::Attribution>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewClient {
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone_number: String,
    pub address: String,
    pub city: String,
    pub region: i64,
    pub postal_code: String,
    pub country: Country,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewSubscription {
    pub start_date: String,
    pub end_date: String,
    pub tax_user_type: Option<String>,
    pub non_taxable_amount: Money,
    pub taxable_amount: Money,
    pub tax_amount: Money,
    pub net_amount: Money,
    pub gross_amount: Money,
    pub rent: Option<PreviewLine>,
    pub discount: Option<PreviewLine>,
    pub insurance: Option<PreviewLine>,
    pub service: Option<Vec<PreviewLine>>,
    pub merchandise: Option<Vec<PreviewLine>>,
    pub transact_data: Vec<PreviewTransactLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewLine {
    pub id: String,
    pub description: String,
    pub taxable_price: Money,
    pub tax_percentage: PreviewPercentage,
    pub tax_price: Money,
    pub payable_price: Money,
    pub period: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewPercentage {
    pub percentage: JsonDecimal,
    pub formatted_percentage: String,
}

/// One line of `transactData`; `taxPercentage` is money-shaped there, as in StoRegister.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewTransactLine {
    pub name: String,
    pub description: String,
    pub categeory: String,
    pub non_taxable_amount: Option<Money>,
    pub taxable_amount: Money,
    pub tax_percentage: Money,
    pub tax_amount: Money,
    pub net_amount: Money,
    pub gross_amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PreviewStorageSize {
    pub size: JsonDecimal,
    pub scale_metrics: String,
    pub default_size_metrics: String,
    pub length: JsonDecimal,
    pub width: JsonDecimal,
    pub height: JsonDecimal,
}

//! The catalogue file an operator writes (`booking-api import FILE`,
//! `seed/catalogue.json`), as Rust types. The same form is stored in the
//! database, and `catalogue.schema.json` is generated from these types:
//! the doc comments here are what operators read as field descriptions.
//!
//! This module depends on no other part of the catalogue.

use std::borrow::Cow;

use booking_model::{
    AddOn, Closure, DepositRule, InsurancePlan, JsonDecimal, MoveInWindow, Promotion, Property,
    PropertyDetails, StorageType, TenantType, Terms,
};
use pricing::{Billing, Currency, Period, Tax};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A self-storage operator's catalogue: the properties they let, with their
/// sizes, prices and stock, and the publishable keys of the sites that
/// show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Self-storage booking catalogue")]
pub struct Catalogue {
    /// The keys the widget is embedded with. A file without any (a
    /// StoRegister listing) keeps the keys already imported.
    #[schemars(example = serde_json::json!([{"key": "pk_demo", "allowedOrigins": ["https://www.chalets.example"], "propertyIds": ["a99c4590-9475-404e-bcbd-6cba2e2b5e16"]}]))]
    pub publishable_keys: Vec<PublishableKey>,
    /// The properties, each with its details and storages.
    #[schemars(example = serde_json::json!([]))]
    pub properties: Vec<CatalogueProperty>,
}

/// A publishable key names an operator's site: which properties it shows,
/// which web origins may call with it, where its webhooks go.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublishableKey {
    /// The key the host page gives the widget; public, unique.
    #[schemars(regex(pattern = "^pk_[A-Za-z0-9_]+$"), example = &"pk_demo")]
    pub key: String,
    /// `scheme://host` or `scheme://host:port`; a port of `*` matches any
    /// port (and none).
    #[schemars(example = serde_json::json!(["https://www.chalets.example", "http://localhost:*"]))]
    pub allowed_origins: Vec<String>,
    /// The properties (`details.property.id`) this key shows.
    #[schemars(example = serde_json::json!(["a99c4590-9475-404e-bcbd-6cba2e2b5e16"]))]
    pub property_ids: Vec<String>,
    /// Where `booking.created` webhooks are sent.
    #[serde(default)]
    #[schemars(url, example = &"https://crm.chalets.example/hooks/booking")]
    pub webhook_url: Option<String>,
    /// Standard Webhooks secret, `whsec_` + base64.
    #[serde(default)]
    #[schemars(regex(pattern = "^whsec_[A-Za-z0-9+/]+={0,2}$"), example = &"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    pub webhook_secret: Option<String>,
}

/// The secret stays out of logs and panics.
impl std::fmt::Debug for PublishableKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishableKey")
            .field("key", &self.key)
            .field("allowed_origins", &self.allowed_origins)
            .field("property_ids", &self.property_ids)
            .field("webhook_url", &self.webhook_url)
            .field("webhook_secret", &self.webhook_secret.as_ref().map(|_| "…"))
            .finish()
    }
}

/// One property as the server holds it. `details` is the public answer of
/// `GET /v1/properties/{id}` (its `storages` filled from [`Self::storages`]);
/// what is the operator's alone (the desk's address, the terms document's
/// file) is kept beside it, so that it cannot reach that answer.
///
/// Read and written as [`PropertyFile`], the form operators write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PropertyFile", into = "PropertyFile")]
pub struct CatalogueProperty {
    pub details: PropertyDetails,
    /// Where booking notices for the desk are e-mailed.
    pub notification_email: Option<String>,
    /// The terms document the server serves at `details.terms.url`.
    pub terms_document: Option<TermsDocument>,
    pub storages: Vec<CatalogueStorage>,
}

/// A terms document the catalogue ships: the file it names, and its text
/// once the import has read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsDocument {
    /// As the catalogue names it, relative to the catalogue file.
    pub file: String,
    /// The HTML, read at import; `None` until then.
    pub html: Option<String>,
}

impl JsonSchema for CatalogueProperty {
    fn schema_name() -> Cow<'static, str> {
        PropertyFile::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        PropertyFile::json_schema(generator)
    }
}

/// A property: what tenants are shown and offered, and its storages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "CatalogueProperty")]
pub struct PropertyFile {
    /// Everything a booking at the property depends on.
    #[schemars(example = serde_json::json!({"property": {"id": "a99c4590-9475-404e-bcbd-6cba2e2b5e16", "name": "Chalets"}, "currency": "EUR", "locale": "fr-FR", "timeZone": "Europe/Paris"}))]
    pub details: DetailsFile,
    /// The kinds of storage (boxes, containers), each with its sizes and prices.
    #[schemars(example = serde_json::json!([]))]
    pub storages: Vec<CatalogueStorage>,
}

/// A property's details: public (`GET /v1/properties/{id}` answers them)
/// except `notificationEmail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DetailsFile {
    /// The property as StoRegister's listing shows it.
    #[schemars(example = serde_json::json!({"id": "a99c4590-9475-404e-bcbd-6cba2e2b5e16", "name": "Chalets", "address": "1234 rue des Chalets", "city": "Toulouse", "latitude": 43.6047, "longitude": 1.4442, "postalCode": "31000", "country": {"id": 82, "name": "France"}, "countryISOCode2": "FR"}))]
    pub property: Property,
    /// ISO 4217 code of every price at the property.
    #[schemars(schema_with = "booking_model::schema::currency", example = &"EUR")]
    pub currency: Currency,
    /// BCP 47, e.g. `fr-FR`: how amounts and dates are written.
    #[schemars(example = &"fr-FR")]
    pub locale: String,
    /// IANA time zone of the property (its "today", its office hours),
    /// one the tz database knows.
    #[schemars(example = &"Europe/Paris")]
    pub time_zone: String,
    /// The tenant types (`taxUserTypeInfoId`) a booking may name.
    #[schemars(example = serde_json::json!([{"id": "2f6d2c3e-0000-4000-8000-000000000001", "name": "Particulier"}]))]
    pub tenant_types: Vec<TenantType>,
    /// The billing periods offered, at least one.
    #[schemars(schema_with = "booking_model::schema::periods", example = serde_json::json!(["MONTHLY", "QUARTERLY"]))]
    pub payment_periods: Vec<Period>,
    /// Where billing cycles start and how a prorated stub is priced.
    #[serde(default)]
    #[schemars(schema_with = "booking_model::schema::billing", example = serde_json::json!({"anchor": "anniversary", "dailyRate": "actualDays"}))]
    pub billing: Billing,
    /// The protection plans offered.
    #[schemars(example = serde_json::json!([{"id": "5711d7e3-f2e8-477d-bdf0-5a995177ce23", "description": "Protection 3 500 €", "coverage": "3500", "price": "12.50", "taxes": [{"name": "TVA", "rate": "20"}], "priceIncludesTax": true}]))]
    pub insurance_plans: Vec<InsurancePlan>,
    /// When true a booking must name an insurance plan (the tenant may
    /// bring their own cover where this is false).
    #[serde(default)]
    #[schemars(example = false)]
    pub insurance_required: bool,
    /// Services and merchandise offered with a unit.
    #[schemars(example = serde_json::json!([{"id": "8d1f6a10-0000-4000-8000-000000000001", "name": "Cadenas", "category": "MERCHANDISE", "price": "12", "maxQuantity": 2}]))]
    pub add_ons: Vec<AddOn>,
    /// The deposit taken at move-in; absent: none.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"kind": "FIXED", "value": "50", "description": "Dépôt de garantie"}))]
    pub deposit: Option<DepositRule>,
    /// The move-in dates offered, counted from the property's today.
    #[schemars(example = serde_json::json!({"minDaysFromToday": 0, "maxDaysFromToday": 60}))]
    pub move_in_window: MoveInWindow,
    /// The terms a tenant accepts when booking.
    #[schemars(example = serde_json::json!({"version": "2024-01", "title": "Conditions générales de location", "url": "/terms/2024-01.html", "document": "terms/2024-01.html"}))]
    pub terms: TermsFile,
    /// Dates the office is closed whatever its weekly hours say: public
    /// holidays and exceptional closures. A date appears once.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"date": "2026-12-25", "kind": "PUBLIC_HOLIDAY", "name": "Noël"}]))]
    pub closures: Vec<Closure>,
    /// The desk's address for booking notices. The operator's own: never
    /// shown to tenants, never in a public answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(email, example = &"desk@chalets.example")]
    pub notification_email: Option<String>,
    /// What an earlier version stored here (the storage types, now taken
    /// from `storages`): accepted and dropped.
    #[serde(default, rename = "storages", skip_serializing)]
    #[schemars(skip)]
    pub legacy_storages: Option<serde_json::Value>,
}

/// The terms a tenant accepts with `termsAccepted: true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TermsFile {
    /// Changes whenever the text does; a booking records the version accepted.
    #[schemars(length(min = 1), example = &"2024-01")]
    pub version: String,
    /// The link's text.
    #[schemars(length(min = 1), example = &"Conditions générales de location")]
    pub title: String,
    /// Where the widget links: an absolute `https://` URL of the operator's
    /// own, or `/terms/NAME.html` for a `document` this catalogue ships.
    #[schemars(
        regex(pattern = r"^(https://[^/\s]+(/\S*)?|/terms/[A-Za-z0-9._-]+\.html)$"),
        example = &"/terms/2024-01.html"
    )]
    pub url: String,
    /// An HTML file, relative to the catalogue file, that the server serves
    /// at `url` (then a `/terms/…` path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"\.html$"), example = &"terms/2024-01.html")]
    pub document: Option<String>,
    /// The document's text, read at import and stored with the catalogue;
    /// never written by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub document_html: Option<String>,
}

/// A kind of storage at a property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueStorage {
    /// The storage's id (`storageInfoId`), which the listing's URL names.
    #[schemars(example = &"47fa29c4-738a-42dc-bcb3-6dba1ee7e38e")]
    pub id: String,
    /// Shown to the tenant.
    #[schemars(example = &"Box")]
    pub name: String,
    /// How sizes are measured, as StoRegister says it.
    #[serde(default)]
    #[schemars(example = &"SURFACE")]
    pub dimension_type: Option<String>,
    /// The sizes let there.
    #[schemars(example = serde_json::json!([]))]
    pub sizes: Vec<CatalogueSize>,
}

/// A size of unit, as StoRegister's listing describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueSize {
    /// The size group (`storageGroupInfoId`) a listing may filter on.
    #[schemars(example = 1)]
    pub storage_size_group_info_id: i64,
    /// The group's name.
    #[schemars(example = &"Petits espaces")]
    pub storage_size_group_info_name: String,
    /// In `sizeMetrics`.
    #[schemars(example = 2)]
    pub width: JsonDecimal,
    /// In `sizeMetrics`.
    #[schemars(example = 2)]
    pub length: JsonDecimal,
    /// In `sizeMetrics`.
    #[schemars(example = 2.5)]
    pub height: JsonDecimal,
    /// In `scaleMetrics`.
    #[schemars(example = 4)]
    pub surface: JsonDecimal,
    /// The surface's unit.
    #[schemars(example = &"m²")]
    pub scale_metrics: String,
    /// The sides' unit.
    #[schemars(example = &"m")]
    pub size_metrics: String,
    /// Units of this size at the property (StoRegister's `availableCount`).
    #[schemars(range(min = 0), example = 12)]
    pub total_count: i64,
    /// The size's id, which a booking names.
    #[schemars(example = &"e9c7f096-e719-4c03-8d03-239de36a772f")]
    pub storage_space_size_info_id: String,
    /// StoRegister's image asset id.
    #[serde(default)]
    #[schemars(example = &"3c9e4a0e-0000-4000-8000-000000000001")]
    pub storage_size_image_asset_info_id: Option<String>,
    /// The size's picture: a file name or URL.
    #[serde(default)]
    #[schemars(example = &"box-4m2.png")]
    pub storage_size_image_info_path: Option<String>,
    /// Price categories (standard, promotion) of this size.
    #[schemars(example = serde_json::json!([]))]
    pub categories: Vec<CatalogueCategory>,
}

/// A price category of a size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueCategory {
    /// The category's id.
    #[schemars(example = &"c1a2b3c4-0000-4000-8000-000000000001")]
    pub id: String,
    /// Shown to the tenant.
    #[schemars(example = &"Standard")]
    pub name: String,
    /// Its price variants.
    #[schemars(example = serde_json::json!([]))]
    pub variants: Vec<CatalogueVariant>,
}

/// A price variant; the `available…` numbers are the stock an import sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogueVariant {
    /// The price's id, unique in the catalogue; a booking names it.
    #[schemars(example = &"0b1c7a52-4e1d-4c55-9c1e-3f0f3a6d4a01")]
    pub id: String,
    /// The price to rent now; absent: not offered for rent.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"monthlyPrice": "49.90", "taxes": [{"name": "TVA", "rate": "20"}], "priceIncludesTax": true}))]
    pub rent: Option<PriceRule>,
    /// The price to book for a later move-in; absent: not offered for booking.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"monthlyPrice": "49.90", "taxes": [{"name": "TVA", "rate": "20"}], "priceIncludesTax": true}))]
    pub book: Option<PriceRule>,
    /// Units that may be rented at this price.
    #[schemars(range(min = 0), example = 5)]
    pub available_for_rent: i64,
    /// Units that may be booked at this price.
    #[schemars(range(min = 0), example = 5)]
    pub available_for_book: i64,
}

/// A monthly price as the operator sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PriceRule {
    /// Per month, in the property's currency.
    #[serde(with = "decimal_text")]
    #[schemars(schema_with = "booking_model::schema::decimal", example = &"49.90")]
    pub monthly_price: Decimal,
    /// Taxes on the price.
    #[serde(default)]
    #[schemars(schema_with = "booking_model::schema::taxes", example = serde_json::json!([{"name": "TVA", "rate": "20"}]))]
    pub taxes: Vec<Tax>,
    /// Whether `monthlyPrice` already includes the taxes.
    #[serde(default)]
    #[schemars(example = true)]
    pub price_includes_tax: bool,
    /// A discount, automatic or behind a promo code.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"kind": "percent", "value": "10", "cycles": 3, "description": "-10 % les 3 premiers mois"}))]
    pub promotion: Option<Promotion>,
    /// StoRegister's discount id, passed through to the listing.
    #[serde(default)]
    #[schemars(example = &"d1500000-0000-4000-8000-000000000001")]
    pub discount_info_id: Option<String>,
    /// StoRegister's property discount id, passed through to the listing.
    #[serde(default)]
    #[schemars(example = &"d1500000-0000-4000-8000-000000000002")]
    pub discount_property_info_id: Option<String>,
}

/// Decimals as strings in the file, numbers accepted.
mod decimal_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        booking_model::JsonDecimal::deserialize(d).map(|v| v.0)
    }
}

impl From<PropertyFile> for CatalogueProperty {
    fn from(file: PropertyFile) -> Self {
        let d = file.details;
        let terms_document = d.terms.document.map(|document| TermsDocument {
            file: document,
            html: d.terms.document_html,
        });
        let details = PropertyDetails {
            property: d.property,
            currency: d.currency,
            locale: d.locale,
            time_zone: d.time_zone,
            storages: file
                .storages
                .iter()
                .map(|s| StorageType {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    dimension_type: s.dimension_type.clone(),
                })
                .collect(),
            tenant_types: d.tenant_types,
            payment_periods: d.payment_periods,
            billing: d.billing,
            insurance_plans: d.insurance_plans,
            insurance_required: d.insurance_required,
            add_ons: d.add_ons,
            deposit: d.deposit,
            move_in_window: d.move_in_window,
            earliest_move_in_date: None,
            latest_move_in_date: None,
            terms: Terms {
                version: d.terms.version,
                title: d.terms.title,
                url: d.terms.url,
            },
            closures: d.closures,
        };
        Self {
            details,
            notification_email: d.notification_email,
            terms_document,
            storages: file.storages,
        }
    }
}

impl From<CatalogueProperty> for PropertyFile {
    fn from(property: CatalogueProperty) -> Self {
        let d = property.details;
        let (document, document_html) = property
            .terms_document
            .map_or((None, None), |t| (Some(t.file), t.html));
        Self {
            details: DetailsFile {
                property: d.property,
                currency: d.currency,
                locale: d.locale,
                time_zone: d.time_zone,
                tenant_types: d.tenant_types,
                payment_periods: d.payment_periods,
                billing: d.billing,
                insurance_plans: d.insurance_plans,
                insurance_required: d.insurance_required,
                add_ons: d.add_ons,
                deposit: d.deposit,
                move_in_window: d.move_in_window,
                terms: TermsFile {
                    version: d.terms.version,
                    title: d.terms.title,
                    url: d.terms.url,
                    document,
                    document_html,
                },
                closures: d.closures,
                notification_email: property.notification_email,
                legacy_storages: None,
            },
            storages: property.storages,
        }
    }
}

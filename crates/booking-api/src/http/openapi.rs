//! The OpenAPI document served at `/openapi.json`, from which integrators
//! generate clients: so it states the wire exactly. Every answer, success
//! or failure, is the envelope; each status an operation can answer is
//! listed with the envelope it carries (the `status` values it can hold),
//! the `/v1` gate's 401, 403 and 503 on every `/v1` operation.

use booking_model::openapi::{reference, schema};
use booking_model::Status;
use serde_json::{json, Value};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::Response;
use utoipa::openapi::schema::Schema;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::RefOr;
use utoipa::{Modify, OpenApi, PartialSchema, ToResponse, ToSchema};

use super::{bookings, catalogue_routes, preview, quotes, tenant_account, waiting_list};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Self-storage booking API",
        description = "The widget's booking API (shared/WIDGET-API.md). Every answer is the envelope \
            {data, succeeded, status, errors}; every /v1 call needs a publishable key in X-API-Key \
            (401 without) and, from a browser, an Origin on that key's allowlist (403 otherwise). \
            An unknown /v1 path answers 404 NO_RECORDS_FOUND after the same checks."
    ),
    paths(
        catalogue_routes::property,
        catalogue_routes::listing,
        quotes::quote,
        bookings::create,
        preview::preview,
        waiting_list::join,
        tenant_account::sign_in,
        tenant_account::open_session,
        tenant_account::account,
        tenant_account::close_session,
        super::healthz,
    ),
    components(
        schemas(
            booking_model::FieldError,
            booking_model::ErrorCode,
            booking_model::Status,
            booking_model::Selection,
            booking_model::BookingRequest,
            booking_model::Tenant,
            booking_model::WaitingListRequest,
            booking_model::SignInRequest,
            booking_model::SessionRequest,
            PropertyEnvelope,
            ListingEnvelope,
            QuoteEnvelope,
            BookingEnvelope,
            PreviewEnvelope,
            WaitingListEnvelope,
            SignInEnvelope,
            SessionEnvelope,
            TenantAccountEnvelope,
            HealthEnvelope,
            Failure,
        ),
        responses(
            BadRequest,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PayloadTooLarge,
            UnsupportedMediaType,
            Unprocessable,
            CodeUnprocessable,
            SessionUnauthorized,
            RateLimited,
            Unavailable,
        )
    ),
    modifiers(&WireFacts),
    tags((name = "catalogue"), (name = "booking"), (name = "tenant"), (name = "operations"))
)]
pub struct ApiDoc;

/// What is true of operations as a group, or beyond what the derives say.
struct WireFacts;

impl Modify for WireFacts {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "The publishable key (`pk_…`) of the site; 401 UNAUTHORIZED when missing or unknown",
            ))),
        );
        for (name, schema) in booking_model::openapi::pricing_schemas() {
            components.schemas.insert(name.to_owned(), schema);
        }
        components.schemas.extend(failure_schemas());
        // The postal code's form follows the country: an `anyOf` beside the
        // properties, which utoipa's object model lacks but carries as an
        // extension key.
        if let Some(RefOr::T(Schema::Object(tenant))) = components.schemas.get_mut("Tenant") {
            let rules: utoipa::openapi::extensions::Extensions =
                [("anyOf", booking_model::openapi::postal_code_rules())]
                    .into_iter()
                    .collect();
            match &mut tenant.extensions {
                Some(existing) => existing.merge(rules),
                None => tenant.extensions = Some(rules),
            }
        }
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !path.starts_with("/v1/") {
                continue;
            }
            for operation in [&mut item.get, &mut item.post, &mut item.delete]
                .into_iter()
                .flatten()
            {
                gate(operation);
            }
        }
    }
}

/// The `/v1` gate answers before any handler: every operation behind it
/// needs the key and can answer 401, 403 and 503, and 400 for a path that
/// is not UTF-8 once percent-decoded.
fn gate(operation: &mut Operation) {
    operation.security = Some(vec![SecurityRequirement::new(
        "api_key",
        Vec::<String>::new(),
    )]);
    let responses = &mut operation.responses.responses;
    for (code, name) in [
        ("400", "BadRequest"),
        ("401", "Unauthorized"),
        ("403", "Forbidden"),
        ("503", "Unavailable"),
    ] {
        responses
            .entry(code.to_owned())
            .or_insert_with(|| RefOr::Ref(utoipa::openapi::Ref::from_response_name(name)));
    }
    // Path parameters are never empty: an empty segment is another path (404).
    for parameter in operation.parameters.iter_mut().flatten() {
        if parameter.parameter_in == ParameterIn::Path {
            parameter.required = utoipa::openapi::Required::True;
        }
    }
}

/// The success envelope of one operation: `data` is never null there.
fn success(data: RefOr<Schema>, description: &str) -> RefOr<Schema> {
    let data = serde_json::to_value(data).unwrap_or(Value::Null);
    schema(json!({
        "type": "object",
        "description": description,
        "required": ["data", "succeeded", "status", "errors"],
        "properties": {
            "data": data,
            "succeeded": {"type": "boolean", "enum": [true]},
            "status": {"type": "string", "enum": [Status::Success.as_str()]},
            "errors": {"type": "null"},
        },
    }))
}

/// A failure envelope whose `status` is one of `statuses`; `data` is null
/// unless `data` says what else it may hold.
fn failure(statuses: &[Status], data: Option<&str>) -> Value {
    let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let data = match data {
        Some(name) => {
            json!({"oneOf": [{"type": "null"}, {"$ref": format!("#/components/schemas/{name}")}]})
        }
        None => json!({"type": "null"}),
    };
    json!({
        "type": "object",
        "required": ["data", "succeeded", "status", "errors"],
        "properties": {
            "data": data,
            "succeeded": {"type": "boolean", "enum": [false]},
            "status": {"type": "string", "enum": statuses},
            "errors": {
                "type": ["array", "null"],
                "items": {"$ref": "#/components/schemas/FieldError"},
                "description": "The fields at fault; null when no field is named",
            },
        },
    })
}

macro_rules! success_envelopes {
    ($($(#[$doc:meta])* $name:ident => $data:ty,)*) => {$(
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                success(reference(&<$data as ToSchema>::name()), stringify!($name))
            }
        }

        impl ToSchema for $name {
            fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
                schemas.push((<$data as ToSchema>::name().into_owned(), <$data as PartialSchema>::schema()));
                <$data as ToSchema>::schemas(schemas);
            }
        }
    )*};
}

success_envelopes! {
    /// `GET /v1/properties/{id}`.
    PropertyEnvelope => booking_model::PropertyDetails,
    /// The size-and-price listing.
    ListingEnvelope => booking_model::Listing,
    /// `POST /v1/quotes`.
    QuoteEnvelope => booking_model::QuoteResponse,
    /// `POST /v1/bookings`.
    BookingEnvelope => booking_model::BookingResponse,
    /// The quotation preview.
    PreviewEnvelope => booking_model::QuotationPreview,
    /// `POST /v1/waiting-list`.
    WaitingListEnvelope => booking_model::WaitingListResponse,
    /// `POST /v1/tenant/sign-in`.
    SignInEnvelope => booking_model::SignInAccepted,
    /// `POST /v1/tenant/session`.
    SessionEnvelope => booking_model::SessionResponse,
    /// `GET /v1/tenant/`.
    TenantAccountEnvelope => booking_model::TenantAccount,
}

/// `GET /healthz`: `data` is `"ok"`.
#[derive(Debug)]
pub struct HealthEnvelope;

impl PartialSchema for HealthEnvelope {
    fn schema() -> RefOr<Schema> {
        success(
            schema(json!({"type": "string", "enum": ["ok"]})),
            "HealthEnvelope",
        )
    }
}

impl ToSchema for HealthEnvelope {}

/// The listing's `paymentPeriod` path segment.
#[derive(Debug)]
pub struct PaymentPeriod;

impl PartialSchema for PaymentPeriod {
    fn schema() -> RefOr<Schema> {
        booking_model::openapi::period()
    }
}

impl ToSchema for PaymentPeriod {}

/// Any failure: `succeeded` false, `status` why, `errors` the fields at fault.
#[derive(Debug)]
pub struct Failure;

impl PartialSchema for Failure {
    fn schema() -> RefOr<Schema> {
        let every: Vec<Status> = Status::ALL
            .iter()
            .copied()
            .filter(|s| *s != Status::Success)
            .collect();
        schema(failure(&every, Some("QuoteResponse")))
    }
}

impl ToSchema for Failure {}

macro_rules! failures {
    ($($(#[$doc:meta])* $name:ident = $description:literal, [$($status:ident),*] $(, data = $data:literal)? $(, retry_after = $retry:literal)?;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $name;

            impl<'r> ToResponse<'r> for $name {
                fn response() -> (&'r str, RefOr<Response>) {
                    #[allow(unused_mut)]
                    let mut response = json!({
                        "description": $description,
                        "content": {"application/json": {"schema": {
                            "$ref": concat!("#/components/schemas/", stringify!($name), "Failure"),
                        }}},
                    });
                    $(
                        let _: bool = $retry;
                        response["headers"] = json!({"Retry-After": {
                            "description": "Always sent: seconds to wait before trying again",
                            "schema": {"type": "integer", "minimum": 1},
                        }});
                    )?
                    match serde_json::from_value(response) {
                        Ok(response) => (stringify!($name), RefOr::T(response)),
                        Err(e) => panic!("not an OpenAPI response: {e}"),
                    }
                }
            }
        )*

        /// The body of each failure response, named `{Response}Failure` so
        /// that a generated client has a model per response.
        fn failure_schemas() -> Vec<(String, RefOr<Schema>)> {
            vec![$(
                (
                    concat!(stringify!($name), "Failure").to_owned(),
                    schema(failure(&[$(Status::$status),*], None $(.or(Some($data)))?)),
                ),
            )*]
        }
    };
}

failures! {
    BadRequest = "The body is not JSON, a required header is missing or malformed, or a path \
        parameter is not of its form", [BadRequest, InvalidParamStorageGroupInfoId, InvalidParamPaymentPeriod];
    Unauthorized = "Missing or unknown publishable key (X-API-Key)", [Unauthorized];
    Forbidden = "The Origin is not on the key's allowlist", [OriginNotAllowed];
    NotFound = "No such record for this key, or no such path", [NoRecordsFound,
        InvalidParamPropertyInfoId, InvalidParamStorageInfoId, InvalidParamTaxUserTypeInfoId,
        InvalidParamStorageGroupInfoId, InvalidParamPaymentPeriod, InvalidParamBookingId];
    Conflict = "SOLD_OUT; PRICE_CHANGED, with the new quote as data; REQUEST_IN_PROGRESS",
        [SoldOut, PriceChanged, RequestInProgress], data = "QuoteResponse";
    PayloadTooLarge = "The body is over 16 KiB", [PayloadTooLarge];
    UnsupportedMediaType = "The body is not application/json", [UnsupportedMediaType];
    Unprocessable = "A field is wrong (VALIDATION_FAILED, each field named with its code), or the \
        Idempotency-Key was used with another body (IDEMPOTENCY_KEY_REUSED)",
        [ValidationFailed, IdempotencyKeyReused];
    CodeUnprocessable = "A field is wrong (VALIDATION_FAILED), the code is not the one sent \
        (INVALID_CODE), or no code is live: none sent, past its 10 minutes, used, or voided by 5 \
        wrong tries (CODE_EXPIRED)", [ValidationFailed, InvalidCode, CodeExpired];
    SessionUnauthorized = "Missing or unknown publishable key (X-API-Key), or a missing, expired \
        or revoked session token (X-Token)", [Unauthorized];
    RateLimited = "Too many writes from this client (bookings and waiting-list entries share the \
        limit)", [RateLimited], retry_after = true;
    Unavailable = "The database does not answer; retry later", [ServiceUnavailable];
}

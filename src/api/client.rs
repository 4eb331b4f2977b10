//! Every HTTP call the widget makes.

use booking_model::{
    BookingRequest, BookingResponse, Envelope, Listing, PropertyDetails, QuoteResponse, Selection,
    SessionRequest, SessionResponse, SignInAccepted, SignInRequest, TenantAccount,
    WaitingListRequest, WaitingListResponse,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use pricing::Period;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::ApiError;

/// The `window` property under which start-up scripts leave the requests
/// they sent ahead, a `Map` from `"{key}\n{url}"` to `fetch`'s promise.
const PREFETCH: &str = "__storageWidgetPrefetch";

/// The booking API of one widget instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    base: String,
    key: String,
}

impl Api {
    #[must_use]
    pub fn new(base: &str, key: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            key: key.to_owned(),
        }
    }

    /// A catalogue asset (a size's picture) from the API's origin: relative
    /// paths must not resolve against an embedding host page, nor against
    /// `/embed/` (the iframe mode's page): without a base they are made
    /// root-relative.
    #[must_use]
    pub fn asset(&self, path: &str) -> String {
        if path.contains("://") || path.starts_with("data:") {
            path.to_owned()
        } else {
            format!(
                "{}/{}",
                self.base,
                path.trim_start_matches("./").trim_start_matches('/')
            )
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn with_key(&self, request: RequestBuilder) -> RequestBuilder {
        request
            .header("X-API-Key", &self.key)
            .header("Accept", "application/json")
    }

    async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
        let http = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        // `data` is read only once the status says what it is (see `json`).
        let parsed = js_sys::JSON::parse(&text)
            .map_err(|_| ApiError::Decode(format!("HTTP {http}: not JSON")))?;
        let envelope: Envelope<serde::de::IgnoredAny> = super::json::read(parsed.clone())
            .map_err(|e| ApiError::Decode(format!("HTTP {http}: {e}")))?;
        if envelope.succeeded && (200..300).contains(&http) {
            let data = js_sys::Reflect::get(&parsed, &JsValue::from_str("data"))
                .ok()
                .filter(|d| !d.is_undefined() && !d.is_null())
                .ok_or_else(|| ApiError::Decode("no data".into()))?;
            super::json::read(data).map_err(ApiError::Decode)
        } else {
            Err(ApiError::Rejected {
                http,
                status: envelope.status,
                errors: envelope.errors.unwrap_or_default(),
            })
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        let url = self.url(path);
        let response = match self.prefetched(&url) {
            Some(sent) => wasm_bindgen_futures::JsFuture::from(sent)
                .await
                .map_err(|e| ApiError::Network(format!("{e:?}")))?
                .dyn_into::<web_sys::Response>()
                .map(Response::from)
                .map_err(|_| ApiError::Decode("not a Response".into()))?,
            None => self
                .with_key(Request::get(&url))
                .send()
                .await
                .map_err(|e| ApiError::Network(e.to_string()))?,
        };
        Self::read(response).await
    }

    /// The response to a GET of `url` with this key that the page's start-up
    /// script already sent (`assets/prefetch.js`, `assets/widget.js`), taken
    /// out of `window.__storageWidgetPrefetch` so it is used once. They
    /// send the property request while the wasm is still downloading: its
    /// round trip is then off the path to the listing.
    fn prefetched(&self, url: &str) -> Option<js_sys::Promise> {
        let window = web_sys::window()?;
        let sent = js_sys::Reflect::get(&window, &JsValue::from_str(PREFETCH)).ok()?;
        let sent = sent.dyn_ref::<js_sys::Map>()?;
        let id = JsValue::from_str(&format!("{}\n{url}", self.key));
        let promise = sent.get(&id).dyn_into::<js_sys::Promise>().ok()?;
        sent.delete(&id);
        Some(promise)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&str>,
    ) -> Result<T, ApiError> {
        let mut request = self.with_key(Request::post(&self.url(path)));
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let response = request
            .json(body)
            .map_err(|e| ApiError::Decode(e.to_string()))?
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Self::read(response).await
    }

    /// `GET /v1/properties/{id}`.
    pub async fn property(&self, property_id: &str) -> Result<PropertyDetails, ApiError> {
        self.get(&format!("/v1/properties/{}", encode(property_id)))
            .await
    }

    /// The size-and-price listing of every group (`storageGroup/0`).
    pub async fn listing(
        &self,
        storage_id: &str,
        property_id: &str,
        tenant_type: &str,
        period: Period,
    ) -> Result<Listing, ApiError> {
        self.get(&format!(
            "/v1/search/storage/{}/property/{}/user-type/{}/storageGroup/0/period/{}/price/list",
            encode(storage_id),
            encode(property_id),
            encode(tenant_type),
            period.as_str()
        ))
        .await
    }

    /// `POST /v1/quotes`: the server's quote for a selection.
    pub async fn quote(&self, selection: &Selection) -> Result<QuoteResponse, ApiError> {
        self.post("/v1/quotes", selection, None).await
    }

    /// `POST /v1/bookings` with the attempt's idempotency key.
    pub async fn book(
        &self,
        booking: &BookingRequest,
        idempotency_key: &str,
    ) -> Result<BookingResponse, ApiError> {
        self.post("/v1/bookings", booking, Some(idempotency_key))
            .await
    }

    /// `POST /v1/waiting-list` for a sold-out size.
    pub async fn join_waiting_list(
        &self,
        request: &WaitingListRequest,
    ) -> Result<WaitingListResponse, ApiError> {
        self.post("/v1/waiting-list", request, None).await
    }

    /// `POST /v1/tenant/sign-in`: a code is mailed if the address booked here.
    pub async fn sign_in(&self, email: &str) -> Result<SignInAccepted, ApiError> {
        let body = SignInRequest {
            email: email.to_owned(),
        };
        self.post("/v1/tenant/sign-in", &body, None).await
    }

    /// `POST /v1/tenant/session`: the code for a session token.
    pub async fn open_session(&self, email: &str, code: &str) -> Result<SessionResponse, ApiError> {
        let body = SessionRequest {
            email: email.to_owned(),
            code: code.to_owned(),
        };
        self.post("/v1/tenant/session", &body, None).await
    }

    /// `GET /v1/tenant/`: the signed-in tenant's account. The token goes in
    /// a header, never in the URL.
    pub async fn tenant_account(&self, token: &str) -> Result<TenantAccount, ApiError> {
        let response = self
            .with_key(Request::get(&self.url("/v1/tenant/")))
            .header("X-Token", token)
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Self::read(response).await
    }

    /// `DELETE /v1/tenant/session`: the token is void (204, no body).
    pub async fn sign_out(&self, token: &str) -> Result<(), ApiError> {
        let response = self
            .with_key(Request::delete(&self.url("/v1/tenant/session")))
            .header("X-Token", token)
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if response.ok() {
            Ok(())
        } else {
            Self::read::<()>(response).await
        }
    }
}

/// Percent-encodes a path segment (ids are UUIDs, but the key is the
/// embedder's text).
fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// A fresh idempotency key for one booking attempt.
#[must_use]
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("attempt-{}", js_sys::Date::now() as u64))
}

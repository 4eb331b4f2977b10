//! The widget's built files (`dist/`), served the way browsers and CDNs
//! cache them.
//!
//! `scripts/finalize-dist.py` names every wasm, script and style after its
//! content (`name-<16 hex>.ext`) and writes a brotli and a gzip copy of
//! every text and wasm file beside it. Here:
//! - the copy the client's `Accept-Encoding` prefers is sent as it is, with
//!   `Vary: Accept-Encoding` so that caches keep one copy per encoding;
//! - a content-hashed name never changes meaning: cached for a year,
//!   `immutable`;
//! - every other file (the page `/`, `/embed/`, `/init.js`, the `/widget.js`
//!   loader, images) has a stable URL that a release changes: `no-cache`
//!   with a strong `ETag`, so a returning browser or a CDN revalidates with
//!   a 304 and picks up a release at once. The entry points name the hashed
//!   files of their own build, so a page never loads a glue and a wasm from
//!   two builds.
//!
//! Any page may load them (the loader imports the module and fetches the
//! wasm cross-origin): `Access-Control-Allow-Origin: *`.

use std::path::Path;

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// For a name that changes with its content.
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// For a stable name: keep it, but ask (`If-None-Match`) before each use.
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");
/// A stable file larger than this is sent without an `ETag` rather than
/// held in memory to hash it; the widget's entry points are a few KB.
const MAX_VALIDATED_BYTES: usize = 1 << 20;

/// The service for every path no route claims.
pub(crate) fn service(dist: &Path) -> Router {
    let files = ServeDir::new(dist)
        .append_index_html_on_directories(true)
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_policy))
        .layer(SetResponseHeaderLayer::overriding(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ))
}

/// Whether the last segment of `path` is `name-<16 lowercase hex>.ext`
/// with a wasm, script or style extension: a name that
/// `scripts/finalize-dist.py` derived from the content.
#[must_use]
fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    matches!(ext, "wasm" | "js" | "mjs" | "css")
        && hash.len() == 16
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

async fn cache_policy(request: Request, next: Next) -> Response {
    let mut response = if is_content_hashed(request.uri().path()) {
        let mut response = next.run(request).await;
        if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, IMMUTABLE);
        }
        response
    } else {
        validated(request, next).await
    };
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// A stable name's answer: the whole file with `no-cache` and a strong
/// `ETag` (the SHA-256 of the bytes sent, so each encoding has its own),
/// or a 304 when the client's `If-None-Match` holds it. The file's
/// modification time and byte ranges are not used: a validator that says
/// less than the content could keep an old loader alive.
async fn validated(mut request: Request, next: Next) -> Response {
    let headers = request.headers_mut();
    let if_none_match = headers.remove(header::IF_NONE_MATCH);
    for conditional in [
        header::IF_MODIFIED_SINCE,
        header::IF_UNMODIFIED_SINCE,
        header::IF_MATCH,
        header::RANGE,
        header::IF_RANGE,
    ] {
        headers.remove(conditional);
    }
    // HEAD gets the GET's headers: its ETag must be the body's.
    let head = request.method() == Method::HEAD;
    if head {
        *request.method_mut() = Method::GET;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let too_large = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_none_or(|length| length > MAX_VALIDATED_BYTES);
    let (mut parts, body) = response.into_parts();
    parts.headers.insert(header::CACHE_CONTROL, REVALIDATE);
    // Ranges are not served here (above): do not offer them.
    parts.headers.remove(header::ACCEPT_RANGES);
    if too_large {
        let body = if head { Body::empty() } else { body };
        return Response::from_parts(parts, body);
    }
    let bytes = match to_bytes(body, MAX_VALIDATED_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "reading a widget file failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = strong_etag(&bytes);
    if if_none_match.is_some_and(|tags| matches_any(&tags, &etag)) {
        return not_modified(&parts.headers, etag);
    }
    parts.headers.insert(header::ETAG, etag);
    Response::from_parts(
        parts,
        if head {
            Body::empty()
        } else {
            Body::from(bytes)
        },
    )
}

fn strong_etag(bytes: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(bytes);
    let tag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..18]);
    HeaderValue::from_str(&format!("\"{tag}\"")).unwrap_or(HeaderValue::from_static("\"\""))
}

/// `If-None-Match` compares weakly (RFC 9110, 13.1.2): `W/` is ignored.
fn matches_any(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(tags) = if_none_match.to_str() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    tags.split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// What a 304 carries: the validator and the caching headers of the 200.
fn not_modified(headers: &HeaderMap, etag: HeaderValue) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    let out = response.headers_mut();
    out.insert(header::ETAG, etag);
    for kept in [header::CACHE_CONTROL, header::LAST_MODIFIED] {
        if let Some(value) = headers.get(&kept) {
            out.insert(kept, value.clone());
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::{is_content_hashed, matches_any};
    use axum::http::HeaderValue;

    #[test]
    fn only_names_made_from_content_are_immutable() {
        for hashed in [
            "/storage-widget-0123456789abcdef.js",
            "/storage-widget_bg-0123456789abcdef.wasm",
            "/snippets/x-1/inline0-fedcba9876543210.js",
            "/widget-aaaaaaaaaaaaaaaa.css",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for stable in [
            "/",
            "/init.js",
            "/widget.js",
            "/embed/",
            "/embed/index.html",
            "/storage-widget.js",
            "/images/storagebox-4m.svg",
            "/x-0123456789ABCDEF.js",
            "/x-0123456789abcdef.html",
            "/x-0123456789abcde.js",
            "/x-0123456789abcdef.js.br",
        ] {
            assert!(!is_content_hashed(stable), "{stable}");
        }
    }

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let etag = HeaderValue::from_static("\"abc\"");
        for holds in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
            assert!(
                matches_any(&HeaderValue::from_static(holds), &etag),
                "{holds}"
            );
        }
        for misses in ["\"abd\"", "abc", "\"x\""] {
            assert!(
                !matches_any(&HeaderValue::from_static(misses), &etag),
                "{misses}"
            );
        }
    }
}

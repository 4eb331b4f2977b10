//! Compression of the API's answers (JSON, CSV), negotiated per request.
//!
//! The widget's files are compressed at build time (`widget_files`); this
//! layer is for what the handlers write. A small answer gains nothing: a
//! compressed frame has its own overhead and the envelope of an error fits
//! in a packet anyway. The listing, the property, the OpenAPI document and
//! an operator's CSV export are several KB and shrink to a fraction.

use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Answers smaller than this are sent as they are.
const MIN_COMPRESSED_BYTES: u16 = 1024;

/// Brotli (and gzip, for the rare client without it) at level 2. The
/// library's default brotli level is 11; measured with `scripts/load.sh`'s
/// `listing-br` run (the 8.1 KB listing, 2 cores): level 4 gave 1,549 bytes
/// at about 30 % of the uncompressed answer's req/s, levels 0–2 gave
/// 1,831–1,707 bytes at about 50–60 %. Level 2: the smallest of the fast
/// ones.
const LEVEL: i32 = 2;

/// The layer, for every route but the widget's files.
pub(crate) fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .no_deflate()
        .no_zstd()
        .quality(CompressionLevel::Precise(LEVEL))
        .compress_when(
            SizeAbove::new(MIN_COMPRESSED_BYTES)
                .and(NotForContentType::GRPC)
                .and(NotForContentType::IMAGES)
                .and(NotForContentType::SSE),
        )
}

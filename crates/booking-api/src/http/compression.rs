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
pub const MIN_COMPRESSED_BYTES: u16 = 1024;

/// Brotli and gzip at level 4 (`scripts/load.sh`'s `listing-br` run, see
/// the README's figures): the library's default brotli level is 11, which
/// costs milliseconds of CPU per listing; level 4 keeps most of the gain
/// at a fraction of the cost.
const LEVEL: i32 = 4;

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

//! The widget's files as browsers and CDNs get them, from the real binary
//! on loopback, over a `dist/` that went through the real
//! `scripts/finalize-dist.py` (a small build of trunk's shape: page, embed
//! page, init.js, loader, glue, wasm, a wasm chunk, style): the encoding the
//! client accepts, `Vary`, a year's `immutable` for hashed names, `ETag`
//! and 304 for the entry points, CORS, and the API's large JSON answers
//! compressed.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::*;
use reqwest::header::{HeaderMap, ACCEPT_ENCODING};
use serde_json::Value;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// What Chromium sends.
const BROWSER_ENCODINGS: &str = "gzip, deflate, br, zstd";

/// A dist of trunk's shape (after scripts/externalize-init.py), finalized by
/// the real script. Returns the manifest's original → hashed names.
fn finalized_dist(dist: &Path) -> BTreeMap<String, String> {
    let wasm: Vec<u8> = b"\0asm\x01\0\0\0"
        .iter()
        .copied()
        .chain((0..40_000u32).map(|i| (i % 251) as u8 ^ (i / 997) as u8))
        .collect();
    let files: &[(&str, &[u8])] = &[
        (
            "index.html",
            br#"<!doctype html><html><head><title>widget</title>
<link rel="modulepreload" href="/storage-widget.js" crossorigin="anonymous" integrity="sha384-stale">
<link rel="preload" href="/storage-widget_bg.wasm" crossorigin="anonymous" integrity="sha384-stale" as="fetch" type="application/wasm">
<link rel="stylesheet" href="/widget.css" integrity="sha384-stale"/>
<script type="module" src="/init.js"></script></head><body><div id="storage-widget"></div></body></html>
"#,
        ),
        (
            "init.js",
            b"const bindings = await import('/storage-widget.js');\nawait bindings.default({ module_or_path: '/storage-widget_bg.wasm' });\n",
        ),
        (
            "widget.js",
            b"const load = () => import(`${origin}/storage-widget.js`).then((m) => m.default({ module_or_path: `${origin}/storage-widget_bg.wasm` }));\nconst css = `${origin}/widget.css`;\n",
        ),
        (
            "storage-widget.js",
            b"import { split } from './__wasm_split.js';\nexport default function init(o) { return new URL('storage-widget_bg.wasm', import.meta.url); }\n",
        ),
        (
            "__wasm_split.js",
            b"export const split = () => fetch(new URL('./storage-widget_bg_chunk_1.wasm', import.meta.url));\n",
        ),
        ("storage-widget_bg_chunk_1.wasm", b"\0asm\x01\0\0\0chunk chunk chunk chunk"),
        ("embed.js", b"window.parent.postMessage({ type: 'storage-widget:resize' }, '*');\n"),
        (
            "widget.css",
            b".sw { color: var(--sw-text); background: var(--sw-bg); padding: var(--sw-space); }\n",
        ),
    ];
    for (name, content) in files {
        std::fs::write(dist.join(name), content).unwrap();
    }
    std::fs::write(dist.join("storage-widget_bg.wasm"), &wasm).unwrap();
    let page = std::fs::read_to_string(dist.join("index.html")).unwrap();
    std::fs::create_dir_all(dist.join("embed")).unwrap();
    std::fs::write(
        dist.join("embed/index.html"),
        page.replace(
            "</body>",
            "<script type=\"module\" src=\"/embed.js\"></script></body>",
        ),
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/finalize-dist.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(dist)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "finalize-dist.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dist.join("build-manifest.json")).unwrap()).unwrap();
    serde_json::from_value(manifest["hashed"].clone()).unwrap()
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The body as the client reads it, whatever the encoding.
    fn decoded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            None => out.clone_from(&self.body),
            Some("br") => {
                brotli_decompressor::Decompressor::new(&self.body[..], 4096)
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .unwrap();
            }
            Some(other) => panic!("unexpected content-encoding {other}"),
        }
        out
    }
}

async fn fetch(url: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = client().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let r = request.send().await.unwrap();
    Answer {
        status: r.status().as_u16(),
        headers: r.headers().clone(),
        body: r.bytes().await.unwrap().to_vec(),
    }
}

fn varies_on_encoding(answer: &Answer) -> bool {
    answer
        .header("vary")
        .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn precompressed_files_by_accept_encoding_hashed_immutable() {
    let db = TestDb::new(Backend::Sqlite).await;
    let hashed = finalized_dist(&db.dist());
    let server = Server::start(&db, &[]);
    let wasm = format!("/{}", hashed["storage-widget_bg.wasm"]);
    let on_disk = std::fs::read(db.dist().join(&hashed["storage-widget_bg.wasm"])).unwrap();

    for (accept, encoding) in [
        (BROWSER_ENCODINGS, Some("br")),
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("br;q=0, gzip", Some("gzip")),
        ("identity", None),
        ("", None),
    ] {
        let headers: &[(&str, &str)] = if accept.is_empty() {
            &[]
        } else {
            &[(ACCEPT_ENCODING.as_str(), accept)]
        };
        let r = fetch(&server.url(&wasm), headers).await;
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(r.header("content-encoding"), encoding, "{accept}");
        assert_eq!(
            r.header("content-type"),
            Some("application/wasm"),
            "{accept}"
        );
        assert!(varies_on_encoding(&r), "{accept}: {:?}", r.header("vary"));
        assert_eq!(r.header("cache-control"), Some(IMMUTABLE), "{accept}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(r.decoded(), on_disk, "{accept}");
        if encoding.is_some() {
            assert!(r.body.len() < on_disk.len(), "{accept}: not smaller");
        }
    }

    // Every renamed file is served under its new name, immutable and
    // compressed; the old name is gone.
    for (original, name) in &hashed {
        assert_ne!(original, name);
        let r = fetch(
            &server.url(&format!("/{name}")),
            &[("accept-encoding", BROWSER_ENCODINGS)],
        )
        .await;
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.header("content-encoding"), Some("br"), "{name}");
        assert_eq!(r.header("cache-control"), Some(IMMUTABLE), "{name}");
        let r = fetch(&server.url(&format!("/{original}")), &[]).await;
        assert_eq!(r.status, 404, "{original}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entry_points_revalidate_with_a_strong_etag() {
    let db = TestDb::new(Backend::Sqlite).await;
    let hashed = finalized_dist(&db.dist());
    let server = Server::start(&db, &[]);

    for entry in ["/", "/embed/", "/init.js", "/widget.js"] {
        let url = server.url(entry);
        let br = fetch(&url, &[("accept-encoding", BROWSER_ENCODINGS)]).await;
        let plain = fetch(&url, &[]).await;
        for r in [&br, &plain] {
            assert_eq!(r.status, 200, "{entry}");
            assert_eq!(r.header("cache-control"), Some("no-cache"), "{entry}");
            assert!(varies_on_encoding(r), "{entry}");
            assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        }
        assert_eq!(br.header("content-encoding"), Some("br"), "{entry}");
        assert_eq!(br.header("accept-ranges"), None, "{entry}");
        assert_eq!(plain.header("content-encoding"), None, "{entry}");
        assert_eq!(br.decoded(), plain.body, "{entry}");

        // Strong, and one per encoding: the bytes differ.
        let etag = br.header("etag").unwrap().to_owned();
        let plain_etag = plain.header("etag").unwrap();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        assert_ne!(etag, plain_etag, "{entry}");

        let again = fetch(
            &url,
            &[
                ("accept-encoding", BROWSER_ENCODINGS),
                ("if-none-match", &etag),
            ],
        )
        .await;
        assert_eq!(again.status, 304, "{entry}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_eq!(again.header("cache-control"), Some("no-cache"));
        assert!(varies_on_encoding(&again));
        assert_eq!(again.header("access-control-allow-origin"), Some("*"));

        // Another build's tag is a full answer, whatever the dates say.
        let stale = fetch(
            &url,
            &[
                ("accept-encoding", BROWSER_ENCODINGS),
                ("if-none-match", "\"another-build\""),
                ("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT"),
            ],
        )
        .await;
        assert_eq!(stale.status, 200, "{entry}");
        assert_eq!(stale.body, br.body);
        // The identity copy's tag does not validate the brotli copy.
        let other = fetch(
            &url,
            &[
                ("accept-encoding", BROWSER_ENCODINGS),
                ("if-none-match", plain_etag),
            ],
        )
        .await;
        assert_eq!(other.status, 200, "{entry}");

        let head = client()
            .head(&url)
            .header("accept-encoding", BROWSER_ENCODINGS)
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(head.headers()["etag"].to_str().unwrap(), etag);
    }

    // The page keeps its CSP; what the entry points name is this build's.
    let page = fetch(&server.url("/"), &[]).await;
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("script-src 'self' 'wasm-unsafe-eval'"));
    let page = String::from_utf8(page.body).unwrap();
    let init = String::from_utf8(fetch(&server.url("/init.js"), &[]).await.body).unwrap();
    let loader = String::from_utf8(fetch(&server.url("/widget.js"), &[]).await.body).unwrap();
    for name in [
        &hashed["storage-widget.js"],
        &hashed["storage-widget_bg.wasm"],
    ] {
        assert!(page.contains(&format!("/{name}")), "{name}: {page}");
        assert!(init.contains(&format!("/{name}")), "{name}: {init}");
        assert!(loader.contains(&format!("/{name}")), "{name}: {loader}");
    }
    assert!(loader.contains(&format!("/{}", hashed["widget.css"])));
    assert!(!page.contains("sha384-stale"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_json_answers_are_compressed_small_ones_not() {
    let db = TestDb::new(Backend::Sqlite).await;
    let server = Server::start(&db, &[]);
    let listing = server.url(&listing_path(0, "MONTHLY"));

    let plain = fetch(&listing, &[("x-api-key", KEY)]).await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert!(plain.body.len() > 1024, "{} bytes", plain.body.len());
    for encoding in ["br", "gzip"] {
        let r = fetch(
            &listing,
            &[("x-api-key", KEY), ("accept-encoding", encoding)],
        )
        .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), Some(encoding));
        assert!(varies_on_encoding(&r));
        assert!(
            r.body.len() * 3 < plain.body.len(),
            "{encoding}: {} of {} bytes",
            r.body.len(),
            plain.body.len()
        );
        let json: Value = serde_json::from_slice(&r.decoded()).unwrap();
        assert_eq!(json, serde_json::from_slice::<Value>(&plain.body).unwrap());
    }

    let doc = fetch(
        &server.url("/openapi.json"),
        &[("accept-encoding", BROWSER_ENCODINGS)],
    )
    .await;
    assert_eq!(doc.header("content-encoding"), Some("br"));
    let doc: Value = serde_json::from_slice(&doc.decoded()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));

    // A few hundred bytes gain nothing: sent as they are.
    let health = fetch(
        &server.url("/healthz"),
        &[("accept-encoding", BROWSER_ENCODINGS)],
    )
    .await;
    assert_eq!(health.status, 200);
    assert!(health.body.len() < 1024);
    assert_eq!(health.header("content-encoding"), None);
}

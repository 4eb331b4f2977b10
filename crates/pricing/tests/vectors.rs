//! Every worked case in `shared/pricing-vectors/` reproduced field for field,
//! names and order included.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pricing-vectors")
}

fn vector_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(vectors_dir())
        .expect("shared/pricing-vectors is beside the repository")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_vector_is_reproduced_exactly() {
    let files = vector_files();
    assert!(
        files.len() >= 12,
        "expected the 12 shared vectors, found {}",
        files.len()
    );
    for file in files {
        let text = fs::read_to_string(&file).expect("readable vector");
        let vector: Value = serde_json::from_str(&text).expect("vector is JSON");
        let request = serde_json::to_string(&vector["request"]).expect("request re-serializes");
        let ours: Value =
            serde_json::from_str(&pricing::quote_json(&request).unwrap_or_else(|e| {
                panic!("{}: refused: {e}", file.display());
            }))
            .expect("our quote is JSON");
        // Compared as text of order-preserving values: field names, order and
        // every amount's exact decimals must match.
        assert_eq!(
            serde_json::to_string_pretty(&ours).expect("serializes"),
            serde_json::to_string_pretty(&vector["quote"]).expect("serializes"),
            "{}",
            file.display()
        );
    }
}

/// The wasm suite embeds the vectors by name; a vector added to shared/ must
/// be added there too, or the wasm run would silently skip it.
#[test]
fn wasm_suite_lists_every_vector() {
    let wasm_suite = include_str!("wasm.rs");
    for file in vector_files() {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        assert!(
            wasm_suite.contains(name),
            "tests/wasm.rs does not embed {name}"
        );
    }
}

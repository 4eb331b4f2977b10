//! The `upstream-sim` binary: prints its URL, serves, refuses non-loopback.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::common::{http, Api, CLIENT_SECRET};

const BIN: &str = env!("CARGO_BIN_EXE_upstream-sim");

#[tokio::test]
async fn the_binary_prints_its_url_and_serves_until_stopped() {
    for (simulator, path) in [
        ("stortech", "/_sim/requests"),
        ("storegister", "/_sim/faults"),
        ("store365", "/_sim/tokens"),
    ] {
        let mut child = Command::new(BIN)
            .arg(simulator)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let response = http().get(format!("{url}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{simulator}");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

#[tokio::test]
async fn secrets_stay_out_of_the_log_and_debug_output() {
    let mut child = Command::new(BIN)
        .args(["stortech"])
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_owned();
    let api = Api::new(&url).await;
    api.get("/api/v1/facilities?search=john.smith%40example.com")
        .await;
    api.post(
        "/api/v1/webhooks",
        json!({"url": "http://127.0.0.1:9/hooks", "events": ["booking.created"], "secret": "whsec_do_not_log"}),
    )
    .await;
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("GET /api/v1/facilities"), "{log}");
    for secret in [
        CLIENT_SECRET,
        api.token.as_str(),
        "whsec_do_not_log",
        "john.smith",
    ] {
        assert!(!log.contains(secret), "{secret} in the log");
    }

    let sim = upstream_sim::stortech::spawn(Default::default())
        .await
        .unwrap();
    let api = Api::new(&sim.url()).await;
    api.post(
        "/api/v1/webhooks",
        json!({"url": "http://127.0.0.1:9/hooks", "events": ["booking.created"], "secret": "whsec_do_not_log"}),
    )
    .await;
    let debug = format!("{sim:?} {:?}", sim.webhooks());
    for secret in [CLIENT_SECRET, api.token.as_str(), "whsec_do_not_log"] {
        assert!(!debug.contains(secret), "{secret} in {debug}");
    }
    let storegister = upstream_sim::storegister::spawn(Default::default())
        .await
        .unwrap();
    let debug = format!("{storegister:?}");
    assert!(
        !debug.contains("sk_sim_storegister") && !debug.contains("tok_sim_giada_rossi"),
        "{debug}"
    );
    let store365 = upstream_sim::store365::spawn(Default::default())
        .await
        .unwrap();
    assert!(!format!("{store365:?}").contains("sim-password"));
}

#[test]
fn the_binary_prints_its_fixtures_and_refuses_what_it_cannot_do() {
    for simulator in ["stortech", "storegister", "store365"] {
        let output = Command::new(BIN)
            .args(["fixture", simulator])
            .output()
            .unwrap();
        assert!(output.status.success());
        let _: Value = serde_json::from_slice(&output.stdout).unwrap();
    }
    let output = Command::new(BIN)
        .args(["stortech", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
    let dir = std::env::temp_dir().join(format!("upstream-sim-{}.json", std::process::id()));
    std::fs::write(&dir, r#"{"clients": [], "facilities": []}"#).unwrap();
    let output = Command::new(BIN)
        .args(["stortech", "--fixture"])
        .arg(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&dir);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no clients"));
}

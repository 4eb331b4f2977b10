//! `booking-api upstream check store365`, the real binary against the
//! Store365 simulator.
#![allow(clippy::unwrap_used)]

mod common;

use std::process::{Command, Output};

use upstream_sim::{store365, Fault};

const PASSWORD: &str = "sim-password";

fn check(token_url: &str, api_url: &str, password: &str) -> Output {
    Command::new(common::binary())
        .args(["upstream", "check", "store365"])
        .env("STORE365_TOKEN_URL", token_url)
        .env("STORE365_API_URL", api_url)
        .env("STORE365_USERNAME", "sim-user")
        .env("STORE365_PASSWORD", password)
        .env("STORE365_CLIENT_ID", "sim-client")
        .env("STORE365_RESOURCE", "users")
        .env_remove("STORE365_PASSWORD_FILE")
        .output()
        .unwrap()
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn every_page_is_read_and_counted() {
    let sim = store365::spawn(store365::Config::default()).await.unwrap();
    let expected = sim.record_count("users").unwrap();
    assert!(expected > 200, "the fixture needs several pages of 100");
    let output = tokio::task::spawn_blocking({
        let (token, api) = (sim.token_url(), sim.url());
        move || check(&token, &api, PASSWORD)
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    let pages = expected.div_ceil(100);
    assert!(
        stdout.contains(&format!("{expected} records in {pages} pages")),
        "{stdout}"
    );
    assert_eq!(sim.request_count("POST", "/auth"), 1);
    assert_eq!(sim.request_count("GET", "/users"), pages as u64);
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_bad_password_exits_2_naming_the_refusal_without_the_password() {
    let sim = store365::spawn(store365::Config::default()).await.unwrap();
    let wrong = "wrong-pa55word-xyz";
    let output = tokio::task::spawn_blocking({
        let (token, api) = (sim.token_url(), sim.url());
        move || check(&token, &api, wrong)
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("token was refused") && stderr.contains("invalid_grant: Bad credentials"),
        "{stderr}"
    );
    assert!(
        !stdout.contains(wrong) && !stderr.contains(wrong),
        "{stderr}"
    );
    assert_eq!(sim.request_count("GET", "/users"), 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_upstream_exits_2() {
    // A port that was just free: nothing listens there.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{addr}");
    let output = tokio::task::spawn_blocking(move || check(&format!("{url}/auth"), &url, PASSWORD))
        .await
        .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("token URL is unreachable"), "{stderr}");
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));
}

#[tokio::test]
async fn a_failing_page_exits_2_naming_the_page() {
    let sim = store365::spawn(store365::Config::default()).await.unwrap();
    sim.arm(Fault::status(503).times(5).on("GET", "/users"))
        .unwrap();
    let output = tokio::task::spawn_blocking({
        let (token, api) = (sim.token_url(), sim.url());
        move || check(&token, &api, PASSWORD)
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("page 1 of users was refused: HTTP 503"),
        "{stderr}"
    );
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_token_answer_that_is_not_one_exits_2() {
    let sim = store365::spawn(store365::Config::default()).await.unwrap();
    // The API URL given as the token URL: a GET-only path answers the POST.
    let output = tokio::task::spawn_blocking({
        let api = sim.url();
        move || check(&format!("{api}/users"), &api, PASSWORD)
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stdout}{stderr}");
    assert!(stderr.contains("token"), "{stderr}");
    assert!(!stdout.contains(PASSWORD) && !stderr.contains(PASSWORD));
    sim.shutdown().await;
}

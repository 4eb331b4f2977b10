//! While the first request with an Idempotency-Key is still running, a
//! second one is answered 409 `REQUEST_IN_PROGRESS` at once; once the first
//! is done, the key answers its booking. The test holds the database so
//! that the first request stays running for as long as it needs.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use sqlx::Connection;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_request_with_a_running_key_is_409() {
    for backend in backends() {
        let db = TestDb::new(backend).await;
        let server = Server::start(&db, UNLIMITED);
        let http = client();
        let sel = selection(SIZE_8M, PRICE_8M, "RENT");
        let body = booking_body(&sel, &due(&server, &http, &sel).await);
        let url = server.url("/v1/bookings");

        // Hold what the booking needs: SQLite's write lock, or the stock row.
        let (mut sqlite, mut pg) = (None, None);
        match backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&db.url).await.unwrap();
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut conn)
                    .await
                    .unwrap();
                sqlite = Some(conn);
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&db.url).await.unwrap();
                sqlx::query("BEGIN").execute(&mut conn).await.unwrap();
                sqlx::query(
                    "SELECT available FROM stock WHERE price_id = $1 AND mode = 'RENT' FOR UPDATE",
                )
                .bind(PRICE_8M)
                .fetch_one(&mut conn)
                .await
                .unwrap();
                pg = Some(conn);
            }
        }

        let first = {
            let (http, url, body) = (http.clone(), url.clone(), body.clone());
            tokio::spawn(async move { post(&http, &url, &body, Some("running")).await })
        };
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            !first.is_finished(),
            "{backend:?}: the first request should be held"
        );
        let (status, second) = post(&http, &url, &body, Some("running")).await;
        assert_eq!(
            (status, second["status"].as_str().unwrap()),
            (409, "REQUEST_IN_PROGRESS"),
            "{backend:?}"
        );

        if let Some(mut conn) = sqlite {
            sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
        }
        if let Some(mut conn) = pg {
            sqlx::query("ROLLBACK").execute(&mut conn).await.unwrap();
        }
        let (status, booked) = first.await.unwrap();
        assert_eq!(status, 201, "{backend:?}: {booked}");
        let (status, again) = post(&http, &url, &body, Some("running")).await;
        assert_eq!((status, &again), (201, &booked), "{backend:?}");
        assert_eq!(db.scalar("SELECT COUNT(*) FROM bookings").await, 1);
    }
}

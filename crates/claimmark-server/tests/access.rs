//! Members, roles and desks against a real PostgreSQL: no token 401, a
//! reader writing 403, another desk's article 404 (reads and writes), a
//! public article read without a token, tokens stored hashed, request
//! rates capped (429 with Retry-After), CORS for configured origins only.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod support;

use axum::http::{Method, StatusCode};
use claimmark_server::auth::Role;
use claimmark_server::db;
use support::*;

#[tokio::test]
async fn each_desk_sees_only_its_articles_and_readers_only_read() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 1000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let rita = token(&pool, "metro", "Rita", Role::Reader).await;
    let zoe = token(&pool, "sports", "Zoe", Role::Editor).await;
    let body = || Some(claim(1, "unclear", "x").to_string());

    assert_eq!(
        send(&app, Method::POST, DOC, None, &[], body())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let bad = send(&app, Method::POST, DOC, Some("cm_not-a-token"), &[], body()).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad
        .header("www-authenticate")
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(
        send(&app, Method::POST, DOC, Some(&rita), &[], body())
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let created = send(&app, Method::POST, DOC, Some(&ana), &[], body()).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let one = format!("{DOC}{}", uuid(1));
    let tag = created.etag();

    // The reader of the desk reads; without a token nobody does.
    assert_eq!(
        send(&app, Method::GET, DOC, Some(&rita), &[], None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, Method::GET, &one, Some(&rita), &[], None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        send(&app, Method::GET, DOC, None, &[], None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let changes = format!("{DOC}changes?wait=0");
    assert_eq!(
        send(&app, Method::GET, &changes, None, &[], None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let edit = || Some(claim(1, "confirmed", "y").to_string());
    let reader_put = send(
        &app,
        Method::PUT,
        &one,
        Some(&rita),
        &[("if-match", &tag)],
        edit(),
    )
    .await;
    assert_eq!(reader_put.status, StatusCode::FORBIDDEN);
    let reader_delete = send(
        &app,
        Method::DELETE,
        &one,
        Some(&rita),
        &[("if-match", &tag)],
        None,
    )
    .await;
    assert_eq!(reader_delete.status, StatusCode::FORBIDDEN);

    // Another desk: as if the article did not exist, for every method.
    for (method, path, headers, body) in [
        (Method::GET, DOC.to_owned(), vec![], None),
        (Method::GET, one.clone(), vec![], None),
        (Method::GET, changes.clone(), vec![], None),
        (
            Method::POST,
            DOC.to_owned(),
            vec![],
            Some(claim(2, "unclear", "x").to_string()),
        ),
        (
            Method::PUT,
            one.clone(),
            vec![("if-match", tag.as_str())],
            edit(),
        ),
        (
            Method::DELETE,
            one.clone(),
            vec![("if-match", tag.as_str())],
            None,
        ),
    ] {
        let answer = send(&app, method.clone(), &path, Some(&zoe), &headers, body).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            answer.text
        );
    }
    let unknown = "/annotations/no-such-article/";
    assert_eq!(
        send(&app, Method::GET, unknown, Some(&zoe), &[], None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&app, Method::GET, unknown, None, &[], None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let bad_doc = "/annotations/%3Cscript%3E/";
    assert_eq!(
        send(&app, Method::GET, bad_doc, Some(&ana), &[], None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Published: anyone reads, nobody outside the desk writes.
    assert!(db::set_public(&pool, "metro", "budget-2026", true)
        .await
        .unwrap());
    assert!(
        !db::set_public(&pool, "sports", "budget-2026", true)
            .await
            .unwrap(),
        "not another desk's"
    );
    let public = send(&app, Method::GET, DOC, None, &[], None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.json["total"], 1);
    assert_eq!(
        send(&app, Method::GET, &changes, None, &[], None)
            .await
            .status,
        StatusCode::OK
    );
    let zoe_put = send(
        &app,
        Method::PUT,
        &one,
        Some(&zoe),
        &[("if-match", &tag)],
        edit(),
    )
    .await;
    assert_eq!(zoe_put.status, StatusCode::NOT_FOUND);
    assert_eq!(
        send(&app, Method::POST, DOC, None, &[], edit())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // A revoked token is refused at once.
    assert_eq!(
        claimmark_server::auth::revoke(&pool, "metro", "Rita")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        send(&app, Method::GET, DOC, Some(&rita), &[], None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let ana_reads = send(&app, Method::GET, DOC, Some(&ana), &[], None).await;
    assert_eq!(ana_reads.status, StatusCode::OK, "others keep theirs");

    // Tokens are stored as hashes only.
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT token_sha256 FROM members")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|hash| hash.len() == 32
        && !hash
            .windows(8)
            .any(|w| ana.as_bytes().windows(8).any(|t| t == w))));
}

#[tokio::test]
async fn request_rates_are_capped_per_token() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 2);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let ben = token(&pool, "metro", "Ben", Role::Editor).await;
    let mut statuses = Vec::new();
    for _ in 0..12 {
        statuses.push(
            send(
                &app,
                Method::GET,
                "/annotations/budget-2026/changes?wait=0",
                Some(&ana),
                &[],
                None,
            )
            .await,
        );
    }
    let limited = statuses
        .iter()
        .filter(|a| a.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(limited >= 3, "a burst of 8 then 429s, got {limited} of 12");
    let last = statuses.last().unwrap();
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(last.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
    assert_eq!(
        last.header("content-type"),
        Some("application/problem+json")
    );
    let other = send(
        &app,
        Method::GET,
        "/annotations/budget-2026/changes?wait=0",
        Some(&ben),
        &[],
        None,
    )
    .await;
    assert_ne!(
        other.status,
        StatusCode::TOO_MANY_REQUESTS,
        "another member has a rate of their own"
    );
}

#[tokio::test]
async fn browsers_may_call_from_configured_origins_only() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 1000);
    let preflight = |origin: &'static str| {
        vec![
            ("origin", origin),
            ("access-control-request-method", "PUT"),
            (
                "access-control-request-headers",
                "authorization, if-match, content-type",
            ),
        ]
    };
    let allowed = send(
        &app,
        Method::OPTIONS,
        DOC,
        None,
        &preflight("http://127.0.0.1:8080"),
        None,
    )
    .await;
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert!(allowed
        .header("access-control-allow-headers")
        .unwrap()
        .contains("if-match"));
    let other = send(
        &app,
        Method::OPTIONS,
        DOC,
        None,
        &preflight("https://evil.example"),
        None,
    )
    .await;
    assert_eq!(other.header("access-control-allow-origin"), None);
    let health = send(&app, Method::GET, "/healthz", None, &[], None).await;
    assert_eq!(
        (health.status, health.text.as_str()),
        (StatusCode::OK, "ok")
    );
}

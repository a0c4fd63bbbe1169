//! The W3C Web Annotation Protocol against a real PostgreSQL: create,
//! read, replace and delete with ETags and If-Match (every status code),
//! the container's pages and `Prefer`, and bodies the importer refuses
//! (400 with reasons, nothing stored).
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod support;

use axum::http::{Method, StatusCode};
use claimmark_core::interchange::validate::parse_import;
use claimmark_server::auth::Role;
use serde_json::json;
use support::*;

#[tokio::test]
async fn a_claim_is_created_read_replaced_and_deleted_with_etags() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 1000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let me = Some(ana.as_str());

    let created = post(&app, me, &claim(1, "unclear", "first")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let iri = format!("{BASE}{DOC}{}", uuid(1));
    assert_eq!(created.header("location"), Some(iri.as_str()));
    assert_eq!(created.json["id"], iri);
    assert_eq!(created.json["via"], format!("urn:uuid:{}", uuid(1)));
    assert!(created
        .header("content-type")
        .unwrap()
        .starts_with("application/ld+json; profile="));
    assert!(created.header("allow").unwrap().contains("PUT"));
    let first_tag = created.etag();
    let one = format!("{DOC}{}", uuid(1));

    let read = send(&app, Method::GET, &one, me, &[], None).await;
    assert_eq!(
        (read.status, read.etag()),
        (StatusCode::OK, first_tag.clone())
    );
    assert_eq!(read.json["body"][1]["value"], "first");

    let again = post(&app, me, &claim(1, "confirmed", "dup")).await;
    assert_eq!(
        (again.status, again.etag()),
        (StatusCode::CONFLICT, first_tag.clone())
    );

    let edit = claim(1, "confirmed", "second").to_string();
    let no_condition = send(&app, Method::PUT, &one, me, &[], Some(edit.clone())).await;
    assert_eq!(no_condition.status, StatusCode::PRECONDITION_REQUIRED);
    let replaced = send(
        &app,
        Method::PUT,
        &one,
        me,
        &[("if-match", &first_tag)],
        Some(edit),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.text);
    let second_tag = replaced.etag();
    assert_ne!(second_tag, first_tag, "the ETag changes on every write");

    let stale = claim(1, "unconfirmed", "stale").to_string();
    let refused = send(
        &app,
        Method::PUT,
        &one,
        me,
        &[("if-match", &first_tag)],
        Some(stale),
    )
    .await;
    assert_eq!(
        (refused.status, refused.etag()),
        (StatusCode::PRECONDITION_FAILED, second_tag.clone())
    );
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    let unchanged = send(&app, Method::GET, &one, me, &[], None).await;
    assert_eq!(
        unchanged.json["body"][1]["value"], "second",
        "a stale PUT changes nothing"
    );
    assert_eq!(unchanged.etag(), second_tag);

    let other = claim(2, "unclear", "x").to_string();
    let wrong_id = send(
        &app,
        Method::PUT,
        &one,
        me,
        &[("if-match", &second_tag)],
        Some(other),
    )
    .await;
    assert_eq!(wrong_id.status, StatusCode::BAD_REQUEST);

    assert_eq!(
        send(&app, Method::DELETE, &one, me, &[], None).await.status,
        StatusCode::PRECONDITION_REQUIRED
    );
    let stale_delete = send(
        &app,
        Method::DELETE,
        &one,
        me,
        &[("if-match", &first_tag)],
        None,
    )
    .await;
    assert_eq!(stale_delete.status, StatusCode::PRECONDITION_FAILED);
    let deleted = send(
        &app,
        Method::DELETE,
        &one,
        me,
        &[("if-match", &second_tag)],
        None,
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let tombstone = deleted.etag();
    let gone = send(&app, Method::GET, &one, me, &[], None).await;
    assert_eq!(
        (gone.status, gone.etag()),
        (StatusCode::GONE, tombstone.clone())
    );
    let again = post(&app, me, &claim(1, "unclear", "back?")).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "a deleted id is not created twice"
    );

    let revived = claim(1, "unclear", "edited after the deletion").to_string();
    let back = send(
        &app,
        Method::PUT,
        &one,
        me,
        &[("if-match", &tombstone)],
        Some(revived),
    )
    .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.text);
    assert_eq!(
        send(&app, Method::GET, &one, me, &[], None).await.status,
        StatusCode::OK
    );

    let unknown = format!("{DOC}{}", uuid(99));
    assert_eq!(
        send(&app, Method::GET, &unknown, me, &[], None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let put_unknown = send(
        &app,
        Method::PUT,
        &unknown,
        me,
        &[("if-match", "*")],
        Some(claim(99, "unclear", "").to_string()),
    )
    .await;
    assert_eq!(put_unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bodies_the_importer_refuses_get_400_with_reasons_and_store_nothing() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 1000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let me = Some(ana.as_str());
    let mut bad_link = claim(1, "unclear", "x");
    bad_link["body"].as_array_mut().unwrap().push(
        json!({"type": "SpecificResource", "purpose": "linking", "source": "javascript:alert(1)"}),
    );
    let mut no_certainty = claim(2, "unclear", "x");
    no_certainty["body"] = json!([]);
    let mut bad_date = claim(3, "unclear", "x");
    bad_date["modified"] = json!("yesterday");
    let rows = [
        ("not JSON", "{\"type\": ".to_owned(), "not valid JSON"),
        (
            "an array",
            format!("[{}]", claim(4, "unclear", "x")),
            "one W3C Annotation",
        ),
        ("a javascript: link", bad_link.to_string(), "javascript"),
        ("no certainty", no_certainty.to_string(), "certainty"),
        ("a bad date", bad_date.to_string(), "yesterday"),
        (
            "not an annotation",
            json!({"type": "Note"}).to_string(),
            "Annotation",
        ),
    ];
    for (what, body, words) in rows {
        let answer = send(&app, Method::POST, DOC, me, &[], Some(body)).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{what}: {}",
            answer.text
        );
        assert_eq!(
            answer.header("content-type"),
            Some("application/problem+json"),
            "{what}"
        );
        assert_eq!(answer.json["status"], 400);
        let detail = answer.json["detail"].as_str().unwrap_or("");
        assert!(detail.contains(words), "{what}: {detail}");
        assert!(
            !answer.json["errors"].as_array().unwrap().is_empty(),
            "{what}"
        );
    }
    let not_json = send(
        &app,
        Method::POST,
        DOC,
        me,
        &[("content-type", "text/html")],
        None,
    )
    .await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = claim(5, "unclear", &"x".repeat(600 * 1024)).to_string();
    assert_eq!(
        send(&app, Method::POST, DOC, me, &[], Some(huge))
            .await
            .status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM annotations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing was stored");
}

#[tokio::test]
async fn the_container_pages_its_claims_and_honours_prefer() {
    let (pool, _) = fresh_database().await;
    let app = instance(&pool, 10_000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let me = Some(ana.as_str());
    for n in 0..230 {
        let answer = post(&app, me, &claim(n, "unclear", "n")).await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    let full = send(&app, Method::GET, DOC, me, &[], None).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.json["total"], 230);
    assert_eq!(full.json["first"]["items"].as_array().unwrap().len(), 100);
    assert_eq!(full.json["last"], format!("{BASE}{DOC}?page=2"));
    assert!(full.header("link").unwrap().contains("ldp#BasicContainer"));
    assert!(full.header("vary").unwrap().contains("Prefer"));
    let mut seen = Vec::new();
    let mut next = Some(format!("{DOC}?page=0"));
    while let Some(page) = next {
        let answer = send(&app, Method::GET, &page, me, &[], None).await;
        // A client follows `next` itself and imports the items.
        let items = answer.json["items"].to_string();
        let parsed =
            parse_import(&items, None).expect("the widget's importer reads a page's items");
        assert!(parsed.rejected.is_empty());
        seen.extend(parsed.annotations.iter().map(|a| a.id.0));
        next = answer.json["next"]
            .as_str()
            .map(|iri| iri.trim_start_matches(BASE).to_owned());
    }
    seen.sort();
    let mut expected: Vec<_> = (0..230).map(uuid).collect();
    expected.sort();
    assert_eq!(seen, expected, "every claim once, across the pages");

    let minimal =
        "return=representation;include=\"http://www.w3.org/ns/ldp#PreferMinimalContainer\"";
    let answer = send(&app, Method::GET, DOC, me, &[("prefer", minimal)], None).await;
    assert_eq!(answer.json["first"], format!("{BASE}{DOC}?page=0"));
    let iris = "return=representation;include=\"http://www.w3.org/ns/oa#PreferContainedIRIs\"";
    let answer = send(&app, Method::GET, DOC, me, &[("prefer", iris)], None).await;
    let first = answer.json["first"]["items"][0].as_str().unwrap();
    assert!(first.starts_with(&format!("{BASE}{DOC}")), "{first}");
    let bad_page = send(&app, Method::GET, &format!("{DOC}?page=x"), me, &[], None).await;
    assert_eq!(bad_page.status, StatusCode::BAD_REQUEST);
}

//! The change feed against a real PostgreSQL: tombstones, commit order
//! under concurrent writers (no change skipped), and long-polls woken
//! within a second by a write made through another instance on the same
//! database.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use claimmark_server::auth::Role;
use serde_json::Value;
use support::*;

async fn feed(app: &axum::Router, token: &str, since: &str, wait: u32) -> Answer {
    let path = format!("{DOC}changes?since={since}&wait={wait}");
    let answer = send(app, Method::GET, &path, Some(token), &[], None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_through_one_instance_wakes_a_long_poll_on_another() {
    let (pool, _) = fresh_database().await;
    let one = instance(&pool, 1000);
    let two = instance(&pool, 1000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    let ben = token(&pool, "metro", "Ben", Role::Editor).await;
    let created = post(&one, Some(&ana), &claim(1, "unclear", "a")).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let start = feed(&two, &ben, "0", 0).await;
    let mut cursor = start.json["cursor"].as_str().unwrap().to_owned();
    assert_eq!(start.json["changes"][0]["changedBy"], "Ana");

    // Nothing new: the long-poll waits, then answers empty with the same cursor.
    let began = Instant::now();
    let idle = feed(&two, &ben, &cursor, 1).await;
    assert!(began.elapsed() >= Duration::from_millis(900));
    assert_eq!(
        (
            idle.json["cursor"].as_str().unwrap(),
            idle.json["changes"].as_array().unwrap().len()
        ),
        (cursor.as_str(), 0)
    );

    for _ in 0..5 {
        let waiting = {
            let (two, ben, cursor) = (two.clone(), ben.clone(), cursor.clone());
            tokio::spawn(async move {
                let began = Instant::now();
                let answer = feed(&two, &ben, &cursor, 20).await;
                (answer, began.elapsed())
            })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        let tag = etag_of(&one, &ana, 1).await;
        let put = send(
            &one,
            Method::PUT,
            &format!("{DOC}{}", uuid(1)),
            Some(&ana),
            &[("if-match", &tag)],
            Some(claim(1, "confirmed", "b").to_string()),
        )
        .await;
        assert_eq!(put.status, StatusCode::OK);
        let (answer, waited) = waiting.await.unwrap();
        assert!(
            waited < Duration::from_millis(300 + 1000),
            "woken {waited:?} after asking; the write came at 300 ms"
        );
        let change = &answer.json["changes"][0];
        assert_eq!(change["etag"], put.etag());
        assert_eq!(change["annotation"]["body"][0]["value"], "confirmed");
        let next = answer.json["cursor"].as_str().unwrap().to_owned();
        assert_ne!(next, cursor);
        cursor = next;
    }
    let tag = etag_of(&one, &ana, 1).await;
    let deleted = send(
        &one,
        Method::DELETE,
        &format!("{DOC}{}", uuid(1)),
        Some(&ana),
        &[("if-match", &tag)],
        None,
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let after = feed(&two, &ben, &cursor, 5).await;
    let tombstone = after.json["changes"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(tombstone["deleted"], true);
    assert_eq!(tombstone.get("annotation"), None);
    assert_eq!(tombstone["etag"], deleted.etag());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writers_never_make_the_feed_skip_a_change() {
    let (pool, _) = fresh_database().await;
    let a = instance(&pool, 100_000);
    let b = instance(&pool, 100_000);
    let ana = token(&pool, "metro", "Ana", Role::Editor).await;
    assert!(
        claimmark_server::db::set_public(&pool, "metro", "budget-2026", false)
            .await
            .unwrap()
    );
    // A reader following the feed while 8 writers on 2 instances write.
    let follower = {
        let (a, ana) = (a.clone(), ana.clone());
        tokio::spawn(async move {
            let mut seen: HashMap<String, Value> = HashMap::new();
            let mut cursor = "0".to_owned();
            let deadline = Instant::now() + Duration::from_secs(60);
            while seen.len() < 8 * 10
                || seen
                    .values()
                    .any(|c| c["annotation"]["body"][1]["value"] != "v4")
            {
                assert!(
                    Instant::now() < deadline,
                    "the follower saw {} claims",
                    seen.len()
                );
                let answer = feed(&a, &ana, &cursor, 2).await;
                for change in answer.json["changes"].as_array().unwrap() {
                    seen.insert(change["id"].as_str().unwrap().to_owned(), change.clone());
                }
                cursor = answer.json["cursor"].as_str().unwrap().to_owned();
            }
            seen
        })
    };
    let mut writers = Vec::new();
    for w in 0..8u32 {
        let (app, ana) = (if w % 2 == 0 { a.clone() } else { b.clone() }, ana.clone());
        writers.push(tokio::spawn(async move {
            for k in 0..10 {
                let n = w * 100 + k;
                let created = post(&app, Some(&ana), &claim(n, "unclear", "v0")).await;
                assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
                let mut tag = created.etag();
                for v in 1..5 {
                    let body = claim(n, "unclear", &format!("v{v}")).to_string();
                    let put = send(
                        &app,
                        Method::PUT,
                        &format!("{DOC}{}", uuid(n)),
                        Some(&ana),
                        &[("if-match", &tag)],
                        Some(body),
                    )
                    .await;
                    assert_eq!(put.status, StatusCode::OK);
                    tag = put.etag();
                }
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    let seen = follower.await.unwrap();
    assert_eq!(seen.len(), 80);
    // The feed read from scratch agrees with the follower, change for change.
    let all = feed(&b, &ana, "0", 0).await;
    let listed = all.json["changes"].as_array().unwrap();
    assert_eq!(listed.len(), 80);
    for change in listed {
        assert_eq!(&seen[change["id"].as_str().unwrap()], change);
    }
}

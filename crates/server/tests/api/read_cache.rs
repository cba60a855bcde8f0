//! The read cache: shared answers are reused until a write, expire, and are never stale across servers.

use crate::common::{id_of, TestApp, ADMIN};
use reqwest::{Method, StatusCode};

/// The titles and `(like_count, liked)` of the newest patterns, as `visitor` sees them.
async fn gallery_as(app: &TestApp, visitor: &str) -> Vec<(String, i64, bool)> {
    let (s, _, v) = app
        .send(
            app.req(Method::GET, "/api/v1/patterns?sort=new")
                .header("x-visitor-id", visitor),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap_or_default().to_string(),
                p["like_count"].as_i64().unwrap_or(-1),
                p["liked"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// Changes a title behind this server's back: a plain UPDATE on a second handle, outside
/// any write transaction, so no commit notification tells this server's read cache.
async fn rename_elsewhere(app: &TestApp, id: &str, title: &str) {
    let other = stitchfork_server::db::Db::open(&app.database_url)
        .await
        .expect("second handle");
    sqlx::query("UPDATE patterns SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(id)
        .execute(&other.pool)
        .await
        .expect("update");
    other.close().await;
}

/// One pattern's title and `(like_count, liked)` as `visitor` sees it.
async fn pattern_as(app: &TestApp, id: &str, visitor: &str) -> (String, i64, bool) {
    let (s, _, v) = app
        .send(
            app.req(Method::GET, &format!("/api/v1/patterns/{id}"))
                .header("x-visitor-id", visitor),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    (
        v["title"].as_str().unwrap_or_default().to_string(),
        v["like_count"].as_i64().unwrap_or(-1),
        v["liked"].as_bool().unwrap_or(false),
    )
}

async fn patterns_are_reused_until_a_write(app: &TestApp) {
    let a = id_of(&app.publish_ok("Shared link", None).await);
    let one = "visitor-one-0001";
    let two = "visitor-two-0002";
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Shared link".into(), 0, false)
    );
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        pattern_as(app, &a, two).await.0,
        "Shared link",
        "the pattern read before is reused (its cache life here is an hour)"
    );
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{a}/like"))
                .header("x-visitor-id", one),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // The like ends the reuse; whether it is liked is the caller's own, also when reused.
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Renamed elsewhere".into(), 1, true)
    );
    assert_eq!(
        pattern_as(app, &a, two).await,
        ("Renamed elsewhere".into(), 1, false)
    );
    assert_eq!(
        pattern_as(app, &a, one).await,
        ("Renamed elsewhere".into(), 1, true)
    );
    // Unpublished is gone at once, never served from the cache.
    let (s, _, v) = app
        .send(
            app.req(Method::DELETE, &format!("/api/v1/patterns/{a}"))
                .bearer_auth(ADMIN),
        )
        .await;
    assert!(s.is_success(), "{s} {v}");
    let (s, _) = app.get_json(&format!("/api/v1/patterns/{a}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both!(
    patterns_are_reused_until_a_write,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn gallery_pages_are_reused_until_a_write(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    let b = id_of(&app.publish_ok("Page B", None).await);
    let one = "visitor-one-0001";
    let two = "visitor-two-0002";
    assert_eq!(
        gallery_as(app, one).await,
        [("Page B".into(), 0, false), ("Page A".into(), 0, false)]
    );
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        gallery_as(app, one).await[1].0,
        "Page A",
        "the page read before is reused (its cache life here is an hour)"
    );
    // Any write through this server ends the reuse at once.
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{b}/like"))
                .header("x-visitor-id", one),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        gallery_as(app, one).await,
        [
            ("Page B".into(), 1, true),
            ("Renamed elsewhere".into(), 0, false)
        ]
    );
    // The page is shared; whether an item is liked is not.
    assert_eq!(
        gallery_as(app, two).await,
        [
            ("Page B".into(), 1, false),
            ("Renamed elsewhere".into(), 0, false)
        ]
    );
    assert_eq!(gallery_as(app, one).await[0], ("Page B".into(), 1, true));
}
both!(
    gallery_pages_are_reused_until_a_write,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn without_read_cache_every_read_is_fresh(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Page A");
    assert_eq!(pattern_as(app, &a, "visitor-one-0001").await.0, "Page A");
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    assert_eq!(
        gallery_as(app, "visitor-one-0001").await[0].0,
        "Renamed elsewhere"
    );
    assert_eq!(
        pattern_as(app, &a, "visitor-one-0001").await.0,
        "Renamed elsewhere"
    );
}
both!(
    without_read_cache_every_read_is_fresh,
    stitchfork_server::settings::Settings {
        read_cache_ms: 0,
        ..crate::common::test_settings()
    }
);

async fn cached_pages_expire(app: &TestApp) {
    let a = id_of(&app.publish_ok("Page A", None).await);
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Page A");
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    // Not a speed assertion: the change must show up once the page's life (50 ms) is over.
    let mut seen = false;
    for _ in 0..200 {
        if gallery_as(app, "visitor-one-0001").await[0].0 == "Renamed elsewhere" {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "a cached page outlived its time to live");
}
both!(
    cached_pages_expire,
    stitchfork_server::settings::Settings {
        read_cache_ms: 50,
        ..crate::common::test_settings()
    }
);

// PostgreSQL only: one server per SQLite file, so its own commits are all the writes there are.
async fn postgres_servers_hear_each_others_writes(app: &TestApp) {
    let a = id_of(&app.publish_ok("Before", None).await);
    assert_eq!(pattern_as(app, &a, "visitor-one-0001").await.0, "Before");
    assert_eq!(gallery_as(app, "visitor-one-0001").await[0].0, "Before");
    // Another server process: its own handle, its own commit.
    let other = stitchfork_server::db::Db::open(&app.database_url)
        .await
        .expect("second server's handle");
    let seq: i64 = sqlx::query_scalar("SELECT seq FROM patterns WHERE id = $1")
        .bind(&a)
        .fetch_one(&other.pool)
        .await
        .expect("seq");
    let changes = stitchfork_server::db::patterns::Changes {
        title: Some(
            stitchfork_api::fields::Title::parse("Edited on another server").expect("title"),
        ),
        ..Default::default()
    };
    assert!(
        stitchfork_server::db::patterns::update(&other, seq, 1, &changes)
            .await
            .expect("update")
            .is_some()
    );
    // The cached answers live an hour here: only the notification can end them. It arrives
    // asynchronously, so wait for it (a bound against hanging, not a speed check).
    let mut seen = false;
    for _ in 0..200 {
        if pattern_as(app, &a, "visitor-one-0001").await.0 == "Edited on another server" {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "the other server's commit was never heard");
    assert_eq!(
        gallery_as(app, "visitor-one-0001").await[0].0,
        "Edited on another server"
    );
    other.close().await;
}
postgres_test!(
    postgres_servers_hear_each_others_writes_postgres,
    postgres_servers_hear_each_others_writes,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

/// A pattern's JSON as any visitor sees it.
async fn pattern_json(app: &TestApp, id: &str) -> serde_json::Value {
    let (s, v) = app.get_json(&format!("/api/v1/patterns/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

/// Reads pattern `id` and says whether the read cache answered it (its hit counter moved).
async fn read_counting(app: &TestApp, id: &str) -> (serde_json::Value, bool) {
    let (hits, _) = app.state.read_cache.counts();
    let v = pattern_json(app, id).await;
    let (after, _) = app.state.read_cache.counts();
    (v, after == hits + 1)
}

async fn a_write_keeps_the_patterns_it_did_not_touch(app: &TestApp) {
    let a = app.publish_ok("Liked", None).await;
    let key_a = a["edit_key"].as_str().expect("edit key").to_string();
    let a = id_of(&a);
    let b = id_of(&app.publish_ok("Bystander", None).await);
    let c = id_of(&app.publish_ok("Fork of liked", Some(&a)).await);
    for id in [&a, &b, &c] {
        pattern_json(app, id).await;
    }
    // Behind the server's back, so only a copy read from the database shows these.
    rename_elsewhere(app, &b, "Bystander renamed elsewhere").await;
    rename_elsewhere(app, &c, "Fork renamed elsewhere").await;

    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{a}/like"))
                .header("x-visitor-id", "visitor-one-0001"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (v, cached) = read_counting(app, &a).await;
    assert_eq!((v["like_count"].as_i64(), cached), (Some(1), false));
    let (v, cached) = read_counting(app, &b).await;
    assert_eq!((v["title"].as_str(), cached), (Some("Bystander"), true));
    let (v, cached) = read_counting(app, &c).await;
    assert_eq!(
        (v["title"].as_str(), cached),
        (Some("Fork of liked"), true),
        "a like on its parent changes nothing a fork shows"
    );

    // A new title of the parent is shown on its fork: the fork is read again.
    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &format!("/api/v1/patterns/{a}"))
                .bearer_auth(&key_a)
                .json(&serde_json::json!({"title": "Liked and renamed"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (v, cached) = read_counting(app, &c).await;
    assert_eq!(
        (v["title"].as_str(), v["parent"]["title"].as_str(), cached),
        (
            Some("Fork renamed elsewhere"),
            Some("Liked and renamed"),
            false
        )
    );
    let (v, cached) = read_counting(app, &b).await;
    assert_eq!((v["title"].as_str(), cached), (Some("Bystander"), true));

    // A fork of B changes B's fork count.
    app.publish_ok("Fork of bystander", Some(&b)).await;
    let (v, cached) = read_counting(app, &b).await;
    assert_eq!(
        (v["title"].as_str(), v["fork_count"].as_i64(), cached),
        (Some("Bystander renamed elsewhere"), Some(1), false)
    );
    // Unpublishing the parent shows on its fork at once.
    let (s, _, _) = app
        .send(
            app.req(Method::DELETE, &format!("/api/v1/patterns/{a}"))
                .bearer_auth(&key_a),
        )
        .await;
    assert!(s.is_success(), "{s}");
    let (v, cached) = read_counting(app, &c).await;
    assert_eq!(
        (v["parent"]["removed"].as_bool(), cached),
        (Some(true), false)
    );
}
both!(
    a_write_keeps_the_patterns_it_did_not_touch,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn cached_patterns_expire(app: &TestApp) {
    let a = id_of(&app.publish_ok("Pattern A", None).await);
    assert_eq!(pattern_as(app, &a, "visitor-one-0001").await.0, "Pattern A");
    rename_elsewhere(app, &a, "Renamed elsewhere").await;
    // Not a speed assertion: the change must show up once the copy's life (50 ms) is over.
    let mut seen = false;
    for _ in 0..200 {
        if pattern_as(app, &a, "visitor-one-0001").await.0 == "Renamed elsewhere" {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen, "a cached pattern outlived its time to live");
}
both!(
    cached_patterns_expire,
    stitchfork_server::settings::Settings {
        read_cache_ms: 50,
        ..crate::common::test_settings()
    }
);

/// Polls (a bound against hanging, not a speed check) until `check` holds on pattern `id`.
async fn eventually(
    app: &TestApp,
    id: &str,
    what: &str,
    check: impl Fn(&serde_json::Value) -> bool,
) {
    for _ in 0..200 {
        if check(&pattern_json(app, id).await) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what} was never seen");
}

// PostgreSQL only: two servers on one database, writes on one, reads on the other.
async fn postgres_second_server_drops_only_what_was_touched(app: &TestApp) {
    let reader = TestApp::start_at(&app.database_url, app.settings.clone()).await;
    let a = id_of(&app.publish_ok("Liked", None).await);
    let b = id_of(&app.publish_ok("Bystander", None).await);
    for id in [&a, &b] {
        pattern_json(&reader, id).await;
    }
    rename_elsewhere(app, &b, "Bystander renamed elsewhere").await;
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{a}/like"))
                .header("x-visitor-id", "visitor-one-0001"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    eventually(&reader, &a, "the like on the other server", |v| {
        v["like_count"] == 1
    })
    .await;
    let (v, cached) = read_counting(&reader, &b).await;
    assert_eq!(
        (v["title"].as_str(), cached),
        (Some("Bystander"), true),
        "the notification named the liked pattern only"
    );
    // A notification that does not say what it touched (an older server's) drops every copy.
    sqlx::query("SELECT pg_notify('stitchfork_changes', 'an-older-server')")
        .execute(&app.db.pool)
        .await
        .expect("notify");
    eventually(&reader, &b, "the unsaid change", |v| {
        v["title"] == "Bystander renamed elsewhere"
    })
    .await;
    reader.finish().await;
}
postgres_test!(
    postgres_second_server_drops_only_what_was_touched_postgres,
    postgres_second_server_drops_only_what_was_touched,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

/// Reads gallery page `path` and says whether the read cache answered it (its hit counter
/// moved).
async fn page_counting(app: &TestApp, path: &str) -> (serde_json::Value, bool) {
    let (hits, _) = app.state.read_cache.counts();
    let (s, v) = app.get_json(path).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    let (after, _) = app.state.read_cache.counts();
    (v, after == hits + 1)
}

/// The `(title, like_count)` of a page's items.
fn cards(page: &serde_json::Value) -> Vec<(String, i64)> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap_or_default().to_string(),
                p["like_count"].as_i64().unwrap_or(-1),
            )
        })
        .collect()
}

fn titles(page: &serde_json::Value) -> Vec<String> {
    cards(page).into_iter().map(|(t, _)| t).collect()
}

/// Likes `id` as `visitor`.
async fn like(app: &TestApp, id: &str, visitor: &str) {
    let (s, _, v) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{id}/like"))
                .header("x-visitor-id", visitor),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

async fn a_like_keeps_the_pages_it_cannot_change(app: &TestApp) {
    let a = id_of(&app.publish_ok("A", None).await);
    app.publish_ok("B", None).await;
    app.publish_ok("C", None).await;
    let d = id_of(&app.publish_ok("D", None).await);
    let newest = "/api/v1/patterns?sort=new&limit=2";
    let (first, _) = page_counting(app, newest).await;
    assert_eq!(titles(&first), ["D", "C"]);
    let next = format!(
        "{newest}&cursor={}",
        first["next_cursor"].as_str().expect("a next page")
    );
    assert_eq!(titles(&page_counting(app, &next).await.0), ["B", "A"]);
    let popular = "/api/v1/patterns?sort=popular&limit=2";
    let trending = "/api/v1/patterns?sort=trending&limit=2";
    let forks = "/api/v1/patterns?sort=forks&limit=2";
    for path in [popular, trending, forks] {
        assert_eq!(titles(&page_counting(app, path).await.0), ["D", "C"]);
    }
    // Behind the server's back: only a page read again shows it.
    rename_elsewhere(app, &d, "D renamed elsewhere").await;

    like(app, &a, "visitor-one-0001").await;
    let (v, cached) = page_counting(app, newest).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["D".to_string(), "C".to_string()], true),
        "newest first, without A: the like changes nothing on it"
    );
    let (v, cached) = page_counting(app, forks).await;
    assert_eq!((titles(&v), cached), (vec!["D".into(), "C".into()], true));
    let (v, cached) = page_counting(app, &next).await;
    assert_eq!(
        (cards(&v), cached),
        (vec![("B".into(), 0), ("A".into(), 1)], false),
        "the page showing A shows its new count"
    );
    for path in [popular, trending] {
        let (v, cached) = page_counting(app, path).await;
        assert_eq!(
            (cards(&v), cached),
            (
                vec![("A".into(), 1), ("D renamed elsewhere".into(), 0)],
                false
            ),
            "{path}: A climbs to the top"
        );
    }
}
both!(
    a_like_keeps_the_pages_it_cannot_change,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn a_publish_shows_at_once_where_it_lands_and_an_unpublish_leaves(app: &TestApp) {
    let mut linen = crate::common::publish_body("Linen");
    linen["tags"] = serde_json::json!(["linen"]);
    let (s, v) = app.publish(&linen).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let linen = id_of(&v);
    let a = id_of(&app.publish_ok("A", None).await);
    let b = id_of(&app.publish_ok("B", None).await);
    let c = app.publish_ok("C", None).await;
    let key_c = c["edit_key"].as_str().expect("edit key").to_string();
    let c = id_of(&c);
    // Popular, two a page: C and B, and A (read to know a next page exists) with one like
    // each; Linen below them.
    for id in [&a, &b, &c] {
        like(app, id, "visitor-one-0001").await;
    }
    let newest = "/api/v1/patterns?sort=new&limit=2";
    let popular = "/api/v1/patterns?sort=popular&limit=2";
    let by_linen = "/api/v1/patterns?tag=linen";
    let by_wool = "/api/v1/patterns?tag=wool";
    assert_eq!(titles(&page_counting(app, newest).await.0), ["C", "B"]);
    assert_eq!(titles(&page_counting(app, popular).await.0), ["C", "B"]);
    assert_eq!(titles(&page_counting(app, by_linen).await.0), ["Linen"]);
    assert_eq!(
        titles(&page_counting(app, by_wool).await.0),
        ["C", "B", "A"]
    );
    rename_elsewhere(app, &b, "B renamed elsewhere").await;
    rename_elsewhere(app, &linen, "Linen renamed elsewhere").await;

    // Tagged test and wool, no likes: on top of the newest, below the popular page.
    app.publish_ok("New", None).await;
    let (v, cached) = page_counting(app, newest).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["New".into(), "C".into()], false)
    );
    let (v, cached) = page_counting(app, by_wool).await;
    assert_eq!(
        (titles(&v), cached),
        (
            vec![
                "New".into(),
                "C".into(),
                "B renamed elsewhere".into(),
                "A".into()
            ],
            false
        )
    );
    let (v, cached) = page_counting(app, popular).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["C".into(), "B".into()], true),
        "0 likes lands below this page"
    );
    let (v, cached) = page_counting(app, by_linen).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["Linen".into()], true),
        "not tagged linen"
    );

    let (s, _, _) = app
        .send(
            app.req(Method::DELETE, &format!("/api/v1/patterns/{c}"))
                .bearer_auth(&key_c),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (v, cached) = page_counting(app, popular).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["B renamed elsewhere".into(), "A".into()], false),
        "unpublished: gone at once"
    );
    let (v, _) = page_counting(app, newest).await;
    assert_eq!(titles(&v), ["New", "B renamed elsewhere"]);

    // A fork changes its parent's count on the page showing the parent.
    let (v, _) = page_counting(app, popular).await;
    assert_eq!(v["items"][0]["fork_count"], 0);
    app.publish_ok("Fork of B", Some(&b)).await;
    let (v, cached) = page_counting(app, popular).await;
    assert_eq!(
        (v["items"][0]["fork_count"].as_i64(), cached),
        (Some(1), false)
    );
}
both!(
    a_publish_shows_at_once_where_it_lands_and_an_unpublish_leaves,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

async fn an_edit_reaches_the_searches_it_may_now_match(app: &TestApp) {
    let a = app.publish_ok("Plain", None).await;
    let key_a = a["edit_key"].as_str().expect("edit key").to_string();
    let a = id_of(&a);
    let b = id_of(&app.publish_ok("Other", None).await);
    let zebra = "/api/v1/patterns?q=zebra";
    let other = "/api/v1/patterns?q=other";
    assert!(titles(&page_counting(app, zebra).await.0).is_empty());
    assert_eq!(titles(&page_counting(app, other).await.0), ["Other"]);
    rename_elsewhere(app, &b, "Other renamed elsewhere").await;
    // A like changes neither the words nor the newest-first order.
    like(app, &a, "visitor-one-0001").await;
    let (v, cached) = page_counting(app, other).await;
    assert_eq!((titles(&v), cached), (vec!["Other".into()], true));

    let (s, _, v) = app
        .send(
            app.req(Method::PATCH, &format!("/api/v1/patterns/{a}"))
                .bearer_auth(&key_a)
                .json(&serde_json::json!({"title": "Zebra stripes"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (v, cached) = page_counting(app, zebra).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["Zebra stripes".into()], false),
        "its new words find it at once"
    );
}
both!(
    an_edit_reaches_the_searches_it_may_now_match,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

/// Polls (a bound against hanging, not a speed check) until `check` holds on page `path`.
async fn eventually_page(
    app: &TestApp,
    path: &str,
    what: &str,
    check: impl Fn(&serde_json::Value) -> bool,
) {
    for _ in 0..200 {
        let (s, v) = app.get_json(path).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if check(&v) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{what} was never seen");
}

// PostgreSQL only: two servers on one database, writes on one, pages read on the other.
async fn postgres_second_server_keeps_the_pages_a_write_cannot_change(app: &TestApp) {
    let reader = TestApp::start_at(&app.database_url, app.settings.clone()).await;
    let start = reader.db.generation();
    let a = id_of(&app.publish_ok("A", None).await);
    for title in ["B", "C"] {
        app.publish_ok(title, None).await;
    }
    let d = id_of(&app.publish_ok("D", None).await);
    // A page read before a publish is heard is dropped when it is: wait for all four.
    for _ in 0..200 {
        if reader.db.generation() >= start + 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(reader.db.generation() >= start + 4, "publishes never heard");
    let newest = "/api/v1/patterns?sort=new&limit=2";
    let (first, _) = page_counting(&reader, newest).await;
    assert_eq!(titles(&first), ["D", "C"]);
    let next = format!(
        "{newest}&cursor={}",
        first["next_cursor"].as_str().expect("a next page")
    );
    assert_eq!(titles(&page_counting(&reader, &next).await.0), ["B", "A"]);
    rename_elsewhere(app, &d, "D renamed elsewhere").await;

    like(app, &a, "visitor-one-0001").await;
    eventually_page(&reader, &next, "the like on the other server", |v| {
        cards(v) == [("B".to_string(), 0), ("A".to_string(), 1)]
    })
    .await;
    let (v, cached) = page_counting(&reader, newest).await;
    assert_eq!(
        (titles(&v), cached),
        (vec!["D".into(), "C".into()], true),
        "the notification said where the like moved A: not on this page"
    );

    app.publish_ok("E", None).await;
    eventually_page(&reader, newest, "the publish on the other server", |v| {
        titles(v) == ["E", "D renamed elsewhere"]
    })
    .await;
    let (v, cached) = page_counting(&reader, &next).await;
    assert_eq!(
        (cards(&v), cached),
        (vec![("B".into(), 0), ("A".into(), 1)], true),
        "the new pattern is above this page"
    );

    // A notification naming patterns but no places (an older server's) drops every page.
    rename_elsewhere(app, &a, "A renamed elsewhere").await;
    sqlx::query("SELECT pg_notify('stitchfork_changes', 'an-older-server|;')")
        .execute(&app.db.pool)
        .await
        .expect("notify");
    eventually_page(&reader, &next, "the change without places", |v| {
        titles(v) == ["B", "A renamed elsewhere"]
    })
    .await;
    reader.finish().await;
}
postgres_test!(
    postgres_second_server_keeps_the_pages_a_write_cannot_change_postgres,
    postgres_second_server_keeps_the_pages_a_write_cannot_change,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

/// The gallery page `path` as sent with `Accept-Encoding: accept` (none when empty):
/// its `Content-Encoding` and the JSON it decodes to.
async fn page_coded(
    app: &TestApp,
    path: &str,
    accept: &str,
    visitor: &str,
) -> (Option<String>, serde_json::Value) {
    use std::io::Read;
    let mut req = app.req(Method::GET, path).header("x-visitor-id", visitor);
    if !accept.is_empty() {
        req = req.header("accept-encoding", accept);
    }
    let res = req.send().await.expect("request");
    assert_eq!(res.status(), StatusCode::OK);
    let coding = res
        .headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap_or_default().to_string());
    assert!(
        res.headers()
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap_or_default().contains("accept-encoding")),
        "a page that depends on Accept-Encoding says so"
    );
    let raw = res.bytes().await.expect("body");
    let mut json = Vec::new();
    match coding.as_deref() {
        Some("br") => {
            brotli::Decompressor::new(&raw[..], 4096)
                .read_to_end(&mut json)
                .expect("brotli");
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut json)
                .expect("gzip");
        }
        _ => json = raw.to_vec(),
    }
    (coding, serde_json::from_slice(&json).expect("JSON"))
}

/// A kept page is sent in the coding each client asks for (its copies are made once), every
/// coding is the same page, and a visitor who likes one of its patterns still sees that.
async fn kept_pages_are_sent_compressed_as_asked(app: &TestApp) {
    let a = id_of(&app.publish_ok("Coded A", None).await);
    app.publish_ok("Coded B", None).await;
    let path = "/api/v1/patterns?sort=new&limit=1";
    let fan = "visitor-fan-0003";
    let (plain, page) = page_coded(app, path, "", fan).await;
    assert_eq!(plain, None);
    assert_eq!(page["items"][0]["title"], "Coded B");
    assert!(page["next_cursor"].is_string(), "{page}");
    for (accept, coding) in [
        ("gzip, deflate, br, zstd", Some("br")),
        ("gzip", Some("gzip")),
        ("br;q=0, gzip;q=0.8", Some("gzip")),
        ("identity", None),
    ] {
        for _ in 0..2 {
            let (got, same) = page_coded(app, path, accept, fan).await;
            assert_eq!(got.as_deref(), coding, "Accept-Encoding: {accept}");
            assert_eq!(same, page, "Accept-Encoding: {accept}");
        }
    }
    let (s, _, _) = app
        .send(
            app.req(Method::POST, &format!("/api/v1/patterns/{a}/like"))
                .header("x-visitor-id", fan),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let all = "/api/v1/patterns?sort=new";
    let (_, theirs) = page_coded(app, all, "br", fan).await;
    let (_, others) = page_coded(app, all, "br", "visitor-other-0004").await;
    assert_eq!(theirs["items"][1]["liked"], true, "{theirs}");
    assert_eq!(others["items"][1]["liked"], false, "{others}");
    assert_eq!(others["items"][1]["like_count"], 1, "{others}");
}
both!(
    kept_pages_are_sent_compressed_as_asked,
    stitchfork_server::settings::Settings {
        read_cache_ms: 3_600_000,
        ..crate::common::test_settings()
    }
);

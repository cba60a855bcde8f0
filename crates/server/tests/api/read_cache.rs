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

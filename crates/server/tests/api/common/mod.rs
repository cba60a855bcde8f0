//! Test harness shared by the integration suites: starts the real router on a port-0
//! listener (with connect info, like the binary) over a fresh database, either a temporary
//! SQLite file or a new PostgreSQL database named at random on the server given by
//! `STITCHFORK_TEST_POSTGRES_URL` (dropped at the end).
//!
//! Tests that need something beyond cargo (a PostgreSQL server, root for a tmpfs) are
//! `#[ignore = "why"]`, so a plain `cargo test` lists them as ignored instead of reporting a pass
//! for work it did not do. `scripts/test.sh` provides what they need and runs them with
//! `--include-ignored`; run that way without it, they fail and say what is missing.
#![allow(dead_code)]

pub mod binary;

use std::net::SocketAddr;
use std::path::Path;

use reqwest::{Client, Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use sqlx::Connection;
use stitchfork_model::catalog::Catalog;
use stitchfork_model::config::Configuration;
use stitchfork_server::app::{router, AppState, SharedState};
use stitchfork_server::db::Db;
use stitchfork_server::settings::Settings;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    /// The database URL the app serves from (another handle can open it too).
    pub database_url: String,
    pub client: Client,
    pub db: Db,
    pub settings: Settings,
    /// The running server's state (its read cache's counters, for one).
    pub state: SharedState,
    cleanup: Cleanup,
    server: tokio::task::JoinHandle<()>,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres {
        admin_url: String,
        name: String,
    },
    /// The caller owns the database's place (e.g. a test's own filesystem).
    Nothing,
}

/// The admin key of [`test_settings`].
pub const ADMIN: &str = "test-admin-key-0123456789";

/// The `id` of a pattern answer.
pub fn id_of(v: &Value) -> String {
    v["id"].as_str().expect("id").to_string()
}

/// Settings for tests: no rate limits unless a test asks, and a known admin key.
pub fn test_settings() -> Settings {
    Settings {
        admin_key: Some(ADMIN.into()),
        publish_per_minute: 0,
        like_per_minute: 0,
        ..Settings::default()
    }
}

impl TestApp {
    /// Starts the app; panics (a failed test, never a silent pass) when the backend is missing.
    pub async fn start(backend: Backend, settings: Settings) -> TestApp {
        TestApp::start_with_dist(backend, settings, Path::new("/nonexistent-dist")).await
    }

    /// [`TestApp::start`] serving the web app from `dist`.
    pub async fn start_with_dist(backend: Backend, settings: Settings, dist: &Path) -> TestApp {
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/sub/test.db", dir.path().display());
                (url, Cleanup::Sqlite(dir))
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!(
                    "sf_test_{}",
                    stitchfork_server::keys::new_pattern_id().to_lowercase()
                );
                let mut admin = sqlx::PgConnection::connect(&admin_url)
                    .await
                    .expect("connect to test PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .await
                    .expect("create database");
                admin.close().await.ok();
                let url = replace_db_name(&admin_url, &name);
                (url, Cleanup::Postgres { admin_url, name })
            }
        };
        TestApp::serve(&url, settings, cleanup, dist).await
    }

    /// Starts the app on a database URL the caller manages.
    pub async fn start_at(url: &str, settings: Settings) -> TestApp {
        TestApp::serve(
            url,
            settings,
            Cleanup::Nothing,
            Path::new("/nonexistent-dist"),
        )
        .await
    }

    async fn serve(url: &str, settings: Settings, cleanup: Cleanup, dist: &Path) -> TestApp {
        let db = Db::open(url).await.expect("open database");
        let state = AppState::new(db.clone(), settings.clone());
        let app = router(state.clone(), dist);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let server = tokio::spawn(async move {
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .expect("serve");
        });
        TestApp {
            base: format!("http://{addr}"),
            database_url: url.to_string(),
            client: Client::new(),
            db,
            settings,
            state,
            cleanup,
            server,
        }
    }

    /// Stops the server and removes the database.
    pub async fn finish(self) {
        self.server.abort();
        self.db.close().await;
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            if let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await;
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// Sends a request and returns status, headers and the body as JSON (Null if not JSON).
    pub async fn send(
        &self,
        rb: RequestBuilder,
    ) -> (StatusCode, reqwest::header::HeaderMap, Value) {
        let res = rb.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body");
        (
            status,
            headers,
            serde_json::from_str(&text).unwrap_or(Value::Null),
        )
    }

    /// Publishes `body` as JSON.
    pub async fn publish(&self, body: &Value) -> (StatusCode, Value) {
        let (s, _, v) = self
            .send(self.req(Method::POST, "/api/v1/patterns").json(body))
            .await;
        (s, v)
    }

    /// Publishes a valid pattern with `title` (and optional parent); panics unless 201.
    /// A fork changes one colour of its parent (a fork identical to its parent is refused).
    pub async fn publish_ok(&self, title: &str, parent: Option<&str>) -> Value {
        let mut body = publish_body(title);
        if let Some(p) = parent {
            body["parent_id"] = json!(p);
            let (s, parent) = self.get_json(&format!("/api/v1/patterns/{p}")).await;
            if s == StatusCode::OK {
                body["config"] = changed_config(&parent["config"]);
            }
        }
        let (s, v) = self.publish(&body).await;
        assert_eq!(s, StatusCode::CREATED, "publish failed: {v}");
        v
    }

    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        let (s, _, v) = self.send(self.req(Method::GET, path)).await;
        (s, v)
    }
}

/// The PostgreSQL server the PostgreSQL variants create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("STITCHFORK_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "this PostgreSQL test needs STITCHFORK_TEST_POSTGRES_URL \
             (scripts/test.sh starts a throwaway server; or scripts/postgres.sh with cargo test ...)"
        )
    })
}

fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// The default configuration of the first product, as JSON.
pub fn valid_config() -> Value {
    let catalog = Catalog::builtin();
    let cfg = Configuration::default_for(catalog, &catalog.products[0].id).expect("default config");
    serde_json::from_str(&cfg.canonical_json()).expect("json")
}

/// `config` with one change: the back panel saffron, or back to the default when it is already.
pub fn changed_config(config: &Value) -> Value {
    let mut config = config.clone();
    let back = &mut config["parts"]["outer_back"]["colour"];
    *back = if back == "saffron" {
        valid_config()["parts"]["outer_back"]["colour"].clone()
    } else {
        json!("saffron")
    };
    config
}

pub fn publish_body(title: &str) -> Value {
    json!({
        "title": title,
        "description": "A test pattern",
        "tags": ["test", "wool"],
        "author_name": "Tester",
        "config": valid_config(),
    })
}

/// Runs a suite function against SQLite and PostgreSQL: `both!(name)` or
/// `both!(name, settings_expr)`. The PostgreSQL variant is ignored unless asked for (see above).
#[macro_export]
macro_rules! both {
    ($name:ident) => {
        $crate::both!($name, $crate::common::test_settings());
    };
    ($name:ident, $settings:expr) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app =
                    $crate::common::TestApp::start($crate::common::Backend::Sqlite, $settings)
                        .await;
                super::$name(&app).await;
                app.finish().await;
            }

            $crate::postgres_test!(postgres, super::$name, $settings);
        }
    };
}

/// A test of `function` against PostgreSQL alone, named `name`.
#[macro_export]
macro_rules! postgres_test {
    ($name:ident, $function:path, $settings:expr) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        #[ignore = "needs STITCHFORK_TEST_POSTGRES_URL; scripts/test.sh runs it"]
        async fn $name() {
            let app =
                $crate::common::TestApp::start($crate::common::Backend::Postgres, $settings).await;
            $function(&app).await;
            app.finish().await;
        }
    };
}

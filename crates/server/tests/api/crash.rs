//! Durability: publish from several concurrent clients, `kill -9` the server at a random
//! moment, restart, and check that every pattern acknowledged with 201 is there
//! byte-for-byte and that SQLite's integrity check passes. 20 cycles on one file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::binary::{serve, signal};
use rand::Rng;
use serde_json::json;
use serde_json::value::RawValue;

/// What a 201 promised: title and canonical config exactly as returned.
type Acked = Arc<Mutex<HashMap<String, (String, String)>>>;

fn raw_fields(text: &str) -> Option<(String, String, String)> {
    let map: HashMap<String, Box<RawValue>> = serde_json::from_str(text).ok()?;
    let id: String = serde_json::from_str(map.get("id")?.get()).ok()?;
    let title: String = serde_json::from_str(map.get("title")?.get()).ok()?;
    Some((id, title, map.get("config")?.get().to_string()))
}

async fn client_loop(base: String, worker: usize, acked: Acked) {
    let client = reqwest::Client::new();
    let colours = ["ink", "saffron", "moss", "sand", "bordeaux", "slate"];
    for n in 0.. {
        let mut config = crate::common::valid_config();
        let colour = colours[(worker + n) % colours.len()];
        if config["parts"]["outer_front"]["material"] == "ultrasuede" {
            config["parts"]["outer_front"]["colour"] = json!(colour);
        }
        let title = format!("Crash {worker}-{n} {}", rand::thread_rng().gen::<u32>());
        let body = json!({"title": title, "config": config, "tags": ["crash"]});
        let Ok(res) = client
            .post(format!("{base}/api/v1/patterns"))
            .json(&body)
            .send()
            .await
        else {
            return; // server gone
        };
        if res.status() != reqwest::StatusCode::CREATED {
            assert!(
                res.status().is_server_error() || res.status().is_success(),
                "unexpected {}",
                res.status()
            );
            continue;
        }
        // Only a complete 201 body counts as acknowledged.
        let Ok(text) = res.text().await else { return };
        let (id, got_title, cfg) = raw_fields(&text).expect("201 body has id, title, config");
        assert_eq!(got_title, title);
        acked.lock().unwrap().insert(id, (got_title, cfg));
    }
}

async fn verify(base: &str, acked: &Acked) {
    let client = reqwest::Client::new();
    let expected: Vec<(String, (String, String))> = acked
        .lock()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (id, (title, cfg)) in expected {
        let res = client
            .get(format!("{base}/api/v1/patterns/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            reqwest::StatusCode::OK,
            "acknowledged pattern {id} is lost"
        );
        let (_, got_title, got_cfg) = raw_fields(&res.text().await.unwrap()).unwrap();
        assert_eq!(got_title, title);
        assert_eq!(got_cfg, cfg, "config of {id} is byte-for-byte the same");
    }
}

async fn integrity_ok(url: &str) {
    let db = stitchfork_server::db::Db::open(url).await.unwrap();
    let result: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(result, "ok");
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_patterns_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("crash.db");
    let url = format!("sqlite://{}", db_path.display());
    let dist = dir.path().join("dist");
    let acked: Acked = Arc::default();
    for cycle in 0..20 {
        let mut running = serve(&url, &dist, &[]).await;
        // Everything acknowledged in earlier cycles is still there.
        verify(&running.base, &acked).await;
        let before = acked.lock().unwrap().len();
        let workers: Vec<_> = (0..4)
            .map(|w| tokio::spawn(client_loop(running.base.clone(), w, acked.clone())))
            .collect();
        let delay = rand::thread_rng().gen_range(50..400);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        signal(&running.child, libc::SIGKILL);
        running.child.wait().await.unwrap();
        for w in workers {
            w.await.unwrap();
        }
        integrity_ok(&url).await;
        let total = acked.lock().unwrap().len();
        eprintln!(
            "cycle {cycle}: {total} acknowledged ({} new)",
            total - before
        );
    }
    let running = serve(&url, &dist, &[]).await;
    verify(&running.base, &acked).await;
    assert!(
        acked.lock().unwrap().len() > 20,
        "the test actually published under load"
    );
}

//! Lineage: ancestors and bounded, pageable descendants.

use crate::common::{id_of, TestApp};
use reqwest::StatusCode;

async fn lineage_is_bounded_and_pageable(app: &TestApp) {
    // A chain root -> c1 -> ... -> c8, and three siblings under the root.
    let root = id_of(&app.publish_ok("Root", None).await);
    let mut chain = vec![root.clone()];
    for i in 1..=8 {
        let id = id_of(
            &app.publish_ok(&format!("Chain {i}"), Some(chain.last().unwrap()))
                .await,
        );
        chain.push(id);
    }
    for i in 0..3 {
        app.publish_ok(&format!("Sibling {i}"), Some(&root)).await;
    }
    let (s, l) = app
        .get_json(&format!("/api/v1/patterns/{}/lineage", chain[8]))
        .await;
    assert_eq!(s, StatusCode::OK);
    let anc: Vec<&str> = l["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = chain[..8].iter().rev().map(String::as_str).collect();
    assert_eq!(anc, expected, "nearest first, up to the root");

    let (_, l) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage?depth=3"))
        .await;
    assert_eq!(l["tree"]["children"].as_array().unwrap().len(), 4);
    assert_eq!(l["truncated"], true);
    let mut node = &l["tree"];
    for want in &chain[1..=3] {
        node = node["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"].as_str() == Some(want.as_str()))
            .expect("chain node");
    }
    assert_eq!(
        node["more"], true,
        "depth-3 node has forks beyond the bound"
    );
    assert!(node["children"].as_array().unwrap().is_empty());
    // Page further from the cut-off node.
    let (_, deeper) = app
        .get_json(&format!("/api/v1/patterns/{}/lineage", chain[3]))
        .await;
    assert_eq!(deeper["tree"]["children"][0]["id"], chain[4].as_str());
    assert_eq!(deeper["truncated"], false);
    // Size bound.
    let (_, small) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage?limit=2"))
        .await;
    assert_eq!(small["tree"]["children"].as_array().unwrap().len(), 2);
    assert_eq!(small["tree"]["more"], true);
    assert_eq!(small["truncated"], true);
    let (_, full) = app
        .get_json(&format!("/api/v1/patterns/{root}/lineage"))
        .await;
    assert_eq!(
        full["truncated"], true,
        "8 levels exceed the default depth of 6"
    );
}
both!(lineage_is_bounded_and_pageable);

/// SQLite's plan for a family tree reads the made counts of the returned members in grouped
/// queries, never as subqueries run for each member the walk finds (a family of 10,000 under
/// one root ran 30,000 of them to return 500).
#[tokio::test]
async fn family_trees_count_what_was_made_per_page_not_per_member() {
    use sqlx::Row;
    use stitchfork_server::db::{lineage, Db};
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!("sqlite://{}/l.db", dir.path().display()))
        .await
        .expect("open");
    // (SQL, its parameters after the id)
    for (sql, bounds) in [
        (lineage::descendants_sql(), vec![6_i64, 500]),
        (lineage::ancestors_sql(), vec![1001]),
    ] {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let mut query = sqlx::query(&explain).bind("x");
        for b in bounds {
            query = query.bind(b);
        }
        let plan: Vec<String> = query
            .fetch_all(&db.pool)
            .await
            .expect("explain")
            .iter()
            .map(|r| r.try_get::<String, _>("detail").expect("detail"))
            .collect();
        assert!(!plan.is_empty(), "no plan for {sql}");
        assert!(
            !plan.iter().any(|step| step.contains("CORRELATED")),
            "a subquery per member: {plan:#?}"
        );
    }
    db.close().await;
}

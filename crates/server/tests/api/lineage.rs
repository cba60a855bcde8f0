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

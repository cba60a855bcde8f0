//! Licences: chosen at publish (CC BY 4.0 unless said), shown on the pattern and on every
//! member of its family (the credit chain), and kept by forks as their parent's terms ask.

use crate::common::{changed_config, id_of, publish_body, TestApp};
use reqwest::StatusCode;
use serde_json::json;

async fn licences_are_chosen_kept_and_credited(app: &TestApp) {
    let plain = app.publish_ok("Default licence", None).await;
    assert_eq!(plain["licence"], "cc-by-4.0");

    let mut body = publish_body("Share alike");
    body["licence"] = json!("cc-by-sa-4.0");
    let (s, sa) = app.publish(&body).await;
    assert_eq!(s, StatusCode::CREATED, "{sa}");
    let sa_id = id_of(&sa);
    let (_, got) = app.get_json(&format!("/api/v1/patterns/{sa_id}")).await;
    assert_eq!(got["licence"], "cc-by-sa-4.0");

    // A fork of a share-alike pattern cannot drop the share-alike: 422 at `licence`, in the
    // asker's language, and nothing stored.
    let mut fork = publish_body("Fork that drops SA");
    fork["parent_id"] = json!(sa_id);
    fork["config"] = changed_config(&sa["config"]);
    fork["licence"] = json!("cc-by-4.0");
    let (s, _, v) = app
        .send(
            app.req(reqwest::Method::POST, "/api/v1/patterns")
                .header("Accept-Language", "sv")
                .json(&fork),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["fields"][0]["path"], "licence");
    assert!(v["error"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .contains("cc-by-sa-4.0"));
    assert!(v["error"]["fields"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("Originalets licens"));
    // Left out, the licence is the default, which share-alike does not allow either.
    fork.as_object_mut().unwrap().remove("licence");
    let (s, _) = app.publish(&fork).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, got) = app.get_json(&format!("/api/v1/patterns/{sa_id}")).await;
    assert_eq!(got["fork_count"], 0, "nothing was stored");

    // Unknown licences are refused as malformed.
    let mut bad = publish_body("GPL");
    bad["licence"] = json!("gpl-3.0");
    let (s, _) = app.publish(&bad).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // Kept, it publishes; its family shows every member's licence with its credit.
    fork["licence"] = json!("cc-by-sa-4.0");
    let (s, child) = app.publish(&fork).await;
    assert_eq!(s, StatusCode::CREATED, "{child}");
    let child_id = id_of(&child);
    let mut grandchild = publish_body("Grandchild");
    grandchild["parent_id"] = json!(child_id);
    grandchild["config"] = changed_config(&child["config"]);
    grandchild["licence"] = json!("cc-by-sa-4.0");
    let (s, g) = app.publish(&grandchild).await;
    assert_eq!(s, StatusCode::CREATED, "{g}");
    let (s, l) = app
        .get_json(&format!("/api/v1/patterns/{}/lineage", id_of(&g)))
        .await;
    assert_eq!(s, StatusCode::OK);
    let chain: Vec<(String, String, String)> = l["ancestors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["title"].as_str().unwrap().to_string(),
                a["author_name"].as_str().unwrap().to_string(),
                a["licence"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        chain,
        [
            (
                "Fork that drops SA".into(),
                "Tester".into(),
                "cc-by-sa-4.0".into()
            ),
            ("Share alike".into(), "Tester".into(), "cc-by-sa-4.0".into()),
        ]
    );
    assert_eq!(l["tree"]["licence"], "cc-by-sa-4.0");

    // Non-commercial stays non-commercial; CC BY allows anything.
    let mut nc = publish_body("NC");
    nc["licence"] = json!("cc-by-nc-4.0");
    let (_, nc) = app.publish(&nc).await;
    for (licence, status) in [
        ("cc0-1.0", StatusCode::UNPROCESSABLE_ENTITY),
        ("all-rights-reserved", StatusCode::CREATED),
    ] {
        let mut f = publish_body("NC fork");
        f["parent_id"] = json!(id_of(&nc));
        f["config"] = changed_config(&nc["config"]);
        f["licence"] = json!(licence);
        let (s, v) = app.publish(&f).await;
        assert_eq!(s, status, "{licence}: {v}");
    }
    let mut f = publish_body("CC0 fork of CC BY");
    f["parent_id"] = json!(id_of(&plain));
    f["config"] = changed_config(&plain["config"]);
    f["licence"] = json!("cc0-1.0");
    let (s, v) = app.publish(&f).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
both!(licences_are_chosen_kept_and_credited);

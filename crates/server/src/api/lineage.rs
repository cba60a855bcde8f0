//! `GET /api/v1/patterns/{id}/lineage`: ancestors up to the root, and the descendants as a
//! tree bounded in depth and size. A node whose children were cut off says `more: true`;
//! ask for that node's lineage to page further down.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use stitchfork_api::limits::{LINEAGE_MAX_ANCESTORS, LINEAGE_MAX_DEPTH, LINEAGE_MAX_NODES};
use stitchfork_api::{paths, Lineage, LineageNode};
use utoipa::IntoParams;

use super::access::PatternId;
use super::views::lineage_node as node;
use crate::app::SharedState;
use crate::db::items;
use crate::db::lineage::{self, Member};
use crate::db::patterns as store;
use crate::error::{ApiError, ApiResult};

/// `/patterns/{id}/lineage`.
pub fn router() -> Router<SharedState> {
    Router::new().route(paths::LINEAGE, get(get_lineage))
}

/// Read as text for our own 400 messages; the contract states the real type and bound.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LineageParams {
    /// Levels of descendants, 1..=6 (default 6; larger values are clamped).
    #[param(schema_with = stitchfork_api::types::positive_integer)]
    pub depth: Option<String>,
    /// Descendant nodes at most, 1..=500 (default 500; larger values are clamped).
    #[param(schema_with = stitchfork_api::types::positive_integer)]
    pub limit: Option<String>,
}

fn bounded(raw: Option<&str>, name: &str, max: i64) -> ApiResult<i64> {
    // Not trimmed: the contract says integer, and " 5" is not one.
    let Some(raw) = raw else {
        return Ok(max);
    };
    let digits = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit());
    match raw.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n.min(max)),
        // Only digits but too large for i64: clamp like any other large value.
        Err(_) if digits => Ok(max),
        _ => Err(ApiError::BadRequest(format!(
            "`{name}` must be a positive whole number"
        ))),
    }
}

/// Assembles the tree from breadth-first rows; returns whether anything was cut off.
fn build_tree(root: &mut LineageNode, members: &[Member]) -> bool {
    let mut by_parent: HashMap<&str, Vec<&Member>> = HashMap::new();
    for m in members {
        if let Some(p) = &m.parent_id {
            by_parent.entry(p.as_str()).or_default().push(m);
        }
    }
    fn attach(n: &mut LineageNode, by_parent: &HashMap<&str, Vec<&Member>>) -> bool {
        let kids = by_parent
            .get(n.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        n.children = kids.iter().map(|m| node(m)).collect();
        n.more = (n.children.len() as i64) < n.fork_count;
        let mut cut = n.more;
        for c in &mut n.children {
            cut |= attach(c, by_parent);
        }
        cut
    }
    attach(root, &by_parent)
}

/// Ancestors and bounded descendants of a pattern.
#[utoipa::path(get, path = "/api/v1/patterns/{id}/lineage", tag = "lineage",
    params(("id" = String, Path, description = "pattern id"), LineageParams),
    responses((status = 200, body = Lineage), (status = 400, body = crate::error::ErrorBody),
              (status = 404, body = crate::error::ErrorBody)))]
pub async fn get_lineage(
    State(state): State<SharedState>,
    PatternId(id): PatternId,
    params: Result<Query<LineageParams>, QueryRejection>,
) -> ApiResult<Json<Lineage>> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let max_depth = bounded(p.depth.as_deref(), "depth", LINEAGE_MAX_DEPTH)?;
    let max_nodes = bounded(p.limit.as_deref(), "limit", LINEAGE_MAX_NODES)?;
    let row = store::get(&state.db, &id)
        .await?
        .ok_or(ApiError::NotFound("pattern"))?;
    let mut ancestors: Vec<LineageNode> =
        lineage::ancestors(&state.db, &id, LINEAGE_MAX_ANCESTORS + 1)
            .await?
            .iter()
            .map(node)
            .collect();
    let ancestors_truncated = ancestors.len() as i64 > LINEAGE_MAX_ANCESTORS;
    ancestors.truncate(LINEAGE_MAX_ANCESTORS as usize);
    for a in &mut ancestors {
        a.more = false; // siblings are not listed on the ancestor chain
    }
    let members = lineage::descendants(&state.db, &id, max_depth, max_nodes).await?;
    let mut tree = node(&Member {
        id: row.id,
        parent_id: row.parent_id,
        title: row.title,
        author_name: row.author_name,
        state: row.state,
        like_count: row.like_count,
        fork_count: row.fork_count,
        created_at: row.created_at,
        licence: row.licence,
        made: items::made(&state.db, &id).await?,
        distance: 0,
    });
    let truncated = build_tree(&mut tree, &members);
    Ok(Json(Lineage {
        ancestors,
        ancestors_truncated,
        tree,
        truncated,
        max_depth,
        max_nodes,
    }))
}

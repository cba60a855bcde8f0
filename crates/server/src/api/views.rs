//! Stored rows as the contract's response types (`stitchfork_api`): a pattern row plus the
//! one per-visitor bit (`liked`) becomes a [`Pattern`]; family members become lineage nodes.

use serde_json::value::RawValue;
use stitchfork_api::{paths, ConfigJson, LineageNode, ParentRef, PatternState};

use crate::db::lineage::Member;
use crate::db::patterns::PatternRow;

/// A pattern as the API shows it; the configuration is the stored canonical JSON.
pub type Pattern = stitchfork_api::Pattern<ConfigJson>;

/// The response to `row` for a visitor who does (not) like it.
pub fn pattern(row: &PatternRow, liked: bool) -> Pattern {
    let config = RawValue::from_string(row.config.clone())
        .unwrap_or_else(|_| RawValue::from_string("null".into()).expect("null is JSON"));
    Pattern {
        id: row.id.clone(),
        title: row.title.clone(),
        description: row.description.clone(),
        tags: serde_json::from_str(&row.tags).unwrap_or_default(),
        author_name: row.author_name.clone(),
        product: row.product.clone(),
        catalog: row.catalog.clone(),
        catalog_version: u32::try_from(row.catalog_version).unwrap_or_default(),
        config: ConfigJson(config),
        content_hash: row.content_hash.clone(),
        parent_id: row.parent_id.clone(),
        parent: row.parent_id.as_ref().map(|pid| {
            let public = row.parent_state == Some(PatternState::Public);
            ParentRef {
                id: pid.clone(),
                title: row.parent_title.clone().filter(|_| public),
                author_name: row.parent_author.clone().filter(|_| public),
                removed: !public,
            }
        }),
        licence: row.licence,
        root_id: row.root_id.clone(),
        depth: row.depth,
        like_count: row.like_count,
        fork_count: row.fork_count,
        liked,
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
        preview_url: paths::for_pattern(paths::PREVIEW, &row.id),
        cut_sheet_url: paths::for_pattern(paths::CUT_SHEET, &row.id),
    }
}

/// A family member; a removed one keeps its place but shows no title or author.
pub fn lineage_node(m: &Member) -> LineageNode {
    let public = m.state == PatternState::Public;
    LineageNode {
        id: m.id.clone(),
        title: public.then(|| m.title.clone()),
        author_name: public.then(|| m.author_name.clone()),
        removed: !public,
        licence: public.then_some(m.licence),
        like_count: m.like_count,
        fork_count: m.fork_count,
        created_at: rfc3339(m.created_at),
        made_count: m.made.made_count,
        rating_average: m.made.rating_average(),
        children: Vec::new(),
        more: m.fork_count > 0,
    }
}

/// Unix milliseconds as RFC 3339 UTC with milliseconds.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

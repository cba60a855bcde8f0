//! Pattern rows: publish (with fork bookkeeping), read, list with keyset pagination,
//! edit, and state changes (unpublish, hide, restore).

use std::sync::Arc;

use sqlx::{Any, AnyConnection, Row};
use stitchfork_api::fields::{AuthorName, Description, Tags, Title};
use stitchfork_api::{FacetKind, Licence, PatternState, Sort};

use super::changes::{Shape, Touched};
use super::commit::{Write, WriteFuture};
use super::{now_ms, search, Db, Dialect};

/// `state = 'public'` for SQL text (the state is a fixed name, never user input).
fn is_public_sql(column: &str) -> String {
    format!("{column} = '{}'", PatternState::Public.as_str())
}

/// The columns every pattern read selects (alias `p`, parent alias `pp`).
const SELECT: &str = "SELECT p.seq, p.id, p.title, p.description, p.tags, p.author_name, \
    p.product, p.config, p.content_hash, p.parent_id, p.root_id, p.depth, p.edit_key_hash, \
    p.state, p.like_count, p.fork_count, p.hot, p.version, p.created_at, p.updated_at, p.licence, \
    p.catalog, p.catalog_version, pp.seq AS parent_seq, pp.title AS parent_title, \
    pp.author_name AS parent_author, pp.state AS parent_state";

/// The columns of the `patterns` row itself, as a write returns them (`RETURNING`).
const ROW_COLUMNS: &str = "seq, id, title, description, tags, author_name, product, config, \
    content_hash, parent_id, root_id, depth, edit_key_hash, state, like_count, fork_count, hot, \
    version, created_at, updated_at, licence, catalog, catalog_version";

/// One stored pattern, plus its parent's public bits. Nothing in it depends on who asks, so
/// it can be shared between requests (see [`crate::read_cache`]). The parent's bits default
/// to none when a query does not select them (a publish's `RETURNING`, which fills them in
/// from the parent it read itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PatternRow {
    pub seq: i64,
    pub id: String,
    pub title: String,
    pub description: String,
    /// JSON array of strings.
    pub tags: String,
    pub author_name: String,
    pub product: String,
    /// Canonical configuration JSON.
    pub config: String,
    pub content_hash: String,
    pub parent_id: Option<String>,
    pub root_id: String,
    pub depth: i64,
    pub edit_key_hash: String,
    pub state: PatternState,
    pub like_count: i64,
    pub fork_count: i64,
    pub hot: i64,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub licence: Licence,
    /// The catalog and version the pattern was made with (it is shown, priced and cut with it).
    pub catalog: String,
    pub catalog_version: i64,
    /// The parent's row (what the read cache checks for changes to its title and state).
    #[sqlx(default)]
    pub parent_seq: Option<i64>,
    #[sqlx(default)]
    pub parent_title: Option<String>,
    #[sqlx(default)]
    pub parent_author: Option<String>,
    #[sqlx(default)]
    pub parent_state: Option<PatternState>,
}

impl PatternRow {
    pub fn is_public(&self) -> bool {
        self.state == PatternState::Public
    }
}

/// What publish stores: the text fields are checked types, the configuration is canonical.
#[derive(Debug, Clone)]
pub struct NewPattern {
    pub id: String,
    pub title: Title,
    pub description: Description,
    pub tags: Tags,
    pub author_name: AuthorName,
    pub product: String,
    pub config: String,
    pub content_hash: String,
    pub parent_id: Option<String>,
    pub licence: Licence,
    /// The catalog version the configuration was validated against, which it is pinned to.
    pub catalog: String,
    pub catalog_version: i64,
    pub edit_key_hash: String,
    /// Hash of the publish's `Idempotency-Key`, if it had one (unique).
    pub publish_key_hash: Option<String>,
    /// Facets for filtering: materials and colours; tags are added from `tags`.
    pub facets: Vec<(FacetKind, String)>,
}

/// The filter facets of a configuration: every material and colour (motif colours too), once.
pub fn facets(cfg: &stitchfork_model::config::Configuration) -> Vec<(FacetKind, String)> {
    let mut facets: Vec<(FacetKind, String)> = Vec::new();
    for part in cfg.parts.values() {
        facets.push((FacetKind::Material, part.material.clone()));
        facets.push((FacetKind::Colour, part.colour.clone()));
        if let Some(c2) = &part.motif.colour2 {
            facets.push((FacetKind::Colour, c2.clone()));
        }
    }
    facets.sort();
    facets.dedup();
    facets
}

/// Why a publish did not store anything.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("the parent pattern does not exist or is not public")]
    ParentNotFound,
    /// Another publish with the same `Idempotency-Key` was stored first.
    #[error("a pattern was already published with this key")]
    DuplicatePublishKey,
    /// A fork under a licence its parent's does not allow (the parent's licence).
    #[error("a fork of a {} pattern cannot be published under this licence", .0.as_str())]
    LicenceNotAllowed(Licence),
    /// A fork whose configuration is its parent's (the parent's id): it would only repeat it.
    #[error("the fork is identical to its parent {0}")]
    SameAsParent(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The "trending" score, Reddit-style: newer is higher, and ten times the engagement is
/// worth 12.5 hours of recency. It only changes when likes or forks change, so it can be
/// stored and indexed (no periodic recomputation).
pub fn hot_score(created_at_ms: i64, likes: i64, forks: i64) -> i64 {
    let engagement = (1 + likes.max(0) + 2 * forks.max(0)) as f64;
    created_at_ms / 1000 / 45 + (1000.0 * engagement.log10()) as i64
}

/// Stores a new pattern (and bumps the parent's fork count) in one write transaction, and
/// returns it as stored, once committed.
pub async fn insert(db: &Db, new: &NewPattern) -> Result<PatternRow, PublishError> {
    insert_many(db, std::slice::from_ref(new))
        .await?
        .pop()
        .ok_or(PublishError::Db(sqlx::Error::RowNotFound))
}

/// Stores several patterns in one transaction (all or none); parents must come first.
/// Returns them as stored, in the same order.
pub async fn insert_many(db: &Db, batch: &[NewPattern]) -> Result<Vec<PatternRow>, PublishError> {
    db.write(Publish(batch.to_vec())).await
}

/// The write of a publish: these patterns, all or none, parents first.
struct Publish(Vec<NewPattern>);

impl Write for Publish {
    type Output = Vec<PatternRow>;
    type Error = PublishError;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, Vec<PatternRow>, PublishError> {
        Box::pin(async move {
            let mut stored = Vec::with_capacity(self.0.len());
            for new in &self.0 {
                let row = insert_in(conn, new, touched).await.map_err(|e| match e {
                    PublishError::Db(sqlx::Error::Database(db_err))
                        if new.publish_key_hash.is_some() && db_err.is_unique_violation() =>
                    {
                        PublishError::DuplicatePublishKey
                    }
                    other => other,
                })?;
                stored.push(row);
            }
            Ok(stored)
        })
    }
}

/// The pattern published with this `Idempotency-Key` hash, if any: (id, content hash, title).
pub async fn by_publish_key(
    db: &Db,
    publish_key_hash: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, content_hash, title FROM patterns WHERE publish_key_hash = $1")
        .bind(publish_key_hash)
        .fetch_optional(&db.pool)
        .await
}

async fn insert_in(
    conn: &mut AnyConnection,
    new: &NewPattern,
    touched: &mut Touched,
) -> Result<PatternRow, PublishError> {
    let now = now_ms();
    // The parent's bits the new row is shown with: (seq, title, author).
    let (root_id, depth, shown_parent) = match &new.parent_id {
        None => (new.id.clone(), 0, None),
        Some(parent_id) => {
            let parent = sqlx::query(
                "SELECT seq, root_id, depth, state, like_count, fork_count, created_at, hot, \
                 content_hash, licence, title, author_name FROM patterns WHERE id = $1",
            )
            .bind(parent_id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(parent) = parent else {
                return Err(PublishError::ParentNotFound);
            };
            if parent.try_get::<PatternState, _>("state")? != PatternState::Public {
                return Err(PublishError::ParentNotFound);
            }
            // Checked here, in the write transaction, against what is stored: the hash is of
            // the canonical form, so equal hashes are equal designs.
            if parent.try_get::<String, _>("content_hash")? == new.content_hash {
                return Err(PublishError::SameAsParent(parent_id.clone()));
            }
            let parent_licence: Licence = parent.try_get("licence")?;
            if !parent_licence.allows_fork_as(new.licence) {
                return Err(PublishError::LicenceNotAllowed(parent_licence));
            }
            let old_forks: i64 = parent.try_get("fork_count")?;
            let old_hot: i64 = parent.try_get("hot")?;
            let forks = old_forks + 1;
            let hot = hot_score(
                parent.try_get("created_at")?,
                parent.try_get("like_count")?,
                forks,
            );
            let parent_seq: i64 = parent.try_get("seq")?;
            sqlx::query("UPDATE patterns SET fork_count = $1, hot = $2 WHERE seq = $3")
                .bind(forks)
                .bind(hot)
                .bind(parent_seq)
                .execute(&mut *conn)
                .await?;
            // Its fork count; what its other forks show of it (title, state) is unchanged.
            // It moves in the orders by forks and by hot.
            touched.row(parent_seq);
            touched.at(
                parent_seq,
                &[
                    (Sort::Forks, old_forks),
                    (Sort::Forks, forks),
                    (Sort::Trending, old_hot),
                    (Sort::Trending, hot),
                ],
                None,
            );
            (
                parent.try_get::<String, _>("root_id")?,
                parent.try_get::<i64, _>("depth")? + 1,
                Some((
                    parent_seq,
                    parent.try_get::<String, _>("title")?,
                    parent.try_get::<String, _>("author_name")?,
                )),
            )
        }
    };
    let tags_json = serde_json::to_string(new.tags.as_slice()).unwrap_or_else(|_| "[]".into());
    // The stored row comes back with the insert: the 201 answer is made from it, without a
    // read after the commit (one round trip less per publish).
    let sql = format!(
        "INSERT INTO patterns (id, title, description, tags, author_name, product, config, \
         content_hash, parent_id, root_id, depth, edit_key_hash, hot, created_at, updated_at, \
         publish_key_hash, licence, catalog, catalog_version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18) \
         RETURNING {ROW_COLUMNS}"
    );
    let mut row = sqlx::query_as::<Any, PatternRow>(&sql)
        .bind(&new.id)
        .bind(new.title.as_str())
        .bind(new.description.as_str())
        .bind(&tags_json)
        .bind(new.author_name.as_str())
        .bind(&new.product)
        .bind(&new.config)
        .bind(&new.content_hash)
        .bind(&new.parent_id)
        .bind(&root_id)
        .bind(depth)
        .bind(&new.edit_key_hash)
        .bind(hot_score(now, 0, 0))
        .bind(now)
        .bind(&new.publish_key_hash)
        .bind(new.licence)
        .bind(&new.catalog)
        .bind(new.catalog_version)
        .fetch_one(&mut *conn)
        .await?;
    if let Some((seq, title, author)) = shown_parent {
        // Checked public above, in this transaction.
        row.parent_seq = Some(seq);
        row.parent_title = Some(title);
        row.parent_author = Some(author);
        row.parent_state = Some(PatternState::Public);
    }
    let seq = row.seq;
    let tag_facets = new
        .tags
        .as_slice()
        .iter()
        .map(|t| (FacetKind::Tag, t.clone()));
    let facets: Vec<_> = new.facets.iter().cloned().chain(tag_facets).collect();
    insert_facets(conn, seq, &facets).await?;
    // A new pattern enters every order; a page filtered by what it is not keeps.
    let shape = Shape {
        product: row.product.clone(),
        facets,
    };
    touched.at(seq, &places(&row), Some(Arc::new(shape)));
    Ok(row)
}

/// A pattern's place in each gallery order (its sort key there; see [`key_of`]).
fn places(row: &PatternRow) -> [(Sort, i64); 4] {
    Sort::ALL.map(|sort| (sort, key_of(sort, row)))
}

/// The sort keys an edit or a state change returns, to say where the pattern is.
const KEYS_RETURNED: &str = "RETURNING seq, like_count, hot, fork_count";

/// [`places`] from the keys of [`KEYS_RETURNED`].
fn places_returned(row: &sqlx::any::AnyRow) -> Result<[(Sort, i64); 4], sqlx::Error> {
    Ok([
        (Sort::New, row.try_get("seq")?),
        (Sort::Popular, row.try_get("like_count")?),
        (Sort::Trending, row.try_get("hot")?),
        (Sort::Forks, row.try_get("fork_count")?),
    ])
}

/// Adds facets to a pattern in one statement (one round trip to the database, not one per
/// facet: a publish has a dozen, and the writer's round trips are what a batch waits for).
async fn insert_facets(
    conn: &mut AnyConnection,
    seq: i64,
    facets: &[(FacetKind, String)],
) -> Result<(), sqlx::Error> {
    if facets.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> = (0..facets.len())
        .map(|k| format!("($1, ${}, ${})", 2 * k + 2, 2 * k + 3))
        .collect();
    let sql = format!(
        "INSERT INTO pattern_facets (pattern_seq, kind, value) VALUES {} ON CONFLICT DO NOTHING",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(seq);
    for (kind, value) in facets {
        query = query.bind(*kind).bind(value.as_str());
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// One pattern by public id, in any state.
pub async fn get(db: &Db, id: &str) -> Result<Option<PatternRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} FROM patterns p LEFT JOIN patterns pp ON pp.id = p.parent_id WHERE p.id = $1"
    );
    sqlx::query_as::<Any, PatternRow>(&sql)
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// One public pattern by id (`None` when missing, unpublished or hidden).
pub async fn get_public(db: &Db, id: &str) -> Result<Option<PatternRow>, sqlx::Error> {
    Ok(get(db, id).await?.filter(PatternRow::is_public))
}

/// The column a gallery order sorts by before the `seq` tie-breaker.
fn key_column(sort: Sort) -> &'static str {
    match sort {
        Sort::New => "p.seq",
        Sort::Popular => "p.like_count",
        Sort::Trending => "p.hot",
        Sort::Forks => "p.fork_count",
    }
}

/// The sort key of a row in a gallery order (for the next cursor).
pub fn key_of(sort: Sort, row: &PatternRow) -> i64 {
    match sort {
        Sort::New => row.seq,
        Sort::Popular => row.like_count,
        Sort::Trending => row.hot,
        Sort::Forks => row.fork_count,
    }
}

/// A gallery query, already checked by the API layer. It says nothing about the caller, so
/// its answer can be shared (see [`crate::read_cache`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub search_terms: Vec<String>,
    pub tag: Option<String>,
    pub product: Option<String>,
    pub material: Option<String>,
    pub colour: Option<String>,
    pub sort: Sort,
    /// Continue after this (sort key, seq).
    pub after: Option<(i64, i64)>,
    pub limit: i64,
}

impl ListQuery {
    /// The whole gallery in `sort`, no search and no filter: `limit` rows after `after`.
    pub fn unfiltered(sort: Sort, after: Option<(i64, i64)>, limit: i64) -> ListQuery {
        ListQuery {
            search_terms: Vec::new(),
            tag: None,
            product: None,
            material: None,
            colour: None,
            sort,
            after,
            limit,
        }
    }
}

/// A bind parameter of [`list_sql`], in `$1, $2, ...` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Text(String),
    Int(i64),
}

/// Public patterns matching `q`, in order, at most `limit` (keyset pagination: stable and
/// duplicate-free across pages even while patterns are being added). Whether the caller likes
/// them is asked separately ([`super::likes::liked_among`]).
pub async fn list(db: &Db, q: &ListQuery) -> Result<Vec<PatternRow>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    let Some((sql, params)) = list_statement(db.dialect, &mut conn, q).await? else {
        return Ok(Vec::new());
    };
    let mut query = sqlx::query_as::<Any, PatternRow>(&sql);
    for p in params {
        query = match p {
            Param::Text(s) => query.bind(s),
            Param::Int(i) => query.bind(i),
        };
    }
    query.fetch_all(&mut *conn).await
}

/// The SQL [`list`] runs for `q` and its parameters, with the search expression looked up
/// on `conn` (see [`search::sqlite_expression`]); `None` when the search can match nothing.
/// Public so tests can check its plan.
pub async fn list_statement(
    dialect: Dialect,
    conn: &mut AnyConnection,
    q: &ListQuery,
) -> Result<Option<(String, Vec<Param>)>, sqlx::Error> {
    let search = if q.search_terms.is_empty() {
        None
    } else if dialect == Dialect::Sqlite {
        match search::sqlite_expression(conn, &q.search_terms).await? {
            Some(expression) => Some(expression),
            None => return Ok(None),
        }
    } else {
        Some(search::match_expression(dialect, &q.search_terms))
    };
    Ok(Some(list_sql(dialect, q, search)))
}

/// The SQL of [`list`] for `q` with `search`, the search expression of its terms (`None`
/// without terms).
fn list_sql(dialect: Dialect, q: &ListQuery, search: Option<String>) -> (String, Vec<Param>) {
    // A SQLite search in newest-first order reads the full-text index in order instead of
    // filtering `patterns` by it (see `search::SQLITE_NEWEST_FROM`).
    let fts_first = dialect == Dialect::Sqlite && search.is_some() && q.sort == Sort::New;
    let mut params = Vec::new();
    // `+p.state` keeps SQLite from switching to a state index when FTS drives the query.
    let state = if fts_first { "+p.state" } else { "p.state" };
    let mut conditions = vec![is_public_sql(state)];
    let push = |params: &mut Vec<Param>, p: Param| {
        params.push(p);
        params.len()
    };
    if let Some(expression) = search {
        let n = push(&mut params, Param::Text(expression));
        conditions.push(if fts_first {
            search::sqlite_newest_match(n)
        } else {
            search::condition(dialect, n)
        });
    }
    if let Some(product) = &q.product {
        let n = push(&mut params, Param::Text(product.clone()));
        conditions.push(format!("p.product = ${n}"));
    }
    for (kind, value) in [
        (FacetKind::Tag, &q.tag),
        (FacetKind::Material, &q.material),
        (FacetKind::Colour, &q.colour),
    ] {
        if let Some(value) = value {
            let n = push(&mut params, Param::Text(value.clone()));
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM pattern_facets f WHERE f.pattern_seq = p.seq \
                 AND f.kind = '{}' AND f.value = ${n})",
                kind.as_str()
            ));
        }
    }
    let key = key_column(q.sort);
    if let Some((after_key, after_seq)) = q.after {
        if fts_first {
            let bound = search::sqlite_newest_bound(after_key, after_seq);
            let n = push(&mut params, Param::Int(bound));
            conditions.push(format!("patterns_fts.rowid < ${n}"));
        } else {
            let a = push(&mut params, Param::Int(after_key));
            let b = push(&mut params, Param::Int(after_seq));
            conditions.push(format!("({key}, p.seq) < (${a}, ${b})"));
        }
    }
    let n = push(&mut params, Param::Int(q.limit));
    let (from, inner_order) = if fts_first {
        (
            search::SQLITE_NEWEST_FROM,
            search::SQLITE_NEWEST_ORDER.to_string(),
        )
    } else {
        ("patterns p", format!("{key} DESC, p.seq DESC"))
    };
    // The inner query finds the page's rows on indexes alone; the parent join then runs
    // for those rows only, not for every match.
    let sql = format!(
        "{SELECT} \
         FROM (SELECT p.seq FROM {from} WHERE {} ORDER BY {inner_order} LIMIT ${n}) page \
         JOIN patterns p ON p.seq = page.seq LEFT JOIN patterns pp ON pp.id = p.parent_id \
         ORDER BY {key} DESC, p.seq DESC",
        conditions.join(" AND ")
    );
    (sql, params)
}

/// Editable fields, checked; `None` leaves a field unchanged.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub title: Option<Title>,
    pub description: Option<Description>,
    pub tags: Option<Tags>,
}

/// Applies `changes` if the row is still at `version` and public. Returns the row as stored
/// (without its parent's bits: they are not read again), or `None` when it changed meanwhile
/// (the caller answers 412).
pub async fn update(
    db: &Db,
    seq: i64,
    version: i64,
    changes: &Changes,
) -> Result<Option<PatternRow>, sqlx::Error> {
    db.write(Edit {
        seq,
        version,
        changes: changes.clone(),
    })
    .await
}

/// The write of an edit.
struct Edit {
    seq: i64,
    version: i64,
    changes: Changes,
}

impl Write for Edit {
    type Output = Option<PatternRow>;
    type Error = sqlx::Error;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, Option<PatternRow>, sqlx::Error> {
        Box::pin(async move {
            let Edit {
                seq,
                version,
                changes,
            } = self;
            let tags_json = changes
                .tags
                .as_ref()
                .map(|t| serde_json::to_string(t.as_slice()).unwrap_or_else(|_| "[]".into()));
            let sql = format!(
                "UPDATE patterns SET title = COALESCE($1, title), \
                 description = COALESCE($2, description), tags = COALESCE($3, tags), \
                 version = version + 1, updated_at = $4 WHERE seq = $5 AND version = $6 AND {} \
                 RETURNING {ROW_COLUMNS}",
                is_public_sql("state")
            );
            // The stored row comes back with the update: the answer needs no read after it.
            let edited = sqlx::query_as::<Any, PatternRow>(&sql)
                .bind(changes.title.as_ref().map(Title::as_str))
                .bind(changes.description.as_ref().map(Description::as_str))
                .bind(&tags_json)
                .bind(now_ms())
                .bind(*seq)
                .bind(*version)
                .fetch_optional(&mut *conn)
                .await?;
            let done = edited.is_some();
            if let Some(row) = &edited {
                // Its forks show its title. New words or tags may put it on search and tag
                // pages or take it off them, at its places.
                touched.row_and_parent(*seq);
                touched.at(*seq, &places(row), None);
            }
            if let (true, Some(tags)) = (done, &changes.tags) {
                sqlx::query("DELETE FROM pattern_facets WHERE pattern_seq = $1 AND kind = $2")
                    .bind(*seq)
                    .bind(FacetKind::Tag)
                    .execute(&mut *conn)
                    .await?;
                let facets: Vec<_> = tags
                    .as_slice()
                    .iter()
                    .map(|t| (FacetKind::Tag, t.clone()))
                    .collect();
                insert_facets(conn, *seq, &facets).await?;
            }
            Ok(edited)
        })
    }
}

/// Moves a pattern from state `from` to `to` (optionally only at `version`).
/// Returns false if it was not in `from` (or the version moved on).
pub async fn set_state(
    db: &Db,
    seq: i64,
    from: PatternState,
    to: PatternState,
    version: Option<i64>,
) -> Result<bool, sqlx::Error> {
    db.write(SetState {
        seq,
        from,
        to,
        version,
    })
    .await
}

/// The write of an unpublish, hide or restore.
struct SetState {
    seq: i64,
    from: PatternState,
    to: PatternState,
    version: Option<i64>,
}

impl Write for SetState {
    type Output = bool;
    type Error = sqlx::Error;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        touched: &'a mut Touched,
    ) -> WriteFuture<'a, bool, sqlx::Error> {
        Box::pin(async move {
            let sql = format!(
                "UPDATE patterns SET state = $1, version = version + 1, updated_at = $2 \
                 WHERE seq = $3 AND state = $4 AND ($5 < 0 OR version = $5) {KEYS_RETURNED}"
            );
            let moved = sqlx::query(&sql)
                .bind(self.to)
                .bind(now_ms())
                .bind(self.seq)
                .bind(self.from)
                .bind(self.version.unwrap_or(-1))
                .fetch_optional(&mut *conn)
                .await?;
            if let Some(keys) = &moved {
                // Its forks show whether it is still public; it leaves (or comes back to)
                // every order at its places.
                touched.row_and_parent(self.seq);
                touched.at(self.seq, &places_returned(keys)?, None);
            }
            Ok(moved.is_some())
        })
    }
}

/// Number of stored patterns in any state (seeding checks for an empty database).
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM patterns")
        .fetch_one(&db.pool)
        .await
}

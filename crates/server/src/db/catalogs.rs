//! Catalogs and their immutable versions (issue #13): create a catalog with its first version,
//! add a version, read the latest, one or every version, and record the built-in catalog at
//! start.
//!
//! Version numbers come from `catalogs.latest`, bumped by the write that stores the version:
//! on PostgreSQL the bump takes the catalog's row lock, so two uploads at once get 2 and 3
//! instead of one failing on the primary key; on SQLite writers take turns anyway.

use sqlx::AnyConnection;
use stitchfork_api::catalogs::BUILTIN_ID;
use stitchfork_model::catalog::{Catalog, BUILTIN_JSON};

use super::changes::Touched;
use super::commit::{Write, WriteFuture};
use super::{now_ms, Db, Dialect};

/// One stored version of a catalog, with its JSON text as uploaded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    pub catalog: String,
    pub version: i64,
    pub json: String,
    pub etag: String,
    pub currency: String,
    /// JSON array of product ids.
    pub products: String,
    pub created_at: i64,
}

/// A version without its JSON (what lists show).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionMeta {
    pub catalog: String,
    pub version: i64,
    pub etag: String,
    pub currency: String,
    pub products: String,
    pub created_at: i64,
}

/// A catalog: who may upload versions, and its newest version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CatalogRow {
    pub id: String,
    /// `None` for the built-in catalog (only the admin key uploads it).
    pub key_hash: Option<String>,
    pub latest: i64,
}

/// A version to store: the JSON as uploaded, already checked by the domain crate.
#[derive(Debug, Clone)]
pub struct NewVersion {
    pub json: String,
    pub etag: String,
    pub currency: String,
    pub products: Vec<String>,
}

impl NewVersion {
    /// What to store for `catalog`, parsed from `json`.
    pub fn of(catalog: &Catalog, json: String) -> NewVersion {
        NewVersion {
            etag: catalog.etag().to_string(),
            currency: catalog.currency.clone(),
            products: catalog.products.iter().map(|p| p.id.clone()).collect(),
            json,
        }
    }
}

/// Why a catalog write stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum CatalogWriteError {
    #[error("a catalog with this id exists")]
    Taken,
    #[error("no such catalog")]
    NotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

const META: &str = "catalog, version, etag, currency, products, created_at";

/// Creates catalog `id` (its key stored as `key_hash`) with `first` as version 1.
pub async fn create(
    db: &Db,
    id: &str,
    key_hash: &str,
    first: NewVersion,
) -> Result<VersionMeta, CatalogWriteError> {
    db.write(Create {
        id: id.to_string(),
        key_hash: key_hash.to_string(),
        first,
    })
    .await
}

struct Create {
    id: String,
    key_hash: String,
    first: NewVersion,
}

impl Write for Create {
    type Output = VersionMeta;
    type Error = CatalogWriteError;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        // A catalog version changes no pattern's row.
        _touched: &'a mut Touched,
    ) -> WriteFuture<'a, VersionMeta, CatalogWriteError> {
        Box::pin(async move {
            let created = sqlx::query(
                "INSERT INTO catalogs (id, key_hash, latest, created_at) VALUES ($1, $2, 1, $3) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&self.id)
            .bind(&self.key_hash)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if created == 0 {
                return Err(CatalogWriteError::Taken);
            }
            Ok(insert_version(conn, &self.id, 1, &self.first).await?)
        })
    }
}

/// Stores `new` as the next version of catalog `id`.
pub async fn add_version(
    db: &Db,
    id: &str,
    new: NewVersion,
) -> Result<VersionMeta, CatalogWriteError> {
    db.write(AddVersion {
        id: id.to_string(),
        new,
    })
    .await
}

struct AddVersion {
    id: String,
    new: NewVersion,
}

impl Write for AddVersion {
    type Output = VersionMeta;
    type Error = CatalogWriteError;
    fn apply<'a>(
        &'a self,
        conn: &'a mut AnyConnection,
        // A catalog version changes no pattern's row.
        _touched: &'a mut Touched,
    ) -> WriteFuture<'a, VersionMeta, CatalogWriteError> {
        Box::pin(async move {
            next_version(conn, &self.id, &self.new)
                .await?
                .ok_or(CatalogWriteError::NotFound)
        })
    }
}

/// Bumps `latest` of catalog `id` (taking its row lock) and stores `new` under it; `None` when
/// there is no such catalog.
async fn next_version(
    conn: &mut AnyConnection,
    id: &str,
    new: &NewVersion,
) -> Result<Option<VersionMeta>, sqlx::Error> {
    let version: Option<i64> = sqlx::query_scalar(
        "UPDATE catalogs SET latest = latest + 1 WHERE id = $1 RETURNING latest",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    match version {
        Some(v) => Ok(Some(insert_version(conn, id, v, new).await?)),
        None => Ok(None),
    }
}

async fn insert_version(
    conn: &mut AnyConnection,
    id: &str,
    version: i64,
    new: &NewVersion,
) -> Result<VersionMeta, sqlx::Error> {
    let products = serde_json::to_string(&new.products).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(&format!(
        "INSERT INTO catalog_versions (catalog, version, json, etag, currency, products, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {META}"
    ))
    .bind(id)
    .bind(version)
    .bind(&new.json)
    .bind(&new.etag)
    .bind(&new.currency)
    .bind(products)
    .bind(now_ms())
    .fetch_one(&mut *conn)
    .await
}

/// Catalog `id`, if it exists.
pub async fn get(db: &Db, id: &str) -> Result<Option<CatalogRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, key_hash, latest FROM catalogs WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// The newest version number of catalog `id` (one primary-key lookup).
pub async fn latest(db: &Db, id: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT latest FROM catalogs WHERE id = $1 AND latest > 0")
        .bind(id)
        .fetch_optional(&db.pool)
        .await
}

/// Version `version` of catalog `id`, with its JSON.
pub async fn version(db: &Db, id: &str, version: i64) -> Result<Option<VersionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {META}, json FROM catalog_versions WHERE catalog = $1 AND version = $2"
    ))
    .bind(id)
    .bind(version)
    .fetch_optional(&db.pool)
    .await
}

/// Every version of catalog `id`, oldest first (empty when there is no such catalog).
pub async fn versions(db: &Db, id: &str) -> Result<Vec<VersionMeta>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {META} FROM catalog_versions WHERE catalog = $1 ORDER BY version"
    ))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// The newest version of catalog `id` whose JSON has this ETag (what a made item recorded).
pub async fn version_by_etag(db: &Db, id: &str, etag: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT version FROM catalog_versions WHERE catalog = $1 AND etag = $2 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(id)
    .bind(etag)
    .fetch_optional(&db.pool)
    .await
}

/// The latest stored version of the built-in catalog if it is `builtin`.
async fn builtin_latest(
    conn: &mut AnyConnection,
    builtin: &Catalog,
) -> Result<Option<i64>, sqlx::Error> {
    let latest: Option<(i64, String)> = sqlx::query_as(
        "SELECT v.version, v.etag FROM catalogs c \
         JOIN catalog_versions v ON v.catalog = c.id AND v.version = c.latest WHERE c.id = $1",
    )
    .bind(BUILTIN_ID)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(latest
        .filter(|(_, etag)| etag == builtin.etag())
        .map(|(version, _)| version))
}

/// Records the built-in catalog this binary carries: version 1 on a new database, a new
/// version when a deploy changed it (its ETag differs from the latest stored), else nothing.
/// Returns the version number it is stored as.
///
/// Two servers starting at once on one PostgreSQL take turns on a table lock (held for this
/// one short transaction), so the second sees what the first stored and adds nothing; on
/// SQLite `BEGIN IMMEDIATE` orders them.
pub async fn record_builtin(db: &Db) -> Result<i64, sqlx::Error> {
    let builtin = Catalog::builtin();
    // Usually it is stored already: a read, and no write (a commit would tell every other
    // server on PostgreSQL that data changed, emptying their read caches at each start).
    if let Some(version) = builtin_latest(&mut *db.pool.acquire().await?, builtin).await? {
        return Ok(version);
    }
    let mut tx = db.begin_write().await?;
    if db.dialect == Dialect::Postgres {
        // SHARE ROW EXCLUSIVE conflicts with itself and with writes, not with reads.
        sqlx::query("LOCK TABLE catalogs IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO catalogs (id, key_hash, latest, created_at) VALUES ($1, NULL, 0, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(BUILTIN_ID)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    // Under the lock: another server may have stored it meanwhile (then nothing is written).
    if let Some(version) = builtin_latest(&mut tx, builtin).await? {
        return Ok(version);
    }
    let new = NewVersion::of(builtin, BUILTIN_JSON.to_string());
    let stored = next_version(&mut tx, BUILTIN_ID, &new)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    tracing::info!(
        version = stored.version,
        "recorded the built-in catalog as a new version"
    );
    Ok(stored.version)
}

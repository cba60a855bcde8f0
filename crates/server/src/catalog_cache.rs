//! Parsed catalog versions in memory, and which version of a catalog is the latest (issue #13).
//!
//! Versions are immutable, so a parsed version is kept by (catalog, version) for as long as
//! there is room: parsing and checking a catalog costs milliseconds, rendering a pattern with it
//! microseconds. The built-in catalog this binary carries is there from the start, unparsed.
//!
//! "Latest" is what a publish validates against and pins. It is kept for
//! [`LATEST_MAX_AGE`] and forgotten at once when this process stores a new version: a publish
//! then costs no query for it, and a version uploaded through another server on the same
//! database is used here within a second. A publish that still used the previous version is
//! not wrong, only a second behind: it is validated against the very version it is pinned to,
//! so it shows, prices and cuts exactly as it was checked. (Keying by the database generation,
//! as the read cache does, would miss at every publish under load: each one is a commit.)

use std::sync::Arc;
use std::time::Duration;

use stitchfork_api::catalogs::BUILTIN_ID;
use stitchfork_model::catalog::Catalog;

use crate::db::{catalogs as store, Db};
use crate::error::{ApiError, ApiResult};

/// How long the latest version number of a catalog is reused without asking the database.
pub const LATEST_MAX_AGE: Duration = Duration::from_secs(1);

/// Parsed versions kept (a catalog of a few hundred KB is a few MB parsed).
const MAX_VERSIONS: u64 = 256;

/// One stored version, parsed.
#[derive(Debug)]
pub struct Version {
    pub catalog_id: String,
    pub number: u32,
    /// Hex sha256 of the stored JSON.
    pub etag: String,
    pub catalog: Catalog,
}

/// The cache; one per server, shared by all requests.
pub struct CatalogCache {
    versions: moka::sync::Cache<(String, u32), Arc<Version>>,
    latest: moka::sync::Cache<String, u32>,
}

impl std::fmt::Debug for CatalogCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CatalogCache")
            .field("versions", &self.versions.entry_count())
            .finish()
    }
}

impl CatalogCache {
    /// A cache holding the built-in catalog as version `builtin_version`.
    pub fn new(builtin_version: i64) -> CatalogCache {
        let cache = CatalogCache {
            versions: moka::sync::Cache::builder()
                .max_capacity(MAX_VERSIONS)
                .build(),
            latest: moka::sync::Cache::builder()
                .time_to_live(LATEST_MAX_AGE)
                .build(),
        };
        if let Ok(number) = u32::try_from(builtin_version) {
            let builtin = Catalog::builtin();
            cache.put(Version {
                catalog_id: BUILTIN_ID.to_string(),
                number,
                etag: builtin.etag().to_string(),
                catalog: builtin.clone(),
            });
        }
        cache
    }

    /// Keeps a parsed version (e.g. one just uploaded), and forgets the catalog's latest.
    pub fn put(&self, version: Version) -> Arc<Version> {
        let version = Arc::new(version);
        self.latest.invalidate(&version.catalog_id);
        self.versions.insert(
            (version.catalog_id.clone(), version.number),
            version.clone(),
        );
        version
    }

    /// Version `number` of catalog `id`, or `None` when it is not stored.
    pub async fn version(&self, db: &Db, id: &str, number: u32) -> ApiResult<Option<Arc<Version>>> {
        let key = (id.to_string(), number);
        if let Some(v) = self.versions.get(&key) {
            return Ok(Some(v));
        }
        let Some(row) = store::version(db, id, i64::from(number)).await? else {
            return Ok(None);
        };
        let etag = row.etag.clone();
        let catalog =
            tokio::task::spawn_blocking(move || parse_stored(&row.catalog, row.version, &row.json))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))??;
        let version = Arc::new(Version {
            catalog_id: id.to_string(),
            number,
            etag,
            catalog,
        });
        self.versions.insert(key, version.clone());
        Ok(Some(version))
    }

    /// The latest version of catalog `id`, or `None` when there is no such catalog.
    pub async fn latest(&self, db: &Db, id: &str) -> ApiResult<Option<Arc<Version>>> {
        let number = match self.latest.get(id) {
            Some(n) => n,
            None => {
                let Some(n) = store::latest(db, id).await? else {
                    return Ok(None);
                };
                let n = u32::try_from(n)
                    .map_err(|_| ApiError::Internal(format!("catalog {id} version {n}")))?;
                self.latest.insert(id.to_string(), n);
                n
            }
        };
        self.version(db, id, number).await
    }

    /// A pattern's pinned version: stored, or the database lost it (500).
    pub async fn pinned(&self, db: &Db, id: &str, number: i64) -> ApiResult<Arc<Version>> {
        let missing = || ApiError::Internal(format!("catalog {id} version {number} is not stored"));
        let number = u32::try_from(number).map_err(|_| missing())?;
        self.version(db, id, number).await?.ok_or_else(missing)
    }
}

/// A stored version's JSON as a catalog. It passed the checks when it was stored; should a
/// later deploy check more strictly, it is still read as it is (logged), so that the patterns
/// pinned to it keep rendering.
fn parse_stored(id: &str, version: i64, json: &str) -> ApiResult<Catalog> {
    match Catalog::from_json(json) {
        Ok(catalog) => Ok(catalog),
        Err(e) => {
            tracing::warn!("stored catalog {id} version {version} fails today's checks: {e}");
            serde_json::from_str(json)
                .map_err(|e| ApiError::Internal(format!("stored catalog {id} v{version}: {e}")))
        }
    }
}

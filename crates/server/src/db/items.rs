//! Made items and their owners' notes: register (retailer), claim (once, with the label's code),
//! notes (owner), hide a note (admin), and what the items made from a pattern say.

use super::{now_ms, Db};

/// One stored item.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ItemRow {
    pub seq: i64,
    pub id: String,
    pub product: String,
    pub config: String,
    pub catalog: String,
    pub catalog_version: String,
    pub pattern_id: Option<String>,
    /// The pattern's title while it is public.
    pub pattern_title: Option<String>,
    pub retailer: String,
    pub claim_code: Option<String>,
    pub owner_key_hash: Option<String>,
    pub created_at: i64,
}

/// One visible note.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoteRow {
    pub seq: i64,
    pub item_id: String,
    pub body: String,
    pub rating: Option<i64>,
    pub created_at: i64,
}

/// What registration stores (the configuration is canonical and valid).
#[derive(Debug, Clone)]
pub struct NewItem {
    pub id: String,
    pub product: String,
    pub config: String,
    pub content_hash: String,
    pub catalog: String,
    pub catalog_version: String,
    pub pattern_id: Option<String>,
    pub retailer: String,
    pub claim_code: String,
}

/// Why a registration stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("the pattern does not exist or is not public")]
    PatternNotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Stores a new item (its pattern, if any, must be public).
pub async fn insert(db: &Db, new: &NewItem) -> Result<(), RegisterError> {
    let mut tx = db.begin_write().await?;
    if let Some(pattern) = &new.pattern_id {
        let public: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM patterns WHERE id = $1 AND state = 'public'")
                .bind(pattern)
                .fetch_optional(&mut *tx)
                .await?;
        if public.is_none() {
            return Err(RegisterError::PatternNotFound);
        }
    }
    sqlx::query(
        "INSERT INTO items (id, product, config, content_hash, catalog, catalog_version, \
         pattern_id, retailer, claim_code, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&new.id)
    .bind(&new.product)
    .bind(&new.config)
    .bind(&new.content_hash)
    .bind(&new.catalog)
    .bind(&new.catalog_version)
    .bind(&new.pattern_id)
    .bind(&new.retailer)
    .bind(&new.claim_code)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One item by id.
pub async fn get(db: &Db, id: &str) -> Result<Option<ItemRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.seq, i.id, i.product, i.config, i.catalog, i.catalog_version, i.pattern_id, \
         CASE WHEN p.state = 'public' THEN p.title END AS pattern_title, i.retailer, \
         i.claim_code, i.owner_key_hash, i.created_at \
         FROM items i LEFT JOIN patterns p ON p.id = i.pattern_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Sets the owner key of an unclaimed item; false when it was claimed meanwhile.
pub async fn claim(db: &Db, seq: i64, owner_key_hash: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE items SET owner_key_hash = $1, claimed_at = $2, claim_code = NULL \
         WHERE seq = $3 AND owner_key_hash IS NULL",
    )
    .bind(owner_key_hash)
    .bind(now_ms())
    .bind(seq)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    tx.commit().await?;
    Ok(done)
}

/// Adds a note to an item; returns it.
pub async fn add_note(
    db: &Db,
    item_seq: i64,
    body: &str,
    rating: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO item_notes (item_seq, body, rating, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING seq",
    )
    .bind(item_seq)
    .bind(body)
    .bind(rating)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(seq)
}

/// Hides a note; false when there is no such visible note.
pub async fn hide_note(db: &Db, seq: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let done =
        sqlx::query("UPDATE item_notes SET state = 'hidden' WHERE seq = $1 AND state = 'public'")
            .bind(seq)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 1;
    tx.commit().await?;
    Ok(done)
}

const NOTE_COLUMNS: &str = "n.seq, i.id AS item_id, n.body, n.rating, n.created_at";

/// The visible notes of an item, newest first.
pub async fn notes_of_item(db: &Db, item_seq: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {NOTE_COLUMNS} FROM item_notes n JOIN items i ON i.seq = n.item_seq \
         WHERE n.item_seq = $1 AND n.state = 'public' ORDER BY n.seq DESC LIMIT 100"
    ))
    .bind(item_seq)
    .fetch_all(&db.pool)
    .await
}

/// What the items made from a pattern say: how many, their ratings, the latest notes.
pub async fn made_from(
    db: &Db,
    pattern_id: &str,
    max_notes: i64,
) -> Result<(MadeStats, Vec<NoteRow>), sqlx::Error> {
    let stats = made(db, pattern_id).await?;
    let notes = sqlx::query_as(&format!(
        "SELECT {NOTE_COLUMNS} FROM item_notes n JOIN items i ON i.seq = n.item_seq \
         WHERE i.pattern_id = $1 AND n.state = 'public' ORDER BY n.seq DESC LIMIT $2"
    ))
    .bind(pattern_id)
    .bind(max_notes)
    .fetch_all(&db.pool)
    .await?;
    Ok((stats, notes))
}

/// What the copies made from a pattern add up to: how many, and their public ratings.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct MadeStats {
    pub made_count: i64,
    pub rating_count: i64,
    pub rating_sum: i64,
}

impl MadeStats {
    pub fn rating_average(self) -> Option<f64> {
        (self.rating_count > 0).then(|| self.rating_sum as f64 / self.rating_count as f64)
    }
}

/// [`MadeStats`] of pattern `p`, by the `items_pattern` and `item_notes_item` indexes.
pub(super) const MADE_COLUMNS: &str = "\
    (SELECT COUNT(*) FROM items i WHERE i.pattern_id = p.id) AS made_count, \
    (SELECT COUNT(n.rating) FROM item_notes n JOIN items i ON i.seq = n.item_seq \
      WHERE i.pattern_id = p.id AND n.state = 'public') AS rating_count, \
    (SELECT CAST(COALESCE(SUM(n.rating), 0) AS BIGINT) FROM item_notes n \
      JOIN items i ON i.seq = n.item_seq \
      WHERE i.pattern_id = p.id AND n.state = 'public') AS rating_sum";

/// What was made from pattern `id`.
pub async fn made(db: &Db, id: &str) -> Result<MadeStats, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MADE_COLUMNS} FROM patterns p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_one(&db.pool)
    .await
}

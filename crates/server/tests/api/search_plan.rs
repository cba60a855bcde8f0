//! Regression test for the SQLite search plan: a newest-first search must read the FTS5
//! index in order (matches come out newest first, the page stops after `limit`), not scan
//! `patterns` or its state index and sort every match in a temporary B-tree, which took
//! ~50 ms per query at 100k patterns. The assertion is on `EXPLAIN QUERY PLAN` of the exact
//! SQL `db::patterns::list` runs, before and after `ANALYZE` (statistics must not undo it),
//! plus the rows it returns, checked against a plain computation.

use sqlx::{Any, Row};
use stitchfork_api::fields::{AuthorName, Description, Tags, Title};
use stitchfork_api::{PatternState, Sort};
use stitchfork_server::db::patterns::{self, ListQuery, NewPattern, Param};
use stitchfork_server::db::{search, Db};

/// Enough rows that SQLite has real choices to make (and `ANALYZE` has something to count).
const PATTERNS: usize = 300;

fn pattern(i: usize) -> NewPattern {
    // Every third pattern mentions "wool", every fifth is tagged "gift".
    let title = if i.is_multiple_of(3) {
        format!("Wool sleeve {i}")
    } else {
        format!("Canvas sleeve {i}")
    };
    let tags = if i.is_multiple_of(5) {
        vec!["gift".to_string()]
    } else {
        vec![]
    };
    NewPattern {
        id: format!("plan{i:05}"),
        title: Title::parse(&title).expect("title"),
        description: Description::parse("a test pattern").expect("description"),
        tags: Tags::parse(&tags).expect("tags"),
        author_name: AuthorName::parse("tester").expect("author"),
        product: "laptop-sleeve".into(),
        config: "{}".into(),
        content_hash: format!("{i:064}"),
        parent_id: None,
        licence: Default::default(),
        edit_key_hash: "x".into(),
        publish_key_hash: None,
        catalog: stitchfork_api::catalogs::BUILTIN_ID.into(),
        catalog_version: 1,
        facets: vec![],
    }
}

fn query(words: &str, sort: Sort, tag: Option<&str>, after: Option<(i64, i64)>) -> ListQuery {
    ListQuery {
        search_terms: search::terms(words),
        tag: tag.map(str::to_string),
        product: None,
        material: None,
        colour: None,
        sort,
        after,
        limit: 10,
    }
}

/// The `detail` lines of `EXPLAIN QUERY PLAN` for what `list` runs for `q`.
async fn plan(db: &Db, q: &ListQuery) -> Vec<String> {
    let (sql, params) = patterns::list_sql(db.dialect, q);
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let mut query = sqlx::query::<Any>(&explain);
    for p in params {
        query = match p {
            Param::Text(s) => query.bind(s),
            Param::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(&db.pool).await.expect("explain");
    rows.iter()
        .map(|r| r.try_get::<String, _>("detail").expect("detail column"))
        .collect()
}

/// Asserts that the newest-first search plan is driven by the full-text index.
fn assert_fts_driven(plan: &[String]) {
    let text = plan.join("\n");
    let first_page_step = plan
        .iter()
        .position(|l| l.contains("patterns_fts") || l.contains("SCAN") || l.contains("SEARCH"))
        .expect("plan has steps");
    assert!(
        plan[first_page_step].starts_with("SCAN patterns_fts VIRTUAL TABLE"),
        "the FTS index must be the outer loop:\n{text}"
    );
    assert!(
        !plan
            .iter()
            .any(|l| l.starts_with("SCAN p ") || l == "SCAN p"),
        "no scan of patterns:\n{text}"
    );
    assert!(
        !plan
            .iter()
            .any(|l| l.contains("patterns_new") || l.contains("patterns_hot")),
        "no state index walk:\n{text}"
    );
    // The outer query sorts its ≤ limit rows; the page itself must need no sort.
    let sorts = plan
        .iter()
        .filter(|l| l.contains("USE TEMP B-TREE FOR ORDER BY"))
        .count();
    assert_eq!(sorts, 1, "only the final page may be sorted:\n{text}");
}

async fn seqs(db: &Db, q: &ListQuery) -> Vec<i64> {
    patterns::list(db, q)
        .await
        .expect("list")
        .iter()
        .map(|r| r.seq)
        .collect()
}

#[tokio::test]
async fn newest_first_search_is_driven_by_the_fts_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&format!("sqlite://{}/plan.db", dir.path().display()))
        .await
        .expect("open");
    let batch: Vec<NewPattern> = (0..PATTERNS).map(pattern).collect();
    patterns::insert_many(&db, &batch).await.expect("insert");

    let cases = [
        query("wool", Sort::New, None, None),
        query("wool", Sort::New, Some("gift"), None),
        query("wool sleeve", Sort::New, None, Some((200, 200))),
    ];
    for q in &cases {
        assert_fts_driven(&plan(&db, q).await);
    }
    // With statistics (what `PRAGMA optimize` gathers) the plan must stay the same.
    sqlx::query("ANALYZE")
        .execute(&db.pool)
        .await
        .expect("analyze");
    for q in &cases {
        assert_fts_driven(&plan(&db, q).await);
    }

    // The rows are the same as before the change: public matches, newest first, paged.
    let all = seqs(&db, &query("", Sort::New, None, None)).await;
    assert_eq!(all.len(), 10);
    let wool: Vec<i64> = (1..=PATTERNS as i64)
        .rev()
        .filter(|seq| (seq - 1) % 3 == 0)
        .collect();
    let first = seqs(&db, &cases[0]).await;
    assert_eq!(first, wool[..10]);
    let next = seqs(
        &db,
        &query("wool", Sort::New, None, Some((first[9], first[9]))),
    )
    .await;
    assert_eq!(next, wool[10..20]);
    let gifts: Vec<i64> = wool
        .iter()
        .copied()
        .filter(|seq| (seq - 1) % 5 == 0)
        .take(10)
        .collect();
    assert_eq!(seqs(&db, &cases[1]).await, gifts);
    // A cursor whose key and seq differ continues exactly as `(seq, seq) < (key, seq)`.
    let odd = seqs(&db, &query("wool", Sort::New, None, Some((202, 300)))).await;
    assert_eq!(
        odd,
        wool.iter()
            .copied()
            .filter(|s| *s <= 202)
            .take(10)
            .collect::<Vec<_>>()
    );
    // Unpublished patterns drop out of search results.
    assert!(patterns::set_state(
        &db,
        first[0],
        PatternState::Public,
        PatternState::Removed,
        None
    )
    .await
    .expect("unpublish"));
    assert_eq!(seqs(&db, &cases[0]).await, wool[1..11]);
    db.close().await;
}

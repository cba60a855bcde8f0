//! Regression test for the SQLite search plan: a newest-first search must read the FTS5
//! index in order (matches come out newest first, the page stops after `limit`), not scan
//! `patterns` or its state index and sort every match in a temporary B-tree, which took
//! ~50 ms per query at 100k patterns. The assertion is on `EXPLAIN QUERY PLAN` of the exact
//! SQL `db::patterns::list` runs, before and after `ANALYZE` (statistics must not undo it),
//! plus the rows it returns, checked against a plain computation.
//!
//! And the prefix terms asked as their tokens (`search_vocab`, migration 0007): the answers are
//! the prefix query's, the token list follows publishes and edits, and the letters the server
//! folds itself are folded as SQLite's tokenizer folds them.

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

/// A pattern with `title` and `description` (otherwise as [`pattern`]).
fn text_pattern(i: usize, title: &str, description: &str) -> NewPattern {
    NewPattern {
        title: Title::parse(title).expect("title"),
        description: Description::parse(description).expect("description"),
        ..pattern(i)
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
    let mut conn = db.pool.acquire().await.expect("connection");
    let (sql, params) = patterns::list_statement(db.dialect, &mut conn, q)
        .await
        .expect("search expression")
        .expect("the search can match");
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let mut query = sqlx::query::<Any>(&explain);
    for p in params {
        query = match p {
            Param::Text(s) => query.bind(s),
            Param::Int(i) => query.bind(i),
        };
    }
    let rows = query.fetch_all(&mut *conn).await.expect("explain");
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

async fn open(dir: &tempfile::TempDir) -> Db {
    Db::open(&format!("sqlite://{}/vocab.db", dir.path().display()))
        .await
        .expect("open")
}

/// What `list` ran before prefix terms were expanded: every term a prefix, newest first.
async fn prefix_answer(db: &Db, words: &str) -> Vec<i64> {
    let terms = search::terms(words);
    sqlx::query_scalar::<Any, i64>(
        "SELECT p.seq FROM patterns_fts JOIN patterns p ON p.seq = patterns_fts.rowid \
         WHERE patterns_fts MATCH $1 AND p.state = 'public' ORDER BY p.seq DESC LIMIT 10",
    )
    .bind(search::match_expression(db.dialect, &terms))
    .fetch_all(&db.pool)
    .await
    .expect("prefix query")
}

async fn expression(db: &Db, words: &str) -> Option<String> {
    let mut conn = db.pool.acquire().await.expect("connection");
    search::sqlite_expression(&mut conn, &search::terms(words))
        .await
        .expect("expression")
}

#[tokio::test]
async fn prefix_terms_are_asked_as_their_tokens_with_the_prefix_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = open(&dir).await;
    let words = [
        "Wool",
        "woollen",
        "wolf",
        "Åsa",
        "höst",
        "för",
        "fork",
        "forked",
        "Сергей",
        "ёлка",
        "café",
        "Müller",
        "naïve",
        "Straße",
        "øre",
    ];
    // Each pattern gets a few of the words, so terms match different sets.
    let batch: Vec<NewPattern> = (0..120)
        .map(|i| {
            let pick: Vec<&str> = (0..3)
                .map(|k| words[(i * (k + 2) + k) % words.len()])
                .collect();
            text_pattern(i, &pick.join(" "), &format!("sleeve {}", words[i % 7]))
        })
        .collect();
    patterns::insert_many(&db, &batch).await.expect("insert");

    // An ASCII prefix is asked as the tokens it stands for: no prefix merge.
    assert_eq!(
        expression(&db, "woo").await.as_deref(),
        Some(r#"("wool" OR "woollen")"#)
    );
    assert_eq!(
        expression(&db, "FÖR sle").await.as_deref(),
        Some(r#"("for" OR "fork" OR "forked") AND ("sleeve")"#)
    );
    // A letter the server cannot fold for certain keeps the prefix term.
    assert_eq!(
        expression(&db, "straße").await.as_deref(),
        Some(r#""straße"*"#)
    );
    // A term no pattern ever held matches nothing, without asking the index.
    assert_eq!(expression(&db, "wool zeppelin").await, None);
    assert!(seqs(&db, &query("wool zeppelin", Sort::New, None, None))
        .await
        .is_empty());

    for q in [
        "w",
        "wo",
        "woo",
        "wool",
        "woolle",
        "wolf",
        "f",
        "fo",
        "for",
        "för",
        "fork",
        "åsa",
        "asa",
        "ho",
        "höst",
        "сер",
        "сергей",
        "ё",
        "ёлка",
        "caf",
        "café",
        "muller",
        "müll",
        "naive",
        "naïv",
        "straße",
        "strasse",
        "ø",
        "øre",
        "sle",
        "wool sle",
        "för sleeve",
        "c m",
        "zz",
        "wool fork",
        "ёлка wool",
    ] {
        assert_eq!(
            seqs(&db, &query(q, Sort::New, None, None)).await,
            prefix_answer(&db, q).await,
            "{q}"
        );
    }
    db.close().await;
}

#[tokio::test]
async fn the_token_list_follows_publishes_and_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = open(&dir).await;
    let first = patterns::insert(&db, &text_pattern(1, "Canvas sleeve", "plain"))
        .await
        .expect("insert");
    assert!(seqs(&db, &query("zebr", Sort::New, None, None))
        .await
        .is_empty());

    let zebra = patterns::insert(&db, &text_pattern(2, "Zebrine sleeve", "striped"))
        .await
        .expect("insert");
    assert_eq!(
        seqs(&db, &query("zebr", Sort::New, None, None)).await,
        [zebra.seq]
    );

    let edited = patterns::update(
        &db,
        first.seq,
        first.version,
        &patterns::Changes {
            title: Some(Title::parse("Quokka sleeve").expect("title")),
            ..Default::default()
        },
    )
    .await
    .expect("update");
    assert!(edited.is_some(), "the edit is stored");
    assert_eq!(
        seqs(&db, &query("quok", Sort::New, None, None)).await,
        [first.seq]
    );
    // The old title's token stays listed and matches nothing: the same (empty) answer.
    assert!(seqs(&db, &query("canv", Sort::New, None, None))
        .await
        .is_empty());
    db.close().await;
}

#[tokio::test]
async fn the_letters_the_server_folds_are_folded_as_sqlite_folds_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = open(&dir).await;
    // One word per letter: x<letter>y, upper- and lowercase, plus the Cyrillic alphabet.
    let latin = "àáâäåçèéêëìíîïñòóôöùúûüý";
    let words: Vec<String> = latin
        .chars()
        .flat_map(|c| [format!("x{c}y"), format!("x{}y", c.to_uppercase())])
        .chain(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
                .chars()
                .map(|c| format!("q{c}")),
        )
        .collect();
    for (i, word) in words.iter().enumerate() {
        patterns::insert(&db, &text_pattern(i, word, "fold test"))
            .await
            .expect("insert");
        let token = search::sqlite_token(&search::terms(word)[0]).expect("a folded letter");
        let listed: Option<String> =
            sqlx::query_scalar("SELECT term FROM search_vocab WHERE term = $1")
                .bind(&token)
                .fetch_optional(&db.pool)
                .await
                .expect("vocab");
        assert_eq!(listed.as_deref(), Some(token.as_str()), "{word}");
    }
    db.close().await;
}

"""How each system under test is asked the same four questions (get by id, list page sorted by
likes, search, publish), as request paths for wrk."""
import re
from urllib.parse import quote

# Single words, so every system's search means the same thing (Stitchfork and Datasette match
# FTS terms, json-server matches substrings).
SEARCH_WORDS = ["herringbone", "saffron", "travel", "nordic", "commute", "monogram", "gift", "tartan"]
PAGE = 20
DATASETTE_DB = "bench"  # Datasette names the database after the file: bench.db


def get_paths(target, ids):
    if target.startswith("stitchfork"):
        return [f"/api/v1/patterns/{i}" for i in ids]
    if target == "datasette":
        return [f"/{DATASETTE_DB}/patterns/{i}.json" for i in ids]
    return [f"/patterns/{i}" for i in ids]


def list_paths(target):
    """The first page of the most-liked patterns (ties: newest first, as Stitchfork orders)."""
    if target.startswith("stitchfork"):
        return [f"/api/v1/patterns?sort=popular&limit={PAGE}"]
    if target == "datasette":
        return [f"/{DATASETTE_DB}/list_popular.json?_shape=objects"]
    return [f"/patterns?_sort=like_count,seq&_order=desc,desc&_limit={PAGE}"]


def search_paths(target, words=SEARCH_WORDS):
    """The same search everywhere (json-server aside): every word a prefix term, all terms
    required, newest first, one page. Datasette runs it as a canned query over its FTS5 index
    (see DATASETTE_QUERIES); json-server has only substring search over every field."""
    if target.startswith("stitchfork"):
        return [f"/api/v1/patterns?q={quote(w)}&limit={PAGE}" for w in words]
    if target == "datasette":
        return [f"/{DATASETTE_DB}/search_new.json?q={quote(fts_prefix_query(w))}&_shape=objects" for w in words]
    return [f"/patterns?q={quote(w)}&_limit={PAGE}" for w in words]


def search_terms(text):
    """Stitchfork's search terms of `text` (crates/server/src/db/search.rs `terms`): words of
    letters and digits, lowercased, at most 8 of at most 32 characters."""
    words = []
    for w in re.split(r"[^\w]|_", text):
        w = "".join(c for c in w[:32].lower() if c.isalnum())
        if w:
            words.append(w)
    return words[:8]


def fts_prefix_query(text):
    """The FTS5 MATCH string Stitchfork builds for `text`: every term a quoted prefix, ANDed."""
    return " ".join(f'"{t}"*' for t in search_terms(text))


# A careful Datasette user's canned queries for the two gallery questions. The columns are the
# pattern's fields (as in Stitchfork's JSON); `seq` is the creation order (see export.py).
_FIELDS = ("p.seq, p.id, p.title, p.description, p.tags, p.author_name, p.product, p.config, p.content_hash, "
           "p.parent_id, p.root_id, p.depth, p.like_count, p.fork_count, p.created_at, p.updated_at")
DATASETTE_QUERIES = {
    "search_new": f"SELECT {_FIELDS} FROM patterns_fts CROSS JOIN patterns p ON p.rowid = patterns_fts.rowid "
                  f"WHERE patterns_fts MATCH :q ORDER BY patterns_fts.rowid DESC LIMIT {PAGE}",
    "list_popular": f"SELECT {_FIELDS} FROM patterns p ORDER BY p.like_count DESC, p.seq DESC LIMIT {PAGE}",
    # The next page after a Stitchfork cursor `<k>.<s>` (keyset, as Stitchfork pages).
    "list_popular_after": f"SELECT {_FIELDS} FROM patterns p WHERE (p.like_count, p.seq) < "
                          f"(CAST(:k AS INTEGER), CAST(:s AS INTEGER)) "
                          f"ORDER BY p.like_count DESC, p.seq DESC LIMIT {PAGE}",
}


def datasette_metadata():
    return {"databases": {DATASETTE_DB: {"queries": {k: {"sql": v} for k, v in DATASETTE_QUERIES.items()}}}}


def ids_in(target, body):
    """The pattern ids of an answer, in order (get: a one-element list)."""
    if target.startswith("stitchfork"):
        return [p["id"] for p in body["items"]] if "items" in body else [body["id"]]
    if target == "datasette":
        if "rows" in body:
            return [r["id"] if isinstance(r, dict) else r[1] for r in body["rows"]]
        return [body["id"]]
    return [p["id"] for p in body] if isinstance(body, list) else [body["id"]]


def publish_path(target):
    if target.startswith("stitchfork"):
        return "/api/v1/patterns"
    if target == "json-server":
        return "/patterns"
    return None  # Datasette is read-only


def items_of(target, endpoint, body):
    """How many patterns a list/search answer holds (to refuse benchmarking empty answers)."""
    if target.startswith("stitchfork"):
        return len(body.get("items", []))
    if target == "datasette":
        return len(body.get("rows", []))
    return len(body)

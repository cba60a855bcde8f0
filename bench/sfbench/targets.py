"""How each system under test is asked the same four questions (get by id, list page sorted by
likes, search, publish), as request paths for wrk."""
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
    if target.startswith("stitchfork"):
        return [f"/api/v1/patterns?sort=popular&limit={PAGE}"]
    if target == "datasette":
        return [f"/{DATASETTE_DB}/patterns.json?_sort_desc=like_count&_size={PAGE}&_nocount=1&_nofacet=1"]
    return [f"/patterns?_sort=like_count&_order=desc&_limit={PAGE}"]


def search_paths(target):
    if target.startswith("stitchfork"):
        return [f"/api/v1/patterns?q={quote(w)}&limit={PAGE}" for w in SEARCH_WORDS]
    if target == "datasette":
        return [f"/{DATASETTE_DB}/patterns.json?_search={quote(w)}&_size={PAGE}&_nocount=1&_nofacet=1"
                for w in SEARCH_WORDS]
    return [f"/patterns?q={quote(w)}&_limit={PAGE}" for w in SEARCH_WORDS]


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

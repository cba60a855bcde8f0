"""The loaded patterns (see `load`) for the alternatives: a SQLite file for Datasette and a
db.json for json-server, with the same ids, texts, configurations, likes and forks.

The SQLite file gets what a careful Datasette user would add: an FTS5 index over the same
columns Stitchfork indexes (title, description, tags, author name; the same tokenizer) and an
index for the list's sort (like count). `content="patterns"` in double quotes is the form
Datasette's FTS detection recognises.

So that every system can be asked the same question, each row also carries Stitchfork's `seq`
(its creation order, read from the Stitchfork database file): newest first is `seq` descending
everywhere, and ties of the popular order break on it. In the SQLite file `seq` is also the
rowid (rows inserted in that order, no VACUUM to renumber them), so a newest-first search can
walk the FTS index backwards as Stitchfork's does; `datasette.json` next to it holds the
canned queries (see `targets.DATASETTE_QUERIES`).

    python3 -m sfbench.export --loaded loaded.jsonl --seq-from stitchfork.db --sqlite datasette.db --json db.json
"""
import argparse
import json
import os
import sqlite3
import sys

COLUMNS = ["seq", "id", "title", "description", "tags", "author_name", "product", "config", "content_hash",
           "parent_id", "root_id", "depth", "like_count", "fork_count", "created_at", "updated_at"]


def read_loaded(path):
    with open(path, encoding="utf-8") as f:
        head = json.loads(f.readline())
        rows = []
        for line in f:
            rec = json.loads(line)
            p = dict(rec["pattern"])
            p.pop("edit_key", None)
            p["like_count"] = rec["likes"]
            rows.append(p)
    forks = {}
    for p in rows:
        if p["parent_id"]:
            forks[p["parent_id"]] = forks.get(p["parent_id"], 0) + 1
    for p in rows:
        p["fork_count"] = forks.get(p["id"], 0)
    return head, rows


def write_sqlite(rows, path):
    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    db = sqlite3.connect(tmp)
    db.executescript("""
        PRAGMA journal_mode = OFF;
        CREATE TABLE patterns (
            seq INTEGER NOT NULL UNIQUE, id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, tags TEXT NOT NULL,
            author_name TEXT NOT NULL, product TEXT NOT NULL, config TEXT NOT NULL,
            content_hash TEXT NOT NULL, parent_id TEXT REFERENCES patterns(id), root_id TEXT NOT NULL,
            depth INTEGER NOT NULL, like_count INTEGER NOT NULL, fork_count INTEGER NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        );
    """)
    rows = sorted(rows, key=lambda p: p["seq"])
    db.executemany(
        f"INSERT INTO patterns (rowid, {', '.join(COLUMNS)}) VALUES (?, {', '.join('?' * len(COLUMNS))})",
        [[p["seq"]] + [json.dumps(p[c], ensure_ascii=False, separators=(",", ":")) if c in ("tags", "config")
                       else p[c] for c in COLUMNS] for p in rows])
    db.executescript("""
        CREATE INDEX patterns_popular ON patterns (like_count, seq);
        CREATE INDEX patterns_parent ON patterns (parent_id);
        CREATE VIRTUAL TABLE patterns_fts USING fts5 (
            title, description, tags, author_name,
            content="patterns", tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO patterns_fts (patterns_fts) VALUES ('rebuild');
        ANALYZE;
    """)
    db.commit()
    db.close()
    os.replace(tmp, path)


def write_json(rows, path):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"patterns": rows}, f, ensure_ascii=False)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loaded", required=True)
    ap.add_argument("--sqlite", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--seq-from", required=True, help="the Stitchfork SQLite file the patterns were loaded into")
    a = ap.parse_args(argv)
    _, rows = read_loaded(a.loaded)
    src = sqlite3.connect(f"file:{a.seq_from}?mode=ro", uri=True)
    seqs = dict(src.execute("SELECT id, seq FROM patterns"))
    src.close()
    for p in rows:
        p["seq"] = seqs[p["id"]]
    write_sqlite(rows, a.sqlite)
    write_json(rows, a.json)
    print(f"export: {len(rows)} patterns -> {a.sqlite}, {a.json}", file=sys.stderr)


if __name__ == "__main__":
    main()

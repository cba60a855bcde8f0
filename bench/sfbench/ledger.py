"""The record of every write the server acknowledged, and the checks that none was lost.

A publish counts as acknowledged only when the client read the whole 201 response. Each is
later fetched with GET and compared field by field with the 201 body (the stable fields,
serialized the same way, so any byte that differs fails) and with what was sent.
"""
import json
import random
import sqlite3
import threading

# Fields a later GET must return exactly as the 201 did. (Like and fork counts, `liked`,
# `parent` and `updated_at` legitimately change afterwards.)
STABLE = ("id", "title", "description", "tags", "author_name", "product", "config", "content_hash",
          "parent_id", "root_id", "depth", "created_at", "preview_url", "cut_sheet_url")


def stable_bytes(pattern):
    return json.dumps({k: pattern.get(k) for k in STABLE}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


class Ledger:
    def __init__(self):
        self.acked = {}  # id -> (sent body, stable bytes of the 201)
        self.unchecked = []
        self.lock = threading.Lock()
        self.checked_total = 0

    def ack(self, sent, response):
        with self.lock:
            self.acked[response["id"]] = (sent, stable_bytes(response))
            self.unchecked.append(response["id"])

    def ids(self):
        with self.lock:
            return list(self.acked)

    def verify(self, client, sample_old=0, everything=False, rng=random):
        """GETs the acknowledged patterns not yet checked (or all), plus a sample of older ones.
        Returns a list of problems (empty = all intact)."""
        with self.lock:
            todo = list(self.acked) if everything else list(self.unchecked)
            if not everything and sample_old:
                older = list(self.acked.keys() - set(todo))
                todo += rng.sample(older, min(sample_old, len(older)))
            self.unchecked = []
        problems = []
        for pid in todo:
            sent, want = self.acked[pid]
            status, raw = client.request("GET", f"/api/v1/patterns/{pid}")
            if status != 200:
                problems.append(f"{pid}: acknowledged with 201, now GET -> {status} {raw[:200]!r}")
                continue
            got = json.loads(raw)
            if stable_bytes(got) != want:
                problems.append(f"{pid}: GET differs from the 201 body:\n  201: {want[:400]!r}\n  GET: "
                                f"{stable_bytes(got)[:400]!r}")
            for k in ("title", "description", "tags", "author_name", "parent_id"):
                if got.get(k) != sent.get(k):
                    problems.append(f"{pid}: {k} sent {sent.get(k)!r}, stored {got.get(k)!r}")
        self.checked_total += len(todo)
        return problems


def sqlite_checks(path):
    """integrity_check, foreign keys, the FTS index, and the counters kept in step with rows.
    Opened only while the server is down (it replays the WAL like the server would)."""
    problems = []
    db = sqlite3.connect(path)
    try:
        res = [r[0] for r in db.execute("PRAGMA integrity_check")]
        if res != ["ok"]:
            problems.append(f"integrity_check: {res[:5]}")
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"foreign_key_check: {fk[:5]}")
        try:
            db.execute("INSERT INTO patterns_fts (patterns_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as e:
            problems.append(f"FTS index: {e}")
        bad = db.execute("""SELECT p.id, p.fork_count, (SELECT COUNT(*) FROM patterns c WHERE c.parent_id = p.id)
                            FROM patterns p WHERE p.fork_count != (SELECT COUNT(*) FROM patterns c
                            WHERE c.parent_id = p.id) LIMIT 5""").fetchall()
        if bad:
            problems.append(f"fork_count out of step with the forks (id, count, forks): {bad}")
        bad = db.execute("""SELECT p.id, p.like_count FROM patterns p WHERE p.like_count !=
                            (SELECT COUNT(*) FROM likes l WHERE l.pattern_seq = p.seq) LIMIT 5""").fetchall()
        if bad:
            problems.append(f"like_count out of step with likes: {bad}")
    finally:
        db.rollback()
        db.close()
    return problems

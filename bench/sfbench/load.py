"""Publishes a plan (see `plan`) into a running Stitchfork through its public API, then likes.

Forks need their parent's id, so a pattern is published only after its parent; among the ready
ones the lowest plan index goes first, which keeps the publishing order close to the plan's.
Writes one JSON line per pattern: plan index, id and the server's 201 body (`--out`).
The server must run with STITCHFORK_PUBLISH_PER_MINUTE=0 and STITCHFORK_LIKE_PER_MINUTE=0.

    python3 -m sfbench.load --plan plan.jsonl --url http://127.0.0.1:8080 --out loaded.jsonl
"""
import argparse
import heapq
import json
import sys
import threading
import time

from .api import ApiError, Client


def read_plan(path):
    with open(path, encoding="utf-8") as f:
        meta = json.loads(f.readline())
        return meta, [json.loads(line) for line in f]


class Publisher:
    """Shared state of the publishing threads: the ready heap and the results."""

    def __init__(self, records, url):
        self.records, self.url = records, url
        self.children = {}
        for r in records:
            if r["parent"] is not None:
                self.children.setdefault(r["parent"], []).append(r["i"])
        self.ready = [r["i"] for r in records if r["parent"] is None]
        heapq.heapify(self.ready)
        self.ids = [None] * len(records)
        self.bodies = [None] * len(records)
        self.done = 0
        self.failed = None
        self.cv = threading.Condition()

    def worker(self):
        client = Client(self.url)
        while True:
            with self.cv:
                while not self.ready and self.done < len(self.records) and self.failed is None:
                    self.cv.wait()
                if self.failed is not None or not self.ready:
                    self.cv.notify_all()
                    return
                i = heapq.heappop(self.ready)
            r = self.records[i]
            body = {k: r[k] for k in ("title", "description", "tags", "author_name", "config")}
            if r["parent"] is not None:
                body["parent_id"] = self.ids[r["parent"]]
            try:
                status, resp = client.json("POST", "/api/v1/patterns", body)
            except ApiError as e:
                status, resp = None, str(e)
            with self.cv:
                if status != 201:
                    self.failed = f"plan #{i}: POST /api/v1/patterns -> {status}: {str(resp)[:500]}"
                    self.cv.notify_all()
                    return
                self.ids[i], self.bodies[i] = resp["id"], resp
                self.done += 1
                for c in self.children.get(i, []):
                    heapq.heappush(self.ready, c)
                self.cv.notify_all()


def publish_all(records, url, threads):
    pub = Publisher(records, url)
    started = time.monotonic()
    workers = [threading.Thread(target=pub.worker, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    last = 0
    while any(w.is_alive() for w in workers):
        time.sleep(1)
        if pub.done - last >= 10_000 or not any(w.is_alive() for w in workers):
            last = pub.done
            rate = pub.done / max(time.monotonic() - started, 1e-9)
            print(f"  published {pub.done}/{len(records)} ({rate:.0f}/s)", file=sys.stderr)
    if pub.failed:
        raise SystemExit(f"publishing failed: {pub.failed}")
    return pub


def like_all(records, ids, url, threads):
    """Applies each record's planned likes, one distinct visitor per like."""
    jobs = [(ids[r["i"]], k) for r in records for k in range(r["likes"])]
    lock = threading.Lock()
    errors = []

    def run(part):
        client = Client(url)
        for pid, k in part:
            status, raw = client.request("POST", f"/api/v1/patterns/{pid}/like",
                                         headers={"X-Visitor-Id": f"bench-visitor-{k:06d}"})
            if status != 200:
                with lock:
                    errors.append(f"like {pid} -> {status}: {raw[:200]!r}")
                return

    parts = [jobs[t::threads] for t in range(threads)]
    ts = [threading.Thread(target=run, args=(p,)) for p in parts]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise SystemExit(f"liking failed: {errors[0]}")
    return len(jobs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plan", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=8)
    a = ap.parse_args(argv)
    meta, records = read_plan(a.plan)
    t0 = time.monotonic()
    pub = publish_all(records, a.url, a.threads)
    t1 = time.monotonic()
    likes = like_all(records, pub.ids, a.url, a.threads)
    t2 = time.monotonic()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"meta": meta["meta"], "ids": {k: pub.ids[v] for k, v in meta["meta"].items()
                                                          if k != "families"}}) + "\n")
        for r in records:
            f.write(json.dumps({"i": r["i"], "likes": r["likes"], "pattern": pub.bodies[r["i"]]},
                               ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"load: {len(records)} patterns in {t1 - t0:.0f}s ({len(records) / (t1 - t0):.0f}/s), "
          f"{likes} likes in {t2 - t1:.0f}s -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
